// Package ui is the booking terminal UI. Its root is a router: a stack of
// screens (each its own package, with its own typed Update) inside one
// frame. Screens say what the user chose with messages; navigate decides
// what comes next. Every write goes through the session's booking layer.
package ui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/agenda"
	"github.com/zimun-app/zimun/ui/appointments"
	"github.com/zimun-app/zimun/ui/availmap"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/confirmation"
	"github.com/zimun-app/zimun/ui/form"
	"github.com/zimun-app/zimun/ui/frame"
	"github.com/zimun-app/zimun/ui/mybooking"
	"github.com/zimun-app/zimun/ui/picker"
	"github.com/zimun-app/zimun/ui/quit"
	"github.com/zimun-app/zimun/ui/reschedule"
	"github.com/zimun-app/zimun/ui/resume"
	"github.com/zimun-app/zimun/ui/router"
	"github.com/zimun-app/zimun/ui/selfservice"
	"github.com/zimun-app/zimun/ui/slots"
	"github.com/zimun-app/zimun/ui/start"
	"github.com/zimun-app/zimun/ui/walkin"
)

// Config is what the root needs beyond the shared session parts.
type Config struct {
	ServiceID  string     // start here: id or name; "" = the desk's last one, else ask when several
	LocationID string     // start here: id or name; "" = the desk's last one, else ask when several
	Date       model.Date // day the first calendar opens on; zero = first bookable
	Notes      []string   // said once at the start (state moved into place, say)
	ExportDir  string     // where .ics exports go; "" = none (the kiosk)
}

// Model is the root of the booking UI. Build it with New; it is a value and
// holds no globals, so one runs per terminal or SSH session.
type Model struct {
	c     common.Common
	cfg   Config
	frame frame.Frame
	stack router.Stack
	seq   int // ids for calendars and slot lists

	cat         booking.Catalog
	desk        state.Desk    // as last read or saved
	drafts      []state.Draft // unfinished bookings still to offer
	location    model.Location
	service     model.Service
	lastContact model.Contact     // kept when a hold is given up, for the next form
	moving      model.Appointment // being rescheduled

	kiosk    selfservice.Kiosk // what a kiosk does differently; nothing at a desk
	quit     quit.Model
	status   common.Status
	showHelp bool
}

// New builds the root model from the session's shared parts.
func New(c common.Common, cfg Config) Model {
	m := Model{c: c, cfg: cfg, frame: frame.New(c.Styles, c.Words), kiosk: selfservice.New(c), quit: quit.New(c)}
	want := start.Want{Location: cfg.LocationID, Service: cfg.ServiceID, Fresh: c.Kiosk != nil}
	m.stack = m.stack.Push(router.PageFor(start.New(c, want)))
	if len(cfg.Notes) > 0 {
		m.status = common.Status{Kind: common.Warning, Text: strings.Join(cfg.Notes, " · ")}
	}
	return m
}

// Init starts loading; the first frame is drawn before anything answers.
func (m Model) Init() tea.Cmd { return m.stack.Top().Model().(start.Model).Init() }

