package api

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/zimun-app/zimun/model"
)

// Availability fetches the slots and holidays of the next daysAhead days.
// locationID may be empty when the service has one location.
func (c *Client) Availability(ctx context.Context, serviceID, locationID string, daysAhead int) (model.Availability, error) {
	q := url.Values{
		"service_id": {serviceID},
		"days_ahead": {strconv.Itoa(daysAhead)},
	}
	if locationID != "" {
		q.Set("location_id", locationID)
	}
	var w wireAvailability
	if err := c.getJSON(ctx, opAvailability, "/availability", q, &w); err != nil {
		return model.Availability{}, err
	}
	var dur time.Duration
	if d, ok := c.durations.Load(serviceID); ok {
		dur = d.(time.Duration)
	}
	a := w.model(dur)
	if a.ServiceID == "" {
		a.ServiceID = serviceID
	}
	if a.LocationID == "" {
		a.LocationID = locationID
	}
	return a, nil
}

// wireAvailability accepts the canonical {"days":[...],"holidays":{...}}
// and the variants seen elsewhere: days under "items", a flat "slots" list,
// holidays as a list.
type wireAvailability struct {
	ServiceID  string          `json:"service_id"`
	LocationID string          `json:"location_id"`
	Timezone   string          `json:"timezone"`
	Days       []wireEntry     `json:"days"`
	Items      []wireEntry     `json:"items"`
	Slots      []wireSlot      `json:"slots"`
	Holidays   json.RawMessage `json:"holidays"`
}

// wireEntry is a day; in a flat list it may be a bare slot instead.
type wireEntry struct {
	Date  string     `json:"date"`
	Slots []wireSlot `json:"slots"`
	wireSlot
}

type wireSlot struct {
	Start        flexTime `json:"start"`
	StartTime    flexTime `json:"start_time"`
	Time         flexTime `json:"time"`
	End          flexTime `json:"end"`
	EndTime      flexTime `json:"end_time"`
	CapacityLeft *flexInt `json:"capacity_left"`
}

// slot completes a wire slot: a missing end is start plus the service's
// duration (when known), a missing capacity is 1. ok is false for a slot
// with no start or no room left.
func (w wireSlot) slot(zone *time.Location, dur time.Duration) (model.Slot, bool) {
	start := firstTime(w.Start, w.StartTime, w.Time)
	if start.IsZero() {
		return model.Slot{}, false
	}
	end := firstTime(w.End, w.EndTime)
	if !end.After(start) {
		end = start.Add(dur)
	}
	capacity := 1
	if w.CapacityLeft != nil {
		capacity = int(*w.CapacityLeft)
	}
	if capacity <= 0 {
		return model.Slot{}, false
	}
	if zone != nil {
		start, end = start.In(zone), end.In(zone)
	}
	return model.Slot{Start: start, End: end, CapacityLeft: capacity}, true
}

func firstTime(ts ...flexTime) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t.Time
		}
	}
	return time.Time{}
}

func (w wireAvailability) model(dur time.Duration) model.Availability {
	a := model.Availability{
		ServiceID:  optID(w.ServiceID),
		LocationID: optID(w.LocationID),
		Timezone:   zone(w.Timezone),
		Holidays:   holidays(w.Holidays),
	}
	// Without a zone, a slot's own offset (the location's) decides its day.
	var zone *time.Location
	if a.Timezone != "" {
		zone = model.LoadZone(a.Timezone)
	}
	days := map[model.Date]*model.Day{}
	day := func(d model.Date) *model.Day {
		if days[d] == nil {
			days[d] = &model.Day{Date: d}
		}
		return days[d]
	}
	addSlot := func(s wireSlot) {
		if sl, ok := s.slot(zone, dur); ok {
			d := day(model.DateOf(sl.Start))
			d.Slots = append(d.Slots, sl)
		}
	}
	// A slot goes on the day it starts, whatever day the server listed it
	// under: picking "Monday 09:00" must never book another day's 09:00.
	for _, e := range append(w.Days, w.Items...) {
		if date, err := model.ParseDate(e.Date); err == nil {
			day(date) // a listed day without slots is full, not unknown
		}
		if len(e.Slots) == 0 {
			addSlot(e.wireSlot)
		}
		for _, s := range e.Slots {
			addSlot(s)
		}
	}
	for _, s := range w.Slots {
		addSlot(s)
	}
	for _, d := range days {
		slices.SortFunc(d.Slots, func(x, y model.Slot) int { return x.Start.Compare(y.Start) })
		// A start listed twice is one slot.
		d.Slots = slices.CompactFunc(d.Slots, func(x, y model.Slot) bool { return x.Start.Equal(y.Start) })
		a.Days = append(a.Days, *d)
	}
	slices.SortFunc(a.Days, func(x, y model.Day) int { return x.Date.Compare(y.Date) })
	return a
}

// holidays reads {"2025-12-25":"Christmas Day"} or a list of
// {"date","name"} (or "note"/"reason"), or of bare dates. Bad dates are
// skipped: a holiday map is advice, not worth failing the calendar for.
func holidays(raw json.RawMessage) map[model.Date]string {
	out := map[model.Date]string{}
	add := func(date, name string) {
		d, err := model.ParseDate(date)
		if err != nil {
			return
		}
		if name = text(name, model.MaxHolidayRunes); name == "" {
			name = "Closed"
		}
		out[d] = name
	}
	var byDate map[string]json.RawMessage
	var list []json.RawMessage
	switch {
	case json.Unmarshal(raw, &byDate) == nil:
		for date, v := range byDate {
			add(date, holidayName(v))
		}
	case json.Unmarshal(raw, &list) == nil:
		for _, v := range list {
			var date string
			if json.Unmarshal(v, &date) == nil {
				add(date, "")
				continue
			}
			var h struct{ Date string }
			if json.Unmarshal(v, &h) == nil {
				add(h.Date, holidayName(v))
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// holidayName reads a bare string or the name/note/reason of an object.
func holidayName(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	var h struct{ Name, Note, Reason string }
	if json.Unmarshal(v, &h) != nil {
		return ""
	}
	for _, n := range []string{h.Name, h.Note, h.Reason} {
		if n != "" {
			return n
		}
	}
	return ""
}
