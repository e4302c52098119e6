package kiosk_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/zimun-app/zimun/kiosk"
)

func TestFirstFrameWithoutAnsweringQueries(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{}, nil)
	start := time.Now()
	c := dial(t, ts.addr, dialOpts{width: 90, height: 25})
	c.out.waitFor(t, "size=90x25", time.Second)
	if el := time.Since(start); el > time.Second {
		t.Errorf("first frame after %s, want within 1s", el)
	}
	out := c.out.String()
	for _, query := range []string{"\x1b]11;?", "\x1b[c", "\x1b[6n"} {
		if strings.Contains(out, query) {
			t.Errorf("the kiosk asked the terminal %q; a silent client would stall", query)
		}
	}
}

func TestBusyWhenEveryPlaceIsTaken(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{MaxSessions: 2}, nil)
	for range 2 {
		c := dial(t, ts.addr, dialOpts{})
		c.out.waitFor(t, "APP", soon)
	}
	third := dial(t, ts.addr, dialOpts{})
	third.out.waitFor(t, "All kiosks are busy, try again in a minute.", soon)
	if err := third.waitExit(t, soon); exitStatus(err) != 1 {
		t.Errorf("busy session ended with %v, want exit status 1", err)
	}
}

func TestDeskKeyGetsDeskRole(t *testing.T) {
	t.Parallel()
	desk, other := testKey(t), testKey(t)
	ts := startServer(t, kiosk.Options{MaxSessions: 1, DeskKeys: []gossh.PublicKey{desk.PublicKey()}}, nil)
	keyless := dial(t, ts.addr, dialOpts{})
	keyless.out.waitFor(t, "role=kiosk", soon)
	// The only customer place is taken: the desk still gets in, another key does not.
	d := dial(t, ts.addr, dialOpts{key: desk})
	d.out.waitFor(t, "role=desk", soon)
	o := dial(t, ts.addr, dialOpts{key: other})
	o.out.waitFor(t, "All kiosks are busy", soon)
}

func TestSessionInfoFromTheClient(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{}, nil)
	c := dial(t, ts.addr, dialOpts{
		user: "kiosk\x1b[2J3", key: testKey(t), term: "xterm\x07", command: "accessible",
		env: map[string]string{"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "de_DE.UTF-8", "SECRET": "x"},
	})
	c.out.waitFor(t, `user=kiosk[2J3 term=xterm lang=de_DE.UTF-8 command=["accessible"] key=true`, soon)
}

func TestIdleWarningThenReset(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{IdleTimeout: 300 * time.Millisecond, IdleWarning: 1500 * time.Millisecond}, nil)
	c := dial(t, ts.addr, dialOpts{})
	c.out.waitFor(t, "/1 role", soon)
	c.press(t, "x")
	c.out.waitFor(t, "keys=[x]", soon)

	at := c.out.waitFor(t, "Still there?", soon)
	if !strings.Contains(c.out.String()[:at], "\a") {
		t.Error("the warning rang no bell")
	}
	c.out.waitForAfter(t, at, "starts over in 1 s", soon)
	at = c.out.waitForAfter(t, at, "\x1b[3J", soon)
	ends := ts.rec.waitEnds(t, 1, soon)
	if !strings.HasSuffix(ends[0], "/1") {
		t.Errorf("ended %v, want the first app", ends)
	}
	// A fresh app, with nothing of the last customer's.
	c.out.waitForAfter(t, at, "/2 role=kiosk size=100x30 keys=[] news=[]", soon)
}

func TestAnyKeyCancelsTheIdleWarning(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{IdleTimeout: 200 * time.Millisecond, IdleWarning: 3 * time.Second}, nil)
	c := dial(t, ts.addr, dialOpts{})
	at := c.out.waitFor(t, "Still there?", soon)
	c.press(t, "z")
	at = c.out.waitForAfter(t, at, "/1 role=kiosk", soon)
	// The key only dismissed the warning; idle counts again from it.
	at = c.out.waitForAfter(t, at, "Still there?", soon)
	if n := ts.rec.endCount(); n != 0 {
		t.Errorf("%d end calls; a key should have kept the app", n)
	}
	if strings.Contains(c.out.String(), "keys=[z]") {
		t.Error("the key that dismissed the warning reached the app")
	}
}

