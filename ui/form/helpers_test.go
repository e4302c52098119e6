package form

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/styles"
	"github.com/zimun-app/zimun/ui/uitest"

	_ "time/tzdata" // goldens must not depend on the host's zone database
)

// start is a Monday, so "today" never moves under the goldens.
var start = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

// testCommon is a colourless session through an office on client (nil:
// none, for forms that never call the API) keeping state in store.
func testCommon(ctx context.Context, now func() time.Time, client *api.Client, store state.Store) common.Common {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	o := booking.New(client, store, booking.Options{Now: now})
	words := uitest.Words(i18n.English)
	return common.Common{
		Ctx:     ctx,
		Office:  o,
		Session: o.NewSession(),
		Styles:  styles.New(r, styles.NewTheme(styles.ThemeDark)),
		Words:   words,
		Keys:    common.DefaultKeyMap(words),
		Now:     now,
		Prefs:   common.Prefs{DaysAhead: 14, WeekStart: time.Monday, Clock24: true},
		Logger:  slog.New(slog.DiscardHandler),
	}
}

// scheduled is what a clock Cmd would have delivered; tests see it instead
// of waiting for it.
type scheduled struct{ msg tea.Msg }

// noSleep makes m's clock Cmds return at once as scheduled messages.
func noSleep(m Model) Model {
	m.every = func(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		return func() tea.Msg { return scheduled{fn(time.Time{})} }
	}
	m.after = m.every
	return m
}

// fixtureDraft is hand-made data for a form (no server).
func fixtureDraft(c *uitest.Clock, contact model.Contact) state.Draft {
	paris := model.LoadZone("Europe/Paris")
	slotStart := time.Date(2026, 3, 3, 10, 30, 0, 0, paris)
	return state.Draft{
		ID:       "d_1",
		Service:  model.Service{ID: "s_cut", Name: "Haircut", DurationMinutes: 30},
		Location: model.Location{ID: "l_paris", Name: "Zimun Paris", Address: "12 rue de Rivoli, 75004 Paris", Timezone: "Europe/Paris"},
		Slot:     model.Slot{Start: slotStart, End: slotStart.Add(30 * time.Minute), CapacityLeft: 1},
		Hold: model.Hold{ID: "h_1", Time: slotStart, DurationMinutes: 30,
			ExpiresAt: c.Now().Add(10 * time.Minute), Deadline: c.Now().Add(10 * time.Minute)},
		Contact: contact,
	}
}

// fixture is a form on hand-made data, for Update and View.
func fixture(t testing.TB, c *uitest.Clock, contact model.Contact) Model {
	t.Helper()
	return fixtureFrom(t, c, fixtureDraft(c, contact))
}

// fixtureFrom opens a form on d the way the root does: a new booking, or
// (with a key) one resumed from its draft.
func fixtureFrom(t testing.TB, c *uitest.Clock, d state.Draft) Model {
	t.Helper()
	return fixtureIn(t, c, d, func(c common.Common) common.Common { return c })
}

// fixtureIn is fixtureFrom on the session as lang makes it.
func fixtureIn(t testing.TB, c *uitest.Clock, d state.Draft, lang func(common.Common) common.Common) Model {
	t.Helper()
	store := state.NewMemory()
	cc := lang(testCommon(context.Background(), c.Now, nil, store))
	var in *booking.Intent
	if d.IdempotencyKey != "" {
		if err := store.SaveDraft(d); err != nil {
			t.Fatal(err)
		}
		var err error
		if in, err = cc.Session.Resume(d); err != nil {
			t.Fatal(err)
		}
	} else {
		in = cc.Session.Begin(d.Service, d.Location, d.Slot, d.Hold, d.Contact)
	}
	m := noSleep(New(cc, in))
	m.SetSize(80, 24)
	return m
}

func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "ctrl+s":
		return tea.KeyMsg{Type: tea.KeyCtrlS}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// press sends keys one after another, running every Cmd they return.
func press(t testing.TB, m Model, keys ...string) (Model, []tea.Msg) {
	t.Helper()
	var out []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(keyMsg(k))
		var more []tea.Msg
		m, more = run(t, m, cmd)
		out = append(out, more...)
	}
	return m, out
}

// typeText types s into the focused field as one burst.
func typeText(t testing.TB, m Model, s string) Model {
	t.Helper()
	m, _ = press(t, m, s)
	return m
}

