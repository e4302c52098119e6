package booking

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
)

// The recent window a customer search asks the server about, unless it
// asks for all time: the past RecentPast and the next RecentAhead (the
// furthest the API books).
const (
	RecentPast  = 180 * 24 * time.Hour
	RecentAhead = 91 * 24 * time.Hour
)

// How much of the server's list one search reads at most.
const (
	searchPageSize = 100
	searchPages    = 5
	// MaxCustomers is how many customers a search returns at most.
	MaxCustomers = 5
)

// CustomerSearch is text typed into one contact field, to find the
// people it may be.
type CustomerSearch struct {
	Field string // model.FieldName, FieldEmail or FieldPhone
	Text  string
	// AllTime asks about every booking the server keeps, not only the
	// recent window.
	AllTime bool
	// DayFrom and DayTo bound the day being booked: each customer's
	// bookings that day are reported, for a warning.
	DayFrom, DayTo time.Time
}

// Searchable reports whether the text is enough to search on: three
// characters of a name or email, six digits of a phone number. Less
// matches too many people to be of use.
func (s CustomerSearch) Searchable() bool {
	text := strings.TrimSpace(s.Text)
	switch s.Field {
	case model.FieldName, model.FieldEmail:
		return len([]rune(text)) >= 3
	case model.FieldPhone:
		return len(digits(text)) >= 6
	}
	return false
}

// Customer is someone booked here before: their details as last given.
type Customer struct {
	Contact  model.Contact // name, email and the latest phone; never notes
	Last     time.Time     // their latest booking's start
	Bookings int
	// SameDay are their live bookings on the searched day (by email).
	SameDay []Visit
}

// Visit is a booking with the names of what and where.
type Visit struct {
	Appointment model.Appointment
	Service     model.Service  // zero when the catalogue does not know it
	Location    model.Location // likewise
}

// Customers is what a search found.
type Customers struct {
	Found []Customer // best first, at most MaxCustomers
	// ServerErr says why the server could not be asked (a client without
	// appointments:read gets 403): only the desk history was searched.
	ServerErr error
	// Partial: more bookings matched on the server than were read.
	Partial bool
	// From and To bound what the server was asked about; zero = open.
	From, To time.Time
}

// FindCustomers looks for returning customers: in the server's
// appointments (its q search for a name or email; for a phone number,
// which q may not cover, the window's list read and matched here) and in
// this desk's history. Each customer's bookings on the searched day come
// with them. It never fails: without the server it falls back to the
// desk history and says why in ServerErr.
func (o *Office) FindCustomers(ctx context.Context, s CustomerSearch) Customers {
	var out Customers
	if !s.Searchable() {
		return out
	}
	if !s.AllTime {
		now := o.now()
		out.From, out.To = now.Add(-RecentPast), now.Add(RecentAhead)
	}
	f := api.AppointmentFilter{From: out.From, To: out.To, PageSize: searchPageSize}
	if s.Field != model.FieldPhone {
		f.Query = strings.TrimSpace(s.Text)
	}

	// The day is read on its own only when the search cannot vouch for
	// it: a window that misses it, or pages left unread.
	covers := s.AllTime || (!s.DayFrom.Before(out.From) && !s.DayTo.After(out.To))
	server, partial, serverErr := o.readAll(ctx, f)
	var day []model.Appointment
	var wg sync.WaitGroup
	if serverErr == nil && !s.DayFrom.IsZero() && (partial || !covers) {
		wg.Go(func() {
			day, _, _ = o.readAll(ctx, api.AppointmentFilter{From: s.DayFrom, To: s.DayTo, PageSize: searchPageSize})
		})
	}
	var history []model.Appointment
	if entries, err := o.store.Journal(); err == nil {
		for _, e := range journal.LatestOf(entries) {
			history = append(history, e.Appointment)
		}
	}
	wg.Wait()
	out.ServerErr, out.Partial = serverErr, partial

	seen := map[string]bool{}
	var all []model.Appointment
	for _, list := range [][]model.Appointment{server, day, history} {
		for _, a := range list {
			if a.ID != "" && seen[a.ID] {
				continue // the server's copy is the newer
			}
			seen[a.ID] = true
			all = append(all, a)
		}
	}
	cat, _ := o.Catalog(ctx)
	out.Found = customersOf(all, s, cat.Catalog)
	return out
}

