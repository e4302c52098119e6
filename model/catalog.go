package model

import (
	"fmt"
	"strings"
	"time"
)

// Catalog is what an organisation offers: its locations (inactive ones
// too, for the names of past appointments) and its services.
type Catalog struct {
	Organization Organization
	Locations    []Location
	Services     []Service
}

// Active is the locations that take bookings, in catalogue order.
func (c Catalog) Active() []Location {
	var out []Location
	for _, l := range c.Locations {
		if l.Active {
			out = append(out, l)
		}
	}
	return out
}

// Location finds a location by id, active or not.
func (c Catalog) Location(id string) (Location, bool) {
	for _, l := range c.Locations {
		if l.ID == id {
			return l, true
		}
	}
	return Location{}, false
}

// ActiveLocation finds a location that takes bookings by id.
func (c Catalog) ActiveLocation(id string) (Location, bool) {
	l, ok := c.Location(id)
	return l, ok && l.Active
}

// Service finds a service by id.
func (c Catalog) Service(id string) (Service, bool) {
	for _, s := range c.Services {
		if s.ID == id {
			return s, true
		}
	}
	return Service{}, false
}

// Offered is the services given at location id, in catalogue order.
func (c Catalog) Offered(locationID string) []Service {
	var out []Service
	for _, s := range c.Services {
		if s.OfferedAt(locationID) {
			out = append(out, s)
		}
	}
	return out
}

// Zone is the time zone of location id, or nil (a time's own offset)
// when the catalogue does not know it.
func (c Catalog) Zone(locationID string) *time.Location {
	if l, ok := c.Location(locationID); ok {
		return l.Zone()
	}
	return nil
}

// ChoiceProblem says what is wrong with a service or location asked for.
type ChoiceProblem int

// Choice problems.
const (
	NoSuch     ChoiceProblem = iota // no id or name matches
	Several                         // the service is offered at several locations
	NotOffered                      // the service is not offered at the location
	Inactive                        // the location takes no bookings
)

// ChoiceError is a service or location that cannot be booked as asked;
// Choices names what can.
type ChoiceError struct {
	Problem  ChoiceProblem
	What     string // "service", "location"
	Key      string
	Service  Service
	Location Location
	Choices  []string
}

func (e *ChoiceError) Error() string {
	choices := "none"
	if len(e.Choices) > 0 {
		choices = strings.Join(e.Choices, ", ")
	}
	svc, loc := Sanitize(Named(e.Service.Name, e.Service.ID)), Sanitize(Named(e.Location.Name, e.Location.ID))
	switch e.Problem {
	case Several:
		return fmt.Sprintf("%s is offered at several locations; pick one: %s", svc, choices)
	case NotOffered:
		return fmt.Sprintf("%s is not offered at %s; it is at: %s", svc, loc, choices)
	case Inactive:
		return fmt.Sprintf("%s takes no bookings; it is offered at: %s", loc, choices)
	}
	return fmt.Sprintf("no %s %q; the %ss are: %s", e.What, Sanitize(e.Key), e.What, choices)
}

// Named is "Name (id)", or the id alone when there is no name.
func Named(name, id string) string {
	if name == "" {
		return id
	}
	return name + " (" + id + ")"
}

// FindService matches key against service ids, then names ignoring case.
func (c Catalog) FindService(key string) (Service, error) {
	s, ok := find(c.Services, key, func(s Service) (string, string) { return s.ID, s.Name })
	if !ok {
		return s, &ChoiceError{Problem: NoSuch, What: "service", Key: key, Choices: namesOf(c.Services, serviceIDName)}
	}
	return s, nil
}

// FindLocation matches key against the ids, then the names ignoring case,
// of the locations that take bookings.
func (c Catalog) FindLocation(key string) (Location, error) {
	l, ok := find(c.Active(), key, locationIDName)
	if !ok {
		return l, &ChoiceError{Problem: NoSuch, What: "location", Key: key, Choices: namesOf(c.Active(), locationIDName)}
	}
	return l, nil
}

