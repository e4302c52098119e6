package reliability

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/internal/testenv"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui"
	"github.com/zimun-app/zimun/ui/uitest"
)

// uiExpiryLane is the UI soak's hold-expiry lane: one desk on a sandbox
// and clock of its own books one at a time, and makes each booking's hold
// run out while the form is filled, during a confirm whose reply is lost,
// or while the form says the outcome is unknown. It is alone on its clock
// for the reason expiryPhase is: moving the clock among other desks would
// expire their holds too.
type uiExpiryLane struct {
	*uiSoak
	began    time.Time
	witness  *holdWitness
	releases *failedReleases
	office   *booking.Office
	svc      model.Service
	loc      model.Location
	bs       []*belief
	cases    []*uiExpiryCase
	// unverified are bookings the form could not tell were made; the
	// desk looks their contact up once the lane is done.
	unverified []*belief
}

// uiExpiryCase is the lane's part in one booking.
type uiExpiryCase struct {
	lane *uiExpiryLane
	c    *expiryCase
	rng  *rand.Rand
	name string
	slot model.Slot // the slot of the hold made to run out

	mu      sync.Mutex // c.hold, c.ranOut, c.reached: a confirm's transport runs the hold out
	armed   bool       // the confirm script is set
	reholds int        // r pressed
	reheld  bool       // the form said it holds the slot again
	said    string     // what the form said of the hold that ran out: expired, or can't tell
	booked  bool       // counted as booked after the re-hold
	retype  bool       // the next form is typed afresh
	rival   *booking.Session
}

var uiExpiryModes = [3]string{expireBeforeConfirm, expireDuringConfirm, expireWhileUnknown}

func runUIExpiryLane(t *testing.T, n int) *uiExpiryLane {
	env := testenv.New(t, func(o *sandbox.Options) { o.RateLimit, o.Faults = -1, soakPlan(t) })
	x := &uiExpiryLane{
		uiSoak: &uiSoak{t: t, env: env}, began: time.Now(),
		witness: newHoldWitness(), releases: &failedReleases{ids: map[string]bool{}},
	}
	x.r.Layer, x.r.Expiries = "UI, hold expiry", map[string]int{}
	x.office = booking.New(env.NewClient(t, x.witness.client), state.NewMemory(),
		booking.Options{Now: env.Clock.Now, Logger: slog.New(x.releases)})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pair := offered(env.Sandbox)[0]
	var cat booking.Catalog
	var err error
	for range 10 {
		if cat, err = x.office.Catalog(ctx); err == nil {
			break
		}
	}
	if err != nil {
		t.Errorf("hold-expiry lane: catalogue: %v", err)
		return x
	}
	x.svc, _ = cat.Service(pair[0])
	x.loc, _ = cat.Location(pair[1])

	c := uitest.Common(env.Clock.Now)
	c.Ctx = ctx
	c.Office = x.office
	c.Session = x.office.NewSession()
	d := newDriver(t, ctx, ui.New(c, ui.Config{ServiceID: pair[0], LocationID: pair[1]}), 100, 30)
	var cur *uiExpiryCase
	d.frame = x.frames(func() bool { return cur != nil && cur.expiredNow(d) })
	for i := range n {
		rng := rngFor("ui-expiry", i)
		cur = &uiExpiryCase{
			lane: x, rng: rng, name: fmt.Sprintf("Soak Expiry %d", i),
			c: &expiryCase{b: &belief{email: fmt.Sprintf("expiry%d@soak-ui-expiry.example", i)}, mode: uiExpiryModes[i%3], rival: rng.IntN(4) == 0},
		}
		x.bs, x.cases = append(x.bs, cur.c.b), append(x.cases, cur)
		x.drive(d, rng, cur.c.b, cur.name, cur)
		cur.closeRival()
		x.witness.scriptConfirms(nil)
	}
	closing, stop := context.WithTimeout(context.Background(), 10*time.Second)
	defer stop()
	if err := c.Session.Close(closing); err != nil {
		t.Errorf("hold-expiry lane: closing its session: %v", err)
	}
	x.lookUp(closing)
	return x
}

