package calendar

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/common"
)

// KeyMap is the calendar's keys.
type KeyMap struct {
	Left, Right, Up, Down     key.Binding
	PrevMonth, NextMonth      key.Binding
	Today, NextFree, PrevFree key.Binding
	GoTo, Open, Refresh       key.Binding
}

// DefaultKeyMap is the calendar's default keys, their help in p's
// language.
func DefaultKeyMap(p *i18n.Printer) KeyMap {
	return KeyMap{
		Left:      key.NewBinding(key.WithKeys("left", "h"), common.Help(p, "←/h", i18n.KeyDay)),
		Right:     key.NewBinding(key.WithKeys("right", "l"), common.Help(p, "→/l", i18n.KeyDay)),
		Up:        key.NewBinding(key.WithKeys("up", "k"), common.Help(p, "↑/k", i18n.KeyWeek)),
		Down:      key.NewBinding(key.WithKeys("down", "j"), common.Help(p, "↓/j", i18n.KeyWeek)),
		PrevMonth: key.NewBinding(key.WithKeys("["), common.Help(p, "[", i18n.KeyPrevMonth)),
		NextMonth: key.NewBinding(key.WithKeys("]"), common.Help(p, "]", i18n.KeyNextMonth)),
		Today:     key.NewBinding(key.WithKeys("t"), common.Help(p, "t", i18n.KeyToday)),
		NextFree:  key.NewBinding(key.WithKeys("n"), common.Help(p, "n", i18n.KeyNextFreeDay)),
		PrevFree:  key.NewBinding(key.WithKeys("N"), common.Help(p, "N", i18n.KeyPrevFreeDay)),
		GoTo:      key.NewBinding(key.WithKeys("g"), common.Help(p, "g", i18n.KeyGoToDate)),
		Open:      key.NewBinding(key.WithKeys("enter"), common.Help(p, "enter", i18n.KeySeeTimes)),
		Refresh:   key.NewBinding(key.WithKeys("r"), common.Help(p, "r", i18n.KeyRefresh)),
	}
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	if m.Focused() {
		p := m.c.Words
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), common.Help(p, "enter", i18n.KeyGo)),
			key.NewBinding(key.WithKeys("esc"), common.Help(p, "esc", i18n.KeyCancel)),
		}
	}
	// [ and ] are hinted beside the month's title.
	free := key.NewBinding(key.WithKeys("n", "N"), common.Help(m.c.Words, "n/N", i18n.KeyFreeDay))
	keys := []key.Binding{m.keys.Open, free, m.keys.GoTo}
	if !m.cfg.Pick {
		keys = append(keys, m.c.Keys.Appointments)
	}
	return keys
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding {
	groups := [][]key.Binding{
		{m.keys.Left, m.keys.Right, m.keys.Up, m.keys.Down},
		{m.keys.PrevMonth, m.keys.NextMonth, m.keys.Today, m.keys.NextFree, m.keys.PrevFree},
		{m.keys.GoTo, m.keys.Open, m.keys.Refresh},
	}
	if !m.cfg.Pick {
		k := m.c.Keys
		groups = append(groups, []key.Binding{k.Appointments, k.Agenda, k.WalkIn, k.Location, k.Service})
	}
	return groups
}
