package appointments

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/common"
)

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

// DefaultKeyMap is the screen's default keys, their help in p's language.
func DefaultKeyMap(p *i18n.Printer) KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), common.Help(p, "↑/k", i18n.KeyUp)),
		Down:     key.NewBinding(key.WithKeys("down", "j"), common.Help(p, "↓/j", i18n.KeyDown)),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), common.Help(p, "pgup", i18n.KeyPageUp)),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), common.Help(p, "pgdn", i18n.KeyPageDown)),
		Top:      key.NewBinding(key.WithKeys("home", "g"), common.Help(p, "g", i18n.KeyFirst)),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), common.Help(p, "G", i18n.KeyLast)),

		Today:    key.NewBinding(key.WithKeys("1"), common.Help(p, "1", i18n.KeyToday)),
		Next7:    key.NewBinding(key.WithKeys("2"), common.Help(p, "2", i18n.KeyNext7)),
		Upcoming: key.NewBinding(key.WithKeys("3"), common.Help(p, "3", i18n.KeyAllUpcoming)),
		Past7:    key.NewBinding(key.WithKeys("4"), common.Help(p, "4", i18n.KeyPast7)),
		Status:   key.NewBinding(key.WithKeys("s"), common.Help(p, "s", i18n.KeyStatus)),
		Location: key.NewBinding(key.WithKeys("L"), common.Help(p, "L", i18n.KeyLocation)),
		Search:   key.NewBinding(key.WithKeys("/"), common.Help(p, "/", i18n.KeySearch)),
		History:  key.NewBinding(key.WithKeys("H"), common.Help(p, "H", i18n.KeyDeskHistory)),

		Reschedule: key.NewBinding(key.WithKeys("R"), common.Help(p, "R", i18n.KeyReschedule)),
		Cancel:     key.NewBinding(key.WithKeys("X"), common.Help(p, "X", i18n.KeyCancelDots)),
		Export:     key.NewBinding(key.WithKeys("e"), common.Help(p, "e", i18n.KeyExportICS)),
		Refresh:    key.NewBinding(key.WithKeys("r"), common.Help(p, "r", i18n.KeyRefresh)),
		WalkIn:     key.NewBinding(key.WithKeys("w"), common.Help(p, "w", i18n.KeyWalkIn)),

		Back: key.NewBinding(key.WithKeys("esc"), common.Help(p, "esc", i18n.KeyBack)),

		Submit: key.NewBinding(key.WithKeys("enter"), common.Help(p, "enter", i18n.KeyDone)),
		Clear:  key.NewBinding(key.WithKeys("esc"), common.Help(p, "esc", i18n.KeyClear)),
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
		p := m.c.Words
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), common.Help(p, "enter", i18n.KeyLookUp)),
			key.NewBinding(key.WithKeys("esc"), common.Help(p, "esc", i18n.KeyLeaveField)),
		}
	}
	search := m.keys.Search
	if m.noList != "" && m.tab == tabList {
		search.SetHelp("/", m.c.T(i18n.KeyLookUpByID))
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
