// Package walkin finds a customer standing at the desk the next free slot
// today and holds it, so the contact form can follow at once.
package walkin

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// FoundMsg: today's next free slot is held; the form comes next.
type FoundMsg struct{ Intent *booking.Intent }

// DoneMsg: no walk-in today; Status says why and when the next one is.
type DoneMsg struct{ Status common.Status }

type resultMsg struct {
	w   booking.WalkIn
	err error
}

// Model is the search, on screen while it runs.
type Model struct {
	c     common.Common
	svc   model.Service
	loc   model.Location
	typed model.Contact
	spin  spinner.Model
}

// New searches for svc at loc; typed prefills the form that follows.
func New(c common.Common, svc model.Service, loc model.Location, typed model.Contact) Model {
	sp := spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Accent))
	return Model{c: c, svc: svc, loc: loc, typed: typed, spin: sp}
}

// Init starts the search.
func (m Model) Init() tea.Cmd {
	c, svc, loc := m.c, m.svc, m.loc
	return tea.Batch(m.spin.Tick, func() tea.Msg {
		w, err := c.Session.WalkIn(c.Ctx, svc, loc, c.Prefs.DaysAhead)
		return resultMsg{w: w, err: err}
	})
}

// Update implements tea.Model, returning the concrete type.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case resultMsg:
		return m, common.Msg(m.done(msg))
	}
	return m, nil
}

func (m Model) done(r resultMsg) tea.Msg {
	switch {
	case r.err != nil:
		return DoneMsg{Status: common.Failed("finding a walk-in slot", r.err)}
	case r.w.Hold.ID != "":
		return FoundMsg{Intent: m.c.Session.Begin(m.svc, m.loc, r.w.Slot, r.w.Hold, m.typed)}
	}
	zone := m.loc.Zone()
	text := "No free slot left today for " + model.Sanitize(m.svc.Name)
	if next := r.w.Next.Start; !next.IsZero() {
		text += "; next free: " + next.In(zone).Format("Mon 2 Jan") + " " + common.FormatTime(next, zone, m.c.Prefs.Clock24, true)
	} else {
		text += " nor in the bookable window"
	}
	return DoneMsg{Status: common.Status{Text: text}}
}

// SetSize implements the router's sizing.
func (m *Model) SetSize(int, int) {}

// Focused is true: leaving now would lose the hold the search may place;
// ctrl+c still asks to quit.
func (m Model) Focused() bool { return true }

// Heading names the service and location searched.
func (m Model) Heading() common.Heading {
	return common.Heading{Label: "Walk-in", Location: m.loc, Service: m.svc}
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit"))}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// View implements tea.Model.
func (m Model) View() string {
	return m.spin.View() + " " + m.c.Styles.Text.Render("Finding today's next free slot for "+model.Sanitize(m.svc.Name)+"…")
}
