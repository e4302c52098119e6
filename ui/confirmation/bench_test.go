package confirmation

import (
	"testing"

	"github.com/zimun-app/zimun/ui/uitest"
)

// BenchmarkConfirmationScreen: the card has no moves, so Update is a key
// it ignores.
func BenchmarkConfirmationScreen(b *testing.B) {
	uitest.BenchScreen(b, func(b *testing.B, w, h int) Model {
		env := uitest.NewEnv(b)
		appt, _, svc, loc := env.Booking(b)
		m := New(uitest.ColorCommon(env.Clock.Now), appt, svc, loc)
		m.SetSize(w, h)
		return m
	}, Model.Update, "x")
}
