package i18n

import (
	"context"
	"errors"
	"testing"

	"github.com/zimun-app/zimun/model"
)

// A worded error keeps what it wraps: a start cut short by Ctrl-C is still
// a cancellation, in either language.
func TestErrorUnwraps(t *testing.T) {
	err := Errorf(ErrDemoSandbox, context.Canceled)
	if !errors.Is(err, context.Canceled) {
		t.Fatal("the cancellation is lost under the worded error")
	}
	if got := err.Error(); got != "demo sandbox: context canceled" {
		t.Errorf("English %q", got)
	}
	fr := NewCatalog().Printer(Locale{Lang: French}, model.Clock{H24: true})
	if got := fr.Err(Errorf(ErrDemoSandbox, Errorf(ErrStoppedEarly))); got != "bac à sable de démonstration : arrêté avant d'être prêt" {
		t.Errorf("French %q", got)
	}
}
