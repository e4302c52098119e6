package ui

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/form"
	"github.com/zimun-app/zimun/ui/slots"
	"github.com/zimun-app/zimun/ui/uitest"
	"github.com/zimun-app/zimun/ui/walkin"
)

func isQuit(cmd tea.Cmd) bool {
	for _, msg := range uitest.Messages(cmd) {
		if _, ok := msg.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

// holdEnv is the root on the slot list of Tuesday 3 March (Paris
// consultation), driven by hand: the test decides when each reply lands.
type holdEnv struct {
	env  *uitest.Env
	c    common.Common
	loc  model.Location
	svc  model.Service
	slot model.Slot // the first slot of the list, the one enter holds
}

func newHoldEnv(t *testing.T) (*holdEnv, Model) {
	t.Helper()
	env := uitest.NewEnv(t)
	loc, svc, a := env.Paris(t, 30)
	c := env.Common(context.Background())
	c.Prefs.Demo = false
	m := New(c, Config{})
	m = update(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m = boot(t, m)
	m = update(t, m, common.LocationChosenMsg{Location: loc})
	m = update(t, m, common.ServiceChosenMsg{Service: svc})
	m = showDay(t, m, a, a.Days[1].Date)
	return &holdEnv{env: env, c: c, loc: loc, svc: svc, slot: a.Days[1].Slots[0]}, m
}

// showDay gives the calendar on top its data and opens day.
func showDay(t *testing.T, m Model, a model.Availability, day model.Date) Model {
	t.Helper()
	cal, ok := m.stack.Top().Model().(calendar.Model)
	if !ok {
		t.Fatalf("on %T, want a calendar", m.stack.Top().Model())
	}
	id := cal.Config().ID
	m = update(t, m, calendar.AvailabilityMsg{Calendar: id, Req: cal.Request(), Days: 30, Availability: a})
	m = update(t, m, calendar.DayChosenMsg{Calendar: id, Date: day})
	if _, ok := m.stack.Top().Model().(slots.Model); !ok {
		t.Fatalf("on %T, want the slot list", m.stack.Top().Model())
	}
	return m
}

// capacity is what the sandbox has left of the held slot.
func (h *holdEnv) capacity(t *testing.T) int {
	t.Helper()
	n, _ := h.env.Capacity(t, h.svc.ID, h.loc.ID, h.slot.Start)
	return n
}

// hold presses enter on the slot list and returns the hold request, not
// yet sent: the test runs it when the user has done what it wants.
func (h *holdEnv) hold(t *testing.T, m Model) (Model, tea.Cmd) {
	t.Helper()
	next, cmd := m.Update(uitest.Key("enter"))
	m = next.(Model)
	if l, _ := m.stack.Top().Model().(slots.Model); !l.Holding() || cmd == nil {
		t.Fatal("enter did not start a hold")
	}
	return m, cmd
}

// feed sends each message of cmd to m and returns the Cmds m answered
// with, for the test to run (or not) in turn.
func feed(t *testing.T, m Model, cmd tea.Cmd) (Model, []tea.Cmd) {
	t.Helper()
	var out []tea.Cmd
	for _, msg := range uitest.Messages(cmd) {
		if _, tick := msg.(spinner.TickMsg); tick {
			continue
		}
		next, c := m.Update(msg)
		m = next.(Model)
		out = append(out, c)
	}
	return m, out
}

// feed2 feeds cmd, then the Cmds that answered it: a reply, then what the
// screen made of it.
func feed2(t *testing.T, m Model, cmd tea.Cmd) Model {
	t.Helper()
	m, cmds := feed(t, m, cmd)
	for _, c := range cmds {
		m, _ = feed(t, m, c)
	}
	return m
}

func TestKeysWaitForTheHold(t *testing.T) {
	h, m := newHoldEnv(t)
	m, req := h.hold(t, m)
	for _, k := range []string{"esc", "q", "a", "w", "L", "S"} {
		var seen []tea.Msg
		m, seen = run(t, m, uitest.Key(k))
		if _, ok := m.stack.Top().Model().(slots.Model); !ok || m.quit.Asking() || m.quit.Closing() {
			t.Fatalf("%s left the slot list while the hold was in flight (on %T, %v)", k, m.stack.Top().Model(), seen)
		}
		if !strings.Contains(m.View(), "Placing the hold…") {
			t.Fatalf("%s: no word on the hold in flight:\n%s", k, m.View())
		}
		if v := m.View(); strings.Contains(v, "esc back") || !strings.Contains(v, "ctrl+c quit") {
			t.Fatalf("%s: the footer offers keys that wait for the hold:\n%s", k, v)
		}
	}
	m = feed2(t, m, req)
	f, ok := m.stack.Top().Model().(form.Model)
	if !ok {
		t.Fatalf("on %T once the hold came, want the form", m.stack.Top().Model())
	}
	if _, ok := f.Hold(); !ok {
		t.Fatal("the form has no hold")
	}
}

// A walk-in that opens a form while the slot list's hold is in flight:
// the list's hold comes back to nobody and must be given back.
func TestHoldForNobodyIsReleased(t *testing.T) {
	h, m := newHoldEnv(t)
	before := h.capacity(t)
	m, req := h.hold(t, m)
	w, err := h.c.Session.WalkIn(context.Background(), h.svc, h.loc, 30)
	if err != nil || w.Hold.ID == "" {
		t.Fatalf("walk-in: %+v, %v", w, err)
	}
	m = update(t, m, walkin.FoundMsg{Intent: h.c.Session.Begin(h.svc, h.loc, w.Slot, w.Hold, model.Contact{})})
	f, ok := m.stack.Top().Model().(form.Model)
	if !ok {
		t.Fatalf("on %T after the walk-in, want the form", m.stack.Top().Model())
	}
	walkHold, _ := f.Hold()

	m, cmds := feed(t, m, req) // the hold lands on the sandbox
	if got := h.capacity(t); got != before-1 {
		t.Fatalf("capacity %d while held, want %d", got, before-1)
	}
	for _, c := range cmds {
		m, cmds = feed(t, m, c) // the list says it is placed
		for _, c := range cmds {
			m, _ = feed(t, m, c) // the root gives it back
		}
	}
	if got := h.capacity(t); got != before {
		t.Fatalf("capacity %d after the unwanted hold came back, want %d", got, before)
	}
	f, ok = m.stack.Top().Model().(form.Model)
	if got, _ := f.Hold(); !ok || got.ID != walkHold.ID {
		t.Fatalf("the walk-in's form lost its hold: %+v", got)
	}
}

// ctrl+c still asks while a hold is in flight; the quit then waits for
// the hold and gives it back.
func TestQuitWhileHoldingReleasesIt(t *testing.T) {
	h, m := newHoldEnv(t)
	before := h.capacity(t)
	m, req := h.hold(t, m)
	m = update(t, m, uitest.Key("ctrl+c"))
	if !m.quit.Asking() {
		t.Fatal("ctrl+c did not ask")
	}
	next, quit := m.Update(uitest.Key("y"))
	m = next.(Model)
	if isQuit(quit) {
		t.Fatal("quit before the hold was given back")
	}
	// The hold's call and the quit run at once, as in the program.
	var wg sync.WaitGroup
	wg.Go(func() { uitest.Messages(req) })
	var closed []tea.Msg
	wg.Go(func() { closed = uitest.Messages(quit) })
	wg.Wait()
	if len(closed) != 1 {
		t.Fatalf("quit gave %v", closed)
	}
	if _, cmd := m.Update(closed[0]); !isQuit(cmd) {
		t.Fatal("no quit once the session closed")
	}
	if got := h.capacity(t); got != before {
		t.Fatalf("capacity %d after quitting, want %d", got, before)
	}
}

// Only the session closing ends a quit: another screen's error must not
// cut the release short.
func TestQuitWaitsForItsRelease(t *testing.T) {
	h, m := newHoldEnv(t)
	before := h.capacity(t)
	m, req := h.hold(t, m)
	m = feed2(t, m, req)
	if _, ok := m.stack.Top().Model().(form.Model); !ok {
		t.Fatalf("on %T, want the form", m.stack.Top().Model())
	}
	m = update(t, m, uitest.Key("ctrl+c"))
	next, release := m.Update(uitest.Key("y"))
	m = next.(Model)
	if !m.quit.Closing() || isQuit(release) {
		t.Fatal("y did not start releasing")
	}
	next, cmd := m.Update(common.StatusMsg{Status: common.Failed(m.c.Words, "Refreshing the times failed", context.DeadlineExceeded)})
	m = next.(Model)
	if cmd != nil {
		t.Fatal("an unrelated error during the release quit")
	}
	quit := false
	for _, msg := range uitest.Messages(release) {
		next, cmd := m.Update(msg)
		m = next.(Model)
		quit = quit || isQuit(cmd)
	}
	if !quit {
		t.Fatal("no quit after the release")
	}
	if got := h.capacity(t); got != before {
		t.Fatalf("capacity %d after quitting, want %d", got, before)
	}
}

// Defect: runes that arrive in one read ("ll" over SSH or a laggy link)
// matched no key and were dropped. Outside a text field each is a key.
func TestKeysSentTogether(t *testing.T) {
	env := uitest.NewEnv(t)
	loc, svc, a := env.Paris(t, 30)
	c := env.Common(context.Background())
	c.Prefs.Demo = false
	m := boot(t, update(t, New(c, Config{}), tea.WindowSizeMsg{Width: 100, Height: 30}))
	m = update(t, m, common.LocationChosenMsg{Location: loc})
	m = update(t, m, common.ServiceChosenMsg{Service: svc})
	cal := m.stack.Top().Model().(calendar.Model)
	m = update(t, m, calendar.AvailabilityMsg{Calendar: cal.Config().ID, Req: cal.Request(), Days: 30, Availability: a})
	from := m.stack.Top().Model().(calendar.Model).Selected()
	m = update(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("ll")})
	if got := m.stack.Top().Model().(calendar.Model).Selected(); got != from.AddDays(2) {
		t.Fatalf("ll moved from %s to %s, want two days", from, got)
	}
	// Once a field has the keys, the rest is text: "g" opens the go-to
	// prompt and "2026-03-20" is typed into it.
	m = update(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("g2026-03-20")})
	m = update(t, m, uitest.Key("enter"))
	if got := m.stack.Top().Model().(calendar.Model).Selected().String(); got != "2026-03-20" {
		t.Fatalf("g and a date sent together went to %s", got)
	}
}

// Defect: S (another service) reset the calendar to today.
func TestChangingServiceKeepsTheDay(t *testing.T) {
	env := uitest.NewEnv(t)
	loc, svc, a := env.Paris(t, 30)
	c := env.Common(context.Background())
	c.Prefs.Demo = false
	m := boot(t, update(t, New(c, Config{}), tea.WindowSizeMsg{Width: 100, Height: 30}))
	m = update(t, m, common.LocationChosenMsg{Location: loc})
	m = update(t, m, common.ServiceChosenMsg{Service: svc})
	cal := m.stack.Top().Model().(calendar.Model)
	m = update(t, m, calendar.AvailabilityMsg{Calendar: cal.Config().ID, Req: cal.Request(), Days: 30, Availability: a})
	m = update(t, m, uitest.Key("j")) // a week on
	day := m.stack.Top().Model().(calendar.Model).Selected()
	var other model.Service
	for _, s := range m.flow.Catalog().Offered(loc.ID) {
		if s.ID != svc.ID {
			other = s
		}
	}
	m = drive(t, m, uitest.Key("S"), 1)
	m = update(t, m, common.ServiceChosenMsg{Service: other})
	if got := m.stack.Top().Model().(calendar.Model).Selected(); got != day {
		t.Fatalf("after S the calendar is on %s, want %s", got, day)
	}
}
