package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// kioskConfig is the kiosk capacity run.
type kioskConfig struct {
	sessions int           // at once
	rate     float64       // new sessions a second while they ramp up
	window   time.Duration // each steady phase
	cycles   int           // connect/disconnect cycles
	workers  int           // cycles at once
	profiles string        // save heap and goroutine profiles of each phase here
	env      []string      // extra environment for the kiosk, e.g. GOGC=50
}

// kioskStats is one look at the kiosk process.
type kioskStats struct {
	sessions, goroutines, fds, threads int
	rss                                uint64 // bytes
	heap, stacks                       uint64 // in use after a GC
	keyToFrame                         keyToFrame
}

// keyToFrame is the kiosk's own account: key read to frame written.
type keyToFrame struct {
	Count int64   `json:"count"`
	P50   float64 `json:"p50_ms"`
	P99   float64 `json:"p99_ms"`
	Max   float64 `json:"max_ms"`
}

func (st kioskStats) mem() uint64 { return st.heap + st.stacks }

// kioskPhase is a steady state: every session on one screen, pressing a
// key a second (or not).
type kioskPhase struct {
	name   string
	stats  kioskStats
	cpu    time.Duration // server CPU over span
	client time.Duration // the load client's (the harness's) CPU over span
	busy   float64       // the machine's busy cores over span, everyone's
	span   time.Duration
	keys   []time.Duration
	late   int64
	sent   int64
}

type kioskResult struct {
	cfg kioskConfig
	cmd string // how the kiosk was started
	// calendarKeys are a day on and back inside the opening day's month.
	calendarKeys [2]string
	at           time.Time // when the run started
	took         time.Duration
	base         kioskStats // after a warm-up, no session
	connect      []time.Duration
	change       []time.Duration // enter → the next screen, every session at once
	phases       []kioskPhase
	after        kioskStats // every session gone
	queries      int64
	refused      int // sessions that could not connect in the ramp
	cycles       []kioskStats
	cycleLat     []time.Duration
	done         int // cycles done
}

// kioskServer is a running zimun kiosk.
type kioskServer struct {
	cmd    *exec.Cmd
	addr   string
	debug  string
	log    string
	exited chan struct{}
	http   *http.Client
}

var (
	kioskListening = regexp.MustCompile(`msg="kiosk listening" addr=(\S+)`)
	debugListening = regexp.MustCompile(`msg="debug listening" addr=(\S+)`)
)

func (s *suite) startKiosk(sessions int) (*kioskServer, []string, error) {
	home, err := s.home()
	if err != nil {
		return nil, nil, err
	}
	args := []string{"kiosk", "--listen", "127.0.0.1:0", "--max-sessions", strconv.Itoa(sessions),
		"--connects-per-minute", "0", "--debug-addr", "127.0.0.1:0", "--host-key", filepath.Join(home, "host_key")}
	logPath := filepath.Join(home, "kiosk.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, nil, err
	}
	defer logFile.Close()
	cmd := exec.Command(s.cfg.zimun, args...)
	cmd.Env = append(append(baseEnv(home), "LANG=C.UTF-8"), s.cfg.zimunEnv...)
	cmd.Env = append(cmd.Env, s.cfg.kiosk.env...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = home, logFile, logFile
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	k := &kioskServer{cmd: cmd, log: logPath, exited: make(chan struct{}), http: &http.Client{Timeout: 5 * time.Minute}}
	go func() {
		_ = cmd.Wait()
		close(k.exited)
	}()
	for deadline := time.Now().Add(frameTimeout); k.addr == "" || k.debug == ""; time.Sleep(20 * time.Millisecond) {
		b, _ := os.ReadFile(logPath)
		if m := kioskListening.FindSubmatch(b); m != nil {
			k.addr = string(m[1])
		}
		if m := debugListening.FindSubmatch(b); m != nil {
			k.debug = string(m[1])
		}
		select {
		case <-k.exited:
			return nil, nil, fmt.Errorf("zimun kiosk exited: %s", tail(string(b), 2000))
		default:
		}
		if time.Now().After(deadline) {
			k.stop()
			return nil, nil, fmt.Errorf("zimun kiosk not listening after %s: %s", frameTimeout, tail(string(b), 2000))
		}
	}
	return k, args, nil
}

func (k *kioskServer) stop() {
	_ = k.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-k.exited:
	case <-time.After(15 * time.Second):
		_ = k.cmd.Process.Kill()
		<-k.exited
	}
}

