// Package ui is the booking terminal UI.
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

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/styles"
)

// Options is everything the UI needs from outside; the same root model runs
// locally and per SSH session, so nothing here is global.
type Options struct {
	Client     *api.Client
	Demo       bool   // show the DEMO badge
	ServiceID  string // preselect; "" = ask
	LocationID string // preselect; "" = ask when several
	Date       model.Date
	DaysAhead  int          // availability window, 1..90
	WeekStart  time.Weekday // first column of the month grid
	Clock24    bool         // 24h times, else 12h
	Theme      string       // "auto", "dark", "light", "high-contrast"
	NoColor    bool
	StateDir   string // where drafts (crash resume) and the desk journal live
	Now        func() time.Time
	Logger     *slog.Logger // never the terminal the UI draws on
	Version    string
}

// Run starts the UI on the local terminal and returns when the user quits.
func Run(ctx context.Context, opts Options) error {
	if opts.Client == nil {
		return errors.New("ui: no API client")
	}
	r := lipgloss.NewRenderer(os.Stdout)
	if opts.NoColor {
		r.SetColorProfile(termenv.Ascii)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // ends every Cmd still running on any exit path
	root := New(NewCommon(ctx, r, opts), Config{
		ServiceID: opts.ServiceID, LocationID: opts.LocationID, Date: opts.Date,
		StateDir: opts.StateDir, Version: opts.Version,
	})
	p := tea.NewProgram(root, tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithContext(ctx), tea.WithFPS(120))
	_, err := p.Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// NewCommon builds the shared session parts for one terminal; an SSH
// server calls it with the session's context and renderer.
func NewCommon(ctx context.Context, r *lipgloss.Renderer, opts Options) common.Common {
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
		Ctx:      ctx,
		Client:   opts.Client,
		Renderer: r,
		Styles:   styles.New(r, styles.NewTheme(opts.Theme)),
		Keys:     common.DefaultKeyMap(),
		Now:      now,
		Prefs: common.Prefs{
			DaysAhead: min(days, 90), WeekStart: opts.WeekStart, Clock24: opts.Clock24, Demo: opts.Demo,
		},
		Logger: logger,
	}
}
