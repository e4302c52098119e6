// Package picker is the location and service chooser: a short list with a
// filter, used when there is more than one choice.
package picker

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// Item is one choice; its text is sanitised when the item is made.
type Item struct {
	Title, Meta, Desc string
	msg               tea.Msg // sent when the item is chosen
	search            string  // lower-cased text the filter matches
}

func newItem(title, meta, desc string, msg tea.Msg) Item {
	it := Item{Title: model.Sanitize(title), Meta: model.Sanitize(meta), Desc: model.Sanitize(desc), msg: msg}
	it.search = strings.ToLower(it.Title + " " + it.Meta + " " + it.Desc)
	return it
}

// Rows above the first item: title, filter line, blank.
const headerRows = 3

// itemRows is the height of one item: title line and description line.
const itemRows = 2

// Model is a filterable list of choices.
type Model struct {
	c       common.Common
	keys    KeyMap
	title   string
	items   []Item
	visible []int // indices into items that pass the filter
	cursor  int   // index into visible
	offset  int   // first visible row shown
	filter  textinput.Model
	heading common.Heading
	width   int
	height  int
}

// NewLocations lists the active locations.
func NewLocations(c common.Common, locs []model.Location) Model {
	items := make([]Item, 0, len(locs))
	for _, l := range locs {
		items = append(items, newItem(l.Name, l.Timezone, l.Address, common.LocationChosenMsg{Location: l}))
	}
	return newModel(c, c.T(i18n.PickLocation), items)
}

// NewServices lists the services offered at loc.
func NewServices(c common.Common, svcs []model.Service, loc model.Location) Model {
	items := make([]Item, 0, len(svcs))
	for _, s := range svcs {
		if !s.OfferedAt(loc.ID) {
			continue
		}
		items = append(items, newItem(s.Name, c.T(i18n.CellMinutes, s.DurationMinutes), s.Description, common.ServiceChosenMsg{Service: s}))
	}
	m := newModel(c, c.T(i18n.PickService, model.Sanitize(loc.Name)), items)
	m.heading.Location = loc
	return m
}

func newModel(c common.Common, title string, items []Item) Model {
	ti := textinput.New()
	ti.Prompt = "/ "
	ti.Placeholder = c.T(i18n.PickTypeToFilter)
	ti.CharLimit = 64
	ti.PromptStyle = c.Styles.Accent
	ti.TextStyle = c.Styles.Text
	ti.PlaceholderStyle = c.Styles.Faint
	ti.Cursor.Style = c.Styles.Cursor
	ti.Cursor.TextStyle = c.Styles.Text
	ti.Cursor.SetMode(cursor.CursorStatic)
	m := Model{c: c, keys: DefaultKeyMap(c.Words), title: title, items: items, filter: ti}
	m.applyFilter()
	return m
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return nil }

// Len is the number of items shown after filtering.
func (m Model) Len() int { return len(m.visible) }

// Heading is what the header names: the location, once chosen.
func (m Model) Heading() common.Heading { return m.heading }

// Focused reports whether the filter has the keyboard.
func (m Model) Focused() bool { return m.filter.Focused() }

// Selected is the highlighted item.
func (m Model) Selected() (Item, bool) {
	if m.cursor < 0 || m.cursor >= len(m.visible) {
		return Item{}, false
	}
	return m.items[m.visible[m.cursor]], true
}

// SetSize sets the area the screen draws in.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.filter.Width = max(width-4, 1)
	m.scroll()
}

// Update implements tea.Model, returning the concrete type.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if m.filter.Focused() {
			return m.updateFilter(msg)
		}
		switch {
		case key.Matches(msg, m.keys.Up):
			m.move(-1)
		case key.Matches(msg, m.keys.Down):
			m.move(1)
		case key.Matches(msg, m.keys.PageUp):
			m.move(-m.pageItems())
		case key.Matches(msg, m.keys.PageDown):
			m.move(m.pageItems())
		case key.Matches(msg, m.keys.Home):
			m.move(-len(m.visible))
		case key.Matches(msg, m.keys.End):
			m.move(len(m.visible))
		case key.Matches(msg, m.keys.Filter):
			return m, m.filter.Focus()
		case key.Matches(msg, m.keys.Choose):
			return m, m.choose()
		case startsFilter(msg):
			// Type to filter: any other letter or digit opens the filter
			// with itself, so "phy" finds physiotherapy.
			focus := m.filter.Focus()
			m, cmd := m.updateFilter(msg)
			return m, tea.Batch(focus, cmd)
		}
	case tea.MouseMsg:
		return m.click(msg)
	}
	return m, nil
}

func (m Model) updateFilter(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case msg.Type == tea.KeyEsc:
		m.filter.Reset()
		m.filter.Blur()
		m.applyFilter()
		return m, nil
	case msg.Type == tea.KeyEnter:
		return m, m.choose()
	case msg.Type == tea.KeyUp:
		m.move(-1)
		return m, nil
	case msg.Type == tea.KeyDown:
		m.move(1)
		return m, nil
	}
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	m.applyFilter()
	return m, cmd
}

// startsFilter is a typed letter or digit that is not a key of its own
// (j, k and the root's q are handled before it gets here).
func startsFilter(msg tea.KeyMsg) bool {
	if msg.Type != tea.KeyRunes || msg.Alt || len(msg.Runes) == 0 {
		return false
	}
	r := msg.Runes[0]
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func (m Model) click(msg tea.MouseMsg) (Model, tea.Cmd) {
	if msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft {
		return m, nil
	}
	row := msg.Y - headerRows
	if row < 0 {
		return m, nil
	}
	i := m.offset + row/itemRows
	if i >= len(m.visible) {
		return m, nil
	}
	if i == m.cursor {
		return m, m.choose()
	}
	m.cursor = i
	return m, nil
}

func (m Model) choose() tea.Cmd {
	it, ok := m.Selected()
	if !ok {
		return nil
	}
	return func() tea.Msg { return it.msg }
}

func (m *Model) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(m.filter.Value()))
	m.visible = m.visible[:0]
	for i, it := range m.items {
		if q == "" || strings.Contains(it.search, q) {
			m.visible = append(m.visible, i)
		}
	}
	m.cursor = min(m.cursor, max(len(m.visible)-1, 0))
	m.scroll()
}

func (m *Model) move(n int) {
	if len(m.visible) == 0 {
		return
	}
	m.cursor = max(0, min(m.cursor+n, len(m.visible)-1))
	m.scroll()
}

// pageItems is how many items fit on screen.
func (m Model) pageItems() int {
	return max((m.height-headerRows)/itemRows, 1)
}

// scroll keeps the cursor on screen.
func (m *Model) scroll() {
	page := m.pageItems()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+page {
		m.offset = m.cursor - page + 1
	}
	m.offset = max(0, min(m.offset, max(len(m.visible)-page, 0)))
}
