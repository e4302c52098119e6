package agenda

import (
	"context"
	"testing"

	"github.com/zimun-app/zimun/ui/uitest"
)

// BenchmarkAgendaScreen is a day of Paris bookings and free times.
func BenchmarkAgendaScreen(b *testing.B) {
	uitest.BenchScreen(b, func(b *testing.B, w, h int) Model {
		env := uitest.NewEnv(b)
		c := env.ColorCommon(context.Background())
		m := newAgenda(b, env, &c, day, w, h)
		return m
	}, Model.Update, "down", "up")
}
