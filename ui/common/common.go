// Package common is what every screen shares: the session's context, its
// booking session, styles, clock and preferences, the navigation messages
// and the one status line type.
package common

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/ui/styles"
)

// Common is passed to every screen. It holds no mutable UI state: screens
// keep their own size via SetSize.
type Common struct {
	Ctx     context.Context  // cancelled when the session ends; every Cmd uses it
	Office  *booking.Office  // reads, shared by the process's sessions
	Session *booking.Session // every write, with custody of this session's holds
	Styles  *styles.Styles
	Keys    KeyMap
	Now     func() time.Time // local clock; injected in tests
	Prefs   Prefs
	Logger  *slog.Logger
	// Calls are the session's API calls, for the request inspector; nil
	// when nothing records them (the kiosk).
	Calls *api.Recorder
	// Clipboard is the terminal the session draws on, for the OSC 52
	// sequence that puts text on its clipboard.
	Clipboard io.Writer
}

// Prefs are the user's display and booking preferences.
type Prefs struct {
	DaysAhead int
	WeekStart time.Weekday
	Clock24   bool
	Demo      bool   // the embedded sandbox
	Host      string // the API's host when it is neither production nor the demo
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

// Fail shows a failure, saying what was being done, as a Cmd result.
func Fail(doing string, err error) tea.Cmd {
	st := Failed(doing, err)
	return func() tea.Msg { return StatusMsg{st} }
}

// Failed words a failure: "Holding 09:00 failed: …".
func Failed(doing string, err error) Status {
	text := ErrorText(err)
	if doing != "" {
		text = capitalize(doing) + " failed: " + text
	}
	return Status{Failure, text}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
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
