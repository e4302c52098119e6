package calendar

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

const (
	cellW      = 10 // "[ 2* ● 16]"
	gridW      = 7 * cellW
	gridTop    = 3 // title, blank, weekday names
	panelGap   = 2
	minPanelW  = 26
	wideCutoff = gridW + panelGap + minPanelW
)

// Day states, each with its own glyph so colour is never the only signal.
type state int

const (
	stOutside state = iota // past or beyond the window
	stLoading
	stHoliday
	stNone
	stFew
	stMany
)

var glyphs = [...]string{stOutside: "·", stLoading: " ", stHoliday: "✕", stNone: "○", stFew: "◐", stMany: "●"}

// layout is the geometry of the last rebuild, for mouse hit testing.
type layout struct {
	rowH  int
	weeks [][7]model.Date // zero Date = a day of another month, left blank
}

// dayAt maps a click inside the calendar to a day.
func (l layout) dayAt(x, y int) (model.Date, bool) {
	if y < gridTop || x < 0 || x >= gridW || l.rowH == 0 {
		return model.Date{}, false
	}
	w := (y - gridTop) / l.rowH
	if w >= len(l.weeks) {
		return model.Date{}, false
	}
	d := l.weeks[w][x/cellW]
	return d, !d.IsZero()
}

func (m Model) stateOf(d model.Date) (state, int) {
	if m.pending(d) {
		return stLoading, 0
	}
	if !m.inWindow(d) {
		return stOutside, 0
	}
	if _, ok := m.avail.Holiday(d); ok {
		return stHoliday, 0
	}
	if !m.loaded {
		return stLoading, 0
	}
	n := m.avail.FreeSlots(d)
	switch {
	case n == 0:
		return stNone, 0
	case n*2 > m.maxFree:
		return stMany, n
	}
	return stFew, n
}

// panelMaxW is the day panel's widest: room for its longest line.
const panelMaxW = 34

// styled is st.Render(text) through the memo.
func (m Model) styled(id styleID, st lipgloss.Style, text string) string {
	return m.memo.render(memoKey{text: text, style: id}, st)
}

// View implements tea.Model. The grid is prebuilt in rebuild.
func (m Model) View() string {
	body := m.body
	if m.gotoInput.Focused() {
		body += "\n" + m.gotoInput.View()
	}
	if m.cfg.Banner != "" {
		return m.c.Styles.Warn.Render(m.cfg.Banner) + "\n" + body
	}
	return body
}

// rebuild redraws the grid and panel after any change, so View is a copy.
func (m *Model) rebuild() {
	m.layout = m.buildLayout()
	grid := m.renderGrid()
	wide := m.width >= wideCutoff
	var b strings.Builder
	if wide {
		// As wide as its words need, not the rest of a wide terminal.
		w := min(m.width-gridW-panelGap-2, panelMaxW)
		panel := m.memo.render(memoKey{text: strings.Join(m.dayInfo(m.sel), "\n"), style: stylePanel, width: w}, m.c.Styles.Panel.Width(w))
		b.WriteString(m.joinPanel(grid, panel))
	} else {
		b.WriteString(grid)
	}
	b.WriteString("\n\n")
	b.WriteString(m.legend())
	if !wide {
		b.WriteString("\n")
		b.WriteString(ansi.Truncate(m.summary(), m.width, "…"))
	}
	m.body = b.String()
}

// joinPanel is lipgloss.JoinHorizontal(lipgloss.Top, grid, gap, panel)
// without measuring every grid line: each is gridW cells but the title,
// and measuring the month's styled lines was most of a key press.
func (m Model) joinPanel(grid, panel string) string {
	rows := strings.Split(grid, "\n")
	gridWidth := max(m.memo.width(rows[0]), gridW)
	side := strings.Split(panel, "\n")
	sideWidth := 0
	for _, l := range side {
		sideWidth = max(sideWidth, m.memo.width(l))
	}
	gap := strings.Repeat(" ", panelGap)
	var b strings.Builder
	for i := range max(len(rows), len(side)) {
		if i > 0 {
			b.WriteByte('\n')
		}
		w := 0
		if i < len(rows) {
			b.WriteString(rows[i])
			w = gridW
			if i == 0 {
				w = m.memo.width(rows[0])
			} else if rows[i] == "" {
				w = 0
			}
		}
		b.WriteString(strings.Repeat(" ", gridWidth-w))
		b.WriteString(gap)
		if i < len(side) {
			b.WriteString(side[i])
			b.WriteString(strings.Repeat(" ", sideWidth-m.memo.width(side[i])))
		} else {
			b.WriteString(strings.Repeat(" ", sideWidth))
		}
	}
	return b.String()
}

