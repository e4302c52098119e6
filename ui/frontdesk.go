package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/appointments"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/form"
	"github.com/zimun-app/zimun/ui/reschedule"
	"github.com/zimun-app/zimun/ui/slots"
)

// walkInWait bounds the whole walk-in search: two availability reads and
// two holds at most.
const walkInWait = 45 * time.Second

// errWalkInTaken is said when today's next two slots went while holding.
var errWalkInTaken = errors.New("today's next free slots were just taken; press w to try again")

type (
	// walkInMsg is the walk-in search's answer: a hold, or why not.
	walkInMsg struct {
		service  model.Service
		location model.Location
		slot     model.Slot
		hold     model.Hold
		next     model.Slot // first free slot after today, when today has none
		err      error
	}
	journalWrittenMsg struct{ err error }
	deskSavedMsg      struct{ err error }
)

// openAppointments shows the Appointments screen over the booking flow;
// esc comes back to the screen it was opened from.
func (m Model) openAppointments() (tea.Model, tea.Cmd) {
	m.apptsFrom, m.screen = m.screen, scrAppointments
	if m.hasAppts {
		return m, m.appts.Refresh()
	}
	svcs := make(map[string]model.Service, len(m.services))
	for _, s := range m.services {
		svcs[s.ID] = s
	}
	locs := make(map[string]model.Location, len(m.allLocations))
	for _, l := range m.allLocations {
		locs[l.ID] = l
	}
	m.appts = appointments.New(m.c, appointments.Options{Services: svcs, Locations: locs, StateDir: m.cfg.StateDir})
	m.appts.SetSize(m.bodyWidth(), m.bodyHeight())
	m.hasAppts = true
	return m, m.appts.Init()
}

// leaveAppointments follows the screen's BackMsg.
func (m Model) leaveAppointments() (tea.Model, tea.Cmd) {
	switch {
	case m.apptsFrom == scrSlots && m.hasSlots:
		m.screen = scrSlots
		return m, m.slots.Activate()
	case m.apptsFrom == scrConfirmation:
		m.screen = scrConfirmation
		return m, nil
	}
	return m.showCalendar()
}

// startReschedule opens a calendar for the appointment's service and
// location in pick mode.
func (m Model) startReschedule(msg appointments.RescheduleMsg) (tea.Model, tea.Cmd) {
	svc, okS := m.serviceByID(msg.Service.ID)
	loc, okL := m.activeLocation(msg.Location.ID)
	if !okS || !okL || !svc.OfferedAt(loc.ID) {
		m.setErr(common.ErrMsg{Err: errors.New("this appointment's service is no longer offered at its location, so it can't be moved; book a new one")})
		return m, nil
	}
	m.rsAppt, m.rsSvc, m.rsLoc = msg.Appointment, svc, loc
	m.seq++
	cfg := calendar.Config{ID: m.seq, Service: svc, Location: loc}
	if a, ok := m.cache[cacheKey(svc.ID, loc.ID)]; ok {
		cfg.Cached = &a
	}
	m.rsCal, m.hasRsCal = calendar.New(m.c, cfg), true
	m.rsCal.SetSize(m.bodyWidth(), m.rsBodyHeight())
	m.hasRsSlots, m.screen = false, scrRsCalendar
	return m, m.rsCal.Init()
}

func (m Model) openRsSlots(d model.Date) (tea.Model, tea.Cmd) {
	m.seq++
	m.rsSlots = slots.New(m.c, slots.Config{
		ID: m.seq, Service: m.rsSvc, Location: m.rsLoc, Availability: m.rsCal.Availability(), Date: d, Pick: true,
	})
	m.rsSlots.SetSize(m.bodyWidth(), m.rsBodyHeight())
	m.hasRsSlots, m.screen = true, scrRsSlots
	return m, m.rsSlots.Init()
}

func (m Model) openReschedule(slot model.Slot) (tea.Model, tea.Cmd) {
	m.resched = reschedule.New(m.c, m.rsAppt, slot, m.rsSvc, m.rsLoc, m.cfg.StateDir)
	m.resched.SetSize(m.bodyWidth(), m.bodyHeight())
	m.screen = scrReschedule
	return m, m.resched.Init()
}

// rescheduled returns to the list, which updates the row and says which
// email the customer gets.
func (m Model) rescheduled(msg reschedule.DoneMsg) (tea.Model, tea.Cmd) {
	m.hasRsCal, m.hasRsSlots = false, false
	m.screen = scrAppointments
	var cmd tea.Cmd
	m.appts, cmd = m.appts.Update(msg)
	return m, cmd
}

// rsBanner says what is being moved, above the reschedule calendar and
// slot list.
func (m Model) rsBanner() string {
	a, zone := m.rsAppt, m.rsLoc.Zone()
	who := model.Sanitize(a.Contact.Name)
	if who == "" {
		who = model.Sanitize(a.ID)
	}
	old := common.FormatDate(a.Time.In(zone)) + " " + common.FormatTime(a.Time, zone, m.c.Prefs.Clock24, true)
	return fmt.Sprintf("Rescheduling %s — %s; pick the new time", who, old)
}

