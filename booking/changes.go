package booking

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
)

// IsUnknown reports a write whose outcome is unknown (no answer, a
// timeout, a 5xx): it may have been applied. Sending the same request
// again, with its key, is safe and tells. Every front end asks this, and
// only this, to decide.
func IsUnknown(err error) bool { return api.IsOutcomeUnknown(err) }

// NewKey is a fresh idempotency key, for one change the user means.
func NewKey() string { return api.NewIdempotencyKey() }

// Done is a change the server made.
type Done struct {
	Appointment model.Appointment
	// Unread: the server accepted it but its reply could not be read;
	// Appointment is this side's copy.
	Unread bool
	// Unchanged: it already was so (cancelling a cancelled appointment).
	Unchanged bool
	// Email is where the customer is told of the change; "" if nowhere.
	Email      string
	JournalErr error
}

// Move is moving an appointment to another time. Make one per move the
// user means: trying it again resends the same request.
type Move struct {
	Appointment model.Appointment
	To          time.Time
	Service     model.Service // names for the desk history
	Location    model.Location
	Key         string
}

// NewMove is a move of a to start at to, with a fresh key.
func NewMove(a model.Appointment, to time.Time, svc model.Service, loc model.Location) Move {
	return Move{Appointment: a, To: to, Service: svc, Location: loc, Key: NewKey()}
}

// MoveKey is the key a command line derives for moving appointment id to
// to, so running it again resends the same request.
func MoveKey(id string, to time.Time) string {
	return uuid.NewSHA1(keySpace, []byte("reschedule\n"+id+"\n"+to.UTC().Format(time.RFC3339))).String()
}

// CancelKey is the key a command line derives for cancelling appointment
// id with reason.
func CancelKey(id, reason string) string {
	return uuid.NewSHA1(keySpace, []byte("cancel\n"+id+"\n"+reason)).String()
}

// Reschedule moves the appointment; the old time stands if it fails. The
// customer gets an update email.
func (s *Session) Reschedule(ctx context.Context, m Move) (Done, error) {
	if err := s.begin(); err != nil {
		return Done{}, err
	}
	defer s.end()
	cctx, cancel := context.WithTimeout(ctx, s.o.t.Write)
	defer cancel()
	got, err := s.o.client.Reschedule(cctx, api.RescheduleRequest{AppointmentID: m.Appointment.ID, Time: m.To, IdempotencyKey: m.Key})
	done := Done{Appointment: got}
	switch {
	case api.IsUnreadableReply(err):
		done.Unread = true
		done.Appointment = m.Appointment
		done.Appointment.Time = m.To
	case err != nil:
		return Done{}, err
	}
	done.Email = done.Appointment.Contact.Email
	done.JournalErr = s.o.record(journal.Entry{
		Action: journal.Rescheduled, Appointment: done.Appointment, PreviousTime: m.Appointment.Time,
		ServiceName: m.Service.Name, LocationName: m.Location.Name,
	})
	for _, t := range []time.Time{m.Appointment.Time, m.To} {
		s.o.changed(Change{ServiceID: m.Appointment.ServiceID, LocationID: m.Appointment.LocationID, Start: t})
	}
	return done, nil
}

// Cancellation is cancelling an appointment with an optional reason, which
// the cancellation email quotes to the customer.
type Cancellation struct {
	Appointment model.Appointment
	Reason      string
	Service     model.Service // names for the desk history
	Location    model.Location
	Key         string
}

// NewCancellation is a cancellation of a with a fresh key.
func NewCancellation(a model.Appointment, reason string, svc model.Service, loc model.Location) Cancellation {
	return Cancellation{Appointment: a, Reason: reason, Service: svc, Location: loc, Key: NewKey()}
}

// WithReason is c with another reason. A new reason needs a new key, as
// the server refuses a key resent with another body; that is safe even if
// the first attempt went through, since a second cancel changes nothing.
func (c Cancellation) WithReason(reason string) Cancellation {
	if reason != c.Reason {
		c.Reason, c.Key = reason, NewKey()
	}
	return c
}

// Cancel cancels the appointment and frees its slot; the customer gets a
// cancellation email. Cancelling a cancelled appointment changes nothing.
func (s *Session) Cancel(ctx context.Context, c Cancellation) (Done, error) {
	if err := s.begin(); err != nil {
		return Done{}, err
	}
	defer s.end()
	cctx, cancel := context.WithTimeout(ctx, s.o.t.Write)
	defer cancel()
	got, err := s.o.client.Cancel(cctx, api.CancelRequest{AppointmentID: c.Appointment.ID, Reason: c.Reason, IdempotencyKey: c.Key})
	done := Done{Appointment: got, Unchanged: c.Appointment.Cancelled()}
	switch {
	case api.IsUnreadableReply(err):
		done.Unread = true
		done.Appointment = c.Appointment
		done.Appointment.Status = model.StatusCancelled
	case err != nil:
		return Done{}, err
	}
	if done.Unchanged {
		return done, nil // not history: nothing happened
	}
	done.Email = done.Appointment.Contact.Email
	done.JournalErr = s.o.record(journal.Entry{
		Action: journal.Cancelled, Appointment: done.Appointment, Reason: c.Reason,
		ServiceName: c.Service.Name, LocationName: c.Location.Name,
	})
	s.o.changed(Change{ServiceID: c.Appointment.ServiceID, LocationID: c.Appointment.LocationID, Start: c.Appointment.Time})
	return done, nil
}

