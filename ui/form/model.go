// Package form is the contact form shown while a slot is held: it runs the
// hold's countdown, validates the contact inline and books through the
// booking layer's Intent, which keeps the confirm key and the draft, so
// nothing typed is lost and nothing is booked twice.
package form

import (
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
)

// Fields, in tab order.
const (
	fieldName = iota
	fieldEmail
	fieldPhone
	fieldNotes
	numFields
)

var fieldNames = [numFields]string{model.FieldName, model.FieldEmail, model.FieldPhone, model.FieldNotes}

type phase int

const (
	editing    phase = iota
	reviewing        // the one-line "Book …? enter confirm · esc edit"
	confirming       // confirm call in flight
	retrying         // confirm got no answer; enter resends it, fields are frozen
	asking           // "Release the hold on 10:30? y/n"
	releasing        // release call in flight, then BackMsg
	expired          // hold lapsed; r re-holds, s picks another slot
	reholding        // hold call in flight
	slotGone         // re-hold found the slot taken
	unverified       // the server forgot the hold; whether it booked can't be told
	booked
	alreadyBooked // booked, but the card can't be shown; or booked for someone else
)

// Messages the form sends itself.
type (
	tickMsg      struct{ gen int }
	saveTickMsg  struct{}
	confirmedMsg struct {
		holdID string
		out    booking.Outcome
	}
	reheldMsg struct {
		hold model.Hold
		err  error
	}
	savedMsg struct{ err error }
)

// Model is the contact form. Use New.
type Model struct {
	c      common.Common
	keys   KeyMap
	intent *booking.Intent
	d      model.Slot // the slot, for messages
	svc    model.Service
	loc    model.Location

	hold  model.Hold
	total time.Duration // countdown length, for the bar
	gen   int           // tick generation; a new hold starts a new one

	inputs  [numFields]textinput.Model
	focus   int
	touched [numFields]bool   // left once, or submit tried: show its error
	server  [numFields]string // the server's complaint, until the field is edited

	state      phase
	status     common.Status // one line under the fields
	candidates []model.Appointment

	spinner spinner.Model
	width   int
	height  int

	saved     model.Contact // what the last save held
	saveArmed bool

	look   lookup // returning customers, when c.Prefs.ReturningCustomers
	walkIn bool   // a customer at the desk

	// every and after schedule clock messages (every on the second, after
	// from now); tests swap them so nothing sleeps.
	every func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	after func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
}

// Option changes how the form is built.
type Option func(*Model)

// WalkIn is a form for a customer at the desk: it says why the email the
// API needs is asked for, as a walk-in may not expect it.
func WalkIn() Option { return func(m *Model) { m.walkIn = true } }

