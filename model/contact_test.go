package model

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestContactValidate(t *testing.T) {
	ok := Contact{Name: "Dana Lee", Email: "dana@example.com"}
	tests := []struct {
		name  string
		edit  func(*Contact)
		field string // "" = valid
		want  string // substring of the message
	}{
		{"valid", func(*Contact) {}, "", ""},
		{"trimmed name", func(c *Contact) { c.Name = "  Dana  " }, "", ""},
		{"empty name", func(c *Contact) { c.Name = "   " }, FieldName, "required"},
		{"long name", func(c *Contact) { c.Name = strings.Repeat("é", 201) }, FieldName, "201 characters, at most 200"},
		{"name at limit", func(c *Contact) { c.Name = strings.Repeat("é", 200) }, "", ""},
		{"control in name", func(c *Contact) { c.Name = "Dana\x1b[2J" }, FieldName, "control"},
		{"bidi in name", func(c *Contact) { c.Name = "Dana\u202eeeL" }, FieldName, "control"},
		{"empty email", func(c *Contact) { c.Email = "" }, FieldEmail, "required"},
		{"no at", func(c *Contact) { c.Email = "dana.example.com" }, FieldEmail, "not an email"},
		{"display name", func(c *Contact) { c.Email = "Dana <dana@example.com>" }, FieldEmail, "not an email"},
		{"undotted domain", func(c *Contact) { c.Email = "dana@localhost" }, FieldEmail, "needs a dot"},
		{"trailing dot", func(c *Contact) { c.Email = "dana@example." }, FieldEmail, "not an email"},
		{"long email", func(c *Contact) { c.Email = strings.Repeat("a", 250) + "@ex.com" }, FieldEmail, "at most 254"},
		{"phone ok", func(c *Contact) { c.Phone = "+33 (0)1 23-45.67 89" }, "", ""},
		{"phone letters", func(c *Contact) { c.Phone = "call me" }, FieldPhone, "unexpected"},
		{"phone short", func(c *Contact) { c.Phone = "123" }, FieldPhone, "3 digits"},
		{"plus inside", func(c *Contact) { c.Phone = "12+345678" }, FieldPhone, "unexpected"},
		{"notes newline ok", func(c *Contact) { c.Notes = "line one\nline two" }, "", ""},
		{"notes long", func(c *Contact) { c.Notes = strings.Repeat("x", 1001) }, FieldNotes, "at most 1000"},
		{"notes escape", func(c *Contact) { c.Notes = "hi\x1b]52;c;AAAA\a" }, FieldNotes, "control character (U+001B) at character 3"},
		{"zero-width in name", func(c *Contact) { c.Name = "Da\u200bna" }, FieldName, "invisible character (U+200B) at character 3"},
		{"tab in name", func(c *Contact) { c.Name = "Dana\tLee" }, FieldName, "a tab"},
		{"newline in name", func(c *Contact) { c.Name = "Dana\nLee" }, FieldName, "line break"},
		{"C1 in email", func(c *Contact) { c.Email = "dana\u009b@example.com" }, FieldEmail, "control character (U+009B)"},
		{"bidi in email", func(c *Contact) { c.Email = "dana\u202e@example.com" }, FieldEmail, "text-direction control (U+202E)"},
		{"zero-width in email", func(c *Contact) { c.Email = "da\u200bna@example.com" }, FieldEmail, "invisible character (U+200B)"},
		{"bad UTF-8 in email", func(c *Contact) { c.Email = "dana\xff@example.com" }, FieldEmail, "UTF-8"},
		{"separator in notes", func(c *Contact) { c.Notes = "a\u2028b" }, FieldNotes, "line break (U+2028)"},
		{"tab in notes ok", func(c *Contact) { c.Notes = "a\tb" }, "", ""},
		{"Persian name ok", func(c *Contact) { c.Name = "می\u200cخواهم" }, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.edit(&c)
			err := c.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			v, isV := AsValidation(err)
			if !isV {
				t.Fatalf("want ValidationError, got %v", err)
			}
			if msg := v.For(tt.field); !strings.Contains(msg, tt.want) {
				t.Fatalf("%s: got %q, want it to mention %q (all: %v)", tt.field, msg, tt.want, v)
			}
		})
	}
}

func TestValidateReportsEveryField(t *testing.T) {
	v, _ := AsValidation(Contact{}.Validate())
	if len(v) != 2 || v[0].Field != FieldName || v[1].Field != FieldEmail {
		t.Fatalf("want name and email in form order, got %v", v)
	}
	if got := v.Error(); got != "name: required; email: required" {
		t.Fatalf("Error() = %q", got)
	}
}

