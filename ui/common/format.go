package common

import (
	"strconv"
	"time"
)

// FormatTime renders a wall-clock time in loc, 24h or 12h, with the zone's
// abbreviation when withZone is set ("14:30 CET", "2:30 PM EST").
func FormatTime(t time.Time, loc *time.Location, clock24, withZone bool) string {
	t = t.In(loc)
	layout := "15:04"
	if !clock24 {
		layout = "3:04 PM"
	}
	if withZone {
		layout += " MST"
	}
	return t.Format(layout)
}

// FormatDate renders a long date: "Tuesday 1 December 2026".
func FormatDate(t time.Time) string { return t.Format("Monday 2 January 2006") }

// Plural counts things: "1 slot", "3 slots".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
