// Package common is what every screen shares: the session's context, API
// client, styles, clock, preferences and the one error message type.
package common

import (
	"context"
	"log/slog"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/ui/styles"
)

// Common is passed to every screen. It holds no mutable UI state: screens
// keep their own size via SetSize.
type Common struct {
	Ctx      context.Context // cancelled when the session ends; every Cmd uses it
	Client   *api.Client
	Renderer *lipgloss.Renderer
	Styles   *styles.Styles
	Keys     KeyMap
	Now      func() time.Time // local clock; injected in tests
	Prefs    Prefs
	Logger   *slog.Logger
}

// Prefs are the user's display and booking preferences.
type Prefs struct {
	DaysAhead int
	WeekStart time.Weekday
	Clock24   bool
	Demo      bool
}

// ErrMsg carries a failure to the one place errors are drawn.
type ErrMsg struct {
	Err error
	// Doing says what failed, e.g. "loading availability".
	Doing string
}

// Error wraps err as a Cmd result.
func Error(doing string, err error) tea.Cmd {
	return func() tea.Msg { return ErrMsg{Err: err, Doing: doing} }
}

// Status shows a passing line in the footer, as a Cmd result.
func Status(text string) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: text} }
}

// ReleaseWait bounds giving a hold back: it expires on its own anyway, so
// leaving a screen or quitting never waits long for it.
const ReleaseWait = 5 * time.Second

// ReleaseHold gives a hold back within ReleaseWait. Call it from a Cmd.
func ReleaseHold(c Common, id string) error {
	ctx, cancel := context.WithTimeout(c.Ctx, ReleaseWait)
	defer cancel()
	return c.Client.ReleaseHold(ctx, id)
}
