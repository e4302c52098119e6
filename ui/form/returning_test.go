package form

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/uitest"
)

// due feeds the form the lookup pauses that ended among out, as the
// runtime would once typing stops, and returns what that sent out.
func due(t *testing.T, m Model, out []tea.Msg) (Model, []tea.Msg) {
	t.Helper()
	var more []tea.Msg
	for _, msg := range out {
		if s, ok := msg.(scheduled); ok {
			if tick, ok := s.msg.(lookupTickMsg); ok {
				var cmd tea.Cmd
				m, cmd = m.Update(tick)
				var next []tea.Msg
				m, next = run(t, m, cmd)
				more = append(more, next...)
			}
		}
	}
	return m, more
}

// pauses are the lookup pauses among out.
func pauses(out []tea.Msg) []tea.Msg {
	var ticks []tea.Msg
	for _, msg := range out {
		if s, ok := msg.(scheduled); ok {
			if _, ok := s.msg.(lookupTickMsg); ok {
				ticks = append(ticks, s.msg)
			}
		}
	}
	return ticks
}

// typeAndWait types s into the focused field and lets the pause end.
func typeAndWait(t *testing.T, m Model, s string) Model {
	t.Helper()
	m, out := press(t, m, s)
	m, _ = due(t, m, out)
	return m
}

