package ui

import (
	"context"
	"io"
	"reflect"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui/styles"
)

// A kiosk builds styles once per renderer and hands them to every
// session: they are what NewCommon would have built.
func TestNewCommonTakesSharedStyles(t *testing.T) {
	plain := lipgloss.NewRenderer(io.Discard)
	plain.SetColorProfile(termenv.Ascii)
	if got, want := StylesFor(plain, Options{Theme: "dark"}), styles.New(plain, styles.NewTheme(styles.ThemePlain)); !reflect.DeepEqual(got, want) {
		t.Error("a renderer without colour does not get the plain theme")
	}
	colour := lipgloss.NewRenderer(io.Discard)
	colour.SetColorProfile(termenv.ANSI256)
	shared := StylesFor(colour, Options{})
	o := booking.New(nil, state.NewMemory(), booking.Options{})
	c := NewCommon(context.Background(), colour, o.NewSession(), Options{Styles: shared})
	if c.Styles != shared {
		t.Error("NewCommon built its own styles instead of the shared ones")
	}
	if c2 := NewCommon(context.Background(), colour, o.NewSession(), Options{}); !reflect.DeepEqual(c2.Styles, shared) {
		t.Error("StylesFor differs from what NewCommon builds")
	}
}
