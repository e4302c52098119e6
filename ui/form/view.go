package form

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/countdown"
)

// labelWidth is the label column ("Email" plus a gap).
const labelWidth = 7

var labels = [numFields]string{"Name", "Email", "Phone", "Notes"}

func (m Model) slotTime() string {
	return common.FormatTime(m.in.Slot.Start, m.in.Location.Zone(), m.c.Prefs.Clock24, false)
}

func (m Model) slotTimeZone() string {
	return common.FormatTime(m.in.Slot.Start, m.in.Location.Zone(), m.c.Prefs.Clock24, true)
}

func (m Model) slotDate() string {
	return m.in.Slot.Start.In(m.in.Location.Zone()).Format("Mon 2 Jan")
}

// View draws the summary, the countdown, the fields and the status line.
func (m Model) View() string {
	st := m.c.Styles
	width := max(m.width, 20)
	wrap := func(s string) string { return ansi.Wrap(s, width, "") }
	var b strings.Builder

	loc := model.Sanitize(m.in.Location.Name)
	if addr := model.Sanitize(m.in.Location.Address); addr != "" {
		loc += ", " + addr
	}
	summary := st.Title.Render(model.Sanitize(m.in.Service.Name)) + st.Faint.Render(" · ") +
		st.Text.Render(m.slotDate()+" "+m.slotTimeZone()) + st.Faint.Render(" · ") +
		st.Text.Render(durationText(m.in.Service.DurationMinutes)) + st.Faint.Render(" · ") +
		st.Text.Render(loc)
	b.WriteString(wrap(summary))
	b.WriteString("\n")
	rem := m.remaining()
	switch m.state {
	case expired, slotGone:
		rem = 0
	}
	// A hold that became an appointment has no time left to show.
	if m.state != alreadyBooked {
		b.WriteString(countdown.View(st, rem, m.total, min(width, 72)))
	}
	b.WriteString("\n\n")

	v, _ := model.AsValidation(m.Contact().Validate())
	indent := strings.Repeat(" ", 2+labelWidth)
	for i := range m.inputs {
		marker, label := "  ", st.Label.Render(padRight(labels[i], labelWidth))
		if m.state == editing && i == m.focus {
			marker = st.Cursor.Render("› ")
			label = st.Accent.Render(padRight(labels[i], labelWidth))
		}
		b.WriteString(marker + label + m.inputs[i].View() + "\n")
		if msg := m.fieldError(v, i); msg != "" {
			line := "✕ " + fieldNames[i] + ": " + msg
			b.WriteString(indent + strings.ReplaceAll(ansi.Wrap(st.FieldError.Render(line), max(width-len(indent), 10), ""), "\n", "\n"+indent) + "\n")
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
	return v.For(fieldNames[i])
}

func (m Model) statusLine() string {
	st := m.c.Styles
	switch m.state {
	case confirming, releasing, reholding:
		return m.spinner.View() + " " + st.Text.Render(m.status)
	case expired:
		text := "✕ Your hold expired — r re-hold " + m.slotTime() + " · s pick another slot"
		if m.status != "" {
			return st.Error.Render(m.status) + "\n" + st.Warn.Render(text)
		}
		return st.Warn.Render(text)
	case slotGone:
		return st.Error.Render("✕ " + m.slotTime() + " was taken by someone else — s pick another slot")
	case alreadyBooked:
		return st.OK.Render(m.status + " · s pick another slot")
	case reviewing, asking:
		return st.Bold.Render(m.status)
	}
	if m.status == "" {
		return ""
	}
	if m.statusBad {
		return st.Error.Render(m.status)
	}
	return st.OK.Render(m.status)
}

func durationText(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n) + " min"
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
	case slotGone, alreadyBooked:
		return []key.Binding{k.Pick}
	case confirming, releasing, reholding, booked:
		return nil
	}
	return k.ShortHelp()
}

// FullHelp is ShortHelp in one group: the other states' keys would not work.
func (m Model) FullHelp() [][]key.Binding {
	if h := m.ShortHelp(); len(h) > 0 {
		return [][]key.Binding{h}
	}
	return nil
}
