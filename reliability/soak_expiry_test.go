package reliability

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/state"
)

// When the booking layer's soak makes a hold run out.
const (
	expireBeforeConfirm = "before the confirm"
	expireDuringConfirm = "during a confirm whose reply was lost"
	expireWhileUnknown  = "while a confirm's outcome was unknown"
)

// expiryCase is one booking whose hold the soak made run out: what the
// server had booked on that hold when it did decides what must follow.
type expiryCase struct {
	b       *belief
	mode    string
	hold    model.Hold // the hold made to run out
	ranOut  bool
	reached bool // the server had booked on it by then
	reheld  bool
	rival   bool // another desk takes the slot before the re-hold
	// forget: the server is to forget the hold and its key once it has
	// run out, before the resend; forgotten: it had when a resend went.
	forget, forgotten bool
	// afterForget is what the first confirm after the server forgot came to.
	afterForget *booking.Outcome
}

// forgetAfter is how long the lane's sandbox keeps a hold after it
// expires, and a key after its first use, when it is made to forget.
const forgetAfter = time.Minute

// expiryPhase books n more, one at a time, and makes each one's hold run
// out (the clock moves past it) before the confirm, during a confirm
// whose reply is lost, or while a confirm's outcome is unknown. It runs
// alone, after the concurrent phase: the clock is the whole sandbox's, so
// moving it among other desks would expire their holds too, and whether
// a confirm reached the server before the hold ran out could no longer be
// told. Faults stay on throughout.
func (s *officeSoak) expiryPhase(ctx context.Context, n int) []*expiryCase {
	s.r.Expiries = map[string]int{}
	cases := make([]*expiryCase, n)
	for i := range n {
		sess := s.o.NewSession()
		cases[i] = s.bookExpiring(ctx, sess, i)
		s.witness.scriptConfirms(nil)
		_ = sess.Close(ctx)
	}
	return cases
}

func (s *officeSoak) bookExpiring(ctx context.Context, sess *booking.Session, i int) *expiryCase {
	witness := s.witness
	rng := rngFor("expiry", i)
	c := &expiryCase{b: &belief{email: fmt.Sprintf("expiry%d@soak-office.example", i)}, rival: rng.IntN(4) == 0}
	c.forget = rngFor("expiry forget", i).IntN(2) == 0 // its own source: the other choices stay as they were
	contact := model.Contact{Name: fmt.Sprintf("Soak Expiry %d", i), Email: c.b.email}
	pair := s.pairs[rng.IntN(len(s.pairs))]
	svc, _ := s.cat.Service(pair[0])
	loc, _ := s.cat.Location(pair[1])
	slot, h, ok := s.hold(ctx, sess, svc, loc, rng.IntN(1<<30))
	if !ok {
		c.b.refused = "no hold"
		return c
	}
	c.hold = h
	in := sess.Begin(svc, loc, slot, h, contact)
	runOut := func() {
		c.ranOut, c.reached = true, s.bookedOn(h.ID)
		if c.forget && c.mode != expireBeforeConfirm {
			s.forgetPast(h)
			c.forgotten = true
		} else {
			s.env.Clock.Advance(h.ExpiresAt.Sub(s.env.Clock.Now()) + time.Minute)
		}
		s.count(func(r *soakResult) { r.Expiries[c.mode]++ })
	}
	var out booking.Outcome
	switch rng.IntN(3) {
	case 0:
		c.mode = expireBeforeConfirm
		runOut()
		out = s.confirm(ctx, in, contact)
	case 1:
		// The server books; the clock moves while its reply is on the
		// way, so the resend (the client's own retry, or the desk's)
		// meets a hold that ran out.
		c.mode = expireDuringConfirm
		witness.scriptConfirms(&confirmScript{lose: 1, then: runOut})
		out = s.confirm(ctx, in, contact)
	default:
		c.mode = expireWhileUnknown
		script := &confirmScript{lose: 2}
		if rng.IntN(2) == 0 {
			script = &confirmScript{block: 2} // the server never saw it
		}
		witness.scriptConfirms(script)
		out = in.Confirm(ctx, contact)
		witness.scriptConfirms(nil)
		if out.Result != booking.Unknown {
			break
		}
		s.count(func(r *soakResult) { r.UnknownSeen++ })
		runOut()
		if rng.IntN(2) == 0 {
			// The desk closes; a resume finds out once the network heals.
			s.conclude(ctx, c, in, contact, out)
			return c
		}
		out = s.confirm(ctx, in, contact)
	}
	witness.scriptConfirms(nil)
	s.conclude(ctx, c, in, contact, out)
	return c
}

