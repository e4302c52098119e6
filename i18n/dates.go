package i18n

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/zimun-app/zimun/model"
)

// names are a language's weekday and month names, Sunday and January
// first; a function, not a variable, so nothing is shared to change.
func names(l Lang) (weekdays, shortWeekdays [7]string, months [12]string) {
	if l == French {
		return [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
			[7]string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."},
			[12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	}
	return [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		[7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
		[12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
}

// shortMonths are a language's month abbreviations, January first.
func shortMonths(l Lang) [12]string {
	if l == French {
		return [12]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}
	}
	return [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
}

// Weekday is the day's name: "Tuesday", "mardi".
func (p *Printer) Weekday(d time.Weekday) string {
	w, _, _ := names(p.locale.Lang)
	return w[d]
}

// WeekdayShort is the day's abbreviation: "Tue", "mar.".
func (p *Printer) WeekdayShort(d time.Weekday) string {
	_, w, _ := names(p.locale.Lang)
	return w[d]
}

// Month is the month's name: "March", "mars".
func (p *Printer) Month(m time.Month) string {
	if m < time.January || m > time.December {
		return "" // a zero date, before anything is known
	}
	_, _, months := names(p.locale.Lang)
	return months[m-1]
}

// MonthShort is the month's abbreviation: "Mar", "mars", "déc.".
func (p *Printer) MonthShort(m time.Month) string {
	if m < time.January || m > time.December {
		return ""
	}
	return shortMonths(p.locale.Lang)[m-1]
}

// MonthYear is a month's title: "March 2026", "mars 2026".
func (p *Printer) MonthYear(m time.Month, year int) string {
	return p.Month(m) + " " + strconv.Itoa(year)
}

// DayMonth is the day of the month and the month's abbreviation: "1 Dec",
// "1er déc.".
func (p *Printer) DayMonth(d model.Date) string {
	return p.dayOfMonth(d.Day) + " " + p.MonthShort(d.Month)
}

func (p *Printer) dayOfMonth(day int) string {
	if p.locale.Lang == French && day == 1 {
		return "1er"
	}
	return strconv.Itoa(day)
}

// Date is the day as it is said: "Tuesday 4 March", "mardi 4 mars",
// "lundi 1er décembre".
func (p *Printer) Date(d model.Date) string {
	return p.Weekday(d.Weekday()) + " " + p.dayOfMonth(d.Day) + " " + p.Month(d.Month)
}

// DateShort is the day with the weekday's and the month's abbreviations,
// as lists and tables show days: "Tue 1 Dec", "mar. 1er déc.".
func (p *Printer) DateShort(d model.Date) string {
	return p.WeekdayShort(d.Weekday()) + " " + p.DayMonth(d)
}

// DateShortYear is DateShort with the year: "Tue 1 Dec 2026".
func (p *Printer) DateShortYear(d model.Date) string {
	return p.DateShort(d) + " " + strconv.Itoa(d.Year)
}

// DateMid is the weekday's abbreviation and the month's name: "Tue 1
// December", "mar. 1er décembre".
func (p *Printer) DateMid(d model.Date) string {
	return p.WeekdayShort(d.Weekday()) + " " + p.dayOfMonth(d.Day) + " " + p.Month(d.Month)
}

// DateMidYear is DateMid with the year: "Tue 1 December 2026".
func (p *Printer) DateMidYear(d model.Date) string {
	return p.DateMid(d) + " " + strconv.Itoa(d.Year)
}

// DateShortWidth is the most cells DateShort takes, for table columns.
func (p *Printer) DateShortWidth() int {
	wd, mo := 0, 0
	for d := time.Sunday; d <= time.Saturday; d++ {
		wd = max(wd, utf8.RuneCountInString(p.WeekdayShort(d)))
	}
	for m := time.January; m <= time.December; m++ {
		mo = max(mo, utf8.RuneCountInString(p.MonthShort(m)))
	}
	return wd + 1 + max(utf8.RuneCountInString(p.dayOfMonth(1)), 2) + 1 + mo
}

// DateYear is Date with the year: "Tuesday 4 March 2026".
func (p *Printer) DateYear(d model.Date) string {
	return p.Date(d) + " " + strconv.Itoa(d.Year)
}

// DateNear is Date, with the year only when it is not the year of today.
func (p *Printer) DateNear(d, today model.Date) string {
	if d.Year != today.Year {
		return p.DateYear(d)
	}
	return p.Date(d)
}

// FirstWeekday is the first day of the week where the person is: Monday,
// or Sunday in the regions that start the week then.
func (p *Printer) FirstWeekday() time.Weekday {
	switch p.locale.Region {
	case "US", "CA", "MX", "BR", "JP", "KR", "TW", "HK", "PH", "IL", "IN", "ZA", "AU", "SA":
		return time.Sunday
	}
	return time.Monday
}

// Time is the time of day of t in zone on the printer's clock, with no
// padding: "09:30", "9:30 AM".
func (p *Printer) Time(t time.Time, zone *time.Location) string {
	return strings.TrimSpace(p.clock.Time(t, zone))
}

// Span is "10:00–10:30 CET" on the printer's clock.
func (p *Printer) Span(start, end time.Time, zone *time.Location) string {
	return strings.TrimSpace(p.clock.Span(start, end, zone))
}

// DateSpan is a sortable date, the weekday's abbreviation and the span:
// "2026-12-01 Tue 10:00–10:30 CET", "2026-12-01 mar. 10:00–10:30 CET", as
// tables show them.
func (p *Printer) DateSpan(start, end time.Time, zone *time.Location) string {
	if zone != nil {
		start, end = start.In(zone), end.In(zone)
	}
	return start.Format(time.DateOnly) + " " + p.WeekdayShort(start.Weekday()) + " " + p.Span(start, end, nil)
}

// DateTime is "2026-12-01 Tue 10:00 CET", as tables show instants.
func (p *Printer) DateTime(t time.Time, zone *time.Location) string {
	if zone != nil {
		t = t.In(zone)
	}
	return t.Format(time.DateOnly) + " " + p.WeekdayShort(t.Weekday()) + " " + strings.TrimSpace(p.clock.TimeZone(t, nil))
}

// Duration says d in minutes and seconds, rounded to the second: "9
// minutes and 5 seconds", "30 secondes".
func (p *Printer) Duration(d time.Duration) string {
	secs := int((d + time.Second/2) / time.Second)
	m, sec := secs/60, secs%60
	switch {
	case m == 0:
		return p.T(Seconds, sec)
	case sec == 0:
		return p.T(Minutes, m)
	}
	return p.T(MinutesAndSeconds, p.T(Minutes, m), p.T(Seconds, sec))
}

// List joins items as a sentence does: "a, b and c", "a, b et c".
func (p *Printer) List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return p.T(ListAnd, strings.Join(items[:len(items)-1], ", "), items[len(items)-1])
}
