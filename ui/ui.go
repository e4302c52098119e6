// Package ui is the booking terminal UI. Its root is a router: a stack of
// screens (each its own package, with its own typed Update) inside one
// frame. Screens say what the user chose with messages; navigate decides
// what comes next. Every write goes through the session's booking layer.
package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/agenda"
	"github.com/zimun-app/zimun/ui/appointments"
	"github.com/zimun-app/zimun/ui/availmap"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/choose"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/confirmation"
	"github.com/zimun-app/zimun/ui/devtools"
	"github.com/zimun-app/zimun/ui/form"
	"github.com/zimun-app/zimun/ui/frame"
	"github.com/zimun-app/zimun/ui/holds"
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
	c     *common.Common // shared, never changed: Update copies the root on every message
	cfg   Config
	frame frame.Frame
	stack router.Stack

	flow        choose.Flow   // the catalogue, the desk's choices, the way to a time
	lastContact model.Contact // kept when a hold is given up, for the next form

	kiosk    selfservice.Kiosk // what a kiosk does differently; nothing at a desk
	quit     quit.Model
	status   common.Status
	showHelp bool
}

// New builds the root model from the session's shared parts.
func New(c common.Common, cfg Config) Model {
	m := Model{c: &c, cfg: cfg, frame: frame.New(c.Styles, c.Words), flow: choose.New(c, cfg.Date),
		kiosk: selfservice.New(c), quit: quit.New(c)}
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
	// The kiosk's keys are not text: they work before focus, never typed.
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
		var p router.Page
		m.kiosk, p = m.kiosk.MyBooking(m.stack.Top(), m.flow.Catalog().Catalog)
		return m.push(p, nil)
	case m.kiosk.Waiting() && msg.Type == tea.KeyEnter:
		return m.startOver()
	}
	if open := devtools.Key(keys, msg, m.stack.Top()); open != nil {
		m, cmd, _ := m.navigate(open)
		return m, cmd
	}
	return m.updateTop(msg)
}

// typing reports a text field or a prompt with the keys.
func (m Model) typing() bool { return m.stack.Top().Focused() && !m.quit.Asking() }

