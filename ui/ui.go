// Package ui is the booking terminal UI. Its root is a router: a stack of
// screens (each its own package, with its own typed Update), one header,
// one status line and one footer around the screen on top. Screens say
// what the user chose with messages; the router decides what comes next.
// Every write goes through the session's booking layer.
package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/appointments"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/confirmation"
	"github.com/zimun-app/zimun/ui/form"
	"github.com/zimun-app/zimun/ui/picker"
	"github.com/zimun-app/zimun/ui/reschedule"
	"github.com/zimun-app/zimun/ui/resume"
	"github.com/zimun-app/zimun/ui/slots"
)

// quitWait bounds giving holds back on the way out: they expire by
// themselves anyway, and a signal must end the app within a second.
const quitWait = 900 * time.Millisecond

// Config is what the root needs beyond the shared session parts.
type Config struct {
	ServiceID  string     // preselect: id or name; "" = the desk's last one, else ask when several
	LocationID string     // preselect: id or name; "" = the desk's last one, else ask when several
	Date       model.Date // day the first calendar opens on; zero = first bookable
	Notes      []string   // said once at the start (state moved into place, say)
}

type (
	catalogMsg struct {
		cat  booking.Catalog
		desk state.Desk
		err  error
	}
	draftsMsg struct {
		drafts []state.Draft
		inUse  int
		err    error
	}
	resumedMsg struct {
		intent *booking.Intent
		err    error
	}
	discardedMsg struct{ err error }
	walkInMsg    struct {
		svc model.Service
		loc model.Location
		w   booking.WalkIn
		err error
	}
	closedMsg struct{}
)

// Model is the root of the booking UI. Build it with New; it is a value and
// holds no globals, so one runs per terminal or SSH session.
type Model struct {
	c    common.Common
	cfg  Config
	help help.Model

	stack []page
	seq   int // ids for calendars and slot lists

	cat        booking.Catalog
	catLoaded  bool
	catErr     bool
	drafts     []state.Draft
	draftsRead bool
	desk       state.Desk // as last read or saved

	location    model.Location // the desk's current choice
	service     model.Service
	lastContact model.Contact     // kept when a hold is given up, for the next form
	moving      model.Appointment // being rescheduled
	walkInBusy  bool

	status   common.Status
	showHelp bool
	askQuit  bool
	quitting bool

	width, height int
}

// New builds the root model from the session's shared parts.
func New(c common.Common, cfg Config) Model {
	h := help.New()
	st := c.Styles
	h.Styles = help.Styles{
		Ellipsis: st.Faint, ShortKey: st.Accent, ShortDesc: st.Faint, ShortSeparator: st.Faint,
		FullKey: st.Accent, FullDesc: st.Faint, FullSeparator: st.Faint,
	}
	m := Model{c: c, cfg: cfg, help: h, width: minWidth, height: minHeight}
	if len(cfg.Notes) > 0 {
		m.status = common.Status{Kind: common.Warning, Text: cfg.Notes[0]}
	}
	return m
}

// Init loads the catalogue, the desk memory and any unfinished booking; the
// first frame is drawn before any answers.
func (m Model) Init() tea.Cmd { return tea.Batch(m.loadCatalog(), m.loadDrafts()) }

func (m Model) loadCatalog() tea.Cmd {
	c := m.c
	return func() tea.Msg {
		var msg catalogMsg
		var err error
		if msg.desk, err = c.Office.Store().LoadDesk(); err != nil {
			c.Logger.Warn("ignoring the desk memory", "err", err)
		}
		msg.cat, msg.err = c.Office.Catalog(c.Ctx)
		return msg
	}
}

func (m Model) loadDrafts() tea.Cmd {
	s := m.c.Session
	return func() tea.Msg {
		ds, inUse, err := s.Abandoned()
		return draftsMsg{drafts: ds, inUse: inUse, err: err}
	}
}

