package appointments

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/i18n"
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
	st, p := m.c.Styles, m.c.Words
	title, info := p.T(i18n.LabelAppointments), ""
	switch {
	case m.tab == tabHistory:
		title = p.T(i18n.ApptDeskHistory)
		info = p.T(i18n.ApptEntries, len(m.hVisible))
	case m.noList != "":
		info = p.T(i18n.ApptLookedUp, len(m.visible))
	case m.loading:
		info = p.T(i18n.CalLoadingDay)
	case m.loadErr != "" && len(m.visible) == 0:
		info = "" // not "0 appointments": none were read
	default:
		info = p.T(i18n.ApptCount, len(m.visible))
		if m.next != "" {
			info += p.T(i18n.ApptMoreBelow)
		}
		if m.loadingMore {
			info += " " + p.T(i18n.ApptLoadingMore)
		}
	}
	if m.tab == tabList && m.noList == "" && !m.day.IsZero() {
		title += " · " + p.DateMid(m.day)
	}
	if m.onlyAt != "" {
		title += " · " + m.locationName()
	} else if len(m.opts.Catalog.Active()) > 1 {
		title += " · " + p.T(i18n.ApptAllLocations)
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
	st, p := m.c.Styles, m.c.Words
	switch {
	case m.tab == tabHistory:
		where := p.T(i18n.ApptKeptIn, m.c.Office.Store().Where())
		if !m.c.Office.Store().Persistent() {
			where = p.T(i18n.ApptKeptInMemory)
		}
		return fit(st.Faint.Render(p.T(i18n.ApptHistoryIntro)+" · "+where), m.width)
	case m.noList != "":
		return fit(st.Faint.Render(p.T(i18n.ApptLookUpHint)), m.width)
	}
	var b strings.Builder
	for r := model.Today; r <= model.Past7Days; r++ {
		label := strconv.Itoa(int(r)+1) + " " + p.T(rangeNames[r])
		if r == m.rng && m.day.IsZero() {
			b.WriteString(st.Selected.Render("[" + label + "]"))
		} else {
			b.WriteString(st.Faint.Render(" " + label + " "))
		}
		b.WriteString(" ")
	}
	status := p.T(i18n.ApptAllStatuses)
	switch statusCycle[m.status] {
	case model.StatusConfirmed:
		status = p.T(i18n.ApptConfirmedOnly)
	case model.StatusCancelled:
		status = p.T(i18n.ApptCancelledOnly)
	}
	b.WriteString(st.Faint.Render(" "+p.T(i18n.ApptStatusKey)) + st.Text.Render(status))
	return fit(b.String(), m.width)
}

func (m Model) inputLine() string {
	if m.noListShown() {
		return fit(m.idInput.View(), m.width)
	}
	line := m.search.View()
	if !m.search.Focused() && m.query != "" && m.tab == tabList {
		line += m.c.Styles.Faint.Render("  " + m.c.T(i18n.ApptEscClears))
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
		return fit(st.Error.Render(m.c.T(i18n.ApptLoadFailed, m.loadErr)), m.width)
	case m.histErr != "" && m.tab == tabHistory:
		return fit(st.Error.Render(m.c.T(i18n.ApptHistoryFailed, m.histErr)), m.width)
	}
	return fit("", m.width)
}

