package api

import (
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/zimun-app/zimun/model"
)

func date(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// slotsOf flattens days to "date start-end capacity" facts, zone-free.
type slotFact struct {
	Day        model.Date
	Start, End time.Time
	Capacity   int
}

func facts(a model.Availability) []slotFact {
	var out []slotFact
	for _, d := range a.Days {
		for _, s := range d.Slots {
			out = append(out, slotFact{d.Date, s.Start.UTC(), s.End.UTC(), s.CapacityLeft})
		}
	}
	return out
}

func TestAvailabilityVariants(t *testing.T) {
	dec1 := date("2025-12-01")
	dec2 := date("2025-12-02")
	ten := at("2025-12-01T09:00:00Z")  // 10:00 in Paris
	late := at("2025-12-01T23:30:00Z") // 00:30 on the 2nd in Paris
	canonical := []slotFact{{dec1, ten, ten.Add(30 * time.Minute), 2}, {dec2, late, late.Add(30 * time.Minute), 1}}
	xmas := map[model.Date]string{date("2025-12-25"): "Christmas Day"}

	for _, tc := range []struct {
		name     string
		body     string
		want     []slotFact
		holidays map[model.Date]string
	}{
		{"canonical", `{"service_id":"s_1","location_id":"l_1","timezone":"Europe/Paris",
			"days":[{"date":"2025-12-01","slots":[{"start":"2025-12-01T10:00:00+01:00","end":"2025-12-01T10:30:00+01:00","capacity_left":2}]},
			        {"date":"2025-12-02","slots":[{"start":"2025-12-02T00:30:00+01:00","end":"2025-12-02T01:00:00+01:00","capacity_left":1}]},
			        {"date":"2025-12-25","slots":[]}],
			"holidays":{"2025-12-25":"Christmas Day"}}`, canonical, xmas},
		{"flat slots grouped in the response zone", `{"timezone":"Europe/Paris","slots":[
			{"start":"2025-12-02T00:30:00+01:00","end":"2025-12-02T01:00:00+01:00"},
			{"start":"2025-12-01T09:00:00Z","end":"2025-12-01T09:30:00Z","capacity_left":2}],
			"holidays":[{"date":"2025-12-25","name":"Christmas Day"}]}`, canonical, xmas},
		{"flat slots grouped by their own offset", `{"slots":[
			{"start":"2025-12-01T10:00:00+01:00","end":"2025-12-01T10:30:00+01:00","capacity_left":2},
			{"start":"2025-12-02T00:30:00+01:00","end":"2025-12-02T01:00:00+01:00"}]}`, canonical, nil},
		{"days under items, start_time and end_time", `{"timezone":"Europe/Paris","items":[
			{"date":"2025-12-01","slots":[{"start_time":"2025-12-01T10:00:00+01:00","end_time":"2025-12-01T10:30:00+01:00","capacity_left":"2"}]},
			{"date":"2025-12-02","slots":[{"start_time":"2025-12-02T00:30:00+01:00","end_time":"2025-12-02T01:00:00+01:00"}]}],
			"holidays":[{"date":"2025-12-25","note":"Christmas Day"},{"date":"not a date","name":"x"}]}`, canonical, xmas},
		{"slots under items, time field, missing end uses the service duration", `{"timezone":"Europe/Paris","items":[
			{"time":"2025-12-01T10:00:00+01:00","capacity_left":2},
			{"time":"2025-12-02T00:30:00+01:00"},
			{"time":"2025-12-02T01:30:00+01:00","capacity_left":0}]}`, canonical, nil},
		{"holidays as bare dates", `{"days":[],"holidays":["2025-12-25"]}`, nil, map[model.Date]string{date("2025-12-25"): "Closed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/api/v1/services":
					writeJSON(w, 200, `{"items":[{"id":"s_1","name":"Cut","duration_minutes":30}]}`)
				case "/api/v1/availability":
					q := r.URL.Query()
					if q.Get("service_id") != "s_1" || q.Get("location_id") != "l_1" || q.Get("days_ahead") != "7" {
						t.Errorf("query = %v", q)
					}
					writeJSON(w, 200, tc.body)
				}
			})
			c := f.client()
			if _, err := c.Services(t.Context()); err != nil {
				t.Fatal(err)
			}
			a, err := c.Availability(t.Context(), "s_1", "l_1", 7)
			if err != nil {
				t.Fatal(err)
			}
			if got := facts(a); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("slots:\n got %v\nwant %v", got, tc.want)
			}
			if !reflect.DeepEqual(a.Holidays, tc.holidays) {
				t.Errorf("holidays = %v, want %v", a.Holidays, tc.holidays)
			}
			if a.ServiceID != "s_1" || a.LocationID != "l_1" {
				t.Errorf("ids = %q %q", a.ServiceID, a.LocationID)
			}
			if a.Timezone == "Europe/Paris" {
				if loc := a.Days[0].Slots[0].Start.Location().String(); loc != "Europe/Paris" {
					t.Errorf("slot zone = %s, want the location's", loc)
				}
			}
		})
	}
}

func TestAvailabilityMissingEndWithoutDuration(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"slots":[{"start":"2025-12-01T10:00:00Z"}],"holidays":{"2025-12-25":"\u001b[2JNoël\u202e"}}`)
	})
	a, err := f.client().Availability(t.Context(), "s_9", "", 7)
	if err != nil {
		t.Fatal(err)
	}
	s := a.Days[0].Slots[0]
	if !s.End.Equal(s.Start) || s.CapacityLeft != 1 {
		t.Errorf("slot = %+v, want end = start and capacity 1", s)
	}
	if name, _ := a.Holiday(date("2025-12-25")); name != "Noël" {
		t.Errorf("holiday name = %q, want sanitised", name)
	}
}
