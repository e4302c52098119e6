package model

import "testing"

func TestParseDay(t *testing.T) {
	today := Date{Year: 2026, Month: 3, Day: 2} // a Monday
	for in, want := range map[string]string{
		"2026-03-12": "2026-03-12", "today": "2026-03-02", "Tomorrow": "2026-03-03",
		"fri": "2026-03-06", "friday": "2026-03-06", "monday": "2026-03-09",
		"+3": "2026-03-05", "+3d": "2026-03-05", "+2w": "2026-03-16", "+1m": "2026-04-02",
		"12/3": "2026-03-12", "12.3": "2026-03-12", "12 March": "2026-03-12", "march 12": "2026-03-12",
		"5 jan": "2027-01-05", "28/2": "2026-02-28",
		// French, as the French UI's go-to takes it.
		"demain": "2026-03-03", "aujourd'hui": "2026-03-02", "ven": "2026-03-06", "mar.": "2026-03-03",
		"vendredi": "2026-03-06", "1er avril": "2026-04-01", "12 mars": "2026-03-12", "3 févr.": "2026-02-03",
		"25 décembre": "2026-12-25", "+2s": "2026-03-16", "+4j": "2026-03-06",
	} {
		got, err := ParseDay(in, today)
		if err != nil || got.String() != want {
			t.Errorf("ParseDay(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "next tuesday", "31/4", "+x", "13/13", "2026-02-30", "3 jui"} {
		if got, err := ParseDay(bad, today); err == nil {
			t.Errorf("ParseDay(%q) = %s, want an error", bad, got)
		}
	}
}
