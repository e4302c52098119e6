package linear

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
)

// maxFound is how many appointments a search reads out; more asks for a
// longer search.
const maxFound = 20

// find looks appointments up by name, email or reference, or lists
// today's, then offers what can be done with one.
func (s *session) find() error {
	for {
		q, err := s.text(func(p *i18n.Printer) (string, string, string) {
			return p.T(i18n.FindIntro), p.T(i18n.FindPrompt), p.T(i18n.HelpFind)
		})
		if err != nil {
			return err
		}
		if err := model.ValidateQuery(q); err != nil {
			var fe model.FieldError
			if errors.As(err, &fe) {
				s.say(s.p().FieldError(fe))
			}
			continue
		}
		if fold(q) == "0" || fold(q) == "back" || fold(q) == "retour" {
			return errBack
		}
		found, err := s.search(q)
		if err != nil {
			if s.ctx.Err() != nil {
				return s.ctx.Err()
			}
			s.say(s.p().T(i18n.FindFailed, s.describe(err)))
			continue
		}
		if err := s.pickFound(found, q); !errors.Is(err, errBack) {
			return err
		}
	}
}

// search is a reference looked up directly, else the server's search
// from the start of today (today only for an empty search).
func (s *session) search(q string) ([]model.Appointment, error) {
	q = strings.TrimSpace(q)
	if q != "" && !strings.ContainsAny(q, " @") && model.ValidID(q) {
		if a, err := s.opts.Office.Appointment(s.ctx, q); err == nil {
			return []model.Appointment{a}, nil
		}
	}
	now := s.opts.Now().In(time.Local)
	r := model.Upcoming
	if q == "" {
		r = model.Today
	}
	from, to := r.Bounds(now)
	page, err := s.opts.Office.Appointments(s.ctx, api.AppointmentFilter{From: from, To: to, Query: q, PageSize: maxFound + 1})
	slices.SortStableFunc(page.Items, func(a, b model.Appointment) int { return a.Time.Compare(b.Time) })
	return page.Items, err
}

func (s *session) pickFound(found []model.Appointment, q string) error {
	p := s.p()
	switch {
	case len(found) == 0 && q == "":
		s.say(p.T(i18n.NoneToday))
		return errBack
	case len(found) == 0:
		s.say(p.T(i18n.NoneFound, model.Sanitize(q)))
		return errBack
	case len(found) > maxFound:
		found = found[:maxFound]
		s.say(p.T(i18n.TooManyFound, maxFound))
	}
	for {
		i, err := s.choose(func(p *i18n.Printer) (string, []string) {
			items := make([]string, len(found))
			for i, a := range found {
				items[i] = s.appointmentLine(a)
			}
			return p.T(i18n.FoundCount, len(found)), items
		}, true)
		if err != nil {
			return err
		}
		a, err := s.appointment(found[i])
		if err != nil {
			return err
		}
		found[i] = a
		if err := s.actOn(&found[i], false); !errors.Is(err, errBack) {
			return err
		}
	}
}

// appointment reads an appointment again, so what is shown and changed is
// current.
func (s *session) appointment(a model.Appointment) (model.Appointment, error) {
	fresh, err := s.opts.Office.Appointment(s.ctx, a.ID)
	if err != nil {
		if s.ctx.Err() != nil {
			return a, s.ctx.Err()
		}
		return a, nil // the list's copy will do
	}
	return fresh, nil
}

// appointmentLine is one appointment in a list, the name first.
func (s *session) appointmentLine(a model.Appointment) string {
	p := s.p()
	zone := s.zoneOf(a.LocationID)
	svc, _ := s.cat.Service(a.ServiceID)
	loc, _ := s.cat.Location(a.LocationID)
	return p.T(i18n.AppointmentItem, model.Sanitize(a.Contact.Name), model.Sanitize(svc.Name),
		p.DateNear(model.DateOf(a.Time.In(zone)), s.today(zone)), p.Time(a.Time, zone), p.Status(a.Status), reference(a),
		model.Sanitize(loc.Name))
}

