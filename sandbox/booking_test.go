package sandbox_test

import (
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/sandbox"
)

func TestBookingLifecycle(t *testing.T) {
	var log lockedBuffer
	e := newEnv(t, sandbox.Options{Logger: slog.New(slog.NewTextHandler(&log, nil))})
	slots := e.freeSlots(e.consult, e.paris, 2)
	first := slots[0].Start

	h := e.hold(e.consult, e.paris, first)
	if !strings.HasPrefix(h.HoldID, "h_") || h.Status != "held" || !h.AppointmentTime.Equal(first) ||
		h.AppointmentDuration != 30 || !h.ExpiresAt.Equal(t0.Add(10*time.Minute)) || h.LocationID != e.paris.ID {
		t.Fatalf("hold %+v", h)
	}
	r := e.call("POST", "/api/v1/appointments/confirm", map[string]any{"hold_id": h.HoldID,
		"contact_name": "  Dana Lee ", "contact_email": "dana@example.com", "contact_phone": "+33 6 12 34 56 78", "notes": "First visit"})
	var a appt
	r.decode(t, &a)
	if r.status != 201 || !strings.HasPrefix(a.AppointmentID, "a_") || a.BookingID != a.AppointmentID ||
		a.Status != "confirmed" || a.ContactName != "Dana Lee" || a.ContactPhone != "+33 6 12 34 56 78" ||
		a.Notes != "First visit" || !a.AppointmentTime.Equal(first) || !a.CreatedAt.Equal(t0) || a.ServiceID != e.consult.ID {
		t.Fatalf("confirm: %d %s", r.status, r.body)
	}
	if g := e.call("GET", "/api/v1/appointments/"+a.AppointmentID, nil); string(g.body) != string(r.body) {
		t.Errorf("GET gives %s, confirm gave %s", g.body, r.body)
	}

	// Reschedule three ways: the seed's PATCH, then POST by booking_id and
	// by the older appointment_id.
	e.clock.Advance(time.Minute)
	moves := []struct {
		method, path string
		body         map[string]any
	}{
		{"PATCH", "/api/v1/appointments/" + a.AppointmentID, map[string]any{"appointment_time": slots[1].Start.UTC().Format(time.RFC3339)}},
		{"POST", "/api/v1/appointments/reschedule", map[string]any{"booking_id": a.AppointmentID, "appointment_time": slots[2].Start.Format(time.RFC3339)}},
		{"POST", "/api/v1/appointments/reschedule", map[string]any{"appointment_id": a.AppointmentID, "appointment_time": slots[3].Start.Format(time.RFC3339)}},
	}
	for i, m := range moves {
		r := e.call(m.method, m.path, m.body)
		var moved appt
		r.decode(t, &moved)
		if r.status != 200 || !moved.AppointmentTime.Equal(slots[i+1].Start) || !moved.UpdatedAt.Equal(t0.Add(time.Minute)) {
			t.Fatalf("move %d: %d %s", i, r.status, r.body)
		}
		if left, _ := e.hasSlot(e.consult, e.paris, slots[i].Start); left != slots[i].CapacityLeft {
			t.Errorf("move %d: old slot has %d left, want %d back", i, left, slots[i].CapacityLeft)
		}
	}
	wantError(t, e.call("PATCH", "/api/v1/appointments/"+a.AppointmentID,
		map[string]any{"appointment_time": paris(2025, 12, 2, 10, 10).Format(time.RFC3339)}), 422, "slot_invalid")

	// Cancel three ways; only the first changes anything or sends mail.
	r = e.call("POST", "/api/v1/appointments/cancel", map[string]any{"booking_id": a.AppointmentID, "reason": "Feeling better"})
	var cancelled appt
	r.decode(t, &cancelled)
	if r.status != 200 || cancelled.Status != "cancelled" {
		t.Fatalf("cancel: %d %s", r.status, r.body)
	}
	for _, c := range []struct {
		method, path string
		body         map[string]any
	}{
		{"PATCH", "/api/v1/appointments/" + a.AppointmentID, map[string]any{"status": "cancelled"}},
		{"POST", "/api/v1/appointments/cancel", map[string]any{"appointment_id": a.AppointmentID}},
	} {
		if r := e.call(c.method, c.path, c.body); r.status != 200 {
			t.Errorf("repeat cancel %s %s: %d %s", c.method, c.path, r.status, r.body)
		}
	}
	if left, _ := e.hasSlot(e.consult, e.paris, slots[3].Start); left != slots[3].CapacityLeft {
		t.Errorf("cancel did not free the slot: %d left", left)
	}
	wantError(t, e.call("PATCH", "/api/v1/appointments/"+a.AppointmentID,
		map[string]any{"appointment_time": slots[4].Start.Format(time.RFC3339)}), 409, "appointment_cancelled")

	outbox := e.s.Outbox()
	var kinds []string
	for _, m := range outbox {
		kinds = append(kinds, m.Kind)
		if m.To != "dana@example.com" || m.AppointmentID != a.AppointmentID || m.Subject == "" ||
			!strings.Contains(m.Body, a.AppointmentID) || !strings.Contains(m.Body, "General consultation") {
			t.Errorf("email %+v", m)
		}
	}
	if want := []string{"confirmation", "update", "update", "update", "cancellation"}; !slices.Equal(kinds, want) {
		t.Errorf("outbox kinds %v, want %v", kinds, want)
	}
	if n := strings.Count(log.String(), "sandbox email"); n != len(outbox) {
		t.Errorf("%d emails logged, %d in the outbox", n, len(outbox))
	}
	if !strings.Contains(outbox[len(outbox)-1].Body, "Feeling better") {
		t.Error("the cancellation email does not give the reason")
	}
	var served struct {
		Items []sandbox.Email `json:"items"`
	}
	e.callAs("", "GET", "/sandbox/outbox", nil).decode(t, &served)
	if len(served.Items) != len(outbox) || served.Items[0].Kind != "confirmation" {
		t.Errorf("GET /sandbox/outbox: %+v", served)
	}
}

