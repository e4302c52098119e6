// Package form is the contact form shown while a slot is held: it runs the
// hold's countdown, validates the contact inline, confirms the booking with
// an idempotency key that survives retries, and recovers from an expired
// hold without losing what was typed.
package form

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/draft"
)

// Timeouts for the form's calls; the api client retries within them.
const (
	confirmTimeout = 45 * time.Second
	holdTimeout    = 30 * time.Second
)

// Input is what the form is opened with.
type Input struct {
	Service  model.Service
	Location model.Location
	Slot     model.Slot
	Hold     model.Hold
	// Contact prefills the fields (a resumed draft, an expired hold).
	Contact model.Contact
	// IdempotencyKey is the key of an earlier confirm on this hold whose
	// outcome is unknown (from a draft; Contact is what it was sent with);
	// "" means there is none. The form then starts by resending it.
	IdempotencyKey string
	// StateDir is where the draft is kept; "" disables drafts.
	StateDir string
}

// Fields, in tab order.
const (
	fieldName = iota
	fieldEmail
	fieldPhone
	fieldNotes
	numFields
)

var fieldNames = [numFields]string{model.FieldName, model.FieldEmail, model.FieldPhone, model.FieldNotes}

type state int

const (
	editing    state = iota
	reviewing        // the one-line "Book …? enter confirm · esc edit"
	confirming       // confirm call in flight
	retrying         // confirm got no answer; enter resends it, fields are frozen
	asking           // "Release the hold on 10:30? y/n"
	releasing        // release call in flight, then BackMsg
	expired          // hold lapsed; r re-holds, s picks another slot
	reholding        // hold call in flight
	slotGone         // re-hold found the slot taken
	booked
	alreadyBooked // the server says this hold is already an appointment
)

// Messages the form sends itself.
type (
	tickMsg      struct{ gen int }
	saveTickMsg  struct{}
	confirmedMsg struct {
		holdID string
		appt   model.Appointment
		err    error
	}
	reheldMsg struct {
		hold model.Hold
		err  error
	}
	draftSavedMsg struct{ err error }
)

// Model is the contact form. Use New.
type Model struct {
	c    common.Common
	keys KeyMap
	in   Input

	hold  model.Hold
	total time.Duration // countdown length, for the bar
	gen   int           // tick generation; a new hold starts a new one

	inputs  [numFields]textinput.Model
	focus   int
	touched [numFields]bool   // left once, or submit tried: show its error
	server  [numFields]string // the server's complaint, until the field is edited

	state     state
	status    string // one line under the fields
	statusBad bool

	key        string        // confirm idempotency key; reused on retry
	keyContact model.Contact // the contact the key was used with

	spinner spinner.Model
	width   int
	height  int

	drafts    *drafts  // shared by the copies of this form
	saved     snapshot // what the last draft save held
	saveArmed bool

	// every schedules a clock message; tests swap it so nothing sleeps.
	every func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
}

// New builds the form for a placed hold.
func New(c common.Common, in Input) Model {
	m := Model{
		c:          c,
		keys:       DefaultKeyMap(),
		in:         in,
		hold:       in.Hold,
		key:        in.IdempotencyKey,
		keyContact: in.Contact.Normalized(),
		drafts:     &drafts{},
		spinner:    spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(c.Styles.Accent)),
		width:      80,
		height:     24,
		every:      tea.Every,
	}
	m.total = m.remaining()
	if m.total <= 0 {
		m.total = model.HoldTTL
	}
	values := [numFields]string{in.Contact.Name, in.Contact.Email, in.Contact.Phone, in.Contact.Notes}
	placeholders := [numFields]string{"full name", "like name@example.com", "optional, with country code, like +1 212 555 0100", "optional"}
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
	case m.key != "":
		// A confirm went out and its answer was lost (a crash, a quit):
		// it may have booked. Only resending it with the same key and
		// contact can tell, even if the hold has run out since; a re-hold
		// now could book twice.
		m.state = retrying
		m.status, m.statusBad = "✕ The last booking attempt got no answer, so it may have gone through — press enter to check (safe: it can't book twice)", true
	case m.hold.Expired(c.Now()):
		m.state = expired
	default:
		m.inputs[m.focus].Focus()
	}
	m.saved = m.snapshot() // Init writes it
	m.SetSize(m.width, m.height)
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
	var tick tea.Cmd
	if m.counting() {
		tick = m.tick()
	}
	return tea.Batch(tick, m.saveCmd())
}

