package sandbox_test

import (
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/zimun-app/zimun/sandbox"
)

// race sends one hold per target at once, all released together, and
// returns the status of each. Contenders share a handful of tokens, as
// several front desks would, which keeps each under its rate limit.
func race(t *testing.T, e *env, svc sandbox.Service, loc sandbox.Location, targets []time.Time) ([]int, []string) {
	t.Helper()
	tokens := make([]string, 8)
	for i := range tokens {
		tokens[i] = e.tokenFor("demo-client", "demo-secret")
	}
	statuses := make([]int, len(targets))
	codes := make([]string, len(targets))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, at := range targets {
		wg.Go(func() {
			<-start
			r, err := e.send(tokens[i%len(tokens)], "POST", "/api/v1/appointments/hold", holdBody(svc, loc, at))
			if err != nil {
				t.Error(err)
				return
			}
			statuses[i] = r.status
			var body struct {
				Error struct{ Code string } `json:"error"`
			}
			json.Unmarshal(r.body, &body)
			codes[i] = body.Error.Code
		})
	}
	close(start)
	wg.Wait()
	return statuses, codes
}

func TestConcurrentHoldsOneSlot(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	at := e.freeSlots(e.consult, e.paris, 2)[0].Start // capacity 2, both free
	targets := make([]time.Time, 200)
	for i := range targets {
		targets[i] = at
	}
	statuses, codes := race(t, e, e.consult, e.paris, targets)
	won := 0
	for i, st := range statuses {
		switch {
		case st == 201:
			won++
		case st != 409 || codes[i] != "slot_unavailable":
			t.Errorf("contender %d: %d %s", i, st, codes[i])
		}
	}
	if won != 2 {
		t.Fatalf("%d holds on a slot of capacity 2", won)
	}
	if _, ok := e.hasSlot(e.consult, e.paris, at); ok {
		t.Error("the full slot is still offered")
	}
	if over := e.s.Ledger().OverCapacity(); len(over) != 0 {
		t.Errorf("over capacity: %+v", over)
	}
}

func TestConcurrentHoldsManySlots(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	free := e.freeSlots(e.followUp, e.paris, 1)[:10] // capacity 1 each
	var targets []time.Time
	for range 20 {
		for _, s := range free {
			targets = append(targets, s.Start)
		}
	}
	statuses, _ := race(t, e, e.followUp, e.paris, targets)
	wins := map[time.Time]int{}
	for i, st := range statuses {
		switch st {
		case 201:
			wins[targets[i]]++
		case 409:
		default:
			t.Errorf("contender %d: status %d", i, st)
		}
	}
	for _, s := range free {
		if wins[s.Start] != 1 {
			t.Errorf("slot %v: %d winners, want exactly 1", s.Start, wins[s.Start])
		}
		if _, ok := e.hasSlot(e.followUp, e.paris, s.Start); ok {
			t.Errorf("slot %v is still offered", s.Start)
		}
	}
	if over := e.s.Ledger().OverCapacity(); len(over) != 0 {
		t.Errorf("over capacity: %+v", over)
	}
}
