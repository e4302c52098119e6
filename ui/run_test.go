package ui

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/state"
)

// The month grid's first column: booking.week_start when set; else
// Monday in English, whatever the region, and the region's first day in
// French.
func TestWeekStartFollowsTheLanguage(t *testing.T) {
	o := booking.New(nil, state.NewMemory(), booking.Options{})
	cat := i18n.NewCatalog()
	for _, tc := range []struct {
		locale i18n.Locale
		set    bool
		start  time.Weekday
		want   time.Weekday
	}{
		{i18n.Locale{Lang: i18n.English, Region: "US"}, false, time.Monday, time.Monday},
		{i18n.Locale{Lang: i18n.French, Region: "FR"}, false, time.Monday, time.Monday},
		{i18n.Locale{Lang: i18n.French, Region: "CA"}, false, time.Monday, time.Sunday},
		{i18n.Locale{Lang: i18n.French, Region: "CA"}, true, time.Wednesday, time.Wednesday},
		{i18n.Locale{Lang: i18n.English}, true, time.Sunday, time.Sunday},
	} {
		c := NewCommon(context.Background(), lipgloss.NewRenderer(io.Discard), o.NewSession(), Options{
			Catalog: cat, Locale: tc.locale, WeekStart: tc.start, WeekStartSet: tc.set,
		})
		if c.Prefs.WeekStart != tc.want || c.Words.Lang() != tc.locale.Lang {
			t.Errorf("%s, set %v: weeks from %s in %s, want %s", tc.locale, tc.set, c.Prefs.WeekStart, c.Words.Lang(), tc.want)
		}
	}
}
