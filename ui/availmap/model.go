// Package availmap is the availability map: free places by day for every
// service at every location (or summed per location) over the next weeks,
// holidays and closures marked, to see at a glance where and when there
// is room. enter opens the desk's calendar on that service and day.
package availmap

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// Options say where the map starts.
type Options struct {
	Service  model.Service // the desk's, to put the cursor on
	Location model.Location
}

// OpenDayMsg asks for the desk's calendar of a service at a location,
// open on a day.
type OpenDayMsg struct {
	Service  model.Service
	Location model.Location
	Date     model.Date
}

// line is one service at one location, as it loads.
type line struct {
	offer   model.Offer
	row     model.SurveyRow
	loading bool
	err     error
}

// Model is the availability map. Use New.
type Model struct {
	c    common.Common
	keys KeyMap
	opts Options
	id   *byte // whose replies are whose
	gen  int   // a refresh ignores the replies before it

	loading    bool
	err        error
	locations  []model.Location
	lines      []line
	from       model.Date
	days       int
	byLocation bool

	row, day   int // the cursor: a row shown, a day from from
	rowOff     int // first row in view
	dayOff     int // first day in view
	w, h       int
	placedOnce bool // the cursor went to the desk's service once

	shown []shownRow // built by rebuild
	geo   geometry
	marks marks
}

type catalogMsg struct {
	id  *byte
	gen int
	cat booking.Catalog
	err error
}

type availMsg struct {
	id    *byte
	gen   int
	index int
	av    model.Availability
	err   error
}

// New builds the map; Init loads it.
func New(c common.Common, opts Options) Model {
	days := c.Prefs.DaysAhead
	if days <= 0 {
		days = 30
	}
	return Model{c: c, keys: DefaultKeyMap(c.Words), opts: opts, id: new(byte), loading: true, days: min(days, 90), w: 80, h: 20,
		marks: newMarks(c.Styles, c.Words)}
}

// Init reads the catalogue, then every service's availability.
func (m Model) Init() tea.Cmd { return m.loadCatalog() }

func (m Model) loadCatalog() tea.Cmd {
	c, id, gen := m.c, m.id, m.gen
	return func() tea.Msg {
		cat, err := c.Office.Catalog(c.Ctx)
		return catalogMsg{id, gen, cat, err}
	}
}

func (m Model) loadAvailability(i int, o model.Offer) tea.Cmd {
	c, id, gen, days := m.c, m.id, m.gen, m.days
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(c.Ctx, c.Office.Timeouts().Read)
		defer cancel()
		av, err := c.Office.Availability(ctx, o.Service.ID, o.Location.ID, days)
		return availMsg{id, gen, i, av, err}
	}
}

// Focused is false: the map has no text field.
func (m Model) Focused() bool { return false }

// Heading names the screen in the header.
func (m Model) Heading() common.Heading {
	return common.Heading{Label: m.c.T(i18n.LabelAvailabilityMap)}
}

// SetSize sets the area the screen draws in.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.rebuild()
	m.clamp()
}

// Update handles keys, clicks and the replies.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case catalogMsg:
		if msg.id != m.id || msg.gen != m.gen {
			return m, nil
		}
		return m.catalogued(msg)
	case availMsg:
		if msg.id != m.id || msg.gen != m.gen || msg.index >= len(m.lines) {
			return m, nil
		}
		l := &m.lines[msg.index]
		l.loading, l.err = false, msg.err
		if msg.err == nil {
			l.row = model.SurveyRowOf(l.offer.Service, l.offer.Location, msg.av, m.from, m.days)
		}
		m.rebuild()
		return m, nil
	case tea.KeyMsg:
		return m.key(msg)
	case tea.MouseMsg:
		return m.click(msg)
	}
	return m, nil
}

