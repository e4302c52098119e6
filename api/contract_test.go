package api_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
)

// Contract tests: every client method against the embedded sandbox, over
// loopback, with the sandbox on a fake clock.

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type env struct {
	t     *testing.T
	sb    *sandbox.Server
	url   string
	clock *fakeClock

	mu       sync.Mutex
	wire     []string // "METHOD path body" of writes and token requests, as sent
	blipArm  string   // path whose next request starts a blip
	blipFor  time.Duration
	blipTill time.Time // until then (sandbox clock), connections are cut
}

// blip cuts the network for d of the sandbox's clock, starting when the
// next request for path has been served (see InjectFault for its reply).
func (e *env) blip(path string, d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.blipArm, e.blipFor = path, d
}

// cut reports whether r falls in a blip, and arms one if r starts it.
func (e *env) cut(r *http.Request) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.clock.Now()
	if now.Before(e.blipTill) {
		return true
	}
	if e.blipArm != "" && r.URL.Path == e.blipArm {
		e.blipArm, e.blipTill = "", now.Add(e.blipFor)
	}
	return false
}

func newEnv(t *testing.T) *env {
	t.Helper()
	// A Monday morning in Paris, so the week ahead has open days.
	clock := &fakeClock{t: time.Date(2025, 12, 1, 7, 0, 0, 0, time.UTC)}
	sb, err := sandbox.New(sandbox.Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, sb: sb, clock: clock}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if e.cut(r) {
			conn, _, _ := http.NewResponseController(w).Hijack()
			conn.Close()
			return
		}
		if r.Method != http.MethodGet {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			line := r.Method + " " + r.URL.Path + " " + string(body)
			if user, _, ok := r.BasicAuth(); ok {
				line += " basic:" + user
			}
			e.mu.Lock()
			e.wire = append(e.wire, line)
			e.mu.Unlock()
		}
		sb.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	e.url = srv.URL
	return e
}

func (e *env) sent() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.wire...)
}

