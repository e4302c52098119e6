package cancel

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// View implements tea.Model: the dialog box, as wide as fits.
func (m Model) View() string {
	st := m.c.Styles
	inner := max(20, min(m.width, 72)-st.Dialog.GetHorizontalFrameSize())
	a := m.cancellation.Appointment
	zone := m.cancellation.Location.Zone()
	label := func(s string) string { return st.Label.Render(pad(s, 10)) }
	row := func(name, value string) string {
		return label(name) + ansi.Truncate(value, inner-10, "…")
	}

	var b strings.Builder
	title := "Cancel this appointment?"
	if a.Cancelled() {
		title = "This appointment is already cancelled"
	}
	b.WriteString(st.Title.Render(title) + "\n\n")

	who := model.Sanitize(a.Contact.Name)
	if a.Contact.Email != "" {
		who += " <" + model.Sanitize(a.Contact.Email) + ">"
	}
	b.WriteString(row("Customer", who) + "\n")
	b.WriteString(row("Service", orID(m.cancellation.Service.Name, a.ServiceID)) + "\n")
	b.WriteString(row("When", common.FormatDate(a.Time.In(zone))) + "\n")
	b.WriteString(row("", common.FormatTime(a.Time, zone, m.c.Prefs.Clock24, false)+"–"+
		common.FormatTime(a.End(), zone, m.c.Prefs.Clock24, true)+" ("+zone.String()+")") + "\n")
	b.WriteString(row("Where", orID(m.cancellation.Location.Name, a.LocationID)) + "\n")
	b.WriteString(row("Id", model.Sanitize(a.ID)) + "\n\n")

	reason := m.reason.View()
	if m.focus == focusReason {
		reason = st.Accent.Render("›") + " " + reason
	} else {
		reason = "  " + reason
	}
	b.WriteString(label("Reason") + reason + "\n")
	b.WriteString(label("") + "  " + st.Faint.Render(ansi.Truncate("Optional; the cancellation email quotes it.", inner-12, "…")) + "\n\n")

	switch m.state {
	case working:
		b.WriteString(st.Faint.Render("Cancelling…"))
	case done:
		b.WriteString(st.OK.Render("Cancelled."))
	default:
		b.WriteString(button(st.Selected, st.Text, "Keep appointment", m.focus == focusKeep) + "   " +
			button(st.Danger.Reverse(true), st.Danger, "Cancel appointment", m.focus == focusCancel))
		hint := "tab to the buttons · ctrl+x cancel it · esc keep it"
		if m.focus != focusReason {
			hint = "enter choose · esc/K keep · ctrl+x cancel it · tab move"
		}
		b.WriteString("\n\n" + st.Faint.Render(ansi.Truncate(hint, inner, "…")))
	}
	if m.err != "" {
		b.WriteString("\n\n" + st.Error.Width(inner).Render(m.err))
	}
	return st.Dialog.Width(inner + st.Dialog.GetHorizontalPadding()).Render(b.String())
}

// button draws a choice; the focused one is bracketed so it shows without
// colour too.
func button(on, off lipgloss.Style, text string, focused bool) string {
	if focused {
		return on.Render("[ " + text + " ]")
	}
	return off.Render("  " + text + "  ")
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
