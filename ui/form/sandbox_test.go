package form

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/countdown"
	"github.com/zimun-app/zimun/ui/draft"
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
	dir := filepath.Join(t.TempDir(), "state")
	m, slot := e.form(t, dir)
	m = fill(t, m, "dana@example.com")

	// Leaving a changed field wrote the draft.
	d, ok, err := draft.Load(dir)
	if err != nil || !ok || d.Contact.Email != "dana@example.com" || d.Hold.ID != m.hold.ID {
		t.Fatalf("draft after typing = %+v, %v, %v", d, ok, err)
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
	if _, ok, _ := draft.Load(dir); ok {
		t.Error("draft still on disk after booking")
	}
	if _, ok := m.Hold(); ok {
		t.Error("Hold() still active after booking")
	}
}

func TestSandboxExpiryAndRehold(t *testing.T) {
	e := newEnv(t, 0)
	m, slot := e.form(t, "")
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
	m, slot := e.form(t, "")
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
			m, _ := e.form(t, "")
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
				key := m.key
				m, out = press(t, m, "enter")
				if m.key != key {
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
	m, _ := e.form(t, "")
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
	dir := t.TempDir()
	slot := e.freeSlot(t)
	before := slot.CapacityLeft
	m, _ := e.form(t, dir)
	if got := e.capacity(t, slot); got != before-1 {
		t.Fatalf("capacity while held = %d, want %d", got, before-1)
	}
	m = fill(t, m, "release@example.com")
	if _, err := os.Stat(filepath.Join(dir, "draft.json")); err != nil {
		t.Fatalf("no draft: %v", err)
	}

	_, out := run(t, m, m.Release())
	if _, ok := find[common.HoldReleasedMsg](out); !ok {
		t.Errorf("Release emitted %v", out)
	}
	if got := e.capacity(t, slot); got != before {
		t.Errorf("capacity after release = %d, want %d", got, before)
	}
	if _, ok, _ := draft.Load(dir); ok {
		t.Error("draft kept after release")
	}

	// esc, y: released then back, in that order.
	m, _ = e.form(t, "")
	m, _ = press(t, m, "esc")
	m, out = press(t, m, "y")
	if len(out) != 2 {
		t.Fatalf("esc y emitted %v", out)
	}
	if _, ok := out[0].(common.HoldReleasedMsg); !ok {
		t.Errorf("first %T, want HoldReleasedMsg", out[0])
	}
	if _, ok := out[1].(common.BackMsg); !ok {
		t.Errorf("then %T, want BackMsg", out[1])
	}
	if got := e.capacity(t, slot); got != before {
		t.Errorf("capacity after esc y = %d, want %d", got, before)
	}
}
