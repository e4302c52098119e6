package kiosk_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"github.com/zimun-app/zimun/kiosk"
)

// soon bounds waits for what should happen promptly: generous, so a busy
// machine does not fail them; a passing wait returns at once anyway. Bounds
// that are the behaviour under test are written out where they are used.
const soon = 10 * time.Second

// testKey is a fresh ed25519 key pair.
func testKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// testServer runs a kiosk on loopback until the test ends.
type testServer struct {
	*kiosk.Server
	addr string
	rec  *recorder
	done chan error
}

func startServer(t testing.TB, opts kiosk.Options, factory kiosk.Factory) *testServer {
	t.Helper()
	rec := &recorder{ended: make(chan string, 256)}
	if factory == nil {
		factory = rec.factory
	}
	if opts.HostKey == nil {
		opts.HostKey = testKey(t)
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	srv, err := kiosk.New(opts, factory)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{Server: srv, addr: l.Addr().String(), rec: rec, done: make(chan error, 1)}
	go func() { ts.done <- srv.Serve(l) }()
	t.Cleanup(func() {
		_ = srv.Close()
		select {
		case err := <-ts.done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Serve did not return after Close")
		}
	})
	return ts
}

// recorder builds fake apps and records what happened to them.
type recorder struct {
	mu      sync.Mutex
	n       int
	ends    []string
	ended   chan string // app ids, as they end
	block   chan struct{}
	blocked chan struct{} // told when an app blocks on "b", if set
	onView  func()
}

func (r *recorder) factory(ctx context.Context, s kiosk.Session) (tea.Model, func(context.Context)) {
	r.mu.Lock()
	r.n++
	id := fmt.Sprintf("%s/%d", s.ID, r.n)
	block, blocked := r.block, r.blocked
	r.mu.Unlock()
	info := fmt.Sprintf("user=%s term=%s lang=%s command=%q key=%v", s.User, s.Term, s.Lang, s.Command, s.KeyFingerprint != "")
	return fakeApp{id: id, role: s.Role.String(), info: info, block: block, blocked: blocked}, func(context.Context) {
		r.mu.Lock()
		r.ends = append(r.ends, id)
		r.mu.Unlock()
		r.ended <- id
	}
}

func (r *recorder) endCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.ends)
}

// waitEnds waits for n end calls and returns their app ids.
func (r *recorder) waitEnds(t testing.TB, n int, within time.Duration) []string {
	t.Helper()
	var ids []string
	timeout := time.After(within)
	for len(ids) < n {
		select {
		case id := <-r.ended:
			ids = append(ids, id)
		case <-timeout:
			t.Fatalf("%d of %d end calls within %s: %v", len(ids), n, within, ids)
		}
	}
	return ids
}

type newsMsg string

// gotMsg is what a batch of commands sends ("t").
type gotMsg string

// fakeApp shows its id, size, the keys it got and the last news. Keys: p
// panics in Update, c panics in a command, b blocks Update until the
// recorder's block channel closes, q quits.
type fakeApp struct {
	id, role string
	info     string
	w, h     int
	keys     string
	news     string
	got      []string
	block    chan struct{}
	blocked  chan struct{}
}

func (a fakeApp) Init() tea.Cmd { return nil }

func (a fakeApp) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.w, a.h = msg.Width, msg.Height
	case newsMsg:
		a.news = string(msg)
	case gotMsg:
		a.got = append(slices.Clone(a.got), string(msg))
		slices.Sort(a.got)
	case tea.KeyMsg:
		switch k := msg.String(); k {
		case "p":
			panic("boom in update")
		case "c":
			return a, func() tea.Msg { panic("boom in a command") }
		case "b":
			if a.blocked != nil {
				a.blocked <- struct{}{}
			}
			<-a.block
		case "q":
			return a, tea.Quit
		case "t":
			got := func(s string) tea.Cmd { return func() tea.Msg { return gotMsg(s) } }
			return a, tea.Batch(got("one"), tea.Batch(got("two"), nil))
		default:
			a.keys += k
		}
	}
	return a, nil
}

func (a fakeApp) View() string {
	return fmt.Sprintf("APP %s role=%s size=%dx%d keys=[%s] news=[%s] got=%v\n%s", a.id, a.role, a.w, a.h, a.keys, a.news, a.got, a.info)
}

// stream collects what a session writes and lets a test wait for text.
type stream struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func newStream() *stream { return &stream{changed: make(chan struct{})} }

func (s *stream) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.Write(p)
	close(s.changed)
	s.changed = make(chan struct{})
	return len(p), nil
}

func (s *stream) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// waitFor waits until the output holds text, after the first `after`
// bytes, and returns the offset just past it.
func (s *stream) waitFor(t testing.TB, text string, within time.Duration) int {
	t.Helper()
	return s.waitForAfter(t, 0, text, within)
}