// Update routes a message: size to every screen; keys through the quit
// question, the focus check and the global keys to the screen on top;
// navigation to navigate; replies to every screen (each takes its own).
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.frame = m.frame.Resized(msg.Width, msg.Height)
		m.stack = m.stack.Resized(m.frame.BodyWidth(), m.frame.BodyHeight())
		return m, nil
	case tea.KeyMsg:
		m.c.Activity.Touch(m.c.Now())
		return m.key(msg)
	case tea.MouseMsg:
		m.c.Activity.Touch(m.c.Now())
		if in, ok := m.frame.InBody(msg); ok && !m.showHelp && !m.quit.Asking() && !m.frame.TooSmall() {
			return m.updateTop(in)
		}
		return m, nil
	case common.StatusMsg:
		if !m.quit.Closing() {
			m.status = common.Status{Kind: msg.Status.Kind, Text: model.Sanitize(msg.Status.Text)}
		}
		return m, nil
	case quit.ClosedMsg:
		return m, tea.Quit
	case selfservice.TickMsg:
		var cmd tea.Cmd
		m.kiosk, cmd = m.kiosk.Update(msg)
		return m, cmd
	}
	if !m.quit.Closing() { // a closing session starts nothing new
		if next, cmd, ok := m.navigate(msg); ok {
			return next, cmd
		}
	}
	return m.updateAll(msg)
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	msg, ok := router.Clean(msg)
	switch {
	case !ok:
		return m, nil
	case router.Several(msg) && !m.quit.Closing():
		return router.OneByOne(m, msg, Model.typing, Model.key, Model.updateTop)
	}
	if q, cmd, ok := m.quit.Key(msg, m.holding); ok {
		m.quit, m.showHelp = q, m.showHelp && !q.Asking()
		return m, cmd
	}
	m.status = common.Status{} // a status belongs to the action before
	keys := m.c.Keys
	switch {
	case m.frame.TooSmall():
		if key.Matches(msg, keys.Quit) {
			return m.requestQuit()
		}
		return m, nil
	case m.showHelp:
		m.showHelp = !key.Matches(msg, keys.Help, keys.Back, keys.Quit)
		return m, nil
	}
	if cmd, ok := m.kiosk.Key(msg, m.screen); ok {
		return m, cmd
	}
	switch {
	case m.stack.Top().Focused():
		// A text field or a prompt gets every key: "q" or "?" is text.
		return m.updateTop(msg)
	case key.Matches(msg, keys.Help):
		m.showHelp = true
		return m, nil
	case key.Matches(msg, keys.Quit):
		return m.requestQuit()
	case key.Matches(msg, keys.Back) && !m.ownsBack():
		return m.back()
	case key.Matches(msg, keys.MyBooking):
		return m.openMyBooking()
	case m.kiosk.Waiting() && msg.Type == tea.KeyEnter:
		return m.startOver()
	}
	if next, cmd, ok := m.devTools(msg); ok {
		return next, cmd
	}
	return m.updateTop(msg)
}

// typing reports a text field or a prompt with the keys.
func (m Model) typing() bool { return m.stack.Top().Focused() && !m.quit.Asking() }

