package main

import (
	"strings"
	"testing"
)

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

// -only replaces the sections it measured and the findings, and keeps
// the rest of the report, numbers and all.
func TestSpliceReplacesOnlyTheMeasuredSections(t *testing.T) {
	old := "# Benchmarks\n\nold head\n\n## 1. Start-up\n\nold start\n\n## 8. Kiosk capacity\n\nold kiosk\n\n## 9. Sandbox throughput\n\nold sandbox\n\n## Findings\n\nold findings\n"
	fresh := "# Benchmarks\n\nnew head\n\n## 1. Start-up\n\nnot measured\n\n## 2. Kiosk capacity\n\nnew kiosk\n\n### Targets\n\nrows\n\n## 3. Sandbox throughput\n\nnot measured\n\n## Findings\n\nnew findings\n"
	got, err := splice(old, fresh, config{only: []string{"kiosk"}}.chosen)
	if err != nil {
		t.Fatal(err)
	}
	want := "# Benchmarks\n\nold head\n\n## 1. Start-up\n\nold start\n\n## 8. Kiosk capacity\n\nnew kiosk\n\n### Targets\n\nrows\n\n## 9. Sandbox throughput\n\nold sandbox\n\n## Findings\n\nnew findings\n"
	if got != want {
		t.Errorf("spliced:\n%s\nwant:\n%s", got, want)
	}
	got, err = splice(old, strings.Replace(fresh, "## 3. Sandbox throughput\n\nnot measured", "## 3. Sandbox throughput\n\nnew sandbox", 1), config{only: []string{"sandbox"}}.chosen)
	if err != nil {
		t.Fatal(err)
	}
	want = "# Benchmarks\n\nold head\n\n## 1. Start-up\n\nold start\n\n## 8. Kiosk capacity\n\nold kiosk\n\n## 9. Sandbox throughput\n\nnew sandbox\n\n## Findings\n\nnew findings\n"
	if got != want {
		t.Errorf("spliced -only sandbox:\n%s\nwant:\n%s", got, want)
	}
	if _, err := splice(old, fresh, config{only: []string{"nothing"}}.chosen); err == nil {
		t.Error("no error when no section was measured")
	}
}
