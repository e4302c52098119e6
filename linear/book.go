package linear

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
)

// errAnotherTime goes back to the times, to choose another one.
var errAnotherTime = errors.New("another time")

// book is the booking flow: location, service, day, time, hold, contact,
// review, confirm. Back at the first question that was asked returns
// errBack.
func (s *session) book() error {
	for {
		loc, asked, err := s.chooseLocation()
		if err != nil {
			return err
		}
		for {
			svc, askedSvc, err := s.chooseService(loc)
			if errors.Is(err, errBack) && asked {
				break
			}
			if err != nil {
				return err
			}
			err = s.bookService(svc, loc)
			if errors.Is(err, errBack) && askedSvc {
				continue
			}
			if errors.Is(err, errBack) && asked {
				break
			}
			return err
		}
	}
}

// chooseLocation asks for a location when there are several; asked says
// whether it was asked, so that back can return to it.
func (s *session) chooseLocation() (model.Location, bool, error) {
	s.refreshCatalog()
	active := s.cat.Active()
	if s.opts.LocationID != "" {
		if l, err := s.cat.FindLocation(s.opts.LocationID); err == nil {
			return l, false, nil
		}
	}
	switch len(active) {
	case 0:
		s.say(s.p().T(i18n.NoLocations))
		return model.Location{}, false, errBack
	case 1:
		s.say(s.p().T(i18n.LocationIs, model.Sanitize(active[0].Name)))
		return active[0], false, nil
	}
	i, err := s.choose(func(p *i18n.Printer) (string, []string) {
		items := make([]string, len(active))
		for i, l := range active {
			items[i] = s.locationLine(l)
		}
		return p.T(i18n.ChooseLocation, len(active)), items
	}, true)
	if err != nil {
		return model.Location{}, true, err
	}
	return active[i], true, nil
}

func (s *session) locationLine(l model.Location) string {
	p := s.p()
	if l.Address == "" {
		return p.T(i18n.LocationItem, model.Sanitize(l.Name), s.zoneName(l.Zone()))
	}
	return p.T(i18n.LocationItemAddress, model.Sanitize(l.Name), model.Sanitize(l.Address), s.zoneName(l.Zone()))
}

func (s *session) chooseService(loc model.Location) (model.Service, bool, error) {
	offered := s.cat.Offered(loc.ID)
	if s.opts.ServiceID != "" {
		if svc, _, err := s.cat.Resolve(s.opts.ServiceID, loc.ID); err == nil {
			return svc, false, nil
		}
	}
	switch len(offered) {
	case 0:
		s.say(s.p().T(i18n.NoServices, model.Sanitize(loc.Name)))
		return model.Service{}, false, errBack
	case 1:
		s.say(s.p().T(i18n.ServiceIs, s.serviceLine(offered[0])))
		return offered[0], false, nil
	}
	i, err := s.choose(func(p *i18n.Printer) (string, []string) {
		items := make([]string, len(offered))
		for i, svc := range offered {
			items[i] = s.serviceLine(svc)
		}
		return p.T(i18n.ChooseService, model.Sanitize(loc.Name), len(offered)), items
	}, true)
	if err != nil {
		return model.Service{}, true, err
	}
	return offered[i], true, nil
}

// serviceLine is "General consultation, 30 minutes".
func (s *session) serviceLine(svc model.Service) string {
	return s.p().T(i18n.ServiceItem, model.Sanitize(svc.Name), svc.DurationMinutes)
}

// bookService picks a time and books it, until booked or given up (nil)
// or back to the services (errBack).
func (s *session) bookService(svc model.Service, loc model.Location) error {
	from := s.opts.Date
	for {
		slot, err := s.chooseSlot(svc, loc, from, time.Time{})
		if err != nil {
			return err
		}
		from = model.DateOf(slot.Start.In(loc.Zone()))
		err = s.holdSlot(svc, loc, slot)
		if errors.Is(err, errAnotherTime) {
			continue
		}
		return err
	}
}

// holdSlot holds slot, then takes the contact and books it.
func (s *session) holdSlot(svc model.Service, loc model.Location, slot model.Slot) error {
	zone := loc.Zone()
	for {
		h, err := s.bs.Hold(s.ctx, svc, loc, slot)
		p := s.p()
		at := p.Time(slot.Start, zone)
		switch {
		case err == nil:
			return s.fill(s.bs.Begin(svc, loc, slot, h, s.typed), zone)
		case api.IsSlotTaken(err):
			s.say(p.T(i18n.SlotTaken, at))
			return errAnotherTime
		case booking.IsUnknown(err):
			s.say(p.T(i18n.HoldUnknown, at))
		default:
			s.say(p.T(i18n.HoldFailed, at, s.describe(err)))
		}
		i, err := s.choose(func(p *i18n.Printer) (string, []string) {
			return p.T(i18n.WhatNow), []string{p.T(i18n.TryAgain), p.T(i18n.AnotherTime)}
		}, false)
		if err != nil {
			return err
		}
		if i == 1 {
			return errAnotherTime
		}
	}
}

