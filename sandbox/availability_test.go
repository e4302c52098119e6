package sandbox_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/sandbox"
)

// closureDate finds the demo's "Staff training" day in Paris.
func closureDate(t *testing.T, e *env) string {
	t.Helper()
	for date, name := range e.availability(e.consult, e.paris, 30).Holidays {
		if name == "Staff training" {
			return date
		}
	}
	t.Fatal("no Staff training closure in the next 30 days")
	return ""
}

func TestAvailabilityShape(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	a := e.availability(e.consult, e.paris, 30)
	if a.ServiceID != e.consult.ID || a.LocationID != e.paris.ID || a.Timezone != "Europe/Paris" || len(a.Days) != 30 {
		t.Fatalf("header: %+v, %d days", a, len(a.Days))
	}
	if a.Days[0].Date != "2025-12-01" || a.Days[29].Date != "2025-12-30" {
		t.Errorf("days run %s..%s, want 2025-12-01..2025-12-30", a.Days[0].Date, a.Days[29].Date)
	}
	closed := closureDate(t, e)
	if closed < "2025-12-06" || closed > "2025-12-13" {
		t.Errorf("closure on %s, want 5 to 12 days ahead", closed)
	}
	if a.Holidays["2025-12-25"] != "Noël" || len(a.Holidays) != 2 {
		t.Errorf("holidays %v, want Noël and the closure", a.Holidays)
	}
	earliest := t0.Add(15 * time.Minute)
	paris, _ := time.LoadLocation("Europe/Paris")
	total := 0
	for _, d := range a.Days {
		day, _ := time.ParseInLocation(time.DateOnly, d.Date, paris)
		_, holiday := a.Holidays[d.Date]
		if (holiday || day.Weekday() == time.Sunday) && len(d.Slots) > 0 {
			t.Errorf("%s (%s, holiday %v) has slots", d.Date, day.Weekday(), holiday)
		}
		if d.Slots == nil {
			t.Errorf("%s: slots is null, want []", d.Date)
		}
		for _, s := range d.Slots {
			total++
			local := s.Start.In(paris)
			mins := local.Hour()*60 + local.Minute()
			inMorning := mins >= 9*60 && mins+30 <= 12*60+30
			inAfternoon := mins >= 13*60+30 && mins+30 <= 18*60
			if day.Weekday() == time.Saturday {
				inMorning, inAfternoon = mins >= 9*60 && mins+30 <= 13*60, false
			}
			switch {
			case local.Format(time.DateOnly) != d.Date:
				t.Errorf("slot %v listed under %s", s.Start, d.Date)
			case mins%30 != 0 || !(inMorning || inAfternoon):
				t.Errorf("slot %v is off the grid or in the lunch break", local)
			case !s.End.Equal(s.Start.Add(30 * time.Minute)):
				t.Errorf("slot %v ends at %v", s.Start, s.End)
			case s.Start.Before(earliest):
				t.Errorf("slot %v is inside the lead time", s.Start)
			case s.CapacityLeft < 1 || s.CapacityLeft > 2:
				t.Errorf("slot %v has capacity_left %d", s.Start, s.CapacityLeft)
			}
		}
	}
	if total < 100 {
		t.Errorf("only %d free slots in 30 days", total)
	}

	// Slot times carry the location's offset, as the contract shows.
	r := e.call("GET", "/api/v1/availability?service_id="+e.consult.ID+"&days_ahead=2", nil)
	if !strings.Contains(string(r.body), `+01:00"`) {
		t.Errorf("no +01:00 offset in %s", r.body)
	}

	ny := e.availability(e.followUp, e.newYork, 90)
	if ny.Timezone != "America/New_York" || ny.Holidays["2025-12-25"] != "Christmas Day" ||
		ny.Holidays["2026-01-01"] != "New Year's Day" || ny.Holidays["2026-01-19"] != "Martin Luther King Jr. Day" {
		t.Errorf("New York holidays %v", ny.Holidays)
	}
	for _, d := range ny.Days {
		if d.Date == "2025-12-08" && len(d.Slots) > 0 {
			t.Error("New York is closed on Mondays but has slots")
		}
	}
}

