package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/model"
)

// Fuzz targets for the --at, --from, --to and --date parsers; seeds in
// testdata/fuzz/<target>/.
//
//	go test ./cli -run '^$' -fuzz '^FuzzTimeValue$' -fuzztime 60s

// fuzzZones cover DST gaps and overlaps, half-hour shifts and odd offsets.
var fuzzZones = []string{"UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "America/Sao_Paulo", "Pacific/Apia"}

func FuzzTimeValue(f *testing.F) {
	f.Add("2026-10-25 02:30", false)
	f.Fuzz(func(t *testing.T, s string, allowDate bool) {
		v := timeValue{allowDate: allowDate}
		if err := v.Set(s); err != nil {
			if !strings.HasPrefix(err.Error(), "want ") {
				t.Fatalf("Set(%q): unexpected error %v", s, err)
			}
			return
		}
		if v.String() != s || !v.isSet() {
			t.Fatalf("Set(%q) kept %q", s, v.String())
		}
		if abs, err := time.Parse(time.RFC3339, s); err == nil {
			got, err := v.in(time.UTC)
			if v.isWall() || err != nil || !got.Equal(abs) {
				t.Fatalf("RFC 3339 %q placed at %v, %v (wall %v)", s, got, err, v.isWall())
			}
			return
		}
		for _, name := range fuzzZones {
			loc, err := time.LoadLocation(name)
			if err != nil {
				t.Skip("no zone database")
			}
			got, err := v.in(loc)
			if err != nil {
				if msg := err.Error(); !strings.Contains(msg, "does not exist in") && !strings.Contains(msg, "happens twice in") {
					t.Fatalf("%q in %s: unexpected error %v", s, name, err)
				}
				continue
			}
			local, w := got.In(loc), v.wall
			if v.dateOnly {
				// The day's first instant: on the day, or where the clocks
				// land when the day is skipped.
				day := model.DateOf(w)
				if model.DateOf(local).Before(day) || !model.DateOf(got.Add(-time.Second).In(loc)).Before(day) {
					t.Fatalf("date %q in %s placed at %v, not the start of the day", s, name, local)
				}
				continue
			}
			if !sameWall(local, w) {
				t.Fatalf("%q in %s placed at %v, another wall-clock time", s, name, local)
			}
		}
	})
}

func FuzzDateValue(f *testing.F) {
	f.Add("2026-12-01")
	f.Fuzz(func(t *testing.T, s string) {
		var d dateValue
		if d.Set(s) != nil {
			return
		}
		var again dateValue
		if err := again.Set(d.String()); err != nil || again != d {
			t.Fatalf("%q reads as %q, which reads back as %v, %v", s, d.String(), again, err)
		}
	})
}
