// Package ui is the booking terminal UI: a root model that moves through
// resume → location → service → calendar → slots → form → confirmation,
// opens the front desk's Appointments screen (and its reschedule flow) over
// it, and draws one header, one body and one footer around the active
// screen.
package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/appointments"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/confirmation"
	"github.com/zimun-app/zimun/ui/draft"
	"github.com/zimun-app/zimun/ui/form"
	"github.com/zimun-app/zimun/ui/picker"
	"github.com/zimun-app/zimun/ui/reschedule"
	"github.com/zimun-app/zimun/ui/slots"
)

// Frame sizes: header is a title line and a rule; footer a status line and
// a help line; the body has one column of padding each side.
const (
	headerHeight = 2
	footerHeight = 2
	bodyPadX     = 1
	minWidth     = 80
	minHeight    = 24
	catalogWait  = 30 * time.Second
)

// Config is what the root needs beyond the shared session parts.
type Config struct {
	ServiceID  string     // preselect; "" = the desk's last one, else ask when several
	LocationID string     // preselect; "" = the desk's last one, else ask when several
	Date       model.Date // day the first calendar opens on; zero = first bookable
	StateDir   string     // drafts, desk memory and journal; "" = none
	Version    string
}

type screen int

const (
	scrLoading screen = iota
	scrResume
	scrLocations
	scrServices
	scrCalendar
	scrSlots
	scrForm
	scrConfirmation
	scrAppointments
	scrRsCalendar // the calendar and slot list again, picking a new time
	scrRsSlots
	scrReschedule // old -> new, confirm
)

type (
	catalogMsg struct {
		org       model.Organization
		orgErr    error            // only the name is lost: the header says "Zimun"
		locations []model.Location // all, the inactive ones too
		services  []model.Service
		desk      deskMemory
		err       error
		doing     string // what failed, with err
	}
	draftMsg struct {
		d   draft.Draft
		ok  bool
		err error
	}
	draftDiscardedMsg struct{}
	// quitStepMsg follows each release a quit waits for, whatever its
	// outcome: the hold expires by itself anyway.
	quitStepMsg struct{}
)

// Model is the root of the booking UI. Build it with New; it is a value and
// holds no globals, so one runs per terminal or SSH session.
type Model struct {
	c        common.Common
	cfg      Config
	keys     common.KeyMap
	deskKeys deskKeys
	help     help.Model

	screen   screen
	showHelp bool
	askQuit  bool
	quitKeep bool // the question is about an unanswered booking, kept for resume
	quitting bool // releasing holds, then quit
	quitWait int  // releases still running before the quit

	catalogLoaded bool
	catalogErr    bool
	draftPending  bool
	org           model.Organization
	locations     []model.Location // active ones
	allLocations  []model.Location // for the names of past appointments
	services      []model.Service
	draft         draft.Draft
	desk          deskMemory // as last read or saved

	location       model.Location
	service        model.Service
	locPickerShown bool
	svcPickerShown bool
	lastContact    model.Contact // kept when a hold is given up, for the next form

	svcPickerFor string // location id the service picker lists
	walkInBusy   bool

	locPicker picker.Model
	svcPicker picker.Model
	cal       calendar.Model
	hasCal    bool
	calLoc    model.Location // what cal shows
	calSvc    model.Service
	slots     slots.Model
	hasSlots  bool
	placing   bool // a hold the slot list placed is on its way to the form (HoldPlacedMsg)
	form      form.Model
	hasForm   bool
	conf      confirmation.Model

	appts     appointments.Model
	hasAppts  bool
	apptsFrom screen // where esc on the Appointments screen returns

	rsAppt     model.Appointment // being moved
	rsSvc      model.Service
	rsLoc      model.Location
	rsCal      calendar.Model
	hasRsCal   bool
	rsSlots    slots.Model
	hasRsSlots bool
	resched    reschedule.Model

	cache map[string]calendar.Snapshot // per service|location
	seq   int                          // ids for calendars and slot lists

	status     string
	statusErr  bool
	statusWarn bool // something went wrong that does not stop the work

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
	return Model{
		c: c, cfg: cfg, keys: c.Keys, deskKeys: defaultDeskKeys(), help: h,
		draftPending: cfg.StateDir != "",
		cache:        map[string]calendar.Snapshot{},
		width:        minWidth, height: minHeight,
	}
}

