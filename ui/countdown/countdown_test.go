package countdown

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/styles"
)

func testStyles() *styles.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return styles.New(r, styles.NewTheme(styles.ThemeDark))
}

func words(l i18n.Lang) *i18n.Printer {
	return i18n.NewCatalog().Printer(i18n.Locale{Lang: l}, model.Clock{H24: true})
}

func TestThresholds(t *testing.T) {
	st, p := testStyles(), words(i18n.English)
	tests := []struct {
		remaining time.Duration
		level     Level
		short     string
		view      string
	}{
		{10 * time.Minute, Calm, "Hold 10:00", "⏱ 10:00 left"},
		{2*time.Minute + time.Second, Calm, "Hold 02:01", "⏱ 02:01 left"},
		{2*time.Minute + 300*time.Millisecond, Calm, "Hold 02:01", "⏱ 02:01 left"},
		{2 * time.Minute, Warn, "⚠ Hold 02:00", "⚠ 02:00 left, hurry"},
		{31 * time.Second, Warn, "⚠ Hold 00:31", "⚠ 00:31 left, hurry"},
		{30 * time.Second, Danger, "‼ Hold 00:30", "‼ 00:30 left, hurry"},
		{200 * time.Millisecond, Danger, "‼ Hold 00:01", "‼ 00:01 left, hurry"},
		{0, Expired, "✕ Hold expired", "✕ hold expired"},
		{-5 * time.Second, Expired, "✕ Hold expired", "✕ hold expired"},
	}
	for _, tt := range tests {
		t.Run(tt.remaining.String(), func(t *testing.T) {
			if got := LevelOf(tt.remaining); got != tt.level {
				t.Errorf("LevelOf = %d, want %d", got, tt.level)
			}
			if got := Short(st, p, tt.remaining); got != tt.short {
				t.Errorf("Short = %q, want %q", got, tt.short)
			}
			// Narrow: the bar is dropped, the label stays.
			if got := View(st, p, tt.remaining, 10*time.Minute, 10); got != tt.view {
				t.Errorf("View = %q, want %q", got, tt.view)
			}
		})
	}
}

func TestViewFillsWidth(t *testing.T) {
	st, p := testStyles(), words(i18n.French)
	for _, w := range []int{30, 60, 100} {
		for _, rem := range []time.Duration{10 * time.Minute, 5 * time.Minute, time.Second, 0} {
			if got := lipgloss.Width(View(st, p, rem, 10*time.Minute, w)); got != w {
				t.Errorf("width %d, remaining %s: got %d cells", w, rem, got)
			}
		}
	}
}

func TestViewGolden(t *testing.T) {
	st, p := testStyles(), words(i18n.English)
	var out string
	for _, rem := range []time.Duration{10 * time.Minute, 9*time.Minute + 42*time.Second, 5 * time.Minute,
		2*time.Minute + time.Second, 2 * time.Minute, 31 * time.Second, 30 * time.Second, time.Second, 0} {
		out += fmt.Sprintf("%-6s|%s|\n", Clock(rem), ansi.Strip(View(st, p, rem, 10*time.Minute, 50)))
	}
	golden.RequireEqual(t, []byte(out))
}

// Defect: the bar was not full while the label said 10:00 (a fraction of a
// second had gone), and after a resume it started full whatever was left.
func TestBarMatchesTheLabel(t *testing.T) {
	st, p := testStyles(), words(i18n.English)
	full := View(st, p, 10*time.Minute-100*time.Millisecond, 10*time.Minute-50*time.Millisecond, 60)
	if !strings.Contains(full, "10:00") || strings.Contains(full, "░") {
		t.Errorf("at 10:00 the bar is not full: %q", full)
	}
	half := View(st, p, 5*time.Minute, 10*time.Minute, 60)
	if n, m := strings.Count(half, "█"), strings.Count(half, "░"); n == 0 || m == 0 || n-m > 1 || m-n > 1 {
		t.Errorf("half the hold left, bar %q", half)
	}
	h := model.Hold{Placed: time.Unix(0, 0), Deadline: time.Unix(600, 0)}
	if h.Length() != 10*time.Minute || (model.Hold{}).Length() != model.HoldTTL {
		t.Errorf("hold length %v", h.Length())
	}
}

func TestFrench(t *testing.T) {
	st, p := testStyles(), words(i18n.French)
	for _, c := range []struct{ got, want string }{
		{Short(st, p, 9*time.Minute+42*time.Second), "Retenu 09:42"},
		{Short(st, p, 0), "✕ Retenue expirée"},
		{View(st, p, 90*time.Second, 10*time.Minute, 10), "⚠ 01:30 restantes, vite"},
		{View(st, p, 5*time.Minute, 10*time.Minute, 10), "⏱ 05:00 restantes"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
