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
	id := m.reference()
	ct := a.Contact

	// The card's frame takes border and padding; the text wraps inside.
	frame := st.Card.GetHorizontalFrameSize()
	width := min(m.width, 76)
	kiosk := m.c.Kiosk != nil
	if kiosk && m.qr != "" && m.width-lipgloss.Width(m.qr)-2 >= 40 {
		width = min(width, m.width-lipgloss.Width(m.qr)-2) // room for the code beside
	}
	inner := max(width-frame, 20)
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
	if !kiosk { // a customer knows what they typed a minute ago
		row("Duration", strconv.Itoa(minutes)+" min")
		row("Name", model.Sanitize(ct.Name))
		row("Email", model.Sanitize(ct.Email))
		row("Phone", model.Sanitize(ct.Phone))
		row("Notes", model.Sanitize(ct.Notes))
	}
	row("Booking id", model.Sanitize(id))

	var b strings.Builder
	b.WriteString(st.OK.Render("✓ Booked"))
	b.WriteString("\n\n")
	b.WriteString(strings.Join(rows, "\n"))
	if ct.Email != "" {
		b.WriteString("\n\n")
		b.WriteString(st.Faint.Width(inner).Render("A confirmation email was sent to " + model.Sanitize(ct.Email) + "."))
	}
	if kiosk {
		b.WriteString("\n\n")
		b.WriteString(st.Faint.Width(inner).Render("To change or cancel it: m, then the booking id and your email."))
	}
	card := st.Card.Render(b.String())
	return m.withCode(card)
}

// withCode puts the QR code beside the card, or under it, where it fits
// whole: a cut code does not scan.
func (m Model) withCode(card string) string {
	if m.qr == "" {
		return card
	}
	qrW, qrH := lipgloss.Width(m.qr), lipgloss.Height(m.qr)
	cardW, cardH := lipgloss.Width(card), lipgloss.Height(card)
	switch {
	case cardW+2+qrW <= m.width && max(cardH, qrH) <= m.height:
		return lipgloss.JoinHorizontal(lipgloss.Top, card, "  ", m.qr)
	case max(cardW, qrW) <= m.width && cardH+qrH <= m.height:
		return lipgloss.JoinVertical(lipgloss.Left, card, m.qr)
	}
	return card
}

// reference is what a customer quotes: the booking id, else the
// appointment's.
func (m Model) reference() string {
	if m.appt.BookingID != "" {
		return m.appt.BookingID
	}
	return m.appt.ID
}
