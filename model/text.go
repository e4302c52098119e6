package model

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// Sanitize makes untrusted text safe to draw: escape sequences, C0/C1
// controls and bidi overrides are removed. ansi.Strip alone keeps CR, BS and
// C1 controls, which can overwrite what is on screen. Newlines become spaces
// unless keepNewlines is set; tabs become a space.
func Sanitize(s string) string { return sanitize(s, false) }

// SanitizeMultiline is Sanitize that keeps newlines, for notes.
func SanitizeMultiline(s string) string { return sanitize(s, true) }

func sanitize(s string, keepNewlines bool) string {
	if isPlain(s) {
		return s
	}
	s = ansi.Strip(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' && keepNewlines:
			b.WriteRune(r)
		case r == '\n' || r == '\t':
			b.WriteByte(' ')
		case r == unicode.ReplacementChar, unicode.IsControl(r), isBidiControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isPlain is the fast path: printable ASCII needs no work.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}
