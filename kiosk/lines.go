package kiosk

import (
	"context"
	"io"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
)

// LineApp serves one session in plain lines instead of a Bubble Tea
// app: the accessible mode, for screen readers. It reads the keys from rw
// as they are typed (Enter is \r, and nothing is echoed but what it
// writes: use a line editor such as golang.org/x/term's Terminal) and
// writes to it, and returns when the person is done or ctx ends; it
// gives back whatever it holds before it returns. notices are the
// kiosk's news for the person, to say in the app's words.
type LineApp func(ctx context.Context, s Session, rw io.ReadWriter, notices <-chan Notice)

// Notice is the kiosk's news for a LineApp.
type Notice struct {
	Kind          NoticeKind
	At            time.Time // IdleWarning: the kiosk starts over then; Closing*: it closes then
	Width, Height int       // Resized
}

// NoticeKind is what a Notice is about.
type NoticeKind int

// Notice kinds.
const (
	IdleWarning     NoticeKind = iota // no key for IdleTimeout: any key carries on
	ClosingShutdown                   // the kiosk is shutting down
	ClosingLimit                      // the session reached MaxSession
	Resized                           // the window changed
)

// LineVia says why a session is served in lines, if it is.
type LineVia int

// The ways a session asks for lines. A screen reader cannot be detected,
// so each is something the person does.
const (
	NotLines        LineVia = iota
	LinesForUser            // the SSH user name a11y
	LinesForEnv             // the client sent ACCESSIBLE=1 (SetEnv)
	LinesForCommand         // ssh -t host accessible
	LinesForKey             // the full-screen app asked (Session.LineMode), on a key it names
)

func (v LineVia) String() string {
	return [...]string{"none", "user a11y", "ACCESSIBLE", "command accessible", "key"}[v]
}

// linesWanted is how the client asked for lines, if it did.
func (info Session) linesWanted() LineVia {
	switch {
	case strings.EqualFold(info.User, "a11y"):
		return LinesForUser
	case truthy(info.Getenv("ACCESSIBLE")):
		return LinesForEnv
	case len(info.Command) > 0 && (strings.EqualFold(info.Command[0], "accessible") || strings.EqualFold(info.Command[0], "a11y")):
		return LinesForCommand
	}
	return NotLines
}

func truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
}

// LineMode is a tea.Cmd: returned by the full-screen app (on a key it
// names on its first line), it makes the kiosk end the app and serve the
// session in lines from then on. Without Options.Accessible it does
// nothing.
func (Session) LineMode() tea.Msg { return linesMsg{} }

type linesMsg struct{}

// keys reads the session's input in one goroutine for the session's life,
// so whoever reads next (the Bubble Tea program, then the accessible
// mode) gets every key: a program that ends leaves no read behind to
// swallow the next one.
type keys struct {
	chunks chan []byte
	typed  chan struct{} // a key came: wakes a line session's idle warning
	last   atomic.Int64  // unix nanoseconds of the last input
}