// step acts on frame v where the lane has a part in it: handled says it
// pressed a key, done that the booking is over.
func (x *uiExpiryCase) step(d *driver, v string) (handled, done bool) {
	l, c := x.lane, x.c
	x.mu.Lock()
	if c.hold.ID == "" && strings.Contains(v, "ctrl+s book") {
		c.hold, x.slot = d.held, d.heldSlot
	}
	x.mu.Unlock()
	switch {
	case strings.Contains(v, "Booking id") && strings.Contains(v, c.b.email):
		if x.reheld && !x.booked {
			x.booked = true
			l.count(func(r *soakResult) { r.BookedAfterRehold++ })
		}
	case strings.Contains(v, "✓ Holding") && !x.reheld:
		x.reheld = true
		l.count(func(r *soakResult) { r.Reheld++ })
		x.closeRival()
	case strings.Contains(v, "enter confirm") && !x.armed && c.hold.ID != "":
		x.armed = true
		switch c.mode {
		case expireDuringConfirm:
			// The server books; the clock passes the expiry while its
			// reply is on the way, so the resend meets a hold that ran out.
			l.witness.scriptConfirms(&confirmScript{lose: 1, then: x.runOut})
		case expireWhileUnknown:
			script := &confirmScript{lose: 2}
			if x.rng.IntN(2) == 0 {
				script = &confirmScript{block: 2} // the server never saw it
			}
			l.witness.scriptConfirms(script)
		}
	case strings.Contains(v, "press enter to retry") && c.mode == expireWhileUnknown && !x.ranOut():
		l.witness.scriptConfirms(nil)
		x.runOut() // then enter, as the screen asks
	case strings.Contains(v, "Your hold expired"):
		return true, x.expired(d, v)
	case strings.Contains(v, "was taken by someone else"):
		return true, x.slotGone(d)
	case strings.Contains(v, "no longer knows this hold"):
		// Whether the first attempt booked can't be told: the person
		// gives the slot up and looks the customer up later.
		x.said = "can't tell"
		c.b.unknown = true
		c.b.trail = append(c.b.trail, c.mode+": the form could not tell whether it booked")
		l.count(func(r *soakResult) { r.UnknownSeen++ })
		l.unverified = append(l.unverified, c.b)
		x.leave(d)
		return true, true
	}
	return false, false
}

// whileTyping runs the hold out between the name and the email when this
// booking's moment is before the confirm; it says whether the person then
// waits for the form to say so rather than pressing on.
func (x *uiExpiryCase) whileTyping() bool {
	if x.c.mode != expireBeforeConfirm || x.ranOut() || x.c.hold.ID == "" {
		return false
	}
	x.runOut()
	return x.rng.IntN(2) == 0
}

func (x *uiExpiryCase) runOut() {
	x.mu.Lock()
	defer x.mu.Unlock()
	c, env := x.c, x.lane.env
	if c.ranOut || c.hold.ID == "" {
		return
	}
	c.ranOut, c.reached = true, bookedOn(env.Sandbox, c.hold.ID)
	env.Clock.Advance(c.hold.ExpiresAt.Sub(env.Clock.Now()) + time.Minute)
	x.lane.count(func(r *soakResult) { r.Expiries[c.mode]++ })
}

func (x *uiExpiryCase) ranOut() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.c.ranOut
}

// expiredNow: a frame may say the hold expired, as the form's hold is the
// one that ran out.
func (x *uiExpiryCase) expiredNow(d *driver) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.c.ranOut && !x.reheld && d.held.ID == x.c.hold.ID && !x.lane.env.Clock.Now().Before(x.c.hold.ExpiresAt)
}

// expired: the form says the hold ran out. It must keep what was typed;
// r holds the same slot again (a rival desk may take it first).
func (x *uiExpiryCase) expired(d *driver, v string) (done bool) {
	l, c := x.lane, x.c
	if !strings.Contains(v, x.name) || !strings.Contains(v, c.b.email) {
		l.fail("the form lost what was typed when the hold ran out: " + v)
	}
	if x.reholds == 0 {
		x.said = "expired"
		l.count(func(r *soakResult) { r.ExpiredSeen++ })
	}
	if x.reholds == 3 {
		c.b.refused = "hold expired; could not hold it again"
		x.leave(d)
		return true
	}
	x.reholds++
	if c.rival && x.rival == nil {
		x.takeTheRest()
	}
	d.press("r")
	return false
}

