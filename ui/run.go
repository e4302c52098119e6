package ui

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/url"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/zimun-app/zimun/api"
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
	Logger     *slog.Logger   // never the terminal the UI draws on
	Notes      []string       // said once at the start
	ExportDir  string         // where .ics exports go
	Kiosk      *common.Kiosk  // a customer's session at a kiosk; nil at the desk
	Styles     *styles.Styles // StylesFor this renderer, shared by sessions; nil: built here
}

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
		closing, cancel := context.WithTimeout(context.WithoutCancel(ctx), quitWait)
		defer cancel()
		_ = session.Close(closing)
	}()
	uiCtx, cancel := context.WithCancel(ctx)
	defer cancel() // ends every Cmd still running on any exit path
	root := New(NewCommon(uiCtx, r, session, opts), Config{
		ServiceID: opts.ServiceID, LocationID: opts.LocationID, Date: opts.Date, Notes: opts.Notes,
		ExportDir: opts.ExportDir,
	})
	// Signals are main's: a program-level handler as well races it. 120
	// frames a second: a key waits half as long for its frame.
	p := tea.NewProgram(root, tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithContext(uiCtx),
		tea.WithoutSignalHandler(), tea.WithFPS(120))
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
	st := opts.Styles
	if st == nil {
		st = StylesFor(r, opts)
	}
	c := common.Common{
		Ctx:     ctx,
		Office:  session.Office(),
		Session: session,
		Styles:  st,
		Keys:    common.DefaultKeyMap(),
		Now:     now,
		Prefs: common.Prefs{
			DaysAhead: min(days, 90), WeekStart: opts.WeekStart, Clock24: opts.Clock24, Demo: opts.Demo,
			Host: hostOf(session.Office(), opts.Demo),
		},
		Logger:   logger,
		Activity: &common.Activity{},
	}
	if opts.Kiosk != nil {
		c = c.ForKiosk(opts.Kiosk)
	}
	return c
}

// StylesFor is the styles NewCommon builds for r and opts, for a kiosk to
// build once per renderer and share (Options.Styles).
func StylesFor(r *lipgloss.Renderer, opts Options) *styles.Styles {
	theme := opts.Theme
	if opts.NoColor || r.ColorProfile() == termenv.Ascii {
		theme = styles.ThemePlain
	}
	return styles.New(r, styles.NewTheme(theme))
}

// hostOf names an API that is neither production nor the demo, for the
// header's badge: LIVE is only ever production.
func hostOf(o *booking.Office, demo bool) string {
	if demo || o.Client() == nil || o.Client().BaseURL() == api.DefaultBaseURL {
		return ""
	}
	if u, err := url.Parse(o.Client().BaseURL()); err == nil && u.Host != "" {
		return u.Host
	}
	return o.Client().BaseURL()
}
