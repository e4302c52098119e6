// Package kiosk serves a Bubble Tea app over SSH to many people at once:
// one program per session, its own renderer, idle reset, limits, broadcasts
// and a graceful shutdown. It knows nothing of booking: the app comes from
// a Factory.
package kiosk

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"
)

// Factory builds the app one session runs, and again after every reset.
// It must not block: loading belongs in the model's Init. ctx ends when the
// app is ended. end gives back whatever the app holds (its holds, above
// all); the kiosk calls it exactly once per app, on every reset and at the
// session's end, with a context that bounds it.
type Factory func(ctx context.Context, s Session) (app tea.Model, end func(context.Context))

// Options configure a Server. Zero durations and sizes take the defaults
// noted; IdleTimeout and MaxSession zero mean never.
type Options struct {
	HostKey     gossh.Signer  // required; see LoadHostKey
	MaxSessions int           // customer sessions at once (10); desk sessions are not counted
	IdleTimeout time.Duration // no key for this long shows the idle warning; 0 = never
	IdleWarning time.Duration // how long the warning counts down before the reset (30s)
	MaxSession  time.Duration // longest session, ended after a notice; 0 = no limit
	DeskKeys    []gossh.PublicKey
	// ConnectsPerMinute limits new connections per client address (per /64
	// for IPv6); 0 = no limit. Behind a load balancer every client has its
	// address, so turn it off there.
	ConnectsPerMinute int
	NoColor           bool // every session draws without colour
	LightBackground   bool // colours for light terminals; they are never asked
	Logger            *slog.Logger
	// Accessible serves a session in lines instead of the factory's app:
	// when the SSH user is a11y, the client sends ACCESSIBLE=1, the
	// command is "accessible", or the app returns Session.LineMode. Nil:
	// every session gets the app.
	Accessible LineApp
	// Notices are the kiosk's own words in a session's language (its
	// LANG, as Session.Lang); nil is English.
	Notices func(lang string) Notices

	// Seldom changed.
	HandshakeTimeout time.Duration // TCP accept to a running session (30s)
	KeepAlive        time.Duration // ping interval; no answer within it closes the session (30s)
	EndTimeout       time.Duration // bound on one end call (5s)
	MaxConns         int           // open connections, in a session or not (2×MaxSessions+16)
	MailboxSize      int           // most distinct broadcast keys waiting in one session (256)
	StuckAfter       time.Duration // a session that leaves a broadcast untaken this long is closed (5s)
	MaxWidth         int           // window sizes are clamped to this (512)
	MaxHeight        int           // (256)
}

