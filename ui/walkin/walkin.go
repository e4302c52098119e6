// Package walkin books a customer standing at the desk: it shows the
// services offered at the location with each one's next free slot today,
// the current one chosen, and holds the chosen service's next free slot,
// so the contact form can follow at once. A location with one service
// skips the choice.
package walkin

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// FoundMsg: the chosen service's next free slot today is held; the form
// comes next.
type FoundMsg struct{ Intent *booking.Intent }

// DoneMsg: no walk-in today; Status says why and when the next one is.
type DoneMsg struct{ Status common.Status }

type (
	choicesMsg struct {
		choices []booking.WalkInChoice
		err     error
	}
	resultMsg struct {
		svc model.Service
		w   booking.WalkIn
		err error
	}
)

type phase int

const (
	loading   phase = iota // reading the services and their free slots
	choosing               // the desk picks the service
	searching              // holding the chosen service's next free slot
)

// KeyMap is the walk-in's keys while choosing.
type KeyMap struct {
	Up, Down key.Binding
	Number   key.Binding // choose by the number shown
	Hold     key.Binding
}

// DefaultKeyMap is the walk-in's default keys, their help in p's
// language; tab cycles like a field.
func DefaultKeyMap(p *i18n.Printer) KeyMap {
	return KeyMap{
		Up:     key.NewBinding(key.WithKeys("up", "k", "shift+tab"), common.Help(p, "↑/k/shift+tab", i18n.KeyPrevService)),
		Down:   key.NewBinding(key.WithKeys("down", "j", "tab"), common.Help(p, "↓/j/tab", i18n.KeyNextService)),
		Number: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), common.Help(p, "1-9", i18n.KeyThatService)),
		Hold:   key.NewBinding(key.WithKeys("enter"), common.Help(p, "enter", i18n.KeyHoldNextFree)),
	}
}

// Model is the walk-in step.
type Model struct {
	c      common.Common
	keys   KeyMap
	svc    model.Service // the desk's current service, chosen first
	loc    model.Location
	typed  model.Contact
	phase  phase
	list   []booking.WalkInChoice
	sel    int
	status common.Status // this step's line: a failure, none left today
	spin   spinner.Model
	width  int
}

// New is a walk-in at loc, svc chosen first; typed prefills the form that
// follows.
func New(c common.Common, svc model.Service, loc model.Location, typed model.Contact) Model {
	sp := spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Accent))
	return Model{c: c, keys: DefaultKeyMap(c.Words), svc: svc, loc: loc, typed: typed, spin: sp, width: 80}
}

// Init reads the services offered at the location and their free slots.
func (m Model) Init() tea.Cmd {
	c, loc, svc := m.c, m.loc, m.svc
	return tea.Batch(m.spin.Tick, func() tea.Msg {
		cat, err := c.Office.Catalog(c.Ctx)
		if err != nil {
			return choicesMsg{err: err}
		}
		svcs := cat.Offered(loc.ID)
		if len(svcs) == 0 {
			svcs = []model.Service{svc}
		}
		return choicesMsg{choices: c.Office.WalkInChoices(c.Ctx, loc, svcs, c.Prefs.DaysAhead)}
	})
}

// Update implements tea.Model, returning the concrete type.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if m.phase == choosing {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case choicesMsg:
		if m.phase != loading {
			return m, nil
		}
		return m.chose(msg)
	case resultMsg:
		if m.phase != searching {
			return m, nil
		}
		return m.found(msg)
	case tea.KeyMsg:
		if m.phase == choosing {
			return m.key(msg)
		}
	case tea.MouseMsg:
		if m.phase == choosing {
			return m.click(msg)
		}
	}
	return m, nil
}

// chose shows the choices, or goes straight on when there is nothing to
// choose between (or the catalogue could not be read: the current
// service it is).
func (m Model) chose(msg choicesMsg) (Model, tea.Cmd) {
	if msg.err != nil || len(msg.choices) < 2 {
		return m.hold(m.svc)
	}
	if st, none := m.noneAnywhere(msg.choices); none {
		return m, common.Msg(DoneMsg{Status: st})
	}
	m.list, m.phase = msg.choices, choosing
	for i, ch := range m.list {
		if ch.Service.ID == m.svc.ID {
			m.sel = i
		}
	}
	return m, nil
}