func (m Model) buildLayout() layout {
	first := model.Date{Year: m.sel.Year, Month: m.sel.Month, Day: 1}
	lead := (int(first.Weekday()) - int(m.c.Prefs.WeekStart) + 7) % 7
	start := first.AddDays(-lead)
	var weeks [][7]model.Date
	for d := start; d.Month == m.sel.Month || d.Before(first); {
		var w [7]model.Date
		for i := range w {
			if d.Month == m.sel.Month && d.Year == m.sel.Year {
				w[i] = d
			}
			d = d.AddDays(1)
		}
		weeks = append(weeks, w)
	}
	rowH := 2
	// Title, weeks, blank, legend and summary must fit; else no blank rows.
	if gridTop+len(weeks)*2+3 > m.height {
		rowH = 1
	}
	return layout{rowH: rowH, weeks: weeks}
}

func (m Model) renderGrid() string {
	st := m.c.Styles
	var b strings.Builder
	p := m.c.Words
	title := m.styled(styleTitle, st.Title, capitalized(p.MonthYear(m.sel.Month, m.sel.Year)))
	hint := m.styled(styleFaint, st.Faint, "  "+p.T(i18n.CalMonthHint))
	if m.Loading() {
		hint += m.styled(styleFaint, st.Faint, "   "+p.T(i18n.CalLoading))
	}
	b.WriteString(title + hint + "\n\n")
	for i := range 7 {
		wd := time.Weekday((int(m.c.Prefs.WeekStart) + i) % 7)
		name := p.WeekdayShort(wd)
		b.WriteString(m.styled(styleFaint, st.Faint, " "+name+strings.Repeat(" ", max(cellW-1-utf8.RuneCountInString(name), 0))))
	}
	for _, w := range m.layout.weeks {
		b.WriteString("\n")
		if m.layout.rowH == 2 {
			b.WriteString("\n")
		}
		for _, d := range w {
			b.WriteString(m.renderCell(d))
		}
	}
	return b.String()
}

func (m Model) renderCell(d model.Date) string {
	if d.IsZero() {
		return strings.Repeat(" ", cellW)
	}
	st := m.c.Styles
	s, n := m.stateOf(d)
	mark := " "
	if d == m.today {
		mark = "*"
	}
	count := "  "
	if n > 0 {
		count = pad2(min(n, 99))
	}
	day := pad2(d.Day) + mark
	if d == m.sel {
		return m.styled(styleSelected, st.Selected, "["+day+" "+glyphs[s]+" "+count+"]")
	}
	glyph := glyphs[s]
	switch s {
	case stOutside:
		return m.styled(stylePast, st.Past, " "+day+" "+glyph+" "+count+" ")
	case stHoliday:
		glyph = m.styled(styleHoliday, st.Holiday, glyph)
	case stNone:
		glyph = m.styled(styleFull, st.Full, glyph)
	case stFew:
		glyph = m.styled(styleBusy, st.Busy, glyph)
	case stMany:
		glyph = m.styled(styleFree, st.Free, glyph)
	}
	if d == m.today {
		day = m.styled(styleToday, st.Today, day)
	}
	return " " + day + " " + glyph + " " + count + " "
}

