package linear

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
)

// chooseSlot picks a day, then a free time on it. from is the day to
// start on (zero: the first free day); skip is a time not to offer (the
// appointment being moved).
func (s *session) chooseSlot(svc model.Service, loc model.Location, from model.Date, skip time.Time) (model.Slot, error) {
	zone := loc.Zone()
	days := s.opts.DaysAhead
	for {
		av, err := s.availability(svc, loc, days, skip)
		if err != nil {
			return model.Slot{}, err
		}
		day, more, err := s.chooseDay(av, from, zone, days)
		if err != nil {
			return model.Slot{}, err
		}
		if more > 0 {
			days, from = more, day
			continue
		}
		slot, err := s.chooseTime(av, day, zone)
		if err == errBack {
			from = day
			continue
		}
		if err == errRefresh {
			s.opts.Office.DropCached(svc.ID, loc.ID)
			from = day
			continue
		}
		return slot, err
	}
}

// errRefresh reads the availability again.
var errRefresh = errorString("refresh")

// availability reads the free slots, without skip; on failure it offers
// to try again.
func (s *session) availability(svc model.Service, loc model.Location, days int, skip time.Time) (model.Availability, error) {
	for {
		ctx, cancel := context.WithTimeout(s.ctx, s.opts.Office.Timeouts().Read)
		av, err := s.opts.Office.Availability(ctx, svc.ID, loc.ID, days)
		cancel()
		if err == nil {
			if !skip.IsZero() {
				av = without(av, skip)
			}
			return av, nil
		}
		if s.ctx.Err() != nil {
			return av, s.ctx.Err()
		}
		s.say(s.p().T(i18n.AvailabilityFailed, s.describe(err)))
		if _, err := s.choose(func(p *i18n.Printer) (string, []string) {
			return p.T(i18n.WhatNow), []string{p.T(i18n.TryAgain)}
		}, true); err != nil {
			return av, err // back
		}
	}
}

// without is av without the slot starting at t.
func without(av model.Availability, t time.Time) model.Availability {
	days := make([]model.Day, len(av.Days))
	for i, d := range av.Days {
		var slots []model.Slot
		for _, sl := range d.Slots {
			if !sl.Start.Equal(t) {
				slots = append(slots, sl)
			}
		}
		days[i] = model.Day{Date: d.Date, Slots: slots}
	}
	av.Days = days
	return av
}

// chooseDay says a day and reads where to go from there, until the person
// takes a day with free times. more > 0 asks for a longer window (a date
// beyond this one) and the day to start on in it.
func (s *session) chooseDay(av model.Availability, from model.Date, zone *time.Location, days int) (day model.Date, more int, err error) {
	today := s.today(zone)
	last := today.AddDays(days - 1)
	cur := from
	if cur.IsZero() || cur.Before(today) {
		if d, ok := av.FirstFree(); ok {
			s.say(s.p().T(i18n.FirstFreeDay, s.dayLine(av, d, today)))
			cur = d
		} else {
			s.say(s.p().T(i18n.NoFreeDays, days))
			cur = today
		}
	} else {
		s.say(sentence(s.dayLine(av, cur, today)))
	}
	for {
		answer, err := s.text(func(p *i18n.Printer) (string, string, string) {
			return "", p.T(i18n.DayPrompt), p.T(i18n.HelpDay, p.Date(cur))
		})
		if err != nil {
			return cur, 0, err
		}
		p := s.p()
		next, what := parseDay(answer, cur, today, p.Locale())
		switch what {
		case dayThis:
			if av.FreeSlots(cur) > 0 {
				return cur, 0, nil
			}
			s.say(sentence(s.dayLine(av, cur, today)))
			continue
		case dayBack:
			return cur, 0, errBack
		case dayNext, dayPrevious:
			step := 1
			if what == dayPrevious {
				step = -1
			}
			d, ok := av.NextFree(cur, step)
			if !ok {
				if step > 0 {
					s.say(p.T(i18n.NoLaterFreeDay, p.Date(cur)))
				} else {
					s.say(p.T(i18n.NoEarlierFreeDay, p.Date(cur)))
				}
				continue
			}
			next = d
		case dayUnknown:
			s.say(p.T(i18n.NotADay, model.Sanitize(answer)))
			continue
		}
		switch {
		case next.Before(today):
			s.say(p.T(i18n.DayPassed, p.DateNear(next, today)))
			continue
		case next.After(last) && today.DaysUntil(next) < 90:
			return next, 90, nil
		case next.After(last):
			s.say(p.T(i18n.DayTooFar, p.DateNear(next, today), p.DateNear(today.AddDays(89), today)))
			continue
		}
		cur = next
		s.say(sentence(s.dayLine(av, cur, today)))
	}
}

// dayLine says what a day holds: free times, closed, full.
func (s *session) dayLine(av model.Availability, d, today model.Date) string {
	p := s.p()
	date := p.DateNear(d, today)
	switch today.DaysUntil(d) {
	case 0:
		date = p.T(i18n.DateToday, date)
	case 1:
		date = p.T(i18n.DateTomorrow, date)
	}
	if name, closed := av.Holiday(d); closed {
		return p.T(i18n.DayClosed, date, model.Sanitize(name))
	}
	day, _ := av.Day(d)
	if n := len(day.Slots); n > 0 {
		zone := model.LoadZone(av.Timezone)
		return p.T(i18n.DayFree, n, date, p.Time(day.Slots[0].Start, zone), p.Time(day.Slots[n-1].Start, zone))
	}
	if next, ok := av.NextFree(d, 1); ok {
		return p.T(i18n.DayFullNext, date, p.DateNear(next, today))
	}
	return p.T(i18n.DayFull, date)
}

