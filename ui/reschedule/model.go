// Package reschedule is the "old -> new" confirmation of a move: it shows
// both times side by side and makes the one atomic reschedule call, so the
// old booking stays untouched if anything fails.
package reschedule

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// writeTimeout bounds the reschedule call and the journal write together.
const writeTimeout = 30 * time.Second

// SlotTakenText is said when the new slot went between picking and moving.
const SlotTakenText = "That slot was just taken; the old booking is unchanged."

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
	appt       model.Appointment
	err        error
	journalErr error
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
	c        common.Common
	keys     KeyMap
	appt     model.Appointment
	slot     model.Slot
	svc      model.Service
	loc      model.Location
	stateDir string
	key      string // idempotency key, reused when the user retries

	state         state
	err           string
	width, height int
}

// New builds the screen that moves appt to slot. svc and loc name the
// service and place; stateDir is the journal's directory ("" keeps no desk
// history).
func New(c common.Common, appt model.Appointment, slot model.Slot, svc model.Service, loc model.Location, stateDir string) Model {
	return Model{
		c: c, keys: DefaultKeyMap(), appt: appt, slot: slot, svc: svc, loc: loc, stateDir: stateDir,
		key: api.NewIdempotencyKey(), width: 80,
	}
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
			if m.slot.Start.Equal(m.appt.Time) {
				m.err = "That is the current time; pick another slot."
				return m, nil
			}
			m.state, m.err = working, ""
			return m, m.rescheduleCmd()
		}
	}
	return m, nil
}

func (m Model) rescheduleCmd() tea.Cmd {
	c, appt, to, svc, loc, dir, key := m.c, m.appt, m.slot.Start, m.svc, m.loc, m.stateDir, m.key
	return func() tea.Msg {
		ctx, stop := context.WithTimeout(c.Ctx, writeTimeout)
		defer stop()
		got, err := c.Client.Reschedule(ctx, api.RescheduleRequest{AppointmentID: appt.ID, Time: to, IdempotencyKey: key})
		switch {
		case api.IsUnreadableReply(err):
			// Moved all the same; the screen's copy stands in.
			got = appt
			got.Time = to
		case err != nil:
			return resultMsg{err: err}
		}
		res := resultMsg{appt: got, err: err}
		if dir != "" {
			res.journalErr = journal.Append(dir, journal.Entry{
				At: c.Now(), Action: journal.Rescheduled, Appointment: got, PreviousTime: appt.Time,
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
	case api.IsSlotTaken(res.err):
		m.state, m.err = taken, SlotTakenText
		return m, func() tea.Msg { return SlotTakenMsg{Status: SlotTakenText} }
	case api.IsOutcomeUnknown(res.err):
		// No answer is not a refusal: the move may have been applied.
		m.state = idle
		m.err = common.NoAnswerText(res.err) + ". The move may have gone through anyway; " +
			"press enter to try again (safe: the same request cannot move it twice)."
		return m, nil
	case res.err != nil:
		m.state = idle
		m.err = "Could not move it: " + common.ErrorText(res.err) + ". The old booking is unchanged."
		return m, nil
	}
	m.state = done
	status := "Moved. The customer gets an update email at " + model.Sanitize(res.appt.Contact.Email) + "."
	switch {
	case unreadable:
		status = "Moved, but Zimun's reply was unreadable; reload the list to see the appointment."
	case res.appt.Contact.Email == "":
		status = "Moved."
	}
	if res.journalErr != nil {
		status += " (Not saved to the desk history: " + common.ErrorText(res.journalErr) + ")"
	}
	m.appt = res.appt
	msg := DoneMsg{Appointment: res.appt, Status: status}
	return m, func() tea.Msg { return msg }
}