// Init loads the catalogue and any saved draft; the first frame is drawn
// before either answers.
func (m Model) Init() tea.Cmd {
	if m.draftPending {
		return tea.Batch(m.loadCatalog(), loadDraft(m.cfg.StateDir))
	}
	return m.loadCatalog()
}

// loadCatalog reads the organisation, its locations and services, and the
// desk memory (an unreadable one is logged and ignored). Only the
// locations and services are needed: a client that may not read the
// organisation still books.
func (m Model) loadCatalog() tea.Cmd {
	c, dir := m.c, m.cfg.StateDir
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(c.Ctx, catalogWait)
		defer cancel()
		var msg catalogMsg
		var err error
		if msg.desk, err = loadDesk(dir); err != nil {
			logWarn(c, "ignoring the desk memory", err)
		}
		msg.org, msg.orgErr = c.Client.Organization(ctx)
		if msg.locations, msg.err = c.Client.Locations(ctx); msg.err != nil {
			msg.doing = "loading the locations"
			return msg
		}
		if msg.services, msg.err = c.Client.Services(ctx); msg.err != nil {
			msg.doing = "loading the services"
		}
		return msg
	}
}

func loadDraft(dir string) tea.Cmd {
	return func() tea.Msg {
		d, ok, err := draft.Load(dir)
		return draftMsg{d: d, ok: ok, err: err}
	}
}

// discardDraft drops the saved booking and gives its hold back.
func (m Model) discardDraft() tea.Cmd {
	c, dir, hold := m.c, m.cfg.StateDir, m.draft.Hold
	return func() tea.Msg {
		_ = draft.Clear(dir)
		if hold.ID != "" && !hold.Expired(c.Now()) {
			_ = common.ReleaseHold(c, hold.ID) // it expires anyway
		}
		return draftDiscardedMsg{}
	}
}

