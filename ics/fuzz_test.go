package ics

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"

	"github.com/zimun-app/zimun/model"
)

// Fuzz targets for the .ics writer; seeds in testdata/fuzz/<target>/.
//
//	go test ./ics -run '^$' -fuzz '^FuzzAppointmentFile$' -fuzztime 60s

// unescape reads an RFC 5545 TEXT value back.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func FuzzEscape(f *testing.F) {
	f.Add("comma, semicolon; backslash\\ and\r\nCRLF")
	f.Fuzz(func(t *testing.T, s string) {
		e := escape(s)
		if !utf8.ValidString(e) || strings.ContainsAny(e, "\r\n") {
			t.Fatalf("escape(%q) = %q: invalid UTF-8 or a raw line break", s, e)
		}
		if r, _, bad := model.Unsafe(e, false); bad {
			t.Fatalf("escape(%q) = %q holds %U", s, e, r)
		}
		if want := model.SanitizeMultiline(strings.ReplaceAll(s, "\r\n", "\n")); unescape(e) != want {
			t.Fatalf("escape(%q) = %q reads back as %q, want %q", s, e, unescape(e), want)
		}
	})
}

// checkLines asserts RFC 5545 3.1 on data: CRLF lines of at most 75
// octets, valid UTF-8, continuations starting with a space.
func checkLines(t *testing.T, data []byte) []string {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatalf("output does not end in CRLF: %q", data)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	for _, line := range lines {
		if len(line) > maxLine || strings.ContainsAny(line, "\r\n") || !utf8.ValidString(line) {
			t.Fatalf("bad line (%d octets): %q", len(line), line)
		}
	}
	return lines
}

func FuzzFold(f *testing.F) {
	f.Add("DESCRIPTION", strings.Repeat("é🙂", 40))
	f.Fuzz(func(t *testing.T, name, value string) {
		if !propName.MatchString(name) {
			return // property names are ours (3.1: letters, digits, '-')
		}
		var cw contentWriter
		cw.line(name, value)
		lines := checkLinesBytes(t, cw.buf.Bytes(), utf8.ValidString(value))
		var unfolded strings.Builder
		for i, line := range lines {
			if i > 0 {
				if !strings.HasPrefix(line, " ") {
					t.Fatalf("continuation %q does not start with a space", line)
				}
				line = line[1:]
			}
			unfolded.WriteString(line)
		}
		if unfolded.String() != name+":"+value {
			t.Fatalf("unfolds to %q, want %q", unfolded.String(), name+":"+value)
		}
	})
}

// checkLinesBytes is checkLines for one content line whose value may be
// raw bytes: UTF-8 is only required of valid input, and CR or LF in the
// value are the caller's to escape.
func checkLinesBytes(t *testing.T, data []byte, wantUTF8 bool) []string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n ")
	for i, line := range lines {
		if i > 0 {
			line = " " + line
		}
		if len(line) > maxLine || wantUTF8 && !utf8.ValidString(line) {
			t.Fatalf("bad line (%d octets): %q", len(line), line)
		}
		lines[i] = line
	}
	return lines
}

var propName = regexp.MustCompile(`^[A-Za-z0-9-]{1,40}$`)

var fileName = regexp.MustCompile(`^zimun-[A-Za-z0-9_-]+\.ics$`)

func FuzzAppointmentFile(f *testing.F) {
	f.Add("a_123", "Colour; cut, and wash", "Paris", "12 rue de Rivoli", "Zoé Dupont", "zoe@example.com", "notes\nline two", int64(1772544600), 90)
	f.Fuzz(func(t *testing.T, id, service, place, address, name, email, notes string, start int64, minutes int) {
		a := model.Appointment{
			ID: id, Status: model.StatusConfirmed,
			Time:            time.Unix(start%(1<<35), 0).UTC(),
			DurationMinutes: minutes % (model.MaxDurationMinutes + 1),
			Contact:         model.Contact{Name: name, Email: email, Notes: notes},
		}
		data := Appointment(a, model.Service{Name: service}, model.Location{Name: place, Address: address}, now)
		checkLines(t, data)
		cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
		if err != nil {
			t.Fatalf("go-ical cannot parse the output: %v\n%s", err, data)
		}
		events := cal.Events()
		if len(events) != 1 {
			t.Fatalf("%d events, want 1", len(events))
		}
		for pname := range events[0].Props {
			switch pname {
			case "UID", "DTSTAMP", "DTSTART", "DTEND", "CREATED", "LAST-MODIFIED", "SEQUENCE", "STATUS", "SUMMARY", "LOCATION", "DESCRIPTION":
			default:
				t.Fatalf("untrusted text made a %s property", pname)
			}
		}
		if service != "" {
			p := events[0].Props.Get("SUMMARY")
			got, err := p.Text()
			want := model.SanitizeMultiline(strings.ReplaceAll(service, "\r\n", "\n"))
			if err != nil || got != want {
				t.Fatalf("SUMMARY reads back as %q, %v; want %q", got, err, want)
			}
		}
		if n := FileName(id); !fileName.MatchString(n) {
			t.Fatalf("FileName(%q) = %q", id, n)
		}
	})
}
