// Package calendar is the month grid: how free each day is, holidays and
// closures, and the window of days that can be booked.
package calendar

import (
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// AvailabilityMsg is the answer to one availability request.
type AvailabilityMsg struct {
	Calendar     int // the calendar instance that asked
	Req          int // its request number; older ones are dropped
	Days         int // days asked for from today: a server may omit empty days, so the data cannot tell
	Availability model.Availability
	Err          error
}

// DayChosenMsg: the user opened a day; the root shows its times.
type DayChosenMsg struct {
	Calendar int
	Date     model.Date
}

type refreshTickMsg struct{ calendar, gen int }

// Config is what a calendar shows.
type Config struct {
	ID       int // unique per calendar in the session, so stale ticks and replies are told apart
	Service  model.Service
	Location model.Location
	Date     model.Date // day to open on; zero = the first bookable day
	// Pick is for moving an appointment: the desk's keys (appointments,
	// walk-in, change location or service) are off, Banner says what moves.
	Pick   bool
	Banner string
}

// Model is the month grid screen.
type Model struct {
	c    common.Common
	keys KeyMap
	cfg  Config
	zone *time.Location

	avail   model.Availability
	loaded  bool
	loading bool
	req     int
	gen     int
	covered bool // another screen is on top: no refetching
	span    int  // days asked for by the latest request
	have    int  // days the data in hand was asked for
	pinned  bool // the user or Config chose the day; data arriving must not move it
	count   int  // a count typed before a move
	today   model.Date
	sel     model.Date
	maxFree int

	gotoInput textinput.Model

	width, height int
	layout        layout
	body          string // the grid and panel, rebuilt on every change
	memo          *memo  // shared by copies: entries never go stale
}

// New builds a calendar; Init (or Activate) starts loading.
func New(c common.Common, cfg Config) Model {
	ti := textinput.New()
	ti.Prompt = c.T(i18n.CalGoToPrompt)
	ti.Placeholder = c.T(i18n.CalGoToPlaceholder)
	ti.CharLimit = 24
	ti.Width = 12
	ti.PromptStyle = c.Styles.Accent
	ti.TextStyle = c.Styles.Text
	ti.PlaceholderStyle = c.Styles.Faint
	ti.Cursor.Style = c.Styles.Cursor
	ti.Cursor.TextStyle = c.Styles.Text
	ti.Cursor.SetMode(cursor.CursorStatic)

	m := Model{c: c, keys: DefaultKeyMap(c.Words), cfg: cfg, zone: cfg.Location.Zone(), gotoInput: ti, memo: newMemo()}
	m.today = m.now()
	m.sel = m.today
	m.loading = true
	if !cfg.Date.IsZero() {
		m.sel, m.pinned = cfg.Date, true
	}
	m.span = m.wantSpan()
	if c.Office != nil {
		if last, ok := c.Office.LastAvailability(cfg.Service.ID, cfg.Location.ID); ok {
			m.setAvailability(last.Availability, last.Days) // at once, while a fresh copy loads
		}
	}
	m.rebuild()
	return m
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd {
	// Init cannot keep state, so the first fetch uses request 0 and tick
	// generation 0; Activate moves both on.
	return tea.Batch(m.fetchCmd(m.req, m.span), m.tickCmd(m.gen))
}

// Activate refetches and restarts the refresh tick, for when the calendar
// is shown again.
func (m *Model) Activate() tea.Cmd {
	m.gen++
	m.covered = false
	return tea.Batch(m.refresh(), m.tickCmd(m.gen))
}

// Deactivate stops the refresh while another screen covers the calendar.
func (m *Model) Deactivate() { m.gen++; m.covered = true }

// Availability is the latest data, for the slot list.
func (m Model) Availability() model.Availability { return m.avail }

// Request is the number of the latest availability request: the reply
// that answers it carries it.
func (m Model) Request() int { return m.req }

// Config is what the calendar was built with.
func (m Model) Config() Config { return m.cfg }

// Heading names the calendar's service and location in the header.
func (m Model) Heading() common.Heading {
	h := common.Heading{Location: m.cfg.Location, Service: m.cfg.Service}
	if m.cfg.Pick {
		h.Label = m.c.T(i18n.LabelReschedule)
	}
	return h
}

// Selected is the highlighted day.
func (m Model) Selected() model.Date { return m.sel }

// Loading reports whether a request is in flight.
func (m Model) Loading() bool { return m.loading || !m.loaded }

// Focused reports whether the go-to prompt has the keyboard.
func (m Model) Focused() bool { return m.gotoInput.Focused() }

// SetSize sets the area the screen draws in.
func (m *Model) SetSize(width, height int) {
	if m.cfg.Banner != "" {
		height-- // the banner's line
	}
	m.width, m.height = width, height
	m.rebuild()
}

// Accepts reports whether msg answers this calendar's latest request;
// anything else is stale and dropped.
func (m Model) Accepts(msg AvailabilityMsg) bool {
	return msg.Calendar == m.cfg.ID && msg.Req == m.req
}

// Window is the first and last day that can be booked: the span the
// availability in hand was asked for (before any, the span being asked).
func (m Model) Window() (model.Date, model.Date) {
	n := m.span
	if m.loaded {
		n = m.have
	}
	return m.today, m.today.AddDays(max(n, 1) - 1)
}

// pending reports a day past the data in hand that the request in flight
// covers: it shows as loading, not as outside the window.
func (m Model) pending(d model.Date) bool {
	_, last := m.Window()
	return m.loading && d.After(last) && !d.After(m.today.AddDays(m.span-1))
}

// MaxDaysAhead is the most the API serves in one request.
const MaxDaysAhead = 90

func (m Model) daysAhead() int {
	d := m.c.Prefs.DaysAhead
	if d <= 0 {
		d = 30
	}
	return min(d, MaxDaysAhead)
}

// wantSpan is how many days to fetch: the configured days ahead, stretched
// to the end of the month on screen so every day shown is known.
func (m Model) wantSpan() int {
	monthEnd := model.Date{Year: m.sel.Year, Month: m.sel.Month, Day: 1}.AddMonths(1).AddDays(-1)
	return min(max(m.daysAhead(), m.today.DaysUntil(monthEnd)+1), MaxDaysAhead)
}

// widen fetches more days when the month on screen reaches past them.
func (m *Model) widen() tea.Cmd {
	if w := m.wantSpan(); w > m.span {
		m.span = w
		return m.refresh()
	}
	return nil
}

func (m Model) now() model.Date { return model.DateOf(m.c.Now().In(m.zone)) }

func (m Model) inWindow(d model.Date) bool {
	first, last := m.Window()
	return !d.Before(first) && !d.After(last)
}

// Update implements tea.Model, returning the concrete type.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	m.today = m.now()
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case AvailabilityMsg:
		if !m.Accepts(msg) {
			return m, nil
		}
		m.loading = false
		if msg.Err != nil {
			cmd = common.Fail(m.c.Words, m.c.T(i18n.FailLoadingAvailability), msg.Err)
			break
		}
		m.setAvailability(msg.Availability, msg.Days)
		cmd = m.widen()
	case refreshTickMsg:
		if msg.calendar != m.cfg.ID || msg.gen != m.gen {
			return m, nil
		}
		if m.c.Activity.Idle(m.c.Now()) {
			return m, m.tickCmd(m.gen) // nobody is looking: ask nothing
		}
		cmd = tea.Batch(m.refresh(), m.tickCmd(m.gen))
	case common.SlotsChangedMsg:
		if m.covered || msg.ServiceID != m.cfg.Service.ID || msg.LocationID != m.cfg.Location.ID {
			return m, nil
		}
		cmd = m.refresh()
	case tea.KeyMsg:
		if m.gotoInput.Focused() {
			return m.updateGoto(msg)
		}
		if nav := m.desk(msg); nav != nil {
			return m, nav
		}
		cmd = tea.Batch(m.handleKey(msg), m.widen())
	case tea.MouseMsg:
		cmd = m.click(msg)
	default:
		return m, nil
	}
	m.rebuild()
	return m, cmd
}

