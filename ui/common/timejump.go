package common

import (
	"fmt"
	"strings"
	"time"
)

// typedFor is how long digits typed one after another make one time.
const typedFor = 2 * time.Second

// TimeJump finds a time in a list by the digits typed one after another:
// "9" or "09" for 09:00, "930" for 09:30, "14" for 14:00; on a 12-hour
// clock "2" also finds 14:00 when no morning time matches. The slot list
// and the day agenda share it.
type TimeJump struct {
	typed string
	at    time.Time
}

// Type adds digit, typed at now, and returns the first of the n times
// (time i from at(i), in zone) that starts with the digits typed so far,
// or -1; and those digits, to say what was not found.
func (j *TimeJump) Type(digit rune, now time.Time, clock24 bool, zone *time.Location, n int, at func(i int) time.Time) (int, string) {
	if now.Sub(j.at) > typedFor {
		j.typed = ""
	}
	j.typed += string(digit)
	j.at = now
	for _, pm := range []bool{false, !clock24} {
		for i := range n {
			t := at(i).In(zone)
			h := t.Hour()
			if pm {
				h -= 12
			}
			if h < 0 {
				continue
			}
			if strings.HasPrefix(fmt.Sprintf("%02d%02d", h, t.Minute()), j.typed) ||
				strings.HasPrefix(fmt.Sprintf("%d%02d", h, t.Minute()), j.typed) {
				return i, j.typed
			}
		}
	}
	return -1, j.typed
}

// Reset forgets the digits: any other key ends a time.
func (j *TimeJump) Reset() { j.typed = "" }

// IsDigit reports a key that types one digit.
func IsDigit(runes []rune) bool { return len(runes) == 1 && runes[0] >= '0' && runes[0] <= '9' }