func TestPatchAndLookupErrors(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	a := e.confirm(e.hold(e.consult, e.paris, e.freeSlots(e.consult, e.paris, 1)[0].Start).HoldID, "Dana Lee", "dana@example.com")
	path := "/api/v1/appointments/" + a.AppointmentID

	wantError(t, e.call("PATCH", path, map[string]any{"status": "confirmed"}), 422, "invalid_status")
	wantError(t, e.call("PATCH", path, map[string]any{}), 400, "invalid_request")
	wantError(t, e.call("PATCH", path, map[string]any{"status": "cancelled", "appointment_time": "2025-12-02T09:00:00Z"}), 400, "invalid_request")
	wantError(t, e.call("GET", "/api/v1/appointments/a_nope", nil), 404, "appointment_not_found")
	wantError(t, e.call("PATCH", "/api/v1/appointments/a_nope", map[string]any{"status": "cancelled"}), 404, "appointment_not_found")
	wantError(t, e.call("POST", "/api/v1/appointments/cancel", map[string]any{}), 400, "invalid_request")
	wantError(t, e.call("POST", "/api/v1/appointments/reschedule", map[string]any{"booking_id": "a_nope", "appointment_time": "2025-12-02T09:00:00Z"}), 404, "appointment_not_found")

	// A reschedule onto a slot someone else holds is refused; the
	// appointment's own place does not count against it.
	fu := e.confirm(e.hold(e.followUp, e.paris, e.freeSlots(e.followUp, e.paris, 1)[0].Start).HoldID, "Ava Patel", "ava@example.com")
	taken := e.freeSlots(e.followUp, e.paris, 1)[0].Start
	e.hold(e.followUp, e.paris, taken)
	wantError(t, e.call("POST", "/api/v1/appointments/reschedule",
		map[string]any{"booking_id": fu.AppointmentID, "appointment_time": taken.Format(time.RFC3339)}), 409, "slot_unavailable")
	if r := e.call("POST", "/api/v1/appointments/reschedule",
		map[string]any{"booking_id": fu.AppointmentID, "appointment_time": fu.AppointmentTime.Format(time.RFC3339)}); r.status != 200 {
		t.Errorf("reschedule onto its own slot: %d %s", r.status, r.body)
	}
}

