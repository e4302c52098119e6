package ics

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"

	"github.com/zimun-app/zimun/model"
)

var (
	now  = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	svc  = model.Service{ID: "s_1", Name: "Colour; cut, and wash", DurationMinutes: 90}
	loc  = model.Location{ID: "l_1", Name: "Paris", Address: "12 rue de Rivoli, 75004 Paris", Timezone: "Europe/Paris"}
	appt = model.Appointment{
		ID: "a_123", BookingID: "a_123", Status: model.StatusConfirmed,
		ServiceID: "s_1", LocationID: "l_1",
		Time:            time.Date(2026, 3, 3, 14, 30, 0, 0, model.LoadZone("Europe/Paris")),
		DurationMinutes: 90,
		Contact: model.Contact{
			Name: "Zoé Dupont", Email: "zoe@example.com", Phone: "+33 1 23 45 67 89",
			Notes: "Allergic to ammonia, please check\\prefer mornings; 🎨🎨🎨 " + strings.Repeat("é🙂", 40),
		},
		CreatedAt: now.Add(-time.Hour),
		UpdatedAt: now.Add(-time.Hour + 90*time.Second),
	}
)

// parse decodes data with an independent iCalendar parser and returns the
// single event.
func parse(t *testing.T, data []byte) (*ical.Calendar, ical.Event) {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot parse output: %v\n%s", err, data)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events, want 1", len(events))
	}
	return cal, events[0]
}