// resetKeys starts the kiosk's key-to-frame figures afresh.
func (k *kioskServer) resetKeys() error {
	resp, err := k.http.Get("http://" + k.debug + "/debug/stats?reset=1")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// stats looks at the process: the kiosk's own account (after a GC) and
// the kernel's.
func (k *kioskServer) stats() (kioskStats, error) {
	resp, err := k.http.Get("http://" + k.debug + "/debug/stats?gc=1")
	if err != nil {
		return kioskStats{}, err
	}
	defer resp.Body.Close()
	var ks struct {
		Sessions   int        `json:"sessions"`
		Goroutines int        `json:"goroutines"`
		HeapInuse  uint64     `json:"heap_inuse"`
		StackInuse uint64     `json:"stack_inuse"`
		KeyToFrame keyToFrame `json:"key_to_frame"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&ks); err != nil {
		return kioskStats{}, fmt.Errorf("/debug/stats: %w", err)
	}
	st := kioskStats{sessions: ks.Sessions, goroutines: ks.Goroutines, heap: ks.HeapInuse, stacks: ks.StackInuse, keyToFrame: ks.KeyToFrame}
	pid := k.cmd.Process.Pid
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return kioskStats{}, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 2 && f[0] == "VmRSS:":
			kb, _ := strconv.ParseUint(f[1], 10, 64)
			st.rss = kb * 1024
		case len(f) >= 2 && f[0] == "Threads:":
			st.threads, _ = strconv.Atoi(f[1])
		}
	}
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		return kioskStats{}, err
	}
	st.fds = len(fds)
	return st, nil
}

// saveProfiles keeps the kiosk's heap (after a GC) and goroutine
// profiles, as phaseN-SESSIONS.heap and .goroutines, for go tool pprof.
func (k *kioskServer) saveProfiles(dir string, phase, sessions int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, path := range map[string]string{"heap": "heap?gc=1", "goroutines": "goroutine?debug=1"} {
		resp, err := k.http.Get("http://" + k.debug + "/debug/pprof/" + path)
		if err != nil {
			return err
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("phase%d-%d.%s", phase, sessions, name)), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func (k *kioskServer) saveCPUProfile(dir string, phase, sessions int, span time.Duration) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	resp, err := k.http.Get(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", k.debug, max(1, int(span.Seconds()))))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, fmt.Sprintf("phase%d-%d.cpu", phase, sessions)), b, 0o644)
}

func (k *kioskServer) cpu() (time.Duration, error) { return procCPU(strconv.Itoa(k.cmd.Process.Pid)) }

// procCPU is a process's user and system time so far (dead threads
// included), in clock ticks of 10 ms; pid may be "self".
func procCPU(pid string) (time.Duration, error) {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0, err
	}
	// The command name may hold spaces; the fields after it may not.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 13 {
		return 0, errors.New("short /proc/PID/stat")
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	sys, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+sys) * 10 * time.Millisecond, nil
}

// cpuTimes is the machine's CPU time so far, in clock ticks.
type cpuTimes struct{ busy, total uint64 }

func machineCPU() cpuTimes {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return cpuTimes{}
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line) // cpu user nice system idle iowait irq softirq steal …
	var t cpuTimes
	for i, v := range f[1:] {
		n, _ := strconv.ParseUint(v, 10, 64)
		if i >= 8 { // guest time is counted in user already
			break
		}
		t.total += n
		if i != 3 && i != 4 {
			t.busy += n
		}
	}
	return t
}

// busySince is how many cores were busy on average since a.
func (b cpuTimes) busySince(a cpuTimes) float64 {
	if b.total <= a.total {
		return 0
	}
	return float64(runtime.NumCPU()) * float64(b.busy-a.busy) / float64(b.total-a.total)
}

// settle waits for the kiosk to have n sessions, then for its goroutine
// count to stop moving, and looks at it.
func (k *kioskServer) settle(n int, timeout time.Duration) (kioskStats, error) {
	deadline := time.Now().Add(timeout)
	var last kioskStats
	for {
		st, err := k.stats()
		if err != nil {
			return st, err
		}
		if st.sessions == n && st.goroutines == last.goroutines && last.sessions == n {
			return st, nil
		}
		if time.Now().After(deadline) {
			return st, fmt.Errorf("kiosk has %d sessions and %d goroutines after %s, want %d sessions and a steady count",
				st.sessions, st.goroutines, timeout, n)
		}
		last = st
		time.Sleep(250 * time.Millisecond)
	}
}

func (s *suite) measureKiosk(r *results) error {
	kc := s.cfg.kiosk
	if s.cfg.quick {
		kc = quickKiosk
	}
	if kc.sessions < 1 || kc.sessions > 1000 {
		return fmt.Errorf("-kiosk-sessions %d: want 1..1000 (kiosk.max_sessions)", kc.sessions)
	}
	started := time.Now()
	// The load client stands in for a thousand machines: its own garbage
	// collections, on the kiosk's cores, should delay the answers it
	// times as little as they can.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	k, args, err := s.startKiosk(kc.sessions)
	if err != nil {
		return err
	}
	defer k.stop()
	shown := slices.Clone(args)
	shown[len(shown)-1] = "FILE" // the host key, in a temporary home
	kr := &kioskResult{at: started, cfg: kc, cmd: strings.Join(append(slices.Clone(kc.env), "zimun"), " ") + " " + strings.Join(shown, " ")}
	r.kiosk = kr
	load := &kioskLoad{addr: k.addr}
	const timeout = 30 * time.Second

	// Warm-up: the catalogue, availability and every screen's code paths
	// once, so the baseline holds what one-off work leaves behind.
	for range min(kc.sessions, 5) {
		c, _, err := load.connect(timeout)
		if err != nil {
			return fmt.Errorf("warm-up: %w", err)
		}
		if _, err := c.step("\r", serviceFrame, timeout); err != nil {
			return fmt.Errorf("warm-up: %w", err)
		}
		if _, err := c.step("\r", calendarFrame, timeout); err != nil {
			return fmt.Errorf("warm-up: %w", err)
		}
		kr.calendarKeys = dayMoves(c.lastShown())
		c.close()
	}
	if kr.base, err = k.settle(0, timeout); err != nil {
		return err
	}
	s.logf("kiosk: baseline %+v", kr.base)

	// Ramp: sessions arrive at the rate, and each presses j/k on the
	// location picker once a second from its first frame on.
	ctx, stopKeys := context.WithCancel(context.Background())
	defer stopKeys()
	load.pressing.Store(&[2]string{"j", "k"})
	var (
		mu      sync.Mutex
		clients []*kclient
		drivers sync.WaitGroup
		ramp    sync.WaitGroup
	)
	connect := &samples{}
	t0 := time.Now()
	for i := range kc.sessions {
		if d := time.Until(t0.Add(time.Duration(float64(i) / kc.rate * float64(time.Second)))); d > 0 {
			time.Sleep(d)
		}
		ramp.Go(func() {
			c, d, err := load.connect(timeout)
			if err != nil {
				mu.Lock()
				kr.refused++
				mu.Unlock()
				s.logf("kiosk: session %d: %v", i, err)
				return
			}
			connect.add(d)
			mu.Lock()
			clients = append(clients, c)
			mu.Unlock()
			drivers.Go(func() { c.drive(ctx) })
		})
	}
	ramp.Wait()
	kr.connect = connect.all()
	s.logf("kiosk: %d sessions up in %s, %d refused", len(clients), time.Since(t0).Round(time.Millisecond), kr.refused)
	if len(clients) == 0 {
		return errors.New("no session connected")
	}
	closeAll := func() {
		stopKeys()
		drivers.Wait()
		var g sync.WaitGroup
		for _, c := range clients {
			g.Go(c.close)
		}
		g.Wait()
	}
	defer func() {
		if clients != nil {
			closeAll()
		}
	}()

	n := len(clients)
	phase := func(name string) error {
		// Let the sessions find their pace before counting.
		time.Sleep(min(2*time.Second, kc.window))
		ph := kioskPhase{name: name}
		rec := &samples{since: time.Now()}
		sent0, late0 := load.sent.Load(), load.late.Load()
		c0, err := k.cpu()
		if err != nil {
			return err
		}
		l0, _ := procCPU("self")
		m0 := machineCPU()
		if err := k.resetKeys(); err != nil {
			return err
		}
		load.keys.Store(rec)
		t := time.Now()
		var cpuProfile chan error
		if kc.profiles != "" {
			cpuProfile = make(chan error, 1)
			go func() { cpuProfile <- k.saveCPUProfile(kc.profiles, len(kr.phases)+1, n, kc.window) }()
		}
		time.Sleep(kc.window)
		load.keys.Store(nil)
		ph.span = time.Since(t)
		c1, err := k.cpu()
		if err != nil {
			return err
		}
		l1, _ := procCPU("self")
		ph.client, ph.busy = l1-l0, machineCPU().busySince(m0)
		ph.cpu, ph.keys = c1-c0, rec.all()
		ph.sent, ph.late = load.sent.Load()-sent0, load.late.Load()-late0
		if ph.stats, err = k.stats(); err != nil {
			return err
		}
		if kc.profiles != "" {
			if err := <-cpuProfile; err != nil {
				return err
			}
			if err := k.saveProfiles(kc.profiles, len(kr.phases)+1, n); err != nil {
				return err
			}
		}
		kr.phases = append(kr.phases, ph)
		s.logf("kiosk: %s: %d keys, p99 %s, CPU %.0f%% (client %.0f%%, machine %.2f cores), %+v", name, len(ph.keys), ms(quantile(ph.keys, 0.99)),
			100*ph.cpu.Seconds()/ph.span.Seconds(), 100*ph.client.Seconds()/ph.span.Seconds(), ph.busy, ph.stats)
		return nil
	}
	if err := phase(fmt.Sprintf("%d sessions on the location picker, j/k a second each", n)); err != nil {
		return err
	}

	// Every session to the calendar: enter (service), enter (calendar),
	// spread over two seconds.
	load.pressing.Store(nil)
	for _, c := range clients {
		c.idle(2 * time.Second)
	}
	change := &samples{}
	spread := min(2*time.Second, kc.window)
	var moves group
	for _, c := range clients {
		moves.Go(func() error {
			time.Sleep(rand.N(spread))
			for _, st := range []struct{ key, want string }{{"\r", serviceFrame}, {"\r", calendarFrame}} {
				d, err := c.step(st.key, st.want, timeout)
				if err != nil {
					return err
				}
				change.add(d)
			}
			return nil
		})
	}
	if err := moves.Wait(); err != nil {
		return fmt.Errorf("to the calendar: %w", err)
	}
	kr.change = change.all()
	load.pressing.Store(&kr.calendarKeys)
	if err := phase(fmt.Sprintf("%d sessions on the calendar, %s/%s a second each", n, kr.calendarKeys[0], kr.calendarKeys[1])); err != nil {
		return err
	}
	load.pressing.Store(nil)
	if err := phase(fmt.Sprintf("%d sessions on the calendar, no keys", n)); err != nil {
		return err
	}

	closeAll()
	clients = nil
	if kr.after, err = k.settle(0, timeout); err != nil {
		return err
	}
	kr.queries = load.queries.Load()

	// Cycles: connect, first frame, a key and its answer, disconnect; in
	// five batches, each ending with no session left.
	kr.cycles = append(kr.cycles, kr.after)
	lat := &samples{}
	batches := min(5, kc.cycles)
	for b := range batches {
		per := kc.cycles / batches
		if b == batches-1 {
			per = kc.cycles - per*(batches-1)
		}
		var next sync.Mutex
		left := per
		var g group
		for range min(kc.workers, per) {
			g.Go(func() error {
				for {
					next.Lock()
					if left == 0 {
						next.Unlock()
						return nil
					}
					left--
					next.Unlock()
					c, d, err := load.connect(timeout)
					if err != nil {
						return err
					}
					lat.add(d)
					_, err = c.step("j", "", timeout)
					c.close()
					if err != nil {
						return err
					}
				}
			})
		}
		if err := g.Wait(); err != nil {
			return fmt.Errorf("cycles: %w", err)
		}
		kr.done += per
		st, err := k.settle(0, timeout)
		if err != nil {
			return err
		}
		kr.cycles = append(kr.cycles, st)
		s.logf("kiosk: %d cycles: %+v", kr.done, st)
	}
	kr.cycleLat = lat.all()
	kr.queries = load.queries.Load()
	kr.took = time.Since(started)
	return nil
}

var openingDay = regexp.MustCompile(`(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{1,2} [A-Z][a-z]{2} \d{4})`)

// dayMoves are the calendar keys that move a day and back without leaving
// the month of the day the calendar opened on (frame, as drawn): l then h,
// or h then l on the month's last day.
func dayMoves(frame string) [2]string {
	m := openingDay.FindStringSubmatch(frame)
	if m == nil {
		return [2]string{"l", "h"}
	}
	d, err := time.Parse("2 Jan 2006", m[1])
	if err != nil || d.AddDate(0, 0, 1).Month() == d.Month() {
		return [2]string{"l", "h"}
	}
	return [2]string{"h", "l"}
}

// group runs goroutines and keeps the first error.
type group struct {
	wg    sync.WaitGroup
	once  sync.Once
	first error
}

func (g *group) Go(f func() error) {
	g.wg.Go(func() {
		if err := f(); err != nil {
			g.once.Do(func() { g.first = err })
		}
	})
}

func (g *group) Wait() error {
	g.wg.Wait()
	return g.first
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