func TestValidateReasonAndQuery(t *testing.T) {
	for _, tc := range []struct {
		reason string
		want   string // "" = valid
	}{
		{"", ""},
		{"  called to cancel  ", ""},
		{strings.Repeat("é", 300), ""},
		{strings.Repeat("é", 301), "301 characters, at most 300"},
		{"moved\u202eevil", "text-direction control (U+202E) at character 6"},
		{"a\u0085b", "line break (U+0085)"},
		{"a\nb", "line break"},
		{"zero\u200dwidth", "invisible character (U+200D)"},
	} {
		err := ValidateReason(tc.reason)
		if tc.want == "" {
			if err != nil {
				t.Errorf("ValidateReason(%q) = %v", tc.reason, err)
			}
			continue
		}
		var fe FieldError
		if !errors.As(err, &fe) || fe.Field != FieldReason || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ValidateReason(%q) = %v, want reason: ...%s", tc.reason, err, tc.want)
		}
	}
	if err := ValidateQuery("dana\x1b[2J"); err == nil || !strings.HasPrefix(err.Error(), "search text: ") {
		t.Errorf("ValidateQuery = %v", err)
	}
}

func TestIDs(t *testing.T) {
	for id, want := range map[string]bool{
		"a_pzvgwjjoyk7psdm7":                true,
		"":                                  false,
		strings.Repeat("x", MaxIDBytes):     true,
		strings.Repeat("x", MaxIDBytes+1):   false,
		"h_1\x1b[2J":                        false,
		"h_\u200b1":                         false,
		"h_1 with spaces is odd but usable": true,
	} {
		if got := ValidID(id); got != want {
			t.Errorf("ValidID(%q) = %v", id, got)
		}
		if err := CheckID("hold", id); (err == nil) != want {
			t.Errorf("CheckID(%q) = %v", id, err)
		}
	}
	if err := CheckID("hold", strings.Repeat("x", 200)); err == nil || !strings.Contains(err.Error(), "hold: too long: 200 bytes") {
		t.Errorf("CheckID = %v", err)
	}
}

func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly", 7, "exactly"},
		{"éééé", 4, "éééé"}, // 8 bytes, 4 runes
		{"ééééé", 4, "ééé…"},
		{"日本語テキスト", 3, "日本…"},
		{"abc", 0, ""},
		{"abc", 1, "…"},
	} {
		got := Truncate(tc.in, tc.n)
		if got != tc.want || !utf8.ValidString(got) {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

// A front end wording errors in another language needs the problem and
// its details, not the English sentence.
func TestValidateProblems(t *testing.T) {
	tests := []struct {
		c    Contact
		want FieldError
	}{
		{Contact{Email: "d@example.com"}, FieldError{Field: FieldName, Problem: Required}},
		{Contact{Name: "D", Email: "d@localhost"}, FieldError{Field: FieldEmail, Problem: DomainNoDot, Text: "localhost"}},
		{Contact{Name: "D", Email: "nope"}, FieldError{Field: FieldEmail, Problem: NotEmail}},
		{Contact{Name: "D", Email: "d@example.com", Phone: "12x"}, FieldError{Field: FieldPhone, Problem: PhoneChar, Rune: 'x'}},
		{Contact{Name: "D", Email: "d@example.com", Phone: "123"}, FieldError{Field: FieldPhone, Problem: PhoneDigits, N: 3}},
		{Contact{Name: strings.Repeat("a", 201), Email: "d@example.com"}, FieldError{Field: FieldName, Problem: TooLongChars, N: 201, Max: 200}},
		{Contact{Name: "Da\u200bna", Email: "d@example.com"}, FieldError{Field: FieldName, Problem: UnsafeChar, N: 3, Rune: 0x200b}},
	}
	for _, tt := range tests {
		v, _ := AsValidation(tt.c.Validate())
		if len(v) != 1 {
			t.Fatalf("%+v: want one error, got %v", tt.c, v)
		}
		got := v[0]
		got.Message = ""
		if got != tt.want {
			t.Errorf("%+v: got %+v, want %+v", tt.c, got, tt.want)
		}
	}
	if CharKindOf('\n') != LineBreak || CharKindOf('\t') != Tab || CharKindOf(0x202e) != DirectionControl ||
		CharKindOf(0x1b) != ControlChar || CharKindOf(0x200b) != InvisibleChar {
		t.Error("CharKindOf names the wrong kinds")
	}
}
