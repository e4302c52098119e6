package form

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/countdown"
)

// labelWidth is the label column: the longest label ("Email",
// "Téléphone") and a gap.
func (m Model) labelWidth() int {
	w := 0
	for _, f := range fieldNames {
		w = max(w, lipgloss.Width(m.c.Words.FieldName(f)))
	}
	return max(w+2, 7)
}

func (m Model) slotTime() string {
	return common.FormatTime(m.d.Start, m.loc.Zone(), m.c.Prefs.Clock24, false)
}

func (m Model) slotTimeZone() string {
	return common.FormatTime(m.d.Start, m.loc.Zone(), m.c.Prefs.Clock24, true)
}

func (m Model) slotDate() string {
	return m.c.Words.DateShort(model.DateOf(m.d.Start.In(m.loc.Zone())))
}

// View draws the summary, the countdown, the fields and the status line.
func (m Model) View() string {
	st := m.c.Styles
	width := max(m.width, 20)
	wrap := func(s string) string { return ansi.Wrap(s, width, "") }
	var b strings.Builder

	loc := model.Sanitize(m.loc.Name)
	if addr := model.Sanitize(m.loc.Address); addr != "" {
		loc += ", " + addr
	}
	summary := st.Title.Render(model.Sanitize(m.svc.Name)) + st.Faint.Render(" · ") +
		st.Text.Render(m.slotDate()+" "+m.slotTimeZone()) + st.Faint.Render(" · ") +
		st.Text.Render(m.durationText(m.svc.DurationMinutes)) + st.Faint.Render(" · ") +
		st.Text.Render(loc)
	b.WriteString(wrap(summary))
	b.WriteString("\n")
	rem := m.remaining()
	switch m.state {
	case expired, slotGone, unverified:
		rem = 0
	}
	// A hold that became an appointment has no time left to show.
	if m.state != alreadyBooked {
		b.WriteString(countdown.View(st, m.c.Words, rem, m.total, min(width, 72)))
	}
	b.WriteString("\n\n")

	v, _ := model.AsValidation(m.Contact().Validate())
	p, labelWidth := m.c.Words, m.labelWidth()
	indent := strings.Repeat(" ", 2+labelWidth)
	for i := range m.inputs {
		name := p.FieldName(fieldNames[i])
		marker, label := "  ", st.Label.Render(padRight(name, labelWidth))
		if m.state == editing && i == m.focus {
			marker = st.Cursor.Render("› ")
			label = st.Accent.Render(padRight(name, labelWidth))
		}
		b.WriteString(marker + label + m.inputs[i].View() + "\n")
		if msg := m.fieldError(v, i); msg != "" {
			line := p.T(i18n.FormFieldError, strings.ToLower(name), msg)
			b.WriteString(indent + strings.ReplaceAll(ansi.Wrap(st.FieldError.Render(line), max(width-len(indent), 10), ""), "\n", "\n"+indent) + "\n")
		} else if limit := m.inputs[i].CharLimit; m.state == editing && i == m.focus && utf8.RuneCountInString(m.inputs[i].Value()) >= limit {
			// The field stops taking keys here: say why, not in silence.
			b.WriteString(indent + st.Warn.Render(p.T(i18n.FormFieldFull, strings.ToLower(name), limit)) + "\n")
		}
		if i == m.look.field {
			for _, line := range m.lookupView(max(width-len(indent), 10)) {
				b.WriteString(indent + strings.ReplaceAll(ansi.Wrap(line, max(width-len(indent), 10), ""), "\n", "\n"+indent) + "\n")
			}
		}
	}
	b.WriteString("\n")
	if s := m.statusLine(); s != "" {
		b.WriteString(wrap(s))
	}
	return strings.TrimRight(b.String(), "\n")
}

// fieldError is the message to show under field i: the server's, or the
// local check's once the field was left or a submit was tried.
func (m Model) fieldError(v model.ValidationError, i int) string {
	if s := m.server[i]; s != "" {
		return s
	}
	if !m.touched[i] {
		return ""
	}
	for _, fe := range v {
		if fe.Field != fieldNames[i] {
			continue
		}
		if m.walkIn && i == fieldEmail && fe.Problem == model.Required {
			return m.c.T(i18n.FormWalkInEmailRequired)
		}
		return m.c.Words.Problem(fe)
	}
	return ""
}