// conclude acts on a confirm's outcome as a desk does: a hold that ran out
// is held again (the same slot) and confirmed, once; an unknown outcome is
// resumed once the network heals.
func (s *officeSoak) conclude(ctx context.Context, c *expiryCase, in *booking.Intent, contact model.Contact, out booking.Outcome) {
	b := c.b
	if c.forgotten && c.afterForget == nil && out.Result != booking.Unknown {
		first := out
		c.afterForget = &first
		s.count(func(r *soakResult) {
			r.Forgotten++
			switch out.Result {
			case booking.Booked:
				if out.Found {
					r.FoundByLookup++
				}
			case booking.Unverified:
				r.CannotRuleOut++
			}
		})
	}
	for {
		b.trail = append(b.trail, fmt.Sprintf("%s: %s %v", c.mode, resultName(out.Result), out.Err))
		b.unknown = false // until said otherwise below
		switch out.Result {
		case booking.Booked:
			b.id, b.status, b.start = out.Appointment.ID, model.StatusConfirmed, in.Draft().Slot.Start
			if c.reheld {
				s.count(func(r *soakResult) { r.BookedAfterRehold++ })
			}
			return
		case booking.Unknown:
			b.unknown = true
			s.later(func(ctx context.Context) {
				sess := s.o.NewSession()
				defer sess.Close(ctx)
				again, err := sess.Resume(in.Draft())
				if err != nil {
					b.trail = append(b.trail, "resume: "+err.Error())
					return
				}
				// A later case's forgetting may have taken this hold too.
				c.forgotten = c.forgotten || !s.holdKept(c.hold.ID)
				s.conclude(ctx, c, again, contact, s.confirm(ctx, again, contact))
			})
			return
		case booking.Expired:
			s.count(func(r *soakResult) { r.ExpiredSeen++ })
			if c.reheld {
				b.refused = "hold expired twice"
				_ = in.Abandon(ctx)
				return
			}
			c.reheld = true
			if err := s.rehold(ctx, c, in); err != nil {
				b.refused = "hold expired; re-hold: " + err.Error()
				_ = in.Abandon(ctx)
				return
			}
			out = s.confirm(ctx, in, contact)
		case booking.Unverified:
			// The booking layer could not tell; the desk looks the
			// contact up once the network heals.
			b.unknown = true
			s.later(func(ctx context.Context) {
				page, err := s.o.Appointments(ctx, api.AppointmentFilter{Query: b.email, PageSize: 20})
				if err != nil {
					b.trail = append(b.trail, "looking up: "+err.Error())
					return
				}
				b.unknown, b.refused = false, "hold expired; nothing found for the contact"
				for _, a := range page.Items {
					if strings.EqualFold(a.Contact.Email, b.email) && !a.Cancelled() {
						b.refused, b.id, b.status, b.start = "", a.ID, a.Status, a.Time
					}
				}
			})
			return
		default:
			b.refused = resultName(out.Result)
			_ = in.Abandon(ctx)
			return
		}
	}
}

