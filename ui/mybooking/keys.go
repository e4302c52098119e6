package mybooking

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/common"
)

// KeyMap is the screen's keys; which are live depends on its state.
type KeyMap struct {
	Next, Prev, Find, Back key.Binding
	Move, Cancel, Other    key.Binding
	Yes, No                key.Binding
}

// DefaultKeyMap is the screen's default keys.
func DefaultKeyMap(p *i18n.Printer) KeyMap {
	yes := common.YesKeys(p)
	return KeyMap{
		Next:   key.NewBinding(key.WithKeys("tab", "down"), common.Help(p, "tab", i18n.KeyNextField)),
		Prev:   key.NewBinding(key.WithKeys("shift+tab", "up"), common.Help(p, "shift+tab", i18n.KeyPrevField)),
		Find:   key.NewBinding(key.WithKeys("enter"), common.Help(p, "enter", i18n.KeyFindMyBooking)),
		Back:   key.NewBinding(key.WithKeys("esc"), common.Help(p, "esc", i18n.KeyBack)),
		Move:   key.NewBinding(key.WithKeys("r"), common.Help(p, "r", i18n.KeyReschedule)),
		Cancel: key.NewBinding(key.WithKeys("x"), common.Help(p, "x", i18n.KeyCancelIt)),
		Other:  key.NewBinding(key.WithKeys("o"), common.Help(p, "o", i18n.KeyAnotherBooking)),
		Yes:    key.NewBinding(key.WithKeys(yes...), common.Help(p, yes[0], i18n.KeyYesCancelIt)),
		No:     key.NewBinding(key.WithKeys("n", "N", "esc"), common.Help(p, "n", i18n.KeyKeepIt)),
	}
}
