package agenda

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/slots"
	"github.com/zimun-app/zimun/ui/uitest"
)

// day is the test day: Wednesday 4 March 2026, two days after the tests'
// "now", with bookings and free times in Paris.
var day = model.Date{Year: 2026, Month: 3, Day: 4}

var today = model.Date{Year: 2026, Month: 3, Day: 2}

func catalogue(t testing.TB, c *api.Client) model.Catalog {
	t.Helper()
	ctx := context.Background()
	locs, err := c.Locations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	svcs, err := c.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return model.Catalog{Locations: locs, Services: svcs}
}

// newAgenda builds the agenda of d for the Paris consultation on c (the
// env's own client when nil) and loads it.
func newAgenda(t testing.TB, env *uitest.Env, c *common.Common, d model.Date, w, h int) Model {
	t.Helper()
	loc, svc, _ := env.Paris(t, 1)
	if c == nil {
		cc := env.Common(context.Background())
		c = &cc
	}
	m := New(*c, Config{ID: 7, Location: loc, Service: svc, Date: d, Catalog: catalogue(t, env.Client)})
	m.SetSize(w, h)
	m, _ = run(t, m, m.Init())
	return m
}

// run executes cmd and every Cmd it leads to, feeding each message back
// the way the root would, and returns the messages seen. The tests' ticks
// are nil (HandRefresh), so nothing here waits.
func run(t testing.TB, m Model, cmd tea.Cmd) (Model, []tea.Msg) {
	t.Helper()
	return uitest.Run(m, cmd, Model.Update)
}

func press(t testing.TB, m Model, keys ...string) (Model, []tea.Msg) {
	t.Helper()
	return uitest.Press(m, Model.Update, keys...)
}

func msgOf[T any](msgs []tea.Msg) (T, bool) {
	for _, msg := range msgs {
		if v, ok := msg.(T); ok {
			return v, true
		}
	}
	var zero T
	return zero, false
}

func statusOf(msgs []tea.Msg) string {
	var out []string
	for _, msg := range msgs {
		if s, ok := msg.(common.StatusMsg); ok {
			out = append(out, s.Status.Text)
		}
	}
	return strings.Join(out, " | ")
}

func view(m Model) string { return uitest.Strip(m.View()) }

// bookedAt lists the sandbox's standing appointments of d at loc.
func bookedAt(t testing.TB, env *uitest.Env, loc model.Location, d model.Date) []model.Appointment {
	t.Helper()
	page, err := env.Client.Appointments(context.Background(), api.AppointmentFilter{
		From: d.In(loc.Zone()), To: d.AddDays(1).In(loc.Zone()), PageSize: 200,
	})
	if err != nil {
		t.Fatal(err)
	}
	return slices.DeleteFunc(page.Items, func(a model.Appointment) bool { return a.LocationID != loc.ID || a.Cancelled() })
}

// The day's bookings and free times, together and in time order, each
// saying which it is.
func TestBookedAndFreeTogether(t *testing.T) {
	env := uitest.NewEnv(t)
	m := newAgenda(t, env, nil, day, 80, 60)
	loc, _, a := env.Paris(t, 3)
	booked := bookedAt(t, env, loc, day)
	free, _ := a.Day(day)
	if len(booked) == 0 || len(free.Slots) == 0 {
		t.Fatalf("the seed has %d bookings and %d free times that day; the test needs both", len(booked), len(free.Slots))
	}
	if len(m.rows) != len(booked)+len(free.Slots) {
		t.Fatalf("%d rows, want %d bookings + %d free times", len(m.rows), len(booked), len(free.Slots))
	}
	for i := 1; i < len(m.rows); i++ {
		if m.rows[i].at.Before(m.rows[i-1].at) {
			t.Fatalf("row %d (%v) before row %d (%v)", i, m.rows[i].at, i-1, m.rows[i-1].at)
		}
	}
	v := view(m)
	for _, b := range booked {
		want := model.Clock{H24: true}.Time(b.Time, loc.Zone()) + "–" + model.Clock{H24: true}.Time(b.End(), loc.Zone()) +
			"  Booked  " + b.Contact.Name
		if !strings.Contains(v, want) {
			t.Errorf("no %q in:\n%s", want, v)
		}
	}
	s := free.Slots[0]
	want := model.Clock{H24: true}.Time(s.Start, loc.Zone()) + "–" + model.Clock{H24: true}.Time(s.End, loc.Zone()) +
		"  Free    " + strconv.Itoa(s.CapacityLeft) + " left"
	if !strings.Contains(v, want) {
		t.Errorf("no %q in:\n%s", want, v)
	}
	if !strings.Contains(v, fmt.Sprintf("%d booked · %d free times for General consultation", len(booked), len(free.Slots))) {
		t.Errorf("no summary in:\n%s", v)
	}
}

