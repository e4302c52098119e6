package reschedule

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/uitest"
)

// finish runs the Cmd a key returned (the API call), feeds its result back
// and returns the message the screen then emits.
func finish(t *testing.T, m Model, cmd tea.Cmd) (Model, tea.Msg) {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	m, cmd = m.Update(cmd())
	if cmd == nil {
		return m, nil
	}
	return m, cmd()
}

type fixture struct {
	env  *uitest.Env
	appt model.Appointment
	svc  model.Service
	loc  model.Location
	slot model.Slot // free, not the appointment's own time
}

func setup(t *testing.T) fixture {
	t.Helper()
	env := uitest.NewEnv(t)
	loc, svc, avail := env.Paris(t, 14)
	p, err := env.Client.Appointments(context.Background(), api.AppointmentFilter{From: uitest.Epoch, Status: model.StatusConfirmed, PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	f := fixture{env: env, svc: svc, loc: loc}
	for _, a := range p.Items {
		if a.LocationID == loc.ID && a.ServiceID == svc.ID {
			f.appt = a
			break
		}
	}
	if f.appt.ID == "" {
		t.Fatal("no upcoming Paris consultation")
	}
	for _, d := range avail.Days {
		for _, s := range d.Slots {
			if f.slot.Start.IsZero() && !s.Start.Equal(f.appt.Time) && model.DateOf(s.Start) != model.DateOf(f.appt.Time) {
				f.slot = s
			}
		}
	}
	return f
}

func TestMoveToFreeSlot(t *testing.T) {
	f := setup(t)
	dir := t.TempDir()
	m := New(f.env.Common(context.Background()), f.appt, f.slot, f.svc, f.loc, dir)
	m, cmd := m.Update(uitest.Key("y"))
	if !m.Focused() {
		t.Error("the screen must hold the keys while moving")
	}
	m, msg := finish(t, m, cmd)
	done, ok := msg.(DoneMsg)
	if !ok {
		t.Fatalf("got %#v; view:\n%s", msg, uitest.Strip(m.View()))
	}
	if want := "Moved. The customer gets an update email at " + f.appt.Contact.Email + "."; done.Status != want {
		t.Errorf("status = %q", done.Status)
	}
	got, err := f.env.Client.Appointment(context.Background(), f.appt.ID)
	if err != nil || !got.Time.Equal(f.slot.Start) {
		t.Fatalf("server copy at %v (%v), want %v", got.Time, err, f.slot.Start)
	}
	var update bool
	for _, e := range f.env.Sandbox.Outbox() {
		update = update || e.AppointmentID == f.appt.ID && e.Kind == "update"
	}
	if !update {
		t.Error("no update email in the outbox")
	}
	entries, _ := journal.Read(dir)
	if len(entries) != 1 || entries[0].Action != journal.Rescheduled ||
		!entries[0].PreviousTime.Equal(f.appt.Time) || !entries[0].Appointment.Time.Equal(f.slot.Start) {
		t.Errorf("journal = %+v", entries)
	}
}

func TestSlotTakenInBetween(t *testing.T) {
	f := setup(t)
	dir := t.TempDir()
	m := New(f.env.Common(context.Background()), f.appt, f.slot, f.svc, f.loc, dir)

	// Another desk holds every place left in the slot.
	other := f.env.NewClient(t)
	for range f.slot.CapacityLeft {
		if _, err := other.Hold(context.Background(), api.HoldRequest{
			ServiceID: f.svc.ID, LocationID: f.loc.ID, Time: f.slot.Start, DurationMinutes: f.svc.DurationMinutes,
		}); err != nil {
			t.Fatalf("hold: %v", err)
		}
	}

	m, cmd := m.Update(uitest.Key("enter"))
	m, msg := finish(t, m, cmd)
	taken, ok := msg.(SlotTakenMsg)
	if !ok || taken.Status != SlotTakenText {
		t.Fatalf("got %#v", msg)
	}
	if !strings.Contains(uitest.Strip(m.View()), SlotTakenText) {
		t.Errorf("view does not explain:\n%s", uitest.Strip(m.View()))
	}
	got, err := f.env.Client.Appointment(context.Background(), f.appt.ID)
	if err != nil || !got.Time.Equal(f.appt.Time) || got.Cancelled() {
		t.Errorf("old booking changed: %+v, %v", got, err)
	}
	if entries, _ := journal.Read(dir); len(entries) != 0 {
		t.Errorf("a failed move was journalled: %+v", entries)
	}
	// Enter does not retry a taken slot; esc goes back to pick another.
	if _, cmd := m.Update(uitest.Key("enter")); cmd != nil {
		t.Error("enter retried a taken slot")
	}
	if _, cmd := m.Update(uitest.Key("esc")); cmd == nil {
		t.Error("esc did nothing")
	} else if _, ok := cmd().(common.BackMsg); !ok {
		t.Error("esc did not go back")
	}
}

func TestOtherFailureKeepsOldBooking(t *testing.T) {
	f := setup(t)
	f.env.Sandbox.InjectFault(sandbox.Fault{Method: "PATCH", Path: "/api/v1/appointments/" + f.appt.ID, Status: 422})
	m := New(f.env.Common(context.Background()), f.appt, f.slot, f.svc, f.loc, "")
	m, cmd := m.Update(uitest.Key("enter"))
	m, msg := finish(t, m, cmd)
	if msg != nil {
		t.Fatalf("failure emitted %#v", msg)
	}
	out := strings.Join(strings.Fields(uitest.Strip(m.View())), " ")
	if !strings.Contains(out, "Could not move it") || !strings.Contains(out, "The old booking is unchanged.") {
		t.Errorf("view:\n%s", out)
	}
	// The retry goes through with the same idempotency key.
	m, cmd = m.Update(uitest.Key("enter"))
	_, msg = finish(t, m, cmd)
	if _, ok := msg.(DoneMsg); !ok {
		t.Errorf("retry: %#v", msg)
	}
}

func TestGolden(t *testing.T) {
	f := setup(t)
	m := New(f.env.Common(context.Background()), f.appt, f.slot, f.svc, f.loc, "")
	m.SetSize(80, 24)
	golden.RequireEqual(t, []byte(uitest.Strip(m.View())))
}
