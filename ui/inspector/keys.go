package inspector

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/common"
)

// KeyMap is the inspector's own keys; esc and quitting are the root's.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
	Open, Close, Copy                     key.Binding
}

// DefaultKeyMap is the inspector's default keys.
func DefaultKeyMap(p *i18n.Printer) KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), common.Help(p, "↑/k", i18n.KeyUp)),
		Down:     key.NewBinding(key.WithKeys("down", "j"), common.Help(p, "↓/j", i18n.KeyDown)),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), common.Help(p, "pgup", i18n.KeyPageUp)),
		PageDown: key.NewBinding(key.WithKeys("pgdown", " "), common.Help(p, "pgdn", i18n.KeyPageDown)),
		Home:     key.NewBinding(key.WithKeys("home", "g"), common.Help(p, "g", i18n.KeyFirst)),
		End:      key.NewBinding(key.WithKeys("end", "G"), common.Help(p, "G", i18n.KeyLast)),
		Open:     key.NewBinding(key.WithKeys("enter"), common.Help(p, "enter", i18n.KeyRequestResponse)),
		Close:    key.NewBinding(key.WithKeys("esc", "enter"), common.Help(p, "esc", i18n.KeyBackToList)),
		Copy:     key.NewBinding(key.WithKeys("c"), common.Help(p, "c", i18n.KeyCopyCurl)),
	}
}