func (m Model) body(l layout) string {
	var notice []string
	if l.notice > 0 {
		notice = []string{
			fit(m.c.Styles.Warn.Render(m.noList), m.width),
			fit(m.c.Styles.Faint.Render(m.c.T(i18n.ApptNoListHint)), m.width),
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

// markW is the cursor's column; the others' widths follow the language.
const markW = 2

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
	rest := w - markW - m.dayW() - 1 - m.timeW() - 1 - m.statusW() - 1
	if m.onlyAt == "" && len(m.opts.Catalog.Active()) > 1 {
		for _, name := range m.where {
			whereW = max(whereW, width(name))
		}
		whereW = min(max(whereW, width(m.c.T(i18n.ColWhere))), max(8, rest/4))
		rest -= whereW + 1
	}
	if rest < 30 {
		return whereW, max(4, rest), 0
	}
	name := rest * 9 / 20
	return whereW, name, rest - name - 1
}

func (m Model) listPane(w, h int) string {
	st, p := m.c.Styles, m.c.Words
	whereW, nameW, svcW := m.columns(w)
	dayW := m.dayW()
	head := pad("", markW) + pad(p.T(i18n.ColDayLabel), dayW) + " " + pad(p.T(i18n.ColTimeLabel), m.timeW()) + " "
	if whereW > 0 {
		head += pad(p.T(i18n.ColWhere), whereW) + " "
	}
	head += pad(p.T(i18n.ColCustomerLabel), nameW) + " "
	if svcW > 0 {
		head += pad(p.T(i18n.CardService), svcW) + " "
	}
	head += p.T(i18n.ColStatusLabel)
	lines := []string{st.Label.Render(fit(head, w))}

	if len(m.visible) == 0 {
		none := p.T(noneIn[m.rng])
		if !m.day.IsZero() {
			none = p.T(i18n.ApptNoneThatDay)
		}
		msg := p.T(i18n.ApptNone, none)
		if m.onlyAt != "" {
			msg = p.T(i18n.ApptNoneAt, none, m.locationName())
		}
		switch {
		case m.loading && m.noList == "":
			msg = p.T(i18n.ApptLoading)
		case m.noList != "":
			msg = p.T(i18n.ApptNothingLookedUp)
		case m.loadErr != "":
			msg = p.T(i18n.ApptNotLoaded) // not "none": the status line says why
		case m.search.Value() != "":
			msg = p.T(i18n.ApptNoMatch, model.Sanitize(m.search.Value()))
		}
		lines = append(lines, st.Faint.Render(fit("  "+msg, w)))
	}
	// The loop calls no method of m: each call would copy the whole model.
	now, timeW, zones, memo, cat, history := m.c.Now(), m.timeW(), m.zones, m.memo, m.opts.Catalog, m.history
	for row := m.offset; row < len(m.visible) && len(lines) < h; row++ {
		a := m.items[m.visible[row]]
		zone, ok := zones[a.LocationID]
		if !ok {
			zone = time.UTC
		}
		k := rowKey{a: a, today: model.DateOf(now.In(zone)), dayW: dayW, timeW: timeW, whereW: whereW, nameW: nameW, svcW: svcW}
		if whereW > 0 {
			where, ok := m.where[a.LocationID]
			if !ok {
				where = model.Sanitize(a.LocationID)
			}
			k.where = where
		}
		if svcW > 0 {
			k.service = rowService(cat, history, a)
		}
		line := memo.rowText(k, func() string { return m.rowText(k, zone, now) })
		lines = append(lines, memo.row(marker(row == m.cursor)+line, w, rowStyle(m.c.Styles, row == m.cursor, a)))
	}
	return fillLines(lines, w, h)
}

// rowText is a list row's text, unstyled, for the memo.
func (m Model) rowText(k rowKey, zone *time.Location, now time.Time) string {
	a := k.a
	line := pad(m.dayLabel(a.Time.In(zone), now.In(zone)), k.dayW) + " " +
		pad(model.Clock{H24: m.c.Prefs.Clock24}.Cell(a.Time, zone)+" "+model.ZoneName(a.Time.In(zone)), k.timeW) + " "
	if k.whereW > 0 {
		line += fit(k.where, k.whereW) + " "
	}
	line += fit(model.Sanitize(a.Contact.Name), k.nameW) + " "
	if k.svcW > 0 {
		line += fit(k.service, k.svcW) + " "
	}
	return line + m.statusLabel(a.Status)
}

// rowStyle names a list row's style, for the memo.
func rowStyle(st *styles.Styles, selected bool, a model.Appointment) styleOf {
	switch {
	case selected:
		return styleOf{1, &st.Selected}
	case a.Cancelled():
		return styleOf{2, &st.Faint}
	}
	return styleOf{3, &st.Text}
}

func marker(selected bool) string {
	if selected {
		return "▸ "
	}
	return "  "
}

func (m Model) historyPane(w, h int) string {
	st, p := m.c.Styles, m.c.Words
	// "24 Nov 15:04", "1er sept. 15:04", and a space; the action and one.
	atW := len(p.DayMonth(model.Date{Day: 24, Month: 11}))
	for mo := time.January; mo <= time.December; mo++ {
		atW = max(atW, width(p.DayMonth(model.Date{Day: 1, Month: mo})), width(p.DayMonth(model.Date{Day: 24, Month: mo})))
	}
	atW += len(" 15:04 ")
	actionW := 12
	for _, k := range []i18n.Key{i18n.ActionBooked, i18n.ActionRescheduled, i18n.ActionCancelled} {
		actionW = max(actionW, width(p.T(k))+1)
	}
	nameW := max(4, (w-markW-atW-actionW-m.dayW()-m.timeW()-3)*3/5)
	head := pad("", markW) + pad(p.T(i18n.CardWhen), atW) + pad(p.T(i18n.ColActionLabel), actionW) + pad(p.T(i18n.ColCustomerLabel), nameW) + " " + p.T(i18n.ColAppointmentLabel)
	lines := []string{st.Label.Render(fit(head, w))}
	if len(m.hVisible) == 0 {
		msg := p.T(i18n.ApptHistoryEmpty)
		switch {
		case !m.c.Office.Store().Persistent():
			msg = p.T(i18n.ApptHistoryEmptyMemory)
		case m.search.Value() != "":
			msg = p.T(i18n.ApptHistoryNoMatch, model.Sanitize(m.search.Value()))
		}
		lines = append(lines, st.Faint.Render(fit("  "+msg, w)))
	}
	local := m.c.Now().Location()
	for row := m.hOffset; row < len(m.hVisible) && len(lines) < h; row++ {
		e := m.history[m.hVisible[row]]
		zone := m.zone(e.Appointment)
		when := e.Appointment.Time.In(zone)
		at := e.At.In(local)
		line := pad(p.DayMonth(model.DateOf(at))+at.Format(" 15:04"), atW) +
			pad(m.action(e.Action), actionW) +
			fit(model.Sanitize(e.Appointment.Contact.Name), nameW) + " " +
			p.DateShort(model.DateOf(when)) + " " + common.FormatTime(when, zone, m.c.Prefs.Clock24, true)
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
		content = []string{st.Faint.Render(m.c.T(i18n.ApptNoneSelected))}
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
	st, p := m.c.Styles, m.c.Words
	svc, loc := m.service(a), m.location(a)
	zone := m.zone(a)
	clock24 := m.c.Prefs.Clock24
	labelW := 10
	for _, k := range []i18n.Key{i18n.CardWhen, i18n.MoveZone, i18n.CardWhere, i18n.ColCustomerLabel, i18n.FieldNameNotes,
		i18n.FieldNameReason, i18n.LabelID, i18n.ApptCreated, i18n.ApptDesk, i18n.ApptWas} {
		labelW = max(labelW, width(p.T(k))+2)
	}
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
	status := m.statusLabel(a.Status)
	title := fit(orID(svc.Name, a.ServiceID), max(1, w-ansi.StringWidth(status)-2))
	out = append(out, st.Title.Render(title)+"  "+statusStyle(st, a).Render(status))
	field(p.T(i18n.CardWhen), p.DateYear(model.DateOf(a.Time.In(zone))))
	field("", common.FormatTime(a.Time, zone, clock24, false)+"–"+common.FormatTime(a.End(), zone, clock24, true)+
		" ("+p.T(i18n.CellMinutes, a.DurationMinutes)+")")
	if a.Cancelled() { // why it was cancelled first: a small box keeps the top
		reason := a.CancellationReason
		if reason == "" && entry != nil {
			reason = entry.Reason
		}
		field(p.FieldName(model.FieldReason), model.Sanitize(reason))
	}
	field(p.T(i18n.MoveZone), zone.String())
	field(p.T(i18n.CardWhere), orID(loc.Name, a.LocationID))
	field("", model.Sanitize(loc.Address))
	field(p.T(i18n.ColCustomerLabel), model.Sanitize(a.Contact.Name))
	field("", joinNonEmpty(" · ", model.Sanitize(a.Contact.Email), model.Sanitize(a.Contact.Phone)))
	field(p.FieldName(model.FieldNotes), model.SanitizeMultiline(a.Contact.Notes))
	ids := model.Sanitize(a.ID)
	if a.BookingID != "" && a.BookingID != a.ID {
		ids += " · " + p.T(i18n.ApptBookingID, model.Sanitize(a.BookingID))
	}
	field(p.T(i18n.LabelID), ids)
	if !a.CreatedAt.IsZero() {
		changes := stamp(a.CreatedAt, zone, clock24)
		if !a.UpdatedAt.IsZero() && !a.UpdatedAt.Equal(a.CreatedAt) {
			changes += ", " + p.T(i18n.ApptUpdated, stamp(a.UpdatedAt, zone, clock24))
		}
		field(p.T(i18n.ApptCreated), changes)
	}
	if entry != nil {
		out = append(out, "")
		field(p.T(i18n.ApptDesk), m.action(entry.Action)+" "+stamp(entry.At, m.c.Now().Location(), clock24))
		if !entry.PreviousTime.IsZero() {
			was := entry.PreviousTime.In(zone)
			field(p.T(i18n.ApptWas), p.DateShort(model.DateOf(was))+" "+common.FormatTime(was, zone, clock24, true))
		}
		if !a.Cancelled() {
			field(p.FieldName(model.FieldReason), model.Sanitize(entry.Reason))
		}
		out = append(out, st.Faint.Render(fit(p.T(i18n.ApptAsRecorded), w)))
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

// statusLabel is a status with its glyph: "✓ confirmed", "✕ annulé".
func (m Model) statusLabel(s string) string {
	glyph := "• "
	switch s {
	case model.StatusConfirmed:
		glyph = "✓ "
	case model.StatusCancelled:
		glyph = "✕ "
	case model.StatusHeld:
		glyph = "◐ "
	}
	return glyph + m.c.Words.Status(s)
}

// statusW is the Status column: the widest status with its glyph.
func (m Model) statusW() int {
	w := 11 // "✓ confirmed"
	for _, s := range []string{model.StatusConfirmed, model.StatusCancelled, model.StatusHeld, model.StatusScheduled} {
		w = max(w, width(m.statusLabel(s)))
	}
	return w
}

// action names what the desk did, in the session's language.
func (m Model) action(a journal.Action) string {
	switch a {
	case journal.Booked:
		return m.c.T(i18n.ActionBooked)
	case journal.Rescheduled:
		return m.c.T(i18n.ActionRescheduled)
	case journal.Cancelled:
		return m.c.T(i18n.ActionCancelled)
	}
	return model.Sanitize(string(a))
}

// rangeNames and noneIn name the day ranges, in the order of keys 1-4.
var (
	rangeNames = [...]i18n.Key{i18n.ApptRangeToday, i18n.ApptRangeNext7, i18n.ApptRangeUpcoming, i18n.ApptRangePast7}
	noneIn     = [...]i18n.Key{i18n.ApptNoneToday, i18n.ApptNoneNext7, i18n.ApptNoneUpcoming, i18n.ApptNonePast7}
)

func statusStyle(st *styles.Styles, a model.Appointment) lipgloss.Style {
	if a.Cancelled() {
		return st.Danger
	}
	return st.OK
}

// dayLabel names t's day relative to today (both in the location's zone).
func (m Model) dayLabel(t, now time.Time) string {
	switch model.DateOf(now).DaysUntil(model.DateOf(t)) {
	case 0:
		return m.c.T(i18n.ApptToday)
	case 1:
		return m.c.T(i18n.ApptTomorrow)
	case -1:
		return m.c.T(i18n.ApptYesterday)
	}
	return m.c.Words.DateShort(model.DateOf(t))
}

// dayW is the Day column: "Thu 24 Dec", "mer. 30 sept.", "Aujourd'hui".
func (m Model) dayW() int {
	w := m.c.Words.DateShortWidth()
	for _, k := range []i18n.Key{i18n.ApptToday, i18n.ApptTomorrow, i18n.ApptYesterday} {
		w = max(w, width(m.c.T(k)))
	}
	return w
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
