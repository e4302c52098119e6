package common

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/zimun-app/zimun/i18n"
)

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

	// The kiosk's first screen's: the accessible mode, for a screen
	// reader, and the other language. Off at the desk.
	ScreenReader key.Binding
	Language     key.Binding

	// The developer's tools: off in the kiosk (DisableDeskTools).
	Inspector       key.Binding
	AvailabilityMap key.Binding
}

// Help is key.WithHelp in p's language: the keys as its keyboards name
// them ("shift+tab", "maj+tab") and what they do.
func Help(p *i18n.Printer, keys string, does i18n.Key, args ...any) key.BindingOpt {
	return key.WithHelp(p.KeyName(keys), p.T(does, args...))
}

// The kiosk's keys for the accessible mode and the other language:
// function and control keys, which no terminal multiplexer takes (unlike
// ctrl+a and ctrl+b) and which never type into the picker's filter.
const (
	ScreenReaderKey = "f2"
	LanguageKey     = "ctrl+l"
)

// DefaultKeyMap is the global keys, in p's language.
func DefaultKeyMap(p *i18n.Printer) KeyMap {
	other := i18n.French
	if p.Lang() == i18n.French {
		other = i18n.English
	}
	return KeyMap{
		Help: key.NewBinding(key.WithKeys("?"), Help(p, "?", i18n.KeyHelp)),
		Back: key.NewBinding(key.WithKeys("esc"), Help(p, "esc", i18n.KeyBack)),
		Quit: key.NewBinding(key.WithKeys("q", "ctrl+c"), Help(p, "q", i18n.KeyQuit)),

		Appointments: key.NewBinding(key.WithKeys("a"), Help(p, "a", i18n.KeyAppointments)),
		Agenda:       key.NewBinding(key.WithKeys("d"), Help(p, "d", i18n.KeyAgenda)),
		WalkIn:       key.NewBinding(key.WithKeys("w"), Help(p, "w", i18n.KeyWalkIn)),
		Location:     key.NewBinding(key.WithKeys("L"), Help(p, "L", i18n.KeyChangeLocation)),
		Service:      key.NewBinding(key.WithKeys("S"), Help(p, "S", i18n.KeyChangeService)),
		MyBooking:    key.NewBinding(key.WithKeys("m"), Help(p, "m", i18n.KeyMyBooking), key.WithDisabled()),

		ScreenReader: key.NewBinding(key.WithKeys(ScreenReaderKey), Help(p, ScreenReaderKey, i18n.KeyScreenReader), key.WithDisabled()),
		// Named in the language it switches to, for whoever reads only that.
		Language: key.NewBinding(key.WithKeys(LanguageKey),
			key.WithHelp(p.KeyName(LanguageKey), i18n.LanguageName(other)), key.WithDisabled()),

		Inspector:       key.NewBinding(key.WithKeys("I"), Help(p, "I", i18n.KeyInspector)),
		AvailabilityMap: key.NewBinding(key.WithKeys("M"), Help(p, "M", i18n.KeyAvailabilityMap)),
	}
}

// KioskKeyMap is the keys of a customer at a kiosk: none of the desk's
// or the developer's, and "my booking".
func KioskKeyMap(p *i18n.Printer) KeyMap {
	k := DefaultKeyMap(p)
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

// YesKeys are the keys that answer yes: y, and o (oui) in French.
func YesKeys(p *i18n.Printer) []string {
	if p.Lang() == i18n.French {
		return []string{"o", "O", "y", "Y"}
	}
	return []string{"y", "Y"}
}
