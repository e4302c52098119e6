//go:build linux

package reliability

import (
	"strings"
	"syscall"
	"testing"
	"time"
)

// Marks of each screen: what shows it is on screen and complete.
const (
	onCalendar     = "enter see times"
	onSlots        = "enter hold this time"
	onForm         = "ctrl+s book"
	onConfirmation = "Booking id"
	onAppointments = "/ search"
)

// toCalendar waits for the calendar with its data in.
func (a *app) toCalendar() {
	a.t.Helper()
	a.waitUntil("the calendar with its data", calendarLoaded)
}

// calendarLoaded: the calendar shows the selected day's free slots ("8
// free slots" in the side panel, "8 free · 14:00…" when small).
func calendarLoaded(screen string) bool {
	return strings.Contains(screen, onCalendar) && (strings.Contains(screen, "free slot") || strings.Contains(screen, " free · "))
}

// toSlots opens the first day with free slots.
func (a *app) toSlots() {
	a.t.Helper()
	a.toCalendar()
	a.press("enter")
	a.waitFor(onSlots, "free time")
}

// toForm holds the first free time of that day.
func (a *app) toForm() {
	a.t.Helper()
	a.toSlots()
	a.press("enter")
	a.waitFor(onForm, "Hold 10:00")
}

// fill types a contact into the form and asks to book; the review line
// comes next.
func (a *app) fill(name, email string) {
	a.t.Helper()
	a.press(name, "tab", email)
	a.waitFor(email)
	a.press("ctrl+s")
	a.waitFor("enter confirm")
}

// Every screen ends on SIGTERM and on SIGHUP within a second, gives the
// terminal back and gives back the hold it had, as a quit does.
func TestSignalsEndEveryScreen(t *testing.T) {
	screens := []struct {
		name string
		to   func(*app)
		hold bool
	}{
		{"calendar", (*app).toCalendar, false},
		{"slots", (*app).toSlots, false},
		{"form with a hold", (*app).toForm, true},
		{"appointments", func(a *app) {
			a.toCalendar()
			a.press("a")
			a.waitFor(onAppointments, "Appointments")
		}, false},
		{"confirmation", func(a *app) {
			a.toForm()
			a.fill("Ada Lovelace", "ada@example.com")
			a.press("enter")
			a.waitFor(onConfirmation, "Ada Lovelace")
		}, false},
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		for _, sc := range screens {
			if testing.Short() && sig == syscall.SIGHUP && sc.name != "form with a hold" {
				continue
			}
			t.Run(sig.String()+"/"+sc.name, func(t *testing.T) {
				t.Parallel()
				d := newDesk(t)
				a := d.start(d.parisArgs()...)
				sc.to(a)
				if sc.hold && len(liveHolds(d.sb)) != 1 {
					t.Fatalf("%d live holds on the form, want 1", len(liveHolds(d.sb)))
				}
				took := a.signal(sig)
				if took > signalExit {
					t.Errorf("exited %v after %v, want within %v", took.Round(time.Millisecond), sig, signalExit)
				}
				if err := a.restored(); err != nil {
					t.Error(err)
				}
				if hs := liveHolds(d.sb); len(hs) > 0 {
					t.Errorf("%d holds still live after %v: %+v", len(hs), sig, hs)
				}
				// As a shell reports a run a signal ended: 128 + its number.
				if want := 128 + int(sig); a.exitCode() != want {
					t.Errorf("exit %d after %v, want %d", a.exitCode(), sig, want)
				}
			})
		}
	}
}
