// Package common is what every screen shares: the session's context, its
// booking session, styles, clock and preferences, the navigation messages
// and the one status line type.
package common

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/styles"
)

// Common is passed to every screen. It holds no mutable UI state: screens
// keep their own size via SetSize.
type Common struct {
	Ctx     context.Context  // cancelled when the session ends; every Cmd uses it
	Office  *booking.Office  // reads, shared by the process's sessions
	Session *booking.Session // every write, with custody of this session's holds
	Styles  *styles.Styles
	// Words are the session's language: every word on screen, its dates
	// and its clock.
	Words  *i18n.Printer
	Keys   KeyMap
	Now    func() time.Time // local clock; injected in tests
	Prefs  Prefs
	Logger *slog.Logger
	// Activity is when the user last pressed a key; screens stop
	// refreshing when it is long ago.
	Activity *Activity
	// HandRefresh stops screens' own refresh timers: tests send the ticks
	// they want.
	HandRefresh bool
	// Kiosk is set for a customer's session at a kiosk, nil at the desk.
	Kiosk *Kiosk
	// Calls are the session's API calls, for the request inspector; nil
	// when nothing records them (the kiosk).
	Calls *api.Recorder
	// Clipboard is the terminal the session draws on, for the OSC 52
	// sequence that puts text on its clipboard.
	Clipboard io.Writer
}

// Kiosk is what a customer's session has instead of the desk's screens:
// no appointments, walk-ins, history or files; "my booking" instead.
type Kiosk struct {
	// ShowReference is how long a booking's reference stays on screen
	// before the kiosk starts over for the next customer.
	ShowReference time.Duration
	// StartOver ends this customer's session and starts a clean one.
	StartOver tea.Cmd
	// Lines ends the full-screen app and carries on the session in the
	// accessible mode, for a screen reader; nil where there is none.
	Lines tea.Cmd
	// Language starts over in another language, kept for the rest of
	// the session; nil where the language cannot change.
	Language func(i18n.Locale) tea.Cmd
	// Guard slows down guessing at "my booking", counting misses against
	// the SSH session and the address the customer connects from.
	Guard           *booking.Guard
	Session, Client string
}

// T is the message k in the session's language.
func (c Common) T(k i18n.Key, args ...any) string { return c.Words.T(k, args...) }

// ForKiosk is c for a customer at a kiosk: k's parts, none of the desk's
// keys, and nothing of the API's address on screen.
func (c Common) ForKiosk(k *Kiosk) Common {
	c.Kiosk = k
	c.Keys = KioskKeyMap(c.Words)
	c.Keys.ScreenReader.SetEnabled(k.Lines != nil)
	c.Keys.Language.SetEnabled(k.Language != nil)
	c.Prefs.Host = ""
	c.Prefs.ReturningCustomers = false // never another customer's details
	c.Calls = nil
	return c
}

// GuardKeys are the keys the kiosk's guard counts this customer's misses
// under.
func (k *Kiosk) GuardKeys() []string {
	return []string{"session:" + k.Session, "client:" + k.Client}
}

// Prefs are the user's display and booking preferences.
type Prefs struct {
	DaysAhead int
	WeekStart time.Weekday
	Clock24   bool
	Demo      bool   // the embedded sandbox
	Host      string // the API's host when it is neither production nor the demo
	// ReturningCustomers lets the form look up earlier bookings by the
	// name, email or phone typed and offer their details. A desk's
	// feature: off (the zero value) wherever customers serve themselves,
	// as in the kiosk, since it shows other people's details.
	ReturningCustomers bool
}

// StatusKind says how a status line reads: a passing word, something that
// went wrong without stopping the work, or a failure.
type StatusKind int

// Status kinds.
const (
	Info StatusKind = iota
	Warning
	Failure
)

// Status is one status line. It belongs to the action that set it: the
// next action clears it.
type Status struct {
	Kind StatusKind
	Text string
}

// StatusMsg asks the root to show a status line.
type StatusMsg struct{ Status Status }

// Say shows a passing line, as a Cmd result.
func Say(text string) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Status{Info, text}} }
}

// Warn shows what went wrong without stopping the work, as a Cmd result.
func Warn(text string) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Status{Warning, text}} }
}

// Fail shows a failure, saying what failed, as a Cmd result.
func Fail(p *i18n.Printer, failed string, err error) tea.Cmd {
	st := Failed(p, failed, err)
	return func() tea.Msg { return StatusMsg{st} }
}

// Failed words a failure: "Holding 09:00 failed: …", failed being the
// first part, in p's language ("" for none).
func Failed(p *i18n.Printer, failed string, err error) Status {
	text := ErrorText(p, err)
	if failed != "" {
		text = p.T(i18n.FailedBecause, failed, text)
	}
	return Status{Failure, text}
}

// Msg turns a value into a Cmd that returns it.
func Msg(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// Tick is tea.Tick that gives up when the session ends, so a session that
// is gone leaves no timer goroutine behind (a kiosk serves thousands).
func Tick(ctx context.Context, d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case now := <-t.C:
			return fn(now)
		case <-ctx.Done():
			return nil
		}
	}
}

// Every is tea.Every (the next multiple of d on the wall clock, for
// countdowns that change on whole seconds) that gives up when the session
// ends.
func Every(ctx context.Context, d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		now := time.Now()
		return Tick(ctx, now.Truncate(d).Add(d).Sub(now), fn)()
	}
}

// RefreshEvery is how often a screen on show refreshes what other desks
// change (availability, the appointments list): within 10 s of the
// change, and no more than one request per 5 s per screen.
const RefreshEvery = 8 * time.Second

// IdleAfter is how long without a key before screens stop refreshing: a
// desk left alone costs the API nothing.
const IdleAfter = 5 * time.Minute

// Activity is when the user last pressed a key or clicked, for screens to
// stop refreshing on a terminal left alone. Shared by a session's copies
// of Common.
type Activity struct{ last atomic.Int64 }

// Touch records a key or click at now.
func (a *Activity) Touch(now time.Time) {
	if a != nil {
		a.last.Store(now.UnixNano())
	}
}

// Idle reports no key or click for IdleAfter at now.
func (a *Activity) Idle(now time.Time) bool {
	if a == nil {
		return false
	}
	last := a.last.Load()
	return last != 0 && now.Sub(time.Unix(0, last)) > IdleAfter
}

// Refresh is the Cmd a screen re-arms to refresh itself: a tick every
// RefreshEvery, ending with the session.
func Refresh(c Common, fn func(time.Time) tea.Msg) tea.Cmd {
	if c.HandRefresh {
		return nil
	}
	return Tick(c.Ctx, RefreshEvery, fn)
}