// New builds the form for a booking in progress.
func New(c common.Common, in *booking.Intent, opts ...Option) Model {
	d := in.Draft()
	m := Model{
		c:       c,
		keys:    DefaultKeyMap(c.Words),
		intent:  in,
		d:       d.Slot,
		svc:     d.Service,
		loc:     d.Location,
		hold:    d.Hold,
		spinner: spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(c.Styles.Accent)),
		width:   80,
		height:  24,
		every: func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
			return common.Every(c.Ctx, d, fn)
		},
		after: func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
			return common.Tick(c.Ctx, d, fn)
		},
		look: lookup{field: -1, pending: -1},
	}
	for _, opt := range opts {
		opt(&m)
	}
	m.total = m.hold.Length()
	values := [numFields]string{d.Contact.Name, d.Contact.Email, d.Contact.Phone, d.Contact.Notes}
	placeholders := [numFields]string{c.T(i18n.FormPhName), c.T(i18n.FormPhEmail), c.T(i18n.FormPhPhone), c.T(i18n.FormPhNotes)}
	if m.walkIn {
		placeholders[fieldEmail] = c.T(i18n.FormPhWalkInEmail)
	}
	limits := [numFields]int{model.MaxNameRunes, model.MaxEmailBytes, 40, model.MaxNotesRunes}
	for i := range m.inputs {
		ti := textinput.New()
		ti.Prompt = ""
		ti.Placeholder = placeholders[i]
		ti.CharLimit = limits[i]
		ti.PromptStyle = c.Styles.Accent
		ti.TextStyle = c.Styles.Text
		ti.PlaceholderStyle = c.Styles.Faint
		ti.CompletionStyle = c.Styles.Faint
		ti.Cursor.Style = c.Styles.Cursor
		ti.Cursor.TextStyle = c.Styles.Text
		// A static cursor: no blink ticks to route or to make goldens flaky.
		ti.Cursor.SetMode(cursor.CursorStatic)
		ti.SetValue(model.Sanitize(values[i]))
		m.inputs[i] = ti
		// Prefilled values were typed before: judge them at once.
		m.touched[i] = values[i] != ""
	}
	m.focus = m.firstToFill()
	switch {
	case in.Unresolved():
		// A confirm went out and its answer was lost (a crash, a quit):
		// it may have booked. Only resending it with the same key and
		// contact can tell, even if the hold has run out since; a re-hold
		// now could book twice.
		m.state = retrying
		m.status = common.Status{Kind: common.Failure, Text: c.T(i18n.FormUnresolved)}
	case m.hold.Expired(c.Now()):
		m.state = expired
	default:
		m.inputs[m.focus].Focus()
	}
	m.saved = m.Contact()
	m.SetSize(m.width, m.height)
	if m.lookups() && m.state == editing && m.search(fieldEmail).Searchable() {
		// Details typed before (a resume, a hold given up): is this
		// someone booked already that day?
		m.look.pending = fieldEmail
	}
	return m
}

// firstToFill is the first field with a problem, or name.
func (m Model) firstToFill() int {
	v, _ := model.AsValidation(m.Contact().Validate())
	for i, f := range fieldNames {
		if v.For(f) != "" {
			return i
		}
	}
	return fieldName
}

// Init starts the countdown and writes the draft, so even a prefilled
// form nobody typed in yet survives a crash.
func (m Model) Init() tea.Cmd {
	var tick, look tea.Cmd
	if m.counting() {
		tick = m.tick()
	}
	if m.look.pending >= 0 {
		look = common.Msg(lookupTickMsg{m.look.gen})
	}
	return tea.Batch(tick, m.saveCmd(), look)
}

// SetSize is the room the form may use; inputs keep their text.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	w := max(10, min(60, width-m.labelWidth()-4))
	for i := range m.inputs {
		m.inputs[i].Width = w
	}
}

// Heading names the booking's service and location in the header.
func (m Model) Heading() common.Heading { return common.Heading{Location: m.loc, Service: m.svc} }

// Hold is the active, unexpired hold, for the header's countdown.
func (m Model) Hold() (model.Hold, bool) {
	switch m.state {
	case expired, reholding, slotGone, unverified, booked, alreadyBooked, releasing:
		return model.Hold{}, false
	}
	if m.hold.ID == "" || m.hold.Expired(m.c.Now()) {
		return model.Hold{}, false
	}
	return m.hold, true
}

// Focused reports that the form wants every key: a field has focus or a
// prompt (review, y/n, retry) is open, so the root must not treat "q" or
// "esc" as its own shortcuts. After expiry the root's keys work again.
func (m Model) Focused() bool {
	switch m.state {
	case editing, reviewing, confirming, retrying, asking, releasing:
		return true
	}
	return false
}

// Contact is what was typed, for the next form if this hold is given up.
func (m Model) Contact() model.Contact {
	return model.Contact{
		Name:  m.inputs[fieldName].Value(),
		Email: m.inputs[fieldEmail].Value(),
		Phone: m.inputs[fieldPhone].Value(),
		Notes: m.inputs[fieldNotes].Value(),
	}
}

func (m Model) remaining() time.Duration { return m.hold.Remaining(m.c.Now()) }

func (m Model) logger() *slog.Logger {
	if m.c.Logger != nil {
		return m.c.Logger
	}
	return slog.New(slog.DiscardHandler)
}

func (m Model) tick() tea.Cmd {
	gen := m.gen
	return m.every(time.Second, func(time.Time) tea.Msg { return tickMsg{gen: gen} })
}

