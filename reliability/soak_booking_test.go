package reliability

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/internal/testenv"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/state"
)

// failedReleases collects the holds an office logged it could not give
// back: they are the only ones allowed to outlive the soak (until they
// expire).
type failedReleases struct {
	mu  sync.Mutex
	ids map[string]bool
}

func (f *failedReleases) Enabled(context.Context, slog.Level) bool { return true }
func (f *failedReleases) WithAttrs([]slog.Attr) slog.Handler       { return f }
func (f *failedReleases) WithGroup(string) slog.Handler            { return f }
func (f *failedReleases) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "releasing a hold" {
		return nil
	}
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "hold" {
			f.mu.Lock()
			f.ids[a.Value.String()] = true
			f.mu.Unlock()
		}
		return true
	})
	return nil
}

// liveReason says why a hold may be left live: the office logged that
// giving it back failed, or the client never learned of it.
func liveReason(releases *failedReleases, witness *holdWitness) func(sandbox.LedgerHold) string {
	return func(h sandbox.LedgerHold) string {
		releases.mu.Lock()
		failed := releases.ids[h.ID]
		releases.mu.Unlock()
		switch {
		case failed:
			return "giving back failed"
		case !witness.knew(h):
			return "never learned"
		}
		return ""
	}
}

// officeSoak books through one shared Office, many sessions at once, as
// the SSH kiosk does.
type officeSoak struct {
	t        *testing.T
	env      *testenv.Env
	witness  *holdWitness
	releases *failedReleases
	store    *state.Memory
	o        *booking.Office
	cat      booking.Catalog
	pairs    [][2]string
	days     int

	gone []sandbox.LedgerHold // holds the server was made to forget, as last seen

	mu      sync.Mutex
	r       soakResult
	pending []func(context.Context) // what is still unknown, resent at the end
}

const officeWorkers = 16