// SetSize is the room the form may use; inputs keep their text.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	w := max(10, min(60, width-labelWidth-4))
	for i := range m.inputs {
		m.inputs[i].Width = w
	}
}

// Hold is the active, unexpired hold, for the header's countdown.
func (m Model) Hold() (model.Hold, bool) {
	switch m.state {
	case expired, reholding, slotGone, booked, alreadyBooked, releasing:
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

// Unresolved reports a confirm whose outcome is unknown: in flight, or
// sent without an answer. The hold may already be an appointment, so
// quitting now must keep the draft (its key resends the same request on
// the next start) and must not release the hold; Release does neither.
func (m Model) Unresolved() bool {
	return m.state == confirming || m.state == retrying
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
		return m.confirmed(msg)

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

	case draftSavedMsg:
		if msg.err != nil {
			m.logger().Warn("saving the booking draft", "err", msg.err)
		}
		return m, nil

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
			m.status, m.statusBad = "✕ Can't edit until we know whether it booked — enter retries", true
		}

	case asking:
		switch {
		case key.Matches(msg, k.Yes):
			m.state = releasing
			m.status = "Releasing the hold…"
			m.statusBad = false
			back := func() tea.Msg { return common.BackMsg{} }
			return m, tea.Batch(m.spinner.Tick, tea.Sequence(m.Release(), back))
		case key.Matches(msg, k.No):
			return m.edit()
		}

	case expired:
		switch {
		case key.Matches(msg, k.Rehold):
			m.state = reholding
			m.status = "Holding " + m.slotTime() + " again…"
			m.statusBad = false
			return m, tea.Batch(m.spinner.Tick, m.reholdCmd())
		case key.Matches(msg, k.Pick):
			return m, m.leave()
		}

	case slotGone, alreadyBooked:
		if key.Matches(msg, k.Pick) {
			return m, m.leave()
		}
	}
	return m, nil
}

// leave gives up this slot, whose hold is gone: the draft goes first.
func (m Model) leave() tea.Cmd {
	return tea.Sequence(m.clearCmd(), func() tea.Msg { return common.BackMsg{} })
}

func (m Model) editKey(msg tea.KeyMsg) (Model, tea.Cmd) {
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
		m.status = "Release the hold on " + m.slotTime() + "? y/n"
		m.statusBad = false
		return m, nil
	}
	before := m.inputs[m.focus].Value()
	var cmd tea.Cmd
	m.inputs[m.focus], cmd = m.inputs[m.focus].Update(msg)
	if m.inputs[m.focus].Value() == before {
		return m, cmd
	}
	m.server[m.focus] = ""
	m.status, m.statusBad = "", false
	if !m.saveArmed && m.in.StateDir != "" {
		m.saveArmed = true
		cmd = tea.Batch(cmd, m.every(time.Second, func(time.Time) tea.Msg { return saveTickMsg{} }))
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
	m.status, m.statusBad = "", false
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
		m.status = "✕ " + common.Plural(len(v), "field needs", "fields need") + " fixing before booking"
		m.statusBad = true
		return m, nil
	}
	for _, s := range m.server {
		if s != "" {
			m.status, m.statusBad = "✕ fix the field the server rejected", true
			return m, nil
		}
	}
	c := m.Contact().Normalized()
	m.state = reviewing
	m.blurAll()
	m.status = "Book " + model.Sanitize(c.Name) + " <" + model.Sanitize(c.Email) + "> for " +
		m.slotDate() + " " + m.slotTimeZone() + "? enter confirm · esc edit"
	m.statusBad = false
	return m, nil
}

// startConfirm sends the confirm. The key is made on the first attempt
// and, with the contact it carries, kept until the server answers, so a
// retry resends the same request and can never book twice. A definite
// answer drops the key. The draft is written first so a crash mid-call
// resumes with that key and contact.
func (m Model) startConfirm() (Model, tea.Cmd) {
	if m.key == "" {
		m.key, m.keyContact = api.NewIdempotencyKey(), m.Contact().Normalized()
	}
	m.state = confirming
	m.blurAll()
	m.status = "Booking " + m.slotTime() + "…"
	m.statusBad = false
	m, save := m.save()
	return m, tea.Batch(m.spinner.Tick, tea.Sequence(save, m.confirmCmd()))
}

