package appointments

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/styles"
)

// wideWidth is where the detail pane moves beside the list.
const wideWidth = 100

// layout is where things go at the current size; View and the scrolling
// in Update both use it, so they always agree.
type layout struct {
	top       int // header lines above the body
	body      int // body height
	notice    int // lines of the "no list" notice at the top of the body
	wide      bool
	listW     int
	listH     int // list pane height, column headings included
	detailW   int
	detailH   int
	inputLine bool
}

func (m Model) layout() layout {
	var l layout
	l.inputLine = m.search.Focused() || m.search.Value() != "" || m.noListShown()
	l.top = 2
	if l.inputLine {
		l.top++
	}
	l.body = max(4, m.height-l.top-1)
	if m.noListShown() {
		l.notice = 2
	}
	avail := l.body - l.notice
	l.wide = m.width >= wideWidth
	if l.wide {
		l.detailW = clamp(m.width*3/8, 40, 64)
		l.listW = m.width - l.detailW - 1
		l.listH, l.detailH = avail, avail
	} else {
		l.listW, l.detailW = m.width, m.width
		l.listH = max(4, avail*2/5)
		l.detailH = max(0, avail-l.listH)
	}
	return l
}

func (m Model) noListShown() bool { return m.noList != "" && m.tab == tabList }

// listRows is how many rows the list pane shows.
func (m Model) listRows() int { return max(1, m.layout().listH-1) }

// View implements tea.Model: exactly width x height.
func (m Model) View() string {
	l := m.layout()
	lines := make([]string, 0, m.height)
	lines = append(lines, m.headerLine(), m.filterLine())
	if l.inputLine {
		lines = append(lines, m.inputLine())
	}
	if m.dialogOpen {
		lines = append(lines, lipgloss.Place(m.width, l.body, lipgloss.Center, lipgloss.Center, m.dialog.View()))
	} else {
		lines = append(lines, m.body(l))
	}
	lines = append(lines, m.statusView())
	return strings.Join(lines, "\n")
}

func (m Model) headerLine() string {
	st := m.c.Styles
	title, info := "Appointments", ""
	switch {
	case m.tab == tabHistory:
		title = "Desk history"
		info = common.Plural(len(m.hVisible), "entry", "entries")
	case m.noList != "":
		info = common.Plural(len(m.visible), "looked up", "looked up")
	case m.loading:
		info = "Loading…"
	default:
		info = common.Plural(len(m.visible), "appointment", "appointments")
		if m.next != "" {
			info += ", more below"
		}
		if m.loadingMore {
			info += " (loading…)"
		}
	}
	if m.tab == tabList && m.noList == "" && !m.day.IsZero() {
		title += " · " + m.day.In(time.UTC).Format("Mon 2 January")
	}
	if m.onlyAt != "" {
		title += " · " + m.locationName()
	} else if len(m.opts.Catalog.Active()) > 1 {
		title += " · all locations"
	}
	left := st.Title.Render(title)
	right := st.Faint.Render(info)
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		return fit(left, m.width)
	}
	return left + strings.Repeat(" ", gap) + right
}

func (m Model) filterLine() string {
	st := m.c.Styles
	switch {
	case m.tab == tabHistory:
		where := "kept in " + m.c.Office.Store().Where()
		if !m.c.Office.Store().Persistent() {
			where = "kept in memory until zimun quits"
		}
		return fit(st.Faint.Render("What this desk booked, moved and cancelled · "+where), m.width)
	case m.noList != "":
		return fit(st.Faint.Render("Look up by id · H desk history"), m.width)
	}
	var b strings.Builder
	for r := model.Today; r <= model.Past7Days; r++ {
		label := fmt.Sprintf("%d %s", r+1, r)
		if r == m.rng && m.day.IsZero() {
			b.WriteString(st.Selected.Render("[" + label + "]"))
		} else {
			b.WriteString(st.Faint.Render(" " + label + " "))
		}
		b.WriteString(" ")
	}
	status := "all statuses"
	if s := statusCycle[m.status]; s != "" {
		status = s + " only"
	}
	b.WriteString(st.Faint.Render(" s: ") + st.Text.Render(status))
	return fit(b.String(), m.width)
}

func (m Model) inputLine() string {
	if m.noListShown() {
		return fit(m.idInput.View(), m.width)
	}
	line := m.search.View()
	if !m.search.Focused() && m.query != "" && m.tab == tabList {
		line += m.c.Styles.Faint.Render("  (esc clears)")
	}
	return fit(line, m.width)
}

