package kiosk

import (
	"net"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

type connKey struct{}

// onConn runs before the SSH handshake: the connection cap, the per-address
// limit and the deadline for getting to a session.
func (s *Server) onConn(ctx ssh.Context, c net.Conn) net.Conn {
	if s.isClosing() {
		return nil
	}
	if s.conns.Add(1) > int64(s.opts.MaxConns) {
		s.conns.Add(-1)
		s.log.Debug("refused: too many connections", "addr", c.RemoteAddr().String())
		return nil
	}
	if s.limiter != nil && !s.limiter.allow(c.RemoteAddr(), time.Now()) {
		s.conns.Add(-1)
		s.log.Debug("refused: too many new connections from this address", "addr", c.RemoteAddr().String())
		return nil
	}
	g := &guardedConn{Conn: c, release: func() { s.conns.Add(-1) }}
	g.limitTo(time.Now().Add(s.opts.HandshakeTimeout))
	ctx.SetValue(connKey{}, g)
	return g
}

// maxChannels bounds the session channels open at once on one connection;
// nothing else in the SSH layer does.
const maxChannels = 2

func (s *Server) onChannel(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
	g, ok := ctx.Value(connKey{}).(*guardedConn)
	if !ok || !g.openChannel() {
		_ = ch.Reject(gossh.ResourceShortage, "too many sessions on this connection")
		return
	}
	defer g.closeChannel()
	ssh.DefaultSessionHandler(srv, conn, ch, ctx)
}

// guardedConn caps the deadlines the SSH layer sets (it clears them on
// every read and write) with its own: the handshake deadline until a
// session starts, a backstop while sessions run, a short linger after.
type guardedConn struct {
	net.Conn
	release func()

	mu       sync.Mutex
	limit    time.Time // zero: none of our own
	want     time.Time // what the SSH layer asked for
	sessions int
	channels int
	closed   bool
}

func (g *guardedConn) openChannel() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.channels >= maxChannels {
		return false
	}
	g.channels++
	return true
}

func (g *guardedConn) closeChannel() {
	g.mu.Lock()
	g.channels--
	g.mu.Unlock()
}

func (g *guardedConn) SetDeadline(t time.Time) error {
	g.mu.Lock()
	g.want = t
	d := g.effective()
	g.mu.Unlock()
	return g.Conn.SetDeadline(d)
}

func (g *guardedConn) effective() time.Time {
	if g.limit.IsZero() || (!g.want.IsZero() && g.want.Before(g.limit)) {
		return g.want
	}
	return g.limit
}

func (g *guardedConn) limitTo(t time.Time) {
	g.mu.Lock()
	g.limit = t
	d := g.effective()
	g.mu.Unlock()
	_ = g.Conn.SetDeadline(d)
}

// sessionStarted lifts the handshake deadline to backstop (zero: none).
func (g *guardedConn) sessionStarted(backstop time.Time) {
	g.mu.Lock()
	g.sessions++
	g.mu.Unlock()
	g.limitTo(backstop)
}

// sessionEnded gives the client a moment to leave once its last session is
// over; an idle connection holds no place.
func (g *guardedConn) sessionEnded(linger time.Duration) {
	g.mu.Lock()
	g.sessions--
	last := g.sessions == 0
	g.mu.Unlock()
	if last {
		g.limitTo(time.Now().Add(linger))
	}
}

func (g *guardedConn) Close() error {
	g.mu.Lock()
	first := !g.closed
	g.closed = true
	g.mu.Unlock()
	if first {
		g.release()
	}
	return g.Conn.Close()
}

// addrLimiter is a token bucket per client address: perMin connections at
// once, refilled at perMin a minute.
type addrLimiter struct {
	perMin float64
	mu     sync.Mutex
	m      map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// maxTracked bounds the limiter's memory; past it, full buckets are
// forgotten, and if none is, new addresses pass unlimited (the connection
// cap still holds).
const maxTracked = 16384

func newAddrLimiter(perMin int) *addrLimiter {
	return &addrLimiter{perMin: float64(perMin), m: map[string]*bucket{}}
}

func (l *addrLimiter) allow(addr net.Addr, now time.Time) bool {
	key := addrKey(addr)
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.m[key]
	if !ok {
		if len(l.m) >= maxTracked {
			l.prune(now)
			if len(l.m) >= maxTracked {
				return true
			}
		}
		b = &bucket{tokens: l.perMin, last: now}
		l.m[key] = b
	}
	l.refill(b, now)
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (l *addrLimiter) refill(b *bucket, now time.Time) {
	if el := now.Sub(b.last); el > 0 {
		b.tokens = min(l.perMin, b.tokens+el.Minutes()*l.perMin)
		b.last = now
	}
}

func (l *addrLimiter) prune(now time.Time) {
	for k, b := range l.m {
		l.refill(b, now)
		if b.tokens >= l.perMin {
			delete(l.m, k)
		}
	}
}

// addrKey is the client's IP; IPv6 clients are grouped by /64, which one
// client usually owns whole.
func addrKey(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		host, _, err := net.SplitHostPort(a.String())
		if err != nil {
			return a.String()
		}
		return host
	}
	if ip4 := tcp.IP.To4(); ip4 != nil {
		return ip4.String()
	}
	return tcp.IP.Mask(net.CIDRMask(64, 128)).String()
}

// keepAlive pings every session's client; one that does not answer within
// the interval is gone (a dropped network sends no FIN), and its session
// ends, holds released. One goroutine for the server; a ping lives only
// for its round trip.
func (s *Server) keepAlive() {
	t := time.NewTicker(s.opts.KeepAlive)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
		}
		for _, st := range s.snapshot() {
			if st.pinging.CompareAndSwap(false, true) {
				go s.ping(st)
			}
		}
	}
}

func (s *Server) ping(st *session) {
	defer st.pinging.Store(false)
	timer := time.AfterFunc(s.opts.KeepAlive, func() {
		st.log.Info("no answer to keepalive, closing")
		st.kill()
	})
	defer timer.Stop()
	// OpenSSH answers "failure" to an unknown request: any answer is life.
	if _, _, err := st.conn.SendRequest("keepalive@openssh.com", true, nil); err != nil {
		st.kill()
	}
}
