package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// sandboxConfig is the sandbox throughput run.
type sandboxConfig struct {
	window  time.Duration // each timed phase
	workers int           // load client goroutines, one connection each
	days    []int         // availability windows read, one phase each
	slots   int           // slots the hold storm fights over
}

// quickSandbox is the CI form: every phase, briefly.
var quickSandbox = sandboxConfig{window: 300 * time.Millisecond, workers: 4, days: []int{30}, slots: 2}

// sandboxPhase is one timed phase of load.
type sandboxPhase struct {
	name   string
	lat    []time.Duration // of the phase's main call
	other  []time.Duration // of its second call (a hold's release), if any
	ok     int64           // main calls answered as wanted
	lost   int64           // storm holds refused with 409
	errs   int64           // anything else
	bytes  int64           // response bytes read
	span   time.Duration
	cpu    time.Duration // the sandbox's
	client time.Duration // the load client's (the harness's)
	busy   float64       // the machine's busy cores, everyone's
}

func (p sandboxPhase) rate() float64 {
	if p.span <= 0 {
		return 0
	}
	return float64(p.ok) / p.span.Seconds()
}

// ownCores is the rate 2 cores would give the sandbox and its client with
// nobody else on the machine: 2 s of CPU a second over the CPU a call.
func (p sandboxPhase) ownCores() float64 {
	if len(p.lat) == 0 || p.cpu+p.client <= 0 {
		return 0
	}
	return 2 * float64(len(p.lat)) / (p.cpu + p.client).Seconds()
}

// stormSlot is one slot of the hold storm and what became of it.
type stormSlot struct {
	start    time.Time
	capacity int
	won      int // holds granted in the final race
	listed   int // confirmed appointments the API lists on it afterwards
	offered  int // capacity_left availability shows afterwards
}

type sandboxResult struct {
	cfg      sandboxConfig
	cmd      string
	at       time.Time
	took     time.Duration
	reads    []sandboxPhase // one per window in cfg.days
	bodySize map[int]int    // days -> bytes of one availability answer
	holds    sandboxPhase
	churn    sandboxPhase // storm: hold and release at once
	storm    []stormSlot
	final    sandboxPhase // storm: everyone tries every slot once, nothing released
	// overMoments counts the times the load client saw a slot hold more
	// than its capacity during the churn (its count lags the sandbox's
	// grants and leads its releases, so it can only undercount).
	overMoments  int64
	stormService string
	holdService  string
	errors       []string // the first few unexpected answers
}

// overCapacity is every slot over capacity the run saw.
func (sr *sandboxResult) overCapacity() int {
	n := int(sr.overMoments)
	for _, sl := range sr.storm {
		if sl.won > sl.capacity || sl.listed > sl.capacity {
			n++
		}
	}
	return n
}

// sandboxProc is a running `zimun sandbox`.
type sandboxProc struct {
	cmd     *exec.Cmd
	base    string
	exited  chan struct{}
	http    *http.Client
	bufs    sync.Pool // of *[]byte, for discard
	token   string
	service struct{ hold, storm, read serviceRef }
}

type serviceRef struct {
	id, location, name string
	capacity, minutes  int
}

var sandboxListening = regexp.MustCompile(`(?m)^Zimun sandbox\s+(http://\S+)`)