func TestSessionLimit(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{MaxSession: 1200 * time.Millisecond, IdleWarning: 600 * time.Millisecond}, nil)
	c := dial(t, ts.addr, dialOpts{})
	c.out.waitFor(t, "This session ends in", soon)
	c.out.waitFor(t, "size=100x29", soon) // the app makes room for the notice
	c.out.waitFor(t, "reached its time limit", soon)
	c.waitExit(t, soon)
	ts.rec.waitEnds(t, 1, soon)
}

func TestDroppedClientEndsItsApp(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{}, nil)
	c := dial(t, ts.addr, dialOpts{})
	c.out.waitFor(t, "APP", soon)
	c.close()
	ts.rec.waitEnds(t, 1, 5*time.Second)
	waitFor(t, soon, func() bool { return ts.Sessions() == 0 })
}

func TestClientWithoutPTYGetsOneLine(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{}, nil)
	c := dial(t, ts.addr, dialOpts{noPTY: true, command: "book"})
	err := c.waitExit(t, soon)
	if exitStatus(err) != 1 {
		t.Errorf("exit %v, want status 1", err)
	}
	if got := c.errOut.String(); !strings.Contains(got, "it needs a terminal. Connect with ssh -t") || strings.Count(got, "\n") != 1 {
		t.Errorf("stderr %q, want one friendly line", got)
	}
	if ts.rec.endCount() != 0 {
		t.Error("an app was started without a terminal")
	}
}

// The one line is in the client's language, from the LANG it sent.
func TestClientWithoutPTYGetsItsLanguage(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{Notices: func(lang string) kiosk.Notices {
		n := kiosk.EnglishNotices()
		if strings.HasPrefix(lang, "fr") {
			n.NoTerminal = "Il faut un terminal."
		}
		return n
	}}, nil)
	c := dial(t, ts.addr, dialOpts{noPTY: true, command: "book", env: map[string]string{"LANG": "fr_FR.UTF-8"}})
	_ = c.waitExit(t, soon)
	if got := c.errOut.String(); got != "Il faut un terminal.\r\n" {
		t.Errorf("stderr %q, want the French line", got)
	}
}

func TestAbsurdWindowSizes(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{}, nil)
	_, err := tryDial(ts.addr, dialOpts{width: 100000, height: 50})
	if err == nil || !strings.Contains(err.Error(), "pty") {
		t.Errorf("a 100000-column pty was accepted (err %v)", err)
	}
	c := dial(t, ts.addr, dialOpts{})
	c.out.waitFor(t, "size=100x30", soon)
	if err := c.sess.WindowChange(9000, 9000); err != nil {
		t.Fatal(err)
	}
	c.out.waitFor(t, "size=512x256", soon)
}

func TestPanicInOneSessionLeavesOthersRunning(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{}, nil)
	a := dial(t, ts.addr, dialOpts{})
	b := dial(t, ts.addr, dialOpts{})
	cc := dial(t, ts.addr, dialOpts{})
	for _, c := range []*client{a, b, cc} {
		c.out.waitFor(t, "APP", soon)
	}
	a.press(t, "p")  // in Update
	cc.press(t, "c") // in a command
	for _, c := range []*client{a, cc} {
		c.waitExit(t, soon)
		if !strings.Contains(c.out.String(), "something went wrong") {
			t.Errorf("no apology: %q", tail(c.out.String(), 200))
		}
	}
	ts.rec.waitEnds(t, 2, soon)
	b.press(t, "k")
	b.out.waitFor(t, "keys=[k]", soon)
}

