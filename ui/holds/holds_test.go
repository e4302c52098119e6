package holds

import (
	"context"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/router"
	"github.com/zimun-app/zimun/ui/slots"
	"github.com/zimun-app/zimun/ui/uitest"
)

// screen stands in for a screen that asks for holds, waits for one, or
// counts one down.
type screen struct {
	id      int
	awaits  *slots.HoldMsg
	holding bool
	hold    model.Hold
}

func (s screen) View() string                     { return "" }
func (s screen) Focused() bool                    { return false }
func (s screen) Heading() common.Heading          { return common.Heading{} }
func (s screen) ShortHelp() []key.Binding         { return nil }
func (s screen) FullHelp() [][]key.Binding        { return nil }
func (s screen) Update(tea.Msg) (screen, tea.Cmd) { return s, nil }
func (s screen) ID() int                          { return s.id }
func (s screen) Awaits(msg slots.HoldMsg) bool    { return s.awaits != nil && *s.awaits == msg }
func (s screen) Holding() bool                    { return s.holding }
func (s screen) Hold() (model.Hold, bool)         { return s.hold, s.hold.ID != "" }

func stackOf(screens ...screen) router.Stack {
	var s router.Stack
	for _, sc := range screens {
		s = s.Push(router.PageFor(sc))
	}
	return s
}

// placed asks the sandbox for a real hold, as screen id would.
func placed(t *testing.T, env *uitest.Env, c common.Common, id int) slots.HoldMsg {
	t.Helper()
	loc, svc, avail := env.Paris(t, 3)
	for _, d := range avail.Days {
		if len(d.Slots) > 0 {
			msg := slots.HoldCmd(c, id, 1, svc, loc, d.Slots[0])().(slots.HoldMsg)
			if _, ok := msg.Placed(); !ok {
				t.Fatalf("hold: %v", msg.Err())
			}
			return msg
		}
	}
	t.Fatal("no free slot")
	return slots.HoldMsg{}
}

func state(env *uitest.Env, holdID string) sandbox.HoldState {
	for _, h := range env.Sandbox.Ledger().Holds {
		if h.ID == holdID {
			return h.State
		}
	}
	return ""
}

// An answer nobody awaits any more gives its hold back; one awaited is
// the asker's.
func TestRepliedGivesBackWhatNobodyAwaits(t *testing.T) {
	env := uitest.NewEnv(t)
	c := env.Common(context.Background())
	msg := placed(t, env, c, 9)
	h, _ := msg.Placed()

	if ok, release := Replied(c, stackOf(screen{id: 9, awaits: &msg}), msg); !ok || release != nil {
		t.Fatal("the asker's answer is not taken as awaited")
	}
	ok, release := Replied(c, stackOf(screen{id: 4}), msg)
	if ok || release == nil {
		t.Fatal("an answer nobody awaits keeps its hold")
	}
	if state(env, h.ID) != sandbox.HoldLive {
		t.Fatal("given back before the release ran")
	}
	release()
	if got := state(env, h.ID); got == sandbox.HoldLive {
		t.Fatalf("the hold is still %s after the release", got)
	}
}

// A placed hold opens the form only for the asker on top; under another
// screen it is given back.
func TestPlacedOnlyForTheAskerOnTop(t *testing.T) {
	env := uitest.NewEnv(t)
	c := env.Common(context.Background())
	msg := placed(t, env, c, 9)
	h, _ := msg.Placed()
	placedMsg := slots.HoldPlacedMsg{List: 9, Hold: h}

	if ok, release := Placed(c, stackOf(screen{id: 9}), placedMsg); !ok || release != nil {
		t.Fatal("the asker on top does not get its hold")
	}
	ok, release := Placed(c, stackOf(screen{id: 9}, screen{id: 5}), placedMsg)
	if ok || release == nil {
		t.Fatal("a hold for a covered screen is kept")
	}
	release()
	if got := state(env, h.ID); got == sandbox.HoldLive {
		t.Fatalf("the hold is still %s after the release", got)
	}
}

func TestHeldAndLeft(t *testing.T) {
	env := uitest.NewEnv(t)
	c := env.Common(context.Background())
	now := env.Clock.Now()
	if Held(c, stackOf(screen{id: 1})) {
		t.Fatal("held with nothing asked for")
	}
	if !Held(c, stackOf(screen{id: 1}, screen{id: 2, holding: true})) {
		t.Fatal("a hold in flight is not counted")
	}
	s := stackOf(screen{id: 1, hold: model.Hold{ID: "h_a", Deadline: now.Add(9 * time.Minute)}},
		screen{id: 2}, screen{id: 3, hold: model.Hold{ID: "h_b", Deadline: now.Add(2 * time.Minute)}})
	left := Left(s, now)
	if len(left) != 2 || left[0] != 9*time.Minute || left[1] != 2*time.Minute {
		t.Fatalf("left %v, want [9m 2m], bottom first", left)
	}
}
