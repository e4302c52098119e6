package form

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/countdown"
)

// fill types a valid contact; email makes each test's booking findable.
func fill(t *testing.T, m Model, email string) Model {
	t.Helper()
	m = typeText(t, m, "Dana Lee")
	m, _ = press(t, m, "tab")
	m = typeText(t, m, email)
	m, _ = press(t, m, "tab")
	return m
}

// appointmentsFor lists the live appointments booked for email.
func appointmentsFor(t *testing.T, e *env, email string) []model.Appointment {
	t.Helper()
	page, err := e.client.Appointments(e.c.Ctx, api.AppointmentFilter{Query: email, PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	var out []model.Appointment
	for _, a := range page.Items {
		if a.Contact.Email == email && !a.Cancelled() {
			out = append(out, a)
		}
	}
	return out
}

func TestSandboxConfirm(t *testing.T) {
	e := newEnv(t, 0)
	m, slot := e.form(t)
	m = fill(t, m, "dana@example.com")

	// Leaving a changed field wrote the draft.
	d, ok := e.draft(m)
	if !ok || d.Contact.Email != "dana@example.com" || d.Hold.ID != m.hold.ID {
		t.Fatalf("draft after typing = %+v, %v", d, ok)
	}

	m, _ = press(t, m, "ctrl+s")
	m, out := press(t, m, "enter")
	booked, ok := find[common.BookedMsg](out)
	if !ok {
		t.Fatalf("no BookedMsg; got %v\n%s", out, view(m))
	}
	if a := booked.Appointment; a.ID == "" || !a.Time.Equal(slot.Start) || a.Contact.Email != "dana@example.com" {
		t.Errorf("booked %+v", a)
	}
	var sent bool
	for _, mail := range e.sb.Outbox() {
		sent = sent || (mail.Kind == "confirmation" && mail.To == "dana@example.com" && mail.AppointmentID == booked.Appointment.ID)
	}
	if !sent {
		t.Errorf("no confirmation email in %+v", e.sb.Outbox())
	}
	if _, ok := e.draft(m); ok {
		t.Error("draft still kept after booking")
	}
	if _, ok := m.Hold(); ok {
		t.Error("Hold() still active after booking")
	}
}

func TestSandboxExpiryAndRehold(t *testing.T) {
	e := newEnv(t, 0)
	m, slot := e.form(t)
	m = fill(t, m, "expiry@example.com")
	firstHold, firstGen := m.hold.ID, m.gen

	e.clock.Advance(model.HoldTTL + time.Second)
	m, _ = run(t, m, func() tea.Msg { return tickMsg{gen: m.gen} })
	if m.state != expired {
		t.Fatalf("state = %d, want expired\n%s", m.state, view(m))
	}
	if got := m.Contact(); got.Name != "Dana Lee" || got.Email != "expiry@example.com" {
		t.Fatalf("fields lost on expiry: %+v", got)
	}

	m, out := press(t, m, "r")
	if m.state != editing {
		t.Fatalf("after r: state = %d\n%s", m.state, view(m))
	}
	if m.hold.ID == firstHold || !m.hold.Time.Equal(slot.Start) {
		t.Errorf("re-hold = %+v, want a new hold on %v", m.hold, slot.Start)
	}
	if m.gen == firstGen {
		t.Error("tick generation not bumped for the new hold")
	}
	if s, ok := find[scheduled](out); !ok || s.msg != (tickMsg{gen: m.gen}) {
		t.Errorf("re-hold did not restart the countdown: %v", out)
	}
	if got := countdown.Clock(m.remaining()); got != "10:00" {
		t.Errorf("new countdown = %s, want 10:00", got)
	}
	if h, ok := m.Hold(); !ok || h.ID != m.hold.ID {
		t.Error("Hold() does not report the new hold")
	}
	// The old generation's tick is now stale.
	if _, cmd := m.Update(tickMsg{gen: firstGen}); cmd != nil {
		t.Error("a tick of the old hold was honoured")
	}
	if got := m.Contact(); got.Name != "Dana Lee" || got.Email != "expiry@example.com" {
		t.Fatalf("fields lost on re-hold: %+v", got)
	}

	m, _ = press(t, m, "ctrl+s")
	m, out = press(t, m, "enter")
	if _, ok := find[common.BookedMsg](out); !ok {
		t.Fatalf("confirm after re-hold: %v\n%s", out, view(m))
	}
	if n := len(appointmentsFor(t, e, "expiry@example.com")); n != 1 {
		t.Errorf("%d appointments, want 1", n)
	}
}

func TestSandboxReholdSlotTaken(t *testing.T) {
	e := newEnv(t, 0)
	m, slot := e.form(t)
	m = fill(t, m, "late@example.com")
	e.clock.Advance(model.HoldTTL + time.Second)
	m, _ = m.Update(tickMsg{gen: m.gen})

	// Someone else takes every seat while this hold is expired.
	for e.capacity(t, slot) > 0 {
		if _, err := e.client.Hold(e.c.Ctx, api.HoldRequest{ServiceID: e.svc.ID, LocationID: e.loc.ID,
			Time: slot.Start, DurationMinutes: e.svc.DurationMinutes}); err != nil {
			t.Fatal(err)
		}
	}
	m, _ = press(t, m, "r")
	if m.state != slotGone || !strings.Contains(view(m), "was taken by someone else — s pick another slot") {
		t.Fatalf("state %d\n%s", m.state, view(m))
	}
	_, out := press(t, m, "s")
	if _, ok := find[common.BackMsg](out); !ok {
		t.Errorf("s emitted %v", out)
	}
}

func TestSandboxConfirmNetworkFailure(t *testing.T) {
	// net/http itself resends a request carrying an Idempotency-Key once
	// when a reused connection dies, so surfacing the error to the form
	// takes two dropped replies and a client that makes one attempt.
	for _, tt := range []struct {
		name       string
		maxRetries int
		drops      int
	}{{"form retries", 1, 2}, {"client retries", 0, 1}} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.maxRetries)
			email := "flaky@example.com"
			m, _ := e.form(t)
			m = fill(t, m, email)
			e.sb.InjectFault(sandbox.Fault{Method: "POST", Path: "/api/v1/appointments/confirm", DropAfterProcessing: true, Times: tt.drops})

			m, _ = press(t, m, "ctrl+s")
			m, out := press(t, m, "enter")
			if _, ok := find[common.BookedMsg](out); !ok {
				if m.state != retrying {
					t.Fatalf("state = %d, want retrying\n%s", m.state, view(m))
				}
				if want := "Couldn't reach Zimun — press enter to retry (safe: it can't book twice)"; !strings.Contains(view(m), want) {
					t.Errorf("want %q in:\n%s", want, view(m))
				}
				if _, ok := m.Hold(); !ok {
					t.Error("hold not reported while retrying")
				}
				// The hold runs out locally while the answer is unknown:
				// the form keeps offering the safe retry, and the server
				// replays the booking it made.
				e.clock.Advance(model.HoldTTL + time.Second)
				m, _ = m.Update(tickMsg{gen: m.gen})
				if m.state != retrying {
					t.Fatalf("local expiry while retrying: state = %d", m.state)
				}
				key := m.intent.Draft().IdempotencyKey
				m, out = press(t, m, "enter")
				if key == "" || m.intent.Draft().IdempotencyKey != key {
					t.Error("retry used a new idempotency key")
				}
				if _, ok := find[common.BookedMsg](out); !ok {
					t.Fatalf("retry did not book: %v\n%s", out, view(m))
				}
			} else if tt.maxRetries == 1 {
				t.Error("the dropped reply did not surface with MaxRetries 1")
			}
			if n := len(appointmentsFor(t, e, email)); n != 1 {
				t.Errorf("%d appointments for %s, want exactly 1", n, email)
			}
		})
	}
}