func TestKeys(t *testing.T) {
	env := uitest.NewEnv(t)
	m0 := newAgenda(t, env, nil, day, 78, 20)
	last := len(m0.rows) - 1
	tests := []struct {
		keys   []string
		day    model.Date
		cursor int
	}{
		{nil, day, 0},
		{[]string{"j", "down"}, day, 2},
		{[]string{"k"}, day, 0},
		{[]string{"G"}, day, last},
		{[]string{"end", "g"}, day, 0},
		{[]string{"pgdown"}, day, m0.page()},
		{[]string{"l"}, day.AddDays(1), 0},
		{[]string{"right", "h", "left"}, day.AddDays(-1), 0},
		{[]string{"l", "l", "t"}, today, -2}, // today: its first row not yet over
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, " "), func(t *testing.T) {
			m, _ := press(t, m0, tt.keys...)
			if tt.cursor == -2 {
				tt.cursor = m.firstCurrent()
			}
			if m.Date() != tt.day || m.cursor != tt.cursor {
				t.Errorf("on %s row %d, want %s row %d", m.Date(), m.cursor, tt.day, tt.cursor)
			}
		})
	}
}

// Digits jump to a time, as in the slot list: booked or free, the first
// row at or after what was typed.
func TestDigitsJumpToATime(t *testing.T) {
	env := uitest.NewEnv(t)
	m := newAgenda(t, env, nil, day, 78, 20)
	last := m.rows[len(m.rows)-1].at.In(m.zone)
	typed := last.Format("15")
	m2, msgs := press(t, m, strings.Split(typed, "")...)
	if got := m2.rows[m2.cursor].at.In(m.zone); got.Hour() != last.Hour() || len(msgs) != 0 {
		t.Fatalf("%s: on %s, want the first row at %d h", typed, got.Format("15:04"), last.Hour())
	}
	if m2.offset == 0 && len(m.rows) > m2.listRows() {
		t.Error("the list did not scroll to the row")
	}
	if _, msgs := press(t, m, "0", "3"); !strings.Contains(statusOf(msgs), "03") {
		t.Errorf("03: said %q, want that no time starts with it", statusOf(msgs))
	}
}

func TestClick(t *testing.T) {
	env := uitest.NewEnv(t)
	m := newAgenda(t, env, nil, day, 78, 20)
	m, cmd := m.Update(uitest.Click(4, m.headerRows()+2))
	if m.cursor != 2 || cmd != nil {
		t.Fatalf("a click on the third row: cursor %d", m.cursor)
	}
	if _, cmd = m.Update(uitest.Click(4, m.headerRows()+2)); cmd == nil {
		t.Fatal("a second click on the row did nothing")
	}
	if m2, _ := m.Update(uitest.Click(4, 1)); m2.cursor != 2 {
		t.Fatal("a click on the header moved the cursor")
	}
}