// rehold holds the booking's slot again; a rival desk may take it first.
func (s *officeSoak) rehold(ctx context.Context, c *expiryCase, in *booking.Intent) error {
	if c.rival {
		rival := s.o.NewSession()
		defer rival.Close(ctx)
		d := in.Draft()
		for range d.Slot.CapacityLeft + 1 {
			if _, err := rival.Hold(ctx, d.Service, d.Location, d.Slot); err != nil && !booking.IsUnknown(err) {
				break
			}
		}
	}
	var err error
	for range 3 {
		if _, err = in.Rehold(ctx); err == nil {
			s.count(func(r *soakResult) { r.Reheld++ })
			return nil
		}
		if !booking.IsUnknown(err) {
			break
		}
		s.count(func(r *soakResult) { r.UnknownSeen++ })
	}
	if api.IsSlotTaken(err) {
		s.count(func(r *soakResult) { r.RefusedRehold++ })
		return fmt.Errorf("taken meanwhile")
	}
	return err
}

func (s *officeSoak) bookedOn(holdID string) bool { return bookedOn(s.env.Sandbox, holdID) }

// forgetPast moves the clock past h's expiry and has the server forget
// h and its key (and, by age, everything older) before the resend. The
// lane's faults stay as they were; the holds forgotten are kept aside for
// checkExpiry.
func (s *officeSoak) forgetPast(h model.Hold) {
	sb := s.env.Sandbox
	plan := sb.Faults()
	s.gone = append(s.gone, sb.Ledger().Holds...)
	forgetting := plan
	forgetting.Rules = append(slices.Clone(plan.Rules), sandbox.FaultRule{Kind: sandbox.FaultForget, Min: forgetAfter})
	sb.SetFaults(forgetting)
	s.env.Clock.Advance(h.ExpiresAt.Sub(s.env.Clock.Now()) + forgetAfter + time.Minute)
	_ = sb.Ledger() // applies the forget rule, as the next request would
	sb.SetFaults(plan)
	if s.holdKept(h.ID) {
		s.t.Errorf("hold %s: the sandbox still has it after being made to forget", h.ID)
	}
}

// holdKept reports whether the server still has the hold.
func (s *officeSoak) holdKept(id string) bool {
	return slices.ContainsFunc(s.env.Sandbox.Ledger().Holds, func(h sandbox.LedgerHold) bool { return h.ID == id })
}

// bookedOn reports whether sb holds an appointment made on hold.
func bookedOn(sb *sandbox.Server, holdID string) bool {
	for _, a := range sb.Ledger().Appointments {
		if a.HoldID == holdID {
			return true
		}
	}
	return false
}

// checkExpiry checks, against the ledger, what must follow a hold that
// ran out: nothing is booked on it unless its confirm reached the server
// first, and then that one appointment is the one the client believes
// made; no appointment anywhere was made on a hold after it expired.
func checkExpiry(t *testing.T, l sandbox.Ledger, cases []*expiryCase, r *soakResult) {
	t.Helper()
	onHold := map[string][]sandbox.LedgerAppointment{}
	for _, a := range l.Appointments {
		if a.HoldID != "" {
			onHold[a.HoldID] = append(onHold[a.HoldID], a)
		}
	}
	for _, h := range l.Holds {
		for _, a := range onHold[h.ID] {
			if !a.CreatedAt.Before(h.ExpiresAt) {
				t.Errorf("%s (%s) was booked at %s on hold %s, which expired at %s", a.ID, a.Email, a.CreatedAt, h.ID, h.ExpiresAt)
			}
		}
	}
	for _, c := range cases {
		if !c.ranOut {
			continue
		}
		got := onHold[c.hold.ID]
		switch {
		case len(got) > 1:
			t.Errorf("%s: hold %s (%s) took %d appointments", c.b.email, c.hold.ID, c.mode, len(got))
		case !c.reached && len(got) > 0:
			t.Errorf("%s: hold %s ran out %s before its confirm reached the server, yet booked %+v", c.b.email, c.hold.ID, c.mode, got)
		case c.reached && len(got) == 0:
			t.Errorf("%s: hold %s had booked when it ran out (%s); the ledger has nothing on it", c.b.email, c.hold.ID, c.mode)
		case c.reached:
			r.BookedOnExpired++
			if c.b.id != got[0].ID {
				t.Errorf("%s: booked as %s before its hold ran out (%s); the client believes %q (refused %q)", c.b.email, got[0].ID, c.mode, c.b.id, c.b.refused)
			}
		}
		if c.forgotten {
			checkForgotten(t, l, c)
		}
	}
}

