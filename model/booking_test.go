package model

import (
	"testing"
	"time"
)

func TestLocationZoneLoadedOnce(t *testing.T) {
	l := Location{Timezone: "Europe/Paris"}.WithZone()
	if l.Zone() != l.Zone() || l.Zone().String() != "Europe/Paris" {
		t.Fatal("WithZone's zone is not the one kept")
	}
	l.Timezone = "America/New_York" // a copy changed after: its own zone
	if got := l.Zone().String(); got != "America/New_York" {
		t.Fatalf("zone %s after the name changed", got)
	}
	if got := (Location{Timezone: "Nowhere/Else"}).WithZone().Zone(); got != time.UTC {
		t.Fatalf("an unknown zone gave %v, want UTC", got)
	}
}
