package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/zimun-app/zimun/model"
)

// decodeJSON reads a success body; the error never quotes the body.
func decodeJSON(op string, body []byte, v any) error {
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("api: %s: unreadable response: %s", op, clean(err.Error()))
	}
	return nil
}

// flexTime accepts an RFC 3339 string, "" or null: optional timestamps are
// often sent empty. Anything else is an error, for the times that matter
// (a slot's start, an appointment's time); see optTime for the others.
type flexTime struct{ time.Time }

func (t *flexTime) UnmarshalJSON(b []byte) error {
	var s string
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == "" {
		return nil
	}
	p, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return errors.New("not an RFC 3339 time") // the value is not echoed: it may be anything
	}
	t.Time = p
	return nil
}

// optTime is a timestamp nothing depends on (created_at, updated_at,
// expires_at): anything unreadable is zero, so one odd field never loses
// the rest of a reply.
type optTime struct{ time.Time }

func (t *optTime) UnmarshalJSON(b []byte) error {
	var f flexTime
	if f.UnmarshalJSON(b) == nil {
		t.Time = f.Time
	}
	return nil
}

// flexInt accepts a number or a numeric string, held to 32 bits: no count
// or duration worth reading is larger, and int of a huge float is
// undefined.
type flexInt int

func (n *flexInt) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	b = bytes.Trim(b, `"`)
	if len(b) == 0 {
		return nil
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) || math.IsNaN(f) {
		return errors.New("not a number")
	}
	*n = flexInt(max(min(f, math.MaxInt32), math.MinInt32))
	return nil
}

// minutes is a duration in minutes, or 0 (unknown) when it is negative or
// longer than model.MaxDurationMinutes.
func minutes(n flexInt) int {
	if n < 0 || n > model.MaxDurationMinutes {
		return 0
	}
	return int(n)
}

// page is the list envelope shared by every paginated endpoint.
type page[T any] struct {
	Items         []T    `json:"items"`
	NextPageToken string `json:"next_page_token"`
}

// maxErrorBody is all of an error body worth reading.
const maxErrorBody = 64 << 10

// decodeError reads any of the error shapes Zimun-like servers send:
// {"error":{"code","message"}}, {"error":"..."}, {"message":"..."}, OAuth's
// {"error","error_description"}, or plain text.
func decodeError(op string, status int, h http.Header, body []byte, redact func(string) string) *Error {
	e := &Error{Status: status, RequestID: echoed(h.Get("X-Request-Id"), model.MaxRequestIDRunes, redact), op: op}
	var env struct {
		Error       json.RawMessage `json:"error"`
		Description string          `json:"error_description"`
		Message     string          `json:"message"`
		Code        string          `json:"code"`
	}
	if json.Unmarshal(body, &env) == nil {
		var nested struct{ Code, Message string }
		var flat string
		switch {
		case json.Unmarshal(env.Error, &nested) == nil:
			e.Code, e.Message = nested.Code, nested.Message
		case json.Unmarshal(env.Error, &flat) == nil:
			if looksLikeCode(flat) {
				e.Code = flat
			} else {
				e.Message = flat
			}
		}
		if e.Code == "" {
			e.Code = env.Code
		}
		for _, m := range []string{env.Description, env.Message} {
			if e.Message == "" {
				e.Message = m
			}
		}
	} else if mt, _, _ := mime.ParseMediaType(h.Get("Content-Type")); mt != "text/html" {
		line, _, _ := strings.Cut(strings.TrimSpace(string(body)), "\n")
		e.Message = line
	}
	e.Code = echoed(e.Code, model.MaxCodeRunes, redact)
	e.Message = echoed(e.Message, model.MaxMessageRunes, redact)
	if e.Message == "" {
		e.Message = humanize(e.Code)
	}
	if e.Message == "" {
		e.Message = statusMessage(status)
	}
	return e
}

// looksLikeCode tells a machine code ("invalid_client") from a sentence.
func looksLikeCode(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '.' || r == '-') {
			return false
		}
	}
	return true
}

// retryAfter parses Retry-After as seconds or an HTTP-date; a date is read
// against the response's own Date when present, to dodge local clock skew.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		return max(time.Duration(min(secs, maxRetryAfterSecs))*time.Second, 0)
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return 0
	}
	if date, err := http.ParseTime(h.Get("Date")); err == nil {
		now = date
	}
	return min(max(at.Sub(now), 0), maxRetryAfterSecs*time.Second)
}

// maxRetryAfterSecs keeps a hostile Retry-After from overflowing Duration.
const maxRetryAfterSecs = 24 * 60 * 60

// text sanitises a single-line string from the server and cuts it to max
// characters (model's limits table).
func text(s string, max int) string { return model.CleanText(s, max) }

// echoed is text a server or a transport wrote that may quote our
// credentials: sanitised first (removing an escape sequence cannot then
// join the halves of a secret), scrubbed, then cut (a cut cannot leave
// half of a secret in view).
func echoed(s string, max int, scrub func(string) string) string {
	return model.Truncate(strings.TrimSpace(scrub(model.Sanitize(s))), max)
}

// zone is a time zone name, or "" (UTC) when it is too long to be one.
func zone(s string) string {
	s = text(s, model.MaxTimezoneRunes+1)
	if utf8.RuneCountInString(s) > model.MaxTimezoneRunes {
		return ""
	}
	return s
}

// wireID reads an id from the server. A missing id is ("", true); one that
// is too long or holds what Sanitize removes is refused, ("", false),
// because a shortened id names another thing.
func wireID(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	if !model.ValidID(s) {
		return "", false
	}
	return s, true
}

// optID is an optional id: refused reads as missing.
func optID(s string) string {
	id, _ := wireID(s)
	return id
}

// pageToken checks a next_page_token: opaque, sent back as is, so refused
// rather than cut when too long.
func pageToken(op, s string) (string, error) {
	if len(s) > model.MaxPageTokenBytes {
		return "", fmt.Errorf("api: %s: the server sent a page token longer than %d bytes", op, model.MaxPageTokenBytes)
	}
	return s, nil
}
