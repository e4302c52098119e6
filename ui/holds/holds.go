// Package holds follows the holds the screens ask for: an answer goes to
// the screen that asked, a hold nobody waits for any more is given back
// (it would expire anyway), and the header counts down the holds on show.
// The booking session has custody of the holds themselves.
package holds

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/router"
	"github.com/zimun-app/zimun/ui/slots"
)

// What only some screens have.
type (
	// asker holds slots through slots.HoldCmd (the slot list, the day
	// agenda); its HoldPlacedMsg names its ID.
	asker interface {
		ID() int
		Awaits(slots.HoldMsg) bool
	}
	// waiter has asked for a hold (the slot list, the day agenda, the
	// walk-in): its call may not have started yet.
	waiter interface{ Holding() bool }
	// holder has a hold to count down in the header.
	holder interface{ Hold() (model.Hold, bool) }
)

// Replied reports whether a screen in s awaits the hold's answer msg;
// when none does, release gives back the hold it placed, if any.
func Replied(c common.Common, s router.Stack, msg slots.HoldMsg) (awaited bool, release tea.Cmd) {
	for _, p := range s.Pages() {
		if a, ok := router.Find[asker](p); ok && a.Awaits(msg) {
			return true, nil
		}
	}
	if h, ok := msg.Placed(); ok {
		return false, Release(c, h.ID)
	}
	return false, nil
}

// Placed reports whether the screen on top of s asked for the hold msg
// says is placed; when it did not, release gives the hold back.
func Placed(c common.Common, s router.Stack, msg slots.HoldPlacedMsg) (ok bool, release tea.Cmd) {
	if a, ok := router.Find[asker](s.Top()); ok && a.ID() == msg.List {
		return true, nil
	}
	return false, Release(c, msg.Hold.ID)
}

// Release gives a hold back, beyond the session's end: it expires anyway.
func Release(c common.Common, holdID string) tea.Cmd {
	return func() tea.Msg {
		_ = c.Session.Release(context.WithoutCancel(c.Ctx), holdID)
		return nil
	}
}

// Held reports a hold to give back: one the session has, or one a screen
// in s has asked for.
func Held(c common.Common, s router.Stack) bool {
	if c.Session.Holding() {
		return true
	}
	for _, p := range s.Pages() {
		if w, ok := router.Find[waiter](p); ok && w.Holding() {
			return true
		}
	}
	return false
}

// Left is the time left on each hold of s's screens, bottom first.
func Left(s router.Stack, now time.Time) []time.Duration {
	var left []time.Duration
	for _, p := range s.Pages() {
		if hd, ok := router.Find[holder](p); ok {
			if h, ok := hd.Hold(); ok {
				left = append(left, h.Remaining(now))
			}
		}
	}
	return left
}
