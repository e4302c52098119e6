// Package testenv is what tests across zimun share: one settable clock, and
// a sandbox served over loopback with a real API client, all on that clock.
package testenv

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
)

// Seed is the sandbox seed every test uses, so goldens are stable.
const Seed = 1

// Epoch is the fixed "now" of tests: Monday 2 March 2026, 09:00 in Paris.
var Epoch = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

// Clock is a settable clock shared by the sandbox, the API client and the
// code under test, so tests move time instead of sleeping.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock starts a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now reads the clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Env is a sandbox served over loopback with a real API client, all on one
// fake clock.
type Env struct {
	Clock   *Clock
	Sandbox *sandbox.Server
	URL     string
	Client  *api.Client
}

// New starts a sandbox at Epoch; it stops when the test ends. mods change
// the sandbox's options first.
func New(t testing.TB, mods ...func(*sandbox.Options)) *Env {
	t.Helper()
	clock := NewClock(Epoch)
	opts := sandbox.Options{Seed: Seed, Now: clock.Now}
	for _, mod := range mods {
		mod(&opts)
	}
	sb, err := sandbox.New(opts)
	if err != nil {
		t.Fatalf("sandbox: %v", err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	e := &Env{Clock: clock, Sandbox: sb, URL: srv.URL}
	e.Client = e.NewClient(t)
	return e
}

// NewClient is another API client on the same sandbox, e.g. a second desk
// taking a slot from under the first.
func (e *Env) NewClient(t testing.TB, mods ...func(*api.Config)) *api.Client {
	t.Helper()
	cfg := api.Config{
		BaseURL: e.URL, ClientID: "demo-client", ClientSecret: "demo-secret",
		OrganizationID: e.Sandbox.OrganizationID(), Version: "test", Now: e.Clock.Now,
	}
	for _, mod := range mods {
		mod(&cfg)
	}
	c, err := api.New(context.Background(), cfg)
	if err != nil {
		t.Fatalf("api client: %v", err)
	}
	return c
}

// Paris is the demo's Paris location, its 30-minute consultation and that
// service's availability for days days, as the sandbox serves them now.
func (e *Env) Paris(t testing.TB, days int) (model.Location, model.Service, model.Availability) {
	t.Helper()
	ctx := context.Background()
	locs, err := e.Client.Locations(ctx)
	if err != nil {
		t.Fatalf("locations: %v", err)
	}
	svcs, err := e.Client.Services(ctx)
	if err != nil {
		t.Fatalf("services: %v", err)
	}
	var loc model.Location
	for _, l := range locs {
		if l.Timezone == "Europe/Paris" && l.Active {
			loc = l
			break
		}
	}
	var svc model.Service
	for _, s := range svcs {
		if s.DurationMinutes == 30 && s.OfferedAt(loc.ID) {
			svc = s
			break
		}
	}
	a, err := e.Client.Availability(ctx, svc.ID, loc.ID, days)
	if err != nil {
		t.Fatalf("availability: %v", err)
	}
	return loc, svc, a
}

// Capacity is what the sandbox has left of the slot at start, and whether
// the slot is listed at all.
func (e *Env) Capacity(t testing.TB, svc, loc string, start time.Time) (int, bool) {
	t.Helper()
	a, err := e.Client.Availability(context.Background(), svc, loc, 30)
	if err != nil {
		t.Fatal(err)
	}
	day, _ := a.Day(model.DateOf(start.In(model.LoadZone(a.Timezone))))
	for _, s := range day.Slots {
		if s.Start.Equal(start) {
			return s.CapacityLeft, true
		}
	}
	return 0, false
}
