package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/countdown"
)

// Frame sizes: the header is a title line and a rule; the footer a status
// line and a help line; the body has one column of padding each side.
const (
	headerHeight = 2
	footerHeight = 2
	bodyPadX     = 1
	minWidth     = 80
	minHeight    = 24
)

func (m Model) bodyWidth() int  { return max(m.width-2*bodyPadX, 1) }
func (m Model) bodyHeight() int { return max(m.height-headerHeight-footerHeight, 1) }
func (m Model) tooSmall() bool  { return m.width < minWidth || m.height < minHeight }

// View draws header, body and footer at exactly the terminal's size.
func (m Model) View() string {
	if m.tooSmall() {
		msg := fmt.Sprintf("Terminal too small: %d×%d needed, this is %d×%d\n\nEnlarge the window, or press q to quit.",
			minWidth, minHeight, m.width, m.height)
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center,
			m.c.Styles.Warn.Render(msg), lipgloss.WithWhitespaceChars(" "))
	}
	return m.header() + "\n" + m.fit(m.body()) + "\n" + m.footer()
}

// fit pads or cuts the body to its box so the footer never moves.
func (m Model) fit(body string) string {
	w, h := m.bodyWidth(), m.bodyHeight()
	lines := strings.Split(body, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	pad := strings.Repeat(" ", bodyPadX)
	var b strings.Builder
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(pad + ansi.Truncate(lines[i], w, "…"))
		}
	}
	return b.String()
}

func (m Model) body() string {
	st := m.c.Styles
	switch {
	case m.showHelp:
		groups := append(m.top().FullHelp(), m.globalKeys())
		box := st.Dialog.Render(st.Title.Render("Keys") + "\n\n" + m.help.FullHelpView(groups))
		return lipgloss.Place(m.bodyWidth(), m.bodyHeight(), lipgloss.Center, lipgloss.Center, box)
	case len(m.stack) > 0:
		return m.top().View()
	case m.catErr:
		return st.Text.Render("Couldn't load the locations and services from Zimun.") + "\n\n" + st.Faint.Render("r: try again · q: quit")
	}
	return st.Faint.Render("Connecting to Zimun…")
}

// header is the title line (organisation · what is on show, then the hold
// countdown and the badge) and a rule under it.
func (m Model) header() string {
	st := m.c.Styles
	org := m.cat.Organization.Name
	if org == "" {
		org = "Zimun"
	}
	parts := []string{st.Title.Render(model.Sanitize(org))}
	h := m.top().Heading()
	if h.Label != "" {
		parts = append(parts, st.Accent.Render(h.Label))
	}
	if h.Location.ID != "" {
		parts = append(parts, st.Text.Render(model.Sanitize(h.Location.Name)))
	}
	if h.Service.ID != "" {
		parts = append(parts, st.Text.Render(fmt.Sprintf("%s (%d min)", model.Sanitize(h.Service.Name), h.Service.DurationMinutes)))
	}
	left := strings.Join(parts, st.Faint.Render(" · "))

	var right []string
	for _, p := range m.stack {
		if hd, ok := p.model().(holder); ok {
			if hold, ok := hd.Hold(); ok {
				right = append(right, countdown.Short(st, hold.Remaining(m.c.Now())))
			}
		}
	}
	if m.c.Prefs.Demo {
		right = append(right, st.DemoBadge.Render("DEMO"))
	} else {
		right = append(right, st.LiveBadge.Render("LIVE"))
	}
	r := strings.Join(right, "  ")

	inner := m.width - 2*bodyPadX
	left = ansi.Truncate(left, max(inner-lipgloss.Width(r)-1, 0), "…")
	gap := max(inner-lipgloss.Width(left)-lipgloss.Width(r), 1)
	line := strings.Repeat(" ", bodyPadX) + left + strings.Repeat(" ", gap) + r
	return line + "\n" + st.Faint.Render(strings.Repeat("─", max(m.width, 0)))
}

// footer is the one status line and the short help.
func (m Model) footer() string {
	st := m.c.Styles
	pad := strings.Repeat(" ", bodyPadX)
	inner := max(m.width-2*bodyPadX, 0)
	var status string
	switch {
	case m.askQuit && m.c.Session.Unresolved():
		status = st.Warn.Render("A booking attempt is still unanswered; quit and keep it for resume?  y/n")
	case m.askQuit:
		status = st.Warn.Render("Quit? The held slot will be released.  y/n")
	case m.status.Text == "":
	case m.status.Kind == common.Failure:
		status = st.Error.Render("✕ " + m.status.Text)
	case m.status.Kind == common.Warning:
		status = st.Warn.Render("! " + m.status.Text)
	default:
		status = st.Status.Render(m.status.Text)
	}
	// help.ShortHelpView can overflow by one item when its "…" does not fit.
	return pad + ansi.Truncate(status, inner, "…") + "\n" + pad + ansi.Truncate(m.help.ShortHelpView(m.shortHelp()), inner, "…")
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
	keys := m.top().ShortHelp()
	if m.top().Focused() {
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
	return append(keys, k.Quit)
}
