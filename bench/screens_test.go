package main

import "testing"

func TestParseBench(t *testing.T) {
	out := `goos: linux
pkg: github.com/zimun-app/zimun/ui/calendar
BenchmarkCalendarScreen/View/200x60-2         	 6928686	       223.0 ns/op	       0 B/op	       0 allocs/op
BenchmarkCalendarScreen/Update/200x60-2      	   14677	    740249 ns/op	   34282 B/op	    1137 allocs/op
pkg: github.com/zimun-app/zimun/ui/slots
BenchmarkSlotsView-2   	   10000	    134606 ns/op	    8248 B/op	     437 allocs/op
PASS
`
	targets := map[string][2]float64{
		"BenchmarkCalendarScreen/View/200x60":   {500000, 1000},
		"BenchmarkCalendarScreen/Update/200x60": {500000, 1000},
	}
	got := parseBench(out, targets)
	if len(got) != 3 {
		t.Fatalf("%d lines, want 3: %+v", len(got), got)
	}
	if l := got[0]; l.pkg != "ui/calendar" || l.name != "BenchmarkCalendarScreen/View/200x60" || l.ns != 223 || !l.hasTarget || l.overRun {
		t.Errorf("first line %+v", l)
	}
	if l := got[1]; l.allocs != 1137 || l.bytes != 34282 || !l.overRun {
		t.Errorf("second line %+v: want over its target", l)
	}
	if l := got[2]; l.pkg != "ui/slots" || l.hasTarget {
		t.Errorf("third line %+v: want no target", l)
	}
}
