package ui

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/ui/draft"
	"github.com/zimun-app/zimun/ui/uitest"
)

const waitLong = 10 * time.Second

// flow is one root model in teatest against the sandbox.
type flow struct {
	t   *testing.T
	env *uitest.Env
	tm  *teatest.TestModel
}

func newFlow(t *testing.T, cfg Config, clientMods ...func(*api.Config)) *flow {
	t.Helper()
	return startFlow(t, uitest.NewEnv(t), cfg, clientMods...)
}

// startFlow is newFlow on a sandbox the test has set up.
func startFlow(t *testing.T, env *uitest.Env, cfg Config, clientMods ...func(*api.Config)) *flow {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	c := env.Common(ctx)
	if len(clientMods) > 0 {
		c.Client = env.NewClient(t, clientMods...)
	}
	root := New(c, cfg)
	tm := teatest.NewTestModel(t, root, teatest.WithInitialTermSize(100, 30))
	return &flow{t: t, env: env, tm: tm}
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
	f := newFlow(t, Config{StateDir: t.TempDir()})
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
	var tm tea.Model = m
	tm, _ = tm.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	tm, _ = tm.Update(m.loadCatalog()())
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
	if root.showHelp || !root.locPicker.Focused() || root.screen != scrLocations {
		t.Fatalf("help=%v focused=%v screen=%v", root.showHelp, root.locPicker.Focused(), root.screen)
	}
	// Outside the filter, q quits at once when no hold is active.
	tm, _ = tm.Update(uitest.Key("esc"))
	_, cmd := tm.Update(uitest.Key("q"))
	if cmd == nil {
		t.Fatal("q did nothing")
	}
	if _, quit := cmd().(tea.QuitMsg); !quit {
		t.Fatal("q did not quit")
	}
}

// A client that may not read the organisation still books: the header
// falls back to "Zimun", the status line says why, and the calendar comes.
func TestFlowWithoutOrgRead(t *testing.T) {
	env := uitest.NewEnv(t)
	env.Sandbox.AddClient("no-org", "secret", "availability:read", "appointments:read", "appointments:write")
	f := startFlow(t, env, Config{}, func(c *api.Config) {
		c.ClientID, c.ClientSecret = "no-org", "secret"
	})
	f.waitFor("Zimun ·", "Couldn't read the organisation's name", "org:read", "15 free slots")
	f.quit()
}

// Leaving the form after its hold expired drops the saved draft: there is
// nothing left to resume.
func TestFlowExpiredHoldClearsDraft(t *testing.T) {
	dir := t.TempDir()
	f := newFlow(t, Config{StateDir: dir})
	f.toForm(1)
	f.tm.Type("Grace Hopper")
	f.key("tab") // leaving a field saves the draft
	saved := func() bool { _, ok, _ := draft.Load(dir); return ok }
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
	f := newFlow(t, Config{StateDir: dir})
	f.toForm(1)
	f.tm.Type("Grace Hopper")
	f.key("tab")
	saved := func() bool { _, ok, _ := draft.Load(dir); return ok }
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
	f := newFlow(t, Config{StateDir: dir}, func(c *api.Config) {
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
	d, ok, err := draft.Load(dir)
	if err != nil || !ok || d.IdempotencyKey == "" {
		t.Fatalf("draft after quitting: ok=%v err=%v key=%q", ok, err, d.IdempotencyKey)
	}
	for req := range f.env.Sandbox.Stats().Requests {
		if strings.HasPrefix(req, "DELETE ") {
			t.Fatalf("%s: the hold was released", req)
		}
	}
}
