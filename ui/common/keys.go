package common

import "github.com/charmbracelet/bubbles/key"

// KeyMap holds the keys that work on every screen.
type KeyMap struct {
	Help key.Binding
	Back key.Binding
	Quit key.Binding
}

// DefaultKeyMap is the global keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Help: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Quit: key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}
