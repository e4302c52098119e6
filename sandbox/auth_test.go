package sandbox_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/sandbox"
)

func TestToken(t *testing.T) {
	e := newEnv(t, sandbox.Options{})

	t.Run("basic auth", func(t *testing.T) {
		r := postToken(t, e, "grant_type=client_credentials", "demo-client", "demo-secret")
		var tok map[string]any
		r.decode(t, &tok)
		if r.status != 200 || tok["access_token"] == "" || tok["token_type"] != "Bearer" || tok["expires_in"] != 3600.0 ||
			tok["scope"] != "org:read availability:read appointments:read appointments:write" {
			t.Fatalf("%d %s", r.status, r.body)
		}
	})
	t.Run("form credentials", func(t *testing.T) {
		r := postToken(t, e, "grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret", "", "")
		if r.status != 200 {
			t.Fatalf("%d %s", r.status, r.body)
		}
	})
	t.Run("narrowed scope", func(t *testing.T) {
		r := postToken(t, e, "grant_type=client_credentials&scope=org:read+admin", "demo-client", "demo-secret")
		var tok map[string]any
		r.decode(t, &tok)
		if tok["scope"] != "org:read" {
			t.Fatalf("%s", r.body)
		}
	})
	for _, tc := range []struct {
		name, form, user, pass string
		status                 int
		code                   string
	}{
		{"wrong secret", "grant_type=client_credentials", "demo-client", "nope", 401, "invalid_client"},
		{"unknown client", "grant_type=client_credentials", "who", "demo-secret", 401, "invalid_client"},
		{"no credentials", "grant_type=client_credentials", "", "", 401, "invalid_client"},
		{"other grant", "grant_type=password", "demo-client", "demo-secret", 400, "unsupported_grant_type"},
		{"no grant", "", "demo-client", "demo-secret", 400, "invalid_request"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := postToken(t, e, tc.form, tc.user, tc.pass)
			var body struct {
				Error       string `json:"error"`
				Description string `json:"error_description"`
			}
			r.decode(t, &body)
			if r.status != tc.status || body.Error != tc.code || body.Description == "" {
				t.Fatalf("%d %s, want %d %s", r.status, r.body, tc.status, tc.code)
			}
		})
	}
	if got := e.s.TokenCount(); got != 4 { // newEnv, basic, form, narrowed
		t.Errorf("TokenCount = %d, want 4", got)
	}
}

func TestAuthRefusals(t *testing.T) {
	e := newEnv(t, sandbox.Options{})

	r := e.callAs("", "GET", "/api/v1/organization", nil)
	wantError(t, r, 401, "unauthorized")
	if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("WWW-Authenticate = %q", r.header.Get("WWW-Authenticate"))
	}
	wantError(t, e.callAs("garbage", "GET", "/api/v1/organization", nil), 401, "unauthorized")

	t.Run("expiry follows the injected clock", func(t *testing.T) {
		tok := e.tokenFor("demo-client", "demo-secret")
		e.clock.Advance(59 * time.Minute)
		if r := e.callAs(tok, "GET", "/api/v1/organization", nil); r.status != 200 {
			t.Fatalf("before expiry: %d", r.status)
		}
		e.clock.Advance(time.Minute)
		r := e.callAs(tok, "GET", "/api/v1/organization", nil)
		if msg := wantError(t, r, 401, "unauthorized"); !strings.Contains(msg, "expired") {
			t.Errorf("message %q does not say expired", msg)
		}
		e.clock.Set(t0)
	})

	t.Run("revoke", func(t *testing.T) {
		tok := e.tokenFor("demo-client", "demo-secret")
		e.s.RevokeTokens()
		wantError(t, e.callAs(tok, "GET", "/api/v1/organization", nil), 401, "unauthorized")
		e.token = e.tokenFor("demo-client", "demo-secret")
	})

	t.Run("scopes", func(t *testing.T) {
		e.s.AddClient("viewer", "pw", "org:read", "appointments:read")
		tok := e.tokenFor("viewer", "pw")
		if r := e.callAs(tok, "GET", "/api/v1/services", nil); r.status != 200 {
			t.Fatalf("services: %d", r.status)
		}
		if r := e.callAs(tok, "GET", "/api/v1/appointments", nil); r.status != 200 {
			t.Fatalf("appointments: %d", r.status)
		}
		r := e.callAs(tok, "POST", "/api/v1/appointments/hold", holdBody(e.consult, e.paris, t0.Add(24*time.Hour)))
		wantError(t, r, 403, "insufficient_scope")
		if !strings.Contains(r.header.Get("WWW-Authenticate"), "insufficient_scope") {
			t.Errorf("WWW-Authenticate = %q", r.header.Get("WWW-Authenticate"))
		}
		wantError(t, e.callAs(tok, "GET", "/api/v1/availability?service_id="+e.consult.ID, nil), 403, "insufficient_scope")
	})
}

