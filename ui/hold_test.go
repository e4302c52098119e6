package ui

import (
	"context"
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/uitest"
)

// messages runs cmd the way the program would, batches and sequences
// opened, and returns its messages in order. Only Cmds without timers may
// be passed: nothing here waits for a tick.
func messages(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if msg == nil {
		return nil
	}
	// tea.Sequence's message type is unexported; it is a []tea.Cmd.
	cmds := reflect.TypeOf([]tea.Cmd(nil))
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmds) {
		var out []tea.Msg
		for _, c := range v.Convert(cmds).Interface().([]tea.Cmd) {
			out = append(out, messages(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func isQuit(cmd tea.Cmd) bool {
	for _, msg := range messages(cmd) {
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
	m = update(t, m, m.loadCatalog()())
	m = update(t, m, common.LocationChosenMsg{Location: loc})
	m = update(t, m, common.ServiceChosenMsg{Service: svc})
	m = update(t, m, calendar.AvailabilityMsg{Calendar: m.seq, ServiceID: svc.ID, LocationID: loc.ID, Days: 30, Availability: a})
	m = update(t, m, common.DayChosenMsg{Date: a.Days[1].Date})
	if m.screen != scrSlots {
		t.Fatalf("screen %v, want the slot list", m.screen)
	}
	return &holdEnv{env: env, c: c, loc: loc, svc: svc, slot: a.Days[1].Slots[0]}, m
}

// capacity is what the sandbox has left of the held slot.
func (h *holdEnv) capacity(t *testing.T) int {
	t.Helper()
	s, _ := slotOn(t, h.env.Client, h.svc.ID, h.loc.ID, h.slot.Start)
	return s.CapacityLeft
}

// hold presses enter on the slot list and returns the hold request, not
// yet sent: the test runs it when the user has done what it wants.
func (h *holdEnv) hold(t *testing.T, m Model) (Model, tea.Cmd) {
	t.Helper()
	next, cmd := m.Update(uitest.Key("enter"))
	m = next.(Model)
	if !m.slots.Holding() || cmd == nil {
		t.Fatal("enter did not start a hold")
	}
	return m, cmd
}

// feed sends each message of cmd to m and returns the Cmds m answered with.
func feed(t *testing.T, m Model, cmd tea.Cmd) (Model, []tea.Cmd) {
	t.Helper()
	var out []tea.Cmd
	for _, msg := range messages(cmd) {
		next, c := m.Update(msg)
		m = next.(Model)
		out = append(out, c)
	}
	return m, out
}

func TestKeysWaitForTheHold(t *testing.T) {
	h, m := newHoldEnv(t)
	m, req := h.hold(t, m)
	for _, k := range []string{"esc", "q", "a", "w", "L", "S"} {
		next, cmd := m.Update(uitest.Key(k))
		m = next.(Model)
		if m.screen != scrSlots || m.askQuit || isQuit(cmd) {
			t.Fatalf("%s left the slot list while the hold was in flight (screen %v)", k, m.screen)
		}
		if !strings.Contains(m.View(), "Placing the hold…") {
			t.Fatalf("%s: no word on the hold in flight:\n%s", k, m.View())
		}
		if v := m.View(); strings.Contains(v, "esc back") || !strings.Contains(v, "ctrl+c quit") {
			t.Fatalf("%s: the footer offers keys that wait for the hold:\n%s", k, v)
		}
	}
	m, cmds := feed(t, m, req)
	for _, c := range cmds {
		m, _ = feed(t, m, c) // the list's HoldPlacedMsg
	}
	if m.screen != scrForm {
		t.Fatalf("screen %v once the hold came, want the form", m.screen)
	}
	if _, ok := m.holdActive(); !ok {
		t.Fatal("the form has no hold")
	}
}

// A walk-in that opens a form while the slot list's hold is in flight:
// the list's hold comes back to nobody and must be given back.
func TestHoldForNobodyIsReleased(t *testing.T) {
	h, m := newHoldEnv(t)
	before := h.capacity(t)
	m, req := h.hold(t, m)
	walk := findWalkIn(h.c, h.svc, h.loc)().(walkInMsg)
	if walk.err != nil || walk.hold.ID == "" {
		t.Fatalf("walk-in: %+v", walk)
	}
	m = update(t, m, walk)
	if m.screen != scrForm {
		t.Fatalf("screen %v after the walk-in, want the form", m.screen)
	}
	walkHold, _ := m.holdActive()

	m, cmds := feed(t, m, req) // the hold lands on the sandbox now
	if got := h.capacity(t); got != before-1 {
		t.Fatalf("capacity %d while held, want %d", got, before-1)
	}
	for _, c := range cmds {
		m, _ = feed(t, m, c) // the release
	}
	if got := h.capacity(t); got != before {
		t.Fatalf("capacity %d after the unwanted hold came back, want %d", got, before)
	}
	if got, _ := m.holdActive(); m.screen != scrForm || got.ID != walkHold.ID {
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
	if !m.askQuit {
		t.Fatal("ctrl+c did not ask")
	}
	next, cmd := m.Update(uitest.Key("y"))
	m = next.(Model)
	if isQuit(cmd) {
		t.Fatal("quit before the hold came back")
	}
	m, cmds := feed(t, m, req)
	quit := false
	for _, c := range cmds {
		var after []tea.Cmd
		m, after = feed(t, m, c)
		for _, a := range after {
			quit = quit || isQuit(a)
		}
	}
	if !quit {
		t.Fatal("no quit once the hold was released")
	}
	if got := h.capacity(t); got != before {
		t.Fatalf("capacity %d after quitting, want %d", got, before)
	}
}

// Only the release a quit waits for ends it: another screen's error must
// not cut the release short.
func TestQuitWaitsForItsRelease(t *testing.T) {
	h, m := newHoldEnv(t)
	before := h.capacity(t)
	m, req := h.hold(t, m)
	m, cmds := feed(t, m, req)
	for _, c := range cmds {
		m, _ = feed(t, m, c)
	}
	if m.screen != scrForm {
		t.Fatalf("screen %v, want the form", m.screen)
	}
	m = update(t, m, uitest.Key("ctrl+c"))
	next, release := m.Update(uitest.Key("y"))
	m = next.(Model)
	if !m.quitting || isQuit(release) {
		t.Fatal("y did not start releasing")
	}
	next, cmd := m.Update(common.ErrMsg{Err: context.DeadlineExceeded, Doing: "refreshing the times"})
	m = next.(Model)
	if cmd != nil {
		t.Fatal("an unrelated error during the release quit")
	}
	quit := false
	for _, msg := range messages(release) {
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

// The root caches only the replies a calendar took, and with their span.
func TestCacheOnlyTakenReplies(t *testing.T) {
	_, m := newHoldEnv(t)
	key := cacheKey(m.service.ID, m.location.ID)
	cached := m.cache[key]
	if cached.Days != 30 {
		t.Fatalf("cached span %d, want 30", cached.Days)
	}
	calID := m.seq - 1 // the slot list took the last id
	for _, stale := range []calendar.AvailabilityMsg{
		{Calendar: calID + 100, ServiceID: m.service.ID, LocationID: m.location.ID, Days: 7},
		{Calendar: calID, Req: 3, ServiceID: m.service.ID, LocationID: m.location.ID, Days: 7},
	} {
		m = update(t, m, stale)
		if got := m.cache[key]; got.Days != 30 || len(got.Availability.Days) != len(cached.Availability.Days) {
			t.Fatalf("%+v replaced the cache", stale)
		}
	}
}
