package calendar

import (
	"context"
	"testing"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/uitest"
)

func BenchmarkCalendarScreen(b *testing.B) {
	uitest.BenchScreen(b, func(b *testing.B, w, h int) Model {
		env := uitest.NewEnv(b)
		loc, svc, _ := env.Paris(b, 30)
		c := env.ColorCommon(context.Background())
		if _, err := c.Office.Availability(c.Ctx, svc.ID, loc.ID, 30); err != nil { // shown at once
			b.Fatal(err)
		}
		m := New(c, Config{ID: 1, Service: svc, Location: loc, Date: model.Date{Year: 2026, Month: 3, Day: 10}})
		m.SetSize(w, h)
		return m
	}, Model.Update, "l", "h")
}
