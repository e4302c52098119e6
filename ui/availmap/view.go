package availmap

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/styles"
)

const (
	cellW  = 2 // a day: its glyph and a space
	top    = 4 // title, months, weekdays, day numbers
	bottom = 3 // a gap, the cursor's day, the legend
)

// heat is the glyphs of the levels of room, least first.
var heat = [...]string{"░", "▒", "▓", "█"}

// marks are the day marks and weekday letters, drawn once in New: a View
// draws hundreds of them.
type marks struct {
	level                 [len(heat)]string
	none, closed, outside string
	weekday               [7]string
}

func newMarks(st *styles.Styles, p *i18n.Printer) marks {
	var k marks
	for i, g := range heat {
		if i < 2 {
			k.level[i] = st.Busy.Render(g)
		} else {
			k.level[i] = st.Free.Render(g)
		}
	}
	k.none, k.closed, k.outside = st.Full.Render("○"), st.Holiday.Render("✕"), st.Faint.Render("·")
	for d := time.Sunday; d <= time.Saturday; d++ {
		letter := strings.ToUpper(string([]rune(p.Weekday(d))[:1]))
		if d == time.Saturday || d == time.Sunday {
			k.weekday[d] = st.Faint.Render(letter)
		} else {
			k.weekday[d] = st.Text.Render(letter)
		}
	}
	return k
}

// shownRow is a row as drawn: a service at a location, or a location's sum.
type shownRow struct {
	service  model.Service // zero on a location's sum
	location model.Location
	row      model.SurveyRow
	loading  bool
	err      error
}

// shownRows are the rows in the grouping on show, as last built.
func (m Model) shownRows() []shownRow { return m.shown }

// rebuild lays out what changed (rows, grouping, size), in Update, so
// View only draws.
func (m *Model) rebuild() {
	m.shown = m.buildRows()
	m.geo = m.buildGeometry()
}

func (m Model) buildRows() []shownRow {
	if !m.byLocation {
		out := make([]shownRow, len(m.lines))
		for i, l := range m.lines {
			out[i] = shownRow{l.offer.Service, l.offer.Location, l.row, l.loading, l.err}
		}
		return out
	}
	var out []shownRow
	for _, loc := range m.locations {
		r := shownRow{location: loc}
		var rows []model.SurveyRow
		found := false
		for _, l := range m.lines {
			if l.offer.Location.ID != loc.ID {
				continue
			}
			found = true
			r.loading = r.loading || l.loading
			if l.err != nil && r.err == nil {
				r.err = l.err
			}
			rows = append(rows, l.row)
		}
		if !found {
			continue
		}
		r.row = model.LocationRow(loc, rows)
		out = append(out, r)
	}
	return out
}

func (m Model) cursorLocation() model.Location {
	if rows := m.shownRows(); m.row < len(rows) {
		return rows[m.row].location
	}
	return model.Location{}
}

// screenLine is a line of the rows' area: a location's heading, or a row.
type screenLine struct {
	heading bool
	loc     model.Location
	row     int
}

// geometry is where things go at the current size; View, the scrolling
// and the clicks all use it.
type geometry struct {
	labelW    int
	daysShown int
	rowsShown int
	lines     []screenLine
	rowOff    int
}

func (m Model) geometry() geometry {
	g := m.geo
	g.rowOff = m.rowOff
	return g
}

func (m Model) buildGeometry() geometry {
	rows := m.shown
	g := geometry{labelW: 16}
	for i, r := range rows {
		if !m.byLocation && (i == 0 || rows[i-1].location.ID != r.location.ID) {
			g.lines = append(g.lines, screenLine{heading: true, loc: r.location})
			g.labelW = max(g.labelW, ansi.StringWidth(model.Sanitize(r.location.Name))+2)
		}
		g.lines = append(g.lines, screenLine{loc: r.location, row: i})
		g.labelW = max(g.labelW, ansi.StringWidth(m.label(r))+2)
	}
	g.labelW = min(g.labelW, max(16, m.w/3))
	g.daysShown = max(1, min(m.days, (m.w-g.labelW)/cellW))
	g.rowsShown = max(1, m.h-top-bottom)
	return g
}

// rowSpan is the screen lines to keep in view for row: its heading too
// when it is the first of its location.
func (g geometry) rowSpan(row int) (int, int) {
	for i, l := range g.lines {
		if !l.heading && l.row == row {
			if i > 0 && g.lines[i-1].heading {
				return i - 1, i
			}
			return i, i
		}
	}
	return 0, 0
}

