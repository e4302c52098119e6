// Package slots is the list of start times of one day, where a slot is held.
package slots

import (
	"cmp"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

const (
	// headerRows is the title, its hint line and a blank line.
	headerRows = 3
)

type loadedMsg struct {
	list, req int
	avail     model.Availability
	err       error
}

type refreshTickMsg struct{ list, gen int }

// TakenMsg tells the list that its chosen slot was just taken elsewhere
// (say, moving an appointment onto it failed): its next refresh says Say
// instead of the usual word (i18n.SlotsTaken).
type TakenMsg struct {
	List int
	Say  string
}

// PickedMsg reports the slot chosen in pick mode; no hold was placed.
type PickedMsg struct {
	List int
	Slot model.Slot
}

// HoldPlacedMsg: the list's slot is held; the contact form comes next. The
// root gives back a hold the user no longer waits for.
type HoldPlacedMsg struct {
	List     int
	Service  model.Service
	Location model.Location
	Slot     model.Slot
	Hold     model.Hold
}

// HoldMsg is the answer to a hold request. The root hands it to every
// screen it keeps, so a hold answered after its list was closed is given
// back rather than lost.
type HoldMsg struct {
	list, req int
	slot      model.Slot
	hold      model.Hold
	err       error
}

// Placed is the hold the request got, if it got one.
func (msg HoldMsg) Placed() (model.Hold, bool) { return msg.hold, msg.err == nil && msg.hold.ID != "" }

// For is the screen and the request number the answer is for.
func (msg HoldMsg) For() (screen, req int) { return msg.list, msg.req }

// Slot is the slot asked for.
func (msg HoldMsg) Slot() model.Slot { return msg.slot }

// Err is why the slot was not held, if it was not.
func (msg HoldMsg) Err() error { return msg.err }

// HoldCmd asks the session to hold slot for request req of screen (a
// slot list, the day agenda); the answer is a HoldMsg, which the root
// gives back if nobody waits for it.
func HoldCmd(c common.Common, screen, req int, svc model.Service, loc model.Location, slot model.Slot) tea.Cmd {
	return func() tea.Msg {
		h, err := c.Session.Hold(c.Ctx, svc, loc, slot)
		return HoldMsg{list: screen, req: req, slot: slot, hold: h, err: err}
	}
}

// Config is what a slot list shows.
type Config struct {
	ID           int // unique per list in the session, so stale replies are told apart
	Service      model.Service
	Location     model.Location
	Availability model.Availability
	Date         model.Date
	// Pick makes enter report the slot (PickedMsg) instead of holding it,
	// for moving an existing appointment; Banner says what moves.
	Pick   bool
	Banner string
}

// row is one line of the list: a group heading or a slot.
type row struct {
	heading string
	slot    int // index into slots; -1 for a heading
}

// Model is the slot list screen.
type Model struct {
	c    common.Common
	keys KeyMap
	cfg  Config
	zone *time.Location

	avail   model.Availability
	day     model.Date
	slots   []model.Slot
	rows    []row
	slotRow []int // row of each slot
	cursor  int   // index into slots; -1 when the chosen time went and nothing is selected
	offset  int   // first row on screen

	lost       time.Time // the chosen time that went, while nothing is selected
	jump       common.TimeJump
	req        int
	loading    bool
	afterTaken bool   // the refetch in flight follows a 409
	takenText  string // what to say then; "" is TakenText
	ask        Asking
	gen        int  // refresh tick generation; Activate moves it on
	covered    bool // another screen is on top: no refetching

	width, height int
}

// New builds the list for cfg.Date from the calendar's availability.
func New(c common.Common, cfg Config) Model {
	m := Model{c: c, keys: DefaultKeyMap(c.Words), cfg: cfg, zone: cfg.Location.Zone(), avail: cfg.Availability, ask: NewAsking(c, cfg.ID)}
	if cfg.Pick {
		m.keys.Hold.SetHelp(c.Words.KeyName("enter"), c.T(i18n.KeyChooseThisTime))
	}
	m.setDay(cfg.Date)
	return m
}

// Init implements tea.Model: it starts the refresh tick.
func (m Model) Init() tea.Cmd { return m.tickCmd(m.gen) }

// Activate refetches and restarts the refresh tick, for when the list is
// shown again (ticks that arrived while it was hidden were dropped).
func (m *Model) Activate() tea.Cmd {
	m.gen++
	m.covered = false
	m.ask.Covered()
	return tea.Batch(m.Refresh(), m.tickCmd(m.gen))
}

// Deactivate stops the refresh while another screen covers the list.
func (m *Model) Deactivate() { m.gen++; m.covered = true; m.ask.Covered() }

func (m Model) tickCmd(gen int) tea.Cmd {
	id := m.cfg.ID
	return common.Refresh(m.c, func(time.Time) tea.Msg { return refreshTickMsg{list: id, gen: gen} })
}

// Date is the day shown.
func (m Model) Date() model.Date { return m.day }

// Slots is the day's free slots.
func (m Model) Slots() []model.Slot { return m.slots }

// Cursor is the index of the highlighted slot.
func (m Model) Cursor() int { return m.cursor }

// Holding reports whether a hold request is in flight.
func (m Model) Holding() bool { return m.ask.Holding() }

// Awaits reports whether msg answers the hold request in flight.
func (m Model) Awaits(msg HoldMsg) bool { return m.ask.Awaits(msg) }

// Focused reports that the list takes every key: while a hold is being
// placed, leaving would lose its answer.
func (m Model) Focused() bool { return m.ask.Waiting() }

// ID is the list's id.
func (m Model) ID() int { return m.cfg.ID }

// Heading names the list's service and location in the header.
func (m Model) Heading() common.Heading {
	h := common.Heading{Location: m.cfg.Location, Service: m.cfg.Service}
	if m.cfg.Pick {
		h.Label = m.c.T(i18n.LabelReschedule)
	}
	return h
}

// Availability is the latest data, for the calendar when going back.
func (m Model) Availability() model.Availability { return m.avail }

// SetSize sets the area the screen draws in.
func (m *Model) SetSize(width, height int) {
	if m.cfg.Banner != "" {
		height-- // the banner's line
	}
	m.width, m.height = width, height
	m.scroll()
}

// Refresh refetches the day, e.g. when coming back from the form.
func (m *Model) Refresh() tea.Cmd {
	m.req++
	m.loading = true
	c, id, req := m.c, m.cfg.ID, m.req
	svc, loc := m.cfg.Service.ID, m.cfg.Location.ID
	today := model.DateOf(c.Now().In(m.zone))
	days := max(min(today.DaysUntil(m.day)+1, 90), 1)
	return func() tea.Msg {
		a, err := c.Office.Availability(c.Ctx, svc, loc, days)
		return loadedMsg{list: id, req: req, avail: a, err: err}
	}
}

// Update implements tea.Model, returning the concrete type.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.list != m.cfg.ID || msg.req != m.req {
			return m, nil
		}
		m.loading = false
		if msg.err != nil {
			m.afterTaken = false
			return m, common.Fail(m.c.Words, m.c.T(i18n.FailRefreshingTimes), msg.err)
		}
		m.mergeAvailability(msg.avail)
		gone := m.setDay(m.day)
		if m.afterTaken {
			text := cmp.Or(m.takenText, m.c.T(i18n.SlotsTaken))
			m.afterTaken, m.takenText = false, ""
			return m, common.Say(text)
		}
		if !gone.IsZero() {
			// The desk may be reading this time to a caller: never move
			// to another without a word.
			return m, common.Warn(m.c.T(i18n.SlotsGone, m.clock(gone)))
		}
	case TakenMsg:
		if msg.List == m.cfg.ID {
			m.afterTaken, m.takenText = true, msg.Say
		}
		return m, nil
	case refreshTickMsg:
		if msg.list != m.cfg.ID || msg.gen != m.gen {
			return m, nil
		}
		if m.c.Activity.Idle(m.c.Now()) {
			return m, m.tickCmd(m.gen) // nobody is looking: ask nothing
		}
		refresh := m.Refresh()
		return m, tea.Batch(refresh, m.tickCmd(m.gen))
	case common.SlotsChangedMsg:
		if m.covered || msg.ServiceID != m.cfg.Service.ID || msg.LocationID != m.cfg.Location.ID {
			return m, nil
		}
		return m, m.Refresh()
	case HoldMsg:
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

