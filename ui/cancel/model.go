// Package cancel is the dialog that cancels an appointment: it shows
// exactly what will be cancelled, takes an optional reason, and defaults to
// keeping the appointment.
package cancel

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// writeTimeout bounds the cancel call and the journal write together.
const writeTimeout = 30 * time.Second

// maxReason bounds the reason; the customer may read it in the email.
const maxReason = 300

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
	appt       model.Appointment
	err        error
	journalErr error
}

type state int

const (
	idle state = iota
	working
	done
)

type focus int

const (
	focusKeep focus = iota
	focusCancel
	focusReason
)

// Model is the cancel confirmation dialog.
type Model struct {
	c        common.Common
	keys     KeyMap
	appt     model.Appointment
	svc      model.Service
	loc      model.Location
	stateDir string
	// key is reused by a retry with the same reason; an edited reason gets a
	// new key, as the server refuses a key resent with another body. That is
	// safe even if the first attempt went through: a second cancel is a
	// no-op, so nothing needs locking.
	key        string
	keyReason  string // the reason key was sent with
	keyWasSent bool

	reason textinput.Model
	focus  focus
	state  state
	err    string
	width  int
}

// New builds the dialog for appt. svc and loc name the service and place
// (zero values show the ids); stateDir is the journal's directory ("" keeps
// no desk history).
func New(c common.Common, appt model.Appointment, svc model.Service, loc model.Location, stateDir string) Model {
	ti := textinput.New()
	ti.Prompt = ""
	ti.Placeholder = "optional, e.g. customer called to cancel"
	ti.CharLimit = maxReason
	ti.Width = 40
	ti.TextStyle = c.Styles.Text
	ti.PlaceholderStyle = c.Styles.Faint
	ti.Cursor.Style = c.Styles.Cursor
	ti.Cursor.TextStyle = c.Styles.Text
	ti.Cursor.SetMode(cursor.CursorStatic)
	return Model{
		c: c, keys: DefaultKeyMap(), appt: appt, svc: svc, loc: loc, stateDir: stateDir,
		key: api.NewIdempotencyKey(), reason: ti, width: 80,
	}
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
	reason := model.Sanitize(m.reason.Value())
	if m.keyWasSent && reason != m.keyReason {
		m.key = api.NewIdempotencyKey()
	}
	m.keyReason, m.keyWasSent = reason, true
	return m, m.cancelCmd(reason)
}

func (m Model) cancelCmd(reason string) tea.Cmd {
	c, appt, svc, loc, dir, key := m.c, m.appt, m.svc, m.loc, m.stateDir, m.key
	return func() tea.Msg {
		ctx, stop := context.WithTimeout(c.Ctx, writeTimeout)
		defer stop()
		got, err := c.Client.Cancel(ctx, api.CancelRequest{AppointmentID: appt.ID, Reason: reason, IdempotencyKey: key})
		switch {
		case api.IsUnreadableReply(err):
			// Cancelled all the same; the dialog's copy stands in.
			got = appt
			got.Status = model.StatusCancelled
		case err != nil:
			return resultMsg{err: err}
		}
		res := resultMsg{appt: got, err: err}
		// A second cancel changes nothing, so it is not history.
		if dir != "" && !appt.Cancelled() {
			res.journalErr = journal.Append(dir, journal.Entry{
				At: c.Now(), Action: journal.Cancelled, Appointment: got, Reason: reason,
				ServiceName: svc.Name, LocationName: loc.Name,
			})
		}
		return res
	}
}

func (m Model) finish(res resultMsg) (Model, tea.Cmd) {
	unreadable := api.IsUnreadableReply(res.err)
	switch {
	case unreadable:
	case api.IsOutcomeUnknown(res.err):
		// No answer is not a refusal: the cancel may have been applied.
		m.state = idle
		m.err = common.NoAnswerText(res.err) + ". The cancellation may have gone through anyway; " +
			"press ctrl+x to try again (safe: it cannot cancel twice)."
		return m, nil
	case res.err != nil:
		m.state = idle
		m.err = "Could not cancel: " + common.ErrorText(res.err) + ". The appointment is unchanged."
		return m, nil
	}
	m.state = done
	status := "Cancelled. The customer gets a cancellation email at " + model.Sanitize(res.appt.Contact.Email) + "."
	switch {
	case unreadable:
		status = "Cancelled, but Zimun's reply was unreadable; reload the list to see the appointment."
	case res.appt.Contact.Email == "":
		status = "Cancelled."
	}
	if m.appt.Cancelled() {
		status = "That appointment was already cancelled; nothing changed."
	}
	if res.journalErr != nil {
		status += " (Not saved to the desk history: " + common.ErrorText(res.journalErr) + ")"
	}
	m.appt = res.appt
	done := DoneMsg{Appointment: res.appt, Status: status}
	return m, func() tea.Msg { return done }
}
