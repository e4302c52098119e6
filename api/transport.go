package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/zimun-app/zimun/model"
)

const (
	maxBody      = 4 << 20 // success bodies; more is an error, not a truncation
	backoffBase  = 200 * time.Millisecond
	backoffCap   = 5 * time.Second
	maxRetryWait = 30 * time.Second // cap on a server's Retry-After
)

// Operation names, used in errors and to read a 409 in context.
const (
	opToken        = "sign-in"
	opOrganization = "organization"
	opLocations    = "locations"
	opServices     = "services"
	opAvailability = "availability"
	opHold         = "hold"
	opRelease      = "release hold"
	opConfirm      = "confirm"
	opReschedule   = "reschedule"
	opCancel       = "cancel"
	opList         = "appointments"
	opAppointment  = "appointment"
)

// call is one logical API call; do may send it several times.
type call struct {
	op      string
	method  string
	path    string // under /api/v1, or from the host root when root is set
	root    bool
	query   url.Values
	body    any    // sent as JSON when non-nil
	payload []byte // sent as is when body is nil (raw calls)
	key     string // Idempotency-Key: the same on every attempt
	// retriedUnsure, when set, learns that an attempt whose fate is
	// unknown (a lost reply, a 5xx) was followed by another.
	retriedUnsure *bool
}

// response is a received answer, body already read.
type response struct {
	status  int
	header  http.Header
	body    []byte
	skew    time.Duration // server minus local clock, from this response's Date
	hasSkew bool
}

// do sends cl and tells Config.Observer what happened; under DryRun it
// only describes cl and returns ErrNotSent. On an error status the
// response comes back too, beside the *Error.
func (c *Client) do(ctx context.Context, cl call) (*response, error) {
	payload := cl.payload
	if cl.body != nil {
		b, err := json.Marshal(cl.body)
		if err != nil {
			return nil, fmt.Errorf("api: %s: %w", cl.op, err)
		}
		payload = b
	}
	if show, ok := ctx.Value(dryRunKey{}).(func(Exchange)); ok && show != nil {
		show(c.exchange(&cl, payload, nil, c.now(), 0, nil))
		return nil, fmt.Errorf("api: %s: %w", cl.op, ErrNotSent)
	}
	began := c.now()
	res, sends, err := c.send(ctx, &cl, payload)
	if c.cfg.Observer != nil {
		c.cfg.Observer(c.exchange(&cl, payload, res, began, sends, err))
	}
	return res, err
}

// send sends cl, retrying what is safe to retry: network errors, 429 and
// 502/503/504, for GET/DELETE and for writes carrying an idempotency key,
// and a GET's first 500.
// Retries go on while the next wait fits in the call's time budget and the
// caller's context (and MaxRetries, when set). A 401 gets one fresh token
// and one more try, outside the retry count. sends counts the requests
// that went out.
//
// The budget counts the attempts' real duration plus the waits asked of
// c.sleep, so a test that simulates the waits spends the budget as a real
// run would, and a frozen clock cannot make the retries endless.
func (c *Client) send(ctx context.Context, cl *call, payload []byte) (res *response, sends int, err error) {
	budget := c.cfg.WriteRetryBudget
	if cl.method == http.MethodGet {
		budget = c.cfg.ReadRetryBudget
	}
	var spent time.Duration
	refreshed := false
	for attempt := 1; ; {
		began := time.Now()
		r, tok, aerr := c.attempt(ctx, cl, payload)
		spent += time.Since(began)
		if tok != "" {
			sends++
		}
		res, err = r, aerr
		if err == nil {
			if res.status < 300 {
				return res, sends, nil
			}
			if res.status == http.StatusUnauthorized && !refreshed {
				refreshed = true
				c.auth.invalidate(tok)
				continue
			}
			e := decodeError(cl.op, res.status, res.header, res.body, c.auth.redactor.scrub)
			e.RetryAfter = retryAfter(res.header, c.now())
			err = e
		}
		wait, ok := c.retryWait(cl, err, attempt)
		capped := c.cfg.MaxRetries > 0 && attempt >= c.cfg.MaxRetries
		if !ok || capped || spent+wait > budget || !fits(ctx, wait) {
			return res, sends, err
		}
		if cl.retriedUnsure != nil && IsOutcomeUnknown(err) {
			*cl.retriedUnsure = true
		}
		c.cfg.Logger.Info("api: retrying", "op", cl.op, "attempt", attempt+1, "wait", wait, "err", err)
		if err := c.sleep(ctx, wait); err != nil {
			return nil, sends, fmt.Errorf("api: %s: %w", cl.op, err)
		}
		spent += wait
		attempt++
	}
}

// retryWait says whether err is worth another attempt, and after how long.
func (c *Client) retryWait(cl *call, err error, attempt int) (time.Duration, bool) {
	if cl.method != http.MethodGet && cl.method != http.MethodDelete && cl.key == "" {
		return 0, false
	}
	var ne *NetworkError
	if errors.As(err, &ne) {
		return backoff(attempt), true
	}
	e, ok := asError(err)
	if !ok {
		return 0, false
	}
	switch e.Status {
	case http.StatusInternalServerError:
		// A read changes nothing, so a passing fault is worth one more try
		// (a lasting 500 is more often a bug than a blip: fail fast after
		// it); a write's 500 may have acted, and the caller decides.
		if cl.method == http.MethodGet && attempt == 1 {
			return backoff(attempt), true
		}
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		if e.RetryAfter > 0 {
			return min(e.RetryAfter, maxRetryWait), true
		}
		return backoff(attempt), true
	}
	return 0, false
}

