package inspector

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the inspector's own keys; esc and quitting are the root's.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
	Open, Close, Copy                     key.Binding
}

// DefaultKeyMap is the inspector's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", " "), key.WithHelp("pgdn", "page down")),
		Home:     key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "first")),
		End:      key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "last")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "request and response")),
		Close:    key.NewBinding(key.WithKeys("esc", "enter"), key.WithHelp("esc", "back to the list")),
		Copy:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy as curl")),
	}
}
