package model

import "time"

// Survey is room by day across an organisation: for each service at each
// location, what is free on each day of a window. The availability map
// draws it; zimun availability --all prints it.
type Survey struct {
	From Date `json:"from"`
	Days int  `json:"days"`
	Rows []SurveyRow
}

// SurveyRow is one service at one location (or, summed, one location).
type SurveyRow struct {
	Service  Service  `json:"service"` // zero in a location's sum
	Location Location `json:"location"`
	Cells    []SurveyCell
}

// CellState is what a day holds.
type CellState int

// Cell states.
const (
	Outside CellState = iota // not in the answer: past, or beyond the window asked for
	Closed                   // a holiday or a closure
	Open                     // in the window: Slots free slots (maybe none)
)

// SurveyCell is one day of a row.
type SurveyCell struct {
	Date    Date
	State   CellState
	Slots   int       // free start times
	Places  int       // free places: the slots' capacity left, summed
	Holiday string    // why the day is closed
	First   time.Time // the first free start
}

// SurveyRowOf is what av says of the days from from on.
func SurveyRowOf(svc Service, loc Location, av Availability, from Date, days int) SurveyRow {
	row := SurveyRow{Service: svc, Location: loc, Cells: make([]SurveyCell, days)}
	for i := range row.Cells {
		d := from.AddDays(i)
		c := SurveyCell{Date: d}
		if name, ok := av.Holiday(d); ok {
			c.State, c.Holiday = Closed, name
		} else if day, ok := av.Day(d); ok {
			c.State, c.Slots = Open, len(day.Slots)
			for _, s := range day.Slots {
				c.Places += max(s.CapacityLeft, 0)
				if c.First.IsZero() || s.Start.Before(c.First) {
					c.First = s.Start
				}
			}
		}
		row.Cells[i] = c
	}
	return row
}

// LocationRow sums rows of one location's services: a day is closed when
// every service is closed, and outside when none is in its window.
func LocationRow(loc Location, rows []SurveyRow) SurveyRow {
	var out SurveyRow
	out.Location = loc
	for _, r := range rows {
		if r.Location.ID != loc.ID {
			continue
		}
		if out.Cells == nil {
			out.Cells = make([]SurveyCell, len(r.Cells))
			for i, c := range r.Cells {
				out.Cells[i] = SurveyCell{Date: c.Date, State: Outside}
			}
		}
		for i, c := range r.Cells {
			if i >= len(out.Cells) {
				break
			}
			o := &out.Cells[i]
			switch {
			case c.State == Open:
				o.State, o.Holiday = Open, ""
				o.Slots += c.Slots
				o.Places += c.Places
				if !c.First.IsZero() && (o.First.IsZero() || c.First.Before(o.First)) {
					o.First = c.First
				}
			case c.State == Closed && o.State == Outside:
				o.State, o.Holiday = Closed, c.Holiday
			}
		}
	}
	return out
}

// MostPlaces is the most free places on any day of the row.
func (r SurveyRow) MostPlaces() int {
	most := 0
	for _, c := range r.Cells {
		most = max(most, c.Places)
	}
	return most
}

// Offer is a service at a location, a row of a survey.
type Offer struct {
	Service  Service
	Location Location
}

// Offers are the services offered at each active location, location by
// location, in the catalogue's order.
func (c Catalog) Offers() []Offer {
	var out []Offer
	for _, l := range c.Active() {
		for _, s := range c.Offered(l.ID) {
			out = append(out, Offer{s, l})
		}
	}
	return out
}

// SurveyStart is the first day of a survey at now: the earliest today of
// the locations' zones, so every location's today is in it.
func SurveyStart(locs []Location, now time.Time) Date {
	var from Date
	for i, l := range locs {
		if d := DateOf(now.In(l.Zone())); i == 0 || d.Before(from) {
			from = d
		}
	}
	if from.IsZero() {
		from = DateOf(now)
	}
	return from
}
