package slots

import (
	"context"
	"testing"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/uitest"
)

func BenchmarkSlotsScreen(b *testing.B) {
	uitest.BenchScreen(b, func(b *testing.B, w, h int) Model {
		env := uitest.NewEnv(b)
		loc, svc, a := env.Paris(b, 30)
		m := New(env.ColorCommon(context.Background()), Config{ID: 1, Service: svc, Location: loc, Availability: a, Date: model.Date{Year: 2026, Month: 3, Day: 3}})
		m.SetSize(w, h)
		return m
	}, Model.Update, "down", "up")
}