// enter on a free time holds it through the slot list's hold (so the
// root's hold → form flow runs); on a booking it asks for its detail.
func TestEnter(t *testing.T) {
	env := uitest.NewEnv(t)
	m := newAgenda(t, env, nil, day, 78, 20)
	free := slices.IndexFunc(m.rows, func(r row) bool { return r.free })
	booked := slices.IndexFunc(m.rows, func(r row) bool { return !r.free })

	m.cursor = booked
	_, msgs := press(t, m, "enter")
	open, ok := msgOf[OpenBookingMsg](msgs)
	if !ok || open.Appointment.ID != m.rows[booked].appt.ID || open.Date != day || open.Location.ID != m.cfg.Location.ID {
		t.Fatalf("enter on a booking gave %#v", msgs)
	}

	m.cursor = free
	held, cmd := m.Update(uitest.Key("enter"))
	if !held.Holding() || !held.Focused() {
		t.Fatal("enter on a free time is not holding it")
	}
	if again, _ := held.Update(uitest.Key("j")); again.cursor != free {
		t.Fatal("a key moved the cursor while the hold was in flight")
	}
	held, msgs = run(t, held, cmd)
	placed, ok := msgOf[slots.HoldPlacedMsg](msgs)
	if !ok || placed.List != 7 || !placed.Slot.Start.Equal(m.rows[free].at) || placed.Hold.ID == "" {
		t.Fatalf("got %#v, want the hold placed for screen 7", msgs)
	}
	if held.Holding() {
		t.Fatal("still holding after the answer")
	}
	live := 0
	for _, h := range env.Sandbox.Ledger().Holds {
		if h.ID == placed.Hold.ID && h.State == "live" {
			live++
		}
	}
	if live != 1 {
		t.Fatalf("the sandbox has %d live holds %s", live, placed.Hold.ID)
	}
	// Until the form covers the agenda, a second enter holds nothing.
	again, cmd := held.Update(uitest.Key("enter"))
	if _, msgs := run(t, again, cmd); len(msgs) > 0 {
		if _, ok := msgOf[slots.HoldMsg](msgs); ok {
			t.Fatal("a second enter placed a second hold")
		}
	}
}

// Opened from a booking, the agenda starts on it; another day starts on
// its first row still to come.
func TestStartsOnTheBookingAskedFor(t *testing.T) {
	env := uitest.NewEnv(t)
	loc, svc, _ := env.Paris(t, 1)
	last := bookedAt(t, env, loc, day)
	want := last[len(last)-1]
	m := New(env.Common(context.Background()), Config{ID: 7, Location: loc, Service: svc, Date: day,
		Catalog: catalogue(t, env.Client), Select: want.ID})
	m.SetSize(78, 20)
	m, _ = run(t, m, m.Init())
	if r, ok := m.selected(); !ok || r.free || r.appt.ID != want.ID {
		t.Fatalf("on %+v, want the booking %s", r, want.ID)
	}
	if !strings.Contains(view(m), "▸ "+model.Clock{H24: true}.Time(want.Time, loc.Zone())) {
		t.Fatalf("the selected row is not on screen:\n%s", view(m))
	}
	m, _ = press(t, m, "l", "h")
	if m.cursor != 0 {
		t.Fatalf("back on the day, on row %d, want the first", m.cursor)
	}
}

func TestHoldAnswers(t *testing.T) {
	env := uitest.NewEnv(t)
	m0 := newAgenda(t, env, nil, day, 78, 20)
	m0.cursor = slices.IndexFunc(m0.rows, func(r row) bool { return r.free })
	slot := m0.rows[m0.cursor].slot
	m0, hold := m0.Update(uitest.Key("enter"))
	_ = hold // not run: the answers are made up below

	t.Run("stale dropped", func(t *testing.T) {
		stale := slots.HoldCmd(m0.c, 8, 1, m0.cfg.Service, m0.cfg.Location, slot)().(slots.HoldMsg)
		if m0.Awaits(stale) {
			t.Fatal("another screen's answer is awaited")
		}
		if h, ok := stale.Placed(); ok {
			_ = m0.c.Session.Release(context.Background(), h.ID)
		}
	})
	t.Run("taken refreshes, then says so", func(t *testing.T) {
		other := env.NewClient(t)
		for range slot.CapacityLeft {
			if _, err := other.Hold(context.Background(), api.HoldRequest{ServiceID: m0.cfg.Service.ID, LocationID: m0.cfg.Location.ID,
				Time: slot.Start, DurationMinutes: m0.cfg.Service.DurationMinutes}); err != nil {
				t.Fatal(err)
			}
		}
		m, msgs := run(t, m0, slots.HoldCmd(m0.c, 7, 1, m0.cfg.Service, m0.cfg.Location, slot))
		if got := statusOf(msgs); got != "That slot was just taken — list refreshed" {
			t.Fatalf("said %q, want the slot said taken", got)
		}
		if m.Holding() || slices.ContainsFunc(m.rows, func(r row) bool { return r.free && r.at.Equal(slot.Start) }) {
			t.Fatal("the taken time is still offered")
		}
	})
}