// Update routes a message: size to every screen; keys through the quit
// question, the focus check and the global keys to the screen on top;
// navigation to the router; replies to every screen (each takes only its
// own).
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		for i, p := range m.stack {
			m.stack[i] = p.sized(m.bodyWidth(), m.bodyHeight())
		}
		m.help.Width = m.bodyWidth()
		return m, nil
	case tea.KeyMsg:
		return m.key(msg)
	case tea.MouseMsg:
		if m.showHelp || m.askQuit || m.tooSmall() || len(m.stack) == 0 {
			return m, nil
		}
		msg.X -= bodyPadX
		msg.Y -= headerHeight
		if msg.Y < 0 || msg.Y >= m.bodyHeight() {
			return m, nil
		}
		return m.updateTop(msg)
	case common.StatusMsg:
		if !m.quitting {
			m.status = msg.Status
			m.status.Text = model.Sanitize(m.status.Text)
		}
		return m, nil
	case closedMsg:
		return m, tea.Quit
	}
	if m.quitting {
		return m.updateAll(msg) // the session is closing: nothing new starts
	}
	if next, cmd, ok := m.navigate(msg); ok {
		return next, cmd
	}
	return m.updateAll(msg)
}

func (m Model) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if m.quitting {
		if msg.Type == tea.KeyCtrlC { // do not wait for the release
			return m, tea.Quit
		}
		return m, nil
	}
	if msg.Type == tea.KeyRunes {
		// Typed or pasted text goes into inputs that draw it as it is:
		// nothing in it may drive the terminal.
		if s := string(msg.Runes); model.Sanitize(s) != s {
			if msg.Runes = []rune(model.Sanitize(s)); len(msg.Runes) == 0 {
				return m, nil
			}
		}
	}
	// ctrl+c cannot be typed into a field, so it is checked before focus.
	if msg.Type == tea.KeyCtrlC {
		return m.requestQuit()
	}
	if m.askQuit {
		switch msg.String() {
		case "y", "Y":
			return m.quit()
		case "n", "N", "esc":
			m.askQuit = false
		}
		return m, nil
	}
	m.status = common.Status{} // a status belongs to the action before
	keys := m.c.Keys
	switch {
	case m.tooSmall():
		if key.Matches(msg, keys.Quit) {
			return m.requestQuit()
		}
		return m, nil
	case m.showHelp:
		if key.Matches(msg, keys.Help, keys.Back, keys.Quit) {
			m.showHelp = false
		}
		return m, nil
	case len(m.stack) == 0:
		if key.Matches(msg, keys.Quit) {
			return m.requestQuit()
		}
		if m.catErr && msg.String() == "r" {
			m.catErr = false
			return m, m.loadCatalog()
		}
		return m, nil
	case m.top().Focused():
		// A text field or a prompt gets every key: "q" or "?" is text.
		return m.updateTop(msg)
	case key.Matches(msg, keys.Help):
		m.showHelp = true
		return m, nil
	case key.Matches(msg, keys.Quit):
		return m.requestQuit()
	case key.Matches(msg, keys.Back) && !m.ownsBack():
		return m.back()
	}
	return m.updateTop(msg)
}

