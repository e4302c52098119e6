package picker

import (
	"context"
	"testing"

	"github.com/zimun-app/zimun/ui/uitest"
)

func BenchmarkPickerScreen(b *testing.B) {
	uitest.BenchScreen(b, func(b *testing.B, w, h int) Model {
		env := uitest.NewEnv(b)
		loc, _, _ := env.Paris(b, 1)
		svcs, err := env.Client.Services(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		m := NewServices(uitest.ColorCommon(env.Clock.Now), svcs, loc)
		m.SetSize(w, h)
		return m
	}, Model.Update, "down", "up")
}
