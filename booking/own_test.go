package booking

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/internal/testenv"
)

func TestOwnFindsOnlyWithTheRightEmail(t *testing.T) {
	d := newDesk(t, nil)
	s := d.o.NewSession()
	slot := d.day.Slots[0]
	booked := s.Begin(d.svc, d.loc, slot, d.hold(t, s, slot), ada).Confirm(ctx, ada).Appointment

	got, err := d.o.Own(ctx, " "+booked.ID+" ", strings.ToUpper(ada.Email))
	if err != nil || got.ID != booked.ID {
		t.Fatalf("own booking: %+v, %v", got, err)
	}
	for name, try := range map[string][2]string{
		"wrong email":       {booked.ID, "someone@example.com"},
		"unknown reference": {"a_nosuchthing", ada.Email},
		"no email":          {booked.ID, ""},
		"hostile reference": {"a_\x1b[2J", ada.Email},
		"path in reference": {"../organization", ada.Email},
	} {
		if _, err := d.o.Own(ctx, try[0], try[1]); !errors.Is(err, ErrNoSuchBooking) {
			t.Errorf("%s: %v, want the one answer for a miss", name, err)
		}
	}
}

func TestGuardSlowsRepeatedMissesThenForgets(t *testing.T) {
	clock := testenv.NewClock(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	g := NewGuard(clock.Now)
	var waits []time.Duration
	for range 6 {
		waits = append(waits, g.Wait("session:1", "addr:10.0.0.1"))
		g.Miss("session:1", "addr:10.0.0.1")
	}
	want := []time.Duration{0, 0, 0, 2 * time.Second, 4 * time.Second, 8 * time.Second}
	for i := range want {
		if waits[i] != want[i] {
			t.Fatalf("waits %v, want %v", waits, want)
		}
	}
	// A new session from the same address is still slowed.
	if w := g.Wait("session:2", "addr:10.0.0.1"); w != 16*time.Second {
		t.Fatalf("same address, new session: %s", w)
	}
	if w := g.Wait("session:3", "addr:10.0.0.2"); w != 0 {
		t.Fatalf("another address: %s", w)
	}
	for range 10 {
		g.Miss("addr:10.0.0.1")
	}
	if w := g.Wait("addr:10.0.0.1"); w != 30*time.Second {
		t.Fatalf("bound: %s", w)
	}
	clock.Advance(29 * time.Second) // the wait runs from the last miss
	if w := g.Wait("addr:10.0.0.1"); w != time.Second {
		t.Fatalf("29 s after the last miss: %s", w)
	}
	clock.Advance(16 * time.Minute)
	if w := g.Wait("addr:10.0.0.1"); w != 0 {
		t.Fatalf("after a quiet spell: %s", w)
	}
}
