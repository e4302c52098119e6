//go:build linux

package reliability

import (
	"strings"
	"testing"

	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/state"
)

const resumeOffer = "A booking was left unfinished"

// kill -9 at each step of a booking: the next start offers the booking
// again, and resuming it books exactly once.
func TestKillAndResumeBooksOnce(t *testing.T) {
	steps := []struct {
		name string
		// upTo drives the first app to the step it is killed at.
		upTo func(t *testing.T, d *desk, a *app)
		// finish books on the resumed form.
		finish func(t *testing.T, d *desk, a *app)
	}{
		{"after the hold", func(t *testing.T, d *desk, a *app) {
			a.toForm()
			d.waitDraft("a hold", func(dr state.Draft) bool { return dr.Hold.ID != "" })
		}, func(t *testing.T, d *desk, a *app) {
			a.waitFor(onForm, "Hold 0")
			a.fill("Ada Lovelace", "ada@example.com")
			a.press("enter")
		}},
		{"after typing", func(t *testing.T, d *desk, a *app) {
			a.toForm()
			a.press("Ada Lovelace", "tab", "ada@example.com", "tab")
			d.waitDraft("the contact", func(dr state.Draft) bool { return dr.Contact.Email == "ada@example.com" })
		}, func(t *testing.T, d *desk, a *app) {
			a.waitFor(onForm, "Hold 0", "Ada Lovelace", "ada@example.com")
			a.press("ctrl+s")
			a.waitFor("enter confirm")
			a.press("enter")
		}},
		{"mid-confirm, before the server acted", func(t *testing.T, d *desk, a *app) {
			a.toForm()
			setFaults(t, d.sb, "confirm:latency=1m")
			a.fill("Ada Lovelace", "ada@example.com")
			a.press("enter")
			a.waitFor("Booking ")
			d.waitDraft("a confirm key", func(dr state.Draft) bool { return dr.IdempotencyKey != "" })
		}, resumeUnanswered},
		{"mid-confirm, its reply lost", func(t *testing.T, d *desk, a *app) {
			a.toForm()
			// Booked, its reply lost; the retry answered 500 (not
			// retried again), so the form says so at once.
			d.sb.InjectFault(sandbox.Fault{Method: "POST", Path: "/api/v1/appointments/confirm", DropAfterProcessing: true, Times: 1})
			d.sb.InjectFault(sandbox.Fault{Method: "POST", Path: "/api/v1/appointments/confirm", Status: 500, Times: 1})
			a.fill("Ada Lovelace", "ada@example.com")
			a.press("enter")
			a.waitFor("press enter to retry")
			if n := len(appointmentsFor(d.sb, "ada@example.com")); n != 1 {
				t.Fatalf("%d appointments after the lost reply, want the one it made", n)
			}
		}, resumeUnanswered},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			t.Parallel()
			d := newDesk(t)
			first := d.start(d.parisArgs()...)
			step.upTo(t, d, first)
			first.kill()
			held := liveHolds(d.sb)
			setFaults(t, d.sb, "")

			next := d.start(d.parisArgs()...)
			next.waitFor(resumeOffer, "enter resume")
			next.press("enter")
			step.finish(t, d, next)
			next.waitFor(onConfirmation, "Ada Lovelace")
			a := bookedOnce(t, d.sb, "ada@example.com")
			if len(held) == 1 && a.HoldID != held[0].ID {
				t.Errorf("booked on hold %s, not on the one the first app left (%s)", a.HoldID, held[0].ID)
			}
			next.press("q")
			next.wait()
			if hs := liveHolds(d.sb); len(hs) > 0 {
				t.Errorf("holds left live: %+v", hs)
			}
			if ds := d.drafts(); len(ds) > 0 {
				t.Errorf("drafts left after booking: %+v", ds)
			}
		})
	}
}

// resumeUnanswered finishes a booking whose confirm went unanswered: the
// resumed form asks the server again with the same key.
func resumeUnanswered(t *testing.T, d *desk, a *app) {
	t.Helper()
	a.waitFor("may have gone through", "press enter to check", "Ada Lovelace")
	a.press("enter")
}

// A second zimun on the same state folder leaves the first one's live
// booking alone, and takes it over once the first is gone, however it
// ended.
func TestSecondInstanceLeavesLiveDraftAlone(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	first := d.start(d.parisArgs()...)
	first.toForm()
	first.press("Ada Lovelace", "tab")
	d.waitDraft("the name", func(dr state.Draft) bool { return dr.Contact.Name == "Ada Lovelace" })

	second := d.start(d.parisArgs()...)
	s := second.waitFor(onCalendar, "Another zimun on this computer has a booking in progress")
	if strings.Contains(s, resumeOffer) {
		t.Fatalf("the second zimun offered the first one's booking:\n%s", s)
	}
	second.press("q")
	second.wait()
	if n := len(liveHolds(d.sb)); n != 1 {
		t.Fatalf("%d live holds after the second zimun quit, want the first one's", n)
	}
	first.waitFor("Hold 0", "Ada Lovelace") // still booking, undisturbed

	first.kill()
	third := d.start(d.parisArgs()...)
	third.waitFor(resumeOffer, "Ada Lovelace")
	third.press("enter")
	third.waitFor(onForm, "Ada Lovelace", "› Email") // the first field left to fill
	third.press("ada@example.com", "ctrl+s")
	third.waitFor("enter confirm")
	third.press("enter")
	third.waitFor(onConfirmation)
	bookedOnce(t, d.sb, "ada@example.com")
}
