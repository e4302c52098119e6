package uitest

import (
	"context"
	"io"
	"reflect"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/styles"
)

// Benchmark sizes: the smallest terminal the UI draws in and a large one.
var Sizes = []struct {
	Name string
	W, H int
}{{"80x24", 80, 24}, {"200x60", 200, 60}}

// ColorRenderer draws in true colour on a dark background, as a desk
// terminal does: colour is where lipgloss spends its time, so benchmarks
// use it rather than the goldens' plain Renderer.
func ColorRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(true)
	return r
}

// ColorCommon is Common with ColorRenderer, on the sandbox's client when
// there is one.
func ColorCommon(now func() time.Time) common.Common {
	c := Common(now)
	c.Styles = styles.New(ColorRenderer(), styles.NewTheme(styles.ThemeAuto))
	return c
}

// Drive runs m the way a program does (Init, the size, every command in
// its own goroutine, each result through Update) until done holds for its
// view. Commands still running then (ticks) are abandoned.
func Drive(tb testing.TB, m tea.Model, w, h int, done func(view string) bool) tea.Model {
	tb.Helper()
	msgs := make(chan tea.Msg, 256)
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		if c != nil {
			go func() { msgs <- c() }()
		}
	}
	run(m.Init())
	m, cmd := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	run(cmd)
	timeout := time.After(10 * time.Second)
	for !done(m.View()) {
		select {
		case msg := <-msgs:
			if msg == nil {
				continue
			}
			if batch, ok := msg.(tea.BatchMsg); ok {
				for _, c := range batch {
					run(c)
				}
				continue
			}
			// tea.Sequence's message is an unexported []tea.Cmd.
			if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
				for i := range v.Len() {
					run(v.Index(i).Interface().(tea.Cmd))
				}
				continue
			}
			m, cmd = m.Update(msg)
			run(cmd)
		case <-timeout:
			tb.Fatalf("not there after 10s; the view:\n%s", Strip(m.View()))
		}
	}
	return m
}

// Booking books the first free slot of the demo's Paris consultation,
// for the screens that show an appointment, and returns it with the next
// free slot (a reschedule's target) and the service and location.
func (e *Env) Booking(tb testing.TB) (model.Appointment, model.Slot, model.Service, model.Location) {
	tb.Helper()
	ctx := context.Background()
	loc, svc, a := e.Paris(tb, 30)
	first, ok := a.FirstFree()
	if !ok {
		tb.Fatal("no free day in the demo")
	}
	day, _ := a.Day(first)
	slot, next := day.Slots[0], day.Slots[1]
	hold, err := e.Client.Hold(ctx, api.HoldRequest{ServiceID: svc.ID, LocationID: loc.ID, Time: slot.Start, DurationMinutes: svc.DurationMinutes})
	if err != nil {
		tb.Fatalf("hold: %v", err)
	}
	appt, err := e.Client.Confirm(ctx, api.ConfirmRequest{HoldID: hold.ID, Contact: model.Contact{
		Name: "Dana Lee", Email: "dana@example.com", Phone: "+33 1 23 45 67 89", Notes: "First visit; prefers mornings",
	}})
	if err != nil {
		tb.Fatalf("confirm: %v", err)
	}
	return appt, next, svc, loc
}

// BenchScreen benchmarks a screen's View, and its Update on keys pressed in
// turn (a move and back), at every one of Sizes. build makes the screen at
// a size; Update alone is what the screen does before anything is drawn.
func BenchScreen[M interface{ View() string }](b *testing.B, build func(b *testing.B, w, h int) M, update func(M, tea.Msg) (M, tea.Cmd), keys ...string) {
	msgs := make([]tea.Msg, len(keys))
	for i, k := range keys {
		msgs[i] = Key(k)
	}
	for _, size := range Sizes {
		m := build(b, size.W, size.H)
		b.Run("View/"+size.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
		b.Run("Update/"+size.Name, func(b *testing.B) {
			m := m
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				m, _ = update(m, msgs[i%len(msgs)])
				i++
			}
		})
	}
}