// Update routes a message: size to every screen, keys through the focus
// check and global keys, navigation messages to the root, the rest to the
// active screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return m, nil
	case tea.KeyMsg:
		if msg.Type == tea.KeyRunes {
			// Typed or pasted text goes into inputs that draw it as it is:
			// nothing in it may drive the terminal.
			if s := string(msg.Runes); model.Sanitize(s) != s {
				if msg.Runes = []rune(model.Sanitize(s)); len(msg.Runes) == 0 {
					return m, nil
				}
			}
		}
		return m.handleKey(msg)
	case tea.MouseMsg:
		if m.showHelp || m.askQuit || m.tooSmall() {
			return m, nil
		}
		msg.X -= bodyPadX
		msg.Y -= headerHeight
		if msg.Y < 0 || msg.Y >= m.bodyHeight() {
			return m, nil
		}
		return m.updateActive(msg)

	case catalogMsg:
		if msg.err != nil {
			m.catalogErr = true
			m.setErr(common.ErrMsg{Err: msg.err, Doing: msg.doing})
			return m, nil
		}
		m.catalogLoaded, m.catalogErr = true, false
		m.org, m.allLocations, m.services, m.desk = msg.org, msg.locations, msg.services, msg.desk
		if msg.orgErr != nil {
			logWarn(m.c, "could not read the organisation", msg.orgErr)
			m.status, m.statusErr, m.statusWarn = "Couldn't read the organisation's name: "+common.ErrorText(msg.orgErr), false, true
		}
		m.locations = nil
		for _, l := range msg.locations {
			if l.Active {
				m.locations = append(m.locations, l)
			}
		}
		if m.screen == scrLoading && !m.draftPending {
			return m.start()
		}
		return m, nil
	case draftMsg:
		m.draftPending = false
		if msg.err != nil {
			m.setErr(common.ErrMsg{Err: msg.err, Doing: "reading the saved booking"})
		}
		if msg.ok {
			m.draft, m.screen = msg.d, scrResume
			return m, nil
		}
		if m.catalogLoaded {
			return m.start()
		}
		return m, nil
	case draftDiscardedMsg:
		return m, nil

	case common.ErrMsg:
		if m.quitting {
			// Not the release's: it must not cut the release short.
			logWarn(m.c, "while quitting: "+msg.Doing, msg.Err)
			return m, nil
		}
		m.setErr(msg)
		return m, nil
	case common.StatusMsg:
		m.setStatus(model.Sanitize(msg.Text))
		return m, nil
	case common.HoldReleasedMsg:
		return m, nil // a quit waits for its own releases' quitStepMsg
	case quitStepMsg:
		m.quitWait--
		return m.quitIfDone()

	case common.LocationChosenMsg:
		return m.chooseLocation(msg.Location)
	case common.ServiceChosenMsg:
		m.service = msg.Service
		return m, m.openCalendar()
	case common.DayChosenMsg:
		if m.screen == scrRsCalendar {
			return m.openRsSlots(msg.Date)
		}
		return m.openSlots(msg.Date)
	case slots.HoldMsg:
		return m.holdReplied(msg)
	case common.HoldPlacedMsg:
		m.placing = false
		if !m.wantsHold() {
			return m.giveBack(msg.Hold.ID)
		}
		return m.openForm(form.Input{
			Service: m.service, Location: m.location, Slot: msg.Slot, Hold: msg.Hold,
			Contact: m.lastContact, StateDir: m.cfg.StateDir,
		})
	case common.BackMsg:
		switch m.screen {
		case scrForm:
			return m.leaveForm()
		case scrAppointments:
			return m.leaveAppointments()
		case scrReschedule:
			m.screen = scrRsSlots
			return m, m.rsSlots.Activate()
		}
		return m.back()
	case common.BookedMsg:
		m.conf = confirmation.New(m.c, msg.Appointment, m.service, m.location)
		m.conf.SetSize(m.bodyWidth(), m.bodyHeight())
		m.hasForm, m.lastContact = false, model.Contact{}
		m.screen = scrConfirmation
		return m, m.journalBooked(msg.Appointment)
	case confirmation.NewBookingMsg:
		return m.showCalendar()
	case journalWrittenMsg:
		if msg.err != nil {
			m.status, m.statusErr, m.statusWarn = "Booked, but not saved to the desk history: "+common.ErrorText(msg.err), false, true
		}
		return m, nil
	case deskSavedMsg:
		if msg.err != nil {
			logWarn(m.c, "could not remember the desk's service", msg.err)
		}
		return m, nil

	case appointments.RescheduleMsg:
		return m.startReschedule(msg)
	case appointments.WalkInMsg:
		return m.walkIn()
	case walkInMsg:
		return m.walkInDone(msg)
	case slots.PickedMsg:
		if m.screen != scrRsSlots {
			return m, nil
		}
		return m.openReschedule(msg.Slot)
	case reschedule.DoneMsg:
		return m.rescheduled(msg)
	case reschedule.SlotTakenMsg:
		m.screen = scrRsSlots
		m.setStatus(model.Sanitize(msg.Status))
		return m, m.rsSlots.Activate()

	case calendar.AvailabilityMsg:
		// Only a reply a calendar takes is cached: a stale one would
		// bring back older data the next time this calendar opens.
		taken := m.hasCal && m.cal.Accepts(msg) || m.hasRsCal && m.rsCal.Accepts(msg)
		if taken && msg.Err == nil {
			m.cache[cacheKey(msg.ServiceID, msg.LocationID)] = calendar.Snapshot{Availability: msg.Availability, Days: msg.Days}
		}
		// Each calendar drops replies meant for another.
		var cmd, rsCmd tea.Cmd
		if m.hasCal {
			m.cal, cmd = m.cal.Update(msg)
		}
		if m.hasRsCal {
			m.rsCal, rsCmd = m.rsCal.Update(msg)
		}
		return m, tea.Batch(cmd, rsCmd)
	}
	return m.updateActive(msg)
}

