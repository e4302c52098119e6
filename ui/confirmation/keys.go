package confirmation

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the confirmation card's own keys; quitting is the root's.
type KeyMap struct {
	New key.Binding
}

// DefaultKeyMap is the card's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		New: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new booking")),
	}
}
