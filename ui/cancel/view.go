package cancel

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// View implements tea.Model: the dialog box, as wide as fits.
func (m Model) View() string {
	st, p := m.c.Styles, m.c.Words
	inner := max(20, min(m.width, 72)-st.Dialog.GetHorizontalFrameSize())
	a := m.cancellation.Appointment
	zone := m.cancellation.Location.Zone()
	lw := 10
	for _, k := range []i18n.Key{i18n.ColCustomerLabel, i18n.CardService, i18n.CardWhen, i18n.CardWhere, i18n.LabelID, i18n.FieldNameReason} {
		lw = max(lw, ansi.StringWidth(p.T(k))+2)
	}
	label := func(s string) string { return st.Label.Render(pad(s, lw)) }
	row := func(name, value string) string {
		return label(name) + ansi.Truncate(value, inner-lw, "…")
	}

	var b strings.Builder
	title := p.T(i18n.CancelTitle)
	if a.Cancelled() {
		title = p.T(i18n.CancelTitleAlready)
	}
	b.WriteString(st.Title.Render(title) + "\n\n")

	who := model.Sanitize(a.Contact.Name)
	if a.Contact.Email != "" {
		who += " <" + model.Sanitize(a.Contact.Email) + ">"
	}
	b.WriteString(row(p.T(i18n.ColCustomerLabel), who) + "\n")
	b.WriteString(row(p.T(i18n.CardService), orID(m.cancellation.Service.Name, a.ServiceID)) + "\n")
	b.WriteString(row(p.T(i18n.CardWhen), p.DateYear(model.DateOf(a.Time.In(zone)))) + "\n")
	b.WriteString(row("", common.FormatTime(a.Time, zone, m.c.Prefs.Clock24, false)+"–"+
		common.FormatTime(a.End(), zone, m.c.Prefs.Clock24, true)+" ("+zone.String()+")") + "\n")
	b.WriteString(row(p.T(i18n.CardWhere), orID(m.cancellation.Location.Name, a.LocationID)) + "\n")
	b.WriteString(row(p.T(i18n.LabelID), model.Sanitize(a.ID)) + "\n\n")

	reason := m.reason.View()
	if m.focus == focusReason {
		reason = st.Accent.Render("›") + " " + reason
	} else {
		reason = "  " + reason
	}
	b.WriteString(label(p.FieldName(model.FieldReason)) + reason + "\n")
	b.WriteString(label("") + "  " + st.Faint.Render(ansi.Truncate(p.T(i18n.CancelReasonHint), inner-lw-2, "…")) + "\n\n")

	switch m.state {
	case working:
		b.WriteString(st.Faint.Render(p.T(i18n.CancelCancelling)))
	case done:
		b.WriteString(st.OK.Render(p.T(i18n.CancelDone)))
	default:
		b.WriteString(button(st.Selected, st.Text, p.T(i18n.CancelKeepButton), m.focus == focusKeep) + "   " +
			button(st.Danger.Reverse(true), st.Danger, p.T(i18n.CancelCancelButton), m.focus == focusCancel))
		hint := p.T(i18n.CancelHintReason)
		if m.focus != focusReason {
			hint = p.T(i18n.CancelHintButtons)
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
