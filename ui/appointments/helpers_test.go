package appointments

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/uitest"
)

// run executes cmd and every Cmd it leads to, feeding each message back into
// the model the way the root would, and returns all messages seen. Callers
// never pass the search debounce tick: they send searchTickMsg themselves.
func run(t testing.TB, m Model, cmd tea.Cmd) (Model, []tea.Msg) {
	t.Helper()
	return uitest.Run(m, cmd, Model.Update)
}

// press sends keys (uitest.Key names or typed text) and runs what follows.
func press(t testing.TB, m Model, keys ...string) (Model, []tea.Msg) {
	t.Helper()
	return uitest.Press(m, Model.Update, keys...)
}

// typeText types s into the focused input without running the debounce
// tick the keys return.
func typeText(m Model, s string) Model {
	for _, r := range s {
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return m
}

// newScreen builds the screen on env's sandbox with the real catalogue and
// loads it, sized w x h; store keeps its desk history (nil: memory).
func newScreen(t testing.TB, env *uitest.Env, w, h int, store state.Store) Model {
	t.Helper()
	m := New(env.CommonIn(context.Background(), store), Options{Catalog: catalogue(t, env.Client)})
	m.opts.ExportDir = t.TempDir()
	m.SetSize(w, h)
	m, _ = run(t, m, m.Init())
	return m
}

func catalogue(t testing.TB, c *api.Client) model.Catalog {
	t.Helper()
	ctx := context.Background()
	locs, err := c.Locations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	svcs, err := c.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return model.Catalog{Locations: locs, Services: svcs}
}

// selectID moves the cursor onto the appointment id, loading pages as needed.
func selectID(t testing.TB, m Model, id string) Model {
	t.Helper()
	for range 500 {
		if a, ok := m.Selected(); ok && a.ID == id {
			return m
		}
		before := m.cursor
		m, _ = press(t, m, "down")
		if m.cursor == before {
			break
		}
	}
	t.Fatalf("appointment %s not in the list", id)
	return m
}

func msgOf[T any](msgs []tea.Msg) (T, bool) {
	for _, msg := range msgs {
		if v, ok := msg.(T); ok {
			return v, true
		}
	}
	var zero T
	return zero, false
}

func view(m Model) string { return uitest.Strip(m.View()) }

func mustContain(t testing.TB, s string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			t.Errorf("missing %q in:\n%s", w, s)
		}
	}
}
