package linear

import (
	"context"
	"sync"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
)

// thresholds are the time left at which a hold is announced: enough to
// act on after each (WCAG 2.2.1 asks for at least 20 seconds), and never
// more often.
func thresholds() [3]time.Duration {
	return [3]time.Duration{5 * time.Minute, 2 * time.Minute, 30 * time.Second}
}

// watch announces the hold of the booking in progress at the thresholds
// and when it ends. It waits on the session's clock (Options.Alarm), so a
// test moves time instead of sleeping.
type watch struct {
	s       *session
	changed chan struct{} // a new hold, or none: wait again
	done    chan struct{}
	once    sync.Once

	mu      sync.Mutex
	intent  *booking.Intent // nil: nothing to announce
	hold    model.Hold
	zone    *time.Location
	said    int  // thresholds already said, or passed before the hold began
	expired bool // its end was said
}

func newWatch(s *session) *watch {
	return &watch{s: s, changed: make(chan struct{}, 1), done: make(chan struct{})}
}

func (w *watch) stop() { w.once.Do(func() { close(w.done) }) }

// set watches i's hold from now on; thresholds already behind it are not
// said.
func (w *watch) set(i *booking.Intent, zone *time.Location) {
	h := i.Hold()
	left := h.Remaining(w.s.opts.Now())
	said := 0
	for _, t := range thresholds() {
		if t >= left {
			said++
		}
	}
	w.mu.Lock()
	w.intent, w.hold, w.zone, w.said, w.expired = i, h, zone, said, false
	w.mu.Unlock()
	w.poke()
}

// clear stops announcing: the hold is booked, given back or given up.
func (w *watch) clear() {
	w.mu.Lock()
	w.intent = nil
	w.mu.Unlock()
	w.poke()
}

func (w *watch) poke() {
	select {
	case w.changed <- struct{}{}:
	default:
	}
}

// current is the booking being watched and its zone.
func (w *watch) current() (*booking.Intent, *time.Location) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.intent, w.zone
}

// lapsed reports a watched hold whose end has come.
func (w *watch) lapsed() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.intent != nil && w.hold.Expired(w.s.opts.Now())
}

func (w *watch) run(ctx context.Context) {
	for {
		w.mu.Lock()
		var due <-chan time.Time
		if w.intent != nil && !w.expired {
			at := w.hold.Deadline
			if w.said < len(thresholds()) {
				at = at.Add(-thresholds()[w.said])
			}
			due = w.s.opts.Alarm(at)
		}
		w.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-w.done:
			return
		case <-w.changed:
		case <-due:
			w.announce()
		}
	}
}

// announce says the most urgent threshold passed since the last one: a
// machine that slept through two says only the later.
func (w *watch) announce() {
	now := w.s.opts.Now()
	w.mu.Lock()
	if w.intent == nil || w.expired {
		w.mu.Unlock()
		return
	}
	left := w.hold.Remaining(now)
	at := w.s.p().Time(w.hold.Time, w.zone)
	var line string
	bell := false
	switch {
	case left <= 0:
		w.expired = true
		line = w.s.p().T(i18n.HoldEnded, at)
		bell = true
	default:
		said := w.said
		for w.said < len(thresholds()) && thresholds()[w.said] >= left {
			w.said++
		}
		if w.said == said {
			w.mu.Unlock()
			return // woken early
		}
		t := thresholds()[w.said-1]
		key := i18n.HoldLeft
		bell = t <= 2*time.Minute // the last two: heard as well as read
		if t < time.Minute {
			key = i18n.HoldLastSeconds
		}
		line = w.s.p().T(key, w.s.p().Duration(t), at)
	}
	w.mu.Unlock()
	w.s.announce(bell, line)
}

// sayTimeLeft answers "time".
func (w *watch) sayTimeLeft() {
	p := w.s.p()
	w.mu.Lock()
	i, h, zone := w.intent, w.hold, w.zone
	w.mu.Unlock()
	switch {
	case i == nil:
		w.s.say(p.T(i18n.NothingHeld))
	case h.Expired(w.s.opts.Now()):
		w.s.say(p.T(i18n.HoldEnded, p.Time(h.Time, zone)))
	default:
		w.s.say(p.T(i18n.HoldTimeLeft, p.Time(h.Time, zone), p.Duration(h.Remaining(w.s.opts.Now())), p.Time(h.Deadline, zone)))
	}
}

// holdStarted says the hold and starts watching it.
func (s *session) holdStarted(i *booking.Intent, zone *time.Location) {
	p := s.p()
	h := i.Hold()
	s.say(p.T(i18n.HeldUntil, p.Time(h.Time, zone), p.DateNear(model.DateOf(h.Time.In(zone)), s.today(zone)), p.Time(h.Deadline, zone)),
		p.T(i18n.HoldHint))
	s.watch.set(i, zone)
}

// extend answers "extend": the same slot is held again for a full hold.
// A slot with room for one is given back first and taken again at once.
func (s *session) extend() {
	p := s.p()
	i, zone := s.watch.current()
	if i == nil {
		s.say(p.T(i18n.NothingHeld))
		return
	}
	if i.KeyOut() {
		s.say(p.T(i18n.ExtendWhileBooking))
		return
	}
	old := i.Hold()
	at := p.Time(old.Time, zone)
	live := !old.Expired(s.opts.Now())
	_, err := i.Rehold(s.ctx)
	if err != nil && api.IsSlotTaken(err) && live {
		_ = s.bs.Release(s.ctx, old.ID)
		live = false
		_, err = i.Rehold(s.ctx)
	} else if err == nil && live {
		_ = s.bs.Release(s.ctx, old.ID)
	}
	switch {
	case err == nil:
		h := i.Hold()
		s.say(p.T(i18n.Extended, at, p.Time(h.Deadline, zone)))
		s.watch.set(i, zone)
	case api.IsSlotTaken(err):
		s.say(p.T(i18n.ExtendTaken, at))
		s.watch.markEnded()
	case live:
		s.say(p.T(i18n.ExtendFailed, at, s.describe(err), p.Time(old.Deadline, zone)))
	default:
		s.say(p.T(i18n.ExtendFailedEnded, at, s.describe(err)))
	}
}

// markEnded is a hold gone before its time (taken while extending): its
// end is not announced again.
func (w *watch) markEnded() {
	w.mu.Lock()
	w.expired = true
	w.hold.Deadline = w.s.opts.Now()
	w.mu.Unlock()
	w.poke()
}

// today is the date now in zone.
func (s *session) today(zone *time.Location) model.Date {
	return model.DateOf(s.opts.Now().In(zone))
}