func (m Model) rsBodyHeight() int { return max(m.bodyHeight()-1, 1) }

// walkIn looks for today's next free slot for the current service and
// holds it.
func (m Model) walkIn() (tea.Model, tea.Cmd) {
	if m.service.ID == "" || m.location.ID == "" {
		m.status, m.statusErr = "Choose a service first", false
		return m, nil
	}
	if m.walkInBusy {
		return m, nil
	}
	m.walkInBusy = true
	m.status, m.statusErr = "Finding today's next free slot for "+model.Sanitize(m.service.Name)+"…", false
	return m, findWalkIn(m.c, m.service, m.location)
}

func findWalkIn(c common.Common, svc model.Service, loc model.Location) tea.Cmd {
	days := c.Prefs.DaysAhead
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(c.Ctx, walkInWait)
		defer cancel()
		res := walkInMsg{service: svc, location: loc}
		var after time.Time // a slot just taken under us: look past it
		for range 2 {
			a, err := c.Client.Availability(ctx, svc.ID, loc.ID, days)
			if err != nil {
				res.err = err
				return res
			}
			now := c.Now()
			if !after.After(now) {
				after = now
			}
			slot, ok := firstSlotToday(a, loc.Zone(), after)
			if !ok {
				res.next, _ = firstSlotAfterToday(a, loc.Zone(), now)
				return res
			}
			h, err := c.Client.Hold(ctx, api.HoldRequest{
				ServiceID: svc.ID, LocationID: loc.ID, Time: slot.Start, DurationMinutes: svc.DurationMinutes,
				IdempotencyKey: api.NewIdempotencyKey(),
			})
			if err == nil {
				res.slot, res.hold = slot, h
				return res
			}
			if !api.IsSlotTaken(err) {
				res.err = err
				return res
			}
			after = slot.Start
		}
		res.err = errWalkInTaken
		return res
	}
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

func (m Model) walkInDone(msg walkInMsg) (tea.Model, tea.Cmd) {
	m.walkInBusy = false
	if m.quitting {
		if msg.hold.ID != "" {
			return m.giveBack(msg.hold.ID)
		}
		return m.quitIfDone()
	}
	if m.status != "" && !m.statusErr {
		m.status = ""
	}
	switch {
	case msg.err != nil:
		m.setErr(common.ErrMsg{Err: msg.err, Doing: "finding a walk-in slot"})
		return m, nil
	case msg.hold.ID == "":
		zone := msg.location.Zone()
		text := "No free slot left today for " + model.Sanitize(msg.service.Name)
		if !msg.next.Start.IsZero() {
			text += "; next free: " + msg.next.Start.In(zone).Format("Mon 2 Jan") + " " +
				common.FormatTime(msg.next.Start, zone, m.c.Prefs.Clock24, true)
		} else {
			text += " nor in the bookable window"
		}
		m.status, m.statusErr = text, false
		return m, nil
	case m.hasForm:
		// Another booking started meanwhile: give this hold back.
		return m.giveBack(msg.hold.ID)
	}
	m.service, m.location = msg.service, msg.location
	m.hasSlots = false // back from the form goes to the calendar
	return m.openForm(form.Input{
		Service: msg.service, Location: msg.location, Slot: msg.slot, Hold: msg.hold,
		Contact: m.lastContact, StateDir: m.cfg.StateDir,
	})
}

func releaseHold(c common.Common, id string) tea.Cmd {
	return func() tea.Msg {
		_ = common.ReleaseHold(c, id) // it expires anyway
		return nil
	}
}

// journalBooked records a booking in the desk history; failing to is
// reported, never blocking.
func (m Model) journalBooked(a model.Appointment) tea.Cmd {
	dir := m.cfg.StateDir
	if dir == "" {
		return nil
	}
	e := journal.Entry{
		At: m.c.Now(), Action: journal.Booked, Appointment: a,
		ServiceName: m.service.Name, LocationName: m.location.Name,
	}
	return func() tea.Msg { return journalWrittenMsg{err: journal.Append(dir, e)} }
}

// rememberDesk saves the location and service in use, when they changed.
func (m *Model) rememberDesk() tea.Cmd {
	d := deskMemory{LocationID: m.location.ID, ServiceID: m.service.ID}
	if m.cfg.StateDir == "" || d == m.desk || d.ServiceID == "" {
		return nil
	}
	m.desk = d
	dir := m.cfg.StateDir
	return func() tea.Msg { return deskSavedMsg{err: saveDesk(dir, d)} }
}

func (m Model) serviceByID(id string) (model.Service, bool) {
	for _, s := range m.services {
		if s.ID == id {
			return s, true
		}
	}
	return model.Service{}, false
}

func (m Model) activeLocation(id string) (model.Location, bool) {
	for _, l := range m.locations {
		if l.ID == id {
			return l, true
		}
	}
	return model.Location{}, false
}

// offered is the services offered at loc, in catalogue order.
func (m Model) offered(loc model.Location) []model.Service {
	var out []model.Service
	for _, s := range m.services {
		if s.OfferedAt(loc.ID) {
			out = append(out, s)
		}
	}
	return out
}
