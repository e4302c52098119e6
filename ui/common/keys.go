package common

import "github.com/charmbracelet/bubbles/key"

// KeyMap holds the keys that work on every screen, and the desk's keys
// that leave a booking screen for another part of the desk (off in kiosk
// mode, so they neither work nor show in help).
type KeyMap struct {
	Help key.Binding
	Back key.Binding
	Quit key.Binding

	Appointments key.Binding
	Agenda       key.Binding
	WalkIn       key.Binding
	Location     key.Binding
	Service      key.Binding
	MyBooking    key.Binding // the kiosk's, off at the desk

	// The developer's tools: off in the kiosk (DisableDeskTools).
	Inspector       key.Binding
	AvailabilityMap key.Binding
}

// DefaultKeyMap is the global keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Help: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Quit: key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),

		Appointments: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "appointments")),
		Agenda:       key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "day agenda")),
		WalkIn:       key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "walk-in")),
		Location:     key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "change location")),
		Service:      key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "change service")),
		MyBooking:    key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "my booking"), key.WithDisabled()),

		Inspector:       key.NewBinding(key.WithKeys("I"), key.WithHelp("I", "API calls")),
		AvailabilityMap: key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "availability map")),
	}
}

// KioskKeyMap is the keys of a customer at a kiosk: none of the desk's
// or the developer's, and "my booking".
func KioskKeyMap() KeyMap {
	k := DefaultKeyMap()
	k.Appointments.SetEnabled(false)
	k.WalkIn.SetEnabled(false)
	k.Agenda.SetEnabled(false)
	k.MyBooking.SetEnabled(true)
	k.DisableDeskTools()
	return k
}

// DisableDeskTools turns off the developer's tools (the request inspector
// and the availability map): they neither work nor show in help.
func (k *KeyMap) DisableDeskTools() {
	k.Inspector.SetEnabled(false)
	k.AvailabilityMap.SetEnabled(false)
}
