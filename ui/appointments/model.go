// Package appointments is the front desk's Appointments screen: upcoming
// bookings with filters and search, a detail pane, the desk history from
// the local journal, and the entry points to reschedule, cancel and export.
//
// Without the list endpoint (404) or the appointments:read scope (403) the
// screen says so and offers lookup by appointment id instead; the desk
// history works either way.
package appointments

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ics"
	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/cancel"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/reschedule"
)

const (
	// PageSize is how many appointments one list request asks for.
	PageSize = 50
	// prefetchRows: the next page loads when the cursor is this close to
	// the end of what is loaded.
	prefetchRows = 5
	// searchDebounce is how long typing must pause before the server is
	// asked; the loaded rows are refined at once on every key.
	searchDebounce = 300 * time.Millisecond
)

var statusCycle = [...]string{"", model.StatusConfirmed, model.StatusCancelled}

// Options is what the screen needs beyond Common.
type Options struct {
	// Catalog names services and locations and gives their time zones.
	Catalog model.Catalog
	// ExportDir is where e writes .ics files (config.ExportDir); "" keeps
	// the screen from exporting.
	ExportDir string
	// Day, when set, lists that one day (in Location's zone, else the
	// local one) instead of the upcoming days; 1–4 go back to those.
	Day model.Date
	// Location, when set, lists only that location's appointments (L
	// cycles through the locations). The API filters by time only, so
	// this is done here, loading pages until the screen is full.
	Location string
	// Select is the appointment to start on, once the list has it.
	Select string
}

// RescheduleMsg asks the root to pick a new slot for Appointment (same
// service and location) and then show reschedule.New with it; Banner says
// what is being moved, above the calendar and slot list.
type RescheduleMsg struct {
	Appointment model.Appointment
	Service     model.Service
	Location    model.Location
	Banner      string
}

type (
	pageMsg struct {
		req   int
		token string // the page token asked for; "" is the first page
		page  api.AppointmentPage
		err   error
	}
	lookupMsg struct {
		req  int
		id   string
		appt model.Appointment
		err  error
	}
	journalMsg struct {
		entries []journal.Entry
		err     error
	}
	searchTickMsg  struct{ gen int }
	refreshTickMsg struct{ gen int }
	exportedMsg    struct {
		path string
		err  error
	}
)

type tab int

const (
	tabList tab = iota
	tabHistory
)

// Model is the Appointments screen.
type Model struct {
	c    common.Common
	opts Options
	keys KeyMap

	tab    tab
	rng    model.DayRange
	day    model.Date // one day instead of rng, when set
	onlyAt string     // only this location's, when set
	status int        // index into statusCycle
	query  string     // the search the server last got
	want   string     // the appointment to select once loaded

	search    textinput.Model
	searchGen int
	gen       int // refresh tick generation; hidden or shown again moves it on
	idInput   textinput.Model
	lookupReq int

	// noList explains why the list endpoint can't be used; lookups by id
	// then fill items.
	noList string

	items       []model.Appointment
	visible     []int // indices into items after the local search
	next        string
	req         int
	loading     bool
	loadingMore bool
	loadErr     string
	cursor      int
	offset      int

	history  []journal.Entry
	hVisible []int
	hCursor  int
	hOffset  int
	histErr  string

	dialog     cancel.Model
	dialogOpen bool

	zones map[string]*time.Location // by location id, loaded once
	where map[string]string         // short location names, for the Where column
	memo  *memo                     // shared by copies: same session, same goroutine

	line          common.Status // the screen's status line
	width, height int
}

// New builds the screen; Init loads the first page and the journal.
func New(c common.Common, opts Options) Model {
	zones := make(map[string]*time.Location, len(opts.Catalog.Locations))
	for _, l := range opts.Catalog.Locations {
		zones[l.ID] = l.Zone()
	}
	return Model{
		c: c, opts: opts, keys: DefaultKeyMap(c.Words), rng: model.Upcoming, zones: zones, where: shortNames(opts.Catalog),
		memo: newMemo(), day: opts.Day, onlyAt: opts.Location, want: opts.Select,
		search:  newInput(c, "/ ", c.T(i18n.ApptSearchPlaceholder), 80),
		idInput: newInput(c, c.T(i18n.ApptIDPrompt), "a_…", 64),
		loading: true,
		width:   80, height: 24,
	}
}