// pad2 is fmt.Sprintf("%2d", n) for 0 ≤ n < 100, without fmt's cost on
// every cell of every rebuild.
func pad2(n int) string {
	if n < 10 {
		return " " + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func (m Model) legend() string {
	if s, ok := m.memo.styled[memoKey{style: styleLegend}]; ok {
		return s
	}
	st, p := m.c.Styles, m.c.Words
	parts := []string{
		st.Free.Render("●") + " " + p.T(i18n.CalMany), st.Busy.Render("◐") + " " + p.T(i18n.CalFew),
		st.Full.Render("○") + " " + p.T(i18n.CalNone), st.Holiday.Render("✕") + " " + p.T(i18n.CalClosed),
		st.Past.Render("·") + " " + p.T(i18n.CalNotBookable), "* " + p.T(i18n.CalToday),
	}
	s := st.Faint.Render(strings.Join(parts, "  "))
	m.memo.styled[memoKey{style: styleLegend}] = s
	return s
}

// dayInfo is the side panel: what the selected day holds.
func (m Model) dayInfo(d model.Date) []string {
	st, p := m.c.Styles, m.c.Words
	lines := []string{m.styled(styleBold, st.Bold, p.DateMidYear(d))}
	first, last := m.Window()
	switch {
	case d.Before(first):
		return append(lines, st.Faint.Render(p.T(i18n.CalPast1)), st.Faint.Render(p.T(i18n.CalPast2)))
	case m.pending(d):
		return append(lines, st.Faint.Render(p.T(i18n.CalLoadingDay)))
	case d.After(last):
		return append(lines, st.Faint.Render(p.T(i18n.CalAfter1, last.String())), st.Faint.Render(p.T(i18n.CalAfter2)))
	}
	if name, ok := m.avail.Holiday(d); ok {
		return append(lines, st.Holiday.Render("✕ "+model.Sanitize(name)), p.T(i18n.CalClosedDay))
	}
	if !m.loaded {
		return append(lines, st.Faint.Render(p.T(i18n.CalLoadingDay)))
	}
	day, _ := m.avail.Day(d)
	if len(day.Slots) == 0 {
		return append(lines, st.Full.Render(p.T(i18n.CalNoFreeSlots)), st.Faint.Render(p.T(i18n.CalHintNextFree)))
	}
	lines = append(lines,
		p.T(i18n.CalFreeSlots, len(day.Slots)),
		p.T(i18n.CalFirst, m.clock(day.Slots[0].Start)),
		p.T(i18n.CalLast, m.clock(day.Slots[len(day.Slots)-1].Start)),
		"",
		st.Faint.Render(p.T(i18n.CalHintSeeTimes)),
	)
	if !m.cfg.Pick && m.c.Keys.Agenda.Enabled() {
		lines = append(lines, st.Faint.Render(p.T(i18n.CalHintAgenda)))
	}
	return lines
}

// summary is the one-line dayInfo for narrow terminals.
func (m Model) summary() string {
	st, p := m.c.Styles, m.c.Words
	d := m.sel
	date := st.Bold.Render(p.DateShortYear(d))
	if m.pending(d) {
		return date + st.Faint.Render(" · "+p.T(i18n.CalLoadingShort))
	}
	if !m.inWindow(d) {
		return date + st.Faint.Render(" · "+p.T(i18n.CalOutside))
	}
	if name, ok := m.avail.Holiday(d); ok {
		return date + " · " + st.Holiday.Render("✕ "+model.Sanitize(name)) + " · " + p.T(i18n.CalClosedShort)
	}
	if !m.loaded {
		return date + st.Faint.Render(" · "+p.T(i18n.CalLoadingShort))
	}
	day, _ := m.avail.Day(d)
	if len(day.Slots) == 0 {
		return date + " · " + st.Full.Render(p.T(i18n.CalNoFreeSlotsShort)) + st.Faint.Render(" · "+p.T(i18n.CalHintNextFree))
	}
	return date + " · " + p.T(i18n.CalSummary, len(day.Slots), m.clock(day.Slots[0].Start), m.clock(day.Slots[len(day.Slots)-1].Start))
}

func (m Model) clock(t time.Time) string {
	return common.FormatTime(t, m.zone, m.c.Prefs.Clock24, true)
}

// capitalized is s with its first letter in upper case, for titles: "mars
// 2026" heads a month as "Mars 2026".
func capitalized(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