// navigate handles the messages that change which screen is on show:
// adding a screen means adding the message that opens it here.
func (m Model) navigate(msg tea.Msg) (Model, tea.Cmd, bool) {
	var next Model
	var cmd tea.Cmd
	if m.kiosk.Blocks(msg) {
		return m, nil, true
	}
	switch msg := msg.(type) {
	case start.ReadyMsg:
		m.cat, m.desk, m.drafts = msg.Catalog, msg.Desk, msg.Drafts
		if msg.Status.Text != "" && m.status.Text != "" { // the notes stay
			msg.Status.Text = m.status.Text + " · " + msg.Status.Text
		}
		if msg.Status.Text != "" {
			m.status = msg.Status
		}
		m.service = msg.Service
		next, cmd = m.begin(msg.Location)
	case resume.ResumedMsg:
		m.drafts = m.drafts[1:]
		d := msg.Intent.Draft()
		next, cmd = m.openCalendar(calendar.Config{Service: d.Service, Location: d.Location}, true)
		var f tea.Cmd
		next, f = next.openForm(msg.Intent)
		cmd = tea.Batch(cmd, f)
	case resume.DiscardedMsg:
		if msg.Err != nil {
			m.status = common.Failed(m.c.Words, m.c.T(i18n.FailDiscarding), msg.Err)
		}
		m.drafts = m.drafts[1:]
		next, cmd = m.begin(model.Location{})
	case common.LocationChosenMsg:
		m.keepDay()
		next, cmd = m.chooseLocation(msg.Location)
	case common.ServiceChosenMsg:
		m.keepDay()
		m.service = msg.Service
		next, cmd = m.openCalendar(calendar.Config{Service: m.service, Location: m.location, Date: m.cfg.Date}, true)
	case common.ChangeLocationMsg:
		next, cmd = m.pick(m.locationPicker())
	case common.ChangeServiceMsg:
		next, cmd = m.pick(m.servicePicker())
	case calendar.DayChosenMsg:
		next, cmd = m.openSlots(msg)
	case slots.HoldMsg:
		next, cmd = m.holdReplied(msg)
	case slots.HoldPlacedMsg:
		if l, ok := m.stack.Top().Model().(holdAsker); !ok || l.ID() != msg.List {
			return m, m.release(msg.Hold.ID), true // nobody waits for it now
		}
		next, cmd = m.openForm(m.c.Session.Begin(msg.Service, msg.Location, msg.Slot, msg.Hold, m.lastContact))
	case common.OpenAppointmentsMsg:
		a := appointments.New(m.c, appointments.Options{Catalog: m.cat.Catalog, ExportDir: m.cfg.ExportDir})
		next, cmd = m.push(router.PageFor(a))
		cmd = tea.Batch(cmd, a.Init())
	case common.WalkInMsg:
		if m.service.ID == "" {
			m.status = common.Status{Text: m.c.T(i18n.RootChooseService)}
			return m, nil, true
		}
		w := walkin.New(m.c, m.service, m.location, m.lastContact)
		next, cmd = m.push(router.PageFor(w))
		cmd = tea.Batch(cmd, w.Init())
	case walkin.FoundMsg:
		m.stack = m.stack.Drop()
		next, cmd = m.openForm(msg.Intent, form.WalkIn())
	case walkin.DoneMsg:
		m.stack = m.stack.Drop()
		m.status = msg.Status
		next = m
	case common.BookedMsg:
		h := m.stack.Top().Heading()
		m.stack = m.stack.Drop() // the form
		if _, ok := m.stack.Top().Model().(slots.Model); ok {
			m.stack = m.stack.Drop()
		}
		m.lastContact = model.Contact{}
		next, cmd = m.push(router.PageFor(confirmation.New(m.c, msg.Appointment, h.Service, h.Location)))
		var wait tea.Cmd
		next.kiosk, wait = next.kiosk.Finished()
		cmd = tea.Batch(cmd, wait)
	case common.FinishedMsg:
		next = m
		next.kiosk, cmd = m.kiosk.Finished()
	case common.StartOverMsg:
		next, cmd = m.startOver()
	case common.NewBookingMsg:
		if m.c.Kiosk != nil {
			next, cmd = m.startOver()
			break
		}
		m.stack = m.stack.Keep(1)
		if cal, ok := m.stack.Top().Model().(calendar.Model); ok && !cal.Config().Pick {
			next, cmd = m.shown()
		} else {
			next, cmd = m.openCalendar(calendar.Config{Service: m.service, Location: m.location}, true)
		}
	case appointments.RescheduleMsg:
		next, cmd = m.startReschedule(msg)
	case slots.PickedMsg:
		h := m.stack.Top().Heading()
		next, cmd = m.push(router.PageFor(reschedule.New(m.c, m.moving, msg.Slot, h.Service, h.Location)))
	case reschedule.SlotTakenMsg:
		next, cmd = m.pop() // the list refreshes, then says why
		if l, ok := next.stack.Top().Model().(slots.Model); ok {
			next, _ = next.updateTop(slots.TakenMsg{List: l.ID(), Say: msg.Status})
		}
	case reschedule.DoneMsg:
		for m.stack.Len() > 1 && !m.startedReschedule() {
			m.stack = m.stack.Drop()
		}
		next, cmd = m.updateTop(msg)
	case common.OpenInspectorMsg, common.OpenAvailabilityMapMsg, availmap.OpenDayMsg:
		next, cmd = m.openDevTool(msg)
	// The day agenda (agenda.go).
	case common.OpenAgendaMsg:
		next, cmd = m.openAgenda(msg)
	case agenda.OpenBookingMsg:
		next, cmd = m.openBooking(msg)
	case common.BackMsg:
		if f, ok := m.stack.Top().Model().(form.Model); ok {
			m.lastContact = f.Contact()
		}
		next, cmd = m.pop()
	default:
		return m, nil, false
	}
	return next, cmd, true
}

// keepDay carries the day the desk's calendar shows over to the one that
// replaces it: changing the service or the location keeps the day.
func (m *Model) keepDay() {
	if !m.cfg.Date.IsZero() {
		return
	}
	for _, p := range m.stack.Pages() {
		if cal, ok := p.Model().(calendar.Model); ok && !cal.Config().Pick {
			m.cfg.Date = cal.Selected()
		}
	}
}

// begin offers the next unfinished booking, else opens the desk at loc
// (and the service chosen), else asks where.
func (m Model) begin(loc model.Location) (Model, tea.Cmd) {
	m.stack = m.stack.Keep(0)
	switch {
	case len(m.drafts) > 0:
		return m.push(router.PageFor(resume.New(m.c, m.drafts[0])))
	case len(m.cat.Active()) == 0:
		m.status = common.Status{Kind: common.Failure, Text: m.c.T(i18n.RootNoActiveLocation)}
		return m.push(router.PageFor(router.Empty{}))
	case loc.ID != "":
		return m.chooseLocation(loc)
	case len(m.cat.Active()) == 1:
		return m.chooseLocation(m.cat.Active()[0])
	}
	return m.pick(m.locationPicker())
}