func (s *session) zoneOf(locationID string) *time.Location {
	if z := s.cat.Zone(locationID); z != nil {
		return z
	}
	return time.UTC
}

// details reads an appointment as "Label: value" sentences.
func (s *session) details(a model.Appointment) {
	p := s.p()
	zone := s.zoneOf(a.LocationID)
	svc, ok := s.cat.Service(a.ServiceID)
	if !ok {
		svc = model.Service{ID: a.ServiceID, Name: a.ServiceID, DurationMinutes: a.DurationMinutes}
	}
	svc.DurationMinutes = a.DurationMinutes
	loc, ok := s.cat.Location(a.LocationID)
	if !ok {
		loc = model.Location{ID: a.LocationID, Name: a.LocationID}
	}
	s.setRef(reference(a))
	s.say(p.T(i18n.AppointmentIs, reference(a), p.Status(a.Status)))
	s.say(s.bookingLines(svc, loc, a.Time, a.End(), zone)...)
	s.say(s.contactLines(a.Contact)...)
	if a.CancellationReason != "" {
		s.say(p.T(i18n.LabelValue, p.T(i18n.LabelReason), model.Sanitize(a.CancellationReason)))
	}
}

// actOn shows an appointment and offers to move, cancel or spell it. A
// customer (kiosk) may cancel their own but not move it.
func (s *session) actOn(a *model.Appointment, customer bool) error {
	for {
		s.details(*a)
		if a.Cancelled() {
			_, err := s.choose(func(p *i18n.Printer) (string, []string) {
				return p.T(i18n.WhatNow), []string{p.T(i18n.SpellReference)}
			}, true)
			if err != nil {
				return err
			}
			s.spell()
			continue
		}
		actions := []string{"move", "cancel", "spell"}
		if customer {
			actions = actions[1:]
		}
		i, err := s.choose(func(p *i18n.Printer) (string, []string) {
			words := map[string]string{"move": p.T(i18n.MoveIt), "cancel": p.T(i18n.CancelIt), "spell": p.T(i18n.SpellReference)}
			items := make([]string, len(actions))
			for i, act := range actions {
				items[i] = words[act]
			}
			return p.T(i18n.WhatNow), items
		}, true)
		if err != nil {
			return err
		}
		switch actions[i] {
		case "move":
			err = s.move(a)
		case "cancel":
			err = s.cancel(a)
		default:
			s.spell()
		}
		if err != nil && !errors.Is(err, errBack) {
			return err
		}
	}
}

// move reschedules a to a free time the person picks, after reading the
// old and new times back.
func (s *session) move(a *model.Appointment) error {
	svc, ok := s.cat.Service(a.ServiceID)
	loc, okLoc := s.cat.Location(a.LocationID)
	if !ok || !okLoc {
		s.say(s.p().T(i18n.CannotMoveUnknown))
		return errBack
	}
	svc.DurationMinutes = a.DurationMinutes
	zone := loc.Zone()
	from := model.DateOf(a.Time.In(zone))
	for {
		slot, err := s.chooseSlot(svc, loc, from, a.Time)
		if err != nil {
			return err
		}
		from = model.DateOf(slot.Start.In(zone))
		today := s.today(zone)
		ok, err := s.yesNo(func(p *i18n.Printer) string {
			return p.T(i18n.MoveQuestion, model.Sanitize(a.Contact.Name),
				p.DateNear(model.DateOf(a.Time.In(zone)), today), p.Time(a.Time, zone),
				p.DateNear(from, today), p.Time(slot.Start, zone))
		})
		if err != nil {
			return err
		}
		if !ok {
			s.say(s.p().T(i18n.NotMoved))
			return errBack
		}
		m := booking.NewMove(*a, slot.Start, svc, loc)
		for {
			done, err := s.bs.Reschedule(s.ctx, m)
			p := s.p()
			switch {
			case err == nil:
				*a = done.Appointment
				s.say(p.T(i18n.Moved, p.DateNear(model.DateOf(a.Time.In(zone)), today), p.Time(a.Time, zone)))
				if done.Email != "" {
					s.say(p.T(i18n.UpdateGoesTo, model.Sanitize(done.Email)))
				}
				return errBack
			case api.IsSlotTaken(err):
				s.say(p.T(i18n.MoveTaken, p.Time(slot.Start, zone)))
			case booking.IsUnknown(err):
				s.say(p.T(i18n.MoveUnknown))
				again, err := s.yesNo(func(p *i18n.Printer) string { return p.T(i18n.TryAgainQuestion) })
				if err != nil {
					return err
				}
				if again {
					continue // the same key: it cannot move twice
				}
				return errBack
			default:
				s.say(p.T(i18n.MoveFailed, s.describe(err)))
			}
			break
		}
	}
}

