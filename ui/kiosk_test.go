package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/uitest"
)

// kioskFlow runs the UI as a customer's kiosk session; startedOver is
// closed when the UI asks the kiosk to start over.
func kioskFlow(t *testing.T, env *uitest.Env, guard *booking.Guard, store state.Store) (f *flow, startedOver <-chan struct{}) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if store == nil {
		store = state.NewMemory()
	}
	started := make(chan struct{})
	var once sync.Once
	c := env.CommonWith(ctx, env.Client, store).ForKiosk(&common.Kiosk{
		ShowReference: time.Minute,
		StartOver: func() tea.Msg {
			once.Do(func() { close(started) })
			return tea.Quit()
		},
		Guard: guard, Session: "s1", Client: "192.0.2.7",
	})
	tm := teatest.NewTestModel(t, New(c, Config{}), teatest.WithInitialTermSize(100, 30))
	return &flow{t: t, env: env, store: store, tm: tm}, started
}

func waitClosed(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(waitLong):
		t.Fatalf("timed out waiting for %s", what)
	}
}

// A customer starts at the location and service choice (not at the desk's
// last ones, which another session saved), sees none of the desk's keys,
// books, gets the reference as text and QR code, and the kiosk starts over
// after show_reference.
func TestKioskBooksAndStartsOver(t *testing.T) {
	env := uitest.NewEnv(t)
	loc, svc, _ := env.Paris(t, 1)
	store := state.NewMemory()
	if err := store.SaveDesk(state.Desk{LocationID: loc.ID, ServiceID: svc.ID}); err != nil {
		t.Fatal(err)
	}
	f, startedOver := kioskFlow(t, env, nil, store)
	f.waitFor("Choose a location", "m my booking")
	f.typeText("/Marais")
	f.key("enter")
	f.waitFor("Choose a service")
	f.typeText("/General")
	f.key("enter")
	f.waitFor("free slot")
	f.key("a", "w", "d", "I", "M") // the desk's and the developer's keys: nothing
	f.key("l", "enter")
	f.waitFor("free times")
	f.key("enter")
	f.waitFor("Hold 10:00")
	f.fillContact("Ada Lovelace", "ada@example.com")
	f.key("enter")
	f.waitFor("Booked", "Booking id", "█", "This screen clears in 60 s")

	if n := confirmations(env.Sandbox, "ada@example.com"); n != 1 {
		t.Fatalf("%d confirmation emails, want 1", n)
	}
	if d, _ := store.LoadDesk(); d.LocationID != loc.ID || d.ServiceID != svc.ID {
		t.Errorf("a customer's choice was kept for the next: %+v", d)
	}
	env.Clock.Advance(time.Minute)
	waitClosed(t, startedOver, "the kiosk to start over")
	view := f.tm.FinalModel(t, teatest.WithFinalTimeout(waitLong)).View()
	for _, desk := range []string{"appointments", "walk-in"} {
		if strings.Contains(strings.ToLower(view), desk) {
			t.Errorf("a customer saw %q:\n%s", desk, view)
		}
	}
}

// "My booking": a wrong email and an unknown booking id get the same
// answer; after three misses the next answer waits; the right pair finds
// the booking, which the customer cancels.
func TestKioskMyBookingCancels(t *testing.T) {
	env := uitest.NewEnv(t)
	appt, _, _, _ := env.Booking(t)
	guard := booking.NewGuard(env.Clock.Now)
	f, startedOver := kioskFlow(t, env, guard, nil)
	f.waitFor("Choose a location")
	f.key("m")
	f.waitFor("My booking", "Booking id")

	try := func(ref, email string) {
		f.key("ctrl+u")
		f.typeText(ref)
		f.key("tab", "ctrl+u")
		f.typeText(email)
		f.waitFor(email) // drawn without the last answer, so the next shows
		f.key("enter")
	}
	try(appt.ID, "someone.else@example.com")
	f.waitFor("No booking matches that booking id and email. Check both and try again.")
	try("a_doesnotexist00000", appt.Contact.Email)
	f.waitFor("No booking matches that booking id and email. Check both and try again.")
	try(appt.ID, "Dana@example.org")
	f.waitFor("No booking matches that booking id and email. Check both and try again.")
	try(appt.ID, appt.Contact.Email)
	f.waitFor("Too many tries. You can try again in 2 seconds.")

	env.Clock.Advance(2 * time.Second)
	f.key("enter")
	f.waitFor("Booked for", "Dana Lee", "x cancel it")
	f.key("x")
	f.waitFor("Cancel this appointment?")
	f.key("y")
	f.waitFor("Your appointment is cancelled", "This screen clears in 60 s")
	got, err := env.Client.Appointment(context.Background(), appt.ID)
	if err != nil || got.Status != model.StatusCancelled {
		t.Fatalf("after the customer cancelled: %+v, %v", got, err)
	}
	f.key("enter")
	waitClosed(t, startedOver, "enter to start over")
}