func TestShutdownEndsEveryAppWithinTheGrace(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{}, nil)
	var cs []*client
	for range 3 {
		c := dial(t, ts.addr, dialOpts{})
		c.out.waitFor(t, "APP", soon)
		cs = append(cs, c)
	}
	grace := 1500 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- ts.Shutdown(ctx) }()
	for _, c := range cs {
		c.out.waitFor(t, "This kiosk is closing in", grace)
	}
	// No new customers while closing.
	if c, err := tryDial(ts.addr, dialOpts{}); err == nil {
		c.close()
		t.Error("a new connection was taken during the shutdown")
	}
	// These clients never hang up: Shutdown still returns, at the end of
	// the grace (give or take a busy machine's scheduling).
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Shutdown: %v", err)
		}
	case <-time.After(grace + 2*time.Second):
		t.Fatalf("Shutdown still running %s after it began, grace %s", time.Since(start), grace)
	}
	if n := ts.rec.endCount(); n != 3 {
		t.Errorf("%d end calls, want 3", n)
	}
	for _, c := range cs {
		c.waitExit(t, soon)
		if !strings.Contains(c.out.String(), "This kiosk has closed") {
			t.Errorf("no goodbye: %q", tail(c.out.String(), 200))
		}
	}
	select {
	case err := <-ts.done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
		ts.done <- nil // for the cleanup
	case <-time.After(soon):
		t.Error("Serve still running after Shutdown")
	}
}

func TestBroadcastReachesEverySessionAndAStuckOneIsClosed(t *testing.T) {
	t.Parallel()
	rec := &recorder{ended: make(chan string, 16), block: make(chan struct{})}
	defer close(rec.block)
	ts := startServer(t, kiosk.Options{StuckAfter: 300 * time.Millisecond}, rec.factory)
	var cs []*client
	for range 3 {
		c := dial(t, ts.addr, dialOpts{})
		c.out.waitFor(t, "APP", soon)
		cs = append(cs, c)
	}
	ts.Broadcast("day/2026-03-02", newsMsg("one"))
	ts.Broadcast("day/2026-03-02", newsMsg("two")) // may replace "one" while waiting
	for _, c := range cs {
		c.out.waitFor(t, "news=[two]", soon)
	}

	stuck := cs[0]
	stuck.press(t, "b") // its Update blocks
	// Broadcasts go on, never waiting on the stuck session, until it is
	// closed for leaving them untaken.
	var slowest time.Duration
	deadline := time.Now().Add(soon)
	n := 0
	for ; ; n++ {
		start := time.Now()
		ts.Broadcast(fmt.Sprintf("day/%d", n), newsMsg(fmt.Sprintf("n%d", n)))
		slowest = max(slowest, time.Since(start))
		select {
		case <-stuck.exited:
		case <-time.After(20 * time.Millisecond): // the pace of the broadcasts
			if time.Now().After(deadline) {
				t.Fatal("the stuck session is still open")
			}
			continue
		}
		break
	}
	if slowest > time.Second { // blocking would be for good: the stuck Update never returns
		t.Errorf("a Broadcast took %s", slowest)
	}
	if ended, want := rec.waitEnds(t, 1, soon), appID(stuck.out.String()); ended[0] != want {
		t.Errorf("ended %v, want the stuck session's app %s", ended, want)
	}
	for _, c := range cs[1:] {
		c.out.waitFor(t, fmt.Sprintf("news=[n%d]", n), soon)
	}
}

func TestBroadcastToAFullMailboxClosesTheSession(t *testing.T) {
	t.Parallel()
	rec := &recorder{ended: make(chan string, 16), block: make(chan struct{}), blocked: make(chan struct{}, 1)}
	defer close(rec.block)
	ts := startServer(t, kiosk.Options{MailboxSize: 4}, rec.factory)
	c := dial(t, ts.addr, dialOpts{})
	c.out.waitFor(t, "APP", soon)
	c.press(t, "b")
	select { // the news must find the app stuck, not still reading the key
	case <-rec.blocked:
	case <-time.After(soon):
		t.Fatal("the app never took the key that blocks it")
	}
	// The pump takes what waits and then blocks handing it over, so how
	// many a first take gets depends on timing; from then on each new key
	// waits, and a few past the mailbox's size close the session.
	deadline := time.Now().Add(soon)
	for i := 0; ; i++ {
		if time.Now().After(deadline) {
			t.Fatalf("session still open after %d broadcasts to a mailbox of 4", i)
		}
		ts.Broadcast(fmt.Sprintf("day/%d", i), newsMsg("x"))
		select {
		case <-c.exited:
		case <-time.After(5 * time.Millisecond):
			continue
		}
		break
	}
	rec.waitEnds(t, 1, soon)
}