func newInput(c common.Common, prompt, placeholder string, limit int) textinput.Model {
	ti := textinput.New()
	ti.Prompt = prompt
	ti.Placeholder = placeholder
	ti.CharLimit = limit
	ti.Width = 30
	ti.PromptStyle = c.Styles.Accent
	ti.TextStyle = c.Styles.Text
	ti.PlaceholderStyle = c.Styles.Faint
	ti.Cursor.Style = c.Styles.Cursor
	ti.Cursor.TextStyle = c.Styles.Text
	ti.Cursor.SetMode(cursor.CursorStatic)
	return ti
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.fetch(m.req, ""), m.loadJournal(), m.tick())
}

// Refresh reloads the list and the journal, for when the screen is shown
// again (after a booking, say); the last visit's status line goes.
func (m *Model) Refresh() tea.Cmd {
	m.line = common.Status{}
	return tea.Batch(m.reload(), m.loadJournal())
}

// Activate refreshes the screen shown again and restarts its own refresh.
func (m *Model) Activate() tea.Cmd {
	m.gen++
	return tea.Batch(m.Refresh(), m.tick())
}

// Deactivate stops the refresh while another screen covers the list.
func (m *Model) Deactivate() { m.gen++ }

func (m Model) tick() tea.Cmd {
	gen := m.gen
	return common.Refresh(m.c, func(time.Time) tea.Msg { return refreshTickMsg{gen} })
}

// refreshed reloads what other desks may have changed, unless the user is
// busy in it (a dialog, a search, pages scrolled past the first) or away.
func (m Model) refreshed() (Model, tea.Cmd) {
	busy := m.dialogOpen || m.search.Focused() || m.idInput.Focused() || m.loading || m.loadingMore ||
		m.tab != tabList || m.noList != "" || m.pastFirstPage()
	if busy || m.c.Activity.Idle(m.c.Now()) {
		return m, m.tick()
	}
	reload := m.reload()
	return m, tea.Batch(reload, m.tick())
}

// Heading names the screen in the header.
func (m Model) Heading() common.Heading { return common.Heading{Label: m.c.T(i18n.LabelAppointments)} }

// Focused reports whether a text field or the cancel dialog has the
// keyboard; the root must then send every key here, q and ? included.
func (m Model) Focused() bool {
	return m.dialogOpen || m.search.Focused() || m.idInput.Focused()
}

// Selected is the highlighted appointment, in the list or the history.
func (m Model) Selected() (model.Appointment, bool) {
	if m.tab == tabHistory {
		if m.hCursor < len(m.hVisible) {
			return m.history[m.hVisible[m.hCursor]].Appointment, true
		}
		return model.Appointment{}, false
	}
	if m.cursor < len(m.visible) {
		return m.items[m.visible[m.cursor]], true
	}
	return model.Appointment{}, false
}

// SetSize sets the area the screen draws in.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.search.Width = max(10, width-20) // room for "  (esc clears)"
	m.idInput.Width = max(10, min(40, width-20))
	m.dialog.SetSize(width, height)
	m.fixOffset()
}

// Update implements tea.Model, returning the concrete type.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	var dialogCmd tea.Cmd
	if m.dialogOpen {
		if _, ok := msg.(tea.KeyMsg); ok {
			m.dialog, dialogCmd = m.dialog.Update(msg)
			return m, dialogCmd
		}
		m.dialog, dialogCmd = m.dialog.Update(msg)
	}
	m, cmd := m.update(msg)
	return m, tea.Batch(dialogCmd, cmd)
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case pageMsg:
		return m.gotPage(msg)
	case lookupMsg:
		return m.gotLookup(msg)
	case journalMsg:
		m.history, m.histErr = msg.entries, ""
		if msg.err != nil {
			m.histErr = common.ErrorText(m.c.Words, msg.err)
		}
		m.refilter()
		return m, nil
	case refreshTickMsg:
		if msg.gen != m.gen {
			return m, nil
		}
		return m.refreshed()
	case searchTickMsg:
		if msg.gen != m.searchGen || m.tab != tabList || m.noList != "" || m.search.Value() == m.query {
			return m, nil
		}
		m.query = m.search.Value()
		cmd := m.reload()
		return m, cmd
	case exportedMsg:
		if msg.err != nil {
			m.setStatus(m.c.T(i18n.ApptExportFailed, common.ErrorText(m.c.Words, msg.err)), true)
		} else {
			m.setStatus(m.c.T(i18n.ApptSaved, msg.path), false)
		}
		return m, nil
	case cancel.KeptMsg:
		m.dialogOpen = false
		return m, nil
	case cancel.DoneMsg:
		m.dialogOpen = false
		m.replace(msg.Appointment)
		m.setStatus(msg.Status, false)
		return m, m.loadJournal()
	case reschedule.DoneMsg:
		m.replace(msg.Appointment)
		m.setStatus(msg.Status, false)
		return m, m.loadJournal()
	case tea.KeyMsg:
		return m.handleKey(msg)
	}
	return m, nil
}

