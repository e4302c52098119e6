package common

import (
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/model"
)

// FormatTime renders a wall-clock time in loc on the configured clock,
// with the zone's name when withZone is set ("14:30 CET", "2:30 PM EST"):
// model.Clock, the one way zimun writes times.
func FormatTime(t time.Time, loc *time.Location, clock24, withZone bool) string {
	c := model.Clock{H24: clock24}
	if withZone {
		return c.TimeZone(t, loc)
	}
	return c.Time(t, loc)
}

// Move is a list cursor moved n rows among count, at(i) being row i's
// time. A cursor of -1 (the chosen row went, nothing is selected) moves
// from where that row was, lost: down to the next row, up to the one
// before.
func Move(cursor, n, count int, lost time.Time, at func(i int) time.Time) int {
	if count == 0 {
		return cursor
	}
	if cursor < 0 {
		cursor = count
		for i := range count {
			if at(i).After(lost) {
				cursor = i
				break
			}
		}
		if n > 0 {
			n--
		}
	}
	return max(0, min(cursor+n, count-1))
}

// Spread puts left and right at the two ends of a w-wide line; when they
// do not both fit, right is cut first, then left.
func Spread(left, right string, w int) string {
	gap := w - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		room := w - lipgloss.Width(left) - 2
		if room < 8 {
			return ansi.Truncate(left, w, "…")
		}
		return left + "  " + ansi.Truncate(right, room, "…")
	}
	return left + strings.Repeat(" ", gap) + right
}
