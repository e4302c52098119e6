package model

import (
	"strings"
	"testing"
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
		{"notes escape", func(c *Contact) { c.Notes = "hi\x1b]52;c;AAAA\a" }, FieldNotes, "control"},
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