func TestSandboxServerExpiredFirst(t *testing.T) {
	e := newEnv(t, 0)
	m, _ := e.form(t)
	// A skew estimate off by five minutes: locally time is left, but the
	// server's hold has lapsed.
	m.hold.Deadline = m.hold.Deadline.Add(5 * time.Minute)
	m = fill(t, m, "skew@example.com")
	e.clock.Advance(model.HoldTTL + time.Second)
	if m.remaining() <= 0 {
		t.Fatal("the local countdown ran out; the test needs time left")
	}
	m, _ = press(t, m, "ctrl+s")
	m, out := press(t, m, "enter")
	if len(out) != 0 {
		t.Errorf("emitted %v", out)
	}
	if m.state != expired {
		t.Fatalf("state = %d, want expired\n%s", m.state, view(m))
	}
	if !strings.Contains(view(m), "Your hold expired") || m.Contact().Email != "skew@example.com" {
		t.Errorf("expired view lost the fields:\n%s", view(m))
	}
}

func TestSandboxRelease(t *testing.T) {
	e := newEnv(t, 0)
	slot := e.freeSlot(t)
	before := slot.CapacityLeft
	m, _ := e.form(t)
	if got := e.capacity(t, slot); got != before-1 {
		t.Fatalf("capacity while held = %d, want %d", got, before-1)
	}
	m = fill(t, m, "release@example.com")
	if _, ok := e.draft(m); !ok {
		t.Fatal("no draft")
	}

	// esc, y: released, then back (once the release is done).
	m, _ = press(t, m, "esc")
	m, out := press(t, m, "y")
	if len(out) != 1 {
		t.Fatalf("esc y emitted %v", out)
	}
	if _, ok := out[0].(common.BackMsg); !ok {
		t.Errorf("esc y emitted %T, want BackMsg", out[0])
	}
	if got := e.capacity(t, slot); got != before {
		t.Errorf("capacity after esc y = %d, want %d", got, before)
	}
	if _, ok := e.draft(m); ok {
		t.Error("draft kept after release")
	}
}

