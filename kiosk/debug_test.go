package kiosk_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/zimun-app/zimun/kiosk"
)

func TestDebugStatsCountSessions(t *testing.T) {
	t.Parallel()
	ts := startServer(t, kiosk.Options{}, nil)
	h := ts.DebugHandler()
	stats := func() kiosk.Stats {
		t.Helper()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/debug/stats?gc=1", nil))
		var s kiosk.Stats
		if err := json.Unmarshal(rec.Body.Bytes(), &s); err != nil {
			t.Fatalf("/debug/stats: %v: %q", err, rec.Body.String())
		}
		return s
	}
	if s := stats(); s.Sessions != 0 || s.Goroutines == 0 || s.HeapInuse == 0 {
		t.Errorf("before any session: %+v", s)
	}
	c := dial(t, ts.addr, dialOpts{})
	at := c.out.waitFor(t, "APP", soon)
	if s := stats(); s.Sessions != 1 || s.KeyToFrame.Count != 0 {
		t.Errorf("with one session and no key: %+v", s)
	}
	// A key the app answers with a new frame counts.
	c.press(t, "x")
	c.out.waitForAfter(t, at, "keys=[x]", soon)
	for deadline := time.Now().Add(soon); stats().KeyToFrame.Count != 1; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("key to frame not counted: %+v", stats())
		}
	}

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/debug/pprof/goroutine?debug=1", nil))
	if !strings.HasPrefix(rec.Body.String(), "goroutine profile: total ") {
		t.Errorf("goroutine profile: %q", tail(rec.Body.String(), 200))
	}
}

// Sessions whose terminals have the same colour depth share a renderer,
// so apps can share what they build from it; the depth comes from TERM
// and NO_COLOR, never from a query.
func TestSessionsShareRenderersByColourDepth(t *testing.T) {
	t.Parallel()
	rec := &recorder{ended: make(chan string, 16)}
	got := make(chan kiosk.Session, 8)
	factory := func(ctx context.Context, s kiosk.Session) (tea.Model, func(context.Context)) {
		got <- s
		return rec.factory(ctx, s)
	}
	ts := startServer(t, kiosk.Options{}, factory)
	profile := func(o dialOpts) (*lipgloss.Renderer, termenv.Profile) {
		t.Helper()
		dial(t, ts.addr, o)
		select {
		case s := <-got:
			return s.Renderer, s.Renderer.ColorProfile()
		case <-time.After(soon):
			t.Fatal("no session")
			return nil, 0
		}
	}
	a, pa := profile(dialOpts{term: "xterm-256color"})
	b, _ := profile(dialOpts{term: "xterm-256color"})
	c, pc := profile(dialOpts{term: "dumb"})
	d, pd := profile(dialOpts{term: "xterm-256color", env: map[string]string{"NO_COLOR": "1"}})
	if a != b {
		t.Error("two xterm-256color sessions have different renderers")
	}
	if a == c || pa != termenv.ANSI256 || pc != termenv.Ascii || pd != termenv.Ascii || d != c {
		t.Errorf("profiles: xterm-256color %v, dumb %v, NO_COLOR %v; renderers a=%p c=%p d=%p", pa, pc, pd, a, c, d)
	}
}
