package model

import "time"

// Clock is how times of day are written, everywhere zimun writes one: the
// screens, the tables, the desk history. 24-hour "14:30", or 12-hour
// "2:30 PM" (" 2:30 PM" in columns, so they line up). A zone is written as
// its abbreviation ("CET"), never as a bare numeric offset.
type Clock struct{ H24 bool }

// Time is the time of day of t in zone (t's own zone if nil).
func (c Clock) Time(t time.Time, zone *time.Location) string {
	if zone != nil {
		t = t.In(zone)
	}
	if c.H24 {
		return t.Format("15:04")
	}
	return t.Format("3:04 PM")
}

// Cell is Time at one width, for columns.
func (c Clock) Cell(t time.Time, zone *time.Location) string {
	s := c.Time(t, zone)
	if !c.H24 && len(s) < len("12:00 PM") {
		s = " " + s
	}
	return s
}

// TimeZone is Time with the zone's abbreviation.
func (c Clock) TimeZone(t time.Time, zone *time.Location) string {
	if zone != nil {
		t = t.In(zone)
	}
	return c.Time(t, nil) + " " + ZoneName(t)
}

// Span is "10:00–10:30 CET".
func (c Clock) Span(start, end time.Time, zone *time.Location) string {
	if zone != nil {
		start, end = start.In(zone), end.In(zone)
	}
	return c.Time(start, nil) + "–" + c.Time(end, nil) + " " + ZoneName(end)
}

// DateTime is "2026-12-01 Tue 10:00 CET": a sortable date, the weekday,
// the time and the zone.
func (c Clock) DateTime(t time.Time, zone *time.Location) string {
	if zone != nil {
		t = t.In(zone)
	}
	return t.Format("2006-01-02 Mon ") + c.TimeZone(t, nil)
}

// DateSpan is "2026-12-01 Tue 10:00–10:30 CET".
func (c Clock) DateSpan(start, end time.Time, zone *time.Location) string {
	if zone != nil {
		start, end = start.In(zone), end.In(zone)
	}
	return start.Format("2006-01-02 Mon ") + c.Span(start, end, nil)
}

// ZoneName is t's zone abbreviation; a zone that has none (Go writes
// "+0530" for it) is written as UTC+05:30, which reads as a zone.
func ZoneName(t time.Time) string {
	name, _ := t.Zone()
	if name == "" || name[0] == '+' || name[0] == '-' {
		return "UTC" + t.Format("-07:00")
	}
	return name
}
