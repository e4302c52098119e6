// Package reschedule is the "old -> new" confirmation of a move: it shows
// both times side by side and makes the one atomic reschedule call, so the
// old booking stays untouched if anything fails.
package reschedule

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// DoneMsg reports a moved appointment (the server's copy). Status is the
// sentence for the status line.
type DoneMsg struct {
	Appointment model.Appointment
	Status      string
}

// SlotTakenMsg reports a 409: someone took the new slot first. The root
// should refresh the slot list and let the user pick again.
type SlotTakenMsg struct{ Status string }

type resultMsg struct {
	done booking.Done
	err  error
}

type state int

const (
	idle state = iota
	working
	done
	taken
)

// Model is the reschedule confirmation screen.
type Model struct {
	c    common.Common
	keys KeyMap
	move booking.Move // reused when the user retries: the same key
	slot model.Slot

	state         state
	err           string
	width, height int
}

// New builds the screen that moves appt to slot. svc and loc name the
// service and place.
func New(c common.Common, appt model.Appointment, slot model.Slot, svc model.Service, loc model.Location) Model {
	return Model{
		c: c, keys: DefaultKeyMap(c.Words), move: booking.NewMove(appt, slot.Start, svc, loc), slot: slot, width: 80,
	}
}

// Heading names what is being moved in the header.
func (m Model) Heading() common.Heading {
	return common.Heading{Label: m.c.T(i18n.LabelReschedule), Location: m.move.Location, Service: m.move.Service}
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return nil }

// Focused reports whether the screen must get every key: while the call is
// in flight, so nothing navigates away mid-move.
func (m Model) Focused() bool { return m.state == working }

// SetSize sets the area the screen draws in.
func (m *Model) SetSize(width, height int) { m.width, m.height = width, height }

// Update implements tea.Model, returning the concrete type.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case resultMsg:
		if m.state == working {
			return m.finish(msg)
		}
	case tea.KeyMsg:
		if m.state == working || m.state == done {
			return m, nil
		}
		switch {
		case key.Matches(msg, m.keys.Back):
			return m, func() tea.Msg { return common.BackMsg{} }
		case key.Matches(msg, m.keys.Confirm) && m.state == idle:
			if m.slot.Start.Equal(m.move.Appointment.Time) {
				m.err = m.c.T(i18n.MoveSameTime)
				return m, nil
			}
			m.state, m.err = working, ""
			return m, m.rescheduleCmd()
		}
	}
	return m, nil
}

func (m Model) rescheduleCmd() tea.Cmd {
	c, move := m.c, m.move
	return func() tea.Msg {
		done, err := c.Session.Reschedule(c.Ctx, move)
		return resultMsg{done: done, err: err}
	}
}

func (m Model) finish(res resultMsg) (Model, tea.Cmd) {
	switch {
	case api.IsSlotTaken(res.err):
		m.state, m.err = taken, m.c.T(i18n.MoveSlotTaken)
		status := m.err
		return m, func() tea.Msg { return SlotTakenMsg{Status: status} }
	case booking.IsUnknown(res.err):
		// No answer is not a refusal: the move may have been applied.
		m.state = idle
		m.err = m.c.T(i18n.MoveNoAnswer, common.NoAnswerText(m.c.Words, res.err))
		return m, nil
	case res.err != nil:
		m.state = idle
		m.err = m.c.T(i18n.MoveCouldNot, common.ErrorText(m.c.Words, res.err))
		return m, nil
	}
	m.state = done
	d := res.done
	status := m.c.T(i18n.MoveDoneEmail, model.Sanitize(d.Email))
	switch {
	case d.Unread:
		status = m.c.T(i18n.MoveUnread)
	case d.Email == "":
		status = m.c.T(i18n.MoveDone)
	}
	if d.JournalErr != nil {
		status += " " + m.c.T(i18n.DeskNotSaved, common.ErrorText(m.c.Words, d.JournalErr))
	}
	m.move.Appointment = d.Appointment
	return m, common.Msg(DoneMsg{Appointment: d.Appointment, Status: status})
}

// OwnsBack tells the root that esc is handled here: this screen says
// when it means back (common.BackMsg).
func (Model) OwnsBack() {}
