package ui

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/styles"
)

// Options is everything the UI needs from outside; the same root model runs
// locally and per SSH session, so nothing here is global.
type Options struct {
	Office     *booking.Office // the API and the state, shared by sessions
	Demo       bool            // show the DEMO badge
	ServiceID  string          // preselect, id or name; "" = ask
	LocationID string          // preselect, id or name; "" = ask when several
	Date       model.Date
	DaysAhead  int          // availability window, 1..90
	WeekStart  time.Weekday // first column of the month grid
	Clock24    bool         // 24h times, else 12h
	Theme      string       // "auto", "dark", "light", "high-contrast"
	NoColor    bool
	Now        func() time.Time
	Logger     *slog.Logger // never the terminal the UI draws on
	Notes      []string     // said once at the start
}

// Run starts the UI on the local terminal and returns when the user quits
// or ctx ends (a signal): either way the session is closed, its holds
// given back, as for a quit.
func Run(ctx context.Context, opts Options) error {
	if opts.Office == nil {
		return errors.New("ui: no booking office")
	}
	r := lipgloss.NewRenderer(os.Stdout)
	if opts.NoColor {
		r.SetColorProfile(termenv.Ascii)
	}
	session := opts.Office.NewSession()
	defer func() {
		// After a quit this finds nothing left to do.
		closing, cancel := context.WithTimeout(context.WithoutCancel(ctx), quitWait)
		defer cancel()
		_ = session.Close(closing)
	}()
	uiCtx, cancel := context.WithCancel(ctx)
	defer cancel() // ends every Cmd still running on any exit path
	root := New(NewCommon(uiCtx, r, session, opts), Config{
		ServiceID: opts.ServiceID, LocationID: opts.LocationID, Date: opts.Date, Notes: opts.Notes,
	})
	// Signals are main's: a program-level handler as well races it.
	p := tea.NewProgram(root, tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithContext(uiCtx),
		tea.WithoutSignalHandler())
	_, err := p.Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// NewCommon builds the shared session parts for one terminal; an SSH
// server calls it with the session's context, renderer and session.
func NewCommon(ctx context.Context, r *lipgloss.Renderer, session *booking.Session, opts Options) common.Common {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	days := opts.DaysAhead
	if days <= 0 {
		days = 30
	}
	return common.Common{
		Ctx:     ctx,
		Office:  session.Office(),
		Session: session,
		Styles:  styles.New(r, styles.NewTheme(opts.Theme)),
		Keys:    common.DefaultKeyMap(),
		Now:     now,
		Prefs: common.Prefs{
			DaysAhead: min(days, 90), WeekStart: opts.WeekStart, Clock24: opts.Clock24, Demo: opts.Demo,
		},
		Logger: logger,
	}
}
