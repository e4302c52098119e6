package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/router"
	"github.com/zimun-app/zimun/ui/slots"
)

// What only some screens have.
type (
	// holder has a hold to count down in the header.
	holder interface{ Hold() (model.Hold, bool) }
	// backOwner handles esc itself (clearing a search first, asking first)
	// and sends common.BackMsg when it means back.
	backOwner interface{ OwnsBack() }
	// holdAsker holds slots through slots.HoldCmd (the slot list, the day
	// agenda); its HoldPlacedMsg names its ID.
	holdAsker interface {
		ID() int
		Awaits(slots.HoldMsg) bool
		Holding() bool
	}
)

// push shows p over the screen on show.
func (m Model) push(p router.Page) (Model, tea.Cmd) {
	m.showHelp = false
	m.stack = m.stack.Push(p)
	return m, nil
}

// pop goes back to the screen below, refreshed; back on the desk's
// calendar, its service and location are the desk's again.
func (m Model) pop() (Model, tea.Cmd) {
	if m.stack.Len() < 2 {
		return m, nil
	}
	m.stack = m.stack.Drop()
	if cal, ok := m.stack.Top().Model().(calendar.Model); ok && !cal.Config().Pick {
		h := cal.Heading()
		m.location, m.service = h.Location, h.Service
	}
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