func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	if m.ask.Waiting() {
		return m, m.ask.Key(m.c)
	}
	if !m.cfg.Pick && key.Matches(msg, m.c.Keys.Appointments) {
		return m, common.Msg(common.OpenAppointmentsMsg{})
	}
	if msg.Type == tea.KeyRunes && common.IsDigit(msg.Runes) {
		return m.jumpTo(msg.Runes[0])
	}
	m.jump.Reset()
	switch {
	case key.Matches(msg, m.keys.Up):
		m.move(-1)
	case key.Matches(msg, m.keys.Down):
		m.move(1)
	case key.Matches(msg, m.keys.PageUp):
		m.move(-m.page())
	case key.Matches(msg, m.keys.PageDown):
		m.move(m.page())
	case key.Matches(msg, m.keys.Home):
		m.move(-len(m.slots))
	case key.Matches(msg, m.keys.End):
		m.move(len(m.slots))
	case key.Matches(msg, m.keys.Hold):
		return m.hold()
	case key.Matches(msg, m.keys.Refresh):
		m.c.Office.DropCached(m.cfg.Service.ID, m.cfg.Location.ID)
		cmd := m.Refresh()
		return m, cmd
	case key.Matches(msg, m.keys.NextFree):
		return m.jumpFree(1)
	case key.Matches(msg, m.keys.PrevFree):
		return m.jumpFree(-1)
	}
	return m, nil
}

