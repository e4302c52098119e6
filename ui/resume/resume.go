// Package resume offers a booking an earlier session left unfinished (a
// crash, a closed terminal): resume it or discard it.
package resume

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/common"
)

// ResumedMsg: the booking is this session's again; the form comes next.
type ResumedMsg struct{ Intent *booking.Intent }

// DiscardedMsg: the booking was given up (its hold back, its draft gone).
type DiscardedMsg struct{ Err error }

// Model is the resume offer.
type Model struct {
	c       common.Common
	d       state.Draft
	resume  key.Binding
	discard key.Binding
	width   int
}

// New offers d.
func New(c common.Common, d state.Draft) Model {
	return Model{
		c: c, d: d,
		resume:  key.NewBinding(key.WithKeys("enter"), common.Help(c.Words, "enter", i18n.KeyResume)),
		discard: key.NewBinding(key.WithKeys("x"), common.Help(c.Words, "x", i18n.KeyDiscard)),
	}
}

// Update implements tea.Model, returning the concrete type.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		c, d := m.c, m.d
		switch {
		case key.Matches(k, m.resume):
			return m, func() tea.Msg {
				in, err := c.Session.Resume(d)
				if err != nil {
					return common.StatusMsg{Status: common.Failed(c.Words, c.T(i18n.FailResuming), err)}
				}
				return ResumedMsg{Intent: in}
			}
		case key.Matches(k, m.discard):
			return m, func() tea.Msg {
				return DiscardedMsg{Err: c.Session.Discard(context.WithoutCancel(c.Ctx), d)}
			}
		}
	}
	return m, nil
}

// SetSize sets the area the screen draws in.
func (m *Model) SetSize(width, _ int) { m.width = width }

// Focused is false: the offer has no text field.
func (m Model) Focused() bool { return false }

// Heading names the booking's service and location.
func (m Model) Heading() common.Heading {
	return common.Heading{Location: m.d.Location, Service: m.d.Service}
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding { return []key.Binding{m.resume, m.discard} }

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// View implements tea.Model.
func (m Model) View() string {
	st, p := m.c.Styles, m.c.Words
	d := m.d
	zone := d.Location.Zone()
	at := common.FormatTime(d.Slot.Start, zone, m.c.Prefs.Clock24, true)
	when := p.T(i18n.ResumeWhen, p.DateYear(model.DateOf(d.Slot.Start.In(zone))), at)
	who := model.Sanitize(d.Contact.Name)
	if who == "" {
		who = p.T(i18n.ResumeNewCustomer)
	}
	state := st.OK.Render(p.T(i18n.ResumeHoldActive))
	if d.Hold.Expired(m.c.Now()) {
		state = st.Warn.Render(p.T(i18n.ResumeHoldExpired))
	}
	lines := []string{
		st.Title.Render(p.T(i18n.ResumeTitle)),
		"",
		"  " + st.Bold.Render(model.Sanitize(d.Service.Name)) + st.Faint.Render(p.T(i18n.ResumeAt)) + model.Sanitize(d.Location.Name),
		"  " + when,
		"  " + p.T(i18n.ResumeFor, who),
		"  " + state,
		"",
		p.T(i18n.ResumeQuestion, who, at) + "  " +
			st.Accent.Render(m.resume.Help().Key) + " " + m.resume.Help().Desc + " · " + st.Accent.Render("x") + " " + m.discard.Help().Desc,
	}
	return strings.Join(lines, "\n")
}
