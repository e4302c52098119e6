package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zimun-app/zimun/model"
)

const orgJSON = `{"id":"o_1","name":"Clinic","timezone":"Europe/Paris"}`

func TestTokenGrantedOnceAndSentAsBearer(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("Authorization"); got != "Bearer t1" {
			t.Errorf("Authorization = %q", got)
		}
		if got := r.Header.Get("User-Agent"); got != "zimun/test (+https://github.com/zimun-app/zimun)" {
			t.Errorf("User-Agent = %q", got)
		}
		if got := r.Header.Get("Accept"); got != "application/json" {
			t.Errorf("Accept = %q", got)
		}
		writeJSON(w, 200, orgJSON)
	})
	c := f.client()
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if _, err := c.Organization(t.Context()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := f.grants.Load(); n != 1 {
		t.Errorf("token grants = %d, want 1", n)
	}
}

func TestUnauthorizedRefetchesTokenAndRetriesOnce(t *testing.T) {
	var calls atomic.Int32
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if bearer(r) == "t1" {
			writeJSON(w, 401, `{"error":{"code":"unauthorized","message":"token revoked"}}`)
			return
		}
		writeJSON(w, 200, orgJSON)
	})
	c := f.client()
	if _, err := c.Organization(t.Context()); err != nil {
		t.Fatal(err)
	}
	if g, n := f.grants.Load(), calls.Load(); g != 2 || n != 2 {
		t.Errorf("grants = %d, calls = %d; want 2 and 2", g, n)
	}
}

func TestUnauthorizedTwiceGivesUp(t *testing.T) {
	var calls atomic.Int32
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		writeJSON(w, 401, `{"error":{"code":"unauthorized","message":"no"}}`)
	})
	_, err := f.client().Organization(t.Context())
	if !IsUnauthorized(err) {
		t.Fatalf("err = %v, want unauthorized", err)
	}
	if g, n := f.grants.Load(), calls.Load(); g != 2 || n != 2 {
		t.Errorf("grants = %d, calls = %d; want 2 and 2", g, n)
	}
}

func TestConcurrentUnauthorizedCauseOneRefetch(t *testing.T) {
	var refused sync.WaitGroup
	refused.Add(10)
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if bearer(r) == "t1" {
			refused.Done()
			refused.Wait() // every call holds t1 before any is refused
			writeJSON(w, 401, `{"error":{"code":"unauthorized","message":"revoked"}}`)
			return
		}
		writeJSON(w, 200, orgJSON)
	})
	c := f.client()
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if _, err := c.Organization(t.Context()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if g := f.grants.Load(); g != 2 {
		t.Errorf("token grants = %d, want 2", g)
	}
}

func TestRetriesReadsOnGatewayErrors(t *testing.T) {
	var calls atomic.Int32
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		switch calls.Add(1) {
		case 1:
			writeJSON(w, 502, `{"error":{"code":"upstream","message":"bad gateway"}}`)
		case 2:
			writeJSON(w, 504, ``)
		default:
			writeJSON(w, 200, orgJSON)
		}
	})
	if _, err := f.client().Organization(t.Context()); err != nil {
		t.Fatal(err)
	}
	s := f.sleeps()
	if len(s) != 2 || s[0] >= backoffBase || s[1] >= 2*backoffBase || s[0] < backoffBase/2 || s[1] < backoffBase {
		t.Errorf("backoff sleeps = %v, want equal jitter in [100ms, 200ms) then [200ms, 400ms)", s)
	}
}

func TestRetriesAreBounded(t *testing.T) {
	var calls atomic.Int32
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		writeJSON(w, 503, `{"error":{"code":"service_unavailable","message":"down for maintenance"}}`)
	})
	_, err := f.client().Organization(t.Context())
	var e *Error
	if !errors.As(err, &e) || e.Status != 503 || e.Message != "down for maintenance" {
		t.Fatalf("err = %#v", err)
	}
	if n := int(calls.Load()); n != len(f.sleeps())+1 || n < 5 || total(f.sleeps()) > DefaultReadRetryBudget {
		t.Errorf("attempts = %d after waiting %v; want 5 or more within %v", n, total(f.sleeps()), DefaultReadRetryBudget)
	}
	calls.Store(0)
	_, err = f.client(func(c *Config) { c.MaxRetries = 5 }).Organization(t.Context())
	if err == nil || calls.Load() != 5 {
		t.Errorf("MaxRetries 5: attempts = %d, err = %v", calls.Load(), err)
	}
}