// noneAnywhere says so when no service has a free slot left today, with
// the first free one after.
func (m Model) noneAnywhere(choices []booking.WalkInChoice) (common.Status, bool) {
	var first booking.WalkInChoice
	for _, ch := range choices {
		if ch.Err != nil || !ch.Today.Start.IsZero() {
			return common.Status{}, false
		}
		if n := ch.Next.Start; !n.IsZero() && (first.Next.Start.IsZero() || n.Before(first.Next.Start)) {
			first = ch
		}
	}
	text := m.c.T(i18n.WalkInNoneAnyService, model.Sanitize(m.loc.Name))
	if n := first.Next.Start; !n.IsZero() {
		zone := m.loc.Zone()
		text = m.c.T(i18n.WalkInNoneAnyServiceNext, model.Sanitize(m.loc.Name),
			m.c.Words.DateShort(model.DateOf(n.In(zone)))+" "+common.FormatTime(n, zone, m.c.Prefs.Clock24, true),
			model.Sanitize(first.Service.Name))
	}
	return common.Status{Text: text}, true
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Up):
		m.sel = (m.sel - 1 + len(m.list)) % len(m.list)
	case key.Matches(msg, m.keys.Down):
		m.sel = (m.sel + 1) % len(m.list)
	case key.Matches(msg, m.keys.Hold):
		return m.hold(m.list[m.sel].Service)
	case key.Matches(msg, m.keys.Number):
		if i := int(msg.Runes[0] - '1'); i < len(m.list) {
			m.sel = i
		}
	default:
		return m, nil
	}
	m.status = common.Status{}
	return m, nil
}

// Rows above the first service: the title and a blank line.
const headerRows = 2

func (m Model) click(msg tea.MouseMsg) (Model, tea.Cmd) {
	if msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft {
		return m, nil
	}
	i := msg.Y - headerRows
	if i < 0 || i >= len(m.list) {
		return m, nil
	}
	if i == m.sel {
		return m.hold(m.list[i].Service)
	}
	m.sel = i
	return m, nil
}

// hold places a hold on svc's next free slot today.
func (m Model) hold(svc model.Service) (Model, tea.Cmd) {
	m.phase, m.status = searching, common.Status{}
	m.svc = svc
	c, loc := m.c, m.loc
	return m, tea.Batch(m.spin.Tick, func() tea.Msg {
		w, err := c.Session.WalkIn(c.Ctx, svc, loc, c.Prefs.DaysAhead)
		return resultMsg{svc: svc, w: w, err: err}
	})
}

// found opens the form on the hold; with nothing held, a choice stays on
// show with the reason, and without one the walk-in ends saying it.
func (m Model) found(r resultMsg) (Model, tea.Cmd) {
	if r.err == nil && r.w.Hold.ID != "" {
		return m, common.Msg(FoundMsg{Intent: m.c.Session.Begin(r.svc, m.loc, r.w.Slot, r.w.Hold, m.typed)})
	}
	st := common.Failed(m.c.Words, m.c.T(i18n.FailFindingWalkIn), r.err)
	if r.err == nil {
		st = common.Status{Text: m.noneToday(r.svc, r.w.Next)}
	}
	if len(m.list) == 0 {
		return m, common.Msg(DoneMsg{Status: st})
	}
	for i := range m.list {
		if m.list[i].Service.ID == r.svc.ID && r.err == nil {
			m.list[i].Today, m.list[i].Next = model.Slot{}, r.w.Next
		}
	}
	m.phase, m.status = choosing, st
	return m, nil
}

func (m Model) noneToday(svc model.Service, next model.Slot) string {
	zone := m.loc.Zone()
	if !next.Start.IsZero() {
		return m.c.T(i18n.WalkInNoneTodayNext, model.Sanitize(svc.Name),
			m.c.Words.DateShort(model.DateOf(next.Start.In(zone)))+" "+common.FormatTime(next.Start, zone, m.c.Prefs.Clock24, true))
	}
	return m.c.T(i18n.WalkInNoneInWindow, model.Sanitize(svc.Name))
}

// SetSize implements the router's sizing.
func (m *Model) SetSize(width, _ int) { m.width = width }

// Focused is true while a hold may be placed: leaving then would lose
// it; ctrl+c still asks to quit. While choosing the root's keys work.
func (m Model) Focused() bool { return m.phase != choosing }

