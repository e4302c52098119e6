package ui

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/appointments"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/form"
	"github.com/zimun-app/zimun/ui/reschedule"
	"github.com/zimun-app/zimun/ui/resume"
	"github.com/zimun-app/zimun/ui/router"
	"github.com/zimun-app/zimun/ui/slots"
	"github.com/zimun-app/zimun/ui/start"
	"github.com/zimun-app/zimun/ui/uitest"
)

func update(t *testing.T, m Model, msg tea.Msg) Model {
	t.Helper()
	next, _ := m.Update(msg)
	return next.(Model)
}

// boot runs the start screen's loading by hand, up to the first screen it
// opens; what that screen starts (loads, ticks) is left alone.
func boot(t *testing.T, m Model) Model {
	t.Helper()
	for _, msg := range uitest.Messages(m.Init()) {
		next, cmd := m.Update(msg)
		m = next.(Model)
		for _, ready := range uitest.Messages(cmd) { // the start screen's answer
			m = update(t, m, ready)
		}
	}
	return m
}

// frames walks the root through its screens synchronously (no program),
// feeding the replies its Cmds would bring, and returns each frame.
func frames(t *testing.T, w, h int) map[string]string {
	return framesIn(t, w, h, func(c common.Common) common.Common { return c })
}

// framesIn is frames on the session as lang makes it.
func framesIn(t *testing.T, w, h int, lang func(common.Common) common.Common) map[string]string {
	env := uitest.NewEnv(t)
	loc, svc, a := env.Paris(t, 30)
	c := lang(env.Common(context.Background()))
	c.Prefs.Demo = false // no default location: the pickers show
	m := New(c, Config{})
	m = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	out := map[string]string{"loading": m.View()}
	m = boot(t, m)
	out["locations"] = m.View()
	m = update(t, m, common.LocationChosenMsg{Location: loc})
	out["services"] = m.View()
	m = update(t, m, common.ServiceChosenMsg{Service: svc})
	id := m.stack.Top().Model().(calendar.Model).Config().ID
	m = update(t, m, calendar.AvailabilityMsg{Calendar: id, Days: 30, Availability: a})
	out["calendar"] = m.View()
	m = update(t, m, uitest.Key("?"))
	out["help"] = m.View()
	m = update(t, m, uitest.Key("?"))
	m = update(t, m, calendar.DayChosenMsg{Calendar: id, Date: a.Days[1].Date})
	out["slots"] = m.View()
	m = update(t, m, common.StatusMsg{Status: common.Failed(m.c.Words, "Holding 09:00 CET failed", fmt.Errorf("boom"))})
	out["error"] = m.View()
	return out
}

func TestRootFrames(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		fs := frames(t, size[0], size[1])
		for _, name := range []string{"locations", "calendar", "slots", "help", "error"} {
			t.Run(fmt.Sprintf("%s_%dx%d", name, size[0], size[1]), func(t *testing.T) {
				out := uitest.Strip(fs[name])
				if got := strings.Count(out, "\n") + 1; got != size[1] {
					t.Errorf("frame has %d lines, want %d", got, size[1])
				}
				golden.RequireEqual(t, []byte(out))
			})
		}
	}
}

// The whole frame in French: header, body, status and keys.
func TestRootFramesFrench(t *testing.T) {
	fs := framesIn(t, 100, 30, uitest.InFrench)
	for _, name := range []string{"locations", "calendar", "slots", "help", "error"} {
		t.Run(name+"_100x30", func(t *testing.T) {
			out := uitest.Strip(fs[name])
			if got := strings.Count(out, "\n") + 1; got != 30 {
				t.Errorf("frame has %d lines, want 30", got)
			}
			golden.RequireEqual(t, []byte(out))
		})
	}
}

// On every screen, in both languages, at the smallest size: the help
// overlay shows every key it is given, none cut or left out, and the
// footer's keys are whole, help among them.
func TestEveryKeyShowsAt80x24(t *testing.T) {
	for _, lang := range []struct {
		name string
		in   func(common.Common) common.Common
	}{{"English", func(c common.Common) common.Common { return c }}, {"French", uitest.InFrench}} {
		t.Run(lang.name, func(t *testing.T) {
			walkScreens(t, lang.in, 80, 24, func(step string, m Model) { keysShown(t, step, m) })
		})
	}
}

