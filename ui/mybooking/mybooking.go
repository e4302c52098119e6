// Package mybooking is the kiosk's "my booking": a customer finds their
// own appointment by its booking id and the email it was booked with,
// then moves or cancels it. Nothing on it reveals anyone else's.
package mybooking

import (
	"errors"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/appointments"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/reschedule"
)

// The one answer to a lookup that finds nothing is i18n.MyMiss.

type state int

const (
	asking     state = iota // the two fields
	looking                 // the lookup is out
	found                   // the appointment, with what can be done
	confirming              // "cancel it?"
	cancelling
	done // moved or cancelled: said, then the kiosk starts over
)

type (
	foundMsg struct {
		req  int
		appt model.Appointment
		err  error
	}
	cancelledMsg struct {
		done booking.Done
		err  error
	}
	waitTickMsg struct{ req int }
)

// Model is the screen. Use New.
type Model struct {
	c      common.Common
	keys   KeyMap
	cat    model.Catalog
	inputs [2]textinput.Model
	focus  int
	spin   spinner.Model

	state   state
	req     int
	waitTil time.Time // misses are answered no sooner than this
	appt    model.Appointment
	problem string // the last answer, for the fields
	outcome string // what was done

	width, height int
}

const (
	fieldRef = iota
	fieldEmail
)

// New is the screen for the session c; cat names services and locations.
func New(c common.Common, cat model.Catalog) Model {
	m := Model{c: c, keys: DefaultKeyMap(c.Words), cat: cat, width: 80, height: 20,
		spin: spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Accent))}
	placeholders := [2]string{c.T(i18n.MyPhRef), c.T(i18n.MyPhEmail)}
	limits := [2]int{model.MaxIDBytes, model.MaxEmailBytes}
	for i := range m.inputs {
		ti := textinput.New()
		ti.Prompt = ""
		ti.Placeholder = placeholders[i]
		ti.CharLimit = limits[i]
		ti.TextStyle = c.Styles.Text
		ti.PlaceholderStyle = c.Styles.Faint
		ti.Cursor.Style = c.Styles.Cursor
		ti.Cursor.TextStyle = c.Styles.Text
		ti.Cursor.SetMode(cursor.CursorStatic)
		m.inputs[i] = ti
	}
	m.inputs[fieldRef].Focus()
	return m
}

// Init does nothing: the screen waits for the customer.
func (m Model) Init() tea.Cmd { return nil }

// Update implements tea.Model, returning the concrete type.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case foundMsg:
		if m.state != looking || msg.req != m.req {
			return m, nil
		}
		return m.answered(msg)
	case cancelledMsg:
		if m.state != cancelling {
			return m, nil
		}
		if msg.err != nil {
			m.state = found
			return m, common.Fail(m.c.Words, m.c.T(i18n.FailCancelling), msg.err)
		}
		m.appt, m.state = msg.done.Appointment, done
		m.outcome = m.c.T(i18n.MyCancelled)
		if e := msg.done.Email; e != "" {
			m.outcome += " " + m.c.T(i18n.MyCancelEmail, model.Sanitize(e))
		}
		return m, common.Msg(common.FinishedMsg{})
	case reschedule.DoneMsg:
		if m.state != found || msg.Appointment.ID != m.appt.ID {
			return m, nil
		}
		m.appt, m.state = msg.Appointment, done
		m.outcome = m.c.T(i18n.MyMoved)
		return m, common.Msg(common.FinishedMsg{})
	case waitTickMsg:
		if msg.req == m.req && m.waiting() {
			return m, m.waitTick()
		}
		return m, nil
	case spinner.TickMsg:
		if m.state != looking && m.state != cancelling {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch m.state {
	case asking:
		switch {
		case key.Matches(msg, m.keys.Back):
			return m, common.Msg(common.BackMsg{})
		case key.Matches(msg, m.keys.Prev):
			return m.focusOn(1 - m.focus), nil
		case key.Matches(msg, m.keys.Next) && m.focus == fieldRef:
			return m.focusOn(fieldEmail), nil
		case key.Matches(msg, m.keys.Find):
			return m.lookUp()
		}
		before := m.inputs[m.focus].Value()
		var cmd tea.Cmd
		m.inputs[m.focus], cmd = m.inputs[m.focus].Update(msg)
		if m.inputs[m.focus].Value() != before {
			m.problem = "" // answered by the edit
		}
		return m, cmd
	case found:
		switch {
		case key.Matches(msg, m.keys.Move) && m.changeable():
			return m, common.Msg(m.rescheduleMsg())
		case key.Matches(msg, m.keys.Cancel) && m.changeable():
			m.state = confirming
		case key.Matches(msg, m.keys.Other):
			return m.again(), nil
		}
	case confirming:
		switch {
		case key.Matches(msg, m.keys.Yes):
			m.state = cancelling
			return m, tea.Batch(m.spin.Tick, m.cancel())
		case key.Matches(msg, m.keys.No):
			m.state = found
		}
	}
	return m, nil
}

