package sandbox

import (
	"fmt"
	"math/rand/v2"
	"time"
	// Embedded zone data: the sandbox must serve Paris and New York times
	// even on hosts without /usr/share/zoneinfo (containers, Windows).
	_ "time/tzdata"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/us"
)

// Location is a place where services are given (GET /api/v1/locations).
type Location struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Address  string `json:"address"`
	Timezone string `json:"timezone"`
	Country  string `json:"country"`
	Active   bool   `json:"active"`
}

// Service is a bookable service (GET /api/v1/services). Capacity is how many
// appointments of it one location can run in parallel (staff on duty).
type Service struct {
	ID              string   `json:"id"`
	Name            string   `json:"name"`
	Description     string   `json:"description"`
	DurationMinutes int      `json:"duration_minutes"`
	Capacity        int      `json:"capacity"`
	LocationIDs     []string `json:"location_ids"`
}

type organization struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Timezone string `json:"timezone"`
}

// span is an opening period in minutes after local midnight, [From, To).
type span struct {
	From int `json:"from"`
	To   int `json:"to"`
}

// location adds what the wire type does not show: weekly opening hours,
// indexed by time.Weekday.
type location struct {
	Location
	Hours [7][]span `json:"hours"`
}

// closure is a one-day closing of a location, shown in the holiday map.
type closure struct {
	LocationID string `json:"location_id"`
	Date       string `json:"date"`
	Note       string `json:"note"`
}

const (
	// leadTime is how soon before its start a slot stops being bookable.
	leadTime = 15 * time.Minute
	// horizonDays bounds both days_ahead and how far ahead one can book.
	horizonDays = 90
)

func hm(h, m int) int { return h*60 + m }

// Weekday hours with a lunch break; the two sites differ so that every day
// of the week at least one of them is open.
var (
	parisHours = [7][]span{
		time.Monday:    {{hm(9, 0), hm(12, 30)}, {hm(13, 30), hm(18, 0)}},
		time.Tuesday:   {{hm(9, 0), hm(12, 30)}, {hm(13, 30), hm(18, 0)}},
		time.Wednesday: {{hm(9, 0), hm(12, 30)}, {hm(13, 30), hm(18, 0)}},
		time.Thursday:  {{hm(9, 0), hm(12, 30)}, {hm(13, 30), hm(18, 0)}},
		time.Friday:    {{hm(9, 0), hm(12, 30)}, {hm(13, 30), hm(18, 0)}},
		time.Saturday:  {{hm(9, 0), hm(13, 0)}},
	}
	newYorkHours = [7][]span{
		time.Sunday:    {{hm(10, 0), hm(14, 0)}},
		time.Tuesday:   {{hm(8, 0), hm(12, 0)}, {hm(13, 0), hm(17, 0)}},
		time.Wednesday: {{hm(8, 0), hm(12, 0)}, {hm(13, 0), hm(17, 0)}},
		time.Thursday:  {{hm(8, 0), hm(12, 0)}, {hm(13, 0), hm(17, 0)}},
		time.Friday:    {{hm(8, 0), hm(12, 0)}, {hm(13, 0), hm(17, 0)}},
		time.Saturday:  {{hm(9, 0), hm(13, 0)}},
	}
)

type person struct{ name, email, phone string }

// demoPeople are the customers of the seeded bookings; Dana Lee comes first
// because the API's own examples book for her.
var demoPeople = []person{
	{"Dana Lee", "dana@example.com", "+1 212 555 0142"},
	{"Camille Dubois", "camille.dubois@example.fr", "+33 6 12 34 56 78"},
	{"Noah Martin", "noah.martin@example.com", ""},
	{"Léa Moreau", "lea.moreau@example.fr", "+33 7 98 76 54 32"},
	{"Ethan Brooks", "ethan.brooks@example.com", "+1 646 555 0199"},
	{"Chloé Petit", "chloe.petit@example.fr", ""},
	{"Olivia Garcia", "olivia.garcia@example.com", "+1 917 555 0123"},
	{"Hugo Laurent", "hugo.laurent@example.fr", "+33 6 55 44 33 22"},
	{"Ava Patel", "ava.patel@example.com", ""},
	{"Inès Fournier", "ines.fournier@example.fr", "+33 6 01 02 03 04"},
	{"Mason Rivera", "mason.rivera@example.com", "+1 718 555 0177"},
	{"Jules Girard", "jules.girard@example.fr", ""},
	{"Sophia Nguyen", "sophia.nguyen@example.com", "+1 347 555 0150"},
	{"Louis Lefèvre", "louis.lefevre@example.fr", "+33 6 98 87 76 65"},
	{"Mia Johnson", "mia.johnson@example.com", ""},
	{"Arthur Roux", "arthur.roux@example.fr", "+33 7 11 22 33 44"},
	{"Isabella Chen", "isabella.chen@example.com", "+1 212 555 0188"},
	{"Manon Blanc", "manon.blanc@example.fr", ""},
}

