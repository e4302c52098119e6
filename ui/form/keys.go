package form

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/common"
)

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

// DefaultKeyMap is the form's default keys, their help in p's language.
func DefaultKeyMap(p *i18n.Printer) KeyMap {
	yes := common.YesKeys(p)
	return KeyMap{
		Next:    key.NewBinding(key.WithKeys("tab", "down", "enter"), common.Help(p, "tab", i18n.KeyNextField)),
		Prev:    key.NewBinding(key.WithKeys("shift+tab", "up"), common.Help(p, "shift+tab", i18n.KeyPrevField)),
		Submit:  key.NewBinding(key.WithKeys("ctrl+s"), common.Help(p, "ctrl+s", i18n.KeyBook)),
		Confirm: key.NewBinding(key.WithKeys("enter"), common.Help(p, "enter", i18n.KeyConfirm)),
		Edit:    key.NewBinding(key.WithKeys("esc"), common.Help(p, "esc", i18n.KeyEdit)),
		Retry:   key.NewBinding(key.WithKeys("enter"), common.Help(p, "enter", i18n.KeyRetry)),
		Release: key.NewBinding(key.WithKeys("esc"), common.Help(p, "esc", i18n.KeyReleaseHold)),
		Yes:     key.NewBinding(key.WithKeys(yes...), common.Help(p, yes[0], i18n.KeyRelease)),
		No:      key.NewBinding(key.WithKeys("n", "N", "esc"), common.Help(p, "n", i18n.KeyKeepHold)),
		Rehold:  key.NewBinding(key.WithKeys("r"), common.Help(p, "r", i18n.KeyHoldAgain)),
		Pick:    key.NewBinding(key.WithKeys("s", "esc"), common.Help(p, "s", i18n.KeyPickAnother)),

		Fill:      key.NewBinding(key.WithKeys("ctrl+r"), common.Help(p, "ctrl+r", i18n.KeyFillCustomer)),
		NextMatch: key.NewBinding(key.WithKeys("ctrl+n"), common.Help(p, "ctrl+n", i18n.KeyNextMatch)),
		AllTime:   key.NewBinding(key.WithKeys("ctrl+o"), common.Help(p, "ctrl+o", i18n.KeySearchAll)),
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