func (m Model) chooseLocation(loc model.Location) (Model, tea.Cmd) {
	m.location = loc
	offered := m.cat.Offered(loc.ID)
	switch {
	case len(offered) == 0:
		m.status = common.Status{Kind: common.Failure, Text: m.c.T(i18n.RootNoServiceAt, model.Sanitize(loc.Name))}
		return m, nil
	case m.service.ID != "" && m.service.OfferedAt(loc.ID):
	case len(offered) == 1:
		m.service = offered[0]
	default:
		m.service = model.Service{}
		return m.pick(m.servicePicker())
	}
	return m.openCalendar(calendar.Config{Service: m.service, Location: loc, Date: m.cfg.Date}, true)
}

// locationPicker and servicePicker are the pickers, when there is a
// choice; otherwise the status says why not.
func (m Model) locationPicker() (router.Page, common.Status) {
	if locs := m.cat.Active(); len(locs) > 1 {
		return router.PageFor(picker.NewLocations(m.c, locs)), common.Status{}
	}
	return nil, common.Status{Text: m.c.T(i18n.RootOneLocation)}
}

func (m Model) servicePicker() (router.Page, common.Status) {
	if offered := m.cat.Offered(m.location.ID); len(offered) > 1 {
		return router.PageFor(picker.NewServices(m.c, offered, m.location)), common.Status{}
	}
	return nil, common.Status{Text: m.c.T(i18n.RootOneService, model.Sanitize(m.location.Name))}
}

// pick shows a picker over the screen on show, or in place of another
// picker; with no choice to make it only says why.
func (m Model) pick(p router.Page, why common.Status) (Model, tea.Cmd) {
	if p == nil {
		m.status = why
		return m, nil
	}
	if _, ok := m.stack.Top().Model().(picker.Model); ok {
		m.stack = m.stack.Drop()
	}
	return m.push(p)
}

// openCalendar shows a calendar. The desk's calendar replaces the whole
// stack (a new service or location starts over) and is remembered; a
// reschedule one goes over the Appointments screen.
func (m Model) openCalendar(cfg calendar.Config, desk bool) (Model, tea.Cmd) {
	m.seq++
	cfg.ID = m.seq
	m.cfg.Date = model.Date{}
	cal := calendar.New(m.c, cfg)
	var remember tea.Cmd
	if desk {
		m.stack = m.stack.Keep(0)
		m.location, m.service = cfg.Location, cfg.Service
		remember = m.rememberDesk()
	}
	next, cmd := m.push(router.PageFor(cal))
	return next, tea.Batch(cal.Init(), cmd, remember)
}

// openSlots shows the day a calendar opened, in the calendar's mode.
func (m Model) openSlots(msg calendar.DayChosenMsg) (Model, tea.Cmd) {
	cal, ok := m.stack.Top().Model().(calendar.Model)
	if !ok || cal.Config().ID != msg.Calendar {
		return m, nil
	}
	cfg := cal.Config()
	m.seq++
	list := slots.New(m.c, slots.Config{
		ID: m.seq, Service: cfg.Service, Location: cfg.Location, Availability: cal.Availability(),
		Date: msg.Date, Pick: cfg.Pick, Banner: cfg.Banner,
	})
	next, cmd := m.push(router.PageFor(list))
	return next, tea.Batch(list.Init(), cmd)
}

// holdReplied hands a hold's answer to the list that asked; a hold whose
// list is gone is given back.
func (m Model) holdReplied(msg slots.HoldMsg) (Model, tea.Cmd) {
	for _, p := range m.stack.Pages() {
		if l, ok := p.Model().(holdAsker); ok && l.Awaits(msg) {
			return m.updateAll(msg)
		}
	}
	if h, ok := msg.Placed(); ok {
		return m, m.release(h.ID)
	}
	return m, nil
}

func (m Model) openForm(in *booking.Intent, opts ...form.Option) (Model, tea.Cmd) {
	f := form.New(m.c, in, opts...)
	next, cmd := m.push(router.PageFor(f))
	return next, tea.Batch(f.Init(), cmd)
}

func (m Model) release(holdID string) tea.Cmd {
	c := m.c
	return func() tea.Msg {
		_ = c.Session.Release(context.WithoutCancel(c.Ctx), holdID) // it expires anyway
		return nil
	}
}