func TestNoRetryOnClientErrors(t *testing.T) {
	for _, status := range []int{400, 403, 404, 409, 410, 422} {
		var calls atomic.Int32
		f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			writeJSON(w, status, `{"error":{"code":"x","message":"no"}}`)
		})
		_, err := f.client().Organization(t.Context())
		if err == nil || calls.Load() != 1 {
			t.Errorf("%d: attempts = %d, err = %v; want 1 attempt", status, calls.Load(), err)
		}
	}
}

// A GET's 500 is tried once more, no more: a lasting one is a bug.
func TestOneRetryOnInternalError(t *testing.T) {
	var calls atomic.Int32
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		writeJSON(w, 500, `{"error":{"code":"x","message":"no"}}`)
	})
	if _, err := f.client().Organization(t.Context()); err == nil || calls.Load() != 2 {
		t.Errorf("attempts = %d, err = %v; want 2 attempts and the error", calls.Load(), err)
	}
}

func TestRateLimitHonoursRetryAfter(t *testing.T) {
	serverNow := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	for _, tc := range []struct {
		name, header string
		want         time.Duration
	}{
		{"seconds", "2", 2 * time.Second},
		{"http date", serverNow.Add(3 * time.Second).Format(http.TimeFormat), 3 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var calls atomic.Int32
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) == 1 {
					w.Header().Set("Date", serverNow.Format(http.TimeFormat))
					w.Header().Set("Retry-After", tc.header)
					writeJSON(w, 429, `{"error":{"code":"rate_limited","message":"slow down"}}`)
					return
				}
				writeJSON(w, 200, orgJSON)
			})
			if _, err := f.client().Organization(t.Context()); err != nil {
				t.Fatal(err)
			}
			if s := f.sleeps(); len(s) != 1 || s[0] != tc.want {
				t.Errorf("sleeps = %v, want [%v]", s, tc.want)
			}
		})
	}
}

// A Retry-After longer than the call's budget is not waited out: the 429
// comes back at once, with the wait for the caller to show.
func TestRateLimitBeyondTheBudget(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		writeJSON(w, 429, `{"error":{"code":"rate_limited","message":"slow down"}}`)
	})
	_, err := f.client().Organization(t.Context())
	e, ok := asError(err)
	if !IsRateLimited(err) || !ok || e.RetryAfter != 120*time.Second || len(f.sleeps()) != 0 {
		t.Fatalf("err = %#v after sleeping %v; want the 429 at once", err, f.sleeps())
	}
	if maxRetryWait > DefaultWriteRetryBudget {
		_, err = f.client(func(c *Config) { c.ReadRetryBudget = time.Minute }).Organization(t.Context())
		if s := f.sleeps(); !IsRateLimited(err) || len(s) == 0 || s[0] != maxRetryWait {
			t.Errorf("with a 1-minute budget: sleeps %v, want the Retry-After capped at %v", s, maxRetryWait)
		}
	}
}

func TestRateLimitErrorCarriesRetryAfter(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3")
		writeJSON(w, 429, `{"error":{"code":"rate_limited","message":"slow down"}}`)
	})
	_, err := f.client(func(c *Config) { c.MaxRetries = 1 }).Organization(t.Context())
	e, ok := asError(err)
	if !IsRateLimited(err) || !ok || e.RetryAfter != 3*time.Second {
		t.Fatalf("err = %#v", err)
	}
}

