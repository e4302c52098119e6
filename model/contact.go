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

// FieldError says which field is wrong and why: Message in English, and
// Problem with its details for a front end that words it in another
// language.
type FieldError struct {
	Field   string
	Message string
	Problem Problem
	N, Max  int    // lengths and digit counts; N is a character's position for UnsafeChar
	Rune    rune   // the character for PhoneChar and UnsafeChar
	Text    string // the domain for DomainNoDot
}

// Problem is what is wrong with a field.
type Problem int

// Problems, with the FieldError details each one sets.
const (
	Required     Problem = iota
	TooLongChars         // N characters, at most Max
	TooLongBytes         // N bytes, at most Max
	NotUTF8
	NotEmail
	DomainNoDot // Text is the domain
	PhoneChar   // Rune is not allowed
	PhoneDigits // N digits
	UnsafeChar  // Rune at character N; CharKindOf(Rune) names it
)

// CharKind names a character that input may not hold.
type CharKind int

// Character kinds, as messages name them.
const (
	LineBreak CharKind = iota
	Tab
	DirectionControl
	ControlChar
	InvisibleChar
)

// CharKindOf is the kind of a character Unsafe found.
func CharKindOf(r rune) CharKind {
	switch {
	case r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029 || r == 0x85:
		return LineBreak
	case r == '\t':
		return Tab
	case isBidiControl(r):
		return DirectionControl
	case unicode.IsControl(r):
		return ControlChar
	}
	return InvisibleChar
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
	for _, fe := range []FieldError{
		checkName(c.Name), checkEmail(c.Email), checkPhone(c.Phone),
		textProblem(FieldNotes, c.Notes, MaxNotesRunes, true),
	} {
		if fe.Message != "" {
			errs = append(errs, fe)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

func required(field string) FieldError {
	return FieldError{Field: field, Message: "required", Problem: Required}
}

func tooLongBytes(field string, n, max int) FieldError {
	return FieldError{Field: field, Message: fmt.Sprintf("too long: %d bytes, at most %d", n, max),
		Problem: TooLongBytes, N: n, Max: max}
}

func checkName(name string) FieldError {
	if name == "" {
		return required(FieldName)
	}
	return textProblem(FieldName, name, MaxNameRunes, false)
}

func checkEmail(email string) FieldError {
	if email == "" {
		return required(FieldEmail)
	}
	if len(email) > MaxEmailBytes {
		return tooLongBytes(FieldEmail, len(email), MaxEmailBytes)
	}
	if fe := textProblem(FieldEmail, email, MaxEmailBytes, false); fe.Message != "" {
		return fe
	}
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || addr.Name != "" {
		return FieldError{Field: FieldEmail, Message: "not an email address (like name@example.com)", Problem: NotEmail}
	}
	at := strings.LastIndexByte(email, '@')
	domain := email[at+1:]
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") {
		return FieldError{Field: FieldEmail, Message: fmt.Sprintf("domain %q needs a dot, like example.com", domain),
			Problem: DomainNoDot, Text: domain}
	}
	return FieldError{}
}

// checkPhone is lenient: an optional leading +, then digits with spaces,
// dots, dashes and brackets; 6 to 15 digits as E.164 allows.
func checkPhone(phone string) FieldError {
	if phone == "" {
		return FieldError{}
	}
	digits := 0
	for i, r := range phone {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return FieldError{Field: FieldPhone, Message: fmt.Sprintf("unexpected %q; use digits, spaces and an optional leading +", r),
				Problem: PhoneChar, Rune: r}
		}
	}
	if digits < 6 || digits > 15 {
		return FieldError{Field: FieldPhone, Message: fmt.Sprintf("has %d digits, expected 6 to 15", digits),
			Problem: PhoneDigits, N: digits}
	}
	return FieldError{}
}

// CheckText validates text a person typed (a flag, a form field): at most
// max characters, valid UTF-8, and nothing Sanitize would remove or
// replace, so what is sent is exactly what was shown; multiline text may
// hold newlines and tabs. The error is a FieldError naming field.
func CheckText(field, s string, max int, multiline bool) error {
	if fe := textProblem(field, s, max, multiline); fe.Message != "" {
		return fe
	}
	return nil
}

// textProblem is the zero FieldError when s is fine.
func textProblem(field, s string, max int, multiline bool) FieldError {
	if n := utf8.RuneCountInString(s); n > max {
		return FieldError{Field: field, Message: fmt.Sprintf("too long: %d characters, at most %d", n, max),
			Problem: TooLongChars, N: n, Max: max}
	}
	if !utf8.ValidString(s) {
		return FieldError{Field: field, Message: "is not valid UTF-8", Problem: NotUTF8}
	}
	r, at, bad := Unsafe(s, multiline)
	if !bad {
		return FieldError{}
	}
	pos := utf8.RuneCountInString(s[:at]) + 1
	return FieldError{Field: field, Message: fmt.Sprintf("contains %s at character %d; remove it", runeKind(r), pos),
		Problem: UnsafeChar, N: pos, Rune: r}
}

// runeKind names a character Unsafe found, for a person to find it.
func runeKind(r rune) string {
	switch CharKindOf(r) {
	case LineBreak:
		return fmt.Sprintf("a line break (%U); keep it on one line", r)
	case Tab:
		return "a tab"
	case DirectionControl:
		return fmt.Sprintf("a text-direction control (%U)", r)
	case ControlChar:
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