// regular is a seeded live appointment with a phone, from the sandbox.
func regular(t *testing.T, e *env, phonePrefix string) model.Appointment {
	t.Helper()
	page, err := e.client.Appointments(e.c.Ctx, api.AppointmentFilter{PageSize: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range page.Items {
		if !a.Cancelled() && strings.HasPrefix(a.Contact.Phone, phonePrefix) && a.LocationID == e.loc.ID {
			return a
		}
	}
	t.Fatalf("no seeded appointment with a %q phone", phonePrefix)
	return model.Appointment{}
}

func returningEnv(t *testing.T) *env {
	t.Helper()
	e := newEnv(t, 0)
	e.c.Prefs.ReturningCustomers = true
	return e
}

func TestReturningCustomerOfferedAndFilledWithOneKey(t *testing.T) {
	e := returningEnv(t)
	a := regular(t, e, "+")
	m, _ := e.form(t)
	first, _, _ := strings.Cut(a.Contact.Name, " ")
	m = typeAndWait(t, m, strings.ToLower(first))
	want := "↺ Returning: " + a.Contact.Name + " · " + a.Contact.Email + " · " + a.Contact.Phone + " · ctrl+r fills"
	if v := view(m); !strings.Contains(v, want) {
		t.Fatalf("no offer %q in\n%s", want, v)
	}
	m, _ = press(t, m, "ctrl+r")
	got := m.Contact()
	if got.Name != a.Contact.Name || got.Email != a.Contact.Email || got.Phone != a.Contact.Phone || got.Notes != "" {
		t.Fatalf("filled %+v from %+v", got, a.Contact)
	}
	v := view(m)
	for _, s := range []string{"✓ Filled in " + a.Contact.Name + "'s details", "✓ Returning customer: "} {
		if !strings.Contains(v, s) {
			t.Errorf("no %q in\n%s", s, v)
		}
	}
	if strings.Contains(v, "ctrl+r fills") || strings.Contains(v, "✕") {
		t.Errorf("still offered, or an error, after filling:\n%s", v)
	}
	if m.focus != fieldNotes {
		t.Errorf("focus on field %d after filling, want notes", m.focus)
	}
	if d, ok := e.draft(m); !ok || d.Contact.Email != a.Contact.Email {
		t.Errorf("draft after filling: %+v, %v", d.Contact, ok)
	}
}

// formOn holds the first free slot on day and opens the form on it.
func (e *env) formOn(t *testing.T, day model.Date) Model {
	t.Helper()
	av, err := e.client.Availability(e.c.Ctx, e.svc.ID, e.loc.ID, 14)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := av.Day(day)
	if len(d.Slots) == 0 {
		return Model{}
	}
	h, err := e.c.Session.Hold(e.c.Ctx, e.svc, e.loc, d.Slots[0])
	if err != nil {
		t.Fatal(err)
	}
	m := noSleep(New(e.c, e.c.Session.Begin(e.svc, e.loc, d.Slots[0], h, model.Contact{})))
	m.SetSize(100, 30)
	return m
}

func TestReturningCustomerWithABookingThatDayIsWarned(t *testing.T) {
	e := returningEnv(t)
	page, err := e.client.Appointments(e.c.Ctx, api.AppointmentFilter{From: e.clock.Now(), PageSize: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range page.Items {
		zone := e.loc.Zone()
		if a.Cancelled() || a.LocationID != e.loc.ID {
			continue
		}
		m := e.formOn(t, model.DateOf(a.Time.In(zone)))
		if m.intent == nil {
			continue // nothing free that day
		}
		m, _ = press(t, m, "tab")
		m = typeAndWait(t, m, a.Contact.Email)
		want := "! " + a.Contact.Name + " already has "
		at := model.Clock{H24: true}.TimeZone(a.Time, zone)
		v := view(m)
		if !strings.Contains(v, want) || !strings.Contains(v, at) {
			t.Fatalf("no %q with %s in\n%s", want, at, v)
		}
		// Still there on the review line's screen, where booking is decided.
		m, _ = press(t, m, "shift+tab")
		m, _ = press(t, m, "ctrl+r")
		m, _ = press(t, m, "ctrl+s")
		if v := view(m); !strings.Contains(v, want) || !strings.Contains(v, "enter confirm") {
			t.Fatalf("review without the warning:\n%s", v)
		}
		return
	}
	t.Fatal("no upcoming seeded appointment on a day with a free slot")
}

func TestReturningCustomerFoundByPhone(t *testing.T) {
	e := returningEnv(t)
	a := regular(t, e, "+33 ")
	national := "0" + strings.TrimPrefix(a.Contact.Phone, "+33 ")
	m, _ := e.form(t)
	m, _ = press(t, m, "tab", "tab")
	m = typeAndWait(t, m, national)
	if v := view(m); !strings.Contains(v, "↺ Returning: "+a.Contact.Name+" · "+a.Contact.Email) {
		t.Fatalf("%s not offered for %q:\n%s", a.Contact.Name, national, v)
	}
	m, _ = press(t, m, "ctrl+r")
	if got := m.Contact(); got.Name != a.Contact.Name || got.Phone != a.Contact.Phone {
		t.Fatalf("filled %+v", got)
	}
}

// Only the latest pause in typing searches, and only the latest search's
// answer is shown.
func TestReturningLookupKeepsOnlyTheLatest(t *testing.T) {
	c := uitest.NewClock(start)
	m := fixture(t, c, model.Contact{})
	m.c.Prefs.ReturningCustomers = true
	m, out := press(t, m, "Dan")
	first := pauses(out)
	m, out = press(t, m, "a")
	second := pauses(out)
	if len(first) != 1 || len(second) != 1 {
		t.Fatalf("pauses %v then %v, want one each", first, second)
	}
	if _, cmd := m.Update(first[0]); cmd != nil {
		t.Fatal("a pause typing went on from started a search")
	}
	m, cmd := m.Update(second[0])
	if cmd == nil || !m.look.busy {
		t.Fatal("the latest pause started no search")
	}
	m, _ = m.Update(customersMsg{gen: m.look.gen - 1})
	if !m.look.busy {
		t.Fatal("an older search's answer was taken")
	}
	// Too little to search on: no pause, and no offer left standing.
	m, _ = press(t, m, "backspace") // "Dan"
	m, out = press(t, m, "backspace", "backspace")
	if len(pauses(out)) != 0 || m.look.busy || m.look.field != -1 {
		t.Fatalf("after erasing: %v, busy %v, field %d", out, m.look.busy, m.look.field)
	}
}

// In the kiosk nobody is offered anyone's details: no search, no keys.
func TestReturningOffSearchesNothing(t *testing.T) {
	e := newEnv(t, 0)
	a := regular(t, e, "+")
	m, _ := e.form(t)
	m, _ = press(t, m, "tab")
	m, out := press(t, m, a.Contact.Email)
	m, more := due(t, m, out)
	m, _ = press(t, m, "ctrl+r", "ctrl+o")
	if len(more) != 0 || m.look.busy || m.look.field != -1 || m.Contact().Name != "" || len(pauses(out)) != 0 {
		t.Fatalf("searched with the feature off: %v, %+v", more, m.look)
	}
	if v := view(m); strings.Contains(v, "Returning") || strings.Contains(v, a.Contact.Name) {
		t.Fatalf("offered details:\n%s", v)
	}
	for _, g := range m.FullHelp() {
		for _, b := range g {
			if b.Help().Key == "ctrl+r" || b.Help().Key == "ctrl+o" {
				t.Fatalf("help lists %s", b.Help().Key)
			}
		}
	}
}

// A customer last seen over a year ago is found when the desk asks for
// all bookings.
func TestReturningSearchesAllBookingsOnRequest(t *testing.T) {
	e := returningEnv(t)
	a := regular(t, e, "+")
	e.clock.Advance(420 * 24 * time.Hour)
	m, _ := e.form(t)
	m, _ = press(t, m, "tab")
	m = typeAndWait(t, m, a.Contact.Email)
	if v := view(m); !strings.Contains(v, "No earlier booking matches in the past 6 months or the next 3 · ctrl+o search all") {
		t.Fatalf("recent search:\n%s", v)
	}
	m, _ = press(t, m, "ctrl+o")
	if v := view(m); !strings.Contains(v, "↺ Returning: "+a.Contact.Name) {
		t.Fatalf("all-time search:\n%s", v)
	}
}

// Without appointments:read the desk history still offers its customers,
// and says it is all there was to search.
func TestReturningFromTheDeskHistoryWithoutReadScope(t *testing.T) {
	e := returningEnv(t)
	e.sb.DisableRoute("appointments.list")
	m, _ := e.form(t)
	m = fill(t, m, "dana.lee@example.com")
	m, _ = press(t, m, "ctrl+s")
	m, out := press(t, m, "enter")
	if _, ok := find[common.BookedMsg](out); !ok {
		t.Fatalf("not booked: %v\n%s", out, view(m))
	}
	m2, _ := e.form(t)
	m2 = typeAndWait(t, m2, "dana l")
	v := view(m2)
	if !strings.Contains(v, "↺ Returning: Dana Lee · dana.lee@example.com") || !strings.Contains(v, "this desk's history only") {
		t.Fatalf("desk history offer:\n%s", v)
	}
}
