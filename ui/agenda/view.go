package agenda

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
)

// View implements tea.Model.
func (m Model) View() string {
	st := m.c.Styles
	var b strings.Builder
	line := func(s string) {
		b.WriteString(ansi.Truncate(s, m.width, "…"))
		b.WriteByte('\n')
	}
	where := m.c.T(i18n.SlotsWhere, model.Sanitize(m.cfg.Location.Name), model.ZoneName(m.day.In(m.zone)))
	line(st.Title.Render(m.c.Words.DateYear(m.day)) + st.Faint.Render("  ·  "+where))
	line(st.Faint.Render(m.summary()))
	if m.noList != "" {
		line(st.Warn.Render(m.noList))
	}
	b.WriteByte('\n')
	if len(m.rows) == 0 {
		b.WriteString(m.empty())
		return b.String()
	}
	end := min(m.offset+m.listRows(), len(m.rows))
	for i := m.offset; i < end; i++ {
		if i == m.cursor {
			b.WriteString(ansi.Truncate(m.renderRow(i, true), m.width, "…"))
		} else {
			b.WriteString(m.lines[i])
		}
		if i < end-1 {
			b.WriteByte('\n')
		}
	}
	b.WriteString("\n\n")
	switch {
	case m.ask.Holding():
		b.WriteString(m.ask.Line(m.c, m.clockZone(m.ask.At())))
	case end < len(m.rows) || m.offset > 0:
		b.WriteString(st.Faint.Render(m.c.T(i18n.MoreWithPages)))
	}
	return b.String()
}

// summary counts what the day has: "3 booked · 12 free times for …".
func (m Model) summary() string {
	if !m.loaded && len(m.rows) == 0 {
		return m.c.T(i18n.AgendaLoading)
	}
	var parts []string
	switch {
	case m.noList != "":
	case m.listed:
		parts = append(parts, m.c.T(i18n.AgendaBooked, len(m.appts)))
	case !m.loading:
		parts = append(parts, m.c.T(i18n.AgendaNotLoaded))
	}
	svc := model.Sanitize(m.cfg.Service.Name)
	switch n := m.today().DaysUntil(m.day); {
	case m.cfg.Service.ID == "":
		parts = append(parts, m.c.T(i18n.AgendaNoService))
	case n < 0:
		parts = append(parts, m.c.T(i18n.AgendaPastDay))
	case n >= maxDaysAhead:
		parts = append(parts, m.c.T(i18n.AgendaPastWindow))
	case m.holiday != "":
		parts = append(parts, m.c.T(i18n.AgendaClosedFor, model.Sanitize(m.holiday)))
	default:
		parts = append(parts, m.c.T(i18n.AgendaFreeFor, len(m.slots), svc))
	}
	s := strings.Join(parts, " · ")
	if m.loading {
		s += "  ↻"
	}
	return s
}

// empty says why the day has no rows and what to do next.
func (m Model) empty() string {
	st := m.c.Styles
	hint := st.Faint.Render(m.c.T(i18n.AgendaEmptyHint))
	switch {
	case !m.loaded:
		return st.Faint.Render(m.c.T(i18n.AgendaLoading))
	case m.holiday != "":
		return st.Holiday.Render(m.c.T(i18n.SlotsClosedFor, model.Sanitize(m.holiday))) + "\n\n" + hint
	case m.noList != "":
		return st.Full.Render(m.c.T(i18n.AgendaNoFree)) + "\n\n" + hint
	}
	return st.Full.Render(m.c.T(i18n.AgendaNothing)) + "\n\n" + hint
}

// render draws every row but the cursor's once, when the rows or the
// width change: View runs on every message and lipgloss is its cost.
func (m *Model) render() {
	c := model.Clock{H24: m.c.Prefs.Clock24}
	m.startW, m.endW = 0, 0
	for _, r := range m.rows {
		m.startW = max(m.startW, len(c.Time(r.at, m.zone)))
		m.endW = max(m.endW, len(c.Time(r.end, m.zone)))
	}
	m.lines = make([]string, len(m.rows))
	for i := range m.rows {
		m.lines[i] = ansi.Truncate(m.renderRow(i, false), m.width, "…")
	}
}

// renderRow draws a booking or a free time: its span (times right-aligned
// to the day's widest, so 12-hour times line up), a word saying which
// (never colour alone), and who and what, or how many are left.
func (m Model) renderRow(i int, selected bool) string {
	st := m.c.Styles
	r := m.rows[i]
	c := model.Clock{H24: m.c.Prefs.Clock24}
	span := fmt.Sprintf("%*s–%-*s", m.startW, c.Time(r.at, m.zone), m.endW, c.Time(r.end, m.zone))
	marker := "  "
	if selected {
		marker, span = st.Cursor.Render("▸ "), st.Selected.Render(span)
	}
	if r.free {
		left := st.Free
		if r.slot.CapacityLeft == 1 {
			left = st.Busy
		}
		return marker + span + "  " + st.Free.Render(m.word(i18n.AgendaFree)) + "  " + left.Render(m.c.T(i18n.SlotsLeft, r.slot.CapacityLeft))
	}
	word := m.word(i18n.AgendaBookedWord)
	if r.appt.Status == model.StatusHeld {
		word = m.word(i18n.AgendaHeld)
	}
	who := model.Sanitize(r.appt.Contact.Name)
	if who == "" {
		who = model.Sanitize(r.appt.ID)
	}
	what := model.Sanitize(r.appt.ServiceID)
	if s, ok := m.cfg.Catalog.Service(r.appt.ServiceID); ok {
		what = model.Sanitize(s.Name)
	}
	return marker + span + "  " + st.Bold.Render(word) + "  " + st.Text.Render(who) + st.Faint.Render(" · "+what)
}

// word is a row's kind, padded to the widest of the three so the names
// after it line up: "Free  ", "Booked", "Held  ".
func (m Model) word(k i18n.Key) string {
	w := 0
	for _, o := range []i18n.Key{i18n.AgendaFree, i18n.AgendaBookedWord, i18n.AgendaHeld} {
		w = max(w, ansi.StringWidth(m.c.T(o)))
	}
	s := m.c.T(k)
	return s + strings.Repeat(" ", w-ansi.StringWidth(s))
}
