package confirmation

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

const labelWidth = 12

// View is the card, drawn when the size last changed: View runs on every
// message, and the card's bordered, wrapped rows cost half a millisecond.
func (m Model) View() string { return m.card }

// render draws the card: what, where, when, who, and the booking id.
func (m Model) render() string {
	st := m.c.Styles
	a := m.appt
	zone := m.loc.Zone()
	minutes := a.DurationMinutes
	if minutes <= 0 {
		minutes = m.svc.DurationMinutes
	}
	end := a.Time.Add(time.Duration(minutes) * time.Minute)
	id := a.BookingID
	if id == "" {
		id = a.ID
	}
	ct := a.Contact

	// The card's frame takes border and padding; the text wraps inside.
	frame := st.Card.GetHorizontalFrameSize()
	inner := max(min(m.width, 76)-frame, 20)
	valueWidth := max(inner-labelWidth, 8)

	var rows []string
	row := func(label, value string) {
		if value == "" {
			return
		}
		v := st.Text.Width(valueWidth).Render(value)
		l := st.Label.Width(labelWidth).Render(label)
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, l, v))
	}
	row("Service", model.Sanitize(m.svc.Name))
	row("Where", model.Sanitize(m.loc.Name))
	row("", model.Sanitize(m.loc.Address))
	row("When", common.FormatDate(a.Time.In(zone))+", "+
		common.FormatTime(a.Time, zone, m.c.Prefs.Clock24, false)+"–"+
		common.FormatTime(end, zone, m.c.Prefs.Clock24, true))
	row("Duration", strconv.Itoa(minutes)+" min")
	row("Name", model.Sanitize(ct.Name))
	row("Email", model.Sanitize(ct.Email))
	row("Phone", model.Sanitize(ct.Phone))
	row("Notes", model.Sanitize(ct.Notes))
	row("Booking id", model.Sanitize(id))

	var b strings.Builder
	b.WriteString(st.OK.Render("✓ Booked"))
	b.WriteString("\n\n")
	b.WriteString(strings.Join(rows, "\n"))
	if ct.Email != "" {
		b.WriteString("\n\n")
		b.WriteString(st.Faint.Width(inner).Render("A confirmation email was sent to " + model.Sanitize(ct.Email) + "."))
	}
	return st.Card.Render(b.String())
}