var demoNotes = []string{"", "", "", "", "First visit", "Prefers the morning", "Needs step-free access", "Bring previous results"}

// idAlphabet avoids look-alike letters so ids survive being read aloud.
const idAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"

func seededID(rng *rand.Rand, prefix string) string {
	b := make([]byte, 10)
	for i := range b {
		b[i] = idAlphabet[rng.IntN(len(idAlphabet))]
	}
	return prefix + string(b)
}

// seedDemo fills the empty s.st with the demo organisation, derived from
// seed alone and placed around now.
func (s *Server) seedDemo(seed int64, now time.Time) error {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x7a696d756e))
	st := s.st
	st.Organization = organization{ID: seededID(rng, "o_"), Name: "Zimun Demo Clinic", Timezone: "Europe/Paris"}

	paris := &location{Location: Location{ID: seededID(rng, "l_"), Name: "Paris – Marais",
		Address: "12 rue des Archives, 75004 Paris, France", Timezone: "Europe/Paris", Country: "FR", Active: true}, Hours: parisHours}
	newYork := &location{Location: Location{ID: seededID(rng, "l_"), Name: "New York – SoHo",
		Address: "120 Spring Street, New York, NY 10012, USA", Timezone: "America/New_York", Country: "US", Active: true}, Hours: newYorkHours}
	lyon := &location{Location: Location{ID: seededID(rng, "l_"), Name: "Lyon – Presqu'île (closed for renovation)",
		Address: "5 place Bellecour, 69002 Lyon, France", Timezone: "Europe/Paris", Country: "FR", Active: false}, Hours: parisHours}
	st.Locations = []*location{paris, newYork, lyon}

	st.Services = []*Service{
		{ID: seededID(rng, "s_"), Name: "General consultation", Description: "A 30-minute visit with a general practitioner.",
			DurationMinutes: 30, Capacity: 2, LocationIDs: []string{paris.ID}},
		{ID: seededID(rng, "s_"), Name: "Follow-up visit", Description: "A short check after a previous visit.",
			DurationMinutes: 15, Capacity: 1, LocationIDs: []string{paris.ID, newYork.ID}},
		{ID: seededID(rng, "s_"), Name: "Physiotherapy session", Description: "Hands-on physiotherapy with a licensed therapist.",
			DurationMinutes: 45, Capacity: 1, LocationIDs: []string{newYork.ID}},
		{ID: seededID(rng, "s_"), Name: "Full health check", Description: "An hour-long check-up with tests and a written summary.",
			DurationMinutes: 60, Capacity: 2, LocationIDs: []string{paris.ID, newYork.ID}},
	}

	// A staff-training day 5 to 12 days ahead, on a day Paris would be open.
	pz, err := s.zone(paris.Timezone)
	if err != nil {
		return err
	}
	first := rng.IntN(8)
	for i := range 8 {
		day := localDay(now, pz).AddDate(0, 0, 5+(first+i)%8)
		if len(paris.Hours[day.Weekday()]) > 0 && s.holiday(paris.Country, day) == "" {
			st.Closures = append(st.Closures, closure{LocationID: paris.ID, Date: day.Format(time.DateOnly), Note: "Staff training"})
			break
		}
	}

	return s.seedAppointments(rng, now)
}