// fill takes the contact for a held booking, reviews it and books it.
// It returns nil when booked or given up, errAnotherTime to choose
// another time (what was typed is kept).
func (s *session) fill(i *booking.Intent, zone *time.Location) error {
	s.holdStarted(i, zone)
	c := i.Draft().Contact
	for _, f := range []string{model.FieldName, model.FieldEmail, model.FieldPhone, model.FieldNotes} {
		if err := s.field(i, &c, f, false); err != nil {
			return s.giveUp(i, err)
		}
	}
	return s.review(i, &c, zone)
}

// giveUp releases the booking's hold when the flow is left by back or
// quit; the typed contact is kept for the next one.
func (s *session) giveUp(i *booking.Intent, err error) error {
	if errors.Is(err, errBack) || errors.Is(err, errQuit) || errors.Is(err, errAnotherTime) {
		s.watch.clear()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(s.ctx), s.opts.Office.Timeouts().Release)
		_ = i.Abandon(ctx)
		cancel()
	}
	return err
}

// field asks for one contact field until it is valid. Editing, an empty
// answer keeps what is there; an optional field can be cleared with "-".
func (s *session) field(i *booking.Intent, c *model.Contact, f string, editing bool) error {
	ptr := map[string]*string{model.FieldName: &c.Name, model.FieldEmail: &c.Email, model.FieldPhone: &c.Phone, model.FieldNotes: &c.Notes}[f]
	optional := f == model.FieldPhone || f == model.FieldNotes
	for {
		old := *ptr
		answer, err := s.text(func(p *i18n.Printer) (string, string, string) {
			name := p.FieldName(f)
			switch {
			case editing && old != "" && optional:
				return p.T(i18n.FieldEditOptional, name, model.Sanitize(old)), p.T(i18n.FieldRequired, name), p.T(i18n.HelpFieldEdit, name)
			case editing && old != "":
				return p.T(i18n.FieldEdit, name, model.Sanitize(old)), p.T(i18n.FieldRequired, name), p.T(i18n.HelpFieldEdit, name)
			case optional:
				return "", p.T(i18n.FieldOptional, name), p.T(i18n.HelpFieldOptional, name)
			}
			return "", p.T(i18n.FieldRequired, name), p.T(i18n.HelpField, name)
		})
		if err != nil {
			return err
		}
		switch {
		case editing && answer == "":
			answer = old
		case optional && answer == "-":
			answer = ""
		}
		*ptr = answer
		if v, bad := model.AsValidation(c.Validate()); bad {
			if fe, ok := fieldError(v, f); ok {
				s.say(s.p().FieldError(fe))
				*ptr = old
				continue
			}
		}
		i.Record(*c)
		_ = i.Save()
		s.typed = *c
		return nil
	}
}

func fieldError(v model.ValidationError, f string) (model.FieldError, bool) {
	for _, fe := range v {
		if fe.Field == f {
			return fe, true
		}
	}
	return model.FieldError{}, false
}

// review reads the booking back and books it on the person's word.
func (s *session) review(i *booking.Intent, c *model.Contact, zone *time.Location) error {
	for {
		d := i.Draft()
		p := s.p()
		s.say(p.T(i18n.ReviewIntro))
		s.say(s.bookingLines(d.Service, d.Location, d.Slot.Start, d.Slot.Start.Add(d.Service.Duration()), zone)...)
		s.say(s.contactLines(*c)...)
		lapsed := s.watch.lapsed()
		if lapsed {
			s.say(p.T(i18n.HoldEnded, p.Time(d.Slot.Start, zone)))
		}
		n, err := s.choose(func(p *i18n.Printer) (string, []string) {
			first := p.T(i18n.BookIt)
			if lapsed {
				first = p.T(i18n.HoldAgainAndBook, p.Time(d.Slot.Start, zone))
			}
			return p.T(i18n.WhatNow), []string{
				first,
				p.T(i18n.ChangeField, p.FieldName(model.FieldName)),
				p.T(i18n.ChangeField, p.FieldName(model.FieldEmail)),
				p.T(i18n.ChangeField, p.FieldName(model.FieldPhone)),
				p.T(i18n.ChangeField, p.FieldName(model.FieldNotes)),
				p.T(i18n.AnotherTimeKeep),
				p.T(i18n.GiveUp),
			}
		}, false)
		if err != nil {
			return s.giveUp(i, err)
		}
		switch n {
		case 0:
			if lapsed {
				s.extend()
				continue
			}
			err := s.confirm(i, c, zone)
			if errors.Is(err, errReview) {
				continue
			}
			return err
		case 1, 2, 3, 4:
			f := []string{model.FieldName, model.FieldEmail, model.FieldPhone, model.FieldNotes}[n-1]
			if err := s.field(i, c, f, true); err != nil {
				return s.giveUp(i, err)
			}
		case 5:
			return s.giveUp(i, errAnotherTime)
		default:
			s.giveUp(i, errBack)
			s.say(p.T(i18n.GivenUp))
			return nil
		}
	}
}

// errReview goes back to the review, to change something and try again.
var errReview = errors.New("review")

