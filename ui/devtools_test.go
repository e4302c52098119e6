package ui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/ui/availmap"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/inspector"
	"github.com/zimun-app/zimun/ui/uitest"
)

// deskOnCalendar is a desk on the Paris consultation's calendar, its API
// calls recorded.
func deskOnCalendar(t *testing.T, tools bool) (Model, *uitest.Env) {
	t.Helper()
	env := uitest.NewEnv(t)
	loc, svc, _ := env.Paris(t, 1)
	rec := api.NewRecorder(0, 0)
	c := env.CommonWith(context.Background(), env.NewClient(t, func(c *api.Config) { c.Observer = rec.Record }), nil)
	c.Calls = rec
	if !tools {
		c.Keys.DisableDeskTools()
	}
	m := New(c, Config{ServiceID: svc.ID, LocationID: loc.ID})
	m = update(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m = boot(t, m)
	if on(m) != "calendar" {
		t.Fatalf("on %s, want the calendar", on(m))
	}
	// What the calendar asks first (its Init also starts a minute's tick).
	if _, err := c.Office.Availability(context.Background(), svc.ID, loc.ID, c.Prefs.DaysAhead); err != nil {
		t.Fatal(err)
	}
	return m, env
}

// follow sends msg and then the messages its Cmd answers with, but not
// what those start: a calendar's Cmds include its minute tick.
func follow(t *testing.T, m Model, msg tea.Msg) Model {
	t.Helper()
	next, cmd := m.Update(msg)
	m = next.(Model)
	for _, msg := range uitest.Messages(cmd) {
		m = update(t, m, msg)
	}
	return m
}

func TestInspectorFromTheCalendar(t *testing.T) {
	m, _ := deskOnCalendar(t, true)
	m = update(t, m, uitest.Key("I")) // its Cmd waits for the next call
	in, ok := m.stack.Top().Model().(inspector.Model)
	if !ok {
		t.Fatalf("I opened %s", on(m))
	}
	if e, _ := in.Selected(); e.Op != "availability" {
		t.Errorf("the newest call is %q, want the calendar's availability", e.Op)
	}
	if v := uitest.Strip(m.View()); !strings.Contains(v, "API calls") || !strings.Contains(v, "/availability?") {
		t.Errorf("the inspector in the frame:\n%s", v)
	}
	m = update(t, m, uitest.Key("I"))
	if m.stack.Len() != 2 {
		t.Errorf("I over the inspector stacked another: %d screens", m.stack.Len())
	}
	m = follow(t, m, uitest.Key("esc"))
	if on(m) != "calendar" {
		t.Errorf("esc from the inspector: on %s", on(m))
	}
}

func TestAvailabilityMapOpensTheDay(t *testing.T) {
	m, env := deskOnCalendar(t, true)
	m = drive(t, m, uitest.Key("M"), 3)
	if _, ok := m.stack.Top().Model().(availmap.Model); !ok {
		t.Fatalf("M opened %s", on(m))
	}
	golden.RequireEqual(t, []byte(uitest.Strip(m.View()))) // the whole frame at 100×30

	// The cursor starts on the desk's service; three days on, enter.
	loc, svc, _ := env.Paris(t, 1)
	m = update(t, m, uitest.Key("l"))
	m = update(t, m, uitest.Key("l"))
	m = update(t, m, uitest.Key("l"))
	m = follow(t, m, uitest.Key("enter"))
	cal, ok := m.stack.Top().Model().(calendar.Model)
	if !ok || m.stack.Len() != 1 {
		t.Fatalf("enter: on %s with %d screens, want the desk's calendar alone", on(m), m.stack.Len())
	}
	cfg := cal.Config()
	today := env.Clock.Now().In(loc.Zone())
	if cfg.Service.ID != svc.ID || cfg.Location.ID != loc.ID || cfg.Date.String() != today.AddDate(0, 0, 3).Format("2006-01-02") {
		t.Errorf("calendar of %s at %s on %s", cfg.Service.Name, cfg.Location.Name, cfg.Date)
	}
}

func TestDeskToolsOff(t *testing.T) {
	m, _ := deskOnCalendar(t, false)
	for _, k := range []string{"I", "M"} {
		m = update(t, m, uitest.Key(k))
		if on(m) != "calendar" {
			t.Errorf("%s with the desk's tools off opened %s", k, on(m))
		}
	}
	m = update(t, m, uitest.Key("?"))
	if v := uitest.Strip(m.View()); strings.Contains(v, "API calls") || strings.Contains(v, "availability map") {
		t.Errorf("the help shows tools that are off:\n%s", v)
	}
	m = update(t, m, uitest.Key("?")) // closes the help
	for _, msg := range []tea.Msg{common.OpenInspectorMsg{}, common.OpenAvailabilityMapMsg{}} {
		if m = update(t, m, msg); on(m) != "calendar" {
			t.Errorf("%T with the tools off opened %s", msg, on(m))
		}
	}
}

// The kiosk builds its sessions without a recorder: the developer's keys
// are off there; the desk's UI has them.
func TestDeskToolsNeedARecorder(t *testing.T) {
	env := uitest.NewEnv(t)
	c := env.Common(context.Background())
	kiosk := NewCommon(context.Background(), uitest.Renderer(), c.Session, Options{})
	desk := NewCommon(context.Background(), uitest.Renderer(), c.Session, Options{Calls: api.NewRecorder(0, 0)})
	if kiosk.Keys.Inspector.Enabled() || kiosk.Keys.AvailabilityMap.Enabled() {
		t.Error("a session without a recorder has the developer's keys")
	}
	if !desk.Keys.Inspector.Enabled() || !desk.Keys.AvailabilityMap.Enabled() || desk.Calls == nil {
		t.Error("the desk lacks the developer's keys or its recorder")
	}
}
