package model

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := map[string]string{
		"plain":                       "plain",
		"title \x1b]0;pwned\a done":   "title  done",
		"clip \x1b]52;c;QUFB\a":       "clip ",
		"clear\x1b[2J":                "clear",
		"dcs \x1bPq#0;2;0;0;0\x1b\\x": "dcs x",
		"CONFIRMED\rCANCELLED":        "CONFIRMEDCANCELLED",
		"paid\b\b\b\bFREE":            "paidFREE",
		"bell\a nul\x00":              "bell nul",
		"c1 \u009b31m csi":            "c1 31m csi",
		"osc8 \u009d8;;x\u009c":       "osc8 8;;x",
		"rtl \u202eevil":              "rtl evil",
		"isolate \u2066x\u2069":       "isolate x",
		"tab\there":                   "tab here",
		"new\nline":                   "new line",
		"Zoë Ångström 日本":             "Zoë Ångström 日本",
		"bad \xff byte":               "bad  byte",
		// Invisible format characters: look-alike names, broken columns.
		"ad\u200bmin":              "admin",
		"ad\u200dmin":              "admin",
		"ad\u200cmin":              "admin",
		"word\u2060joiner":         "wordjoiner",
		"\ufeffbom":                "bom",
		"mongolian\u180evs":        "mongolianvs",
		"soft\u00adhyphen":         "softhyphen",
		"tags\U000E0041\U000E0042": "tags",
		"hangul\u3164filler":       "hangulfiller",
		"invisible\u2062times":     "invisibletimes",
		"a\ufe0f":                  "a",
		"line\u2028para\u2029end":  "line para end",
		"nel\u0085end":             "nel end",
		// ... except where text needs them.
		"می\u200cخواهم":   "می\u200cخواهم",
		"क्\u200dष":       "क्\u200dष",
		"👨\u200d👩\u200d👧": "👨\u200d👩\u200d👧",
		"❤\ufe0f\u200d🔥":  "❤\ufe0f\u200d🔥",
		"\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F": "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",
		"\u0600\u0661":   "\u0600\u0661",
		"é\u200d\u200dé": "é\u200dé",
		"é\u200d ":       "é ",
	}
	for in, want := range tests {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
	if got := SanitizeMultiline("a\nb\x1b[31m\r"); got != "a\nb" {
		t.Errorf("SanitizeMultiline kept %q", got)
	}
	if got := SanitizeMultiline("a\u2028b\u2029c\u200bd"); got != "a\nb\nc"+"d" {
		t.Errorf("SanitizeMultiline = %q, want separators as newlines", got)
	}
}

func TestUnsafe(t *testing.T) {
	for _, tc := range []struct {
		in        string
		multiline bool
		r         rune
		at        int
		ok        bool
	}{
		{"Dana Lee", false, 0, 0, false},
		{"Zoë 日本 می\u200cخواهم", false, 0, 0, false},
		{"dana\u202e@example.com", false, 0x202e, 4, true},
		{"dana\u0085@example.com", false, 0x85, 4, true},
		{"ad\u200bmin", false, 0x200b, 2, true},
		{"a\tb", false, '\t', 1, true},
		{"a\tb\nc", true, 0, 0, false},
		{"a\nb", false, '\n', 1, true},
		{"a\u2028b", true, 0x2028, 1, true},
		{"x\x1b[31m", true, 0x1b, 1, true},
		{"bad \xff", false, 0xfffd, 4, true},
	} {
		r, at, ok := Unsafe(tc.in, tc.multiline)
		if r != tc.r || at != tc.at || ok != tc.ok {
			t.Errorf("Unsafe(%q, %v) = %U, %d, %v; want %U, %d, %v", tc.in, tc.multiline, r, at, ok, tc.r, tc.at, tc.ok)
		}
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"\x1b]0;x\a", "a\rb", "\u009b1m", "\u202e", "ok", "é\u200dé", "a\u2028b", "\U0001F3F4\U000E0067\U000E007F"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, multi := range []bool{false, true} {
			out := sanitize(s, multi)
			if !utf8.ValidString(out) {
				t.Fatalf("sanitize(%q, %v) = %q: invalid UTF-8", s, multi, out)
			}
			for i, r := range out {
				nl := multi && r == '\n'
				if unicode.IsControl(r) && !nl || isBidiControl(r) || r == 0x2028 || r == 0x2029 || r == utf8.RuneError ||
					invisible(out, i, r, -1) && !unicode.Is(unicode.Variation_Selector, r) &&
						r != 0x200c && r != 0x200d && (r < 0xe0020 || r > 0xe007f) {
					t.Fatalf("sanitize(%q, %v) kept %U", s, multi, r)
				}
			}
			if again := sanitize(out, multi); again != out {
				t.Fatalf("sanitize is not idempotent: %q -> %q -> %q", s, out, again)
			}
			if _, _, bad := Unsafe(out, multi); bad {
				t.Fatalf("Unsafe(%q) after sanitizing %q", out, s)
			}
			if _, _, bad := Unsafe(s, multi); !bad && out != s && !(multi && strings.Contains(s, "\t")) {
				t.Fatalf("Unsafe(%q) passed, but sanitizing gives %q", s, out)
			}
		}
	})
}

var sanitizeInputs = map[string]string{
	"ascii":   "General consultation at Paris – Marais, 12 rue des Archives",
	"plain":   "Dana Lee <dana@example.com> booked a follow-up visit for Tuesday",
	"latin":   "Zoë Ångström, Łódź, Ærøskøbing, Crème brûlée, Ça va très bien",
	"cjk":     "予約の確認：東京都渋谷区神南一丁目、午前十時から三十分",
	"hostile": "evil\x1b]0;title\a\u202e\u200b name\u2028next\u00ad\ufeff",
}

func BenchmarkSanitize(b *testing.B) {
	for _, name := range []string{"ascii", "plain", "latin", "cjk", "hostile"} {
		s := sanitizeInputs[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Sanitize(s)
			}
		})
	}
}
