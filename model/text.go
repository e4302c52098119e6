package model

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Sanitize makes untrusted text safe to draw on one line: escape
// sequences, C0/C1 controls, bidi overrides and invisible format
// characters are removed (see invisible). ansi.Strip alone keeps CR, BS and
// C1 controls, which can overwrite what is on screen. Newlines, tabs and
// the Unicode line and paragraph separators become spaces.
func Sanitize(s string) string { return sanitize(s, false) }

// SanitizeMultiline is Sanitize that keeps newlines, for notes; U+2028 and
// U+2029 become newlines too.
func SanitizeMultiline(s string) string { return sanitize(s, true) }

// action is what sanitizing does with one rune.
type action uint8

const (
	keep action = iota
	drop
	toSpace
	toNewline
)

func sanitize(s string, multiline bool) string {
	if n := plainPrefix(s); n == len(s) || isClean(s[n:], lastByte(s[:n]), multiline) {
		return s
	}
	s = ansi.Strip(s)
	var b strings.Builder
	b.Grow(len(s))
	prev := rune(-1)
	for i, r := range s {
		switch classify(s, i, r, prev, multiline) {
		case keep:
			b.WriteRune(r)
			prev = r
		case toSpace:
			b.WriteByte(' ')
			prev = ' '
		case toNewline:
			b.WriteByte('\n')
			prev = '\n'
		}
	}
	return b.String()
}

// plainPrefix is the fast path: printable ASCII needs no work.
func plainPrefix(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return i
		}
	}
	return len(s)
}

func lastByte(s string) rune {
	if s == "" {
		return -1
	}
	return rune(s[len(s)-1])
}

// isClean is the second fast path, for text in other scripts: nothing to
// strip or change, so no copy is made. prev is the rune before s.
func isClean(s string, prev rune, multiline bool) bool {
	for i, r := range s {
		if classify(s, i, r, prev, multiline) != keep {
			return false
		}
		prev = r
	}
	return true
}

// classify decides the fate of r, found at s[i], after prev (the last rune
// kept; -1 at the start).
func classify(s string, i int, r, prev rune, multiline bool) action {
	switch {
	case r == '\n', r == '\u2028', r == '\u2029', r == '\u0085':
		if multiline {
			return toNewline
		}
		return toSpace
	case r == '\t':
		return toSpace
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return drop
	case r < 0xad:
		return keep
	case r == utf8.RuneError, isBidiControl(r), invisible(s, i, r, prev):
		return drop
	}
	return keep
}

// invisible reports a character that draws nothing yet changes what text
// compares equal to or how wide it is: zero-width spaces and joiners, word
// joiners, BOMs, soft hyphens, tag characters, Hangul fillers and the other
// default-ignorable code points (Unicode format characters, Cf, and
// Other_Default_Ignorable_Code_Point). Kept where text needs them: the
// prepended concatenation marks (visible), ZWJ and ZWNJ between two
// non-ASCII characters (Persian and Indic spelling, emoji sequences),
// variation selectors after a non-ASCII character (emoji presentation), and
// tag characters that spell a subdivision flag after U+1F3F4.
func invisible(s string, i int, r, prev rune) bool {
	if r < 0x100 {
		return r == 0xad
	}
	if !mayBeInvisible[r>>8] {
		return false
	}
	switch {
	case r == '\u200c' || r == '\u200d':
		next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
		return !(joins(prev) || isSelector(prev)) || !joins(next)
	case r >= 0xe0020 && r <= 0xe007f:
		return prev != 0x1f3f4 && (prev < 0xe0020 || prev > 0xe007f)
	case isSelector(r):
		return !joins(prev)
	case unicode.Is(unicode.Cf, r):
		return !unicode.Is(unicode.Prepended_Concatenation_Mark, r)
	}
	return unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r)
}

// mayBeInvisible marks the 256-code-point blocks holding any character
// invisible may drop, so most text skips the table lookups. Read-only.
var mayBeInvisible = func() (blocks [(unicode.MaxRune + 1) >> 8]bool) {
	for _, t := range []*unicode.RangeTable{unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point} {
		for _, r := range t.R16 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				blocks[c>>8] = true
			}
		}
		for _, r := range t.R32 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				blocks[c>>8] = true
			}
		}
	}
	return blocks
}()

// joins reports a visible non-ASCII character a joiner or selector may
// attach to.
func joins(r rune) bool {
	return r >= 0xa0 && r != utf8.RuneError && !unicode.IsSpace(r) && !isSelector(r) &&
		!unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r)
}

func isSelector(r rune) bool { return unicode.Is(unicode.Variation_Selector, r) }

func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}

// Unsafe finds the first character of s that Sanitize (SanitizeMultiline
// when multiline) would remove or replace, for input validation; tabs are
// let through in multiline text. It returns the rune and its byte offset, or
// ok false when s is already safe. Invalid UTF-8 reads as U+FFFD.
func Unsafe(s string, multiline bool) (r rune, at int, ok bool) {
	prev := rune(-1)
	for i, r := range s {
		switch classify(s, i, r, prev, multiline) {
		case drop:
			return r, i, true
		case toSpace, toNewline:
			if !(multiline && (r == '\t' || r == '\n')) {
				return r, i, true
			}
		}
		prev = r
	}
	return 0, 0, false
}
