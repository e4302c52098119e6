package agenda

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/common"
)

// KeyMap is the day agenda's keys.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
	PrevDay, NextDay, Today               key.Binding
	Open, Refresh                         key.Binding
}

// DefaultKeyMap is the day agenda's default keys: the slot list's moves,
// the calendar's day keys.
func DefaultKeyMap(p *i18n.Printer) KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), common.Help(p, "↑/k", i18n.KeyUp)),
		Down:     key.NewBinding(key.WithKeys("down", "j"), common.Help(p, "↓/j", i18n.KeyDown)),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), common.Help(p, "pgup", i18n.KeyPageUp)),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), common.Help(p, "pgdn", i18n.KeyPageDown)),
		Home:     key.NewBinding(key.WithKeys("home", "g"), common.Help(p, "g", i18n.KeyFirst)),
		End:      key.NewBinding(key.WithKeys("end", "G"), common.Help(p, "G", i18n.KeyLast)),
		PrevDay:  key.NewBinding(key.WithKeys("left", "h"), common.Help(p, "←/h", i18n.KeyPrevDay)),
		NextDay:  key.NewBinding(key.WithKeys("right", "l"), common.Help(p, "→/l", i18n.KeyNextDay)),
		Today:    key.NewBinding(key.WithKeys("t"), common.Help(p, "t", i18n.KeyToday)),
		Open:     key.NewBinding(key.WithKeys("enter"), common.Help(p, "enter", i18n.KeyHoldOrOpen)),
		Refresh:  key.NewBinding(key.WithKeys("r"), common.Help(p, "r", i18n.KeyRefresh)),
	}
}

// ShortHelp implements help.KeyMap with the keys that work right now.
func (m Model) ShortHelp() []key.Binding {
	if m.ask.Holding() {
		return m.ask.Keys(m.c) // every other key waits for the hold
	}
	open := m.keys.Open
	switch r, ok := m.selected(); {
	case !ok:
		open.SetEnabled(false)
	case r.free:
		open.SetHelp(open.Help().Key, m.c.T(i18n.KeyHoldThisTime))
	default:
		open.SetHelp(open.Help().Key, m.c.T(i18n.KeyOpenBooking))
	}
	day := key.NewBinding(key.WithKeys("h", "l"), common.Help(m.c.Words, "h/l", i18n.KeyDay))
	return []key.Binding{open, day, m.keys.Refresh}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	digits := key.NewBinding(key.WithKeys("0"), common.Help(m.c.Words, "14", i18n.KeyGoTo14))
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, digits},
		{k.PrevDay, k.NextDay, k.Today},
		{k.Open, k.Refresh},
	}
}
