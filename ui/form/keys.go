package form

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the contact form's keys. Which of them are live depends on the
// form's state; Model.ShortHelp lists only those.
type KeyMap struct {
	Next    key.Binding // next field (enter on the last field books)
	Prev    key.Binding
	Submit  key.Binding // review and book from any field
	Confirm key.Binding // in the review line
	Edit    key.Binding // back from the review
	Retry   key.Binding
	Release key.Binding // give the hold up (asks first)
	Yes     key.Binding
	No      key.Binding
	Rehold  key.Binding
	Pick    key.Binding // choose another slot once the hold is gone

	// Returning customers (a desk's keys; off in the kiosk). Control
	// keys, so typing never triggers them, and none a field edits with.
	Fill      key.Binding // fill the offered customer's details
	NextMatch key.Binding // offer the next customer found
	AllTime   key.Binding // search every booking, not only recent ones
}

// DefaultKeyMap is the form's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Next:    key.NewBinding(key.WithKeys("tab", "down", "enter"), key.WithHelp("tab", "next field")),
		Prev:    key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", "previous field")),
		Submit:  key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "book")),
		Confirm: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "confirm")),
		Edit:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "edit")),
		Retry:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "retry")),
		Release: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "release hold")),
		Yes:     key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "release")),
		No:      key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n", "keep the hold")),
		Rehold:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "hold again")),
		Pick:    key.NewBinding(key.WithKeys("s", "esc"), key.WithHelp("s", "pick another slot")),

		Fill:      key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "fill in customer")),
		NextMatch: key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "next match")),
		AllTime:   key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "search all bookings")),
	}
}

// ShortHelp implements help.KeyMap with the editing keys.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Prev, k.Submit, k.Release}
}

// FullHelp implements help.KeyMap: editing, review, and after expiry.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Next, k.Prev, k.Submit, k.Release},
		{k.Confirm, k.Edit, k.Retry},
		{k.Rehold, k.Pick},
	}
}