func (m Model) focusOn(i int) Model {
	m.inputs[m.focus].Blur()
	m.focus = i
	m.inputs[i].Focus()
	return m
}

// again clears the screen for another lookup.
func (m Model) again() Model {
	m.state, m.appt, m.problem = asking, model.Appointment{}, ""
	for i := range m.inputs {
		m.inputs[i].SetValue("")
	}
	return m.focusOn(fieldRef)
}

func (m Model) waiting() bool { return m.c.Now().Before(m.waitTil) }

func (m Model) waitTick() tea.Cmd {
	req := m.req
	return common.Every(m.c.Ctx, time.Second, func(time.Time) tea.Msg { return waitTickMsg{req: req} })
}

// lookUp asks for the appointment, unless the guard says this customer
// has missed too often lately: then the wait is said and counted down.
func (m Model) lookUp() (Model, tea.Cmd) {
	ref, email := strings.TrimSpace(m.inputs[fieldRef].Value()), strings.TrimSpace(m.inputs[fieldEmail].Value())
	switch {
	case ref == "":
		m.problem = m.c.T(i18n.MyTypeRef)
		return m.focusOn(fieldRef), nil
	case email == "" && m.focus == fieldRef:
		return m.focusOn(fieldEmail), nil // enter after the id moves on
	case email == "":
		m.problem = m.c.T(i18n.MyTypeEmail)
		return m.focusOn(fieldEmail), nil
	}
	m.req++
	k := m.c.Kiosk
	if k != nil && k.Guard != nil {
		if wait := k.Guard.Wait(k.GuardKeys()...); wait > 0 {
			m.waitTil = m.c.Now().Add(wait)
			return m, m.waitTick()
		}
	}
	if m.waiting() {
		return m, nil
	}
	m.state, m.problem = looking, ""
	c, req := m.c, m.req
	return m, tea.Batch(m.spin.Tick, func() tea.Msg {
		a, err := c.Office.Own(c.Ctx, ref, email)
		if errors.Is(err, booking.ErrNoSuchBooking) && c.Kiosk != nil && c.Kiosk.Guard != nil {
			c.Kiosk.Guard.Miss(c.Kiosk.GuardKeys()...)
		}
		return foundMsg{req: req, appt: a, err: err}
	})
}

func (m Model) answered(msg foundMsg) (Model, tea.Cmd) {
	switch {
	case errors.Is(msg.err, booking.ErrNoSuchBooking):
		m.state, m.problem = asking, m.c.T(i18n.MyMiss)
		return m.focusOn(fieldRef), nil
	case msg.err != nil:
		m.state, m.problem = asking, ""
		return m, common.Fail(m.c.Words, m.c.T(i18n.FailLookingUp), msg.err)
	}
	m.state, m.appt = found, msg.appt
	for i := range m.inputs {
		m.inputs[i].Blur()
	}
	return m, nil
}

// changeable: a booking to come that is still on.
func (m Model) changeable() bool {
	return !m.appt.Cancelled() && m.appt.Time.After(m.c.Now())
}

func (m Model) service() model.Service {
	if s, ok := m.cat.Service(m.appt.ServiceID); ok {
		return s
	}
	return model.Service{ID: m.appt.ServiceID, Name: m.c.T(i18n.MyAppointment), DurationMinutes: m.appt.DurationMinutes}
}

func (m Model) location() model.Location {
	for _, l := range m.cat.Locations {
		if l.ID == m.appt.LocationID {
			return l
		}
	}
	return model.Location{ID: m.appt.LocationID}
}

func (m Model) when() string {
	zone := m.location().Zone()
	return m.c.Words.DateYear(model.DateOf(m.appt.Time.In(zone))) + ", " + common.FormatTime(m.appt.Time, zone, m.c.Prefs.Clock24, true)
}

func (m Model) rescheduleMsg() appointments.RescheduleMsg {
	return appointments.RescheduleMsg{Appointment: m.appt, Service: m.service(), Location: m.location(),
		Banner: m.c.T(i18n.MyMoving, m.when())}
}