// chooseTime reads one of the day's free times.
func (s *session) chooseTime(av model.Availability, d model.Date, zone *time.Location) (model.Slot, error) {
	day, _ := av.Day(d)
	i, err := s.choose(func(p *i18n.Printer) (string, []string) {
		items := make([]string, len(day.Slots))
		for i, sl := range day.Slots {
			items[i] = p.Time(sl.Start, zone)
		}
		return sentence(p.T(i18n.TimesOn, len(day.Slots), p.DateNear(d, s.today(zone)), s.zoneName(zone))), items
	}, true)
	if err != nil {
		return model.Slot{}, err
	}
	return day.Slots[i], nil
}

// sentence starts s with a capital, as a line that opens with a date in
// French ("jeudi 3 décembre") needs.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// What a day answer asks for.
type dayWhat int

const (
	dayUnknown dayWhat = iota
	dayThis            // the day said last
	dayBack
	dayNext
	dayPrevious
	dayDate // a day named by a date or a word
)

// parseDay reads a day answer: enter or yes for the current day, next and
// previous free days, today, tomorrow, a weekday, or a date ("12 March",
// "12/3", "2026-03-12", "le 1er mars", "12"). Words of both languages are
// understood.
func parseDay(answer string, cur, today model.Date, loc i18n.Locale) (model.Date, dayWhat) {
	a := fold(answer)
	a = strings.TrimSuffix(a, ".")
	for _, prefix := range []string{"date ", "le "} {
		a = strings.TrimPrefix(a, prefix)
	}
	a = strings.TrimSpace(a)
	switch a {
	case "", "yes", "y", "oui", "o", "ok", "times", "horaires":
		return cur, dayThis
	case "0", "back", "retour":
		return cur, dayBack
	case "next", "n", "suivant", "suivante", "s", "+":
		return cur, dayNext
	case "previous", "prev", "p", "precedent", "precedente", "-":
		return cur, dayPrevious
	case "today", "aujourd'hui", "aujourd’hui", "aujourdhui":
		return today, dayDate
	case "tomorrow", "demain":
		return today.AddDays(1), dayDate
	case "day after tomorrow", "apres-demain", "apres demain":
		return today.AddDays(2), dayDate
	}
	if wd, ok := weekdayOf(a); ok {
		return today.AddDays((int(wd) - int(today.Weekday()) + 7) % 7), dayDate
	}
	if d, ok := dateOf(a, today, loc); ok {
		return d, dayDate
	}
	return cur, dayUnknown
}

func weekdayOf(a string) (time.Weekday, bool) {
	a = strings.TrimPrefix(strings.TrimPrefix(a, "next "), "prochain ")
	en := []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
	fr := []string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	for i := range en {
		for _, name := range []string{en[i], fr[i]} {
			if a == name || (len(a) >= 3 && strings.HasPrefix(name, a)) {
				return time.Weekday(i), true
			}
		}
	}
	return 0, false
}

// monthOf reads a month name or its first three letters, in English or
// French, without accents.
func monthOf(a string) (time.Month, bool) {
	a = strings.TrimSuffix(a, ".")
	en := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	fr := []string{"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"}
	for i := range en {
		for _, name := range []string{en[i], fr[i]} {
			if a == name || (len(a) >= 3 && strings.HasPrefix(name, a)) {
				// "ju" is June or July: three letters at least, and
				// "jui" (juin, juillet) is refused below.
				if a == "jui" {
					return 0, false
				}
				return time.Month(i + 1), true
			}
		}
	}
	return 0, false
}

var (
	isoDate   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	slashDate = regexp.MustCompile(`^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?$`)
	wordDate  = regexp.MustCompile(`^(?:(\d{1,2})(?:st|nd|rd|th|er)? (?:of )?([a-z.]+)|([a-z.]+) (\d{1,2})(?:st|nd|rd|th)?)(?:,? (\d{4}))?$`)
	dayOnly   = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th|er)?$`)
)

// dateOf reads a date; without a year it is the next such day from
// today. Day and month are read day first ("12/3" is 12 March) except in
// the United States.
func dateOf(a string, today model.Date, loc i18n.Locale) (model.Date, bool) {
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	var y, m, d int
	switch {
	case isoDate.MatchString(a):
		g := isoDate.FindStringSubmatch(a)
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
	case slashDate.MatchString(a):
		g := slashDate.FindStringSubmatch(a)
		d, m = atoi(g[1]), atoi(g[2])
		if loc.Region == "US" {
			d, m = m, d
		}
		if g[3] != "" {
			y = atoi(g[3])
			if y < 100 {
				y += 2000
			}
		}
	case wordDate.MatchString(a):
		g := wordDate.FindStringSubmatch(a)
		day, month := g[1], g[2]
		if day == "" {
			day, month = g[4], g[3]
		}
		mo, ok := monthOf(month)
		if !ok {
			return model.Date{}, false
		}
		d, m = atoi(day), int(mo)
		if g[5] != "" {
			y = atoi(g[5])
		}
	case dayOnly.MatchString(a):
		d, m = atoi(dayOnly.FindStringSubmatch(a)[1]), int(today.Month)
		if d < today.Day {
			m++
		}
	default:
		return model.Date{}, false
	}
	if m < 1 || m > 13 || d < 1 || d > 31 {
		return model.Date{}, false
	}
	if y == 0 {
		y = today.Year
		if m == 13 {
			y, m = y+1, 1
		}
		if (model.Date{Year: y, Month: time.Month(m), Day: d}).Before(today) {
			y++
		}
	}
	date := model.DateOf(time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC))
	if date.Day != d || m == 13 { // 31 April
		return model.Date{}, false
	}
	return date, true
}
