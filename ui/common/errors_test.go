package common

import (
	"context"
	"errors"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/zimun-app/zimun/api"
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
	for _, tt := range tests {
		if got := ErrorText(tt.err); got != tt.want {
			t.Errorf("ErrorText(%#v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
