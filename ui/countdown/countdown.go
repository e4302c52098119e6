// Package countdown draws the hold's time left. It is pure: the caller
// computes remaining from the hold's deadline and the clock, so the display
// never drifts from a decrementing counter.
package countdown

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/styles"
)

// Level is how urgent the countdown is. Each level has its own glyph and
// word as well as its colour, so it never relies on colour alone.
type Level int

// Levels, from calm to over.
const (
	Calm    Level = iota
	Warn          // 2:00 or less: time to finish up
	Danger        // 0:30 or less: last chance
	Expired       // nothing left
)

// Thresholds at which the level changes (inclusive).
const (
	WarnAt   = 2 * time.Minute
	DangerAt = 30 * time.Second
)

// LevelOf classifies remaining. It judges the whole seconds shown, so the
// glyph changes exactly when the clock face reads 02:00 or 00:30.
func LevelOf(remaining time.Duration) Level {
	switch s := seconds(remaining); {
	case s <= 0:
		return Expired
	case s <= int(DangerAt/time.Second):
		return Danger
	case s <= int(WarnAt/time.Second):
		return Warn
	}
	return Calm
}

// seconds rounds up: 0.2 s left still reads 00:01, and 00:00 means gone.
func seconds(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	return int((d + time.Second - 1) / time.Second)
}

// Clock formats remaining as mm:ss.
func Clock(remaining time.Duration) string {
	s := seconds(remaining)
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

func glyph(l Level) string {
	switch l {
	case Warn:
		return "⚠"
	case Danger:
		return "‼"
	case Expired:
		return "✕"
	}
	return "⏱"
}

func style(st *styles.Styles, l Level) lipgloss.Style {
	switch l {
	case Warn:
		return st.Warn
	case Danger, Expired:
		return st.Danger
	}
	return st.Accent
}

// label is the text part: "⏱ 09:42 left", "⚠ 01:59 hurry", "‼ 00:29 hurry",
// "✕ expired".
func label(p *i18n.Printer, l Level, remaining time.Duration) string {
	switch l {
	case Expired:
		return glyph(l) + " " + p.T(i18n.CountdownExpired)
	case Calm:
		return glyph(l) + " " + p.T(i18n.CountdownLeft, Clock(remaining))
	}
	return glyph(l) + " " + p.T(i18n.CountdownHurry, Clock(remaining))
}

// View is the label followed by a bar of the time left, together exactly
// width cells wide (the bar is dropped when there is no room for it).
func View(st *styles.Styles, p *i18n.Printer, remaining, total time.Duration, width int) string {
	l := LevelOf(remaining)
	s := style(st, l)
	text := label(p, l, remaining)
	barWidth := width - lipgloss.Width(text) - 1
	if barWidth < 4 {
		return s.Render(text)
	}
	filled := 0
	if total > 0 && remaining > 0 {
		// In whole seconds, as the label counts: full while it says 10:00.
		rem, tot := ceilSecond(remaining), ceilSecond(total)
		filled = int(int64(barWidth) * int64(min(rem, tot)) / int64(tot))
		filled = max(filled, 1) // some time left always shows
	}
	bar := s.Render(strings.Repeat("█", filled)) + st.Faint.Render(strings.Repeat("░", barWidth-filled))
	return s.Render(text) + " " + bar
}

// Short is the header form: "Hold 09:42", "⚠ Hold 01:59", "‼ Hold 00:29",
// "✕ Hold expired".
func Short(st *styles.Styles, p *i18n.Printer, remaining time.Duration) string {
	l := LevelOf(remaining)
	var text string
	switch l {
	case Calm:
		text = p.T(i18n.CountdownShort, Clock(remaining))
	case Expired:
		text = glyph(l) + " " + p.T(i18n.CountdownShortExpired)
	default:
		text = glyph(l) + " " + p.T(i18n.CountdownShort, Clock(remaining))
	}
	return style(st, l).Render(text)
}

func ceilSecond(d time.Duration) time.Duration { return (d + time.Second - 1).Truncate(time.Second) }
