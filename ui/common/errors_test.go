package common

import (
	"context"
	"errors"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
)

func TestErrorText(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&api.Error{Status: 401, Message: "invalid_client"}, "Zimun rejected the credentials: check ZIMUN_CLIENT_ID and ZIMUN_CLIENT_SECRET"},
		{&api.Error{Status: 403, Code: "insufficient_scope", Message: "token lacks appointments:write"}, "This client lacks the appointments:write scope"},
		{&api.Error{Status: 403, Message: "nope"}, "This client lacks the scope this action needs"},
		{&api.Error{Status: 429, RetryAfter: 7 * time.Second}, "Zimun is rate-limiting; try again in 7s"},
		{&api.Error{Status: 422, Message: "Bookings close 15 minutes before the start"}, "Bookings close 15 minutes before the start"},
		{&api.Error{Status: 422, Message: "\x1b]0;pwn\abad\u202e slot"}, "bad slot"},
		{&api.Error{Status: 503}, "Zimun had a server error (503); try again"},
		{&api.NetworkError{Op: "availability", Err: syscall.ECONNREFUSED}, "Can't reach Zimun (connection refused)"},
		{&api.NetworkError{Op: "hold", Err: context.DeadlineExceeded}, "Can't reach Zimun (timed out)"},
		{fmt.Errorf("wrap: %w", context.Canceled), "Cancelled"},
		{errors.New("Not a date: use YYYY-MM-DD"), "Not a date: use YYYY-MM-DD"},
	}
	p := i18n.NewCatalog().Printer(i18n.Locale{Lang: i18n.English}, model.Clock{H24: true})
	for _, tt := range tests {
		if got := ErrorText(p, tt.err); got != tt.want {
			t.Errorf("ErrorText(%#v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

// In French the words are French; what the server said stays as sent.
func TestErrorTextInFrench(t *testing.T) {
	fr := i18n.NewCatalog().Printer(i18n.Locale{Lang: i18n.French}, model.Clock{H24: true})
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&api.NetworkError{Op: "hold", Err: context.DeadlineExceeded}, "Impossible de joindre Zimun (délai dépassé)"},
		{&api.Error{Status: 429, RetryAfter: 7 * time.Second}, "Zimun limite le débit ; réessayez dans 7 s"},
		{&api.Error{Status: 422, Message: "Bookings close 15 minutes before the start"}, "Bookings close 15 minutes before the start"},
	} {
		if got := ErrorText(fr, tt.err); got != tt.want {
			t.Errorf("ErrorText(%#v) = %q, want %q", tt.err, got, tt.want)
		}
	}
	if got := Failed(fr, "Échec de la mise en attente", errors.New("boom")).Text; got != "Échec de la mise en attente : boom" {
		t.Errorf("Failed = %q", got)
	}
}
