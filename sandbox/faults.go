package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// FaultSpecHelp documents the fault SPEC language, for --help and README.
const FaultSpecHelp = `A fault SPEC is a comma-separated list of [ENDPOINT:]KIND=VALUE items.
Without ENDPOINT an item applies to every endpoint (the token endpoint
too); an item for one endpoint overrides the general one of its kind.

  latency=D or D1-D2  delay every request by D, or uniformly D1..D2
  error=P             answer 500/502/503/504 before the server acts
  429=P[@D]           answer 429 rate_limited with Retry-After D (1s)
  drop=P              act, then cut the connection: the reply is lost
  error-after=P       act, then answer 500: the reply is lost
  slow=P[@D]          act, then send the reply's body slowly over D (2s)
  forget=D            forget holds D after they expire and idempotency
                      keys D after their first use (default 24h);
                      for every endpoint only

P is a share of requests, 0.05 or 5%; per endpoint the shares of error,
429, drop, error-after and slow add up to at most 100%. D is a Go
duration (250ms, 2s, 1m). Which requests fail is decided by the seed and
by each endpoint's count of requests, so the same seed and the same
requests give the same faults.

ENDPOINT is one of token, organization, locations, services,
availability, hold, release, confirm, reschedule, cancel, appointments
(the list) or appointment (one by id). PATCH of an appointment counts as
reschedule or cancel by its body.

  error=0.1,drop=0.05            10% 5xx and 5% lost replies everywhere
  hold:error=30%,confirm:drop=0.2
  latency=20ms-200ms,429=0.05@2s,token:error=0.2,forget=2m`

// FaultKind is what a fault does.
type FaultKind string

// The kinds of fault; see FaultSpecHelp.
const (
	FaultLatency    FaultKind = "latency"
	FaultError      FaultKind = "error"
	Fault429        FaultKind = "429"
	FaultDrop       FaultKind = "drop"
	FaultErrorAfter FaultKind = "error-after"
	FaultSlow       FaultKind = "slow"
	FaultForget     FaultKind = "forget"
)

// faultKinds in the order a request's one random draw walks the shares.
var (
	faultKinds     = []FaultKind{FaultLatency, FaultError, Fault429, FaultDrop, FaultErrorAfter, FaultSlow, FaultForget}
	outcomeKinds   = []FaultKind{FaultError, Fault429, FaultDrop, FaultErrorAfter, FaultSlow}
	faultEndpoints = []string{"token", "organization", "locations", "services", "availability",
		"hold", "release", "confirm", "reschedule", "cancel", "appointments", "appointment"}
)

// FaultRule is one item of a SPEC.
type FaultRule struct {
	Endpoint string // "" for every endpoint
	Kind     FaultKind
	Rate     float64 // share of requests, 0..1 (not for latency and forget)
	// Min is the latency (Max its upper end), the Retry-After of 429, the
	// time a slow body takes, or the age after which forget forgets.
	Min, Max time.Duration
}

func (r FaultRule) String() string {
	var b strings.Builder
	if r.Endpoint != "" {
		b.WriteString(r.Endpoint + ":")
	}
	b.WriteString(string(r.Kind) + "=")
	switch r.Kind {
	case FaultLatency:
		b.WriteString(r.Min.String())
		if r.Max != r.Min {
			b.WriteString("-" + r.Max.String())
		}
	case FaultForget:
		b.WriteString(r.Min.String())
	default:
		b.WriteString(strconv.FormatFloat(r.Rate*100, 'f', -1, 64) + "%")
		if r.Kind == Fault429 || r.Kind == FaultSlow {
			b.WriteString("@" + r.Min.String())
		}
	}
	return b.String()
}

// FaultPlan is a parsed SPEC: the faults a sandbox injects at random but
// reproducibly. The zero value injects nothing.
type FaultPlan struct {
	Rules []FaultRule
	// Seed picks which requests fail; 0 means Options.Seed.
	Seed int64
}

// String is the plan as a SPEC, "" when it is empty.
func (p FaultPlan) String() string {
	parts := make([]string, len(p.Rules))
	for i, r := range p.Rules {
		parts[i] = r.String()
	}
	return strings.Join(parts, ",")
}

// Empty reports whether the plan injects nothing.
func (p FaultPlan) Empty() bool { return len(p.Rules) == 0 }

// rule is the rule of kind that applies to endpoint: its own, else the
// general one.
func (p FaultPlan) rule(endpoint string, kind FaultKind) (FaultRule, bool) {
	var general *FaultRule
	for i, r := range p.Rules {
		if r.Kind != kind {
			continue
		}
		if r.Endpoint == endpoint {
			return r, true
		}
		if r.Endpoint == "" {
			general = &p.Rules[i]
		}
	}
	if general != nil {
		return *general, true
	}
	return FaultRule{}, false
}