func (m Model) handleKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if m.quitting {
		if msg.Type == tea.KeyCtrlC { // do not wait for the release
			return m, tea.Quit
		}
		return m, nil
	}
	// ctrl+c cannot be typed into a field, so it is checked before focus.
	if msg.Type == tea.KeyCtrlC {
		return m.requestQuit()
	}
	if m.askQuit {
		switch msg.String() {
		case "y", "Y":
			return m.quitAndRelease()
		case "n", "N", "esc":
			m.askQuit = false
		}
		return m, nil
	}
	m.status, m.statusErr, m.statusWarn = "", false, false
	if m.tooSmall() {
		if key.Matches(msg, m.keys.Quit) {
			return m.requestQuit()
		}
		return m, nil
	}
	if m.showHelp {
		if key.Matches(msg, m.keys.Help, m.keys.Back, m.keys.Quit) {
			m.showHelp = false
		}
		return m, nil
	}
	// A focused text input gets every key: typing "q" or "?" is text.
	if m.activeFocused() {
		return m.updateActive(msg)
	}
	if m.screen == scrSlots && m.holdInFlight() && m.leavesSlots(msg) {
		// Leaving now would lose the hold's answer; ctrl+c still asks.
		m.setStatus("Placing the hold…")
		return m, nil
	}
	switch {
	case key.Matches(msg, m.keys.Help):
		m.showHelp = true
		return m, nil
	case key.Matches(msg, m.keys.Quit):
		return m.requestQuit()
	case key.Matches(msg, m.keys.Back) && !m.screenHandlesBack():
		return m.back()
	}
	if next, cmd, ok := m.deskKey(msg); ok {
		return next, cmd
	}
	if m.screen == scrResume {
		return m.resumeKey(msg)
	}
	if m.screen == scrLoading && m.catalogErr && msg.String() == "r" {
		m.catalogErr = false
		return m, m.loadCatalog()
	}
	return m.updateActive(msg)
}

func (m Model) resumeKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch msg.String() {
	case "enter":
		d := m.draft
		m.location, m.service = d.Location, d.Service
		return m.openForm(form.Input{
			Service: d.Service, Location: d.Location, Slot: d.Slot, Hold: d.Hold,
			Contact: d.Contact, IdempotencyKey: d.IdempotencyKey, StateDir: m.cfg.StateDir,
		})
	case "x":
		cmd := m.discardDraft()
		m.draft, m.screen = draft.Draft{}, scrLoading
		if m.catalogLoaded {
			next, start := m.start()
			return next, tea.Batch(cmd, start)
		}
		return m, cmd
	}
	return m, nil
}

// holdActive reports a live hold the form owns.
func (m Model) holdActive() (model.Hold, bool) {
	if !m.hasForm {
		return model.Hold{}, false
	}
	return m.form.Hold()
}

// unresolved reports a confirm the form sent without learning whether it
// booked: its hold and draft must outlive the session, for resume.
func (m Model) unresolved() bool { return m.hasForm && m.form.Unresolved() }

// holdInFlight reports a hold the slot list asked for that has not
// reached a form yet.
func (m Model) holdInFlight() bool { return m.placing || m.slots.Holding() }

// pendingHolds adds the walk-in search, which may hold a slot too: a quit
// waits for both, to give their holds back.
func (m Model) pendingHolds() bool { return m.holdInFlight() || m.walkInBusy }

// leavesSlots: the keys that would take the user off the slot list.
func (m Model) leavesSlots(msg tea.KeyMsg) bool {
	k := m.deskKeys
	return key.Matches(msg, m.keys.Back, m.keys.Quit, k.Appointments, k.WalkIn, k.Location, k.Service)
}

// wantsHold reports that the user still waits on the slot list for a hold
// to open the form with.
func (m Model) wantsHold() bool {
	return m.screen == scrSlots && m.hasSlots && !m.hasForm && !m.quitting
}

