package ui

import (
	"context"
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/appointments"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/picker"
	"github.com/zimun-app/zimun/ui/slots"
	"github.com/zimun-app/zimun/ui/start"
	"github.com/zimun-app/zimun/ui/uitest"
	"github.com/zimun-app/zimun/ui/walkin"
)

// on names the screen on show: its type, and for a calendar or slot list
// whether it picks a new time for a reschedule.
func on(m Model) string {
	switch s := m.stack.Top().Model().(type) {
	case calendar.Model:
		if s.Config().Pick {
			return "reschedule calendar"
		}
		return "calendar"
	case slots.Model:
		if s.Heading().Label != "" {
			return "reschedule slots"
		}
		return "slots"
	case picker.Model:
		if s.Heading().Location.ID != "" {
			return "services"
		}
		return "locations"
	case appointments.Model:
		if s.Focused() {
			return "cancel dialog"
		}
		return "appointments"
	default:
		return fmt.Sprintf("%T", s)
	}
}

// drive sends msg, then the messages of the Cmds it answers with, and of
// the Cmds those answer with, to the depth given: replies and navigation,
// never the timers further down.
func drive(t *testing.T, m Model, msg tea.Msg, depth int) Model {
	t.Helper()
	next, cmd := m.Update(msg)
	m = next.(Model)
	cmds := []tea.Cmd{cmd}
	for range depth {
		var more []tea.Cmd
		for _, c := range cmds {
			var out []tea.Cmd
			m, out = feed(t, m, c)
			more = append(more, out...)
		}
		cmds = more
	}
	return m
}

// Every screen can be reached, and esc (or the screen's own way back)
// returns to the one it was opened from.
func TestEveryScreenIsReachableAndBackReturns(t *testing.T) {
	walkScreens(t, func(c common.Common) common.Common { return c }, 100, 30, nil)
}