// Many complete bookings through one booking office, 16 sessions at once,
// under faults (10% server errors, 5% lost replies and latency by
// default), with a client that gives up after two attempts so that
// outcomes are often unknown. Every booking the client believes made
// exists exactly once, nothing exists that it does not know of, no slot
// is over capacity and no hold is left live but those it knows it failed
// to give back.
func TestSoakBookingLayer(t *testing.T) {
	began := time.Now()
	n := soakCount(1)
	ctx := context.Background()
	s := newOfficeSoak(t, "booking layer", n)
	// Bookings whose holds run out move the clock, which would expire every
	// other session's holds too: they book on a sandbox of their own, one
	// at a time, alongside (see expiryPhase).
	x := newOfficeSoak(t, "booking layer, hold expiry", n)
	var cases []*expiryCase
	var expiring sync.WaitGroup
	expiring.Go(func() { cases = x.expiryPhase(ctx, max(n/10, 6)) })

	bs := make([]*belief, n)
	next := make(chan int)
	var wg sync.WaitGroup
	var closing sync.WaitGroup
	for range officeWorkers {
		wg.Go(func() {
			sess := s.o.NewSession()
			done := 0
			for i := range next {
				bs[i] = s.book(ctx, sess, i)
				if done++; done%10 == 0 {
					// A session ends now and then, under faults, with
					// whatever it still holds.
					old := sess
					closing.Go(func() { _ = old.Close(ctx) })
					sess = s.o.NewSession()
				}
			}
			closing.Go(func() { _ = sess.Close(ctx) })
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	closing.Wait()
	s.resolve(ctx)
	s.r.Bookings = n
	s.check(bs)
	s.r.report(t, began)

	expiring.Wait()
	x.resolve(ctx)
	xbs := make([]*belief, len(cases))
	for i, c := range cases {
		xbs[i] = c.b
	}
	x.r.Bookings = len(cases)
	x.check(xbs)
	l := x.env.Sandbox.Ledger()
	for _, h := range x.gone {
		if !slices.ContainsFunc(l.Holds, func(k sandbox.LedgerHold) bool { return k.ID == h.ID }) {
			l.Holds = append(l.Holds, h)
		}
	}
	checkExpiry(t, l, cases, &x.r)
	if x.r.Expiries[expireBeforeConfirm] == 0 || x.r.Expiries[expireDuringConfirm] == 0 || x.r.Expiries[expireWhileUnknown] == 0 ||
		x.r.ExpiredSeen == 0 || x.r.BookedAfterRehold == 0 || x.r.BookedOnExpired == 0 || x.r.Forgotten == 0 {
		t.Errorf("hold expiry was not soaked in every way: %v holds ran out, %d answered expired, %d booked after a re-hold, %d booked on the hold that ran out, %d forgotten before the resend",
			x.r.Expiries, x.r.ExpiredSeen, x.r.BookedAfterRehold, x.r.BookedOnExpired, x.r.Forgotten)
	}
	x.r.report(t, began)
}

// newOfficeSoak is a sandbox under the soak's faults and one booking
// office on it, seen through a hold witness.
func newOfficeSoak(t *testing.T, layer string, n int) *officeSoak {
	env := testenv.New(t, func(o *sandbox.Options) { o.RateLimit, o.Faults = -1, soakPlan(t) })
	s := &officeSoak{
		t: t, env: env, days: 28 + n/40,
		witness: newHoldWitness(), releases: &failedReleases{ids: map[string]bool{}}, store: state.NewMemory(),
	}
	s.o = booking.New(env.NewClient(t, s.witness.client), s.store, booking.Options{Now: env.Clock.Now, Logger: slog.New(s.releases)})
	s.r.Layer = layer
	var err error
	for range 10 {
		if s.cat, err = s.o.Catalog(context.Background()); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("catalogue: %v", err)
	}
	s.pairs = offered(env.Sandbox)
	return s
}

// check compares what the client believes with the sandbox's ledger and
// the desk journal.
func (s *officeSoak) check(bs []*belief) {
	checkLedger(s.t, s.env.Sandbox, "@soak-office.example", bs, liveReason(s.releases, s.witness), &s.r)
	checkJournal(s.t, s.store, s.env.Sandbox.Ledger(), "@soak-office.example", &s.r)
}

// resolve heals the network and resends what is still unknown, as a resume
// or a re-run does: each must come to a definite answer.
func (s *officeSoak) resolve(ctx context.Context) {
	s.env.Sandbox.SetFaults(sandbox.FaultPlan{})
	for range 3 {
		s.mu.Lock()
		pending := s.pending
		s.pending = nil
		s.mu.Unlock()
		for _, resend := range pending {
			resend(ctx)
		}
	}
}

// book makes booking i: a hold on a random free slot, a confirm, then
// perhaps a move or a cancellation; some are given up on purpose.
func (s *officeSoak) book(ctx context.Context, sess *booking.Session, i int) *belief {
	rng := rngFor("office", i)
	b := &belief{email: fmt.Sprintf("guest%d@soak-office.example", i)}
	contact := model.Contact{Name: fmt.Sprintf("Soak Guest %d", i), Email: b.email}
	pair := s.pairs[rng.IntN(len(s.pairs))]
	svc, _ := s.cat.Service(pair[0])
	loc, _ := s.cat.Location(pair[1])

	slot, h, ok := s.hold(ctx, sess, svc, loc, rng.IntN(1<<30))
	if !ok {
		b.refused = "no hold"
		return b
	}
	in := sess.Begin(svc, loc, slot, h, contact)
	switch p := rng.Float64(); {
	case p < 0.05:
		_ = in.Abandon(ctx) // gave up: the hold goes back
		b.refused = "abandoned"
		return b
	case p < 0.08:
		b.refused = "walked away" // the session's Close gives the hold back
		return b
	}
	out := s.confirm(ctx, in, contact)
	switch out.Result {
	case booking.Booked:
	case booking.Unknown:
		b.unknown = true
		s.later(func(ctx context.Context) {
			// The session has ended by now: a new one resumes the booking.
			sess := s.o.NewSession()
			defer sess.Close(ctx)
			in, err := sess.Resume(in.Draft())
			if err != nil {
				b.trail = append(b.trail, "resume: "+err.Error())
				return
			}
			if out := in.Confirm(ctx, contact); out.Result == booking.Booked {
				b.unknown, b.id, b.status, b.start = false, out.Appointment.ID, model.StatusConfirmed, slot.Start
			} else if out.Result != booking.Unknown {
				b.unknown, b.refused = false, resultName(out.Result)
			}
		})
		return b
	default:
		b.refused = resultName(out.Result)
		_ = in.Abandon(ctx)
		return b
	}
	appt := out.Appointment
	b.id, b.status, b.start = appt.ID, model.StatusConfirmed, slot.Start

	switch p := rng.Float64(); {
	case p < 0.2:
		s.move(ctx, sess, b, appt, svc, loc, rng.IntN(1<<30))
	case p < 0.3:
		s.cancel(ctx, sess, b, appt, svc, loc)
	}
	return b
}

// hold holds a free slot, choosing again when one is taken; the same
// slot is tried again after an unknown outcome (the session resends its
// key).
func (s *officeSoak) hold(ctx context.Context, sess *booking.Session, svc model.Service, loc model.Location, pick int) (model.Slot, model.Hold, bool) {
	var slot model.Slot
	for try := 0; try < 10; try++ {
		if slot.Start.IsZero() {
			av, err := s.o.Availability(ctx, svc.ID, loc.ID, s.days)
			if err != nil {
				continue
			}
			free := freeSlots(av)
			if len(free) == 0 {
				return slot, model.Hold{}, false
			}
			slot = free[(pick+try)%min(len(free), 12)] // near the front: sessions compete
		}
		h, err := sess.Hold(ctx, svc, loc, slot)
		switch {
		case err == nil:
			return slot, h, true
		case booking.IsUnknown(err):
			s.count(func(r *soakResult) { r.UnknownSeen++ })
		default:
			slot = model.Slot{} // taken, or failed: choose again
		}
	}
	return slot, model.Hold{}, false
}

// confirm confirms, trying again (same key) while the outcome is unknown,
// a few times as a person at the desk would.
func (s *officeSoak) confirm(ctx context.Context, in *booking.Intent, c model.Contact) booking.Outcome {
	var out booking.Outcome
	for range 3 {
		if out = in.Confirm(ctx, c); out.Result != booking.Unknown {
			return out
		}
		s.count(func(r *soakResult) { r.UnknownSeen++ })
	}
	return out
}

func (s *officeSoak) move(ctx context.Context, sess *booking.Session, b *belief, appt model.Appointment, svc model.Service, loc model.Location, pick int) {
	av, err := s.o.Availability(ctx, svc.ID, loc.ID, s.days)
	if err != nil {
		return
	}
	free := freeSlots(av)
	if len(free) == 0 {
		return
	}
	appt.Time = b.start
	m := booking.NewMove(appt, free[pick%len(free)].Start, svc, loc)
	for range 3 {
		_, err = sess.Reschedule(ctx, m)
		if !booking.IsUnknown(err) {
			break
		}
		s.count(func(r *soakResult) { r.UnknownSeen++ })
	}
	switch {
	case err == nil:
		b.start = m.To
		s.count(func(r *soakResult) { r.Rescheduled++ })
	case booking.IsUnknown(err):
		b.unknown = true
		s.later(func(ctx context.Context) {
			if _, err := sess.Office().NewSession().Reschedule(ctx, m); err == nil {
				b.unknown, b.start = false, m.To
				s.count(func(r *soakResult) { r.Rescheduled++ })
			} else if !booking.IsUnknown(err) {
				b.unknown = false // a definite no: it stands where it was
			}
		})
	}
}

func (s *officeSoak) cancel(ctx context.Context, sess *booking.Session, b *belief, appt model.Appointment, svc model.Service, loc model.Location) {
	c := booking.NewCancellation(appt, "soak", svc, loc)
	var err error
	for range 3 {
		if _, err = sess.Cancel(ctx, c); !booking.IsUnknown(err) {
			break
		}
		s.count(func(r *soakResult) { r.UnknownSeen++ })
	}
	switch {
	case err == nil:
		b.status = model.StatusCancelled
	case booking.IsUnknown(err):
		b.unknown = true
		s.later(func(ctx context.Context) {
			if _, err := sess.Office().NewSession().Cancel(ctx, c); err == nil {
				b.unknown, b.status = false, model.StatusCancelled
			} else if !booking.IsUnknown(err) {
				b.unknown = false
			}
		})
	}
}

func (s *officeSoak) count(fn func(*soakResult)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(&s.r)
}

func (s *officeSoak) later(fn func(context.Context)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pending = append(s.pending, fn)
}

func resultName(r booking.Result) string {
	switch r {
	case booking.Booked:
		return "booked"
	case booking.Unknown:
		return "unknown"
	case booking.Expired:
		return "hold expired"
	case booking.Unverified:
		return "unverified"
	case booking.TakenByOther:
		return "taken by another"
	case booking.Refused:
		return "refused"
	}
	return "failed"
}
