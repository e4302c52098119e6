package reschedule

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the confirm screen's keys.
type KeyMap struct {
	Confirm key.Binding
	Back    key.Binding
}

// DefaultKeyMap is the screen's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Confirm: key.NewBinding(key.WithKeys("enter", "y"), key.WithHelp("enter/y", "move it")),
		Back:    key.NewBinding(key.WithKeys("esc", "n"), key.WithHelp("esc", "pick another time")),
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
