// Package styles turns a semantic theme into the one Styles struct every
// screen draws with. Styles come from a *lipgloss.Renderer so each SSH
// session gets its own colour profile.
package styles

import (
	"strconv"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Theme is the semantic palette; colours adapt to dark and light terminals.
type Theme struct {
	Text, Faint, Accent, Border, Selected, SelectedText lipgloss.TerminalColor
	Free, Busy, Full, Holiday, Warn, Danger, OK         lipgloss.TerminalColor
	// Plain is no colour at all (NO_COLOR): what colour would mark is
	// marked by attributes instead, reverse video above all.
	Plain bool
}

// Theme names accepted in config.
const (
	ThemeAuto         = "auto"
	ThemeDark         = "dark"
	ThemeLight        = "light"
	ThemeHighContrast = "high-contrast"
	ThemePlain        = "plain" // no colour: NO_COLOR, --no-color
)

// NewTheme returns the palette for name; unknown names get auto.
func NewTheme(name string) Theme {
	ad := func(light, dark string) lipgloss.TerminalColor {
		switch name {
		case ThemeDark:
			return lipgloss.Color(dark)
		case ThemeLight:
			return lipgloss.Color(light)
		}
		return lipgloss.AdaptiveColor{Light: light, Dark: dark}
	}
	if name == ThemePlain {
		none := lipgloss.NoColor{}
		return Theme{Plain: true, Text: none, Faint: none, Accent: none, Border: none, Selected: none,
			SelectedText: none, Free: none, Busy: none, Full: none, Holiday: none, Warn: none, Danger: none, OK: none}
	}
	if name == ThemeHighContrast {
		hc := func(light, dark string) lipgloss.TerminalColor {
			return lipgloss.AdaptiveColor{Light: light, Dark: dark}
		}
		return Theme{
			Text: hc("0", "15"), Faint: hc("0", "15"), Accent: hc("4", "14"),
			Border: hc("0", "15"), Selected: hc("0", "15"), SelectedText: hc("15", "0"),
			Free: hc("2", "10"), Busy: hc("3", "11"), Full: hc("1", "9"),
			Holiday: hc("5", "13"), Warn: hc("3", "11"), Danger: hc("1", "9"), OK: hc("2", "10"),
		}
	}
	return Theme{
		Text:         ad("#1f2328", "#e6edf3"),
		Faint:        ad("#6e7781", "#7d8590"),
		Accent:       ad("#0969da", "#58a6ff"),
		Border:       ad("#d0d7de", "#3d444d"),
		Selected:     ad("#0969da", "#388bfd"),
		SelectedText: ad("#ffffff", "#ffffff"),
		Free:         ad("#1a7f37", "#3fb950"),
		Busy:         ad("#9a6700", "#d29922"),
		Full:         ad("#cf222e", "#f85149"),
		Holiday:      ad("#8250df", "#bc8cff"),
		Warn:         ad("#9a6700", "#d29922"),
		Danger:       ad("#cf222e", "#f85149"),
		OK:           ad("#1a7f37", "#3fb950"),
	}
}

// resolved is t with each colour as r draws it: the background chosen and
// the colour cut to r's depth once, here, instead of on every Render (a
// hex colour's nearest 256-colour match is a search through the palette).
func (t Theme) resolved(r *lipgloss.Renderer) Theme {
	for _, c := range []*lipgloss.TerminalColor{&t.Text, &t.Faint, &t.Accent, &t.Border, &t.Selected, &t.SelectedText,
		&t.Free, &t.Busy, &t.Full, &t.Holiday, &t.Warn, &t.Danger, &t.OK} {
		*c = resolve(r, *c)
	}
	return t
}

func resolve(r *lipgloss.Renderer, c lipgloss.TerminalColor) lipgloss.TerminalColor {
	var spec string
	switch c := c.(type) {
	case lipgloss.Color:
		spec = string(c)
	case lipgloss.AdaptiveColor:
		spec = c.Light
		if r.HasDarkBackground() {
			spec = c.Dark
		}
	default:
		return c
	}
	switch tc := r.ColorProfile().Color(spec).(type) {
	case termenv.ANSIColor:
		return lipgloss.Color(strconv.Itoa(int(tc)))
	case termenv.ANSI256Color:
		return lipgloss.Color(strconv.Itoa(int(tc)))
	case termenv.RGBColor:
		return lipgloss.Color(string(tc))
	default:
		return lipgloss.NoColor{}
	}
}

// Styles is every style the UI uses, derived once from a Theme.
type Styles struct {
	Title, DemoBadge, LiveBadge, HostBadge      lipgloss.Style
	Body, Status, Error                         lipgloss.Style
	Text, Faint, Bold, Accent, Selected, Cursor lipgloss.Style
	Free, Busy, Full, Holiday, Past, Today      lipgloss.Style
	Warn, Danger, OK                            lipgloss.Style
	Panel, Dialog, Card, Label, FieldError      lipgloss.Style
	// DarkBackground is the terminal's background as the renderer
	// knows it, for drawings in the terminal's own colours (a QR code).
	DarkBackground bool
}

// New builds the styles for one renderer (one terminal or SSH session).
func New(r *lipgloss.Renderer, t Theme) *Styles {
	t = t.resolved(r)
	s := &Styles{DarkBackground: r.HasDarkBackground()}
	fg := func(c lipgloss.TerminalColor) lipgloss.Style { return r.NewStyle().Foreground(c) }

	s.Title = fg(t.Accent).Bold(true)
	badge := r.NewStyle().Bold(true).Padding(0, 1)
	s.DemoBadge = badge.Foreground(t.SelectedText).Background(t.Warn)
	s.LiveBadge = badge.Foreground(t.SelectedText).Background(t.OK)
	s.HostBadge = badge.Foreground(t.SelectedText).Background(t.Accent)
	s.Body = r.NewStyle().Padding(0, 1)
	s.Status = fg(t.Faint)
	s.Error = fg(t.Danger).Bold(true)

	s.Text = fg(t.Text)
	s.Faint = fg(t.Faint)
	s.Bold = r.NewStyle().Bold(true)
	s.Accent = fg(t.Accent)
	s.Selected = r.NewStyle().Foreground(t.SelectedText).Background(t.Selected).Bold(true)
	s.Cursor = fg(t.Accent).Bold(true)

	s.Free = fg(t.Free)
	s.Busy = fg(t.Busy)
	s.Full = fg(t.Full)
	s.Holiday = fg(t.Holiday)
	s.Past = fg(t.Faint).Faint(true)
	s.Today = r.NewStyle().Underline(true).Bold(true)

	s.Warn = fg(t.Warn).Bold(true)
	s.Danger = fg(t.Danger).Bold(true)
	s.OK = fg(t.OK).Bold(true)

	s.Panel = r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(t.Border).Padding(0, 1)
	s.Dialog = r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(t.Accent).Padding(1, 2)
	s.Card = r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(t.OK).Padding(1, 2)
	s.Label = fg(t.Faint)
	s.FieldError = fg(t.Danger)
	if t.Plain {
		s.Selected = r.NewStyle().Reverse(true).Bold(true)
		s.DemoBadge = badge.Reverse(true)
		s.LiveBadge = badge.Reverse(true)
		s.HostBadge = badge.Reverse(true)
		s.Past = r.NewStyle().Faint(true)
	}
	return s
}