// backoff is exponential with equal jitter: uniform in [c/2, c) for the
// ceiling c = min(cap, base·2^n). The floor keeps a budget from being spent
// in a burst of near-zero waits: 200 ms, 400, 800, 1.6 s... give 6 to 8
// attempts in 10 s.
func backoff(attempt int) time.Duration {
	ceiling := backoffCap
	if attempt-1 < 16 {
		ceiling = min(backoffCap, backoffBase<<(attempt-1))
	}
	return ceiling/2 + rand.N(ceiling/2)
}

// fits reports whether ctx leaves time for a wait: better to return the
// server's error now than a bare deadline later.
func fits(ctx context.Context, wait time.Duration) bool {
	dl, ok := ctx.Deadline()
	return !ok || time.Until(dl) > wait
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// attempt sends cl once. It returns the token it used so a 401 can
// invalidate exactly that token.
func (c *Client) attempt(ctx context.Context, cl *call, payload []byte) (*response, string, error) {
	tok, err := c.auth.token(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, "", fmt.Errorf("api: %s: %w", cl.op, ctx.Err())
		}
		return nil, "", err
	}
	timeout := c.cfg.RequestTimeout
	if cl.method != http.MethodGet {
		timeout = c.cfg.WriteTimeout
	}
	actx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload) // sets GetBody, so Go's own retry can replay it
	}
	req, err := http.NewRequestWithContext(actx, cl.method, c.endpoint(cl), body)
	if err != nil {
		return nil, tok, fmt.Errorf("api: %s: %w", cl.op, err)
	}
	req.Header = c.header(cl, payload, tok)

	sent := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		err = c.transportError(ctx, cl.op, err)
		c.cfg.Logger.Debug("api", "method", cl.method, "path", req.URL.Path, "err", err)
		return nil, tok, err
	}
	defer resp.Body.Close()
	c.cfg.Logger.Debug("api", "method", cl.method, "path", req.URL.Path, "status", resp.StatusCode,
		"took", time.Since(sent).Round(100*time.Microsecond), "request_id", echoed(resp.Header.Get("X-Request-Id"), model.MaxRequestIDRunes, c.auth.redactor.scrub))
	res := &response{status: resp.StatusCode, header: resp.Header}
	res.skew, res.hasSkew = c.measureSkew(resp.Header)

	limit := int64(maxBody)
	if resp.StatusCode >= 300 {
		limit = maxErrorBody
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, tok, c.transportError(ctx, cl.op, err)
	}
	if int64(len(b)) > limit {
		if resp.StatusCode < 300 {
			return nil, tok, fmt.Errorf("%w: %s sent more than %d MiB", ErrResponseTooLarge, cl.op, maxBody>>20)
		}
		b = b[:limit]
	}
	res.body = b
	return res, tok, nil
}

// header is what every request carries; the observer gets it with the
// token replaced.
func (c *Client) header(cl *call, payload []byte, tok string) http.Header {
	h := http.Header{}
	h.Set("Authorization", "Bearer "+tok)
	h.Set("Accept", "application/json")
	h.Set("User-Agent", c.userAgent)
	if payload != nil {
		h.Set("Content-Type", "application/json")
	}
	if cl.key != "" {
		h.Set("Idempotency-Key", cl.key)
	}
	return h
}

func (c *Client) endpoint(cl *call) string {
	u := c.baseURL + "/api/v1" + cl.path
	if cl.root {
		u = c.baseURL + cl.path
	}
	if len(cl.query) > 0 {
		u += "?" + cl.query.Encode()
	}
	return u
}

// transportError tells the caller's cancellation (returned as such) from a
// network failure or an attempt timeout (a NetworkError, retryable).
func (c *Client) transportError(ctx context.Context, op string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("api: %s: %w", op, ctx.Err())
	}
	return newNetworkError(op, err, c.auth.redactor.scrub)
}

// newNetworkError words a transport failure. Its Err prints redacted too;
// errors.Is and errors.As still see the transport's own error.
func newNetworkError(op string, err error, scrub func(string) string) *NetworkError {
	detail := err.Error()
	var ue *url.Error
	if errors.As(err, &ue) {
		detail = ue.Err.Error() // the URL may carry a customer's name in q=
	}
	if isTimeout(err) {
		detail = "timed out"
	}
	detail = echoed(detail, model.MaxMessageRunes, scrub)
	return &NetworkError{Op: op, Err: redactedError{detail, err}, detail: detail}
}

// redactedError prints a scrubbed text in place of err's own. It has no
// Unwrap, so printing a chain of causes stops here; Is and As look inside.
type redactedError struct {
	text string
	err  error
}

func (e redactedError) Error() string        { return e.text }
func (e redactedError) Is(target error) bool { return errors.Is(e.err, target) }
func (e redactedError) As(target any) bool   { return errors.As(e.err, target) }

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

func isTransport(err error) bool {
	var ue *url.Error
	var ne net.Error
	return errors.As(err, &ue) || errors.As(err, &ne)
}

// measureSkew records server-minus-local time from a Date header. Date is
// truncated to the second, so the server's clock at receipt lies within a
// second after it: clocks that agree within that second count as equal, and
// otherwise the later bound is taken, so a hold's countdown never promises
// more time than the server will give.
func (c *Client) measureSkew(h http.Header) (time.Duration, bool) {
	date, err := http.ParseTime(h.Get("Date"))
	if err != nil {
		return 0, false
	}
	lo := date.Sub(c.now())
	skew := lo + time.Second
	if lo <= 0 && skew > 0 {
		skew = 0
	}
	c.skew.Store(int64(skew))
	return skew, true
}

// userAgentTransport names us on token requests too.
type userAgentTransport struct {
	base http.RoundTripper
	ua   string
}

func (t userAgentTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("User-Agent", t.ua)
	return t.base.RoundTrip(r)
}
