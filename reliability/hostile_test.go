//go:build linux

package reliability

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/zimun-app/zimun/sandbox"
)

// hostileDesk serves a copy of the hostile fixture: names, addresses,
// closure notes and contacts full of escape sequences, invisible and bidi
// characters, invalid UTF-8 and 10 KB strings.
func hostileDesk(t *testing.T) *desk {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "sandbox", "testdata", "hostile.json"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "hostile.json") // the sandbox rewrites it
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return newDesk(t, func(o *sandbox.Options) { o.DataFile = file })
}

// seen is what one screen must keep on show, however long the server's
// text: what the person is doing and the keys to go on.
type seen struct {
	screen string
	marks  []string
}

// knownPushedOff are layout defects found and not fixed yet, by
// "COLSxROWS/screen": the walk reports them in its log instead of failing,
// and fails once one is fixed, so that its entry is removed.
var knownPushedOff = map[string]string{}

// check reports the marks the screen lost. A frame may arrive in pieces,
// so it waits a little for them before it reports.
func (s seen) check(t *testing.T, a *app) {
	t.Helper()
	key := fmt.Sprintf("%dx%d/%s", a.scr.w, a.scr.h, s.screen)
	known, isKnown := knownPushedOff[key]
	deadline := time.NewTimer(3 * time.Second)
	defer deadline.Stop()
	for {
		a.mu.Lock()
		scr, changed := a.scr.Text(), a.changed
		a.mu.Unlock()
		var lost []string
		for _, m := range s.marks {
			if !strings.Contains(scr, m) {
				lost = append(lost, fmt.Sprintf("%q", m))
			}
		}
		if len(lost) == 0 {
			if isKnown {
				t.Errorf("%s is fixed (%s): remove it from knownPushedOff", key, known)
			}
			return
		}
		select {
		case <-changed:
			continue
		case <-deadline.C:
		}
		if isKnown {
			t.Logf("known defect, %s: %s pushed off: %s", key, strings.Join(lost, ", "), known)
			return
		}
		t.Errorf("%s: pushed off the %d×%d screen: %s; screen:\n%s", s.screen, a.scr.w, a.scr.h, strings.Join(lost, ", "), scr)
		return
	}
}

// The app walked over every screen against the hostile fixture writes
// none of the fixture's dangerous sequences to the terminal, only valid
// UTF-8, no control string of its own but its colour query, and every
// screen keeps its countdown and keys in view.
func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {100, 30}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			t.Parallel()
			walkHostile(t, size[0], size[1])
		})
	}
}

