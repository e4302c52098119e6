package confirmation

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/styles"
	"github.com/zimun-app/zimun/ui/uitest"

	_ "time/tzdata"
)

func card(clock24 bool) Model { return cardFor(clock24, nil) }

func cardFor(clock24 bool, kiosk *common.Kiosk) Model {
	return cardIn(i18n.English, clock24, kiosk)
}

func cardIn(lang i18n.Lang, clock24 bool, kiosk *common.Kiosk) Model {
	words := uitest.Words(lang)
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	c := common.Common{
		Ctx: context.Background(), Styles: styles.New(r, styles.NewTheme(styles.ThemeDark)),
		Words: words, Keys: common.DefaultKeyMap(words), Now: func() time.Time { return time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC) },
		Prefs: common.Prefs{Clock24: clock24}, Kiosk: kiosk,
	}
	appt := model.Appointment{
		ID: "a_3k9x2mq7tw4zp8rn", BookingID: "a_3k9x2mq7tw4zp8rn", Status: model.StatusConfirmed,
		Time: time.Date(2026, 3, 3, 9, 30, 0, 0, time.UTC), DurationMinutes: 30,
		// Hostile text from the server must not reach the terminal raw.
		Contact: model.Contact{Name: "Dana \x1b[31mLee", Email: "dana@example.com", Phone: "+33 1 23 45 67 89"},
	}
	svc := model.Service{ID: "s_cut", Name: "Haircut", DurationMinutes: 30}
	loc := model.Location{ID: "l_paris", Name: "Zimun Paris", Address: "12 rue de Rivoli, 75004 Paris", Timezone: "Europe/Paris"}
	return New(c, appt, svc, loc)
}

func TestCardGolden(t *testing.T) {
	for _, size := range [][2]int{{78, 20}, {198, 56}} { // what a screen gets inside 80×24 and 200×60
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := card(true)
			m.SetSize(size[0], size[1])
			golden.RequireEqual(t, []byte(ansi.Strip(m.View())))
		})
	}
}

// In French: the labels, the date, the sentences; what was booked as it
// was sent. At the desk, and at a kiosk with its code.
func TestCardFrenchGolden(t *testing.T) {
	for _, tt := range []struct {
		name  string
		kiosk *common.Kiosk
		h     int
	}{{"desk_78x20", nil, 20}, {"kiosk_78x19", &common.Kiosk{}, 19}} {
		t.Run(tt.name, func(t *testing.T) {
			m := cardIn(i18n.French, true, tt.kiosk)
			m.SetSize(78, tt.h)
			v := ansi.Strip(m.View())
			for _, want := range []string{"Réservé", "mardi 3 mars 2026,", "10:30–11:00 CET", "Référence", "a_3k9x2mq7tw4zp8rn"} {
				if !strings.Contains(v, want) {
					t.Errorf("want %q in:\n%s", want, v)
				}
			}
			golden.RequireEqual(t, []byte(v))
		})
	}
}

// At a kiosk the reference goes with the customer as a QR code too,
// whole or not at all.
func TestKioskCardGolden(t *testing.T) {
	for _, size := range [][2]int{{78, 19}, {60, 40}, {78, 12}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := cardFor(false, &common.Kiosk{})
			m.SetSize(size[0], size[1])
			v := ansi.Strip(m.View())
			if h := lipgloss.Height(v); h > size[1] && size[1] > 12 {
				t.Errorf("%d lines for %d", h, size[1])
			}
			if !strings.Contains(v, "a_3k9x2mq7tw4zp8rn") {
				t.Error("no reference in text")
			}
			hasCode := strings.Contains(v, "█")
			if want := size[1] > 12; hasCode != want {
				t.Errorf("QR code shown %v, want %v", hasCode, want)
			}
			golden.RequireEqual(t, []byte(v))
		})
	}
}

// Long names from the server (capped at decode, still several lines)
// never push the booking id off the screen.
func TestLongTextKeepsTheBookingID(t *testing.T) {
	for _, kiosk := range []*common.Kiosk{nil, {}} {
		m := cardFor(false, kiosk)
		m.svc.Name = strings.Repeat("Consultation ", 15)
		m.loc.Name = strings.Repeat("Paris ", 30)
		m.loc.Address = strings.Repeat("12 rue de Rivoli ", 17)
		m.appt.Contact.Notes = strings.Repeat("note ", 200)
		for _, size := range [][2]int{{78, 19}, {98, 25}} {
			m.SetSize(size[0], size[1])
			v := ansi.Strip(m.View())
			if h := lipgloss.Height(v); h > size[1] {
				t.Errorf("kiosk %v, %v: %d lines", kiosk != nil, size, h)
			}
			if !strings.Contains(v, "a_3k9x2mq7tw4zp8rn") {
				t.Errorf("kiosk %v, %v: no booking id:\n%s", kiosk != nil, size, v)
			}
		}
	}
}

func TestCardContent(t *testing.T) {
	for _, tt := range []struct {
		clock24 bool
		when    string
	}{{true, "Tuesday 3 March 2026, 10:30–11:00 CET"}, {false, "Tuesday 3 March 2026, 10:30 AM–11:00 AM CET"}} {
		v := card(tt.clock24).View()
		if strings.Contains(v, "\x1b") {
			t.Errorf("escape sequence reached the view: %q", v)
		}
		for _, want := range []string{"Haircut", "Zimun Paris", "12 rue de Rivoli", tt.when, "30 min",
			"Dana Lee", "dana@example.com", "+33 1 23 45 67 89", "a_3k9x2m",
			"A confirmation email was sent to dana@example.com."} {
			if !strings.Contains(v, want) {
				t.Errorf("want %q in:\n%s", want, v)
			}
		}
	}
}

func TestNewBooking(t *testing.T) {
	m := card(true)
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("n")})
	if cmd == nil || cmd() != (common.NewBookingMsg{}) {
		t.Fatal("n did not ask for a new booking")
	}
	if _, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}); cmd != nil {
		t.Error("x did something")
	}
	if len(m.ShortHelp()) != 2 {
		t.Errorf("help = %v", m.ShortHelp())
	}
}
