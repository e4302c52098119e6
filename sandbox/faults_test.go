package sandbox_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/sandbox"
)

func TestParseFaults(t *testing.T) {
	for spec, want := range map[string]string{
		"":                               "",
		"  ":                             "",
		"error=0.1,drop=0.05":            "error=10%,drop=5%",
		"hold:error=30%":                 "hold:error=30%",
		" latency = 20ms-200ms ":         "latency=20ms-200ms",
		"latency=50ms":                   "latency=50ms",
		"confirm:drop=0.2,429=0.05":      "confirm:drop=20%,429=5%@1s",
		"429=0.05@3s":                    "429=5%@3s",
		"error-after=0.05,slow=0.1":      "error-after=5%,slow=10%@2s",
		"slow=1@100ms":                   "slow=100%@100ms",
		"token:error=0.2,forget=2m":      "token:error=20%,forget=2m0s",
		"error=0.6,hold:error=0,drop=.4": "error=60%,hold:error=0%,drop=40%",
		"reschedule:latency=1s,cancel:error-after=1,appointments:slow=0.5,appointment:429=0": "reschedule:latency=1s,cancel:error-after=100%,appointments:slow=50%@2s,appointment:429=0%@1s",
	} {
		p, err := sandbox.ParseFaults(spec)
		if err != nil {
			t.Errorf("ParseFaults(%q): %v", spec, err)
			continue
		}
		if got := p.String(); got != want {
			t.Errorf("ParseFaults(%q) = %q, want %q", spec, got, want)
		}
		if again, err := sandbox.ParseFaults(p.String()); err != nil || again.String() != want {
			t.Errorf("%q does not read back: %q, %v", want, again.String(), err)
		}
	}
}

func TestParseFaultsErrors(t *testing.T) {
	for spec, want := range map[string]string{
		"error":                   `fault "error": want [ENDPOINT:]KIND=VALUE`,
		"eror=0.1":                `fault "eror=0.1": unknown kind "eror"; kinds: latency, error, 429`,
		"hld:error=0.1":           `fault "hld:error=0.1": unknown endpoint "hld"; endpoints: token, organization`,
		"error=1.5":               `fault "error=1.5": want a share of requests from 0 to 1 (or 0% to 100%), got "1.5"`,
		"error=150%":              `got "150%"`,
		"error=NaN":               `got "NaN"`,
		"drop=-0.1":               `got "-0.1"`,
		"latency=fast":            `fault "latency=fast": want a duration like 250ms, 2s or 1m, got "fast"`,
		"latency=200ms-20ms":      `the latency range 200ms-20ms runs backwards`,
		"latency=1h":              `at most 10m0s, got "1h"`,
		"hold:forget=1m":          `forget applies to every endpoint; drop the endpoint`,
		"drop=0.1@2s":             `drop takes no @DURATION`,
		"429=0.1@1500ms":          `Retry-After is in whole seconds, got 1.5s`,
		"error=0.1,,drop=0.1":     `has an empty item`,
		"error=0.1,error=0.2":     `fault "error=0.2": error for every endpoint is already set by "error=0.1"`,
		"hold:drop=1,hold:drop=0": `drop for hold is already set by "hold:drop=1"`,
		"error=0.6,drop=0.5":      `faults for every endpoint add up to more than 100% (error=60% + drop=50%)`,
		"error=0.5,hold:drop=0.6": `faults for endpoint hold add up to more than 100% (error=50% + hold:drop=60%)`,
	} {
		_, err := sandbox.ParseFaults(spec)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseFaults(%q) = %v, want an error containing %q", spec, err, want)
		}
	}
}

func mustFaults(t *testing.T, spec string) sandbox.FaultPlan {
	t.Helper()
	p, err := sandbox.ParseFaults(spec)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// statuses sends n service reads and returns their statuses.
func statuses(e *env, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = e.call("GET", "/api/v1/services", nil).status
	}
	return out
}

