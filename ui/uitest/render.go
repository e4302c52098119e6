package uitest

import (
	"context"
	"io"
	"log/slog"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/styles"
)

// Renderer draws without colour, whatever terminal runs the tests.
func Renderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return r
}

// Common is a session context for screen tests with no API behind it: its
// office keeps state in memory and has no client, so a screen that calls
// the API fails loudly.
func Common(now func() time.Time) common.Common {
	r := Renderer()
	o := booking.New(nil, state.NewMemory(), booking.Options{Now: now})
	words := Words(i18n.English)
	return common.Common{
		Ctx:         context.Background(),
		Office:      o,
		Session:     o.NewSession(),
		Styles:      styles.New(r, styles.NewTheme(styles.ThemeAuto)),
		Words:       words,
		Keys:        common.DefaultKeyMap(words),
		Now:         now,
		Prefs:       common.Prefs{DaysAhead: 30, WeekStart: time.Monday, Clock24: true, Demo: true},
		Logger:      slog.New(slog.DiscardHandler),
		HandRefresh: true,
	}
}

// Strip removes escape sequences, the way goldens compare frames.
func Strip(s string) string { return ansi.Strip(s) }

// Words is a printer in lang (France's French, Monday first), on the
// 24-hour clock the tests use.
func Words(lang i18n.Lang) *i18n.Printer {
	l := i18n.Locale{Lang: lang}
	if lang == i18n.French {
		l.Region = "FR"
	}
	return i18n.NewCatalog().Printer(l, model.Clock{H24: true})
}

// InFrench is c speaking French: its words and its keys' help.
func InFrench(c common.Common) common.Common {
	c.Words = Words(i18n.French)
	kiosk := c.Kiosk
	c.Keys = common.DefaultKeyMap(c.Words)
	if kiosk != nil {
		c = c.ForKiosk(kiosk)
	}
	return c
}
