package ui

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/zimun-app/zimun/ui/devtools"
	"github.com/zimun-app/zimun/ui/frame"
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
	header := f.Header(m.flow.Catalog().Organization.Name, m.stack.Top().Heading(),
		holds.Left(m.stack, m.c.Now()), m.c.Prefs, m.kiosk.Offers(m.screen)...)
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
	top := m.stack.Top()
	return append(top.FullHelp(), m.globalKeys(), devtools.Keys(m.c.Keys, top), m.kiosk.Keys(m.screen))
}

// shortHelp is the screen's keys, then the global ones; own counts the
// screen's.
func (m Model) shortHelp() (keys []key.Binding, own int) {
	switch top := m.stack.Top(); {
	case m.quit.Asking():
		keys = m.quit.ShortHelp()
	case m.showHelp:
		keys = []key.Binding{m.frame.CloseHelp()}
	case top.Focused():
		keys = top.ShortHelp()
	default:
		keys = top.ShortHelp()
		return frame.WithGlobal(keys, m.globalKeys()), len(keys)
	}
	return keys, len(keys)
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
