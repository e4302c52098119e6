package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/agenda"
	"github.com/zimun-app/zimun/ui/appointments"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/router"
)

// openAgenda shows the day agenda over the screen on show: the location
// asked for, else the desk's; free times of the service asked for when it
// is offered there, else the desk's, else the first offered there.
func (m Model) openAgenda(msg common.OpenAgendaMsg) (Model, tea.Cmd) {
	loc := msg.Location
	if loc.ID == "" {
		loc = m.location
	}
	if l, ok := m.cat.Location(loc.ID); ok {
		loc = l
	}
	if loc.ID == "" {
		m.status = common.Status{Text: m.c.T(i18n.RootChooseLocation)}
		return m, nil
	}
	var svc model.Service
	for _, s := range []model.Service{msg.Service, m.service} {
		if s.ID != "" && s.OfferedAt(loc.ID) {
			svc = s
			break
		}
	}
	if offered := m.cat.Offered(loc.ID); svc.ID == "" && len(offered) > 0 {
		svc = offered[0]
	}
	if !loc.Active {
		svc = model.Service{} // it takes no bookings: its bookings only
	}
	date := msg.Date
	if date.IsZero() {
		date = model.DateOf(m.c.Now().In(loc.Zone()))
	}
	m.seq++
	a := agenda.New(m.c, agenda.Config{ID: m.seq, Location: loc, Service: svc, Date: date,
		Catalog: m.cat.Catalog, Select: msg.Select})
	next, cmd := m.push(router.PageFor(a))
	return next, tea.Batch(a.Init(), cmd)
}

// openBooking shows a booking of the agenda in the Appointments screen,
// listing its day at its location, where it can be moved, cancelled or
// exported.
func (m Model) openBooking(msg agenda.OpenBookingMsg) (Model, tea.Cmd) {
	a := appointments.New(m.c, appointments.Options{
		Catalog: m.cat.Catalog, ExportDir: m.cfg.ExportDir,
		Day: msg.Date, Location: msg.Location.ID, Select: msg.Appointment.ID,
	})
	next, cmd := m.push(router.PageFor(a))
	return next, tea.Batch(cmd, a.Init())
}
