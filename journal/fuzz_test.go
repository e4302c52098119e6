package journal

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zimun-app/zimun/model"
)

// A journal is a file anyone can edit: what Read returns is held to the
// same limits as the API's text, and an entry whose id is refused is
// skipped.
func TestReadHoldsAHostileJournalToTheLimits(t *testing.T) {
	dir := t.TempDir()
	hostile := entry("a_1", Booked, t0)
	hostile.Appointment.Contact.Name = "\x1b]0;pwned\aEve\u202e" + strings.Repeat("é", 10_000)
	hostile.Appointment.Contact.Notes = "ok\n\x1b[2J\u200bthen"
	hostile.Reason = "why\rnot"
	hostile.ServiceName = strings.Repeat("s", 1000)
	badID := entry("a_"+strings.Repeat("x", 200), Cancelled, t0)
	var data []byte
	for _, e := range []Entry{hostile, badID} {
		line, _ := json.Marshal(e)
		data = append(append(data, line...), '\n')
	}
	if err := os.WriteFile(Path(dir), data, 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := Read(dir)
	if err != nil || len(got) != 1 {
		t.Fatalf("Read = %d entries, %v; want the hostile one only", len(got), err)
	}
	e := got[0]
	if n := e.Appointment.Contact.Name; !strings.HasPrefix(n, "Eveééé") || utf8.RuneCountInString(n) > model.MaxNameRunes {
		t.Errorf("name = %q", n[:min(len(n), 40)])
	}
	if e.Appointment.Contact.Notes != "ok\nthen" || e.Reason != "whynot" || utf8.RuneCountInString(e.ServiceName) > model.MaxTitleRunes {
		t.Errorf("notes %q, reason %q, service %d characters", e.Appointment.Contact.Notes, e.Reason, utf8.RuneCountInString(e.ServiceName))
	}
}

// Seeds in testdata/fuzz/FuzzRead.
//
//	go test ./journal -run '^$' -fuzz '^FuzzRead$' -fuzztime 60s
func FuzzRead(f *testing.F) {
	line, _ := json.Marshal(entry("a_1", Booked, t0))
	f.Add(append(line, '\n'))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := read(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("reading memory failed: %v", err)
		}
		safe := func(what, s string, max int, multiline bool) {
			t.Helper()
			if !utf8.ValidString(s) || utf8.RuneCountInString(s) > max {
				t.Fatalf("%s: %q over %d characters or not UTF-8", what, s, max)
			}
			if r, _, bad := model.Unsafe(s, multiline); bad {
				t.Fatalf("%s holds %U: %q", what, r, s)
			}
		}
		var again []byte
		for _, e := range entries {
			a := e.Appointment
			if e.Action == "" || a.ID != "" && !model.ValidID(a.ID) {
				t.Fatalf("entry %+v: no action or a refused id", e)
			}
			safe("action", string(e.Action), model.MaxStatusRunes, false)
			safe("reason", e.Reason, model.MaxReasonRunes, false)
			safe("service", e.ServiceName, model.MaxTitleRunes, false)
			safe("location", e.LocationName, model.MaxTitleRunes, false)
			safe("status", a.Status, model.MaxStatusRunes, false)
			safe("name", a.Contact.Name, model.MaxNameRunes, false)
			safe("email", a.Contact.Email, model.MaxEmailBytes, false)
			safe("phone", a.Contact.Phone, model.MaxPhoneRunes, false)
			safe("notes", a.Contact.Notes, model.MaxNotesRunes, true)
			line, err := json.Marshal(e)
			if err != nil {
				t.Fatalf("entry %+v does not encode: %v", e, err)
			}
			again = append(append(line, '\n'), again...) // oldest first, as appended
		}
		// What Read returns is a fixed point: written back and read, it
		// reads the same.
		back, err := read(bytes.NewReader(again))
		first, _ := json.Marshal(entries)
		second, _ := json.Marshal(back)
		if err != nil || !bytes.Equal(first, second) {
			t.Fatalf("entries do not survive a round trip:\n%s\n%s", first, second)
		}
	})
}
