package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/uitest"
)

// newDeskFlow is newFlow as the desk runs it: returning customers on.
func newDeskFlow(t *testing.T) *flow {
	t.Helper()
	env := uitest.NewEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	store := state.NewMemory()
	c := env.CommonWith(ctx, env.Client, store)
	c.Prefs.ReturningCustomers = true
	tm := teatest.NewTestModel(t, New(c, Config{}), teatest.WithInitialTermSize(100, 30))
	return &flow{t: t, env: env, store: store, tm: tm}
}

// withPhone is a seeded live Paris appointment whose phone starts with
// prefix, upcoming if upcoming is set.
func withPhone(t *testing.T, f *flow, prefix string, upcoming bool) model.Appointment {
	t.Helper()
	loc, svc, _ := f.env.Paris(t, 1)
	page, err := f.env.Client.Appointments(context.Background(), api.AppointmentFilter{PageSize: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range page.Items {
		if !a.Cancelled() && a.LocationID == loc.ID && a.ServiceID == svc.ID && strings.HasPrefix(a.Contact.Phone, prefix) &&
			(!upcoming || a.Time.After(f.env.Clock.Now())) {
			return a
		}
	}
	t.Fatalf("no seeded Paris consultation with a %q phone", prefix)
	return model.Appointment{}
}

// quitHolding quits from the form, where q is text: ctrl+c, then yes.
func (f *flow) quitHolding() {
	f.t.Helper()
	f.key("ctrl+c")
	f.waitFor("Quit? The held slot will be released")
	f.key("y")
	f.tm.WaitFinished(f.t, teatest.WithFinalTimeout(waitLong))
}

func bookedFor(sb *sandbox.Server, email string) []sandbox.LedgerAppointment {
	var out []sandbox.LedgerAppointment
	for _, a := range sb.Ledger().Appointments {
		if a.Email == email && a.HoldID != "" {
			out = append(out, a)
		}
	}
	return out
}

func TestFlowReturningCustomerFilledWithOneKey(t *testing.T) {
	f := newDeskFlow(t)
	a := withPhone(t, f, "+", false)
	f.toForm(1)
	f.typeText(strings.ToLower(a.Contact.Name))
	f.waitFor("↺ Returning: "+a.Contact.Name, a.Contact.Email, a.Contact.Phone, "ctrl+r fills")
	f.key("ctrl+r")
	f.waitFor("✓ Filled in "+a.Contact.Name+"'s details", "✓ Returning customer: ")
	f.key("ctrl+s")
	f.waitFor("enter confirm")
	f.key("enter")
	f.waitFor("Booking id")
	f.quit()
	got := bookedFor(f.env.Sandbox, a.Contact.Email)
	if len(got) != 1 || got[0].ContactName != a.Contact.Name {
		t.Fatalf("booked %+v for %s", got, a.Contact.Email)
	}
	appt, err := f.env.Client.Appointment(context.Background(), got[0].ID)
	if err != nil || appt.Contact.Phone != a.Contact.Phone {
		t.Fatalf("booked %+v, %v; want the phone %s", appt.Contact, err, a.Contact.Phone)
	}
}

func TestFlowReturningCustomerBookedThatDayIsWarned(t *testing.T) {
	f := newDeskFlow(t)
	a := withPhone(t, f, "", true)
	zone := model.LoadZone("Europe/Paris")
	f.waitFor("15 free slots")
	f.key("g")
	f.typeText(model.DateOf(a.Time.In(zone)).String())
	f.key("enter", "enter")
	f.waitFor("free times")
	f.key("enter")
	f.waitFor("Hold 10:00")
	f.key("tab")
	f.typeText(a.Contact.Email)
	f.waitFor("! "+a.Contact.Name+" already has a", "that day: "+model.Clock{H24: true}.TimeZone(a.Time, zone))
	f.quitHolding()
}

func TestFlowReturningCustomerFoundByPhone(t *testing.T) {
	f := newDeskFlow(t)
	a := withPhone(t, f, "+33 ", false)
	f.toForm(1)
	f.key("tab", "tab")
	f.typeText("0" + strings.TrimPrefix(a.Contact.Phone, "+33 ")) // as a French caller says it
	f.waitFor("↺ Returning: "+a.Contact.Name, a.Contact.Email)
	f.key("ctrl+r")
	f.waitFor("✓ Filled in " + a.Contact.Name + "'s details")
	f.quitHolding()
}

func TestFlowWalkInBooksTheChosenService(t *testing.T) {
	f := newFlow(t, Config{})
	loc, consult, _ := f.env.Paris(t, 1)
	f.waitFor("15 free slots")
	f.key("w")
	f.waitFor("which service?", "2 Follow-up visit (15 min)")
	f.key("j")
	f.waitFor("Walk-in · Paris – Marais · Follow-up visit")
	f.key("enter")
	f.waitFor("Hold 10:00", "Follow-up visit")
	var follow string
	for _, h := range f.env.Sandbox.Ledger().Holds {
		if h.State == sandbox.HoldLive && h.LocationID == loc.ID {
			follow = h.ServiceID
		}
	}
	if follow == "" || follow == consult.ID {
		t.Fatalf("held service %q, want the follow-up, not %s", follow, consult.ID)
	}
	f.typeText("Walk In")
	f.key("tab")
	f.typeText("walk.in@example.com")
	f.key("ctrl+s")
	f.waitFor("enter confirm")
	f.key("enter")
	f.waitFor("Booking id")
	f.quit()
	got := bookedFor(f.env.Sandbox, "walk.in@example.com")
	if len(got) != 1 || got[0].ServiceID != follow || got[0].Minutes != 15 {
		t.Fatalf("booked %+v, want one follow-up visit", got)
	}
}

// Zimun's confirm needs an email, walk-ins too: the form says so and
// books nothing without one.
func TestFlowWalkInWithoutEmail(t *testing.T) {
	f := newFlow(t, Config{})
	f.waitFor("15 free slots")
	f.key("w")
	f.waitFor("which service?", "The API needs an email for a walk-in too")
	f.key("enter")
	f.waitFor("Hold 10:00", "needed for a walk-in too")
	f.typeText("Walk In")
	f.key("ctrl+s")
	f.waitFor("✕ email: required: the API needs an email for a walk-in")
	f.quitHolding()
	for _, a := range f.env.Sandbox.Ledger().Appointments {
		if a.ContactName == "Walk In" {
			t.Fatalf("booked without an email: %+v", a)
		}
	}
}