func TestConfirmErrors(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	slots := e.freeSlots(e.consult, e.paris, 1)
	confirm := func(holdID string, fields ...string) response {
		body := map[string]any{"hold_id": holdID, "contact_name": "Dana Lee", "contact_email": "dana@example.com"}
		for i := 0; i+1 < len(fields); i += 2 {
			body[fields[i]] = fields[i+1]
		}
		return e.call("POST", "/api/v1/appointments/confirm", body)
	}

	wantError(t, confirm("h_nope"), 404, "hold_not_found")
	wantError(t, e.call("POST", "/api/v1/appointments/confirm", map[string]any{}), 400, "invalid_request")

	h := e.hold(e.consult, e.paris, slots[0].Start)
	for _, tc := range []struct{ field, value string }{
		{"contact_name", ""},
		{"contact_name", strings.Repeat("é", 201)},
		{"contact_name", "Dana\x07Lee"},
		{"contact_email", ""},
		{"contact_email", "not-an-email"},
		{"contact_email", "dana@localhost"},
		{"contact_email", "Dana <dana@example.com>"},
		{"contact_email", strings.Repeat("d", 250) + "@example.com"},
		{"contact_phone", "call me maybe"},
		{"notes", strings.Repeat("n", 1001)},
	} {
		msg := wantError(t, confirm(h.HoldID, tc.field, tc.value), 422, "invalid_contact")
		if !strings.Contains(msg, strings.TrimPrefix(tc.field, "contact_")) {
			t.Errorf("%s=%q: message %q does not name the field", tc.field, tc.value, msg)
		}
	}
	if r := confirm(h.HoldID, "notes", "Line one\nline two"); r.status != 201 {
		t.Fatalf("valid confirm after invalid ones: %d %s", r.status, r.body)
	}
	wantError(t, confirm(h.HoldID), 409, "hold_already_confirmed")
	wantError(t, e.call("DELETE", "/api/v1/appointments/hold/"+h.HoldID, nil), 409, "hold_already_confirmed")

	// Expiry: at exactly expires_at the hold is dead, and its place is free.
	h2 := e.hold(e.check, e.paris, e.freeSlots(e.check, e.paris, 1)[0].Start)
	left, _ := e.hasSlot(e.check, e.paris, h2.AppointmentTime)
	e.clock.Set(h2.ExpiresAt)
	wantError(t, confirm(h2.HoldID), 410, "hold_expired")
	if after, _ := e.hasSlot(e.check, e.paris, h2.AppointmentTime); after != left+1 {
		t.Errorf("expired hold still takes a place: %d left, was %d while held", after, left)
	}

	// Early release.
	h3 := e.hold(e.check, e.paris, h2.AppointmentTime)
	r := e.call("DELETE", "/api/v1/appointments/hold/"+h3.HoldID, nil)
	if r.status != 204 || len(r.body) != 0 {
		t.Fatalf("release: %d %s", r.status, r.body)
	}
	if after, _ := e.hasSlot(e.check, e.paris, h2.AppointmentTime); after != left+1 {
		t.Errorf("released hold still takes a place")
	}
	wantError(t, e.call("DELETE", "/api/v1/appointments/hold/"+h3.HoldID, nil), 404, "hold_not_found")
	wantError(t, confirm(h3.HoldID), 404, "hold_not_found")
}

func TestIdempotency(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	start := e.freeSlots(e.consult, e.paris, 2)[0].Start
	body := holdBody(e.consult, e.paris, start)

	r1 := e.call("POST", "/api/v1/appointments/hold", body, "Idempotency-Key", "k-1")
	r2 := e.call("POST", "/api/v1/appointments/hold", body, "Idempotency-Key", "k-1")
	if r1.status != 201 || r2.status != 201 || string(r1.body) != string(r2.body) {
		t.Fatalf("replay: %d %s / %d %s", r1.status, r1.body, r2.status, r2.body)
	}
	if r2.header.Get("Idempotent-Replayed") != "true" || r1.header.Get("Idempotent-Replayed") != "" {
		t.Error("Idempotent-Replayed header wrong")
	}
	if left, _ := e.hasSlot(e.consult, e.paris, start); left != 1 {
		t.Fatalf("a replay took a second place: %d left", left)
	}

	other := holdBody(e.consult, e.paris, e.freeSlots(e.consult, e.paris, 1)[1].Start)
	wantError(t, e.call("POST", "/api/v1/appointments/hold", other, "Idempotency-Key", "k-1"), 422, "idempotency_key_reused")

	// Keys belong to a client: another one using the same key is served.
	e.s.AddClient("kiosk", "pw")
	r3 := e.callAs(e.tokenFor("kiosk", "pw"), "POST", "/api/v1/appointments/hold", body, "Idempotency-Key", "k-1")
	if r3.status != 201 || string(r3.body) == string(r1.body) {
		t.Fatalf("other client's key: %d %s", r3.status, r3.body)
	}

	// Errors are answers too: a replay of a 409 stays a 409.
	wantError(t, e.call("POST", "/api/v1/appointments/hold", body, "Idempotency-Key", "k-2"), 409, "slot_unavailable")
	wantError(t, e.call("POST", "/api/v1/appointments/hold", body, "Idempotency-Key", "k-2"), 409, "slot_unavailable")
}