// WalkIn is the answer to a walk-in search: a held slot today, or the
// first free one after today.
type WalkIn struct {
	Slot model.Slot
	Hold model.Hold // zero when nothing is free today
	Next model.Slot // the first free slot after today, when today has none
}

// ErrWalkInTaken is said when today's next two free slots went while
// holding them.
var ErrWalkInTaken = errors.New("today's next free slots were just taken; try again")

// WalkIn holds the next free slot today for svc at loc, for a customer
// standing at the desk. A slot taken under it is passed over once.
func (s *Session) WalkIn(ctx context.Context, svc model.Service, loc model.Location, days int) (WalkIn, error) {
	ctx, cancel := context.WithTimeout(ctx, s.o.t.WalkIn)
	defer cancel()
	zone := loc.Zone()
	var after time.Time // a slot just taken under us: look past it
	for range 2 {
		s.o.DropCached(svc.ID, loc.ID)
		a, err := s.o.Availability(ctx, svc.ID, loc.ID, days)
		if err != nil {
			return WalkIn{}, err
		}
		now := s.now()
		if !after.After(now) {
			after = now
		}
		slot, ok := firstSlotToday(a, zone, after)
		if !ok {
			var w WalkIn
			w.Next, _ = firstSlotAfterToday(a, zone, now)
			return w, nil
		}
		h, err := s.Hold(ctx, svc, loc, slot)
		if err == nil {
			return WalkIn{Slot: slot, Hold: h}, nil
		}
		if !api.IsSlotTaken(err) {
			return WalkIn{}, err
		}
		after = slot.Start
	}
	return WalkIn{}, ErrWalkInTaken
}

// WalkInChoice is a service a walk-in may have, with its next free slot.
type WalkInChoice struct {
	Service model.Service
	Today   model.Slot // the next free slot today; zero when none
	Next    model.Slot // the first free slot after today, when today has none
	Err     error      // its availability could not be read
}

// WalkInChoices reads the next free slot today of each service at loc at
// once, for the desk to choose a walk-in's service by.
func (o *Office) WalkInChoices(ctx context.Context, loc model.Location, svcs []model.Service, days int) []WalkInChoice {
	out := make([]WalkInChoice, len(svcs))
	zone := loc.Zone()
	var wg sync.WaitGroup
	for i, svc := range svcs {
		wg.Go(func() {
			c := WalkInChoice{Service: svc}
			a, err := o.Availability(ctx, svc.ID, loc.ID, days)
			if err != nil {
				c.Err = err
			} else {
				now := o.now()
				var ok bool
				if c.Today, ok = firstSlotToday(a, zone, now); !ok {
					c.Next, _ = firstSlotAfterToday(a, zone, now)
				}
			}
			out[i] = c
		})
	}
	wg.Wait()
	return out
}

// firstSlotToday is the first free slot of today (in zone) that starts
// after t.
func firstSlotToday(a model.Availability, zone *time.Location, t time.Time) (model.Slot, bool) {
	day, _ := a.Day(model.DateOf(t.In(zone)))
	for _, s := range day.Slots {
		if s.Start.After(t) && s.CapacityLeft > 0 {
			return s, true
		}
	}
	return model.Slot{}, false
}

func firstSlotAfterToday(a model.Availability, zone *time.Location, now time.Time) (model.Slot, bool) {
	d, ok := a.NextFree(model.DateOf(now.In(zone)), 1)
	if !ok {
		return model.Slot{}, false
	}
	day, _ := a.Day(d)
	return day.Slots[0], true
}

// record adds an entry to the desk history.
func (o *Office) record(e journal.Entry) error {
	e.At = o.now()
	if e.Timezone == "" {
		e.Timezone = o.zoneOf(e.Appointment.LocationID)
	}
	return o.store.AppendJournal(e)
}

// journaled reports whether the desk history's latest word on appointment
// id is action, so a booking found again is not recorded twice.
func (o *Office) journaled(id string, action journal.Action) bool {
	entries, err := o.store.Journal()
	if err != nil {
		return false
	}
	e, ok := journal.LatestOf(entries)[id]
	return ok && e.Action == action
}

// History is the desk history, newest first.
func (o *Office) History() ([]journal.Entry, error) { return o.store.Journal() }

// zoneOf is the time zone of a location, from the shared catalogue when it
// has been read.
func (o *Office) zoneOf(locationID string) string {
	o.catMu.Lock()
	c := o.cat
	o.catMu.Unlock()
	if c == nil {
		return ""
	}
	select {
	case <-c.done:
		if l, ok := c.cat.Location(locationID); ok {
			return l.Timezone
		}
	default:
	}
	return ""
}