// AnyLocation matches key against the ids, then the names ignoring case,
// of every location, those that take no bookings too: for listing what
// was booked there.
func (c Catalog) AnyLocation(key string) (Location, error) {
	l, ok := find(c.Locations, key, locationIDName)
	if !ok {
		return l, &ChoiceError{Problem: NoSuch, What: "location", Key: key, Choices: namesOf(c.Locations, locationIDName)}
	}
	return l, nil
}

// Resolve finds the service and the location to book it at from ids or
// names. With no location key it takes the only active location offering
// the service, and says so when there are several.
func (c Catalog) Resolve(serviceKey, locationKey string) (Service, Location, error) {
	svc, err := c.FindService(serviceKey)
	if err != nil {
		return Service{}, Location{}, err
	}
	var offered []Location
	for _, l := range c.Active() {
		if svc.OfferedAt(l.ID) {
			offered = append(offered, l)
		}
	}
	if locationKey != "" {
		loc, ok := find(c.Locations, locationKey, locationIDName)
		problem := NoSuch
		switch {
		case !ok:
			return svc, loc, &ChoiceError{Problem: NoSuch, What: "location", Key: locationKey, Choices: namesOf(c.Active(), locationIDName)}
		case !loc.Active:
			problem = Inactive
		case !svc.OfferedAt(loc.ID):
			problem = NotOffered
		default:
			return svc, loc, nil
		}
		return svc, loc, &ChoiceError{Problem: problem, What: "location", Key: locationKey, Service: svc, Location: loc,
			Choices: namesOf(offered, locationIDName)}
	}
	switch len(offered) {
	case 1:
		return svc, offered[0], nil
	case 0:
		return svc, Location{}, fmt.Errorf("%s is not offered at any active location", Named(svc.Name, svc.ID))
	}
	return svc, Location{}, &ChoiceError{Problem: Several, What: "location", Service: svc,
		Choices: namesOf(offered, locationIDName)}
}

func serviceIDName(s Service) (string, string)   { return s.ID, s.Name }
func locationIDName(l Location) (string, string) { return l.ID, l.Name }

func namesOf[T any](list []T, idName func(T) (string, string)) []string {
	names := make([]string, len(list))
	for i, x := range list {
		id, name := idName(x)
		names[i] = Sanitize(Named(name, id))
	}
	return names
}

// find matches key against ids first, then against names ignoring case
// when exactly one matches.
func find[T any](list []T, key string, idName func(T) (string, string)) (T, bool) {
	key = strings.TrimSpace(key)
	var match []T
	for _, x := range list {
		id, name := idName(x)
		if id == key {
			return x, true
		}
		if strings.EqualFold(name, key) {
			match = append(match, x)
		}
	}
	if len(match) == 1 {
		return match[0], true
	}
	var zero T
	return zero, false
}

// DayRange is a named window of whole days around today, as the
// appointments screen and `zimun appointments` offer them.
type DayRange int

// The day ranges, in the order of the screen's keys 1-4.
const (
	Today DayRange = iota
	Next7Days
	Upcoming
	Past7Days
)

var dayRangeNames = [...]string{"Today", "Next 7 days", "Upcoming", "Past 7 days"}

func (r DayRange) String() string { return dayRangeNames[r] }

// Bounds is the window of r around now, in now's zone; a zero to is open.
func (r DayRange) Bounds(now time.Time) (from, to time.Time) {
	y, mo, d := now.Date()
	today := time.Date(y, mo, d, 0, 0, 0, 0, now.Location())
	switch r {
	case Today:
		return today, today.AddDate(0, 0, 1)
	case Next7Days:
		return today, today.AddDate(0, 0, 7)
	case Past7Days:
		return today.AddDate(0, 0, -7), today
	}
	return today, time.Time{}
}