// seedAppointments books past and upcoming appointments (4 days back, 14
// ahead) with a random busyness per day, then makes sure every location has
// a booking yesterday and tomorrow (in its own zone) whenever it is open.
func (s *Server) seedAppointments(rng *rand.Rand, now time.Time) error {
	st := s.st
	booked := 0
	book := func(svc *Service, loc *location, start time.Time, cancelled bool) {
		p := demoPeople[rng.IntN(len(demoPeople))]
		if booked == 0 {
			p = demoPeople[0]
		}
		booked++
		created := minTime(now, start).Add(-time.Duration(24+rng.IntN(20*24)) * time.Hour).UTC().Truncate(time.Minute)
		a := &appointment{ID: seededID(rng, "a_"), Status: statusConfirmed, ServiceID: svc.ID, LocationID: loc.ID,
			Start: start.UTC(), Duration: svc.DurationMinutes, ContactName: p.name, ContactEmail: p.email,
			ContactPhone: p.phone, Notes: demoNotes[rng.IntN(len(demoNotes))], CreatedAt: created, UpdatedAt: created}
		if cancelled {
			a.Status = statusCancelled
			a.CancellationReason = "Customer request"
			a.UpdatedAt = created.Add(time.Duration(1+rng.IntN(20)) * time.Hour)
		}
		st.Appointments[a.ID] = a
	}

	for _, loc := range st.Locations {
		if !loc.Active {
			continue
		}
		tz, err := s.zone(loc.Timezone)
		if err != nil {
			return err
		}
		today := localDay(now, tz)
		for off := -4; off <= 14; off++ {
			day := today.AddDate(0, 0, off)
			busy := rng.Float64()
			p := 0.3 * busy * busy
			for _, svc := range st.Services {
				if !svc.offeredAt(loc.ID) {
					continue
				}
				for _, start := range s.dayGrid(svc, loc, day) {
					for range svc.Capacity {
						if rng.Float64() < p {
							book(svc, loc, start, rng.IntN(12) == 0)
						}
					}
				}
			}
		}
	}

	for _, loc := range st.Locations {
		if !loc.Active {
			continue
		}
		tz, err := s.zone(loc.Timezone)
		if err != nil {
			return err
		}
		for _, off := range []int{-1, 1} {
			if s.hasBookingOn(loc, tz, now, off) {
				continue
			}
			day := localDay(now, tz).AddDate(0, 0, off)
		search:
			for _, svc := range st.Services {
				if !svc.offeredAt(loc.ID) {
					continue
				}
				for _, start := range s.dayGrid(svc, loc, day) {
					if s.used(svc, loc.ID, start, now, "") < svc.Capacity {
						book(svc, loc, start, false)
						break search
					}
				}
			}
		}
	}
	return nil
}

// hasBookingOn reports whether a confirmed appointment at loc falls on the
// local day off days from now.
func (s *Server) hasBookingOn(loc *location, tz *time.Location, now time.Time, off int) bool {
	day := localDay(now, tz).AddDate(0, 0, off)
	for _, a := range s.st.Appointments {
		if a.LocationID == loc.ID && a.Status == statusConfirmed && sameDay(a.Start.In(tz), day) {
			return true
		}
	}
	return false
}

func (svc *Service) offeredAt(locationID string) bool {
	for _, id := range svc.LocationIDs {
		if id == locationID {
			return true
		}
	}
	return false
}

// zone loads and caches a time zone; the caller holds s.mu or is New.
func (s *Server) zone(name string) (*time.Location, error) {
	if z, ok := s.zones[name]; ok {
		return z, nil
	}
	z, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("sandbox: time zone %q: %w", name, err)
	}
	s.zones[name] = z
	return z, nil
}

var holidayLists = map[string][]*cal.Holiday{"FR": fr.Holidays, "US": us.Holidays}

// holiday names the public holiday of country on day ("" if none). Both the
// actual and the observed date (a US holiday moved off a weekend) close.
func (s *Server) holiday(country string, day time.Time) string {
	key := fmt.Sprintf("%s/%d", country, day.Year())
	days, ok := s.holidays[key]
	if !ok {
		days = map[string]string{}
		// Neighbouring years too: New Year's Day on a Saturday is observed
		// on the 31st of December before.
		for y := day.Year() - 1; y <= day.Year()+1; y++ {
			for _, h := range holidayLists[country] {
				actual, observed := h.Calc(y)
				if actual.IsZero() {
					continue
				}
				days[actual.Format(time.DateOnly)] = h.Name
				if !observed.Equal(actual) {
					days[observed.Format(time.DateOnly)] = h.Name + " (observed)"
				}
			}
		}
		s.holidays[key] = days
	}
	return days[day.Format(time.DateOnly)]
}

// localDay is midnight of t's calendar day in tz.
func localDay(t time.Time, tz *time.Location) time.Time {
	y, m, d := t.In(tz).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, tz)
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
