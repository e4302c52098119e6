package model

import (
	"errors"
	"strings"
	"testing"
)

func TestAnyLocation(t *testing.T) {
	cat := Catalog{Locations: []Location{
		{ID: "l_paris", Name: "Paris – Marais", Active: true},
		{ID: "l_lyon", Name: "Lyon", Active: false},
	}}
	for key, want := range map[string]string{"l_paris": "l_paris", "paris – marais": "l_paris", " Lyon ": "l_lyon"} {
		if l, err := cat.AnyLocation(key); err != nil || l.ID != want {
			t.Errorf("AnyLocation(%q) = %q, %v; want %s", key, l.ID, err, want)
		}
	}
	if _, err := cat.FindLocation("Lyon"); err == nil {
		t.Error("FindLocation takes a location that takes no bookings")
	}
	_, err := cat.AnyLocation("Berlin")
	var ce *ChoiceError
	if !errors.As(err, &ce) || ce.Problem != NoSuch || !strings.Contains(err.Error(), "Lyon (l_lyon)") {
		t.Errorf("AnyLocation(Berlin) = %v, want the choices named", err)
	}
}
