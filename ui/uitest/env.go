package uitest

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/ui/common"
)

// Seed is the sandbox seed every UI test uses, so goldens are stable.
const Seed = 1

// Env is a sandbox served over loopback with a real API client, all on one
// fake clock.
type Env struct {
	Clock   *Clock
	Sandbox *sandbox.Server
	URL     string
	Client  *api.Client
}

// NewEnv starts a sandbox at Epoch; it stops when the test ends.
func NewEnv(t testing.TB) *Env {
	t.Helper()
	clock := NewClock(Epoch)
	sb, err := sandbox.New(sandbox.Options{Seed: Seed, Now: clock.Now})
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
// taking a slot from under the UI.
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

// Common is a colourless session context talking to the sandbox.
func (e *Env) Common(ctx context.Context) common.Common {
	c := Common(e.Clock.Now)
	c.Ctx = ctx
	c.Client = e.Client
	return c
}

// Paris is the demo's Paris location, its 30-minute consultation and that
// service's availability for days days, as the sandbox serves them at Epoch.
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
