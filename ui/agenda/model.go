// Package agenda is the day at a glance: one location's bookings and free
// times of one day together, in time order, so the desk sees who is in at
// 14:00 next to the gap at 14:30. enter on a free time holds it (the slot
// list's hold, so the root's hold → form flow runs); on a booking it asks
// for the booking's detail.
//
// Without the appointments:read scope (403) or a list endpoint (404) it
// shows the free times only, and says so.
package agenda

import (
	"slices"
	"sync"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/slots"
)

const (
	pageSize = 100
	// maxPages bounds one day's reading: a day of one location is far
	// less than this many bookings.
	maxPages = 20
	// maxDaysAhead is the most the API serves in one availability request.
	maxDaysAhead = 90
)

// Config is what an agenda shows.
type Config struct {
	ID       int // unique per screen in the session, so stale replies are told apart
	Location model.Location
	// Service is whose free times are shown (availability is per
	// service); zero shows the bookings only.
	Service model.Service
	Date    model.Date
	// Catalog names the services of the bookings.
	Catalog model.Catalog
	// Select is the booking to start on, when the day has it.
	Select string
}

// OpenBookingMsg asks the root for a booking's detail (reschedule,
// cancel, .ics): the Appointments screen on its day and location, with
// the booking selected.
type OpenBookingMsg struct {
	Appointment model.Appointment
	Date        model.Date
	Location    model.Location
}

type loadedMsg struct {
	agenda, req int
	day         model.Date
	listed      bool // the bookings were asked for
	appts       []model.Appointment
	apptErr     error
	avail       model.Availability
	availErr    error
}

type refreshTickMsg struct{ agenda, gen int }

// row is one line of the agenda: a booking or a free time.
type row struct {
	at   time.Time
	end  time.Time
	free bool
	appt model.Appointment // a booking
	slot model.Slot        // a free time
}

func (r row) key() string {
	if r.free {
		return "free " + r.at.String()
	}
	return "booked " + r.appt.ID
}

// Model is the day agenda screen.
type Model struct {
	c    common.Common
	keys KeyMap
	cfg  Config
	zone *time.Location

	day     model.Date
	appts   []model.Appointment // the day's at the location, not cancelled
	slots   []model.Slot
	holiday string
	rows    []row
	lines   []string // each row drawn unselected, at the width
	startW  int      // widest start and end time of the day
	endW    int
	cursor  int       // index into rows; -1 when the chosen row went and nothing is selected
	lost    time.Time // the chosen row's time, while nothing is selected
	offset  int

	// noList says why bookings can't be shown; only free times are then.
	noList     string
	listed     bool // the day's bookings are in hand
	loaded     bool
	loading    bool
	req        int
	gen        int  // refresh tick generation; Activate and Deactivate move it on
	covered    bool // another screen is on top: no refetching
	jump       common.TimeJump
	ask        slots.Asking
	afterTaken bool

	width, height int
}

// New builds the agenda of cfg.Date; Init loads it. Free times the office
// already has are shown at once.
func New(c common.Common, cfg Config) Model {
	m := Model{c: c, keys: DefaultKeyMap(c.Words), cfg: cfg, zone: cfg.Location.Zone(), ask: slots.NewAsking(c, cfg.ID), loading: true,
		width: 80, height: 20}
	m.setDay(cfg.Date)
	return m
}

// Init implements tea.Model: the first load and the refresh tick.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.fetchCmd(m.req), m.tickCmd(m.gen))
}

// Activate reloads and restarts the refresh, for when the agenda is shown
// again (after a booking or a cancel, say).
func (m *Model) Activate() tea.Cmd {
	m.gen++
	m.covered = false
	m.ask.Covered()
	return tea.Batch(m.Refresh(), m.tickCmd(m.gen))
}

// Deactivate stops the refresh while another screen covers the agenda.
func (m *Model) Deactivate() { m.gen++; m.covered = true; m.ask.Covered() }

func (m Model) tickCmd(gen int) tea.Cmd {
	id := m.cfg.ID
	return common.Refresh(m.c, func(time.Time) tea.Msg { return refreshTickMsg{agenda: id, gen: gen} })
}

// ID is the screen's id.
func (m Model) ID() int { return m.cfg.ID }

// Date is the day shown.
func (m Model) Date() model.Date { return m.day }

// Holding reports a hold request in flight.
func (m Model) Holding() bool { return m.ask.Holding() }

// Awaits reports whether msg answers the hold request in flight.
func (m Model) Awaits(msg slots.HoldMsg) bool { return m.ask.Awaits(msg) }

