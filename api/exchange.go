package api

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/zimun-app/zimun/model"
)

// MaxExchangeBody is how much of each body an Exchange keeps.
const MaxExchangeBody = 32 << 10

// Exchange is one logical API call as the client made it, retries
// included: what was sent and what came back, for a request inspector or
// a dry run. The bearer token never appears in it; the client secret and
// every token the client has held are redacted from the URL, the headers
// and the bodies. Text in it is not sanitised: it is what went over the
// wire, so a terminal must sanitise it before drawing it.
type Exchange struct {
	Seq    uint64 // set by a Recorder: 1, 2, 3… in the order recorded
	Op     string // what the call was for: "availability", "hold", "request" (zimun api)…
	Method string
	URL    string // absolute, query included

	RequestHeader    http.Header // Authorization reads "Bearer [redacted]"
	RequestBody      []byte      // at most MaxExchangeBody bytes
	RequestTruncated bool
	IdempotencyKey   string

	Status            int // 0: no answer (a network failure, or a dry run)
	ResponseHeader    http.Header
	ResponseBody      []byte // at most MaxExchangeBody bytes
	ResponseTruncated bool
	RequestID         string
	Err               string // why the call failed, "" when it worked

	Started  time.Time
	Duration time.Duration // the whole call: every attempt and wait
	Attempts int           // requests sent; more than 1 means retried
}

// Retries is how many times the call was sent again.
func (e Exchange) Retries() int { return max(0, e.Attempts-1) }

// Path is the URL's path and query, as a reader names the call.
func (e Exchange) Path() string {
	u, err := url.Parse(e.URL)
	if err != nil {
		return e.URL
	}
	return u.RequestURI()
}

// ErrNotSent is what a call made under DryRun returns: it was described,
// not sent.
var ErrNotSent = errors.New("not sent (dry run)")

type dryRunKey struct{}

// DryRun returns a context under which the client sends nothing: each call
// is handed to show, with its idempotency key, and fails with ErrNotSent.
// Look-ups the client makes on its own behalf (the organisation's id for
// a hold) are sent; see Send.
func DryRun(ctx context.Context, show func(Exchange)) context.Context {
	return context.WithValue(ctx, dryRunKey{}, show)
}

// DryRunning reports whether calls made with ctx are only described.
func DryRunning(ctx context.Context) bool {
	show, _ := ctx.Value(dryRunKey{}).(func(Exchange))
	return show != nil
}

// Send undoes DryRun for the calls made with the returned context: for the
// look-ups a dry run needs to describe its calls (names to ids, a zone).
func Send(ctx context.Context) context.Context {
	return context.WithValue(ctx, dryRunKey{}, (func(Exchange))(nil))
}

// exchange describes cl for an observer or a dry run.
func (c *Client) exchange(cl *call, payload []byte, res *response, began time.Time, sends int, err error) Exchange {
	r := c.auth.redactor
	e := Exchange{
		Op: cl.op, Method: cl.method, URL: r.redact(c.endpoint(cl)),
		RequestHeader:  c.header(cl, payload, redacted),
		IdempotencyKey: cl.key,
		Started:        began, Duration: c.now().Sub(began), Attempts: sends,
	}
	if payload != nil {
		e.RequestBody, e.RequestTruncated = capBody(string(payload), r.redact)
	}
	if res != nil {
		e.Status = res.status
		e.ResponseHeader = make(http.Header, len(res.header))
		for k, vs := range res.header {
			for _, v := range vs {
				e.ResponseHeader.Add(k, r.scrub(v))
			}
		}
		clean := r.redact
		if res.status >= 300 {
			clean = r.scrub
		}
		e.ResponseBody, e.ResponseTruncated = capBody(string(res.body), clean)
		e.RequestID = echoed(res.header.Get("X-Request-Id"), model.MaxRequestIDRunes, r.scrub)
	}
	if err != nil {
		e.Err = r.scrub(err.Error()) // already redacted; scrubbed again for a raw call's sake
	}
	return e
}

// redactMargin is read past the cap before redacting, so a secret the
// cap would cut in two is still found whole; longer than any token.
const redactMargin = 8 << 10