// resume opens a form on m's saved draft the way the root does after a
// crash: a new session on the same state.
func (e *env) resume(t *testing.T, m Model) Model {
	t.Helper()
	d, ok := e.draft(m)
	if !ok {
		t.Fatal("no draft to resume")
	}
	in, err := e.c.Office.NewSession().Resume(d)
	if err != nil {
		t.Fatal(err)
	}
	m = noSleep(New(e.c, in))
	m.SetSize(100, 30)
	m, _ = run(t, m, m.Init())
	return m
}

// confirmations counts the confirmation emails sent to email.
func confirmations(e *env, email string) int {
	n := 0
	for _, mail := range e.sb.Outbox() {
		if mail.Kind == "confirmation" && mail.To == email {
			n++
		}
	}
	return n
}

// unanswered sends the form's confirm and loses the reply: with fault,
// the server books first (drop) or never sees it (5xx).
func unanswered(t *testing.T, e *env, m Model, fault sandbox.Fault) Model {
	t.Helper()
	fault.Method, fault.Path = "POST", "/api/v1/appointments/confirm"
	e.sb.InjectFault(fault)
	m, _ = press(t, m, "ctrl+s")
	m, out := press(t, m, "enter")
	if m.state != retrying || len(out) != 0 {
		t.Fatalf("state = %d, out %v; want retrying\n%s", m.state, out, view(m))
	}
	return m
}

// The app died after the server booked but before the reply arrived, and
// the hold has run out since: resuming resends the same request, which the
// server answers with the booking it made.
func TestSandboxResumeAfterServerBooked(t *testing.T) {
	e := newEnv(t, 1)
	email := "resume-booked@example.com"
	m, slot := e.form(t)
	m = fill(t, m, email)
	// Two drops: net/http resends a keyed request once by itself.
	m = unanswered(t, e, m, sandbox.Fault{DropAfterProcessing: true, Times: 2})
	key := m.intent.Draft().IdempotencyKey
	if d, _ := e.draft(m); key == "" || d.IdempotencyKey != key || d.KeyContact.Email != email {
		t.Fatalf("draft = %+v, want key %q with the contact it was sent with", d, key)
	}

	e.clock.Advance(model.HoldTTL + time.Minute)
	m = e.resume(t, m)
	if m.state != retrying || m.intent.Draft().IdempotencyKey != key {
		t.Fatalf("resumed: state %d\n%s", m.state, view(m))
	}
	m, out := press(t, m, "enter")
	booked, ok := find[common.BookedMsg](out)
	if !ok {
		t.Fatalf("resend did not book: %v\n%s", out, view(m))
	}
	if !booked.Appointment.Time.Equal(slot.Start) || booked.Appointment.Contact.Email != email {
		t.Errorf("booked %+v", booked.Appointment)
	}
	if n := len(appointmentsFor(t, e, email)); n != 1 {
		t.Errorf("%d appointments, want 1", n)
	}
	if n := confirmations(e, email); n != 1 {
		t.Errorf("%d confirmation emails, want 1", n)
	}
	if _, ok := e.draft(m); ok {
		t.Error("draft kept after booking")
	}
}

// The lost attempt never reached the server and the hold has run out:
// the resend's 410 is what opens the re-hold, and the booking happens once.
func TestSandboxResumeExpiredNeverBooked(t *testing.T) {
	e := newEnv(t, 1)
	email := "resume-expired@example.com"
	m, _ := e.form(t)
	m = fill(t, m, email)
	m = unanswered(t, e, m, sandbox.Fault{Status: 503})

	e.clock.Advance(model.HoldTTL + time.Minute)
	m = e.resume(t, m)
	if m.state != retrying {
		t.Fatalf("resumed: state %d, want retrying", m.state)
	}
	m, _ = press(t, m, "enter")
	if m.state != expired || !strings.Contains(view(m), "Your hold expired — r re-hold") {
		t.Fatalf("after the 410: state %d\n%s", m.state, view(m))
	}
	if d, _ := e.draft(m); d.IdempotencyKey != "" {
		t.Errorf("draft still has the answered key: %+v", d)
	}
	m, _ = press(t, m, "r")
	if m.state != editing || m.Contact().Email != email {
		t.Fatalf("after r: state %d, contact %+v\n%s", m.state, m.Contact(), view(m))
	}
	m, _ = press(t, m, "ctrl+s")
	if _, out := press(t, m, "enter"); len(out) == 0 {
		t.Fatalf("confirm after re-hold emitted nothing\n%s", view(m))
	}
	if n := len(appointmentsFor(t, e, email)); n != 1 {
		t.Errorf("%d appointments, want 1", n)
	}
	if n := confirmations(e, email); n != 1 {
		t.Errorf("%d confirmation emails, want 1", n)
	}
}

