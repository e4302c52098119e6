package kiosk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/kiosk"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui"
	"github.com/zimun-app/zimun/ui/uitest"
)

// The real booking UI, served against the sandbox: first frame at once,
// the catalogue, colours from TERM alone, and an idle reset.
func TestRealUIOverSSH(t *testing.T) {
	t.Parallel()
	env := uitest.NewEnv(t)
	ended := make(chan struct{}, 4)
	office := booking.New(env.Client, state.NewMemory(), booking.Options{Now: env.Clock.Now})
	factory := func(ctx context.Context, s kiosk.Session) (tea.Model, func(context.Context)) {
		opts := ui.Options{Office: office, Demo: true, Now: env.Clock.Now}
		return ui.New(ui.NewCommon(ctx, s.Renderer, office.NewSession(), opts), ui.Config{}), func(context.Context) { ended <- struct{}{} }
	}
	ts := startServer(t, kiosk.Options{IdleTimeout: 700 * time.Millisecond, IdleWarning: time.Second}, factory)

	start := time.Now()
	c := dial(t, ts.addr, dialOpts{width: 80, height: 24})
	c.out.waitFor(t, "DEMO", soon)
	t.Logf("first frame after %s", time.Since(start))
	at := c.out.waitFor(t, "Zimun Demo Clinic", soon)
	if !strings.Contains(c.out.String(), "\x1b[38;5;") {
		t.Error("no 256-colour styles for TERM=xterm-256color")
	}

	at = c.out.waitForAfter(t, at, "Still there?", soon)
	at = c.out.waitForAfter(t, at, "\x1b[3J", soon)
	select {
	case <-ended:
	case <-time.After(soon):
		t.Fatal("the reset did not end the app")
	}
	c.out.waitForAfter(t, at, "Zimun Demo Clinic", soon)

	dumb := dial(t, ts.addr, dialOpts{term: "dumb"})
	dumb.out.waitFor(t, "Zimun Demo Clinic", soon)
	if strings.Contains(dumb.out.String(), "\x1b[38;") {
		t.Error("colours for TERM=dumb")
	}
}