func TestKeepAliveClosesADeadClient(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{KeepAlive: 150 * time.Millisecond}, nil)
	p := newFreezer(t, ts.addr)
	c := dial(t, ts.addr, dialOpts{dialer: p.dial})
	c.out.waitFor(t, "APP", soon)
	p.freeze() // the network goes away without a word
	ts.rec.waitEnds(t, 1, soon)
}

func TestRateLimitPerAddress(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{ConnectsPerMinute: 2}, nil)
	for range 2 {
		c := dial(t, ts.addr, dialOpts{})
		c.out.waitFor(t, "APP", soon)
	}
	if c, err := tryDial(ts.addr, dialOpts{}); err == nil {
		c.close()
		t.Error("a third connection within the minute was taken")
	}
}

func TestNoGoroutineLeftBehind(t *testing.T) {
	// Not parallel: it counts the process's goroutines.
	before := runtime.NumGoroutine()
	ts := startServer(t, kiosk.Options{MaxSessions: 50}, nil)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 10)
	for range 50 {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			c, err := tryDial(ts.addr, dialOpts{})
			if err != nil {
				t.Errorf("dial: %v", err)
				return
			}
			c.out.waitFor(t, "APP", soon)
			c.close()
		}()
	}
	wg.Wait()
	ts.rec.waitEnds(t, 50, soon)
	waitFor(t, soon, func() bool { return ts.Sessions() == 0 })
	if err := ts.Close(); err != nil {
		t.Fatal(err)
	}
	var now int
	settled := poll(soon, func() bool {
		now = runtime.NumGoroutine()
		return now <= before
	})
	if !settled {
		buf := make([]byte, 1<<20)
		n := runtime.Stack(buf, true)
		t.Fatalf("%d goroutines before, %d after 50 sessions:\n%s", before, now, buf[:n])
	}
}

// waitFor polls cond until it holds.
func waitFor(t testing.TB, within time.Duration, cond func() bool) {
	t.Helper()
	if !poll(within, cond) {
		t.Fatalf("condition not met within %s", within)
	}
}

func poll(within time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	return true
}

func TestSessionsPerConnectionAreBounded(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{}, nil)
	c := dial(t, ts.addr, dialOpts{})
	c.out.waitFor(t, "APP", soon)
	second, err := c.conn.NewSession()
	if err != nil {
		t.Fatalf("a second session on one connection: %v", err)
	}
	defer second.Close()
	if third, err := c.conn.NewSession(); err == nil {
		third.Close()
		t.Error("a third session on one connection was opened")
	}
}

// The kiosk's own words come in the session's language, as the client's
// LANG names it.
func TestNoticesInTheSessionsLanguage(t *testing.T) {
	t.Parallel()
	french := kiosk.EnglishNotices()
	french.StillThere = "Vous êtes toujours là ?"
	ts := startServer(t, kiosk.Options{IdleTimeout: 200 * time.Millisecond, IdleWarning: 3 * time.Second,
		Notices: func(lang string) kiosk.Notices {
			if strings.HasPrefix(lang, "fr") {
				return french
			}
			return kiosk.EnglishNotices()
		}}, nil)
	c := dial(t, ts.addr, dialOpts{env: map[string]string{"LANG": "fr_FR.UTF-8"}})
	c.out.waitFor(t, "Vous êtes toujours là ?", soon)
}

// A batch's commands, nested ones too, all deliver their messages; the
// kiosk runs them without Bubble Tea's goroutine waiting on the slowest.
func TestBatchedCommandsDeliver(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{}, nil)
	c := dial(t, ts.addr, dialOpts{})
	at := c.out.waitFor(t, "got=[]", soon)
	c.press(t, "t")
	c.out.waitForAfter(t, at, "got=[one two]", soon)
}
