package linear

import (
	"context"
	"errors"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
)

// walkIn holds the next free time today for a customer at the desk, then
// takes their contact.
func (s *session) walkIn() error {
	loc, _, err := s.chooseLocation()
	if err != nil {
		return err
	}
	svc, _, err := s.chooseService(loc)
	if err != nil {
		return err
	}
	zone := loc.Zone()
	p := s.p()
	s.say(p.T(i18n.WalkInLooking, model.Sanitize(svc.Name)))
	w, err := s.bs.WalkIn(s.ctx, svc, loc, s.opts.DaysAhead)
	switch {
	case errors.Is(err, booking.ErrWalkInTaken):
		s.say(p.T(i18n.WalkInTaken))
		return errBack
	case err != nil:
		if s.ctx.Err() != nil {
			return s.ctx.Err()
		}
		s.say(p.T(i18n.WalkInFailed, s.describe(err)))
		return errBack
	case w.Hold.ID != "":
		return s.fill(s.bs.Begin(svc, loc, w.Slot, w.Hold, s.typed), zone)
	case w.Next.Start.IsZero():
		s.say(p.T(i18n.WalkInNone, s.opts.DaysAhead))
		return errBack
	}
	s.say(p.T(i18n.WalkInNoneToday, p.DateNear(model.DateOf(w.Next.Start.In(zone)), s.today(zone)), p.Time(w.Next.Start, zone)))
	i, err := s.choose(func(p *i18n.Printer) (string, []string) {
		return p.T(i18n.WhatNow), []string{p.T(i18n.HoldThat, p.Time(w.Next.Start, zone)), p.T(i18n.AnotherTime)}
	}, true)
	if err != nil {
		return err
	}
	if i == 0 {
		err = s.holdSlot(svc, loc, w.Next)
		if !errors.Is(err, errAnotherTime) {
			return err
		}
	}
	return s.bookService(svc, loc)
}

// offerDrafts offers the bookings an earlier session left unfinished (a
// crash, a closed terminal): resume, discard, or leave for later.
func (s *session) offerDrafts() error {
	drafts, busy, err := s.bs.Abandoned()
	if err != nil || len(drafts) == 0 {
		if busy > 0 {
			s.say(s.p().T(i18n.DraftsBusy, busy))
		}
		return nil
	}
	for _, d := range drafts {
		zone := d.Location.Zone()
		p := s.p()
		s.say(p.T(i18n.DraftFound, model.Sanitize(d.Service.Name),
			p.DateNear(model.DateOf(d.Slot.Start.In(zone)), s.today(zone)), p.Time(d.Slot.Start, zone),
			s.draftName(d)))
		i, err := s.choose(func(p *i18n.Printer) (string, []string) {
			return p.T(i18n.WhatNow), []string{p.T(i18n.DraftResume), p.T(i18n.DraftDiscard), p.T(i18n.DraftLater)}
		}, false)
		if err != nil {
			return err
		}
		switch i {
		case 0:
			intent, err := s.bs.Resume(d)
			if err != nil {
				s.say(p.T(i18n.DraftGone))
				continue
			}
			if err := s.resume(intent, zone); err != nil && !errors.Is(err, errBack) && !errors.Is(err, errAnotherTime) {
				return err
			}
		case 1:
			ctx, cancel := context.WithTimeout(s.ctx, s.opts.Office.Timeouts().Release)
			err := s.bs.Discard(ctx, d)
			cancel()
			if err != nil && !api.IsNotFound(err) {
				s.say(p.T(i18n.DraftGone))
				continue
			}
			s.say(p.T(i18n.DraftDiscarded))
		}
	}
	return nil
}

func (s *session) draftName(d state.Draft) string {
	if d.Contact.Name == "" {
		return s.p().T(i18n.NoNameYet)
	}
	return model.Sanitize(d.Contact.Name)
}

// resume carries on with a resumed booking: an unanswered confirm is sent
// again first, to find out what it did.
func (s *session) resume(i *booking.Intent, zone *time.Location) error {
	c := i.Draft().Contact
	s.typed = c
	if i.Unresolved() {
		s.watch.set(i, zone)
		if err := s.confirm(i, &c, zone); !errors.Is(err, errReview) {
			return err
		}
	} else if i.Hold().Expired(s.opts.Now()) {
		s.watch.set(i, zone)
		s.watch.markEnded()
	} else {
		s.holdStarted(i, zone)
	}
	for _, f := range []string{model.FieldName, model.FieldEmail} {
		if v, bad := model.AsValidation(c.Validate()); bad {
			if _, ok := fieldError(v, f); ok {
				if err := s.field(i, &c, f, false); err != nil {
					return s.giveUp(i, err)
				}
			}
		}
	}
	return s.review(i, &c, zone)
}
