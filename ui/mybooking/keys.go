package mybooking

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the screen's keys; which are live depends on its state.
type KeyMap struct {
	Next, Prev, Find, Back key.Binding
	Move, Cancel, Other    key.Binding
	Yes, No                key.Binding
}

// DefaultKeyMap is the screen's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Next:   key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", "next field")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", "previous field")),
		Find:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "find my booking")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Move:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reschedule")),
		Cancel: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "cancel it")),
		Other:  key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "another booking")),
		Yes:    key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes, cancel it")),
		No:     key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n", "keep it")),
	}
}