func (m Model) click(msg tea.MouseMsg) (Model, tea.Cmd) {
	if m.ask.Waiting() || msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft {
		return m, nil
	}
	if m.cfg.Banner != "" {
		msg.Y--
	}
	r := m.offset + msg.Y - headerRows
	if msg.Y < headerRows || r >= len(m.rows) || m.rows[r].slot < 0 {
		return m, nil
	}
	if m.rows[r].slot == m.cursor {
		return m.hold()
	}
	m.cursor = m.rows[r].slot
	m.scroll()
	return m, nil
}

func (m Model) jumpFree(step int) (Model, tea.Cmd) {
	d, ok := m.avail.NextFree(m.day, step)
	today := model.DateOf(m.c.Now().In(m.zone))
	if !ok || d.Before(today) {
		return m, common.Say(m.c.T(i18n.SlotsNoOtherFreeDay))
	}
	m.setDay(d)
	return m, nil
}

// jumpTo selects the first time that starts with the digits typed so far.
func (m Model) jumpTo(digit rune) (Model, tea.Cmd) {
	i, typed := m.jump.Type(digit, m.c.Now(), m.c.Prefs.Clock24, m.zone, len(m.slots), func(i int) time.Time { return m.slots[i].Start })
	if i < 0 {
		return m, common.Say(m.c.T(i18n.SlotsNoTimeStarts, typed))
	}
	m.cursor = i
	m.scroll()
	return m, nil
}

// hold asks the session to hold the highlighted slot; in pick mode it
// only reports the slot.
func (m Model) hold() (Model, tea.Cmd) {
	if len(m.slots) == 0 {
		return m, nil
	}
	if m.cursor < 0 {
		return m, common.Say(m.c.T(i18n.SlotsChooseFirst))
	}
	slot := m.slots[m.cursor]
	if m.cfg.Pick {
		return m, common.Msg(PickedMsg{List: m.cfg.ID, Slot: slot})
	}
	return m, m.ask.Hold(m.c, m.cfg.Service, m.cfg.Location, slot)
}

func (m Model) holdDone(msg HoldMsg) (Model, tea.Cmd) {
	switch {
	case msg.err == nil:
		return m, common.Msg(HoldPlacedMsg{
			List: m.cfg.ID, Service: m.cfg.Service, Location: m.cfg.Location, Slot: msg.slot, Hold: msg.hold,
		})
	case api.IsSlotTaken(msg.err):
		m.afterTaken = true
		cmd := m.Refresh()
		return m, cmd
	}
	return m, common.Fail(m.c.Words, m.c.T(i18n.FailHolding, m.clock(msg.slot.Start)), msg.err)
}

