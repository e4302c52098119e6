package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
)

// surveyCalls is how many availability calls --all makes at once.
const surveyCalls = 4

// availabilityAll is zimun availability --all: what the availability map
// shows, free places a day for every service at every active location (or
// at the one --location names).
func (v *verbRun) availabilityAll(ctx context.Context, locationKey string, days int) error {
	cat, err := v.office.Catalog(ctx)
	if err != nil {
		return err
	}
	offers := cat.Offers()
	locations := cat.Active()
	if locationKey != "" {
		loc, err := cat.FindLocation(locationKey)
		if err != nil {
			return &codedError{exitUsage, err}
		}
		var kept []model.Offer
		for _, o := range offers {
			if o.Location.ID == loc.ID {
				kept = append(kept, o)
			}
		}
		offers, locations = kept, []model.Location{loc}
	}
	from := model.SurveyStart(locations, v.Now())
	rows := make([]model.SurveyRow, len(offers))
	errs := make([]error, len(offers))
	fetch := func(i int) {
		o := offers[i]
		av, err := v.client.Availability(ctx, o.Service.ID, o.Location.ID, days)
		errs[i] = err
		rows[i] = model.SurveyRowOf(o.Service, o.Location, av, from, days)
	}
	var wg sync.WaitGroup
	slots := make(chan struct{}, surveyCalls)
	for i := range offers {
		if api.DryRunning(ctx) {
			fetch(i) // the commands printed in the rows' order
			continue
		}
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			fetch(i)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		if errors.Is(err, api.ErrNotSent) {
			return api.ErrNotSent
		}
		for _, e := range errs {
			if e != nil {
				return e
			}
		}
	}
	s := model.Survey{From: from, Days: days, Rows: rows}
	if v.json {
		return writeJSON(v.Stdout, surveyJSON(s))
	}
	return v.surveyTable(s)
}

type jsonSurvey struct {
	From model.Date      `json:"from"`
	Days int             `json:"days"`
	Rows []jsonSurveyRow `json:"rows"`
}

type jsonSurveyRow struct {
	ServiceID  string          `json:"service_id"`
	Service    string          `json:"service"`
	LocationID string          `json:"location_id"`
	Location   string          `json:"location"`
	Timezone   string          `json:"timezone"`
	Days       []jsonSurveyDay `json:"days"`
}

type jsonSurveyDay struct {
	Date       model.Date `json:"date"`
	State      string     `json:"state"` // open, closed, outside (not in the answer)
	FreeSlots  int        `json:"free_slots"`
	FreePlaces int        `json:"free_places"`
	First      *time.Time `json:"first,omitempty"`
	Closed     string     `json:"closed,omitempty"` // the holiday or closure
}

var stateNames = map[model.CellState]string{model.Outside: "outside", model.Closed: "closed", model.Open: "open"}

func surveyJSON(s model.Survey) jsonSurvey {
	out := jsonSurvey{From: s.From, Days: s.Days, Rows: []jsonSurveyRow{}}
	for _, r := range s.Rows {
		row := jsonSurveyRow{
			ServiceID: r.Service.ID, Service: r.Service.Name, LocationID: r.Location.ID, Location: r.Location.Name,
			Timezone: r.Location.Timezone, Days: []jsonSurveyDay{},
		}
		for _, c := range r.Cells {
			d := jsonSurveyDay{Date: c.Date, State: stateNames[c.State], FreeSlots: c.Slots, FreePlaces: c.Places, Closed: c.Holiday}
			if !c.First.IsZero() {
				first := c.First
				d.First = &first
			}
			row.Days = append(row.Days, d)
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// surveyTable prints free places a day, a column per day under its
// weekday and date: ✕ closed, · not in the window.
func (v *verbRun) surveyTable(s model.Survey) error {
	p := v.p
	svcW, locW, cell := ansi.StringWidth(p.T(i18n.ColService)), ansi.StringWidth(p.T(i18n.ColLocation)), 2
	for _, r := range s.Rows {
		svcW = max(svcW, ansi.StringWidth(model.Sanitize(r.Service.Name)))
		locW = max(locW, ansi.StringWidth(model.Sanitize(r.Location.Name)))
		cell = max(cell, len(strconv.Itoa(r.MostPlaces())))
	}
	cell++
	var b strings.Builder
	last := s.From.AddDays(s.Days - 1)
	b.WriteString(p.T(i18n.SurveyTitle, p.DateShortYear(s.From), p.DateShortYear(last)) + "\n\n")
	week, dates := &strings.Builder{}, &strings.Builder{}
	for i := range s.Days {
		d := s.From.AddDays(i)
		week.WriteString(fmt.Sprintf("%*s", cell, string([]rune(p.WeekdayShort(d.Weekday()))[:2])))
		dates.WriteString(fmt.Sprintf("%*d", cell, d.Day))
	}
	b.WriteString(padRight(p.T(i18n.ColService), svcW) + "  " + padRight(p.T(i18n.ColLocation), locW) + week.String() + "\n")
	fmt.Fprintf(&b, "%-*s  %-*s%s\n", svcW, "", locW, "", dates)
	for _, r := range s.Rows {
		b.WriteString(padRight(model.Sanitize(r.Service.Name), svcW) + "  " + padRight(model.Sanitize(r.Location.Name), locW))
		for _, c := range r.Cells {
			mark := "·"
			switch c.State {
			case model.Closed:
				mark = "✕"
			case model.Open:
				mark = strconv.Itoa(c.Places)
			}
			b.WriteString(strings.Repeat(" ", cell-ansi.StringWidth(mark)) + mark)
		}
		b.WriteString("\n")
	}
	type closure struct{ date, where, why string }
	var closures []closure
	for _, r := range s.Rows {
		for _, c := range r.Cells {
			cl := closure{c.Date.String() + " " + p.WeekdayShort(c.Date.Weekday()), model.Sanitize(r.Location.Name), model.Sanitize(c.Holiday)}
			if c.State == model.Closed && !slices.Contains(closures, cl) {
				closures = append(closures, cl)
			}
		}
	}
	slices.SortStableFunc(closures, func(a, b closure) int { return strings.Compare(a.date, b.date) })
	if len(closures) > 0 {
		b.WriteString("\n" + p.T(i18n.SurveyClosed) + "\n")
	}
	for _, cl := range closures {
		fmt.Fprintf(&b, "  %s  %s: %s\n", cl.date, cl.where, cl.why)
	}
	_, err := fmt.Fprint(v.Stdout, b.String())
	return err
}

func padRight(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}
