package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/inspector"
	"github.com/zimun-app/zimun/ui/picker"
	"github.com/zimun-app/zimun/ui/router"
)

// devTools opens the developer's tools from their keys, over any screen
// but a picker, where letters filter.
func (m Model) devTools(msg tea.KeyMsg) (tea.Model, tea.Cmd, bool) {
	if _, picking := m.stack.Top().Model().(picker.Model); picking {
		return m, nil, false
	}
	switch keys := m.c.Keys; {
	case key.Matches(msg, keys.Inspector):
		next, cmd := m.openDevTool(common.OpenInspectorMsg{})
		return next, cmd, true
	}
	return m, nil, false
}

// devKeys are the developer's tools' keys for the footer, where they work.
func (m Model) devKeys() []key.Binding {
	if _, picking := m.stack.Top().Model().(picker.Model); picking {
		return nil
	}
	return []key.Binding{m.c.Keys.Inspector}
}

// openDevTool shows a developer's tool, or does what it asked.
func (m Model) openDevTool(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg.(type) {
	case common.OpenInspectorMsg:
		if _, ok := m.stack.Top().Model().(inspector.Model); ok || !m.c.Keys.Inspector.Enabled() {
			return m, nil
		}
		in := inspector.New(m.c)
		next, cmd := m.push(router.PageFor(in))
		return next, tea.Batch(cmd, in.Init())
	}
	return m, nil
}