// Without appointments:read the agenda shows the free times, and says
// why there are no bookings.
func TestFreeTimesOnlyWithoutTheScope(t *testing.T) {
	env := uitest.NewEnv(t)
	env.Sandbox.AddClient("no-read", "secret", "org:read", "availability:read", "appointments:write")
	client := env.NewClient(t, func(c *api.Config) { c.ClientID, c.ClientSecret = "no-read", "secret" })
	c := env.CommonWith(context.Background(), client, nil)
	m := newAgenda(t, env, &c, day, 78, 20)
	if m.ListsBookings() || len(m.rows) == 0 || slices.ContainsFunc(m.rows, func(r row) bool { return !r.free }) {
		t.Fatalf("lists bookings %v, %d rows", m.ListsBookings(), len(m.rows))
	}
	v := view(m)
	for _, want := range []string{"Free times only", "appointments:read", "free times for General consultation"} {
		if !strings.Contains(v, want) {
			t.Errorf("no %q in:\n%s", want, v)
		}
	}
	if strings.Contains(v, "booked") {
		t.Errorf("a booked count without bookings:\n%s", v)
	}
	// It does not ask again on every refresh.
	lists := func() int { return env.Sandbox.Stats().Requests["GET /api/v1/appointments"] }
	before := lists()
	m, _ = run(t, m, m.Refresh())
	if lists() != before {
		t.Fatal("asked for the bookings again after a 403")
	}
	_ = m
}

// A failed read of the bookings is said, never shown as an empty day; a
// failed refresh keeps the bookings in hand.
func TestBookingsNotLoaded(t *testing.T) {
	env := uitest.NewEnv(t)
	m := newAgenda(t, env, nil, day, 78, 20)
	booked := len(m.appts)
	failed := m.Refresh()().(loadedMsg)
	failed.appts, failed.apptErr = nil, &api.Error{Status: 500}
	m, cmd := m.Update(failed)
	if len(m.appts) != booked || !strings.Contains(statusOf(uitest.Messages(cmd)), "Loading the day's bookings failed") {
		t.Fatalf("a failed refresh: %d bookings (want %d kept), said %q", len(m.appts), booked, statusOf(uitest.Messages(cmd)))
	}
	m, _ = m.Update(uitest.Key("l")) // its load is answered below
	failed = m.Refresh()().(loadedMsg)
	failed.appts, failed.apptErr = nil, &api.Error{Status: 500}
	m, _ = m.Update(failed)
	v := view(m)
	if !strings.Contains(v, "bookings not loaded (r retries) · ") || strings.Contains(v, "0 booked") {
		t.Fatalf("a day whose bookings failed reads:\n%s", v)
	}
	if !slices.ContainsFunc(m.rows, func(r row) bool { return r.free }) {
		t.Fatal("the free times went with the bookings")
	}
}