func (o *Options) defaults() error {
	if o.HostKey == nil {
		return errors.New("kiosk: no host key")
	}
	setDur := func(d *time.Duration, def time.Duration) {
		if *d <= 0 {
			*d = def
		}
	}
	setInt := func(n *int, def int) {
		if *n <= 0 {
			*n = def
		}
	}
	setInt(&o.MaxSessions, 10)
	setDur(&o.IdleWarning, 30*time.Second)
	setDur(&o.HandshakeTimeout, 30*time.Second)
	setDur(&o.KeepAlive, 30*time.Second)
	setDur(&o.EndTimeout, 5*time.Second)
	setInt(&o.MaxConns, 2*o.MaxSessions+16)
	setInt(&o.MailboxSize, 256)
	setDur(&o.StuckAfter, 5*time.Second)
	setInt(&o.MaxWidth, 512)
	setInt(&o.MaxHeight, 256)
	if o.IdleTimeout < 0 || o.MaxSession < 0 || o.ConnectsPerMinute < 0 {
		return errors.New("kiosk: negative limit")
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

// Server is the SSH front door. Build it with New, run it with Serve, stop
// it with Shutdown.
type Server struct {
	opts    Options
	factory Factory
	log     *slog.Logger
	ssh     *ssh.Server
	desk    map[string]bool // marshalled desk keys
	limiter *addrLimiter
	lanes   *lanes

	keyLatency latencies // for /debug/stats

	conns  atomic.Int64
	nextID atomic.Uint64
	work   tracker // session handlers and end calls still running

	// hard ends when the shutdown's grace is spent: end calls stop waiting.
	hard       context.Context
	hardCancel context.CancelFunc

	mu        sync.Mutex
	sessions  map[*session]struct{}
	renderers map[termenv.Profile]*lipgloss.Renderer
	kiosks    int // customer sessions, counted against MaxSessions
	closing   bool
	stop      chan struct{} // closed by Shutdown and Close
}

// New builds a server that runs factory's app in every session.
func New(opts Options, factory Factory) (*Server, error) {
	if factory == nil {
		return nil, errors.New("kiosk: no app factory")
	}
	if err := opts.defaults(); err != nil {
		return nil, err
	}
	s := &Server{
		opts:      opts,
		factory:   factory,
		log:       opts.Logger,
		desk:      map[string]bool{},
		sessions:  map[*session]struct{}{},
		renderers: map[termenv.Profile]*lipgloss.Renderer{},
		stop:      make(chan struct{}),
		lanes:     newLanes(),
	}
	s.hard, s.hardCancel = context.WithCancel(context.Background())
	for _, k := range opts.DeskKeys {
		s.desk[string(k.Marshal())] = true
	}
	if opts.ConnectsPerMinute > 0 {
		s.limiter = newAddrLimiter(opts.ConnectsPerMinute)
	}
	s.ssh = &ssh.Server{
		Handler:     s.handle,
		HostSigners: []ssh.Signer{opts.HostKey},
		Version:     "zimun-kiosk",
		// Anyone may come in: a key only decides the role. Keyless clients
		// pass keyboard-interactive without being asked anything.
		PublicKeyHandler:           func(ssh.Context, ssh.PublicKey) bool { return true },
		KeyboardInteractiveHandler: func(ssh.Context, gossh.KeyboardInteractiveChallenge) bool { return true },
		ServerConfigCallback: func(ssh.Context) *gossh.ServerConfig {
			return &gossh.ServerConfig{MaxAuthTries: 6}
		},
		PtyCallback:     func(_ ssh.Context, p ssh.Pty) bool { return p.Window.Width <= 10000 && p.Window.Height <= 10000 },
		ConnCallback:    s.onConn,
		ChannelHandlers: map[string]ssh.ChannelHandler{"session": s.onChannel},
		ConnectionFailedCallback: func(c net.Conn, err error) {
			s.log.Debug("handshake failed", "addr", c.RemoteAddr().String(), "err", err)
		},
	}
	return s, nil
}

// Serve accepts connections on l until Shutdown or Close, then returns nil.
func (s *Server) Serve(l net.Listener) error {
	go s.keepAlive()
	s.lanes.serve(4*runtime.GOMAXPROCS(0), s.stop)
	err := s.ssh.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// ListenAndServe listens on addr and serves; see Serve.
func (s *Server) ListenAndServe(addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return s.Serve(l)
}

// Shutdown stops taking connections, tells every session the kiosk is
// closing, lets their apps end (holds released) and returns when all are
// done or when ctx ends, whichever is first; then it drops whatever is
// left. Without a deadline on ctx it allows 10 s.
func (s *Server) Shutdown(ctx context.Context) error {
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(10 * time.Second)
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline)
		defer cancel()
	}
	sessions := s.beginClose()
	s.closeListeners()

	// The notice runs while the apps still work; what is left of the grace
	// after it is for the end calls.
	grace := time.Until(deadline)
	closeAt := deadline.Add(-min(s.opts.EndTimeout, grace/2))
	for _, st := range sessions {
		st.deliver(shutdownKey, shutdownMsg{at: closeAt})
	}
	err := s.work.wait(ctx)
	s.hardCancel()
	if err == nil {
		// Let the clients hang up themselves after their goodbye line.
		linger, cancel := context.WithTimeout(ctx, time.Second)
		_ = s.ssh.Shutdown(linger)
		cancel()
	}
	_ = s.ssh.Close()
	if err != nil {
		return fmt.Errorf("kiosk: shutdown: %d session(s) or end call(s) still running: %w", s.work.count(), err)
	}
	return nil
}

// Close drops every connection at once; apps are still ended, but not
// waited for.
func (s *Server) Close() error {
	s.beginClose()
	s.hardCancel()
	return s.ssh.Close()
}

func (s *Server) beginClose() []*session {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closing {
		s.closing = true
		close(s.stop)
	}
	out := make([]*session, 0, len(s.sessions))
	for st := range s.sessions {
		out = append(out, st)
	}
	return out
}

// closeListeners closes the listeners without waiting for connections:
// Shutdown with a context that is already over does exactly that.
func (s *Server) closeListeners() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_ = s.ssh.Shutdown(ctx)
}

// Broadcast hands msg to every session's app without waiting for any of
// them. Messages with the same key replace one another while they wait, so
// use a key per thing that changed (e.g. service, location and day). A
// session that stops taking its messages is closed.
func (s *Server) Broadcast(key string, msg tea.Msg) {
	for _, st := range s.snapshot() {
		st.deliver(key, msg)
	}
}

// Sessions is the number of sessions running now.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

func (s *Server) snapshot() []*session {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*session, 0, len(s.sessions))
	for st := range s.sessions {
		out = append(out, st)
	}
	return out
}

// admit registers a session, or says no when the kiosk is closing or every
// customer place is taken.
func (s *Server) admit(st *session) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing || (st.info.Role == RoleKiosk && s.kiosks >= s.opts.MaxSessions) {
		return false
	}
	if st.info.Role == RoleKiosk {
		s.kiosks++
	}
	s.sessions[st] = struct{}{}
	return true
}

func (s *Server) leave(st *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.sessions[st]; !ok {
		return
	}
	delete(s.sessions, st)
	if st.info.Role == RoleKiosk {
		s.kiosks--
	}
}

func (s *Server) isClosing() bool {
	select {
	case <-s.stop:
		return true
	default:
		return false
	}
}

// runEnd calls an app's end func in its own goroutine, bounded by
// EndTimeout and by the shutdown's grace, and counted so Shutdown waits
// for it.
func (s *Server) runEnd(st *session, end func(context.Context)) {
	if end == nil {
		return
	}
	s.work.add()
	go func() {
		defer s.work.done()
		defer func() {
			if r := recover(); r != nil {
				st.log.Error("app end panicked", "panic", r)
			}
		}()
		ctx, cancel := context.WithTimeout(s.hard, s.opts.EndTimeout)
		defer cancel()
		end(ctx)
	}()
}

// tracker counts running work and lets Shutdown wait for none.
type tracker struct {
	mu   sync.Mutex
	n    int
	zero chan struct{} // closed when n drops to 0
}

func (t *tracker) add() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.n == 0 {
		t.zero = make(chan struct{})
	}
	t.n++
}

func (t *tracker) done() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n--
	if t.n == 0 {
		close(t.zero)
	}
}

func (t *tracker) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.n
}

func (t *tracker) wait(ctx context.Context) error {
	for {
		t.mu.Lock()
		if t.n == 0 {
			t.mu.Unlock()
			return nil
		}
		zero := t.zero
		t.mu.Unlock()
		select {
		case <-zero:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
