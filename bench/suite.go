package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
)

// config is one run of the suite.
type config struct {
	zimun    string // the binary under test
	baseline string // optional: an older binary, measured beside it
	before   string // the baseline's name in the tables
	runs     int    // start-ups per case
	keys     int    // key presses per series
	idle     time.Duration
	cols     int
	rows     int
	peers    bool // calcurse and ikhal, when installed
	screens  bool // the go test -bench section
	module   string
	tmp      string
	quick    bool // the CI form: every path once, no figures worth reading
	log      func(string, ...any)
	zimunEnv []string // extra environment for zimun, e.g. to re-exec a test binary
	kiosk    kioskConfig
	sandbox  sandboxConfig
	only     []string // measure only the sections whose titles hold one of these
}

// subject is a program measured side by side with the others.
type subject struct {
	name  string
	zimun string // the binary when this is zimun
	peer  *peer
}

func (s subject) isZimun() bool { return s.zimun != "" }

// suite holds what every section shares: the subjects, the sandbox the
// zimun runs talk to, and the results.
type suite struct {
	cfg      config
	subjects []subject
	sandbox  *sandbox.Server
	fastURL  string // the sandbox
	slowURL  string // the same sandbox, answering each request 100 ms late
	location string
	service  string
	date     time.Time // the day the zimun calendars open on
	stop     func()
	machine  machine
}

const (
	sandboxID     = "bench-client"
	sandboxSecret = "bench-secret"
	slowDelay     = 100 * time.Millisecond
	frameTimeout  = 20 * time.Second // generous: CI runs zimun built with -race
)

func newSuite(cfg config) (*suite, error) {
	s := &suite{cfg: cfg}
	s.subjects = append(s.subjects, subject{name: "zimun", zimun: cfg.zimun})
	if cfg.baseline != "" {
		s.subjects = append(s.subjects, subject{name: cfg.before, zimun: cfg.baseline})
	}
	if cfg.peers {
		for _, p := range peers() {
			if _, err := exec.LookPath(p.bin); err != nil {
				cfg.log("skipping %s: not installed", p.name)
				continue
			}
			if err := p.setup(cfg.tmp); err != nil {
				return nil, err
			}
			s.subjects = append(s.subjects, subject{name: p.name, peer: p})
		}
	}
	sb, err := sandbox.New(sandbox.Options{ClientID: sandboxID, ClientSecret: sandboxSecret, RateLimit: -1})
	if err != nil {
		return nil, err
	}
	s.sandbox = sb
	ctx, cancel := context.WithCancel(context.Background())
	var stops []func()
	serve := func(h http.Handler) (string, error) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return "", err
		}
		srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, BaseContext: func(net.Listener) context.Context { return ctx }}
		go srv.Serve(ln)
		stops = append(stops, func() { srv.Close() })
		return "http://" + ln.Addr().String(), nil
	}
	if s.fastURL, err = serve(sb); err == nil {
		s.slowURL, err = serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-time.After(slowDelay):
			case <-r.Context().Done():
				return
			}
			sb.ServeHTTP(w, r)
		}))
	}
	s.stop = func() {
		cancel()
		for _, f := range stops {
			f()
		}
	}
	if err != nil {
		s.stop()
		return nil, err
	}
	// The demo opens on its first location and service; so do these runs.
	loc := sb.Locations()[0]
	s.location = loc.ID
	for _, svc := range sb.Services() {
		if strings.Contains(strings.Join(svc.LocationIDs, " "), loc.ID) {
			s.service = svc.ID
			break
		}
	}
	if s.date, err = s.openingDay(ctx); err != nil {
		s.stop()
		return nil, err
	}
	s.machine = describeMachine(cfg, s.subjects)
	return s, nil
}

// openingDay is the first day, three or more days ahead, with free slots
// on it and on the next day of the same month: moving between the two
// changes only the selection and the side panel, and the slot list has
// rows to move through. The demo's embedded sandbox has the same seed, so
// the same days.
func (s *suite) openingDay(ctx context.Context) (time.Time, error) {
	c, err := api.New(ctx, api.Config{BaseURL: s.fastURL, ClientID: sandboxID, ClientSecret: sandboxSecret, Version: "bench"})
	if err != nil {
		return time.Time{}, err
	}
	a, err := c.Availability(ctx, s.service, s.location, 60)
	if err != nil {
		return time.Time{}, fmt.Errorf("availability for the opening day: %w", err)
	}
	for d := model.DateOf(time.Now()).AddDays(3); d.Before(model.DateOf(time.Now()).AddDays(55)); d = d.AddDays(1) {
		next := d.AddDays(1)
		if a.FreeSlots(d) >= 2 && a.FreeSlots(next) >= 1 && next.Month == d.Month {
			return d.In(time.Local), nil
		}
	}
	return time.Time{}, errors.New("the sandbox has no two free days in a row")
}