// Another desk's booking shows on the next refresh tick; a covered
// agenda, or one on a desk left alone, asks nothing.
func TestRefresh(t *testing.T) {
	env := uitest.NewEnv(t)
	c := env.Common(context.Background())
	c.Activity = &common.Activity{}
	c.Activity.Touch(env.Clock.Now())
	m := newAgenda(t, env, &c, day, 78, 20)
	free := slices.IndexFunc(m.rows, func(r row) bool { return r.free })
	slot := m.rows[free].slot

	other := env.NewClient(t)
	h, err := other.Hold(context.Background(), api.HoldRequest{ServiceID: m.cfg.Service.ID, LocationID: m.cfg.Location.ID,
		Time: slot.Start, DurationMinutes: m.cfg.Service.DurationMinutes})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Confirm(context.Background(), api.ConfirmRequest{HoldID: h.ID,
		Contact: model.Contact{Name: "Marie Curie", Email: "marie@example.com"}}); err != nil {
		t.Fatal(err)
	}
	env.Clock.Advance(3 * time.Second) // past the office's shared copy
	m, cmd := m.Update(refreshTickMsg{agenda: 7, gen: m.gen})
	m, _ = run(t, m, cmd)
	if !strings.Contains(view(m), "Booked  Marie Curie · General consultation") {
		t.Fatalf("the other desk's booking did not show:\n%s", view(m))
	}

	requests := func() int {
		s := env.Sandbox.Stats().Requests
		return s["GET /api/v1/availability"] + s["GET /api/v1/appointments"]
	}
	before := requests()
	if _, cmd := m.Update(refreshTickMsg{agenda: 8, gen: m.gen}); cmd != nil {
		t.Fatal("another agenda's tick refreshed")
	}
	covered := m
	covered.Deactivate()
	if _, cmd := covered.Update(refreshTickMsg{agenda: 7, gen: m.gen}); cmd != nil {
		t.Fatal("a covered agenda refreshed")
	}
	env.Clock.Advance(common.IdleAfter + time.Second)
	_, cmd = m.Update(refreshTickMsg{agenda: 7, gen: m.gen})
	run(t, m, cmd) // at most the next tick, which tests send by hand
	if got := requests(); got != before {
		t.Fatalf("%d requests while idle or covered", got-before)
	}
	shown := covered
	if cmd := shown.Activate(); cmd == nil || !shown.loading {
		t.Fatal("shown again, the agenda did not reload")
	}
}

// The cursor stays on the row chosen through a refresh; if the chosen
// free time went, nothing is selected and the desk is told.
func TestRefreshKeepsTheChosenRow(t *testing.T) {
	env := uitest.NewEnv(t)
	m := newAgenda(t, env, nil, day, 78, 20)
	var frees []int
	for i, r := range m.rows {
		if r.free {
			frees = append(frees, i)
		}
	}
	free := frees[0]
	m.cursor = frees[2]
	chosen := m.rows[m.cursor]
	loaded := m.Refresh()().(loadedMsg)
	loaded.avail = without(loaded.avail, m.rows[free].at)
	m, cmd := m.Update(loaded)
	if r, _ := m.selected(); r.key() != chosen.key() || cmd != nil {
		t.Fatalf("after an earlier time went: on %v", r.at)
	}
	loaded = m.Refresh()().(loadedMsg)
	loaded.avail = without(loaded.avail, m.rows[free].at, chosen.at)
	m, cmd = m.Update(loaded)
	if m.cursor != -1 {
		t.Fatalf("cursor %d after the chosen time went, want none", m.cursor)
	}
	_, msgs := run(t, m, cmd)
	want := model.Clock{H24: true}.TimeZone(chosen.at, m.zone) + " is no longer free"
	if got := statusOf(msgs); !strings.Contains(got, want) {
		t.Fatalf("said %q, want %q", got, want)
	}
	if m2, _ := m.Update(uitest.Key("enter")); m2.Holding() {
		t.Fatal("enter held a time nobody chose")
	}
	m, _ = press(t, m, "j")
	if r, _ := m.selected(); !r.at.After(chosen.at) {
		t.Fatalf("j from the lost time went to %v", r.at)
	}
}

// A booking that went (cancelled, moved) leaves the cursor on the row now
// at its time: nobody reads a booking's time to a caller.
func TestCancelledBookingMovesOn(t *testing.T) {
	env := uitest.NewEnv(t)
	m := newAgenda(t, env, nil, day, 78, 20)
	m.cursor = slices.IndexFunc(m.rows, func(r row) bool { return !r.free })
	gone := m.rows[m.cursor]
	loaded := m.Refresh()().(loadedMsg)
	loaded.appts = slices.DeleteFunc(slices.Clone(loaded.appts), func(a model.Appointment) bool { return a.ID == gone.appt.ID })
	m, cmd := m.Update(loaded)
	r, ok := m.selected()
	if !ok || r.at.Before(gone.at) || cmd != nil {
		t.Fatalf("on %+v (%v) after %s went, want the row at its time", r, ok, gone.appt.ID)
	}
	if i := slices.IndexFunc(m.rows, func(r row) bool { return !r.at.Before(gone.at) }); i != m.cursor {
		t.Fatalf("on row %d, want %d", m.cursor, i)
	}
}

