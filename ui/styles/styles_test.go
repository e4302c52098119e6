package styles

import (
	"io"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Resolving a theme's colours once draws exactly what resolving them on
// every Render drew, for every depth, background and theme.
func TestResolvedColoursDrawTheSame(t *testing.T) {
	for _, profile := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii} {
		for _, dark := range []bool{true, false} {
			r := lipgloss.NewRenderer(io.Discard)
			r.SetColorProfile(profile)
			r.SetHasDarkBackground(dark)
			for _, name := range []string{ThemeAuto, ThemeDark, ThemeLight, ThemeHighContrast, ThemePlain} {
				th := NewTheme(name)
				res := th.resolved(r)
				before := []lipgloss.TerminalColor{th.Text, th.Faint, th.Accent, th.Border, th.Selected, th.SelectedText,
					th.Free, th.Busy, th.Full, th.Holiday, th.Warn, th.Danger, th.OK}
				after := []lipgloss.TerminalColor{res.Text, res.Faint, res.Accent, res.Border, res.Selected, res.SelectedText,
					res.Free, res.Busy, res.Full, res.Holiday, res.Warn, res.Danger, res.OK}
				for i := range before {
					want := r.NewStyle().Foreground(before[i]).Background(before[i]).Render("x")
					got := r.NewStyle().Foreground(after[i]).Background(after[i]).Render("x")
					if got != want {
						t.Errorf("profile %v dark=%v theme %s colour %d: %q, want %q", profile, dark, name, i, got, want)
					}
				}
			}
		}
	}
}