func (m Model) catalogued(msg catalogMsg) (Model, tea.Cmd) {
	m.loading, m.err = false, msg.err
	if msg.err != nil {
		return m, nil
	}
	m.locations = msg.cat.Active()
	m.from = model.SurveyStart(m.locations, m.c.Now())
	offers := msg.cat.Offers()
	m.lines = make([]line, len(offers))
	cmds := make([]tea.Cmd, len(offers))
	for i, o := range offers {
		m.lines[i] = line{offer: o, loading: true}
		cmds[i] = m.loadAvailability(i, o)
	}
	m.rebuild()
	if !m.placedOnce {
		m.placedOnce = true
		for i, o := range offers {
			if o.Service.ID == m.opts.Service.ID && o.Location.ID == m.opts.Location.ID {
				m.row = i
			}
		}
	}
	m.clamp()
	return m, tea.Batch(cmds...)
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Left):
		m.day--
	case key.Matches(msg, m.keys.Right):
		m.day++
	case key.Matches(msg, m.keys.Up):
		m.row--
	case key.Matches(msg, m.keys.Down):
		m.row++
	case key.Matches(msg, m.keys.Today):
		m.day = 0
	case key.Matches(msg, m.keys.Group):
		m.row = m.switchGrouping()
	case key.Matches(msg, m.keys.Refresh):
		return m.refresh()
	case key.Matches(msg, m.keys.Open):
		return m, m.open()
	}
	m.clamp()
	return m, nil
}

// switchGrouping goes between rows per service and per location, the
// cursor staying on the same location.
func (m *Model) switchGrouping() int {
	loc := m.cursorLocation()
	m.byLocation = !m.byLocation
	m.rebuild()
	for i, r := range m.shownRows() {
		if r.location.ID == loc.ID {
			return i
		}
	}
	return 0
}

func (m Model) refresh() (Model, tea.Cmd) {
	m.gen++
	m.loading, m.err = true, nil
	for _, l := range m.lines {
		m.c.Office.DropCached(l.offer.Service.ID, l.offer.Location.ID)
	}
	return m, m.loadCatalog()
}

// open asks for the calendar of the cursor's service on its day. On a
// location's row, the desk's service if it is offered there, else the
// first with room that day, else the first.
func (m Model) open() tea.Cmd {
	rows := m.shownRows()
	if m.row >= len(rows) {
		return nil
	}
	r := rows[m.row]
	date := m.from.AddDays(m.day)
	svc := r.service
	if m.byLocation {
		svc = m.pickService(r.location, m.day)
	}
	if svc.ID == "" {
		return nil
	}
	return common.Msg(OpenDayMsg{Service: svc, Location: r.location, Date: date})
}

func (m Model) pickService(loc model.Location, day int) model.Service {
	var first, roomy model.Service
	for _, l := range m.lines {
		if l.offer.Location.ID != loc.ID {
			continue
		}
		if l.offer.Service.ID == m.opts.Service.ID {
			return l.offer.Service
		}
		if first.ID == "" {
			first = l.offer.Service
		}
		if roomy.ID == "" && day < len(l.row.Cells) && l.row.Cells[day].Slots > 0 {
			roomy = l.offer.Service
		}
	}
	if roomy.ID != "" {
		return roomy
	}
	return first
}

func (m Model) click(msg tea.MouseMsg) (Model, tea.Cmd) {
	if msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft {
		return m, nil
	}
	g := m.geometry()
	row, ok := g.rowAt(msg.Y)
	if !ok || msg.X < g.labelW {
		return m, nil
	}
	day := m.dayOff + (msg.X-g.labelW)/cellW
	if day >= m.dayOff+g.daysShown {
		return m, nil
	}
	if row == m.row && day == m.day {
		return m, m.open()
	}
	m.row, m.day = row, day
	m.clamp()
	return m, nil
}

// clamp keeps the cursor on a row and a day, and both in view.
func (m *Model) clamp() {
	g := m.geometry()
	m.row = max(0, min(m.row, len(m.shownRows())-1))
	m.day = max(0, min(m.day, m.days-1))
	if m.day < m.dayOff {
		m.dayOff = m.day
	}
	if m.day >= m.dayOff+g.daysShown {
		m.dayOff = m.day - g.daysShown + 1
	}
	m.dayOff = max(0, min(m.dayOff, m.days-g.daysShown))
	first, last := g.rowSpan(m.row)
	if first < m.rowOff {
		m.rowOff = first
	}
	if last >= m.rowOff+g.rowsShown {
		m.rowOff = last - g.rowsShown + 1
	}
	m.rowOff = max(0, m.rowOff)
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Open, m.keys.Group, m.keys.Today}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{{k.Left, k.Right, k.Up, k.Down, k.Today}, {k.Open, k.Group, k.Refresh}}
}
