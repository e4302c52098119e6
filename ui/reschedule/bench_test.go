package reschedule

import (
	"testing"

	"github.com/zimun-app/zimun/ui/uitest"
)

// BenchmarkRescheduleScreen: the old → new summary has no moves, so
// Update is a key it ignores.
func BenchmarkRescheduleScreen(b *testing.B) {
	uitest.BenchScreen(b, func(b *testing.B, w, h int) Model {
		env := uitest.NewEnv(b)
		appt, slot, svc, loc := env.Booking(b)
		m := New(uitest.ColorCommon(env.Clock.Now), appt, slot, svc, loc)
		m.SetSize(w, h)
		return m
	}, Model.Update, "x")
}