// cancel cancels a after an optional reason and a question whose default
// keeps it.
func (s *session) cancel(a *model.Appointment) error {
	var reason string
	for {
		r, err := s.text(func(p *i18n.Printer) (string, string, string) {
			return p.T(i18n.ReasonIntro), p.T(i18n.ReasonPrompt), p.T(i18n.HelpReason)
		})
		if err != nil {
			return err
		}
		if err := model.ValidateReason(r); err != nil {
			var fe model.FieldError
			if errors.As(err, &fe) {
				s.say(s.p().FieldError(fe))
			}
			continue
		}
		reason = strings.TrimSpace(r)
		break
	}
	zone := s.zoneOf(a.LocationID)
	ok, err := s.yesNo(func(p *i18n.Printer) string {
		return p.T(i18n.CancelQuestion, model.Sanitize(a.Contact.Name),
			p.DateNear(model.DateOf(a.Time.In(zone)), s.today(zone)), p.Time(a.Time, zone))
	})
	if err != nil {
		return err
	}
	if !ok {
		s.say(s.p().T(i18n.Kept))
		return errBack
	}
	svc, _ := s.cat.Service(a.ServiceID)
	loc, _ := s.cat.Location(a.LocationID)
	c := booking.NewCancellation(*a, reason, svc, loc)
	for {
		done, err := s.bs.Cancel(s.ctx, c)
		p := s.p()
		switch {
		case err == nil:
			*a = done.Appointment
			s.say(p.T(i18n.Cancelled))
			if done.Email != "" {
				s.say(p.T(i18n.CancellationGoesTo, model.Sanitize(done.Email)))
			}
			return errBack
		case booking.IsUnknown(err):
			s.say(p.T(i18n.CancelUnknown))
			again, err := s.yesNo(func(p *i18n.Printer) string { return p.T(i18n.TryAgainQuestion) })
			if err != nil {
				return err
			}
			if again {
				continue
			}
			return errBack
		default:
			s.say(p.T(i18n.CancelFailed, s.describe(err)))
			return errBack
		}
	}
}

// myBooking is the kiosk's "my booking": a reference and the email it was
// booked with show it, and let the customer cancel it. Nothing says which
// of the two did not match.
func (s *session) myBooking() error {
	ref, err := s.text(func(p *i18n.Printer) (string, string, string) {
		return p.T(i18n.ReferenceIntro), p.T(i18n.ReferencePrompt), p.T(i18n.HelpReference)
	})
	if err != nil {
		return err
	}
	email, err := s.text(func(p *i18n.Printer) (string, string, string) {
		return "", p.T(i18n.FieldRequired, p.FieldName(model.FieldEmail)), p.T(i18n.HelpMyEmail)
	})
	if err != nil {
		return err
	}
	ref = strings.TrimSpace(ref)
	var a model.Appointment
	if model.ValidID(ref) {
		ctx, cancel := context.WithTimeout(s.ctx, s.opts.Office.Timeouts().Read)
		a, err = s.opts.Office.Appointment(ctx, ref)
		cancel()
	}
	if a.ID == "" || err != nil || !strings.EqualFold(strings.TrimSpace(a.Contact.Email), strings.TrimSpace(email)) {
		if s.ctx.Err() != nil {
			return s.ctx.Err()
		}
		s.say(s.p().T(i18n.NoSuchBooking))
		return errBack
	}
	if err := s.actOn(&a, true); !errors.Is(err, errBack) {
		return err
	}
	return errBack
}
