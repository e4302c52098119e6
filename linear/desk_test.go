package linear_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/internal/testenv"
	"github.com/zimun-app/zimun/linear"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
)

// bookZoe books the first free time tomorrow in Paris for Zoé Test,
// straight on the sandbox.
func bookZoe(t *testing.T, env *testenv.Env) model.Appointment {
	t.Helper()
	ctx := context.Background()
	loc, svc, av := env.Paris(t, 30)
	tomorrow := model.DateOf(env.Clock.Now().In(loc.Zone())).AddDays(1)
	day, _ := av.Day(tomorrow)
	if len(day.Slots) == 0 {
		t.Fatal("no free slot tomorrow")
	}
	h, err := env.Client.Hold(ctx, api.HoldRequest{ServiceID: svc.ID, LocationID: loc.ID, Time: day.Slots[0].Start, DurationMinutes: svc.DurationMinutes})
	if err != nil {
		t.Fatal(err)
	}
	a, err := env.Client.Confirm(ctx, api.ConfirmRequest{HoldID: h.ID, Contact: model.Contact{Name: "Zoé Test", Email: "zoe.test@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// A desk finds an appointment by part of an email, moves it to the next
// free day, then cancels it with a reason, with typed answers only.
func TestFindMoveAndCancel(t *testing.T) {
	d := startDesk(t, inMemory, nil)
	before := bookZoe(t, d.env)
	d.answer("Choose 1 to 4:", "2")
	d.answer("Find:", "zoe.test")
	d.expect("1 appointment found:")
	d.expect("1. Zoé Test, General consultation, Tuesday 3 March at 09:00, Paris – Marais, confirmed, reference " + before.ID + ".")
	d.answer("Type 1, or 0 to go back:", "1")
	d.expect("Appointment " + before.ID + ": confirmed.")
	d.expect("When: Tuesday 3 March, 09:00 to 09:30, Paris time (CET).")
	d.answer("Choose 1 to 3, or 0 to go back:", "move")
	d.expect("Tuesday 3 March, tomorrow:")
	d.answer("Day, or enter for its times:", "next")
	d.expect("Wednesday 4 March:")
	d.answer("Day, or enter for its times:", "")
	d.answer("or 0 to go back:", "1")
	d.expect("Move Zoé Test from Tuesday 3 March at 09:00 to Wednesday 4 March at 09:00?")
	d.answer("Yes or no:", "yes")
	d.expect("Moved: now on Wednesday 4 March at 09:00.")
	d.expect("An update email goes to zoe.test@example.com.")
	d.answer("Choose 1 to 3, or 0 to go back:", "2")
	d.answer("Reason:", "called to cancel")
	d.answer("Yes or no:", "")
	d.expect("Please answer yes or no.")
	d.answer("Yes or no:", "yes")
	d.expect("Cancelled; the time is free again.")
	d.expect("Appointment " + before.ID + ": cancelled.")
	d.expect("Reason for cancelling: called to cancel.")
	d.answer("Type 1, or 0 to go back:", "0")
	d.answer("Type 1, or 0 to go back:", "0")
	d.answer("Find:", "0")
	d.answer("Choose 1 to 4:", "quit")
	d.expect("Goodbye.")
	plainText(t, d.out.String())

	after, err := d.env.Client.Appointment(context.Background(), before.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !after.Cancelled() || after.CancellationReason != "called to cancel" || !after.Time.Equal(before.Time.Add(24*time.Hour)) {
		t.Errorf("after the session: %s at %s, reason %q; want cancelled a day later with the reason", after.Status, after.Time, after.CancellationReason)
	}
}

// A walk-in gets the next free time today, and a quit while holding asks
// first, then gives the hold back.
func TestWalkInAndQuitReleases(t *testing.T) {
	d := startDesk(t, inMemory, nil)
	d.answer("Choose 1 to 4:", "3")
	d.answer("Choose 1 to 2, or 0 to go back:", "paris")
	d.answer("Choose 1 to 3, or 0 to go back:", "general")
	d.expect("Looking for the next free time today for General consultation.")
	d.expect("Held 09:30 on Monday 2 March for you, until 09:10.")
	loc, svc, _ := d.env.Paris(t, 1)
	start := time.Date(2026, 3, 2, 8, 30, 0, 0, time.UTC)
	if left, _ := d.env.Capacity(t, svc.ID, loc.ID, start); left != 1 {
		t.Fatalf("capacity left at 09:30 while held: %d, want 1", left)
	}
	d.answer("Name:", "quit")
	d.answer("Yes or no:", "no")
	d.answer("Name:", "quit")
	d.answer("Yes or no:", "yes")
	d.expect("Goodbye.")
	select {
	case err := <-d.done:
		d.done <- err // for the cleanup
	case <-time.After(soon):
		t.Fatal("the session did not end after quit")
	}
	if left, _ := d.env.Capacity(t, svc.ID, loc.ID, start); left != 2 {
		t.Errorf("capacity left at 09:30 after quitting: %d, want 2 (the hold given back)", left)
	}
}

// A kiosk customer sees their booking with its reference and email (a
// wrong email tells nothing), and may cancel it; the desk's items are not
// offered.
func TestKioskMyBooking(t *testing.T) {
	d := startDesk(t, inMemory, func(o *linear.Options) { o.Kiosk, o.Via = true, linear.ViaSSHUser })
	a := bookZoe(t, d.env)
	d.expect("Accessible mode: on, from the SSH user name a11y.")
	d.expect("2. My booking: see or cancel it, with its reference and email.")
	d.expect("3. Quit.")
	d.answer("Choose 1 to 3:", "2")
	d.answer("Reference:", a.ID)
	d.answer("Email:", "someone@example.com")
	d.expect("No booking matches that reference and email.")
	d.answer("Choose 1 to 3:", "2")
	d.answer("Reference:", a.ID)
	d.answer("Email:", "ZOE.TEST@example.com")
	d.expect("Appointment " + a.ID + ": confirmed.")
	d.expect("1. Cancel it.")
	d.expect("2. Spell the reference.")
	d.answer("Choose 1 to 2, or 0 to go back:", "1")
	d.answer("Reason:", "")
	d.answer("Yes or no:", "no")
	d.expect("Kept; nothing changed.")
	if strings.Contains(d.out.String(), "Walk-in") || strings.Contains(d.out.String(), "Move it") {
		t.Error("a kiosk customer was offered a desk's action")
	}
}

// help says what a question wants and the commands; français switches
// the language and asks the question again in French.
func TestHelpAndLanguageSwitch(t *testing.T) {
	d := startDesk(t, inMemory, nil)
	d.answer("Choose 1 to 4:", "help")
	d.expect("Type a number from 1 to 4, or the first letters of a choice, then press enter.")
	d.expect("At any question you can also type: help;")
	d.answer("Choose 1 to 4:", "français")
	d.expect("Langue : français. Tapez english pour l'anglais.")
	d.expect("Que voulez-vous faire ?")
	d.answer("Choisissez de 1 à 4 :", "1")
	d.answer("Choisissez de 1 à 2, ou 0 pour revenir :", "1")
	d.answer("Choisissez de 1 à 3, ou 0 pour revenir :", "1")
	d.expect("Le premier jour libre est lundi 2 mars, aujourd'hui : 15 horaires libres, de 09:30 à 17:30.")
	d.answer("Jour, ou Entrée pour ses horaires :", "aide")
	d.expect("Appuyez sur Entrée pour entendre les horaires libres du lundi 2 mars.")
	d.answer("Jour, ou Entrée pour ses horaires :", "le 1er avril")
	d.expect("Mercredi 1er avril")
	d.answer("Jour, ou Entrée pour ses horaires :", "demain")
	d.expect("Mardi 3 mars, demain :")
	d.answer("Jour, ou Entrée pour ses horaires :", "english")
	d.expect("Language: English.")
	d.answer("Day, or enter for its times:", "date 31 April")
	d.expect("Not a day: date 31 April.")
	d.answer("Day, or enter for its times:", "0")
	d.expect("Which service at Paris – Marais?")
}

// An accessible session in French, as a person at a terminal that edits
// lines itself (TERM=dumb) or a script reads it; the booking reference
// changes from run to run.
func TestFrenchSessionGolden(t *testing.T) {
	env := testenv.New(t)
	office := booking.New(env.Client, state.NewMemory(), booking.Options{Now: env.Clock.Now})
	input := strings.Join([]string{
		"1", "1", "1", "", "3",
		"Camille Dubois", "camille@exemple", "camille@exemple.fr", "+33 1 23 45 67 89", "",
		"temps", "1", "épeler", "4", "",
	}, "\n")
	var out strings.Builder
	never := func(time.Time) <-chan time.Time { return nil }
	err := linear.RunPlain(context.Background(), strings.NewReader(input), &out, linear.Options{
		Office: office, Catalog: i18n.NewCatalog(), Locale: i18n.Locale{Lang: i18n.French, Region: "FR"},
		Clock24: true, Via: linear.ViaDumb, Demo: true, Echo: true, Now: env.Clock.Now, Alarm: never,
	})
	if err != nil {
		t.Fatal(err)
	}
	got := regexp.MustCompile(`a_[0-9a-z]{10,}`).ReplaceAllString(out.String(), "a_REFERENCE")
	got = regexp.MustCompile(`(a_REFERENCE, 18 caractères, lettres en minuscules :) [^\n]*`).ReplaceAllString(got, "$1 …")
	plainText(t, got)
	golden.RequireEqual(t, []byte(got))
}
