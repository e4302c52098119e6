package cli

import (
	"time"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
)

// wallLayouts are the accepted zone-less forms of a TIME argument.
var wallLayouts = []string{
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
}

// timeValue is a TIME flag: an RFC3339 instant, or a wall-clock time to be
// placed in a zone that is only known after the API is asked (the
// location's). Parsing as a flag makes a bad format a usage error before any
// network call.
type timeValue struct {
	raw       string
	abs       time.Time // RFC3339 input
	absolute  bool      // abs is set (it may be the zero time)
	wall      time.Time // wall-clock input, its fields held in UTC
	dateOnly  bool      // YYYY-MM-DD, when allowDate
	allowDate bool
}

func (v *timeValue) String() string { return v.raw }

func (v *timeValue) Type() string {
	if v.allowDate {
		return "DATE|TIME"
	}
	return "TIME"
}

func (v *timeValue) Set(s string) error {
	*v = timeValue{raw: s, allowDate: v.allowDate}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		v.abs, v.absolute = t, true
		return nil
	}
	for _, layout := range wallLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			v.wall = t
			return nil
		}
	}
	if v.allowDate {
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			v.wall, v.dateOnly = t, true
			return nil
		}
		return i18n.Errorf(i18n.ErrWantDateOrTime)
	}
	return i18n.Errorf(i18n.ErrWantTime)
}

func (v *timeValue) isSet() bool { return v.raw != "" }

// isWall reports whether the value needs a zone to become an instant.
func (v *timeValue) isWall() bool { return !v.absolute }

// in places the value in loc. A wall-clock time that a DST change skips or
// repeats is refused rather than silently shifted: booking the wrong hour is
// worse than asking for an offset.
func (v *timeValue) in(loc *time.Location) (time.Time, error) {
	if !v.isWall() {
		return v.abs, nil
	}
	w := v.wall
	if v.dateOnly {
		return startOfDay(model.DateOf(w), loc), nil
	}
	var found []time.Time
	// The offsets in force a day either side cover both sides of any
	// transition near w.
	for _, probe := range []time.Time{w.Add(-24 * time.Hour), w, w.Add(24 * time.Hour)} {
		_, off := probe.In(loc).Zone()
		t := w.Add(-time.Duration(off) * time.Second)
		if sameWall(t.In(loc), w) && !containsTime(found, t) {
			found = append(found, t)
		}
	}
	switch len(found) {
	case 0:
		return time.Time{}, i18n.Errorf(i18n.ErrSkippedTime, v.raw, loc.String())
	case 1:
		return found[0].In(loc), nil
	default:
		return time.Time{}, i18n.Errorf(i18n.ErrRepeatedTime,
			v.raw, loc, found[0].In(loc).Format(time.RFC3339), found[1].In(loc).Format(time.RFC3339))
	}
}

// startOfDay is the first instant whose date in loc is d or later: midnight,
// or for a day that starts late (a DST change at midnight) or is skipped
// altogether (Samoa's 30 December 2011), the moment the clocks arrive.
func startOfDay(d model.Date, loc *time.Location) time.Time {
	t := d.In(loc)
	if !model.DateOf(t.In(loc)).Before(d) {
		return t
	}
	// t is still on an earlier day; the day starts within 48 hours.
	lo, hi := t, t.Add(48*time.Hour)
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
		if model.DateOf(mid.In(loc)).Before(d) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi.In(loc)
}

func sameWall(t, w time.Time) bool {
	y1, m1, d1 := t.Date()
	y2, m2, d2 := w.Date()
	return y1 == y2 && m1 == m2 && d1 == d2 && t.Hour() == w.Hour() && t.Minute() == w.Minute() && t.Second() == w.Second()
}

func containsTime(ts []time.Time, t time.Time) bool {
	for _, u := range ts {
		if u.Equal(t) {
			return true
		}
	}
	return false
}

// dateValue is a YYYY-MM-DD flag.
type dateValue model.Date

func (d *dateValue) String() string {
	if model.Date(*d).IsZero() {
		return ""
	}
	return model.Date(*d).String()
}

func (d *dateValue) Set(s string) error {
	p, err := model.ParseDate(s)
	if err != nil {
		return err
	}
	*d = dateValue(p)
	return nil
}

func (d *dateValue) Type() string { return "YYYY-MM-DD" }
