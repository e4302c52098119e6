package calendar

import (
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// memo keeps styled strings between rebuilds. Every key press rebuilds
// the month, and lipgloss measures every string it styles; with the memo a
// move restyles only the two cells whose selection changed and the side
// panel. A hit is never stale: entries are keyed by the unstyled text and
// which style (of this calendar's fixed Styles) drew it.
type memo struct {
	styled map[memoKey]string
	widths map[string]int // cells of the title and panel lines
}

type memoKey struct {
	text  string
	style styleID
	width int // the panel's; 0 for the rest
}

type styleID int

const (
	styleSelected styleID = iota
	stylePast
	styleHoliday
	styleFull
	styleBusy
	styleFree
	styleToday
	styleTitle
	styleFaint
	styleBold
	stylePanel
	styleLegend
)

const memoMax = 512 // a few months of cells and panels

func newMemo() *memo { return &memo{styled: map[memoKey]string{}, widths: map[string]int{}} }

// width is ansi.StringWidth(s), remembered.
func (m *memo) width(s string) int {
	if w, ok := m.widths[s]; ok {
		return w
	}
	if len(m.widths) >= memoMax {
		clear(m.widths)
	}
	w := ansi.StringWidth(s)
	m.widths[s] = w
	return w
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
