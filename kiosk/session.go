package kiosk

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"
)

// Role is what a session may do, decided only by the verified public key.
type Role int

const (
	RoleKiosk Role = iota // a customer: everyone without a desk key
	RoleDesk              // front-desk staff: a key in the desk keys
)

func (r Role) String() string {
	if r == RoleDesk {
		return "desk"
	}
	return "kiosk"
}

// Session is what an app learns about the person at the other end.
type Session struct {
	ID             string // short, for logs
	User           string // the SSH user name; anyone can type anything, so not an identity
	Role           Role
	KeyFingerprint string   // SHA256 fingerprint of the verified key; "" without one
	Command        []string // what the client asked to run, e.g. ssh -t host accessible
	Term           string   // TERM; "" when not sent
	Lang           string   // LC_ALL, else LC_MESSAGES, else LANG; "" when not sent
	Width, Height  int      // the window at the start
	RemoteAddr     net.Addr // the load balancer's, behind one
	// Lines says why the session is served in lines (LineApp), if it is.
	Lines LineVia
	// Renderer draws for this session's terminal. It was built without
	// asking the terminal anything: the colour depth comes from TERM and
	// the background from the server's options. Sessions with the same
	// colour depth share it, so styles built from it can be shared too.
	Renderer *lipgloss.Renderer

	env []string
}

// Getenv returns one of the variables the client sent that the kiosk
// keeps: TERM, LANG, LC_*, COLORTERM, NO_COLOR and ACCESSIBLE.
func (s Session) Getenv(key string) string {
	for _, kv := range s.env {
		if strings.HasPrefix(kv, key+"=") {
			return kv[len(key)+1:]
		}
	}
	return ""
}

// Reset is a tea.Cmd: returned by the app, it makes the kiosk end the app
// and start a fresh one on a clean screen, as an idle reset does.
func (Session) Reset() tea.Msg { return resetMsg{} }

// Language is a tea.Cmd for the app to return: the kiosk keeps lang as the
// session's language (Lang, for every app it starts from then on, the
// accessible mode's too) and starts a fresh app, as Reset does.
func (Session) Language(lang string) tea.Cmd {
	lang = clean(lang, 64)
	return func() tea.Msg { return langMsg{lang} }
}

// Environ and Getenv make the kept variables a termenv.Environ.
type environ []string

func (e environ) Environ() []string { return e }
func (e environ) Getenv(key string) string {
	return Session{env: e}.Getenv(key)
}

// keptEnv filters the client's environment: it is unbounded and untrusted.
func keptEnv(all []string) []string {
	var out []string
	for _, kv := range all {
		key, val, found := strings.Cut(kv, "=")
		if !found {
			continue
		}
		switch {
		case key == "TERM", key == "LANG", key == "COLORTERM", key == "NO_COLOR", key == "ACCESSIBLE",
			strings.HasPrefix(key, "LC_") && len(key) <= 16:
		default:
			continue
		}
		out = append(out, key+"="+clean(val, 64))
		if len(out) == 32 {
			break
		}
	}
	return out
}