// keysShown checks m's frame: the footer cuts no key and shows help, and
// the help overlay shows every key it is given, whole.
func keysShown(t *testing.T, step string, m Model) {
	t.Helper()
	if m.quit.Asking() || m.frame.TooSmall() {
		return
	}
	lines := strings.Split(uitest.Strip(m.View()), "\n")
	footer := lines[len(lines)-1]
	if strings.HasSuffix(strings.TrimSpace(footer), "…") || !m.stack.Top().Focused() && !strings.Contains(footer, m.c.Keys.Help.Help().Key+" "+m.c.Keys.Help.Help().Desc) {
		t.Errorf("%s: footer %q: a key cut, or help missing", step, footer)
	}
	m.showHelp = true
	view := uitest.Strip(m.View())
	if strings.Contains(view, m.c.T(i18n.FrameMoreKeys)) {
		t.Errorf("%s: the help overlay leaves keys out:\n%s", step, view)
	}
	seen := map[string]bool{}
	for _, g := range m.helpGroups() {
		for _, k := range g {
			if k.Enabled() && k.Help().Desc != "" {
				if seen[k.Help().Key] {
					t.Errorf("%s: %q listed twice in the help overlay", step, k.Help().Key)
				}
				seen[k.Help().Key] = true
			}
			shown := regexp.MustCompile(regexp.QuoteMeta(k.Help().Key) + " +" + regexp.QuoteMeta(k.Help().Desc) + "( |$)")
			if k.Enabled() && k.Help().Desc != "" && !shown.MatchString(view) {
				t.Errorf("%s: %q %q not in the help overlay:\n%s", step, k.Help().Key, k.Help().Desc, view)
			}
		}
	}
}

