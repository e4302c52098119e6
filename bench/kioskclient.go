package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"sync"
	"sync/atomic"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// kioskLoad is the load client: SSH sessions against one kiosk, each with
// a PTY (xterm-256color, 80×24), none of them answering terminal queries.
type kioskLoad struct {
	addr string

	pressing atomic.Pointer[[2]string] // the keys sessions alternate now; nil: none
	keys     atomic.Pointer[samples]   // where key latencies go now; nil: nowhere
	sent     atomic.Int64              // keys pressed
	late     atomic.Int64              // keys unanswered when the next was due
	queries  atomic.Int64              // terminal queries seen in any session's output
}

// samples collects durations from many goroutines; as key latencies,
// only those of keys pressed since since.
type samples struct {
	since time.Time
	mu    sync.Mutex
	xs    []time.Duration
}

func (s *samples) add(d time.Duration) {
	s.mu.Lock()
	s.xs = append(s.xs, d)
	s.mu.Unlock()
}

func (s *samples) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.xs...)
}

// kclient is one session.
type kclient struct {
	load *kioskLoad
	conn *gossh.Client
	in   io.Writer
	done chan struct{} // the output ended

	mu    sync.Mutex
	want  []byte // wait for this in the output; empty: any output
	wait  bool
	seen  []byte
	shown []byte // the output that held the last thing awaited
	found chan time.Time
	keyAt time.Time // a key pressed and not answered yet
	carry []byte    // the last bytes, for queries split across reads
}

const (
	kioskTerm = "xterm-256color"
	kioskCols = 80
	kioskRows = 24
	// What each screen's frame holds, as written; the first frame is the
	// location picker, not the "Connecting" screen before it.
	pickerFrame   = "Choose a location"
	serviceFrame  = "Choose a service"
	calendarFrame = "free day"
)

// terminalQuery matches what a program asks a terminal and waits for:
// colour queries (OSC 4/10/11/12 …;?), device attributes (DA1–3), the
// cursor position (DSR 6n), mode reports (DECRQM), the kitty keyboard
// flags, XTVERSION and XTGETTCAP.
var terminalQuery = regexp.MustCompile(`\x1b\]\d+;(\d+;)?\?|\x1b\[[>=]?0?c|\x1b\[\??6n|\x1b\[\??[\d;]*\$p|\x1b\[\?u|\x1b\[>0?q|\x1bP\+q`)

// connect opens a session and waits for its first frame; the time runs
// from before the TCP dial.
func (l *kioskLoad) connect(timeout time.Duration) (*kclient, time.Duration, error) {
	t0 := time.Now()
	conn, err := gossh.Dial("tcp", l.addr, &gossh.ClientConfig{
		User: "bench",
		Auth: []gossh.AuthMethod{gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
			return nil, nil
		})},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         timeout,
	})
	if err != nil {
		return nil, 0, err
	}
	c := &kclient{load: l, conn: conn, done: make(chan struct{}), found: make(chan time.Time, 1)}
	fail := func(err error) (*kclient, time.Duration, error) {
		conn.Close()
		return nil, 0, err
	}
	sess, err := conn.NewSession()
	if err != nil {
		return fail(err)
	}
	if c.in, err = sess.StdinPipe(); err != nil {
		return fail(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		return fail(err)
	}
	if err := sess.RequestPty(kioskTerm, kioskRows, kioskCols, gossh.TerminalModes{}); err != nil {
		return fail(err)
	}
	c.expect(pickerFrame)
	go c.read(out)
	if err := sess.Shell(); err != nil {
		return fail(err)
	}
	at, err := c.await(timeout)
	if err != nil {
		return fail(fmt.Errorf("first frame: %w", err))
	}
	return c, at.Sub(t0), nil
}

func (c *kclient) read(out io.Reader) {
	defer close(c.done)
	buf := make([]byte, 8192)
	for {
		n, err := out.Read(buf)
		now := time.Now()
		if n > 0 {
			c.got(buf[:n], now)
		}
		if err != nil {
			return
		}
	}
}

