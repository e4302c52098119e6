package ui

import (
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
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
		body = f.HelpOverlay(append(m.stack.Top().FullHelp(), m.globalKeys(), m.devKeys()))
	}
	var left []time.Duration
	for _, p := range m.stack.Pages() {
		if hd, ok := p.Model().(holder); ok {
			if h, ok := hd.Hold(); ok {
				left = append(left, h.Remaining(m.c.Now()))
			}
		}
	}
	header := f.Header(m.cat.Organization.Name, m.stack.Top().Heading(), left, m.c.Prefs)
	st := m.status
	if !m.startOverAt.IsZero() && st.Text == "" {
		left := max(int((m.startOverAt.Sub(m.c.Now())+time.Second-1)/time.Second), 0)
		st.Text = fmt.Sprintf("This screen clears in %d s for the next customer · enter: done", left)
	}
	status := f.Status(st)
	switch {
	case m.askQuit && m.c.Session.Unresolved():
		status = m.c.Styles.Warn.Render("A booking attempt is still unanswered; quit and keep it for resume?  y/n")
	case m.askQuit:
		status = m.c.Styles.Warn.Render("Quit? The held slot will be released.  y/n")
	}
	return f.View(header, body, f.Footer(status, m.shortHelp()))
}

// shortHelp is the screen's keys, then the global ones.
func (m Model) shortHelp() []key.Binding {
	switch {
	case m.askQuit:
		yes := "release and quit"
		if m.c.Session.Unresolved() {
			yes = "quit, resume later"
		}
		return []key.Binding{
			key.NewBinding(key.WithKeys("y"), key.WithHelp("y", yes)),
			key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "stay")),
		}
	case m.showHelp:
		return []key.Binding{key.NewBinding(key.WithKeys("?"), key.WithHelp("?/esc", "close help"))}
	}
	keys := m.stack.Top().ShortHelp()
	if m.stack.Top().Focused() {
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
