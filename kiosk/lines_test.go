package kiosk_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/term"

	"github.com/zimun-app/zimun/kiosk"
)

// lineApp is a LineApp on x/term's line editor: it says why it runs,
// echoes each line back, says each notice, and ends on "bye".
type lineApp struct{ n atomic.Int32 }

func (a *lineApp) serve(ctx context.Context, s kiosk.Session, rw io.ReadWriter, notices <-chan kiosk.Notice) {
	n := a.n.Add(1)
	t := term.NewTerminal(rw, "> ")
	fmt.Fprintf(t, "LINES %d via=%s user=%s role=%s\n", n, s.Lines, s.User, s.Role)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case no := <-notices:
				fmt.Fprintf(t, "NOTICE %d in %s\n", no.Kind, time.Until(no.At).Round(time.Second))
			}
		}
	}()
	for {
		line, err := t.ReadLine()
		if err != nil || line == "bye" {
			return
		}
		fmt.Fprintf(t, "GOT %q\n", line)
	}
}

// Each way to ask for lines gets them, and Enter is the \r a client sends.
func TestLinesOnRequest(t *testing.T) {
	t.Parallel()
	app := &lineApp{}
	ts := startServer(t, kiosk.Options{Accessible: app.serve}, nil)
	for _, c := range []struct {
		opts dialOpts
		via  string
	}{
		{dialOpts{user: "a11y"}, "via=user a11y user=a11y role=kiosk"},
		{dialOpts{env: map[string]string{"ACCESSIBLE": "1"}}, "via=ACCESSIBLE"},
		{dialOpts{command: "accessible"}, "via=command accessible"},
	} {
		cl := dial(t, ts.addr, c.opts)
		at := cl.out.waitFor(t, c.via, soon)
		cl.press(t, "hello\r")
		cl.out.waitForAfter(t, at, `GOT "hello"`, soon)
		cl.press(t, "bye\r")
		if err := cl.waitExit(t, soon); exitStatus(err) != 0 {
			t.Errorf("%s: exit %v", c.via, err)
		}
	}
	// Anyone else gets the full-screen app.
	cl := dial(t, ts.addr, dialOpts{env: map[string]string{"ACCESSIBLE": "0"}})
	cl.out.waitFor(t, "APP ", soon)
}

// switchApp is a full-screen app whose "l" asks for lines.
type switchApp struct{ fakeApp }

func (a switchApp) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && k.String() == "l" {
		return a, kiosk.Session{}.LineMode
	}
	m, cmd := a.fakeApp.Update(msg)
	return switchApp{m.(fakeApp)}, cmd
}

// The full-screen app's key hands the session to the line mode, and the
// keys typed right after it reach the line mode, not the ended program.
func TestAppAsksForLines(t *testing.T) {
	t.Parallel()
	app := &lineApp{}
	rec := &recorder{ended: make(chan string, 8)}
	factory := func(ctx context.Context, s kiosk.Session) (tea.Model, func(context.Context)) {
		m, end := rec.factory(ctx, s)
		return switchApp{m.(fakeApp)}, end
	}
	ts := startServer(t, kiosk.Options{Accessible: app.serve}, factory)
	cl := dial(t, ts.addr, dialOpts{})
	cl.out.waitFor(t, "APP ", soon)
	cl.press(t, "l")
	at := cl.out.waitFor(t, "LINES 1 via=key", soon)
	rec.waitEnds(t, 1, soon) // the full-screen app was ended: its holds go back
	cl.press(t, "abc\r")
	cl.out.waitForAfter(t, at, `GOT "abc"`, soon)
}

// An idle line session is warned, then starts over on a clean screen; a
// key during the warning carries on.
func TestLinesIdleWarningAndReset(t *testing.T) {
	t.Parallel()
	app := &lineApp{}
	ts := startServer(t, kiosk.Options{Accessible: app.serve, IdleTimeout: 300 * time.Millisecond, IdleWarning: 1500 * time.Millisecond}, nil)
	cl := dial(t, ts.addr, dialOpts{user: "a11y"})
	at := cl.out.waitFor(t, "NOTICE 0 in", soon)
	cl.press(t, "x")
	// The key carried on: the next warning comes after a new idle spell,
	// in the same app.
	at = cl.out.waitForAfter(t, at, "NOTICE 0 in", soon)
	if strings.Contains(cl.out.String()[:at], "LINES 2") {
		t.Fatal("a key during the warning did not keep the session")
	}
	at = cl.out.waitForAfter(t, at, "\x1b[3J", soon)
	cl.out.waitForAfter(t, at, "LINES 2 via=user a11y", soon)
	if strings.Contains(cl.out.String()[at:], `"x"`) {
		t.Error("the last person's typing reached the next one")
	}
}

// A shutdown tells a line session in time, then ends it with the
// kiosk's last line.
func TestLinesShutdownNotice(t *testing.T) {
	t.Parallel()
	app := &lineApp{}
	ts := startServer(t, kiosk.Options{Accessible: app.serve, EndTimeout: time.Second}, nil)
	cl := dial(t, ts.addr, dialOpts{user: "a11y"})
	cl.out.waitFor(t, "LINES 1", soon)
	done := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
		defer cancel()
		done <- ts.Shutdown(ctx)
	}()
	cl.out.waitFor(t, fmt.Sprintf("NOTICE %d in", kiosk.ClosingShutdown), soon)
	cl.out.waitFor(t, "This kiosk has closed.", soon)
	if err := <-done; err != nil {
		t.Errorf("shutdown: %v", err)
	}
}
