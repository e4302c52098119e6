package sandbox

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

type availabilityJSON struct {
	ServiceID  string            `json:"service_id"`
	LocationID string            `json:"location_id"`
	Timezone   string            `json:"timezone"`
	Days       []dayJSON         `json:"days"`
	Holidays   map[string]string `json:"holidays"`
}

type dayJSON struct {
	Date  string     `json:"date"`
	Slots []slotJSON `json:"slots"`
}

type slotJSON struct {
	Start        time.Time `json:"start"`
	End          time.Time `json:"end"`
	CapacityLeft int       `json:"capacity_left"`
}

// getAvailability serves GET /api/v1/availability: the free slots of one
// service at one location from today (in the location's zone) on.
func (s *Server) getAvailability(c *call) (int, any, error) {
	q := c.r.URL.Query()
	if q.Get("service_id") == "" {
		return 0, nil, badRequest("service_id is required")
	}
	days := 7
	if v := q.Get("days_ahead"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > horizonDays {
			return 0, nil, badRequest("days_ahead must be a whole number from 1 to %d, got %q", horizonDays, v)
		}
		days = n
	}
	svc, loc, err := s.resolve(q.Get("service_id"), q.Get("location_id"))
	if err != nil {
		return 0, nil, err
	}
	tz, err := s.zone(loc.Timezone)
	if err != nil {
		return 0, nil, err
	}

	out := availabilityJSON{ServiceID: svc.ID, LocationID: loc.ID, Timezone: loc.Timezone,
		Days: make([]dayJSON, 0, days), Holidays: map[string]string{}}
	earliest := c.now.Add(leadTime)
	today := localDay(c.now, tz)
	for i := range days {
		day := today.AddDate(0, 0, i)
		dj := dayJSON{Date: day.Format(time.DateOnly), Slots: []slotJSON{}}
		if name := s.dayOff(loc, day); name != "" {
			out.Holidays[dj.Date] = name
		}
		for _, start := range s.dayGrid(svc, loc, day) {
			if start.Before(earliest) {
				continue
			}
			if left := svc.Capacity - s.used(svc, loc.ID, start, c.now, ""); left > 0 {
				end := start.Add(time.Duration(svc.DurationMinutes) * time.Minute)
				dj.Slots = append(dj.Slots, slotJSON{Start: start, End: end, CapacityLeft: left})
			}
		}
		out.Days = append(out.Days, dj)
	}
	return http.StatusOK, out, nil
}

// resolve finds the service and the location a request is about. The
// location may be left out when the service is offered at only one.
func (s *Server) resolve(serviceID, locationID string) (*Service, *location, error) {
	svc := s.st.service(serviceID)
	if svc == nil {
		return nil, nil, errorf(http.StatusNotFound, "service_not_found", "no service with id %q", serviceID)
	}
	if locationID == "" {
		if len(svc.LocationIDs) != 1 {
			return nil, nil, errorf(http.StatusUnprocessableEntity, "location_required",
				"%s is offered at several locations; pass location_id (one of %s)", svc.Name, strings.Join(svc.LocationIDs, ", "))
		}
		locationID = svc.LocationIDs[0]
	}
	loc := s.st.location(locationID)
	if loc == nil {
		return nil, nil, errorf(http.StatusNotFound, "location_not_found", "no location with id %q", locationID)
	}
	if !svc.offeredAt(loc.ID) {
		return nil, nil, errorf(http.StatusUnprocessableEntity, "location_not_offered",
			"%s is not offered at %s; it is offered at %s", svc.Name, loc.Name, strings.Join(svc.LocationIDs, ", "))
	}
	return svc, loc, nil
}

// dayOff names the public holiday or closure that shuts loc on day, or "".
func (s *Server) dayOff(loc *location, day time.Time) string {
	date := day.Format(time.DateOnly)
	for _, cl := range s.st.Closures {
		if cl.LocationID == loc.ID && cl.Date == date {
			return cl.Note
		}
	}
	return s.holiday(loc.Country, day)
}

// dayGrid lists the slot starts of svc at loc on day (local midnight), past
// ones included. The grid steps by the service duration from the start of
// each opening span, and a slot must end by the end of its span, so no slot
// straddles the lunch break or closing time.
func (s *Server) dayGrid(svc *Service, loc *location, day time.Time) []time.Time {
	if s.dayOff(loc, day) != "" {
		return nil
	}
	var starts []time.Time
	y, m, d := day.Date()
	for _, sp := range loc.Hours[day.Weekday()] {
		for t := sp.From; t+svc.DurationMinutes <= sp.To; t += svc.DurationMinutes {
			starts = append(starts, time.Date(y, m, d, 0, t, 0, 0, day.Location()))
		}
	}
	return starts
}

// used counts what occupies svc's staff at a location during the slot
// starting at start: confirmed appointments and live holds, all overlapping
// ones, except the appointment exclude (the one being rescheduled).
func (s *Server) used(svc *Service, locationID string, start, now time.Time, exclude string) int {
	end := start.Add(time.Duration(svc.DurationMinutes) * time.Minute)
	overlaps := func(from time.Time, minutes int) bool {
		return from.Before(end) && start.Before(from.Add(time.Duration(minutes)*time.Minute))
	}
	n := 0
	for _, a := range s.st.Appointments {
		if a.ID != exclude && a.Status == statusConfirmed && a.ServiceID == svc.ID &&
			a.LocationID == locationID && overlaps(a.Start, a.Duration) {
			n++
		}
	}
	for _, h := range s.st.Holds {
		if h.blocks(now) && h.ServiceID == svc.ID && h.LocationID == locationID && overlaps(h.Start, h.Duration) {
			n++
		}
	}
	return n
}

// checkSlot says why t is not a bookable slot of svc at loc, in words a
// person at a front desk can act on, or returns nil.
func (s *Server) checkSlot(svc *Service, loc *location, t, now time.Time) error {
	tz, err := s.zone(loc.Timezone)
	if err != nil {
		return err
	}
	lt := t.In(tz)
	when := lt.Format("Mon 2 Jan 2006 15:04 MST")
	invalid := func(format string, args ...any) error {
		return errorf(http.StatusUnprocessableEntity, "slot_invalid", format, args...)
	}
	switch {
	case t.Before(now):
		return invalid("%s is in the past", when)
	case t.Before(now.Add(leadTime)):
		return invalid("%s starts in less than %d minutes, the minimum lead time", when, int(leadTime.Minutes()))
	case t.After(now.AddDate(0, 0, horizonDays)):
		return invalid("%s is more than %d days ahead", when, horizonDays)
	}
	day := localDay(t, tz)
	if name := s.dayOff(loc, day); name != "" {
		return invalid("%s is closed on %s: %s", loc.Name, day.Format("Mon 2 Jan 2006"), name)
	}
	hours := loc.Hours[day.Weekday()]
	if len(hours) == 0 {
		return invalid("%s is closed on %ss", loc.Name, day.Weekday())
	}
	for _, start := range s.dayGrid(svc, loc, day) {
		if start.Equal(t) {
			return nil
		}
	}
	return invalid("%s is not a slot start: %s slots start every %d minutes from opening (%s, %s)",
		when, svc.Name, svc.DurationMinutes, formatHours(hours), loc.Timezone)
}

func formatHours(spans []span) string {
	parts := make([]string, len(spans))
	for i, sp := range spans {
		parts[i] = fmt.Sprintf("%02d:%02d–%02d:%02d", sp.From/60, sp.From%60, sp.To/60, sp.To%60)
	}
	return strings.Join(parts, ", ")
}