func (m Model) statusView() string {
	st := m.c.Styles
	switch {
	case m.line.Text != "" && m.line.Kind == common.Failure:
		return fit(st.Error.Render(m.line.Text), m.width)
	case m.line.Text != "":
		return fit(st.OK.Render(m.line.Text), m.width)
	case m.loadErr != "" && m.tab == tabList:
		return fit(st.Error.Render("Could not load appointments: "+m.loadErr+" (r to retry)"), m.width)
	case m.histErr != "" && m.tab == tabHistory:
		return fit(st.Error.Render("Could not read the desk history: "+m.histErr), m.width)
	}
	return fit("", m.width)
}

func (m Model) body(l layout) string {
	var notice []string
	if l.notice > 0 {
		notice = []string{
			fit(m.c.Styles.Warn.Render(m.noList), m.width),
			fit(m.c.Styles.Faint.Render("Type an appointment id above and press enter; H shows this desk's history."), m.width),
		}
	}
	var list string
	if m.tab == tabHistory {
		list = m.historyPane(l.listW, l.listH)
	} else {
		list = m.listPane(l.listW, l.listH)
	}
	detail := m.detailPane(l.detailW, l.detailH)
	var panes string
	switch {
	case l.wide:
		panes = besides(list, detail, l.listW)
	case l.detailH > 0:
		panes = list + "\n" + detail
	default:
		panes = list
	}
	return strings.Join(append(notice, panes), "\n")
}

// Column widths of a list row.
const (
	markW   = 2
	dayW    = 10
	statusW = 11
)

func (m Model) timeW() int {
	if m.c.Prefs.Clock24 {
		return 9 // "09:00 CET"
	}
	return 12 // "12:30 PM EST"
}

// columns split what is left of a row: the location (when the list may
// hold more than one), the name and the service, which goes when there is
// no room for it.
func (m Model) columns(w int) (whereW, nameW, svcW int) {
	rest := w - markW - dayW - 1 - m.timeW() - 1 - statusW - 1
	if m.onlyAt == "" && len(m.opts.Catalog.Active()) > 1 {
		for _, name := range m.where {
			whereW = max(whereW, width(name))
		}
		whereW = min(max(whereW, len("Where")), max(8, rest/4))
		rest -= whereW + 1
	}
	if rest < 30 {
		return whereW, max(4, rest), 0
	}
	name := rest * 9 / 20
	return whereW, name, rest - name - 1
}

func (m Model) listPane(w, h int) string {
	st := m.c.Styles
	whereW, nameW, svcW := m.columns(w)
	head := pad("", markW) + pad("Day", dayW) + " " + pad("Time", m.timeW()) + " "
	if whereW > 0 {
		head += pad("Where", whereW) + " "
	}
	head += pad("Customer", nameW) + " "
	if svcW > 0 {
		head += pad("Service", svcW) + " "
	}
	head += "Status"
	lines := []string{st.Label.Render(fit(head, w))}

	if len(m.visible) == 0 {
		msg := "No appointments " + strings.ToLower(m.rng.String()) + "."
		if !m.day.IsZero() {
			msg = "No appointments that day."
		}
		if m.onlyAt != "" {
			msg = strings.TrimSuffix(msg, ".") + " at " + m.locationName() + "."
		}
		switch {
		case m.loading && m.noList == "":
			msg = "Loading appointments…"
		case m.noList != "":
			msg = "Nothing looked up yet."
		case m.search.Value() != "":
			msg = "No appointment matches “" + model.Sanitize(m.search.Value()) + "”."
		case m.rng == model.Today && m.day.IsZero() && m.onlyAt == "":
			msg = "No appointments today."
		}
		lines = append(lines, st.Faint.Render(fit("  "+msg, w)))
	}
	now := m.c.Now()
	for row := m.offset; row < len(m.visible) && len(lines) < h; row++ {
		a := m.items[m.visible[row]]
		zone := m.zone(a)
		line := pad(dayLabel(a.Time.In(zone), now.In(zone)), dayW) + " " +
			pad(model.Clock{H24: m.c.Prefs.Clock24}.Cell(a.Time, zone)+" "+model.ZoneName(a.Time.In(zone)), m.timeW()) + " "
		if whereW > 0 {
			where, ok := m.where[a.LocationID]
			if !ok {
				where = model.Sanitize(a.LocationID)
			}
			line += fit(where, whereW) + " "
		}
		line += fit(model.Sanitize(a.Contact.Name), nameW) + " "
		if svcW > 0 {
			line += fit(orID(m.service(a).Name, a.ServiceID), svcW) + " "
		}
		line += statusLabel(a.Status)
		style, which := m.rowStyle(row == m.cursor, a)
		lines = append(lines, m.memo.row(marker(row == m.cursor)+line, w, which, style))
	}
	return fillLines(lines, w, h)
}