func TestRoutingAndHeaders(t *testing.T) {
	e := newEnv(t, sandbox.Options{})

	r := e.call("GET", "/api/v1/organization", nil)
	var org struct{ ID, Name, Timezone string }
	r.decode(t, &org)
	if org.ID != e.s.OrganizationID() || org.Name == "" || org.Timezone != "Europe/Paris" {
		t.Errorf("organization %s", r.body)
	}
	if got := r.header.Get("Date"); got != t0.Format(http.TimeFormat) {
		t.Errorf("Date = %q, want the injected clock %q", got, t0.Format(http.TimeFormat))
	}
	if r.header.Get("X-Request-Id") == "" {
		t.Error("no X-Request-Id")
	}

	wantError(t, e.call("GET", "/api/v1/nothing", nil), 404, "not_found")
	wantError(t, e.callAs("", "GET", "/nothing", nil), 404, "not_found")
	r = e.call("PUT", "/api/v1/appointments/hold", "{}")
	wantError(t, r, 405, "method_not_allowed")
	if r.header.Get("Allow") != "POST" {
		t.Errorf("Allow = %q", r.header.Get("Allow"))
	}
	wantError(t, e.call("POST", "/api/v1/appointments/confirm", strings.Repeat(" ", 2<<20)), 413, "payload_too_large")
	wantError(t, e.call("POST", "/api/v1/appointments/confirm", "{not json"), 400, "invalid_request")

	e.s.DisableRoute("appointments.list")
	e.s.DisableRoute("hold.release")
	wantError(t, e.call("GET", "/api/v1/appointments", nil), 404, "not_found")
	wantError(t, e.call("DELETE", "/api/v1/appointments/hold/h_x", nil), 404, "not_found")
	if r := e.call("GET", "/api/v1/services", nil); r.status != 200 {
		t.Errorf("services after disabling others: %d", r.status)
	}

	stats := e.s.Stats()
	if stats.TokenGrants != 1 || stats.Requests["GET /api/v1/organization"] != 1 || stats.Requests["GET /api/v1/appointments"] != 1 {
		t.Errorf("stats %+v", stats)
	}
}

func TestInjectedFaults(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	e.s.InjectFault(sandbox.Fault{Method: "GET", Path: "/api/v1/services", Status: 429, RetryAfter: "2", Times: 2})
	for range 2 {
		r := e.call("GET", "/api/v1/services", nil)
		wantError(t, r, 429, "rate_limited")
		if r.header.Get("Retry-After") != "2" {
			t.Errorf("Retry-After = %q", r.header.Get("Retry-After"))
		}
	}
	if r := e.call("GET", "/api/v1/services", nil); r.status != 200 {
		t.Fatalf("after the fault ran out: %d", r.status)
	}

	e.s.InjectFault(sandbox.Fault{Path: "/api/v1/appointments/hold", Status: 503})
	start := e.freeSlots(e.consult, e.paris, 2)[0].Start
	wantError(t, e.call("POST", "/api/v1/appointments/hold", holdBody(e.consult, e.paris, start)), 503, "service_unavailable")
	if left, _ := e.hasSlot(e.consult, e.paris, start); left != 2 {
		t.Fatalf("a faulted hold was processed: %d left", left)
	}
}

// TestDroppedReply: the server books, the reply is lost, and the client's
// retry with the same Idempotency-Key gets the original answer, not a
// second booking.
func TestDroppedReply(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	h := e.hold(e.consult, e.paris, e.freeSlots(e.consult, e.paris, 1)[0].Start)
	e.s.InjectFault(sandbox.Fault{Method: "POST", Path: "/api/v1/appointments/confirm", DropAfterProcessing: true})
	body := map[string]any{"hold_id": h.HoldID, "contact_name": "Dana Lee", "contact_email": "dana@example.com"}

	// A fresh connection: on a reused one, net/http itself would retry a
	// POST that carries an Idempotency-Key and hide the lost reply.
	fresh := &http.Client{Transport: &http.Transport{}}
	if _, err := e.sendVia(fresh, e.token, "POST", "/api/v1/appointments/confirm", body, "Idempotency-Key", "k1"); err == nil {
		t.Fatal("the reply was not dropped")
	}
	r := e.call("POST", "/api/v1/appointments/confirm", body, "Idempotency-Key", "k1")
	var a appt
	r.decode(t, &a)
	if r.status != 201 || a.AppointmentID == "" || r.header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("retry: %d %s", r.status, r.body)
	}
	if n := len(e.s.Outbox()); n != 1 {
		t.Errorf("%d emails, want one confirmation", n)
	}
	// Without the key, the retry is a second confirm of a used hold.
	wantError(t, e.call("POST", "/api/v1/appointments/confirm", body), 409, "hold_already_confirmed")
}

func TestRateLimitAnswer(t *testing.T) {
	e := newEnv(t, sandbox.Options{RateLimit: 5})
	// The limiter allows a burst of 10 per token; well past it, one of
	// these must be refused with a Retry-After.
	var limited *response
	for range 100 {
		r := e.call("GET", "/api/v1/organization", nil)
		if r.status == 429 {
			limited = &r
			break
		}
	}
	if limited == nil {
		t.Fatal("100 quick requests never met the rate limit")
	}
	wantError(t, *limited, 429, "rate_limited")
	if limited.header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	var body map[string]any
	if json.Unmarshal(limited.body, &body) != nil {
		t.Error("429 body is not JSON")
	}
}

func TestRateLimitOff(t *testing.T) {
	e := newEnv(t, sandbox.Options{RateLimit: -1})
	for i := range 300 {
		if r := e.call("GET", "/api/v1/organization", nil); r.status != 200 {
			t.Fatalf("request %d: status %d with the limit off", i, r.status)
		}
	}
}
