package confirmation

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/common"
)

// KeyMap is the confirmation card's own keys; quitting is the root's.
type KeyMap struct {
	New key.Binding
}

// DefaultKeyMap is the card's default keys, their help in p's language.
func DefaultKeyMap(p *i18n.Printer) KeyMap {
	return KeyMap{
		New: key.NewBinding(key.WithKeys("n"), common.Help(p, "n", i18n.KeyNewBooking)),
	}
}
