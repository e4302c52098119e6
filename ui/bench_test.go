package ui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/uitest"
)

// BenchmarkRootFrame is the whole frame on the calendar, as the program
// draws it after every message: View alone, and a key's full cost on the
// event loop (Update, then View).
func BenchmarkRootFrame(b *testing.B) {
	for _, size := range uitest.Sizes {
		m := rootOnCalendar(b, size.W, size.H)
		b.Run("View/"+size.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
		b.Run("Key/"+size.Name, func(b *testing.B) {
			keys := []tea.Msg{uitest.Key("l"), uitest.Key("h")}
			m := m
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				m, _ = m.Update(keys[i%2])
				_ = m.View()
				i++
			}
		})
	}
}

// rootOnCalendar is the root model with the demo's calendar loaded.
func rootOnCalendar(b *testing.B, w, h int) tea.Model {
	env := uitest.NewEnv(b)
	ctx, cancel := context.WithCancel(context.Background())
	b.Cleanup(cancel)
	o := booking.New(env.Client, state.NewMemory(), booking.Options{Now: env.Clock.Now})
	c := NewCommon(ctx, uitest.ColorRenderer(), o.NewSession(), Options{Office: o, Now: env.Clock.Now, Demo: true, Clock24: true})
	return uitest.Drive(b, New(c, Config{Date: model.Date{Year: 2026, Month: 3, Day: 10}}), w, h, func(view string) bool {
		return strings.Contains(uitest.Strip(view), "16 free") // the side panel or the summary line
	})
}