// navigate handles the messages that change which screen is on show:
// adding a screen means adding the message that opens it here.
func (m Model) navigate(msg tea.Msg) (Model, tea.Cmd, bool) {
	if m.kiosk.Blocks(msg) {
		return m, nil, true
	}
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case start.ReadyMsg:
		if msg.Status.Text != "" && m.status.Text != "" { // the notes stay
			msg.Status.Text = m.status.Text + " · " + msg.Status.Text
		}
		if msg.Status.Text != "" {
			m.status = msg.Status
		}
		m, cmd = m.show(m.flow.Ready(msg).Begin(msg.Location))
	case resume.ResumedMsg:
		d := msg.Intent.Draft()
		m, cmd = m.show(m.flow.Answered().Calendar(calendar.Config{Service: d.Service, Location: d.Location}))
		var f tea.Cmd
		m, f = m.openForm(msg.Intent)
		cmd = tea.Batch(cmd, f)
	case resume.DiscardedMsg:
		if msg.Err != nil {
			m.status = common.Failed(m.c.Words, m.c.T(i18n.FailDiscarding), msg.Err)
		}
		m, cmd = m.show(m.flow.Answered().Begin(model.Location{}))
	case common.LocationChosenMsg:
		m, cmd = m.show(m.flow.ChooseLocation(m.stack, msg.Location))
	case common.ServiceChosenMsg:
		m, cmd = m.show(m.flow.ChooseService(m.stack, msg.Service))
	case common.ChangeLocationMsg:
		m, cmd = m.show(m.flow, m.flow.Locations())
	case common.ChangeServiceMsg:
		m, cmd = m.show(m.flow, m.flow.Services())
	case calendar.DayChosenMsg:
		m, cmd = m.show(m.flow.Day(m.stack, msg))
	case slots.HoldMsg:
		if ok, release := holds.Replied(*m.c, m.stack, msg); !ok {
			return m, release, true
		}
		m, cmd = m.updateAll(msg)
	case slots.HoldPlacedMsg:
		if ok, release := holds.Placed(*m.c, m.stack, msg); !ok {
			return m, release, true // nobody waits for it now
		}
		m.status = common.Status{} // "Placing the hold…", said to a key pressed meanwhile
		m, cmd = m.openForm(m.c.Session.Begin(msg.Service, msg.Location, msg.Slot, msg.Hold, m.lastContact))
	case common.OpenAppointmentsMsg:
		m, cmd = m.push(router.Start(appointments.New(*m.c, appointments.Options{Catalog: m.flow.Catalog().Catalog, ExportDir: m.cfg.ExportDir})))
	case common.WalkInMsg:
		if m.flow.Service().ID == "" {
			m.status = common.Status{Text: m.c.T(i18n.RootChooseService)}
			break
		}
		m, cmd = m.push(router.Start(walkin.New(*m.c, m.flow.Service(), m.flow.Location(), m.lastContact)))
	case walkin.FoundMsg:
		m.stack = m.stack.Drop()
		m, cmd = m.openForm(msg.Intent, form.WalkIn())
	case walkin.DoneMsg:
		m.stack = m.stack.Drop()
		m.status = msg.Status
	case common.BookedMsg:
		h := m.stack.Top().Heading()
		m.stack = m.stack.Drop() // the form
		if _, ok := m.stack.Top().Model().(slots.Model); ok {
			m.stack = m.stack.Drop()
		}
		m.lastContact = model.Contact{}
		m, _ = m.push(router.PageFor(confirmation.New(*m.c, msg.Appointment, h.Service, h.Location)), nil)
		m.kiosk, cmd = m.kiosk.Finished()
	case common.FinishedMsg:
		m.kiosk, cmd = m.kiosk.Finished()
	case common.StartOverMsg:
		m, cmd = m.startOver()
	case common.NewBookingMsg:
		if m.c.Kiosk != nil {
			m, cmd = m.startOver()
			break
		}
		m.stack = m.stack.Keep(1)
		if cal, ok := m.stack.Top().Model().(calendar.Model); ok && !cal.Config().Pick {
			m, cmd = m.shown()
		} else {
			m, cmd = m.show(m.flow.Calendar(calendar.Config{Service: m.flow.Service(), Location: m.flow.Location()}))
		}
	case appointments.RescheduleMsg:
		m, cmd = m.show(m.flow.Reschedule(msg))
	case slots.PickedMsg:
		m, cmd = m.show(m.flow, m.flow.Picked(m.stack, msg))
	case reschedule.SlotTakenMsg:
		m, cmd = m.pop() // the list refreshes, then says why
		if l, ok := m.stack.Top().Model().(slots.Model); ok {
			m, _ = m.updateTop(slots.TakenMsg{List: l.ID(), Say: msg.Status})
		}
	case reschedule.DoneMsg:
		for m.stack.Len() > 1 && !m.startedReschedule() {
			m.stack = m.stack.Drop()
		}
		m, cmd = m.updateTop(msg)
	case common.OpenInspectorMsg, common.OpenAvailabilityMapMsg:
		m, cmd = m.push(devtools.Open(*m.c, msg, m.stack.Top(), m.flow.Service(), m.flow.Location()))
	case availmap.OpenDayMsg:
		m, cmd = m.show(m.flow.Calendar(calendar.Config{Service: msg.Service, Location: msg.Location, Date: msg.Date}))
	case common.OpenAgendaMsg:
		m, cmd = m.show(m.flow.Agenda(msg))
	case agenda.OpenBookingMsg:
		m, cmd = m.push(router.Start(appointments.New(*m.c, appointments.Options{
			Catalog: m.flow.Catalog().Catalog, ExportDir: m.cfg.ExportDir,
			Day: msg.Date, Location: msg.Location.ID, Select: msg.Appointment.ID,
		})))
	case common.BackMsg:
		if f, ok := m.stack.Top().Model().(form.Model); ok {
			m.lastContact = f.Contact()
		}
		m, cmd = m.pop()
	default:
		return m, nil, false
	}
	return m, cmd, true
}
