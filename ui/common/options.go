package common

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/styles"
)

// Options is everything the UI needs from outside; the same root model runs
// locally and per SSH session, so nothing here is global. New reads the
// session's parts; ui.Run the rest (the office, where to start, the notes,
// the export folder).
type Options struct {
	Office     *booking.Office // the API and the state, shared by sessions
	Demo       bool            // show the DEMO badge
	ServiceID  string          // preselect, id or name; "" = ask
	LocationID string          // preselect, id or name; "" = ask when several
	Date       model.Date
	DaysAhead  int          // availability window, 1..90
	WeekStart  time.Weekday // first column of the month grid, in English or when WeekStartSet
	// WeekStartSet says booking.week_start was set; else a French session
	// starts its weeks as its region does (Monday, Sunday in fr_CA).
	WeekStartSet bool
	Clock24      bool // 24h times, else 12h
	// Catalog is every word in every language, one per process; nil
	// builds one. Locale is the session's language; zero is English.
	Catalog   *i18n.Catalog
	Locale    i18n.Locale
	Theme     string // "auto", "dark", "light", "high-contrast"
	NoColor   bool
	Now       func() time.Time
	Logger    *slog.Logger // never the terminal the UI draws on
	Notes     []string     // said once at the start
	ExportDir string       // where .ics exports go
	Kiosk     *Kiosk       // a customer's session at a kiosk; nil at the desk
	// Calls records the session's API calls for the request inspector (the
	// API client's Observer). Nil turns the desk's developer keys off: the
	// inspector and the availability map, as in the kiosk.
	Calls *api.Recorder
	// ReturningCustomers: the form offers earlier customers' details (a
	// desk's feature; never set it where customers serve themselves).
	ReturningCustomers bool
	// Styles are StylesFor this renderer, shared by a kiosk's sessions;
	// nil builds them here.
	Styles *styles.Styles
}

// New builds the shared session parts for one terminal; an SSH server
// calls it with the session's context, renderer and session.
func New(ctx context.Context, r *lipgloss.Renderer, session *booking.Session, opts Options) Common {
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
	cat := opts.Catalog
	if cat == nil {
		cat = i18n.NewCatalog()
	}
	words := cat.Printer(opts.Locale, model.Clock{H24: opts.Clock24})
	week := opts.WeekStart
	if !opts.WeekStartSet && words.Lang() != i18n.English {
		week = words.FirstWeekday() // English keeps its Monday
	}
	keys := DefaultKeyMap(words)
	if opts.Calls == nil {
		keys.DisableDeskTools()
	}
	st := opts.Styles
	if st == nil {
		st = StylesFor(r, opts)
	}
	c := Common{
		Ctx:     ctx,
		Office:  session.Office(),
		Session: session,
		Styles:  st,
		Words:   words,
		Keys:    keys,
		Now:     now,
		Prefs: Prefs{
			DaysAhead: min(days, 90), WeekStart: week, Clock24: opts.Clock24, Demo: opts.Demo,
			Host: hostOf(session.Office(), opts.Demo), ReturningCustomers: opts.ReturningCustomers,
		},
		Logger:    logger,
		Activity:  &Activity{},
		Calls:     opts.Calls,
		Clipboard: r.Output(),
	}
	if opts.Kiosk != nil {
		c = c.ForKiosk(opts.Kiosk)
	}
	return c
}

// StylesFor is the styles New builds for r and opts, for a kiosk to
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
