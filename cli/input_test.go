package cli_test

import (
	"strings"
	"testing"
)

// Every input is held to the form's rules before anything is sent: a
// control, bidi or invisible character, or an overlong value, is a usage
// error (exit 2) that names the flag or argument and the character.
func TestInputIsCheckedLikeTheForm(t *testing.T) {
	f := newFixture(t)
	long := strings.Repeat("x", 301)
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"confirm", "--hold", "h_1", "--name", "Dana", "--email", "dana\u202e@example.com"}, "email: contains a text-direction control (U+202E) at character 5"},
		{[]string{"confirm", "--hold", "h_1", "--name", "Dana", "--email", "dana\u009b@example.com"}, "email: contains a control character (U+009B)"},
		{[]string{"confirm", "--hold", "h_1", "--name", "Da\u200bna", "--email", "dana@example.com"}, "name: contains an invisible character (U+200B)"},
		{[]string{"confirm", "--hold", "h_1\u0085", "--name", "Dana", "--email", "dana@example.com"}, "--hold: contains a line break (U+0085)"},
		{[]string{"cancel", "a_1", "--reason", long}, "--reason: too long: 301 characters, at most 300"},
		{[]string{"cancel", "a_1", "--reason", "moved\x1b[2J"}, "--reason: contains a control character (U+001B) at character 6"},
		{[]string{"cancel", "a_1", "--reason", "two\nlines"}, "--reason: contains a line break"},
		{[]string{"appointments", "--q", "dana\u2066"}, "--q: contains a text-direction control (U+2066)"},
		{[]string{"appointment", "a_1\x1b]0;x\a"}, "ID: contains a control character (U+001B)"},
		{[]string{"release", strings.Repeat("h", 129)}, "ID: too long: 129 bytes, at most 128"},
		{[]string{"reschedule", "a_\u200b1", "--at", "2030-01-01T10:00:00Z"}, "ID: contains an invisible character (U+200B)"},
	}
	for _, tt := range tests {
		t.Run(tt.stderr, func(t *testing.T) {
			before := f.srv.Stats().Requests
			code, _, errs := f.run(tt.args...)
			if code != 2 || !strings.Contains(errs, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want exit 2, stderr containing %q", code, errs, tt.stderr)
			}
			if after := f.srv.Stats().Requests; len(after) != len(before) {
				t.Errorf("the server was asked %v before the input was refused", after)
			}
		})
	}
}

// Releasing a hold the server does not know is an error; a server without
// the release endpoint is not (the hold expires on its own).
func TestReleaseUnknownHold(t *testing.T) {
	f := newFixture(t)
	code, out, errs := f.run("release", "h_unknown")
	if code != 1 || strings.Contains(out, "Released") || !strings.Contains(errs, "404 hold_not_found") ||
		!strings.Contains(errs, "the server has no such hold") {
		t.Errorf("unknown hold: exit %d, stdout %q, stderr %q; want exit 1 and hold_not_found", code, out, errs)
	}
	f.srv.DisableRoute("hold.release")
	if code, out, errs := f.run("release", "h_unknown"); code != 0 || !strings.Contains(out, "Released hold h_unknown") {
		t.Errorf("server without release: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