func TestFaultsAreReproducible(t *testing.T) {
	run := func(seed int64) []int {
		e := newEnv(t, sandbox.Options{Seed: seed, RateLimit: -1})
		e.s.SetFaults(mustFaults(t, "error=0.3,429=0.2"))
		return statuses(e, 60)
	}
	a, b := run(3), run(3)
	if !slices.Equal(a, b) {
		t.Fatalf("same seed, different faults:\n%v\n%v", a, b)
	}
	failed := 0
	for _, st := range a {
		switch st {
		case 200:
		case 429, 500, 502, 503, 504:
			failed++
		default:
			t.Fatalf("status %d", st)
		}
	}
	if failed == 0 || failed == len(a) {
		t.Fatalf("%d of %d failed at 50%%", failed, len(a))
	}
	if c := run(4); slices.Equal(a, c) {
		t.Errorf("seeds 3 and 4 gave the same 60 outcomes")
	}
}

// Reads of one endpoint meet the same faults however others interleave.
func TestFaultsPerEndpointSequence(t *testing.T) {
	plan := mustFaults(t, "services:error=0.5,locations:error=0.5")
	a := newEnv(t, sandbox.Options{RateLimit: -1})
	a.s.SetFaults(plan)
	b := newEnv(t, sandbox.Options{RateLimit: -1})
	b.s.SetFaults(plan)
	var ga, gb []int
	for i := range 30 {
		ga = append(ga, a.call("GET", "/api/v1/services", nil).status)
		if i%3 == 0 {
			b.call("GET", "/api/v1/locations", nil)
		}
		gb = append(gb, b.call("GET", "/api/v1/services", nil).status)
	}
	if !slices.Equal(ga, gb) {
		t.Fatalf("other endpoints shifted the faults:\n%v\n%v", ga, gb)
	}
}

func TestFaultEndpointOverridesGeneral(t *testing.T) {
	e := newEnv(t, sandbox.Options{RateLimit: -1})
	e.s.SetFaults(mustFaults(t, "error=1,availability:error=0"))
	for _, st := range statuses(e, 5) {
		if st < 500 {
			t.Fatalf("services answered %d under error=1", st)
		}
	}
	e.s.SetFaults(sandbox.FaultPlan{})
	e.availability(e.consult, e.paris, 7)
	e.s.SetFaults(mustFaults(t, "error=1,availability:error=0"))
	e.availability(e.consult, e.paris, 7) // fails the test on anything but 200
	c := e.s.FaultCounts()
	if c.ByKind[sandbox.FaultError] != 5 || c.ByEndpoint["services"][sandbox.FaultError] != 5 || c.ByEndpoint["availability"] != nil {
		t.Errorf("counts %+v", c)
	}
}

func TestFaultErrorBeforeActing(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	at := e.freeSlots(e.consult, e.paris, 2)[0].Start
	e.s.SetFaults(mustFaults(t, "hold:error=1"))
	r := e.call("POST", "/api/v1/appointments/hold", holdBody(e.consult, e.paris, at))
	if r.status != 500 && r.status != 502 && r.status != 503 && r.status != 504 {
		t.Fatalf("status %d", r.status)
	}
	e.s.SetFaults(sandbox.FaultPlan{})
	if left, _ := e.hasSlot(e.consult, e.paris, at); left != 2 {
		t.Fatalf("a hold failed before acting took a place: %d left", left)
	}
	if n := len(e.s.Ledger().Holds); n != 0 {
		t.Fatalf("%d holds", n)
	}
}

func TestFault429(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	e.s.SetFaults(mustFaults(t, "services:429=1@3s"))
	r := e.call("GET", "/api/v1/services", nil)
	wantError(t, r, 429, "rate_limited")
	if got := r.header.Get("Retry-After"); got != "3" {
		t.Errorf("Retry-After %q, want 3", got)
	}
}

// A reply lost after the server acted: the hold exists, the client never
// heard of it, and the ledger tells it by its key.
func TestFaultDropAfterActing(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	at := e.freeSlots(e.consult, e.paris, 2)[0].Start
	e.s.SetFaults(mustFaults(t, "hold:drop=1"))
	fresh := &http.Client{Transport: &http.Transport{}}
	if r, err := e.sendVia(fresh, e.token, "POST", "/api/v1/appointments/hold", holdBody(e.consult, e.paris, at), "Idempotency-Key", "k-drop"); err == nil {
		t.Fatalf("the reply arrived: %d %s", r.status, r.body)
	}
	holds := e.s.Ledger().Holds
	if len(holds) != 1 || holds[0].IdempotencyKey != "k-drop" || holds[0].State != sandbox.HoldLive {
		t.Fatalf("ledger holds %+v", holds)
	}
	if e.s.FaultCounts().ByKind[sandbox.FaultDrop] != 1 {
		t.Errorf("counts %+v", e.s.FaultCounts())
	}
}