func walkHostile(t *testing.T, cols, rows int) {
	d := hostileDesk(t)
	a := d.startSized(cols, rows)

	a.waitFor("Choose a location", "HOSTILE")
	seen{"location picker", []string{"Where?", "enter choose"}}.check(t, a)
	a.press("enter")
	a.waitFor("Choose a service", "HOSTILE")
	seen{"service picker", []string{"What?", "enter choose"}}.check(t, a)
	a.press("enter")
	a.toCalendar()
	seen{"calendar", []string{"free", onCalendar}}.check(t, a)
	a.press("?")
	a.waitFor("Keys")
	seen{"help", []string{"Keys", "quit"}}.check(t, a)
	a.press("?")
	a.waitFor(onCalendar)

	// A closed day shows its closure note (the next ones are on Wednesdays).
	for i := 0; i < 14 && !strings.Contains(a.Screen(), "losed"); i++ {
		before := a.Screen()
		a.press("l")
		a.waitUntil("the next day", func(s string) bool { return s != before })
	}
	seen{"calendar on a closed day", []string{"losed", onCalendar}}.check(t, a)
	// On to the next day with free slots (not today: late in the day it
	// has none left, and a time can pass its lead time between two looks).
	before := a.Screen()
	a.press("n")
	a.waitUntil("the next free day", func(s string) bool {
		return s != before && calendarLoaded(s) && !strings.Contains(strings.ToLower(s), "no free slots")
	})

	a.toSlots()
	seen{"slots", []string{"free time", onSlots}}.check(t, a)
	a.press("enter")
	a.waitFor(onForm, "Hold 10:00")
	seen{"form", []string{"Hold ", "⏱ ", " left", "Name", "Email", onForm}}.check(t, a)
	a.press("Ada Lovelace", "tab", "ada@example.com", "ctrl+s") // typed blind if the fields are off screen
	a.waitFor("enter confirm")
	seen{"form review", []string{"Hold ", "Book Ada Lovelace <ada@example.com>", "enter confirm"}}.check(t, a)
	a.press("enter")
	a.waitFor("✓ Booked", "n new booking")
	booked := bookedOnce(t, d.sb, "ada@example.com")
	seen{"confirmation", []string{"Booked", "Booking id  " + booked.ID, "n new booking"}}.check(t, a)

	a.press("a")
	a.waitFor(onAppointments, "▸ ") // the list is in, a row selected
	seen{"appointments", []string{"Upcoming", onAppointments}}.check(t, a)

	a.press("R")
	a.waitUntil("the reschedule calendar", func(s string) bool { return strings.Contains(s, "Rescheduling") && calendarLoaded(s) })
	seen{"reschedule calendar", []string{"Rescheduling", onCalendar}}.check(t, a)
	a.press("enter")
	a.waitFor("enter choose this time", "free time")
	seen{"reschedule slots", []string{"Rescheduling", "enter choose this time"}}.check(t, a)
	a.press("enter")
	a.waitFor("Move this appointment?")
	seen{"reschedule summary", []string{"Move this appointment?", "→", "enter/y move it"}}.check(t, a)
	a.press("enter")
	a.waitFor(onAppointments, "Moved", "▸ ")

	a.press("H")
	a.waitFor("Desk history", "Ada Lovelace")
	seen{"desk history", []string{"Desk history", "Ada Lovelace", "? help"}}.check(t, a)
	a.press("H")
	a.waitFor("Upcoming", onAppointments, "▸ ")

	a.press("X")
	a.waitFor("Cancel this appointment?")
	seen{"cancel", []string{"Cancel this appointment?", "Keep appointment", "ctrl+x cancel appointment"}}.check(t, a)
	a.press("ctrl+x")
	a.waitFor(onAppointments, "cancelled")

	a.press("w")
	if a.waitAny("Walk-in at", onForm, "No free slot left today") == "Walk-in at" {
		// Newer walk-ins choose the service in the same step.
		seen{"walk-in choice", []string{"Walk-in at", "today"}}.check(t, a)
		a.press("enter")
	}
	if a.waitAny(onForm, "No free slot left today") == onForm {
		seen{"walk-in form", []string{"Hold ", "⏱ ", " left", "Name", onForm}}.check(t, a)
		a.press("esc")
		a.waitFor("Release the hold")
		a.press("y")
		a.waitFor(onAppointments) // back where the walk-in started
	}
	a.press("q")
	a.wait()
	if err := a.restored(); err != nil {
		t.Error(err)
	}

	raw := []byte(a.rawString())
	t.Logf("%d bytes written to the terminal", len(raw))
	for _, p := range hostileOutput(raw, a.scr.strings) {
		t.Error(p)
	}
}

// hostileOutput lists what in a terminal's input came from hostile server
// text: a sequence of the fixture, invalid UTF-8, or a control string
// (OSC, DCS, APC…) other than the colour queries the app sends itself.
func hostileOutput(raw []byte, controlStrings []string) []string {
	var out []string
	around := func(i int) []byte { return raw[max(i-40, 0):min(i+40, len(raw))] }
	for _, seq := range sandbox.HostileSequences() {
		if i := bytes.Index(raw, []byte(seq.Bytes)); i >= 0 {
			out = append(out, fmt.Sprintf("%s (%q) reached the terminal: …%q…", seq.Name, seq.Bytes, around(i)))
		}
	}
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && n == 1 {
			out = append(out, fmt.Sprintf("invalid UTF-8 byte %#x reached the terminal: …%q…", raw[i], around(i)))
			break
		}
		i += n
	}
	for _, s := range controlStrings {
		if s != "]11;?" && s != "]10;?" {
			out = append(out, fmt.Sprintf("a control string reached the terminal: %q", s))
		}
	}
	return out
}

// The check above catches each kind of hostile output: the fixture's text
// written raw fails it on every sequence.
func TestHostileOutputCheck(t *testing.T) {
	if got := hostileOutput([]byte("\x1b[H\x1b[1;38;5;75m Booked ✓ ─│▸\x1b[0m\x1b[K\r\n"), []string{"]11;?"}); len(got) > 0 {
		t.Errorf("a clean frame failed: %v", got)
	}
	var raw bytes.Buffer
	for _, seq := range sandbox.HostileSequences() {
		raw.WriteString("name " + seq.Bytes + " end\n")
	}
	scr := newScreen(80, 24)
	scr.Write(raw.Bytes())
	got := hostileOutput(raw.Bytes(), scr.strings)
	for _, seq := range sandbox.HostileSequences() {
		if !strings.Contains(strings.Join(got, "\n"), seq.Name+" (") {
			t.Errorf("%s written raw was not caught", seq.Name)
		}
	}
	for _, want := range []string{"invalid UTF-8", "control string reached the terminal: \"]0;HOSTILE-TITLE\"", "\"]52;c;"} {
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("no %s in %v", want, got)
		}
	}
}