// startReschedule opens a calendar in pick mode for the appointment's
// service and location, over the Appointments screen.
func (m Model) startReschedule(msg appointments.RescheduleMsg) (Model, tea.Cmd) {
	svc, okS := m.cat.Service(msg.Service.ID)
	loc, okL := m.cat.ActiveLocation(msg.Location.ID)
	if !okS || !okL || !svc.OfferedAt(loc.ID) {
		m.status = common.Status{Kind: common.Failure, Text: m.c.T(i18n.RootCantMove)}
		return m, nil
	}
	m.moving = msg.Appointment
	return m.openCalendar(calendar.Config{Service: svc, Location: loc, Pick: true, Banner: msg.Banner}, false)
}

// startedReschedule reports the screen a reschedule started from on top:
// the appointments list, or a customer's "my booking".
func (m Model) startedReschedule() bool {
	switch m.stack.Top().Model().(type) {
	case appointments.Model, mybooking.Model:
		return true
	}
	return false
}

// openMyBooking shows a customer's "my booking" over the screen on show.
func (m Model) openMyBooking() (Model, tea.Cmd) {
	if _, ok := m.stack.Top().Model().(mybooking.Model); ok || m.cat.Catalog.Locations == nil {
		return m, nil
	}
	m.kiosk = m.kiosk.CarryOn()
	return m.push(router.PageFor(mybooking.New(m.c, m.cat.Catalog)))
}

// startOver hands a kiosk to the next customer.
func (m Model) startOver() (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.kiosk, cmd = m.kiosk.StartOver()
	return m, cmd
}

// screen is what is on show, for the kiosk's keys.
func (m Model) screen() selfservice.Screen {
	return selfservice.Screen{
		Stack: m.stack, Holding: m.holding() || m.c.Session.Unresolved(),
		Choice: len(m.cat.Offered(m.location.ID)) > 1 || len(m.cat.Active()) > 1,
	}
}

// rememberDesk saves the location and service in use, when they changed;
// a kiosk remembers nothing of one customer for the next.
func (m *Model) rememberDesk() tea.Cmd {
	d := state.Desk{LocationID: m.location.ID, ServiceID: m.service.ID}
	if m.c.Kiosk != nil || d == m.desk || d.ServiceID == "" {
		return nil
	}
	m.desk = d
	c := m.c
	return func() tea.Msg {
		if err := c.Office.Store().SaveDesk(d); err != nil {
			c.Logger.Warn("could not remember the desk's service", "err", err)
		}
		return nil
	}
}

// back is esc outside a text field: the screen below; from the service
// picker the locations; from the desk's calendar the service, then the
// location, when there is a choice.
func (m Model) back() (Model, tea.Cmd) {
	if m.kiosk.Waiting() { // a customer's errand is done: next customer
		return m.startOver()
	}
	if p, ok := m.stack.Top().Model().(picker.Model); ok && p.Heading().Location.ID != "" {
		if next, _ := m.locationPicker(); next != nil {
			return m.pick(next, common.Status{})
		}
	}
	if m.stack.Len() > 1 {
		return m.pop()
	}
	if _, ok := m.stack.Top().Model().(calendar.Model); ok {
		if p, _ := m.servicePicker(); p != nil {
			return m.pick(p, common.Status{})
		}
		return m.pick(m.locationPicker())
	}
	return m, nil
}

// canGoBack mirrors back, for the footer.
func (m Model) canGoBack() bool {
	if m.kiosk.Waiting() {
		return false
	}
	if m.stack.Len() > 1 {
		return true
	}
	_, cal := m.stack.Top().Model().(calendar.Model)
	return cal && (len(m.cat.Offered(m.location.ID)) > 1 || len(m.cat.Active()) > 1)
}

func (m Model) ownsBack() bool {
	_, ok := m.stack.Top().Model().(backOwner)
	return ok
}

// requestQuit quits, asking first when that would give a hold back or
// leave a booking unanswered.
func (m Model) requestQuit() (Model, tea.Cmd) {
	q, cmd := m.quit.Request(m.holding())
	m.quit, m.showHelp = q, m.showHelp && !q.Asking()
	return m, cmd
}

// holding reports a hold to give back: one the session has, or one a
// screen has asked for (its call may not have started yet).
func (m Model) holding() bool {
	if m.c.Session.Holding() {
		return true
	}
	for _, p := range m.stack.Pages() {
		switch s := p.Model().(type) {
		case holdAsker:
			if s.Holding() {
				return true
			}
		case walkin.Model:
			if s.Holding() {
				return true
			}
		}
	}
	return false
}
