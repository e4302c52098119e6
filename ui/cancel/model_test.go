package cancel

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	keep "github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/uitest"
)

// finish runs the Cmd a key returned (the API call), feeds its result back
// and returns the message the dialog then emits.
func finish(t *testing.T, m Model, cmd tea.Cmd) (Model, tea.Msg) {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	m, cmd = m.Update(cmd())
	if cmd == nil {
		return m, nil
	}
	return m, cmd()
}

func press(k string) tea.KeyMsg { return uitest.Key(k) }

var (
	ctrlX    = tea.KeyMsg{Type: tea.KeyCtrlX}
	shiftTab = tea.KeyMsg{Type: tea.KeyShiftTab}
)

// paris returns the Paris location, its consultation service, and an
// upcoming appointment there with the given status.
func paris(t *testing.T, env *uitest.Env, status string) (model.Appointment, model.Service, model.Location) {
	t.Helper()
	loc, svc, _ := env.Paris(t, 1)
	p, err := env.Client.Appointments(context.Background(), api.AppointmentFilter{From: uitest.Epoch, Status: status, PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range p.Items {
		if a.LocationID == loc.ID && a.ServiceID == svc.ID {
			return a, svc, loc
		}
	}
	t.Fatalf("no %s consultation in Paris", status)
	return model.Appointment{}, svc, loc
}

func TestKeepIsTheDefault(t *testing.T) {
	c := uitest.Common(func() time.Time { return uitest.Epoch })
	m := New(c, model.Appointment{ID: "a_1"}, model.Service{}, model.Location{})
	if _, cmd := m.Update(press("esc")); cmd == nil {
		t.Fatal("esc in the reason did nothing")
	} else if _, ok := cmd().(KeptMsg); !ok {
		t.Error("esc in the reason did not keep")
	}
	// Leaving the reason lands on Keep, where enter and K keep.
	m, _ = m.Update(press("tab"))
	if m.focus != focusKeep {
		t.Fatalf("tab from the reason went to %v, want Keep", m.focus)
	}
	for _, k := range []string{"enter", "esc", "K"} {
		_, cmd := m.Update(press(k))
		if cmd == nil {
			t.Fatalf("%s did nothing", k)
		}
		if _, ok := cmd().(KeptMsg); !ok {
			t.Errorf("%s: want KeptMsg", k)
		}
	}
	// Moving to the Cancel button needs a deliberate key; esc still keeps.
	m2, _ := m.Update(press("right"))
	if m2.focus != focusCancel {
		t.Fatal("right did not move to Cancel")
	}
	if _, cmd := m2.Update(press("esc")); cmd == nil {
		t.Fatal("esc on Cancel did nothing")
	} else if _, ok := cmd().(KeptMsg); !ok {
		t.Error("esc on the Cancel button did not keep")
	}
	if !m.Focused() {
		t.Error("the modal dialog must take every key")
	}
}

func TestReasonTakesLetters(t *testing.T) {
	c := uitest.Common(func() time.Time { return uitest.Epoch })
	m := New(c, model.Appointment{ID: "a_1"}, model.Service{}, model.Location{})
	if m.focus != focusReason {
		t.Fatalf("the dialog opens on %v, want the reason field the user sees", m.focus)
	}
	for _, k := range []string{"K", "r", "l", "h"} {
		var cmd tea.Cmd
		m, cmd = m.Update(press(k))
		if cmd != nil {
			if _, ok := cmd().(KeptMsg); ok {
				t.Fatalf("%q in the reason field closed the dialog", k)
			}
		}
	}
	if got := m.reason.Value(); got != "Krlh" {
		t.Errorf("reason = %q", got)
	}
	// enter leaves the field for the safe button, never cancels.
	m, cmd := m.Update(press("enter"))
	if cmd != nil || m.focus != focusKeep || m.state != idle {
		t.Errorf("enter in the reason: focus %v state %v", m.focus, m.state)
	}
}

func TestCancelViaButton(t *testing.T) {
	env := uitest.NewEnv(t)
	store := keep.NewMemory()
	a, svc, loc := paris(t, env, model.StatusConfirmed)
	m := New(env.CommonIn(context.Background(), store), a, svc, loc)
	for _, r := range "No longer needed; thanks" {
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	m, _ = m.Update(press("tab"))   // Keep
	m, _ = m.Update(press("right")) // Cancel
	m, cmd := m.Update(press("enter"))
	if m.state != working {
		t.Fatal("enter on Cancel did not start cancelling")
	}
	if _, again := m.Update(press("enter")); again != nil {
		t.Error("a second enter while working sent another request")
	}
	m, msg := finish(t, m, cmd)
	done, ok := msg.(DoneMsg)
	if !ok {
		t.Fatalf("got %#v; view:\n%s", msg, uitest.Strip(m.View()))
	}
	want := "Cancelled. The customer gets a cancellation email at " + a.Contact.Email + "."
	if done.Status != want || !done.Appointment.Cancelled() {
		t.Errorf("DoneMsg = %+v", done)
	}
	emails := 0
	for _, e := range env.Sandbox.Outbox() {
		if e.AppointmentID == a.ID && e.Kind == "cancellation" {
			emails++
		}
	}
	if emails != 1 {
		t.Errorf("%d cancellation emails, want 1", emails)
	}
	entries, _ := store.Journal()
	if len(entries) != 1 || entries[0].Reason != "No longer needed; thanks" || entries[0].LocationName != loc.Name {
		t.Errorf("journal = %+v", entries)
	}
}

func TestAlreadyCancelled(t *testing.T) {
	env := uitest.NewEnv(t)
	store := keep.NewMemory()
	a, svc, loc := paris(t, env, model.StatusCancelled)
	before := len(env.Sandbox.Outbox())
	m := New(env.CommonIn(context.Background(), store), a, svc, loc)
	if !strings.Contains(uitest.Strip(m.View()), "already cancelled") {
		t.Errorf("dialog does not say it is already cancelled:\n%s", uitest.Strip(m.View()))
	}
	m, cmd := m.Update(ctrlX)
	_, msg := finish(t, m, cmd)
	done, ok := msg.(DoneMsg)
	if !ok || !strings.Contains(done.Status, "already cancelled") {
		t.Fatalf("got %#v", msg)
	}
	if len(env.Sandbox.Outbox()) != before {
		t.Error("a second cancel sent another email")
	}
	if entries, _ := store.Journal(); len(entries) != 0 {
		t.Errorf("a no-op cancel was journalled: %+v", entries)
	}
}

func TestCancelFailureLeavesItUnchanged(t *testing.T) {
	env := uitest.NewEnv(t)
	a, svc, loc := paris(t, env, model.StatusConfirmed)
	env.Sandbox.InjectFault(sandbox.Fault{Method: "PATCH", Path: "/api/v1/appointments/" + a.ID, Status: 422})
	m := New(env.Common(context.Background()), a, svc, loc)
	m, cmd := m.Update(ctrlX)
	m, msg := finish(t, m, cmd)
	if msg != nil {
		t.Fatalf("a failed cancel emitted %#v", msg)
	}
	out := uitest.Strip(m.View())
	if m.state != idle || !strings.Contains(out, "Could not cancel") || !strings.Contains(out, "unchanged") {
		t.Errorf("state %v, view:\n%s", m.state, out)
	}
	// Retrying works and reuses the idempotency key.
	idem := m.cancellation.Key
	m, cmd = m.Update(ctrlX)
	_, msg = finish(t, m, cmd)
	if _, ok := msg.(DoneMsg); !ok || m.cancellation.Key != idem {
		t.Errorf("retry: %#v", msg)
	}
}

// lossy is a client that gives up after one attempt, so a lost reply
// reaches the dialog instead of being retried away.
func lossy(t *testing.T, env *uitest.Env) common.Common {
	return env.CommonWith(context.Background(), env.NewClient(t, func(cfg *api.Config) { cfg.MaxRetries = 1 }), nil)
}

func cancellationEmails(env *uitest.Env, id string) int {
	n := 0
	for _, e := range env.Sandbox.Outbox() {
		if e.AppointmentID == id && e.Kind == "cancellation" {
			n++
		}
	}
	return n
}

// A lost reply is not a refusal: the dialog says the cancel may have gone
// through and that retrying is safe, and the retry (same key) confirms it.
func TestLostReplyMayHaveCancelled(t *testing.T) {
	for name, fault := range map[string]sandbox.Fault{
		// Twice: net/http itself resends an idempotent request once.
		"dropped":      {DropAfterProcessing: true, Times: 2},
		"server error": {Status: 500},
	} {
		t.Run(name, func(t *testing.T) {
			env := uitest.NewEnv(t)
			a, svc, loc := paris(t, env, model.StatusConfirmed)
			fault.Method, fault.Path = "PATCH", "/api/v1/appointments/"+a.ID
			env.Sandbox.InjectFault(fault)
			m := New(lossy(t, env), a, svc, loc)
			idem := m.cancellation.Key
			m, cmd := m.Update(ctrlX)
			m, msg := finish(t, m, cmd)
			if msg != nil {
				t.Fatalf("a lost reply emitted %#v", msg)
			}
			if m.state != idle || strings.Contains(m.err, "unchanged") ||
				!strings.Contains(m.err, "may have gone through") || !strings.Contains(m.err, "safe") {
				t.Errorf("state %v, message %q", m.state, m.err)
			}
			m, cmd = m.Update(ctrlX)
			m, msg = finish(t, m, cmd)
			if done, ok := msg.(DoneMsg); !ok || !done.Appointment.Cancelled() || m.cancellation.Key != idem {
				t.Fatalf("retry: %#v", msg)
			}
			if n := cancellationEmails(env, a.ID); n != 1 {
				t.Errorf("%d cancellation emails, want 1", n)
			}
		})
	}
}

// Editing the reason after an attempt the server processed gets a new key:
// resending the old one with another reason would be refused.
func TestEditedReasonGetsANewKey(t *testing.T) {
	env := uitest.NewEnv(t)
	a, svc, loc := paris(t, env, model.StatusConfirmed)
	env.Sandbox.InjectFault(sandbox.Fault{Method: "PATCH", Path: "/api/v1/appointments/" + a.ID, DropAfterProcessing: true, Times: 2})
	m := New(lossy(t, env), a, svc, loc)
	first := m.cancellation.Key
	m, cmd := m.Update(ctrlX)
	m, _ = finish(t, m, cmd)
	if m.state != idle {
		t.Fatalf("state %v after a lost reply", m.state)
	}
	for _, r := range "typo fixed" {
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	m, cmd = m.Update(ctrlX)
	second := m.cancellation.Key
	m, msg := finish(t, m, cmd)
	if _, ok := msg.(DoneMsg); !ok || second == first {
		t.Fatalf("retry with an edited reason: %#v (key changed: %v); view:\n%s", msg, second != first, uitest.Strip(m.View()))
	}
	if n := cancellationEmails(env, a.ID); n != 1 {
		t.Errorf("%d cancellation emails, want 1", n)
	}
}

// A 2xx whose body cannot be read still cancelled.
func TestUnreadableReplyIsCancelled(t *testing.T) {
	env := uitest.NewEnv(t)
	store := keep.NewMemory()
	a, svc, loc := paris(t, env, model.StatusConfirmed)
	garbled := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPatch {
			env.Sandbox.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		env.Sandbox.ServeHTTP(rec, r)
		w.WriteHeader(rec.Code)
		w.Write([]byte("{\"appointment_id\": 42"))
	}))
	t.Cleanup(garbled.Close)
	c := env.CommonWith(context.Background(), env.NewClient(t, func(cfg *api.Config) { cfg.BaseURL = garbled.URL }), store)
	m := New(c, a, svc, loc)
	m, cmd := m.Update(ctrlX)
	_, msg := finish(t, m, cmd)
	done, ok := msg.(DoneMsg)
	if !ok || !done.Appointment.Cancelled() || done.Appointment.ID != a.ID || !strings.Contains(done.Status, "unreadable") {
		t.Fatalf("got %#v", msg)
	}
	if got, err := env.Client.Appointment(context.Background(), a.ID); err != nil || !got.Cancelled() {
		t.Errorf("server copy %+v, %v", got, err)
	}
	if entries, _ := store.Journal(); len(entries) != 1 {
		t.Errorf("journal = %+v", entries)
	}
}

func TestGolden(t *testing.T) {
	env := uitest.NewEnv(t)
	a, svc, loc := paris(t, env, model.StatusConfirmed)
	m := New(env.Common(context.Background()), a, svc, loc)
	m.SetSize(80, 24)
	golden.RequireEqual(t, []byte(uitest.Strip(m.View())))
}