// holdReplied takes a slot list's hold reply whatever screen is active, so
// none is lost: a hold nobody waits for any more is given back.
func (m Model) holdReplied(msg slots.HoldMsg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	awaited := m.slots.Awaits(msg)
	if awaited {
		m.slots, cmd = m.slots.Update(msg)
	}
	h, placed := msg.Placed()
	switch {
	case placed && awaited && m.wantsHold():
		m.placing = true
		return m, cmd // the list's HoldPlacedMsg opens the form
	case placed:
		return m.giveBack(h.ID)
	case m.quitting:
		return m.quitIfDone()
	case awaited:
		return m, cmd
	}
	return m, nil
}

// giveBack releases a hold nobody waits for; a quit waits for it.
func (m Model) giveBack(id string) (tea.Model, tea.Cmd) {
	if m.quitting {
		return m, m.waitForQuit(releaseHold(m.c, id))
	}
	return m, releaseHold(m.c, id)
}

func (m Model) requestQuit() (tea.Model, tea.Cmd) {
	_, held := m.holdActive()
	m.quitKeep = m.unresolved()
	if held || m.quitKeep || m.pendingHolds() {
		m.askQuit, m.showHelp = true, false
		return m, nil
	}
	if m.hasForm {
		// A lapsed or spent hold: quitting on purpose leaves nothing to
		// resume, so the draft goes (Release skips the call, clears it).
		return m, tea.Sequence(m.form.Release(), tea.Quit)
	}
	return m, tea.Quit
}

// quitAndRelease gives back the form's hold, and any the slot list is
// still placing, then quits; an unanswered booking keeps its hold and
// draft for resume.
func (m Model) quitAndRelease() (tea.Model, tea.Cmd) {
	m.askQuit, m.quitting = false, true
	var cmd tea.Cmd
	if _, ok := m.holdActive(); ok && !m.unresolved() {
		cmd = m.waitForQuit(m.form.Release())
	}
	if m.quitWait == 0 && !m.pendingHolds() {
		return m, tea.Quit
	}
	m.setStatus("Releasing the hold…")
	return m, cmd
}

// waitForQuit counts a release the quit must wait for.
func (m *Model) waitForQuit(release tea.Cmd) tea.Cmd {
	m.quitWait++
	return tea.Sequence(release, func() tea.Msg { return quitStepMsg{} })
}

func (m Model) quitIfDone() (tea.Model, tea.Cmd) {
	if m.quitWait > 0 || m.pendingHolds() {
		return m, nil
	}
	return m, tea.Quit
}

// screenHandlesBack: these screens turn esc into a BackMsg themselves
// (clearing a search first, say).
func (m Model) screenHandlesBack() bool {
	switch m.screen {
	case scrForm, scrAppointments, scrReschedule:
		return true
	}
	return false
}

// deskKey handles the root's keys on the booking screens.
func (m Model) deskKey(msg tea.KeyMsg) (tea.Model, tea.Cmd, bool) {
	k := m.deskKeys
	switch m.screen {
	case scrCalendar:
		switch {
		case key.Matches(msg, k.WalkIn):
			next, cmd := m.walkIn()
			return next, cmd, true
		case key.Matches(msg, k.Location):
			if next, ok := m.showLocationPicker(); ok {
				return next, nil, true
			}
			m.setStatus("This organisation has only one location")
			return m, nil, true
		case key.Matches(msg, k.Service):
			if next, ok := m.showServicePicker(); ok {
				return next, nil, true
			}
			m.setStatus("Only one service is offered at " + model.Sanitize(m.location.Name))
			return m, nil, true
		}
		fallthrough
	case scrSlots, scrConfirmation:
		if key.Matches(msg, k.Appointments) {
			next, cmd := m.openAppointments()
			return next, cmd, true
		}
	}
	return nil, nil, false // not m: boxing the 80 KB root costs every key
}

// start picks the first screen once the catalogue is in: the location and
// service named by flags, else the ones this desk used last, else (in the
// demo) the first of each, else pickers.
func (m Model) start() (tea.Model, tea.Cmd) {
	m.applyDefaults()
	switch {
	case len(m.locations) == 0:
		m.setErr(common.ErrMsg{Err: errors.New("this organisation has no active location")})
		return m, nil
	case m.cfg.LocationID != "":
		for _, l := range m.locations {
			if l.ID == m.cfg.LocationID {
				return m.chooseLocation(l)
			}
		}
		m.setErr(common.ErrMsg{Err: fmt.Errorf("no active location %q; choose one", model.Sanitize(m.cfg.LocationID))})
	case len(m.locations) == 1:
		return m.chooseLocation(m.locations[0])
	}
	next, _ := m.showLocationPicker()
	return next, nil
}

