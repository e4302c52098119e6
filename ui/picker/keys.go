package picker

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/common"
)

// KeyMap is the picker's keys.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
	Filter, ClearFilter, Choose           key.Binding
}

// DefaultKeyMap is the picker's default keys, their help in p's language.
func DefaultKeyMap(p *i18n.Printer) KeyMap {
	return KeyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k"), common.Help(p, "↑/k", i18n.KeyUp)),
		Down:        key.NewBinding(key.WithKeys("down", "j"), common.Help(p, "↓/j", i18n.KeyDown)),
		PageUp:      key.NewBinding(key.WithKeys("pgup"), common.Help(p, "pgup", i18n.KeyPageUp)),
		PageDown:    key.NewBinding(key.WithKeys("pgdown"), common.Help(p, "pgdn", i18n.KeyPageDown)),
		Home:        key.NewBinding(key.WithKeys("home"), common.Help(p, "home", i18n.KeyFirst)),
		End:         key.NewBinding(key.WithKeys("end"), common.Help(p, "end", i18n.KeyLast)),
		Filter:      key.NewBinding(key.WithKeys("/"), common.Help(p, "/", i18n.KeyFilter)),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), common.Help(p, "esc", i18n.KeyClearFilter)),
		Choose:      key.NewBinding(key.WithKeys("enter"), common.Help(p, "enter", i18n.KeyChoose)),
	}
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	if m.Focused() {
		return []key.Binding{m.keys.Choose, m.keys.ClearFilter}
	}
	return []key.Binding{m.keys.Choose, m.keys.Up, m.keys.Down, m.keys.Filter}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown, m.keys.Home, m.keys.End},
		{m.keys.Filter, m.keys.ClearFilter, m.keys.Choose},
	}
}