// rowAt is the row drawn at body line y.
func (g geometry) rowAt(y int) (int, bool) {
	i := g.rowOff + y - top
	if y < top || y-top >= g.rowsShown || i >= len(g.lines) || g.lines[i].heading {
		return 0, false
	}
	return g.lines[i].row, true
}

// label names a row, indented two cells (the cursor's mark goes there).
func (m Model) label(r shownRow) string {
	if m.byLocation {
		return "  " + model.Sanitize(r.location.Name)
	}
	return "  " + model.Sanitize(r.service.Name)
}

// View draws the map.
func (m Model) View() string {
	st := m.c.Styles
	p := m.c.Words
	title := common.Spread(st.Title.Render(p.T(i18n.LabelAvailabilityMap)), st.Faint.Render(m.subtitle()), m.w)
	switch {
	case m.loading && len(m.lines) == 0:
		return title + "\n\n" + st.Faint.Render(p.T(i18n.MapLoading))
	case m.err != nil:
		return title + "\n\n" + st.Danger.Render("✕ "+common.ErrorText(p, m.err))
	case len(m.lines) == 0:
		return title + "\n\n" + st.Faint.Render(p.T(i18n.MapNoService))
	}
	g := m.geometry()
	out := append(make([]string, 0, m.h), title)
	out = append(out, m.headers(g)...)
	rows := m.shownRows()
	for i := g.rowOff; i < len(g.lines) && i < g.rowOff+g.rowsShown; i++ {
		l := g.lines[i]
		if l.heading {
			out = append(out, st.Bold.Render(model.Sanitize(l.loc.Name))+st.Faint.Render("  "+model.Sanitize(l.loc.Timezone)))
			continue
		}
		out = append(out, m.rowLine(g, rows[l.row], l.row == m.row))
	}
	for len(out) < m.h-bottom+1 {
		out = append(out, "")
	}
	out = append(out, ansi.Truncate(m.detail(rows), m.w, "…"), m.legend())
	return strings.Join(out, "\n")
}

func (m Model) subtitle() string {
	p := m.c.Words
	if m.from.IsZero() {
		return "" // not read yet
	}
	s := p.T(i18n.MapSubtitle, m.days, p.DateShort(m.from))
	if m.byLocation {
		return s + " · " + p.T(i18n.MapByLocation)
	}
	return s + " · " + p.T(i18n.MapByService)
}

// headers are the months, the weekdays and the Mondays' dates over the
// day columns.
func (m Model) headers(g geometry) []string {
	st := m.c.Styles
	months := []rune(strings.Repeat(" ", g.daysShown*cellW))
	week := make([]string, g.daysShown)
	dates := []rune(strings.Repeat(" ", g.daysShown*cellW))
	for i := range g.daysShown {
		d := m.from.AddDays(m.dayOff + i)
		if i == 0 || d.Day == 1 {
			name := []rune(m.c.Words.MonthYear(d.Month, d.Year))
			// The first column's month only if it fits before the next.
			next := d.AddMonths(1)
			next.Day = 1
			if d.Day == 1 || d.DaysUntil(next)*cellW > len(name) {
				put(months, i*cellW, name)
			}
		}
		week[i] = m.marks.weekday[d.Weekday()] + " "
		if i == 0 || d.Weekday() == time.Monday {
			put(dates, i*cellW, []rune(strconv.Itoa(d.Day)))
		}
	}
	pad := strings.Repeat(" ", g.labelW)
	return []string{
		pad + st.Accent.Render(strings.TrimRight(string(months), " ")),
		pad + strings.Join(week, ""),
		pad + st.Faint.Render(strings.TrimRight(string(dates), " ")),
	}
}

// put writes s into line at col unless it would run over text already
// there (or off the end).
func put(line []rune, col int, s []rune) {
	if col+len(s) > len(line) {
		return
	}
	for i := max(0, col-1); i < col+len(s); i++ {
		if line[i] != ' ' {
			return
		}
	}
	copy(line[col:], s)
}