// Update handles keys, the countdown and the results of the form's calls.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tickMsg:
		if msg.gen != m.gen || !m.counting() {
			return m, nil
		}
		if m.remaining() <= 0 {
			switch m.state {
			case editing, reviewing, asking:
				return m.expire(), nil
			}
			// While a confirm is in flight, or after one got no answer,
			// the server decides: it may have booked, and only a retry
			// with the same key can tell, so no re-hold is offered. The
			// clock keeps going for when an answer reopens the fields.
		}
		return m, m.tick()

	case spinner.TickMsg:
		if !m.busy() {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd

	case confirmedMsg:
		if m.state != confirming || msg.holdID != m.hold.ID {
			return m, nil
		}
		return m.confirmed(msg.out)

	case reheldMsg:
		if m.state != reholding {
			return m, nil
		}
		return m.reheld(msg)

	case saveTickMsg:
		m.saveArmed = false
		if m.state != editing {
			return m, nil
		}
		return m.saveIfChanged()

	case savedMsg:
		if msg.err != nil {
			m.logger().Warn("saving the booking draft", "err", msg.err)
		}
		return m, nil

	case lookupTickMsg:
		if msg.gen != m.look.gen || m.state != editing || m.look.pending < 0 {
			return m, nil
		}
		return m.lookupNow(m.look.pending)

	case customersMsg:
		return m.lookupDone(msg)

	case tea.KeyMsg:
		return m.handleKey(msg)
	}
	return m, nil
}

// counting is true in the states that follow the hold's countdown.
func (m Model) counting() bool {
	switch m.state {
	case editing, reviewing, asking, confirming, retrying, releasing:
		return true
	}
	return false
}

func (m Model) busy() bool {
	return m.state == confirming || m.state == releasing || m.state == reholding
}

func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	switch m.state {
	case editing:
		return m.editKey(msg)

	case reviewing:
		switch {
		case key.Matches(msg, k.Confirm):
			return m.startConfirm()
		case key.Matches(msg, k.Edit):
			return m.edit()
		}

	case retrying:
		switch {
		case key.Matches(msg, k.Retry):
			return m.startConfirm()
		case key.Matches(msg, k.Edit):
			// The contact is frozen: a changed one would need a new key,
			// and a new key cannot find out what the old one did.
			m.status = common.Status{Kind: common.Failure, Text: m.c.T(i18n.FormCantEdit)}
		}

	case asking:
		switch {
		case key.Matches(msg, k.Yes):
			m.state = releasing
			m.status = common.Status{Text: m.c.T(i18n.RootReleasing)}
			return m, tea.Batch(m.spinner.Tick, m.leave())
		case key.Matches(msg, k.No):
			return m.edit()
		}

	case expired, unverified:
		switch {
		case key.Matches(msg, k.Rehold):
			m.state = reholding
			m.status = common.Status{Text: m.c.T(i18n.FormHoldingAgain, m.slotTime())}
			return m, tea.Batch(m.spinner.Tick, m.reholdCmd())
		case key.Matches(msg, k.Pick):
			return m, m.leave()
		}

	case slotGone, alreadyBooked:
		if key.Matches(msg, k.Pick) {
			return m, m.leave()
		}
	}
	if m.state == unverified || m.state == alreadyBooked {
		if key.Matches(msg, m.c.Keys.Appointments) {
			return m, common.Msg(common.OpenAppointmentsMsg{})
		}
	}
	return m, nil
}

// leave gives the booking up (its hold back, unless spent or gone; its
// draft dropped) and goes back to the slots.
func (m Model) leave() tea.Cmd {
	c, in, log := m.c, m.intent, m.logger()
	return func() tea.Msg {
		if err := in.Abandon(c.Ctx); err != nil {
			log.Info("giving the hold back", "err", err)
		}
		return common.BackMsg{}
	}
}