// Focused reports that the agenda takes every key while a hold is being
// placed: leaving would lose its answer.
func (m Model) Focused() bool { return m.ask.Waiting() }

// Heading names the agenda, its location and the service of its free times.
func (m Model) Heading() common.Heading {
	return common.Heading{Label: m.c.T(i18n.LabelAgenda), Location: m.cfg.Location, Service: m.cfg.Service}
}

// ListsBookings reports whether bookings can be shown (false: free times
// only, with a note saying why).
func (m Model) ListsBookings() bool { return m.noList == "" }

// SetSize sets the area the screen draws in.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.render()
	m.scroll()
}

// Refresh reloads the day.
func (m *Model) Refresh() tea.Cmd {
	m.req++
	m.loading = true
	return m.fetchCmd(m.req)
}

func (m Model) today() model.Date { return model.DateOf(m.c.Now().In(m.zone)) }

// fetchCmd reads the day's bookings (unless the client may not) and free
// times at once.
func (m Model) fetchCmd(req int) tea.Cmd {
	c, id, day, zone := m.c, m.cfg.ID, m.day, m.zone
	svc, loc := m.cfg.Service.ID, m.cfg.Location.ID
	list := m.noList == ""
	days := m.today().DaysUntil(day) + 1
	free := svc != "" && days >= 1 && days <= maxDaysAhead
	return func() tea.Msg {
		msg := loadedMsg{agenda: id, req: req, day: day, listed: list}
		var wg sync.WaitGroup
		if list {
			wg.Go(func() { msg.appts, msg.apptErr = dayBookings(c, loc, day, zone) })
		}
		if free {
			wg.Go(func() { msg.avail, msg.availErr = c.Office.Availability(c.Ctx, svc, loc, days) })
		}
		wg.Wait()
		return msg
	}
}

// dayBookings reads every page of day's appointments (in zone) and keeps
// those at the location that still stand. The API filters by time only.
func dayBookings(c common.Common, locationID string, day model.Date, zone *time.Location) ([]model.Appointment, error) {
	f := api.AppointmentFilter{From: day.In(zone), To: day.AddDays(1).In(zone), PageSize: pageSize}
	var out []model.Appointment
	for range maxPages {
		page, err := c.Office.Appointments(c.Ctx, f)
		if err != nil {
			return nil, err
		}
		for _, a := range page.Items {
			if a.LocationID == locationID && !a.Cancelled() {
				out = append(out, a)
			}
		}
		if page.NextPageToken == "" {
			break
		}
		f.PageToken = page.NextPageToken
	}
	return out, nil
}

// Update implements tea.Model, returning the concrete type.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.agenda != m.cfg.ID || msg.req != m.req {
			return m, nil
		}
		return m.loadedDay(msg)
	case refreshTickMsg:
		if msg.agenda != m.cfg.ID || msg.gen != m.gen {
			return m, nil
		}
		if m.ask.Holding() || m.c.Activity.Idle(m.c.Now()) {
			return m, m.tickCmd(m.gen) // busy, or nobody is looking: ask nothing
		}
		refresh := m.Refresh()
		return m, tea.Batch(refresh, m.tickCmd(m.gen))
	case common.SlotsChangedMsg:
		if m.covered || msg.LocationID != m.cfg.Location.ID {
			return m, nil // bookings of every service show here
		}
		return m, m.Refresh()
	case slots.HoldMsg:
		if !m.Awaits(msg) {
			return m, nil
		}
		m.ask.Answered(msg)
		return m.holdDone(msg)
	case spinner.TickMsg:
		return m, m.ask.Tick(msg)
	case tea.KeyMsg:
		return m.handleKey(msg)
	case tea.MouseMsg:
		return m.click(msg)
	}
	return m, nil
}

