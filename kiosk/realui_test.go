package kiosk_test

import (
	"context"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/kiosk"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/uitest"
)

// realKiosk serves the real booking UI in kiosk mode on one office over
// the sandbox, as zimun kiosk does, and the first free slot of the
// Follow-up visit (one patient a slot) in Paris tomorrow.
type realKiosk struct {
	env  *uitest.Env
	ts   *testServer
	slot model.Slot
	svc  model.Service
	loc  model.Location
}

func startRealKiosk(t *testing.T, opts kiosk.Options) *realKiosk {
	t.Helper()
	return startRealKioskWith(t, opts, uitest.NewEnv(t), nil)
}

// startRealKioskWith serves the kiosk on env through client (env's own
// when nil).
func startRealKioskWith(t *testing.T, opts kiosk.Options, env *uitest.Env, client *api.Client) *realKiosk {
	t.Helper()
	if client == nil {
		client = env.Client
	}
	office := booking.New(client, state.NewMemory(), booking.Options{Now: env.Clock.Now})
	guard := booking.NewGuard(env.Clock.Now)
	factory := func(ctx context.Context, s kiosk.Session) (tea.Model, func(context.Context)) {
		session := office.NewSession()
		c := ui.NewCommon(ctx, s.Renderer, session, ui.Options{Office: office, Demo: true, Now: env.Clock.Now,
			Kiosk: &common.Kiosk{ShowReference: time.Minute, StartOver: s.Reset, Guard: guard, Session: s.ID}})
		return ui.New(c, ui.Config{}), func(ctx context.Context) { _ = session.Close(ctx) }
	}
	k := &realKiosk{env: env, ts: startServer(t, opts, factory)}
	cat, err := office.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	k.svc, k.loc, err = cat.Resolve("Follow-up visit", "Paris – Marais")
	if err != nil {
		t.Fatal(err)
	}
	av, err := env.Client.Availability(context.Background(), k.svc.ID, k.loc.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	k.slot = av.Days[1].Slots[0]
	if k.slot.CapacityLeft != 1 {
		t.Fatalf("capacity %d, want 1", k.slot.CapacityLeft)
	}
	return k
}

func (k *realKiosk) capacity(t *testing.T) int {
	t.Helper()
	n, _ := k.env.Capacity(t, k.svc.ID, k.loc.ID, k.slot.Start)
	return n
}

// waitCapacity waits for the slot's capacity to be n: a hold placed or
// given back.
func (k *realKiosk) waitCapacity(t *testing.T, n int, within time.Duration, what string) {
	t.Helper()
	for deadline := time.Now().Add(within); k.capacity(t) != n; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: capacity %d after %s, want %d", what, k.capacity(t), within, n)
		}
	}
}

// hold goes from the start to tomorrow's first Follow-up visit and holds
// it, on an 80×24 terminal.
func (k *realKiosk) hold(t *testing.T) *client {
	t.Helper()
	c := dial(t, k.ts.addr, dialOpts{width: 80, height: 24, term: "xterm-256color"})
	at := c.out.waitFor(t, "Choose a location", soon)
	c.press(t, "/Marais\r")
	at = c.out.waitForAfter(t, at, "Choose a service", soon)
	c.press(t, "/Follow\r")
	at = c.out.waitForAfter(t, at, " free · ", soon)
	c.press(t, "l\r")
	at = c.out.waitForAfter(t, at, "free times", soon)
	c.press(t, "\r")
	c.out.waitForAfter(t, at, "Hold 10:00", soon)
	k.waitCapacity(t, 0, soon, "holding")
	return c
}

// A customer books over SSH: the sandbox has the booking, and the
// reference on screen finds it.
func TestRealUIBooksOverSSH(t *testing.T) {
	t.Parallel()
	k := startRealKiosk(t, kiosk.Options{})
	c := k.hold(t)
	c.press(t, "Ada Lovelace\tada@example.com")
	c.press(t, "\x13") // ctrl+s: review
	at := c.out.waitFor(t, "enter confirm", soon)
	c.press(t, "\r")
	c.out.waitForAfter(t, at, "Booked", soon)
	page, err := k.env.Client.Appointments(context.Background(), api.AppointmentFilter{Query: "ada@example.com"})
	if err != nil || len(page.Items) != 1 || !page.Items[0].Time.Equal(k.slot.Start) {
		t.Fatalf("the sandbox holds %+v, %v", page.Items, err)
	}
	c.out.waitFor(t, page.Items[0].ID, soon)
	if k.capacity(t) != 0 {
		t.Error("the booked slot is free again")
	}
}

