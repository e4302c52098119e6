package cancel

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the dialog's keys. Keep is the default and sits on the keys a
// hurried user presses (enter, esc); cancelling needs ctrl+x or moving to
// the Cancel button first, so no single slip cancels a booking.
type KeyMap struct {
	Keep      key.Binding // keep the appointment, close the dialog
	CancelNow key.Binding // cancel the appointment from anywhere in the dialog
	Press     key.Binding // activate the highlighted button
	Next      key.Binding // reason -> Keep -> Cancel
	Prev      key.Binding
	Left      key.Binding
	Right     key.Binding
	Reason    key.Binding // jump to the reason field
}

// DefaultKeyMap is the dialog's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Keep:      key.NewBinding(key.WithKeys("esc", "K"), key.WithHelp("esc/K", "keep it")),
		CancelNow: key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "cancel appointment")),
		Press:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Next:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next")),
		Prev:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		Left:      key.NewBinding(key.WithKeys("left", "h")),
		Right:     key.NewBinding(key.WithKeys("right", "l")),
		Reason:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reason")),
	}
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	if m.state == working {
		return nil
	}
	return []key.Binding{m.keys.Press, m.keys.Keep, m.keys.CancelNow, m.keys.Next}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Press, m.keys.Keep, m.keys.CancelNow}, {m.keys.Next, m.keys.Prev, m.keys.Reason}}
}
