package cancel

import (
	"testing"

	"github.com/zimun-app/zimun/ui/uitest"
)

// BenchmarkCancelScreen moves between the keep and cancel buttons.
func BenchmarkCancelScreen(b *testing.B) {
	uitest.BenchScreen(b, func(b *testing.B, w, h int) Model {
		env := uitest.NewEnv(b)
		appt, _, svc, loc := env.Booking(b)
		m := New(uitest.ColorCommon(env.Clock.Now), appt, svc, loc)
		m.SetSize(w, h)
		return m
	}, Model.Update, "tab", "shift+tab")
}
