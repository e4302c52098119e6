package walkin

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/uitest"

	_ "time/tzdata"
)

var (
	paris   = model.Location{ID: "l_paris", Name: "Paris – Marais", Timezone: "Europe/Paris", Active: true}
	consult = model.Service{ID: "s_c", Name: "General consultation", DurationMinutes: 30}
	follow  = model.Service{ID: "s_f", Name: "Follow-up visit", DurationMinutes: 15}
	check   = model.Service{ID: "s_h", Name: "Full health check", DurationMinutes: 60}
)

func at(hour, minute int) model.Slot {
	start := time.Date(2026, 3, 2, hour, minute, 0, 0, paris.Zone())
	return model.Slot{Start: start, End: start.Add(30 * time.Minute), CapacityLeft: 1}
}

func choices() []booking.WalkInChoice {
	return []booking.WalkInChoice{
		{Service: consult, Today: at(9, 30)},
		{Service: follow, Today: at(9, 15)},
		{Service: check, Next: model.Slot{Start: time.Date(2026, 3, 3, 9, 0, 0, 0, paris.Zone())}},
	}
}

// choosingNow is the walk-in with its choices in, follow-up the current service.
func choosingNow(t *testing.T, list []booking.WalkInChoice) (Model, tea.Cmd) {
	t.Helper()
	m := New(uitest.Common(func() time.Time { return uitest.Epoch }), follow, paris, model.Contact{})
	return m.Update(choicesMsg{choices: list})
}

func press(k string) tea.KeyMsg {
	switch k {
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func TestChooseTheService(t *testing.T) {
	m, cmd := choosingNow(t, choices())
	if cmd != nil || m.Focused() || m.Holding() || m.Heading().Service.ID != follow.ID {
		t.Fatalf("not choosing with the current service first: %+v", m.Heading())
	}
	for _, tc := range []struct {
		key  string
		want string
	}{
		{"tab", check.ID}, {"tab", consult.ID}, {"shift+tab", check.ID}, {"k", follow.ID}, {"j", check.ID}, {"1", consult.ID}, {"9", consult.ID},
	} {
		m, _ = m.Update(press(tc.key))
		if got := m.Heading().Service.ID; got != tc.want {
			t.Fatalf("after %s: %s, want %s", tc.key, got, tc.want)
		}
	}
	m, cmd = m.Update(press("enter"))
	if cmd == nil || !m.Holding() || !m.Focused() || m.Heading().Service.ID != consult.ID {
		t.Fatalf("enter did not hold the consultation: %+v", m.Heading())
	}
}

func TestOneServiceHoldsAtOnce(t *testing.T) {
	m, cmd := choosingNow(t, choices()[:1])
	if cmd == nil || !m.Holding() {
		t.Fatal("a location with one service asked which")
	}
}

func TestNoneLeftTodayAnywhereEndsTheWalkIn(t *testing.T) {
	list := choices()
	for i := range list {
		list[i].Next, list[i].Today = list[i].Today, model.Slot{}
		list[i].Next.Start = list[i].Next.Start.AddDate(0, 0, 1)
	}
	list[2].Next = model.Slot{Start: time.Date(2026, 3, 3, 9, 0, 0, 0, paris.Zone())}
	m, cmd := choosingNow(t, list)
	done, ok := cmd().(DoneMsg)
	want := "No free slot left today for any service at Paris – Marais; next free: Tue 3 Mar 09:00 CET (Full health check)"
	if !ok || done.Status.Text != want || m.Holding() {
		t.Fatalf("got %+v, want %q", done, want)
	}
}

// A slot gone while choosing: the choice stays, saying so.
func TestNoneLeftAfterChoosingKeepsTheChoice(t *testing.T) {
	m, _ := choosingNow(t, choices())
	m, _ = m.Update(press("enter"))
	next := model.Slot{Start: time.Date(2026, 3, 3, 9, 0, 0, 0, paris.Zone())}
	m, cmd := m.Update(resultMsg{svc: follow, w: booking.WalkIn{Next: next}})
	v := ansi.Strip(m.View())
	if cmd != nil || m.Focused() || !strings.Contains(v, "No free slot left today for Follow-up visit; next free: Tue 3 Mar 09:00 CET") ||
		!strings.Contains(v, "2 Follow-up visit (15 min)       ○ none today · next Tue 3 Mar 09:00 CET") {
		t.Fatalf("after a miss:\n%s", v)
	}
	m, _ = m.Update(resultMsg{svc: follow, err: fmt.Errorf("boom")}) // not searching: ignored
	if strings.Contains(ansi.Strip(m.View()), "boom") {
		t.Fatal("a late answer was taken")
	}
}

func TestChoiceGolden(t *testing.T) {
	for _, size := range [][2]int{{78, 20}, {198, 56}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			list := choices()
			list = append(list, booking.WalkInChoice{Service: model.Service{ID: "s_x", Name: "Physiotherapy session with a very long name for a narrow terminal", DurationMinutes: 45}, Err: fmt.Errorf("503")})
			m, _ := choosingNow(t, list)
			m.SetSize(size[0], size[1])
			golden.RequireEqual(t, []byte(ansi.Strip(m.View())))
		})
	}
}
