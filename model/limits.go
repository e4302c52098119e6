package model

import (
	"strings"
	"unicode/utf8"
)

// Limits on text, in characters (runes) unless named in bytes. The api
// package applies them while decoding, so no screen, file or table ever
// receives a longer string from the server; the same limits bound what
// the form and the command line accept.
//
//	text                                      limit   longer from the API
//	ids (organisation, service, location,     128 B   refused
//	     hold, appointment, booking)
//	page token                                2048 B  refused
//	organisation, service, location name      200     cut, ending in "…"
//	location address                          300     cut
//	service description                       1000    cut
//	holiday or closure name                   100     cut
//	time zone name                            64      dropped (read as UTC)
//	status                                    32      cut
//	contact name                              200     cut (input: refused)
//	contact email                             254     cut (input: 254 B, refused)
//	contact phone                             64      cut (input: 6-15 digits)
//	notes                                     1000    cut (input: refused)
//	cancellation reason (input only)          300     refused
//	appointment search text (input only)      200     refused
//	error message                             300     cut
//	error code                                64      cut
//	request id                                128     cut
//	duration (service, hold, appointment)     1 week  read as unknown (0)
//
// An id is refused rather than cut because a shortened id names another
// thing: a single object with a bad id is an error (for a write, an
// unreadable reply), an item of a list with one is left out, and an
// optional id (a booking id, a service's location) is left empty. An id
// is also refused when it holds anything Sanitize would remove.
const (
	MaxIDBytes          = 128
	MaxPageTokenBytes   = 2048
	MaxTitleRunes       = 200
	MaxAddressRunes     = 300
	MaxDescriptionRunes = 1000
	MaxHolidayRunes     = 100
	MaxTimezoneRunes    = 64
	MaxStatusRunes      = 32
	MaxPhoneRunes       = 64
	MaxReasonRunes      = 300
	MaxQueryRunes       = 200
	MaxMessageRunes     = 300
	MaxCodeRunes        = 64
	MaxRequestIDRunes   = 128
	MaxDurationMinutes  = 7 * 24 * 60
)

// Truncate shortens s to at most n runes, ending in "…" when cut. It never
// splits a UTF-8 sequence.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s // n bytes hold at most n runes
	}
	if n <= 0 {
		return ""
	}
	i, count := 0, 0
	for i < len(s) && count < n-1 {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		count++
	}
	if utf8.RuneCountInString(s[i:]) <= 1 {
		return s
	}
	return s[:i] + "…"
}

// ValidID reports whether id can be used as an identifier from the API: not
// empty, at most MaxIDBytes, and nothing Sanitize would remove.
func ValidID(id string) bool {
	if id == "" || len(id) > MaxIDBytes {
		return false
	}
	_, _, unsafe := Unsafe(id, false)
	return !unsafe
}

// CheckID is ValidID as an error naming field, for input.
func CheckID(field, id string) error {
	switch {
	case id == "":
		return required(field)
	case len(id) > MaxIDBytes:
		return tooLongBytes(field, len(id), MaxIDBytes)
	}
	return CheckText(field, id, MaxIDBytes, false)
}

// CleanText is untrusted one-line text made safe to show (Sanitize),
// trimmed and cut to max characters.
func CleanText(s string, max int) string {
	return Truncate(strings.TrimSpace(Sanitize(s)), max)
}

// CleanNotes is CleanText for notes: line breaks kept, MaxNotesRunes.
func CleanNotes(s string) string {
	return Truncate(strings.TrimSpace(SanitizeMultiline(s)), MaxNotesRunes)
}

// optionalID is id trimmed, or "" when it is refused.
func optionalID(id string) string {
	if id = strings.TrimSpace(id); !ValidID(id) {
		return ""
	}
	return id
}

// Clean returns c with every field made safe and cut to its limit.
func (c Contact) Clean() Contact {
	return Contact{
		Name:  CleanText(c.Name, MaxNameRunes),
		Email: CleanText(c.Email, MaxEmailBytes),
		Phone: CleanText(c.Phone, MaxPhoneRunes),
		Notes: CleanNotes(c.Notes),
	}
}

// Clean returns a held to the limits, as if it had come from the API: text
// made safe and cut, a duration out of range read as unknown (0), refused
// optional ids emptied. ok is false when a's own id is refused; an empty
// id is left for the caller to judge.
func (a Appointment) Clean() (clean Appointment, ok bool) {
	id := strings.TrimSpace(a.ID)
	if id != "" && !ValidID(id) {
		return Appointment{}, false
	}
	a.ID = id
	a.BookingID = optionalID(a.BookingID)
	a.ServiceID = optionalID(a.ServiceID)
	a.LocationID = optionalID(a.LocationID)
	a.Status = CleanText(a.Status, MaxStatusRunes)
	a.CancellationReason = CleanText(a.CancellationReason, MaxReasonRunes)
	a.Contact = a.Contact.Clean()
	if a.DurationMinutes < 0 || a.DurationMinutes > MaxDurationMinutes {
		a.DurationMinutes = 0
	}
	return a, true
}
