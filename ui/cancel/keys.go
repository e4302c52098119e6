package cancel

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/common"
)

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
func DefaultKeyMap(p *i18n.Printer) KeyMap {
	return KeyMap{
		Keep:      key.NewBinding(key.WithKeys("esc", "K"), common.Help(p, "esc/K", i18n.KeyKeepIt)),
		CancelNow: key.NewBinding(key.WithKeys("ctrl+x"), common.Help(p, "ctrl+x", i18n.KeyCancelAppointment)),
		Press:     key.NewBinding(key.WithKeys("enter"), common.Help(p, "enter", i18n.KeyChoose)),
		Next:      key.NewBinding(key.WithKeys("tab"), common.Help(p, "tab", i18n.KeyNext)),
		Prev:      key.NewBinding(key.WithKeys("shift+tab"), common.Help(p, "shift+tab", i18n.KeyPrevious)),
		Left:      key.NewBinding(key.WithKeys("left", "h")),
		Right:     key.NewBinding(key.WithKeys("right", "l")),
		Reason:    key.NewBinding(key.WithKeys("r"), common.Help(p, "r", i18n.KeyReason)),
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