// applyDefaults fills the location and service the flags left open from
// the desk memory or, in the demo, with the first ones offered, so a fresh
// start opens on a calendar.
func (m *Model) applyDefaults() {
	if m.cfg.LocationID != "" && m.cfg.ServiceID != "" {
		return
	}
	fits := func(locID, svcID string) bool {
		loc, ok := m.activeLocation(locID)
		if !ok {
			return false
		}
		svc, ok := m.serviceByID(svcID)
		return ok && svc.OfferedAt(loc.ID)
	}
	locID, svcID := m.cfg.LocationID, m.cfg.ServiceID
	if d := m.desk; (locID == "" || locID == d.LocationID) && (svcID == "" || svcID == d.ServiceID) && fits(d.LocationID, d.ServiceID) {
		m.cfg.LocationID, m.cfg.ServiceID = d.LocationID, d.ServiceID
		return
	}
	if !m.c.Prefs.Demo {
		return
	}
	for _, l := range m.locations {
		if locID != "" && l.ID != locID {
			continue
		}
		for _, s := range m.offered(l) {
			if svcID == "" || s.ID == svcID {
				m.cfg.LocationID, m.cfg.ServiceID = l.ID, s.ID
				return
			}
		}
	}
}

// showLocationPicker shows the location picker when there is a choice.
func (m Model) showLocationPicker() (Model, bool) {
	if len(m.locations) < 2 {
		return m, false
	}
	if !m.locPickerShown {
		m.locPicker = picker.NewLocations(m.c, m.locations)
		m.locPicker.SetSize(m.bodyWidth(), m.bodyHeight())
		m.locPickerShown = true
	}
	m.screen = scrLocations
	return m, true
}

// showServicePicker shows the services of the current location when there
// is a choice, even if the picker was skipped at the start.
func (m Model) showServicePicker() (Model, bool) {
	offered := m.offered(m.location)
	if len(offered) < 2 {
		return m, false
	}
	if !m.svcPickerShown || m.svcPickerFor != m.location.ID {
		m.svcPicker = picker.NewServices(m.c, offered, m.location)
		m.svcPicker.SetSize(m.bodyWidth(), m.bodyHeight())
		m.svcPickerShown, m.svcPickerFor = true, m.location.ID
	}
	m.screen = scrServices
	return m, true
}

func (m Model) chooseLocation(loc model.Location) (tea.Model, tea.Cmd) {
	m.location = loc
	if !m.service.OfferedAt(loc.ID) {
		m.service = model.Service{} // the header must not name it here
	}
	offered := m.offered(loc)
	switch {
	case len(offered) == 0:
		m.setErr(common.ErrMsg{Err: fmt.Errorf("no service is offered at %s", model.Sanitize(loc.Name))})
	case m.cfg.ServiceID != "":
		id := m.cfg.ServiceID
		m.cfg.ServiceID = "" // only the first time; going back shows the picker
		for _, s := range offered {
			if s.ID == id {
				m.service = s
				return m, m.openCalendar()
			}
		}
		m.setErr(common.ErrMsg{Err: fmt.Errorf("service %q is not offered at %s; choose one", model.Sanitize(id), model.Sanitize(loc.Name))})
	case len(offered) == 1:
		m.service = offered[0]
		return m, m.openCalendar()
	}
	next, _ := m.showServicePicker()
	return next, nil
}

func cacheKey(serviceID, locationID string) string { return serviceID + "|" + locationID }

