package form

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// lookupPause is how long typing must pause before earlier bookings are
// searched: one request per pause, not per key.
const lookupPause = 350 * time.Millisecond

type (
	// lookupTickMsg ends a pause in typing; only the latest counts.
	lookupTickMsg struct{ gen int }
	// customersMsg is a search's answer, for the search gen.
	customersMsg struct {
		gen int
		res booking.Customers
	}
)

// lookup is the returning-customer search of the form.
type lookup struct {
	gen     int // the latest search asked for; older answers are dropped
	field   int // the field searched; -1 none
	pending int // the field to search when the pause ends
	busy    bool
	allTime bool // the user asked for every booking
	res     booking.Customers
	pick    int // the customer offered, in res.Found
	// cancel ends the search in flight when a newer one starts.
	cancel context.CancelFunc
}

func (m Model) lookups() bool { return m.c.Prefs.ReturningCustomers }

func searchable(field int) bool {
	return field == fieldName || field == fieldEmail || field == fieldPhone
}

// lookupLater restarts the pause after field changed: the search runs
// when typing stops, if the text is enough to search on.
func (m Model) lookupLater(field int) (Model, tea.Cmd) {
	m.look.gen++
	m.stopLookup()
	m.look.pending = field
	if !m.search(field).Searchable() {
		if m.look.field == field {
			m.look.field, m.look.res = -1, booking.Customers{}
		}
		return m, nil
	}
	gen := m.look.gen
	return m, m.after(lookupPause, func(time.Time) tea.Msg { return lookupTickMsg{gen} })
}

func (m *Model) stopLookup() {
	if m.look.cancel != nil {
		m.look.cancel()
		m.look.cancel = nil
	}
	m.look.busy = false
}

// search is what field holds, as a search around the booked day.
func (m Model) search(field int) booking.CustomerSearch {
	zone := m.loc.Zone()
	day := model.DateOf(m.d.Start.In(zone))
	return booking.CustomerSearch{
		Field: fieldNames[field], Text: m.inputs[field].Value(), AllTime: m.look.allTime,
		DayFrom: day.In(zone), DayTo: day.AddDays(1).In(zone),
	}
}

// lookupNow searches field's text at once, in a Cmd.
func (m Model) lookupNow(field int) (Model, tea.Cmd) {
	s := m.search(field)
	if !s.Searchable() {
		return m, nil
	}
	m.stopLookup()
	m.look.gen++
	m.look.busy = true
	if m.look.field != field {
		m.look.field, m.look.res, m.look.pick = field, booking.Customers{}, 0
	}
	ctx, cancel := context.WithCancel(m.c.Ctx)
	m.look.cancel = cancel
	gen, o := m.look.gen, m.c.Office
	return m, func() tea.Msg {
		defer cancel()
		return customersMsg{gen: gen, res: o.FindCustomers(ctx, s)}
	}
}

func (m Model) lookupDone(msg customersMsg) (Model, tea.Cmd) {
	if msg.gen != m.look.gen {
		return m, nil // typing went on: a newer search is due
	}
	m.look.busy, m.look.cancel = false, nil
	if m.c.Ctx.Err() != nil {
		return m, nil
	}
	if err := msg.res.ServerErr; err != nil && !api.IsForbidden(err) && !api.IsNotFound(err) {
		m.logger().Info("searching earlier bookings", "err", err)
	}
	m.look.res, m.look.pick = msg.res, 0
	return m, nil
}

// lookupKey handles the returning-customer keys; ok is false for others.
func (m Model) lookupKey(msg tea.KeyMsg) (Model, tea.Cmd, bool) {
	if !m.lookups() {
		return m, nil, false
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Fill):
		c, ok := m.offered()
		if !ok {
			return m, nil, true
		}
		m, cmd := m.fill(c)
		return m, cmd, true
	case key.Matches(msg, k.NextMatch):
		if n := len(m.look.res.Found); n > 1 {
			m.look.pick = (m.look.pick + 1) % n
		}
		return m, nil, true
	case key.Matches(msg, k.AllTime):
		field := m.look.field
		if field < 0 || !m.search(field).Searchable() {
			field = m.focus
		}
		if !searchable(field) || !m.search(field).Searchable() {
			m.status = common.Status{Text: m.c.T(i18n.RetTypeMore)}
			return m, nil, true
		}
		m.look.allTime = true
		m, cmd := m.lookupNow(field)
		return m, cmd, true
	}
	return m, nil, false
}

// current is the customer on offer, whether or not already filled in.
func (m Model) current() (booking.Customer, bool) {
	f := m.look.res.Found
	if m.look.field < 0 || len(f) == 0 {
		return booking.Customer{}, false
	}
	return f[m.look.pick%len(f)], true
}

// offered is the customer on offer, unless the fields already hold them.
func (m Model) offered() (booking.Customer, bool) {
	c, ok := m.current()
	if !ok || m.holds(c) {
		return booking.Customer{}, false
	}
	return c, true
}

// holds reports that the fields already say what c's details would fill.
func (m Model) holds(c booking.Customer) bool {
	typed := m.Contact().Normalized()
	eq := strings.EqualFold
	return eq(typed.Name, c.Contact.Name) && eq(typed.Email, c.Contact.Email) &&
		(c.Contact.Phone == "" || typed.Phone == c.Contact.Phone)
}

