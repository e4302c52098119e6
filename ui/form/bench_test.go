package form

import (
	"testing"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/uitest"
)

// BenchmarkFormScreen types into the name field and takes it back.
func BenchmarkFormScreen(b *testing.B) {
	uitest.BenchScreen(b, func(b *testing.B, w, h int) Model {
		c := &clock{t: start}
		in := fixtureInput(c, model.Contact{Name: "Dana Lee", Email: "dana@example.com", Phone: "+33 1 23 45 67 89"})
		m := noSleep(New(uitest.ColorCommon(c.Now), in))
		m.SetSize(w, h)
		return m
	}, Model.Update, "x", "backspace")
}