// checkForgotten checks a case whose hold and key the server forgot
// before the resend: a confirm that had reached the server resolves to
// that one appointment, found by looking; one that had not is answered
// expired, and a re-hold books once. "Cannot rule out" may be said
// instead, as such; it must still end in neither a duplicate nor a loss.
func checkForgotten(t *testing.T, l sandbox.Ledger, c *expiryCase) {
	t.Helper()
	var mine []sandbox.LedgerAppointment
	for _, a := range l.Appointments {
		if strings.EqualFold(a.Email, c.b.email) && a.Status != model.StatusCancelled {
			mine = append(mine, a)
		}
	}
	if c.afterForget == nil {
		t.Errorf("%s: hold %s was forgotten (%s) and no resend came to an answer: %v", c.b.email, c.hold.ID, c.mode, c.b.trail)
		return
	}
	got := c.afterForget
	switch {
	case len(mine) > 1:
		t.Errorf("%s: forgotten before the resend (%s), then booked %d times: %+v; trail %v", c.b.email, c.mode, len(mine), mine, c.b.trail)
	case got.Result == booking.Unverified:
		// Said as such; the desk's later look-up settles it.
	case c.reached && (got.Result != booking.Booked || !got.Found || len(mine) != 1 || got.Appointment.ID != mine[0].ID || mine[0].HoldID != c.hold.ID):
		t.Errorf("%s: the confirm had reached the server before it forgot (%s); the resend came to %s %q, the ledger has %+v; trail %v",
			c.b.email, c.mode, resultName(got.Result), got.Appointment.ID, mine, c.b.trail)
	case !c.reached && got.Result != booking.Expired:
		t.Errorf("%s: the confirm had not reached the server before it forgot (%s); the resend came to %s, not \"hold expired\"; trail %v",
			c.b.email, c.mode, resultName(got.Result), c.b.trail)
	case !c.reached && c.b.id != "" && (len(mine) != 1 || mine[0].HoldID == c.hold.ID):
		t.Errorf("%s: forgotten, not booked, then re-held (%s): the ledger has %+v", c.b.email, c.mode, mine)
	}
}

// checkJournal checks that the desk journal agrees with the server: each
// appointment of domain the server holds is in the journal, with the
// status and time its last entry gives, and the journal holds nothing the
// server does not.
func checkJournal(t *testing.T, store state.Store, l sandbox.Ledger, domain string, r *soakResult) {
	t.Helper()
	entries, err := store.Journal()
	if err != nil {
		t.Fatalf("journal: %v", err)
	}
	type last struct {
		status string
		start  time.Time
	}
	journaled := map[string]last{}
	for _, e := range slices.Backward(entries) { // they come newest first
		a := e.Appointment
		if !strings.HasSuffix(a.Contact.Email, domain) {
			continue
		}
		if a.ID == "" {
			r.JournalDisagrees++
			t.Errorf("journal: %s %s with no appointment id", e.Action, a.Contact.Email)
			continue
		}
		j := journaled[a.ID]
		switch e.Action {
		case journal.Booked:
			j = last{model.StatusConfirmed, a.Time}
		case journal.Rescheduled:
			j.start = a.Time
		case journal.Cancelled:
			j.status = model.StatusCancelled
		}
		journaled[a.ID] = j
	}
	for _, a := range l.Appointments {
		if !strings.HasSuffix(a.Email, domain) {
			continue
		}
		j, ok := journaled[a.ID]
		delete(journaled, a.ID)
		if !ok || j.status != a.Status || !j.start.Equal(a.Start) {
			r.JournalDisagrees++
			t.Errorf("journal: %s (%s) is %s at %s on the server; the journal has %s at %s (found: %v)", a.ID, a.Email, a.Status, a.Start, j.status, j.start, ok)
		}
	}
	for id, j := range journaled {
		r.JournalDisagrees++
		t.Errorf("journal: %s %+v is not on the server", id, j)
	}
}
