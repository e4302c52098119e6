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
	// Not contact fields, but checked the same way.
	FieldReason = "reason"
	FieldQuery  = "search text"
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
	if err := CheckText(FieldNotes, c.Notes, MaxNotesRunes, true); err != nil {
		errs = append(errs, err.(FieldError))
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

func checkName(name string) string {
	if name == "" {
		return "required"
	}
	return textProblem(name, MaxNameRunes, false)
}

func checkEmail(email string) string {
	if email == "" {
		return "required"
	}
	if len(email) > MaxEmailBytes {
		return fmt.Sprintf("too long: %d bytes, at most %d", len(email), MaxEmailBytes)
	}
	if msg := textProblem(email, MaxEmailBytes, false); msg != "" {
		return msg
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

// CheckText validates text a person typed (a flag, a form field): at most
// max characters, valid UTF-8, and nothing Sanitize would remove or
// replace, so what is sent is exactly what was shown; multiline text may
// hold newlines and tabs. The error is a FieldError naming field.
func CheckText(field, s string, max int, multiline bool) error {
	if msg := textProblem(s, max, multiline); msg != "" {
		return FieldError{field, msg}
	}
	return nil
}

func textProblem(s string, max int, multiline bool) string {
	if n := utf8.RuneCountInString(s); n > max {
		return fmt.Sprintf("too long: %d characters, at most %d", n, max)
	}
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	r, at, bad := Unsafe(s, multiline)
	if !bad {
		return ""
	}
	return fmt.Sprintf("contains %s at character %d; remove it", runeKind(r), utf8.RuneCountInString(s[:at])+1)
}

// runeKind names a character Unsafe found, for a person to find it.
func runeKind(r rune) string {
	switch {
	case r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029 || r == 0x85:
		return fmt.Sprintf("a line break (%U); keep it on one line", r)
	case r == '\t':
		return "a tab"
	case isBidiControl(r):
		return fmt.Sprintf("a text-direction control (%U)", r)
	case unicode.IsControl(r):
		return fmt.Sprintf("a control character (%U)", r)
	}
	return fmt.Sprintf("an invisible character (%U)", r)
}

// ValidateReason checks a cancellation reason (optional; one line of at
// most MaxReasonRunes characters, as the cancel dialog takes).
func ValidateReason(reason string) error {
	return CheckText(FieldReason, strings.TrimSpace(reason), MaxReasonRunes, false)
}

// ValidateQuery checks appointment search text.
func ValidateQuery(q string) error {
	return CheckText(FieldQuery, strings.TrimSpace(q), MaxQueryRunes, false)
}

// AsValidation extracts a ValidationError from err.
func AsValidation(err error) (ValidationError, bool) {
	var v ValidationError
	ok := errors.As(err, &v)
	return v, ok
}
