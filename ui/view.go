package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// View draws header, body and footer at exactly the terminal's size.
func (m Model) View() string {
	if m.tooSmall() {
		msg := fmt.Sprintf("Terminal too small: %d×%d needed, this is %d×%d\n\nEnlarge the window, or press q to quit.",
			minWidth, minHeight, m.width, m.height)
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center,
			m.c.Styles.Warn.Render(msg), lipgloss.WithWhitespaceChars(" "))
	}
	return m.header() + "\n" + m.fit(m.body()) + "\n" + m.footer()
}

// fit pads or cuts the body to its box so the footer never moves.
func (m Model) fit(body string) string {
	w, h := m.bodyWidth(), m.bodyHeight()
	lines := strings.Split(body, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	pad := strings.Repeat(" ", bodyPadX)
	var b strings.Builder
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(pad + ansi.Truncate(lines[i], w, "…"))
		}
	}
	return b.String()
}

func (m Model) body() string {
	st := m.c.Styles
	if m.showHelp {
		groups := m.activeKeys().FullHelp()
		groups = append(groups, m.globalKeys())
		box := st.Dialog.Render(st.Title.Render("Keys") + "\n\n" + m.help.FullHelpView(groups))
		return lipgloss.Place(m.bodyWidth(), m.bodyHeight(), lipgloss.Center, lipgloss.Center, box)
	}
	switch m.screen {
	case scrResume:
		return m.resumeView()
	case scrLocations:
		return m.locPicker.View()
	case scrServices:
		return m.svcPicker.View()
	case scrCalendar:
		return m.cal.View()
	case scrSlots:
		return m.slots.View()
	case scrForm:
		return m.form.View()
	case scrConfirmation:
		return m.conf.View()
	case scrAppointments:
		return m.appts.View()
	case scrRsCalendar:
		return st.Warn.Render(m.rsBanner()) + "\n" + m.rsCal.View()
	case scrRsSlots:
		return st.Warn.Render(m.rsBanner()) + "\n" + m.rsSlots.View()
	case scrReschedule:
		return m.resched.View()
	}
	if m.catalogErr {
		return st.Text.Render("Couldn't load the locations and services from Zimun.") + "\n\n" + st.Faint.Render("r: try again · q: quit")
	}
	return st.Faint.Render("Connecting to Zimun…")
}

func (m Model) resumeView() string {
	st := m.c.Styles
	d := m.draft
	zone := d.Location.Zone()
	when := common.FormatDate(d.Slot.Start.In(zone)) + " at " + common.FormatTime(d.Slot.Start, zone, m.c.Prefs.Clock24, true)
	name := model.Sanitize(d.Contact.Name)
	who := name
	if who == "" {
		who = "a new customer"
	}
	state := st.OK.Render("hold still active")
	if d.Hold.Expired(m.c.Now()) {
		state = st.Warn.Render("hold expired: the form can try to hold it again")
	}
	lines := []string{
		st.Title.Render("A booking was left unfinished"),
		"",
		"  " + st.Bold.Render(model.Sanitize(d.Service.Name)) + st.Faint.Render(" at ") + model.Sanitize(d.Location.Name),
		"  " + when,
		"  for " + who,
		"  " + state,
		"",
		fmt.Sprintf("Resume booking for %s at %s?  ", who, common.FormatTime(d.Slot.Start, zone, m.c.Prefs.Clock24, true)) +
			st.Accent.Render("enter") + " resume · " + st.Accent.Render("x") + " discard",
	}
	return strings.Join(lines, "\n")
}
