package reschedule

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/common"
)

// KeyMap is the confirm screen's keys.
type KeyMap struct {
	Confirm key.Binding
	Back    key.Binding
}

// DefaultKeyMap is the screen's default keys.
func DefaultKeyMap(p *i18n.Printer) KeyMap {
	yes := common.YesKeys(p)
	return KeyMap{
		Confirm: key.NewBinding(key.WithKeys(append([]string{"enter"}, yes...)...), common.Help(p, "enter/"+yes[0], i18n.KeyMoveIt)),
		Back:    key.NewBinding(key.WithKeys("esc", "n"), common.Help(p, "esc", i18n.KeyPickAnotherTime)),
	}
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	if m.state != idle {
		return nil
	}
	return []key.Binding{m.keys.Confirm, m.keys.Back}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
