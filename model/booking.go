package model

import (
	"time"
)

// Organization is the Zimun account being booked into.
type Organization struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Timezone string `json:"timezone"`
}

// Location is a place where services are given; its time zone is the one
// every time at that location is shown in.
type Location struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Address  string `json:"address"`
	Timezone string `json:"timezone"`
	Active   bool   `json:"active"`

	zone *time.Location // Timezone, loaded once by WithZone
}

// Zone is the location's IANA zone, falling back to UTC for an unknown
// name so a bad value never stops the app from showing times.
func (l Location) Zone() *time.Location {
	if l.zone != nil && l.zone.String() == l.Timezone {
		return l.zone
	}
	return LoadZone(l.Timezone)
}

// WithZone is l with its zone loaded, so Zone costs nothing after: loading
// one reads and parses the zone's file (about 9 µs and 7 KB each time).
func (l Location) WithZone() Location {
	l.zone = LoadZone(l.Timezone)
	return l
}

// LoadZone loads an IANA zone, or UTC when the name is empty or unknown.
func LoadZone(name string) *time.Location {
	if name == "" {
		return time.UTC
	}
	z, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return z
}

// Service is a bookable appointment type.
type Service struct {
	ID              string   `json:"id"`
	Name            string   `json:"name"`
	Description     string   `json:"description"`
	DurationMinutes int      `json:"duration_minutes"`
	LocationIDs     []string `json:"location_ids"`
}

// Duration is the service's length.
func (s Service) Duration() time.Duration {
	return time.Duration(s.DurationMinutes) * time.Minute
}

// OfferedAt reports whether the service is given at location id. A service
// that lists no locations is offered everywhere.
func (s Service) OfferedAt(id string) bool {
	if len(s.LocationIDs) == 0 {
		return true
	}
	for _, l := range s.LocationIDs {
		if l == id {
			return true
		}
	}
	return false
}

// Slot is one bookable start time.
type Slot struct {
	Start        time.Time `json:"start"`
	End          time.Time `json:"end"`
	CapacityLeft int       `json:"capacity_left"`
}

// Day is the slots of one calendar day.
type Day struct {
	Date  Date   `json:"date"`
	Slots []Slot `json:"slots"`
}

// Availability is what can be booked for one service at one location.
type Availability struct {
	ServiceID  string          `json:"service_id"`
	LocationID string          `json:"location_id"`
	Timezone   string          `json:"timezone"`
	Days       []Day           `json:"days"`
	Holidays   map[Date]string `json:"holidays"`
}

// Day returns the slots of d, if d is in the window.
func (a Availability) Day(d Date) (Day, bool) {
	for _, day := range a.Days {
		if day.Date == d {
			return day, true
		}
	}
	return Day{}, false
}

// Holiday returns the name of the holiday or closure on d.
func (a Availability) Holiday(d Date) (string, bool) {
	name, ok := a.Holidays[d]
	return name, ok
}

// FreeSlots counts the slots on d.
func (a Availability) FreeSlots(d Date) int {
	day, _ := a.Day(d)
	return len(day.Slots)
}

// NextFree finds the nearest day after (step > 0) or before (step < 0) from
// that has at least one slot.
func (a Availability) NextFree(from Date, step int) (Date, bool) {
	var best Date
	found := false
	for _, day := range a.Days {
		if len(day.Slots) == 0 {
			continue
		}
		c := day.Date.Compare(from)
		if (step > 0 && c > 0 && (!found || day.Date.Before(best))) ||
			(step < 0 && c < 0 && (!found || day.Date.After(best))) {
			best, found = day.Date, true
		}
	}
	return best, found
}

// FirstFree is the earliest day with a slot.
func (a Availability) FirstFree() (Date, bool) {
	return a.NextFree(Date{}, 1)
}

// HoldTTL is how long Zimun keeps a hold when the server does not say.
const HoldTTL = 10 * time.Minute

// Hold reserves a slot for a few minutes while the contact details are taken.
type Hold struct {
	ID              string    `json:"hold_id"`
	Status          string    `json:"status"`
	ServiceID       string    `json:"service_id"`
	LocationID      string    `json:"location_id"`
	Time            time.Time `json:"appointment_time"`
	DurationMinutes int       `json:"appointment_duration"`
	// ExpiresAt is the expiry on the server's clock.
	ExpiresAt time.Time `json:"expires_at"`
	// Deadline is ExpiresAt moved onto the local clock (corrected for the
	// measured skew); the countdown runs to it.
	Deadline time.Time `json:"deadline"`
	// Placed is when the hold was placed, on the local clock: with
	// Deadline it is the hold's whole length, for a countdown bar that
	// is right after a resume too.
	Placed time.Time `json:"placed,omitzero"`
}

// Length is the hold's whole length, from placing to expiry; HoldTTL when
// it is not known.
func (h Hold) Length() time.Duration {
	if h.Placed.IsZero() || !h.Deadline.After(h.Placed) {
		return HoldTTL
	}
	return h.Deadline.Sub(h.Placed)
}

// Remaining is the time left at now (local clock), never negative.
func (h Hold) Remaining(now time.Time) time.Duration {
	return max(h.Deadline.Sub(now), 0)
}

// Expired reports whether the hold has lapsed at now (local clock).
func (h Hold) Expired(now time.Time) bool { return !now.Before(h.Deadline) }

// Appointment statuses.
const (
	StatusHeld      = "held"
	StatusScheduled = "scheduled"
	StatusConfirmed = "confirmed"
	StatusCancelled = "cancelled"
)

// Statuses are the statuses an appointment list can be narrowed to.
var Statuses = []string{StatusHeld, StatusScheduled, StatusConfirmed, StatusCancelled}

// Appointment is a booking.
type Appointment struct {
	ID              string    `json:"appointment_id"`
	BookingID       string    `json:"booking_id,omitempty"`
	Status          string    `json:"status"`
	ServiceID       string    `json:"service_id"`
	LocationID      string    `json:"location_id"`
	Time            time.Time `json:"appointment_time"`
	DurationMinutes int       `json:"appointment_duration"`
	Contact         Contact   `json:"contact"`
	// CancellationReason is what the desk said when cancelling; the
	// cancellation email quotes it to the customer.
	CancellationReason string    `json:"cancellation_reason,omitempty"`
	CreatedAt          time.Time `json:"created_at"`
	UpdatedAt          time.Time `json:"updated_at"`
}

// End is when the appointment finishes.
func (a Appointment) End() time.Time {
	return a.Time.Add(time.Duration(a.DurationMinutes) * time.Minute)
}

// Cancelled reports whether the appointment no longer stands.
func (a Appointment) Cancelled() bool { return a.Status == StatusCancelled }
