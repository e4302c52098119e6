package ui

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/devtools"
	"github.com/zimun-app/zimun/ui/holds"
)

// View draws the screen on top in the frame, at exactly the terminal's
// size.
func (m Model) View() string {
	f := m.frame
	if f.TooSmall() {
		return f.TooSmallView()
	}
	body := m.stack.Top().View()
	if m.showHelp {
		body = f.HelpOverlay(m.helpGroups())
	}
	header := f.Header(m.flow.Catalog().Organization.Name, m.stack.Top().Heading(), holds.Left(m.stack, m.c.Now()), m.c.Prefs, m.kiosk.Offers(m.screen)...)
	status := f.Status(m.kiosk.Status(m.quit.Status(m.status)))
	if q := m.quit.Question(); q != "" {
		status = q
	}
	keys, own := m.shortHelp()
	return f.View(header, body, f.Footer(status, f.FitKeys(keys, own, m.c.Keys.Help.Help().Key)))
}

// helpGroups are the keys the help overlay shows: the screen's, the
// global ones, and those of the developer's tools and the kiosk, where
// they work.
func (m Model) helpGroups() [][]key.Binding {
	return append(m.stack.Top().FullHelp(), m.globalKeys(), devtools.Keys(m.c.Keys, m.stack.Top().Model()), m.kiosk.Keys(m.screen))
}

// shortHelp is the screen's keys, then the global ones; own counts the
// screen's.
func (m Model) shortHelp() (keys []key.Binding, own int) {
	switch {
	case m.quit.Asking():
		keys = m.quit.ShortHelp()
		return keys, len(keys)
	case m.showHelp:
		return []key.Binding{key.NewBinding(key.WithKeys("?"), common.Help(m.c.Words, "?/esc", i18n.KeyCloseHelp))}, 1
	}
	keys = m.stack.Top().ShortHelp()
	own = len(keys)
	if m.stack.Top().Focused() {
		return keys, own
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
	return keys, own
}

func (m Model) globalKeys() []key.Binding {
	k := m.c.Keys
	keys := []key.Binding{k.Help}
	if m.canGoBack() {
		keys = append(keys, k.Back)
	}
	if k.MyBooking.Enabled() {
		keys = append(keys, k.MyBooking)
	}
	return append(keys, k.Quit)
}
