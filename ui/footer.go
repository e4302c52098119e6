package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"
)

// footer is the one status/error line and the short help.
func (m Model) footer() string {
	st := m.c.Styles
	pad := strings.Repeat(" ", bodyPadX)
	inner := max(m.width-2*bodyPadX, 0)
	var status string
	switch {
	case m.askQuit && m.quitKeep:
		status = st.Warn.Render("A booking attempt is still unanswered; quit and keep it for resume?  y/n")
	case m.askQuit:
		status = st.Warn.Render("Quit? The held slot will be released.  y/n")
	case m.statusErr:
		status = st.Error.Render("✕ " + m.status)
	case m.statusWarn:
		status = st.Warn.Render("! " + m.status)
	case m.status != "":
		status = st.Status.Render(m.status)
	}
	// help.ShortHelpView can overflow by one item when its "…" does not fit.
	return pad + ansi.Truncate(status, inner, "…") + "\n" + pad + ansi.Truncate(m.help.ShortHelpView(m.shortHelp()), inner, "…")
}

// shortHelp is the active screen's keys, then the global ones.
func (m Model) shortHelp() []key.Binding {
	if m.askQuit {
		yes := "release and quit"
		if m.quitKeep {
			yes = "quit, resume later"
		}
		return []key.Binding{
			key.NewBinding(key.WithKeys("y"), key.WithHelp("y", yes)),
			key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "stay")),
		}
	}
	if m.showHelp {
		return []key.Binding{key.NewBinding(key.WithKeys("?"), key.WithHelp("?/esc", "close help"))}
	}
	if m.screen == scrSlots && m.holdInFlight() {
		// Every other key waits for the hold; say only what still works.
		return []key.Binding{key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit"))}
	}
	keys := m.activeKeys().ShortHelp()
	if m.activeFocused() {
		return keys
	}
	seen := map[string]bool{}
	for _, k := range keys {
		seen[k.Help().Key] = true
	}
	for _, k := range m.globalKeys() {
		if !seen[k.Help().Key] {
			keys = append(keys, k)
		}
	}
	return keys
}

func (m Model) globalKeys() []key.Binding {
	keys := []key.Binding{m.keys.Help}
	if m.canGoBack() {
		keys = append(keys, m.keys.Back)
	}
	return append(keys, m.keys.Quit)
}

// canGoBack mirrors back; the screens that handle esc themselves list it.
func (m Model) canGoBack() bool {
	switch m.screen {
	case scrSlots, scrConfirmation, scrRsCalendar, scrRsSlots:
		return true
	case scrCalendar:
		return len(m.offered(m.location)) > 1 || len(m.locations) > 1
	case scrServices:
		return len(m.locations) > 1 || m.hasCal
	case scrLocations:
		return m.hasCal
	}
	return false
}