func (s *suite) startSandbox(workers int) (*sandboxProc, []string, error) {
	home, err := s.home()
	if err != nil {
		return nil, nil, err
	}
	args := []string{"sandbox", "--listen", "127.0.0.1:0", "--rate-limit", "0", "--client-id", sandboxID, "--client-secret", sandboxSecret}
	outPath := filepath.Join(home, "sandbox.out")
	out, err := os.Create(outPath)
	if err != nil {
		return nil, nil, err
	}
	defer out.Close()
	cmd := exec.Command(s.cfg.zimun, args...)
	cmd.Env = append(append(baseEnv(home), "LANG=C.UTF-8"), s.cfg.zimunEnv...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = home, out, out
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	p := &sandboxProc{cmd: cmd, exited: make(chan struct{}), http: &http.Client{
		Timeout: time.Minute,
		Transport: &http.Transport{MaxIdleConns: workers + 4, MaxIdleConnsPerHost: workers + 4,
			DisableCompression: true, IdleConnTimeout: time.Minute, ReadBufferSize: 64 << 10},
	}}
	p.bufs.New = func() any { b := make([]byte, 64<<10); return &b }
	go func() {
		_ = cmd.Wait()
		close(p.exited)
	}()
	for deadline := time.Now().Add(frameTimeout); p.base == ""; time.Sleep(20 * time.Millisecond) {
		b, _ := os.ReadFile(outPath)
		if m := sandboxListening.FindSubmatch(b); m != nil {
			p.base = string(m[1])
		}
		select {
		case <-p.exited:
			return nil, nil, fmt.Errorf("zimun sandbox exited: %s", tail(string(b), 2000))
		default:
		}
		if p.base == "" && time.Now().After(deadline) {
			p.stop()
			return nil, nil, fmt.Errorf("zimun sandbox not listening after %s: %s", frameTimeout, tail(string(b), 2000))
		}
	}
	return p, args, nil
}

func (p *sandboxProc) stop() {
	p.http.CloseIdleConnections()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
	case <-time.After(15 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
}

func (p *sandboxProc) cpu() (time.Duration, error) { return procCPU(strconv.Itoa(p.cmd.Process.Pid)) }

// call sends one request with the token and reads the whole answer into
// into (nil: discarded); it returns the status and the bytes read.
func (p *sandboxProc) call(method, path string, body any, key string, into any) (int, int64, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, 0, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, p.base+path, rd)
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Authorization", "Bearer "+p.token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	resp, err := p.http.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	if into == nil || resp.StatusCode >= 300 {
		n, err := p.discard(resp.Body)
		return resp.StatusCode, n, err
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, int64(len(b)), err
	}
	return resp.StatusCode, int64(len(b)), json.Unmarshal(b, into)
}

