package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A client without org:read, or a server without GET /organization,
// still holds: organization_id is left out, and asked for only once.
func TestHoldWithoutOrganization(t *testing.T) {
	for _, status := range []int{http.StatusForbidden, http.StatusNotFound} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			var rec recorder
			var orgCalls atomic.Int32
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/api/v1/organization" {
					orgCalls.Add(1)
					writeJSON(w, status, `{"error":{"code":"insufficient_scope","message":"needs org:read"}}`)
					return
				}
				rec.add(r)
				writeJSON(w, 201, `{"hold_id":"h_1"}`)
			})
			c := f.client(func(c *Config) { c.OrganizationID = "" })
			when := time.Date(2025, 12, 1, 10, 0, 0, 0, time.UTC)
			for range 2 {
				if _, err := c.Hold(t.Context(), HoldRequest{ServiceID: "s_1", Time: when, DurationMinutes: 30}); err != nil {
					t.Fatal(err)
				}
			}
			for _, got := range rec.all() {
				if strings.Contains(got, "organization_id") {
					t.Errorf("sent %s", got)
				}
			}
			if n := orgCalls.Load(); n != 1 {
				t.Errorf("organization asked %d times, want once", n)
			}
		})
	}
}

// A network error looking up the organisation fails the hold and is asked
// again next time.
func TestOrganizationNetworkErrorIsNotCached(t *testing.T) {
	var down atomic.Bool
	down.Store(true)
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/organization" {
			if down.Load() {
				hj, _ := w.(http.Hijacker)
				conn, _, _ := hj.Hijack()
				conn.Close()
				return
			}
			writeJSON(w, 200, `{"id":"o_7"}`)
			return
		}
		if b, _ := io.ReadAll(r.Body); !strings.Contains(string(b), `"organization_id":"o_7"`) {
			t.Error("hold sent without the organisation")
		}
		writeJSON(w, 201, `{"hold_id":"h_1"}`)
	})
	c := f.client(func(c *Config) { c.OrganizationID = ""; c.MaxRetries = 1 })
	req := HoldRequest{ServiceID: "s_1", Time: time.Date(2025, 12, 1, 10, 0, 0, 0, time.UTC), DurationMinutes: 30}
	if _, err := c.Hold(t.Context(), req); !IsNetwork(err) {
		t.Fatalf("first hold: err = %v, want a network error", err)
	}
	down.Store(false)
	if _, err := c.Hold(t.Context(), req); err != nil {
		t.Fatal(err)
	}
}

// Odd optional timestamps cost only themselves.
func TestBadOptionalTimestampsAreZero(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/v1/appointments/hold":
			writeJSON(w, 201, `{"hold_id":"h_1","expires_at":"in ten minutes"}`)
		default:
			writeJSON(w, 200, `{"appointment_id":"a_1","status":"confirmed","appointment_time":"2025-12-01T10:00:00Z",
				"created_at":"yesterday","updated_at":1733047200,"cancelled_at":"never"}`)
		}
	})
	local := time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)
	c := f.client(func(c *Config) { c.Now = func() time.Time { return local } })
	h, err := c.Hold(t.Context(), HoldRequest{ServiceID: "s_1", Time: local.Add(time.Hour), DurationMinutes: 30})
	if err != nil {
		t.Fatal(err)
	}
	if want := local.Add(10 * time.Minute); !h.Deadline.Equal(want) {
		t.Errorf("deadline = %v, want the default TTL %v", h.Deadline, want)
	}
	a, err := c.Appointment(t.Context(), "a_1")
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != "a_1" || !a.CreatedAt.IsZero() || !a.UpdatedAt.IsZero() || a.Time.IsZero() {
		t.Errorf("appointment = %+v", a)
	}
}

// A 2xx write whose reply cannot be read was applied: its error says so,
// and is never mistaken for a refusal or a network failure.
func TestUnreadableReplyToAWrite(t *testing.T) {
	bodies := map[string]string{
		"not JSON":     `<html>OK</html>`,
		"no id":        `{"status":"confirmed"}`,
		"bad time":     `{"appointment_id":"a_1","appointment_time":"tomorrow"}`,
		"bad duration": `{"appointment_id":"a_1","appointment_duration":"half an hour"}`,
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, body) })
			c := f.client()
			ctx := t.Context()
			_, confirmErr := c.Confirm(ctx, ConfirmRequest{HoldID: "h_1", Contact: contact()})
			_, moveErr := c.Reschedule(ctx, RescheduleRequest{AppointmentID: "a_1", Time: time.Now()})
			_, cancelErr := c.Cancel(ctx, CancelRequest{AppointmentID: "a_1"})
			for op, err := range map[string]error{"confirm": confirmErr, "reschedule": moveErr, "cancel": cancelErr} {
				if !IsUnreadableReply(err) || !errors.Is(err, ErrUnreadableReply) || IsOutcomeUnknown(err) || IsInvalid(err) {
					t.Errorf("%s: err = %v", op, err)
				}
			}
		})
	}
	// A read's unreadable reply is only that.
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"appointment_id":"a_1","appointment_time":"tomorrow"}`)
	})
	if _, err := f.client().Appointment(t.Context(), "a_1"); err == nil || IsUnreadableReply(err) {
		t.Errorf("Appointment: err = %v", err)
	}
	// A refusal is not.
	f = newFake(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 410, `{"error":"hold_expired"}`) })
	if _, err := f.client().Confirm(t.Context(), ConfirmRequest{HoldID: "h_1", Contact: contact()}); !IsHoldExpired(err) || IsUnreadableReply(err) {
		t.Errorf("410: err = %v", err)
	}
}

func TestIsOutcomeUnknown(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{&NetworkError{Op: opConfirm, Err: errors.New("reset")}, true},
		{fmt.Errorf("api: confirm: %w", context.DeadlineExceeded), true},
		{&Error{Status: 500}, true},
		{&Error{Status: 503}, true},
		{&Error{Status: 422}, false},
		{&Error{Status: 409}, false},
		{&Error{Status: 429}, false},
		{fmt.Errorf("%w: x", ErrUnreadableReply), false},
		{errors.New("api: cancel: no appointment id"), false},
	}
	for _, tt := range tests {
		if got := IsOutcomeUnknown(tt.err); got != tt.want {
			t.Errorf("IsOutcomeUnknown(%v) = %v", tt.err, got)
		}
	}
}