// confirm books the hold and says what came of it.
func (s *session) confirm(i *booking.Intent, c *model.Contact, zone *time.Location) error {
	for {
		p := s.p()
		d := i.Draft()
		s.say(p.T(i18n.Booking, p.Time(d.Slot.Start, zone), model.Sanitize(c.Name)))
		out := i.Confirm(s.ctx, *c)
		if s.ctx.Err() != nil {
			return s.ctx.Err()
		}
		switch out.Result {
		case booking.Booked:
			s.watch.clear()
			s.booked(out, d, zone)
			s.typed = model.Contact{}
			return nil
		case booking.Unknown:
			s.say(p.T(i18n.ConfirmUnknown))
			n, err := s.choose(func(p *i18n.Printer) (string, []string) {
				return p.T(i18n.WhatNow), []string{p.T(i18n.TryAgainSafe), p.T(i18n.LeaveForLater)}
			}, false)
			if err != nil {
				return err
			}
			if n == 1 {
				s.watch.clear()
				s.say(p.T(i18n.LeftForLater))
				return nil
			}
		case booking.Expired:
			s.say(p.T(i18n.ConfirmExpired, p.Time(d.Slot.Start, zone)))
			s.watch.markEnded()
			return errReview
		case booking.Unverified:
			s.say(p.T(i18n.ConfirmUnverified))
			for _, a := range out.Candidates {
				s.say(s.appointmentLine(a))
			}
			s.watch.markEnded()
			return errReview
		case booking.TakenByOther:
			s.say(p.T(i18n.ConfirmTaken, p.Time(d.Slot.Start, zone)))
			s.watch.clear()
			return errAnotherTime
		case booking.Refused:
			if out.Field != "" {
				s.say(p.T(i18n.ConfirmRefusedField, p.FieldName(out.Field), s.describe(out.Err)))
			} else {
				s.say(p.T(i18n.ConfirmRefused, s.describe(out.Err)))
			}
			return errReview
		default:
			s.say(p.T(i18n.ConfirmFailed, s.describe(out.Err)))
			return errReview
		}
	}
}

// booked says the booking, its reference first.
func (s *session) booked(out booking.Outcome, d state.Draft, zone *time.Location) {
	p := s.p()
	a := out.Appointment
	if out.Found {
		s.say(p.T(i18n.BookedFound))
	}
	s.say(p.T(i18n.Booked, model.Sanitize(d.Service.Name), p.DateNear(model.DateOf(a.Time.In(zone)), s.today(zone)),
		p.Time(a.Time, zone), model.Sanitize(d.Location.Name), model.Sanitize(a.Contact.Name)))
	if ref := reference(a); ref != "" {
		s.setRef(ref)
		s.say(p.T(i18n.Reference, ref))
	}
	if out.Unread {
		s.say(p.T(i18n.BookedUnread))
	}
	if a.Contact.Email != "" {
		s.say(p.T(i18n.EmailGoesTo, model.Sanitize(a.Contact.Email)))
	}
	if out.JournalErr != nil && !s.opts.Demo && !s.opts.Kiosk {
		s.say(p.T(i18n.NotInHistory, s.describe(out.JournalErr)))
	}
}

// reference is what the customer quotes: the booking id, else the
// appointment's.
func reference(a model.Appointment) string {
	if a.BookingID != "" {
		return model.Sanitize(a.BookingID)
	}
	return model.Sanitize(a.ID)
}

func (s *session) setRef(ref string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ref = ref
}

// spell answers "spell": the last reference, a character at a time.
func (s *session) spell() {
	s.mu.Lock()
	ref := s.ref
	s.mu.Unlock()
	p := s.p()
	if ref == "" {
		s.say(p.T(i18n.NoReference))
		return
	}
	s.say(p.Spell(ref))
}

// bookingLines read a booking as sentences, the important words first.
func (s *session) bookingLines(svc model.Service, loc model.Location, start, end time.Time, zone *time.Location) []string {
	p := s.p()
	where := model.Sanitize(loc.Name)
	if loc.Address != "" {
		where += ", " + model.Sanitize(loc.Address)
	}
	return []string{
		p.T(i18n.LabelValue, p.T(i18n.LabelService), s.serviceLine(svc)),
		p.T(i18n.LabelValue, p.T(i18n.LabelWhen), p.T(i18n.WhenSpan,
			p.DateNear(model.DateOf(start.In(zone)), s.today(zone)), p.Time(start, zone), p.Time(end, zone), s.zoneName(zone))),
		p.T(i18n.LabelValue, p.T(i18n.LabelWhere), where),
	}
}

func (s *session) contactLines(c model.Contact) []string {
	p := s.p()
	val := func(v string) string {
		if v == "" {
			return p.T(i18n.None)
		}
		return strings.ReplaceAll(model.Sanitize(v), "\n", " ")
	}
	return []string{
		p.T(i18n.LabelValue, p.FieldName(model.FieldName), val(c.Name)),
		p.T(i18n.LabelValue, p.FieldName(model.FieldEmail), val(c.Email)),
		p.T(i18n.LabelValue, p.FieldName(model.FieldPhone), val(c.Phone)),
		p.T(i18n.LabelValue, p.FieldName(model.FieldNotes), val(c.Notes)),
	}
}
