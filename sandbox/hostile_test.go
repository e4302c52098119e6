package sandbox_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zimun-app/zimun/sandbox"
)

var update = flag.Bool("update", false, "rewrite testdata/hostile.json from sandbox.HostileData")

const hostileFile = "testdata/hostile.json"

// The committed fixture is exactly what HostileData makes; regenerate it
// with go test ./sandbox -run HostileFixtureUpToDate -update.
func TestHostileFixtureUpToDate(t *testing.T) {
	want, err := sandbox.HostileData()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(hostileFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(hostileFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from sandbox.HostileData(); run go test ./sandbox -run HostileFixtureUpToDate -update", hostileFile)
	}
	if !utf8.Valid(got) || !json.Valid(got) {
		t.Error("the fixture file itself must be valid UTF-8 JSON")
	}
}

// hostileEnv serves a copy of the committed fixture three weeks and a day
// after it was written.
func hostileEnv(t *testing.T) (*env, string) {
	t.Helper()
	data, err := os.ReadFile(hostileFile)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "hostile.json")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{t: t0.AddDate(0, 0, 22)} // Tuesday 23 December 2025, 09:00 in Paris
	return newEnv(t, sandbox.Options{DataFile: file, Now: clock.Now}), file
}

// carries reports which hostile sequences the answer lacks: invalid UTF-8
// must arrive as raw bytes, everything else in the decoded JSON text.
func lacks(body []byte) []string {
	var decoded any
	if err := json.Unmarshal(body, &decoded); err != nil {
		return []string{"(not JSON: " + err.Error() + ")"}
	}
	var text strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			text.WriteString(v + "\n")
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for k, x := range v {
				text.WriteString(k + "\n")
				walk(x)
			}
		}
	}
	walk(decoded)
	var missing []string
	for _, seq := range sandbox.HostileSequences() {
		in := strings.Contains(text.String(), seq.Bytes)
		if !utf8.ValidString(seq.Bytes) {
			// After the space the fixture puts before it: 0x9b alone
			// would also match the end of a valid multi-byte rune.
			in = bytes.Contains(body, []byte(" "+seq.Bytes))
		}
		if !in {
			missing = append(missing, seq.Name)
		}
	}
	return missing
}

func longest(body []byte) int {
	var decoded any
	json.Unmarshal(body, &decoded)
	n := 0
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			n = max(n, len(v))
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(decoded)
	return n
}

func TestHostileFixtureServes(t *testing.T) {
	e, _ := hostileEnv(t)
	if len(e.s.Services()) != 3 || len(e.s.Locations()) != 2 {
		t.Fatalf("catalogue: %d services, %d locations", len(e.s.Services()), len(e.s.Locations()))
	}
	svc, marais := e.s.Services()[0], e.s.Locations()[0]
	for _, tt := range []struct {
		path string
		long bool
	}{
		{"/api/v1/organization", false},
		{"/api/v1/locations", true},
		{"/api/v1/services", true},
		{fmt.Sprintf("/api/v1/availability?service_id=%s&location_id=%s&days_ahead=30", svc.ID, marais.ID), true},
		{"/api/v1/appointments?from=2025-12-01&to=2026-01-31&page_size=200", true},
		{"/api/v1/appointments/a_hostileg00", false},
	} {
		r := e.call("GET", tt.path, nil)
		if r.status != 200 {
			t.Errorf("%s: %d %s", tt.path, r.status, r.body)
			continue
		}
		if missing := lacks(r.body); len(missing) > 0 {
			t.Errorf("%s lacks %v", tt.path, missing)
		}
		if n := longest(r.body); tt.long && n < sandbox.HostileLongText {
			t.Errorf("%s: longest string %d bytes, want at least %d", tt.path, n, sandbox.HostileLongText)
		}
	}

	// The bookings moved three weeks on, at the same wall-clock times.
	r := e.call("GET", "/api/v1/appointments/a_hostiled00", nil)
	var a appt
	r.decode(t, &a)
	if want := paris(2025, 12, 22, 10, 0); !a.AppointmentTime.Equal(want) {
		t.Errorf("a_hostiled00 at %v, want %v", a.AppointmentTime, want)
	}
	var list struct {
		Items []appt `json:"items"`
	}
	e.call("GET", "/api/v1/appointments?from=2025-12-15&to=2026-01-04&page_size=200", nil).decode(t, &list)
	if len(list.Items) != 14 {
		t.Errorf("%d appointments in the three weeks around today, want all 14", len(list.Items))
	}
}

// Booking on the fixture and restarting keeps the raw bytes: the data
// file stores them as escapes and the answers are the same.
func TestHostileFixtureSurvivesSaving(t *testing.T) {
	e, file := hostileEnv(t)
	before := e.call("GET", "/api/v1/locations", nil).body
	svc, marais := e.s.Services()[0], e.s.Locations()[0]
	e.confirm(e.hold(svc, marais, e.freeSlots(svc, marais, 1)[0].Start).HoldID, "Dana Lee", "dana@example.com")
	saved, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(saved, []byte(`\\x9b8;1;1t`)) || !utf8.Valid(saved) {
		t.Fatal("the saved file lost its byte escapes")
	}
	e2 := newEnv(t, sandbox.Options{DataFile: file, Now: e.clock.Now})
	if after := e2.call("GET", "/api/v1/locations", nil).body; !bytes.Equal(before, after) {
		t.Error("the locations changed across a save and a restart")
	}
	if r := e2.call("GET", "/api/v1/appointments/a_hostiled00", nil); r.status != 200 {
		t.Errorf("after restart: %d", r.status)
	}
}
