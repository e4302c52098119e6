package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
)

// deskKeys are the root's own keys on the booking screens: they leave the
// screen, so the root handles them rather than the screen.
type deskKeys struct {
	Appointments key.Binding
	WalkIn       key.Binding
	Location     key.Binding
	Service      key.Binding
}

func defaultDeskKeys() deskKeys {
	return deskKeys{
		Appointments: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "appointments")),
		WalkIn:       key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "walk-in")),
		Location:     key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "change location")),
		Service:      key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "change service")),
	}
}

// keyList is a fixed set of keys as a help.KeyMap.
type keyList []key.Binding

func (k keyList) ShortHelp() []key.Binding  { return k }
func (k keyList) FullHelp() [][]key.Binding { return [][]key.Binding{k} }

// withKeys adds the root's keys to a screen's help: short ones to the
// footer, all of them as one more group in the full help.
type withKeys struct {
	inner   help.KeyMap
	short   []key.Binding
	full    []key.Binding
	focused bool // a text field has the keys: the root's do not apply
}

func (w withKeys) ShortHelp() []key.Binding {
	keys := w.inner.ShortHelp()
	if w.focused {
		return keys
	}
	return append(keys[:len(keys):len(keys)], w.short...)
}

func (w withKeys) FullHelp() [][]key.Binding {
	groups := w.inner.FullHelp()
	if w.focused || len(w.full) == 0 {
		return groups
	}
	return append(groups[:len(groups):len(groups)], w.full)
}