// run executes cmd the way the runtime would, but synchronously: the form's
// own messages go back into Update, batches are unwrapped in order, and
// everything meant for the root (and scheduled clock messages) is
// returned. Spinner ticks are dropped so nothing loops.
func run(t testing.TB, m Model, cmd tea.Cmd) (Model, []tea.Msg) {
	t.Helper()
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		switch msg := msg.(type) {
		case nil, spinner.TickMsg:
			continue
		case tea.BatchMsg:
			queue = append(append([]tea.Cmd(nil), msg...), queue...)
			continue
		case tickMsg, confirmedMsg, reheldMsg, savedMsg, saveTickMsg, lookupTickMsg, customersMsg:
			var next tea.Cmd
			m, next = m.Update(msg)
			queue = append([]tea.Cmd{next}, queue...)
			continue
		}
		out = append(out, msg)
	}
	return m, out
}

// env is a sandbox on loopback with a client and a fake clock.
type env struct {
	clock  *uitest.Clock
	sb     *sandbox.Server
	client *api.Client
	store  *state.Memory
	c      common.Common
	svc    model.Service
	loc    model.Location
	// garble makes the next confirm's 2xx reply unreadable after the
	// sandbox has booked.
	garble atomic.Bool
}

func newEnv(t *testing.T, maxRetries int) *env {
	t.Helper()
	e := &env{clock: uitest.NewClock(start)}
	sb, err := sandbox.New(sandbox.Options{Now: e.clock.Now, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/appointments/confirm" || !e.garble.CompareAndSwap(true, false) {
			sb.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		sb.ServeHTTP(rec, r)
		w.WriteHeader(rec.Code)
		_, _ = w.Write([]byte("<html>upstream proxy ate the reply</html>"))
	}))
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	client, err := api.New(ctx, api.Config{
		BaseURL: srv.URL, ClientID: "demo-client", ClientSecret: "demo-secret",
		OrganizationID: sb.OrganizationID(), Now: e.clock.Now, MaxRetries: maxRetries,
	})
	if err != nil {
		t.Fatal(err)
	}
	e.sb, e.client, e.store = sb, client, state.NewMemory()
	e.c = testCommon(ctx, e.clock.Now, client, e.store)

	svcs, err := client.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	locs, err := client.Locations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	e.svc, e.loc = svcs[0], locs[0]
	for _, l := range locs {
		if e.svc.OfferedAt(l.ID) {
			e.loc = l
			break
		}
	}
	return e
}

// freeSlot is the first bookable slot and its capacity.
func (e *env) freeSlot(t *testing.T) model.Slot {
	t.Helper()
	av, err := e.client.Availability(e.c.Ctx, e.svc.ID, e.loc.ID, 14)
	if err != nil {
		t.Fatal(err)
	}
	d, ok := av.FirstFree()
	if !ok {
		t.Fatal("no free slot in the sandbox")
	}
	day, _ := av.Day(d)
	return day.Slots[0]
}

// capacity is what availability says is left at slot's start (0 = gone).
func (e *env) capacity(t *testing.T, slot model.Slot) int {
	t.Helper()
	av, err := e.client.Availability(e.c.Ctx, e.svc.ID, e.loc.ID, 14)
	if err != nil {
		t.Fatal(err)
	}
	for _, day := range av.Days {
		for _, s := range day.Slots {
			if s.Start.Equal(slot.Start) {
				return s.CapacityLeft
			}
		}
	}
	return 0
}

// form holds a free slot and opens the form on it.
func (e *env) form(t *testing.T) (Model, model.Slot) {
	t.Helper()
	slot := e.freeSlot(t)
	h, err := e.c.Session.Hold(e.c.Ctx, e.svc, e.loc, slot)
	if err != nil {
		t.Fatal(err)
	}
	m := noSleep(New(e.c, e.c.Session.Begin(e.svc, e.loc, slot, h, model.Contact{})))
	m.SetSize(100, 30)
	return m, slot
}

// draft is the form's draft as the store keeps it, if it keeps one.
func (e *env) draft(m Model) (state.Draft, bool) { return draftIn(e.store, m) }

func draftIn(store state.Store, m Model) (state.Draft, bool) {
	d, ok, _ := store.ClaimDraft(m.intent.Draft().ID)
	return d, ok
}

func find[T any](msgs []tea.Msg) (T, bool) {
	for _, msg := range msgs {
		if v, ok := msg.(T); ok {
			return v, true
		}
	}
	var zero T
	return zero, false
}