func (m Model) confirmCmd() tea.Cmd {
	cc, req := m.c, api.ConfirmRequest{HoldID: m.hold.ID, Contact: m.keyContact, IdempotencyKey: m.key}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(cc.Ctx, confirmTimeout)
		defer cancel()
		appt, err := cc.Client.Confirm(ctx, req)
		return confirmedMsg{holdID: req.HoldID, appt: appt, err: err}
	}
}

func (m Model) confirmed(msg confirmedMsg) (Model, tea.Cmd) {
	err := msg.err
	if err == nil {
		m.state = booked
		m.status, m.statusBad = "✓ Booked", false
		appt := msg.appt
		return m, tea.Batch(m.clearCmd(), func() tea.Msg { return common.BookedMsg{Appointment: appt} })
	}
	if m.c.Ctx.Err() != nil {
		return m, nil // the session is ending
	}
	m.logger().Info("confirm failed", "hold", m.hold.ID, "err", err)
	switch {
	case api.IsUnreadableReply(err):
		// Zimun accepted it, so it is booked; only the details are lost.
		m.state, m.key = alreadyBooked, ""
		m.status, m.statusBad = "✓ Booked, but Zimun's reply was unreadable — find it under Appointments (a)", false
		return m, m.clearCmd()
	case retryable(err):
		m.state = retrying
		m.status = "✕ Couldn't reach Zimun — press enter to retry (safe: it can't book twice)"
		m.statusBad = true
		return m, nil
	case hasCode(err, codeAlreadyConfirmed):
		// The form cannot look an appointment up by its hold, so it says
		// where to find it. The hold is spent: no re-hold, no release.
		m.state, m.key = alreadyBooked, ""
		m.status, m.statusBad = "✓ This hold was already booked (probably by your earlier attempt) — find it under Appointments (a)", false
		return m, m.clearCmd()
	case hasCode(err, codeKeyReused):
		// The key went out before with another body (a draft from an
		// older version): what it did is unknown. A fresh key on the
		// same hold is still safe, as a hold takes one appointment: the
		// server books it now or answers that it already was.
		m.key = api.NewIdempotencyKey()
		m, save := m.save()
		return m, tea.Sequence(save, m.confirmCmd())
	}
	// Any other answer is definite: nothing was booked with this key.
	m.key = ""
	switch {
	case api.IsHoldExpired(err), api.IsNotFound(err):
		m = m.expire()
	case api.IsInvalid(err):
		m, _ = m.edit()
		msgText := errText(err)
		f, ok := fieldOf(msgText)
		switch {
		case ok:
			m.server[f] = msgText
			m.touched[f] = true
			m.status, m.statusBad = "✕ Zimun rejected the "+fieldNames[f], true
			if m.state == editing {
				m.inputs[m.focus].Blur()
				m.focus = f
				m.inputs[f].Focus()
			}
		default:
			m.status, m.statusBad = "✕ "+msgText, true
		}
	default:
		m, _ = m.edit()
		m.status, m.statusBad = "✕ Couldn't book: "+errText(err), true
	}
	return m.saveIfChanged()
}

// Error codes the form tells apart from their status.
const (
	codeAlreadyConfirmed = "hold_already_confirmed"
	codeKeyReused        = "idempotency_key_reused"
)

func hasCode(err error, code string) bool {
	var e *api.Error
	return errors.As(err, &e) && e.Code == code
}

// retryable errors may or may not have reached the server; only a retry
// with the same key finds out safely.
func retryable(err error) bool {
	if api.IsNetwork(err) || api.IsRateLimited(err) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var e *api.Error
	return errors.As(err, &e) && e.Status >= 500
}

func errText(err error) string {
	var e *api.Error
	if errors.As(err, &e) && e.Message != "" {
		return model.Sanitize(e.Message)
	}
	return model.Sanitize(err.Error())
}

// fieldOf finds the field a server message names ("contact_email …").
func fieldOf(msg string) (int, bool) {
	lower := strings.ToLower(msg)
	for i, f := range fieldNames {
		if strings.Contains(lower, "contact_"+f) || strings.HasPrefix(lower, f) {
			return i, true
		}
	}
	return 0, false
}

// expire keeps what was typed and offers a re-hold.
func (m Model) expire() Model {
	m.state = expired
	m.blurAll()
	m.status, m.statusBad = "", true
	return m
}

