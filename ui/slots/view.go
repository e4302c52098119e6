package slots

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// View implements tea.Model.
func (m Model) View() string {
	st, p := m.c.Styles, m.c.Words
	var b strings.Builder
	if m.cfg.Banner != "" {
		b.WriteString(st.Warn.Render(m.cfg.Banner) + "\n")
	}
	b.WriteString(st.Title.Render(p.DateYear(m.day)))
	b.WriteString(st.Faint.Render("  ·  " + p.T(i18n.SlotsWhere, model.Sanitize(m.cfg.Location.Name), m.day.In(m.zone).Format("MST"))))
	b.WriteByte('\n')
	switch {
	case m.loading:
		b.WriteString(st.Faint.Render(p.T(i18n.SlotsRefreshing)))
	case len(m.slots) > 0:
		b.WriteString(st.Faint.Render(p.T(i18n.SlotsFreeTimes, len(m.slots)) + " · " + model.Sanitize(m.cfg.Service.Name)))
	}
	b.WriteString("\n\n")
	if len(m.slots) == 0 {
		b.WriteString(m.emptyReason())
		return b.String()
	}
	end := min(m.offset+m.listRows(), len(m.rows))
	startW, endW := m.timeWidths(m.rows[m.offset:end])
	for i := m.offset; i < end; i++ {
		b.WriteString(ansi.Truncate(m.renderRow(m.rows[i], startW, endW), m.width, "…"))
		if i < end-1 {
			b.WriteByte('\n')
		}
	}
	b.WriteString("\n\n")
	if m.ask.Holding() {
		b.WriteString(m.ask.Line(m.c, m.clock(m.ask.At())))
	} else if end < len(m.rows) || m.offset > 0 {
		b.WriteString(st.Faint.Render(p.T(i18n.MoreWithPages)))
	}
	return b.String()
}

// timeWidths is the widest start and end among rows, so 12-hour times
// ("9:00 AM", "10:00 AM") line up.
func (m Model) timeWidths(rows []row) (startW, endW int) {
	for _, r := range rows {
		if r.slot >= 0 {
			s := m.slots[r.slot]
			startW = max(startW, len(m.clock(s.Start)))
			endW = max(endW, len(common.FormatTime(s.End, m.zone, m.c.Prefs.Clock24, false)))
		}
	}
	return startW, endW
}

// renderRow draws a heading or a slot, times right-aligned to the widths.
func (m Model) renderRow(r row, startW, endW int) string {
	st := m.c.Styles
	if r.slot < 0 {
		return st.Label.Render(r.heading)
	}
	s := m.slots[r.slot]
	left := m.c.T(i18n.SlotsLeft, s.CapacityLeft)
	capStyle := st.Free
	if s.CapacityLeft == 1 {
		capStyle = st.Busy
	}
	end := fmt.Sprintf("%*s", endW, common.FormatTime(s.End, m.zone, m.c.Prefs.Clock24, false))
	marker, start := "  ", fmt.Sprintf("%*s", startW, m.clock(s.Start))
	if r.slot == m.cursor {
		marker, start = st.Cursor.Render("▸ "), st.Selected.Render(start)
	}
	return marker + start + "  " + st.Faint.Render(m.c.T(i18n.SlotsTo, end)) + "   " + capStyle.Render(left)
}

// emptyReason says why the day has no times and what to do next.
func (m Model) emptyReason() string {
	st, p := m.c.Styles, m.c.Words
	hint := st.Faint.Render(p.T(i18n.SlotsEmptyHint))
	if name, ok := m.avail.Holiday(m.day); ok {
		return st.Holiday.Render(p.T(i18n.SlotsClosedFor, model.Sanitize(name))) + "\n\n" + hint
	}
	if m.day == model.DateOf(m.c.Now().In(m.zone)) {
		return st.Full.Render(p.T(i18n.SlotsNoMoreToday)) + "\n\n" + hint
	}
	return st.Full.Render(p.T(i18n.SlotsNoneThatDay)) + "\n\n" + hint
}