// Holding reports a hold that may be placed, for the root's quit question.
func (m Model) Holding() bool { return m.phase == searching }

// Heading names the service chosen and the location.
func (m Model) Heading() common.Heading {
	svc := m.svc
	if m.phase == choosing {
		svc = m.list[m.sel].Service
	}
	return common.Heading{Label: m.c.T(i18n.LabelWalkIn), Location: m.loc, Service: svc}
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	if m.phase == choosing {
		choose := key.NewBinding(key.WithKeys("up", "down"), common.Help(m.c.Words, "↑↓ tab", i18n.KeyChoose))
		return []key.Binding{m.keys.Hold, choose}
	}
	return []key.Binding{key.NewBinding(key.WithKeys("ctrl+c"), common.Help(m.c.Words, "ctrl+c", i18n.KeyQuit))}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding {
	if m.phase == choosing {
		return [][]key.Binding{{m.keys.Hold, m.keys.Down, m.keys.Up, m.keys.Number}}
	}
	return [][]key.Binding{m.ShortHelp()}
}

// View implements tea.Model.
func (m Model) View() string {
	st, p := m.c.Styles, m.c.Words
	switch m.phase {
	case loading:
		return m.spin.View() + " " + st.Text.Render(p.T(i18n.WalkInFinding, model.Sanitize(m.loc.Name)))
	case searching:
		return m.spin.View() + " " + st.Text.Render(p.T(i18n.WalkInHolding, model.Sanitize(m.svc.Name)))
	}
	width := max(m.width, 20)
	var b strings.Builder
	b.WriteString(st.Title.Render(p.T(i18n.WalkInTitle, model.Sanitize(m.loc.Name))) + st.Faint.Render(" · "+p.T(i18n.WalkInWhich)) + "\n\n")
	nameW := 0
	for _, ch := range m.list {
		nameW = max(nameW, lipgloss.Width(m.serviceLabel(ch.Service)))
	}
	// The times keep their room (about 40 columns); names give way.
	nameW = min(nameW, max(width-46, 16))
	for i, ch := range m.list {
		marker := "  "
		name := ansi.Truncate(m.serviceLabel(ch.Service), nameW, "…")
		name += strings.Repeat(" ", nameW-lipgloss.Width(name))
		row := strconv.Itoa(i+1) + " " + name + "  "
		if i == m.sel {
			marker = st.Cursor.Render("› ")
			row = st.Selected.Render(row)
		} else {
			row = st.Text.Render(row)
		}
		b.WriteString(ansi.Truncate(marker+row+m.when(ch), width, "…") + "\n")
	}
	b.WriteString("\n" + ansi.Wrap(st.Faint.Render(p.T(i18n.WalkInEmailNote)), width, "") + "\n")
	if t := m.status.Text; t != "" {
		style := st.Warn
		if m.status.Kind == common.Failure {
			style = st.Error
		}
		b.WriteString("\n" + ansi.Wrap(style.Render(model.Sanitize(t)), width, ""))
	}
	return strings.TrimRight(b.String(), "\n")
}

func (m Model) serviceLabel(s model.Service) string {
	label := model.Sanitize(s.Name)
	if s.DurationMinutes > 0 {
		label += " (" + m.c.T(i18n.CellMinutes, s.DurationMinutes) + ")"
	}
	return label
}

// when is a choice's next free slot, in words and with a glyph.
func (m Model) when(ch booking.WalkInChoice) string {
	st, p := m.c.Styles, m.c.Words
	zone := m.loc.Zone()
	at := func(t model.Slot) string { return common.FormatTime(t.Start, zone, m.c.Prefs.Clock24, true) }
	switch {
	case ch.Err != nil:
		return st.Error.Render(p.T(i18n.WalkInCantRead))
	case !ch.Today.Start.IsZero():
		return st.Free.Render(p.T(i18n.WalkInToday, at(ch.Today)))
	case !ch.Next.Start.IsZero():
		return st.Faint.Render(p.T(i18n.WalkInNext, p.DateShort(model.DateOf(ch.Next.Start.In(zone)))+" "+at(ch.Next)))
	}
	return st.Faint.Render(p.T(i18n.WalkInNoneTodayShort))
}
