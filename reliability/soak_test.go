package reliability

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
)

// The soak's size and faults. The short form runs in every go test; the
// long form is, for example:
//
//	go test -race ./reliability -run Soak -soak.bookings=1000 -timeout 30m -v
var (
	soakBookings = flag.Int("soak.bookings", 0, "bookings through the booking layer; the CLI soak does an eighth of it, the UI soak a fifth, and a fifth of that again whose holds run out (0: the short form)")
	soakSeed     = flag.Uint64("soak.seed", 1, "seed of the bookings' choices and of the sandbox's faults")
	soakFaults   = flag.String("soak.faults", "error=0.1,drop=0.05,latency=1ms-4ms", "the sandbox's fault SPEC during the soak")
	soakReport   = flag.String("soak.report", "", "append each soak's figures to this file, one JSON object a line")
)

// shortSoak is the booking layer's count in the short form.
const shortSoak = 200

func soakCount(layerShare int) int {
	n := *soakBookings
	if n <= 0 {
		n = shortSoak
	}
	return max(n/layerShare, 4)
}

func soakPlan(t testing.TB) sandbox.FaultPlan {
	t.Helper()
	p, err := sandbox.ParseFaults(*soakFaults)
	if err != nil {
		t.Fatalf("-soak.faults: %v", err)
	}
	p.Seed = int64(*soakSeed)
	return p
}

// rngFor is booking i's own random source: its choices do not depend on
// how the workers interleave.
func rngFor(layer string, i int) *rand.Rand {
	h := uint64(0)
	for _, c := range layer {
		h = h*31 + uint64(c)
	}
	return rand.New(rand.NewPCG(*soakSeed^h, uint64(i)))
}

// belief is what the client believes of one booking, as a front end
// told its user.
type belief struct {
	email string
	// id is the appointment the client believes it made; "" if none.
	id     string
	status string    // believed: confirmed or cancelled
	start  time.Time // believed start, after any reschedule
	// unknown: the client was told the outcome is unknown and never
	// found out; the ledger may hold it or not.
	unknown bool
	// refused is what the client was told when it gave up on booking:
	// a definite answer, so the ledger must not hold it.
	refused string
	// pending is the command to run again to resolve an unknown outcome
	// (CLI), and pendingTo the time a pending move goes to.
	pending   []string
	pendingTo time.Time
	trail     []string // what happened to it, for a failure to tell
}

// soakResult is a soak's figures, for the log and RELIABILITY.md.
type soakResult struct {
	Layer        string         `json:"layer"`
	Seed         uint64         `json:"seed"`
	Faults       string         `json:"faults"`
	Bookings     int            `json:"bookings"`      // attempted
	Booked       int            `json:"booked"`        // confirmed, the client knows the id
	NotBooked    map[string]int `json:"not_booked"`    // given up, by what the client was told
	Rescheduled  int            `json:"rescheduled"`   // moves the client believes made
	Cancelled    int            `json:"cancelled"`     // cancellations the client believes made
	UnknownSeen  int            `json:"unknown_seen"`  // "outcome unknown" answers met on the way
	Unresolved   int            `json:"unresolved"`    // still unknown at the end
	Duplicates   int            `json:"duplicates"`    // contacts with more than one appointment
	Lost         int            `json:"lost"`          // believed booked, not in the ledger as believed
	Unexpected   int            `json:"unexpected"`    // in the ledger, the client believes not booked
	OverCapacity int            `json:"over_capacity"` // slots holding more than their capacity
	LiveHolds    int            `json:"live_holds"`    // holds still live at the end (they expire)
	LiveWhy      map[string]int `json:"live_why"`      // why each was left: the client's knowledge of it
	Injected     map[string]int `json:"injected"`      // faults injected, by kind
	Panics       int            `json:"panics"`
	Seconds      float64        `json:"seconds"`
	// Hold expiry (booking layer): holds made to run out, by when.
	Expiries          map[string]int `json:"expiries,omitempty"`
	ExpiredSeen       int            `json:"expired_seen,omitempty"`        // confirms answered "hold expired"
	Reheld            int            `json:"reheld,omitempty"`              // the same slot held again after that
	BookedAfterRehold int            `json:"booked_after_rehold,omitempty"` // and booked
	RefusedRehold     int            `json:"refused_rehold,omitempty"`      // the re-hold refused (taken meanwhile)
	BookedOnExpired   int            `json:"booked_on_expired,omitempty"`   // booked on the hold that ran out: the confirm reached the server first
	Forgotten         int            `json:"forgotten,omitempty"`           // the server forgot the hold and its key before the resend
	FoundByLookup     int            `json:"found_by_lookup,omitempty"`     // and the booking layer found the appointment by looking
	CannotRuleOut     int            `json:"cannot_rule_out,omitempty"`     // or said it could not rule one out
	JournalDisagrees  int            `json:"journal_disagrees"`             // desk journal and server differ (booking layer)
	// What the UI's frames said, checked as each was drawn.
	CardsChecked int `json:"cards_checked,omitempty"` // confirmation cards, each looked up in the ledger
	FalseCards   int `json:"false_cards"`             // cards for an appointment the server does not have
	FalseExpired int `json:"false_expired"`           // frames saying a hold expired when none had
}