// clean keeps printable ASCII, at most n bytes: these strings reach logs
// and the app.
func clean(s string, n int) string {
	var b strings.Builder
	for i := 0; i < len(s) && b.Len() < n; i++ {
		if c := s[i]; c >= 0x20 && c < 0x7f {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// session is the server's side of one session.
type session struct {
	srv    *Server
	info   Session
	log    *slog.Logger
	conn   *gossh.ServerConn
	out    *output
	screen *screen
	in     *keys
	prog   *tea.Program // set before it runs
	// answered is the last key (keys.last) a frame has followed, for the
	// key-to-frame figures.
	answered int64

	ctx    context.Context // ends with the session; the program runs in it
	cancel context.CancelFunc

	box     mailbox
	wake    chan time.Time // the model's next deadline, for the pump
	draw    chan struct{}  // a frame is due, for the pump
	pinging atomic.Bool
	failed  atomic.Bool
	bye     atomic.Value // string: the line left on the terminal when the model ends the session
	toLines atomic.Bool  // the app asked for the line mode (Session.LineMode)

	mu  sync.Mutex
	end func(context.Context) // the running app's; nil once ended
}

// handle is the program middleware: one Bubble Tea program per session,
// with no signal handler of its own, and a recover so that nothing in one
// session can end another.
func (s *Server) handle(sess ssh.Session) {
	s.work.add()
	defer s.work.done()
	start := time.Now()
	id := fmt.Sprintf("s%d", s.nextID.Add(1))
	log := s.log.With("session", id, "addr", sess.RemoteAddr().String(), "user", clean(sess.User(), 32))
	var st *session
	defer func() {
		if r := recover(); r != nil {
			log.Error("session panicked", "panic", r, "stack", string(debug.Stack()))
			if st != nil {
				st.kill()
			}
			_ = sess.Close()
		}
	}()

	pty, winCh, ok := sess.Pty()
	if !ok {
		log.Info("refused: no terminal", "command", clean(sess.RawCommand(), 64))
		info := Session{env: keptEnv(sess.Environ())}
		_, _ = io.WriteString(sess.Stderr(), s.noticesIn(langOf(info.Getenv)).NoTerminal+"\r\n")
		_ = sess.Exit(1)
		return
	}
	if g, ok := sess.Context().Value(connKey{}).(*guardedConn); ok {
		var backstop time.Time
		if s.opts.MaxSession > 0 {
			backstop = start.Add(s.opts.MaxSession + time.Minute)
		}
		g.sessionStarted(backstop)
		defer g.sessionEnded(5 * time.Second)
	}

	st = s.newSession(sess, id, pty, log)
	defer st.cancel()
	if !s.admit(st) {
		line, why := st.notices().Busy+"\r\n", "refused: all kiosks busy"
		if s.isClosing() {
			line, why = st.notices().ClosingNow+"\r\n", "refused: closing"
		}
		st.log.Info(why)
		_, _ = io.WriteString(sess, line)
		_ = sess.Exit(1)
		return
	}
	defer s.leave(st)
	st.log.Info("connect", "term", st.info.Term, "size", fmt.Sprintf("%dx%d", st.info.Width, st.info.Height),
		"key", st.info.KeyFingerprint != "", "client", clean(sess.Context().ClientVersion(), 64))
	defer func() {
		st.log.Info("disconnect", "duration", time.Since(start).Round(time.Millisecond).String())
	}()
	st.run(sess, winCh)
}

// newSession gathers what the app may know of the session, from the
// client's untrusted requests and the verified key.
func (s *Server) newSession(sess ssh.Session, id string, pty ssh.Pty, log *slog.Logger) *session {
	env := keptEnv(sess.Environ())
	info := Session{
		ID:         id,
		User:       clean(sess.User(), 32),
		Role:       RoleKiosk,
		Command:    sess.Command(),
		Term:       clean(pty.Term, 64),
		RemoteAddr: sess.RemoteAddr(),
		env:        env,
	}
	for i, a := range info.Command {
		info.Command[i] = clean(a, 64)
	}
	info.Width, info.Height = s.clamp(pty.Window.Width, pty.Window.Height)
	info.Lang = langOf(info.Getenv)
	if k := sess.PublicKey(); k != nil {
		info.KeyFingerprint = gossh.FingerprintSHA256(k)
		if s.desk[string(k.Marshal())] {
			info.Role = RoleDesk
		}
	}
	info.Renderer = s.renderer(env)

	ctx, cancel := context.WithCancel(sess.Context())
	conn, _ := sess.Context().Value(ssh.ContextKeyConn).(*gossh.ServerConn)
	st := &session{
		srv: s, info: info, conn: conn, ctx: ctx, cancel: cancel,
		log:  log.With("role", info.Role.String()),
		out:  &output{w: sess},
		wake: make(chan time.Time, 1),
		draw: make(chan struct{}, 1),
	}
	st.screen = newScreen(st.out, info.Width, info.Height)
	st.box.notify = make(chan struct{}, 1)
	return st
}

// renderer is the renderer of every session whose client sent env's
// colour depth. No query: the depth comes from TERM (and NO_COLOR, if
// sent), the background from the options. A renderer writes nothing, so
// sessions can share one, and the styles an app builds from it.
func (s *Server) renderer(env []string) *lipgloss.Renderer {
	profile := termenv.NewOutput(io.Discard, termenv.WithEnvironment(environ(env)), termenv.WithUnsafe()).EnvColorProfile()
	if s.opts.NoColor && profile != termenv.Ascii {
		profile = termenv.ANSI // no colour, attributes kept
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.renderers[profile]; ok {
		return r
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(profile)
	r.SetHasDarkBackground(!s.opts.LightBackground)
	s.renderers[profile] = r
	return r
}

// run runs the session's program until it ends, then ends its app; or
// serves the session in lines when it asks for them.
func (st *session) run(sess ssh.Session, winCh <-chan ssh.Window) {
	// The SSH request loop blocks on a full window channel; keep it moving
	// until the session's requests end.
	defer func() {
		go func() {
			for range winCh {
			}
		}()
	}()
	in := newKeys(st.ctx, sess)
	st.in, st.answered = in, in.last.Load()
	if st.srv.opts.Accessible != nil {
		if via := st.info.linesWanted(); via != NotLines {
			st.log.Info("lines", "why", via.String())
			st.runLines(via, in, winCh)
			st.cancel()
			st.goodbye(sess, nil)
			return
		}
	}
	m, err := newModel(st)
	if err != nil {
		_, _ = io.WriteString(sess, st.notices().Failed+"\r\n")
		return
	}
	progCtx, progCancel := context.WithCancel(st.ctx)
	defer progCancel()
	// The model draws its own frames (screen); Bubble Tea's renderer and
	// its ticker are left out.
	p := tea.NewProgram(m,
		tea.WithInput(in.reader(progCtx)), tea.WithOutput(st.out),
		tea.WithContext(progCtx), tea.WithoutSignalHandler(), tea.WithoutRenderer())
	st.prog = p
	pumped := make(chan struct{})
	go func() {
		defer close(pumped)
		st.pump(progCtx, p, winCh)
	}()
	st.screen.start()
	_, err = p.Run()
	progCancel()
	<-pumped
	st.screen.stop()
	if errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, tea.ErrProgramPanic) {
		err = nil // the session's context ended: the client left or we closed it
	}
	st.srv.runEnd(st, st.takeEnd())
	if err == nil && !st.failed.Load() && st.toLines.Load() && st.ctx.Err() == nil {
		st.log.Info("lines", "why", LinesForKey.String())
		st.runLines(LinesForKey, in, winCh)
	}
	st.cancel()
	st.goodbye(sess, err)
}

// goodbye leaves the session's last line on the terminal.
func (st *session) goodbye(sess ssh.Session, err error) {
	switch bye, _ := st.bye.Load().(string); {
	case err != nil || st.failed.Load():
		if err != nil {
			st.log.Error("program failed", "err", err)
		}
		_, _ = io.WriteString(sess, st.notices().Failed+"\r\n")
	case bye != "":
		_, _ = io.WriteString(sess, bye)
	}
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// clamp keeps window sizes sane: a huge one would make every frame huge.
func (s *Server) clamp(w, h int) (int, int) {
	return max(0, min(w, s.opts.MaxWidth)), max(0, min(h, s.opts.MaxHeight))
}

// pump is the session's one helper goroutine while its program runs: it
// forwards window changes, broadcasts and the model's timer into the
// program. Program.Send blocks until the program takes the message, so
// nothing else ever calls it.
func (st *session) pump(ctx context.Context, p *tea.Program, winCh <-chan ssh.Window) {
	defer func() {
		if r := recover(); r != nil {
			st.log.Error("session pump panicked", "panic", r, "stack", string(debug.Stack()))
			st.kill()
		}
	}()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case w, ok := <-winCh:
			if !ok {
				winCh = nil
				continue
			}
			width, height := st.srv.clamp(w.Width, w.Height)
			p.Send(tea.WindowSizeMsg{Width: width, Height: height})
		case <-st.box.notify:
			for _, m := range st.box.take() {
				p.Send(m)
			}
		case t := <-st.wake:
			timer.Reset(time.Until(t))
		case <-timer.C:
			p.Send(wakeMsg{})
		case <-st.draw:
			p.Send(drawMsg{})
		}
	}
}

// keyAnswered counts the time from the last key to now when a frame went
// out after it; a key that changed nothing counts for nothing.
func (st *session) keyAnswered(drawn bool) {
	if st.in == nil {
		return
	}
	last := st.in.last.Load()
	if last <= st.answered {
		return
	}
	st.answered = last
	if drawn {
		st.srv.keyLatency.add(time.Since(time.Unix(0, last)))
	}
}

// frameDue asks the pump for a drawMsg a moment from now, so that what a
// burst of messages changes is drawn once (the data a key asks for is
// often there a millisecond later).
func (st *session) frameDue() {
	time.AfterFunc(frameDelay, func() {
		select {
		case st.draw <- struct{}{}:
		default:
		}
	})
}

// setWake asks the pump for a wakeMsg at t (zero: none). Only the program's
// goroutine calls it, so the drain-then-send never blocks.
func (st *session) setWake(t time.Time) {
	select {
	case <-st.wake:
	default:
	}
	if t.IsZero() {
		t = time.Now().Add(24 * time.Hour)
	}
	st.wake <- t
}

// newApp builds a fresh app; the end func it returns also ends the app's
// context.
func (st *session) newApp() (app tea.Model, end func(context.Context), err error) {
	defer func() {
		if r := recover(); r != nil {
			st.log.Error("app factory panicked", "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("app factory panicked: %v", r)
		}
	}()
	ctx, cancel := context.WithCancel(st.ctx)
	app, appEnd := st.srv.factory(ctx, st.info)
	if app == nil {
		cancel()
		return nil, nil, errors.New("app factory returned no model")
	}
	return app, func(c context.Context) {
		defer cancel()
		if appEnd != nil {
			appEnd(c)
		}
	}, nil
}

// swapEnd installs the running app's end func and returns the one before.
func (st *session) swapEnd(end func(context.Context)) func(context.Context) {
	st.mu.Lock()
	defer st.mu.Unlock()
	old := st.end
	st.end = end
	return old
}

func (st *session) takeEnd() func(context.Context) { return st.swapEnd(nil) }

// kill ends the session from outside its program: the app is ended at
// once (its program may be stuck) and the connection closed, which also
// unblocks a write to a client that stopped reading.
func (st *session) kill() {
	st.srv.runEnd(st, st.takeEnd())
	st.cancel()
	if st.conn != nil {
		_ = st.conn.Close()
	}
}

// fail ends the session after a panic in the app.
func (st *session) fail(where string, r any) {
	st.log.Error("app panicked", "in", where, "panic", r, "stack", string(debug.Stack()))
	st.failed.Store(true)
	st.cancel()
}

// deliver puts a message in the session's mailbox, or closes the session
// when it has stopped taking them.
func (st *session) deliver(key string, msg tea.Msg) {
	if !st.box.put(key, msg, time.Now(), st.srv.opts.MailboxSize, st.srv.opts.StuckAfter) {
		st.log.Warn("session stopped taking messages, closing")
		st.kill()
	}
}

// mailbox holds a session's waiting broadcasts, the latest per key.
type mailbox struct {
	mu     sync.Mutex
	keys   []string
	msgs   map[string]tea.Msg
	since  time.Time     // when the oldest waiting message came
	notify chan struct{} // one pending wake-up for the pump
}

// put reports false when the session is stuck: a message waiting longer
// than stuckAfter, or more keys waiting than size (a bound on memory that a
// session taking its messages never nears).
func (b *mailbox) put(key string, msg tea.Msg, now time.Time, size int, stuckAfter time.Duration) bool {
	b.mu.Lock()
	if len(b.keys) > 0 && now.Sub(b.since) > stuckAfter {
		b.mu.Unlock()
		return false
	}
	if _, ok := b.msgs[key]; !ok {
		if len(b.keys) >= size {
			b.mu.Unlock()
			return false
		}
		if b.msgs == nil {
			b.msgs = map[string]tea.Msg{}
		}
		if len(b.keys) == 0 {
			b.since = now
		}
		b.keys = append(b.keys, key)
	}
	b.msgs[key] = msg
	b.mu.Unlock()
	select {
	case b.notify <- struct{}{}:
	default:
	}
	return true
}

func (b *mailbox) take() []tea.Msg {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]tea.Msg, len(b.keys))
	for i, k := range b.keys {
		out[i] = b.msgs[k]
		delete(b.msgs, k)
	}
	b.keys = b.keys[:0]
	return out
}

// output is the program's writer. Bytes queued with inject go out in front
// of the next write, so they never land inside a frame: the renderer writes
// a frame in one call.
type output struct {
	w       io.Writer
	mu      sync.Mutex
	pending []byte
}

func (o *output) inject(b string) {
	o.mu.Lock()
	o.pending = append(o.pending, b...)
	o.mu.Unlock()
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	pre := o.pending
	o.pending = nil
	o.mu.Unlock()
	if pre == nil {
		return o.w.Write(p)
	}
	if _, err := o.w.Write(append(pre, p...)); err != nil {
		return 0, err
	}
	return len(p), nil
}