func (m Model) loadedDay(msg loadedMsg) (Model, tea.Cmd) {
	first := !m.loaded
	m.loading, m.loaded = false, true
	var cmds []tea.Cmd
	switch {
	case !msg.listed:
	case msg.apptErr == nil:
		m.appts, m.listed = msg.appts, true
	case api.IsForbidden(msg.apptErr):
		m.noList, m.appts = m.c.T(i18n.AgendaNoScope), nil
	case api.IsNotFound(msg.apptErr):
		m.noList, m.appts = m.c.T(i18n.AgendaNoList), nil
	default:
		cmds = append(cmds, common.Fail(m.c.Words, m.c.T(i18n.FailLoadingBookings), msg.apptErr))
	}
	if msg.availErr != nil {
		cmds = append(cmds, common.Fail(m.c.Words, m.c.T(i18n.FailLoadingFreeTimes), msg.availErr))
	} else if m.freeDay() {
		m.setAvailability(msg.avail)
	}
	gone := m.build()
	if first {
		// Rows shown before (the office's free times) were no choice.
		m.cursor, gone = m.firstCurrent(), nil
		if i := slices.IndexFunc(m.rows, func(r row) bool { return !r.free && r.appt.ID == m.cfg.Select }); i >= 0 && m.cfg.Select != "" {
			m.cursor = i
		}
		m.cfg.Select = "" // once: another day starts as days do
		m.scroll()
	}
	switch {
	case m.afterTaken:
		m.afterTaken = false
		cmds = append(cmds, common.Say(m.c.T(i18n.SlotsTaken)))
	case gone != nil && gone.free:
		// The desk may be reading this time to a caller: never move to
		// another without a word.
		cmds = append(cmds, common.Warn(m.c.T(i18n.SlotsGone, m.clockZone(gone.at))))
	case gone != nil && len(m.rows) > 0:
		// A booking cancelled or moved: the row now at its time.
		i := slices.IndexFunc(m.rows, func(r row) bool { return !r.at.Before(gone.at) })
		if i < 0 {
			i = len(m.rows) - 1
		}
		m.cursor = i
		m.scroll()
	}
	return m, tea.Batch(cmds...)
}

// freeDay reports whether the day can have free times at all: a service
// is chosen and the day is in the bookable window.
func (m Model) freeDay() bool {
	n := m.today().DaysUntil(m.day)
	return m.cfg.Service.ID != "" && n >= 0 && n < maxDaysAhead
}

func (m *Model) setAvailability(a model.Availability) {
	day, _ := a.Day(m.day)
	m.slots = day.Slots
	m.holiday, _ = a.Holiday(m.day)
}

func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	if m.ask.Waiting() {
		return m, m.ask.Key(m.c)
	}
	if msg.Type == tea.KeyRunes && common.IsDigit(msg.Runes) {
		i, typed := m.jump.Type(msg.Runes[0], m.c.Now(), m.c.Prefs.Clock24, m.zone, len(m.rows), func(i int) time.Time { return m.rows[i].at })
		if i < 0 {
			return m, common.Say(m.c.T(i18n.SlotsNoTimeStarts, typed))
		}
		m.cursor = i
		m.scroll()
		return m, nil
	}
	m.jump.Reset()
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.PageUp):
		m.move(-m.page())
	case key.Matches(msg, k.PageDown):
		m.move(m.page())
	case key.Matches(msg, k.Home):
		m.move(-len(m.rows))
	case key.Matches(msg, k.End):
		m.move(len(m.rows))
	case key.Matches(msg, k.PrevDay):
		return m.goTo(m.day.AddDays(-1))
	case key.Matches(msg, k.NextDay):
		return m.goTo(m.day.AddDays(1))
	case key.Matches(msg, k.Today):
		return m.goTo(m.today())
	case key.Matches(msg, k.Open):
		return m.open()
	case key.Matches(msg, k.Refresh):
		m.noList = "" // ask again: the scope may have been granted
		m.c.Office.DropCached(m.cfg.Service.ID, m.cfg.Location.ID)
		cmd := m.Refresh()
		return m, cmd
	}
	return m, nil
}

func (m Model) click(msg tea.MouseMsg) (Model, tea.Cmd) {
	if m.ask.Waiting() || msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft {
		return m, nil
	}
	i := m.offset + msg.Y - m.headerRows()
	if msg.Y < m.headerRows() || i >= len(m.rows) || i >= m.offset+m.listRows() {
		return m, nil
	}
	if i == m.cursor {
		return m.open()
	}
	m.cursor = i
	m.scroll()
	return m, nil
}

// goTo shows another day, with what the office already knows of it at
// once, and loads it.
func (m Model) goTo(d model.Date) (Model, tea.Cmd) {
	if d == m.day {
		return m, nil
	}
	m.setDay(d)
	cmd := m.Refresh()
	return m, cmd
}

// setDay shows d with no bookings yet and the free times of the office's
// last availability answer, if it covers d.
func (m *Model) setDay(d model.Date) {
	m.day, m.appts, m.slots, m.holiday, m.listed = d, nil, nil, "", false
	m.cursor, m.offset, m.loaded = 0, 0, false
	if m.c.Office != nil && m.freeDay() {
		if last, ok := m.c.Office.LastAvailability(m.cfg.Service.ID, m.cfg.Location.ID); ok {
			m.setAvailability(last.Availability)
		}
	}
	m.rows = nil
	m.build()
	m.cursor = m.firstCurrent()
	m.scroll()
}