func (m *Model) setStatus(s string, isErr bool) {
	m.line = common.Status{Text: s}
	if isErr {
		m.line.Kind = common.Failure
	}
}

func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	m.line = common.Status{} // a status belongs to the action before
	if m.search.Focused() {
		return m.searchKey(msg)
	}
	if m.idInput.Focused() {
		return m.idKey(msg)
	}
	k := m.keys
	listReady := m.tab == tabList && m.noList == ""
	switch {
	case key.Matches(msg, k.Up):
		return m.move(-1)
	case key.Matches(msg, k.Down):
		return m.move(1)
	case key.Matches(msg, k.PageUp):
		return m.move(-max(1, m.listRows()-1))
	case key.Matches(msg, k.PageDown):
		return m.move(max(1, m.listRows()-1))
	case key.Matches(msg, k.Top):
		return m.move(-1 << 30)
	case key.Matches(msg, k.Bottom):
		return m.move(1 << 30)
	case listReady && key.Matches(msg, k.Today):
		return m.setRange(model.Today)
	case listReady && key.Matches(msg, k.Next7):
		return m.setRange(model.Next7Days)
	case listReady && key.Matches(msg, k.Upcoming):
		return m.setRange(model.Upcoming)
	case listReady && key.Matches(msg, k.Past7):
		return m.setRange(model.Past7Days)
	case listReady && key.Matches(msg, k.Status):
		m.status = (m.status + 1) % len(statusCycle)
		cmd := m.reload()
		return m, cmd
	case key.Matches(msg, k.Location):
		return m.nextLocation()
	case key.Matches(msg, m.c.Keys.Agenda):
		return m, common.Msg(m.agenda())
	case key.Matches(msg, k.Search):
		if m.tab == tabList && m.noList != "" {
			return m, m.idInput.Focus()
		}
		return m, m.search.Focus()
	case key.Matches(msg, k.History):
		if m.tab == tabHistory {
			m.tab = tabList
			return m, nil
		}
		m.tab = tabHistory
		return m, m.loadJournal()
	case key.Matches(msg, k.Reschedule):
		return m.reschedule()
	case key.Matches(msg, k.Cancel):
		return m.openCancel()
	case key.Matches(msg, k.Export):
		return m.export()
	case key.Matches(msg, k.Refresh):
		if m.tab == tabHistory {
			return m, m.loadJournal()
		}
		if m.noList != "" {
			m.noList = ""
		}
		cmd := m.reload()
		return m, cmd
	case key.Matches(msg, k.WalkIn):
		return m, common.Msg(common.WalkInMsg{})
	case key.Matches(msg, k.Back):
		if m.search.Value() != "" {
			return m.clearSearch()
		}
		return m, func() tea.Msg { return common.BackMsg{} }
	}
	return m, nil
}

func (m Model) setRange(r model.DayRange) (Model, tea.Cmd) {
	m.rng, m.day = r, model.Date{}
	cmd := m.reload()
	return m, cmd
}

func (m Model) searchKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Submit):
		m.search.Blur()
		if m.tab == tabList && m.noList == "" && m.search.Value() != m.query {
			m.searchGen++ // the pending tick is now stale
			m.query = m.search.Value()
			cmd := m.reload()
			return m, cmd
		}
		return m, nil
	case key.Matches(msg, m.keys.Clear):
		return m.clearSearch()
	}
	before := m.search.Value()
	var cmd tea.Cmd
	m.search, cmd = m.search.Update(msg)
	if m.search.Value() == before {
		return m, cmd
	}
	m.refilter()
	if m.tab != tabList || m.noList != "" {
		return m, cmd
	}
	m.searchGen++
	gen := m.searchGen
	return m, tea.Batch(cmd, common.Tick(m.c.Ctx, searchDebounce, func(time.Time) tea.Msg { return searchTickMsg{gen} }))
}