// desk answers the desk's keys, which leave the calendar.
func (m Model) desk(msg tea.KeyMsg) tea.Cmd {
	if m.cfg.Pick {
		return nil
	}
	k := m.c.Keys
	switch {
	case key.Matches(msg, k.Appointments):
		return common.Msg(common.OpenAppointmentsMsg{})
	case key.Matches(msg, k.Agenda):
		return common.Msg(common.OpenAgendaMsg{Date: m.sel, Location: m.cfg.Location, Service: m.cfg.Service})
	case key.Matches(msg, k.WalkIn):
		return common.Msg(common.WalkInMsg{})
	case key.Matches(msg, k.Location):
		return common.Msg(common.ChangeLocationMsg{})
	case key.Matches(msg, k.Service):
		return common.Msg(common.ChangeServiceMsg{})
	}
	return nil
}

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	// A count before a move repeats it, as in calcurse and vim: 3l.
	if r := msg.Runes; msg.Type == tea.KeyRunes && len(r) == 1 && r[0] >= '0' && r[0] <= '9' && (m.count > 0 || r[0] != '0') {
		m.count = min(m.count*10+int(r[0]-'0'), 999)
		return nil
	}
	n := max(m.count, 1)
	m.count = 0
	switch {
	case key.Matches(msg, m.keys.Left):
		m.selectDay(m.sel.AddDays(-n))
	case key.Matches(msg, m.keys.Right):
		m.selectDay(m.sel.AddDays(n))
	case key.Matches(msg, m.keys.Up):
		m.selectDay(m.sel.AddDays(-7 * n))
	case key.Matches(msg, m.keys.Down):
		m.selectDay(m.sel.AddDays(7 * n))
	case key.Matches(msg, m.keys.PrevMonth):
		m.selectDay(m.sel.AddMonths(-n))
	case key.Matches(msg, m.keys.NextMonth):
		m.selectDay(m.sel.AddMonths(n))
	case key.Matches(msg, m.keys.Today):
		m.selectDay(m.today)
	case key.Matches(msg, m.keys.NextFree):
		return m.jumpFree(1)
	case key.Matches(msg, m.keys.PrevFree):
		return m.jumpFree(-1)
	case key.Matches(msg, m.keys.GoTo):
		m.gotoInput.Reset()
		return m.gotoInput.Focus()
	case key.Matches(msg, m.keys.Open):
		return m.open()
	case key.Matches(msg, m.keys.Refresh):
		m.c.Office.DropCached(m.cfg.Service.ID, m.cfg.Location.ID)
		return m.refresh()
	}
	return nil
}

