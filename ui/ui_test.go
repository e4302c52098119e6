package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/picker"
	"github.com/zimun-app/zimun/ui/uitest"
)

const waitLong = 10 * time.Second

// flow is one root model in teatest against the sandbox.
type flow struct {
	t     *testing.T
	env   *uitest.Env
	store state.Store
	tm    *teatest.TestModel
}

// newFlow runs the UI on a fresh sandbox, its state in memory.
func newFlow(t *testing.T, cfg Config, clientMods ...func(*api.Config)) *flow {
	t.Helper()
	return startFlow(t, uitest.NewEnv(t), nil, cfg, clientMods...)
}

// newFlowOnDisk runs the UI keeping its state in root, as a desk does.
func newFlowOnDisk(t *testing.T, root string, cfg Config, clientMods ...func(*api.Config)) *flow {
	t.Helper()
	return startFlow(t, uitest.NewEnv(t), openState(t, root), cfg, clientMods...)
}

// startFlow runs the UI on a sandbox the test has set up; store nil keeps
// its state in memory.
func startFlow(t *testing.T, env *uitest.Env, store state.Store, cfg Config, clientMods ...func(*api.Config)) *flow {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if store == nil {
		store = state.NewMemory()
	}
	client := env.Client
	if len(clientMods) > 0 {
		client = env.NewClient(t, clientMods...)
	}
	root := New(env.CommonWith(ctx, client, store), cfg)
	tm := teatest.NewTestModel(t, root, teatest.WithInitialTermSize(100, 30))
	return &flow{t: t, env: env, store: store, tm: tm}
}

// openState is the state folder of the test sandbox's API under root.
func openState(t *testing.T, root string) *state.Dir {
	t.Helper()
	d, _, err := state.Open(root, state.Scope{BaseURL: "http://sandbox.test", ClientID: "demo-client"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// draftsOnDisk reads every draft kept under root, whoever owns it.
func draftsOnDisk(t *testing.T, root string) []state.Draft {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(root, "*", "drafts", "*.json"))
	var out []state.Draft
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue // cleared meanwhile
		}
		var d state.Draft
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, d)
	}
	return out
}

