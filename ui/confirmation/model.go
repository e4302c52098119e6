// Package confirmation shows the booked appointment as a card.
package confirmation

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/qrcode"
)

// Model is the confirmation card. Use New.
type Model struct {
	c      common.Common
	keys   KeyMap
	appt   model.Appointment
	svc    model.Service
	loc    model.Location
	width  int
	height int
	card   string // drawn in New and SetSize: nothing else changes it
	qr     string // the reference as a QR code, at a kiosk
}

// New builds the card for a confirmed appointment.
func New(c common.Common, appt model.Appointment, svc model.Service, loc model.Location) Model {
	m := Model{c: c, keys: DefaultKeyMap(c.Words), appt: appt, svc: svc, loc: loc, width: 80, height: 24}
	if c.Kiosk != nil {
		// A customer has no desk to look the booking up later: the
		// reference goes with them, on paper or on their phone.
		if code, err := qrcode.Render(m.reference(), c.Styles.DarkBackground); err == nil {
			m.qr = code
		}
	}
	m.card = m.render()
	return m
}

// Init does nothing: everything is known already.
func (m Model) Init() tea.Cmd { return nil }

// Update handles the card's keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if msg, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(msg, m.keys.New) && m.c.Kiosk != nil:
			return m, common.Msg(common.StartOverMsg{})
		case key.Matches(msg, m.keys.New):
			return m, common.Msg(common.NewBookingMsg{})
		case key.Matches(msg, m.c.Keys.Appointments):
			return m, common.Msg(common.OpenAppointmentsMsg{})
		}
	}
	return m, nil
}

// SetSize is the room the card may use.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	if m.card != "" { // not the zero Model a root keeps before any booking
		m.card = m.render()
	}
}

// Focused is false: the card has no text field.
func (m Model) Focused() bool { return false }

// Heading names the booking's service and location in the header.
func (m Model) Heading() common.Heading { return common.Heading{Location: m.loc, Service: m.svc} }

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	if m.c.Kiosk != nil {
		return []key.Binding{key.NewBinding(key.WithKeys("n"), common.Help(m.c.Words, "n", i18n.KeyDone))}
	}
	return []key.Binding{m.keys.New, m.c.Keys.Appointments}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
