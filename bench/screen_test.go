package main

import (
	"strings"
	"testing"
)

func TestScreenAnswersQueriesLikeATerminal(t *testing.T) {
	s := newScreen(100, 30)
	s.write([]byte("\x1b[3;7H\x1b]11;?\x07\x1b[6n\x1b[c\x1b[>c\x1b]10;?\x1b\\"))
	got := string(s.takeReply())
	want := "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\" + "\x1b[3;7R" + "\x1b[?62;22c" + "\x1b[>41;390;0c" + "\x1b]10;rgb:d0d0/d0d0/d0d0\x1b\\"
	if got != want {
		t.Fatalf("replies %q, want %q", got, want)
	}
	if s.takeReply() != nil {
		t.Fatal("replies given twice")
	}
}

func TestScreenKeepsText(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"lines and erase", "hello\r\nworld\x1b[1;3H\x1b[K", "he\nworld"},
		{"a query split across writes", "ab\x1b[", "ab"},
		{"cursor moves", "\x1b[2;4Hx\x1b[Ay\x1b[2Dz", "   zy\n   x"},
		{"wide runes take two cells", "界a\x1b[1;3Hb", "界b"},
		{"DEC line drawing", "\x1b(0lqk\x1b(Bq", "┌─┐q"},
		{"SO selects G1", "\x1b)0\x0eqx\x0fq", "─│q"},
		{"alt screen is its own", "main\x1b[?1049h\x1b[Halt\x1b[?1049l", "main"},
		{"erase display", "a\r\nb\x1b[2J", ""},
		{"wrap at the right edge", strings.Repeat("x", 12) + "y", strings.Repeat("x", 10) + "\nxxy"},
		{"scroll region", "\x1b[2;3r\x1b[2;1H1\r\n2\r\n3", "\n2\n3"},
		{"insert line", "a\r\nb\x1b[1;1H\x1b[L", "\na\nb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScreen(10, 4)
			s.write([]byte(tc.in))
			if got := strings.TrimRight(s.text(), "\n"); got != tc.want {
				t.Fatalf("screen %q, want %q", got, tc.want)
			}
		})
	}
}