// fill puts c's name, email and phone in the fields; notes are each
// booking's own and stay as typed.
func (m Model) fill(c booking.Customer) (Model, tea.Cmd) {
	values := map[int]string{fieldName: c.Contact.Name, fieldEmail: c.Contact.Email}
	if c.Contact.Phone != "" {
		values[fieldPhone] = c.Contact.Phone
	}
	for f, v := range values {
		m.inputs[f].SetValue(model.Sanitize(v))
		m.inputs[f].CursorEnd()
		m.touched[f] = true
		m.server[f] = ""
	}
	m.look.gen++ // a search still pending is about the text replaced
	m.stopLookup()
	m.status = common.Status{Text: m.c.T(i18n.RetFilled, model.Sanitize(c.Contact.Name))}
	// The cursor goes where the desk types next: the first empty field.
	for _, f := range []int{fieldName, fieldEmail, fieldPhone, fieldNotes} {
		if m.inputs[f].Value() == "" || f == fieldNotes {
			if f != m.focus {
				m.inputs[m.focus].Blur()
				m.focus = f
				m.inputs[f].Focus()
			}
			break
		}
	}
	return m.saveIfChanged()
}

// lookupView is the lines under the searched field: who may be returning,
// and a warning when they already have a booking that day.
func (m Model) lookupView(width int) []string {
	if !m.lookups() || m.look.field < 0 {
		return nil
	}
	switch m.state {
	case editing, reviewing:
	default:
		return nil
	}
	st := m.c.Styles
	k, p := m.keys, m.c.Words
	res := m.look.res
	var lines []string
	note := ""
	switch err := res.ServerErr; {
	case err == nil:
	case api.IsForbidden(err), api.IsNotFound(err):
		note = p.T(i18n.RetNoteNoRead)
	default:
		note = p.T(i18n.RetNoteNoSearch)
	}
	if res.Partial {
		note = p.T(i18n.RetNotePartial)
	}
	c, ok := m.current()
	switch {
	case m.look.busy && (m.look.allTime || !ok):
		if m.look.allTime {
			lines = append(lines, st.Faint.Render(p.T(i18n.RetSearchingAll)))
		}
	case !ok:
		parts := []string{p.T(i18n.RetNoMatchAll)}
		if !m.look.allTime {
			parts[0] = p.T(i18n.RetNoMatchRecent)
			parts = append(parts, p.T(i18n.RetSearchAll, k.AllTime.Help().Key))
		}
		if note != "" {
			parts = append(parts, note)
		}
		for i := range parts {
			parts[i] = st.Faint.Render(parts[i])
		}
		lines = append(lines, flow(parts, st.Faint.Render(" · "), width)...)
	case m.holds(c):
		parts := []string{st.OK.Render(p.T(i18n.RetReturning, c.Bookings, m.dayOf(c.Last)))}
		if note != "" {
			parts = append(parts, st.Faint.Render(note))
		}
		lines = append(lines, flow(parts, " ", width)...)
	default:
		parts := []string{st.Accent.Render(p.T(i18n.RetOffer)) + st.Text.Render(model.Sanitize(c.Contact.Name)),
			st.Text.Render(model.Sanitize(c.Contact.Email))}
		if phone := model.Sanitize(c.Contact.Phone); phone != "" {
			parts = append(parts, st.Text.Render(phone))
		}
		parts = append(parts, st.Accent.Render(k.Fill.Help().Key)+st.Faint.Render(" "+p.T(i18n.RetFills)))
		if n := len(res.Found); n > 1 {
			parts = append(parts, st.Accent.Render(k.NextMatch.Help().Key)+
				st.Faint.Render(" "+p.T(i18n.RetNextOf, m.look.pick%n+1, n)))
		}
		if note != "" {
			parts = append(parts, st.Faint.Render(note))
		}
		lines = append(lines, flow(parts, st.Faint.Render(" · "), width)...)
	}
	if ok && len(c.SameDay) > 0 {
		var at []string
		for _, v := range c.SameDay {
			zone := v.Location.Zone()
			if v.Location.ID == "" {
				zone = m.loc.Zone()
			}
			s := common.FormatTime(v.Appointment.Time, zone, m.c.Prefs.Clock24, true)
			if v.Service.Name != "" {
				s += " " + model.Sanitize(v.Service.Name)
			}
			if v.Location.Name != "" && v.Location.ID != m.loc.ID {
				s += p.T(i18n.ResumeAt) + model.Sanitize(v.Location.Name)
			}
			at = append(at, s)
		}
		lines = append(lines, st.Warn.Render(p.T(i18n.RetSameDay, len(c.SameDay), model.Sanitize(c.Contact.Name), strings.Join(at, ", "))))
	}
	return lines
}

// flow lays parts out joined by sep, breaking lines between parts rather
// than inside one (a phone number stays whole) when they pass width.
func flow(parts []string, sep string, width int) []string {
	var lines []string
	line := ""
	for _, p := range parts {
		switch {
		case line == "":
			line = p
		case lipgloss.Width(line+sep+p) <= width:
			line += sep + p
		default:
			lines = append(lines, line)
			line = p
		}
	}
	return append(lines, line)
}

func (m Model) dayOf(t time.Time) string {
	return m.c.Words.DateShortYear(model.DateOf(t.In(m.loc.Zone())))
}
