package booking

import (
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
)

// seededWith is the first live seeded appointment whose phone starts with
// prefix, read from the sandbox.
func seededWith(t *testing.T, d *desk, prefix string) model.Appointment {
	t.Helper()
	page, err := d.env.Client.Appointments(ctx, api.AppointmentFilter{PageSize: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range page.Items {
		if !a.Cancelled() && strings.HasPrefix(a.Contact.Phone, prefix) {
			return a
		}
	}
	t.Fatalf("no seeded appointment with a %s phone", prefix)
	return model.Appointment{}
}

// dayOf bounds a's day in its location's zone.
func dayOf(d *desk, a model.Appointment) (time.Time, time.Time) {
	zone := d.loc.Zone()
	day := model.DateOf(a.Time.In(zone))
	return day.In(zone), day.AddDays(1).In(zone)
}

func TestFindCustomersByEmailWithTheirDay(t *testing.T) {
	d := newDesk(t, nil)
	a := seededWith(t, d, "+")
	from, to := dayOf(d, a)
	local, _, _ := strings.Cut(a.Contact.Email, "@")
	got := d.o.FindCustomers(ctx, CustomerSearch{Field: model.FieldEmail, Text: strings.ToUpper(local), DayFrom: from, DayTo: to})
	if got.ServerErr != nil || len(got.Found) == 0 {
		t.Fatalf("found %+v", got)
	}
	c := got.Found[0]
	want := model.Contact{Name: a.Contact.Name, Email: a.Contact.Email, Phone: a.Contact.Phone}
	if c.Contact != want || c.Bookings < 1 || c.Last.Before(a.Time) {
		t.Fatalf("customer %+v, want %+v with at least the booking of %v", c, want, a.Time)
	}
	var ids []string
	for _, v := range c.SameDay {
		ids = append(ids, v.Appointment.ID)
		if v.Service.Name == "" || v.Location.Name == "" {
			t.Errorf("visit %+v lacks its names", v)
		}
	}
	if !strings.Contains(strings.Join(ids, ","), a.ID) {
		t.Fatalf("same day %v lacks %s", ids, a.ID)
	}
	if got.From.IsZero() || got.To.IsZero() {
		t.Fatal("a recent search left its window open")
	}

	// A day they have nothing on warns of nothing.
	far := from.AddDate(0, 0, 60)
	got = d.o.FindCustomers(ctx, CustomerSearch{Field: model.FieldEmail, Text: a.Contact.Email, DayFrom: far, DayTo: far.AddDate(0, 0, 1)})
	if len(got.Found) != 1 || len(got.Found[0].SameDay) != 0 {
		t.Fatalf("on a free day: %+v", got.Found)
	}
}

func TestFindCustomersByPhoneHoweverWritten(t *testing.T) {
	d := newDesk(t, nil)
	fr := seededWith(t, d, "+33 ")
	national := "0" + strings.TrimPrefix(fr.Contact.Phone, "+33 ") // "06 12 34 56 78"
	us := seededWith(t, d, "+1 ")
	for _, tc := range []struct {
		typed string
		want  model.Appointment
	}{
		{national, fr},
		{strings.ReplaceAll(national, " ", ""), fr},
		{strings.TrimPrefix(us.Contact.Phone, "+1 "), us},
		{strings.ReplaceAll(us.Contact.Phone, " ", "-"), us},
	} {
		got := d.o.FindCustomers(ctx, CustomerSearch{Field: model.FieldPhone, Text: tc.typed})
		if len(got.Found) == 0 || got.Found[0].Contact.Email != tc.want.Contact.Email {
			t.Errorf("%q found %+v, want %s first", tc.typed, got.Found, tc.want.Contact.Email)
		}
	}
	if got := d.o.FindCustomers(ctx, CustomerSearch{Field: model.FieldPhone, Text: "12 34"}); len(got.Found) != 0 {
		t.Errorf("four digits searched: %+v", got)
	}
}

// A customer last seen over a year ago is found only when all time is
// asked for.
func TestFindCustomersBeyondTheWindow(t *testing.T) {
	d := newDesk(t, nil)
	a := seededWith(t, d, "+")
	later := New(d.env.Client, state.NewMemory(), Options{Now: func() time.Time { return d.env.Clock.Now().AddDate(1, 2, 0) }})
	s := CustomerSearch{Field: model.FieldEmail, Text: a.Contact.Email}
	if got := later.FindCustomers(ctx, s); len(got.Found) != 0 || got.ServerErr != nil {
		t.Fatalf("recent search found %+v", got)
	}
	s.AllTime = true
	got := later.FindCustomers(ctx, s)
	if len(got.Found) != 1 || got.Found[0].Contact.Name != a.Contact.Name || !got.From.IsZero() || !got.To.IsZero() {
		t.Fatalf("all-time search: %+v", got)
	}
}

func TestFindCustomersWithoutReadScopeSearchesTheDeskHistory(t *testing.T) {
	d := newDesk(t, nil)
	d.env.Sandbox.AddClient("writer", "writer-secret", "org:read", "availability:read", "appointments:write")
	store := state.NewMemory()
	o := New(d.env.NewClient(t, func(c *api.Config) { c.ClientID, c.ClientSecret = "writer", "writer-secret" }), store, Options{Now: d.env.Clock.Now})
	slot := d.day.Slots[0]
	booked := model.Appointment{ID: "a_journal1", Status: model.StatusConfirmed, ServiceID: d.svc.ID, LocationID: d.loc.ID,
		Time: slot.Start, Contact: model.Contact{Name: "Journal Only", Email: "jo@example.com", Phone: "+44 20 7946 0000", Notes: "private"}}
	if err := store.AppendJournal(journal.Entry{At: d.env.Clock.Now(), Action: journal.Booked, Appointment: booked}); err != nil {
		t.Fatal(err)
	}
	from, to := dayOf(d, booked)
	got := o.FindCustomers(ctx, CustomerSearch{Field: model.FieldName, Text: "journal o", DayFrom: from, DayTo: to})
	if !api.IsForbidden(got.ServerErr) {
		t.Fatalf("server error %v, want 403", got.ServerErr)
	}
	want := model.Contact{Name: "Journal Only", Email: "jo@example.com", Phone: "+44 20 7946 0000"}
	if len(got.Found) != 1 || got.Found[0].Contact != want || len(got.Found[0].SameDay) != 1 {
		t.Fatalf("found %+v, want %+v with its booking that day", got.Found, want)
	}
}

func TestCustomersOfRanksAndMerges(t *testing.T) {
	day := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	appt := func(id, name, email, phone string, at time.Time, status string) model.Appointment {
		return model.Appointment{ID: id, Status: status, Time: at, Contact: model.Contact{Name: name, Email: email, Phone: phone, Notes: "keep out"}}
	}
	all := []model.Appointment{
		appt("a_1", "Marie Curie", "marie@example.fr", "+33 1 11", day.AddDate(0, 0, -30), model.StatusConfirmed),
		appt("a_2", "Marie Curie", "MARIE@example.fr", "", day.AddDate(0, 0, -2), model.StatusConfirmed),
		appt("a_3", "Marie Curie", "marie@example.fr", "", day.Add(9*time.Hour), model.StatusCancelled),
		appt("a_4", "Marie Curie", "marie@example.fr", "", day.Add(14*time.Hour), model.StatusConfirmed),
		appt("a_5", "Maria Mariani", "mm@example.it", "+39 06 1", day.AddDate(0, 0, 3), model.StatusConfirmed),
		appt("a_6", "Pierre", "pierre@example.fr", "", day, model.StatusConfirmed), // matched only by id on a loose server
	}
	got := customersOf(all, CustomerSearch{Field: model.FieldName, Text: "marie curie", DayFrom: day, DayTo: day.AddDate(0, 0, 1)}, model.Catalog{})
	if len(got) != 1 {
		t.Fatalf("customers %+v", got)
	}
	c := got[0]
	if c.Contact.Phone != "+33 1 11" || c.Contact.Notes != "" || c.Bookings != 4 || !c.Last.Equal(day.Add(14*time.Hour)) {
		t.Fatalf("customer %+v", c)
	}
	if len(c.SameDay) != 1 || c.SameDay[0].Appointment.ID != "a_4" {
		t.Fatalf("same day %+v, want a_4 only (a_3 is cancelled)", c.SameDay)
	}
	got = customersOf(all, CustomerSearch{Field: model.FieldName, Text: "mari"}, model.Catalog{})
	if len(got) != 2 || got[0].Contact.Name != "Maria Mariani" {
		t.Fatalf("by latest booking: %+v", got)
	}
	got = customersOf(all, CustomerSearch{Field: model.FieldName, Text: "Marie Curie"}, model.Catalog{})
	if got[0].Contact.Name != "Marie Curie" {
		t.Fatalf("exact first: %+v", got)
	}
}

func TestSearchable(t *testing.T) {
	for _, tc := range []struct {
		s    CustomerSearch
		want bool
	}{
		{CustomerSearch{Field: model.FieldName, Text: " Li "}, false},
		{CustomerSearch{Field: model.FieldName, Text: "Léa"}, true},
		{CustomerSearch{Field: model.FieldEmail, Text: "da@"}, true},
		{CustomerSearch{Field: model.FieldPhone, Text: "+33 6 12"}, false},
		{CustomerSearch{Field: model.FieldPhone, Text: "+33 6 123"}, true},
		{CustomerSearch{Field: model.FieldNotes, Text: "first visit"}, false},
	} {
		if got := tc.s.Searchable(); got != tc.want {
			t.Errorf("%+v: %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestWalkInChoices(t *testing.T) {
	d := newDesk(t, nil)
	cat, err := d.o.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var svcs []model.Service
	for _, s := range cat.Services {
		if s.OfferedAt(d.loc.ID) {
			svcs = append(svcs, s)
		}
	}
	now := d.env.Clock.Now()
	today := model.DateOf(now.In(d.loc.Zone()))
	for i, c := range d.o.WalkInChoices(ctx, d.loc, svcs, 30) {
		if c.Err != nil || c.Service.ID != svcs[i].ID || model.DateOf(c.Today.Start.In(d.loc.Zone())) != today || !c.Today.Start.After(now) {
			t.Errorf("choice %d: %+v", i, c)
		}
	}
	d.env.Clock.Advance(10 * time.Hour) // 19:00 in Paris: closed
	for _, c := range d.o.WalkInChoices(ctx, d.loc, svcs, 30) {
		if !c.Today.Start.IsZero() || !c.Next.Start.After(d.env.Clock.Now()) {
			t.Errorf("after hours: %+v", c)
		}
	}
}

// The API's confirm needs an email, walk-ins too: the walk-in says so
// instead of offering it as optional.
func TestConfirmWithoutEmailIsRefused(t *testing.T) {
	d := newDesk(t, nil)
	s := d.o.NewSession()
	slot := d.day.Slots[0]
	i := s.Begin(d.svc, d.loc, slot, d.hold(t, s, slot), model.Contact{})
	out := i.Confirm(ctx, model.Contact{Name: "Walk In"})
	if out.Result != Refused || out.Field != model.FieldEmail {
		t.Fatalf("outcome %+v", out)
	}
}