func (c *kclient) got(p []byte, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.keyAt.IsZero() {
		if rec := c.load.keys.Load(); rec != nil && !c.keyAt.Before(rec.since) {
			rec.add(now.Sub(c.keyAt))
		}
		c.keyAt = time.Time{}
	}
	if c.wait {
		c.seen = append(c.seen, p...)
		if len(c.want) == 0 || bytes.Contains(c.seen, c.want) {
			c.shown = append(c.shown[:0], c.seen...)
			c.wait, c.seen = false, c.seen[:0]
			c.found <- now
		} else if len(c.seen) > 1<<16 {
			c.seen = append(c.seen[:0], c.seen[len(c.seen)-len(c.want):]...)
		}
	}
	scan := append(c.carry, p...)
	for _, m := range terminalQuery.FindAllIndex(scan, -1) {
		if m[1] > len(c.carry) {
			c.load.queries.Add(1)
		}
	}
	c.carry = append(c.carry[:0], scan[max(0, len(scan)-8):]...)
}

// expect makes the next await wait for want in the output from now on
// ("": any output).
func (c *kclient) expect(want string) {
	c.mu.Lock()
	c.want, c.wait, c.seen = []byte(want), true, c.seen[:0]
	select {
	case <-c.found:
	default:
	}
	c.mu.Unlock()
}

func (c *kclient) await(timeout time.Duration) (time.Time, error) {
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case at := <-c.found:
		return at, nil
	case <-c.done:
		return time.Time{}, errors.New("the session ended")
	case <-t.C:
		c.mu.Lock()
		defer c.mu.Unlock()
		return time.Time{}, fmt.Errorf("nothing within %s; the output ends %q", timeout, tail(string(c.seen), 300))
	}
}

// step presses key and waits for want; the time runs from the write.
func (c *kclient) step(key, want string, timeout time.Duration) (time.Duration, error) {
	c.expect(want)
	t0 := time.Now()
	if _, err := io.WriteString(c.in, key); err != nil {
		return 0, err
	}
	at, err := c.await(timeout)
	if err != nil {
		return 0, fmt.Errorf("%q after %q: %w", want, key, err)
	}
	return at.Sub(t0), nil
}

// press writes a key and times it to the next output. A key still
// unanswered when the next is due counts with the time it waited.
func (c *kclient) press(key string) error {
	now := time.Now()
	c.mu.Lock()
	if !c.keyAt.IsZero() {
		c.load.late.Add(1)
		if rec := c.load.keys.Load(); rec != nil && !c.keyAt.Before(rec.since) {
			rec.add(now.Sub(c.keyAt))
		}
	}
	c.keyAt = now
	c.mu.Unlock()
	c.load.sent.Add(1)
	_, err := io.WriteString(c.in, key)
	return err
}

// drive presses the load's current keys once a second, from a random
// phase, until ctx ends or the session does. A change of keys starts
// again from the first.
func (c *kclient) drive(ctx context.Context) {
	t := time.NewTimer(rand.N(time.Second))
	defer t.Stop()
	var last *[2]string
	i := 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-c.done:
			return
		case <-t.C:
		}
		t.Reset(time.Second)
		keys := c.load.pressing.Load()
		if keys == nil {
			last = nil
			continue
		}
		if keys != last {
			last, i = keys, 0
		}
		if c.press(keys[i%2]) != nil {
			return
		}
		i++
	}
}

// idle waits until no key is outstanding, at most timeout.
func (c *kclient) idle(timeout time.Duration) {
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		c.mu.Lock()
		busy := !c.keyAt.IsZero()
		c.mu.Unlock()
		if !busy {
			return
		}
	}
}

// lastShown is the output that held the last thing awaited.
func (c *kclient) lastShown() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return string(c.shown)
}

func (c *kclient) close() {
	c.conn.Close()
	<-c.done
}
