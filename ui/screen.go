package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/ui/agenda"
	"github.com/zimun-app/zimun/ui/appointments"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/choose"
	"github.com/zimun-app/zimun/ui/form"
	"github.com/zimun-app/zimun/ui/holds"
	"github.com/zimun-app/zimun/ui/mybooking"
	"github.com/zimun-app/zimun/ui/picker"
	"github.com/zimun-app/zimun/ui/router"
	"github.com/zimun-app/zimun/ui/selfservice"
)

// backOwner handles esc itself (clearing a search first, asking first)
// and sends common.BackMsg when it means back.
type backOwner interface{ OwnsBack() }

// push shows p over the screen on show, init starting it; nil shows
// nothing new.
func (m Model) push(p router.Page, init tea.Cmd) (Model, tea.Cmd) {
	if p == nil {
		return m, nil
	}
	m.showHelp = false
	if pages := m.stack.Pages(); len(pages) >= 2 && router.Same(pages[len(pages)-2], p) &&
		(router.Is[agenda.Model](p) || router.Is[appointments.Model](p)) {
		// The day agenda and the appointments list open each other: going
		// back and forth replaces the two instead of piling them up.
		m.stack = m.stack.Drop().Drop()
	}
	m.stack = m.stack.Push(p)
	return m, init
}

// pop goes back to the screen below, refreshed.
func (m Model) pop() (Model, tea.Cmd) {
	if m.stack.Len() < 2 {
		return m, nil
	}
	m.stack = m.stack.Drop()
	m.flow = m.flow.Returned(m.stack)
	return m.shown()
}

func (m Model) shown() (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.stack, cmd = m.stack.Shown()
	return m, cmd
}

func (m Model) updateTop(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.stack, cmd = m.stack.UpdateTop(msg)
	return m, cmd
}

func (m Model) updateAll(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.stack, cmd = m.stack.UpdateAll(msg)
	return m, cmd
}

// show shows what the flow chose; with no choice to make, it says why.
func (m Model) show(f choose.Flow, s choose.Step) (Model, tea.Cmd) {
	m.flow = f
	if s.Say.Text != "" {
		m.status = s.Say
	}
	if s.Alone {
		m.stack = m.stack.Keep(0)
	}
	if router.Is[picker.Model](m.stack.Top()) && s.Swap {
		m.stack = m.stack.Drop()
	}
	return m.push(s.Page, s.Init)
}

func (m Model) openForm(in *booking.Intent, opts ...form.Option) (Model, tea.Cmd) {
	return m.push(router.Start(form.New(*m.c, in, opts...)))
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

// startOver hands a kiosk to the next customer.
func (m Model) startOver() (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.kiosk, cmd = m.kiosk.StartOver()
	return m, cmd
}

// back is esc outside a text field: a kiosk's finished errand starts
// over; within the flow, the flow's way back; else the screen below.
func (m Model) back() (Model, tea.Cmd) {
	if m.kiosk.Waiting() {
		return m.startOver()
	}
	if s, ok := m.flow.Back(m.stack); ok {
		return m.show(m.flow, s)
	}
	return m.pop()
}

// canGoBack mirrors back, for the footer.
func (m Model) canGoBack() bool {
	return !m.kiosk.Waiting() && (m.stack.Len() > 1 || router.Is[calendar.Model](m.stack.Top()) && m.flow.Choice())
}

func (m Model) ownsBack() bool {
	_, ok := router.Find[backOwner](m.stack.Top())
	return ok
}

// requestQuit quits, asking first when that would give a hold back or
// leave a booking unanswered.
func (m Model) requestQuit() (Model, tea.Cmd) {
	q, cmd := m.quit.Request(m.holding())
	m.quit, m.showHelp = q, m.showHelp && !q.Asking()
	return m, cmd
}

// holding reports a hold to give back.
func (m Model) holding() bool { return holds.Held(*m.c, m.stack) }

// screen is what is on show, for the kiosk's keys.
func (m Model) screen() selfservice.Screen {
	return selfservice.Screen{Stack: m.stack, Holding: m.holding() || m.c.Session.Unresolved(), Choice: m.flow.Choice()}
}