// capBody redacts s and keeps at most MaxExchangeBody bytes of it, cut on
// a character boundary. Only what can be kept is redacted: a 4 MiB body
// costs no more than a short one.
func capBody(s string, redact func(string) string) ([]byte, bool) {
	long := len(s) > MaxExchangeBody+redactMargin
	if long {
		s = s[:MaxExchangeBody+redactMargin]
	}
	s = redact(s)
	if len(s) <= MaxExchangeBody {
		return []byte(s), long
	}
	cut := MaxExchangeBody
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return []byte(s[:cut]), true
}

// Curl is the exchange as a curl command that works as is once ZIMUN_TOKEN
// holds a bearer token (zimun token prints one): same method, URL, body and
// idempotency key, so a write replays rather than repeats. ok is false when
// the body was too long to keep.
func (e Exchange) Curl() (cmd string, ok bool) {
	groups, ok := e.curl()
	parts := make([]string, len(groups))
	for i, g := range groups {
		parts[i] = strings.Join(g, " ")
	}
	return strings.Join(parts, " "), ok
}

// CurlLines is Curl as lines continued with a backslash, to show.
func (e Exchange) CurlLines() ([]string, bool) {
	groups, ok := e.curl()
	lines := make([]string, len(groups))
	for i, g := range groups {
		lines[i] = strings.Join(g, " ")
		if i > 0 {
			lines[i] = "  " + lines[i]
		}
		if i < len(groups)-1 {
			lines[i] += " \\"
		}
	}
	return lines, ok
}

// curl is the command's words, an option with its value in one group.
func (e Exchange) curl() ([][]string, bool) {
	if e.RequestTruncated {
		return nil, false
	}
	first := []string{"curl", "-sS"}
	if e.Method != http.MethodGet && !(e.Method == http.MethodPost && len(e.RequestBody) > 0) {
		first = append(first, "-X", e.Method)
	}
	groups := [][]string{append(first, shellQuote(e.URL)), {"-H", `"Authorization: Bearer $ZIMUN_TOKEN"`}}
	for _, k := range []string{"Accept", "Content-Type", "Idempotency-Key"} {
		if v := e.RequestHeader.Get(k); v != "" {
			groups = append(groups, []string{"-H", shellQuote(k + ": " + v)})
		}
	}
	if len(e.RequestBody) > 0 {
		groups = append(groups, []string{"--data-raw", shellQuote(string(e.RequestBody))})
	}
	return groups, true
}

// shellQuote quotes s for a POSIX shell: nothing in single quotes is
// expanded.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// HeaderLines is h as "Name: value" lines, sorted by name.
func HeaderLines(h http.Header) []string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		for _, v := range h[k] {
			out = append(out, k+": "+v)
		}
	}
	return out
}

// Recorder keeps the latest exchanges in memory, for a request inspector:
// at most max of them and about maxBytes of bodies, the oldest dropped
// first. Record is its Config.Observer. Safe for concurrent use.
type Recorder struct {
	max, maxBytes int

	mu      sync.Mutex
	items   []Exchange // oldest first
	bytes   int
	seq     uint64
	changed chan struct{}
}

// Default bounds of a Recorder.
const (
	DefaultRecorderCalls = 200
	DefaultRecorderBytes = 4 << 20
)

// NewRecorder keeps at most max exchanges and maxBytes of their bodies;
// zero takes the defaults.
func NewRecorder(max, maxBytes int) *Recorder {
	if max <= 0 {
		max = DefaultRecorderCalls
	}
	if maxBytes <= 0 {
		maxBytes = DefaultRecorderBytes
	}
	return &Recorder{max: max, maxBytes: maxBytes, changed: make(chan struct{})}
}

// Record adds e, numbering it, and wakes whoever waits on Changed.
func (r *Recorder) Record(e Exchange) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seq++
	e.Seq = r.seq
	r.items = append(r.items, e)
	r.bytes += size(e)
	drop := 0
	for len(r.items)-drop > r.max || (r.bytes > r.maxBytes && len(r.items)-drop > 1) {
		r.bytes -= size(r.items[drop])
		drop++
	}
	if drop > 0 {
		r.items = slices.Delete(r.items, 0, drop)
	}
	close(r.changed)
	r.changed = make(chan struct{})
}

func size(e Exchange) int { return len(e.RequestBody) + len(e.ResponseBody) }

// Calls are the exchanges kept, newest first.
func (r *Recorder) Calls() []Exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Exchange, len(r.items))
	for i, e := range r.items {
		out[len(out)-1-i] = e
	}
	return out
}

// Changed is closed by the next Record.
func (r *Recorder) Changed() <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.changed
}
