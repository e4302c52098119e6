package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Start-up cases, in the order of the table.
const (
	startCalendar = "exec → first calendar frame with availability drawn (zimun: demo, embedded sandbox)"
	startSandbox  = "exec → first calendar frame with availability drawn, sandbox in another process"
	startSlowAny  = "exec → first frame, sandbox answering every request 100 ms late"
	startSlowCal  = "exec → calendar with availability, sandbox answering every request 100 ms late"
	startHelp     = "`zimun --help`: exec → exit"
	startVersion  = "`zimun version`: exec → exit"
)

var startCases = []string{startCalendar, startSandbox, startSlowAny, startSlowCal, startHelp, startVersion}

// measureStartups starts every subject runs times per case, round robin,
// after one warm-up round that fills the page cache.
func (s *suite) measureStartups(r *results) error {
	rounds := s.cfg.runs + 1
	if s.cfg.quick {
		rounds = 1
	}
	for round := range rounds {
		for _, sub := range s.subjects {
			got, err := s.startRound(sub)
			if err != nil {
				return err
			}
			if round == 0 && !s.cfg.quick {
				continue
			}
			for c, d := range got {
				r.addStart(c, sub.name, d)
			}
		}
	}
	return nil
}

func (s *suite) startRound(sub subject) (map[string]time.Duration, error) {
	got := map[string]time.Duration{}
	sp, ready, err := s.calendarSpec(sub)
	if err != nil {
		return nil, err
	}
	if got[startCalendar], err = s.timeToFrame(sp, ready); err != nil {
		return nil, errorf(sub, "start-up", err)
	}
	if !sub.isZimun() {
		return got, nil
	}
	if sp, err = s.zimunSpec(sub, againstSandbox); err != nil {
		return nil, err
	}
	if got[startSandbox], err = s.timeToFrame(sp, zimunCalendarReady); err != nil {
		return nil, errorf(sub, "start-up against the sandbox", err)
	}
	if sp, err = s.zimunSpec(sub, againstSlowSandbox); err != nil {
		return nil, err
	}
	p, err := s.launch(sp, anyFrame)
	if err != nil {
		return nil, err
	}
	first, err := p.ready(frameTimeout)
	var drawn time.Time
	if err == nil {
		drawn, err = p.until(zimunCalendarReady, frameTimeout)
	}
	p.stop()
	if err != nil {
		return nil, errorf(sub, "start-up against the slow sandbox", err)
	}
	got[startSlowAny], got[startSlowCal] = first.Sub(p.start), drawn.Sub(p.start)
	for c, args := range map[string][]string{startHelp: {"--help"}, startVersion: {"version"}} {
		if got[c], err = s.timeToExit(sub, args...); err != nil {
			return nil, errorf(sub, c, err)
		}
	}
	return got, nil
}

func (s *suite) timeToFrame(sp spec, ready func(*screen) bool) (time.Duration, error) {
	p, err := s.launch(sp, ready)
	if err != nil {
		return 0, err
	}
	defer p.stop()
	t, err := p.ready(frameTimeout)
	if err != nil {
		return 0, err
	}
	return t.Sub(p.start), nil
}

// timeToExit runs zimun with args in the pty (so its init meets a
// terminal, as a user's would) until it exits.
func (s *suite) timeToExit(sub subject, args ...string) (time.Duration, error) {
	home, err := s.home()
	if err != nil {
		return 0, err
	}
	env := append(append(baseEnv(home), "LANG=C.UTF-8"), s.cfg.zimunEnv...)
	p, err := s.launch(spec{name: sub.name, argv: append([]string{sub.zimun}, args...), env: env, dir: home}, nil)
	if err != nil {
		return 0, err
	}
	defer p.stop()
	t, err := p.wait(frameTimeout)
	if err != nil {
		return 0, fmt.Errorf("%w; the screen:\n%s", err, p.text())
	}
	return t.Sub(p.start), nil
}

// Key series: a key is pressed once the screen has been quiet for settle,
// after a further random delay of up to two 60 fps frames, so presses land
// at random phase to any frame ticker. The frame is complete when the
// output that followed has been quiet for settle; its time is the arrival
// of its last byte.
const (
	settle = 25 * time.Millisecond
	jitter = 33333 * time.Microsecond
)

type keyResult struct {
	lat   []time.Duration // to the last byte of the answer
	first []time.Duration // to its first byte
	bytes []float64
	lost  int // keys that drew nothing within 5 s (a loaded machine)
}

