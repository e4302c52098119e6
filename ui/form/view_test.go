package form

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/uitest"
)

func TestViewGolden(t *testing.T) {
	for _, size := range [][2]int{{78, 20}, {198, 56}} { // what a screen gets inside 80×24 and 200×60
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			c := uitest.NewClock(start)
			m := fixture(t, c, model.Contact{})
			m.SetSize(size[0], size[1])
			m = typeText(t, m, "Dana Lee")
			m, _ = press(t, m, "tab")
			m = typeText(t, m, "dana@example")
			m, _ = press(t, m, "tab") // leaving email shows its error
			c.Advance(18 * time.Second)
			golden.RequireEqual(t, []byte(view(m)))
		})
	}
}

// In French: the labels, the countdown, the problem and the keys.
func TestViewFrenchGolden(t *testing.T) {
	c := uitest.NewClock(start)
	m := fixtureIn(t, c, fixtureDraft(c, model.Contact{}), uitest.InFrench)
	m.SetSize(78, 20)
	m = typeText(t, m, "Dana Lee")
	m, _ = press(t, m, "tab")
	m = typeText(t, m, "dana@example")
	m, _ = press(t, m, "tab")
	c.Advance(18 * time.Second)
	golden.RequireEqual(t, []byte(view(m)))
}

func TestViewExpiredGolden(t *testing.T) {
	c := uitest.NewClock(start)
	m := fixture(t, c, model.Contact{Name: "Dana Lee", Email: "dana@example.com"})
	c.Advance(model.HoldTTL)
	m, _ = m.Update(tickMsg{gen: m.gen})
	golden.RequireEqual(t, []byte(view(m)))
}

// A resumed draft whose confirm got no answer: only the safe resend.
func TestViewResumedGolden(t *testing.T) {
	c := uitest.NewClock(start)
	in := fixtureDraft(c, model.Contact{Name: "Dana Lee", Email: "dana@example.com"})
	in.IdempotencyKey, in.KeyContact = "k-lost", in.Contact
	c.Advance(model.HoldTTL + time.Minute)
	golden.RequireEqual(t, []byte(view(fixtureFrom(t, c, in))))
}

func TestViewBookedUnreadGolden(t *testing.T) {
	m := fixture(t, uitest.NewClock(start), model.Contact{Name: "Dana Lee", Email: "dana@example.com"})
	m, _ = press(t, m, "ctrl+s")
	m, _ = m.Update(keyMsg("enter"))
	m, _ = m.Update(confirmedMsg{holdID: m.hold.ID, out: booking.Outcome{Result: booking.Booked, Unread: true}})
	golden.RequireEqual(t, []byte(view(m)))
}

func BenchmarkFormView(b *testing.B) {
	c := uitest.NewClock(start)
	m := fixture(b, c, model.Contact{Name: "Dana Lee", Email: "dana@example", Phone: "+33 1 23 45 67 89", Notes: "First visit"})
	m.SetSize(200, 60)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// A returning customer offered under the name typed, with a booking that
// day already.
func TestViewReturningGolden(t *testing.T) {
	for _, size := range [][2]int{{78, 20}, {198, 56}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			golden.RequireEqual(t, []byte(view(returningFixture(t, size[0], size[1]))))
		})
	}
}

func returningFixture(t *testing.T, width, height int) Model {
	c := uitest.NewClock(start)
	m := fixture(t, c, model.Contact{})
	m.c.Prefs.ReturningCustomers = true
	m.SetSize(width, height)
	m = typeText(t, m, "marie")
	m, _ = m.Update(lookupTickMsg{gen: m.look.gen})
	paris := model.LoadZone("Europe/Paris")
	at := time.Date(2026, 3, 3, 16, 0, 0, 0, paris)
	marie := booking.Customer{
		Contact: model.Contact{Name: "Marie Curie", Email: "marie.curie@example.fr", Phone: "+33 6 12 34 56 78"},
		Last:    at, Bookings: 3,
		SameDay: []booking.Visit{{
			Appointment: model.Appointment{ID: "a_1", Status: model.StatusConfirmed, Time: at, LocationID: "l_paris"},
			Service:     model.Service{Name: "Follow-up visit"},
			Location:    m.loc,
		}},
	}
	other := booking.Customer{Contact: model.Contact{Name: "Marie Dupont", Email: "md@example.fr"}, Last: at.AddDate(0, -1, 0), Bookings: 1}
	m, _ = m.Update(customersMsg{gen: m.look.gen, res: booking.Customers{Found: []booking.Customer{marie, other}}})
	return m
}