// openCalendar builds a calendar for the chosen service and location, from
// the cache when there is one, and starts loading.
func (m *Model) openCalendar() tea.Cmd {
	m.seq++
	cfg := calendar.Config{ID: m.seq, Service: m.service, Location: m.location, Date: m.cfg.Date}
	m.cfg.Date = model.Date{}
	if a, ok := m.cache[cacheKey(m.service.ID, m.location.ID)]; ok {
		cfg.Cached = &a
	}
	m.cal, m.hasCal = calendar.New(m.c, cfg), true
	m.calLoc, m.calSvc = m.location, m.service
	m.cal.SetSize(m.bodyWidth(), m.bodyHeight())
	m.hasSlots = false
	m.screen = scrCalendar
	return tea.Batch(m.cal.Init(), m.rememberDesk())
}

// showCalendar returns to the calendar, refreshed.
func (m Model) showCalendar() (tea.Model, tea.Cmd) {
	if !m.hasCal {
		return m, m.openCalendar()
	}
	m.screen = scrCalendar
	return m, m.cal.Activate()
}

func (m Model) openSlots(d model.Date) (tea.Model, tea.Cmd) {
	m.seq++
	m.slots = slots.New(m.c, slots.Config{
		ID: m.seq, Service: m.service, Location: m.location, Availability: m.cal.Availability(), Date: d,
	})
	m.slots.SetSize(m.bodyWidth(), m.bodyHeight())
	m.hasSlots, m.screen = true, scrSlots
	return m, m.slots.Init()
}

func (m Model) openForm(in form.Input) (tea.Model, tea.Cmd) {
	m.form, m.hasForm = form.New(m.c, in), true
	m.form.SetSize(m.bodyWidth(), m.bodyHeight())
	m.screen = scrForm
	return m, m.form.Init()
}

// leaveForm follows the form's BackMsg: the hold is gone (released or
// expired) and the form has dropped its draft, so another slot is picked
// from a fresh list, keeping what was typed.
func (m Model) leaveForm() (tea.Model, tea.Cmd) {
	m.lastContact = m.form.Contact()
	m.hasForm = false
	if m.hasSlots {
		m.screen = scrSlots
		return m, m.slots.Activate()
	}
	return m.showCalendar()
}

// backToCalendar leaves a picker without choosing: the calendar shows
// what it showed before.
func (m Model) backToCalendar() (tea.Model, tea.Cmd) {
	if !m.hasCal {
		return m, nil
	}
	m.location, m.service = m.calLoc, m.calSvc
	return m.showCalendar()
}

// back is esc outside a text field. From the calendar it always offers to
// change the service, then the location, when there is a choice.
func (m Model) back() (tea.Model, tea.Cmd) {
	switch m.screen {
	case scrSlots, scrConfirmation:
		return m.showCalendar()
	case scrCalendar:
		if next, ok := m.showServicePicker(); ok {
			return next, nil
		}
		next, _ := m.showLocationPicker()
		return next, nil
	case scrServices:
		if next, ok := m.showLocationPicker(); ok {
			return next, nil
		}
		return m.backToCalendar()
	case scrLocations:
		return m.backToCalendar()
	case scrRsCalendar:
		m.hasRsCal, m.hasRsSlots = false, false
		m.screen = scrAppointments
		return m, nil
	case scrRsSlots:
		m.screen = scrRsCalendar
		return m, m.rsCal.Activate()
	}
	return m, nil
}

func (m Model) activeFocused() bool {
	switch m.screen {
	case scrLocations:
		return m.locPicker.Focused()
	case scrServices:
		return m.svcPicker.Focused()
	case scrCalendar:
		return m.cal.Focused()
	case scrForm:
		return m.form.Focused()
	case scrAppointments:
		return m.appts.Focused()
	case scrRsCalendar:
		return m.rsCal.Focused()
	case scrReschedule:
		return m.resched.Focused()
	}
	return false
}