// client is a demo client whose local clock is the sandbox's.
func (e *env) client(mod ...func(*api.Config)) *api.Client {
	e.t.Helper()
	cfg := api.Config{BaseURL: e.url, ClientID: "demo-client", ClientSecret: "demo-secret",
		OrganizationID: e.sb.OrganizationID(), Version: "test", Now: e.clock.Now}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := api.New(context.Background(), cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// booking is a free slot of a service, found through the API.
type booking struct {
	svc  model.Service
	loc  string
	slot model.Slot
}

// free finds n distinct free slots of a service with the given capacity.
func free(t *testing.T, c *api.Client, capacity, n int) []booking {
	t.Helper()
	ctx := t.Context()
	svcs, err := c.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []booking
	for _, svc := range svcs {
		if len(out) == n {
			break
		}
		a, err := c.Availability(ctx, svc.ID, svc.LocationIDs[0], 14)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range a.Days {
			for _, s := range d.Slots {
				if s.CapacityLeft == capacity && len(out) < n {
					out = append(out, booking{svc, svc.LocationIDs[0], s})
				}
			}
		}
		if len(out) < n {
			out = out[:0] // keep all picks on one service
		}
	}
	if len(out) < n {
		t.Fatalf("no service has %d free slots with capacity %d", n, capacity)
	}
	return out
}

func (b booking) hold(t *testing.T, c *api.Client) model.Hold {
	t.Helper()
	h, err := c.Hold(t.Context(), b.req())
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func (b booking) req() api.HoldRequest {
	return api.HoldRequest{ServiceID: b.svc.ID, LocationID: b.loc, Time: b.slot.Start, DurationMinutes: b.svc.DurationMinutes}
}

func dana(tag string) model.Contact {
	return model.Contact{Name: "Dana Lee", Email: "dana+" + tag + "@example.com", Phone: "+33 1 23 45 67 89", Notes: "first visit\nparking?"}
}

func countKind(out []sandbox.Email, id string) map[string]int {
	n := map[string]int{}
	for _, e := range out {
		if e.AppointmentID == id {
			n[e.Kind]++
		}
	}
	return n
}

// The seed's flow: token, availability, hold, confirm, reschedule, cancel.
func TestContractSeedFlow(t *testing.T) {
	e := newEnv(t)
	c := e.client(func(cfg *api.Config) { cfg.OrganizationID = "" }) // found through GET /organization
	ctx := t.Context()
	svcs, err := c.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	svc := svcs[0]
	avail, err := c.Availability(ctx, svc.ID, "", 7) // the seed sends no location
	if err != nil {
		t.Fatal(err)
	}
	var slots []model.Slot
	for _, d := range avail.Days {
		slots = append(slots, d.Slots...)
	}
	if len(slots) < 2 {
		t.Fatalf("only %d free slots this week", len(slots))
	}
	first, second := slots[0], slots[len(slots)-1]

	h, err := c.Hold(ctx, api.HoldRequest{ServiceID: svc.ID, Time: first.Start, DurationMinutes: svc.DurationMinutes})
	if err != nil {
		t.Fatal(err)
	}
	if h.ID == "" || h.Status != model.StatusHeld || !h.Time.Equal(first.Start) || h.DurationMinutes != svc.DurationMinutes {
		t.Fatalf("hold = %+v", h)
	}
	if want := e.clock.Now().Add(model.HoldTTL); !h.ExpiresAt.Equal(want) || h.Deadline.Sub(want).Abs() > time.Second {
		t.Errorf("hold expires %v, deadline %v; want %v", h.ExpiresAt, h.Deadline, want)
	}

	ct := dana("seed")
	a, err := c.Confirm(ctx, api.ConfirmRequest{HoldID: h.ID, Contact: ct})
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == "" || a.Status != model.StatusConfirmed || !a.Time.Equal(first.Start) || a.Contact != ct || a.ServiceID != svc.ID {
		t.Errorf("confirmed = %+v", a)
	}

	moved, err := c.Reschedule(ctx, api.RescheduleRequest{AppointmentID: a.ID, Time: second.Start})
	if err != nil {
		t.Fatal(err)
	}
	if moved.ID != a.ID || !moved.Time.Equal(second.Start) {
		t.Errorf("rescheduled = %+v", moved)
	}
	cancelled, err := c.Cancel(ctx, api.CancelRequest{AppointmentID: a.ID})
	if err != nil || !cancelled.Cancelled() {
		t.Fatalf("cancelled = %+v, %v", cancelled, err)
	}
	if again, err := c.Cancel(ctx, api.CancelRequest{AppointmentID: a.ID}); err != nil || !again.Cancelled() {
		t.Errorf("second cancel = %+v, %v; want idempotent success", again, err)
	}

	utc := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }
	want := []string{
		"POST /oauth/token grant_type=client_credentials basic:demo-client",
		fmt.Sprintf(`POST /api/v1/appointments/hold {"organization_id":%q,"service_id":%q,"appointment_time":%q,"appointment_duration":%d}`,
			e.sb.OrganizationID(), svc.ID, utc(first.Start), svc.DurationMinutes),
		fmt.Sprintf(`POST /api/v1/appointments/confirm {"hold_id":%q,"contact_name":"Dana Lee","contact_email":"dana+seed@example.com","contact_phone":"+33 1 23 45 67 89","notes":"first visit\nparking?"}`, h.ID),
		fmt.Sprintf(`PATCH /api/v1/appointments/%s {"appointment_time":%q}`, a.ID, utc(second.Start)),
		fmt.Sprintf(`PATCH /api/v1/appointments/%s {"status":"cancelled"}`, a.ID),
		fmt.Sprintf(`PATCH /api/v1/appointments/%s {"status":"cancelled"}`, a.ID),
	}
	if got := e.sent(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("on the wire:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	got, err := c.Appointment(ctx, a.ID)
	if err != nil || got.Status != model.StatusCancelled || !got.Time.Equal(second.Start) {
		t.Errorf("Appointment = %+v, %v", got, err)
	}
	if n := countKind(e.sb.Outbox(), a.ID); n["confirmation"] != 1 || n["update"] != 1 || n["cancellation"] != 1 {
		t.Errorf("emails = %v, want one of each", n)
	}
	if n := e.sb.TokenCount(); n != 1 {
		t.Errorf("token grants = %d, want 1", n)
	}
	// Both slots are free again: the first after the move, the second after the cancel.
	after, err := c.Availability(ctx, svc.ID, "", 7)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []model.Slot{first, second} {
		d, _ := after.Day(model.DateOf(s.Start))
		if !slices.ContainsFunc(d.Slots, func(x model.Slot) bool { return x.Start.Equal(s.Start) && x.CapacityLeft == s.CapacityLeft }) {
			t.Errorf("slot %v not free again", s.Start)
		}
	}
}

func TestContractCatalog(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	ctx := t.Context()
	org, err := c.Organization(ctx)
	if err != nil || org.ID != e.sb.OrganizationID() || org.Name == "" || org.Timezone == "" {
		t.Errorf("Organization = %+v, %v", org, err)
	}
	locs, err := c.Locations(ctx)
	if err != nil || len(locs) != len(e.sb.Locations()) {
		t.Fatalf("Locations = %+v, %v", locs, err)
	}
	for i, l := range e.sb.Locations() {
		if got := locs[i]; got.ID != l.ID || got.Name != l.Name || got.Address != l.Address || got.Timezone != l.Timezone || got.Active != l.Active {
			t.Errorf("location %d = %+v, want %+v", i, got, l)
		}
	}
	svcs, err := c.Services(ctx)
	if err != nil || len(svcs) != len(e.sb.Services()) {
		t.Fatalf("Services = %+v, %v", svcs, err)
	}
	for i, s := range e.sb.Services() {
		got := svcs[i]
		if got.ID != s.ID || got.Name != s.Name || got.Description != s.Description || got.DurationMinutes != s.DurationMinutes ||
			strings.Join(got.LocationIDs, ",") != strings.Join(s.LocationIDs, ",") {
			t.Errorf("service %d = %+v, want %+v", i, got, s)
		}
	}

	svc := svcs[0]
	a, err := c.Availability(ctx, svc.ID, svc.LocationIDs[0], 14)
	if err != nil {
		t.Fatal(err)
	}
	if a.ServiceID != svc.ID || a.LocationID != svc.LocationIDs[0] || a.Timezone == "" || len(a.Days) != 14 {
		t.Errorf("availability = %s %s %s with %d days", a.ServiceID, a.LocationID, a.Timezone, len(a.Days))
	}
	if _, ok := a.FirstFree(); !ok {
		t.Error("no free day in two weeks")
	}
	if len(a.Holidays) == 0 {
		t.Error("no holiday or closure in two weeks; the demo has a staff-training day")
	}
	for d := range a.Holidays {
		if a.FreeSlots(d) != 0 {
			t.Errorf("holiday %s has slots", d)
		}
	}
	for _, d := range a.Days {
		for _, s := range d.Slots {
			if model.DateOf(s.Start) != d.Date || s.End.Sub(s.Start) != svc.Duration() || s.Start.Location().String() != a.Timezone {
				t.Errorf("slot %+v on %s", s, d.Date)
			}
		}
	}
	if _, err := c.Availability(ctx, svc.ID, svc.LocationIDs[0], 365); !api.IsInvalid(err) {
		t.Errorf("days_ahead 365: err = %v, want invalid", err)
	}
}

func TestContractAppointmentsList(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	ctx := t.Context()
	picks := free(t, c, 1, 3)
	var ids []string
	for i, b := range picks {
		a, err := c.Confirm(ctx, api.ConfirmRequest{HoldID: b.hold(t, c).ID, Contact: dana(fmt.Sprint("list", i))})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	if _, err := c.Cancel(ctx, api.CancelRequest{AppointmentID: ids[2]}); err != nil {
		t.Fatal(err)
	}

	var got []string
	f := api.AppointmentFilter{Query: "dana+list", Status: model.StatusConfirmed, PageSize: 1,
		From: picks[0].slot.Start.Add(-time.Minute), To: picks[2].slot.Start.Add(time.Hour)}
	for {
		p, err := c.Appointments(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) > 1 {
			t.Fatalf("page of %d with page_size 1", len(p.Items))
		}
		for _, a := range p.Items {
			got = append(got, a.ID)
			if a.Contact.Name != "Dana Lee" || a.Contact.Notes != "first visit\nparking?" || a.CreatedAt.IsZero() {
				t.Errorf("item = %+v", a)
			}
		}
		if p.NextPageToken == "" {
			break
		}
		f.PageToken = p.NextPageToken
	}
	if strings.Join(got, ",") != strings.Join(ids[:2], ",") {
		t.Errorf("listed %v, want %v", got, ids[:2])
	}
	p, err := c.Appointments(ctx, api.AppointmentFilter{To: picks[0].slot.Start})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range p.Items {
		if !a.Time.Before(picks[0].slot.Start) {
			t.Errorf("%s at %v is not before the to bound", a.ID, a.Time)
		}
	}
}

func TestContractErrors(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	ctx := t.Context()

	t.Run("401 bad credentials", func(t *testing.T) {
		bad := e.client(func(cfg *api.Config) { cfg.ClientSecret = "wrong" })
		_, err := bad.Organization(ctx)
		if !api.IsUnauthorized(err) || strings.Contains(err.Error(), "wrong") {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("403 missing scope", func(t *testing.T) {
		e.sb.AddClient("reader", "reader-secret", "org:read", "appointments:read")
		r := e.client(func(cfg *api.Config) { cfg.ClientID, cfg.ClientSecret = "reader", "reader-secret" })
		if _, err := r.Organization(ctx); err != nil {
			t.Fatal(err)
		}
		_, err := r.Hold(ctx, api.HoldRequest{ServiceID: "s_x", Time: e.clock.Now().Add(48 * time.Hour), DurationMinutes: 30})
		var ae *api.Error
		if !api.IsForbidden(err) || !errors.As(err, &ae) || ae.Code != "insufficient_scope" || ae.RequestID == "" {
			t.Errorf("err = %#v", err)
		}
	})

	t.Run("404", func(t *testing.T) {
		if _, err := c.Appointment(ctx, "a_nope"); !api.IsNotFound(err) {
			t.Errorf("Appointment: err = %v", err)
		}
		if _, err := c.Confirm(ctx, api.ConfirmRequest{HoldID: "h_nope", Contact: dana("404")}); !api.IsNotFound(err) {
			t.Errorf("Confirm: err = %v", err)
		}
		if _, err := c.Cancel(ctx, api.CancelRequest{AppointmentID: "a_nope"}); !api.IsNotFound(err) {
			t.Errorf("Cancel: err = %v", err)
		}
	})

	picks := free(t, c, 2, 2)
	full, other := picks[0], picks[1]
	t.Run("409 slot taken", func(t *testing.T) {
		full.hold(t, c)
		full.hold(t, c)
		_, err := c.Hold(ctx, full.req())
		if !api.IsSlotTaken(err) || api.IsInvalid(err) {
			t.Errorf("third hold on a capacity-2 slot: err = %v", err)
		}
		a, err := c.Confirm(ctx, api.ConfirmRequest{HoldID: other.hold(t, c).ID, Contact: dana("409")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Reschedule(ctx, api.RescheduleRequest{AppointmentID: a.ID, Time: full.slot.Start}); !api.IsSlotTaken(err) {
			t.Errorf("reschedule into a full slot: err = %v", err)
		}
	})

	t.Run("410 hold expired", func(t *testing.T) {
		b := free(t, c, 1, 1)[0]
		h := b.hold(t, c)
		e.clock.Advance(model.HoldTTL + time.Second)
		_, err := c.Confirm(ctx, api.ConfirmRequest{HoldID: h.ID, Contact: dana("410")})
		if !api.IsHoldExpired(err) {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("422", func(t *testing.T) {
		b := free(t, c, 1, 1)[0]
		h := b.hold(t, c)
		_, err := c.Confirm(ctx, api.ConfirmRequest{HoldID: h.ID, Contact: model.Contact{Name: "Dana", Email: "not-an-email"}})
		if !api.IsInvalid(err) || !strings.Contains(err.Error(), "contact_email") {
			t.Errorf("bad contact: err = %v", err)
		}
		off := b.req()
		off.Time = off.Time.Add(7 * time.Minute)
		if _, err := c.Hold(ctx, off); !api.IsInvalid(err) || api.IsSlotTaken(err) {
			t.Errorf("off-grid slot: err = %v", err)
		}
		past := b.req()
		past.Time = e.clock.Now().Add(-time.Hour).Truncate(time.Hour)
		if _, err := c.Hold(ctx, past); !api.IsInvalid(err) {
			t.Errorf("past slot: err = %v", err)
		}
	})

	t.Run("429", func(t *testing.T) {
		e.sb.InjectFault(sandbox.Fault{Method: "GET", Path: "/api/v1/organization", Status: 429, RetryAfter: "1"})
		once := e.client(func(cfg *api.Config) { cfg.MaxRetries = 1 })
		_, err := once.Organization(ctx)
		var ae *api.Error
		if !api.IsRateLimited(err) || !errors.As(err, &ae) || ae.RetryAfter != time.Second {
			t.Errorf("err = %#v", err)
		}
		e.sb.InjectFault(sandbox.Fault{Method: "GET", Path: "/api/v1/organization", Status: 429, RetryAfter: "1"})
		start := time.Now()
		if _, err := c.Organization(ctx); err != nil {
			t.Errorf("after Retry-After: err = %v", err)
		}
		if waited := time.Since(start); waited < time.Second {
			t.Errorf("retried after %v, want Retry-After's 1s", waited)
		}
	})
}

func TestContractTokenReuseAndRevocation(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	ctx := t.Context()
	var wg sync.WaitGroup
	for range 30 {
		wg.Go(func() {
			if _, err := c.Locations(ctx); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := e.sb.TokenCount(); n != 1 {
		t.Errorf("token grants after 30 calls = %d, want 1", n)
	}
	e.sb.RevokeTokens()
	for range 10 {
		wg.Go(func() {
			if _, err := c.Organization(ctx); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := e.sb.TokenCount(); n != 2 {
		t.Errorf("token grants after revocation = %d, want 2", n)
	}
}

func TestContractConfirmRetryBooksOnce(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	ctx := t.Context()
	b := free(t, c, 1, 1)[0]
	h := b.hold(t, c)
	e.sb.InjectFault(sandbox.Fault{Method: "POST", Path: "/api/v1/appointments/confirm", DropAfterProcessing: true, Times: 1})
	a, err := c.Confirm(ctx, api.ConfirmRequest{HoldID: h.ID, Contact: dana("retry")})
	if err != nil {
		t.Fatalf("confirm with a lost reply: %v", err)
	}
	p, err := c.Appointments(ctx, api.AppointmentFilter{Query: "dana+retry@"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 1 || p.Items[0].ID != a.ID {
		t.Errorf("appointments = %+v, want exactly %s", p.Items, a.ID)
	}
	confirmations := 0
	for _, m := range e.sb.Outbox() {
		if m.Kind == "confirmation" && m.To == "dana+retry@example.com" {
			confirmations++
		}
	}
	if confirmations != 1 {
		t.Errorf("confirmation emails = %d, want 1", confirmations)
	}
	if n := e.sb.Stats().Requests["POST /api/v1/appointments/confirm"]; n != 2 {
		t.Errorf("confirm requests = %d, want 2 (the lost one and its retry)", n)
	}
}

func TestContractPatchFallsBackToPost(t *testing.T) {
	e := newEnv(t)
	e.sb.DisableRoute("appointments.patch")
	c := e.client()
	ctx := t.Context()
	picks := free(t, c, 1, 3)
	a, err := c.Confirm(ctx, api.ConfirmRequest{HoldID: picks[0].hold(t, c).ID, Contact: dana("fallback")})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range picks[1:] {
		moved, err := c.Reschedule(ctx, api.RescheduleRequest{AppointmentID: a.ID, Time: b.slot.Start})
		if err != nil || !moved.Time.Equal(b.slot.Start) {
			t.Fatalf("Reschedule = %+v, %v", moved, err)
		}
	}
	for range 2 {
		if got, err := c.Cancel(ctx, api.CancelRequest{AppointmentID: a.ID, Reason: "moving away"}); err != nil || !got.Cancelled() {
			t.Fatalf("Cancel = %+v, %v", got, err)
		}
	}
	st := e.sb.Stats().Requests
	if n := st["PATCH /api/v1/appointments/"+a.ID]; n != 2 {
		t.Errorf("PATCH tried %d times, want once per operation", n)
	}
	if r, cn := st["POST /api/v1/appointments/reschedule"], st["POST /api/v1/appointments/cancel"]; r != 2 || cn != 2 {
		t.Errorf("POST reschedule %d, cancel %d; want 2 and 2", r, cn)
	}
	if n := countKind(e.sb.Outbox(), a.ID); n["update"] != 2 || n["cancellation"] != 1 {
		t.Errorf("emails = %v", n)
	}
}

func TestContractReleaseHold(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	ctx := t.Context()
	b := free(t, c, 1, 1)[0]
	h := b.hold(t, c)
	if _, err := c.Hold(ctx, b.req()); !api.IsSlotTaken(err) {
		t.Fatalf("second hold: err = %v", err)
	}
	if err := c.ReleaseHold(ctx, h.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.ReleaseHold(ctx, h.ID); !api.IsHoldNotFound(err) {
		t.Errorf("releasing a released hold: err = %v, want hold_not_found", err)
	}
	if err := c.ReleaseHold(ctx, "h_unknown"); !api.IsHoldNotFound(err) {
		t.Errorf("releasing an unknown hold: err = %v, want hold_not_found", err)
	}
	h2 := b.hold(t, c) // free again at once
	e.sb.DisableRoute("hold.release")
	if err := c.ReleaseHold(ctx, h2.ID); err != nil {
		t.Errorf("server without release: err = %v, want nil", err)
	}
}

// The sandbox's clock is days off the real one; the hold's deadline still
// lands ten minutes from now on the local clock.
func TestContractHoldDeadlineUnderSkew(t *testing.T) {
	e := newEnv(t)
	c := e.client(func(cfg *api.Config) { cfg.Now = nil })
	b := free(t, c, 1, 1)[0]
	h := b.hold(t, c)
	skew := e.clock.Now().Sub(time.Now())
	if d := c.ClockSkew() - skew; d.Abs() > 2*time.Second {
		t.Errorf("ClockSkew = %v, want about %v", c.ClockSkew(), skew)
	}
	if d := h.Deadline.Sub(time.Now().Add(model.HoldTTL)); d.Abs() > 2*time.Second {
		t.Errorf("deadline is %v off local now + 10m", d)
	}
	if d := c.ServerNow().Sub(e.clock.Now()); d.Abs() > 2*time.Second {
		t.Errorf("ServerNow is %v off the sandbox clock", d)
	}
}

// A client without org:read books all the same: the hold goes without
// organization_id and the server uses the token's organisation.
func TestContractBookingWithoutOrgRead(t *testing.T) {
	e := newEnv(t)
	e.sb.AddClient("booker", "booker-secret", "availability:read", "appointments:write")
	c := e.client(func(cfg *api.Config) {
		cfg.ClientID, cfg.ClientSecret, cfg.OrganizationID = "booker", "booker-secret", ""
	})
	ctx := t.Context()
	if _, err := c.Organization(ctx); !api.IsForbidden(err) {
		t.Fatalf("Organization: err = %v, want 403", err)
	}
	b := free(t, c, 1, 1)[0]
	h := b.hold(t, c)
	a, err := c.Confirm(ctx, api.ConfirmRequest{HoldID: h.ID, Contact: dana("no-org")})
	if err != nil || a.Status != model.StatusConfirmed || !a.Time.Equal(b.slot.Start) {
		t.Fatalf("Confirm = %+v, %v", a, err)
	}
	for _, line := range e.sent() {
		if strings.Contains(line, "/appointments/hold") && strings.Contains(line, "organization_id") {
			t.Errorf("hold sent %s", line)
		}
	}
}
