package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/ui/availmap"
	"github.com/zimun-app/zimun/ui/calendar"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/inspector"
	"github.com/zimun-app/zimun/ui/picker"
	"github.com/zimun-app/zimun/ui/router"
)

// devTools opens the developer's tools from their keys, over any screen
// but a picker, where letters filter.
func (m Model) devTools(msg tea.KeyMsg) (Model, tea.Cmd, bool) {
	if _, picking := m.stack.Top().Model().(picker.Model); picking {
		return m, nil, false
	}
	switch keys := m.c.Keys; {
	case key.Matches(msg, keys.Inspector):
		next, cmd := m.openDevTool(common.OpenInspectorMsg{})
		return next, cmd, true
	case key.Matches(msg, keys.AvailabilityMap):
		next, cmd := m.openDevTool(common.OpenAvailabilityMapMsg{})
		return next, cmd, true
	}
	return m, nil, false
}

// devKeys are the developer's tools' keys for the footer, where they work.
func (m Model) devKeys() []key.Binding {
	if _, picking := m.stack.Top().Model().(picker.Model); picking {
		return nil
	}
	return []key.Binding{m.c.Keys.Inspector, m.c.Keys.AvailabilityMap}
}

// openDevTool shows a developer's tool, or does what it asked.
func (m Model) openDevTool(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.OpenInspectorMsg:
		if _, ok := m.stack.Top().Model().(inspector.Model); ok || !m.c.Keys.Inspector.Enabled() {
			return m, nil
		}
		in := inspector.New(m.c)
		next, cmd := m.push(router.PageFor(in))
		return next, tea.Batch(cmd, in.Init())
	case common.OpenAvailabilityMapMsg:
		if _, ok := m.stack.Top().Model().(availmap.Model); ok || !m.c.Keys.AvailabilityMap.Enabled() {
			return m, nil
		}
		am := availmap.New(m.c, availmap.Options{Service: m.service, Location: m.location})
		next, cmd := m.push(router.PageFor(am))
		return next, tea.Batch(cmd, am.Init())
	case availmap.OpenDayMsg:
		return m.openCalendar(calendar.Config{Service: msg.Service, Location: msg.Location, Date: msg.Date}, true)
	}
	return m, nil
}