// checkLedger compares what the client believes with what the sandbox
// holds: every booking believed made exists exactly once as believed,
// nothing exists for a contact the client was told was not booked, no slot
// is over capacity, and no hold is left live but those allowLive gives a
// reason for: holds the client knows it failed to give back, or never
// learned of (their reply was lost, and finding them failed too); they
// expire by themselves.
func checkLedger(t *testing.T, sb *sandbox.Server, domain string, bs []*belief, allowLive func(sandbox.LedgerHold) string, r *soakResult) {
	t.Helper()
	l := sb.Ledger()
	byEmail := map[string][]sandbox.LedgerAppointment{}
	for _, a := range l.Appointments {
		if strings.HasSuffix(a.Email, domain) {
			byEmail[a.Email] = append(byEmail[a.Email], a)
		}
	}
	known := map[string]bool{}
	r.NotBooked = map[string]int{}
	for _, b := range bs {
		known[b.email] = true
		got := byEmail[b.email]
		if len(got) > 1 {
			r.Duplicates++
			t.Errorf("%s: %d appointments, want at most one: %+v", b.email, len(got), got)
			continue
		}
		switch {
		case b.unknown:
			r.Unresolved++
			t.Errorf("%s: the outcome was never found out (%s; the ledger has %d)", b.email, strings.Join(b.trail, "; "), len(got))
		case b.id != "":
			r.Booked++
			if len(got) == 0 || got[0].ID != b.id || got[0].Status != b.status || !got[0].Start.Equal(b.start) {
				r.Lost++
				t.Errorf("%s: believed %s %s at %s (%s); the ledger has %+v", b.email, b.id, b.status, b.start, strings.Join(b.trail, "; "), got)
			}
			if b.status == model.StatusCancelled {
				r.Cancelled++
			}
		default:
			r.NotBooked[b.refused]++
			if len(got) > 0 {
				r.Unexpected++
				t.Errorf("%s: the client was told %q, yet the ledger has %+v", b.email, b.refused, got)
			}
		}
	}
	for email, as := range byEmail {
		if !known[email] {
			r.Unexpected += len(as)
			t.Errorf("%s: in the ledger, unknown to the client: %+v", email, as)
		}
	}
	for _, u := range l.OverCapacity() {
		r.OverCapacity++
		t.Errorf("over capacity: %+v", u)
	}
	r.LiveWhy = map[string]int{}
	for _, h := range l.Holds {
		if h.State != sandbox.HoldLive {
			continue
		}
		r.LiveHolds++
		why := allowLive(h)
		r.LiveWhy[why]++
		if why == "" {
			var there []string
			for _, a := range l.Appointments {
				if a.ServiceID == h.ServiceID && a.LocationID == h.LocationID && a.Start.Equal(h.Start) {
					there = append(there, fmt.Sprintf("%s %s (%s, hold %s)", a.ID, a.Status, a.Email, a.HoldID))
				}
			}
			t.Errorf("hold %s left live (service %s at %s, expires %s), not one the client knows it failed to give back; booked there: %v",
				h.ID, h.ServiceID, h.Start, h.ExpiresAt, there)
		}
	}
	r.Injected = map[string]int{}
	for k, n := range sb.FaultCounts().ByKind {
		r.Injected[string(k)] = n
	}
}

// report logs the figures and appends them to -soak.report.
func (r *soakResult) report(t *testing.T, began time.Time) {
	t.Helper()
	r.Seed, r.Faults, r.Seconds = *soakSeed, *soakFaults, time.Since(began).Seconds()
	kinds := make([]string, 0, len(r.Injected))
	for k, n := range r.Injected {
		kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
	}
	slices.Sort(kinds)
	t.Logf("%s soak, seed %d, faults %s: %d bookings in %.1fs: %d booked (%d rescheduled, %d cancelled), not booked %v; "+
		"%d unknown outcomes met, %d unresolved; %d duplicates, %d lost, %d unexpected, %d over capacity, %d holds left live %v; injected: %s",
		r.Layer, r.Seed, r.Faults, r.Bookings, r.Seconds, r.Booked, r.Rescheduled, r.Cancelled, r.NotBooked,
		r.UnknownSeen, r.Unresolved, r.Duplicates, r.Lost, r.Unexpected, r.OverCapacity, r.LiveHolds, r.LiveWhy, strings.Join(kinds, ", "))
	if r.Expiries != nil {
		t.Logf("%s soak, hold expiry: %d holds ran out %v; %d confirms answered \"hold expired\", %d re-held, %d booked after the re-hold, "+
			"%d re-holds refused; %d booked on the hold that ran out (the confirm was first); %d journal disagreements",
			r.Layer, sumCounts(r.Expiries), r.Expiries, r.ExpiredSeen, r.Reheld, r.BookedAfterRehold, r.RefusedRehold, r.BookedOnExpired, r.JournalDisagrees)
	}
	if r.Forgotten > 0 {
		t.Logf("%s soak, hold expiry: forgotten before the resend: %d, found by lookup: %d, cannot rule out: %d", r.Layer, r.Forgotten, r.FoundByLookup, r.CannotRuleOut)
	}
	if r.CardsChecked > 0 {
		t.Logf("%s soak, frames: %d confirmation cards checked against the ledger, %d for an appointment the server does not have; %d frames said a hold expired when none had",
			r.Layer, r.CardsChecked, r.FalseCards, r.FalseExpired)
	}
	if *soakReport == "" {
		return
	}
	b, _ := json.Marshal(r)
	reportMu.Lock()
	defer reportMu.Unlock()
	f, err := os.OpenFile(*soakReport, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Errorf("-soak.report: %v", err)
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "%s\n", b)
}

