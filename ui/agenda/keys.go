package agenda

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the day agenda's keys.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
	PrevDay, NextDay, Today               key.Binding
	Open, Refresh                         key.Binding
}

// DefaultKeyMap is the day agenda's default keys: the slot list's moves,
// the calendar's day keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Home:     key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "first")),
		End:      key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "last")),
		PrevDay:  key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "previous day")),
		NextDay:  key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "next day")),
		Today:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "today")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "hold free · open booked")),
		Refresh:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
	}
}

// ShortHelp implements help.KeyMap with the keys that work right now.
func (m Model) ShortHelp() []key.Binding {
	if m.holding {
		// Every other key waits for the hold; say only what still works.
		return []key.Binding{key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit"))}
	}
	open := m.keys.Open
	switch r, ok := m.selected(); {
	case !ok:
		open.SetEnabled(false)
	case r.free:
		open.SetHelp("enter", "hold this time")
	default:
		open.SetHelp("enter", "open booking")
	}
	day := key.NewBinding(key.WithKeys("h", "l"), key.WithHelp("h/l", "day"))
	return []key.Binding{open, day, m.keys.Refresh}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.PrevDay, k.NextDay, k.Today},
		{k.Open, k.Refresh},
	}
}
