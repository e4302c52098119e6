package slots

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/uitest"
)

func date(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// newList is the slot list of day at Epoch, from the sandbox's data.
func newList(t testing.TB, day string, w, h int) Model {
	t.Helper()
	return newListIn(t, day, w, h, func(c common.Common) common.Common { return c })
}

// newListIn is newList on the session as lang makes it.
func newListIn(t testing.TB, day string, w, h int, lang func(common.Common) common.Common) Model {
	t.Helper()
	env := uitest.NewEnv(t)
	loc, svc, a := env.Paris(t, 30)
	m := New(lang(env.Common(context.Background())), Config{ID: 1, Service: svc, Location: loc, Availability: a, Date: date(day)})
	m.SetSize(w, h)
	return m
}

func TestUpdate(t *testing.T) {
	m0 := newList(t, "2026-03-03", 80, 20) // 16 slots, 09:00 to 17:30
	tests := []struct {
		name    string
		keys    []string
		day     string
		cursor  int
		holding bool
		msg     string // substring of a StatusMsg the last Cmd returns
	}{
		{name: "starts on the first", day: "2026-03-03", cursor: 0},
		{name: "down", keys: []string{"j", "down"}, day: "2026-03-03", cursor: 2},
		{name: "up clamps", keys: []string{"k", "up"}, day: "2026-03-03", cursor: 0},
		{name: "end", keys: []string{"end"}, day: "2026-03-03", cursor: 15},
		{name: "home", keys: []string{"end", "home"}, day: "2026-03-03", cursor: 0},
		{name: "page down", keys: []string{"pgdown"}, day: "2026-03-03", cursor: 13},
		{name: "page up clamps", keys: []string{"pgdown", "pgup", "pgup"}, day: "2026-03-03", cursor: 0},
		{name: "next free day", keys: []string{"n"}, day: "2026-03-04", cursor: 0},
		{name: "previous free day", keys: []string{"N"}, day: "2026-03-02", cursor: 0},
		{name: "no free day before today", keys: []string{"N", "N"}, day: "2026-03-02", msg: "No other free day"},
		{name: "enter holds", keys: []string{"j", "enter"}, day: "2026-03-03", cursor: 1, holding: true},
		{name: "keys wait while holding", keys: []string{"enter", "j"}, day: "2026-03-03", cursor: 0, holding: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := m0
			var cmd tea.Cmd
			for _, k := range tt.keys {
				m, cmd = m.Update(uitest.Key(k))
			}
			if m.Date() != date(tt.day) || m.Cursor() != tt.cursor || m.Holding() != tt.holding {
				t.Errorf("day %s cursor %d holding %v, want %s %d %v", m.Date(), m.Cursor(), m.Holding(), tt.day, tt.cursor, tt.holding)
			}
			if tt.msg != "" {
				if s, ok := cmd().(common.StatusMsg); !ok || !strings.Contains(s.Status.Text, tt.msg) {
					t.Errorf("got %#v, want status %q", s, tt.msg)
				}
			}
		})
	}
}

