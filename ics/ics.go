// Package ics writes appointments as RFC 5545 iCalendar files that any
// calendar application can import.
//
// Times are written in UTC ("Z" form) so no VTIMEZONE needs to be shipped;
// calendar applications show them in the viewer's zone. Every text value is
// sanitised and escaped, so untrusted names and notes can never start a new
// property.
package ics

import (
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/zimun-app/zimun/model"
)

// ProdID identifies the program that wrote the file.
const ProdID = "-//Zimun//zimun//EN"

// Event statuses (RFC 5545 3.8.1.11).
const (
	StatusConfirmed = "CONFIRMED"
	StatusCancelled = "CANCELLED"
)

// Event is one VEVENT.
type Event struct {
	UID          string
	Stamp        time.Time // DTSTAMP: when the file was written
	Start, End   time.Time
	Summary      string
	Location     string
	Description  string
	Status       string // StatusConfirmed or StatusCancelled
	Sequence     int    // revision; calendars keep the highest
	Created      time.Time
	LastModified time.Time
}

// FromAppointment describes appt as an event. Sequence counts the seconds
// from creation to the last update, so every reschedule or cancellation
// gets a higher number and replaces the copy already imported.
func FromAppointment(appt model.Appointment, svc model.Service, loc model.Location, now time.Time) Event {
	status := StatusConfirmed
	if appt.Cancelled() {
		status = StatusCancelled
	}
	seq := 0
	if !appt.CreatedAt.IsZero() && appt.UpdatedAt.After(appt.CreatedAt) {
		seq = int(min(appt.UpdatedAt.Sub(appt.CreatedAt)/time.Second, 1<<31-1))
	}
	summary := svc.Name
	if summary == "" {
		summary = "Appointment"
	}
	place := loc.Name
	if loc.Address != "" {
		place = strings.TrimPrefix(place+", "+loc.Address, ", ")
	}
	return Event{
		UID:          appt.ID + "@zimun",
		Stamp:        now,
		Start:        appt.Time,
		End:          appt.End(),
		Summary:      summary,
		Location:     place,
		Description:  describe(appt),
		Status:       status,
		Sequence:     seq,
		Created:      appt.CreatedAt,
		LastModified: appt.UpdatedAt,
	}
}

func describe(appt model.Appointment) string {
	var lines []string
	c := appt.Contact
	who := c.Name
	if c.Email != "" {
		who += " <" + c.Email + ">"
	}
	if who != "" {
		lines = append(lines, "Contact: "+strings.TrimSpace(who))
	}
	if c.Phone != "" {
		lines = append(lines, "Phone: "+c.Phone)
	}
	id := appt.BookingID
	if id == "" {
		id = appt.ID
	}
	lines = append(lines, "Booking id: "+id)
	if c.Notes != "" {
		lines = append(lines, "Notes: "+c.Notes)
	}
	return strings.Join(lines, "\n")
}

// Appointment is the complete .ics file for one appointment.
func Appointment(appt model.Appointment, svc model.Service, loc model.Location, now time.Time) []byte {
	var b bytes.Buffer
	// Writing to a bytes.Buffer cannot fail.
	_ = Write(&b, []Event{FromAppointment(appt, svc, loc, now)})
	return b.Bytes()
}

// Write writes a VCALENDAR (METHOD:PUBLISH) holding events.
func Write(w io.Writer, events []Event) error {
	cw := &contentWriter{}
	cw.line("BEGIN", "VCALENDAR")
	cw.line("PRODID", ProdID)
	cw.line("VERSION", "2.0")
	cw.line("CALSCALE", "GREGORIAN")
	cw.line("METHOD", "PUBLISH")
	for _, e := range events {
		cw.line("BEGIN", "VEVENT")
		cw.line("UID", escape(e.UID))
		cw.line("DTSTAMP", utc(e.Stamp))
		cw.line("DTSTART", utc(e.Start))
		cw.line("DTEND", utc(e.End))
		if !e.Created.IsZero() {
			cw.line("CREATED", utc(e.Created))
		}
		if !e.LastModified.IsZero() {
			cw.line("LAST-MODIFIED", utc(e.LastModified))
		}
		cw.line("SEQUENCE", strconv.Itoa(max(e.Sequence, 0)))
		if e.Status != "" {
			cw.line("STATUS", e.Status)
		}
		cw.line("SUMMARY", escape(e.Summary))
		if e.Location != "" {
			cw.line("LOCATION", escape(e.Location))
		}
		if e.Description != "" {
			cw.line("DESCRIPTION", escape(e.Description))
		}
		cw.line("END", "VEVENT")
	}
	cw.line("END", "VCALENDAR")
	_, err := w.Write(cw.buf.Bytes())
	return err
}

// FileName is the export file name for an appointment id: "zimun-<id>.ics",
// with anything but letters, digits, '-' and '_' dropped so a hostile id
// cannot name another directory.
func FileName(id string) string {
	safe := unsafeName.ReplaceAllString(id, "")
	if safe == "" {
		safe = "appointment"
	}
	return "zimun-" + safe + ".ics"
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

func utc(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// escape makes s a TEXT value (RFC 5545 3.3.11): controls, escape
// sequences and bidi overrides are removed, then backslash, semicolon,
// comma and newline are escaped. CR is dropped, so "\r\nATTENDEE:..." in a
// name stays inside its property as a literal "\n".
func escape(s string) string {
	s = model.SanitizeMultiline(strings.ReplaceAll(s, "\r\n", "\n"))
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// maxLine is the longest content line in octets, CRLF excluded (3.1).
const maxLine = 75

type contentWriter struct{ buf bytes.Buffer }

// line writes "NAME:value" folded at 75 octets: each continuation starts
// with a space, and a UTF-8 sequence is never split across lines.
func (cw *contentWriter) line(name, value string) {
	s := name + ":" + value
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if cut == 0 {
			cut = limit // no character starts here (not UTF-8): cut anyway
		}
		cw.buf.WriteString(s[:cut])
		cw.buf.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLine - 1 // the leading space counts
	}
	cw.buf.WriteString(s)
	cw.buf.WriteString("\r\n")
}
