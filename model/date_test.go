package model

import (
	"testing"
	"time"
)

func TestDateArithmetic(t *testing.T) {
	d := Date{2026, time.January, 31}
	if got := d.AddMonths(1); got != (Date{2026, time.February, 28}) {
		t.Errorf("AddMonths clamps: got %v", got)
	}
	if got := d.AddDays(1); got != (Date{2026, time.February, 1}) {
		t.Errorf("AddDays: got %v", got)
	}
	if got := (Date{2026, time.March, 28}).AddDays(2); got != (Date{2026, time.March, 30}) {
		t.Errorf("AddDays across the DST change: got %v", got)
	}
	if n := d.DaysUntil(Date{2026, time.March, 2}); n != 30 {
		t.Errorf("DaysUntil = %d", n)
	}
	if d.Weekday() != time.Saturday {
		t.Errorf("Weekday = %v", d.Weekday())
	}
	if _, err := ParseDate("2026-02-30"); err == nil {
		t.Error("ParseDate accepted 30 February")
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	late := time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC) // 00:30 on the 2nd in Paris
	if got := DateOf(late.In(paris)); got != (Date{2026, time.March, 2}) {
		t.Errorf("DateOf in zone = %v", got)
	}
}

func TestAvailabilityNextFree(t *testing.T) {
	day := func(d int, slots int) Day {
		return Day{Date: Date{2026, time.March, d}, Slots: make([]Slot, slots)}
	}
	a := Availability{Days: []Day{day(2, 0), day(3, 4), day(4, 0), day(5, 1)}}
	if got, _ := a.FirstFree(); got.Day != 3 {
		t.Errorf("FirstFree = %v", got)
	}
	if got, _ := a.NextFree(Date{2026, time.March, 3}, 1); got.Day != 5 {
		t.Errorf("NextFree forward = %v", got)
	}
	if got, _ := a.NextFree(Date{2026, time.March, 5}, -1); got.Day != 3 {
		t.Errorf("NextFree back = %v", got)
	}
	if _, ok := a.NextFree(Date{2026, time.March, 5}, 1); ok {
		t.Error("NextFree past the window found a day")
	}
}

func TestHoldRemaining(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	h := Hold{Deadline: now.Add(90 * time.Second)}
	if h.Remaining(now) != 90*time.Second || h.Expired(now) {
		t.Fatal("fresh hold")
	}
	if h.Remaining(now.Add(2*time.Minute)) != 0 || !h.Expired(now.Add(90*time.Second)) {
		t.Fatal("lapsed hold")
	}
}