func (m Model) statusLine() string {
	st, p := m.c.Styles, m.c.Words
	text := m.status.Text
	switch m.state {
	case confirming, releasing, reholding:
		return m.spinner.View() + " " + st.Text.Render(text)
	case expired:
		line := p.T(i18n.FormExpired, m.slotTime())
		if text != "" {
			return st.Error.Render(text) + "\n" + st.Warn.Render(line)
		}
		return st.Warn.Render(line)
	case slotGone:
		return st.Error.Render(p.T(i18n.FormSlotGone, m.slotTime()))
	case unverified:
		return m.unverifiedView()
	case alreadyBooked:
		if m.status.Kind == common.Failure {
			return st.Error.Render(text + " · " + p.T(i18n.FormHintPick))
		}
		return st.OK.Render(text + " · " + p.T(i18n.FormHintPick))
	case reviewing, asking:
		return st.Bold.Render(text)
	}
	switch {
	case text == "":
		return ""
	case m.status.Kind == common.Failure:
		return st.Error.Render(text)
	}
	return st.OK.Render(text)
}

// unverifiedView says plainly what is known when the server forgot the
// hold an earlier attempt confirmed, and lets the person decide.
func (m Model) unverifiedView() string {
	st, p := m.c.Styles, m.c.Words
	lines := []string{st.Warn.Render(p.T(i18n.FormUnverified, m.slotDate()+" "+m.slotTimeZone()))}
	if len(m.candidates) == 0 {
		lines = append(lines, st.Text.Render(p.T(i18n.FormUnverifiedNone)))
	} else {
		lines = append(lines, st.Text.Render(p.T(i18n.FormUnverifiedSome)))
		for _, a := range m.candidates[:min(len(m.candidates), 3)] {
			zone := m.loc.Zone()
			lines = append(lines, "  "+st.Text.Render(p.DateShort(model.DateOf(a.Time.In(zone)))+" "+
				common.FormatTime(a.Time, zone, m.c.Prefs.Clock24, true)+" · "+model.Sanitize(a.ID)))
		}
	}
	lines = append(lines, st.Accent.Render("r")+st.Faint.Render(" "+p.T(i18n.FormBookAnyway)+" · ")+
		st.Accent.Render("s")+st.Faint.Render(" "+p.T(i18n.KeyPickAnother)+" · ")+st.Accent.Render("a")+st.Faint.Render(" "+p.T(i18n.KeyAppointments)))
	return strings.Join(lines, "\n")
}

func (m Model) durationText(n int) string {
	if n <= 0 {
		return ""
	}
	return m.c.T(i18n.CellMinutes, n)
}

func padRight(s string, n int) string {
	if w := lipgloss.Width(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

// ShortHelp lists the keys that work in the current state.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys
	switch m.state {
	case reviewing:
		return []key.Binding{k.Confirm, k.Edit}
	case retrying:
		return []key.Binding{k.Retry}
	case asking:
		return []key.Binding{k.Yes, k.No}
	case expired:
		return []key.Binding{k.Rehold, k.Pick}
	case unverified:
		return []key.Binding{k.Rehold, k.Pick, m.c.Keys.Appointments}
	case slotGone:
		return []key.Binding{k.Pick}
	case alreadyBooked:
		return []key.Binding{k.Pick, m.c.Keys.Appointments}
	case confirming, releasing, reholding, booked:
		return nil
	}
	if _, ok := m.offered(); ok && m.lookups() {
		// After the form's own keys: the offer names its key itself.
		h := append(k.ShortHelp(), k.Fill)
		if len(m.look.res.Found) > 1 {
			h = append(h, k.NextMatch)
		}
		return h
	}
	return k.ShortHelp()
}

// FullHelp is ShortHelp in one group, the other states' keys would not
// work, and while editing the returning-customer keys in another.
func (m Model) FullHelp() [][]key.Binding {
	if m.state == editing && m.lookups() {
		k := m.keys
		return [][]key.Binding{k.ShortHelp(), {k.Fill, k.NextMatch, k.AllTime}}
	}
	if h := m.ShortHelp(); len(h) > 0 {
		return [][]key.Binding{h}
	}
	return nil
}