// home is a fresh home directory, so no run sees another's desk memory
// or draft.
func (s *suite) home() (string, error) {
	return os.MkdirTemp(s.cfg.tmp, "home-")
}

func baseEnv(home string) []string {
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_STATE_HOME=" + filepath.Join(home, ".local", "state"),
		"XDG_DATA_HOME=" + filepath.Join(home, ".local", "share"),
		"TERM=xterm-256color",
		"COLORTERM=truecolor",
	}
}

type zimunMode int

const (
	demo zimunMode = iota
	againstSandbox
	againstSlowSandbox
)

// zimunSpec runs zimun on the calendar of the suite's opening day.
func (s *suite) zimunSpec(sub subject, mode zimunMode) (spec, error) {
	home, err := s.home()
	if err != nil {
		return spec{}, err
	}
	env := append(baseEnv(home), "LANG=C.UTF-8")
	env = append(env, s.cfg.zimunEnv...)
	argv := []string{sub.zimun}
	switch mode {
	case demo:
		argv = append(argv, "--demo")
	case againstSandbox, againstSlowSandbox:
		url := s.fastURL
		if mode == againstSlowSandbox {
			url = s.slowURL
		}
		env = append(env, "ZIMUN_BASE_URL="+url, "ZIMUN_CLIENT_ID="+sandboxID, "ZIMUN_CLIENT_SECRET="+sandboxSecret)
		argv = append(argv, "--location", s.location, "--service", s.service)
	}
	argv = append(argv, "--date", s.date.Format(time.DateOnly))
	return spec{name: sub.name, argv: argv, env: env, dir: home}, nil
}

// availabilityDrawn: a day of the grid shows its free-slot count, and the
// footer (the last line drawn) is there.
var availabilityDrawn = regexp.MustCompile(`[●◐] +\d+`)

func zimunCalendarReady(sc *screen) bool {
	t := sc.text()
	return availabilityDrawn.MatchString(t) && strings.Contains(t, "q quit")
}

func anyFrame(sc *screen) bool { return !sc.blank() }

// calendarSpec is how a subject opens on its calendar, and how to know
// that calendar is drawn.
func (s *suite) calendarSpec(sub subject) (spec, func(*screen) bool, error) {
	if sub.peer != nil {
		sp, err := sub.peer.spec(s.cfg.tmp)
		return sp, sub.peer.ready, err
	}
	sp, err := s.zimunSpec(sub, demo)
	return sp, zimunCalendarReady, err
}

// moves are the two calendar keys a series alternates between: one day
// on and back, inside one month.
func (sub subject) moves() [2]string {
	if sub.peer != nil {
		if time.Now().Day() == 1 { // stay inside the month on screen
			return [2]string{sub.peer.moves[1], sub.peer.moves[0]}
		}
		return sub.peer.moves
	}
	return [2]string{"l", "h"}
}

func (s *suite) launch(sp spec, ready func(*screen) bool) (*program, error) {
	return launch(sp, s.cfg.cols, s.cfg.rows, ready)
}

// open starts a subject and waits for its first calendar frame.
func (s *suite) open(sub subject) (*program, error) {
	sp, ready, err := s.calendarSpec(sub)
	if err != nil {
		return nil, err
	}
	p, err := s.launch(sp, ready)
	if err != nil {
		return nil, err
	}
	if _, err := p.ready(frameTimeout); err != nil {
		p.stop()
		return nil, err
	}
	return p, nil
}

func (s *suite) zimuns() []subject {
	var out []subject
	for _, sub := range s.subjects {
		if sub.isZimun() {
			out = append(out, sub)
		}
	}
	return out
}

func (s *suite) logf(format string, args ...any) {
	if s.cfg.log != nil {
		s.cfg.log(format, args...)
	}
}

func errorf(sub subject, what string, err error) error {
	return fmt.Errorf("%s, %s: %w", sub.name, what, err)
}