func (m Model) rowLine(g geometry, r shownRow, selected bool) string {
	st := m.c.Styles
	label := st.Text.Render(pad(m.label(r), g.labelW))
	if selected {
		label = st.Accent.Render("›") + st.Text.Render(pad(m.label(r)[1:], g.labelW-1))
	}
	switch {
	case r.loading:
		return label + st.Faint.Render(m.c.T(i18n.CalLoadingShort))
	case r.err != nil:
		return label + st.Danger.Render("✕ "+common.ErrorText(m.c.Words, r.err))
	}
	most := r.row.MostPlaces()
	var b strings.Builder
	b.WriteString(label)
	for i := range g.daysShown {
		day := m.dayOff + i
		c := model.SurveyCell{}
		if day < len(r.row.Cells) {
			c = r.row.Cells[day]
		}
		if selected && day == m.day {
			b.WriteString(st.Selected.Render(glyph(c, most)) + " ")
			continue
		}
		b.WriteString(m.mark(c, most) + " ")
	}
	return b.String()
}

// level is a day's room relative to the row's best day: 0 to 3, or -1
// when none is free.
func level(c model.SurveyCell, most int) int {
	if c.Places <= 0 || most <= 0 {
		return -1
	}
	return min(len(heat)-1, (c.Places*len(heat)-1)/most)
}

// glyph is a day's mark: its level of room, none, closed, or outside the
// window.
func glyph(c model.SurveyCell, most int) string {
	switch {
	case c.State == model.Outside:
		return "·"
	case c.State == model.Closed:
		return "✕"
	case level(c, most) < 0:
		return "○"
	}
	return heat[level(c, most)]
}

// mark is glyph in its colour.
func (m Model) mark(c model.SurveyCell, most int) string {
	switch {
	case c.State == model.Outside:
		return m.marks.outside
	case c.State == model.Closed:
		return m.marks.closed
	case level(c, most) < 0:
		return m.marks.none
	}
	return m.marks.level[level(c, most)]
}

// detail says what the cursor's day holds, in words.
func (m Model) detail(rows []shownRow) string {
	st, p := m.c.Styles, m.c.Words
	if m.row >= len(rows) {
		return ""
	}
	r := rows[m.row]
	date := m.from.AddDays(m.day)
	what := model.Sanitize(r.location.Name)
	if !m.byLocation {
		what = p.T(i18n.MapServiceAt, model.Sanitize(r.service.Name), what)
	}
	head := st.Bold.Render(p.T(i18n.MapDetailHead, what+" · "+p.DateShortYear(date)))
	switch {
	case r.loading:
		return head + st.Faint.Render(p.T(i18n.CalLoadingShort))
	case r.err != nil:
		return head + st.Danger.Render(common.ErrorText(p, r.err))
	case m.day >= len(r.row.Cells):
		return head
	}
	c := r.row.Cells[m.day]
	switch c.State {
	case model.Outside:
		return head + st.Faint.Render(p.T(i18n.MapOutside))
	case model.Closed:
		return head + st.Holiday.Render(p.T(i18n.MapClosed, model.Sanitize(c.Holiday)))
	}
	if c.Slots == 0 {
		return head + st.Full.Render(p.T(i18n.MapNoFree))
	}
	text := p.T(i18n.SlotsFreeTimes, c.Slots) + ", " + p.T(i18n.MapPlaces, c.Places)
	if !c.First.IsZero() {
		text += ", " + p.T(i18n.CalFirst, common.FormatTime(c.First, r.location.Zone(), m.c.Prefs.Clock24, true))
	}
	return head + st.Text.Render(text)
}

func (m Model) legend() string {
	st, p := m.c.Styles, m.c.Words
	parts := []string{
		st.Free.Render(heat[3]) + st.Faint.Render(" "+p.T(i18n.MapMostRoom)),
		st.Free.Render(heat[2]) + " " + st.Busy.Render(heat[1]) + " " + st.Busy.Render(heat[0]) + st.Faint.Render(" "+p.T(i18n.MapLess)),
		st.Full.Render("○") + st.Faint.Render(" "+p.T(i18n.MapNoneFree)),
		st.Holiday.Render("✕") + st.Faint.Render(" "+p.T(i18n.CalClosed)),
		st.Faint.Render("· " + p.T(i18n.MapNotInWindow)),
	}
	return ansi.Truncate(strings.Join(parts, "   "), m.w, "…")
}

// pad fits s to w cells.
func pad(s string, w int) string {
	s = ansi.Truncate(s, w, "…")
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}
