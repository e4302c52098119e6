package reliability

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/internal/testenv"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui"
	"github.com/zimun-app/zimun/ui/slots"
	"github.com/zimun-app/zimun/ui/uitest"
)

// driver runs a Bubble Tea model as a program does (each Cmd in its own
// goroutine, messages one at a time through Update) without a terminal,
// so a test reads every whole frame from View.
type driver struct {
	t    *testing.T
	ctx  context.Context
	m    tea.Model
	msgs chan tea.Msg
	// view is the latest frame, without colour.
	view string
	// trail is the last keys pressed and the messages that came, for a
	// failure to show how the desk got there.
	trail   []string
	holdLog []string
	// held is the last hold the slot list placed, and its slot.
	held     model.Hold
	heldSlot model.Slot
	// frame, if set, sees every frame.
	frame func(view string)
}

func (d *driver) note(s string) {
	d.trail = append(d.trail, s)
	if len(d.trail) > 40 {
		d.trail = d.trail[1:]
	}
	if strings.Contains(s, "h_") {
		d.holdLog = append(d.holdLog, s+" | top "+fmt.Sprintf("%.60q", lastLine(d.view)))
	}
}

func lastLine(v string) string {
	lines := strings.Split(strings.TrimRight(v, " \n"), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

func newDriver(t *testing.T, ctx context.Context, m tea.Model, width, height int) *driver {
	d := &driver{t: t, ctx: ctx, m: m, msgs: make(chan tea.Msg, 64)}
	d.exec(m.Init())
	d.update(tea.WindowSizeMsg{Width: width, Height: height})
	return d
}

func (d *driver) exec(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() { d.deliver(cmd()) }()
}

func (d *driver) deliver(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.exec(c)
		}
	default:
		select {
		case d.msgs <- msg:
		case <-d.ctx.Done():
		}
	}
}

func (d *driver) update(msg tea.Msg) {
	if _, quit := msg.(tea.QuitMsg); quit {
		return
	}
	switch m := msg.(type) {
	case tea.KeyMsg:
		d.note("key " + m.String())
	case slots.HoldMsg:
		h, ok := m.Placed()
		d.note(fmt.Sprintf("HoldMsg %s %v", h.ID, ok))
		if ok {
			d.held, d.heldSlot = h, m.Slot()
		}
	case slots.HoldPlacedMsg:
		d.note("HoldPlacedMsg " + m.Hold.ID)
	default:
		d.note(fmt.Sprintf("%T", msg))
	}
	var cmd tea.Cmd
	d.m, cmd = d.m.Update(msg)
	d.view = ansi.Strip(d.m.View())
	if d.frame != nil {
		d.frame(d.view)
	}
	d.exec(cmd)
}

// press sends keys by name, or text.
func (d *driver) press(keys ...string) {
	for _, k := range keys {
		d.update(uitest.Key(k))
	}
}

// until runs the program until a frame satisfies ok, or gives up after
// wait; it reports whether ok was met.
func (d *driver) until(wait time.Duration, ok func(view string) bool) bool {
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for !ok(d.view) {
		select {
		case msg := <-d.msgs:
			d.update(msg)
		case <-deadline.C:
			return false
		}
	}
	return true
}

// any runs until the frame shows one of texts, and returns it ("" when
// none came within wait).
func (d *driver) any(wait time.Duration, texts ...string) string {
	var got string
	d.until(wait, func(v string) bool {
		for _, t := range texts {
			if strings.Contains(v, t) {
				got = t
				return true
			}
		}
		return false
	})
	return got
}

const uiDesks = 4

// uiSoak books through the UI's root model, one desk (its own office, as
// its own process would have) per goroutine.
type uiSoak struct {
	t   *testing.T
	env *testenv.Env

	mu sync.Mutex
	r  soakResult
}