// navigate handles the messages that change which screen is on show.
func (m Model) navigate(msg tea.Msg) (tea.Model, tea.Cmd, bool) {
	var next tea.Model
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case catalogMsg:
		next, cmd = m.catalogLoaded(msg)
	case draftsMsg:
		next, cmd = m.gotDrafts(msg)
	case resume.ChosenMsg:
		next, cmd = m.resumeChosen(msg)
	case resumedMsg:
		next, cmd = m.resumed(msg)
	case discardedMsg:
		if msg.err != nil {
			m.status = common.Failed("discarding the unfinished booking", msg.err)
		}
		m.drafts = m.drafts[1:]
		m.stack = nil
		next, cmd = m.start()
	case common.LocationChosenMsg:
		next, cmd = m.chooseLocation(msg.Location)
	case common.ServiceChosenMsg:
		m.service = msg.Service
		next, cmd = m.openCalendar(calendar.Config{Service: m.service, Location: m.location, Date: m.cfg.Date}, true)
	case common.ChangeLocationMsg:
		next, cmd = m.pickLocation(false)
	case common.ChangeServiceMsg:
		next, cmd = m.pickService(false)
	case calendar.DayChosenMsg:
		next, cmd = m.openSlots(msg)
	case slots.HoldMsg:
		next, cmd = m.holdReplied(msg)
	case slots.HoldPlacedMsg:
		next, cmd = m.holdPlaced(msg)
	case slots.PickedMsg:
		next, cmd = m.picked(msg)
	case common.WalkInMsg:
		next, cmd = m.walkIn()
	case walkInMsg:
		next, cmd = m.walkedIn(msg)
	case common.BookedMsg:
		next, cmd = m.booked(msg)
	case common.NewBookingMsg:
		next, cmd = m.newBooking()
	case common.OpenAppointmentsMsg:
		next, cmd = m.openAppointments()
	case appointments.RescheduleMsg:
		next, cmd = m.startReschedule(msg)
	case reschedule.SlotTakenMsg:
		m.status = common.Status{Text: model.Sanitize(msg.Status)}
		next, cmd = m.pop()
	case reschedule.DoneMsg:
		for len(m.stack) > 1 {
			if _, ok := m.top().model().(appointments.Model); ok {
				break
			}
			m.stack = m.stack[:len(m.stack)-1]
		}
		next, cmd = m.updateTop(msg)
	case common.BackMsg:
		if f, ok := m.top().model().(form.Model); ok {
			m.lastContact = f.Contact()
		}
		next, cmd = m.pop()
	default:
		return m, nil, false
	}
	return next, cmd, true
}

// catalogLoaded keeps the catalogue and starts once the drafts are read.
func (m Model) catalogLoaded(msg catalogMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.catErr = true
		m.status = common.Failed("", msg.err)
		return m, nil
	}
	m.cat, m.catLoaded, m.catErr, m.desk = msg.cat, true, false, msg.desk
	if msg.cat.OrgErr != nil {
		m.c.Logger.Warn("could not read the organisation", "err", msg.cat.OrgErr)
		m.status = common.Status{Kind: common.Warning, Text: "Couldn't read the organisation's name: " + common.ErrorText(msg.cat.OrgErr)}
	}
	if m.draftsRead && len(m.stack) == 0 {
		return m.start()
	}
	return m, nil
}

func (m Model) gotDrafts(msg draftsMsg) (tea.Model, tea.Cmd) {
	m.draftsRead, m.drafts = true, msg.drafts
	switch {
	case msg.err != nil:
		m.status = common.Failed("reading the unfinished bookings", msg.err)
	case msg.inUse > 0:
		m.status = common.Status{Text: "Another zimun on this computer has a booking in progress with this API; it is left alone."}
	}
	if m.catLoaded && len(m.stack) == 0 {
		return m.start()
	}
	return m, nil
}

// start picks the first screen: an unfinished booking to resume, else
// the location and service named by flags, else the ones this desk used
// last, else (in the demo) the first of each, else the pickers.
func (m Model) start() (tea.Model, tea.Cmd) {
	if len(m.drafts) > 0 {
		return m.push(pageFor(resume.New(m.c, m.drafts[0])))
	}
	locs := m.cat.Active()
	if len(locs) == 0 {
		m.status = common.Failed("", errors.New("this organisation has no active location"))
		return m, nil
	}
	loc, svc := m.defaults()
	switch {
	case loc.ID != "":
		m.service = svc
		return m.chooseLocation(loc)
	case len(locs) == 1:
		return m.chooseLocation(locs[0])
	}
	return m.pickLocation(true)
}