func (m Model) cancel() tea.Cmd {
	c, cn := m.c, booking.NewCancellation(m.appt, "", m.service(), m.location())
	return func() tea.Msg {
		d, err := c.Session.Cancel(c.Ctx, cn)
		return cancelledMsg{done: d, err: err}
	}
}

// SetSize sets the area the screen draws in.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	for i := range m.inputs {
		m.inputs[i].Width = max(width-16, 10)
	}
}

// Focused is true while the customer types, or a lookup or a cancel is
// out (its answer must not be lost by leaving).
func (m Model) Focused() bool {
	return m.state == asking || m.state == looking || m.state == cancelling
}

// Heading names the screen.
func (m Model) Heading() common.Heading {
	h := common.Heading{Label: m.c.T(i18n.LabelMyBooking)}
	if m.state >= found {
		h.Location, h.Service = m.location(), m.service()
	}
	return h
}

// Appointment is the customer's appointment, once found.
func (m Model) Appointment() (model.Appointment, bool) { return m.appt, m.appt.ID != "" }

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	switch m.state {
	case asking:
		return []key.Binding{m.keys.Next, m.keys.Find, m.keys.Back}
	case found:
		if m.changeable() {
			return []key.Binding{m.keys.Move, m.keys.Cancel, m.keys.Other}
		}
		return []key.Binding{m.keys.Other}
	case confirming:
		return []key.Binding{m.keys.Yes, m.keys.No}
	}
	return nil
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Next, m.keys.Prev, m.keys.Find, m.keys.Back}, {m.keys.Move, m.keys.Cancel, m.keys.Other}}
}

// View implements tea.Model.
func (m Model) View() string {
	st := m.c.Styles
	width := max(m.width, 20)
	wrap := func(s string) string { return ansi.Wrap(s, width, "") }
	var b strings.Builder
	switch m.state {
	case asking, looking:
		b.WriteString(wrap(st.Text.Render(m.c.T(i18n.MyIntro))))
		b.WriteString("\n\n")
		labels := [2]string{m.c.T(i18n.CardReference), m.c.Words.FieldName(model.FieldEmail)}
		lw := max(ansi.StringWidth(labels[0]), ansi.StringWidth(labels[1]), 10) + 2
		for i := range m.inputs {
			marker, label := "  ", st.Label.Render(pad(labels[i], lw))
			if m.state == asking && i == m.focus {
				marker, label = st.Cursor.Render("› "), st.Accent.Render(pad(labels[i], lw))
			}
			b.WriteString(marker + label + m.inputs[i].View() + "\n")
		}
		b.WriteString("\n")
		switch {
		case m.state == looking:
			b.WriteString(m.spin.View() + " " + st.Faint.Render(m.c.T(i18n.MyLooking)))
		case m.waiting():
			left := int((m.waitTil.Sub(m.c.Now()) + time.Second - 1) / time.Second)
			b.WriteString(wrap(st.Warn.Render(m.c.T(i18n.MyTooMany, m.c.Words.Duration(time.Duration(left)*time.Second)))))
		case m.problem != "":
			b.WriteString(wrap(st.FieldError.Render("✕ " + m.problem)))
		}
	default:
		b.WriteString(m.card(width))
	}
	return b.String()
}

func (m Model) card(width int) string {
	st := m.c.Styles
	wrap := func(s string) string { return ansi.Wrap(s, width, "") }
	a := m.appt
	lines := []string{
		st.Title.Render(model.Sanitize(m.service().Name)) + st.Faint.Render(" · ") + st.Text.Render(model.Sanitize(m.location().Name)),
		st.Text.Render(m.when()),
		st.Label.Render(m.c.T(i18n.MyBookedFor)) + st.Text.Render(model.Sanitize(a.Contact.Name)),
	}
	switch {
	case m.state == done:
		lines = append(lines, "", st.OK.Render("✓ "+m.outcome))
	case a.Cancelled():
		lines = append(lines, "", st.Faint.Render(m.c.T(i18n.MyIsCancelled)))
	case !a.Time.After(m.c.Now()):
		lines = append(lines, "", st.Faint.Render(m.c.T(i18n.MyHasPassed)))
	case m.state == confirming:
		lines = append(lines, "", st.Warn.Render(m.c.T(i18n.MyCancelQuestion, m.keys.Yes.Help().Key)))
	case m.state == cancelling:
		lines = append(lines, "", m.spin.View()+" "+st.Faint.Render(m.c.T(i18n.CancelCancelling)))
	}
	for i, l := range lines {
		lines[i] = wrap(l)
	}
	return strings.Join(lines, "\n")
}

func pad(s string, n int) string { return s + strings.Repeat(" ", max(n-ansi.StringWidth(s), 0)) }
