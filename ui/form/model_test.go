package form

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/uitest"
)

func view(m Model) string { return ansi.Strip(m.View()) }

func TestTabOrder(t *testing.T) {
	c := uitest.NewClock(start)
	tests := []struct {
		keys []string
		want int
	}{
		{nil, fieldName},
		{[]string{"tab"}, fieldEmail},
		{[]string{"tab", "tab"}, fieldPhone},
		{[]string{"tab", "tab", "tab"}, fieldNotes},
		{[]string{"tab", "tab", "tab", "tab"}, fieldName},
		{[]string{"shift+tab"}, fieldNotes},
		{[]string{"down", "down", "up"}, fieldEmail},
		{[]string{"enter"}, fieldEmail},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, ","), func(t *testing.T) {
			m, _ := press(t, fixture(t, c, model.Contact{}), tt.keys...)
			if m.focus != tt.want {
				t.Errorf("focus = %d, want %d", m.focus, tt.want)
			}
			for i := range m.inputs {
				if m.inputs[i].Focused() != (i == tt.want) {
					t.Errorf("input %d focused = %v", i, m.inputs[i].Focused())
				}
			}
			if !m.Focused() {
				t.Error("Focused() = false while editing")
			}
		})
	}
}

func TestInlineValidation(t *testing.T) {
	c := uitest.NewClock(start)
	tests := []struct {
		name  string
		field int
		text  string
		want  string
	}{
		{"name required", fieldName, "", "✕ name: required"},
		{"email", fieldEmail, "dana@", "✕ email: not an email address (like name@example.com)"},
		{"email domain", fieldEmail, "dana@example", `✕ email: the domain "example" needs a dot, like example.com`},
		{"phone", fieldPhone, "12ab", `✕ phone: unexpected 'a'; use digits, spaces and an optional leading +`},
		{"phone digits", fieldPhone, "123", "✕ phone: has 3 digits, expected 6 to 15"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fixture(t, c, model.Contact{})
			for m.focus != tt.field {
				m, _ = press(t, m, "tab")
			}
			m = typeText(t, m, tt.text)
			if tt.text != "" && strings.Contains(view(m), tt.want) {
				t.Errorf("error shown before the field was left:\n%s", view(m))
			}
			m, _ = press(t, m, "tab")
			if !strings.Contains(view(m), tt.want) {
				t.Errorf("after leaving the field, want %q in:\n%s", tt.want, view(m))
			}
			// Fixing the field removes the message.
			m, _ = press(t, m, "shift+tab")
			for range len([]rune(tt.text)) {
				m, _ = press(t, m, "backspace")
			}
			m = typeText(t, m, map[int]string{fieldName: "Dana", fieldEmail: "dana@example.com", fieldPhone: "+33 1 23 45 67 89"}[tt.field])
			if strings.Contains(view(m), "✕ "+fieldNames[tt.field]) {
				t.Errorf("error still shown after the fix:\n%s", view(m))
			}
		})
	}
}

func TestSubmitShowsAllErrors(t *testing.T) {
	m := fixture(t, uitest.NewClock(start), model.Contact{Name: "Dana Lee"})
	m, _ = press(t, m, "ctrl+s")
	if m.state != editing {
		t.Fatalf("state = %d, want editing", m.state)
	}
	v := view(m)
	for _, want := range []string{"✕ email: required", "✕ 1 field needs fixing"} {
		if !strings.Contains(v, want) {
			t.Errorf("want %q in:\n%s", want, v)
		}
	}
	if m.focus != fieldEmail {
		t.Errorf("focus = %d, want the bad email field", m.focus)
	}
}