func text(t *testing.T, props ical.Props, name string) string {
	t.Helper()
	p := props.Get(name)
	if p == nil {
		t.Fatalf("no %s property", name)
	}
	s, err := p.Text()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

func TestAppointmentParsesBack(t *testing.T) {
	data := Appointment(appt, svc, loc, now)
	cal, ev := parse(t, data)

	for name, want := range map[string]string{"PRODID": ProdID, "VERSION": "2.0", "CALSCALE": "GREGORIAN", "METHOD": "PUBLISH"} {
		if got := cal.Props.Get(name); got == nil || got.Value != want {
			t.Errorf("%s = %v, want %q", name, got, want)
		}
	}
	checks := map[string]string{
		"UID":      "a_123@zimun",
		"SUMMARY":  svc.Name,
		"LOCATION": "Paris, 12 rue de Rivoli, 75004 Paris",
		"STATUS":   "CONFIRMED",
	}
	for name, want := range checks {
		if got := text(t, ev.Props, name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	desc := text(t, ev.Props, "DESCRIPTION")
	for _, want := range []string{"Contact: Zoé Dupont <zoe@example.com>", "Phone: +33 1 23 45 67 89", "Booking id: a_123", "Notes: " + appt.Contact.Notes} {
		if !strings.Contains(desc, want) {
			t.Errorf("DESCRIPTION %q lacks %q", desc, want)
		}
	}
	start, err := ev.DateTimeStart(time.UTC)
	if err != nil || !start.Equal(appt.Time) {
		t.Errorf("DTSTART = %v, %v; want %v", start, err, appt.Time)
	}
	end, err := ev.DateTimeEnd(time.UTC)
	if err != nil || !end.Equal(appt.End()) {
		t.Errorf("DTEND = %v, %v; want %v", end, err, appt.End())
	}
	if p := ev.Props.Get("DTSTART"); p == nil || p.Value != "20260303T133000Z" {
		t.Errorf("DTSTART raw = %v, want UTC Z form", p)
	}
	if p := ev.Props.Get("DTSTAMP"); p == nil || p.Value != "20260302T080000Z" {
		t.Errorf("DTSTAMP = %v", p)
	}
	if seq, err := ev.Props.Get("SEQUENCE").Int(); err != nil || seq != 90 {
		t.Errorf("SEQUENCE = %d, %v; want 90", seq, err)
	}
}

func TestCancelledStatus(t *testing.T) {
	a := appt
	a.Status = model.StatusCancelled
	a.UpdatedAt = a.UpdatedAt.Add(time.Hour)
	_, ev := parse(t, Appointment(a, svc, loc, now))
	if s, _ := ev.Status(); s != ical.EventCancelled {
		t.Errorf("STATUS = %q, want CANCELLED", s)
	}
	if seq, _ := ev.Props.Get("SEQUENCE").Int(); seq <= 90 {
		t.Errorf("SEQUENCE = %d, want higher than the confirmed copy's 90", seq)
	}
}

func TestLinesCRLFFoldedUTF8Safe(t *testing.T) {
	data := Appointment(appt, svc, loc, now)
	if !bytes.HasSuffix(data, []byte("END:VCALENDAR\r\n")) {
		t.Fatalf("output does not end with END:VCALENDAR CRLF")
	}
	body := strings.TrimSuffix(string(data), "\r\n")
	if strings.Contains(strings.ReplaceAll(body, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(body, "\r\n", ""), "\r") {
		t.Fatal("bare CR or LF in output")
	}
	folded := 0
	for _, line := range strings.Split(body, "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line splits a UTF-8 sequence: %q", line)
		}
		if strings.HasPrefix(line, " ") {
			folded++
		}
	}
	if folded < 3 {
		t.Errorf("only %d continuation lines; long notes should fold", folded)
	}
}

func TestEscaping(t *testing.T) {
	cases := []string{
		"plain",
		"comma, semicolon; backslash\\ colon: done",
		"two\nlines\r\nand CRLF",
		"trailing backslash\\",
		"emoji 👩‍👩‍👧 and accents éàü",
		"\\n is not a newline",
		strings.Repeat("🙂", 60),
		strings.Repeat("a", 74) + "é" + strings.Repeat(",", 10),
	}
	for _, s := range cases {
		a := appt
		a.Contact.Notes = ""
		s2 := svc
		s2.Name = s
		_, ev := parse(t, Appointment(a, s2, loc, now))
		want := strings.ReplaceAll(s, "\r\n", "\n")
		if got := text(t, ev.Props, "SUMMARY"); got != want {
			t.Errorf("SUMMARY round trip\n got %q\nwant %q", got, want)
		}
	}
}

func TestNoPropertyInjection(t *testing.T) {
	a := appt
	a.ID = "a_1\r\nATTENDEE:mailto:evil@example.com"
	a.Contact.Name = "Eve\r\nATTENDEE:mailto:evil@example.com\nX-INJECT:1"
	a.Contact.Notes = "\x1b[31mred\x1b[0m\rEND:VEVENT\nBEGIN:VEVENT"
	l := loc
	l.Name = "Paris\nORGANIZER:mailto:evil@example.com"
	data := Appointment(a, svc, l, now)
	cal, ev := parse(t, data)
	for _, name := range []string{"ATTENDEE", "ORGANIZER", "X-INJECT"} {
		if ev.Props.Get(name) != nil {
			t.Errorf("untrusted text injected a %s property", name)
		}
	}
	if len(cal.Events()) != 1 {
		t.Errorf("untrusted text added events")
	}
	if got := text(t, ev.Props, "DESCRIPTION"); !strings.Contains(got, "Eve\nATTENDEE:mailto:evil@example.com\nX-INJECT:1") || strings.Contains(got, "\x1b") {
		t.Errorf("DESCRIPTION = %q", got)
	}
	begins := 0
	for _, line := range strings.Split(string(data), "\r\n") {
		if strings.HasPrefix(line, "ATTENDEE") || strings.HasPrefix(line, "ORGANIZER") || strings.HasPrefix(line, "END:VEVENT") && begins == 0 {
			t.Errorf("injected line %q", line)
		}
		if line == "BEGIN:VEVENT" {
			begins++
		}
	}
	if begins != 1 {
		t.Errorf("%d BEGIN:VEVENT lines, want 1", begins)
	}
}

func TestFileName(t *testing.T) {
	for id, want := range map[string]string{
		"a_123":          "zimun-a_123.ics",
		"../../etc/pass": "zimun-etcpass.ics",
		"":               "zimun-appointment.ics",
		"a/b\\c d":       "zimun-abcd.ics",
	} {
		if got := FileName(id); got != want {
			t.Errorf("FileName(%q) = %q, want %q", id, got, want)
		}
	}
}
