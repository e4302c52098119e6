package ui

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/common"
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

// BenchmarkKioskKey is a key's full cost at a kiosk, as `go run ./bench
// -only kiosk` presses them at 80x24: j/k on the location picker, the
// first screen; h/l on the calendar, reached through both pickers.
func BenchmarkKioskKey(b *testing.B) {
	b.Run("Picker", func(b *testing.B) {
		m, _ := kioskRoot(b, 80, 24)
		benchKeys(b, m, "j", "k")
	})
	b.Run("Calendar", func(b *testing.B) {
		_, d := kioskRoot(b, 80, 24)
		d.send(uitest.Key("enter"), func(view string) bool { return strings.Contains(view, "Choose a service") })
		m := d.send(uitest.Key("enter"), func(view string) bool { return strings.Contains(view, "15 free") })
		benchKeys(b, m, "l", "h")
	})
}

func benchKeys(b *testing.B, m tea.Model, keys ...string) {
	msgs := make([]tea.Msg, len(keys))
	for i, k := range keys {
		msgs[i] = uitest.Key(k)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m, _ = m.Update(msgs[i%len(msgs)])
		_ = m.View()
		i++
	}
}

// kioskRoot is a customer's session at a kiosk on the demo, showing the
// location picker, and a driver to carry on from there.
func kioskRoot(b *testing.B, w, h int) (tea.Model, *driver) {
	env := uitest.NewEnv(b)
	ctx, cancel := context.WithCancel(context.Background())
	b.Cleanup(cancel)
	o := booking.New(env.Client, state.NewMemory(), booking.Options{Now: env.Clock.Now})
	c := NewCommon(ctx, uitest.ColorRenderer(), o.NewSession(), Options{
		Office: o, Now: env.Clock.Now, Demo: true, Clock24: true,
		Kiosk: &common.Kiosk{
			ShowReference: time.Minute, StartOver: func() tea.Msg { return nil },
			Lines: func() tea.Msg { return nil }, Language: func(i18n.Locale) tea.Cmd { return nil },
		},
	})
	d := &driver{tb: b, msgs: make(chan tea.Msg, 256), m: New(c, Config{})}
	d.run(d.m.Init())
	m := d.send(tea.WindowSizeMsg{Width: w, Height: h}, func(view string) bool {
		return strings.Contains(view, "Choose a location")
	})
	return m, d
}

// driver runs a root's Cmds as a program would, until the view shows
// what is awaited.
type driver struct {
	tb   testing.TB
	msgs chan tea.Msg
	m    tea.Model
}

func (d *driver) run(c tea.Cmd) {
	if c != nil {
		go func() { d.msgs <- c() }()
	}
}

func (d *driver) send(msg tea.Msg, done func(view string) bool) tea.Model {
	d.tb.Helper()
	timeout := time.After(10 * time.Second)
	for {
		if msg != nil {
			if batch, ok := msg.(tea.BatchMsg); ok {
				for _, c := range batch {
					d.run(c)
				}
			} else if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
				for i := range v.Len() { // tea.Sequence's message
					d.run(v.Index(i).Interface().(tea.Cmd))
				}
			} else {
				var cmd tea.Cmd
				d.m, cmd = d.m.Update(msg)
				d.run(cmd)
			}
		}
		if done(uitest.Strip(d.m.View())) {
			return d.m
		}
		msg = nil
		select {
		case msg = <-d.msgs:
		case <-timeout:
			d.tb.Fatalf("not there after 10s; the view:\n%s", uitest.Strip(d.m.View()))
		}
	}
}