func TestReviewThenConfirm(t *testing.T) {
	for _, submit := range [][]string{{"ctrl+s"}, {"tab", "tab", "tab", "enter"}} {
		t.Run(strings.Join(submit, ","), func(t *testing.T) {
			m := fixture(t, uitest.NewClock(start), model.Contact{})
			m.SetSize(120, 40)
			m = typeText(t, m, "Dana Lee")
			m, _ = press(t, m, "tab")
			m = typeText(t, m, "dana@example.com")
			if submit[0] == "tab" {
				m, _ = press(t, m, "shift+tab") // back to email so the tabs land on notes
			}
			m, _ = press(t, m, submit...)
			if m.state != reviewing {
				t.Fatalf("state = %d, want reviewing\n%s", m.state, view(m))
			}
			want := "Book Dana Lee <dana@example.com> for Tue 3 Mar 10:30 CET? enter confirm · esc edit"
			if !strings.Contains(view(m), want) {
				t.Errorf("want %q in:\n%s", want, view(m))
			}
			// esc goes back to editing, enter from review confirms.
			m, _ = press(t, m, "esc")
			if m.state != editing {
				t.Fatalf("esc from review: state = %d", m.state)
			}
			m, _ = press(t, m, "ctrl+s")
			m, cmd := m.Update(keyMsg("enter"))
			if m.state != confirming || cmd == nil {
				t.Fatalf("enter in review: state = %d, cmd = %v", m.state, cmd)
			}
			if !m.Focused() {
				t.Error("Focused() = false while confirming: q would reach the root")
			}
			if strings.Contains(view(m), "›") {
				t.Error("a field still looks focused while confirming")
			}
		})
	}
}

func TestTypingQStaysInTheField(t *testing.T) {
	m := fixture(t, uitest.NewClock(start), model.Contact{})
	if !m.Focused() {
		t.Fatal("Focused() = false on a fresh form")
	}
	m, out := press(t, m, "q", "?")
	if got := m.Contact().Name; got != "q?" {
		t.Errorf("name = %q, want %q", got, "q?")
	}
	for _, msg := range out {
		if msg != (scheduled{saveTickMsg{}}) {
			t.Errorf("typing emitted %v", msg)
		}
	}
}

func TestTicks(t *testing.T) {
	c := uitest.NewClock(start)
	m := fixture(t, c, model.Contact{Name: "Dana Lee", Email: "dana@"})

	// Init arms a tick of the current generation.
	_, out := run(t, m, m.Init())
	if s, ok := find[scheduled](out); !ok || s.msg != (tickMsg{gen: m.gen}) {
		t.Fatalf("Init scheduled %v", out)
	}
	// A tick re-arms while time is left.
	c.Advance(time.Second)
	_, cmd := m.Update(tickMsg{gen: m.gen})
	if _, out = run(t, m, cmd); len(out) != 1 {
		t.Fatalf("tick re-armed %v", out)
	}

	// A stale tick does nothing, even past the deadline.
	c.Advance(10 * time.Minute)
	stale, cmd := m.Update(tickMsg{gen: m.gen - 1})
	if cmd != nil || stale.state != editing {
		t.Errorf("stale tick: state %d, cmd %v", stale.state, cmd)
	}

	// The current one expires the hold and keeps the fields.
	m, cmd = m.Update(tickMsg{gen: m.gen})
	if cmd != nil {
		t.Error("ticking went on after expiry")
	}
	if m.state != expired {
		t.Fatalf("state = %d, want expired", m.state)
	}
	if got := m.Contact(); got != (model.Contact{Name: "Dana Lee", Email: "dana@"}) {
		t.Errorf("fields changed on expiry: %+v", got)
	}
	if _, ok := m.Hold(); ok {
		t.Error("Hold() still reports the expired hold")
	}
	if m.Focused() {
		t.Error("Focused() = true after expiry: r and s would be typed")
	}
	v := view(m)
	for _, want := range []string{"Your hold expired — r re-hold 10:30 · s pick another slot", "Dana Lee", "✕ hold expired"} {
		if !strings.Contains(v, want) {
			t.Errorf("want %q in:\n%s", want, v)
		}
	}
	// s gives up the slot.
	_, out = press(t, m, "s")
	if _, ok := find[common.BackMsg](out); !ok {
		t.Errorf("s emitted %v, want BackMsg", out)
	}
}

