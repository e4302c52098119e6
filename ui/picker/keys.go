package picker

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the picker's keys.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
	Filter, ClearFilter, Choose           key.Binding
}

// DefaultKeyMap is the picker's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:      key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Home:        key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first")),
		End:         key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last")),
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Choose:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
	}
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	if m.Focused() {
		return []key.Binding{m.keys.Choose, m.keys.ClearFilter}
	}
	return []key.Binding{m.keys.Up, m.keys.Down, m.keys.Filter, m.keys.Choose}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown, m.keys.Home, m.keys.End},
		{m.keys.Filter, m.keys.ClearFilter, m.keys.Choose},
	}
}