// firstCurrent is the first row not yet over (today), else the first.
func (m Model) firstCurrent() int {
	if len(m.rows) == 0 {
		return 0
	}
	now := m.c.Now()
	for i, r := range m.rows {
		if r.end.After(now) {
			return i
		}
	}
	return 0
}

// build merges bookings and free times in time order, bookings first at
// the same time. The cursor stays on the row chosen; if that row went,
// nothing is selected and gone is the row.
func (m *Model) build() (gone *row) {
	var keep *row
	if m.cursor >= 0 && m.cursor < len(m.rows) {
		r := m.rows[m.cursor]
		keep = &r
	}
	rows := make([]row, 0, len(m.appts)+len(m.slots))
	for _, a := range m.appts {
		rows = append(rows, row{at: a.Time, end: a.End(), appt: a})
	}
	for _, s := range m.slots {
		rows = append(rows, row{at: s.Start, end: s.End, free: true, slot: s})
	}
	slices.SortStableFunc(rows, func(x, y row) int {
		if c := x.at.Compare(y.at); c != 0 {
			return c
		}
		switch {
		case x.free == y.free:
			return 0
		case x.free:
			return 1
		}
		return -1
	})
	m.rows = rows
	m.render()
	if keep == nil {
		if m.cursor >= len(m.rows) {
			m.cursor = max(len(m.rows)-1, 0)
		}
		m.scroll()
		return nil
	}
	m.cursor = slices.IndexFunc(rows, func(r row) bool { return r.key() == keep.key() })
	if m.cursor < 0 {
		m.lost = keep.at
		gone = keep
	}
	m.scroll()
	return gone
}

func (m Model) selected() (row, bool) {
	if m.cursor < 0 || m.cursor >= len(m.rows) {
		return row{}, false
	}
	return m.rows[m.cursor], true
}

// open holds a free time, or asks for a booking's detail.
func (m Model) open() (Model, tea.Cmd) {
	r, ok := m.selected()
	switch {
	case !ok && len(m.rows) > 0:
		return m, common.Say(m.c.T(i18n.AgendaChooseFirst))
	case !ok:
		return m, nil
	case !r.free:
		return m, common.Msg(OpenBookingMsg{Appointment: r.appt, Date: m.day, Location: m.cfg.Location})
	}
	return m, m.ask.Hold(m.c, m.cfg.Service, m.cfg.Location, r.slot)
}

func (m Model) holdDone(msg slots.HoldMsg) (Model, tea.Cmd) {
	if h, ok := msg.Placed(); ok {
		return m, common.Msg(slots.HoldPlacedMsg{
			List: m.cfg.ID, Service: m.cfg.Service, Location: m.cfg.Location, Slot: msg.Slot(), Hold: h,
		})
	}
	if api.IsSlotTaken(msg.Err()) {
		m.afterTaken = true
		cmd := m.Refresh()
		return m, cmd
	}
	return m, common.Fail(m.c.Words, m.c.T(i18n.FailHolding, m.clockZone(msg.Slot().Start)), msg.Err())
}

func (m *Model) move(n int) {
	m.cursor = common.Move(m.cursor, n, len(m.rows), m.lost, func(i int) time.Time { return m.rows[i].at })
	m.scroll()
}

// headerRows is the title, the summary, the note when bookings can't be
// shown, and a blank line.
func (m Model) headerRows() int {
	if m.noList != "" {
		return 4
	}
	return 3
}

// listRows is how many rows fit under the header and above the footer line.
func (m Model) listRows() int { return max(m.height-m.headerRows()-2, 1) }

func (m Model) page() int { return max(m.listRows()-1, 1) }

// scroll keeps the cursor's row on screen.
func (m *Model) scroll() {
	n := m.listRows()
	if m.cursor >= 0 {
		if m.cursor < m.offset {
			m.offset = m.cursor
		}
		if m.cursor >= m.offset+n {
			m.offset = m.cursor - n + 1
		}
	}
	m.offset = max(0, min(m.offset, max(len(m.rows)-n, 0)))
}

func (m Model) clockZone(t time.Time) string {
	return model.Clock{H24: m.c.Prefs.Clock24}.TimeZone(t, m.zone)
}