func TestEscAsksBeforeReleasing(t *testing.T) {
	m := fixture(t, uitest.NewClock(start), model.Contact{Name: "Dana"})
	m, _ = press(t, m, "esc")
	if m.state != asking || !strings.Contains(view(m), "Release the hold on 10:30? y/n") {
		t.Fatalf("esc: state %d\n%s", m.state, view(m))
	}
	m, _ = press(t, m, "n")
	if m.state != editing || m.Contact().Name != "Dana" {
		t.Fatalf("n: state %d, contact %+v", m.state, m.Contact())
	}
	m, _ = press(t, m, "esc")
	m, cmd := m.Update(keyMsg("y"))
	if m.state != releasing || cmd == nil {
		t.Fatalf("y: state %d, cmd %v", m.state, cmd)
	}
}

func TestResizeKeepsInput(t *testing.T) {
	m := fixture(t, uitest.NewClock(start), model.Contact{})
	m = typeText(t, m, "Dana Lee")
	for _, size := range [][2]int{{40, 10}, {200, 60}, {80, 24}} {
		m.SetSize(size[0], size[1])
		if got := m.Contact().Name; got != "Dana Lee" {
			t.Fatalf("after %v: name = %q", size, got)
		}
	}
}

// Each outcome of a confirm (the booking layer decides which) reads as
// what it is, and keeps what was typed.
func TestConfirmOutcomes(t *testing.T) {
	emailErr := &api.Error{Status: 422, Code: "invalid_contact", Message: `contact_email "x@y.z" is not a valid email address`}
	tests := []struct {
		name       string
		out        booking.Outcome
		state      phase
		field      int // -1: none
		wantInView string
	}{
		{"unknown", booking.Outcome{Result: booking.Unknown, Err: &api.NetworkError{Op: "confirm", Err: io.ErrUnexpectedEOF}}, retrying, -1,
			"Couldn't reach Zimun — press enter to retry (safe: it can't book twice)"},
		{"expired", booking.Outcome{Result: booking.Expired, Err: &api.Error{Status: 410, Code: "hold_expired"}}, expired, -1, "Your hold expired — r re-hold 10:30"},
		{"refused email", booking.Outcome{Result: booking.Refused, Field: model.FieldEmail, Err: emailErr}, editing, fieldEmail,
			`✕ email: contact_email "x@y.z" is not a valid email address`},
		{"refused, no field", booking.Outcome{Result: booking.Refused, Err: &api.Error{Status: 422, Message: "contact is not acceptable"}}, editing, -1, "✕ contact is not acceptable"},
		{"taken by another", booking.Outcome{Result: booking.TakenByOther, Err: &api.Error{Status: 409, Code: "hold_already_confirmed"}}, alreadyBooked, -1,
			"This slot was already booked for someone else"},
		{"unread", booking.Outcome{Result: booking.Booked, Unread: true}, alreadyBooked, -1, "Booked, but Zimun's reply was unreadable"},
		{"unverified", booking.Outcome{Result: booking.Unverified, Candidates: []model.Appointment{{ID: "a_x9", Time: start.Add(26 * time.Hour)}}}, unverified, -1,
			"can't tell whether the earlier attempt booked"},
		{"failed", booking.Outcome{Result: booking.Failed, Err: &api.Error{Status: 429, Message: "Too many requests"}}, editing, -1, "✕ Couldn't book: Too many requests"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fixture(t, uitest.NewClock(start), model.Contact{Name: "Dana Lee", Email: "x@y.z"})
			m.SetSize(120, 40)
			m, _ = press(t, m, "ctrl+s")
			m, _ = m.Update(keyMsg("enter"))
			m, cmd := m.Update(confirmedMsg{holdID: m.hold.ID, out: tt.out})
			if cmd != nil {
				t.Errorf("emitted a Cmd: %v", cmd())
			}
			if m.state != tt.state {
				t.Fatalf("state = %d, want %d\n%s", m.state, tt.state, view(m))
			}
			if !strings.Contains(view(m), tt.wantInView) {
				t.Errorf("want %q in:\n%s", tt.wantInView, view(m))
			}
			if tt.field >= 0 && (m.focus != tt.field || m.server[tt.field] == "") {
				t.Errorf("focus %d, server errors %q", m.focus, m.server)
			}
			if m.Contact().Email != "x@y.z" {
				t.Error("fields changed")
			}
			if tt.field >= 0 {
				// Editing the field clears the server's complaint.
				m = typeText(t, m, "9")
				if m.server[tt.field] != "" {
					t.Error("server message kept after an edit")
				}
			}
		})
	}
}