// rowStyle is the style of a list row, and a number naming it for the memo.
func (m Model) rowStyle(selected bool, a model.Appointment) (lipgloss.Style, int) {
	st := m.c.Styles
	switch {
	case selected:
		return st.Selected, 1
	case a.Cancelled():
		return st.Faint, 2
	}
	return st.Text, 3
}

func marker(selected bool) string {
	if selected {
		return "▸ "
	}
	return "  "
}

func (m Model) historyPane(w, h int) string {
	st := m.c.Styles
	const atW, actionW = 13, 12 // "24 Nov 15:04" and a space
	nameW := max(4, (w-markW-atW-actionW-dayW-m.timeW()-3)*3/5)
	head := pad("", markW) + pad("When", atW) + pad("Action", actionW) + pad("Customer", nameW) + " Appointment"
	lines := []string{st.Label.Render(fit(head, w))}
	if len(m.hVisible) == 0 {
		msg := "Nothing recorded yet: bookings, moves and cancellations made here show up in this list."
		switch {
		case !m.c.Office.Store().Persistent():
			msg = "Nothing recorded yet: this session keeps its history in memory, until zimun quits."
		case m.search.Value() != "":
			msg = "No history entry matches “" + model.Sanitize(m.search.Value()) + "”."
		}
		lines = append(lines, st.Faint.Render(fit("  "+msg, w)))
	}
	local := m.c.Now().Location()
	for row := m.hOffset; row < len(m.hVisible) && len(lines) < h; row++ {
		e := m.history[m.hVisible[row]]
		zone := m.zone(e.Appointment)
		when := e.Appointment.Time.In(zone)
		line := pad(e.At.In(local).Format("2 Jan 15:04"), atW) +
			pad(model.Sanitize(string(e.Action)), actionW) +
			fit(model.Sanitize(e.Appointment.Contact.Name), nameW) + " " +
			when.Format("Mon 2 Jan") + " " + common.FormatTime(when, zone, m.c.Prefs.Clock24, true)
		style := st.Text
		if row == m.hCursor {
			style = st.Selected
		}
		lines = append(lines, style.Render(fit(marker(row == m.hCursor)+line, w)))
	}
	return fillLines(lines, w, h)
}

func (m Model) detailPane(w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	st := m.c.Styles
	panel := st.Panel
	innerW := max(1, w-panel.GetHorizontalFrameSize())
	innerH := max(0, h-panel.GetVerticalFrameSize())
	var content []string
	a, ok := m.Selected()
	if !ok {
		content = []string{st.Faint.Render("No appointment selected.")}
	} else {
		var entry *journal.Entry
		if m.tab == tabHistory {
			e := m.history[m.hVisible[m.hCursor]]
			entry = &e
		}
		content = m.detailLines(a, entry, innerW)
	}
	if len(content) > innerH {
		content = content[:innerH]
	}
	box := panel.Width(w - panel.GetHorizontalBorderSize()).Height(innerH)
	return m.memo.render(memoKey{text: strings.Join(content, "\n"), style: 4, w: w, h: innerH}, box)
}

