package confirmation

import (
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// View is the card, drawn when the size last changed: View runs on every
// message, and the card's bordered, wrapped rows cost half a millisecond.
func (m Model) View() string { return m.card }

// render draws the card: what, where, when, who, and the booking id.
func (m Model) render() string {
	st, p := m.c.Styles, m.c.Words
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
	labels := map[i18n.Key]string{}
	labelWidth := 12
	for _, k := range []i18n.Key{i18n.CardService, i18n.CardWhere, i18n.CardWhen, i18n.CardDuration, i18n.CardReference} {
		labels[k] = p.T(k)
		labelWidth = max(labelWidth, lipgloss.Width(labels[k])+2)
	}
	for _, f := range []string{model.FieldName, model.FieldEmail, model.FieldPhone, model.FieldNotes} {
		labelWidth = max(labelWidth, lipgloss.Width(p.FieldName(f))+2)
	}
	inner := max(width-frame, 20)
	valueWidth := max(inner-labelWidth, 8)

	// A row's value takes at most two lines: a long name from the server
	// must not push the booking id off the screen.
	row := func(label, value string) string {
		if value == "" {
			return ""
		}
		lines := strings.Split(ansi.Wrap(value, valueWidth, ""), "\n")
		if len(lines) > 2 {
			lines = []string{lines[0], ansi.Truncate(lines[1]+" "+lines[2], valueWidth, "…")}
		}
		v := st.Text.Width(valueWidth).Render(strings.Join(lines, "\n"))
		l := st.Label.Width(labelWidth).Render(label)
		return lipgloss.JoinHorizontal(lipgloss.Top, l, v)
	}
	// What the card must show, then what it shows when there is room.
	rows := []string{
		row(labels[i18n.CardService], model.Sanitize(m.svc.Name)),
		row(labels[i18n.CardWhere], model.Sanitize(m.loc.Name)),
		row("", model.Sanitize(m.loc.Address)),
		row(labels[i18n.CardWhen], p.DateYear(model.DateOf(a.Time.In(zone)))+", "+
			common.FormatTime(a.Time, zone, m.c.Prefs.Clock24, false)+"–"+
			common.FormatTime(end, zone, m.c.Prefs.Clock24, true)),
		row(labels[i18n.CardReference], model.Sanitize(id)),
	}
	var extra []string
	if !kiosk { // a customer knows what they typed a minute ago
		extra = []string{
			row(labels[i18n.CardDuration], p.T(i18n.CellMinutes, minutes)),
			row(p.FieldName(model.FieldName), model.Sanitize(ct.Name)),
			row(p.FieldName(model.FieldEmail), model.Sanitize(ct.Email)),
			row(p.FieldName(model.FieldPhone), model.Sanitize(ct.Phone)),
			row(p.FieldName(model.FieldNotes), model.Sanitize(ct.Notes)),
		}
	}
	var emailNote, changeNote string
	if ct.Email != "" {
		emailNote = st.Faint.Width(inner).Render(p.T(i18n.CardEmailSent, model.Sanitize(ct.Email)))
	}
	if kiosk {
		changeNote = st.Faint.Width(inner).Render(p.T(i18n.CardChangeIt))
	}
	draw := func() string {
		var b strings.Builder
		b.WriteString(st.OK.Render(p.T(i18n.FormBooked)))
		b.WriteString("\n\n")
		b.WriteString(strings.Join(nonEmpty(append(rows, extra...)), "\n"))
		for _, n := range nonEmpty([]string{emailNote, changeNote}) {
			b.WriteString("\n\n" + n)
		}
		return st.Card.Render(b.String())
	}
	// Too tall: the desk's extras go first, then the notes.
	card := draw()
	for lipgloss.Height(card) > m.height {
		switch {
		case len(extra) > 0:
			extra = extra[:len(extra)-1]
		case emailNote != "":
			emailNote = ""
		case changeNote != "":
			changeNote = ""
		default:
			return m.withCode(card)
		}
		card = draw()
	}
	return m.withCode(card)
}

func nonEmpty(rows []string) []string {
	out := rows[:0:0]
	for _, r := range rows {
		if r != "" {
			out = append(out, r)
		}
	}
	return out
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