func (s *stream) waitForAfter(t testing.TB, after int, text string, within time.Duration) int {
	t.Helper()
	at, err := s.find(after, text, within)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

// find is waitForAfter for goroutines other than the test's.
func (s *stream) find(after int, text string, within time.Duration) (int, error) {
	timeout := time.After(within)
	for {
		s.mu.Lock()
		out := s.buf.String()
		ch := s.changed
		s.mu.Unlock()
		if after <= len(out) {
			if i := strings.Index(out[after:], text); i >= 0 {
				return after + i + len(text), nil
			}
		}
		select {
		case <-ch:
		case <-timeout:
			return 0, fmt.Errorf("no %q within %s; got %q", text, within, tail(out, 600))
		}
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// client is an SSH client session, as a customer's terminal would open it,
// except that it never answers a terminal query.
type client struct {
	conn   *gossh.Client
	sess   *gossh.Session
	in     io.WriteCloser
	out    *stream
	errOut *stream
	exited chan error
}

type dialOpts struct {
	user    string
	key     gossh.Signer
	noPTY   bool
	width   int
	height  int
	command string
	term    string
	env     map[string]string
	dialer  func() (net.Conn, error)
}

func dial(t testing.TB, addr string, o dialOpts) *client {
	t.Helper()
	c, err := tryDial(addr, o)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(c.close)
	return c
}

func tryDial(addr string, o dialOpts) (*client, error) {
	if o.user == "" {
		o.user = "customer"
	}
	if o.width == 0 {
		o.width, o.height = 100, 30
	}
	auth := []gossh.AuthMethod{gossh.KeyboardInteractive(
		func(string, string, []string, []bool) ([]string, error) { return nil, nil })}
	if o.key != nil {
		auth = append([]gossh.AuthMethod{gossh.PublicKeys(o.key)}, auth...)
	}
	cfg := &gossh.ClientConfig{
		User:            o.user,
		Auth:            auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         soon,
	}
	var conn *gossh.Client
	if o.dialer != nil {
		nc, err := o.dialer()
		if err != nil {
			return nil, err
		}
		c, chans, reqs, err := gossh.NewClientConn(nc, addr, cfg)
		if err != nil {
			return nil, err
		}
		conn = gossh.NewClient(c, chans, reqs)
	} else {
		var err error
		if conn, err = gossh.Dial("tcp", addr, cfg); err != nil {
			return nil, err
		}
	}
	sess, err := conn.NewSession()
	if err != nil {
		conn.Close()
		return nil, err
	}
	c := &client{conn: conn, sess: sess, out: newStream(), errOut: newStream(), exited: make(chan error, 1)}
	sess.Stdout, sess.Stderr = c.out, c.errOut
	if c.in, err = sess.StdinPipe(); err != nil {
		conn.Close()
		return nil, err
	}
	for k, v := range o.env {
		if err := sess.Setenv(k, v); err != nil {
			conn.Close()
			return nil, err
		}
	}
	if o.term == "" {
		o.term = "xterm-256color"
	}
	if !o.noPTY {
		if err := sess.RequestPty(o.term, o.height, o.width, gossh.TerminalModes{}); err != nil {
			conn.Close()
			return nil, err
		}
	}
	if o.command != "" {
		err = sess.Start(o.command)
	} else {
		err = sess.Shell()
	}
	if err != nil {
		conn.Close()
		return nil, err
	}
	go func() { c.exited <- sess.Wait() }()
	return c, nil
}

func (c *client) close() { _ = c.conn.Close() }

func (c *client) press(t testing.TB, keys string) {
	t.Helper()
	if _, err := io.WriteString(c.in, keys); err != nil {
		t.Fatalf("typing %q: %v", keys, err)
	}
}

// waitExit waits for the server to end the session and returns its error
// (an *ExitError for a non-zero status).
func (c *client) waitExit(t testing.TB, within time.Duration) error {
	t.Helper()
	select {
	case err := <-c.exited:
		return err
	case <-time.After(within):
		t.Fatalf("session still open after %s; output %q", within, tail(c.out.String(), 300))
		return nil
	}
}

func exitStatus(err error) int {
	var ee *gossh.ExitError
	if errors.As(err, &ee) {
		return ee.ExitStatus()
	}
	if err == nil {
		return 0
	}
	return -1
}

// freezer is a TCP relay whose network can vanish: after freeze it drops
// everything, in both directions, without closing anything.
type freezer struct {
	t      testing.TB
	target string
	mu     sync.Mutex
	frozen bool
}

func newFreezer(t testing.TB, target string) *freezer { return &freezer{t: t, target: target} }

func (f *freezer) freeze() {
	f.mu.Lock()
	f.frozen = true
	f.mu.Unlock()
}

func (f *freezer) isFrozen() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.frozen
}

func (f *freezer) dial() (net.Conn, error) {
	server, err := net.Dial("tcp", f.target)
	if err != nil {
		return nil, err
	}
	near, far := net.Pipe()
	relay := func(dst io.Writer, src io.Reader) {
		buf := make([]byte, 32*1024)
		for {
			n, err := src.Read(buf)
			if n > 0 && !f.isFrozen() {
				if _, werr := dst.Write(buf[:n]); werr != nil {
					return
				}
			}
			if err != nil {
				return
			}
		}
	}
	go relay(server, far)
	go relay(far, server)
	f.t.Cleanup(func() { server.Close(); far.Close() })
	return near, nil
}

// appID is the id of the app a session's output shows last.
func appID(out string) string {
	i := strings.LastIndex(out, "APP ")
	if i < 0 {
		return ""
	}
	rest := out[i+4:]
	if j := strings.IndexByte(rest, ' '); j >= 0 {
		return rest[:j]
	}
	return rest
}
