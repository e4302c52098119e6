package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

const opRaw = "request"

// maxMerged bounds what RawAll gathers from every page.
const maxMerged = 32 << 20

// RawRequest is a call to any endpoint of the API (zimun api): it goes
// through the same token, retries, limits and redaction as every other
// call, and Config.Observer sees it.
type RawRequest struct {
	Method string // default GET
	// Path is under /api/v1 ("services", "/services"), or from the host
	// root when it starts with /api/ or /sandbox/ ("/api/v1/services"), or
	// a URL on the configured API's own host. A query in it is kept.
	Path  string
	Query url.Values // added to Path's own query
	Body  []byte     // JSON, sent as is; nil sends none
	// IdempotencyKey goes on POST, PATCH and PUT ("" = a fresh one), so a
	// retried write is applied once.
	IdempotencyKey string
}

// RawResponse is what the server answered. Header and Body are redacted
// (an error body also loses anything shaped like a credential).
type RawResponse struct {
	Status int
	Header http.Header
	Body   []byte
}

// ErrForeignURL is a raw call to a URL outside the configured API: the
// bearer token is never sent anywhere else.
var ErrForeignURL = errors.New("the token is only ever sent to the configured API")

// Raw makes one call. An error status returns the response too, with an
// *Error.
func (c *Client) Raw(ctx context.Context, r RawRequest) (*RawResponse, error) {
	cl, err := c.rawCall(r)
	if err != nil {
		return nil, err
	}
	res, err := c.do(ctx, cl)
	if res == nil {
		return nil, err
	}
	out := &RawResponse{Status: res.status, Header: make(http.Header, len(res.header))}
	clean := c.auth.redactor.redact
	if res.status >= 300 {
		clean = c.auth.redactor.scrub
	}
	for k, vs := range res.header {
		for _, v := range vs {
			out.Header.Add(k, c.auth.redactor.scrub(v))
		}
	}
	out.Body = []byte(clean(string(res.body)))
	return out, err
}

// RawAll is a GET that follows next_page_token (sent back as page_token)
// to the last page and answers with the first page, its items those of
// every page and its next_page_token empty. A reply that is not a list
// page is returned as it is.
func (c *Client) RawAll(ctx context.Context, r RawRequest) (*RawResponse, error) {
	if r.Method != "" && !strings.EqualFold(r.Method, http.MethodGet) {
		return nil, fmt.Errorf("api: %s: only a GET has pages", opRaw)
	}
	q := url.Values{}
	for k, vs := range r.Query {
		q[k] = append([]string(nil), vs...)
	}
	var (
		first  map[string]json.RawMessage
		header http.Header
		items  []json.RawMessage
		total  int
		seen   = map[string]bool{}
	)
	for n := 1; ; n++ {
		if n > maxPages {
			return nil, fmt.Errorf("api: %s: more than %d pages", opRaw, maxPages)
		}
		r.Query = q
		res, err := c.Raw(ctx, r)
		if err != nil {
			return res, err
		}
		var page map[string]json.RawMessage
		var list []json.RawMessage
		if json.Unmarshal(res.Body, &page) != nil || json.Unmarshal(page["items"], &list) != nil {
			if first == nil {
				return res, nil
			}
			return nil, fmt.Errorf("api: %s: page %d is not a list page", opRaw, n)
		}
		if total += len(res.Body); total > maxMerged {
			return nil, fmt.Errorf("%w: %s: the pages add up to more than %d MiB", ErrResponseTooLarge, opRaw, maxMerged>>20)
		}
		if first == nil {
			first, header = page, res.Header
		}
		items = append(items, list...)
		var next string
		_ = json.Unmarshal(page["next_page_token"], &next) // absent or not a string: the last page
		if next == "" {
			break
		}
		if _, err := pageToken(opRaw, next); err != nil {
			return nil, err
		}
		if seen[next] {
			return nil, fmt.Errorf("api: %s: the server repeated a page token", opRaw)
		}
		seen[next] = true
		q.Set("page_token", next)
	}
	if items == nil {
		items = []json.RawMessage{}
	}
	first["items"], _ = json.Marshal(items) // raw messages that were read as JSON
	first["next_page_token"] = json.RawMessage(`""`)
	body, err := json.Marshal(first)
	if err != nil {
		return nil, fmt.Errorf("api: %s: %w", opRaw, err)
	}
	header = header.Clone()
	header.Del("Content-Length")
	return &RawResponse{Status: http.StatusOK, Header: header, Body: body}, nil
}

func (c *Client) rawCall(r RawRequest) (call, error) {
	method := strings.ToUpper(r.Method)
	if method == "" {
		method = http.MethodGet
	}
	path, root, q, err := c.resolvePath(r.Path)
	if err != nil {
		return call{}, err
	}
	for k, vs := range r.Query {
		q[k] = append(q[k], vs...)
	}
	cl := call{op: opRaw, method: method, path: path, root: root, query: q}
	if len(r.Body) > 0 {
		cl.payload = r.Body
	}
	switch method {
	case http.MethodPost, http.MethodPatch, http.MethodPut:
		cl.key = r.IdempotencyKey
		if cl.key == "" {
			cl.key = NewIdempotencyKey()
		}
	}
	return cl, nil
}

// resolvePath reads a RawRequest's Path: the path to send, whether it is
// from the host root, and its query.
func (c *Client) resolvePath(p string) (string, bool, url.Values, error) {
	p = strings.TrimSpace(p)
	if p == "" {
		return "", false, nil, fmt.Errorf("api: %s: no path", opRaw)
	}
	u, err := url.Parse(p)
	if err != nil {
		return "", false, nil, fmt.Errorf("api: %s: path %q: %s", opRaw, clean(p), clean(err.Error()))
	}
	if u.Scheme != "" || u.Host != "" {
		base, _ := url.Parse(c.baseURL) // normalised in New
		if !strings.EqualFold(u.Scheme, base.Scheme) || !strings.EqualFold(u.Host, base.Host) || u.User != nil {
			return "", false, nil, fmt.Errorf("api: %s: %s is not on %s: %w", opRaw, clean(u.Redacted()), c.baseURL, ErrForeignURL)
		}
	}
	path := "/" + strings.TrimPrefix(u.EscapedPath(), "/")
	root := strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/sandbox/") || path == "/api" || path == "/sandbox"
	q := u.Query()
	return path, root, q, nil
}

// Token is a bearer token for the client's credentials (the one it uses,
// fetched if need be) and when it expires, for a developer's own calls.
func (c *Client) Token(ctx context.Context) (string, time.Time, error) {
	t, err := c.auth.current(ctx)
	if err != nil {
		return "", time.Time{}, err
	}
	return t.AccessToken, t.Expiry, nil
}