func TestHoldResults(t *testing.T) {
	m0 := newList(t, "2026-03-03", 80, 20)
	m0, _ = m0.Update(uitest.Key("enter"))
	slot := m0.Slots()[0]

	t.Run("placed", func(t *testing.T) {
		hold := model.Hold{ID: "h_1", Time: slot.Start}
		msg := HoldMsg{list: 1, req: 1, slot: slot, hold: hold}
		if h, ok := msg.Placed(); !m0.Awaits(msg) || !ok || h.ID != "h_1" {
			t.Fatal("the answer to the hold in flight is not recognised")
		}
		m, cmd := m0.Update(msg)
		if m.Holding() || cmd == nil {
			t.Fatal("no HoldPlacedMsg")
		}
		if got, ok := cmd().(HoldPlacedMsg); !ok || got.Hold.ID != "h_1" || got.Slot != slot || got.List != 1 {
			t.Fatalf("got %#v", got)
		}
		// Until the form covers the list, a second enter holds nothing.
		if !m.Focused() {
			t.Fatal("the list lets keys through between the hold and the form")
		}
		if _, cmd := m.Update(uitest.Key("enter")); cmd != nil {
			if _, again := cmd().(HoldMsg); again {
				t.Fatal("a second enter placed a second hold")
			}
		}
		m.Deactivate()
		m.Activate()
		if m.Focused() {
			t.Fatal("back from the form, the list still waits")
		}
	})
	t.Run("taken refetches then says so", func(t *testing.T) {
		taken := &api.Error{Status: 409, Code: "slot_unavailable", Message: "Slot unavailable"}
		m, cmd := m0.Update(HoldMsg{list: 1, req: 1, slot: slot, err: taken})
		if cmd == nil || !m.loading {
			t.Fatal("409 did not refetch")
		}
		loaded, ok := cmd().(loadedMsg)
		if !ok || loaded.err != nil {
			t.Fatalf("refetch: %#v", loaded)
		}
		m, cmd = m.Update(loaded)
		if s, ok := cmd().(common.StatusMsg); !ok || s.Status.Text != "That slot was just taken — list refreshed" {
			t.Fatalf("got %#v, want the taken slot said", s)
		}
		if len(m.Slots()) == 0 {
			t.Fatal("refreshed list is empty")
		}
	})
	t.Run("refused shows the reason", func(t *testing.T) {
		refused := &api.Error{Status: 422, Code: "slot_not_bookable", Message: "Bookings close 15 minutes before the start"}
		_, cmd := m0.Update(HoldMsg{list: 1, req: 1, slot: slot, err: refused})
		e, ok := cmd().(common.StatusMsg)
		if !ok || e.Status.Kind != common.Failure || !strings.HasSuffix(e.Status.Text, refused.Message) {
			t.Fatalf("got %#v", e)
		}
	})
	t.Run("stale answer dropped", func(t *testing.T) {
		for _, msg := range []HoldMsg{{list: 1, req: 0, slot: slot}, {list: 2, req: 1, slot: slot}} {
			if m0.Awaits(msg) {
				t.Fatalf("%+v is awaited", msg)
			}
			if _, cmd := m0.Update(msg); cmd != nil {
				t.Fatal("stale hold answer acted on")
			}
		}
	})
}

func TestPickMode(t *testing.T) {
	env := uitest.NewEnv(t)
	loc, svc, a := env.Paris(t, 30)
	m := New(env.Common(context.Background()), Config{ID: 1, Service: svc, Location: loc, Availability: a, Date: date("2026-03-03"), Pick: true})
	m.SetSize(80, 20)
	m, _ = m.Update(uitest.Key("j"))
	m, cmd := m.Update(uitest.Key("enter"))
	if m.Holding() || cmd == nil {
		t.Fatal("pick mode held the slot")
	}
	if got, ok := cmd().(PickedMsg); !ok || got.Slot != m.Slots()[1] {
		t.Fatalf("got %#v, want the second slot picked", got)
	}
	if h := m.ShortHelp()[0].Help(); h.Desc != "choose this time" {
		t.Fatalf("enter is described as %q", h.Desc)
	}
}

func TestRefreshTick(t *testing.T) {
	m := newList(t, "2026-03-03", 80, 20)
	if m2, cmd := m.Update(refreshTickMsg{list: 1, gen: 0}); cmd == nil || !m2.loading {
		t.Fatal("the current tick did not refetch")
	}
	_ = m.Activate() // a new generation: the old tick is stale
	if m3, cmd := m.Update(refreshTickMsg{list: 1, gen: 0}); cmd != nil || m3.req != m.req {
		t.Fatal("a stale tick refreshed")
	}
	if _, cmd := m.Update(refreshTickMsg{list: 2, gen: m.gen}); cmd != nil {
		t.Fatal("another list's tick refreshed")
	}
}

// Another session's change to this service and location refetches at
// once, unless the list is covered; other services' changes don't.
func TestSlotsChangedRefetches(t *testing.T) {
	m := newList(t, "2026-03-03", 80, 20)
	svc, loc := m.cfg.Service.ID, m.cfg.Location.ID
	if m2, cmd := m.Update(common.SlotsChangedMsg{ServiceID: svc, LocationID: loc}); cmd == nil || !m2.loading {
		t.Fatal("a change to this list's slots did not refetch")
	}
	if _, cmd := m.Update(common.SlotsChangedMsg{ServiceID: "s_other", LocationID: loc}); cmd != nil {
		t.Fatal("another service's change refetched")
	}
	m.Deactivate()
	if _, cmd := m.Update(common.SlotsChangedMsg{ServiceID: svc, LocationID: loc}); cmd != nil {
		t.Fatal("a covered list refetched")
	}
}

func TestClick(t *testing.T) {
	m := newList(t, "2026-03-03", 80, 20)
	// Row 0 is "Morning", row 1 the first slot, row 2 the second.
	m, cmd := m.Update(uitest.Click(3, headerRows+2))
	if m.Cursor() != 1 || cmd != nil {
		t.Fatalf("cursor %d", m.Cursor())
	}
	m, _ = m.Update(uitest.Click(3, headerRows+2))
	if !m.Holding() {
		t.Fatal("clicking the highlighted slot did not hold it")
	}
}

