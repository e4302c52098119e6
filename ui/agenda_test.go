package ui

import (
	"context"
	"slices"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/ui/uitest"
)

// parisToday is the demo's Paris bookings and free consultation times of
// the tests' today, in the agenda's order, and the row it starts on.
func parisToday(t *testing.T, f *flow) (rows []string, start int) {
	t.Helper()
	loc, _, a := f.env.Paris(t, 1)
	now := f.env.Clock.Now()
	today := model.DateOf(now.In(loc.Zone()))
	page, err := f.env.Client.Appointments(context.Background(), api.AppointmentFilter{
		From: today.In(loc.Zone()), To: today.AddDays(1).In(loc.Zone()), PageSize: 200,
	})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		name      string // "" for a free time
		at, until int64
	}
	var all []row
	for _, b := range page.Items {
		if b.LocationID == loc.ID && !b.Cancelled() {
			all = append(all, row{b.Contact.Name, b.Time.Unix(), b.End().Unix()})
		}
	}
	day, _ := a.Day(today)
	for _, s := range day.Slots {
		all = append(all, row{"", s.Start.Unix(), s.End.Unix()})
	}
	slices.SortStableFunc(all, func(x, y row) int {
		if x.at != y.at {
			return int(x.at - y.at)
		}
		if (x.name == "") == (y.name == "") {
			return 0
		}
		if x.name == "" {
			return 1
		}
		return -1
	})
	start = -1
	for i, r := range all {
		rows = append(rows, r.name)
		if start < 0 && r.until > now.Unix() {
			start = i
		}
	}
	return rows, start
}

// The day agenda from the calendar: today's bookings and free times
// together; enter on a free time holds it (the sandbox has the hold) and
// goes to the form; enter on a booking opens it in the Appointments
// screen, with reschedule, cancel and export; d there opens the agenda of
// the selected booking's day and location.
func TestFlowDayAgenda(t *testing.T) {
	f := newFlow(t, Config{})
	rows, start := parisToday(t, f)
	booked := slices.IndexFunc(rows[start:], func(name string) bool { return name != "" }) + start
	if rows[start] != "" || booked < start {
		t.Fatalf("the seed's today starts %q and has no booking after it: %q", rows[start], rows)
	}
	f.waitFor("15 free slots")
	f.key("d")
	f.waitFor("Day agenda", "Monday 2 March 2026  ·  Paris – Marais, times in CET",
		"15 free times for General consultation", "Booked  "+rows[booked]+" · ", "Free    2 left")

	// A free time: held, and the form counts it down.
	f.key("enter")
	f.waitFor("Hold 10:00", "Name")
	live := func() []sandbox.LedgerHold {
		return slices.DeleteFunc(f.env.Sandbox.Ledger().Holds, func(h sandbox.LedgerHold) bool { return h.State != sandbox.HoldLive })
	}
	if n := len(live()); n != 1 {
		t.Fatalf("%d live holds in the sandbox, want the agenda's one", n)
	}
	f.key("esc")
	f.waitFor("Release the hold")
	f.key("y")
	f.waitFor("Day agenda")
	eventually(t, "the hold given back", func() bool { return len(live()) == 0 })

	// A booking: its detail, where it can be moved, cancelled, exported.
	for range booked - start {
		f.key("j")
	}
	f.waitFor("open booking")
	f.key("enter")
	f.waitFor("Appointments · Mon 2 March · Paris – Marais", rows[booked], "Customer", "R reschedule", "X cancel")

	// From the Appointments screen, d: the selected booking's day again,
	// in place of the two (back and forth piles nothing up): esc is the
	// calendar.
	f.key("d")
	f.waitFor("Monday 2 March 2026  ·  Paris – Marais")
	f.key("esc")
	f.waitFor("● many", "enter see times")
	f.quit()
}

// From the Appointments screen filtered to New York (L), d opens New
// York's agenda in its own zone, free times those of the booking's service.
func TestFlowAgendaFollowsTheLocation(t *testing.T) {
	f := newFlow(t, Config{})
	f.waitFor("15 free slots")
	f.key("a")
	f.waitFor("Appointments · all locations", "Where", "New York")
	f.key("L")
	f.waitFor("Appointments · Paris – Marais")
	f.key("L")
	f.waitFor("Appointments · New York – SoHo")
	f.key("d")
	// On the booking selected there.
	f.waitFor("Day agenda", "New York – SoHo, times in EST", "free times for Physiotherapy session", "open booking")
	f.quit()
}

// A client that may not read appointments gets the free times, and a note
// saying why there are no bookings.
func TestFlowDayAgendaWithoutAppointmentsRead(t *testing.T) {
	env := uitest.NewEnv(t)
	env.Sandbox.AddClient("no-read", "secret", "org:read", "availability:read", "appointments:write")
	f := startFlow(t, env, nil, Config{}, func(c *api.Config) { c.ClientID, c.ClientSecret = "no-read", "secret" })
	f.waitFor("15 free slots")
	f.key("d")
	f.waitFor("Free times only: this API client lacks the appointments:read scope",
		"15 free times for General consultation", "Free    ")
	f.key("enter")
	f.waitFor("Hold 10:00") // holding needs appointments:write only
	f.key("ctrl+c")
	f.waitFor("Quit?")
	f.key("y")
	f.tm.WaitFinished(t, teatest.WithFinalTimeout(waitLong))
}
