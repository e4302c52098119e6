package slots

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/common"
)

// KeyMap is the slot list's keys.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
	Hold, Refresh, NextFree, PrevFree     key.Binding
}

// DefaultKeyMap is the slot list's default keys, their help in p's
// language.
func DefaultKeyMap(p *i18n.Printer) KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), common.Help(p, "↑/k", i18n.KeyUp)),
		Down:     key.NewBinding(key.WithKeys("down", "j"), common.Help(p, "↓/j", i18n.KeyDown)),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), common.Help(p, "pgup", i18n.KeyPageUp)),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), common.Help(p, "pgdn", i18n.KeyPageDown)),
		Home:     key.NewBinding(key.WithKeys("home"), common.Help(p, "home", i18n.KeyFirst)),
		End:      key.NewBinding(key.WithKeys("end"), common.Help(p, "end", i18n.KeyLast)),
		Hold:     key.NewBinding(key.WithKeys("enter"), common.Help(p, "enter", i18n.KeyHoldThisTime)),
		Refresh:  key.NewBinding(key.WithKeys("r"), common.Help(p, "r", i18n.KeyRefresh)),
		NextFree: key.NewBinding(key.WithKeys("n"), common.Help(p, "n", i18n.KeyNextFreeDay)),
		PrevFree: key.NewBinding(key.WithKeys("N"), common.Help(p, "N", i18n.KeyPrevFreeDay)),
	}
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	var keys []key.Binding
	switch {
	case m.ask.Holding():
		return m.ask.Keys(m.c) // every other key waits for the hold
	case len(m.slots) == 0:
		keys = []key.Binding{m.keys.NextFree, m.keys.Refresh}
	default:
		keys = []key.Binding{m.keys.Hold, m.keys.Up, m.keys.Down, m.keys.Refresh}
	}
	if !m.cfg.Pick {
		keys = append(keys, m.c.Keys.Appointments)
	}
	return keys
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding {
	digits := key.NewBinding(key.WithKeys("0"), common.Help(m.c.Words, "14", i18n.KeyGoTo14))
	groups := [][]key.Binding{
		{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown, m.keys.Home, m.keys.End, digits},
		{m.keys.Hold, m.keys.Refresh, m.keys.NextFree, m.keys.PrevFree},
	}
	if !m.cfg.Pick {
		groups = append(groups, []key.Binding{m.c.Keys.Appointments})
	}
	return groups
}