func TestAvailabilityLeadTime(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	e.clock.Set(paris(2025, 12, 1, 9, 20))
	a := e.availability(e.followUp, e.paris, 1)
	for _, s := range a.Days[0].Slots {
		if s.Start.Before(paris(2025, 12, 1, 9, 35)) {
			t.Errorf("slot %v is within 15 minutes of 09:20", s.Start)
		}
	}
}

func TestAvailabilityErrors(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	get := func(q url.Values) response {
		return e.call("GET", "/api/v1/availability?"+q.Encode(), nil)
	}
	for _, days := range []string{"0", "91", "seven"} {
		wantError(t, get(url.Values{"service_id": {e.consult.ID}, "days_ahead": {days}}), 400, "invalid_request")
	}
	if r := get(url.Values{"service_id": {e.consult.ID}, "days_ahead": {"90"}}); r.status != 200 {
		t.Errorf("days_ahead=90: %d", r.status)
	}
	wantError(t, get(url.Values{}), 400, "invalid_request")
	wantError(t, get(url.Values{"service_id": {"s_nope"}}), 404, "service_not_found")
	msg := wantError(t, get(url.Values{"service_id": {e.followUp.ID}}), 422, "location_required")
	if !strings.Contains(msg, e.paris.ID) {
		t.Errorf("message %q does not list the locations", msg)
	}
	wantError(t, get(url.Values{"service_id": {e.physio.ID}, "location_id": {e.paris.ID}}), 422, "location_not_offered")
	wantError(t, get(url.Values{"service_id": {e.followUp.ID}, "location_id": {e.lyon.ID}}), 422, "location_not_offered")
	wantError(t, get(url.Values{"service_id": {e.followUp.ID}, "location_id": {"l_nope"}}), 404, "location_not_found")
}

func TestCapacity(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	start := e.freeSlots(e.consult, e.paris, 2)[0].Start

	e.hold(e.consult, e.paris, start)
	if left, _ := e.hasSlot(e.consult, e.paris, start); left != 1 {
		t.Fatalf("after one hold: %d left, want 1", left)
	}
	h2 := e.hold(e.consult, e.paris, start)
	if _, ok := e.hasSlot(e.consult, e.paris, start); ok {
		t.Fatal("a full slot is still offered")
	}
	wantError(t, e.call("POST", "/api/v1/appointments/hold", holdBody(e.consult, e.paris, start)), 409, "slot_unavailable")

	// Confirming does not take a second place; cancelling gives it back.
	a := e.confirm(h2.HoldID, "Noah Martin", "noah@example.com")
	e.clock.Advance(10 * time.Minute) // the unconfirmed hold expires
	if left, _ := e.hasSlot(e.consult, e.paris, start); left != 1 {
		t.Fatalf("after expiry: %d left, want 1 (the appointment)", left)
	}
	e.call("POST", "/api/v1/appointments/cancel", map[string]any{"booking_id": a.AppointmentID})
	if left, _ := e.hasSlot(e.consult, e.paris, start); left != 2 {
		t.Fatalf("after cancel: %d left, want 2", left)
	}
}

