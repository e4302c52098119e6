package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/countdown"
)

// header is the title line (organisation · location · service, then the
// hold countdown and the DEMO/LIVE badge) and a rule under it.
func (m Model) header() string {
	st := m.c.Styles
	org := m.org.Name
	if org == "" {
		org = "Zimun"
	}
	parts := []string{st.Title.Render(model.Sanitize(org))}
	loc, svc := m.location, m.service
	switch m.screen {
	case scrAppointments:
		parts = append(parts, st.Accent.Render("Appointments"))
		loc, svc = model.Location{}, model.Service{}
	case scrRsCalendar, scrRsSlots, scrReschedule:
		parts = append(parts, st.Accent.Render("Reschedule"))
		loc, svc = m.rsLoc, m.rsSvc
	}
	if loc.ID != "" {
		parts = append(parts, st.Text.Render(model.Sanitize(loc.Name)))
	}
	if svc.ID != "" {
		parts = append(parts, st.Text.Render(fmt.Sprintf("%s (%d min)", model.Sanitize(svc.Name), svc.DurationMinutes)))
	}
	left := strings.Join(parts, st.Faint.Render(" · "))

	var right []string
	if h, ok := m.holdActive(); ok {
		right = append(right, countdown.Short(st, h.Remaining(m.c.Now())))
	}
	if m.c.Prefs.Demo {
		right = append(right, st.DemoBadge.Render("DEMO"))
	} else {
		right = append(right, st.LiveBadge.Render("LIVE"))
	}
	r := strings.Join(right, "  ")

	inner := m.width - 2*bodyPadX
	room := inner - lipgloss.Width(r) - 1
	left = ansi.Truncate(left, max(room, 0), "…")
	gap := max(inner-lipgloss.Width(left)-lipgloss.Width(r), 1)
	line := strings.Repeat(" ", bodyPadX) + left + strings.Repeat(" ", gap) + r
	return line + "\n" + st.Faint.Render(strings.Repeat("─", max(m.width, 0)))
}
