package ui

import (
	"github.com/charmbracelet/bubbles/key"
	"slices"

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
	header := f.Header(m.flow.Catalog().Organization.Name, m.stack.Top().Heading(),
		holds.Left(m.stack, m.c.Now()), m.c.Prefs, m.kiosk.Offers(m.screen)...)
	status := f.Status(m.kiosk.Status(m.quit.Status(m.status)))
	if q := m.quit.Question(); q != "" {
		status = q
	}
	own, global := m.shortHelp()
	return f.View(header, body, f.Footer(status, own, global, m.c.Keys.Help.Help().Key))
}

// helpGroups are the keys the help overlay shows: the screen's, the
// global ones, and those of the developer's tools and the kiosk, where
// they work.
func (m Model) helpGroups() [][]key.Binding {
	top := m.stack.Top()
	groups := top.FullHelp()
	var global []key.Binding
	for _, k := range m.globalKeys() {
		if !slices.ContainsFunc(groups, func(g []key.Binding) bool {
			return slices.ContainsFunc(g, func(o key.Binding) bool { return o.Enabled() && o.Help().Key == k.Help().Key })
		}) {
			global = append(global, k) // a key the screen lists itself is listed once
		}
	}
	return append(groups, global, devtools.Keys(m.c.Keys, top), m.kiosk.Keys(m.screen))
}

// shortHelp is the footer's keys: the screen's, and the global ones
// where they work.
func (m Model) shortHelp() (own, global []key.Binding) {
	switch top := m.stack.Top(); {
	case m.quit.Asking():
		return m.quit.ShortHelp(), nil
	case m.showHelp:
		return []key.Binding{m.frame.CloseHelp()}, nil
	case top.Focused():
		return top.ShortHelp(), nil
	default:
		return top.ShortHelp(), m.globalKeys()
	}
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