func TestWritesReuseIdempotencyKeyAcrossRetries(t *testing.T) {
	var (
		mu     sync.Mutex
		keys   []string
		bodies []string
	)
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		keys = append(keys, r.Header.Get("Idempotency-Key"))
		bodies = append(bodies, string(b))
		n := len(keys)
		mu.Unlock()
		switch n {
		case 1:
			writeJSON(w, 503, ``)
		case 2: // processed, but the answer is lost
			conn, _, _ := http.NewResponseController(w).Hijack()
			conn.Close()
		default:
			writeJSON(w, 201, `{"appointment_id":"a_1","status":"confirmed"}`)
		}
	})
	c := f.client()
	if _, err := c.Confirm(t.Context(), ConfirmRequest{HoldID: "h_1", Contact: contact()}); err != nil {
		t.Fatal(err)
	}
	if len(keys) != 3 || keys[0] == "" || keys[0] != keys[1] || keys[1] != keys[2] {
		t.Errorf("keys = %q, want one key on all three attempts", keys)
	}
	if bodies[0] == "" || bodies[0] != bodies[1] || bodies[1] != bodies[2] {
		t.Errorf("bodies differ between attempts: %q", bodies)
	}

	keys = nil
	if _, err := c.Confirm(t.Context(), ConfirmRequest{HoldID: "h_1", Contact: contact(), IdempotencyKey: "mine"}); err != nil {
		t.Fatal(err)
	}
	if keys[0] != "mine" {
		t.Errorf("key = %q, want the caller's", keys[0])
	}
}

func TestNetworkErrorsAndCancellation(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		conn, _, _ := http.NewResponseController(w).Hijack()
		conn.Close()
	})
	c := f.client()
	_, err := c.Organization(t.Context())
	if !IsNetwork(err) {
		t.Fatalf("dropped connection: err = %v, want network", err)
	}
	if s := f.sleeps(); len(s) < 4 || total(s) > DefaultReadRetryBudget {
		t.Errorf("sleeps = %v, want retries for up to %v", s, DefaultReadRetryBudget)
	}

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = c.Organization(ctx)
	if !errors.Is(err, context.Canceled) || IsNetwork(err) {
		t.Errorf("cancelled: err = %v; want context.Canceled and not network", err)
	}
}

func TestAttemptTimeoutIsNetworkAndRetried(t *testing.T) {
	var calls atomic.Int32
	var slow atomic.Bool
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 || slow.Load() {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		writeJSON(w, 200, orgJSON)
	})
	c := f.client(func(c *Config) { c.RequestTimeout = 100 * time.Millisecond })
	if _, err := c.Organization(t.Context()); err != nil {
		t.Fatalf("err = %v, want success after a timed-out attempt", err)
	}

	slow.Store(true)
	_, err := c.Organization(t.Context())
	if !IsNetwork(err) || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("err = %v, want a network timeout", err)
	}
}

func TestBodyCap(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":"o_1","name":"%s"}`, strings.Repeat("x", maxBody))
	})
	_, err := f.client().Organization(t.Context())
	if !errors.Is(err, ErrResponseTooLarge) {
		t.Errorf("err = %v, want ErrResponseTooLarge", err)
	}
}

func TestClockSkewFromDateHeader(t *testing.T) {
	local := time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		server   time.Time     // the server's true clock when it answers
		skew     time.Duration // what the client should measure
		deadline time.Duration // local deadline minus local now
	}{
		// Date has one-second resolution: the later bound is taken, so the
		// countdown can only err on the short side.
		{"server ahead", local.Add(3 * time.Minute), 3*time.Minute + time.Second, 10*time.Minute - time.Second},
		{"server behind", local.Add(-2*time.Minute - 300*time.Millisecond), -2 * time.Minute, 10*time.Minute - 300*time.Millisecond},
		{"same second", local.Add(400 * time.Millisecond), 0, 10*time.Minute + 400*time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Date", tc.server.Format(http.TimeFormat))
				switch r.URL.Path {
				case "/api/v1/appointments/hold":
					writeJSON(w, 201, fmt.Sprintf(`{"hold_id":"h_1","status":"held","expires_at":%q}`,
						tc.server.Add(10*time.Minute).Format(time.RFC3339Nano)))
				default:
					writeJSON(w, 200, orgJSON)
				}
			})
			c := f.client(func(c *Config) { c.Now = func() time.Time { return local } })
			h, err := c.Hold(t.Context(), HoldRequest{ServiceID: "s_1", Time: local.Add(time.Hour), DurationMinutes: 30})
			if err != nil {
				t.Fatal(err)
			}
			if got := c.ClockSkew(); got != tc.skew {
				t.Errorf("ClockSkew = %v, want %v", got, tc.skew)
			}
			if got := c.ServerNow(); !got.Equal(local.Add(tc.skew)) {
				t.Errorf("ServerNow = %v, want %v", got, local.Add(tc.skew))
			}
			if !h.ExpiresAt.Equal(tc.server.Add(10 * time.Minute)) {
				t.Errorf("ExpiresAt = %v, want the server's", h.ExpiresAt)
			}
			if got := h.Deadline.Sub(local); got != tc.deadline {
				t.Errorf("Deadline is %v ahead, want %v (local clock)", got, tc.deadline)
			}
		})
	}
}

