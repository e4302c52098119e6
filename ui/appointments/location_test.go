package appointments

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/uitest"
)

func locationNamed(t *testing.T, m Model, name string) model.Location {
	t.Helper()
	for _, l := range m.opts.Catalog.Locations {
		if l.Name == name {
			return l
		}
	}
	t.Fatalf("no location %q", name)
	return model.Location{}
}

func visibleRows(m Model) []model.Appointment {
	out := make([]model.Appointment, len(m.visible))
	for i, v := range m.visible {
		out[i] = m.items[v]
	}
	return out
}

// Rows of two zones: each row's time in its location's zone, with the
// zone named and the location in its own column; rows grouped by day,
// then location, so the times of two zones never interleave.
func TestTwoZonesDoNotInterleave(t *testing.T) {
	env := uitest.NewEnv(t)
	m := newScreen(t, env, 120, 60, nil)
	type group struct {
		day model.Date
		loc string
	}
	var groups []group
	zones := map[string]bool{}
	for _, a := range visibleRows(m) {
		zone := m.zone(a)
		g := group{model.DateOf(a.Time.In(zone)), a.LocationID}
		if n := len(groups); n == 0 || groups[n-1] != g {
			if slices.Contains(groups, g) {
				t.Fatalf("%s at %s comes back after other rows:\n%s", g.day, g.loc, view(m))
			}
			groups = append(groups, g)
		}
		zones[model.ZoneName(a.Time.In(zone))] = true
	}
	if len(zones) < 2 {
		t.Fatalf("one zone only (%v); the test needs two", zones)
	}
	v := view(m)
	mustContain(t, v, "Where", "08:00 EST New York", "10:15 CET Paris")
	// A new page keeps the cursor on its appointment, whatever it adds above.
	m = selectID(t, m, visibleRows(m)[40].ID)
	before, _ := m.Selected()
	for m.next != "" {
		m, _ = run(t, m, m.fetch(m.req, m.next))
		if a, _ := m.Selected(); a.ID != before.ID {
			t.Fatalf("a new page moved the cursor from %s to %s", before.ID, a.ID)
		}
	}
}

// L narrows the list to each location in turn, then all again; the title
// names the location and the Where column goes while one is shown.
func TestLocationFilter(t *testing.T) {
	env := uitest.NewEnv(t)
	m := newScreen(t, env, 100, 40, nil)
	paris, ny := locationNamed(t, m, "Paris – Marais"), locationNamed(t, m, "New York – SoHo")
	for _, want := range []model.Location{paris, ny} {
		m, _ = press(t, m, "L")
		rows := visibleRows(m)
		if len(rows) == 0 {
			t.Fatalf("nothing at %s", want.Name)
		}
		for _, a := range rows {
			if a.LocationID != want.ID {
				t.Fatalf("filtered to %s, a row at %s", want.Name, a.LocationID)
			}
		}
		v := view(m)
		mustContain(t, v, "Appointments · "+want.Name)
		if strings.Contains(v, "Time      Where") {
			t.Errorf("the Where column stays while one location is shown:\n%s", v)
		}
		if len(rows) < m.listRows() && m.next != "" {
			t.Errorf("%d rows at %s and more pages unread: the screen is not filled", len(rows), want.Name)
		}
	}
	// Reading on to fill the screen does not stop the list refreshing.
	if len(m.items) <= PageSize {
		t.Fatalf("%d items read for New York; the test needs more than a page", len(m.items))
	}
	if m2, _ := m.Update(refreshTickMsg{m.gen}); !m2.loading {
		t.Fatal("the filtered list does not refresh itself")
	}
	m, _ = press(t, m, "L")
	mustContain(t, view(m), "Appointments · all locations", "Time      Where")
	if m.onlyAt != "" {
		t.Fatalf("third L left the filter on %s", m.onlyAt)
	}
}

// d asks for the agenda of the selected row's day (in its zone) and
// location.
func TestAgendaKey(t *testing.T) {
	env := uitest.NewEnv(t)
	m := newScreen(t, env, 100, 40, nil)
	ny := locationNamed(t, m, "New York – SoHo")
	i := slices.IndexFunc(visibleRows(m), func(a model.Appointment) bool { return a.LocationID == ny.ID })
	m = selectID(t, m, visibleRows(m)[i].ID)
	a, _ := m.Selected()
	_, msgs := press(t, m, "d")
	got, ok := msgOf[common.OpenAgendaMsg](msgs)
	want := model.DateOf(a.Time.In(ny.Zone()))
	if !ok || got.Date != want || got.Location.ID != ny.ID || got.Service.ID != a.ServiceID || got.Select != a.ID {
		t.Fatalf("d gave %+v, want %s at %s for %s", got, want, ny.Name, a.ServiceID)
	}
}

// Opened on one booking of the agenda: that day at that location, the
// booking selected, its detail shown; 1–4 go back to the usual windows.
func TestOpenOnOneBooking(t *testing.T) {
	env := uitest.NewEnv(t)
	cat := catalogue(t, env.Client)
	m0 := newScreen(t, env, 78, 20, nil)
	paris := locationNamed(t, m0, "Paris – Marais")
	var target model.Appointment
	for _, a := range visibleRows(m0) {
		if a.LocationID == paris.ID && model.DateOf(a.Time.In(paris.Zone())) == (model.Date{Year: 2026, Month: 3, Day: 4}) {
			target = a // the day's last at Paris
		}
	}
	day := model.DateOf(target.Time.In(paris.Zone()))
	m := New(env.Common(context.Background()), Options{Catalog: cat, Day: day, Location: paris.ID, Select: target.ID})
	m.SetSize(78, 20)
	m, _ = run(t, m, m.Init())
	if a, ok := m.Selected(); !ok || a.ID != target.ID {
		t.Fatalf("selected %s, want %s", a.ID, target.ID)
	}
	for _, a := range visibleRows(m) {
		if a.LocationID != paris.ID || model.DateOf(a.Time.In(paris.Zone())) != day {
			t.Fatalf("a row at %s on %s", a.LocationID, a.Time)
		}
	}
	mustContain(t, view(m), "Appointments · Wed 4 March · Paris – Marais", target.Contact.Name, "Customer")
	m, _ = press(t, m, "3")
	if !m.day.IsZero() || m.rng != model.Upcoming || !strings.Contains(view(m), "[3 Upcoming]") {
		t.Fatalf("3 did not go back to the upcoming list:\n%s", view(m))
	}
}
