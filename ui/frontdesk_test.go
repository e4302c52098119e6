package ui

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/uitest"
)

// typeText types s rune by rune; teatest's Type splits "è" into bytes.
func (f *flow) typeText(s string) {
	for _, r := range s {
		f.tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// eventually waits for a side effect that draws nothing (a file written
// by a Cmd after the last frame), polling rather than sleeping blindly.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLong)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// seeded is an upcoming confirmed appointment of the demo for the Paris
// consultation (so its calendar is the one the demo opens on), and the
// customer's first in the screen's "Upcoming" list (from today's start),
// so a search for the name or email selects it.
func seeded(t *testing.T, f *flow) model.Appointment {
	t.Helper()
	loc, svc, _ := f.env.Paris(t, 1)
	now := f.env.Clock.Now()
	page, err := f.env.Client.Appointments(context.Background(), api.AppointmentFilter{
		From: now.Truncate(24 * time.Hour), PageSize: 100,
	})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, a := range page.Items { // by time
		if !seen[a.Contact.Email] && a.LocationID == loc.ID && a.ServiceID == svc.ID &&
			a.Status == model.StatusConfirmed && a.Time.After(now) {
			return a
		}
		seen[a.Contact.Email] = true
	}
	t.Fatal("the demo has no upcoming Paris consultation")
	return model.Appointment{}
}

// findByEmail opens the Appointments screen and searches for a's email.
func (f *flow) findByEmail(a model.Appointment) {
	f.t.Helper()
	f.waitFor("15 free slots")
	f.key("a")
	f.waitFor("Appointments", "Upcoming")
	f.key("/")
	f.typeText(a.Contact.Email)
	f.key("enter")
	f.waitFor(a.Contact.Name, a.Contact.Email, a.ID)
}

// freeDay is a bookable Paris day at least a week off a's day, and its
// first slot.
func freeDay(t *testing.T, f *flow, a model.Appointment) (model.Date, model.Slot) {
	t.Helper()
	_, _, av := f.env.Paris(t, 30)
	old := model.DateOf(a.Time.In(model.LoadZone(av.Timezone)))
	for _, d := range av.Days {
		if len(d.Slots) > 0 && old.DaysUntil(d.Date) >= 7 {
			return d.Date, d.Slots[0]
		}
	}
	t.Fatal("no free day a week after the appointment")
	return model.Date{}, model.Slot{}
}

// toRescheduleSlots starts moving a and opens the slot list of day.
func (f *flow) toRescheduleSlots(a model.Appointment, day model.Date) {
	f.t.Helper()
	f.key("R")
	f.waitFor("Rescheduling "+a.Contact.Name, "pick the new time", "free slot")
	f.key("g")
	f.typeText(day.String())
	f.key("enter")
	f.waitFor(fmt.Sprintf("%d %s %d", day.Day, day.Month, day.Year)) // the calendar is there
	f.key("enter")
	f.waitFor("free times", "choose this time")
}

func outbox(sb *sandbox.Server, kind, apptID string) int {
	n := 0
	for _, e := range sb.Outbox() {
		if e.Kind == kind && e.AppointmentID == apptID {
			n++
		}
	}
	return n
}

func TestFlowFindBySearch(t *testing.T) {
	f := newFlow(t, Config{})
	a := seeded(t, f)
	f.waitFor("15 free slots")
	f.key("a")
	f.waitFor("Appointments", "Upcoming")
	f.key("/")
	f.typeText(a.Contact.Name)
	// The row, and the detail pane of the selected (first) match; only
	// changed lines are redrawn, so wait for what differs from before.
	f.waitFor(a.Contact.Name, a.Contact.Email, a.ID)
	f.key("enter")
	f.key("esc") // clears the search
	f.key("esc") // back to the calendar
	f.waitFor("15 free slots")
	f.quit()
}

func TestFlowRescheduleToFreeSlot(t *testing.T) {
	f := newFlow(t, Config{})
	a := seeded(t, f)
	day, slot := freeDay(t, f, a)
	f.findByEmail(a)
	f.toRescheduleSlots(a, day)
	f.key("enter")
	f.waitFor("Move this appointment?", "Now", "New")
	f.key("enter")
	f.waitFor("Moved. The customer gets an update email at " + a.Contact.Email)
	f.quit()

	got, err := f.env.Client.Appointment(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Time.Equal(slot.Start) || got.Cancelled() {
		t.Fatalf("appointment at %s (%s), want %s", got.Time, got.Status, slot.Start)
	}
	if n := outbox(f.env.Sandbox, "update", a.ID); n != 1 {
		t.Fatalf("%d update emails for %s, want 1", n, a.ID)
	}
	entries, err := f.store.Journal()
	if err != nil || len(entries) != 1 || entries[0].Action != journal.Rescheduled {
		t.Fatalf("journal %+v, %v; want one reschedule", entries, err)
	}
}

func TestFlowRescheduleOntoTakenSlot(t *testing.T) {
	f := newFlow(t, Config{})
	a := seeded(t, f)
	day, slot := freeDay(t, f, a)
	f.findByEmail(a)
	f.toRescheduleSlots(a, day)
	// Another desk holds the whole capacity of that first slot.
	loc, svc, _ := f.env.Paris(t, 1)
	other := f.env.NewClient(t)
	for range slot.CapacityLeft {
		if _, err := other.Hold(context.Background(), api.HoldRequest{
			ServiceID: svc.ID, LocationID: loc.ID, Time: slot.Start, DurationMinutes: svc.DurationMinutes,
			IdempotencyKey: api.NewIdempotencyKey(),
		}); err != nil {
			t.Fatal(err)
		}
	}
	f.key("enter")
	f.waitFor("Move this appointment?")
	f.key("enter")
	// Back on the refreshed list, one time fewer.
	f.waitFor("That slot was just taken; the old booking is unchanged.", "Rescheduling "+a.Contact.Name, "choose this time")
	f.quit()

	got, err := f.env.Client.Appointment(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Time.Equal(a.Time) || got.Status != a.Status {
		t.Fatalf("appointment now %s %s, want it unchanged at %s", got.Time, got.Status, a.Time)
	}
	if n := outbox(f.env.Sandbox, "update", a.ID); n != 0 {
		t.Fatalf("%d update emails for an appointment that did not move", n)
	}
}

func TestFlowCancelWithReason(t *testing.T) {
	f := newFlow(t, Config{})
	a := seeded(t, f)
	f.findByEmail(a)
	f.key("X")
	f.waitFor("Keep")
	f.key("r")
	f.typeText("customer called")
	f.key("ctrl+x")
	f.waitFor("Cancelled. The customer gets a cancellation email at " + a.Contact.Email)
	f.quit()

	got, err := f.env.Client.Appointment(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Cancelled() {
		t.Fatalf("status %q, want cancelled", got.Status)
	}
	if n := outbox(f.env.Sandbox, "cancellation", a.ID); n != 1 {
		t.Fatalf("%d cancellation emails for %s, want 1", n, a.ID)
	}
}

func TestFlowLookupByIDWithoutList(t *testing.T) {
	f := newFlow(t, Config{})
	a := seeded(t, f)
	f.env.Sandbox.DisableRoute("appointments.list")
	f.waitFor("15 free slots")
	f.key("a")
	f.waitFor("has no appointment list", "Appointment id:")
	f.typeText(a.ID)
	f.key("enter")
	f.waitFor("1 looked up", a.Contact.Name, a.Contact.Email)
	f.quit()
}

func TestFlowWalkIn(t *testing.T) {
	f := newFlow(t, Config{})
	loc, svc, av := f.env.Paris(t, 1)
	first := av.Days[0].Slots[0] // today's next: 09:30 at 09:00 Paris
	f.waitFor("15 free slots")
	f.key("w")
	f.waitFor("which service?", "› 1 General consultation (30 min)  ● today 09:30 CET")
	f.key("enter")
	f.waitFor("Hold 10:00", "09:30")
	s, ok := slotOn(t, f.env.Client, svc.ID, loc.ID, first.Start)
	if want := first.CapacityLeft - 1; (want == 0) == ok || ok && s.CapacityLeft != want {
		t.Fatalf("09:30 has %d left (listed %v) while held, want %d", s.CapacityLeft, ok, want)
	}
	f.key("ctrl+c")
	f.waitFor("Quit? The held slot will be released")
	f.key("y")
	f.tm.WaitFinished(t, teatest.WithFinalTimeout(waitLong))
}

func TestFlowWalkInNoneLeftToday(t *testing.T) {
	f := newFlow(t, Config{})
	f.waitFor("15 free slots")
	f.env.Clock.Advance(10 * time.Hour) // 19:00 in Paris: closed
	f.key("w")
	f.waitFor("No free slot left today for any service at Paris – Marais; next free: Tue 3 Mar 09:00 CET")
	f.quit()
}

func TestFlowDeskMemory(t *testing.T) {
	f := newFlowOnDisk(t, t.TempDir(), Config{})
	// The demo with no memory opens on the first location and service.
	f.waitFor("General consultation (30 min)", "15 free slots")
	// esc on the calendar offers the services, then the locations.
	f.key("esc")
	f.waitFor("Choose a service at Paris")
	f.key("esc")
	f.waitFor("Choose a location", "New York")
	f.key("esc")
	f.waitFor("15 free slots", "g go to date")
	f.key("S")
	f.waitFor("Choose a service at Paris", "Follow-up visit")
	f.key("/")
	f.typeText("follow")
	f.key("enter")
	f.waitFor("Follow-up visit (15 min)", "free slots")
	f.quit()
	_, svc, _ := f.env.Paris(t, 1)
	var follow model.Service
	svcs, err := f.env.Client.Services(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range svcs {
		if strings.HasPrefix(s.Name, "Follow-up") {
			follow = s
		}
	}
	eventually(t, "the desk memory", func() bool {
		d, _ := f.store.LoadDesk()
		return d.ServiceID == follow.ID && d.ServiceID != svc.ID
	})

	// A second root on the same state opens on that calendar.
	env := f.env
	c := env.CommonIn(context.Background(), f.store)
	c.Prefs.Demo = false // memory, not the demo default
	tm := teatest.NewTestModel(t, New(c, Config{}), teatest.WithInitialTermSize(100, 30))
	f2 := &flow{t: t, env: env, store: f.store, tm: tm}
	f2.waitFor("Paris", "Follow-up visit (15 min)", "free slots", "a appointments")
	f2.quit()
}

func TestFlowJournalsBooking(t *testing.T) {
	f := newFlow(t, Config{})
	f.toForm(1)
	f.fillContact("Ada Lovelace", "ada@example.com")
	f.key("enter")
	f.waitFor("Booked", "Ada Lovelace")
	var entries []journal.Entry
	eventually(t, "the journal entry", func() bool {
		entries, _ = f.store.Journal()
		return len(entries) == 1
	})
	if e := entries[0]; e.Action != journal.Booked || e.Appointment.Contact.Email != "ada@example.com" || e.ServiceName != "General consultation" {
		t.Fatalf("journal entry %+v", e)
	}
	// The Appointments screen's desk history shows it.
	f.key("a")
	f.waitFor("Appointments")
	f.key("H")
	f.waitFor("Desk history", "booked", "Ada Lovelace")
	f.quit()
}

// A desk memory that names what no longer exists, or can't be read, falls
// back to the demo's first location and service.
func TestDeskMemoryFallsBack(t *testing.T) {
	env := uitest.NewEnv(t)
	loc, svc, _ := env.Paris(t, 1)
	for name, content := range map[string]string{
		"stale":   `{"location_id":"l_gone","service_id":"s_gone"}`,
		"corrupt": `{"location_id":`,
	} {
		t.Run(name, func(t *testing.T) {
			store := openState(t, t.TempDir())
			paths, _ := filepath.Glob(filepath.Join(store.Where()))
			if err := os.WriteFile(filepath.Join(paths[0], "desk.json"), []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			m := New(env.CommonIn(context.Background(), store), Config{})
			m = boot(t, m)
			cal, ok := m.stack.Top().Model().(calendar.Model)
			if h := m.stack.Top().Heading(); !ok || h.Location.ID != loc.ID || h.Service.ID != svc.ID || cal.Config().Pick {
				t.Fatalf("on %T at %q/%q, want the calendar of %q/%q", m.stack.Top().Model(), h.Location.ID, h.Service.ID, loc.ID, svc.ID)
			}
		})
	}
}

// Defect: the cancel dialog opened on "Keep", so typing a reason kept the
// appointment with K, wrote an .ics with e and held a walk-in with w.
// Typed into a fresh dialog, one key at a time, "Kept at work" is the
// reason, and ctrl+x cancels exactly that appointment with it.
func TestFlowCancelDialogTakesTheReason(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Chdir(home)
	f := newFlow(t, Config{})
	a := seeded(t, f)
	f.findByEmail(a)
	emails := len(f.env.Sandbox.Outbox())
	f.tm.Send(tea.WindowSizeMsg{Width: 80, Height: 24}) // the smallest: the reason still shows
	f.key("X")
	f.waitFor("Cancel this appointment?")
	f.typeText("Kept at work")
	f.waitFor("Kept at work")
	f.key("ctrl+x")
	f.waitFor("Cancelled. The customer gets a cancellation email at "+a.Contact.Email, "Kept at work")
	f.quit()

	got, err := f.env.Client.Appointment(context.Background(), a.ID)
	if err != nil || !got.Cancelled() || got.CancellationReason != "Kept at work" {
		t.Fatalf("appointment %+v, %v; want cancelled with the reason typed", got, err)
	}
	if out := f.env.Sandbox.Outbox(); len(out) != emails+1 || out[len(out)-1].AppointmentID != a.ID {
		t.Fatalf("emails after the cancel: %+v", out[emails:])
	}
	var files []string
	filepath.WalkDir(home, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if len(files) != 0 {
		t.Fatalf("keys reached the list behind the dialog and wrote %v", files)
	}
	if es, _ := f.store.Journal(); len(es) != 1 || es[0].Reason != "Kept at work" || es[0].Action != journal.Cancelled {
		t.Fatalf("desk history %+v", es)
	}
}
