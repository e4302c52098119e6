package appointments

import (
	"context"
	"testing"

	"github.com/zimun-app/zimun/ui/uitest"
)

// BenchmarkAppointmentsScreen is the list with its detail pane, on the
// sandbox's first page of upcoming appointments.
func BenchmarkAppointmentsScreen(b *testing.B) {
	uitest.BenchScreen(b, func(b *testing.B, w, h int) Model {
		env := uitest.NewEnv(b)
		c := uitest.ColorCommon(env.Clock.Now)
		c.Ctx, c.Client = context.Background(), env.Client
		m := New(c, catalogue(b, env.Client, ""))
		m.SetSize(w, h)
		m, _ = run(b, m, m.Init())
		return m
	}, Model.Update, "down", "up")
}