// A 500 after the server acted: the retry with the same key gets the
// original answer, not a second booking.
func TestFaultErrorAfterActing(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	h := e.hold(e.consult, e.paris, e.freeSlots(e.consult, e.paris, 1)[0].Start)
	body := map[string]any{"hold_id": h.HoldID, "contact_name": "Dana Lee", "contact_email": "dana@example.com"}
	e.s.SetFaults(mustFaults(t, "confirm:error-after=1"))
	wantError(t, e.call("POST", "/api/v1/appointments/confirm", body, "Idempotency-Key", "k1"), 500, "internal_error")
	e.s.SetFaults(sandbox.FaultPlan{})
	r := e.call("POST", "/api/v1/appointments/confirm", body, "Idempotency-Key", "k1")
	var a appt
	r.decode(t, &a)
	if r.status != 201 || r.header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("retry: %d %s", r.status, r.body)
	}
	l := e.s.Ledger()
	var mine []sandbox.LedgerAppointment
	for _, la := range l.Appointments {
		if la.HoldID == h.HoldID {
			mine = append(mine, la)
		}
	}
	if len(mine) != 1 || mine[0].ID != a.AppointmentID || mine[0].IdempotencyKey != "k1" {
		t.Fatalf("appointments from the hold: %+v", mine)
	}
}

func TestFaultSlowBody(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	e.s.SetFaults(mustFaults(t, "locations:slow=1@20ms,services:latency=1ms-2ms"))
	r := e.call("GET", "/api/v1/locations", nil)
	var page struct {
		Items []sandbox.Location `json:"items"`
	}
	r.decode(t, &page)
	if r.status != 200 || len(page.Items) != 3 || r.header.Get("Content-Length") != "" && r.header.Get("Content-Length") != strconv.Itoa(len(r.body)) {
		t.Fatalf("slow reply: %d %s", r.status, r.body)
	}
	e.call("GET", "/api/v1/services", nil)
	c := e.s.FaultCounts().ByKind
	if c[sandbox.FaultSlow] != 1 || c[sandbox.FaultLatency] != 1 {
		t.Errorf("counts %v", c)
	}
}

func TestFaultTokenEndpoint(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	e.s.SetFaults(mustFaults(t, "token:error=1"))
	r := postToken(t, e, "grant_type=client_credentials", "demo-client", "demo-secret")
	var body struct {
		Error string `json:"error"`
	}
	r.decode(t, &body)
	if r.status < 500 || body.Error != "temporarily_unavailable" {
		t.Fatalf("token: %d %s", r.status, r.body)
	}
	if r := e.call("GET", "/api/v1/services", nil); r.status != 200 {
		t.Fatalf("services with token:error=1: %d", r.status)
	}
}

// PATCH of an appointment counts as reschedule or cancel by its body.
func TestFaultPatchCountsByBody(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	a := e.confirm(e.hold(e.consult, e.paris, e.freeSlots(e.consult, e.paris, 1)[0].Start).HoldID, "Dana Lee", "dana@example.com")
	e.s.SetFaults(mustFaults(t, "cancel:error=1"))
	if r := e.call("PATCH", "/api/v1/appointments/"+a.AppointmentID, map[string]any{"status": "cancelled"}); r.status < 500 {
		t.Fatalf("cancel by PATCH: %d", r.status)
	}
	next := e.freeSlots(e.consult, e.paris, 1)[1].Start
	if r := e.call("PATCH", "/api/v1/appointments/"+a.AppointmentID, map[string]any{"appointment_time": next.Format(time.RFC3339)}); r.status != 200 {
		t.Fatalf("reschedule by PATCH: %d %s", r.status, r.body)
	}
}