// discard reads r to its end in 64 KiB reads: io.Discard's 8 KiB ones
// would cost the client (and so the sandbox, on the same cores) a dozen
// system calls for a 90-day answer.
func (p *sandboxProc) discard(r io.Reader) (int64, error) {
	buf := p.bufs.Get().(*[]byte)
	defer p.bufs.Put(buf)
	var total int64
	for {
		n, err := r.Read(*buf)
		total += int64(n)
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

// login gets the one token every worker shares, by client credentials.
func (p *sandboxProc) login() error {
	req, err := http.NewRequest("POST", p.base+"/oauth/token", strings.NewReader("grant_type=client_credentials"))
	if err != nil {
		return err
	}
	req.SetBasicAuth(sandboxID, sandboxSecret)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := p.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || resp.StatusCode != 200 || tok.AccessToken == "" {
		return fmt.Errorf("token: status %d, %v", resp.StatusCode, err)
	}
	p.token = tok.AccessToken
	return nil
}

// catalogue picks the services: holds on a capacity-1 service, the storm
// on one with a capacity above 1 (both at the first location offering
// them), reads of the first location's first service, as the demo opens.
func (p *sandboxProc) catalogue() error {
	var svcs struct {
		Items []struct {
			ID          string   `json:"id"`
			Name        string   `json:"name"`
			Minutes     int      `json:"duration_minutes"`
			Capacity    int      `json:"capacity"`
			LocationIDs []string `json:"location_ids"`
		} `json:"items"`
	}
	if st, _, err := p.call("GET", "/api/v1/services?page_size=200", nil, "", &svcs); err != nil || st != 200 {
		return fmt.Errorf("services: status %d, %v", st, err)
	}
	for _, sv := range svcs.Items {
		if len(sv.LocationIDs) == 0 {
			continue
		}
		ref := serviceRef{id: sv.ID, location: sv.LocationIDs[0], name: sv.Name, capacity: sv.Capacity, minutes: sv.Minutes}
		if p.service.read.id == "" {
			p.service.read = ref
		}
		if sv.Capacity == 1 && p.service.hold.id == "" {
			p.service.hold = ref
		}
		if sv.Capacity > 1 && p.service.storm.id == "" {
			p.service.storm = ref
		}
	}
	if p.service.hold.id == "" || p.service.storm.id == "" {
		return errors.New("the sandbox has no service of capacity 1 and none above 1")
	}
	return nil
}

type availabilityAnswer struct {
	Days []struct {
		Slots []struct {
			Start        time.Time `json:"start"`
			CapacityLeft int       `json:"capacity_left"`
		} `json:"slots"`
	} `json:"days"`
}

func availabilityPath(svc serviceRef, days int) string {
	q := url.Values{"service_id": {svc.id}, "location_id": {svc.location}, "days_ahead": {strconv.Itoa(days)}}
	return "/api/v1/availability?" + q.Encode()
}

// freeSlots are svc's slots from tomorrow on with every place free.
func (p *sandboxProc) freeSlots(svc serviceRef) ([]time.Time, error) {
	var a availabilityAnswer
	if st, _, err := p.call("GET", availabilityPath(svc, 90), nil, "", &a); err != nil || st != 200 {
		return nil, fmt.Errorf("availability: status %d, %v", st, err)
	}
	tomorrow := time.Now().Add(24 * time.Hour)
	var out []time.Time
	for _, d := range a.Days {
		for _, sl := range d.Slots {
			if sl.CapacityLeft == svc.capacity && sl.Start.After(tomorrow) {
				out = append(out, sl.Start)
			}
		}
	}
	return out, nil
}

// holdBody asks for svc at t.
func holdBody(svc serviceRef, t time.Time) map[string]any {
	return map[string]any{"service_id": svc.id, "location_id": svc.location,
		"appointment_time": t.UTC().Format(time.RFC3339), "appointment_duration": svc.minutes}
}

// worker is one load goroutine's tally; merged into the phase at the end.
type worker struct {
	lat, other           []time.Duration
	ok, lost, errs, read int64
	firstErr             string
}

func (w *worker) fail(format string, args ...any) {
	w.errs++
	if w.firstErr == "" {
		w.firstErr = fmt.Sprintf(format, args...)
	}
}

// phase runs op on every worker until the window closes (or until op
// says it is done), measuring the sandbox's CPU, the client's and the
// machine's over it.
func (s *suite) sandboxPhase(p *sandboxProc, sr *sandboxResult, name string, window time.Duration, op func(w *worker, id int) bool) (sandboxPhase, error) {
	ph := sandboxPhase{name: name}
	ws := make([]worker, sr.cfg.workers)
	c0, err := p.cpu()
	if err != nil {
		return ph, err
	}
	l0, _ := procCPU("self")
	m0 := machineCPU()
	t0 := time.Now()
	deadline := t0.Add(window)
	var g sync.WaitGroup
	for i := range ws {
		g.Go(func() {
			for time.Now().Before(deadline) && op(&ws[i], i) {
			}
		})
	}
	g.Wait()
	ph.span = time.Since(t0)
	c1, err := p.cpu()
	if err != nil {
		return ph, err
	}
	l1, _ := procCPU("self")
	ph.cpu, ph.client, ph.busy = c1-c0, l1-l0, machineCPU().busySince(m0)
	for _, w := range ws {
		ph.lat, ph.other = append(ph.lat, w.lat...), append(ph.other, w.other...)
		ph.ok, ph.lost, ph.errs, ph.bytes = ph.ok+w.ok, ph.lost+w.lost, ph.errs+w.errs, ph.bytes+w.read
		if w.firstErr != "" && len(sr.errors) < 5 {
			sr.errors = append(sr.errors, name+": "+w.firstErr)
		}
	}
	s.logf("sandbox: %s: %d ok (%.0f/s), p50 %s, p99 %s, %d refused, %d errors, sandbox CPU %.0f%%, client %.0f%%, machine %.2f cores",
		name, ph.ok, ph.rate(), ms(quantile(ph.lat, 0.5)), ms(quantile(ph.lat, 0.99)), ph.lost, ph.errs,
		100*ph.cpu.Seconds()/ph.span.Seconds(), 100*ph.client.Seconds()/ph.span.Seconds(), ph.busy)
	return ph, nil
}

func (s *suite) measureSandbox(r *results) error {
	sc := s.cfg.sandbox
	if s.cfg.quick {
		sc = quickSandbox
	}
	if sc.workers < 1 || sc.slots < 1 || len(sc.days) == 0 {
		return errors.New("-sandbox-workers and -sandbox-slots must be at least 1, -sandbox-days name a window")
	}
	for _, d := range sc.days {
		if d < 1 || d > 90 {
			return fmt.Errorf("-sandbox-days %d: want 1..90", d)
		}
	}
	started := time.Now()
	// As for the kiosk: the load client's garbage collections share the
	// sandbox's cores.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	p, args, err := s.startSandbox(sc.workers)
	if err != nil {
		return err
	}
	defer p.stop()
	sr := &sandboxResult{cfg: sc, at: started, cmd: "zimun " + strings.Join(args, " "), bodySize: map[int]int{}}
	r.sandbox = sr
	if err := p.login(); err != nil {
		return err
	}
	if err := p.catalogue(); err != nil {
		return err
	}
	sr.holdService, sr.stormService = p.service.hold.name, p.service.storm.name

	// Reads: one token, every worker asking for the same window again
	// and again, as many calendars opening on the same service would.
	for _, days := range sc.days {
		path := availabilityPath(p.service.read, days)
		var a availabilityAnswer
		st, n, err := p.call("GET", path, nil, "", &a)
		if err != nil || st != 200 || len(a.Days) != days {
			return fmt.Errorf("availability, %d days: status %d, %d days, %v", days, st, len(a.Days), err)
		}
		sr.bodySize[days] = int(n)
		ph, err := s.sandboxPhase(p, sr, fmt.Sprintf("availability reads, %d days (%s)", days, p.service.read.name), sc.window,
			func(w *worker, _ int) bool {
				t := time.Now()
				st, n, err := p.call("GET", path, nil, "", nil)
				switch {
				case err != nil:
					w.fail("%v", err)
				case st != 200:
					w.fail("status %d", st)
				default:
					w.lat, w.ok, w.read = append(w.lat, time.Since(t)), w.ok+1, w.read+n
				}
				return true
			})
		if err != nil {
			return err
		}
		sr.reads = append(sr.reads, ph)
	}

	// Holds: each worker holds slots of its own (so none is refused)
	// and releases each at once, so capacity frees again.
	free, err := p.freeSlots(p.service.hold)
	if err != nil {
		return err
	}
	if len(free) < sc.workers {
		return fmt.Errorf("%d free slots of %s for %d workers", len(free), p.service.hold.name, sc.workers)
	}
	var seq atomic.Int64
	key := func() string { return "bench-" + strconv.FormatInt(seq.Add(1), 10) }
	next := make([]int, sc.workers)
	sr.holds, err = s.sandboxPhase(p, sr, fmt.Sprintf("hold and release (%s, capacity 1)", p.service.hold.name), sc.window,
		func(w *worker, id int) bool {
			slot := free[id+next[id]*sc.workers]
			if next[id]++; id+next[id]*sc.workers >= len(free) {
				next[id] = 0
			}
			var h struct {
				HoldID string `json:"hold_id"`
			}
			t := time.Now()
			st, _, err := p.call("POST", "/api/v1/appointments/hold", holdBody(p.service.hold, slot), key(), &h)
			if err != nil || st != 201 {
				w.fail("hold: status %d, %v", st, err)
				return true
			}
			w.lat, w.ok = append(w.lat, time.Since(t)), w.ok+1
			t = time.Now()
			if st, _, err := p.call("DELETE", "/api/v1/appointments/hold/"+h.HoldID, nil, "", nil); err != nil || st != 204 {
				w.fail("release: status %d, %v", st, err)
				return true
			}
			w.other = append(w.other, time.Since(t))
			return true
		})
	if err != nil {
		return err
	}

	if err := s.holdStorm(p, sr, key); err != nil {
		return err
	}
	sr.took = time.Since(started)
	if s.cfg.quick && (sr.overCapacity() > 0 || len(sr.errors) > 0) {
		return fmt.Errorf("%d over capacity; errors: %s", sr.overCapacity(), strings.Join(sr.errors, "; "))
	}
	return nil
}

// holdStorm sets every worker on the same few slots: first holding and
// releasing at random for the window, watching that no slot ever holds
// more than its capacity; then each worker tries every slot once without
// releasing, the winners confirm, and the API's own lists are counted.
func (s *suite) holdStorm(p *sandboxProc, sr *sandboxResult, key func() string) error {
	sc, svc := sr.cfg, p.service.storm
	free, err := p.freeSlots(svc)
	if err != nil {
		return err
	}
	if len(free) < sc.slots {
		return fmt.Errorf("%d free slots of %s for a storm on %d", len(free), svc.name, sc.slots)
	}
	// Every other free slot, so two storm slots never overlap.
	for i := 0; i < sc.slots; i++ {
		sr.storm = append(sr.storm, stormSlot{start: free[min(2*i, len(free)-1)], capacity: svc.capacity})
	}
	slices.SortFunc(sr.storm, func(a, b stormSlot) int { return a.start.Compare(b.start) })
	sr.storm = slices.CompactFunc(sr.storm, func(a, b stormSlot) bool { return a.start.Equal(b.start) })
	held := make([]atomic.Int64, len(sr.storm))
	var over atomic.Int64
	hold := func(w *worker, i int) (string, bool) {
		var h struct {
			HoldID string `json:"hold_id"`
		}
		t := time.Now()
		st, _, err := p.call("POST", "/api/v1/appointments/hold", holdBody(svc, sr.storm[i].start), key(), &h)
		d := time.Since(t)
		switch {
		case err == nil && st == 201:
			w.lat, w.ok = append(w.lat, d), w.ok+1
			return h.HoldID, true
		case err == nil && st == 409:
			w.lat, w.lost = append(w.lat, d), w.lost+1
		default:
			w.fail("hold: status %d, %v", st, err)
		}
		return "", false
	}
	// Each worker keeps what it won while it tries again, then lets it go.
	type kept struct {
		slot int
		hold string
	}
	keeping := make([]*kept, sc.workers)
	release := func(w *worker, k *kept) {
		held[k.slot].Add(-1)
		if st, _, err := p.call("DELETE", "/api/v1/appointments/hold/"+k.hold, nil, "", nil); err != nil || st != 204 {
			w.fail("release: status %d, %v", st, err)
		}
	}
	sr.churn, err = s.sandboxPhase(p, sr, fmt.Sprintf("hold storm: %d workers on %d slots of capacity %d, each keeping what it won until its next try", sc.workers, len(sr.storm), svc.capacity), sc.window,
		func(w *worker, id int) bool {
			i := rand.N(len(sr.storm))
			h, won := hold(w, i)
			if won && held[i].Add(1) > int64(sr.storm[i].capacity) {
				over.Add(1)
			}
			if keeping[id] != nil {
				release(w, keeping[id])
				keeping[id] = nil
			}
			if won {
				keeping[id] = &kept{i, h}
			}
			return true
		})
	if err != nil {
		return err
	}
	var after worker
	for _, k := range keeping {
		if k != nil {
			release(&after, k)
		}
	}
	if after.errs > 0 {
		sr.errors = append(sr.errors, "storm: "+after.firstErr)
	}
	sr.overMoments = over.Load()

	// The final race: every worker tries every slot once, in its own
	// order, and keeps what it wins.
	var mu sync.Mutex
	var won []kept
	sr.final, err = s.sandboxPhase(p, sr, "hold storm, final race: every worker tries each slot once, nothing released", time.Minute,
		func(w *worker, _ int) bool {
			for _, i := range rand.Perm(len(sr.storm)) {
				if id, ok := hold(w, i); ok {
					mu.Lock()
					won = append(won, kept{i, id})
					sr.storm[i].won++
					mu.Unlock()
				}
			}
			return false
		})
	if err != nil {
		return err
	}
	for n, h := range won {
		body := map[string]string{"hold_id": h.hold, "contact_name": "Bench " + strconv.Itoa(n), "contact_email": fmt.Sprintf("bench%d@example.com", n)}
		if st, _, err := p.call("POST", "/api/v1/appointments/confirm", body, key(), nil); err != nil || st != 201 {
			return fmt.Errorf("confirm: status %d, %v", st, err)
		}
	}
	// What the API itself says now: the confirmed appointments on each
	// slot, and what availability offers there.
	first, last := sr.storm[0].start, sr.storm[len(sr.storm)-1].start
	q := url.Values{"from": {first.UTC().Format(time.RFC3339)}, "to": {last.Add(time.Minute).UTC().Format(time.RFC3339)},
		"status": {"confirmed"}, "page_size": {"200"}}
	for token := ""; ; {
		if token != "" {
			q.Set("page_token", token)
		}
		var page struct {
			Items []struct {
				ServiceID string    `json:"service_id"`
				Location  string    `json:"location_id"`
				Time      time.Time `json:"appointment_time"`
			} `json:"items"`
			Next string `json:"next_page_token"`
		}
		if st, _, err := p.call("GET", "/api/v1/appointments?"+q.Encode(), nil, "", &page); err != nil || st != 200 {
			return fmt.Errorf("appointments: status %d, %v", st, err)
		}
		for _, a := range page.Items {
			for i := range sr.storm {
				if a.ServiceID == svc.id && a.Location == svc.location && a.Time.Equal(sr.storm[i].start) {
					sr.storm[i].listed++
				}
			}
		}
		if token = page.Next; token == "" {
			break
		}
	}
	var a availabilityAnswer
	if st, _, err := p.call("GET", availabilityPath(svc, 90), nil, "", &a); err != nil || st != 200 {
		return fmt.Errorf("availability after the storm: status %d, %v", st, err)
	}
	for _, d := range a.Days {
		for _, sl := range d.Slots {
			for i := range sr.storm {
				if sl.Start.Equal(sr.storm[i].start) {
					sr.storm[i].offered = sl.CapacityLeft
				}
			}
		}
	}
	return nil
}