func TestStaleConfirmIgnored(t *testing.T) {
	m := fixture(t, uitest.NewClock(start), model.Contact{Name: "Dana Lee", Email: "dana@example.com"})
	m.hold.ID = "h_2" // as after a re-hold: h_1's confirm may still answer
	m, _ = press(t, m, "ctrl+s")
	m, _ = m.Update(keyMsg("enter"))
	if m.state != confirming {
		t.Fatalf("state = %d, want confirming", m.state)
	}
	for _, stale := range []confirmedMsg{
		{holdID: "h_1", out: booking.Outcome{Appointment: model.Appointment{ID: "a_old"}}},
		{holdID: "h_1", out: booking.Outcome{Result: booking.Expired}},
	} {
		got, cmd := m.Update(stale)
		if cmd != nil || got.state != confirming {
			t.Errorf("the answer for another hold was used: state %d, cmd %v", got.state, cmd)
		}
	}
	// Nor is an answer taken while no confirm is in flight.
	m, _ = m.Update(confirmedMsg{holdID: "h_2", out: booking.Outcome{Result: booking.Unknown}})
	got, cmd := m.Update(confirmedMsg{holdID: "h_2", out: booking.Outcome{Appointment: model.Appointment{ID: "a_late"}}})
	if cmd != nil || got.state != retrying {
		t.Errorf("an answer while retrying was used: state %d, cmd %v", got.state, cmd)
	}
}

// After a confirm went unanswered the contact is what the key was sent
// with: esc does not reopen the fields, and a retry resends it as is.
func TestRetryingFreezesContact(t *testing.T) {
	m := fixture(t, uitest.NewClock(start), model.Contact{Name: "Dana Lee", Email: "dana@example.com"})
	m.SetSize(120, 40)
	m, _ = press(t, m, "ctrl+s")
	m, _ = m.Update(keyMsg("enter"))
	m, _ = m.Update(confirmedMsg{holdID: m.hold.ID, out: booking.Outcome{Result: booking.Unknown}})

	m, out := press(t, m, "esc", "x", "backspace")
	if m.state != retrying || len(out) != 0 {
		t.Fatalf("esc in retrying: state %d, out %v", m.state, out)
	}
	if !strings.Contains(view(m), "Can't edit until we know whether it booked — enter retries") {
		t.Errorf("no explanation in:\n%s", view(m))
	}
	if m.Contact() != (model.Contact{Name: "Dana Lee", Email: "dana@example.com"}) {
		t.Errorf("fields changed while frozen: %+v", m.Contact())
	}
	if !m.Focused() {
		t.Errorf("Focused %v", m.Focused())
	}
	for _, b := range m.ShortHelp() {
		if b.Help().Desc == m.keys.Edit.Help().Desc {
			t.Error("help offers edit while retrying")
		}
	}
	m, _ = m.Update(keyMsg("enter"))
	if m.state != confirming {
		t.Errorf("retry: state %d", m.state)
	}
}

// A draft with a key comes back retrying, even with its hold run out: only
// the same request can tell whether it booked.
func TestResumeWithKey(t *testing.T) {
	c := uitest.NewClock(start)
	in := fixtureDraft(c, model.Contact{Name: "Dana Lee", Email: "dana@example.com"})
	in.IdempotencyKey, in.KeyContact = "k-lost", in.Contact
	c.Advance(model.HoldTTL + time.Minute)
	m := fixtureFrom(t, c, in)
	m.SetSize(120, 40)
	if m.state != retrying || !m.intent.Unresolved() {
		t.Fatalf("state = %d, want retrying", m.state)
	}
	if want := "The last booking attempt got no answer, so it may have gone through — press enter to check"; !strings.Contains(view(m), want) {
		t.Errorf("want %q in:\n%s", want, view(m))
	}
	m, _ = press(t, m, "r", "s", "esc")
	if m.state != retrying {
		t.Fatalf("a key left retrying: state %d", m.state)
	}
	m, _ = m.Update(keyMsg("enter"))
	if d := m.intent.Draft(); m.state != confirming || d.IdempotencyKey != "k-lost" || d.KeyContact != in.Contact {
		t.Fatalf("resend: state %d, draft %+v", m.state, d)
	}
	// Only the server's "expired" opens the re-hold.
	m, _ = m.Update(confirmedMsg{holdID: m.hold.ID, out: booking.Outcome{Result: booking.Expired}})
	if m.state != expired {
		t.Errorf("after 410: state %d", m.state)
	}
}