// Many complete bookings through the UI root model, keys in and frames
// out, four desks at once under faults: calendar, slot list, form, review,
// confirm (again after an unknown outcome), then some moves and
// cancellations from the appointments screen. Every booking the screens
// said was made exists exactly once, every failure they showed says
// whether it may have gone through, and nothing exists that they did not
// show.
func TestSoakUI(t *testing.T) {
	began := time.Now()
	n := soakCount(5)
	plan := soakPlan(t)
	env := testenv.New(t, func(o *sandbox.Options) { o.RateLimit, o.Faults = -1, plan })
	s := &uiSoak{t: t, env: env}
	witness := newHoldWitness()
	releases := &failedReleases{ids: map[string]bool{}}
	s.r.Layer = "UI"
	pairs := offered(env.Sandbox)

	bs := make([]*belief, n)
	var logMu sync.Mutex
	var holdLogs []string
	defer func() { // on failure, what became of each hold left live
		if t.Failed() {
			for _, h := range env.Sandbox.Ledger().Holds {
				if h.State != sandbox.HoldLive {
					continue
				}
				for _, l := range holdLogs {
					if strings.Contains(l, h.ID) {
						t.Logf("%s: %s", h.ID, l)
					}
				}
				witness.mu.Lock()
				t.Logf("%s: releases sent: %v", h.ID, witness.releases[h.ID])
				witness.mu.Unlock()
			}
		}
	}()
	var wg sync.WaitGroup
	var lane *uiExpiryLane
	wg.Go(func() { lane = runUIExpiryLane(t, max(n/5, 6)) })
	for desk := range uiDesks {
		wg.Go(func() {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			c := uitest.Common(env.Clock.Now)
			c.Ctx = ctx
			c.Office = booking.New(env.NewClient(t, witness.client), state.NewMemory(),
				booking.Options{Now: env.Clock.Now, Logger: slog.New(releases)})
			c.Session = c.Office.NewSession()
			pair := pairs[desk%len(pairs)]
			root := ui.New(c, ui.Config{ServiceID: pair[0], LocationID: pair[1]})
			d := newDriver(t, ctx, root, 100, 30)
			d.frame = s.frames(func() bool { return false }) // no hold runs out here
			for i := desk; i < n; i += uiDesks {
				bs[i] = s.book(d, i)
			}
			closing, stop := context.WithTimeout(context.Background(), 10*time.Second)
			defer stop()
			if err := c.Session.Close(closing); err != nil {
				t.Errorf("desk %d: closing its session: %v", desk, err)
			}
			logMu.Lock()
			holdLogs = append(holdLogs, d.holdLog...)
			logMu.Unlock()
		})
	}
	wg.Wait()
	s.r.Bookings = n
	checkLedger(t, env.Sandbox, "@soak-ui.example", bs, liveReason(releases, witness), &s.r)
	s.r.report(t, began)
	lane.check()
}

const uiWait = 20 * time.Second

var bookingID = regexp.MustCompile(`Booking id\s+(a_[a-z0-9]+)`)

// book makes booking i at desk d, from the calendar to the confirmation
// card, as a person would: it looks at the screen and does what it asks.
// Then it perhaps moves or cancels the booking.
func (s *uiSoak) book(d *driver, i int) *belief {
	b := &belief{email: fmt.Sprintf("guest%d@soak-ui.example", i)}
	return s.drive(d, rngFor("ui", i), b, fmt.Sprintf("Soak Guest %d", i), nil)
}