// defaults resolves the flags' location and service (ids or names), else
// the desk memory, else in the demo the first of each.
func (m *Model) defaults() (model.Location, model.Service) {
	locKey, svcKey := m.cfg.LocationID, m.cfg.ServiceID
	m.cfg.LocationID, m.cfg.ServiceID = "", "" // only the first time
	if svcKey != "" {
		svc, loc, err := m.cat.Resolve(svcKey, locKey)
		if err == nil {
			return loc, svc
		}
		m.status = common.Failed("", err)
		if loc.ID != "" && svc.OfferedAt(loc.ID) {
			return loc, model.Service{}
		}
	}
	if locKey != "" {
		for _, l := range m.cat.Active() {
			if l.ID == locKey || l.Name == locKey {
				return l, model.Service{}
			}
		}
		m.status = common.Failed("", fmt.Errorf("no active location %q; choose one", model.Sanitize(locKey)))
	}
	d := m.desk
	if loc, ok := m.cat.ActiveLocation(d.LocationID); ok {
		if svc, ok := m.cat.Service(d.ServiceID); ok && svc.OfferedAt(loc.ID) {
			return loc, svc
		}
	}
	if m.c.Prefs.Demo {
		for _, l := range m.cat.Active() {
			if offered := m.cat.Offered(l.ID); len(offered) > 0 {
				return l, offered[0]
			}
		}
	}
	return model.Location{}, model.Service{}
}

func (m Model) chooseLocation(loc model.Location) (tea.Model, tea.Cmd) {
	m.location = loc
	offered := m.cat.Offered(loc.ID)
	switch {
	case len(offered) == 0:
		m.status = common.Failed("", fmt.Errorf("no service is offered at %s", model.Sanitize(loc.Name)))
		return m, nil
	case m.service.ID != "" && m.service.OfferedAt(loc.ID):
	case len(offered) == 1:
		m.service = offered[0]
	default:
		m.service = model.Service{}
		return m.pickService(true)
	}
	return m.openCalendar(calendar.Config{Service: m.service, Location: loc, Date: m.cfg.Date}, true)
}

// pickLocation shows the location picker when there is a choice; over
// the screen on show, or in place of another picker.
func (m Model) pickLocation(replace bool) (tea.Model, tea.Cmd) {
	locs := m.cat.Active()
	if len(locs) < 2 {
		m.status = common.Status{Text: "This organisation has only one location"}
		return m, nil
	}
	return m.pushOrReplace(pageFor(picker.NewLocations(m.c, locs)), replace)
}

func (m Model) pickService(replace bool) (tea.Model, tea.Cmd) {
	offered := m.cat.Offered(m.location.ID)
	if len(offered) < 2 {
		m.status = common.Status{Text: "Only one service is offered at " + model.Sanitize(m.location.Name)}
		return m, nil
	}
	return m.pushOrReplace(pageFor(picker.NewServices(m.c, offered, m.location)), replace)
}

func (m Model) pushOrReplace(p page, replace bool) (tea.Model, tea.Cmd) {
	if replace && len(m.stack) > 0 {
		if _, ok := m.top().model().(picker.Model); ok {
			m.stack = m.stack[:len(m.stack)-1]
		}
	}
	return m.push(p)
}

// openCalendar shows a calendar. A booking calendar replaces the whole
// stack (a new service or location starts over) and is remembered as the
// desk's choice; a reschedule one goes over the Appointments screen.
func (m Model) openCalendar(cfg calendar.Config, fresh bool) (tea.Model, tea.Cmd) {
	m.seq++
	cfg.ID = m.seq
	m.cfg.Date = model.Date{}
	cal := calendar.New(m.c, cfg)
	var remember tea.Cmd
	if fresh {
		m.stack = nil
		m.location, m.service = cfg.Location, cfg.Service
		remember = m.rememberDesk()
	}
	next, cmd := m.push(pageFor(cal))
	return next, tea.Batch(cal.Init(), cmd, remember)
}

// openSlots shows the day a calendar opened, in the calendar's mode.
func (m Model) openSlots(msg calendar.DayChosenMsg) (tea.Model, tea.Cmd) {
	cal, ok := m.top().model().(calendar.Model)
	if !ok || cal.Config().ID != msg.Calendar {
		return m, nil
	}
	cfg := cal.Config()
	m.seq++
	list := slots.New(m.c, slots.Config{
		ID: m.seq, Service: cfg.Service, Location: cfg.Location, Availability: cal.Availability(),
		Date: msg.Date, Pick: cfg.Pick, Banner: cfg.Banner,
	})
	next, cmd := m.push(pageFor(list))
	return next, tea.Batch(list.Init(), cmd)
}

