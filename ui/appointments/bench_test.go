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
		m := New(env.ColorCommon(context.Background()), Options{Catalog: catalogue(b, env.Client)})
		m.SetSize(w, h)
		m, _ = run(b, m, m.Init())
		return m
	}, Model.Update, "down", "up")
}