func TestTooSmall(t *testing.T) {
	m := New(uitest.Common(uitest.NewClock(uitest.Epoch).Now), Config{})
	m = update(t, m, tea.WindowSizeMsg{Width: 70, Height: 20})
	if !strings.Contains(m.View(), "Terminal too small: 80×24 needed, this is 70×20") {
		t.Fatalf("view:\n%s", m.View())
	}
	m = update(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if strings.Contains(m.View(), "too small") {
		t.Fatal("still too small at 80×24")
	}
}

const hostile = "\x1b]0;pwn\a\x1b[2J\rEvil\u202eName\x9b31m\x07"

var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// checkSafe fails on anything but SGR styling and printable text: a
// hostile name must never move the cursor, retitle the terminal or flip
// the text direction.
func checkSafe(t *testing.T, name, view string) {
	t.Helper()
	for _, r := range sgr.ReplaceAllString(view, "") {
		bad := (r < 0x20 && r != '\n') || (r >= 0x7f && r <= 0x9f) ||
			(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
		if bad {
			t.Errorf("%s: %U reached the screen", name, r)
			return
		}
	}
	if !strings.Contains(view, "EvilName") {
		t.Errorf("%s: the sanitised name is missing:\n%s", name, view)
	}
}

func TestHostileTextIsSanitised(t *testing.T) {
	env := uitest.NewEnv(t)
	_, _, a := env.Paris(t, 30)
	day := a.Days[3].Date
	a.Holidays = map[model.Date]string{day: hostile}
	a.Days[3].Slots = nil
	slot := a.Days[1].Slots[0]
	locs := []model.Location{
		{ID: "l1", Name: hostile, Address: hostile, Timezone: "Europe/Paris", Active: true},
		{ID: "l2", Name: "Other", Timezone: "America/New_York", Active: true},
	}
	svcs := []model.Service{
		{ID: "s1", Name: hostile, Description: hostile, DurationMinutes: 30},
		{ID: "s2", Name: "Plain", DurationMinutes: 15},
	}
	who := model.Contact{Name: hostile, Email: "evil@example.com", Phone: "+33 1 23 45 67 89", Notes: hostile}
	appt := model.Appointment{
		ID: "a_1", Status: model.StatusConfirmed, ServiceID: "s1", LocationID: "l1",
		Time: slot.Start, DurationMinutes: 30, Contact: who,
	}
	now := env.Clock.Now()
	for _, w := range []int{80, 120} {
		store := state.NewMemory()
		c := env.CommonIn(context.Background(), store)
		c.Prefs.Demo = false
		gone := appt
		gone.ID, gone.Status = "a_2", model.StatusCancelled
		if err := store.AppendJournal(journal.Entry{
			At: now, Action: journal.Cancelled, Appointment: gone, Reason: hostile, ServiceName: hostile, LocationName: hostile,
		}); err != nil {
			t.Fatal(err)
		}
		m := New(c, Config{})
		m = update(t, m, tea.WindowSizeMsg{Width: w, Height: 30})
		cat := booking.Catalog{Catalog: model.Catalog{Organization: model.Organization{Name: hostile}, Locations: locs, Services: svcs}}
		m = update(t, m, start.ReadyMsg{Catalog: cat})
		checkSafe(t, "locations", m.View())
		m = update(t, m, common.LocationChosenMsg{Location: locs[0]})
		checkSafe(t, "services", m.View())
		m = update(t, m, common.ServiceChosenMsg{Service: svcs[0]})
		calID := m.stack.Top().Model().(calendar.Model).Config().ID
		m = update(t, m, calendar.AvailabilityMsg{Calendar: calID, Days: 30, Availability: a})
		m = update(t, m, uitest.Key("g"))
		m = update(t, m, uitest.Key(day.String()))
		m = update(t, m, uitest.Key("enter"))
		checkSafe(t, "calendar", m.View())
		m = update(t, m, calendar.DayChosenMsg{Calendar: calID, Date: day})
		checkSafe(t, "slots", m.View())
		m = update(t, m, common.StatusMsg{Status: common.Status{Text: hostile}})
		checkSafe(t, "status", m.View())

		m.lastContact = who
		deadline := now.Add(model.HoldTTL)
		hold := model.Hold{ID: "h_1", ServiceID: "s1", LocationID: "l1", Time: slot.Start, DurationMinutes: 30, ExpiresAt: deadline, Deadline: deadline}
		list := m.stack.Top().Model().(slots.Model)
		m = update(t, m, slots.HoldPlacedMsg{List: list.ID(), Service: svcs[0], Location: locs[0], Hold: hold, Slot: slot})
		if _, ok := m.stack.Top().Model().(form.Model); !ok {
			t.Fatalf("on %T, want the form", m.stack.Top().Model())
		}
		checkSafe(t, "form", m.View())
		m = update(t, m, uitest.Key("tab"))
		m = update(t, m, uitest.Key("tab"))
		m = update(t, m, uitest.Key(hostile)) // typed or pasted by the user
		checkSafe(t, "form typed", m.View())

		m = update(t, m, common.BookedMsg{Appointment: appt})
		checkSafe(t, "confirmation", m.View())
		if err := store.AppendJournal(journal.Entry{At: now, Action: journal.Booked, Appointment: appt, ServiceName: hostile, LocationName: hostile}); err != nil {
			t.Fatal(err)
		}

		m, _ = run(t, m, uitest.Key("a"))
		m, _ = run(t, m, uitest.Key("H"))
		appts, ok := m.stack.Top().Model().(appointments.Model)
		if !ok || len(appts.View()) == 0 {
			t.Fatalf("on %T, want the Appointments screen", m.stack.Top().Model())
		}
		for range 2 { // both journal entries, each with its detail
			checkSafe(t, "appointments history", m.View())
			if sel, _ := m.stack.Top().Model().(appointments.Model).Selected(); sel.ID == appt.ID {
				break
			}
			m, _ = run(t, m, uitest.Key("j"))
		}
		if sel, _ := m.stack.Top().Model().(appointments.Model).Selected(); sel.ID != appt.ID {
			t.Fatalf("selected %q, want the booking", sel.ID)
		}

		m, _ = run(t, m, uitest.Key("X"))
		checkSafe(t, "cancel", m.View())
		m, _ = run(t, m, uitest.Key("r"))
		m, _ = run(t, m, uitest.Key(hostile)) // typed (or pasted) by the user
		checkSafe(t, "cancel reason", m.View())
		m, _ = run(t, m, uitest.Key("esc"))

		m, _ = run(t, m, uitest.Key("R"))
		cal, ok := m.stack.Top().Model().(calendar.Model)
		if !ok || !cal.Config().Pick {
			t.Fatalf("on %T, want the reschedule calendar", m.stack.Top().Model())
		}
		checkSafe(t, "reschedule calendar", m.View())
		m = update(t, m, calendar.AvailabilityMsg{Calendar: cal.Config().ID, Days: 30, Availability: a})
		m = update(t, m, calendar.DayChosenMsg{Calendar: cal.Config().ID, Date: a.Days[2].Date})
		checkSafe(t, "reschedule slots", m.View())
		list = m.stack.Top().Model().(slots.Model)
		m = update(t, m, slots.PickedMsg{List: list.ID(), Slot: a.Days[2].Slots[0]})
		if _, ok := m.stack.Top().Model().(reschedule.Model); !ok {
			t.Fatalf("on %T, want the reschedule screen", m.stack.Top().Model())
		}
		checkSafe(t, "reschedule", m.View())

		next, _ := m.push(router.PageFor(resume.New(c, state.Draft{Service: svcs[0], Location: locs[0], Contact: model.Contact{Name: hostile}, Slot: a.Days[0].Slots[0]})), nil)
		checkSafe(t, "resume", next.View())
	}
}

// run sends msg and feeds back the messages of the Cmd it answers with;
// the Cmds those bring (timers among them) are left out.
func run(t *testing.T, m Model, msg tea.Msg) (Model, []tea.Msg) {
	t.Helper()
	next, cmd := m.Update(msg)
	m = next.(Model)
	var seen []tea.Msg
	for _, msg := range uitest.Messages(cmd) {
		seen = append(seen, msg)
		next, _ := m.Update(msg)
		m = next.(Model)
	}
	return m, seen
}

// What the configuration warns about (a secret others can read) is not
// hidden behind the UI: the status line says it until the first key.
func TestNotesShowInTheStatusLine(t *testing.T) {
	env := uitest.NewEnv(t)
	m := New(env.Common(context.Background()), Config{Notes: []string{"config.toml holds api.client_secret but other users can read it"}})
	m = boot(t, update(t, m, tea.WindowSizeMsg{Width: 120, Height: 30}))
	if v := uitest.Strip(m.View()); !strings.Contains(v, "! config.toml holds api.client_secret but other users can read it") {
		t.Fatalf("no warning in:\n%s", v)
	}
}

// Defect: at 80×24, the smallest size, the help overlay cut every line
// with "…" and lost whole columns. Every key of the screen shows, whole.
func TestHelpFitsAt80x24(t *testing.T) {
	h, m := newHoldEnv(t)
	_ = h
	for _, name := range []string{"slots", "calendar", "appointments"} {
		switch name {
		case "calendar":
			m = update(t, m, uitest.Key("esc"))
		case "appointments":
			m = drive(t, m, uitest.Key("a"), 1)
		}
		m = update(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
		m = update(t, m, uitest.Key("?"))
		v := uitest.Strip(m.View())
		for _, line := range strings.Split(v, "\n") {
			if strings.Contains(line, "│") && strings.Count(line, "│") != 2 {
				t.Errorf("%s: a cut line in the help: %q", name, line)
			}
		}
		groups := append(m.stack.Top().FullHelp(), m.globalKeys())
		for _, g := range groups {
			for _, k := range g {
				if k.Help().Key == "" {
					continue
				}
				if !strings.Contains(v, k.Help().Key) || !strings.Contains(v, k.Help().Desc) {
					t.Errorf("%s: %q %q missing from the help:\n%s", name, k.Help().Key, k.Help().Desc, v)
				}
			}
		}
		m = update(t, m, uitest.Key("?"))
	}
}

// Defect: NO_COLOR hid the text cursor. It forbids colour, not
// attributes: the cursor stays in reverse video, and no colour is drawn.
func TestNoColorKeepsTheCursor(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI)
	env := uitest.NewEnv(t)
	o := booking.New(env.Client, state.NewMemory(), booking.Options{Now: env.Clock.Now})
	c := NewCommon(context.Background(), r, o.NewSession(), Options{NoColor: true, Now: env.Clock.Now})
	loc, svc, a := env.Paris(t, 2)
	slot := a.Days[1].Slots[0]
	h, err := c.Session.Hold(context.Background(), svc, loc, slot)
	if err != nil {
		t.Fatal(err)
	}
	m := New(c, Config{})
	m = update(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	next, _ := m.openForm(c.Session.Begin(svc, loc, slot, h, model.Contact{}))
	v := next.View()
	if !strings.Contains(v, "\x1b[7m") {
		t.Errorf("no reverse-video cursor under NO_COLOR:\n%q", v)
	}
	if regexp.MustCompile("\x1b\\[[0-9;]*[34]8;").MatchString(v) {
		t.Errorf("colour drawn under NO_COLOR:\n%q", v)
	}
}

// Defect: an error was cut at the screen's edge, where it named what to
// fix. It wraps onto a second line, taken from the body; the frame keeps
// its size.
func TestLongStatusWraps(t *testing.T) {
	env := uitest.NewEnv(t)
	c := env.Common(context.Background())
	root := boot(t, update(t, New(c, Config{}), tea.WindowSizeMsg{Width: 80, Height: 24}))
	long := "Holding 09:00 CET failed: Bookings close 15 minutes before the start; choose a later time such as 09:30"
	root = update(t, root, common.StatusMsg{Status: common.Status{Kind: common.Failure, Text: long}})
	v := uitest.Strip(root.View())
	if strings.Count(v, "\n")+1 != 24 {
		t.Fatalf("the frame is %d lines", strings.Count(v, "\n")+1)
	}
	if !strings.Contains(strings.Join(strings.Fields(v), " "), "such as 09:30") {
		t.Fatalf("the end of the error is cut:\n%s", v)
	}
}
