package main

import "testing"

func TestDayMovesStayInTheMonth(t *testing.T) {
	for frame, want := range map[string][2]string{
		" \x1b[1mMon 30 Nov 2026\x1b[0m · 6 free":  {"h", "l"},
		" \x1b[1mTue 1 Dec 2026\x1b[0m · 16 free":  {"l", "h"},
		" \x1b[1mThu 12 Feb 2026\x1b[0m · loading": {"l", "h"},
		" \x1b[1mSat 28 Feb 2026\x1b[0m":           {"h", "l"},
		"no day drawn":                             {"l", "h"},
	} {
		if got := dayMoves(frame); got != want {
			t.Errorf("dayMoves(%q) = %v, want %v", frame, got, want)
		}
	}
}