// A customer who walks away mid-hold, or goes idle, or is there when the
// kiosk shuts down, gives the hold back; an idle reset also clears the
// screen and the scrollback.
func TestRealUIHoldsGoBack(t *testing.T) {
	t.Parallel()
	t.Run("dropped", func(t *testing.T) {
		t.Parallel()
		k := startRealKiosk(t, kiosk.Options{})
		c := k.hold(t)
		c.close()
		k.waitCapacity(t, 1, 5*time.Second, "after the client dropped")
	})
	t.Run("idle", func(t *testing.T) {
		t.Parallel()
		k := startRealKiosk(t, kiosk.Options{IdleTimeout: 700 * time.Millisecond, IdleWarning: time.Second})
		c := k.hold(t)
		at := c.out.waitFor(t, "Still there?", soon)
		at = c.out.waitForAfter(t, at, "\x1b[3J", soon)
		k.waitCapacity(t, 1, soon, "after the idle reset")
		c.out.waitForAfter(t, at, "Choose a location", soon)
		if rest := c.out.String()[at:]; strings.Contains(rest, "Hold ") {
			t.Error("the next customer sees the last one's hold")
		}
	})
	t.Run("shutdown", func(t *testing.T) {
		t.Parallel()
		k := startRealKiosk(t, kiosk.Options{})
		c := k.hold(t)
		grace := 2 * time.Second
		ctx, cancel := context.WithTimeout(context.Background(), grace)
		defer cancel()
		start := time.Now()
		if err := k.ts.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		if took := time.Since(start); took > grace+time.Second {
			t.Errorf("Shutdown took %s, grace %s", took, grace)
		}
		if k.capacity(t) != 1 {
			t.Error("the hold outlived the shutdown")
		}
		c.out.waitFor(t, "This kiosk has closed", soon)
		<-k.ts.done
		k.ts.done <- nil // for the cleanup
	})
}

// Fifty customers connect, each books a time of their own and goes: no
// goroutine is left behind, in the kiosk, the UI or the API client.
func TestRealUIFiftyCustomersLeaveNothingBehind(t *testing.T) {
	// Not parallel: it counts the process's goroutines.
	env := uitest.NewEnv(t)
	transport := &http.Transport{}
	client := env.NewClient(t, func(c *api.Config) { c.HTTPClient = &http.Client{Transport: transport} })
	k := startRealKioskWith(t, kiosk.Options{MaxSessions: 50}, env, client)
	before := runtime.NumGoroutine()

	// A time of its own for each: tomorrow's or the next day's, by the
	// time typed in the slot list (positions shift as others hold).
	av, err := env.Client.Availability(context.Background(), k.svc.ID, k.loc.ID, 5)
	if err != nil {
		t.Fatal(err)
	}
	type pick struct {
		days int
		hhmm string
	}
	var picks []pick
	for d := 1; d < len(av.Days); d++ {
		for _, s := range av.Days[d].Slots {
			picks = append(picks, pick{d, s.Start.In(k.loc.Zone()).Format("1504")})
		}
	}
	if len(picks) < 50 {
		t.Fatalf("%d free times, want 50", len(picks))
	}
	timeOf := func(i int) (int, string) { return picks[i].days, picks[i].hhmm }

	var wg sync.WaitGroup
	sem := make(chan struct{}, 10)
	for i := range 50 {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			c, err := tryDial(k.ts.addr, dialOpts{width: 80, height: 24})
			if err != nil {
				t.Errorf("dial: %v", err)
				return
			}
			defer c.close()
			days, hhmm := timeOf(i)
			steps := []struct{ keys, then string }{
				{"", "Choose a location"}, {"/Marais\r", "Choose a service"}, {"/Follow\r", " free · "},
				{strings.Repeat("l", days) + "\r", "free time"},
				{hhmm + "\r", "Hold 10:00"},
				{"Customer " + strconv.Itoa(i) + "\tc" + strconv.Itoa(i) + "@example.com\x13", "enter confirm"},
				{"\r", "Booked"},
			}
			at := 0
			for _, s := range steps {
				if s.keys != "" {
					if _, err := io.WriteString(c.in, s.keys); err != nil {
						t.Errorf("customer %d: %v", i, err)
						return
					}
				}
				if at, err = c.out.find(at, s.then, soon); err != nil {
					t.Errorf("customer %d: %v", i, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	page, err := env.Client.Appointments(context.Background(), api.AppointmentFilter{Query: "@example.com", PageSize: 100, From: k.slot.Start.Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	booked := 0
	for _, a := range page.Items {
		if strings.HasPrefix(a.Contact.Name, "Customer ") {
			booked++
		}
	}
	if booked != 50 {
		t.Errorf("%d bookings in the sandbox, want 50", booked)
	}
	waitFor(t, soon, func() bool { return k.ts.Sessions() == 0 })
	transport.CloseIdleConnections()
	var now int
	if !poll(soon, func() bool { now = runtime.NumGoroutine(); return now <= before }) {
		buf := make([]byte, 1<<20)
		n := runtime.Stack(buf, true)
		t.Fatalf("%d goroutines before, %d after 50 customers:\n%s", before, now, buf[:n])
	}
}