func TestHoldValidation(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	closed, _ := time.ParseInLocation(time.DateOnly, closureDate(t, e), e.parisTZ())
	e.clock.Set(paris(2025, 12, 1, 9, 20))

	for _, tc := range []struct {
		name string
		at   time.Time
		want string
	}{
		{"past", paris(2025, 12, 1, 9, 0), "in the past"},
		{"lead time", paris(2025, 12, 1, 9, 30), "lead time"},
		{"holiday", paris(2025, 12, 25, 10, 0), "Noël"},
		{"closure", closed.Add(10 * time.Hour), "Staff training"},
		{"sunday", paris(2025, 12, 7, 10, 0), "closed on Sundays"},
		{"lunch", paris(2025, 12, 2, 12, 30), "not a slot start"},
		{"off grid", paris(2025, 12, 2, 10, 10), "not a slot start"},
		{"past closing", paris(2025, 12, 2, 17, 45), "not a slot start"},
		{"too far", paris(2026, 3, 10, 10, 0), "more than 90 days"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.call("POST", "/api/v1/appointments/hold", holdBody(e.consult, e.paris, tc.at))
			if msg := wantError(t, r, 422, "slot_invalid"); !strings.Contains(msg, tc.want) {
				t.Errorf("message %q does not say %q", msg, tc.want)
			}
		})
	}

	ok := paris(2025, 12, 2, 10, 0)
	body := holdBody(e.consult, e.paris, ok)
	body["appointment_duration"] = 45
	wantError(t, e.call("POST", "/api/v1/appointments/hold", body), 422, "invalid_duration")
	body = holdBody(e.consult, e.paris, ok)
	body["organization_id"] = "o_123"
	wantError(t, e.call("POST", "/api/v1/appointments/hold", body), 404, "organization_not_found")
	body = holdBody(e.consult, e.paris, ok)
	body["appointment_time"] = "tomorrow at ten"
	wantError(t, e.call("POST", "/api/v1/appointments/hold", body), 400, "invalid_request")
	body = holdBody(e.followUp, e.paris, ok)
	delete(body, "location_id")
	wantError(t, e.call("POST", "/api/v1/appointments/hold", body), 422, "location_required")

	// Any offset names the same instant; the answer shows the local time.
	slot := e.freeSlots(e.followUp, e.newYork, 1)[0].Start
	body = holdBody(e.followUp, e.newYork, slot)
	body["appointment_time"] = slot.In(time.FixedZone("", 5*3600+1800)).Format(time.RFC3339)
	delete(body, "appointment_duration")
	r := e.call("POST", "/api/v1/appointments/hold", body)
	var h holdResp
	r.decode(t, &h)
	if r.status != 201 || !h.AppointmentTime.Equal(slot) || !strings.Contains(string(r.body), "-05:00") {
		t.Errorf("hold with a +05:30 time: %d %s", r.status, r.body)
	}
}

func (e *env) parisTZ() *time.Location {
	tz, err := time.LoadLocation(e.paris.Timezone)
	if err != nil {
		e.t.Fatal(err)
	}
	return tz
}

// Answers are cached; every change and every moment that alters an answer
// (a hold expiring, a slot passing its lead time, midnight) must show.
func TestAvailabilityCacheFollowsChangesAndTime(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	first := func() slot {
		t.Helper()
		for _, d := range e.availability(e.consult, e.paris, 7).Days {
			if len(d.Slots) > 0 {
				return d.Slots[0]
			}
		}
		t.Fatal("no free slot")
		return slot{}
	}
	s0 := first()
	left, _ := e.hasSlot(e.consult, e.paris, s0.Start)
	h := e.hold(e.consult, e.paris, s0.Start)
	if l, _ := e.hasSlot(e.consult, e.paris, s0.Start); l != left-1 {
		t.Fatalf("after a hold: %d left, want %d", l, left-1)
	}
	e.clock.Set(h.ExpiresAt.Add(-time.Nanosecond))
	if l, _ := e.hasSlot(e.consult, e.paris, s0.Start); l != left-1 {
		t.Fatalf("just before the hold expires: %d left, want %d", l, left-1)
	}
	e.clock.Set(h.ExpiresAt)
	if l, _ := e.hasSlot(e.consult, e.paris, s0.Start); l != left {
		t.Fatalf("once the hold expired: %d left, want %d", l, left)
	}
	e.clock.Set(s0.Start.Add(-15 * time.Minute))
	if got := first(); !got.Start.Equal(s0.Start) {
		t.Fatalf("at exactly the lead time the first slot is %v, want %v", got.Start, s0.Start)
	}
	e.clock.Set(s0.Start.Add(-15*time.Minute + time.Nanosecond))
	if got := first(); !got.Start.After(s0.Start) {
		t.Fatalf("past the lead time the first slot is still %v", got.Start)
	}
	day := e.availability(e.consult, e.paris, 7).Days[0].Date
	e.clock.Set(paris(2025, 12, 2, 0, 0))
	e.token = e.tokenFor("demo-client", "demo-secret")
	if got := e.availability(e.consult, e.paris, 7).Days[0].Date; got == day || got != "2025-12-02" {
		t.Fatalf("after midnight the first day is %s, want 2025-12-02", got)
	}
	// A clock set back (tests do it) must not be served a later answer.
	e.clock.Set(t0)
	if got := e.availability(e.consult, e.paris, 7).Days[0].Date; got != "2025-12-01" {
		t.Fatalf("with the clock set back the first day is %s", got)
	}
}