// walkScreens opens every screen, in the language lang gives the session,
// at w×h, and calls visit on each (nil: none).
func walkScreens(t *testing.T, lang func(common.Common) common.Common, w, h int, visit func(step string, m Model)) {
	env := uitest.NewEnv(t)
	loc, svc, a := env.Paris(t, 30)
	store := state.NewMemory()
	c := lang(env.CommonIn(context.Background(), store))
	c.Prefs.Demo = false
	m := New(c, Config{})
	m = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	if got := on(m); got != "start.Model" {
		t.Fatalf("first screen %s, want the start screen", got)
	}
	m = boot(t, m)

	steps := []struct {
		name string
		do   func(Model) Model
		want string
	}{
		{"start", func(m Model) Model { return m }, "locations"},
		{"location chosen", func(m Model) Model { return update(t, m, common.LocationChosenMsg{Location: loc}) }, "services"},
		{"esc from services", func(m Model) Model { return update(t, m, uitest.Key("esc")) }, "locations"},
		{"again", func(m Model) Model { return update(t, m, common.LocationChosenMsg{Location: loc}) }, "services"},
		{"service chosen", func(m Model) Model { return update(t, m, common.ServiceChosenMsg{Service: svc}) }, "calendar"},
		{"esc from the calendar", func(m Model) Model { return update(t, m, uitest.Key("esc")) }, "services"},
		{"esc from services", func(m Model) Model { return update(t, m, uitest.Key("esc")) }, "locations"},
		{"esc from locations", func(m Model) Model { return update(t, m, uitest.Key("esc")) }, "calendar"},
		{"L", func(m Model) Model { return drive(t, m, uitest.Key("L"), 1) }, "locations"},
		{"esc", func(m Model) Model { return update(t, m, uitest.Key("esc")) }, "calendar"},
		{"S", func(m Model) Model { return drive(t, m, uitest.Key("S"), 1) }, "services"},
		{"esc from services", func(m Model) Model { return update(t, m, uitest.Key("esc")) }, "locations"},
		{"esc", func(m Model) Model { return update(t, m, uitest.Key("esc")) }, "calendar"},
		{"a day", func(m Model) Model { return showDay(t, m, a, a.Days[1].Date) }, "slots"},
		{"esc from slots", func(m Model) Model { return update(t, m, uitest.Key("esc")) }, "calendar"},
		{"a day", func(m Model) Model { return showDay(t, m, a, a.Days[1].Date) }, "slots"},
		{"hold", func(m Model) Model { return drive(t, m, uitest.Key("enter"), 2) }, "form.Model"},
		{"release: esc, y", func(m Model) Model {
			m = update(t, m, uitest.Key("esc"))
			return drive(t, m, uitest.Key("y"), 1)
		}, "slots"},
		{"appointments", func(m Model) Model { return drive(t, m, uitest.Key("a"), 1) }, "appointments"},
		{"esc from appointments", func(m Model) Model { return drive(t, m, uitest.Key("esc"), 1) }, "slots"},
		{"esc", func(m Model) Model { return update(t, m, uitest.Key("esc")) }, "calendar"},
		{"walk-in", func(m Model) Model { return drive(t, m, uitest.Key("w"), 1) }, "walkin.Model"},
		{"its services", func(m Model) Model { return feed2(t, m, m.stack.Top().Model().(walkin.Model).Init()) }, "walkin.Model"},
		{"esc from the walk-in", func(m Model) Model { return update(t, m, uitest.Key("esc")) }, "calendar"},
		{"walk-in", func(m Model) Model { return drive(t, m, uitest.Key("w"), 1) }, "walkin.Model"},
		{"its services", func(m Model) Model { return feed2(t, m, m.stack.Top().Model().(walkin.Model).Init()) }, "walkin.Model"},
		{"its hold", func(m Model) Model { return drive(t, m, uitest.Key("enter"), 2) }, "form.Model"},
		{"booked", func(m Model) Model {
			return update(t, m, common.BookedMsg{Appointment: firstAppointment(t, env)})
		}, "confirmation.Model"},
		{"esc from the confirmation", func(m Model) Model { return update(t, m, uitest.Key("esc")) }, "calendar"},
		{"day agenda", func(m Model) Model { return drive(t, m, uitest.Key("d"), 2) }, "agenda.Model"},
		{"esc from the agenda", func(m Model) Model { return update(t, m, uitest.Key("esc")) }, "calendar"},
		{"API calls", func(m Model) Model { return update(t, m, uitest.Key("I")) }, "inspector.Model"},
		{"esc from the calls", func(m Model) Model { return drive(t, m, uitest.Key("esc"), 1) }, "calendar"},
		{"availability map", func(m Model) Model { return drive(t, m, uitest.Key("M"), 2) }, "availmap.Model"},
		{"esc from the map", func(m Model) Model { return update(t, m, uitest.Key("esc")) }, "calendar"},
		{"appointments", func(m Model) Model { return drive(t, m, uitest.Key("a"), 2) }, "appointments"},
		{"cancel dialog", func(m Model) Model { return update(t, m, uitest.Key("X")) }, "cancel dialog"},
		{"esc from the dialog", func(m Model) Model { return drive(t, m, uitest.Key("esc"), 1) }, "appointments"},
		{"reschedule", func(m Model) Model { return drive(t, m, uitest.Key("R"), 1) }, "reschedule calendar"},
		{"esc", func(m Model) Model { return update(t, m, uitest.Key("esc")) }, "appointments"},
		{"reschedule", func(m Model) Model { return drive(t, m, uitest.Key("R"), 1) }, "reschedule calendar"},
		{"a new day", func(m Model) Model { return showDay(t, m, a, a.Days[2].Date) }, "reschedule slots"},
		{"esc", func(m Model) Model { return update(t, m, uitest.Key("esc")) }, "reschedule calendar"},
		{"a new day", func(m Model) Model { return showDay(t, m, a, a.Days[2].Date) }, "reschedule slots"},
		{"a new time", func(m Model) Model { return drive(t, m, uitest.Key("enter"), 1) }, "reschedule.Model"},
		{"esc", func(m Model) Model { return drive(t, m, uitest.Key("esc"), 1) }, "reschedule slots"},
		{"an unfinished booking", func(m Model) Model {
			d := state.Draft{ID: "d1", Service: svc, Location: loc, Slot: a.Days[3].Slots[0]}
			if err := store.SaveDraft(d); err != nil {
				t.Fatal(err)
			}
			return update(t, m, start.ReadyMsg{Catalog: booking.Catalog{Catalog: m.flow.Catalog().Catalog}, Drafts: []state.Draft{d}})
		}, "resume.Model"},
		{"resumed", func(m Model) Model { return drive(t, m, uitest.Key("enter"), 1) }, "form.Model"},
		{"its hold lapsed: esc picks another", func(m Model) Model { return drive(t, m, uitest.Key("esc"), 1) }, "calendar"},
	}
	for _, s := range steps {
		m = s.do(m)
		if got := on(m); got != s.want {
			t.Fatalf("%s: on %s, want %s", s.name, got, s.want)
		}
		if visit != nil {
			visit(s.name, m)
		}
	}
}

func firstAppointment(t *testing.T, env *uitest.Env) model.Appointment {
	t.Helper()
	page, err := env.Client.Appointments(context.Background(), api.AppointmentFilter{PageSize: 1})
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("appointments: %v", err)
	}
	return page.Items[0]
}
