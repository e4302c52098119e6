package selfservice

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/uitest"
)

type startedOver struct{}

func kiosk(clock *uitest.Clock) Kiosk {
	c := uitest.Common(clock.Now).ForKiosk(&common.Kiosk{
		ShowReference: time.Minute, StartOver: func() tea.Msg { return startedOver{} },
	})
	return New(c)
}

// A finished errand counts down on the status line and then starts over;
// a tick of a countdown the customer stopped (opening "my booking") or
// that started over is stale and does nothing.
func TestCountdownStartsOverAndIgnoresStaleTicks(t *testing.T) {
	clock := uitest.NewClock(uitest.Epoch)
	k := kiosk(clock)
	k, cmd := k.Finished()
	if !k.Waiting() || cmd == nil {
		t.Fatal("a finished errand does not wait")
	}
	if got := k.Status(common.Status{}).Text; !strings.HasPrefix(got, "This screen clears in 60 s") {
		t.Errorf("status %q", got)
	}
	if got := k.Status(common.Status{Text: "Booked"}).Text; got != "Booked" {
		t.Errorf("status %q, want what was said", got)
	}
	first := TickMsg{id: k.id}
	if k2, cmd := k.Update(first); cmd == nil || !k2.Waiting() {
		t.Fatal("a tick before the time stopped the countdown")
	}
	clock.Advance(time.Minute)
	carried, page := k.MyBooking(nil, model.Catalog{Locations: []model.Location{}})
	if page == nil || carried.Waiting() {
		t.Fatal("opening my booking did not stop the wait")
	}
	if _, cmd := carried.Update(first); cmd != nil {
		t.Error("a tick after the customer carried on did something")
	}
	k, cmd = k.Update(first)
	if msgs := uitest.Messages(cmd); len(msgs) != 1 || msgs[0] != (startedOver{}) || k.Waiting() {
		t.Fatalf("at the time: %v, waiting %v; want a start over", msgs, k.Waiting())
	}
	if _, cmd := k.Update(first); cmd != nil {
		t.Error("a tick after the start over did something")
	}
}

// At a desk nothing is blocked, nothing waits, nothing starts over.
func TestDeskDoesNothing(t *testing.T) {
	k := New(uitest.Common(uitest.NewClock(uitest.Epoch).Now))
	if k.Blocks(common.WalkInMsg{}) {
		t.Error("a desk's walk-in is blocked")
	}
	if k, cmd := k.Finished(); k.Waiting() || cmd != nil {
		t.Error("a desk waits to start over")
	}
	if _, cmd := k.StartOver(); cmd != nil {
		t.Error("a desk starts over")
	}
	if !kiosk(uitest.NewClock(uitest.Epoch)).Blocks(common.WalkInMsg{}) {
		t.Error("a kiosk lets a customer walk in")
	}
}
