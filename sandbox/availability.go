package sandbox

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
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
// service at one location from today (in the location's zone) on. Answers
// are cached until the state changes or time moves them (see availEntry).
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
	key := availKey{svc.ID, loc.ID, days}
	if e, ok := s.avail[key]; ok && e.version == s.version && !c.now.Before(e.from) && c.now.Before(e.until) {
		return http.StatusOK, e.body, nil
	}
	out, until, err := s.availability(svc, loc, days, c.now)
	if err != nil {
		return 0, nil, err
	}
	n := 0
	for _, d := range out.Days {
		n += len(d.Slots)
	}
	body := out.appendJSON(make([]byte, 0, 256+64*len(out.Days)+96*n))
	if len(s.avail) >= maxAvailCache {
		clear(s.avail)
	}
	s.avail[key] = availEntry{version: s.version, from: c.now, until: until, body: body}
	return http.StatusOK, preencoded(body), nil
}

// availKey names one availability answer; availEntry is that answer,
// encoded, valid while the state is at version and the clock is in
// [from, until): until is the first moment time alone changes it (a slot
// crossing the lead time, a hold expiring, midnight).
type (
	availKey struct {
		service, location string
		days              int
	}
	availEntry struct {
		version     uint64
		from, until time.Time
		body        preencoded
	}
)

// maxAvailCache bounds the cache (an entry is up to ~100 KB).
const maxAvailCache = 64

// availability computes the answer for days from today at now, and until
// when it holds if nothing changes.
func (s *Server) availability(svc *Service, loc *location, days int, now time.Time) (availabilityJSON, time.Time, error) {
	tz, err := s.zone(loc.Timezone)
	if err != nil {
		return availabilityJSON{}, time.Time{}, err
	}
	out := availabilityJSON{ServiceID: svc.ID, LocationID: loc.ID, Timezone: loc.Timezone,
		Days: make([]dayJSON, 0, days), Holidays: map[string]string{}}
	earliest := now.Add(leadTime)
	today := localDay(now, tz)
	until := today.AddDate(0, 0, 1)
	occ := s.occupancy(svc.ID, loc.ID, today, today.AddDate(0, 0, days+1), now, "")
	if !occ.nextExpiry.IsZero() && occ.nextExpiry.Before(until) {
		until = occ.nextExpiry
	}
	length := time.Duration(svc.DurationMinutes) * time.Minute
	first := true
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
			if first {
				// Once now passes start-leadTime, this slot drops out.
				if t := start.Add(-leadTime + 1); t.Before(until) {
					until = t
				}
				first = false
			}
			end := start.Add(length)
			if left := svc.Capacity - occ.count(start, end); left > 0 {
				dj.Slots = append(dj.Slots, slotJSON{Start: start, End: end, CapacityLeft: left})
			}
		}
		out.Days = append(out.Days, dj)
	}
	return out, until, nil
}

// appendJSON encodes a as json.Marshal would, several times faster: the
// slot times are most of the bytes, and time.Time's MarshalJSON output is
// re-scanned by encoding/json.
func (a *availabilityJSON) appendJSON(b []byte) []byte {
	b = append(b, `{"service_id":`...)
	b = appendString(b, a.ServiceID)
	b = append(b, `,"location_id":`...)
	b = appendString(b, a.LocationID)
	b = append(b, `,"timezone":`...)
	b = appendString(b, a.Timezone)
	b = append(b, `,"days":[`...)
	for i, d := range a.Days {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"date":`...)
		b = appendString(b, d.Date)
		b = append(b, `,"slots":[`...)
		for j, sl := range d.Slots {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"start":"`...)
			b = sl.Start.AppendFormat(b, time.RFC3339Nano)
			b = append(b, `","end":"`...)
			b = sl.End.AppendFormat(b, time.RFC3339Nano)
			b = append(b, `","capacity_left":`...)
			b = strconv.AppendInt(b, int64(sl.CapacityLeft), 10)
			b = append(b, '}')
		}
		b = append(b, "]}"...)
	}
	b = append(b, `],"holidays":{`...)
	for i, date := range slices.Sorted(maps.Keys(a.Holidays)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, date)
		b = append(b, ':')
		b = appendString(b, a.Holidays[date])
	}
	return append(b, "}}"...)
}

// appendString appends s as a JSON string, escaped as encoding/json does.
func appendString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always encodes
	return append(b, q...)
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
	return s.occupancy(svc.ID, locationID, start, end, now, exclude).count(start, end)
}

// interval is a time span [start, end).
type interval struct{ start, end time.Time }

func (iv interval) overlaps(start, end time.Time) bool {
	return iv.start.Before(end) && start.Before(iv.end)
}

// occupancy is what takes a service's staff at a location within a window:
// confirmed appointments and live holds, sorted by start.
type occupancy struct {
	busy       []interval
	longest    time.Duration
	nextExpiry time.Time // of the holds counted; zero if none
}

// occupancy collects what occupies serviceID at locationID and overlaps
// [from, to) at now, except the appointment exclude. The rule is the one
// place that says what takes capacity: availability, holds, reschedules
// and the ledger all count through it.
func (s *Server) occupancy(serviceID, locationID string, from, to, now time.Time, exclude string) occupancy {
	var o occupancy
	add := func(start time.Time, minutes int) bool {
		iv := interval{start, start.Add(time.Duration(minutes) * time.Minute)}
		if !iv.overlaps(from, to) {
			return false
		}
		o.busy = append(o.busy, iv)
		o.longest = max(o.longest, iv.end.Sub(iv.start))
		return true
	}
	for _, a := range s.st.Appointments {
		if a.ID != exclude && a.Status == statusConfirmed && a.ServiceID == serviceID && a.LocationID == locationID {
			add(a.Start, a.Duration)
		}
	}
	for _, h := range s.st.Holds {
		if h.blocks(now) && h.ServiceID == serviceID && h.LocationID == locationID && add(h.Start, h.Duration) {
			if o.nextExpiry.IsZero() || h.ExpiresAt.Before(o.nextExpiry) {
				o.nextExpiry = h.ExpiresAt
			}
		}
	}
	slices.SortFunc(o.busy, func(x, y interval) int { return x.start.Compare(y.start) })
	return o
}

// count is how many intervals overlap [start, end).
func (o occupancy) count(start, end time.Time) int {
	// Only an interval starting after start-longest can reach past start.
	after := start.Add(-o.longest)
	i, _ := slices.BinarySearchFunc(o.busy, after, func(iv interval, t time.Time) int {
		if iv.start.After(t) {
			return 1
		}
		return -1
	})
	n := 0
	for _, iv := range o.busy[i:] {
		if !iv.start.Before(end) {
			break
		}
		if iv.overlaps(start, end) {
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
