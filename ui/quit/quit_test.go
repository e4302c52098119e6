package quit

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/uitest"
)

func holding() bool    { return true }
func notHolding() bool { return false }

func isQuit(cmd tea.Cmd) bool {
	for _, msg := range uitest.Messages(cmd) {
		if _, ok := msg.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

// Holding, ctrl+c asks and every key is the question's; n and esc stay;
// yes (o in French) closes and says the holds are given back; then only
// ctrl+c counts, and ends at once.
func TestAsksWhileHoldingThenCloses(t *testing.T) {
	for _, tc := range []struct {
		name string
		lang func(c common.Common) common.Common
		yes  string
	}{{"English", func(c common.Common) common.Common { return c }, "y"}, {"French", uitest.InFrench, "o"}} {
		t.Run(tc.name, func(t *testing.T) {
			q := New(tc.lang(uitest.Common(uitest.NewClock(uitest.Epoch).Now)))
			if _, _, ok := q.Key(uitest.Key("q"), holding); ok {
				t.Fatal("q is not the quit's before ctrl+c")
			}
			q, cmd, _ := q.Key(uitest.Key("ctrl+c"), holding)
			if !q.Asking() || cmd != nil || q.Question() == "" {
				t.Fatal("ctrl+c while holding did not ask")
			}
			for _, k := range []string{"n", "esc"} {
				if q, _, ok := q.Key(uitest.Key(k), holding); !ok || q.Asking() {
					t.Fatalf("%s did not stay", k)
				}
			}
			if q, _, ok := q.Key(uitest.Key("x"), holding); !ok || !q.Asking() {
				t.Fatal("another key while asking was not the question's")
			}
			q, cmd, _ = q.Key(uitest.Key(tc.yes), holding)
			if q.Asking() || !q.Closing() || cmd == nil {
				t.Fatalf("%s did not close", tc.yes)
			}
			if got := q.Status(common.Status{Text: "before"}); got.Text == "before" {
				t.Error("closing with holds does not say so")
			}
			if _, cmd, ok := q.Key(uitest.Key("n"), holding); !ok || cmd != nil {
				t.Error("a key while closing did something")
			}
			if _, cmd, _ := q.Key(uitest.Key("ctrl+c"), holding); !isQuit(cmd) {
				t.Error("ctrl+c while closing did not end at once")
			}
			if msgs := uitest.Messages(cmd); len(msgs) != 1 || msgs[0] != (ClosedMsg{}) {
				t.Errorf("closing gave %v", msgs)
			}
		})
	}
}

// With nothing to give back, ctrl+c closes at once and the status stays.
func TestQuitsAtOnceWithNothingHeld(t *testing.T) {
	q := New(uitest.Common(uitest.NewClock(uitest.Epoch).Now))
	q, cmd, ok := q.Key(uitest.Key("ctrl+c"), notHolding)
	if !ok || q.Asking() || !q.Closing() || cmd == nil {
		t.Fatal("ctrl+c with nothing held did not close at once")
	}
	if got := q.Status(common.Status{Text: "before"}); got.Text != "before" {
		t.Errorf("status %q, want the one before", got.Text)
	}
	if !strings.Contains(uitest.Strip(q.ShortHelp()[0].Help().Desc), "quit") {
		t.Errorf("yes key says %q", q.ShortHelp()[0].Help().Desc)
	}
}
