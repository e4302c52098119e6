package appointments

import (
	"github.com/charmbracelet/lipgloss"

	"github.com/zimun-app/zimun/model"
)

// memo keeps styled strings between frames. View runs on every message, and
// lipgloss measures every line it styles, which made the list the slowest
// screen. Entries are keyed by the unstyled text and the style, so a hit is
// never stale; the map is dropped when it grows past a few screens' worth.
type memo struct {
	styled map[memoKey]string
	rows   map[rowKey]string
}

// rowKey is everything a list row's text is made of, so a hit is never
// stale either: wording a row (its day, time and zone, status, in the
// session's language) cost more than styling it.
type rowKey struct {
	a                          model.Appointment
	today                      model.Date // in the appointment's zone: "Today", "Tomorrow"
	where, service             string
	dayW, timeW, whereW, nameW int
	svcW                       int
}

type memoKey struct {
	text  string
	style int // which of the few styles a row or pane uses
	w, h  int
}

const memoMax = 1024

func newMemo() *memo { return &memo{styled: map[memoKey]string{}, rows: map[rowKey]string{}} }

// rowText is the row k describes, worded by make on a miss.
func (m *memo) rowText(k rowKey, make func() string) string {
	if s, ok := m.rows[k]; ok {
		return s
	}
	if len(m.rows) >= memoMax {
		clear(m.rows)
	}
	s := make()
	m.rows[k] = s
	return s
}

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

// styleOf is one of the few styles a row uses, and a number naming it
// (by pointer, so a hit copies no style).
type styleOf struct {
	n  int
	st *lipgloss.Style
}

// row is a list row fitted to w cells and styled. Fitting measures the
// whole line, so it happens only on a miss: a hit costs the map lookup.
func (m *memo) row(text string, w int, style styleOf) string {
	k := memoKey{text: text, style: style.n, w: w, h: -1}
	if s, ok := m.styled[k]; ok {
		return s
	}
	if len(m.styled) >= memoMax {
		clear(m.styled)
	}
	s := style.st.Render(fit(text, w))
	m.styled[k] = s
	return s
}
