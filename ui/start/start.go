// Package start is the screen before the first one: it loads the
// catalogue, the desk memory and any booking an earlier session left
// unfinished, says so while it waits or when it fails, and picks where the
// desk starts.
package start

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/common"
)

// Want is where the desk was asked to start (flags or config): ids or
// names, "" for no preference.
type Want struct {
	Location string
	Service  string
	// Fresh starts as for a new customer at a kiosk: no desk memory, no
	// unfinished bookings, no demo preselection; the customer chooses.
	Fresh bool
}

// ReadyMsg: everything is in. Location and Service are where to start
// (zero when the user must choose); Drafts are bookings to offer to resume.
type ReadyMsg struct {
	Catalog  booking.Catalog
	Desk     state.Desk
	Drafts   []state.Draft
	Location model.Location
	Service  model.Service
	Status   common.Status // a word for the status line, if any
}

type (
	catalogMsg struct {
		cat  booking.Catalog
		desk state.Desk
		err  error
	}
	draftsMsg struct {
		drafts []state.Draft
		inUse  int
		err    error
	}
)

// Model is the loading screen.
type Model struct {
	c      common.Common
	want   Want
	retry  key.Binding
	cat    *catalogMsg
	drafts *draftsMsg
	err    error
}

// New loads for the session c; want is where to start if it can.
func New(c common.Common, want Want) Model {
	return Model{c: c, want: want, retry: key.NewBinding(key.WithKeys("r"), common.Help(c.Words, "r", i18n.KeyTryAgain))}
}

// Init starts loading.
func (m Model) Init() tea.Cmd { return tea.Batch(m.loadCatalog(), m.loadDrafts()) }

func (m Model) loadCatalog() tea.Cmd {
	c, fresh := m.c, m.want.Fresh
	return func() tea.Msg {
		var msg catalogMsg
		if !fresh {
			var err error
			if msg.desk, err = c.Office.Store().LoadDesk(); err != nil {
				c.Logger.Warn("ignoring the desk memory", "err", err)
			}
		}
		msg.cat, msg.err = c.Office.Catalog(c.Ctx)
		return msg
	}
}

func (m Model) loadDrafts() tea.Cmd {
	s := m.c.Session
	if m.want.Fresh {
		return common.Msg(draftsMsg{})
	}
	return func() tea.Msg {
		ds, inUse, err := s.Abandoned()
		return draftsMsg{drafts: ds, inUse: inUse, err: err}
	}
}

// Update implements tea.Model, returning the concrete type.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case catalogMsg:
		if msg.err != nil {
			m.err = msg.err
			return m, common.Fail(m.c.Words, "", msg.err)
		}
		m.cat = &msg
	case draftsMsg:
		m.drafts = &msg
	case tea.KeyMsg:
		if m.err != nil && key.Matches(msg, m.retry) {
			m.err = nil
			return m, m.loadCatalog()
		}
		return m, nil
	default:
		return m, nil
	}
	if m.cat == nil || m.drafts == nil {
		return m, nil
	}
	return m, common.Msg(m.ready())
}

func (m Model) ready() ReadyMsg {
	r := ReadyMsg{Catalog: m.cat.cat, Desk: m.cat.desk, Drafts: m.drafts.drafts}
	switch d := m.drafts; {
	case d.err != nil:
		r.Status = common.Failed(m.c.Words, m.c.T(i18n.FailReadingDrafts), d.err)
	case d.inUse > 0:
		r.Status = common.Status{Text: m.c.T(i18n.StartDraftInUse)}
	case r.Catalog.OrgErr != nil:
		m.c.Logger.Warn("could not read the organisation", "err", r.Catalog.OrgErr)
		r.Status = common.Status{Kind: common.Warning, Text: m.c.T(i18n.StartNoOrgName, common.ErrorText(m.c.Words, r.Catalog.OrgErr))}
	}
	var st common.Status
	r.Location, r.Service, st = Choose(m.c.Words, r.Catalog.Catalog, r.Desk, m.want, m.c.Prefs.Demo && !m.want.Fresh)
	if st.Text != "" {
		r.Status = st
	}
	return r
}

// Choose is where the desk starts: the location and service asked for
// (ids or names), else those the desk used last, else in the demo the
// first of each; zero values leave the choice to the user. A request
// that matches nothing is said in the status.
func Choose(p *i18n.Printer, cat model.Catalog, desk state.Desk, want Want, demo bool) (model.Location, model.Service, common.Status) {
	var st common.Status
	if want.Service != "" {
		svc, loc, err := cat.Resolve(want.Service, want.Location)
		if err == nil {
			return loc, svc, st
		}
		st = common.Failed(p, "", err)
		if loc.ID != "" && loc.Active {
			return loc, model.Service{}, st
		}
	} else if want.Location != "" {
		loc, err := cat.FindLocation(want.Location)
		if err == nil {
			return loc, model.Service{}, st
		}
		st = common.Failed(p, "", err)
	}
	if loc, ok := cat.ActiveLocation(desk.LocationID); ok {
		if svc, ok := cat.Service(desk.ServiceID); ok && svc.OfferedAt(loc.ID) {
			return loc, svc, st
		}
	}
	if demo {
		for _, l := range cat.Active() {
			if offered := cat.Offered(l.ID); len(offered) > 0 {
				return l, offered[0], st
			}
		}
	}
	return model.Location{}, model.Service{}, st
}

// SetSize implements the router's sizing; the screen is one line.
func (m *Model) SetSize(int, int) {}

// Focused is false: nothing to type.
func (m Model) Focused() bool { return false }

// Heading is empty: nothing is chosen yet.
func (m Model) Heading() common.Heading { return common.Heading{} }

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	if m.err != nil {
		return []key.Binding{m.retry}
	}
	return nil
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// View implements tea.Model.
func (m Model) View() string {
	st := m.c.Styles
	if m.err != nil {
		return st.Text.Render(m.c.T(i18n.StartCantLoad)) + "\n\n" + st.Faint.Render(m.c.T(i18n.StartRetryOrQuit))
	}
	return st.Faint.Render(m.c.T(i18n.StartConnecting))
}
