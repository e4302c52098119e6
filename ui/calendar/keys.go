package calendar

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the calendar's keys.
type KeyMap struct {
	Left, Right, Up, Down     key.Binding
	PrevMonth, NextMonth      key.Binding
	Today, NextFree, PrevFree key.Binding
	GoTo, Open, Refresh       key.Binding
}

// DefaultKeyMap is the calendar's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Left:      key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "day")),
		Right:     key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "day")),
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "week")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "week")),
		PrevMonth: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "prev month")),
		NextMonth: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next month")),
		Today:     key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "today")),
		NextFree:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next free day")),
		PrevFree:  key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous free day")),
		GoTo:      key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "go to date")),
		Open:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "see times")),
		Refresh:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
	}
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	if m.Focused() {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}
	}
	// [ and ] are hinted beside the month's title.
	free := key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n/N", "free day"))
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