// After a lost reply esc and typing change nothing: the retry resends the
// first request, so the booking carries the contact first sent.
func TestSandboxLostReplyFreezesContact(t *testing.T) {
	e := newEnv(t, 1)
	email := "frozen@example.com"
	m, _ := e.form(t)
	m = fill(t, m, email)
	m = unanswered(t, e, m, sandbox.Fault{DropAfterProcessing: true, Times: 2})
	key := m.intent.Draft().IdempotencyKey

	m, out := press(t, m, "esc", "tab", "x", "ctrl+s")
	if m.state != retrying || len(out) != 0 || m.Contact().Email != email {
		t.Fatalf("esc/typing in retrying: state %d, out %v, contact %+v", m.state, out, m.Contact())
	}
	m, out = press(t, m, "enter")
	if got := m.intent.Draft().IdempotencyKey; got != key {
		t.Errorf("retry with a new key %q", got)
	}
	booked, ok := find[common.BookedMsg](out)
	if !ok || booked.Appointment.Contact.Email != email || booked.Appointment.Contact.Name != "Dana Lee" {
		t.Fatalf("retry: %v\n%s", out, view(m))
	}
	if n := len(appointmentsFor(t, e, email)); n != 1 {
		t.Errorf("%d appointments, want 1", n)
	}
}

// A hold already confirmed for this contact (by an attempt whose reply was
// lost) is the booking: the form shows it as booked, once.
func TestSandboxHoldAlreadyConfirmed(t *testing.T) {
	e := newEnv(t, 0)
	email := "twice@example.com"
	m, _ := e.form(t)
	m = fill(t, m, email)
	if _, err := e.client.Confirm(e.c.Ctx, api.ConfirmRequest{HoldID: m.hold.ID,
		Contact: model.Contact{Name: "Dana Lee", Email: email}, IdempotencyKey: "another-attempt"}); err != nil {
		t.Fatal(err)
	}

	m, _ = press(t, m, "ctrl+s")
	m, out := press(t, m, "enter")
	booked, ok := find[common.BookedMsg](out)
	if !ok || booked.Appointment.Contact.Email != email {
		t.Fatalf("state %d, out %v\n%s", m.state, out, view(m))
	}
	if _, ok := e.draft(m); ok {
		t.Error("draft kept")
	}
	if _, ok := m.Hold(); ok || m.Focused() || m.intent.Unresolved() {
		t.Errorf("Hold active %v, Focused %v, Unresolved %v", ok, m.Focused(), m.intent.Unresolved())
	}
	if n := len(appointmentsFor(t, e, email)); n != 1 {
		t.Errorf("%d appointments, want 1", n)
	}
}

// A 2xx whose body cannot be read booked all the same: the card shows the
// booking when the list finds it, else the form says where to look.
func TestSandboxUnreadableReplyIsBooked(t *testing.T) {
	t.Run("found", func(t *testing.T) {
		e := newEnv(t, 0)
		m, slot := e.form(t)
		m = fill(t, m, "garbled@example.com")
		m, _ = press(t, m, "ctrl+s")
		e.garble.Store(true)
		_, out := press(t, m, "enter")
		if b, ok := find[common.BookedMsg](out); !ok || b.Appointment.ID == "" || !b.Appointment.Time.Equal(slot.Start) {
			t.Fatalf("no card for the booking found again: %v", out)
		}
	})
	e := newEnv(t, 0)
	e.sb.DisableRoute("appointments.list")
	m, _ := e.form(t)
	m = fill(t, m, "garbled@example.com")
	m, _ = press(t, m, "ctrl+s")
	e.garble.Store(true)
	m, out := press(t, m, "enter")
	if _, ok := find[common.BookedMsg](out); ok {
		t.Fatal("BookedMsg without an appointment to show")
	}
	if v := view(m); !strings.Contains(v, "Booked, but Zimun's reply was unreadable") {
		t.Fatalf("view after an unreadable 2xx:\n%s", v)
	}
	if n := confirmations(e, "garbled@example.com"); n != 1 {
		t.Fatalf("%d bookings, want the one the server made", n)
	}
	if _, ok := m.Hold(); ok || m.intent.Unresolved() {
		t.Error("the spent hold still counts as active or unresolved")
	}
	if _, ok := e.draft(m); ok {
		t.Error("draft kept after the server booked")
	}
}