func TestView(t *testing.T) {
	for _, size := range [][2]int{{78, 20}, {198, 56}} { // what a screen gets inside 80×24 and 200×60
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := newList(t, "2026-03-03", size[0], size[1])
			golden.RequireEqual(t, []byte(uitest.Strip(m.View())))
		})
	}
	for name, day := range map[string]string{"closure": "2026-03-13", "sunday": "2026-03-08"} {
		t.Run(name, func(t *testing.T) {
			m := newList(t, day, 80, 24)
			golden.RequireEqual(t, []byte(uitest.Strip(m.View())))
		})
	}
	for name, day := range map[string]string{"french_78x20": "2026-03-03", "french_closure": "2026-03-13"} {
		t.Run(name, func(t *testing.T) {
			m := newListIn(t, day, 78, 20, uitest.InFrench)
			golden.RequireEqual(t, []byte(uitest.Strip(m.View())))
		})
	}
}

func BenchmarkSlotsView(b *testing.B) {
	m := newList(b, "2026-03-03", 200, 60)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

func TestTwelveHourTimesLineUp(t *testing.T) {
	env := uitest.NewEnv(t)
	loc, svc, a := env.Paris(t, 30)
	c := env.Common(context.Background())
	c.Prefs.Clock24 = false
	m := New(c, Config{ID: 1, Service: svc, Location: loc, Availability: a, Date: date("2026-03-03")})
	m.SetSize(80, 30)
	col := -1
	for _, line := range strings.Split(uitest.Strip(m.View()), "\n") {
		i := strings.Index(line, " to ")
		if i < 0 || !strings.Contains(line, "M CET") {
			continue
		}
		i = ansi.StringWidth(line[:i]) // the cursor ▸ is one cell, three bytes
		if col >= 0 && i != col {
			t.Fatalf("\"to\" at column %d, earlier at %d:\n%s", i, col, uitest.Strip(m.View()))
		}
		col = i
	}
	if col < 0 {
		t.Fatalf("no 12-hour slot rows:\n%s", uitest.Strip(m.View()))
	}
}

// without is a's data with the slots at the given starts taken away.
func without(a model.Availability, starts ...time.Time) model.Availability {
	days := make([]model.Day, len(a.Days))
	for i, d := range a.Days {
		var keep []model.Slot
		for _, s := range d.Slots {
			gone := false
			for _, t := range starts {
				gone = gone || s.Start.Equal(t)
			}
			if !gone {
				keep = append(keep, s)
			}
		}
		days[i] = model.Day{Date: d.Date, Slots: keep}
	}
	a.Days = days
	return a
}

// Defect: a refresh moved the cursor to another time without a word, so
// a desk reading "08:45" to a caller held another. The cursor stays on the
// time chosen; if it went, nothing is selected and the desk is told.
func TestRefreshKeepsTheChosenTime(t *testing.T) {
	m := newList(t, "2026-03-03", 80, 20)
	m, _ = m.Update(uitest.Key("j"))
	m, _ = m.Update(uitest.Key("j"))
	m, _ = m.Update(uitest.Key("j"))
	chosen, earlier := m.Slots()[3].Start, m.Slots()[0].Start

	// An earlier time goes: the cursor follows the chosen one.
	refresh := m.Refresh()
	loaded := refresh().(loadedMsg)
	loaded.avail = without(loaded.avail, earlier)
	m, cmd := m.Update(loaded)
	if got := m.Slots()[m.Cursor()].Start; !got.Equal(chosen) || cmd != nil {
		t.Fatalf("after an earlier time went: on %v (cmd %v), want %v", got, cmd, chosen)
	}

	// The chosen one goes: nothing selected, and the desk is told.
	loaded = m.Refresh()().(loadedMsg)
	loaded.avail = without(loaded.avail, earlier, chosen)
	m, cmd = m.Update(loaded)
	if m.Cursor() != -1 {
		t.Fatalf("cursor %d after the chosen time went, want none", m.Cursor())
	}
	st, ok := cmd().(common.StatusMsg)
	if !ok || !strings.Contains(st.Status.Text, "10:30 CET is no longer free") {
		t.Fatalf("got %#v, want word that 10:30 went", st)
	}
	if m2, _ := m.Update(uitest.Key("enter")); m2.Holding() {
		t.Fatal("enter held a time nobody chose")
	}
	// Moving goes on from where the lost time was.
	m, _ = m.Update(uitest.Key("j"))
	if got := m.Slots()[m.Cursor()].Start; !got.After(chosen) {
		t.Fatalf("j from the lost time went to %v", got)
	}
	_ = m.View()
}

// Another desk's hold shows within one refresh (every 8 s, so within
// 10 s), and a desk left alone, or a list covered by another screen, asks
// the API nothing.
func TestRefreshShowsOtherDesks(t *testing.T) {
	if common.RefreshEvery > 10*time.Second-2*time.Second {
		t.Fatalf("RefreshEvery %v leaves no room to show a change within 10 s", common.RefreshEvery)
	}
	env := uitest.NewEnv(t)
	loc, svc, a := env.Paris(t, 30)
	c := env.Common(context.Background())
	c.Activity = &common.Activity{}
	c.Activity.Touch(env.Clock.Now())
	m := New(c, Config{ID: 1, Service: svc, Location: loc, Availability: a, Date: date("2026-03-03")})
	m.SetSize(80, 20)
	first := m.Slots()[0]
	other := env.NewClient(t)
	for range first.CapacityLeft {
		if _, err := other.Hold(context.Background(), api.HoldRequest{ServiceID: svc.ID, LocationID: loc.ID,
			Time: first.Start, DurationMinutes: svc.DurationMinutes}); err != nil {
			t.Fatal(err)
		}
	}
	env.Clock.Advance(3 * time.Second) // past the office's shared copy
	m, cmd := m.Update(refreshTickMsg{list: 1, gen: m.gen})
	for _, msg := range uitest.Messages(cmd) { // the refresh; the tests' ticks are sent by hand
		m, _ = m.Update(msg)
	}
	if m.Slots()[0].Start.Equal(first.Start) {
		t.Fatal("the other desk's hold did not show after a refresh")
	}

	requests := func() int { return env.Sandbox.Stats().Requests["GET /api/v1/availability"] }
	before := requests()
	env.Clock.Advance(common.IdleAfter + time.Second)
	if _, cmd := m.Update(refreshTickMsg{list: 1, gen: m.gen}); cmd != nil {
		uitest.Messages(cmd) // at most the next tick, which tests send by hand
	}
	m.Deactivate()
	if _, cmd := m.Update(refreshTickMsg{list: 1, gen: m.gen - 1}); cmd != nil {
		t.Fatal("a covered list refreshed")
	}
	if got := requests(); got != before {
		t.Fatalf("%d availability requests while idle or covered", got-before)
	}
}

// Typing a time's digits jumps to it: 14 is 14:00, 143 14:30, 9 09:00.
func TestDigitsJumpToATime(t *testing.T) {
	m := newList(t, "2026-03-03", 80, 30)
	at := func(m Model) string {
		return m.Slots()[m.Cursor()].Start.In(model.LoadZone("Europe/Paris")).Format("15:04")
	}
	for _, tt := range []struct{ keys, want string }{
		{"14", "14:00"}, {"143", "14:30"}, {"9", "09:00"}, {"11", "11:00"}, {"17", "17:00"},
	} {
		m2 := m
		for _, r := range tt.keys {
			m2, _ = m2.Update(uitest.Key(string(r)))
		}
		if got := at(m2); got != tt.want {
			t.Errorf("%s: on %s, want %s", tt.keys, got, tt.want)
		}
	}
	m.c.Prefs.Clock24 = false
	m, _ = m.Update(uitest.Key("2"))
	if got := at(m); got != "14:00" {
		t.Errorf("2 on a 12-hour clock: on %s, want 2 PM", got)
	}
}

// Defect (found by the reliability soak): a refetch landing while a hold
// is in flight, without the time being held (another desk took it, or
// this hold took its last place), left nothing selected and the view
// indexed the slots with -1: the app crashed. The held time is drawn
// from the hold itself.
func TestRefreshWhileHoldingTheTimeThatWent(t *testing.T) {
	m := newList(t, "2026-03-03", 80, 20)
	m, _ = m.Update(uitest.Key("j"))
	held := m.Slots()[1].Start
	m, _ = m.Update(uitest.Key("enter"))
	if !m.Holding() {
		t.Fatal("enter did not hold")
	}
	loaded := m.Refresh()().(loadedMsg)
	loaded.avail = without(loaded.avail, held)
	m, _ = m.Update(loaded)
	if v := uitest.Strip(m.View()); !strings.Contains(v, "Holding 09:30") {
		t.Fatalf("the view while holding 09:30 after it went from the list:\n%s", v)
	}
}
