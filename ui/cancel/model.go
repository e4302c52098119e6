// Package cancel is the dialog that cancels an appointment: it shows
// exactly what will be cancelled, takes an optional reason, and defaults to
// keeping the appointment.
package cancel

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// DoneMsg reports a cancelled appointment (the server's copy). Status is
// the sentence for the status line.
type DoneMsg struct {
	Appointment model.Appointment
	Status      string
}

// KeptMsg reports that the user closed the dialog without cancelling.
type KeptMsg struct{}

// resultMsg is the answer to the cancel call.
type resultMsg struct {
	done booking.Done
	err  error
}

type state int

const (
	idle state = iota
	working
	done
)

type focus int

const (
	focusReason focus = iota
	focusKeep
	focusCancel
)

// Model is the cancel confirmation dialog.
type Model struct {
	c    common.Common
	keys KeyMap
	// cancellation is reused by a retry; WithReason gives an edited reason
	// its own key.
	cancellation booking.Cancellation

	reason textinput.Model
	focus  focus
	state  state
	err    string
	width  int
}

// New builds the dialog for appt. svc and loc name the service and place
// (zero values show the ids).
func New(c common.Common, appt model.Appointment, svc model.Service, loc model.Location) Model {
	ti := textinput.New()
	ti.Prompt = ""
	ti.Placeholder = c.T(i18n.CancelPlaceholder)
	ti.CharLimit = model.MaxReasonRunes
	ti.Width = 40
	ti.TextStyle = c.Styles.Text
	ti.PlaceholderStyle = c.Styles.Faint
	ti.Cursor.Style = c.Styles.Cursor
	ti.Cursor.TextStyle = c.Styles.Text
	ti.Cursor.SetMode(cursor.CursorStatic)
	m := Model{
		c: c, keys: DefaultKeyMap(c.Words), cancellation: booking.NewCancellation(appt, "", svc, loc),
		reason: ti, width: 80,
	}
	// The field the user sees first has the keys: typing a reason types
	// it, and no letter in it keeps or cancels anything.
	return m.setFocus(focusReason)
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return nil }

// Focused is always true: the dialog is modal and takes every key.
func (m Model) Focused() bool { return true }

// SetSize sets the area the screen draws in.
func (m *Model) SetSize(width, _ int) {
	m.width = width
	m.reason.Width = max(10, min(60, width-24))
}

// Update implements tea.Model, returning the concrete type.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case resultMsg:
		if m.state != working {
			return m, nil
		}
		return m.finish(msg)
	case tea.KeyMsg:
		if m.state != idle {
			return m, nil
		}
		return m.handleKey(msg)
	}
	if m.focus == focusReason {
		var cmd tea.Cmd
		m.reason, cmd = m.reason.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.CancelNow):
		return m.start()
	case msg.Type == tea.KeyEsc:
		return m, kept
	case key.Matches(msg, m.keys.Next):
		return m.setFocus((m.focus + 1) % 3), nil
	case key.Matches(msg, m.keys.Prev):
		return m.setFocus((m.focus + 2) % 3), nil
	case m.focus == focusReason:
		if key.Matches(msg, m.keys.Press) {
			return m.setFocus(focusKeep), nil
		}
		var cmd tea.Cmd
		m.reason, cmd = m.reason.Update(msg)
		return m, cmd
	case key.Matches(msg, m.keys.Press):
		if m.focus == focusCancel {
			return m.start()
		}
		return m, kept
	case key.Matches(msg, m.keys.Keep):
		return m, kept
	case key.Matches(msg, m.keys.Left), key.Matches(msg, m.keys.Right):
		if m.focus == focusKeep {
			return m.setFocus(focusCancel), nil
		}
		return m.setFocus(focusKeep), nil
	case key.Matches(msg, m.keys.Reason):
		return m.setFocus(focusReason), nil
	}
	return m, nil
}

func kept() tea.Msg { return KeptMsg{} }

func (m Model) setFocus(f focus) Model {
	m.focus = f
	if f == focusReason {
		m.reason.Focus()
	} else {
		m.reason.Blur()
	}
	return m
}

func (m Model) start() (Model, tea.Cmd) {
	m.state, m.err = working, ""
	m.reason.Blur()
	m.cancellation = m.cancellation.WithReason(model.Sanitize(m.reason.Value()))
	c, cancellation := m.c, m.cancellation
	return m, func() tea.Msg {
		done, err := c.Session.Cancel(c.Ctx, cancellation)
		return resultMsg{done: done, err: err}
	}
}

func (m Model) finish(res resultMsg) (Model, tea.Cmd) {
	if res.err != nil {
		m = m.setFocus(m.focus) // back where the user was, typing if there
	}
	switch {
	case booking.IsUnknown(res.err):
		// No answer is not a refusal: the cancel may have been applied.
		m.state = idle
		m.err = m.c.T(i18n.CancelNoAnswer, common.NoAnswerText(m.c.Words, res.err))
		return m, nil
	case res.err != nil:
		m.state = idle
		m.err = m.c.T(i18n.CancelCouldNot, common.ErrorText(m.c.Words, res.err))
		return m, nil
	}
	m.state = done
	d := res.done
	status := m.c.T(i18n.CancelDoneEmail, model.Sanitize(d.Email))
	switch {
	case d.Unchanged:
		status = m.c.T(i18n.CancelAlready)
	case d.Unread:
		status = m.c.T(i18n.CancelUnread)
	case d.Email == "":
		status = m.c.T(i18n.CancelDone)
	}
	if d.JournalErr != nil {
		status += " " + m.c.T(i18n.DeskNotSaved, common.ErrorText(m.c.Words, d.JournalErr))
	}
	m.cancellation.Appointment = d.Appointment
	return m, common.Msg(DoneMsg{Appointment: d.Appointment, Status: status})
}