// drive books b at desk d; x, if set, is the hold-expiry lane's part in it
// (soak_ui_expiry_test.go).
func (s *uiSoak) drive(d *driver, rng *rand.Rand, b *belief, name string, x *uiExpiryCase) *belief {
	d.press("t") // from today, a few free days on
	for range rng.IntN(4) {
		d.press("n")
	}
	typed := false
	for step := 0; ; step++ {
		if step == 80 {
			s.fail("booking " + b.email + " went nowhere: " + d.view + "\nlast: " + strings.Join(d.trail, " · "))
			b.refused = "gave up"
			return b
		}
		v := d.view
		before := v
		handled := false
		if x != nil {
			var done bool
			if handled, done = x.step(d, v); done {
				return b
			}
			if x.retype {
				x.retype, typed = false, false
			}
		}
		switch {
		case handled:
		case strings.Contains(v, "Booking id") && !strings.Contains(v, b.email):
			s.newBooking(d) // an earlier booking's card
		case strings.Contains(v, "Booking id"):
			m := bookingID.FindStringSubmatch(v)
			if m == nil {
				s.fail("a confirmation card without a booking id: " + v)
				return b
			}
			b.id, b.status, b.start = m[1], model.StatusConfirmed, s.startOf(m[1])
			b.trail = append(b.trail, fmt.Sprintf("booked: the ledger has %s", b.start))
			switch p := rng.Float64(); {
			case p < 0.2:
				s.change(d, b, "R")
			case p < 0.3:
				s.change(d, b, "X")
			}
			s.newBooking(d)
			return b
		case holdInFlight(v):
			// A hold in flight: wait for its answer (the session's hold
			// timeout bounds it), pressing nothing.
			if !d.until(time.Minute, func(v string) bool { return !holdInFlight(v) }) {
				s.fail("a hold never answered: " + d.view + "\nlast: " + strings.Join(d.trail, " · "))
				b.refused = "hold never answered"
				return b
			}
			continue
		case strings.Contains(v, "press enter to retry"), strings.Contains(v, "press enter to check"):
			if !strings.Contains(v, "may have gone") && !strings.Contains(v, "can't book") {
				s.fail("an unknown outcome not said as unknown: " + v)
			}
			s.count(func(r *soakResult) { r.UnknownSeen++ })
			d.press("enter")
		case strings.Contains(v, "enter confirm"):
			d.press("enter")
		case containsAny(v, "Couldn't book", "someone else", "no longer knows", "Your hold expired", "taken by"):
			// A definite answer: nothing was booked, and the screen says so.
			b.refused = firstLineWith(v, "Couldn't book", "someone else", "no longer knows", "Your hold expired", "taken by")
			d.press("esc")
			if d.any(uiWait, "Release the hold") != "" {
				d.press("y")
			}
			s.newBooking(d)
			return b
		case strings.Contains(v, "ctrl+s book") && !typed:
			// ctrl+u clears what a hold given up left in a field.
			d.update(tea.KeyMsg{Type: tea.KeyCtrlU})
			d.update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)})
			waitForIt := x != nil && x.whileTyping()
			d.press("tab")
			d.update(tea.KeyMsg{Type: tea.KeyCtrlU})
			d.update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(b.email)})
			typed = true
			if waitForIt {
				// The person stops typing: the countdown says it ran out.
				if !d.until(3*time.Second, func(v string) bool { return strings.Contains(v, "Your hold expired") }) {
					s.fail("the form never said the hold ran out: " + d.view)
				}
				continue
			}
			d.press("ctrl+s")
		case strings.Contains(v, "ctrl+s book"):
			d.press("ctrl+s")
		case strings.Contains(v, "enter hold this time") && strings.Contains(v, " left"):
			for range rng.IntN(3) {
				d.press("down")
			}
			d.press("enter")
		case strings.Contains(v, "enter hold this time") && strings.Contains(v, "failed"):
			d.press("r")
		case containsAny(v, "No more free times", "No free times"):
			d.press("n")
		case strings.Contains(v, onCalendar) && strings.Contains(v, " free slot"):
			d.press("enter")
		case strings.Contains(v, onCalendar) && containsAny(v, "No free slots", "Closed", "outside the bookable"):
			d.press("n")
		case containsAny(v, "failed", "try again"):
			d.press("r")
		}
		if !d.until(uiWait, func(v string) bool { return v != before }) {
			s.fail("booking " + b.email + " stuck on: " + before + "\nlast: " + strings.Join(d.trail, " · "))
			b.refused = "stuck"
			return b
		}
	}
}

var holdingLine = regexp.MustCompile(`Holding [0-9:]+( [AP]M)?…`)

