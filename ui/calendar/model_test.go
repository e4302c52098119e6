package calendar

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/uitest"
)

// newCalendar is a calendar at Epoch (Monday 2 March 2026 in Paris) with
// the sandbox's data already in.
func newCalendar(t testing.TB, w, h int) Model {
	t.Helper()
	return newCalendarIn(t, w, h, func(c common.Common) common.Common { return c })
}

// newCalendarIn is newCalendar on the session as lang makes it.
func newCalendarIn(t testing.TB, w, h int, lang func(common.Common) common.Common) Model {
	t.Helper()
	env := uitest.NewEnv(t)
	loc, svc, _ := env.Paris(t, 30)
	c := lang(env.Common(context.Background()))
	// An earlier answer the office keeps is shown at once.
	if _, err := c.Office.Availability(c.Ctx, svc.ID, loc.ID, 30); err != nil {
		t.Fatal(err)
	}
	m := New(c, Config{ID: 1, Service: svc, Location: loc})
	m.loading = false
	m.SetSize(w, h)
	return m
}

func date(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestUpdate(t *testing.T) {
	m0 := newCalendar(t, 80, 20)
	tests := []struct {
		name    string
		keys    []string
		sel     string
		focused bool
		msg     func(tea.Msg) error // checks the last key's Cmd result
	}{
		{name: "opens on first bookable day", sel: "2026-03-02"},
		{name: "right", keys: []string{"l"}, sel: "2026-03-03"},
		{name: "left into the past", keys: []string{"h"}, sel: "2026-03-01"},
		{name: "down a week", keys: []string{"j"}, sel: "2026-03-09"},
		{name: "up a week", keys: []string{"k"}, sel: "2026-02-23"},
		{name: "arrows", keys: []string{"right", "down", "left", "up"}, sel: "2026-03-02"},
		{name: "next month", keys: []string{"]"}, sel: "2026-04-02"},
		{name: "previous month", keys: []string{"["}, sel: "2026-02-02"},
		{name: "today", keys: []string{"]", "]", "t"}, sel: "2026-03-02"},
		{name: "next free skips Sunday", keys: []string{"l", "l", "l", "l", "l", "n"}, sel: "2026-03-09"},
		{name: "next free skips closure", keys: []string{"]", "[", "j", "l", "l", "l", "n"}, sel: "2026-03-14"},
		{name: "previous free", keys: []string{"j", "N"}, sel: "2026-03-07"},
		{name: "no free day before today", keys: []string{"N"}, sel: "2026-03-02", msg: wantStatus("No free day before")},
		{name: "enter opens the day", keys: []string{"l", "enter"}, sel: "2026-03-03", msg: func(msg tea.Msg) error {
			if got, ok := msg.(DayChosenMsg); !ok || got.Date != date("2026-03-03") || got.Calendar != 1 {
				return fmt.Errorf("got %#v, want DayChosenMsg 2026-03-03", msg)
			}
			return nil
		}},
		{name: "enter outside the window", keys: []string{"h", "enter"}, sel: "2026-03-01", msg: wantStatus("outside the bookable window")},
		{name: "enter while the month loads", keys: []string{"]", "]", "enter"}, sel: "2026-05-02", msg: wantStatus("still loading")},
		{name: "enter after the window", keys: []string{"]", "]", "]", "enter"}, sel: "2026-06-02", msg: wantStatus("outside the bookable window")},
		{name: "a count repeats a move", keys: []string{"3", "l"}, sel: "2026-03-05"},
		{name: "counts of two digits", keys: []string{"1", "2", "l"}, sel: "2026-03-14"},
		{name: "a count of weeks", keys: []string{"2", "j"}, sel: "2026-03-16"},
		{name: "a count goes with one move", keys: []string{"3", "l", "l"}, sel: "2026-03-06"},
		{name: "g goes to a weekday", keys: []string{"g", "fri", "enter"}, sel: "2026-03-06"},
		{name: "g goes to tomorrow", keys: []string{"g", "tomorrow", "enter"}, sel: "2026-03-03"},
		{name: "g goes two weeks on", keys: []string{"g", "+2w", "enter"}, sel: "2026-03-16"},
		{name: "g goes to day/month", keys: []string{"g", "20/3", "enter"}, sel: "2026-03-20"},
		{name: "g opens the prompt", keys: []string{"g"}, sel: "2026-03-02", focused: true},
		{name: "g goes to a date", keys: []string{"g", "2026-03-20", "enter"}, sel: "2026-03-20"},
		{name: "g keeps q as text", keys: []string{"g", "q"}, sel: "2026-03-02", focused: true},
		{name: "g rejects a non-date", keys: []string{"g", "next tuesday", "enter"}, sel: "2026-03-02", focused: true, msg: func(msg tea.Msg) error {
			if e, ok := msg.(common.StatusMsg); !ok || e.Status.Kind != common.Failure || !strings.Contains(e.Status.Text, "not a day") {
				return fmt.Errorf("got %#v, want ErrNotADate", msg)
			}
			return nil
		}},
		{name: "esc closes the prompt", keys: []string{"g", "2026", "esc"}, sel: "2026-03-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := m0
			var cmd tea.Cmd
			for _, k := range tt.keys {
				m, cmd = m.Update(uitest.Key(k))
			}
			if got := m.Selected(); got != date(tt.sel) {
				t.Errorf("selected %s, want %s", got, tt.sel)
			}
			if m.Focused() != tt.focused {
				t.Errorf("Focused = %v, want %v", m.Focused(), tt.focused)
			}
			if tt.msg != nil {
				if cmd == nil {
					t.Fatal("no Cmd")
				}
				if err := tt.msg(cmd()); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

func wantStatus(sub string) func(tea.Msg) error {
	return func(msg tea.Msg) error {
		if s, ok := msg.(common.StatusMsg); !ok || !strings.Contains(s.Status.Text, sub) {
			return fmt.Errorf("got %#v, want a status with %q", msg, sub)
		}
		return nil
	}
}

func TestRefreshDropsStaleReplies(t *testing.T) {
	m := newCalendar(t, 80, 20)
	m, cmd := m.Update(uitest.Key("r"))
	if cmd == nil || !m.Loading() {
		t.Fatal("r did not start a refresh")
	}
	first := cmd().(AvailabilityMsg)
	m, _ = m.Update(uitest.Key("r"))
	stale := first
	stale.Availability = model.Availability{}
	m, _ = m.Update(stale)
	if !m.Loading() || m.Availability().FreeSlots(date("2026-03-03")) == 0 {
		t.Fatal("a stale reply was applied")
	}
	other := first
	other.Calendar, other.Req = 2, m.req
	other.Availability = model.Availability{}
	m, _ = m.Update(other)
	if m.Availability().FreeSlots(date("2026-03-03")) == 0 {
		t.Fatal("another calendar's reply was applied")
	}
}

func TestRefreshTickGeneration(t *testing.T) {
	m := newCalendar(t, 80, 20)
	m.Activate() // generation 1; the Init tick (0) is now stale
	if _, cmd := m.Update(refreshTickMsg{calendar: 1, gen: 0}); cmd != nil {
		t.Fatal("stale tick refreshed")
	}
	if _, cmd := m.Update(refreshTickMsg{calendar: 1, gen: 1}); cmd == nil {
		t.Fatal("current tick did not refresh")
	}
}

func TestClick(t *testing.T) {
	m := newCalendar(t, 80, 20)
	// March 2026 starts on a Sunday: the first row holds only the 1st, so
	// Wednesday the 4th is column 2 of the second week.
	y := gridTop + 1*m.layout.rowH
	m, cmd := m.Update(uitest.Click(2*cellW+3, y))
	if m.Selected() != date("2026-03-04") || cmd != nil {
		t.Fatalf("click selected %s", m.Selected())
	}
	_, cmd = m.Update(uitest.Click(2*cellW+3, y))
	if cmd == nil {
		t.Fatal("second click did not open the day")
	}
	if got, ok := cmd().(DayChosenMsg); !ok || got.Date != date("2026-03-04") {
		t.Fatalf("got %#v", got)
	}
}

func TestView(t *testing.T) {
	for _, size := range [][2]int{{78, 20}, {198, 56}} { // what a screen gets inside 80×24 and 200×60
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := newCalendar(t, size[0], size[1])
			golden.RequireEqual(t, []byte(uitest.Strip(m.View())))
		})
	}
	// In French: lundi first, French names, the same grid.
	for _, size := range [][2]int{{78, 20}, {198, 56}} {
		t.Run(fmt.Sprintf("french_%dx%d", size[0], size[1]), func(t *testing.T) {
			m := newCalendarIn(t, size[0], size[1], uitest.InFrench)
			golden.RequireEqual(t, []byte(uitest.Strip(m.View())))
		})
	}
	t.Run("closure selected", func(t *testing.T) {
		m := newCalendar(t, 80, 24)
		m, _ = m.Update(uitest.Key("g"))
		m, _ = m.Update(uitest.Key("2026-03-13"))
		m, _ = m.Update(uitest.Key("enter"))
		golden.RequireEqual(t, []byte(uitest.Strip(m.View())))
	})
}

func BenchmarkCalendarView(b *testing.B) {
	m := newCalendar(b, 200, 60)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkCalendarMove is a key press: Update plus the grid rebuild.
func BenchmarkCalendarMove(b *testing.B) {
	m := newCalendar(b, 200, 60)
	keys := []tea.Msg{uitest.Key("l"), uitest.Key("h")}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m, _ = m.Update(keys[i%2])
		i++
		_ = m.View()
	}
}

func TestMonthOnScreenWidensTheWindow(t *testing.T) {
	m := newCalendar(t, 80, 20)
	if _, last := m.Window(); last != date("2026-03-31") {
		t.Fatalf("window ends %s, want the configured 30 days", last)
	}
	next := func(k string) {
		t.Helper()
		var cmd tea.Cmd
		m, cmd = m.Update(uitest.Key(k))
		if cmd == nil {
			t.Fatalf("%s: no fetch for the wider month", k)
		}
		m, _ = m.Update(cmd().(AvailabilityMsg))
	}
	next("]")
	if _, last := m.Window(); last != date("2026-04-30") {
		t.Fatalf("April on screen: window ends %s, want 2026-04-30", last)
	}
	if _, cmd := m.Update(uitest.Key("enter")); cmd == nil {
		t.Fatal("enter in April did nothing")
	} else if _, ok := cmd().(DayChosenMsg); !ok {
		t.Fatal("2 April is not bookable once April is on screen")
	}
	next("]")
	if _, last := m.Window(); last != date("2026-05-30") {
		t.Fatalf("May on screen: window ends %s, want the API's 90 days (2026-05-30)", last)
	}
	if _, cmd := m.Update(uitest.Key("[")); cmd != nil {
		t.Fatal("going back refetched a narrower window")
	}
}

// A server may leave out days with no slots: the window is the span asked
// for, not the last day sent, and the days a wider request in flight
// covers show as loading rather than as outside the window.
func TestWindowIsTheSpanAskedFor(t *testing.T) {
	m := newCalendar(t, 120, 40)
	reply := func(cmd tea.Cmd, keep int) AvailabilityMsg {
		t.Helper()
		if cmd == nil {
			t.Fatal("no fetch")
		}
		msg := cmd().(AvailabilityMsg)
		msg.Availability.Days = msg.Availability.Days[:keep]
		return msg
	}
	m, cmd := m.Update(uitest.Key("r"))
	m, _ = m.Update(reply(cmd, 10))
	if _, last := m.Window(); last != date("2026-03-31") {
		t.Fatalf("window ends %s, want the 30 days asked for", last)
	}
	if s, _ := m.stateOf(date("2026-03-25")); s != stNone {
		t.Fatalf("a day the server left out is %v, want none free", s)
	}

	m, cmd = m.Update(uitest.Key("]"))
	april := date("2026-04-02")
	if s, _ := m.stateOf(april); s != stLoading {
		t.Fatalf("while April loads, 2 April is %v, want loading", s)
	}
	if !strings.Contains(m.View(), "Loading…") {
		t.Fatalf("the panel does not say April is loading:\n%s", m.View())
	}
	if _, c := m.Update(uitest.Key("enter")); c == nil {
		t.Fatal("enter while loading did nothing")
	} else if err := wantStatus("still loading")(c()); err != nil {
		t.Fatal(err)
	}
	msg := reply(cmd, 20)
	if msg.Days != 60 {
		t.Fatalf("April on screen asked for %d days, want 60", msg.Days)
	}
	m, _ = m.Update(msg)
	if _, last := m.Window(); last != date("2026-04-30") {
		t.Fatalf("window ends %s, want 2026-04-30", last)
	}
	if s, _ := m.stateOf(date("2026-04-29")); s != stNone {
		t.Fatalf("29 April is %v, want none free", s)
	}
}
