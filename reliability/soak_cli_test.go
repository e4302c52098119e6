package reliability

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
)

const cliWorkers = 4

// cliSoak books the way a shell script does: one zimun process per step,
// each with its own token, against one sandbox under faults. A command
// that exits 3 is run again as it was; one that exits 1 is believed.
type cliSoak struct {
	t     *testing.T
	d     *desk
	pairs [][2]string

	mu   sync.Mutex
	r    soakResult
	runs int
	// unsure are the slots of holds whose command said no hold was made
	// but whose give-back may have failed: a hold left there expires.
	unsure   map[string]bool
	unfreed  map[string]bool // holds a release of failed, by id
	said     map[string]int  // what failures said, by first line
	problems []string
}

// Many complete bookings through the zimun binary, one process per step
// (hold, confirm, reschedule, cancel, release), under the same faults as
// the booking layer's soak. Every exit 3 says the outcome is unknown and
// is resolved by running the same command again; every exit 1 of a
// confirm means nothing was booked.
func TestSoakCLI(t *testing.T) {
	began := time.Now()
	n := soakCount(8)
	plan := soakPlan(t)
	d := newDesk(t, func(o *sandbox.Options) { o.Faults = plan })
	s := &cliSoak{t: t, d: d, pairs: offered(d.sb), unsure: map[string]bool{}, unfreed: map[string]bool{}, said: map[string]int{}}
	s.r.Layer = "CLI"

	bs := make([]*belief, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range cliWorkers {
		wg.Go(func() {
			for i := range next {
				bs[i] = s.book(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()

	// The network heals; what is still unknown is run again.
	d.sb.SetFaults(sandbox.FaultPlan{})
	for _, b := range bs {
		if b.unknown {
			s.resolve(b)
		}
	}
	for _, p := range s.problems {
		t.Error(p)
	}
	s.r.Bookings = n
	checkLedger(t, d.sb, "@soak-cli.example", bs, func(h sandbox.LedgerHold) string {
		switch {
		case s.unfreed[h.ID]:
			return "release failed"
		case s.unsure[slotKey(h.ServiceID, h.LocationID, h.Start)]:
			return "hold said unknown"
		}
		return ""
	}, &s.r)
	t.Logf("%d zimun processes; what failures said: %v", s.runs, s.said)
	s.r.report(t, began)
}

func slotKey(service, location string, start time.Time) string {
	return service + "/" + location + "/" + start.UTC().Format(time.RFC3339)
}

// run runs one command, again while it exits 3 (at most tries times),
// and checks what each failure says.
func (s *cliSoak) run(tries int, args ...string) cliRun {
	var r cliRun
	for try := 0; try < tries; try++ {
		r = cli(s.t, s.d.home, s.d.url, time.Minute, args...)
		s.mu.Lock()
		s.runs++
		if r.code != 0 {
			s.said[fmt.Sprintf("%s exit %d: %s", args[0], r.code, failureKind(r.stderr))]++
		}
		switch {
		case r.code == 3 && !strings.Contains(r.stderr, "the outcome is unknown; run the same command again"):
			s.problems = append(s.problems, fmt.Sprintf("zimun %v exited 3 without saying the outcome is unknown: %s", args, r.stderr))
		case r.code == 2 || r.code > 3 || r.code < 0:
			s.problems = append(s.problems, fmt.Sprintf("zimun %v exited %d: %s", args, r.code, r.stderr))
		case strings.Contains(r.stderr, "panic:") || strings.Contains(r.stderr, "DATA RACE"):
			s.problems = append(s.problems, fmt.Sprintf("zimun %v: %s", args, r.stderr))
		}
		if r.code == 3 {
			s.r.UnknownSeen++
		}
		s.mu.Unlock()
		if r.code != 3 {
			return r
		}
	}
	return r
}

// failureKind is what a failure said (its first line, or the message of
// a JSON error) without its ids and numbers, to count failures by kind.
func failureKind(stderr string) string {
	var e struct {
		Error struct{ Code, Message string }
	}
	line, _, _ := strings.Cut(strings.TrimSpace(stderr), "\n")
	if json.Unmarshal([]byte(stderr), &e) == nil && e.Error.Message != "" {
		line = e.Error.Message
	}
	var b strings.Builder
	for _, f := range strings.Fields(line) {
		switch {
		case strings.HasPrefix(f, "h_"), strings.HasPrefix(f, "a_"), strings.HasPrefix(f, "req_"),
			strings.ContainsAny(f, "0123456789") && !strings.Contains(f, "_"):
			f = "…"
		}
		b.WriteString(f + " ")
	}
	return strings.TrimSpace(b.String())
}

func (s *cliSoak) book(i int) *belief {
	rng := rngFor("cli", i)
	b := &belief{email: fmt.Sprintf("guest%d@soak-cli.example", i)}
	pair := s.pairs[rng.IntN(len(s.pairs))]
	where := []string{"--service", pair[0], "--location", pair[1]}

	var h model.Hold
	var slot model.Slot
	for try := 0; try < 6 && h.ID == ""; try++ {
		free := s.free(where)
		if len(free) == 0 {
			continue
		}
		slot = free[rng.IntN(min(len(free), 12))] // near the front: desks compete
		r := s.run(1, append([]string{"hold", "--at", slot.Start.Format(time.RFC3339), "--json"}, where...)...)
		if r.code == 0 {
			r.decode(s.t, &h)
			continue
		}
		if strings.Contains(r.stderr, "no hold was made") {
			s.mu.Lock()
			s.unsure[slotKey(pair[0], pair[1], slot.Start)] = true
			s.mu.Unlock()
		}
	}
	if h.ID == "" {
		b.refused = "no hold"
		return b
	}
	if rng.Float64() < 0.05 {
		s.release(h.ID)
		b.refused = "released"
		return b
	}

	confirm := []string{"confirm", "--hold", h.ID, "--name", fmt.Sprintf("Soak Guest %d", i), "--email", b.email, "--json"}
	r := s.run(6, confirm...)
	switch r.code {
	case 0:
	case 3:
		b.unknown = true
		b.pending = confirm
		return b
	default:
		b.refused = failureKind(r.stderr)
		s.release(h.ID) // a script's hygiene: give the slot back
		return b
	}
	var a model.Appointment
	r.decode(s.t, &a)
	b.id, b.status, b.start = a.ID, model.StatusConfirmed, a.Time

	switch p := rng.Float64(); {
	case p < 0.2:
		free := s.free(where)
		if len(free) == 0 {
			break
		}
		to := free[rng.IntN(len(free))].Start
		move := []string{"reschedule", a.ID, "--at", to.Format(time.RFC3339), "--json"}
		switch r := s.run(6, move...); r.code {
		case 0:
			b.start = to
			s.count(func(r *soakResult) { r.Rescheduled++ })
		case 3:
			b.unknown, b.pending, b.pendingTo = true, move, to
		}
	case p < 0.3:
		cancel := []string{"cancel", a.ID, "--reason", "soak", "--json"}
		switch r := s.run(6, cancel...); r.code {
		case 0:
			b.status = model.StatusCancelled
		case 3:
			b.unknown, b.pending = true, cancel
		}
	}
	return b
}

// free reads the free slots as a script does, trying a failed read again.
func (s *cliSoak) free(where []string) []model.Slot {
	for range 3 {
		r := s.run(1, append([]string{"availability", "--days", "28", "--json"}, where...)...)
		if r.code == 0 {
			var av model.Availability
			r.decode(s.t, &av)
			return freeSlots(av)
		}
	}
	return nil
}

func (s *cliSoak) release(holdID string) {
	if r := s.run(1, "release", holdID); r.code != 0 {
		s.mu.Lock()
		s.unfreed[holdID] = true
		s.mu.Unlock()
	}
}

// resolve runs a command left unknown again, now that the network is
// healthy: it must tell.
func (s *cliSoak) resolve(b *belief) {
	r := s.run(1, b.pending...)
	switch {
	case r.code == 3:
		return // still unknown: checkLedger reports it
	case b.pending[0] == "confirm" && r.code == 0:
		var a model.Appointment
		r.decode(s.t, &a)
		b.id, b.status, b.start = a.ID, model.StatusConfirmed, a.Time
	case b.pending[0] == "confirm":
		b.refused = failureKind(r.stderr)
	case b.pending[0] == "reschedule" && r.code == 0:
		b.start = b.pendingTo
		s.count(func(r *soakResult) { r.Rescheduled++ })
	case b.pending[0] == "cancel" && r.code == 0:
		b.status = model.StatusCancelled
	}
	b.unknown = false
}

func (s *cliSoak) count(fn func(*soakResult)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(&s.r)
}