func (m Model) reholdCmd() tea.Cmd {
	c := m.c
	req := api.HoldRequest{
		ServiceID:       m.in.Service.ID,
		LocationID:      m.in.Location.ID,
		Time:            m.in.Slot.Start,
		DurationMinutes: m.in.Service.DurationMinutes,
		IdempotencyKey:  api.NewIdempotencyKey(),
	}
	if m.hold.DurationMinutes > 0 {
		req.DurationMinutes = m.hold.DurationMinutes
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(c.Ctx, holdTimeout)
		defer cancel()
		h, err := c.Client.Hold(ctx, req)
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
			m.status, m.statusBad = "", true
			return m, nil
		}
		m.state = expired
		m.status, m.statusBad = "✕ Couldn't hold "+m.slotTime()+" again: "+errText(msg.err), true
		return m, nil
	}
	m.hold = msg.hold
	m.total = max(m.remaining(), time.Second)
	m.gen++ // any tick still queued belongs to the old hold
	m.state = editing
	m.status, m.statusBad = "✓ Holding "+m.slotTime()+" again", false
	m.inputs[m.focus].Focus()
	m, save := m.save()
	return m, tea.Batch(m.tick(), save)
}

// Release gives the hold back and drops the draft. Errors are only logged:
// the hold expires by itself anyway. While Unresolved it does neither (the
// hold may be an appointment by now) and only reports HoldReleasedMsg, so
// a caller waiting for that goes on.
func (m Model) Release() tea.Cmd {
	if m.Unresolved() {
		return func() tea.Msg { return common.HoldReleasedMsg{} }
	}
	c, dir, hold, w := m.c, m.in.StateDir, m.hold, m.drafts
	live := m.state != booked && m.state != alreadyBooked && hold.ID != "" && !hold.Expired(c.Now())
	log := m.logger()
	seq := w.take()
	return func() tea.Msg {
		if dir != "" {
			if err := w.do(seq, func() error { return draft.Clear(dir) }); err != nil {
				log.Warn("clearing the booking draft", "err", err)
			}
		}
		if live {
			if err := common.ReleaseHold(c, hold.ID); err != nil {
				log.Info("releasing hold", "hold", hold.ID, "err", err)
			}
		}
		return common.HoldReleasedMsg{}
	}
}

// snapshot is what a draft save depends on, to skip saves that change
// nothing.
type snapshot struct {
	contact model.Contact
	key     string
	holdID  string
}

func (m Model) snapshot() snapshot {
	return snapshot{contact: m.Contact(), key: m.key, holdID: m.hold.ID}
}

func (m Model) saveIfChanged() (Model, tea.Cmd) {
	if m.snapshot() == m.saved {
		return m, nil
	}
	return m.save()
}

// save writes the draft as it is now.
func (m Model) save() (Model, tea.Cmd) {
	if m.in.StateDir == "" {
		return m, nil
	}
	m.saved = m.snapshot()
	return m, m.saveCmd()
}

func (m Model) saveCmd() tea.Cmd {
	dir, w := m.in.StateDir, m.drafts
	if dir == "" {
		return nil
	}
	d := draft.Draft{
		Service: m.in.Service, Location: m.in.Location, Slot: m.in.Slot, Hold: m.hold,
		Contact: m.Contact(), SavedAt: m.c.Now(),
	}
	if m.key != "" {
		// The fields are frozen while a key is out, but the draft must
		// hold exactly what was sent for a resume to resend it.
		d.IdempotencyKey, d.Contact, d.KeyContact = m.key, m.keyContact, m.keyContact
	}
	seq := w.take()
	return func() tea.Msg { return draftSavedMsg{err: w.do(seq, func() error { return draft.Save(dir, d) })} }
}

func (m Model) clearCmd() tea.Cmd {
	dir, w := m.in.StateDir, m.drafts
	if dir == "" {
		return nil
	}
	seq := w.take()
	return func() tea.Msg { return draftSavedMsg{err: w.do(seq, func() error { return draft.Clear(dir) })} }
}

// drafts orders the form's draft writes. They run as concurrent Cmds, so
// each takes a number where it is made (in Update) and is skipped if a
// later one already ran: an old save can never overwrite a newer one or
// bring back a cleared draft.
type drafts struct {
	next atomic.Uint64
	mu   sync.Mutex
	done uint64 // the newest write run
}

func (w *drafts) take() uint64 { return w.next.Add(1) }

func (w *drafts) do(seq uint64, write func() error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if seq < w.done {
		return nil
	}
	w.done = seq
	return write()
}