// retention is how long holds (after expiry) and idempotency keys (after
// first use) are kept, and whether a forget rule set it.
func (p FaultPlan) retention() (time.Duration, bool) {
	if r, ok := p.rule("", FaultForget); ok {
		return r.Min, true
	}
	return 24 * time.Hour, false
}

const (
	defaultRetryAfter = time.Second
	defaultSlowBody   = 2 * time.Second
	maxFaultDuration  = 10 * time.Minute
)

// ParseFaults reads a fault SPEC (see FaultSpecHelp). Errors name the item
// at fault and say what would be accepted.
func ParseFaults(spec string) (FaultPlan, error) {
	var p FaultPlan
	if strings.TrimSpace(spec) == "" {
		return p, nil
	}
	seen := map[string]string{}
	for item := range strings.SplitSeq(spec, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			return FaultPlan{}, fmt.Errorf("fault spec %q has an empty item (two commas, or one at an end)", spec)
		}
		r, err := parseFaultItem(item)
		if err != nil {
			return FaultPlan{}, fmt.Errorf("fault %q: %w", item, err)
		}
		id := r.Endpoint + ":" + string(r.Kind)
		if prev, dup := seen[id]; dup {
			return FaultPlan{}, fmt.Errorf("fault %q: %s is already set by %q", item, describe(r), prev)
		}
		seen[id] = item
		p.Rules = append(p.Rules, r)
	}
	for _, ep := range append([]string{""}, faultEndpoints...) {
		var sum float64
		var parts []string
		for _, k := range outcomeKinds {
			if r, ok := p.rule(ep, k); ok && r.Rate > 0 {
				sum += r.Rate
				parts = append(parts, r.String())
			}
		}
		if sum > 1+1e-9 {
			where := "every endpoint"
			if ep != "" {
				where = "endpoint " + ep
			}
			return FaultPlan{}, fmt.Errorf("faults for %s add up to more than 100%% (%s)", where, strings.Join(parts, " + "))
		}
	}
	return p, nil
}

func describe(r FaultRule) string {
	if r.Endpoint == "" {
		return string(r.Kind) + " for every endpoint"
	}
	return string(r.Kind) + " for " + r.Endpoint
}

func parseFaultItem(item string) (FaultRule, error) {
	var r FaultRule
	name, value, ok := strings.Cut(item, "=")
	if !ok {
		return r, errors.New("want [ENDPOINT:]KIND=VALUE, like error=0.1 or hold:drop=5%")
	}
	kind := name
	if ep, k, scoped := strings.Cut(name, ":"); scoped {
		ep = strings.TrimSpace(ep)
		if !slices.Contains(faultEndpoints, ep) {
			return r, fmt.Errorf("unknown endpoint %q; endpoints: %s", ep, strings.Join(faultEndpoints, ", "))
		}
		r.Endpoint, kind = ep, k
	}
	r.Kind = FaultKind(strings.TrimSpace(kind))
	value = strings.TrimSpace(value)
	switch r.Kind {
	case FaultLatency:
		lo, hi, ranged := strings.Cut(value, "-")
		var err error
		if r.Min, err = parseFaultDuration(lo); err != nil {
			return r, err
		}
		r.Max = r.Min
		if ranged {
			if r.Max, err = parseFaultDuration(hi); err != nil {
				return r, err
			}
			if r.Max < r.Min {
				return r, fmt.Errorf("the latency range %s runs backwards; write the shorter first", value)
			}
		}
	case FaultForget:
		if r.Endpoint != "" {
			return r, errors.New("forget applies to every endpoint; drop the endpoint")
		}
		var err error
		if r.Min, err = parseFaultDuration(value); err != nil {
			return r, err
		}
	case FaultError, FaultDrop, FaultErrorAfter, Fault429, FaultSlow:
		rate, d, timed := strings.Cut(value, "@")
		var err error
		if r.Rate, err = parseRate(rate); err != nil {
			return r, err
		}
		switch {
		case timed && r.Kind != Fault429 && r.Kind != FaultSlow:
			return r, fmt.Errorf("%s takes no @DURATION; only 429 (Retry-After) and slow (body time) do", r.Kind)
		case timed:
			if r.Min, err = parseFaultDuration(d); err != nil {
				return r, err
			}
		case r.Kind == Fault429:
			r.Min = defaultRetryAfter
		case r.Kind == FaultSlow:
			r.Min = defaultSlowBody
		}
		if r.Kind == Fault429 && r.Min%time.Second != 0 {
			return r, fmt.Errorf("Retry-After is in whole seconds, got %s", r.Min)
		}
	default:
		names := make([]string, len(faultKinds))
		for i, k := range faultKinds {
			names[i] = string(k)
		}
		return r, fmt.Errorf("unknown kind %q; kinds: %s", r.Kind, strings.Join(names, ", "))
	}
	r.Max = max(r.Max, r.Min)
	return r, nil
}

