package availmap

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/common"
)

// KeyMap is the map's own keys; esc and quitting are the root's.
type KeyMap struct {
	Left, Right, Up, Down key.Binding
	Today                 key.Binding
	Open                  key.Binding
	Group                 key.Binding
	Refresh               key.Binding
}

// DefaultKeyMap is the map's default keys.
func DefaultKeyMap(p *i18n.Printer) KeyMap {
	return KeyMap{
		Left:    key.NewBinding(key.WithKeys("left", "h"), common.Help(p, "←/h", i18n.KeyDay)),
		Right:   key.NewBinding(key.WithKeys("right", "l"), common.Help(p, "→/l", i18n.KeyDay)),
		Up:      key.NewBinding(key.WithKeys("up", "k"), common.Help(p, "↑/k", i18n.KeyRow)),
		Down:    key.NewBinding(key.WithKeys("down", "j"), common.Help(p, "↓/j", i18n.KeyRow)),
		Today:   key.NewBinding(key.WithKeys("t"), common.Help(p, "t", i18n.KeyToday)),
		Open:    key.NewBinding(key.WithKeys("enter"), common.Help(p, "enter", i18n.KeyOpenDay)),
		Group:   key.NewBinding(key.WithKeys("v"), common.Help(p, "v", i18n.KeyGroup)),
		Refresh: key.NewBinding(key.WithKeys("r"), common.Help(p, "r", i18n.KeyRefresh)),
	}
}
