package model

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on contact fields.
const (
	MaxNameRunes  = 200
	MaxEmailBytes = 254
	MaxNotesRunes = 1000
)

// Contact is the customer an appointment is for.
type Contact struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone,omitempty"`
	Notes string `json:"notes,omitempty"`
}

// Contact field names, as FieldError reports them.
const (
	FieldName  = "name"
	FieldEmail = "email"
	FieldPhone = "phone"
	FieldNotes = "notes"
)

// FieldError says which field is wrong and why.
type FieldError struct {
	Field   string
	Message string
}

func (e FieldError) Error() string { return e.Field + ": " + e.Message }

// ValidationError lists every bad field, in form order.
type ValidationError []FieldError

func (v ValidationError) Error() string {
	msgs := make([]string, len(v))
	for i, e := range v {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// For returns the message for field, or "".
func (v ValidationError) For(field string) string {
	for _, e := range v {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// Normalized trims the fields the way Validate judges them.
func (c Contact) Normalized() Contact {
	return Contact{
		Name:  strings.TrimSpace(c.Name),
		Email: strings.TrimSpace(c.Email),
		Phone: strings.TrimSpace(c.Phone),
		Notes: strings.TrimSpace(c.Notes),
	}
}

// Validate checks the normalised contact. It returns a ValidationError
// (use errors.As) naming each bad field, or nil.
func (c Contact) Validate() error {
	c = c.Normalized()
	var errs ValidationError
	add := func(field, msg string, args ...any) {
		errs = append(errs, FieldError{field, fmt.Sprintf(msg, args...)})
	}
	if msg := checkName(c.Name); msg != "" {
		add(FieldName, "%s", msg)
	}
	if msg := checkEmail(c.Email); msg != "" {
		add(FieldEmail, "%s", msg)
	}
	if msg := checkPhone(c.Phone); msg != "" {
		add(FieldPhone, "%s", msg)
	}
	if n := utf8.RuneCountInString(c.Notes); n > MaxNotesRunes {
		add(FieldNotes, "too long: %d characters, at most %d", n, MaxNotesRunes)
	} else if hasControl(c.Notes, true) {
		add(FieldNotes, "contains control characters")
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

func checkName(name string) string {
	switch n := utf8.RuneCountInString(name); {
	case name == "":
		return "required"
	case n > MaxNameRunes:
		return fmt.Sprintf("too long: %d characters, at most %d", n, MaxNameRunes)
	case hasControl(name, false):
		return "contains control characters"
	}
	return ""
}

func checkEmail(email string) string {
	if email == "" {
		return "required"
	}
	if len(email) > MaxEmailBytes {
		return fmt.Sprintf("too long: %d bytes, at most %d", len(email), MaxEmailBytes)
	}
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || addr.Name != "" {
		return "not an email address (like name@example.com)"
	}
	at := strings.LastIndexByte(email, '@')
	domain := email[at+1:]
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") {
		return fmt.Sprintf("domain %q needs a dot, like example.com", domain)
	}
	return ""
}

// checkPhone is lenient: an optional leading +, then digits with spaces,
// dots, dashes and brackets; 6 to 15 digits as E.164 allows.
func checkPhone(phone string) string {
	if phone == "" {
		return ""
	}
	digits := 0
	for i, r := range phone {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return fmt.Sprintf("unexpected %q; use digits, spaces and an optional leading +", r)
		}
	}
	if digits < 6 || digits > 15 {
		return fmt.Sprintf("has %d digits, expected 6 to 15", digits)
	}
	return ""
}

func hasControl(s string, allowNewlines bool) bool {
	for _, r := range s {
		if allowNewlines && (r == '\n' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || isBidiControl(r) {
			return true
		}
	}
	return false
}

// AsValidation extracts a ValidationError from err.
func AsValidation(err error) (ValidationError, bool) {
	var v ValidationError
	ok := errors.As(err, &v)
	return v, ok
}