// forget=2m: a confirm's key is gone 2 minutes after use, its hold 2
// minutes after it expires; a resend then learns less and less.
func TestFaultForget(t *testing.T) {
	e := newEnv(t, sandbox.Options{Faults: mustFaults(t, "forget=2m")})
	h := e.hold(e.consult, e.paris, e.freeSlots(e.consult, e.paris, 1)[0].Start)
	body := map[string]any{"hold_id": h.HoldID, "contact_name": "Dana Lee", "contact_email": "dana@example.com"}
	if r := e.call("POST", "/api/v1/appointments/confirm", body, "Idempotency-Key", "k1"); r.status != 201 {
		t.Fatalf("confirm: %d", r.status)
	}
	e.clock.Advance(2 * time.Minute)
	if r := e.call("POST", "/api/v1/appointments/confirm", body, "Idempotency-Key", "k1"); r.header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("at 2m the key is forgotten already: %d %s", r.status, r.body)
	}
	e.clock.Advance(time.Nanosecond)
	wantError(t, e.call("POST", "/api/v1/appointments/confirm", body, "Idempotency-Key", "k1"), 409, "hold_already_confirmed")
	e.clock.Set(h.ExpiresAt.Add(2*time.Minute + time.Nanosecond))
	wantError(t, e.call("POST", "/api/v1/appointments/confirm", body, "Idempotency-Key", "k1"), 404, "hold_not_found")
	// The key twice (its 409 was remembered in turn), and the hold.
	if n := e.s.FaultCounts().ByKind[sandbox.FaultForget]; n != 3 {
		t.Errorf("forgot %d things, want 3", n)
	}
}

// Records are not scanned on every change; one made with the clock set
// back is still forgotten on time.
func TestFaultForgetAfterTheClockGoesBack(t *testing.T) {
	e := newEnv(t, sandbox.Options{Faults: mustFaults(t, "forget=2m")})
	slots := e.freeSlots(e.consult, e.paris, 1)
	if r := e.call("POST", "/api/v1/appointments/hold", holdBody(e.consult, e.paris, slots[0].Start), "Idempotency-Key", "k1"); r.status != 201 {
		t.Fatalf("hold: %d", r.status)
	}
	e.clock.Advance(-time.Hour)
	body := holdBody(e.consult, e.paris, slots[1].Start)
	if r := e.call("POST", "/api/v1/appointments/hold", body, "Idempotency-Key", "k2"); r.status != 201 {
		t.Fatalf("hold an hour earlier: %d", r.status)
	}
	e.clock.Advance(2*time.Minute + time.Nanosecond)
	if r := e.call("POST", "/api/v1/appointments/hold", body, "Idempotency-Key", "k2"); r.status != 201 || r.header.Get("Idempotent-Replayed") != "" {
		t.Fatalf("k2 is remembered 2 minutes after its use: %d, replayed %q", r.status, r.header.Get("Idempotent-Replayed"))
	}
}

func TestFaultsEndpoint(t *testing.T) {
	e := newEnv(t, sandbox.Options{Seed: 9, Faults: mustFaults(t, "services:error=1")})
	e.call("GET", "/api/v1/services", nil)
	r := e.callAs("", "GET", "/sandbox/faults", nil)
	var got struct {
		Spec     string `json:"spec"`
		Seed     int64  `json:"seed"`
		Injected struct {
			ByKind     map[string]int            `json:"by_kind"`
			ByEndpoint map[string]map[string]int `json:"by_endpoint"`
		} `json:"injected"`
	}
	r.decode(t, &got)
	if r.status != 200 || got.Spec != "services:error=100%" || got.Seed != 9 ||
		got.Injected.ByKind["error"] != 1 || got.Injected.ByEndpoint["services"]["error"] != 1 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if p := e.s.Faults(); p.String() != "services:error=100%" || p.Seed != 9 {
		t.Errorf("Faults() = %q seed %d", p.String(), p.Seed)
	}
	// The sandbox's own endpoints are never faulted.
	e.s.SetFaults(mustFaults(t, "error=1"))
	if r := e.callAs("", "GET", "/sandbox/faults", nil); r.status != 200 || !json.Valid(r.body) {
		t.Errorf("/sandbox/faults under error=1: %d", r.status)
	}
}
