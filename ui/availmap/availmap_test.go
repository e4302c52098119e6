package availmap_test

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/availmap"
	"github.com/zimun-app/zimun/ui/uitest"

	_ "time/tzdata"
)

// loaded is the map of the demo's sandbox, every reply in.
func loaded(t testing.TB, opts availmap.Options) (availmap.Model, *uitest.Env) {
	t.Helper()
	env := uitest.NewEnv(t)
	m := availmap.New(env.Common(context.Background()), opts)
	m.SetSize(98, 26) // what a screen gets in a 100×30 terminal
	cmds := []tea.Cmd{m.Init()}
	for len(cmds) > 0 {
		cmd := cmds[0]
		cmds = cmds[1:]
		for _, msg := range uitest.Messages(cmd) {
			var next tea.Cmd
			m, next = m.Update(msg)
			cmds = append(cmds, next)
		}
	}
	return m, env
}

func press(m availmap.Model, keys ...string) (availmap.Model, []tea.Msg) {
	var msgs []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(uitest.Key(k))
		msgs = append(msgs, uitest.Messages(cmd)...)
	}
	return m, msgs
}

func TestMapGolden(t *testing.T) {
	m, _ := loaded(t, availmap.Options{})
	v := uitest.Strip(m.View())
	for _, want := range []string{"Paris", "General consultation", "Physiotherapy session", "✕", "█"} {
		if !strings.Contains(v, want) {
			t.Errorf("the map lacks %q", want)
		}
	}
	golden.RequireEqual(t, []byte(v))
	t.Run("by location", func(t *testing.T) {
		m, _ := press(m, "v")
		golden.RequireEqual(t, []byte(uitest.Strip(m.View())))
	})
	t.Run("78x20", func(t *testing.T) { // what a screen gets in an 80×24 terminal
		m, _ := press(m, "v")
		m.SetSize(78, 20)
		golden.RequireEqual(t, []byte(uitest.Strip(m.View())))
	})
}

// TestClosedDaysAndOpening: the staff-training closure is marked and
// named; enter asks for that service's calendar on that day.
func TestClosedDaysAndOpening(t *testing.T) {
	m, env := loaded(t, availmap.Options{})
	loc, svc, av := env.Paris(t, 30)
	var closed model.Date
	for d, name := range av.Holidays {
		if name == "Staff training" {
			closed = d
		}
	}
	if closed.IsZero() {
		t.Fatal("the sandbox has no staff-training day in 30 days")
	}
	// The first row is the first service at the first location.
	var row int
	for i := 0; i < 10; i++ {
		if strings.Contains(detailLine(m), svc.Name+" at "+loc.Name) {
			break
		}
		m, _ = press(m, "down")
		row++
	}
	days := model.DateOf(env.Clock.Now().In(loc.Zone())).DaysUntil(closed)
	for range days {
		m, _ = press(m, "right")
	}
	if d := detailLine(m); !strings.Contains(d, "closed: Staff training") || !strings.Contains(d, svc.Name+" at "+loc.Name) {
		t.Errorf("on the closed day: %q", d)
	}
	_, msgs := press(m, "enter")
	want := availmap.OpenDayMsg{Service: svc, Location: loc, Date: closed}
	if len(msgs) != 1 || !sameOpen(msgs[0], want) {
		t.Errorf("enter: %v, want %v", msgs, want)
	}
	// A location's row opens a service offered there.
	m, _ = press(m, "v")
	_, msgs = press(m, "enter")
	if o, ok := msgs[0].(availmap.OpenDayMsg); !ok || o.Location.ID != loc.ID || !o.Service.OfferedAt(loc.ID) || o.Date != closed {
		t.Errorf("enter on a location: %+v", msgs)
	}
}

func sameOpen(msg tea.Msg, want availmap.OpenDayMsg) bool {
	o, ok := msg.(availmap.OpenDayMsg)
	return ok && o.Service.ID == want.Service.ID && o.Location.ID == want.Location.ID && o.Date == want.Date
}

func detailLine(m availmap.Model) string {
	lines := strings.Split(uitest.Strip(m.View()), "\n")
	return lines[len(lines)-2]
}

func TestStartsOnTheDesksService(t *testing.T) {
	env := uitest.NewEnv(t)
	loc, svc, _ := env.Paris(t, 1)
	var other model.Service
	svcs, _ := env.Client.Services(context.Background())
	for _, s := range svcs {
		if s.ID != svc.ID && s.OfferedAt(loc.ID) {
			other = s
		}
	}
	m, _ := loaded(t, availmap.Options{Service: other, Location: loc})
	if d := detailLine(m); !strings.Contains(d, other.Name+" at "+loc.Name) {
		t.Errorf("the cursor is not on the desk's service: %q", d)
	}
}

func TestMonthsInTheHeader(t *testing.T) {
	env := uitest.NewEnv(t)
	c := env.Common(context.Background())
	for _, tt := range []struct {
		advance time.Duration
		days    int
		months  []string
	}{
		{0, 30, []string{"March 2026"}},
		{0, 45, []string{"March 2026", "April 2026"}},
		{28 * 24 * time.Hour, 30, []string{"   April 2026"}}, // 30 March: no room for March
	} {
		env.Clock.Advance(tt.advance)
		c.Prefs.DaysAhead = tt.days
		m := availmap.New(c, availmap.Options{})
		m.SetSize(98, 26)
		for _, msg := range uitest.Messages(m.Init()) {
			m, _ = m.Update(msg) // the catalogue; the rows may stay loading
		}
		header := strings.Split(uitest.Strip(m.View()), "\n")[1]
		for _, month := range tt.months {
			if !strings.Contains(header, month) {
				t.Errorf("%d days: the months line %q lacks %s", tt.days, header, month)
			}
		}
	}
}

func BenchmarkAvailabilityMapView(b *testing.B) {
	m, _ := loaded(b, availmap.Options{})
	m.SetSize(198, 56)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// Before anything is read there is no first day: the French title drew
// a zero date and panicked on its month.
func TestViewBeforeLoadingInFrench(t *testing.T) {
	m := availmap.New(uitest.InFrench(uitest.Common(uitest.NewClock(uitest.Epoch).Now)), availmap.Options{})
	m.SetSize(78, 20)
	if v := uitest.Strip(m.View()); !strings.Contains(v, "Chargement des prestations…") {
		t.Errorf("view:\n%s", v)
	}
}
