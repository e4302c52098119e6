package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/creack/pty"
)

// program is one program running in a pty whose other end is a screen.
// Every read is timestamped as it arrives, so a frame's time is when its
// last byte reached the terminal.
type program struct {
	name  string
	cmd   *exec.Cmd
	tty   *os.File
	start time.Time // just before exec

	mu      sync.Mutex
	scr     *screen
	bytes   int64     // written by the program so far
	last    time.Time // when its latest output arrived
	armed   bool      // the next read's time goes to firstAt
	firstAt time.Time // when the first output after arm arrived
	watch   func(*screen) bool
	hit     chan time.Time
	wake    chan struct{} // a read arrived (buffered, 1)
	readEnd chan struct{} // the program closed the pty or exited
	exited  chan struct{}
	waitErr error
}

type spec struct {
	name string
	argv []string
	env  []string
	dir  string
}

// launch starts p in a w×h pty. If ready is set it is watched from the
// very first byte, so a start-up can be timed from exec.
func launch(sp spec, w, h int, ready func(*screen) bool) (*program, error) {
	cmd := exec.Command(sp.argv[0], sp.argv[1:]...)
	cmd.Env, cmd.Dir = sp.env, sp.dir
	p := &program{
		name: sp.name, cmd: cmd, scr: newScreen(w, h),
		wake: make(chan struct{}, 1), readEnd: make(chan struct{}), exited: make(chan struct{}),
	}
	if ready != nil {
		p.watch, p.hit = ready, make(chan time.Time, 1)
	}
	p.start = time.Now()
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", sp.name, err)
	}
	p.tty = tty
	go p.read()
	go func() {
		p.waitErr = cmd.Wait()
		close(p.exited)
	}()
	return p, nil
}

func (p *program) read() {
	defer close(p.readEnd)
	buf := make([]byte, 64<<10)
	for {
		n, err := p.tty.Read(buf)
		now := time.Now()
		if n > 0 {
			p.mu.Lock()
			p.scr.write(buf[:n])
			p.bytes += int64(n)
			p.last = now
			if p.armed {
				p.firstAt, p.armed = now, false
			}
			reply := p.scr.takeReply()
			if p.watch != nil && p.watch(p.scr) {
				p.hit <- now
				p.watch = nil
			}
			p.mu.Unlock()
			if len(reply) > 0 {
				_, _ = p.tty.Write(reply)
			}
			select {
			case p.wake <- struct{}{}:
			default:
			}
		}
		if err != nil {
			return
		}
	}
}

// errExited says the program ended while the harness waited on it.
var errExited = errors.New("the program exited")

// until waits for cond to hold on the screen and returns the arrival time
// of the read that made it hold.
func (p *program) until(cond func(*screen) bool, timeout time.Duration) (time.Time, error) {
	p.mu.Lock()
	if cond(p.scr) {
		t := p.last
		p.mu.Unlock()
		return t, nil
	}
	hit := make(chan time.Time, 1)
	p.watch, p.hit = cond, hit
	p.mu.Unlock()
	return p.waitHit(hit, timeout)
}

// ready waits for the condition given to launch.
func (p *program) ready(timeout time.Duration) (time.Time, error) {
	return p.waitHit(p.hit, timeout)
}

func (p *program) waitHit(hit chan time.Time, timeout time.Duration) (time.Time, error) {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case t := <-hit:
		return t, nil
	case <-timer.C:
		return time.Time{}, fmt.Errorf("%s: not drawn within %s; the screen:\n%s", p.name, timeout, p.text())
	case <-p.readEnd:
		select {
		case t := <-hit:
			return t, nil
		default:
		}
		return time.Time{}, fmt.Errorf("%s: %w before it drew what was awaited; the screen:\n%s", p.name, errExited, p.text())
	}
}

// quiet waits until nothing has arrived for gap and returns the arrival
// time of the last read before that (or of the last read ever).
func (p *program) quiet(gap, timeout time.Duration) (time.Time, error) {
	deadline := time.Now().Add(timeout)
	for {
		p.mu.Lock()
		last := p.last
		p.mu.Unlock()
		wait := gap - time.Since(last)
		if last.IsZero() {
			wait = gap
		}
		if wait <= 0 {
			return last, nil
		}
		if time.Now().Add(wait).After(deadline) {
			return last, fmt.Errorf("%s: never quiet for %s within %s", p.name, gap, timeout)
		}
		select {
		case <-time.After(wait):
		case <-p.readEnd:
			return last, nil
		}
	}
}

// arm makes the next read's arrival time firstOutput's answer.
func (p *program) arm() {
	p.mu.Lock()
	p.armed, p.firstAt = true, time.Time{}
	p.mu.Unlock()
}

func (p *program) firstOutput() time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.firstAt
}

// outputAfter waits until the program has written more than b0 bytes.
func (p *program) outputAfter(b0 int64, timeout time.Duration) bool {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		if p.written() > b0 {
			return true
		}
		select {
		case <-p.wake:
		case <-timer.C:
			return false
		case <-p.readEnd:
			return p.written() > b0
		}
	}
}

// send types keys.
func (p *program) send(keys string) error {
	_, err := p.tty.Write([]byte(keys))
	return err
}

func (p *program) text() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.scr.text()
}

func (p *program) written() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.bytes
}

// wait waits for the program to exit by itself.
func (p *program) wait(timeout time.Duration) (time.Time, error) {
	select {
	case <-p.exited:
		t := time.Now()
		<-p.readEnd
		return t, p.waitErr
	case <-time.After(timeout):
		return time.Time{}, fmt.Errorf("%s: still running after %s", p.name, timeout)
	}
}

// stop ends the program (TERM, then KILL) and closes the pty. How it
// quits is not measured, so it gets little time.
func (p *program) stop() {
	select {
	case <-p.exited:
	default:
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.exited:
		case <-time.After(300 * time.Millisecond):
			_ = p.cmd.Process.Kill()
			<-p.exited
		}
	}
	p.tty.Close()
	<-p.readEnd
}

// cpu is the CPU time the program's threads have used so far, from the
// scheduler's nanosecond counters.
func (p *program) cpu() (time.Duration, error) {
	dir := fmt.Sprintf("/proc/%d/task", p.cmd.Process.Pid)
	tasks, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	var total time.Duration
	for _, t := range tasks {
		b, err := os.ReadFile(filepath.Join(dir, t.Name(), "schedstat"))
		if err != nil {
			continue // the thread just ended
		}
		f := strings.Fields(string(b))
		if len(f) == 0 {
			continue
		}
		ns, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", dir, err)
		}
		total += time.Duration(ns)
	}
	return total, nil
}