func (m Model) clearSearch() (Model, tea.Cmd) {
	m.search.Blur()
	m.search.SetValue("")
	m.searchGen++
	m.refilter()
	if m.query != "" {
		m.query = ""
		cmd := m.reload()
		return m, cmd
	}
	return m, nil
}

func (m Model) idKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Submit):
		id := strings.TrimSpace(m.idInput.Value())
		if id == "" {
			return m, nil
		}
		m.lookupReq++
		m.setStatus(m.c.T(i18n.ApptLookingUp, model.Sanitize(id)), false)
		return m, m.lookup(m.lookupReq, id)
	case key.Matches(msg, m.keys.Clear):
		m.idInput.Blur()
		return m, nil
	}
	var cmd tea.Cmd
	m.idInput, cmd = m.idInput.Update(msg)
	return m, cmd
}

// move shifts the cursor of the current tab and, near the end of the
// loaded list, asks for the next page.
func (m Model) move(delta int) (Model, tea.Cmd) {
	if m.tab == tabHistory {
		m.hCursor = clamp(m.hCursor+delta, 0, len(m.hVisible)-1)
		m.fixOffset()
		return m, nil
	}
	m.cursor = clamp(m.cursor+delta, 0, len(m.visible)-1)
	m.fixOffset()
	cmd := m.maybeMore()
	return m, cmd
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

// pastFirstPage reports rows read past the first page that a reload
// would drop under the user: any, or with a location filter (which reads
// pages to fill the screen) the selected one.
func (m Model) pastFirstPage() bool {
	if len(m.items) <= PageSize {
		return false
	}
	if m.onlyAt == "" {
		return true
	}
	a, ok := m.Selected()
	return ok && m.indexOfItem(a.ID) >= PageSize
}

func (m *Model) maybeMore() tea.Cmd {
	// A location filter may leave few of a page's rows: read on until
	// the screen is full.
	short := m.onlyAt != "" && len(m.visible) < m.listRows()
	if m.noList != "" || m.next == "" || m.loading || m.loadingMore || m.cursor < len(m.visible)-prefetchRows && !short {
		return nil
	}
	m.loadingMore = true
	return m.fetch(m.req, m.next)
}

// reload starts the list over; replies to older requests are dropped.
func (m *Model) reload() tea.Cmd {
	m.req++
	m.loading, m.loadingMore, m.loadErr, m.next = true, false, "", ""
	return m.fetch(m.req, "")
}

func (m Model) filter(token string) api.AppointmentFilter {
	from, to := m.rng.Bounds(m.c.Now())
	if !m.day.IsZero() {
		zone := m.c.Now().Location()
		if z, ok := m.zones[m.onlyAt]; ok {
			zone = z
		}
		from, to = m.day.In(zone), m.day.AddDays(1).In(zone)
	}
	return api.AppointmentFilter{
		From: from, To: to, Status: statusCycle[m.status], Query: m.query,
		PageSize: PageSize, PageToken: token,
	}
}

func (m Model) fetch(req int, token string) tea.Cmd {
	c, f := m.c, m.filter(token)
	return func() tea.Msg {
		page, err := c.Office.Appointments(c.Ctx, f)
		return pageMsg{req: req, token: token, page: page, err: err}
	}
}

func (m Model) gotPage(msg pageMsg) (Model, tea.Cmd) {
	if msg.req != m.req {
		return m, nil
	}
	if msg.token == "" {
		m.loading = false
	} else {
		m.loadingMore = false
	}
	if msg.err != nil {
		if msg.token == "" && (api.IsNotFound(msg.err) || api.IsForbidden(msg.err)) {
			return m.enterNoList(msg.err)
		}
		m.loadErr = common.ErrorText(m.c.Words, msg.err)
		return m, nil
	}
	if msg.token == "" {
		keep, _ := m.Selected()
		m.items = msg.page.Items
		m.cursor = 0
		m.refilter()
		if m.want != "" {
			keep.ID = m.want
		}
		if i := m.indexOf(keep.ID); i >= 0 && m.tab == tabList {
			m.cursor = i
			m.want = ""
		}
	} else {
		keep, _ := m.Selected()
		for _, a := range msg.page.Items {
			if m.indexOfItem(a.ID) < 0 {
				m.items = append(m.items, a)
			}
		}
		m.refilter()
		// Rows are grouped by day and location, so a new page may add
		// rows above the cursor: it stays on its appointment.
		if i := m.indexOf(keep.ID); i >= 0 && m.tab == tabList {
			m.cursor = i
		}
	}
	m.next = msg.page.NextPageToken
	m.fixOffset()
	cmd := m.maybeMore()
	return m, cmd
}

func (m Model) enterNoList(err error) (Model, tea.Cmd) {
	if api.IsForbidden(err) {
		m.noList = m.c.T(i18n.ApptNoScope)
	} else {
		m.noList = m.c.T(i18n.ApptNoList)
	}
	m.items, m.next = nil, ""
	m.refilter()
	m.search.Blur()
	if m.tab != tabList {
		return m, nil
	}
	return m, m.idInput.Focus()
}

func (m Model) lookup(req int, id string) tea.Cmd {
	c := m.c
	return func() tea.Msg {
		a, err := c.Office.Appointment(c.Ctx, id)
		return lookupMsg{req: req, id: id, appt: a, err: err}
	}
}

func (m Model) gotLookup(msg lookupMsg) (Model, tea.Cmd) {
	if msg.req != m.lookupReq {
		return m, nil
	}
	switch {
	case api.IsNotFound(msg.err):
		m.setStatus(m.c.T(i18n.ApptNoSuchID, model.Sanitize(msg.id)), true)
		return m, nil
	case msg.err != nil:
		m.setStatus(m.c.T(i18n.ApptLookupFailed, common.ErrorText(m.c.Words, msg.err)), true)
		return m, nil
	}
	items := []model.Appointment{msg.appt}
	for _, a := range m.items {
		if a.ID != msg.appt.ID {
			items = append(items, a)
		}
	}
	m.items = items
	m.refilter()
	m.tab, m.cursor, m.offset = tabList, 0, 0
	m.idInput.SetValue("")
	m.idInput.Blur()
	m.line = common.Status{}
	return m, nil
}

func (m Model) loadJournal() tea.Cmd {
	o := m.c.Office
	return func() tea.Msg {
		entries, err := o.History()
		return journalMsg{entries: entries, err: err}
	}
}

// replace puts the server's new copy of an appointment in place, in the
// list and in the history view of it.
func (m *Model) replace(a model.Appointment) {
	if i := m.indexOfItem(a.ID); i >= 0 {
		m.items = slices.Clone(m.items)
		m.items[i] = a
		if m.noList == "" {
			slices.SortStableFunc(m.items, func(x, y model.Appointment) int { return x.Time.Compare(y.Time) })
		}
	}
	keep := a.ID
	m.refilter()
	if i := m.indexOf(keep); i >= 0 && m.tab == tabList {
		m.cursor = i
		m.fixOffset()
	}
}

func (m Model) indexOfItem(id string) int {
	return slices.IndexFunc(m.items, func(a model.Appointment) bool { return a.ID == id })
}

// indexOf is the visible row of id, or -1.
func (m Model) indexOf(id string) int {
	if id == "" {
		return -1
	}
	return slices.IndexFunc(m.visible, func(i int) bool { return m.items[i].ID == id })
}

// refilter applies the search box to what is loaded, at once, while the
// debounced server search is pending.
func (m *Model) refilter() {
	needle := strings.ToLower(strings.TrimSpace(m.search.Value()))
	// Fresh slices: older copies of the model may share the old ones.
	m.visible = make([]int, 0, len(m.items))
	for i, a := range m.items {
		if matches(a, needle) && (m.onlyAt == "" || a.LocationID == m.onlyAt) {
			m.visible = append(m.visible, i)
		}
	}
	m.group()
	m.hVisible = make([]int, 0, len(m.history))
	for i, e := range m.history {
		if matches(e.Appointment, needle) && (m.onlyAt == "" || e.Appointment.LocationID == m.onlyAt) {
			m.hVisible = append(m.hVisible, i)
		}
	}
	m.cursor = clamp(m.cursor, 0, len(m.visible)-1)
	m.hCursor = clamp(m.hCursor, 0, len(m.hVisible)-1)
	m.fixOffset()
}

// group orders the list by day, then location, then time (the server's
// order within each): each row's time is in its own location's zone, and
// rows of two zones in one run of times would read as jumbled (13:45 CET,
// 08:00 EST, 14:30 CET).
func (m *Model) group() {
	if m.onlyAt != "" || m.noList != "" || len(m.opts.Catalog.Locations) < 2 {
		return
	}
	rank := make(map[string]int, len(m.opts.Catalog.Locations))
	for i, l := range m.opts.Catalog.Locations {
		rank[l.ID] = i
	}
	type key struct {
		day  model.Date
		rank int
	}
	keys := make(map[int]key, len(m.visible))
	for _, i := range m.visible {
		a := m.items[i]
		r, ok := rank[a.LocationID]
		if !ok {
			r = len(rank)
		}
		keys[i] = key{model.DateOf(a.Time.In(m.zone(a))), r}
	}
	slices.SortStableFunc(m.visible, func(x, y int) int {
		kx, ky := keys[x], keys[y]
		if c := kx.day.Compare(ky.day); c != 0 {
			return c
		}
		return kx.rank - ky.rank
	})
}

func matches(a model.Appointment, needle string) bool {
	if needle == "" {
		return true
	}
	for _, s := range [...]string{a.Contact.Name, a.Contact.Email, a.ID, a.BookingID} {
		if strings.Contains(strings.ToLower(s), needle) {
			return true
		}
	}
	return false
}

// fixOffset scrolls so the cursor row is on screen.
func (m *Model) fixOffset() {
	rows := max(1, m.listRows())
	scroll := func(cur, off, n int) int {
		off = clamp(off, cur-rows+1, cur)
		return clamp(off, 0, max(0, n-rows))
	}
	m.offset = scroll(m.cursor, m.offset, len(m.visible))
	m.hOffset = scroll(m.hCursor, m.hOffset, len(m.hVisible))
}

// nextLocation shows the next location's appointments only, then every
// location's again. Filtering happens here: loaded rows are narrowed at
// once and more pages load while the screen is not full.
func (m Model) nextLocation() (Model, tea.Cmd) {
	locs := m.opts.Catalog.Active()
	if len(locs) < 2 && m.onlyAt == "" {
		m.setStatus(m.c.T(i18n.RootOneLocation), false)
		return m, nil
	}
	i := slices.IndexFunc(locs, func(l model.Location) bool { return l.ID == m.onlyAt })
	switch {
	case m.onlyAt == "" && len(locs) > 0:
		m.onlyAt = locs[0].ID
	case i >= 0 && i+1 < len(locs):
		m.onlyAt = locs[i+1].ID
	default:
		m.onlyAt = ""
	}
	keep, _ := m.Selected()
	m.refilter()
	if i := m.indexOf(keep.ID); i >= 0 && m.tab == tabList {
		m.cursor = i
		m.fixOffset()
	}
	cmd := m.maybeMore()
	if !m.day.IsZero() {
		cmd = m.reload() // the day's bounds are in the location's zone
	}
	return m, cmd
}

// agenda asks for the day agenda of the selected appointment's day and
// location; with none selected, of the day listed (else today) at the
// location filtered (else the desk's).
func (m Model) agenda() common.OpenAgendaMsg {
	if a, ok := m.Selected(); ok {
		loc := m.location(a)
		return common.OpenAgendaMsg{Date: model.DateOf(a.Time.In(m.zone(a))), Location: loc, Service: m.service(a), Select: a.ID}
	}
	var msg common.OpenAgendaMsg
	zone := m.c.Now().Location()
	if l, ok := m.opts.Catalog.Location(m.onlyAt); ok {
		msg.Location, zone = l, l.Zone()
	}
	msg.Date = m.day
	if msg.Date.IsZero() {
		msg.Date = model.DateOf(m.c.Now().In(zone))
	}
	return msg
}

// locationName is the name of the location filtered to.
func (m Model) locationName() string {
	if l, ok := m.opts.Catalog.Location(m.onlyAt); ok {
		return model.Sanitize(l.Name)
	}
	return model.Sanitize(m.onlyAt)
}

// shortNames are the locations' names up to a dash or comma ("Paris" for
// "Paris – Marais"), when those tell every location apart; else the
// full names.
func shortNames(cat model.Catalog) map[string]string {
	full := make(map[string]string, len(cat.Locations))
	short := make(map[string]string, len(cat.Locations))
	seen := map[string]bool{}
	unique := true
	for _, l := range cat.Locations {
		name := model.Sanitize(l.Name)
		full[l.ID] = name
		s := name
		for _, sep := range []string{" – ", " - ", " — ", ", ", " ("} {
			if before, _, ok := strings.Cut(s, sep); ok && before != "" {
				s = before
			}
		}
		unique = unique && !seen[s]
		seen[s] = true
		short[l.ID] = s
	}
	if unique {
		return short
	}
	return full
}

func (m Model) reschedule() (Model, tea.Cmd) {
	a, ok := m.Selected()
	if !ok {
		return m, nil
	}
	if a.Cancelled() {
		m.setStatus(m.c.T(i18n.ApptCantMoveCancelled), true)
		return m, nil
	}
	loc := m.location(a)
	who := model.Sanitize(a.Contact.Name)
	if who == "" {
		who = model.Sanitize(a.ID)
	}
	zone := loc.Zone()
	old := m.c.Words.DateYear(model.DateOf(a.Time.In(zone))) + " " + common.FormatTime(a.Time, zone, m.c.Prefs.Clock24, true)
	return m, common.Msg(RescheduleMsg{Appointment: a, Service: m.service(a), Location: loc,
		Banner: m.c.T(i18n.ApptRescheduling, who, old)})
}

func (m Model) openCancel() (Model, tea.Cmd) {
	a, ok := m.Selected()
	if !ok {
		return m, nil
	}
	if a.Cancelled() {
		m.setStatus(m.c.T(i18n.ApptAlreadyCancelled), false)
		return m, nil
	}
	m.dialog = cancel.New(m.c, a, m.service(a), m.location(a))
	m.dialog.SetSize(m.width, m.height)
	m.dialogOpen = true
	return m, m.dialog.Init()
}

func (m Model) export() (Model, tea.Cmd) {
	a, ok := m.Selected()
	if !ok {
		return m, nil
	}
	c, svc, loc, dir := m.c, m.service(a), m.location(a), m.opts.ExportDir
	if dir == "" {
		m.setStatus(m.c.T(i18n.ApptNoExportDir), true)
		return m, nil
	}
	return m, func() tea.Msg {
		path := filepath.Join(dir, ics.FileName(a.ID))
		err := os.MkdirAll(dir, 0o700)
		if err == nil {
			err = os.WriteFile(path, ics.Appointment(a, svc, loc, c.Now()), 0o600)
		}
		return exportedMsg{path: path, err: err}
	}
}

// service is a's service from the catalogue; for an appointment known
// only from the journal, the name recorded there.
func (m Model) service(a model.Appointment) model.Service {
	if s, ok := m.opts.Catalog.Service(a.ServiceID); ok {
		return s
	}
	s := model.Service{ID: a.ServiceID, DurationMinutes: a.DurationMinutes}
	if e, ok := m.entryOf(a.ID); ok {
		s.Name = e.ServiceName
	}
	return s
}

// rowService is the name of a's service, from the catalogue or the
// journal; its id when neither knows it.
func rowService(cat model.Catalog, history []journal.Entry, a model.Appointment) string {
	if s, ok := cat.Service(a.ServiceID); ok {
		return orID(s.Name, a.ServiceID)
	}
	for _, e := range history {
		if e.Appointment.ID == a.ID {
			return orID(e.ServiceName, a.ServiceID)
		}
	}
	return orID("", a.ServiceID)
}

func (m Model) location(a model.Appointment) model.Location {
	if l, ok := m.opts.Catalog.Location(a.LocationID); ok {
		return l
	}
	l := model.Location{ID: a.LocationID}
	if e, ok := m.entryOf(a.ID); ok {
		l.Name = e.LocationName
	}
	return l
}

// zone is where a's times are shown: its location's zone, else UTC.
func (m Model) zone(a model.Appointment) *time.Location {
	if z, ok := m.zones[a.LocationID]; ok {
		return z
	}
	return time.UTC
}

func (m Model) entryOf(id string) (journal.Entry, bool) {
	for _, e := range m.history {
		if e.Appointment.ID == id {
			return e, true
		}
	}
	return journal.Entry{}, false
}

// OwnsBack tells the root that esc is handled here: this screen says
// when it means back (common.BackMsg).
func (Model) OwnsBack() {}
