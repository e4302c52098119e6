package common

import "github.com/charmbracelet/bubbles/key"

// KeyMap holds the keys that work on every screen, and the desk's keys
// that leave a booking screen for another part of the desk (off in kiosk
// mode, so they neither work nor show in help).
type KeyMap struct {
	Help key.Binding
	Back key.Binding
	Quit key.Binding

	Appointments key.Binding
	Agenda       key.Binding
	WalkIn       key.Binding
	Location     key.Binding
	Service      key.Binding
}

// DefaultKeyMap is the global keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Help: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Quit: key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),

		Appointments: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "appointments")),
		Agenda:       key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "day agenda")),
		WalkIn:       key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "walk-in")),
		Location:     key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "change location")),
		Service:      key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "change service")),
	}
}
