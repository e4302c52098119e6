// Package choose is the way to a time: an unfinished booking is offered
// first; then the location and the service, each asked only when there is
// a choice (esc goes back the same way); then the day in a calendar and
// the time in its slot list, for a booking or for moving one. It keeps the
// catalogue, the desk's location and service (remembered for the next
// start, except at a kiosk) and the day the next calendar opens on. The
// root shows the screens it chooses.
package choose

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/agenda"
	"github.com/zimun-app/zimun/ui/appointments"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/picker"
	"github.com/zimun-app/zimun/ui/reschedule"
	"github.com/zimun-app/zimun/ui/resume"
	"github.com/zimun-app/zimun/ui/router"
	"github.com/zimun-app/zimun/ui/slots"
	"github.com/zimun-app/zimun/ui/start"
)

// Step is what the flow chose to show.
type Step struct {
	Page  router.Page   // over the screen on show; nil: none
	Init  tea.Cmd       // starts it
	Alone bool          // in place of every screen (the desk's calendar, the first screen)
	Swap  bool          // in place of a picker on show (a picker)
	Say   common.Status // why not, when there is no choice to make
}

// Flow is the catalogue and the desk's choices. A value, like the root.
type Flow struct {
	c      *common.Common // shared, never changed: a root is copied on every key
	cat    booking.Catalog
	saved  state.Desk    // as last read or saved
	drafts []state.Draft // unfinished bookings still to offer
	loc    model.Location
	svc    model.Service
	date   model.Date // the day the next desk calendar opens on; zero: the first bookable
	seq    int        // ids for calendars, slot lists and agendas
	moving model.Appointment
}

// New is a flow waiting for the catalogue; the first calendar opens on
// date.
func New(c common.Common, date model.Date) Flow { return Flow{c: &c, date: date} }

// Ready is f with what the start screen read.
func (f Flow) Ready(msg start.ReadyMsg) Flow {
	f.cat, f.saved, f.drafts, f.svc = msg.Catalog, msg.Desk, msg.Drafts, msg.Service
	return f
}

// Catalog is the catalogue as read at the start.
func (f Flow) Catalog() booking.Catalog { return f.cat }

// Location and Service are the desk's: the ones its calendar shows.
func (f Flow) Location() model.Location { return f.loc }
func (f Flow) Service() model.Service   { return f.svc }

// Begin offers the next unfinished booking, else opens the desk at loc
// (and the service chosen), else asks where, in place of every screen.
func (f Flow) Begin(loc model.Location) (Flow, Step) {
	f, s := f.begin(loc)
	s.Alone = true
	return f, s
}

func (f Flow) begin(loc model.Location) (Flow, Step) {
	switch {
	case len(f.drafts) > 0:
		return f, Step{Page: router.PageFor(resume.New(*f.c, f.drafts[0]))}
	case len(f.cat.Active()) == 0:
		return f, Step{Page: router.PageFor(router.Empty{}), Say: common.Status{Kind: common.Failure, Text: f.c.T(i18n.RootNoActiveLocation)}}
	case loc.ID != "":
		return f.chooseLocation(loc)
	case len(f.cat.Active()) == 1:
		return f.chooseLocation(f.cat.Active()[0])
	}
	return f, f.Locations()
}

// Answered is f once the unfinished booking offered is resumed or
// discarded.
func (f Flow) Answered() Flow {
	f.drafts = f.drafts[1:]
	return f
}

// ChooseLocation opens the desk at loc, asking for the service when there
// is a choice; the day on show in s stays.
func (f Flow) ChooseLocation(s router.Stack, loc model.Location) (Flow, Step) {
	return f.keepDay(s).chooseLocation(loc)
}

func (f Flow) chooseLocation(loc model.Location) (Flow, Step) {
	f.loc = loc
	offered := f.cat.Offered(loc.ID)
	switch {
	case len(offered) == 0:
		return f, Step{Say: common.Status{Kind: common.Failure, Text: f.c.T(i18n.RootNoServiceAt, model.Sanitize(loc.Name))}}
	case f.svc.ID != "" && f.svc.OfferedAt(loc.ID):
	case len(offered) == 1:
		f.svc = offered[0]
	default:
		f.svc = model.Service{}
		return f, f.Services()
	}
	return f.Calendar(calendar.Config{Service: f.svc, Location: loc, Date: f.date})
}

// ChooseService opens the desk's calendar of svc; the day on show in s
// stays.
func (f Flow) ChooseService(s router.Stack, svc model.Service) (Flow, Step) {
	f = f.keepDay(s)
	f.svc = svc
	return f.Calendar(calendar.Config{Service: svc, Location: f.loc, Date: f.date})
}

// keepDay carries the day the desk's calendar in s shows over to the one
// that replaces it: changing the service or the location keeps the day.
func (f Flow) keepDay(s router.Stack) Flow {
	if !f.date.IsZero() {
		return f
	}
	for _, p := range s.Pages() {
		if cal, ok := p.Model().(calendar.Model); ok && !cal.Config().Pick {
			f.date = cal.Selected()
		}
	}
	return f
}

// Locations and Services are the pickers, when there is a choice;
// otherwise they say why not.
func (f Flow) Locations() Step {
	if locs := f.cat.Active(); len(locs) > 1 {
		return Step{Page: router.PageFor(picker.NewLocations(*f.c, locs)), Swap: true}
	}
	return Step{Say: common.Status{Text: f.c.T(i18n.RootOneLocation)}}
}

func (f Flow) Services() Step {
	if offered := f.cat.Offered(f.loc.ID); len(offered) > 1 {
		return Step{Page: router.PageFor(picker.NewServices(*f.c, offered, f.loc)), Swap: true}
	}
	return Step{Say: common.Status{Text: f.c.T(i18n.RootOneService, model.Sanitize(f.loc.Name))}}
}