// mergeAvailability keeps the calendar's longer window and replaces the
// days the refetch covered.
func (m *Model) mergeAvailability(a model.Availability) {
	fresh := make(map[model.Date]model.Day, len(a.Days))
	for _, d := range a.Days {
		fresh[d.Date] = d
	}
	days := make([]model.Day, 0, max(len(m.avail.Days), len(a.Days)))
	for _, d := range m.avail.Days {
		if f, ok := fresh[d.Date]; ok {
			d = f
			delete(fresh, d.Date)
		}
		days = append(days, d)
	}
	for _, d := range a.Days {
		if _, ok := fresh[d.Date]; ok {
			days = append(days, d)
		}
	}
	hol := make(map[model.Date]string, len(m.avail.Holidays)+len(a.Holidays))
	for k, v := range m.avail.Holidays {
		hol[k] = v
	}
	for k, v := range a.Holidays {
		hol[k] = v
	}
	m.avail.Days, m.avail.Holidays = days, hol
}

// setDay shows d. Shown again (a refresh), the cursor stays on the time
// chosen; if that time went, nothing is selected and gone says which.
func (m *Model) setDay(d model.Date) (gone time.Time) {
	var keep time.Time
	if m.day == d && m.cursor >= 0 && m.cursor < len(m.slots) {
		keep = m.slots[m.cursor].Start
	}
	m.day = d
	day, _ := m.avail.Day(d)
	m.slots = day.Slots
	m.cursor = 0
	if !keep.IsZero() {
		m.cursor = -1
		for i, s := range m.slots {
			if s.Start.Equal(keep) {
				m.cursor = i
			}
		}
		if m.cursor < 0 {
			m.lost = keep
			gone = keep
		}
	}
	m.buildRows()
	m.scroll()
	return gone
}

func (m *Model) buildRows() {
	m.rows = m.rows[:0]
	m.slotRow = make([]int, len(m.slots))
	last := ""
	for i, s := range m.slots {
		if g := m.c.T(group(s.Start.In(m.zone))); g != last {
			if last != "" {
				m.rows = append(m.rows, row{slot: -1})
			}
			m.rows = append(m.rows, row{heading: g, slot: -1})
			last = g
		}
		m.slotRow[i] = len(m.rows)
		m.rows = append(m.rows, row{slot: i})
	}
}

func group(t time.Time) i18n.Key {
	switch h := t.Hour(); {
	case h < 12:
		return i18n.SlotsMorning
	case h < 17:
		return i18n.SlotsAfternoon
	}
	return i18n.SlotsEvening
}

func (m *Model) move(n int) {
	m.cursor = common.Move(m.cursor, n, len(m.slots), m.lost, func(i int) time.Time { return m.slots[i].Start })
	m.scroll()
}

// listRows is how many list rows fit under the header and above the status.
func (m Model) listRows() int { return max(m.height-headerRows-2, 1) }

func (m Model) page() int { return max(m.listRows()-2, 1) }

// scroll keeps the cursor's row, and its group heading when possible, on screen.
func (m *Model) scroll() {
	if len(m.slots) == 0 {
		m.offset = 0
		return
	}
	if m.cursor < 0 {
		m.offset = max(0, min(m.offset, max(len(m.rows)-m.listRows(), 0)))
		return
	}
	r, n := m.slotRow[m.cursor], m.listRows()
	top := r
	if r > 0 && m.rows[r-1].heading != "" {
		top = r - 1
	}
	if top < m.offset {
		m.offset = top
	}
	if r >= m.offset+n {
		m.offset = r - n + 1
	}
	m.offset = max(0, min(m.offset, max(len(m.rows)-n, 0)))
}

func (m Model) clock(t time.Time) string {
	return common.FormatTime(t, m.zone, m.c.Prefs.Clock24, true)
}
