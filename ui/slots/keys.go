package slots

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the slot list's keys.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
	Hold, Refresh, NextFree, PrevFree     key.Binding
}

// DefaultKeyMap is the slot list's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Home:     key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first")),
		End:      key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last")),
		Hold:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "hold this time")),
		Refresh:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		NextFree: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next free day")),
		PrevFree: key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous free day")),
	}
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	var keys []key.Binding
	switch {
	case m.holding:
		// Every other key waits for the hold; say only what still works.
		return []key.Binding{key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit"))}
	case len(m.slots) == 0:
		keys = []key.Binding{m.keys.NextFree, m.keys.Refresh}
	default:
		keys = []key.Binding{m.keys.Up, m.keys.Down, m.keys.Hold, m.keys.Refresh}
	}
	if !m.cfg.Pick {
		keys = append(keys, m.c.Keys.Appointments)
	}
	return keys
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding {
	digits := key.NewBinding(key.WithKeys("0"), key.WithHelp("14", "go to 14:00"))
	groups := [][]key.Binding{
		{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown, m.keys.Home, m.keys.End, digits},
		{m.keys.Hold, m.keys.Refresh, m.keys.NextFree, m.keys.PrevFree},
	}
	if !m.cfg.Pick {
		groups = append(groups, []key.Binding{m.c.Keys.Appointments})
	}
	return groups
}