func (m Model) updateGoto(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch msg.Type {
	case tea.KeyEsc:
		m.gotoInput.Blur()
	case tea.KeyEnter:
		d, err := model.ParseDay(m.gotoInput.Value(), m.today)
		if err != nil {
			return m, common.Fail(m.c.Words, "", err)
		}
		m.gotoInput.Blur()
		m.selectDay(d)
		cmd := m.widen()
		m.rebuild()
		return m, cmd
	default:
		var cmd tea.Cmd
		m.gotoInput, cmd = m.gotoInput.Update(msg)
		return m, cmd
	}
	m.rebuild()
	return m, nil
}

func (m *Model) selectDay(d model.Date) {
	m.sel, m.pinned = d, true
}

func (m *Model) jumpFree(step int) tea.Cmd {
	d, ok := m.avail.NextFree(m.sel, step)
	if ok && step < 0 && d.Before(m.today) {
		ok = false
	}
	if !ok {
		if step < 0 {
			return common.Say(m.c.T(i18n.CalNoFreeDayBefore, m.sel.String()))
		}
		return common.Say(m.c.T(i18n.CalNoFreeDayAfter, m.sel.String()))
	}
	m.selectDay(d)
	return nil
}

func (m *Model) open() tea.Cmd {
	if !m.loaded || m.pending(m.sel) {
		return common.Say(m.c.T(i18n.CalStillLoading))
	}
	if !m.inWindow(m.sel) {
		first, last := m.Window()
		return common.Say(m.c.T(i18n.CalOutsideWindow, m.sel.String(), first.String(), last.String()))
	}
	return common.Msg(DayChosenMsg{Calendar: m.cfg.ID, Date: m.sel})
}

func (m *Model) click(msg tea.MouseMsg) tea.Cmd {
	if msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft {
		return nil
	}
	if m.cfg.Banner != "" {
		msg.Y--
	}
	d, ok := m.layout.dayAt(msg.X, msg.Y)
	if !ok {
		return nil
	}
	if d == m.sel {
		return m.open()
	}
	m.selectDay(d)
	return nil
}

func (m *Model) refresh() tea.Cmd {
	m.req++
	m.loading = true
	return m.fetchCmd(m.req, m.span)
}

func (m Model) fetchCmd(req, days int) tea.Cmd {
	c, id := m.c, m.cfg.ID
	svc, loc := m.cfg.Service.ID, m.cfg.Location.ID
	return func() tea.Msg {
		a, err := c.Office.Availability(c.Ctx, svc, loc, days)
		return AvailabilityMsg{Calendar: id, Req: req, Days: days, Availability: a, Err: err}
	}
}

func (m Model) tickCmd(gen int) tea.Cmd {
	id := m.cfg.ID
	return common.Refresh(m.c, func(time.Time) tea.Msg { return refreshTickMsg{calendar: id, gen: gen} })
}

func (m *Model) setAvailability(a model.Availability, days int) {
	m.avail, m.have, m.loaded = a, days, true
	m.maxFree = 0
	for _, d := range a.Days {
		m.maxFree = max(m.maxFree, len(d.Slots))
	}
	if !m.pinned {
		if d, ok := a.NextFree(m.today.AddDays(-1), 1); ok {
			m.sel = d
		}
	}
}
