package agenda

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// View implements tea.Model.
func (m Model) View() string {
	st := m.c.Styles
	var b strings.Builder
	line := func(s string) {
		b.WriteString(ansi.Truncate(s, m.width, "…"))
		b.WriteByte('\n')
	}
	where := model.Sanitize(m.cfg.Location.Name) + ", times in " + model.ZoneName(m.day.In(m.zone))
	line(st.Title.Render(common.FormatDate(m.day.In(m.zone))) + st.Faint.Render("  ·  "+where))
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
	case m.holding:
		r, _ := m.selected()
		b.WriteString(m.spin.View() + " Holding " + m.clockZone(r.at) + "…")
	case end < len(m.rows) || m.offset > 0:
		b.WriteString(st.Faint.Render("more with pgup/pgdn"))
	}
	return b.String()
}

// summary counts what the day has: "3 booked · 12 free times for …".
func (m Model) summary() string {
	if !m.loaded && len(m.rows) == 0 {
		return "Loading the day…"
	}
	var parts []string
	switch {
	case m.noList != "":
	case m.listed:
		parts = append(parts, common.Plural(len(m.appts), "booked", "booked"))
	case !m.loading:
		parts = append(parts, "bookings not loaded (r retries)")
	}
	svc := model.Sanitize(m.cfg.Service.Name)
	switch n := m.today().DaysUntil(m.day); {
	case m.cfg.Service.ID == "":
		parts = append(parts, "no service to book here")
	case n < 0:
		parts = append(parts, "a past day: nothing to book")
	case n >= maxDaysAhead:
		parts = append(parts, "past the bookable window")
	case m.holiday != "":
		parts = append(parts, "closed for "+model.Sanitize(m.holiday))
	default:
		parts = append(parts, common.Plural(len(m.slots), "free time", "free times")+" for "+svc)
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
	hint := st.Faint.Render("h/l: another day · esc: back")
	switch {
	case !m.loaded:
		return st.Faint.Render("Loading the day…")
	case m.holiday != "":
		return st.Holiday.Render("✕ Closed for "+model.Sanitize(m.holiday)) + "\n\n" + hint
	case m.noList != "":
		return st.Full.Render("○ No free times that day") + "\n\n" + hint
	}
	return st.Full.Render("○ Nothing booked and no free times that day") + "\n\n" + hint
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
		return marker + span + "  " + st.Free.Render("Free  ") + "  " + left.Render(common.Plural(r.slot.CapacityLeft, "left", "left"))
	}
	word := "Booked"
	if r.appt.Status == model.StatusHeld {
		word = "Held  "
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
