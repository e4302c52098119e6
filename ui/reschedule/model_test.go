package reschedule

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	keep "github.com/zimun-app/zimun/state"
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
	store := keep.NewMemory()
	m := New(f.env.CommonIn(context.Background(), store), f.appt, f.slot, f.svc, f.loc)
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
	entries, _ := store.Journal()
	if len(entries) != 1 || entries[0].Action != journal.Rescheduled ||
		!entries[0].PreviousTime.Equal(f.appt.Time) || !entries[0].Appointment.Time.Equal(f.slot.Start) {
		t.Errorf("journal = %+v", entries)
	}
}

func TestSlotTakenInBetween(t *testing.T) {
	f := setup(t)
	store := keep.NewMemory()
	m := New(f.env.CommonIn(context.Background(), store), f.appt, f.slot, f.svc, f.loc)

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
	if !ok || taken.Status != "That slot was just taken; the old booking is unchanged." {
		t.Fatalf("got %#v", msg)
	}
	if !strings.Contains(uitest.Strip(m.View()), taken.Status) {
		t.Errorf("view does not explain:\n%s", uitest.Strip(m.View()))
	}
	got, err := f.env.Client.Appointment(context.Background(), f.appt.ID)
	if err != nil || !got.Time.Equal(f.appt.Time) || got.Cancelled() {
		t.Errorf("old booking changed: %+v, %v", got, err)
	}
	if entries, _ := store.Journal(); len(entries) != 0 {
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
	m := New(f.env.Common(context.Background()), f.appt, f.slot, f.svc, f.loc)
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

// A lost reply is not a refusal: the screen says the move may have gone
// through and that retrying is safe, and the retry (same key) confirms it.
func TestLostReplyMayHaveMoved(t *testing.T) {
	for name, fault := range map[string]sandbox.Fault{
		// Twice: net/http itself resends an idempotent request once.
		"dropped":      {DropAfterProcessing: true, Times: 2},
		"server error": {Status: 500},
	} {
		t.Run(name, func(t *testing.T) {
			f := setup(t)
			fault.Method, fault.Path = "PATCH", "/api/v1/appointments/"+f.appt.ID
			f.env.Sandbox.InjectFault(fault)
			// One attempt: the lost reply reaches the screen.
			c := f.env.CommonWith(context.Background(), f.env.NewClient(t, func(cfg *api.Config) { cfg.MaxRetries = 1 }), nil)
			m := New(c, f.appt, f.slot, f.svc, f.loc)
			idem := m.move.Key
			m, cmd := m.Update(uitest.Key("enter"))
			m, msg := finish(t, m, cmd)
			if msg != nil {
				t.Fatalf("a lost reply emitted %#v", msg)
			}
			if m.state != idle || strings.Contains(m.err, "unchanged") ||
				!strings.Contains(m.err, "may have gone through") || !strings.Contains(m.err, "safe") {
				t.Errorf("state %v, message %q", m.state, m.err)
			}
			m, cmd = m.Update(uitest.Key("enter"))
			m, msg = finish(t, m, cmd)
			if done, ok := msg.(DoneMsg); !ok || !done.Appointment.Time.Equal(f.slot.Start) || m.move.Key != idem {
				t.Fatalf("retry: %#v", msg)
			}
			updates := 0
			for _, e := range f.env.Sandbox.Outbox() {
				if e.AppointmentID == f.appt.ID && e.Kind == "update" {
					updates++
				}
			}
			if updates != 1 {
				t.Errorf("%d update emails, want 1", updates)
			}
		})
	}
}

// A 2xx whose body cannot be read still moved the appointment.
func TestUnreadableReplyIsMoved(t *testing.T) {
	f := setup(t)
	store := keep.NewMemory()
	garbled := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPatch {
			f.env.Sandbox.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		f.env.Sandbox.ServeHTTP(rec, r)
		w.WriteHeader(rec.Code)
		w.Write([]byte("<html>OK</html>"))
	}))
	t.Cleanup(garbled.Close)
	c := f.env.CommonWith(context.Background(), f.env.NewClient(t, func(cfg *api.Config) { cfg.BaseURL = garbled.URL }), store)
	m := New(c, f.appt, f.slot, f.svc, f.loc)
	m, cmd := m.Update(uitest.Key("enter"))
	_, msg := finish(t, m, cmd)
	done, ok := msg.(DoneMsg)
	if !ok || done.Appointment.ID != f.appt.ID || !done.Appointment.Time.Equal(f.slot.Start) || !strings.Contains(done.Status, "unreadable") {
		t.Fatalf("got %#v", msg)
	}
	if got, err := f.env.Client.Appointment(context.Background(), f.appt.ID); err != nil || !got.Time.Equal(f.slot.Start) {
		t.Errorf("server copy %+v, %v", got, err)
	}
	if entries, _ := store.Journal(); len(entries) != 1 || !entries[0].PreviousTime.Equal(f.appt.Time) {
		t.Errorf("journal = %+v", entries)
	}
}

func TestGolden(t *testing.T) {
	f := setup(t)
	m := New(f.env.Common(context.Background()), f.appt, f.slot, f.svc, f.loc)
	m.SetSize(80, 24)
	golden.RequireEqual(t, []byte(uitest.Strip(m.View())))
}