// holdReplied hands a hold's answer to the list that asked; a hold whose
// list is gone is given back.
func (m Model) holdReplied(msg slots.HoldMsg) (tea.Model, tea.Cmd) {
	for _, p := range m.stack {
		if l, ok := p.model().(slots.Model); ok && l.Awaits(msg) {
			return m.updateAll(msg)
		}
	}
	if h, ok := msg.Placed(); ok {
		return m, m.release(h.ID)
	}
	return m, nil
}

// holdPlaced opens the form, if the list that placed the hold is still on
// show; otherwise (a walk-in opened a form meanwhile) the hold goes back.
func (m Model) holdPlaced(msg slots.HoldPlacedMsg) (tea.Model, tea.Cmd) {
	if l, ok := m.top().model().(slots.Model); !ok || l.ID() != msg.List {
		return m, m.release(msg.Hold.ID)
	}
	return m.openForm(m.c.Session.Begin(msg.Service, msg.Location, msg.Slot, msg.Hold, m.lastContact))
}

func (m Model) openForm(in *booking.Intent) (tea.Model, tea.Cmd) {
	f := form.New(m.c, in)
	next, cmd := m.push(pageFor(f))
	return next, tea.Batch(f.Init(), cmd)
}

func (m Model) release(holdID string) tea.Cmd {
	c := m.c
	return func() tea.Msg {
		_ = c.Session.Release(context.WithoutCancel(c.Ctx), holdID) // it expires anyway
		return nil
	}
}

func (m Model) booked(msg common.BookedMsg) (tea.Model, tea.Cmd) {
	f, _ := m.top().model().(form.Model)
	m.stack = m.stack[:len(m.stack)-1]
	if _, ok := m.top().model().(slots.Model); ok {
		m.stack = m.stack[:len(m.stack)-1]
	}
	m.lastContact = model.Contact{}
	h := f.Heading()
	return m.push(pageFor(confirmation.New(m.c, msg.Appointment, h.Service, h.Location)))
}

// newBooking goes back to the desk's calendar, refreshed.
func (m Model) newBooking() (tea.Model, tea.Cmd) {
	for len(m.stack) > 1 {
		m.stack = m.stack[:len(m.stack)-1]
	}
	if cal, ok := m.top().model().(calendar.Model); ok && !cal.Config().Pick {
		return m.shown()
	}
	return m.openCalendar(calendar.Config{Service: m.service, Location: m.location}, true)
}

func (m Model) openAppointments() (tea.Model, tea.Cmd) {
	a := appointments.New(m.c, appointments.Options{Catalog: m.cat.Catalog})
	next, cmd := m.push(pageFor(a))
	return next, tea.Batch(a.Init(), cmd)
}

// startReschedule opens a calendar in pick mode for the appointment's
// service and location, over the Appointments screen.
func (m Model) startReschedule(msg appointments.RescheduleMsg) (tea.Model, tea.Cmd) {
	svc, okS := m.cat.Service(msg.Service.ID)
	loc, okL := m.cat.ActiveLocation(msg.Location.ID)
	if !okS || !okL || !svc.OfferedAt(loc.ID) {
		m.status = common.Failed("", errors.New("this appointment's service is no longer offered at its location, so it can't be moved; book a new one"))
		return m, nil
	}
	m.moving = msg.Appointment
	return m.openCalendar(calendar.Config{Service: svc, Location: loc, Pick: true, Banner: m.movingBanner(loc)}, false)
}

// movingBanner says what is being moved, above the reschedule calendar
// and slot list.
func (m Model) movingBanner(loc model.Location) string {
	a, zone := m.moving, loc.Zone()
	who := model.Sanitize(a.Contact.Name)
	if who == "" {
		who = model.Sanitize(a.ID)
	}
	old := common.FormatDate(a.Time.In(zone)) + " " + common.FormatTime(a.Time, zone, m.c.Prefs.Clock24, true)
	return fmt.Sprintf("Rescheduling %s — %s; pick the new time", who, old)
}