// waitFor blocks until every text has been drawn (since the last wait).
func (f *flow) waitFor(texts ...string) {
	f.t.Helper()
	teatest.WaitFor(f.t, f.tm.Output(), func(b []byte) bool {
		for _, s := range texts {
			if !bytes.Contains(b, []byte(s)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(waitLong), teatest.WithCheckInterval(10*time.Millisecond))
}

func (f *flow) key(keys ...string) {
	for _, k := range keys {
		f.tm.Send(uitest.Key(k))
	}
}

// toSlots goes from the start to the slot list of the given day offset
// (Paris, 30-minute consultation: the demo opens on it).
func (f *flow) toSlots(days int) {
	f.t.Helper()
	f.waitFor("15 free slots") // the calendar's data is in
	for range days {
		f.key("l")
	}
	f.key("enter")
	f.waitFor("free times")
}

// toForm holds the first slot of the day and waits for the contact form.
func (f *flow) toForm(days int) {
	f.t.Helper()
	f.toSlots(days)
	f.key("enter")
	f.waitFor("Hold 10:00")
}

func (f *flow) fillContact(name, email string) {
	f.tm.Type(name)
	f.key("tab")
	f.tm.Type(email)
	f.key("ctrl+s")
	f.waitFor("enter confirm")
}

func (f *flow) quit() {
	f.t.Helper()
	f.key("q")
	f.tm.WaitFinished(f.t, teatest.WithFinalTimeout(waitLong))
}

func confirmations(sb *sandbox.Server, to string) int {
	n := 0
	for _, e := range sb.Outbox() {
		if e.Kind == "confirmation" && e.To == to {
			n++
		}
	}
	return n
}

func slotOn(t *testing.T, c *api.Client, svc, loc string, start time.Time) (model.Slot, bool) {
	t.Helper()
	a, err := c.Availability(context.Background(), svc, loc, 7)
	if err != nil {
		t.Fatal(err)
	}
	day, _ := a.Day(model.DateOf(start.In(model.LoadZone(a.Timezone))))
	for _, s := range day.Slots {
		if s.Start.Equal(start) {
			return s, true
		}
	}
	return model.Slot{}, false
}

func TestFlowBookEndToEnd(t *testing.T) {
	f := newFlowOnDisk(t, t.TempDir(), Config{})
	f.toForm(1)
	f.fillContact("Ada Lovelace", "ada@example.com")
	f.key("enter")
	f.waitFor("Booked", "Ada Lovelace", "Booking id")
	f.quit()
	if n := confirmations(f.env.Sandbox, "ada@example.com"); n != 1 {
		t.Fatalf("%d confirmation emails, want 1", n)
	}
}

func TestFlowSlotTakenBeforeHold(t *testing.T) {
	f := newFlow(t, Config{})
	f.toSlots(0)
	// Another desk takes the whole capacity of the first slot (09:30).
	loc, svc, a := f.env.Paris(t, 1)
	first := a.Days[0].Slots[0]
	other := f.env.NewClient(t)
	for range first.CapacityLeft {
		_, err := other.Hold(context.Background(), api.HoldRequest{
			ServiceID: svc.ID, LocationID: loc.ID, Time: first.Start, DurationMinutes: svc.DurationMinutes,
			IdempotencyKey: api.NewIdempotencyKey(),
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	f.key("enter")
	f.waitFor("just taken", "14 free times")
	f.quit()
}

func TestFlowQuitReleasesHold(t *testing.T) {
	f := newFlow(t, Config{})
	loc, svc, a := f.env.Paris(t, 2)
	first := a.Days[1].Slots[0] // the slot toForm(1) holds
	f.toForm(1)
	if s, _ := slotOn(t, f.env.Client, svc.ID, loc.ID, first.Start); s.CapacityLeft != first.CapacityLeft-1 {
		t.Fatalf("capacity %d while held, want %d", s.CapacityLeft, first.CapacityLeft-1)
	}
	f.tm.Type("q") // typed into the name field: no quit
	f.key("ctrl+c")
	f.waitFor("Quit? The held slot will be released")
	f.key("y")
	f.tm.WaitFinished(t, teatest.WithFinalTimeout(waitLong))
	s, ok := slotOn(t, f.env.Client, svc.ID, loc.ID, first.Start)
	if !ok || s.CapacityLeft != first.CapacityLeft {
		t.Fatalf("after quit the slot has %d left (found %v), want %d", s.CapacityLeft, ok, first.CapacityLeft)
	}
}

func TestFlowHoldExpiryKeepsFormAndReholds(t *testing.T) {
	f := newFlow(t, Config{})
	f.toForm(1)
	f.tm.Type("Grace Hopper")
	f.env.Clock.Advance(10*time.Minute + time.Second)
	f.waitFor("Your hold expired")
	f.key("r")
	f.waitFor("✓ Holding", "Hold 10:00")
	f.key("tab")
	f.tm.Type("grace@example.com")
	f.key("ctrl+s")
	f.waitFor("enter confirm")
	f.key("enter")
	f.waitFor("Booked", "Grace Hopper")
	f.quit()
	if n := confirmations(f.env.Sandbox, "grace@example.com"); n != 1 {
		t.Fatalf("%d confirmation emails, want 1", n)
	}
}

func TestFlowConfirmRetryBooksOnce(t *testing.T) {
	// One attempt per call and no connection reuse (net/http would replay
	// an idempotent POST on its own), so the lost reply reaches the form.
	f := newFlow(t, Config{}, func(c *api.Config) {
		c.MaxRetries = 1
		c.HTTPClient = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	})
	f.toForm(1)
	f.env.Sandbox.InjectFault(sandbox.Fault{
		Method: "POST", Path: "/api/v1/appointments/confirm", DropAfterProcessing: true, Times: 1,
	})
	f.fillContact("Alan Turing", "alan@example.com")
	f.key("enter")
	f.waitFor("press enter to retry")
	f.key("enter")
	f.waitFor("Booked", "Alan Turing")
	f.quit()
	if n := confirmations(f.env.Sandbox, "alan@example.com"); n != 1 {
		t.Fatalf("%d confirmation emails, want exactly 1", n)
	}
	page, err := f.env.Client.Appointments(context.Background(), api.AppointmentFilter{Query: "alan@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 {
		t.Fatalf("%d appointments for alan@example.com, want 1", len(page.Items))
	}
}

// The root's focus check: "q" and "?" typed in the picker filter are text.
func TestFocusedFilterKeepsQ(t *testing.T) {
	env := uitest.NewEnv(t)
	c := env.Common(context.Background())
	c.Prefs.Demo = false // no default location: the picker shows
	m := New(c, Config{})
	var tm tea.Model = boot(t, update(t, m, tea.WindowSizeMsg{Width: 100, Height: 30}))
	for _, k := range []string{"/", "q", "?"} {
		var cmd tea.Cmd
		tm, cmd = tm.Update(uitest.Key(k))
		if cmd != nil {
			if _, quit := cmd().(tea.QuitMsg); quit {
				t.Fatalf("%q quit from the filter", k)
			}
		}
	}
	root := tm.(Model)
	_, onPicker := root.stack.Top().Model().(picker.Model)
	if root.showHelp || !root.stack.Top().Focused() || !onPicker {
		t.Fatalf("help=%v focused=%v top=%T", root.showHelp, root.stack.Top().Focused(), root.stack.Top().Model())
	}
	// Outside the filter, q quits at once when no hold is active (after
	// closing the session, which has nothing to give back).
	tm, _ = tm.Update(uitest.Key("esc"))
	_, cmd := tm.Update(uitest.Key("q"))
	msgs := uitest.Messages(cmd)
	if len(msgs) != 1 {
		t.Fatalf("q gave %v", msgs)
	}
	if _, cmd := tm.Update(msgs[0]); !isQuit(cmd) {
		t.Fatal("q did not quit")
	}
}

// A client that may not read the organisation still books: the header
// falls back to "Zimun", the status line says why, and the calendar comes.
func TestFlowWithoutOrgRead(t *testing.T) {
	env := uitest.NewEnv(t)
	env.Sandbox.AddClient("no-org", "secret", "availability:read", "appointments:read", "appointments:write")
	f := startFlow(t, env, nil, Config{}, func(c *api.Config) {
		c.ClientID, c.ClientSecret = "no-org", "secret"
	})
	f.waitFor("Zimun ·", "Couldn't read the organisation's name", "org:read", "15 free slots")
	f.quit()
}

// Leaving the form after its hold expired drops the saved draft: there is
// nothing left to resume.
func TestFlowExpiredHoldClearsDraft(t *testing.T) {
	dir := t.TempDir()
	f := newFlowOnDisk(t, dir, Config{})
	f.toForm(1)
	f.tm.Type("Grace Hopper")
	f.key("tab") // leaving a field saves the draft
	saved := func() bool { return len(draftsOnDisk(t, dir)) == 1 }
	eventually(t, "the draft", saved)
	f.env.Clock.Advance(10*time.Minute + time.Second)
	f.waitFor("Your hold expired")
	f.key("s")
	f.waitFor("free times")
	eventually(t, "the draft to go", func() bool { return !saved() })
	f.quit()
}

func TestFlowQuitAfterExpiryClearsDraft(t *testing.T) {
	dir := t.TempDir()
	f := newFlowOnDisk(t, dir, Config{})
	f.toForm(1)
	f.tm.Type("Grace Hopper")
	f.key("tab")
	saved := func() bool { return len(draftsOnDisk(t, dir)) == 1 }
	eventually(t, "the draft", saved)
	f.env.Clock.Advance(10*time.Minute + time.Second)
	f.waitFor("Your hold expired")
	f.quit()
	if saved() {
		t.Error("a deliberate quit after expiry left a draft to resume")
	}
}

// Quitting while a confirm is unanswered keeps its hold and draft: the
// hold may already be an appointment, and resuming resends the same key.
func TestFlowQuitKeepsUnansweredBooking(t *testing.T) {
	dir := t.TempDir()
	f := newFlowOnDisk(t, dir, Config{}, func(c *api.Config) {
		c.MaxRetries = 1
		c.HTTPClient = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	})
	f.toForm(1)
	f.env.Sandbox.InjectFault(sandbox.Fault{
		Method: "POST", Path: "/api/v1/appointments/confirm", DropAfterProcessing: true, Times: 1,
	})
	f.fillContact("Alan Turing", "alan@example.com")
	f.key("enter")
	f.waitFor("press enter to retry")
	f.key("ctrl+c")
	f.waitFor("A booking attempt is still unanswered; quit and keep it for resume?", "quit, resume later")
	f.key("y")
	f.tm.WaitFinished(t, teatest.WithFinalTimeout(waitLong))
	if ds := draftsOnDisk(t, dir); len(ds) != 1 || ds[0].IdempotencyKey == "" {
		t.Fatalf("drafts after quitting: %+v", ds)
	}
	for req := range f.env.Sandbox.Stats().Requests {
		if strings.HasPrefix(req, "DELETE ") {
			t.Fatalf("%s: the hold was released", req)
		}
	}
}