func (s *suite) keySeries(p *program, keys [2]string, n int) (keyResult, error) {
	rng := rand.New(rand.NewPCG(11, uint64(n)))
	var kr keyResult
	for i := range n {
		if _, err := p.quiet(settle, 10*time.Second); err != nil {
			return kr, err
		}
		time.Sleep(time.Duration(rng.Int64N(int64(jitter))))
		b0 := p.written()
		p.arm()
		t0 := time.Now()
		if err := p.send(keys[i%2]); err != nil {
			return kr, err
		}
		// Output, not a changed screen, marks the answer: a program may
		// repaint what was there, and that is its answer too.
		if !p.outputAfter(b0, 5*time.Second) {
			if kr.lost++; kr.lost > n/2 {
				return kr, fmt.Errorf("%d of %d keys drew nothing within 5 s; the screen:\n%s", kr.lost, i+1, p.text())
			}
			continue
		}
		end, err := p.quiet(settle, 5*time.Second)
		if err != nil {
			return kr, err
		}
		kr.lat = append(kr.lat, end.Sub(t0))
		kr.first = append(kr.first, p.firstOutput().Sub(t0))
		kr.bytes = append(kr.bytes, float64(p.written()-b0))
	}
	return kr, nil
}

const (
	seriesCalendar = "calendar day moves"
	seriesSlots    = "slot-list moves"
)

func (s *suite) measureKeys(r *results) error {
	for _, sub := range s.subjects {
		s.logf("keys: %s calendar", sub.name)
		p, err := s.open(sub)
		if err != nil {
			return errorf(sub, "calendar", err)
		}
		kr, err := s.keySeries(p, sub.moves(), s.cfg.keys)
		p.stop()
		if err != nil {
			return errorf(sub, seriesCalendar, err)
		}
		r.setKeys(seriesCalendar, sub.name, kr)
		if !sub.isZimun() {
			continue
		}
		s.logf("keys: %s slot list", sub.name)
		if p, err = s.openSlots(sub); err != nil {
			return errorf(sub, "slot list", err)
		}
		kr, err = s.keySeries(p, [2]string{"j", "k"}, s.cfg.keys)
		p.stop()
		if err != nil {
			return errorf(sub, seriesSlots, err)
		}
		r.setKeys(seriesSlots, sub.name, kr)
	}
	return nil
}

func contains(text string) func(*screen) bool {
	return func(sc *screen) bool { return strings.Contains(sc.text(), text) }
}

// openSlots opens zimun's slot list of the opening day.
func (s *suite) openSlots(sub subject) (*program, error) {
	p, err := s.open(sub)
	if err != nil {
		return nil, err
	}
	if err := p.send("\r"); err != nil {
		p.stop()
		return nil, err
	}
	if _, err := p.until(contains("hold this time"), frameTimeout); err != nil {
		p.stop()
		return nil, err
	}
	return p, nil
}

// openForm holds the opening day's first slot and shows the contact form.
func (s *suite) openForm(p *program) error {
	if err := p.send("\r"); err != nil {
		return err
	}
	_, err := p.until(contains("release hold"), frameTimeout)
	return err
}

// bookingResult is what the sandbox counted for one booking made from an
// open calendar, and for the start that opened it.
type bookingResult struct {
	atStart     map[string]int // exec → calendar with availability
	booking     map[string]int // calendar → confirmation
	tokenGrants int            // the whole session
}

func (s *suite) measureBooking(r *results) error {
	for _, sub := range s.zimuns() {
		s.logf("booking: %s", sub.name)
		br, err := s.book(sub)
		if err != nil {
			return errorf(sub, "booking", err)
		}
		r.booking[sub.name] = br
	}
	return nil
}

func (s *suite) book(sub subject) (bookingResult, error) {
	var br bookingResult
	sp, err := s.zimunSpec(sub, againstSandbox)
	if err != nil {
		return br, err
	}
	s0 := s.sandbox.Stats()
	p, err := s.launch(sp, zimunCalendarReady)
	if err != nil {
		return br, err
	}
	defer p.stop()
	if _, err := p.ready(frameTimeout); err != nil {
		return br, err
	}
	if _, err := p.quiet(200*time.Millisecond, frameTimeout); err != nil {
		return br, err
	}
	s1 := s.sandbox.Stats()
	steps := []struct{ keys, want string }{
		{"\r", "hold this time"},
		{"\r", "release hold"},
		{"Dana Lee\tdana@example.com\x13", "esc edit"},
		{"\r", "Booked"},
	}
	for _, st := range steps {
		if err := p.send(st.keys); err != nil {
			return br, err
		}
		if _, err := p.until(contains(st.want), frameTimeout); err != nil {
			return br, err
		}
	}
	if _, err := p.quiet(200*time.Millisecond, frameTimeout); err != nil {
		return br, err
	}
	s2 := s.sandbox.Stats()
	br.atStart, br.booking = diff(s0.Requests, s1.Requests), diff(s1.Requests, s2.Requests)
	br.tokenGrants = s2.TokenGrants - s0.TokenGrants
	return br, nil
}

