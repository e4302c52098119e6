package confirmation

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the confirmation card's keys.
type KeyMap struct {
	New  key.Binding
	Quit key.Binding // handled by the root; listed so help is complete
}

// DefaultKeyMap is the card's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		New:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new booking")),
		Quit: key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.New, k.Quit} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