// readAll reads up to searchPages pages of f; partial says more were left.
func (o *Office) readAll(ctx context.Context, f api.AppointmentFilter) (items []model.Appointment, partial bool, err error) {
	for range searchPages {
		page, err := o.Appointments(ctx, f)
		if err != nil {
			return items, false, err
		}
		items = append(items, page.Items...)
		if page.NextPageToken == "" {
			return items, false, nil
		}
		f.PageToken = page.NextPageToken
	}
	return items, true, nil
}

// customersOf groups the appointments matching s by person (email and
// name), best match first: an exact match, then the latest booking.
func customersOf(all []model.Appointment, s CustomerSearch, cat model.Catalog) []Customer {
	type group struct {
		c       Customer
		exact   bool
		phoneAt time.Time
	}
	byKey := map[string]*group{}
	var order []*group
	for _, a := range all {
		if !matchesSearch(a.Contact, s) {
			continue
		}
		ct := a.Contact
		k := fold(ct.Email) + "\n" + fold(ct.Name)
		g := byKey[k]
		if g == nil {
			g = &group{}
			byKey[k] = g
			order = append(order, g)
		}
		g.c.Bookings++
		g.exact = g.exact || exactly(ct, s)
		if a.Time.After(g.c.Last) || g.c.Contact.Email == "" {
			phone := g.c.Contact.Phone
			g.c.Contact = model.Contact{Name: ct.Name, Email: ct.Email, Phone: phone}
			g.c.Last = a.Time
		}
		if ct.Phone != "" && (g.c.Contact.Phone == "" || a.Time.After(g.phoneAt)) {
			g.c.Contact.Phone, g.phoneAt = ct.Phone, a.Time
		}
	}
	slices.SortStableFunc(order, func(x, y *group) int {
		switch {
		case x.exact != y.exact:
			if x.exact {
				return -1
			}
			return 1
		case !x.c.Last.Equal(y.c.Last):
			return y.c.Last.Compare(x.c.Last)
		}
		return strings.Compare(x.c.Contact.Name, y.c.Contact.Name)
	})
	order = order[:min(len(order), MaxCustomers)]
	out := make([]Customer, len(order))
	for i, g := range order {
		c := g.c
		if !s.DayFrom.IsZero() {
			c.SameDay = sameDay(all, c.Contact.Email, s.DayFrom, s.DayTo, cat)
		}
		out[i] = c
	}
	return out
}

// sameDay are the live bookings for email starting in [from, to), by time.
func sameDay(all []model.Appointment, email string, from, to time.Time, cat model.Catalog) []Visit {
	var out []Visit
	for _, a := range all {
		if a.Cancelled() || fold(a.Contact.Email) != fold(email) || a.Time.Before(from) || !a.Time.Before(to) {
			continue
		}
		v := Visit{Appointment: a}
		v.Service, _ = cat.Service(a.ServiceID)
		v.Location, _ = cat.Location(a.LocationID)
		out = append(out, v)
	}
	slices.SortFunc(out, func(x, y Visit) int { return x.Appointment.Time.Compare(y.Appointment.Time) })
	return out
}

// matchesSearch is the server's q (a case-insensitive substring) held to
// the one field searched, so a server that matches more (ids, notes)
// offers no stranger; a phone matches by its digits.
func matchesSearch(c model.Contact, s CustomerSearch) bool {
	text := strings.TrimSpace(s.Text)
	switch s.Field {
	case model.FieldName:
		return strings.Contains(fold(c.Name), fold(text))
	case model.FieldEmail:
		return strings.Contains(fold(c.Email), fold(text))
	case model.FieldPhone:
		return phoneMatches(c.Phone, text)
	}
	return false
}

func exactly(c model.Contact, s CustomerSearch) bool {
	text := strings.TrimSpace(s.Text)
	switch s.Field {
	case model.FieldName:
		return fold(c.Name) == fold(text)
	case model.FieldEmail:
		return fold(c.Email) == fold(text)
	case model.FieldPhone:
		have, typed := digits(c.Phone), digits(text)
		national := strings.TrimLeft(typed, "0")
		return have == typed || len(national) >= 8 && strings.HasSuffix(have, national)
	}
	return false
}

// phoneMatches finds typed digits in a phone number however either is
// written: "06 12 34" finds "+33 6 12 34 56 78", the leading 0 being the
// national prefix an international number drops.
func phoneMatches(phone, typed string) bool {
	have, want := digits(phone), digits(typed)
	if len(want) < 6 || have == "" {
		return false
	}
	if strings.Contains(have, want) {
		return true
	}
	national := strings.TrimLeft(want, "0")
	return len(national) >= 6 && national != want && strings.Contains(have, national)
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