// The hold running out mid-confirm keeps the clock going, and an answer
// that reopens the fields shows the expiry instead.
func TestExpiryDuringConfirm(t *testing.T) {
	c := uitest.NewClock(start)
	m := fixture(t, c, model.Contact{Name: "Dana Lee", Email: "x@y.z"})
	m, _ = press(t, m, "ctrl+s")
	m, _ = m.Update(keyMsg("enter"))
	c.Advance(model.HoldTTL + time.Second)
	m, cmd := m.Update(tickMsg{gen: m.gen})
	if m.state != confirming {
		t.Fatalf("tick mid-confirm: state %d", m.state)
	}
	if _, out := run(t, m, cmd); len(out) != 1 {
		t.Errorf("countdown stopped mid-confirm: %v", out)
	}
	m, _ = m.Update(confirmedMsg{holdID: m.hold.ID, out: booking.Outcome{Result: booking.Refused, Field: model.FieldEmail,
		Err: &api.Error{Status: 422, Code: "invalid_contact", Message: `contact_email "x@y.z" is not a valid email address`}}})
	if m.state != expired {
		t.Fatalf("422 after expiry: state %d, want expired\n%s", m.state, view(m))
	}
	if m.Contact().Email != "x@y.z" || m.server[fieldEmail] == "" {
		t.Errorf("fields or the server's complaint lost: %+v %q", m.Contact(), m.server)
	}
	if !strings.Contains(view(m), "Your hold expired — r re-hold") {
		t.Errorf("no expiry offer:\n%s", view(m))
	}
}

func TestInitSavesDraft(t *testing.T) {
	c := uitest.NewClock(start)
	in := fixtureDraft(c, model.Contact{Name: "Dana Lee", Email: "dana@example.com"})
	m := fixtureFrom(t, c, in)
	run(t, m, m.Init())
	d, ok := draftIn(m.c.Office.Store(), m)
	if !ok || d.Contact != in.Contact || d.Hold.ID != in.Hold.ID || d.IdempotencyKey != "" {
		t.Fatalf("draft after Init = %+v, %v", d, ok)
	}
}

func TestDraftCoalesced(t *testing.T) {
	m := fixture(t, uitest.NewClock(start), model.Contact{})
	store := m.c.Office.Store()
	m, out := press(t, m, "D")
	if s, ok := find[scheduled](out); !ok || s.msg != (saveTickMsg{}) {
		t.Fatalf("typing scheduled %v, want a save tick", out)
	}
	// More typing within the second schedules nothing more.
	m, out = press(t, m, "a", "n", "a")
	if len(out) != 0 {
		t.Errorf("typing again scheduled %v", out)
	}
	if _, ok := draftIn(store, m); ok {
		t.Fatal("the draft was written before the save tick")
	}
	m, cmd := m.Update(saveTickMsg{})
	m, _ = run(t, m, cmd)
	d, ok := draftIn(store, m)
	if !ok || d.Contact.Name != "Dana" {
		t.Fatalf("draft = %+v, %v", d, ok)
	}
	// Nothing changed since: leaving the field writes nothing.
	if _, cmd := m.Update(keyMsg("tab")); cmd != nil {
		t.Error("unchanged contact saved again")
	}
}

// Defect: the 200-character name limit was reached without a word.
func TestFieldLimitIsSaid(t *testing.T) {
	m := fixture(t, uitest.NewClock(start), model.Contact{})
	m = typeText(t, m, strings.Repeat("a", model.MaxNameRunes+5))
	if got := len(m.Contact().Name); got != model.MaxNameRunes {
		t.Fatalf("name is %d long", got)
	}
	if !strings.Contains(view(m), fmt.Sprintf("name: %d characters, the most it takes", model.MaxNameRunes)) {
		t.Errorf("no word on the limit:\n%s", view(m))
	}
}
