// Package uitest is what the UI tests share: a fake clock, a sandbox with a
// real API client over loopback, and a colourless renderer for goldens.
package uitest

import (
	"sync"
	"time"
)

// Epoch is the fixed "now" of UI tests: Monday 2 March 2026, 09:00 in Paris.
var Epoch = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

// Clock is a settable clock shared by the sandbox, the API client and the
// UI, so tests move time instead of sleeping.
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