func (m Model) updateActive(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd, bg tea.Cmd
	// The Appointments screen keeps loading (pages, journal) under the
	// reschedule flow; input only goes to the active screen.
	if m.hasAppts && m.screen != scrAppointments {
		switch msg.(type) {
		case tea.KeyMsg, tea.MouseMsg:
		default:
			m.appts, bg = m.appts.Update(msg)
		}
	}
	switch m.screen {
	case scrLocations:
		m.locPicker, cmd = m.locPicker.Update(msg)
	case scrServices:
		m.svcPicker, cmd = m.svcPicker.Update(msg)
	case scrCalendar:
		m.cal, cmd = m.cal.Update(msg)
	case scrSlots:
		m.slots, cmd = m.slots.Update(msg)
	case scrForm:
		m.form, cmd = m.form.Update(msg)
	case scrConfirmation:
		m.conf, cmd = m.conf.Update(msg)
	case scrAppointments:
		m.appts, cmd = m.appts.Update(msg)
	case scrRsCalendar:
		m.rsCal, cmd = m.rsCal.Update(rsMouse(msg))
	case scrRsSlots:
		m.rsSlots, cmd = m.rsSlots.Update(rsMouse(msg))
	case scrReschedule:
		m.resched, cmd = m.resched.Update(msg)
	}
	return m, tea.Batch(cmd, bg)
}

// rsMouse moves a click under the reschedule banner line.
func rsMouse(msg tea.Msg) tea.Msg {
	if mm, ok := msg.(tea.MouseMsg); ok {
		mm.Y--
		return mm
	}
	return msg
}

// activeKeys is the active screen's help.
func (m Model) activeKeys() help.KeyMap {
	switch m.screen {
	case scrLocations:
		return m.locPicker
	case scrServices:
		return m.svcPicker
	case scrCalendar:
		k := m.deskKeys
		return withKeys{inner: m.cal, focused: m.cal.Focused(),
			short: []key.Binding{k.Appointments},
			full:  []key.Binding{k.Appointments, k.WalkIn, k.Location, k.Service}}
	case scrSlots:
		return withKeys{inner: m.slots, short: []key.Binding{m.deskKeys.Appointments}, full: []key.Binding{m.deskKeys.Appointments}}
	case scrForm:
		return m.form
	case scrConfirmation:
		return withKeys{inner: m.conf, short: []key.Binding{m.deskKeys.Appointments}, full: []key.Binding{m.deskKeys.Appointments}}
	case scrAppointments:
		return m.appts
	case scrRsCalendar:
		return m.rsCal
	case scrRsSlots:
		return m.rsSlots
	case scrReschedule:
		return m.resched
	case scrResume:
		return keyList{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "resume")),
			key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "discard")),
		}
	}
	return keyList{}
}

func (m *Model) resize() {
	w, h := m.bodyWidth(), m.bodyHeight()
	m.locPicker.SetSize(w, h)
	m.svcPicker.SetSize(w, h)
	if m.hasCal {
		m.cal.SetSize(w, h)
	}
	if m.hasSlots {
		m.slots.SetSize(w, h)
	}
	if m.hasForm {
		m.form.SetSize(w, h)
	}
	m.conf.SetSize(w, h)
	if m.hasAppts {
		m.appts.SetSize(w, h)
	}
	if m.hasRsCal {
		m.rsCal.SetSize(w, m.rsBodyHeight())
	}
	if m.hasRsSlots {
		m.rsSlots.SetSize(w, m.rsBodyHeight())
	}
	m.resched.SetSize(w, h)
	m.help.Width = max(m.width-2*bodyPadX, 0)
}

func (m Model) bodyWidth() int  { return max(m.width-2*bodyPadX, 1) }
func (m Model) bodyHeight() int { return max(m.height-headerHeight-footerHeight, 1) }
func (m Model) tooSmall() bool  { return m.width < minWidth || m.height < minHeight }

func (m *Model) setErr(e common.ErrMsg) {
	text := common.ErrorText(e.Err)
	if e.Doing != "" {
		text = capitalize(e.Doing) + " failed: " + text
	}
	m.status, m.statusErr, m.statusWarn = text, true, false
}

func (m *Model) setStatus(text string) {
	m.status, m.statusErr, m.statusWarn = text, false, false
}

// logWarn logs to the session's log, when it has one (tests may not).
func logWarn(c common.Common, msg string, err error) {
	if c.Logger != nil {
		c.Logger.Warn(msg, "err", err)
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