// "My booking" moves the customer's appointment through the same
// calendar and slot list, then says so and starts over.
func TestKioskMyBookingReschedules(t *testing.T) {
	env := uitest.NewEnv(t)
	appt, _, _, _ := env.Booking(t)
	f, startedOver := kioskFlow(t, env, booking.NewGuard(env.Clock.Now), nil)
	day, slot := freeDay(t, f, appt)
	f.waitFor("Choose a location")
	f.key("m")
	f.waitFor("My booking")
	f.typeText(appt.ID)
	f.key("enter") // on to the email
	f.typeText(appt.Contact.Email)
	f.key("enter")
	f.waitFor("Booked for", "r reschedule")
	f.key("r")
	f.waitFor("Moving your appointment", "pick the new time")
	f.key("g")
	f.typeText(day.String())
	f.key("enter")
	f.waitFor(fmt.Sprintf("%d %s %d", day.Day, day.Month, day.Year)) // the calendar is there
	f.key("enter")
	f.waitFor("free times")
	f.key("enter")
	f.waitFor("Move this appointment?")
	f.key("enter")
	f.waitFor("Your appointment is moved", "This screen clears in 60 s")
	got, err := env.Client.Appointment(context.Background(), appt.ID)
	if err != nil || !got.Time.Equal(slot.Start) {
		t.Fatalf("after the move: %+v, %v; want %s", got, err, slot.Start)
	}
	env.Clock.Advance(time.Minute)
	waitClosed(t, startedOver, "the kiosk to start over")
}

type (
	linesAsked    struct{}
	languageAsked struct{ locale i18n.Locale }
)

// On the kiosk's first screen the header's first line names the keys for
// a screen reader and for the other language, in the words of whoever
// needs them; F2 leaves for the accessible mode while nothing is held,
// never from the form; ctrl+l changes the language only on the first
// screen. Neither is ever typed into the picker's filter.
func TestKioskKeysForAScreenReaderAndTheLanguage(t *testing.T) {
	env := uitest.NewEnv(t)
	loc, svc, a := env.Paris(t, 30)
	kiosk := &common.Kiosk{
		ShowReference: time.Minute, StartOver: func() tea.Msg { return nil },
		Lines:    func() tea.Msg { return linesAsked{} },
		Language: func(l i18n.Locale) tea.Cmd { return func() tea.Msg { return languageAsked{l} } },
	}
	for _, tc := range []struct {
		name   string
		lang   func(common.Common) common.Common
		header []string
		to     i18n.Lang
		day    int // a day of its own: the other holds a time
	}{
		{"English", func(c common.Common) common.Common { return c }, []string{"Screen reader: F2", "Français : ctrl+l"}, i18n.French, 1},
		{"French", uitest.InFrench, []string{"Lecteur d'écran : F2", "English: ctrl+l"}, i18n.English, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.lang(env.Common(context.Background()).ForKiosk(kiosk))
			m := boot(t, update(t, New(c, Config{}), tea.WindowSizeMsg{Width: 80, Height: 24}))
			if on(m) != "locations" {
				t.Fatalf("on %s, want the locations", on(m))
			}
			first := strings.SplitN(uitest.Strip(m.View()), "\n", 2)[0]
			if !strings.HasPrefix(first, " "+tc.header[0]+" · "+tc.header[1]) {
				t.Errorf("first line %q, want it to start with %q", first, tc.header)
			}
			keysShown(t, "locations", m)
			m = update(t, m, uitest.Key("p")) // the filter has the keys now
			if !m.stack.Top().Focused() {
				t.Fatal("typing did not start the filter")
			}
			if got, ok := asked(t, m, tea.KeyMsg{Type: tea.KeyCtrlL}).(languageAsked); !ok || got.locale.Lang != tc.to {
				t.Errorf("ctrl+l asked %#v, want %s", got, tc.to)
			}
			if got := asked(t, m, tea.KeyMsg{Type: tea.KeyF2}); got != (linesAsked{}) {
				t.Errorf("F2 asked %#v, want the accessible mode", got)
			}

			m = update(t, m, common.LocationChosenMsg{Location: loc})
			m = update(t, m, common.ServiceChosenMsg{Service: svc})
			keysShown(t, "calendar", m)
			m = update(t, m, uitest.Key("m"))
			keysShown(t, "my booking", m)
			m = drive(t, m, uitest.Key("esc"), 1)
			if strings.Contains(uitest.Strip(m.View()), tc.header[0]) {
				t.Error("the calendar names the first screen's keys")
			}
			if got := asked(t, m, tea.KeyMsg{Type: tea.KeyCtrlL}); got != nil {
				t.Errorf("ctrl+l past the first screen asked %#v", got)
			}
			if got := asked(t, m, tea.KeyMsg{Type: tea.KeyF2}); got != (linesAsked{}) {
				t.Errorf("F2 on the calendar asked %#v, want the accessible mode", got)
			}
			m = showDay(t, m, a, a.Days[tc.day].Date)
			keysShown(t, "slots", m)
			m = drive(t, m, uitest.Key("enter"), 2) // hold: the form
			if on(m) != "form.Model" {
				t.Fatalf("on %s, want the form", on(m))
			}
			keysShown(t, "form", m)
			if got := asked(t, m, tea.KeyMsg{Type: tea.KeyF2}); got != nil {
				t.Errorf("F2 in the form asked %#v: the hold would be lost", got)
			}
		})
	}
}

// asked is what the kiosk is asked for by key k, if anything.
func asked(t *testing.T, m Model, k tea.KeyMsg) tea.Msg {
	t.Helper()
	_, cmd := m.Update(k)
	for _, msg := range uitest.Messages(cmd) {
		switch msg.(type) {
		case linesAsked, languageAsked:
			return msg
		}
	}
	return nil
}
