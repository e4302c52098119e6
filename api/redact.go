package api

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// redacted replaces a secret in text.
const redacted = "[redacted]"

// keptTokens is how many past bearer tokens stay redacted; a token is
// granted about once an hour, so older ones have long expired.
const keptTokens = 16

// redactor scrubs the client's secrets from text: the client secret in
// every form it travels in (raw, URL-encoded as in a form body, JSON-escaped,
// and the base64 of "client_id:client_secret" that HTTP Basic sends, padded
// or not, standard or URL alphabet), every bearer token the client was
// granted, and, whatever their value, the credentials of Authorization
// headers and token fields that an echoing server copies into its answer.
type redactor struct {
	fixed []string // secret forms, longest first

	mu     sync.Mutex
	tokens []string // newest last, at most keptTokens
	values []string // fixed and tokens, longest first; replaced, never changed
}

func newRedactor(clientID, secret string) *redactor {
	r := &redactor{}
	if secret == "" {
		return r
	}
	forms := []string{secret, url.QueryEscape(secret), jsonEscape(secret)}
	// oauth2 sends Basic credentials URL-encoded first (RFC 6749 2.3.1).
	for _, pair := range []string{url.QueryEscape(clientID) + ":" + url.QueryEscape(secret), clientID + ":" + secret} {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			b64 := enc.EncodeToString([]byte(pair))
			// The unpadded form catches the padded one too; the secret's
			// part is in every form but the first few characters.
			forms = append(forms, b64, strings.TrimRight(b64, "="))
		}
	}
	r.fixed = sortedUnique(forms)
	r.values = r.fixed
	return r
}

func jsonEscape(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b[1 : len(b)-1])
}

// sortedUnique drops empty and repeated values and puts the longest first,
// so a longer form is replaced before a shorter one inside it.
func sortedUnique(values []string) []string {
	values = slices.DeleteFunc(slices.Clone(values), func(s string) bool { return s == "" })
	slices.SortFunc(values, func(a, b string) int { return len(b) - len(a) })
	return slices.Compact(values)
}

// remember adds a bearer token the client was granted.
func (r *redactor) remember(token string) {
	if token == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if slices.Contains(r.tokens, token) {
		return
	}
	r.tokens = append(r.tokens, token)
	if len(r.tokens) > keptTokens {
		r.tokens = slices.Delete(r.tokens, 0, len(r.tokens)-keptTokens)
	}
	r.values = sortedUnique(append(slices.Clone(r.fixed), r.tokens...))
}

// credentialShapes are credentials by their shape rather than their value:
// an Authorization header's credentials, and token or secret fields of a
// JSON or form body.
var credentialShapes = regexp.MustCompile(
	`(?i)(\b(?:bearer|basic)\s+)([A-Za-z0-9._~+/=-]+)` +
		`|((?:access_token|refresh_token|id_token|client_secret)["']?\s*[:=]\s*["']?)([^"'&\s,;}]+)`)

// redact removes the secrets the client knows from s; safe on any text,
// data included.
func (r *redactor) redact(s string) string {
	if s == "" {
		return s
	}
	r.mu.Lock()
	values := r.values
	r.mu.Unlock()
	for _, v := range values {
		s = strings.ReplaceAll(s, v, redacted)
	}
	return s
}

// scrub is redact plus credentials recognised by their shape, for text a
// server or a transport sent back (error bodies, error strings). A word
// after "Bearer" or "Basic" counts as a credential when it has a digit or
// a symbol, so "Bearer token expired" reads as it was written.
func (r *redactor) scrub(s string) string {
	s = r.redact(s)
	return credentialShapes.ReplaceAllStringFunc(s, func(m string) string {
		sub := credentialShapes.FindStringSubmatch(m)
		if sub[1] != "" {
			if !strings.ContainsAny(sub[2], "0123456789._~+/=-") {
				return m
			}
			return sub[1] + redacted
		}
		return sub[3] + redacted
	})
}

// Redact removes the client's secrets from text bound for a terminal, a log
// or a file: the client secret in every encoded form, including the HTTP
// Basic credentials, and every bearer token the client has held. Errors
// from this package are already redacted (and also lose whatever looks
// like an Authorization header); Redact is for everything else a front end
// prints, data included.
func (c *Client) Redact(s string) string { return c.auth.redactor.redact(s) }