// holdInFlight: the slot list waits for a hold's answer (it says which
// time, unless the day emptied meanwhile; its keys are then only ctrl+c).
func holdInFlight(view string) bool {
	lines := strings.Split(strings.TrimRight(view, " \n"), "\n")
	footer := strings.TrimSpace(lines[len(lines)-1])
	return holdingLine.MatchString(view) || (footer == "ctrl+c quit" && strings.Contains(view, "free times"))
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func firstLineWith(s string, subs ...string) string {
	for _, l := range strings.Split(s, "\n") {
		if containsAny(l, subs...) {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

// newBooking goes back to the confirmation card and asks for a new
// booking, or back to the calendar.
func (s *uiSoak) newBooking(d *driver) {
	for range 10 {
		switch {
		case strings.Contains(d.view, "n new booking"):
			d.press("n") // answered by a message: wait for the card to go
			if !d.until(uiWait, func(v string) bool { return !strings.Contains(v, "Booking id") }) {
				s.fail("n did not start a new booking: " + d.view)
			}
			return
		case strings.Contains(d.view, onCalendar) && !strings.Contains(d.view, "Rescheduling"):
			return
		}
		before := d.view
		d.press("esc")
		d.until(2*time.Second, func(v string) bool { return v != before })
	}
	s.fail("lost on the way back to the calendar: " + d.view + "\nlast: " + strings.Join(d.trail, " · "))
}

// toCalendar waits for the calendar with its data on a day with free
// times, refreshing a failed load and moving off a full day.
func (s *uiSoak) toCalendar(d *driver) bool {
	for range 8 {
		switch d.any(uiWait, " free slot", "No free slots", "Closed", "outside the bookable", "failed", "try again") {
		case " free slot":
			return true
		case "":
			s.fail("no calendar: " + d.view)
			return false
		case "failed", "try again":
			d.press("r")
		default:
			d.press("n") // the next day with free times
		}
	}
	return false
}

// change moves (R) or cancels (X) the booking from the appointments
// screen, found by its email.
func (s *uiSoak) change(d *driver, b *belief, k string) {
	d.press("a")
	if d.any(uiWait, "/ search") == "" {
		s.fail("no appointments screen: " + d.view)
		return
	}
	d.press("/")
	d.update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(b.email)})
	d.press("enter")
	for range 3 {
		if d.any(uiWait, "▸", "r to retry") != "r to retry" {
			break
		}
		d.press("r") // the list failed to load: the screen said so
	}
	// The search box and the selected appointment's details both show the
	// email: the list is this booking's, not the last one's.
	if !d.until(uiWait, func(v string) bool { return strings.Contains(v, "▸") && strings.Count(v, b.email) >= 2 }) {
		s.fail("the booking not found on the appointments screen: " + d.view)
		return
	}
	d.press(k)
	if k == "X" {
		if d.any(uiWait, "Cancel this appointment?") == "" {
			return
		}
		for try := 0; ; try++ {
			d.press("ctrl+x")
			switch d.any(uiWait, "Cancelled", "already cancelled", "unchanged", "may have gone") {
			case "Cancelled", "already cancelled":
				b.status = model.StatusCancelled
			case "may have gone":
				s.count(func(r *soakResult) { r.UnknownSeen++ })
				if try < 5 {
					continue
				}
				b.unknown = true
			case "":
				s.fail("no answer to a cancellation: " + d.view)
			}
			return
		}
	}
	if d.any(uiWait, "Rescheduling") == "" || !s.toCalendar(d) {
		s.fail("no calendar to move to: " + d.view)
		return
	}
	d.press("n", "enter")
	if d.any(uiWait, "enter choose this time") == "" {
		s.fail("no slot list to move to: " + d.view)
		return
	}
	d.press("enter")
	if d.any(uiWait, "Move this appointment?") == "" {
		s.fail("no move summary: " + d.view)
		return
	}
	for try := 0; ; try++ {
		d.press("enter")
		switch d.any(uiWait, "Moved", "unchanged", "may have gone", "the current time") {
		case "Moved":
			b.start = s.startOf(b.id)
			b.trail = append(b.trail, fmt.Sprintf("moved: the ledger has %s", b.start))
			s.count(func(r *soakResult) { r.Rescheduled++ })
			return
		case "may have gone":
			// The screen says the move may have happened: the same
			// request again tells.
			s.count(func(r *soakResult) { r.UnknownSeen++ })
			if try < 5 {
				continue
			}
			b.unknown = true
		case "":
			s.fail("no answer to a move: " + d.view)
		}
		return
	}
}

// startOf is where the ledger has appointment id now: the screens show
// times in words, the ledger has the instant.
func (s *uiSoak) startOf(id string) time.Time {
	for _, a := range s.env.Sandbox.Ledger().Appointments {
		if a.ID == id {
			return a.Start
		}
	}
	return time.Time{}
}

// frames checks every frame a desk shows: a hold is said to have run out
// only when one did (expiredOK), and a confirmation card shows only an
// appointment the sandbox has.
func (s *uiSoak) frames(expiredOK func() bool) func(view string) {
	var card string
	return func(v string) {
		if strings.Contains(strings.ToLower(v), "hold expired") && !expiredOK() {
			s.count(func(r *soakResult) { r.FalseExpired++ })
			s.fail("a frame says a hold expired, though none ran out: " + v)
		}
		if m := bookingID.FindStringSubmatch(v); m != nil && m[1] != card {
			card = m[1]
			s.count(func(r *soakResult) { r.CardsChecked++ })
			if s.startOf(card).IsZero() {
				s.count(func(r *soakResult) { r.FalseCards++ })
				s.fail("a confirmation card for " + card + ", which the server does not have: " + v)
			}
		}
	}
}

func (s *uiSoak) fail(msg string) { s.t.Error(msg) }

func (s *uiSoak) count(fn func(*soakResult)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(&s.r)
}
