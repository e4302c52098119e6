package choose

import (
	"testing"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/appointments"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/picker"
	"github.com/zimun-app/zimun/ui/router"
	"github.com/zimun-app/zimun/ui/start"
	"github.com/zimun-app/zimun/ui/uitest"
)

var (
	paris   = model.Location{ID: "l_paris", Name: "Paris", Timezone: "Europe/Paris", Active: true}
	lyon    = model.Location{ID: "l_lyon", Name: "Lyon", Timezone: "Europe/Paris", Active: true}
	closed  = model.Location{ID: "l_closed", Name: "Closed", Timezone: "Europe/Paris"}
	empty   = model.Location{ID: "l_empty", Name: "Empty", Timezone: "Europe/Paris", Active: true}
	consult = model.Service{ID: "s_consult", Name: "Consultation", DurationMinutes: 30,
		LocationIDs: []string{paris.ID, lyon.ID}}
	checkup = model.Service{ID: "s_checkup", Name: "Check-up", DurationMinutes: 15, LocationIDs: []string{paris.ID}}
	dental  = model.Service{ID: "s_dental", Name: "Dental", DurationMinutes: 45, LocationIDs: []string{closed.ID}}
)

func ready(c common.Common) Flow {
	cat := booking.Catalog{Catalog: model.Catalog{
		Locations: []model.Location{paris, lyon, closed, empty}, Services: []model.Service{consult, checkup, dental},
	}}
	return New(c, model.Date{}).Ready(start.ReadyMsg{Catalog: cat})
}

func on(s Step) string {
	switch p := s.Page.(type) {
	case nil:
		return "nothing: " + s.Say.Text
	default:
		switch m := p.Model().(type) {
		case picker.Model:
			if m.Heading().Location.ID != "" {
				return "services"
			}
			return "locations"
		case calendar.Model:
			if m.Config().Pick {
				return "reschedule calendar of " + m.Config().Service.ID
			}
			return "calendar of " + m.Config().Service.ID + " at " + m.Config().Location.ID
		}
		return "?"
	}
}

// Each question is asked only when there is a choice; a calendar of the
// desk's replaces every screen and is remembered, a picker replaces a
// picker, and esc goes back the same way.
func TestTheWayToTheCalendar(t *testing.T) {
	c := uitest.Common(uitest.NewClock(uitest.Epoch).Now)
	f, s := ready(c).Begin(model.Location{})
	if on(s) != "locations" || !s.Alone || !s.Swap {
		t.Fatalf("begin: %s (alone %v, swap %v), want the locations alone", on(s), s.Alone, s.Swap)
	}
	stack := router.Stack{}.Push(s.Page)
	f, s = f.ChooseLocation(stack, paris)
	if on(s) != "services" || !s.Swap {
		t.Fatalf("at Paris: %s, want the services in place of the locations", on(s))
	}
	stack = stack.Drop().Push(s.Page)
	if back, ok := f.Back(stack); !ok || on(back) != "locations" {
		t.Fatalf("esc from the services: %s, want the locations", on(back))
	}
	f, s = f.ChooseService(stack, checkup)
	if on(s) != "calendar of s_checkup at l_paris" || !s.Alone || s.Init == nil {
		t.Fatalf("check-up chosen: %s (alone %v)", on(s), s.Alone)
	}
	if want := (state.Desk{LocationID: paris.ID, ServiceID: checkup.ID}); f.saved != want {
		t.Errorf("the desk remembered %+v, want %+v", f.saved, want)
	}
	if _, again := f.remember(); again != nil {
		t.Error("the same desk is saved again")
	}
	forgot := f
	forgot.saved = state.Desk{}
	_, save := forgot.remember()
	uitest.Messages(save)
	if d, _ := c.Office.Store().LoadDesk(); d.LocationID != paris.ID || d.ServiceID != checkup.ID {
		t.Errorf("the desk saved %+v", d)
	}
	stack = router.Stack{}.Push(s.Page)
	if back, ok := f.Back(stack); !ok || on(back) != "services" {
		t.Fatalf("esc from the calendar: %s, want the services", on(back))
	}

	// Lyon offers one service: no question, and from its calendar esc
	// asks where.
	f, s = f.ChooseLocation(stack, lyon)
	if on(s) != "calendar of s_consult at l_lyon" {
		t.Fatalf("at Lyon: %s", on(s))
	}
	if back, ok := f.Back(router.Stack{}.Push(s.Page)); !ok || on(back) != "locations" {
		t.Fatalf("esc from Lyon's calendar: %s, want the locations", on(back))
	}
	if _, s = f.ChooseLocation(stack, empty); s.Page != nil || s.Say.Kind != common.Failure {
		t.Errorf("a location offering nothing: %s", on(s))
	}
}

// A move opens a calendar in pick mode only while its service is still
// booked at its location; then its confirmation moves that appointment.
func TestReschedule(t *testing.T) {
	f := ready(uitest.Common(uitest.NewClock(uitest.Epoch).Now))
	appt := model.Appointment{ID: "a_1", ServiceID: checkup.ID, LocationID: lyon.ID}
	f, s := f.Reschedule(appointments.RescheduleMsg{Appointment: appt, Service: checkup, Location: lyon})
	if s.Page != nil || s.Say.Kind != common.Failure || f.moving.ID != "" {
		t.Fatalf("a check-up in Lyon, not offered there: %s, moving %q", on(s), f.moving.ID)
	}
	f, s = f.Reschedule(appointments.RescheduleMsg{Appointment: appt, Service: checkup, Location: paris})
	if on(s) != "reschedule calendar of s_checkup" || s.Alone || f.moving.ID != appt.ID {
		t.Fatalf("a check-up in Paris: %s (alone %v), moving %q", on(s), s.Alone, f.moving.ID)
	}
}

// A kiosk remembers nothing of one customer for the next.
func TestKioskRemembersNothing(t *testing.T) {
	c := uitest.Common(uitest.NewClock(uitest.Epoch).Now).ForKiosk(&common.Kiosk{})
	f, s := ready(c).Begin(lyon)
	if on(s) != "calendar of s_consult at l_lyon" || f.saved != (state.Desk{}) {
		t.Errorf("a kiosk at Lyon: %s, remembered %+v", on(s), f.saved)
	}
	if _, save := f.remember(); save != nil {
		t.Error("a kiosk saves the desk")
	}
}
