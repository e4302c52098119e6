package booking

import (
	"context"
	"crypto/subtle"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
)

// ErrNoSuchBooking is the one answer to a customer's lookup that finds
// nothing: an unknown reference and a wrong email read the same, so a
// guess learns neither which bookings exist nor whose they are.
var ErrNoSuchBooking = errors.New("no booking matches that reference and email")

// Own is a customer's own appointment, found by its reference (the booking
// id shown when it was booked) and the email it was booked with.
func (o *Office) Own(ctx context.Context, ref, email string) (model.Appointment, error) {
	ref, email = strings.TrimSpace(ref), strings.ToLower(strings.TrimSpace(email))
	if !model.ValidID(ref) || email == "" || len(email) > model.MaxEmailBytes {
		return model.Appointment{}, ErrNoSuchBooking
	}
	a, err := o.Appointment(ctx, ref)
	switch {
	case api.IsNotFound(err), api.IsInvalid(err):
		return model.Appointment{}, ErrNoSuchBooking
	case err != nil:
		return model.Appointment{}, err
	}
	booked := strings.ToLower(strings.TrimSpace(a.Contact.Email))
	if subtle.ConstantTimeCompare([]byte(booked), []byte(email)) != 1 {
		return model.Appointment{}, ErrNoSuchBooking
	}
	return a, nil
}

// Guard slows down guessing at Own: after a few misses from one key (a
// session, a client address) each answer waits longer, up to a bound; a
// quiet spell forgets the misses. One guard serves a whole kiosk.
type Guard struct {
	now    func() time.Time
	free   int           // misses answered at once
	first  time.Duration // the wait after them, doubled for each miss more
	most   time.Duration
	forget time.Duration

	mu     sync.Mutex
	misses map[string]misses
}

type misses struct {
	n    int
	last time.Time
}

// NewGuard answers three misses at once, then waits 2 s, 4 s, … up to 30 s;
// a key without a miss for 15 minutes starts afresh.
func NewGuard(now func() time.Time) *Guard {
	if now == nil {
		now = time.Now
	}
	return &Guard{now: now, free: 3, first: 2 * time.Second, most: 30 * time.Second,
		forget: 15 * time.Minute, misses: map[string]misses{}}
}

// Wait is how long until any of keys may be answered again: the more
// misses, the longer after the last one.
func (g *Guard) Wait(keys ...string) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	var wait time.Duration
	for _, k := range keys {
		m, ok := g.misses[k]
		if !ok {
			continue
		}
		if now.Sub(m.last) > g.forget {
			delete(g.misses, k)
			continue
		}
		if extra := m.n - g.free; extra >= 0 {
			owed := min(g.first<<min(extra, 16), g.most) - now.Sub(m.last)
			wait = max(wait, owed)
		}
	}
	return wait
}

// Miss counts a lookup that found nothing against every key.
func (g *Guard) Miss(keys ...string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	for _, k := range keys {
		m := g.misses[k]
		if now.Sub(m.last) > g.forget {
			m.n = 0
		}
		m.n++
		m.last = now
		g.misses[k] = m
	}
	if len(g.misses) > 10000 { // a flood of addresses: drop the stale
		for k, m := range g.misses {
			if now.Sub(m.last) > g.forget {
				delete(g.misses, k)
			}
		}
	}
}
