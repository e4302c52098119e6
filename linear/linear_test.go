package linear_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/api"
)

// A desk books through numbered prompts on a real terminal (a pty in raw
// mode, as zimun --accessible runs), with a typing mistake in the email,
// and spells the reference; nothing printed is drawn or moved.
func TestBookThroughNumberedPromptsOnAPty(t *testing.T) {
	d := startDesk(t, onPty, nil)
	d.expect("Accessible mode: on, from ACCESSIBLE=1. Type help at any prompt.")
	d.answer("Choose 1 to 4:", "1")
	d.expect("Where? 2 locations:")
	d.expect("1. Paris – Marais, 12 rue des Archives, 75004 Paris, France, times in Paris time (CET).")
	d.answer("Choose 1 to 2, or 0 to go back:", "1")
	d.expect("1. General consultation, 30 minutes.")
	d.answer("Choose 1 to 3, or 0 to go back:", "1")
	d.expect("First free day is Monday 2 March, today: 15 free times, from 09:30 to 17:30.")
	d.answer("Day, or enter for its times:", "")
	d.expect("Monday 2 March,")
	d.answer("or 0 to go back:", "1")
	d.expect("Held ")
	d.expect("for you, until 09:10.")
	d.answer("Name:", "Dana Lee")
	d.answer("Email:", "dana@example")
	d.expect(`Email: the domain "example" needs a dot, like example.com. Please type it again.`)
	d.answer("Email:", "dana@example.com")
	d.answer("Phone, optional, enter to skip:", "")
	d.answer("Notes, optional, enter to skip:", "")
	d.expect("Please check the booking:")
	d.expect("Name: Dana Lee.")
	d.answer("Choose 1 to 7:", "1")
	d.expect("Booked: General consultation on Monday 2 March at")
	d.expect("Reference: a_")
	d.answer("Choose 1 to 4:", "spell")
	d.expect("letters in lower case: A Alpha, underscore,")
	d.answer("Choose 1 to 4:", "4")
	d.expect("Goodbye.")
	plainText(t, d.out.String())

	page, err := d.env.Client.Appointments(context.Background(), api.AppointmentFilter{Query: "dana@example.com", PageSize: 50})
	if err != nil {
		t.Fatal(err)
	}
	booked := 0
	for _, a := range page.Items {
		if a.Contact.Name == "Dana Lee" && a.Time.Equal(time.Date(2026, 3, 2, 8, 30, 0, 0, time.UTC)) {
			booked++
		}
	}
	if booked != 1 {
		t.Errorf("want one booking for Dana Lee at 09:30 Paris, found %d in %d", booked, len(page.Items))
	}
}

// The hold is announced at 5 minutes, 2 minutes and 30 seconds left and
// when it ends, and at no other second; what was typed stays, and extend
// holds it again.
func TestHoldAnnouncedAtThresholds(t *testing.T) {
	d := startDesk(t, inMemory, nil)
	d.answer("Choose 1 to 4:", "1")
	d.answer("Choose 1 to 2, or 0 to go back:", "1")
	d.answer("Choose 1 to 3, or 0 to go back:", "1")
	d.answer("Day, or enter for its times:", "")
	d.answer("or 0 to go back:", "1")
	d.expect("for you, until 09:10.")
	d.answer("Name:", "Dana Lee")
	d.expect("Email:")
	start := d.clock.Now()
	deadline := start.Add(10 * time.Minute)
	d.clock.waitArmed(t, deadline.Add(-5*time.Minute))

	want := map[time.Duration]string{
		5 * time.Minute:  "Hold: 5 minutes left on",
		2 * time.Minute:  "Hold: 2 minutes left on",
		30 * time.Second: "Hold: 30 seconds left on",
		0:                "Hold ended:",
	}
	heard := 0
	for sec := 1; sec <= 600; sec++ {
		rang := d.clock.Advance(time.Second)
		left := deadline.Sub(d.clock.Now())
		text, due := want[left]
		switch {
		case due && rang != 1:
			t.Fatalf("%s left: %d alarms rang, want 1", left, rang)
		case !due && rang != 0:
			t.Fatalf("%s left: %d alarms rang, want none", left, rang)
		case !due:
			continue
		}
		d.expect(text)
		heard++
		if left > 0 {
			next := []time.Duration{2 * time.Minute, 30 * time.Second, 0}[heard-1]
			d.clock.waitArmed(t, deadline.Add(-next))
		}
	}
	out := d.out.String()
	if n := strings.Count(out, "Hold: "); n != 3 {
		t.Errorf("%d threshold announcements, want 3", n)
	}
	if n := strings.Count(out, "\aHold"); n != 3 {
		t.Errorf("%d announcements rang the bell, want 3 (2 minutes, 30 seconds, the end)", n)
	}
	// The prompt comes back after each announcement, with nothing lost.
	d.answer("Email:", "extend")
	d.expect("Held ")
	d.expect("for you again, until 09:20.")
	d.answer("Email:", "dana@example.com")
	d.answer("Phone, optional, enter to skip:", "")
	d.answer("Notes, optional, enter to skip:", "")
	d.expect("Name: Dana Lee.")
	d.answer("Choose 1 to 7:", "time")
	d.expect("is held for you for 10 minutes more, until 09:20.")
}
