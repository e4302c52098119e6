package uitest

import (
	"context"
	"testing"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/internal/testenv"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/common"
)

// Seed and Epoch are the shared test environment's: see testenv.
const Seed = testenv.Seed

// Epoch is the fixed "now" of UI tests: Monday 2 March 2026, 09:00 in Paris.
var Epoch = testenv.Epoch

// Clock is the one settable clock of the tests.
type Clock = testenv.Clock

// NewClock starts a clock at t.
func NewClock(t time.Time) *Clock { return testenv.NewClock(t) }

// Env is a sandbox served over loopback with a real API client, all on one
// fake clock.
type Env struct{ *testenv.Env }

// NewEnv starts a sandbox at Epoch; it stops when the test ends.
func NewEnv(t testing.TB) *Env { return &Env{testenv.New(t)} }

// Common is a colourless UI session on the sandbox, through a booking
// office of its own that keeps its state in memory.
func (e *Env) Common(ctx context.Context) common.Common {
	return e.CommonWith(ctx, e.Client, nil)
}

// CommonIn is Common keeping its state in store.
func (e *Env) CommonIn(ctx context.Context, store state.Store) common.Common {
	return e.CommonWith(ctx, e.Client, store)
}

// CommonWith is Common with another API client (other credentials, faults).
func (e *Env) CommonWith(ctx context.Context, client *api.Client, store state.Store) common.Common {
	if store == nil {
		store = state.NewMemory()
	}
	o := booking.New(client, store, booking.Options{Now: e.Clock.Now})
	c := Common(e.Clock.Now)
	c.Ctx, c.Office, c.Session = ctx, o, o.NewSession()
	return c
}

// ColorCommon is Common drawing in colour, as benchmarks measure.
func (e *Env) ColorCommon(ctx context.Context) common.Common {
	c := e.Common(ctx)
	c.Styles = ColorCommon(e.Clock.Now).Styles
	return c
}