func TestHoldWithoutExpiryUsesTTL(t *testing.T) {
	local := time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 201, `{"hold_id":"h_1"}`)
	})
	c := f.client(func(c *Config) { c.Now = func() time.Time { return local } })
	h, err := c.Hold(t.Context(), HoldRequest{ServiceID: "s_1", Time: local, DurationMinutes: 30})
	if err != nil {
		t.Fatal(err)
	}
	if want := local.Add(10 * time.Minute); !h.Deadline.Equal(want) || h.Status != "held" || h.ServiceID != "s_1" {
		t.Errorf("hold = %+v, want deadline %v", h, want)
	}
}

func TestDefaultTransport(t *testing.T) {
	c, err := New(t.Context(), Config{ClientID: "a", ClientSecret: "b"})
	if err != nil {
		t.Fatal(err)
	}
	tr, ok := c.http.Transport.(*http.Transport)
	if !ok || tr.MaxIdleConnsPerHost != 64 || tr == http.DefaultTransport {
		t.Errorf("transport = %#v", c.http.Transport)
	}
	if c.baseURL != DefaultBaseURL {
		t.Errorf("baseURL = %q", c.baseURL)
	}
}

func TestBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://api.zimun.online":         "https://api.zimun.online",
		"https://api.zimun.online/":        "https://api.zimun.online",
		"https://api.zimun.online/api/v1":  "https://api.zimun.online",
		"https://api.zimun.online/api/v1/": "https://api.zimun.online",
		"http://127.0.0.1:8080/zimun":      "http://127.0.0.1:8080/zimun",
	} {
		if got, err := normalizeBaseURL(in); err != nil || got != want {
			t.Errorf("normalizeBaseURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"api.zimun.online", "ftp://x", "http://"} {
		if _, err := normalizeBaseURL(bad); err == nil {
			t.Errorf("normalizeBaseURL(%q) accepted", bad)
		}
	}
	if _, err := New(t.Context(), Config{ClientID: "a"}); err == nil {
		t.Error("New without a secret succeeded")
	}
}

// A token endpoint that cannot be reached is a network error, and retried.
func TestTokenEndpointUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c, err := New(t.Context(), Config{BaseURL: "http://" + addr, ClientID: "a", ClientSecret: "b"})
	if err != nil {
		t.Fatal(err)
	}
	var slept []time.Duration
	c.sleep = func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil }
	_, err = c.Organization(t.Context())
	if !IsNetwork(err) || len(slept) < 4 || total(slept) > DefaultReadRetryBudget {
		t.Errorf("err = %v after sleeping %v; want a network error after retries for up to %v", err, slept, DefaultReadRetryBudget)
	}
}

// A sign-in that fails sends nothing: a confirm behind it did not happen,
// so its outcome is known, not unknown.
func TestFailedSignInIsNotAnUnknownOutcome(t *testing.T) {
	var calls int
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) { calls++ })
	f.token = func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) }
	c := f.client(func(c *Config) { c.MaxRetries = 1 })
	_, err := c.Confirm(t.Context(), ConfirmRequest{HoldID: "h_1", Contact: model.Contact{Name: "Ada", Email: "ada@example.com"}, IdempotencyKey: "k"})
	if err == nil || IsOutcomeUnknown(err) || calls != 0 {
		t.Fatalf("err = %v (unknown %v), %d calls reached the API", err, IsOutcomeUnknown(err), calls)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c, err = New(t.Context(), Config{BaseURL: "http://" + addr, ClientID: "a", ClientSecret: "b", MaxRetries: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Confirm(t.Context(), ConfirmRequest{HoldID: "h_1", Contact: model.Contact{Name: "Ada", Email: "ada@example.com"}, IdempotencyKey: "k"})
	if !IsNetwork(err) || IsOutcomeUnknown(err) {
		t.Fatalf("unreachable sign-in: err = %v, unknown %v", err, IsOutcomeUnknown(err))
	}
}
