package appointments

import "github.com/charmbracelet/lipgloss"

// memo keeps styled strings between frames. View runs on every message, and
// lipgloss measures every line it styles, which made the list the slowest
// screen. Entries are keyed by the unstyled text and the style, so a hit is
// never stale; the map is dropped when it grows past a few screens' worth.
type memo struct {
	styled map[memoKey]string
}

type memoKey struct {
	text  string
	style int // which of the few styles a row or pane uses
	w, h  int
}

const memoMax = 1024

func newMemo() *memo { return &memo{styled: map[memoKey]string{}} }

func (m *memo) render(k memoKey, st lipgloss.Style) string {
	if s, ok := m.styled[k]; ok {
		return s
	}
	if len(m.styled) >= memoMax {
		clear(m.styled)
	}
	s := st.Render(k.text)
	m.styled[k] = s
	return s
}

// row is a list row fitted to w cells and styled. Fitting measures the
// whole line, so it happens only on a miss: a hit costs the map lookup.
func (m *memo) row(text string, w, style int, st lipgloss.Style) string {
	k := memoKey{text: text, style: style, w: w, h: -1}
	if s, ok := m.styled[k]; ok {
		return s
	}
	if len(m.styled) >= memoMax {
		clear(m.styled)
	}
	s := st.Render(fit(text, w))
	m.styled[k] = s
	return s
}