func parseRate(v string) (float64, error) {
	num, percent := strings.CutSuffix(strings.TrimSpace(v), "%")
	f, err := strconv.ParseFloat(num, 64)
	if percent {
		f /= 100
	}
	if err != nil || math.IsNaN(f) || f < 0 || f > 1 {
		return 0, fmt.Errorf("want a share of requests from 0 to 1 (or 0%% to 100%%), got %q", v)
	}
	return f, nil
}

func parseFaultDuration(v string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(v))
	switch {
	case err != nil:
		return 0, fmt.Errorf("want a duration like 250ms, 2s or 1m, got %q", v)
	case d < 0:
		return 0, fmt.Errorf("a duration cannot be negative, got %q", v)
	case d > maxFaultDuration:
		return 0, fmt.Errorf("at most %s, got %q", maxFaultDuration, v)
	}
	return d, nil
}

// faultEndpoint names the endpoint a request counts as in a SPEC; "" for
// the sandbox's own extensions, which are never faulted.
func faultEndpoint(rt *route, body []byte) string {
	switch rt.name {
	case "outbox", "faults":
		return ""
	case "hold.create":
		return "hold"
	case "hold.release":
		return "release"
	case "appointments.confirm":
		return "confirm"
	case "appointments.reschedule":
		return "reschedule"
	case "appointments.cancel":
		return "cancel"
	case "appointments.list":
		return "appointments"
	case "appointments.get":
		return "appointment"
	case "appointments.patch":
		var req struct {
			AppointmentTime string `json:"appointment_time"`
			Status          string `json:"status"`
		}
		_ = json.Unmarshal(body, &req) // a bad body stays "appointment"
		switch {
		case req.AppointmentTime != "":
			return "reschedule"
		case req.Status != "":
			return "cancel"
		}
		return "appointment"
	}
	return rt.name
}

// faultDecision is what the plan does to one request.
type faultDecision struct {
	endpoint string
	latency  time.Duration
	kind     FaultKind // one of outcomeKinds, or ""
	status   int       // of error
	wait     time.Duration
}

// decide draws the faults of the n-th request to endpoint. The draws hash
// the seed, the endpoint and n, so they do not depend on how requests to
// other endpoints interleave.
func (p FaultPlan) decide(seed int64, endpoint string, n uint64) faultDecision {
	d := faultDecision{endpoint: endpoint}
	if lat, ok := p.rule(endpoint, FaultLatency); ok {
		d.latency = lat.Min + time.Duration(draw(seed, endpoint, n, 1)*float64(lat.Max-lat.Min))
	}
	u := draw(seed, endpoint, n, 2)
	for _, k := range outcomeKinds {
		r, ok := p.rule(endpoint, k)
		if !ok {
			continue
		}
		if u < r.Rate {
			d.kind, d.wait = k, r.Min
			break
		}
		u -= r.Rate
	}
	if d.kind == FaultError {
		statuses := []int{http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout}
		d.status = statuses[int(draw(seed, endpoint, n, 3)*float64(len(statuses)))]
	}
	return d
}

// draw is a uniform number in [0, 1) from its arguments alone (splitmix64).
func draw(seed int64, endpoint string, n, salt uint64) float64 {
	h := fnv.New64a()
	h.Write([]byte(endpoint))
	x := mix64(mix64(mix64(uint64(seed)^h.Sum64())^n) ^ salt)
	return float64(x>>11) / (1 << 53)
}

func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// InjectedFaults counts the faults a plan injected.
type InjectedFaults struct {
	ByKind     map[FaultKind]int            `json:"by_kind"`
	ByEndpoint map[string]map[FaultKind]int `json:"by_endpoint"`
}

func (f *InjectedFaults) add(endpoint string, kind FaultKind, n int) {
	if f.ByKind == nil {
		f.ByKind, f.ByEndpoint = map[FaultKind]int{}, map[string]map[FaultKind]int{}
	}
	f.ByKind[kind] += n
	if endpoint == "" {
		endpoint = "*"
	}
	if f.ByEndpoint[endpoint] == nil {
		f.ByEndpoint[endpoint] = map[FaultKind]int{}
	}
	f.ByEndpoint[endpoint][kind] += n
}

