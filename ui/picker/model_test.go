package picker

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/uitest"
)

var services = []model.Service{
	{ID: "s1", Name: "General consultation", DurationMinutes: 30, LocationIDs: []string{"paris"}},
	{ID: "s2", Name: "Follow-up visit", DurationMinutes: 15},
	{ID: "s3", Name: "Physiotherapy", DurationMinutes: 45, LocationIDs: []string{"ny"}},
	{ID: "s4", Name: "Full health check", DurationMinutes: 60, LocationIDs: []string{"paris", "ny"}},
}

func newServices() Model {
	m := NewServices(uitest.Common(uitest.NewClock(uitest.Epoch).Now), services, model.Location{ID: "paris", Name: "Paris"})
	m.SetSize(80, 20)
	return m
}

func TestServicesOnlyOfferedAtLocation(t *testing.T) {
	m := newServices()
	if m.Len() != 3 {
		t.Fatalf("Len = %d, want 3 (Physiotherapy is New York only)", m.Len())
	}
}

func TestUpdate(t *testing.T) {
	tests := []struct {
		name     string
		keys     []string
		cursor   string // title of the selected item
		focused  bool
		visible  int
		chosenID string // service chosen by the last key's Cmd, if any
	}{
		{name: "down", keys: []string{"j"}, cursor: "Follow-up visit", visible: 3},
		{name: "down clamps", keys: []string{"j", "j", "j", "j"}, cursor: "Full health check", visible: 3},
		{name: "up clamps", keys: []string{"k"}, cursor: "General consultation", visible: 3},
		{name: "end then home", keys: []string{"end", "home"}, cursor: "General consultation", visible: 3},
		{name: "slash focuses filter", keys: []string{"/"}, cursor: "General consultation", focused: true, visible: 3},
		{name: "filter narrows", keys: []string{"/", "f", "u", "l", "l"}, cursor: "Full health check", focused: true, visible: 1},
		{name: "esc clears filter", keys: []string{"/", "x", "esc"}, cursor: "General consultation", visible: 3},
		{name: "enter chooses", keys: []string{"j", "enter"}, cursor: "Follow-up visit", visible: 3, chosenID: "s2"},
		{name: "typing a letter starts the filter", keys: []string{"h", "e", "a"}, cursor: "Full health check", focused: true, visible: 1},
		{name: "typed filter then enter chooses", keys: []string{"f", "o", "l", "enter"}, cursor: "Follow-up visit", focused: true, visible: 1, chosenID: "s2"},
		{name: "digits filter too", keys: []string{"6", "0"}, cursor: "Full health check", focused: true, visible: 1},
		{name: "enter in filter chooses", keys: []string{"/", "h", "e", "a", "enter"}, cursor: "Full health check", focused: true, visible: 1, chosenID: "s4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newServices()
			var cmd tea.Cmd
			for _, k := range tt.keys {
				m, cmd = m.Update(uitest.Key(k))
			}
			it, _ := m.Selected()
			if it.Title != tt.cursor {
				t.Errorf("selected %q, want %q", it.Title, tt.cursor)
			}
			if m.Focused() != tt.focused {
				t.Errorf("Focused = %v, want %v", m.Focused(), tt.focused)
			}
			if m.Len() != tt.visible {
				t.Errorf("Len = %d, want %d", m.Len(), tt.visible)
			}
			if tt.chosenID != "" {
				if cmd == nil {
					t.Fatal("no Cmd from enter")
				}
				got, ok := cmd().(common.ServiceChosenMsg)
				if !ok || got.Service.ID != tt.chosenID {
					t.Errorf("chose %+v, want %s", got, tt.chosenID)
				}
			}
		})
	}
}

// Typing "q" into the filter is text, not a quit.
func TestFilterTakesQ(t *testing.T) {
	m := newServices()
	m, _ = m.Update(uitest.Key("/"))
	m, cmd := m.Update(uitest.Key("q"))
	if !m.Focused() || m.filter.Value() != "q" {
		t.Fatalf("filter = %q focused=%v", m.filter.Value(), m.Focused())
	}
	if cmd != nil {
		if _, quit := cmd().(tea.QuitMsg); quit {
			t.Fatal("q in the filter quit")
		}
	}
}

func TestClickSelectsThenChooses(t *testing.T) {
	m := newServices()
	click := uitest.Click(4, headerRows+itemRows)
	m, cmd := m.Update(click)
	if it, _ := m.Selected(); it.Title != "Follow-up visit" || cmd != nil {
		t.Fatalf("first click selected %q", it.Title)
	}
	_, cmd = m.Update(click)
	if cmd == nil {
		t.Fatal("second click did not choose")
	}
	if got := cmd().(common.ServiceChosenMsg); got.Service.ID != "s2" {
		t.Fatalf("chose %s", got.Service.ID)
	}
}
