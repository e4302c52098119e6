package cli_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/zimun-app/zimun/model"
)

// locationsOf is the demo's active locations by name.
func locationsOf(t *testing.T, f *fixture) map[string]model.Location {
	t.Helper()
	var list []model.Location
	f.okJSON(&list, "locations")
	out := map[string]model.Location{}
	for _, l := range list {
		if l.Active {
			out[l.Name] = l
		}
	}
	if len(out) < 2 || out["Paris – Marais"].Timezone == out["New York – SoHo"].Timezone {
		t.Fatalf("the demo needs two locations in two zones: %+v", out)
	}
	return out
}

// Rows of two zones: each in its location's own zone with the zone
// named, a LOCATION column, and grouped by day then location so their
// times never interleave.
func TestAppointmentsTwoZones(t *testing.T) {
	f := newFixture(t)
	locs := locationsOf(t, f)
	var all []model.Appointment
	f.okJSON(&all, "appointments", "--upcoming")
	zoneOf := map[string]*model.Location{}
	for _, l := range locs {
		zoneOf[l.ID] = &l
	}
	byID := map[string]model.Appointment{}
	for _, a := range all {
		byID[a.ID] = a
	}

	out := f.ok("appointments", "--upcoming")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.Contains(lines[0], "LOCATION") {
		t.Fatalf("no LOCATION column:\n%s", lines[0])
	}
	seenZones := map[string]bool{}
	type group struct{ day, loc string }
	var groups []group
	for _, line := range lines[1:] {
		id := strings.Fields(line)[0]
		a, ok := byID[id]
		if !ok {
			t.Fatalf("row %q is not in the JSON", line)
		}
		l := zoneOf[a.LocationID]
		if l == nil {
			continue
		}
		local := a.Time.In(l.Zone())
		when := local.Format("2006-01-02 Mon 15:04") + "–" + a.End().In(l.Zone()).Format("15:04") + " " + model.ZoneName(local)
		if !strings.Contains(line, when) || !strings.Contains(line, l.Name) {
			t.Errorf("row %s: want %q at %s in:\n%s", id, when, l.Name, line)
		}
		seenZones[model.ZoneName(local)] = true
		g := group{local.Format("2006-01-02"), l.ID}
		if n := len(groups); n == 0 || groups[n-1] != g {
			if slices.Contains(groups, g) {
				t.Fatalf("%s at %s comes back after other rows: times of two zones interleave\n%s", g.day, l.Name, out)
			}
			groups = append(groups, g)
		}
	}
	if len(seenZones) < 2 {
		t.Fatalf("rows in one zone only (%v); the test needs two", seenZones)
	}
}

// --location takes an id or a name (any case); the rows are that
// location's only, --limit counts them, and an unknown one is a usage
// error naming the choices.
func TestAppointmentsLocationFilter(t *testing.T) {
	f := newFixture(t)
	ny := locationsOf(t, f)["New York – SoHo"]
	var all []model.Appointment
	f.okJSON(&all, "appointments", "--upcoming")
	var want []string
	for _, a := range all {
		if a.LocationID == ny.ID {
			want = append(want, a.ID)
		}
	}
	if len(want) < 3 || len(want) == len(all) {
		t.Fatalf("%d of %d upcoming appointments in New York; the test needs some, not all", len(want), len(all))
	}
	for _, key := range []string{ny.ID, "new york – soho"} {
		var got []model.Appointment
		f.okJSON(&got, "appointments", "--upcoming", "--location", key)
		ids := make([]string, len(got))
		for i, a := range got {
			ids[i] = a.ID
		}
		if !slices.Equal(ids, want) {
			t.Errorf("--location %q: %v, want %v", key, ids, want)
		}
	}
	out := f.ok("appointments", "--upcoming", "--location", "New York – SoHo")
	if strings.Contains(out, "Paris") || !strings.Contains(out, "New York – SoHo") {
		t.Errorf("the table shows another location:\n%s", out)
	}
	var two []model.Appointment
	f.okJSON(&two, "appointments", "--upcoming", "--location", ny.ID, "--limit", "2")
	if len(two) != 2 || two[0].ID != want[0] || two[1].ID != want[1] {
		t.Errorf("--limit 2: %+v, want %v", two, want[:2])
	}

	code, _, errs := f.run("appointments", "--location", "Berlin")
	if code != 2 || !strings.Contains(errs, `no location "Berlin"`) || !strings.Contains(errs, "New York – SoHo") {
		t.Errorf("unknown location: exit %d, %q", code, errs)
	}
	code, _, errs = f.run("appointments", "--location", "Paris\x1b[2J")
	if code != 2 || !strings.Contains(errs, "--location") || strings.Contains(errs, "\x1b") {
		t.Errorf("a control character: exit %d, %q", code, errs)
	}
}