func (m Model) picked(msg slots.PickedMsg) (tea.Model, tea.Cmd) {
	l, ok := m.top().model().(slots.Model)
	if !ok || l.ID() != msg.List {
		return m, nil
	}
	h := l.Heading()
	return m.push(pageFor(reschedule.New(m.c, m.moving, msg.Slot, h.Service, h.Location)))
}

// walkIn looks for today's next free slot for the desk's service and
// holds it.
func (m Model) walkIn() (tea.Model, tea.Cmd) {
	if m.service.ID == "" || m.location.ID == "" {
		m.status = common.Status{Text: "Choose a service first"}
		return m, nil
	}
	if m.walkInBusy {
		return m, nil
	}
	m.walkInBusy = true
	m.status = common.Status{Text: "Finding today's next free slot for " + model.Sanitize(m.service.Name) + "…"}
	c, svc, loc := m.c, m.service, m.location
	return m, func() tea.Msg {
		w, err := c.Session.WalkIn(c.Ctx, svc, loc, c.Prefs.DaysAhead)
		return walkInMsg{svc: svc, loc: loc, w: w, err: err}
	}
}

func (m Model) walkedIn(msg walkInMsg) (tea.Model, tea.Cmd) {
	m.walkInBusy = false
	m.status = common.Status{}
	_, formOpen := m.top().model().(form.Model)
	switch {
	case msg.err != nil:
		m.status = common.Failed("finding a walk-in slot", msg.err)
		return m, nil
	case msg.w.Hold.ID == "":
		zone := msg.loc.Zone()
		text := "No free slot left today for " + model.Sanitize(msg.svc.Name)
		if next := msg.w.Next.Start; !next.IsZero() {
			text += "; next free: " + next.In(zone).Format("Mon 2 Jan") + " " + common.FormatTime(next, zone, m.c.Prefs.Clock24, true)
		} else {
			text += " nor in the bookable window"
		}
		m.status = common.Status{Text: text}
		return m, nil
	case formOpen:
		// Another booking started meanwhile: give this hold back.
		return m, m.release(msg.w.Hold.ID)
	}
	return m.openForm(m.c.Session.Begin(msg.svc, msg.loc, msg.w.Slot, msg.w.Hold, m.lastContact))
}

func (m Model) resumeChosen(msg resume.ChosenMsg) (tea.Model, tea.Cmd) {
	s := m.c.Session
	if !msg.Resume {
		c := m.c
		return m, func() tea.Msg {
			return discardedMsg{err: s.Discard(context.WithoutCancel(c.Ctx), msg.Draft)}
		}
	}
	return m, func() tea.Msg {
		in, err := s.Resume(msg.Draft)
		return resumedMsg{intent: in, err: err}
	}
}

// resumed opens the form on the resumed booking, over its calendar.
func (m Model) resumed(msg resumedMsg) (tea.Model, tea.Cmd) {
	m.drafts = m.drafts[1:]
	if msg.err != nil {
		m.status = common.Failed("resuming the booking", msg.err)
		m.stack = nil
		return m.start()
	}
	d := msg.intent.Draft()
	next, cal := m.openCalendar(calendar.Config{Service: d.Service, Location: d.Location}, true)
	next, f := next.(Model).openForm(msg.intent)
	return next, tea.Batch(cal, f)
}

