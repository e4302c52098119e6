package api_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/sandbox"
)

// simulated makes the client's backoff advance the sandbox's clock instead
// of sleeping, and records each wait.
type simulated struct {
	e     *env
	mu    sync.Mutex
	waits []time.Duration
}

func simulate(e *env, c *api.Client) *simulated {
	s := &simulated{e: e}
	api.SetSleep(c, func(ctx context.Context, d time.Duration) error {
		s.mu.Lock()
		s.waits = append(s.waits, d)
		s.mu.Unlock()
		e.clock.Advance(d)
		return ctx.Err()
	})
	return s
}

func (s *simulated) total() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	var sum time.Duration
	for _, w := range s.waits {
		sum += w
	}
	return sum
}

func (s *simulated) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.waits)
}

// confirmed counts the confirmation emails to email.
func confirmed(e *env, email string) int {
	n := 0
	for _, m := range e.sb.Outbox() {
		if m.Kind == "confirmation" && m.To == email {
			n++
		}
	}
	return n
}

// A connection blip of 0.35 s right after the server booked (the reply is
// lost, and the retries that follow cannot connect): the confirm keeps
// retrying with its key until the network is back, and books once.
func TestConfirmOutlastsAConnectionBlip(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	sim := simulate(e, c)
	b := free(t, c, 1, 1)[0]
	h := b.hold(t, c)
	e.sb.InjectFault(sandbox.Fault{Method: "POST", Path: "/api/v1/appointments/confirm", DropAfterProcessing: true})
	e.blip("/api/v1/appointments/confirm", 350*time.Millisecond)

	a, err := c.Confirm(t.Context(), api.ConfirmRequest{HoldID: h.ID, Contact: dana("blip")})
	if err != nil {
		t.Fatalf("confirm through a 0.35 s blip: %v (waited %v over %d retries)", err, sim.total(), sim.count())
	}
	if sim.total() < 350*time.Millisecond {
		t.Errorf("waited %v in all, less than the blip", sim.total())
	}
	if n := confirmed(e, "dana+blip@example.com"); n != 1 || a.ID == "" {
		t.Errorf("%d confirmation emails for %q, want 1", n, a.ID)
	}
}

// The first attempts fail with 503 for 0.35 s of backoff: more attempts
// than the old three, within the budget.
func TestConfirmRetriesPastThreeAttempts(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	sim := simulate(e, c)
	b := free(t, c, 1, 1)[0]
	h := b.hold(t, c)
	e.sb.InjectFault(sandbox.Fault{Method: "POST", Path: "/api/v1/appointments/confirm", Status: 503, Times: 3})
	if _, err := c.Confirm(t.Context(), api.ConfirmRequest{HoldID: h.ID, Contact: dana("three")}); err != nil {
		t.Fatalf("confirm after three 503s: %v", err)
	}
	if n := sim.count(); n != 3 {
		t.Errorf("%d retries, want 3", n)
	}
	if got := sim.total(); got < 350*time.Millisecond {
		t.Errorf("three backoffs took %v, want at least 0.35 s (half of 200+400+800 ms)", got)
	}
}

// A call that keeps failing stops when its next wait would overrun the
// budget: 10 s for writes, 5 s for reads.
func TestRetriesStopAtTheBudget(t *testing.T) {
	for _, tc := range []struct {
		name   string
		budget time.Duration
		fault  sandbox.Fault
		call   func(context.Context, *api.Client) error
	}{
		{"write", api.DefaultWriteRetryBudget,
			sandbox.Fault{Method: "POST", Path: "/api/v1/appointments/confirm", Status: 503, Times: 1000},
			func(ctx context.Context, c *api.Client) error {
				_, err := c.Confirm(ctx, api.ConfirmRequest{HoldID: "h_x", Contact: dana("budget")})
				return err
			}},
		{"read", api.DefaultReadRetryBudget,
			sandbox.Fault{Method: "GET", Path: "/api/v1/services", Status: 503, Times: 1000},
			func(ctx context.Context, c *api.Client) error {
				_, err := c.Services(ctx)
				return err
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			c := e.client()
			sim := simulate(e, c)
			e.sb.InjectFault(tc.fault)
			err := tc.call(t.Context(), c)
			if e := (*api.Error)(nil); !errors.As(err, &e) || e.Status != http.StatusServiceUnavailable {
				t.Fatalf("err = %v, want the server's 503", err)
			}
			// A write's 503 may have acted: its retries leave it unsure.
			if got, want := api.EarlierAttemptUnsure(err), tc.name == "write"; got != want {
				t.Errorf("EarlierAttemptUnsure = %v, want %v", got, want)
			}
			// Equal jitter: each wait is at least half its ceiling, and the
			// ceiling is at most 5 s, so the budget is spent to within 5 s.
			if got := sim.total(); got > tc.budget || got < tc.budget-5*time.Second {
				t.Errorf("waited %v over %d retries; want within 5 s under the %v budget", got, sim.count(), tc.budget)
			}
		})
	}
}

// The caller's deadline bounds the retries too: a wait that would outlast
// it is not started, and the server's error comes back, not a bare
// deadline.
func TestRetriesStopAtTheCallersDeadline(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	sim := simulate(e, c)
	e.sb.InjectFault(sandbox.Fault{Method: "GET", Path: "/api/v1/services", Status: 503, Times: 1000})
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Services(ctx)
	if !api.IsOutcomeUnknown(err) || sim.count() != 0 {
		t.Errorf("err = %v after %d retries; want the 503 at once (the first wait is at least 100 ms)", err, sim.count())
	}
}

// A read that meets a passing 500 is tried again; a write's 500 is not
// (it may have acted).
func TestRetryOnInternalError(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	sim := simulate(e, c)
	e.sb.InjectFault(sandbox.Fault{Method: "GET", Path: "/api/v1/services", Status: 500, Times: 1})
	if _, err := c.Services(t.Context()); err != nil {
		t.Fatalf("services after a 500: %v", err)
	}
	if sim.count() != 1 {
		t.Errorf("%d retries, want 1", sim.count())
	}

	b := free(t, c, 1, 1)[0]
	h := b.hold(t, c)
	e.sb.InjectFault(sandbox.Fault{Method: "POST", Path: "/api/v1/appointments/confirm", Status: 500, Times: 1})
	before := sim.count()
	_, err := c.Confirm(t.Context(), api.ConfirmRequest{HoldID: h.ID, Contact: dana("five")})
	if err == nil {
		t.Fatal("a confirm's 500 was retried into a booking")
	}
	if api.EarlierAttemptUnsure(err) {
		t.Error("a confirm tried once is said unsure of an earlier attempt")
	}
	if sim.count() != before {
		t.Errorf("a confirm's 500 was retried %d times", sim.count()-before)
	}
}