var reportMu sync.Mutex

func sumCounts(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// holdWitness sees every hold request a client sends and remembers the
// keys of those whose reply reached it: a hold placed under any other key
// is one the client never learned of (its reply was lost), which its
// session must find and give back, or leave to expire when it cannot.
type holdWitness struct {
	next     http.RoundTripper
	mu       sync.Mutex
	learned  map[string]bool
	releases map[string][]string // DELETE of a hold by id: what came of each
	script   *confirmScript
}

// confirmScript makes the next confirms fail as told, whatever the
// sandbox's own faults: block stops requests before the server (it does
// not act), lose lets the server act and loses its reply; then runs once,
// after the first scripted one.
type confirmScript struct {
	block, lose int
	then        func()
}

var errScripted = errors.New("soak: connection lost (scripted)")

// scriptConfirms sets the script for the next confirms; nil ends it.
func (w *holdWitness) scriptConfirms(s *confirmScript) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.script = s
}

// scripted runs the script on a confirm, if one is set: done says it
// answered in the server's place.
func (w *holdWitness) scripted(r *http.Request) (done bool, err error) {
	w.mu.Lock()
	s := w.script
	var block, lose bool
	var then func()
	if s != nil {
		block, lose = s.block > 0, s.block == 0 && s.lose > 0
		if block {
			s.block--
		} else if lose {
			s.lose--
		}
		if block || lose {
			then, s.then = s.then, nil
		}
	}
	w.mu.Unlock()
	if !block && !lose {
		return false, nil
	}
	if block && r.Body != nil {
		r.Body.Close()
	}
	if lose {
		if res, err := w.next.RoundTrip(r); err == nil {
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
	}
	if then != nil {
		then()
	}
	return true, errScripted
}

func newHoldWitness() *holdWitness {
	return &holdWitness{next: http.DefaultTransport.(*http.Transport).Clone(), learned: map[string]bool{}, releases: map[string][]string{}}
}

func (w *holdWitness) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/appointments/confirm") {
		if done, err := w.scripted(r); done {
			return nil, err
		}
	}
	res, err := w.next.RoundTrip(r)
	if r.Method == http.MethodDelete {
		id := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
		what := fmt.Sprint(err)
		if err == nil {
			what = res.Status
		}
		w.mu.Lock()
		w.releases[id] = append(w.releases[id], what)
		w.mu.Unlock()
	}
	if err == nil && r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/appointments/hold") && res.StatusCode/100 == 2 {
		w.mu.Lock()
		w.learned[r.Header.Get("Idempotency-Key")] = true
		w.mu.Unlock()
	}
	return res, err
}

// knew reports whether the client learned of the hold.
func (w *holdWitness) knew(h sandbox.LedgerHold) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.learned[h.IdempotencyKey]
}

// client makes an API client see through the witness, with two attempts a
// call at most, so that outcomes are often unknown.
func (w *holdWitness) client(c *api.Config) {
	c.MaxRetries = 2
	c.HTTPClient = &http.Client{Transport: w}
}

// offered are the active service-location pairs of the sandbox.
func offered(sb *sandbox.Server) [][2]string {
	active := map[string]bool{}
	for _, l := range sb.Locations() {
		active[l.ID] = l.Active
	}
	var out [][2]string
	for _, s := range sb.Services() {
		for _, l := range s.LocationIDs {
			if active[l] {
				out = append(out, [2]string{s.ID, l})
			}
		}
	}
	return out
}

// freeSlots lists the slots of av with room left.
func freeSlots(av model.Availability) []model.Slot {
	var out []model.Slot
	for _, d := range av.Days {
		for _, s := range d.Slots {
			if s.CapacityLeft > 0 {
				out = append(out, s)
			}
		}
	}
	return out
}