// Choice reports a location or a service to choose from.
func (f Flow) Choice() bool { return len(f.cat.Offered(f.loc.ID)) > 1 || len(f.cat.Active()) > 1 }

// Calendar shows a calendar. The desk's (not a reschedule's) is in place
// of every screen (a new service or location starts over), and its
// location and service are the desk's from now on, remembered when they
// changed, except at a kiosk, which remembers nothing of one customer for
// the next. The next calendar opens on its first bookable day.
func (f Flow) Calendar(cfg calendar.Config) (Flow, Step) {
	f.seq++
	cfg.ID = f.seq
	f.date = model.Date{}
	cal := calendar.New(*f.c, cfg)
	var remember tea.Cmd
	if !cfg.Pick {
		f.loc, f.svc = cfg.Location, cfg.Service
		f, remember = f.remember()
	}
	return f, Step{Page: router.PageFor(cal), Init: tea.Batch(cal.Init(), remember), Alone: !cfg.Pick}
}

func (f Flow) remember() (Flow, tea.Cmd) {
	d := state.Desk{LocationID: f.loc.ID, ServiceID: f.svc.ID}
	if f.c.Kiosk != nil || d == f.saved || d.ServiceID == "" {
		return f, nil
	}
	f.saved = d
	c := *f.c
	return f, func() tea.Msg {
		if err := c.Office.Store().SaveDesk(d); err != nil {
			c.Logger.Warn("could not remember the desk's service", "err", err)
		}
		return nil
	}
}

// Reschedule is a calendar to pick a new time for the appointment msg
// moves, over the screen the move started from, while its service and
// location are still booked there.
func (f Flow) Reschedule(msg appointments.RescheduleMsg) (Flow, Step) {
	svc, okS := f.cat.Service(msg.Service.ID)
	loc, okL := f.cat.ActiveLocation(msg.Location.ID)
	if !okS || !okL || !svc.OfferedAt(loc.ID) {
		return f, Step{Say: common.Status{Kind: common.Failure, Text: f.c.T(i18n.RootCantMove)}}
	}
	f.moving = msg.Appointment
	return f.Calendar(calendar.Config{Service: svc, Location: loc, Pick: true, Banner: msg.Banner})
}

// Picked is the move of the appointment to the time picked in the slot
// list on top of s, to confirm.
func (f Flow) Picked(s router.Stack, msg slots.PickedMsg) Step {
	h := s.Top().Heading()
	return Step{Page: router.PageFor(reschedule.New(*f.c, f.moving, msg.Slot, h.Service, h.Location))}
}

// Day is the slot list of the day the calendar on top of s opened, in the
// calendar's mode; nothing when that calendar is gone.
func (f Flow) Day(s router.Stack, msg calendar.DayChosenMsg) (Flow, Step) {
	cal, ok := s.Top().Model().(calendar.Model)
	if !ok || cal.Config().ID != msg.Calendar {
		return f, Step{}
	}
	cfg := cal.Config()
	f.seq++
	list, init := router.Start(slots.New(*f.c, slots.Config{
		ID: f.seq, Service: cfg.Service, Location: cfg.Location, Availability: cal.Availability(),
		Date: msg.Date, Pick: cfg.Pick, Banner: cfg.Banner,
	}))
	return f, Step{Page: list, Init: init}
}

// Returned is f once the screen below is on show again: back on the
// desk's calendar, its service and location are the desk's again.
func (f Flow) Returned(s router.Stack) Flow {
	if cal, ok := s.Top().Model().(calendar.Model); ok && !cal.Config().Pick {
		h := cal.Heading()
		f.loc, f.svc = h.Location, h.Service
	}
	return f
}

// Back is where esc goes within the flow: from the service picker to the
// locations; from the desk's calendar alone to the service, then the
// location, when there is a choice. ok is false elsewhere: esc goes to the
// screen below.
func (f Flow) Back(s router.Stack) (_ Step, ok bool) {
	switch top := s.Top().Model().(type) {
	case picker.Model:
		if top.Heading().Location.ID == "" {
			break
		}
		if locs := f.Locations(); locs.Page != nil {
			return locs, true
		}
	case calendar.Model:
		if s.Len() > 1 {
			break
		}
		if svcs := f.Services(); svcs.Page != nil {
			return svcs, true
		}
		return f.Locations(), true
	}
	return Step{}, false
}

// Agenda is the day agenda msg asks for: the location asked for, else the
// desk's; free times of the service asked for when it is offered there,
// else the desk's, else the first offered there.
func (f Flow) Agenda(msg common.OpenAgendaMsg) (Flow, Step) {
	loc := msg.Location
	if loc.ID == "" {
		loc = f.loc
	}
	if l, ok := f.cat.Location(loc.ID); ok {
		loc = l
	}
	if loc.ID == "" {
		return f, Step{Say: common.Status{Text: f.c.T(i18n.RootChooseLocation)}}
	}
	var svc model.Service
	for _, s := range []model.Service{msg.Service, f.svc} {
		if s.ID != "" && s.OfferedAt(loc.ID) {
			svc = s
			break
		}
	}
	if offered := f.cat.Offered(loc.ID); svc.ID == "" && len(offered) > 0 {
		svc = offered[0]
	}
	if !loc.Active {
		svc = model.Service{} // it takes no bookings: its bookings only
	}
	date := msg.Date
	if date.IsZero() {
		date = model.DateOf(f.c.Now().In(loc.Zone()))
	}
	f.seq++
	a, init := router.Start(agenda.New(*f.c, agenda.Config{ID: f.seq, Location: loc, Service: svc, Date: date,
		Catalog: f.cat.Catalog, Select: msg.Select}))
	return f, Step{Page: a, Init: init}
}
