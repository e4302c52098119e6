package model

import (
	"testing"
	"time"
)

func TestSurveyRows(t *testing.T) {
	from := Date{2026, 3, 1}
	at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }
	av := Availability{
		Days: []Day{
			{Date: Date{2026, 3, 2}, Slots: []Slot{{Start: at(2, 10), CapacityLeft: 2}, {Start: at(2, 9), CapacityLeft: 1}}},
			{Date: Date{2026, 3, 3}},
		},
		Holidays: map[Date]string{{2026, 3, 4}: "Closed for training"},
	}
	a := SurveyRowOf(Service{ID: "s_a"}, Location{ID: "l_1"}, av, from, 5)
	want := []SurveyCell{
		{Date: from},
		{Date: Date{2026, 3, 2}, State: Open, Slots: 2, Places: 3, First: at(2, 9)},
		{Date: Date{2026, 3, 3}, State: Open},
		{Date: Date{2026, 3, 4}, State: Closed, Holiday: "Closed for training"},
		{Date: Date{2026, 3, 5}},
	}
	for i, c := range a.Cells {
		if c != want[i] {
			t.Errorf("cell %d = %+v, want %+v", i, c, want[i])
		}
	}
	if a.MostPlaces() != 3 {
		t.Errorf("MostPlaces = %d", a.MostPlaces())
	}

	// Another service open on the closed day, at another hour.
	b := SurveyRowOf(Service{ID: "s_b"}, Location{ID: "l_1"}, Availability{
		Days: []Day{{Date: Date{2026, 3, 2}, Slots: []Slot{{Start: at(2, 8), CapacityLeft: 1}}}, {Date: Date{2026, 3, 4}, Slots: []Slot{{Start: at(4, 8), CapacityLeft: 4}}}},
	}, from, 5)
	other := SurveyRowOf(Service{ID: "s_c"}, Location{ID: "l_2"}, av, from, 5)
	sum := LocationRow(Location{ID: "l_1"}, []SurveyRow{a, other, b})
	if c := sum.Cells[1]; c.Places != 4 || c.Slots != 3 || !c.First.Equal(at(2, 8)) {
		t.Errorf("summed day = %+v", c)
	}
	if c := sum.Cells[3]; c.State != Open || c.Places != 4 || c.Holiday != "" {
		t.Errorf("a day closed for one service, open for another = %+v", c)
	}
	if c := sum.Cells[0]; c.State != Outside {
		t.Errorf("a day outside every window = %+v", c)
	}
	if only := LocationRow(Location{ID: "l_2"}, []SurveyRow{a, other}); only.Cells[3].State != Closed || only.Cells[3].Holiday == "" {
		t.Errorf("a closed day of the location = %+v", only.Cells[3])
	}
}
