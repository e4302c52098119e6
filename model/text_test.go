package model

import (
	"testing"
	"unicode"
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
	}
	for in, want := range tests {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
	if got := SanitizeMultiline("a\nb\x1b[31m\r"); got != "a\nb" {
		t.Errorf("SanitizeMultiline kept %q", got)
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"\x1b]0;x\a", "a\rb", "\u009b1m", "\u202e", "ok"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range Sanitize(s) {
			if unicode.IsControl(r) || isBidiControl(r) {
				t.Fatalf("Sanitize(%q) kept %U", s, r)
			}
		}
	})
}
