package mybooking

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/uitest"

	_ "time/tzdata"
)

var now = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

func screen() Model {
	c := uitest.Common(func() time.Time { return now }).ForKiosk(&common.Kiosk{})
	cat := model.Catalog{
		Services:  []model.Service{{ID: "s_cut", Name: "Haircut", DurationMinutes: 30}},
		Locations: []model.Location{{ID: "l_paris", Name: "Zimun Paris", Timezone: "Europe/Paris", Active: true}},
	}
	return New(c, cat)
}

// What the customer sees: the question, then their booking, with hostile
// text from the server made harmless and every line inside the width.
func TestViewsGolden(t *testing.T) {
	found := screen()
	found.state = looking
	found, _ = found.Update(foundMsg{appt: model.Appointment{
		ID: "a_3k9x2mq7tw4zp8rn", ServiceID: "s_cut", LocationID: "l_paris", Status: model.StatusConfirmed,
		Time: now.Add(26*time.Hour + 30*time.Minute), DurationMinutes: 30,
		Contact: model.Contact{Name: "Dana \x1b[31mLee", Email: "dana@example.com"},
	}})
	for name, m := range map[string]Model{"asking": screen(), "found": found} {
		for _, size := range [][2]int{{78, 20}, {40, 20}} {
			t.Run(fmt.Sprintf("%s/%dx%d", name, size[0], size[1]), func(t *testing.T) {
				m.SetSize(size[0], size[1])
				v := m.View()
				if strings.Contains(v, "\x1b[31m") {
					t.Error("the server's escape reached the screen")
				}
				for _, line := range strings.Split(uitest.Strip(v), "\n") {
					if w := len([]rune(line)); w > size[0] {
						t.Errorf("%d wide: %q", w, line)
					}
				}
				golden.RequireEqual(t, []byte(uitest.Strip(v)))
			})
		}
	}
}