func (m Model) editKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	if m, cmd, ok := m.lookupKey(msg); ok {
		return m, cmd
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Submit),
		msg.String() == "enter" && m.focus == numFields-1:
		return m.submit()
	case key.Matches(msg, k.Next):
		return m.moveFocus(m.focus + 1)
	case key.Matches(msg, k.Prev):
		return m.moveFocus(m.focus - 1)
	case key.Matches(msg, k.Release):
		m.state = asking
		m.blurAll()
		m.status = common.Status{Text: m.c.T(i18n.FormReleaseQuestion, m.slotTime())}
		return m, nil
	}
	before := m.inputs[m.focus].Value()
	var cmd tea.Cmd
	m.inputs[m.focus], cmd = m.inputs[m.focus].Update(msg)
	if m.inputs[m.focus].Value() == before {
		return m, cmd
	}
	m.server[m.focus] = ""
	m.status = common.Status{}
	m.intent.Record(m.Contact())
	if !m.saveArmed {
		m.saveArmed = true
		cmd = tea.Batch(cmd, m.every(time.Second, func(time.Time) tea.Msg { return saveTickMsg{} }))
	}
	if m.lookups() && searchable(m.focus) {
		var look tea.Cmd
		m, look = m.lookupLater(m.focus)
		cmd = tea.Batch(cmd, look)
	}
	return m, cmd
}

// moveFocus leaves the current field (its error may now show) and enters
// field i; the draft is saved on the way if anything changed.
func (m Model) moveFocus(i int) (Model, tea.Cmd) {
	if i < 0 || i >= numFields {
		i = (i + numFields) % numFields
	}
	m.touched[m.focus] = true
	m.inputs[m.focus].Blur()
	m.focus = i
	m.inputs[i].Focus()
	m.inputs[i].CursorEnd()
	return m.saveIfChanged()
}

func (m *Model) blurAll() {
	for i := range m.inputs {
		m.inputs[i].Blur()
	}
}

// edit returns to the fields, or to the expiry screen if the hold ran out
// meanwhile (say during a confirm).
func (m Model) edit() (Model, tea.Cmd) {
	if m.hold.Expired(m.c.Now()) {
		return m.expire(), nil
	}
	m.state = editing
	m.status = common.Status{}
	m.inputs[m.focus].Focus()
	return m, nil
}

// submit validates everything and, if it passes, shows the review line.
func (m Model) submit() (Model, tea.Cmd) {
	for i := range m.touched {
		m.touched[i] = true
	}
	if v, bad := model.AsValidation(m.Contact().Validate()); bad {
		for i, f := range fieldNames {
			if v.For(f) != "" {
				m.inputs[m.focus].Blur()
				m.focus = i
				m.inputs[i].Focus()
				break
			}
		}
		m.status = common.Status{Kind: common.Failure, Text: m.c.T(i18n.FormFieldsNeedFixing, len(v))}
		return m, nil
	}
	for _, s := range m.server {
		if s != "" {
			m.status = common.Status{Kind: common.Failure, Text: m.c.T(i18n.FormFixRejected)}
			return m, nil
		}
	}
	c := m.Contact().Normalized()
	m.state = reviewing
	m.blurAll()
	m.status = common.Status{Text: m.c.T(i18n.FormReview, model.Sanitize(c.Name), model.Sanitize(c.Email),
		m.slotDate()+" "+m.slotTimeZone())}
	return m, nil
}

// startConfirm books through the intent, which makes the key on the
// first attempt and keeps it, with the contact, until the server answers.
func (m Model) startConfirm() (Model, tea.Cmd) {
	m.state = confirming
	m.blurAll()
	m.status = common.Status{Text: m.c.T(i18n.FormBooking, m.slotTime())}
	m.saved = m.Contact()
	c, in, contact, holdID := m.c, m.intent, m.Contact(), m.hold.ID
	confirm := func() tea.Msg {
		return confirmedMsg{holdID: holdID, out: in.Confirm(c.Ctx, contact)}
	}
	return m, tea.Batch(m.spinner.Tick, confirm)
}