func (f InjectedFaults) clone() InjectedFaults {
	out := InjectedFaults{ByKind: map[FaultKind]int{}, ByEndpoint: map[string]map[FaultKind]int{}}
	for k, v := range f.ByKind {
		out.ByKind[k] = v
	}
	for ep, m := range f.ByEndpoint {
		out.ByEndpoint[ep] = map[FaultKind]int{}
		for k, v := range m {
			out.ByEndpoint[ep][k] = v
		}
	}
	return out
}

// planFaults decides, under s.mu, what the plan does to this request, and
// counts it.
func (s *Server) planFaults(rt *route, body []byte) faultDecision {
	if s.plan.Empty() {
		return faultDecision{}
	}
	ep := faultEndpoint(rt, body)
	if ep == "" {
		return faultDecision{}
	}
	n := s.faultSeq[ep]
	s.faultSeq[ep]++
	d := s.plan.decide(s.faultSeed(), ep, n)
	if d.latency > 0 {
		s.injected.add(ep, FaultLatency, 1)
	}
	if d.kind != "" {
		s.injected.add(ep, d.kind, 1)
	}
	return d
}

func (s *Server) faultSeed() int64 {
	if s.plan.Seed != 0 {
		return s.plan.Seed
	}
	return s.opts.Seed
}

// sleep waits d unless the client goes away first.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// faultBefore answers in place of the server, which does not act.
func faultBefore(w http.ResponseWriter, rt *route, d faultDecision) {
	status := d.status
	if d.kind == Fault429 {
		status = http.StatusTooManyRequests
		w.Header().Set("Retry-After", strconv.Itoa(int(d.wait/time.Second)))
	}
	writeFault(w, rt, status, "injected fault: "+http.StatusText(status))
}

// writeFault answers status in the body shape of the endpoint: OAuth's at
// the token endpoint, the canonical one elsewhere.
func writeFault(w http.ResponseWriter, rt *route, status int, msg string) {
	if rt.name == "token" {
		code := "temporarily_unavailable"
		if status == http.StatusTooManyRequests {
			code = "slow_down"
		}
		writeRendered(w, render(0, nil, &oauthError{status, code, msg}))
		return
	}
	writeError(w, errorf(status, codeForStatus(status), "%s", msg))
}

// writeSlowly sends out with its body trickled over d in ten pieces.
func writeSlowly(ctx context.Context, w http.ResponseWriter, out rendered, d time.Duration) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	if out.body == nil {
		if sleep(ctx, d) {
			w.WriteHeader(out.status)
		}
		return
	}
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(out.body)))
	w.WriteHeader(out.status)
	rc := http.NewResponseController(w)
	const pieces = 10
	body := out.body
	for i := range pieces {
		n := len(body) / (pieces - i)
		if _, err := w.Write(body[:n]); err != nil {
			return
		}
		body = body[n:]
		_ = rc.Flush()
		if i < pieces-1 && !sleep(ctx, d/pieces) {
			return
		}
	}
}

// SetFaults replaces the fault plan; each endpoint's request count starts
// again, so the new plan's faults are reproducible on their own.
func (s *Server) SetFaults(p FaultPlan) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.plan = p
	s.faulty.Store(!p.Empty())
	clear(s.faultSeq)
}

// Faults returns the fault plan in force.
func (s *Server) Faults() FaultPlan {
	s.mu.Lock()
	defer s.mu.Unlock()
	return FaultPlan{Rules: slices.Clone(s.plan.Rules), Seed: s.faultSeed()}
}

// FaultCounts returns how many faults the plan has injected, by kind and
// by endpoint.
func (s *Server) FaultCounts() InjectedFaults {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.injected.clone()
}

type faultsJSON struct {
	Spec     string         `json:"spec"`
	Seed     int64          `json:"seed"`
	Injected InjectedFaults `json:"injected"`
}

// getFaults serves GET /sandbox/faults: the plan and what it injected.
func (s *Server) getFaults(c *call) (int, any, error) {
	return http.StatusOK, faultsJSON{Spec: s.plan.String(), Seed: s.faultSeed(), Injected: s.injected.clone()}, nil
}

// forget applies a forget fault before a call: what is older than keep is
// gone by the time the call looks.
func (s *Server) forget(c *call, keep time.Duration) {
	holds, keys := s.st.prune(c.now, keep)
	if holds+keys == 0 {
		return
	}
	s.injected.add("", FaultForget, holds+keys)
	s.version++
	c.changed = true
}