// rememberDesk saves the location and service in use, when they changed.
func (m *Model) rememberDesk() tea.Cmd {
	d := state.Desk{LocationID: m.location.ID, ServiceID: m.service.ID}
	if d == m.desk || d.ServiceID == "" {
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

// back is esc outside a text field: the screen below, or from the desk's
// calendar the service, then the location, when there is a choice.
func (m Model) back() (tea.Model, tea.Cmd) {
	if len(m.stack) > 1 {
		if _, ok := m.top().model().(picker.Model); ok && m.top().Heading().Location.ID != "" {
			// From the service picker, the locations, when there is a choice.
			if len(m.cat.Active()) > 1 {
				return m.pickLocation(true)
			}
		}
		return m.pop()
	}
	if _, ok := m.top().model().(calendar.Model); ok {
		if len(m.cat.Offered(m.location.ID)) > 1 {
			return m.pickService(false)
		}
		return m.pickLocation(false)
	}
	return m, nil
}

// canGoBack mirrors back, for the footer.
func (m Model) canGoBack() bool {
	if len(m.stack) > 1 {
		return true
	}
	_, cal := m.top().model().(calendar.Model)
	return cal && (len(m.cat.Offered(m.location.ID)) > 1 || len(m.cat.Active()) > 1)
}

func (m Model) ownsBack() bool {
	_, ok := m.top().model().(backOwner)
	return ok
}

// requestQuit asks first when quitting would give something back or
// leave a booking unanswered; otherwise it quits at once.
func (m Model) requestQuit() (tea.Model, tea.Cmd) {
	if m.holding() || m.c.Session.Unresolved() {
		m.askQuit, m.showHelp = true, false
		return m, nil
	}
	return m.quit()
}

// holding reports a hold to give back: one the session has, or one a
// screen or the walk-in search has asked for (its call may not have
// started yet).
func (m Model) holding() bool {
	if m.c.Session.Holding() || m.walkInBusy {
		return true
	}
	for _, p := range m.stack {
		if l, ok := p.model().(slots.Model); ok && l.Holding() {
			return true
		}
	}
	return false
}

// quit closes the session (holds given back, drafts dropped, an
// unanswered booking kept for resume), then ends the program.
func (m Model) quit() (tea.Model, tea.Cmd) {
	m.askQuit, m.quitting = false, true
	if m.holding() {
		m.status = common.Status{Text: "Releasing the hold…"}
	}
	s := m.c.Session
	parent := context.WithoutCancel(m.c.Ctx)
	return m, func() tea.Msg {
		ctx, cancel := context.WithTimeout(parent, quitWait)
		defer cancel()
		_ = s.Close(ctx)
		return closedMsg{}
	}
}

func (m Model) top() page {
	if len(m.stack) == 0 {
		return pageFor(noScreen{})
	}
	return m.stack[len(m.stack)-1]
}

// push shows p over the screen on show.
func (m Model) push(p page) (tea.Model, tea.Cmd) {
	m.showHelp = false
	m.stack = append(m.stack[:len(m.stack):len(m.stack)], p.sized(m.bodyWidth(), m.bodyHeight()))
	return m, nil
}

// pop goes back to the screen below, refreshed.
func (m Model) pop() (tea.Model, tea.Cmd) {
	if len(m.stack) < 2 {
		return m, nil
	}
	m.stack = m.stack[:len(m.stack)-1]
	if cal, ok := m.top().model().(calendar.Model); ok && !cal.Config().Pick {
		h := cal.Heading()
		m.location, m.service = h.Location, h.Service
	}
	return m.shown()
}

// shown refreshes the screen on top, shown again.
func (m Model) shown() (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	stack := append([]page(nil), m.stack...)
	stack[len(stack)-1], cmd = stack[len(stack)-1].shown()
	m.stack = stack
	return m, cmd
}

func (m Model) updateTop(msg tea.Msg) (tea.Model, tea.Cmd) {
	if len(m.stack) == 0 {
		return m, nil
	}
	var cmd tea.Cmd
	stack := append([]page(nil), m.stack...)
	stack[len(stack)-1], cmd = stack[len(stack)-1].update(msg)
	m.stack = stack
	return m, cmd
}

// updateAll gives a reply or a tick to every screen: each drops what is
// not its own, so one on the stack under the top keeps loading.
func (m Model) updateAll(msg tea.Msg) (tea.Model, tea.Cmd) {
	stack := append([]page(nil), m.stack...)
	cmds := make([]tea.Cmd, len(stack))
	for i, p := range stack {
		stack[i], cmds[i] = p.update(msg)
	}
	m.stack = stack
	return m, tea.Batch(cmds...)
}
