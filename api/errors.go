package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/zimun-app/zimun/model"
)

// Error is a failed API call: the server (or the token endpoint) answered
// with an error status. Message is sanitised and always readable.
type Error struct {
	Status     int
	Code       string
	Message    string
	RequestID  string        // X-Request-Id, for support
	RetryAfter time.Duration // from Retry-After, when the server sent one

	op string // which call failed; a 409 means "slot taken" only for some
}

func (e *Error) Error() string { return e.Message }

// NetworkError is a call that got no usable answer: the connection failed,
// broke, or an attempt timed out. The caller cancelling its context is not a
// NetworkError; that error wraps the context's error instead.
type NetworkError struct {
	Op  string
	Err error

	detail string // sanitised, computed once so Error never leaks raw text
}

func (e *NetworkError) Error() string {
	return "cannot reach the Zimun API (" + e.Op + "): " + e.detail
}

func (e *NetworkError) Unwrap() error { return e.Err }

// ErrResponseTooLarge is returned when a success body exceeds 4 MiB.
var ErrResponseTooLarge = errors.New("api: response too large")

// ErrUnreadableReply is wrapped by the error of a write the server accepted
// (2xx) but whose reply could not be read: the booking, move or cancellation
// was made, only its details are missing.
var ErrUnreadableReply = errors.New("the server accepted the request, but its reply was unreadable")

// Error codes the client reacts to.
const (
	codeSlotUnavailable      = "slot_unavailable"
	codeHoldExpired          = "hold_expired"
	codeHoldNotFound         = "hold_not_found"
	codeAppointmentNotFound  = "appointment_not_found"
	codeAppointmentCancelled = "appointment_cancelled"
)

func asError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

func hasStatus(err error, statuses ...int) bool {
	e, ok := asError(err)
	if !ok {
		return false
	}
	for _, s := range statuses {
		if e.Status == s {
			return true
		}
	}
	return false
}

// IsSlotTaken reports that the slot is no longer free: a 409
// slot_unavailable, or any 409 on a hold or a reschedule.
func IsSlotTaken(err error) bool {
	e, ok := asError(err)
	return ok && e.Status == http.StatusConflict && e.Code != codeAppointmentCancelled &&
		(e.Code == codeSlotUnavailable || e.op == opHold || e.op == opReschedule)
}

// IsHoldExpired reports that the hold lapsed before it was confirmed.
func IsHoldExpired(err error) bool {
	e, ok := asError(err)
	return ok && (e.Status == http.StatusGone || e.Code == codeHoldExpired)
}

// IsHoldNotFound reports a 404 hold_not_found: the server knows no such
// hold (never placed, released, or forgotten after it expired).
func IsHoldNotFound(err error) bool {
	e, ok := asError(err)
	return ok && e.Status == http.StatusNotFound && e.Code == codeHoldNotFound
}

// IsNotFound reports a 404: no such appointment, hold or service.
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

// IsUnauthorized reports a 401: bad client credentials (Code
// "invalid_client"), or a token refused even after a fresh one.
func IsUnauthorized(err error) bool { return hasStatus(err, http.StatusUnauthorized) }

// IsForbidden reports a 403: the credentials lack the scope for the call.
func IsForbidden(err error) bool { return hasStatus(err, http.StatusForbidden) }

// IsRateLimited reports a 429 that outlasted the retries; see RetryAfter.
func IsRateLimited(err error) bool { return hasStatus(err, http.StatusTooManyRequests) }

// IsInvalid reports a rejected request (400 or 422): bad contact, a slot
// off the grid, a reused idempotency key.
func IsInvalid(err error) bool {
	return hasStatus(err, http.StatusBadRequest, http.StatusUnprocessableEntity)
}

// IsNetwork reports a transport failure or an attempt timeout, worth
// retrying later; never true for the caller's own cancellation.
func IsNetwork(err error) bool {
	var ne *NetworkError
	return errors.As(err, &ne)
}

// IsUnreadableReply reports a Confirm, Reschedule or Cancel that the server
// accepted though its reply could not be read (see ErrUnreadableReply): the
// appointment was booked, moved or cancelled.
func IsUnreadableReply(err error) bool { return errors.Is(err, ErrUnreadableReply) }

// IsOutcomeUnknown reports a write whose fate is unknown: no answer (a
// network error, a timeout, the context ending mid-call) or a 5xx. It may
// have been applied; retrying with the same idempotency key is safe. A 4xx
// is a definite refusal.
func IsOutcomeUnknown(err error) bool {
	if signInFailed(err) {
		return false // the call waits for its token: nothing was sent
	}
	if IsNetwork(err) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return true
	}
	e, ok := asError(err)
	return ok && e.Status >= 500
}

func signInFailed(err error) bool {
	var ne *NetworkError
	if errors.As(err, &ne) {
		return ne.Op == opToken
	}
	e, ok := asError(err)
	return ok && e.op == opToken
}

// clean makes server text safe and short enough for one line of UI.
func clean(s string) string { return text(s, model.MaxMessageRunes) }

// humanize turns a code like "slot_unavailable" into "Slot unavailable".
func humanize(code string) string {
	s := strings.NewReplacer("_", " ", "-", " ", ".", " ").Replace(code)
	if s == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// statusMessage is the last-resort readable text for a status.
func statusMessage(status int) string {
	if t := http.StatusText(status); t != "" {
		return t
	}
	return "Unexpected response from the server"
}