func diff(a, b map[string]int) map[string]int {
	out := map[string]int{}
	for k, v := range b {
		if d := v - a[k]; d > 0 {
			out[k] = d
		}
	}
	return out
}

// idleResult is what a program did while nobody touched it.
type idleResult struct {
	cpu   time.Duration
	bytes int64
	span  time.Duration
}

const (
	idleCalendar = "idle on the calendar"
	idleForm     = "idle on the form, hold counting down"
)

func (s *suite) measureIdle(r *results) error {
	for _, sub := range s.subjects {
		s.logf("idle: %s", sub.name)
		if err := s.idleOf(sub, r); err != nil {
			return errorf(sub, "idle", err)
		}
	}
	return nil
}

// idleOf watches a subject idle on its calendar and, for zimun, on the
// form with a hold counting down.
func (s *suite) idleOf(sub subject, r *results) error {
	p, err := s.open(sub)
	if err != nil {
		return err
	}
	defer p.stop()
	ir, err := s.idle(p)
	if err != nil {
		return err
	}
	r.setIdle(idleCalendar, sub.name, ir)
	if !sub.isZimun() {
		return nil
	}
	if err := p.send("\r"); err != nil {
		return err
	}
	if _, err := p.until(contains("hold this time"), frameTimeout); err != nil {
		return err
	}
	if err := s.openForm(p); err != nil {
		return err
	}
	if ir, err = s.idle(p); err != nil {
		return err
	}
	r.setIdle(idleForm, sub.name, ir)
	return nil
}

func (s *suite) idle(p *program) (idleResult, error) {
	// Let the start settle; a screen that redraws on its own (the form's
	// countdown) may never be quiet for long, and that is what is measured.
	_, _ = p.quiet(300*time.Millisecond, time.Second)
	c0, err := p.cpu()
	if err != nil {
		return idleResult{}, err
	}
	b0, t0 := p.written(), time.Now()
	time.Sleep(s.cfg.idle)
	c1, err := p.cpu()
	if err != nil {
		return idleResult{}, err
	}
	return idleResult{cpu: c1 - c0, bytes: p.written() - b0, span: time.Since(t0)}, nil
}

// initResult is Go's own account of package initialisation.
type initResult struct {
	total time.Duration
	top   []string // the heaviest packages, "name 1.2 ms"
}

// measureInit runs GODEBUG=inittrace=1 zimun version (no terminal, so no
// colour query) and keeps the run with the median total.
func (s *suite) measureInit(r *results) error {
	n := 5
	if s.cfg.quick {
		n = 1
	}
	for _, sub := range s.zimuns() {
		var runs []initResult
		for range n {
			ir, err := s.initTrace(sub)
			if err != nil {
				return errorf(sub, "inittrace", err)
			}
			runs = append(runs, ir)
		}
		slices.SortFunc(runs, func(a, b initResult) int { return int(a.total - b.total) })
		r.inits[sub.name] = runs[len(runs)/2]
	}
	return nil
}

func (s *suite) initTrace(sub subject) (initResult, error) {
	home, err := s.home()
	if err != nil {
		return initResult{}, err
	}
	cmd := exec.Command(sub.zimun, "version")
	cmd.Env = append(append(baseEnv(home), "GODEBUG=inittrace=1"), s.cfg.zimunEnv...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return initResult{}, fmt.Errorf("%w: %s", err, stderr.String())
	}
	type pkg struct {
		name string
		d    time.Duration
	}
	var pkgs []pkg
	var ir initResult
	for _, line := range strings.Split(stderr.String(), "\n") {
		// init github.com/x/y @1.4 ms, 29 ms clock, 18776 bytes, 44 allocs
		f := strings.Fields(line)
		if len(f) < 7 || f[0] != "init" || f[6] != "clock," {
			continue
		}
		ms, err := strconv.ParseFloat(f[4], 64)
		if err != nil {
			continue
		}
		d := time.Duration(ms * float64(time.Millisecond))
		ir.total += d
		pkgs = append(pkgs, pkg{f[1], d})
	}
	if len(pkgs) == 0 {
		return ir, fmt.Errorf("no inittrace lines in: %q", stderr.String())
	}
	slices.SortFunc(pkgs, func(a, b pkg) int { return int(b.d - a.d) })
	for _, p := range pkgs[:min(3, len(pkgs))] {
		ir.top = append(ir.top, fmt.Sprintf("%s %s", p.name, ms(p.d)))
	}
	return ir, nil
}