// TestSeedFlow runs the seed document's examples as written, with only
// host, ids and times changed: Basic-auth token, availability without
// location_id, a hold in UTC "Z" with organization_id and duration, a
// confirm, then the PATCH reschedule and cancel.
func TestSeedFlow(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	svc := e.consult.ID // the seed's s_123: a 30-minute service at one location

	r := e.call("GET", "/api/v1/availability?service_id="+svc+"&days_ahead=7", nil)
	var avail availability
	r.decode(t, &avail)
	var free []time.Time
	for _, d := range avail.Days {
		for _, s := range d.Slots {
			free = append(free, s.Start)
		}
	}
	if r.status != 200 || len(free) < 2 {
		t.Fatalf("availability: %d %s", r.status, r.body)
	}

	holdJSON := `{"organization_id":"` + e.s.OrganizationID() + `","service_id":"` + svc +
		`","appointment_time":"` + free[0].UTC().Format("2006-01-02T15:04:05Z") + `","appointment_duration":30}`
	r = e.call("POST", "/api/v1/appointments/hold", holdJSON)
	var hold map[string]any
	r.decode(t, &hold)
	if r.status != 201 || hold["hold_id"] == nil {
		t.Fatalf("hold: %d %s", r.status, r.body)
	}

	r = e.call("POST", "/api/v1/appointments/confirm",
		map[string]any{"hold_id": hold["hold_id"], "contact_name": "Dana Lee", "contact_email": "dana@example.com"})
	var confirm map[string]any
	r.decode(t, &confirm)
	if r.status != 201 || confirm["appointment_id"] == nil {
		t.Fatalf("confirm: %d %s", r.status, r.body)
	}
	id := confirm["appointment_id"].(string)

	r = e.call("PATCH", "/api/v1/appointments/"+id, `{"appointment_time":"`+free[1].UTC().Format("2006-01-02T15:04:05Z")+`"}`)
	if r.status != 200 {
		t.Fatalf("reschedule: %d %s", r.status, r.body)
	}
	r = e.call("PATCH", "/api/v1/appointments/"+id, `{"status":"cancelled"}`)
	var cancel map[string]any
	r.decode(t, &cancel)
	if r.status != 200 || cancel["status"] != "cancelled" {
		t.Fatalf("cancel: %d %s", r.status, r.body)
	}
}

