package common

import (
	"time"

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
