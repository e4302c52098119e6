package model

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// ErrNotADay is said of a day that ParseDay cannot read; it names what can.
var ErrNotADay = errors.New("not a day: try 2026-03-12, 12/3, 12 March, tomorrow, friday or +2w")

// ParseDay reads a day the way a person at a desk types one, relative to
// today: "2026-03-12", "12/3" or "12.3" (day/month; a month already past
// is next year's), "12 March" or "March 12", "today", "tomorrow", a
// weekday ("fri", "friday": the next one, today excluded), and an offset
// "+3" or "+3d", "+2w", "+1m". French words are read too ("1er mars",
// "demain", "ven", "+2s").
func ParseDay(s string, today Date) (Date, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer("é", "e", "è", "e", "û", "u", "’", "'").Replace(s)
	if s == "" {
		return Date{}, ErrNotADay
	}
	if d, err := ParseDate(s); err == nil {
		return d, nil
	}
	switch s {
	case "today", "now", "aujourd'hui", "aujourdhui":
		return today, nil
	case "tomorrow", "tmrw", "demain":
		return today.AddDays(1), nil
	case "yesterday", "hier":
		return today.AddDays(-1), nil
	}
	if wd, ok := weekdayNamed(s); ok {
		n := (int(wd) - int(today.Weekday()) + 7) % 7
		if n == 0 {
			n = 7
		}
		return today.AddDays(n), nil
	}
	if rest, ok := strings.CutPrefix(s, "+"); ok {
		return offset(rest, today)
	}
	if day, month, ok := dayMonth(s); ok {
		d := Date{Year: today.Year, Month: month, Day: day}
		if d.Before(today) && today.DaysUntil(d) < -31 {
			d.Year++ // a month past: next year's
		}
		if d.In(time.UTC).Day() != day {
			return Date{}, ErrNotADay // 31 April
		}
		return d, nil
	}
	return Date{}, ErrNotADay
}

func weekdayNamed(s string) (time.Weekday, bool) {
	s = strings.TrimSuffix(s, ".")
	french := [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		for _, name := range []string{strings.ToLower(wd.String()), french[wd]} {
			if s == name || len(s) >= 3 && strings.HasPrefix(name, s) {
				return wd, true
			}
		}
	}
	return 0, false
}

func offset(s string, today Date) (Date, error) {
	unit := byte('d')
	if n := len(s); n > 0 && strings.ContainsRune("dwmjs", rune(s[n-1])) {
		unit, s = s[n-1], s[:n-1]
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 3660 {
		return Date{}, ErrNotADay
	}
	switch unit {
	case 'w', 's': // semaines
		return today.AddDays(7 * n), nil
	case 'm':
		return today.AddMonths(n), nil
	}
	return today.AddDays(n), nil
}

// dayMonth reads "12/3", "12.3", "12 march", "march 12", "12 mar".
func dayMonth(s string) (int, time.Month, bool) {
	s = strings.TrimSuffix(s, ".") // "3 févr."
	for _, sep := range []string{"/", "."} {
		if a, b, ok := strings.Cut(s, sep); ok {
			d, err1 := strconv.Atoi(a)
			m, err2 := strconv.Atoi(b)
			if err1 == nil && err2 == nil && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
				return d, time.Month(m), true
			}
			return 0, 0, false
		}
	}
	fields := strings.Fields(s)
	if len(fields) != 2 {
		return 0, 0, false
	}
	for _, order := range [][2]int{{0, 1}, {1, 0}} {
		d, err := strconv.Atoi(strings.TrimSuffix(fields[order[0]], "er")) // 1er
		if m, ok := monthNamed(fields[order[1]]); err == nil && ok && d >= 1 && d <= 31 {
			return d, m, true
		}
	}
	return 0, 0, false
}

func monthNamed(s string) (time.Month, bool) {
	s = strings.TrimSuffix(s, ".")
	french := [...]string{"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"}
	if s == "jui" || s == "ju" { // juin or juillet
		return 0, false
	}
	for m := time.January; m <= time.December; m++ {
		for _, name := range []string{strings.ToLower(m.String()), french[m-1]} {
			if s == name || len(s) >= 3 && strings.HasPrefix(name, s) {
				return m, true
			}
		}
	}
	return 0, false
}