// slotGone: another desk took the last place; s goes back to the times,
// and the person picks another or gives up.
func (x *uiExpiryCase) slotGone(d *driver) (done bool) {
	x.closeRival()
	x.lane.count(func(r *soakResult) { r.RefusedRehold++ })
	if x.rng.IntN(2) == 0 {
		x.c.b.refused = "hold expired; the slot was taken meanwhile"
		x.leave(d)
		return true
	}
	d.press("s")
	x.retype = true
	return false
}

// leave gives the slot up (s) and goes back to the calendar.
func (x *uiExpiryCase) leave(d *driver) {
	before := d.view
	d.press("s")
	d.until(uiWait, func(v string) bool { return v != before })
	x.lane.newBooking(d)
}

// takeTheRest has another desk hold every place left in the slot.
func (x *uiExpiryCase) takeTheRest() {
	l := x.lane
	x.rival = l.office.NewSession()
	ctx, cancel := context.WithTimeout(context.Background(), uiWait)
	defer cancel()
	for range x.slot.CapacityLeft + 1 {
		if _, err := x.rival.Hold(ctx, l.svc, l.loc, x.slot); err != nil && !booking.IsUnknown(err) {
			break
		}
	}
}

func (x *uiExpiryCase) closeRival() {
	if x.rival == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), uiWait)
	defer cancel()
	_ = x.rival.Close(ctx)
	x.rival = nil
}

// lookUp finds out, as the desk would from the appointments list, what
// became of the bookings the form could not tell about.
func (x *uiExpiryLane) lookUp(ctx context.Context) {
	for _, b := range x.unverified {
		for range 5 {
			page, err := x.office.Appointments(ctx, api.AppointmentFilter{Query: b.email, PageSize: 20})
			if err != nil {
				b.trail = append(b.trail, "looking up: "+err.Error())
				continue
			}
			b.unknown, b.refused = false, "hold expired; nothing found for the contact"
			for _, a := range page.Items {
				if strings.EqualFold(a.Contact.Email, b.email) && !a.Cancelled() {
					b.refused, b.id, b.status, b.start = "", a.ID, a.Status, a.Time
				}
			}
			break
		}
	}
}

// check compares the lane's beliefs with its sandbox's ledger, checks
// what followed each hold that ran out, and fails if the lane did not
// make holds run out in every way.
func (x *uiExpiryLane) check() {
	t := x.t
	x.r.Bookings = len(x.bs)
	checkLedger(t, x.env.Sandbox, "@soak-ui-expiry.example", x.bs, liveReason(x.releases, x.witness), &x.r)
	cases := make([]*expiryCase, len(x.cases))
	for i, c := range x.cases {
		cases[i] = c.c
		switch {
		case !c.c.ranOut:
		case c.c.reached && c.said == "expired":
			t.Errorf("%s: the form said the hold expired (%s), though the server had booked on it", c.c.b.email, c.c.mode)
		case !c.c.reached && c.said == "":
			t.Errorf("%s: the hold ran out (%s) before its confirm reached the server, and the form never said so (%s)", c.c.b.email, c.c.mode, strings.Join(c.c.b.trail, "; "))
		}
	}
	checkExpiry(t, x.env.Sandbox.Ledger(), cases, &x.r)
	x.r.report(t, x.began)
	if x.r.Expiries[expireBeforeConfirm] == 0 || x.r.Expiries[expireDuringConfirm] == 0 || x.r.Expiries[expireWhileUnknown] == 0 ||
		x.r.ExpiredSeen == 0 || x.r.BookedAfterRehold == 0 || x.r.BookedOnExpired == 0 {
		t.Errorf("the UI soak did not make holds run out in every way: %v holds ran out, %d forms said so, %d booked after a re-hold, %d booked on the hold that ran out",
			x.r.Expiries, x.r.ExpiredSeen, x.r.BookedAfterRehold, x.r.BookedOnExpired)
	}
}