// detailLines is everything about a, in its location's time zone.
func (m Model) detailLines(a model.Appointment, entry *journal.Entry, w int) []string {
	st := m.c.Styles
	svc, loc := m.service(a), m.location(a)
	zone := m.zone(a)
	clock24 := m.c.Prefs.Clock24
	const labelW = 10
	valueW := max(1, w-labelW)
	var out []string
	field := func(label, value string) {
		if value == "" {
			return
		}
		for i, part := range wrap(value, valueW) {
			if i > 0 {
				label = ""
			}
			out = append(out, st.Label.Render(pad(label, labelW))+part)
		}
	}
	status := statusLabel(a.Status)
	title := fit(orID(svc.Name, a.ServiceID), max(1, w-ansi.StringWidth(status)-2))
	out = append(out, st.Title.Render(title)+"  "+statusStyle(st, a).Render(status))
	field("When", common.FormatDate(a.Time.In(zone)))
	field("", common.FormatTime(a.Time, zone, clock24, false)+"–"+common.FormatTime(a.End(), zone, clock24, true)+
		fmt.Sprintf(" (%d min)", a.DurationMinutes))
	field("Zone", zone.String())
	field("Where", orID(loc.Name, a.LocationID))
	field("", model.Sanitize(loc.Address))
	field("Customer", model.Sanitize(a.Contact.Name))
	field("", joinNonEmpty(" · ", model.Sanitize(a.Contact.Email), model.Sanitize(a.Contact.Phone)))
	field("Notes", model.SanitizeMultiline(a.Contact.Notes))
	if a.Cancelled() {
		reason := a.CancellationReason
		if reason == "" && entry != nil {
			reason = entry.Reason
		}
		field("Reason", model.Sanitize(reason))
	}
	ids := model.Sanitize(a.ID)
	if a.BookingID != "" && a.BookingID != a.ID {
		ids += " · booking " + model.Sanitize(a.BookingID)
	}
	field("Id", ids)
	if !a.CreatedAt.IsZero() {
		changes := stamp(a.CreatedAt, zone, clock24)
		if !a.UpdatedAt.IsZero() && !a.UpdatedAt.Equal(a.CreatedAt) {
			changes += ", updated " + stamp(a.UpdatedAt, zone, clock24)
		}
		field("Created", changes)
	}
	if entry != nil {
		out = append(out, "")
		field("Desk", model.Sanitize(string(entry.Action))+" "+stamp(entry.At, m.c.Now().Location(), clock24))
		if !entry.PreviousTime.IsZero() {
			p := entry.PreviousTime.In(zone)
			field("Was", p.Format("Mon 2 Jan")+" "+common.FormatTime(p, zone, clock24, true))
		}
		if !a.Cancelled() {
			field("Reason", model.Sanitize(entry.Reason))
		}
		out = append(out, st.Faint.Render(fit("As recorded then; r in the list shows it now.", w)))
	}
	return out
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

func stamp(t time.Time, zone *time.Location, clock24 bool) string {
	return t.In(zone).Format("2006-01-02") + " " + common.FormatTime(t, zone, clock24, true)
}

func statusLabel(s string) string {
	switch s {
	case model.StatusConfirmed:
		return "✓ confirmed"
	case model.StatusCancelled:
		return "✕ cancelled"
	case model.StatusHeld:
		return "◐ held"
	}
	return "• " + model.Sanitize(s)
}

func statusStyle(st *styles.Styles, a model.Appointment) lipgloss.Style {
	if a.Cancelled() {
		return st.Danger
	}
	return st.OK
}

// dayLabel names t's day relative to today (both in the location's zone).
func dayLabel(t, now time.Time) string {
	switch model.DateOf(now).DaysUntil(model.DateOf(t)) {
	case 0:
		return "Today"
	case 1:
		return "Tomorrow"
	case -1:
		return "Yesterday"
	}
	return t.Format("Mon 2 Jan")
}

func orID(name, id string) string {
	if name != "" {
		return model.Sanitize(name)
	}
	return model.Sanitize(id)
}

// fit truncates or pads s (which may hold styles) to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := width(s)
	if n > w {
		s = ansi.Truncate(s, w, "…")
		n = width(s)
	}
	return s + strings.Repeat(" ", max(0, w-n))
}

func pad(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-width(s)))
}

// width is ansi.StringWidth with a fast path for plain ASCII, which most
// cells are; View runs on every frame.
func width(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c < 0x20 {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// besides joins two panes of equal height line by line; the left one's
// lines are all exactly leftW wide, so no measuring is needed (cheaper than
// lipgloss.JoinHorizontal, which measures every line).
func besides(left, right string, leftW int) string {
	ls, rs := strings.Split(left, "\n"), strings.Split(right, "\n")
	var b strings.Builder
	for i := range max(len(ls), len(rs)) {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(ls) {
			b.WriteString(ls[i])
		} else {
			b.WriteString(strings.Repeat(" ", leftW))
		}
		b.WriteByte(' ')
		if i < len(rs) {
			b.WriteString(rs[i])
		}
	}
	return b.String()
}

// fillLines pads lines to exactly h lines of w cells.
func fillLines(lines []string, w, h int) string {
	blank := strings.Repeat(" ", max(0, w))
	for len(lines) < h {
		lines = append(lines, blank)
	}
	return strings.Join(lines[:h], "\n")
}

// wrap breaks s into lines of at most w cells, keeping its own newlines.
func wrap(s string, w int) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, strings.Split(ansi.Wrap(para, w, ""), "\n")...)
	}
	return out
}
