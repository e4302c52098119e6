package model

import (
	"testing"
	"time"
)

func TestClock(t *testing.T) {
	paris := LoadZone("Europe/Paris")
	at := time.Date(2026, 3, 3, 9, 30, 0, 0, paris)
	end := at.Add(30 * time.Minute)
	for _, tt := range []struct {
		c                      Clock
		time, cell, span, date string
	}{
		{Clock{H24: true}, "09:30", "09:30", "09:30–10:00 CET", "2026-03-03 Tue 09:30 CET"},
		{Clock{}, "9:30 AM", " 9:30 AM", "9:30 AM–10:00 AM CET", "2026-03-03 Tue 9:30 AM CET"},
	} {
		if got := tt.c.Time(at, nil); got != tt.time {
			t.Errorf("Time = %q, want %q", got, tt.time)
		}
		if got := tt.c.Cell(at, nil); got != tt.cell || len(tt.c.Cell(end.Add(3*time.Hour), nil)) != len(got) {
			t.Errorf("Cell = %q (and %q), want %q at one width", got, tt.c.Cell(end.Add(3*time.Hour), nil), tt.cell)
		}
		if got := tt.c.Span(at, end, nil); got != tt.span {
			t.Errorf("Span = %q, want %q", got, tt.span)
		}
		if got := tt.c.DateTime(at, nil); got != tt.date {
			t.Errorf("DateTime = %q, want %q", got, tt.date)
		}
	}
	// A time read back from JSON has a bare offset: a zone name all the same.
	fixed := at.In(time.FixedZone("", 3600))
	if got := ZoneName(fixed); got != "UTC+01:00" {
		t.Errorf("ZoneName of a bare offset = %q", got)
	}
}