func (m Model) confirmed(out booking.Outcome) (Model, tea.Cmd) {
	if out.Result != booking.Booked && m.c.Ctx.Err() != nil {
		return m, nil // the session is ending
	}
	if out.Err != nil {
		m.logger().Info("confirm", "hold", m.hold.ID, "result", out.Result, "err", out.Err)
	}
	if out.JournalErr != nil {
		m.logger().Warn("recording the booking in the desk history", "err", out.JournalErr)
	}
	failed := func(text string) common.Status { return common.Status{Kind: common.Failure, Text: text} }
	switch out.Result {
	case booking.Booked:
		if out.Unread {
			// Zimun accepted it, so it is booked; only the details are lost.
			m.state = alreadyBooked
			m.status = common.Status{Text: m.c.T(i18n.FormBookedUnread)}
			return m, nil
		}
		m.state = booked
		m.status = common.Status{Text: m.c.T(i18n.FormBooked)}
		return m, common.Msg(common.BookedMsg{Appointment: out.Appointment})
	case booking.Unknown:
		m.state = retrying
		m.status = failed(m.c.T(i18n.FormNoAnswer))
		return m, nil
	case booking.TakenByOther:
		m.state = alreadyBooked
		m.status = failed(m.c.T(i18n.FormTakenByOther))
		return m, nil
	case booking.Unverified:
		m.state, m.candidates = unverified, out.Candidates
		m.blurAll()
		return m, nil
	case booking.Expired:
		return m.expire(), nil
	case booking.Refused:
		m, _ = m.edit()
		text := m.errText(out.Err)
		f := fieldIndex(out.Field)
		if f < 0 {
			m.status = failed("✕ " + text)
			return m, nil
		}
		m.server[f] = text
		m.touched[f] = true
		m.status = failed(m.c.T(i18n.FormRejectedField, strings.ToLower(m.c.Words.FieldName(fieldNames[f]))))
		if m.state == editing {
			m.inputs[m.focus].Blur()
			m.focus = f
			m.inputs[f].Focus()
		}
		return m, nil
	}
	m, _ = m.edit()
	m.status = failed(m.c.T(i18n.FormCouldNotBook, m.errText(out.Err)))
	return m, nil
}

func fieldIndex(name string) int {
	for i, f := range fieldNames {
		if f == name {
			return i
		}
	}
	return -1
}

// errText is the server's own words when it gave some, as sent.
func (m Model) errText(err error) string {
	if e := (*api.Error)(nil); errors.As(err, &e) && e.Message != "" {
		return model.Sanitize(e.Message)
	}
	return common.ErrorText(m.c.Words, err)
}

// expire keeps what was typed and offers a re-hold.
func (m Model) expire() Model {
	m.state = expired
	m.blurAll()
	m.status = common.Status{}
	return m
}

func (m Model) reholdCmd() tea.Cmd {
	c, in := m.c, m.intent
	return func() tea.Msg {
		h, err := in.Rehold(c.Ctx)
		return reheldMsg{hold: h, err: err}
	}
}

func (m Model) reheld(msg reheldMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		if m.c.Ctx.Err() != nil {
			return m, nil
		}
		m.logger().Info("re-hold failed", "err", msg.err)
		if api.IsSlotTaken(msg.err) {
			m.state = slotGone
			m.status = common.Status{}
			return m, nil
		}
		m.state = expired
		m.status = common.Status{Kind: common.Failure, Text: m.c.T(i18n.FormCouldNotRehold, m.slotTime(), m.errText(msg.err))}
		return m, nil
	}
	m.hold = msg.hold
	m.total = m.hold.Length()
	m.gen++ // any tick still queued belongs to the old hold
	m.state = editing
	m.candidates = nil
	m.status = common.Status{Text: m.c.T(i18n.FormHeldAgain, m.slotTime())}
	m.inputs[m.focus].Focus()
	return m, m.tick()
}

func (m Model) saveIfChanged() (Model, tea.Cmd) {
	if m.Contact() == m.saved {
		return m, nil
	}
	m.saved = m.Contact()
	m.intent.Record(m.saved)
	return m, m.saveCmd()
}

// saveCmd writes the draft as the intent has it when the Cmd runs: the
// latest, whatever order concurrent saves run in.
func (m Model) saveCmd() tea.Cmd {
	in := m.intent
	return func() tea.Msg { return savedMsg{err: in.Save()} }
}

// OwnsBack tells the root that esc is handled here: this screen says
// when it means back (common.BackMsg).
func (Model) OwnsBack() {}