func newKeys(ctx context.Context, r io.Reader) *keys {
	k := &keys{chunks: make(chan []byte), typed: make(chan struct{}, 1)}
	k.touch()
	go func() {
		defer close(k.chunks)
		// One small buffer, and each chunk copied to its size: a buffer a
		// read would stay with every session that waits for a key.
		buf := make([]byte, 256)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				k.touch()
				select {
				case k.typed <- struct{}{}:
				default:
				}
				select {
				case k.chunks <- append([]byte(nil), buf[:n]...):
				case <-ctx.Done():
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	return k
}

// reader reads the keys until ctx ends, then reports io.EOF.
func (k *keys) reader(ctx context.Context) io.Reader { return &keyReader{k: k, ctx: ctx} }

type keyReader struct {
	k    *keys
	ctx  context.Context
	rest []byte
}

func (r *keyReader) Read(p []byte) (int, error) {
	if len(r.rest) == 0 {
		select {
		case chunk, ok := <-r.k.chunks:
			if !ok {
				return 0, io.EOF
			}
			r.rest = chunk
		case <-r.ctx.Done():
			return 0, io.EOF
		}
	}
	n := copy(p, r.rest)
	r.rest = r.rest[n:]
	return n, nil
}

func (k *keys) lastInput() time.Time { return time.Unix(0, k.last.Load()) }

// touch counts now as input: a fresh start is not idle.
func (k *keys) touch() { k.last.Store(time.Now().UnixNano()) }

// clearScreen starts a line session over for the next person: the screen
// and the scrollback are cleared, so nothing of the last one is left.
const clearScreen = "\x1b[H\x1b[2J" + clearScrollback

// runLines serves the session in lines until the person is done, the
// session ends, or the kiosk closes it; an idle session starts over.
func (st *session) runLines(via LineVia, in *keys, winCh <-chan ssh.Window) {
	opts := &st.srv.opts
	info := st.info
	info.Lines = via
	started := time.Now()
	var closeAt time.Time
	for {
		ctx, cancel := context.WithCancel(st.ctx)
		notices := make(chan Notice, 8)
		done := make(chan struct{})
		st.srv.work.add()
		go func() {
			defer st.srv.work.done()
			defer close(done)
			defer func() {
				if r := recover(); r != nil {
					st.log.Error("line app panicked", "panic", r, "stack", string(debug.Stack()))
					st.failed.Store(true)
				}
			}()
			opts.Accessible(ctx, info, struct {
				io.Reader
				io.Writer
			}{in.reader(ctx), st.out}, notices)
		}()
		tell := func(n Notice) {
			select {
			case notices <- n:
			default: // the app is not listening: it has the next one
			}
		}
		end := func() {
			cancel()
			<-done
		}
		var warnUntil time.Time
		timer := time.NewTimer(time.Hour)
		reset := false
		for !reset {
			now := time.Now()
			next := st.nextLineWake(now, in.lastInput(), warnUntil, closeAt, started)
			if next.IsZero() {
				next = now.Add(time.Hour)
			}
			timer.Reset(next.Sub(now))
			select {
			case <-done:
				timer.Stop()
				cancel()
				return
			case <-st.ctx.Done():
				timer.Stop()
				end()
				return
			case w, ok := <-winCh:
				if !ok {
					winCh = nil
					continue
				}
				width, height := st.srv.clamp(w.Width, w.Height)
				tell(Notice{Kind: Resized, Width: width, Height: height})
			case <-in.typed:
				warnUntil = time.Time{} // a key carried on
			case <-st.box.notify:
				for _, m := range st.box.take() {
					if m, ok := m.(shutdownMsg); ok && (closeAt.IsZero() || m.at.Before(closeAt)) {
						closeAt = m.at
						st.bye.Store(st.notices().Closed + "\r\n")
						tell(Notice{Kind: ClosingShutdown, At: closeAt})
					}
				}
			case <-timer.C:
				now := time.Now()
				switch {
				case !closeAt.IsZero() && !now.Before(closeAt):
					end()
					return
				case !warnUntil.IsZero() && !now.Before(warnUntil):
					st.log.Info("reset", "why", "idle")
					end()
					_, _ = io.WriteString(st.out, clearScreen)
					in.touch()
					reset = true
				case warnUntil.IsZero() && opts.IdleTimeout > 0 && now.Sub(in.lastInput()) >= opts.IdleTimeout:
					warnUntil = now.Add(opts.IdleWarning)
					tell(Notice{Kind: IdleWarning, At: warnUntil})
				}
				if at := limitAt(opts, started); !at.IsZero() && !now.Before(at) && closeAt.IsZero() {
					closeAt = started.Add(opts.MaxSession)
					st.bye.Store(st.notices().LimitReached + "\r\n")
					tell(Notice{Kind: ClosingLimit, At: closeAt})
				}
			}
		}
		timer.Stop()
	}
}

// nextLineWake is the next moment a line session has something to do.
func (st *session) nextLineWake(now, lastInput, warnUntil, closeAt, started time.Time) time.Time {
	opts := &st.srv.opts
	var t time.Time
	consider := func(d time.Time) {
		if !d.IsZero() && (t.IsZero() || d.Before(t)) {
			t = d
		}
	}
	consider(closeAt)
	switch {
	case !warnUntil.IsZero():
		consider(warnUntil)
	case opts.IdleTimeout > 0:
		consider(lastInput.Add(opts.IdleTimeout))
	}
	if closeAt.IsZero() {
		consider(limitAt(opts, started))
	}
	if !t.IsZero() && t.Before(now) {
		t = now
	}
	return t
}

// limitAt is when the time-limit notice starts; zero without a limit.
func limitAt(opts *Options, started time.Time) time.Time {
	if opts.MaxSession <= 0 {
		return time.Time{}
	}
	return started.Add(opts.MaxSession - min(opts.IdleWarning, opts.MaxSession/2))
}
