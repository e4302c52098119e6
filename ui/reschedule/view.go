package reschedule

import (
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// View implements tea.Model.
func (m Model) View() string {
	st, p := m.c.Styles, m.c.Words
	a := m.move.Appointment
	zone := m.move.Location.Zone()
	width := max(40, m.width-st.Body.GetHorizontalFrameSize())
	col := max(12, (width-15)/2) // label 10, arrow 5

	var b strings.Builder
	b.WriteString(st.Title.Render(p.T(i18n.MoveTitle)) + "\n\n")
	who := model.Sanitize(a.Contact.Name)
	if a.Contact.Email != "" {
		who += " <" + model.Sanitize(a.Contact.Email) + ">"
	}
	b.WriteString(ansi.Truncate(who, width, "…") + "\n")
	b.WriteString(ansi.Truncate(orID(m.move.Service.Name, a.ServiceID)+" · "+orID(m.move.Location.Name, a.LocationID), width, "…") + "\n\n")

	dur := time.Duration(a.DurationMinutes) * time.Minute
	newEnd := m.slot.Start.Add(dur)
	cell := func(s string) string { return pad(ansi.Truncate(s, col, "…"), col) }
	lw := 10
	for _, k := range []i18n.Key{i18n.MoveDate, i18n.MoveTime, i18n.CardDuration, i18n.MoveZone} {
		lw = max(lw, ansi.StringWidth(p.T(k))+2)
	}
	row := func(label, old, new string, style lipgloss.Style) string {
		return st.Label.Render(pad(label, lw)) + cell(old) + "  " + st.Faint.Render("→") + "  " + style.Render(cell(new)) + "\n"
	}
	changed := func(old, new string) lipgloss.Style {
		if old != new {
			return st.Bold
		}
		return st.Text
	}
	b.WriteString(st.Label.Render(pad("", lw)) + st.Faint.Render(cell(p.T(i18n.MoveNow))) + "     " + st.Accent.Render(cell(p.T(i18n.MoveNew))) + "\n")
	oldDate, newDate := p.DateYear(model.DateOf(a.Time.In(zone))), p.DateYear(model.DateOf(m.slot.Start.In(zone)))
	b.WriteString(row(p.T(i18n.MoveDate), oldDate, newDate, changed(oldDate, newDate)))
	oldTime, newTime := m.span(a.Time, a.End(), zone), m.span(m.slot.Start, newEnd, zone)
	b.WriteString(row(p.T(i18n.MoveTime), oldTime, newTime, changed(oldTime, newTime)))
	length := p.T(i18n.CellMinutes, a.DurationMinutes)
	b.WriteString(row(p.T(i18n.CardDuration), length, length, st.Text))
	b.WriteString(st.Label.Render(pad(p.T(i18n.MoveZone), lw)) + st.Faint.Render(zone.String()) + "\n\n")

	switch m.state {
	case working:
		b.WriteString(st.Faint.Render(p.T(i18n.MoveMoving)))
	case done:
		b.WriteString(st.OK.Render(p.T(i18n.MoveDone)))
	case taken:
		b.WriteString(st.Warn.Render(m.err))
	default:
		b.WriteString(st.Faint.Render(p.T(i18n.MoveHint, m.keys.Confirm.Help().Key, m.keys.Back.Help().Key)))
		if m.err != "" {
			b.WriteString("\n\n" + st.Error.Width(width).Render(m.err))
		}
	}
	return st.Body.Render(b.String())
}

func (m Model) span(from, to time.Time, zone *time.Location) string {
	clock24 := m.c.Prefs.Clock24
	return common.FormatTime(from, zone, clock24, false) + "–" + common.FormatTime(to, zone, clock24, true)
}

func orID(name, id string) string {
	if name != "" {
		return model.Sanitize(name)
	}
	return model.Sanitize(id)
}

func pad(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
