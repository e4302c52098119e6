//go:build linux

package reliability

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// A signal ends the app within this.
const signalExit = time.Second

// Terminal size of every app started here.
const termCols, termRows = 100, 30

// app is zimun running in a pseudo-terminal that answers its queries.
type app struct {
	t   *testing.T
	cmd *exec.Cmd
	tty *os.File

	mu      sync.Mutex
	scr     *screen
	raw     bytes.Buffer
	changed chan struct{} // closed and replaced on every output

	readDone chan struct{}
	exited   chan struct{}
	exitAt   time.Time
	waitErr  error
}

// start runs zimun with args on the desk, in a 100×30 terminal.
func (d *desk) start(args ...string) *app {
	d.t.Helper()
	return d.startSized(termCols, termRows, args...)
}

// startSized runs zimun with args on the desk, in a cols×rows terminal.
func (d *desk) startSized(cols, rows int, args ...string) *app {
	d.t.Helper()
	cmd := exec.Command(zimunBinary(d.t), args...)
	cmd.Env = d.env()
	cmd.Dir = d.home
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: uint16(rows), Cols: uint16(cols)})
	if err != nil {
		d.t.Fatal(err)
	}
	a := &app{
		t: d.t, cmd: cmd, tty: tty, scr: newScreen(cols, rows),
		changed: make(chan struct{}), readDone: make(chan struct{}), exited: make(chan struct{}),
	}
	a.scr.reply = func(b []byte) { _, _ = tty.Write(b) }
	go a.read()
	go func() {
		a.waitErr = cmd.Wait()
		a.exitAt = time.Now()
		close(a.exited)
	}()
	d.t.Cleanup(func() {
		select {
		case <-a.exited:
		default:
			_ = cmd.Process.Kill()
			<-a.exited
		}
		tty.Close()
		<-a.readDone
		out := a.rawString()
		if strings.Contains(out, "DATA RACE") || strings.Contains(out, "panic:") {
			d.t.Errorf("the app reported a race or a panic:\n%s", out)
		}
		if s := showsSecret(out); s != "" {
			d.t.Errorf("the client secret (%q) reached the terminal", s)
		}
	})
	return a
}

func (a *app) read() {
	defer close(a.readDone)
	buf := make([]byte, 32*1024)
	for {
		n, err := a.tty.Read(buf)
		if n > 0 {
			a.mu.Lock()
			a.raw.Write(buf[:n])
			a.scr.Write(buf[:n])
			close(a.changed)
			a.changed = make(chan struct{})
			a.mu.Unlock()
		}
		if err != nil {
			return // EIO once the app and its terminal are gone
		}
	}
}

func (a *app) rawString() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.raw.String()
}

// Screen is what the terminal shows now.
func (a *app) Screen() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.scr.Text()
}

// waitFor waits until the screen shows every text, and returns it.
func (a *app) waitFor(texts ...string) string {
	a.t.Helper()
	return a.waitUntil(strings.Join(texts, " and "), func(s string) bool {
		for _, t := range texts {
			if !strings.Contains(s, t) {
				return false
			}
		}
		return true
	})
}

// waitAny waits until the screen shows one of texts, and returns which.
func (a *app) waitAny(texts ...string) string {
	a.t.Helper()
	var got string
	a.waitUntil("one of "+strings.Join(texts, ", "), func(s string) bool {
		for _, t := range texts {
			if strings.Contains(s, t) {
				got = t
				return true
			}
		}
		return false
	})
	return got
}

func (a *app) waitUntil(what string, ok func(screen string) bool) string {
	a.t.Helper()
	deadline := time.NewTimer(waitScreen)
	defer deadline.Stop()
	for {
		a.mu.Lock()
		s, changed := a.scr.Text(), a.changed
		a.mu.Unlock()
		if ok(s) {
			return s
		}
		select {
		case <-changed:
		case <-a.exited:
			a.mu.Lock()
			s = a.scr.Text()
			a.mu.Unlock()
			if ok(s) {
				return s
			}
			a.t.Fatalf("the app exited (%v) waiting for %s; screen:\n%s", a.waitErr, what, s)
		case <-deadline.C:
			a.t.Fatalf("no %s on screen after %s; screen:\n%s", what, waitScreen, s)
		}
	}
}

// keys are names for what the terminal sends.
var keys = map[string]string{
	"enter": "\r", "tab": "\t", "esc": "\x1b", "ctrl+c": "\x03", "ctrl+s": "\x13", "ctrl+x": "\x18",
	"up": "\x1b[A", "down": "\x1b[B", "right": "\x1b[C", "left": "\x1b[D", "backspace": "\x7f",
}

// press sends named keys (see keys) or, for anything else, text.
func (a *app) press(ks ...string) {
	a.t.Helper()
	for _, k := range ks {
		s, ok := keys[k]
		if !ok {
			s = k
		}
		if _, err := a.tty.Write([]byte(s)); err != nil {
			a.t.Fatalf("typing %q: %v", k, err)
		}
	}
}

// signal sends sig and waits for the app to exit; it returns how long
// that took.
func (a *app) signal(sig syscall.Signal) time.Duration {
	a.t.Helper()
	sent := time.Now()
	if err := a.cmd.Process.Signal(sig); err != nil {
		a.t.Fatal(err)
	}
	select {
	case <-a.exited:
	case <-time.After(waitScreen):
		a.t.Fatalf("still running %s after %v; screen:\n%s", waitScreen, sig, a.Screen())
	}
	a.drain()
	return a.exitAt.Sub(sent)
}

// kill ends the app with SIGKILL: nothing of it runs after.
func (a *app) kill() {
	a.t.Helper()
	_ = a.cmd.Process.Kill()
	<-a.exited
	a.drain()
}

// wait waits for the app to exit by itself.
func (a *app) wait() {
	a.t.Helper()
	select {
	case <-a.exited:
	case <-time.After(waitScreen):
		a.t.Fatalf("still running after %s; screen:\n%s", waitScreen, a.Screen())
	}
	a.drain()
}

// drain reads what the app wrote before it ended.
func (a *app) drain() {
	select {
	case <-a.readDone:
	case <-time.After(2 * time.Second):
		a.tty.Close() // a grandchild holds the terminal: stop reading
		<-a.readDone
	}
}

// exitCode is the app's exit status, -1 when a signal ended it.
func (a *app) exitCode() int {
	var ee *exec.ExitError
	if errors.As(a.waitErr, &ee) {
		return ee.ExitCode()
	}
	if a.waitErr != nil {
		return -1
	}
	return 0
}

// restored reports whether the app gave the terminal back as it found it:
// off the alternate screen and with a visible cursor.
func (a *app) restored() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	raw := a.raw.String()
	var problems []string
	if a.scr.altActive {
		problems = append(problems, "still on the alternate screen")
	}
	if !strings.Contains(raw, "\x1b[?1049l") {
		problems = append(problems, "never left the alternate screen (no ESC[?1049l)")
	}
	if !a.scr.cursorShow {
		problems = append(problems, "the cursor is hidden")
	}
	// The master reads the terminal's modes: echo and line editing are
	// back on once the app has left raw mode.
	if tio, err := unix.IoctlGetTermios(int(a.tty.Fd()), unix.TCGETS); err != nil {
		problems = append(problems, "terminal modes unreadable: "+err.Error())
	} else if tio.Lflag&unix.ECHO == 0 || tio.Lflag&unix.ICANON == 0 {
		problems = append(problems, "left in raw mode (no echo or no line editing)")
	}
	if len(problems) > 0 {
		return fmt.Errorf("terminal not restored: %s", strings.Join(problems, "; "))
	}
	return nil
}
