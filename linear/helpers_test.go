package linear_test

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	xterm "golang.org/x/term"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/internal/testenv"
	"github.com/zimun-app/zimun/linear"
	"github.com/zimun-app/zimun/state"
)

// soon bounds waits for what should come promptly; a passing wait returns
// at once.
const soon = 10 * time.Second

// clock is the tests' clock with alarms: Advance rings those that are
// due, so announcements come exactly when the clock says, with no sleep.
type clock struct {
	*testenv.Clock
	mu     sync.Mutex
	alarms []alarm
	armed  chan struct{} // closed and replaced when an alarm is set
}

type alarm struct {
	at time.Time
	ch chan time.Time
}

func newClock() *clock {
	return &clock{Clock: testenv.NewClock(testenv.Epoch), armed: make(chan struct{})}
}

func (c *clock) Alarm(at time.Time) <-chan time.Time {
	ch := make(chan time.Time, 1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if !at.After(c.Now()) {
		ch <- at
		return ch
	}
	c.alarms = append(c.alarms, alarm{at, ch})
	close(c.armed)
	c.armed = make(chan struct{})
	return ch
}

// Advance moves the clock and reports how many alarms rang.
func (c *clock) Advance(d time.Duration) int {
	c.Clock.Advance(d)
	now := c.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	rang := 0
	kept := c.alarms[:0]
	for _, a := range c.alarms {
		if a.at.After(now) {
			kept = append(kept, a)
			continue
		}
		a.ch <- a.at
		rang++
	}
	c.alarms = kept
	return rang
}

// waitArmed waits until an alarm is set for at: the watch is waiting
// for the next threshold.
func (c *clock) waitArmed(t testing.TB, at time.Time) {
	t.Helper()
	timeout := time.After(soon)
	for {
		c.mu.Lock()
		armed := c.armed
		for _, a := range c.alarms {
			if a.at.Equal(at) {
				c.mu.Unlock()
				return
			}
		}
		c.mu.Unlock()
		select {
		case <-armed:
		case <-timeout:
			t.Fatalf("no alarm set for %s", at)
		}
	}
}

// screen is what the session wrote, with a way to wait for text.
type screen struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func newScreen() *screen { return &screen{changed: make(chan struct{})} }

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.Write(p)
	close(s.changed)
	s.changed = make(chan struct{})
	return len(p), nil
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// waitFor waits for text after offset from and returns the offset just
// past it.
func (s *screen) waitFor(t testing.TB, from int, text string) int {
	t.Helper()
	timeout := time.After(soon)
	for {
		s.mu.Lock()
		out := s.buf.String()
		ch := s.changed
		s.mu.Unlock()
		if i := strings.Index(out[min(from, len(out)):], text); i >= 0 {
			return min(from, len(out)) + i + len(text)
		}
		select {
		case <-ch:
		case <-timeout:
			t.Fatalf("no %q within %s after offset %d; got:\n%s", text, soon, from, tailOf(out, 1500))
		}
	}
}

func tailOf(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// desk is an accessible session over an in-memory terminal, as the kiosk
// serves it: the line editor reads \r for Enter and echoes.
type desk struct {
	t      testing.TB
	env    *testenv.Env
	clock  *clock
	office *booking.Office
	in     io.Writer
	out    *screen
	pos    int // where the next wait starts
	done   chan error
}

type rw struct {
	io.Reader
	io.Writer
}

// transport is how the test's keys reach the session.
type transport int

const (
	// inMemory is a pipe, as an SSH channel is: no line discipline.
	inMemory transport = iota
	// onPty is a pty's terminal side in raw mode, as a local zimun
	// --accessible runs; the test types on the other side.
	onPty
)

func startDesk(t testing.TB, how transport, mod func(*linear.Options)) *desk {
	t.Helper()
	env := testenv.New(t)
	c := newClock()
	c.Clock = env.Clock
	office := booking.New(env.Client, state.NewMemory(), booking.Options{Now: c.Now})
	d := &desk{t: t, env: env, clock: c, office: office, out: newScreen(), done: make(chan error, 1)}
	var term io.ReadWriter
	if how == onPty {
		ptmx, tty, err := pty.Open()
		if err != nil {
			t.Skipf("no pty here: %v", err)
		}
		state, err := xterm.MakeRaw(int(tty.Fd()))
		if err != nil {
			t.Fatalf("raw mode: %v", err)
		}
		t.Cleanup(func() { _ = xterm.Restore(int(tty.Fd()), state); tty.Close(); ptmx.Close() })
		go func() { _, _ = io.Copy(d.out, ptmx) }()
		d.in, term = ptmx, tty
	} else {
		inR, inW := io.Pipe()
		t.Cleanup(func() { inW.Close() })
		d.in, term = inW, rw{inR, d.out}
	}
	opts := linear.Options{
		Office: office, Catalog: i18n.NewCatalog(), Locale: i18n.Locale{Lang: i18n.English},
		Clock24: true, Via: linear.ViaEnv, Now: c.Now, Alarm: c.Alarm, Width: 100, Height: 30,
	}
	if mod != nil {
		mod(&opts)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { d.done <- linear.Run(ctx, term, opts) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-d.done:
		case <-time.After(soon):
			t.Error("the session did not end")
		}
	})
	return d
}

// expect waits for text after what was already seen.
func (d *desk) expect(text string) {
	d.t.Helper()
	d.pos = d.out.waitFor(d.t, d.pos, text)
}

// answer waits for the prompt, then types the answer and Enter as an SSH
// client sends it.
func (d *desk) answer(prompt, typed string) {
	d.t.Helper()
	d.expect(prompt)
	if _, err := io.WriteString(d.in, typed+"\r"); err != nil {
		d.t.Fatalf("typing %q: %v", typed, err)
	}
}

var (
	boxOrBraille = regexp.MustCompile(`[\x{2500}-\x{257F}\x{2580}-\x{259F}\x{2800}-\x{28FF}]`)
	// cursorMove is any CSI sequence that moves the cursor or redraws:
	// up, down, forward, back, position, erase, scroll.
	cursorMove = regexp.MustCompile(`\x1b\[[0-9;?]*[ABCDEFGHJKSTfsu]`)
)

// plainText fails the test on anything a screen reader would stumble on.
func plainText(t testing.TB, out string) {
	t.Helper()
	if m := boxOrBraille.FindString(out); m != "" {
		t.Errorf("printed a box-drawing, block or braille character %U", []rune(m)[0])
	}
	if m := cursorMove.FindString(out); m != "" {
		t.Errorf("printed a cursor-movement sequence %q", m)
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("printed an escape sequence: %q", out[strings.Index(out, "\x1b"):min(len(out), strings.Index(out, "\x1b")+12)])
	}
}