func TestListAppointments(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	type pageOf struct {
		Items         []appt `json:"items"`
		NextPageToken string `json:"next_page_token"`
	}
	walk := func(q url.Values) []appt {
		t.Helper()
		var all []appt
		for {
			r := e.call("GET", "/api/v1/appointments?"+q.Encode(), nil)
			var p pageOf
			r.decode(t, &p)
			if r.status != 200 {
				t.Fatalf("list %v: %d %s", q, r.status, r.body)
			}
			all = append(all, p.Items...)
			if p.NextPageToken == "" {
				return all
			}
			q.Set("page_token", p.NextPageToken)
		}
	}

	all := walk(url.Values{"page_size": {"25"}})
	if len(all) < 50 {
		t.Fatalf("only %d demo appointments", len(all))
	}
	if n := len(walk(url.Values{})); n != len(all) {
		t.Errorf("default page size walk gives %d, want %d", n, len(all))
	}
	seen := map[string]bool{}
	for i, a := range all {
		if seen[a.AppointmentID] {
			t.Fatalf("%s listed twice", a.AppointmentID)
		}
		seen[a.AppointmentID] = true
		if i > 0 && a.AppointmentTime.Before(all[i-1].AppointmentTime) {
			t.Fatalf("not sorted at %d", i)
		}
	}

	dana := walk(url.Values{"q": {"DANA lee"}})
	if len(dana) == 0 {
		t.Fatal("no demo booking for Dana Lee")
	}
	for _, a := range dana {
		if a.ContactName != "Dana Lee" {
			t.Errorf("q=DANA lee found %q", a.ContactName)
		}
	}
	if byMail := walk(url.Values{"q": {"dana@EXAMPLE"}}); len(byMail) != len(dana) {
		t.Errorf("by email %d, by name %d", len(byMail), len(dana))
	}
	if byID := walk(url.Values{"q": {all[7].AppointmentID}}); len(byID) != 1 {
		t.Errorf("by id: %d results", len(byID))
	}

	cancelled := walk(url.Values{"status": {"cancelled"}})
	confirmed := walk(url.Values{"status": {"confirmed"}})
	if len(cancelled) == 0 || len(cancelled)+len(confirmed) != len(all) {
		t.Errorf("%d cancelled + %d confirmed != %d", len(cancelled), len(confirmed), len(all))
	}

	// Dates are days in the organisation's zone; "to" includes its day.
	for _, day := range []string{"2025-11-30", "2025-12-02"} { // yesterday and tomorrow
		got := walk(url.Values{"from": {day}, "to": {day}, "status": {"confirmed"}})
		if len(got) == 0 {
			t.Errorf("no booking on %s", day)
		}
		for _, a := range got {
			if d := a.AppointmentTime.In(e.parisTZ()).Format(time.DateOnly); d != day {
				t.Errorf("from=to=%s gave a booking on %s", day, d)
			}
		}
	}
	from, to := all[10].AppointmentTime, all[20].AppointmentTime
	ranged := walk(url.Values{"from": {from.Format(time.RFC3339)}, "to": {to.Format(time.RFC3339)}})
	for _, a := range ranged {
		if a.AppointmentTime.Before(from) || !a.AppointmentTime.Before(to) {
			t.Errorf("%v outside [%v, %v)", a.AppointmentTime, from, to)
		}
	}

	wantError(t, e.call("GET", "/api/v1/appointments?page_token=bogus", nil), 400, "invalid_request")
	wantError(t, e.call("GET", "/api/v1/appointments?page_size=0", nil), 400, "invalid_request")
	wantError(t, e.call("GET", "/api/v1/appointments?status=maybe", nil), 400, "invalid_request")
	wantError(t, e.call("GET", "/api/v1/appointments?from=monday", nil), 400, "invalid_request")

	var services struct {
		Items         []sandbox.Service `json:"items"`
		NextPageToken string            `json:"next_page_token"`
	}
	e.call("GET", "/api/v1/services?page_size=3", nil).decode(t, &services)
	if len(services.Items) != 3 || services.NextPageToken == "" {
		t.Fatalf("services page 1: %+v", services)
	}
	e.call("GET", "/api/v1/services?page_size=3&page_token="+services.NextPageToken, nil).decode(t, &services)
	if len(services.Items) != 1 || services.NextPageToken != "" || services.Items[0].ID != e.check.ID {
		t.Fatalf("services page 2: %+v", services)
	}
	var locations struct {
		Items []sandbox.Location `json:"items"`
	}
	e.call("GET", "/api/v1/locations", nil).decode(t, &locations)
	if len(locations.Items) != 3 || !locations.Items[0].Active || locations.Items[2].Active {
		t.Errorf("locations %+v", locations.Items)
	}
}

// The demo must always have something to find yesterday and to move to
// tomorrow at every open location, whatever the seed and the hour. The
// instants avoid public holidays next to them; Paris closes on Sundays and
// New York on Mondays.
func TestDemoBooksYesterdayAndTomorrowEverywhere(t *testing.T) {
	for _, now := range []time.Time{
		time.Date(2026, 11, 24, 3, 35, 0, 0, time.UTC), // Paris already Tuesday, New York still Monday
		time.Date(2025, 12, 2, 12, 0, 0, 0, time.UTC),
		time.Date(2026, 3, 6, 22, 0, 0, 0, time.UTC),
	} {
		for seed := int64(1); seed <= 5; seed++ {
			e := newEnv(t, sandbox.Options{Seed: seed, Now: func() time.Time { return now }})
			var all []appt
			for tok := ""; ; {
				var p struct {
					Items         []appt `json:"items"`
					NextPageToken string `json:"next_page_token"`
				}
				e.call("GET", "/api/v1/appointments?page_size=200&status=confirmed&page_token="+tok, nil).decode(t, &p)
				all = append(all, p.Items...)
				if tok = p.NextPageToken; tok == "" {
					break
				}
			}
			for _, loc := range []sandbox.Location{e.paris, e.newYork} {
				tz, _ := time.LoadLocation(loc.Timezone)
				for _, off := range []int{-1, 1} {
					day := now.In(tz).AddDate(0, 0, off).Format(time.DateOnly)
					closed := map[string]time.Weekday{e.paris.ID: time.Sunday, e.newYork.ID: time.Monday}[loc.ID]
					if now.In(tz).AddDate(0, 0, off).Weekday() == closed {
						continue
					}
					found := slices.ContainsFunc(all, func(a appt) bool {
						return a.LocationID == loc.ID && a.AppointmentTime.In(tz).Format(time.DateOnly) == day
					})
					if !found {
						t.Errorf("now %v seed %d: no booking at %s on %s", now, seed, loc.Name, day)
					}
				}
			}
		}
	}
}