func without(a model.Availability, starts ...time.Time) model.Availability {
	days := make([]model.Day, len(a.Days))
	for i, d := range a.Days {
		d.Slots = slices.DeleteFunc(slices.Clone(d.Slots), func(s model.Slot) bool {
			return slices.ContainsFunc(starts, s.Start.Equal)
		})
		days[i] = d
	}
	a.Days = days
	return a
}

// Text from the server is sanitised and every line fits the width.
func TestHostileTextIsTamed(t *testing.T) {
	env := uitest.NewEnv(t)
	m := newAgenda(t, env, nil, day, 78, 20)
	loaded := m.Refresh()().(loadedMsg)
	evil := model.Appointment{ID: "a_evil", Status: model.StatusConfirmed, ServiceID: "s_unknown\x1b[2J",
		LocationID: m.cfg.Location.ID, Time: loaded.appts[0].Time, DurationMinutes: 30,
		Contact: model.Contact{Name: "\x1b]0;pwned\a\u202eEve " + strings.Repeat("long ", 40)}}
	loaded.appts = append([]model.Appointment{evil}, loaded.appts...)
	m, _ = m.Update(loaded)
	v := m.View()
	if strings.ContainsAny(v, "\x1b\a\u202e") {
		t.Fatalf("control characters reached the view: %q", v)
	}
	for i, line := range strings.Split(v, "\n") {
		if w := ansi.StringWidth(line); w > 78 {
			t.Errorf("line %d is %d wide: %q", i, w, line)
		}
	}
	if !strings.Contains(v, "Eve long") {
		t.Fatalf("the name is gone:\n%s", v)
	}
}

// 12-hour times line up in their column.
func TestTwelveHourTimesLineUp(t *testing.T) {
	env := uitest.NewEnv(t)
	c := env.Common(context.Background())
	c.Prefs.Clock24 = false
	m := newAgenda(t, env, &c, day, 78, 40)
	col := -1
	for _, line := range strings.Split(view(m), "\n") {
		i := strings.Index(line, "M–")
		if i < 0 {
			continue
		}
		i = ansi.StringWidth(line[:i])
		if col >= 0 && i != col {
			t.Fatalf("end times at column %d, earlier at %d:\n%s", i, col, view(m))
		}
		col = i
	}
	if col < 0 {
		t.Fatalf("no 12-hour rows:\n%s", view(m))
	}
}

func TestHelp(t *testing.T) {
	env := uitest.NewEnv(t)
	m := newAgenda(t, env, nil, day, 78, 20)
	var keys []string
	for _, g := range m.FullHelp() {
		for _, k := range g {
			keys = append(keys, k.Help().Key)
		}
	}
	for _, want := range []string{"↑/k", "↓/j", "←/h", "→/l", "t", "enter", "r", "g", "G"} {
		if !slices.Contains(keys, want) {
			t.Errorf("help lacks %s: %v", want, keys)
		}
	}
	m.cursor = slices.IndexFunc(m.rows, func(r row) bool { return !r.free })
	if h := m.ShortHelp()[0].Help(); h.Desc != "open booking" {
		t.Errorf("enter on a booking is %q", h.Desc)
	}
	m.cursor = slices.IndexFunc(m.rows, func(r row) bool { return r.free })
	if h := m.ShortHelp()[0].Help(); h.Desc != "hold this time" {
		t.Errorf("enter on a free time is %q", h.Desc)
	}
}

func TestView(t *testing.T) {
	for _, size := range [][2]int{{78, 20}, {198, 56}} { // what a screen gets inside 80×24 and 200×60
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			env := uitest.NewEnv(t)
			m := newAgenda(t, env, nil, day, size[0], size[1])
			m, _ = press(t, m, "j", "j")
			golden.RequireEqual(t, []byte(view(m)))
		})
	}
	t.Run("sunday", func(t *testing.T) {
		env := uitest.NewEnv(t)
		m := newAgenda(t, env, nil, model.Date{Year: 2026, Month: 3, Day: 8}, 78, 20)
		golden.RequireEqual(t, []byte(view(m)))
	})
}
