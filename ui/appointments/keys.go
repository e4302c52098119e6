package appointments

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the Appointments screen's keys.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding

	Today, Next7, Upcoming, Past7 key.Binding // date range of the list
	Status                        key.Binding // all -> confirmed -> cancelled
	Location                      key.Binding // all -> each location -> all
	Search                        key.Binding // search, or look up by id without the list
	History                       key.Binding // list <-> desk history

	Reschedule, Cancel, Export, Refresh, WalkIn key.Binding

	Back key.Binding

	// In the search or id input.
	Submit, Clear key.Binding
}

// DefaultKeyMap is the screen's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "first")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "last")),

		Today:    key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "today")),
		Next7:    key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "next 7 days")),
		Upcoming: key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "all upcoming")),
		Past7:    key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "past 7 days")),
		Status:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "status")),
		Location: key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "location")),
		Search:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		History:  key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "desk history")),

		Reschedule: key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "reschedule")),
		Cancel:     key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "cancel…")),
		Export:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export .ics")),
		Refresh:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		WalkIn:     key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "walk-in")),

		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),

		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "done")),
		Clear:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear")),
	}
}

// ShortHelp implements help.KeyMap with the keys that work right now.
func (m Model) ShortHelp() []key.Binding {
	switch {
	case m.dialogOpen:
		return m.dialog.ShortHelp()
	case m.search.Focused():
		return []key.Binding{m.keys.Submit, m.keys.Clear}
	case m.idInput.Focused():
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "look up")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave the field")),
		}
	}
	search := m.keys.Search
	if m.noList != "" && m.tab == tabList {
		search.SetHelp("/", "look up by id")
	}
	return []key.Binding{search, m.keys.Reschedule, m.keys.Cancel, m.keys.Export, m.keys.History, m.keys.Back}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Today, k.Next7, k.Upcoming, k.Past7, k.Status, k.Location, k.Search},
		{k.Reschedule, k.Cancel, k.Export, k.Refresh, m.c.Keys.Agenda, k.WalkIn},
		{k.History, k.Back},
	}
}
