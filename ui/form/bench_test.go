package form

import (
	"testing"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/uitest"
)

// BenchmarkFormScreen types into the name field and takes it back.
func BenchmarkFormScreen(b *testing.B) {
	uitest.BenchScreen(b, func(b *testing.B, w, h int) Model {
		c := uitest.NewClock(start)
		d := fixtureDraft(c, model.Contact{Name: "Dana Lee", Email: "dana@example.com", Phone: "+33 1 23 45 67 89"})
		cc := uitest.ColorCommon(c.Now)
		m := noSleep(New(cc, cc.Session.Begin(d.Service, d.Location, d.Slot, d.Hold, d.Contact)))
		m.SetSize(w, h)
		return m
	}, Model.Update, "x", "backspace")
}
