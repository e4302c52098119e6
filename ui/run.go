package ui

import (
	"context"
	"errors"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/quit"
	"github.com/zimun-app/zimun/ui/styles"
)

// Options is everything the UI needs from outside: see common.Options.
type Options = common.Options

// Run starts the UI on the local terminal and returns when the user quits
// or ctx ends (a signal): either way the session is closed, its holds
// given back, as for a quit.
func Run(ctx context.Context, opts Options) error {
	if opts.Office == nil {
		return errors.New("ui: no booking office")
	}
	r := lipgloss.NewRenderer(os.Stdout)
	// Bubble Tea has asked the terminal already (lipgloss's default
	// renderer): one round trip, not two, over a slow link.
	r.SetHasDarkBackground(lipgloss.HasDarkBackground())
	if opts.NoColor && os.Getenv("TERM") != "dumb" {
		// NO_COLOR forbids colour, not attributes: the cursor and the
		// selection stay in reverse video.
		r.SetColorProfile(termenv.ANSI)
	}
	session := opts.Office.NewSession()
	defer func() {
		// After a quit this finds nothing left to do.
		closing, cancel := context.WithTimeout(context.WithoutCancel(ctx), quit.Wait)
		defer cancel()
		_ = session.Close(closing)
	}()
	uiCtx, cancel := context.WithCancel(ctx)
	defer cancel() // ends every Cmd still running on any exit path
	root := New(NewCommon(uiCtx, r, session, opts), Config{
		ServiceID: opts.ServiceID, LocationID: opts.LocationID, Date: opts.Date, Notes: opts.Notes,
		ExportDir: opts.ExportDir,
	})
	// Signals are main's: a program-level handler as well races it. A
	// signal quits rather than kills the program: a killed one closes its
	// input reader while that still reads (a data race in Bubble Tea
	// v1.3.10's shutdown, charmbracelet/bubbletea#1599). 120 frames a
	// second: a key waits half as long for its frame.
	p := tea.NewProgram(root, tea.WithAltScreen(), tea.WithMouseCellMotion(),
		tea.WithoutSignalHandler(), tea.WithFPS(120))
	stop := context.AfterFunc(ctx, p.Quit)
	defer stop()
	_, err := p.Run()
	if err == nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// NewCommon builds the shared session parts for one terminal; an SSH
// server calls it with the session's context, renderer and session.
func NewCommon(ctx context.Context, r *lipgloss.Renderer, session *booking.Session, opts Options) common.Common {
	return common.New(ctx, r, session, opts)
}

// StylesFor is the styles NewCommon builds for r and opts, for a kiosk to
// build once per renderer and share (Options.Styles).
func StylesFor(r *lipgloss.Renderer, opts Options) *styles.Styles { return common.StylesFor(r, opts) }
