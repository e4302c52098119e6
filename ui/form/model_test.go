package form

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/draft"
)

func view(m Model) string { return ansi.Strip(m.View()) }

func TestTabOrder(t *testing.T) {
	c := &clock{t: start}
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
	c := &clock{t: start}
	tests := []struct {
		name  string
		field int
		text  string
		want  string
	}{
		{"name required", fieldName, "", "✕ name: required"},
		{"email", fieldEmail, "dana@", "✕ email: not an email address (like name@example.com)"},
		{"email domain", fieldEmail, "dana@example", `✕ email: domain "example" needs a dot, like example.com`},
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
	m := fixture(t, &clock{t: start}, model.Contact{Name: "Dana Lee"})
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
			m := fixture(t, &clock{t: start}, model.Contact{})
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
			if m.key == "" {
				t.Error("no idempotency key after the first confirm")
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
	m := fixture(t, &clock{t: start}, model.Contact{})
	if !m.Focused() {
		t.Fatal("Focused() = false on a fresh form")
	}
	m, out := press(t, m, "q", "?")
	if got := m.Contact().Name; got != "q?" {
		t.Errorf("name = %q, want %q", got, "q?")
	}
	if len(out) != 0 {
		t.Errorf("typing emitted %v", out)
	}
}

func TestTicks(t *testing.T) {
	c := &clock{t: start}
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
	m := fixture(t, &clock{t: start}, model.Contact{Name: "Dana"})
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
	m := fixture(t, &clock{t: start}, model.Contact{})
	m = typeText(t, m, "Dana Lee")
	for _, size := range [][2]int{{40, 10}, {200, 60}, {80, 24}} {
		m.SetSize(size[0], size[1])
		if got := m.Contact().Name; got != "Dana Lee" {
			t.Fatalf("after %v: name = %q", size, got)
		}
	}
}

func TestConfirmErrors(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		state      state
		field      int // -1: none
		wantInView string
	}{
		{"network", &api.NetworkError{Op: "confirm", Err: io.ErrUnexpectedEOF}, retrying, -1, "Couldn't reach Zimun — press enter to retry (safe: it can't book twice)"},
		{"503", &api.Error{Status: 503, Message: "Service Unavailable"}, retrying, -1, "press enter to retry"},
		{"429", &api.Error{Status: 429, Message: "Too many requests"}, retrying, -1, "press enter to retry"},
		{"timeout", context.DeadlineExceeded, retrying, -1, "press enter to retry"},
		{"410", &api.Error{Status: 410, Code: "hold_expired", Message: "hold expired"}, expired, -1, "Your hold expired — r re-hold 10:30"},
		{"422 email", &api.Error{Status: 422, Code: "invalid_contact", Message: `contact_email "x@y.z" is not a valid email address`}, editing, fieldEmail,
			`✕ email: contact_email "x@y.z" is not a valid email address`},
		{"422 phone", &api.Error{Status: 422, Code: "invalid_contact", Message: `contact_phone "1" is not a phone number`}, editing, fieldPhone, "✕ phone: contact_phone"},
		{"422 other", &api.Error{Status: 422, Code: "invalid_contact", Message: "contact is not acceptable"}, editing, -1, "✕ contact is not acceptable"},
		{"409", &api.Error{Status: 409, Code: "hold_already_confirmed", Message: "hold h_1 was already confirmed"}, editing, -1, "✕ Couldn't book: hold h_1 was already confirmed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fixture(t, &clock{t: start}, model.Contact{Name: "Dana Lee", Email: "x@y.z"})
			m.SetSize(120, 40)
			m, _ = press(t, m, "ctrl+s")
			m, _ = m.Update(keyMsg("enter"))
			key := m.key
			m, cmd := m.Update(confirmedMsg{holdID: m.hold.ID, err: tt.err})
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
			if tt.state == retrying {
				m, _ = m.Update(keyMsg("enter"))
				if m.state != confirming || m.key != key {
					t.Errorf("retry: state %d, key %q, want the same key %q", m.state, m.key, key)
				}
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
	m := fixture(t, &clock{t: start}, model.Contact{Name: "Dana Lee", Email: "dana@example.com"})
	got, cmd := m.Update(confirmedMsg{holdID: m.hold.ID})
	if cmd != nil || got.state != editing {
		t.Errorf("a confirm answer nobody asked for was used: state %d", got.state)
	}
}

func TestDraftCoalesced(t *testing.T) {
	dir := t.TempDir()
	m := fixture(t, &clock{t: start}, model.Contact{})
	m.in.StateDir = dir
	m, out := press(t, m, "D")
	if s, ok := find[scheduled](out); !ok || s.msg != (saveTickMsg{}) {
		t.Fatalf("typing scheduled %v, want a save tick", out)
	}
	// More typing within the second schedules nothing more.
	m, out = press(t, m, "a", "n", "a")
	if len(out) != 0 {
		t.Errorf("typing again scheduled %v", out)
	}
	if _, ok, _ := draft.Load(dir); ok {
		t.Fatal("the draft was written before the save tick")
	}
	m, cmd := m.Update(saveTickMsg{})
	m, _ = run(t, m, cmd)
	d, ok, err := draft.Load(dir)
	if err != nil || !ok || d.Contact.Name != "Dana" {
		t.Fatalf("draft = %+v, %v, %v", d, ok, err)
	}
	// Nothing changed since: leaving the field writes nothing.
	if _, cmd := m.Update(keyMsg("tab")); cmd != nil {
		t.Error("unchanged contact saved again")
	}
}
