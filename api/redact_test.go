package api

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

// A secret that changes under URL-encoding, so the Basic form oauth2
// sends differs from the base64 of the raw pair.
const (
	odd   = "s3cr3t/with+odd=chars&é"
	oddID = "desk client"
)

// secretForms is every way the secret and its Basic credentials travel.
func secretForms() []string {
	escaped := base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(oddID) + ":" + url.QueryEscape(odd)))
	raw := base64.StdEncoding.EncodeToString([]byte(oddID + ":" + odd))
	return []string{odd, url.QueryEscape(odd), escaped, strings.TrimRight(escaped, "="), raw,
		base64.URLEncoding.EncodeToString([]byte(url.QueryEscape(oddID) + ":" + url.QueryEscape(odd)))}
}

// leaks reports any secret form or token in texts.
func leaks(t *testing.T, what string, secrets []string, texts ...string) {
	t.Helper()
	for _, text := range texts {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s leaks %q:\n%s", what, s, text)
			}
		}
	}
}

// printed is err in every way a front end might print it.
func printed(err error) []string {
	out := []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)}
	for e := errors.Unwrap(err); e != nil; e = errors.Unwrap(e) {
		out = append(out, e.Error())
	}
	var ne *NetworkError
	if errors.As(err, &ne) {
		out = append(out, ne.Err.Error(), fmt.Sprint(ne.Err))
	}
	return out
}

// oddClient is a client with the odd secret on f.
func oddClient(f *fakeAPI, log io.Writer) *Client {
	return f.client(func(c *Config) {
		c.ClientID, c.ClientSecret = oddID, odd
		c.Logger = slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
}

// A token endpoint that echoes the request it got, header and form body.
func TestTokenEndpointEchoIsRedacted(t *testing.T) {
	echo := func(r *http.Request) string {
		body, _ := io.ReadAll(r.Body)
		return "Authorization: " + r.Header.Get("Authorization") + " body: " + string(body) + " client_secret=" + url.QueryEscape(odd)
	}
	for name, handler := range map[string]http.HandlerFunc{
		"oauth error": func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 400, fmt.Sprintf(`{"error":"invalid_request","error_description":%q}`, echo(r)))
		},
		"text body": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Set("X-Request-Id", r.Header.Get("Authorization"))
			w.WriteHeader(500)
			fmt.Fprint(w, echo(r))
		},
		"code": func(w http.ResponseWriter, r *http.Request) {
			_, secret, _ := r.BasicAuth()
			writeJSON(w, 401, fmt.Sprintf(`{"error":%q}`, secret))
		},
	} {
		t.Run(name, func(t *testing.T) {
			var log bytes.Buffer
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, orgJSON) })
			f.token = handler
			_, err := oddClient(f, &log).Organization(t.Context())
			if _, ok := asError(err); !ok {
				t.Fatalf("err = %v", err)
			}
			leaks(t, "error", secretForms(), printed(err)...)
			leaks(t, "log", secretForms(), log.String())
		})
	}
}

// An API whose error bodies echo the Authorization header, as JSON and as
// text, and a proxy whose transport errors quote it.
func TestBearerTokenEchoIsRedacted(t *testing.T) {
	// Letters only, so only its value can give it away, not its shape.
	const token = "opaqueaccesstokenvalue"
	grant := func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"access_token":"`+token+`","token_type":"Bearer","expires_in":3600}`)
	}
	var calls atomic.Int32
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		switch calls.Add(1) {
		case 1:
			writeJSON(w, 400, fmt.Sprintf(`{"error":{"code":"bad_request","message":"got Authorization: %s"}}`, auth))
		case 2:
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(403)
			fmt.Fprintf(w, "forbidden for %s (token %s)\n", auth, bearer(r))
		default:
			w.Header().Set("X-Request-Id", auth)
			writeJSON(w, 404, `{"error":{"code":"not_found","message":"no"}}`)
		}
	})
	f.token = grant
	var log bytes.Buffer
	c := oddClient(f, &log)
	for range 3 {
		_, err := c.Organization(t.Context())
		if _, ok := asError(err); !ok {
			t.Fatalf("err = %v", err)
		}
		leaks(t, "API error", []string{token}, printed(err)...)
		if e, _ := asError(err); strings.Contains(e.RequestID, token) {
			t.Errorf("request id leaks the token: %q", e.RequestID)
		}
	}
	leaks(t, "log", []string{token}, log.String())
	if got := c.Redact("notes: " + token + " and " + odd); got != "notes: [redacted] and [redacted]" {
		t.Errorf("Redact = %q", got)
	}
}

// errProxy is a transport whose failures quote the request's credentials.
type errProxy struct{ sentinel error }

func (p errProxy) RoundTrip(r *http.Request) (*http.Response, error) {
	body := ""
	if r.Body != nil {
		b, _ := io.ReadAll(r.Body)
		body = string(b)
	}
	return nil, fmt.Errorf("proxy refused %s %s (Authorization: %s, body %s): %w",
		r.Method, r.URL.Path, r.Header.Get("Authorization"), body, p.sentinel)
}

func TestTransportErrorTextIsRedacted(t *testing.T) {
	sentinel := errors.New("proxy down")
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, orgJSON) })
	// The token endpoint goes through the proxy too: the failure quotes
	// the Basic credentials.
	c := f.client(func(c *Config) {
		c.ClientID, c.ClientSecret = oddID, odd
		c.HTTPClient = &http.Client{Transport: errProxy{sentinel}}
	})
	_, err := c.Organization(t.Context())
	if !IsNetwork(err) || !errors.Is(err, sentinel) {
		t.Fatalf("err = %v; want a network error wrapping the proxy's", err)
	}
	leaks(t, "sign-in network error", secretForms(), printed(err)...)
	if !strings.Contains(err.Error(), "Authorization: Basic [redacted]") {
		t.Errorf("err = %v; want the credentials replaced, the rest kept", err)
	}

	// With a token in hand, the API call's failure quotes the bearer token.
	token := "tok_" + strings.Repeat("z", 20)
	g := newFake(t, nil)
	g.token = func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"access_token":"`+token+`","token_type":"Bearer","expires_in":3600}`)
	}
	tokenOnly := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Path == "/oauth/token" {
			return http.DefaultTransport.RoundTrip(r)
		}
		return errProxy{sentinel}.RoundTrip(r)
	})}
	c = g.client(func(c *Config) { c.HTTPClient = tokenOnly })
	_, err = c.Organization(context.Background())
	if !IsNetwork(err) {
		t.Fatalf("err = %v", err)
	}
	leaks(t, "API network error", []string{token}, printed(err)...)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// Every token the client has held stays redacted after it is replaced.
func TestRedactCoversPastTokens(t *testing.T) {
	var n atomic.Int32
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if bearer(r) == "token-number-1" {
			writeJSON(w, 401, `{"error":"invalid_token"}`)
			return
		}
		writeJSON(w, 200, orgJSON)
	})
	f.token = func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, fmt.Sprintf(`{"access_token":"token-number-%d","token_type":"Bearer","expires_in":3600}`, n.Add(1)))
	}
	c := f.client()
	if _, err := c.Organization(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := c.Redact("token-number-1 token-number-2 " + testSecret); got != "[redacted] [redacted] [redacted]" {
		t.Errorf("Redact = %q", got)
	}
}

func TestRedactKeepsOrdinaryText(t *testing.T) {
	r := newRedactor(oddID, odd)
	r.remember("opaqueaccesstokenvalue")
	for _, s := range []string{
		"Basic consultation", "Bearer bonds advice", "access to the token office", "",
	} {
		if got := r.redact(s); got != s {
			t.Errorf("redact(%q) = %q", s, got)
		}
	}
	for in, want := range map[string]string{
		"Bearer token expired":                 "Bearer token expired",
		"Authorization: Bearer abc.def-123":    "Authorization: Bearer [redacted]",
		"authorization: basic Zm9vOmJhcg==":    "authorization: basic [redacted]",
		`{"access_token": "xyz", "other": 1}`:  `{"access_token": "[redacted]", "other": 1}`,
		"grant_type=x&client_secret=abc&y=1":   "grant_type=x&client_secret=[redacted]&y=1",
		"echo opaqueaccesstokenvalue in a log": "echo [redacted] in a log",
	} {
		if got := r.scrub(in); got != want {
			t.Errorf("scrub(%q) = %q, want %q", in, got, want)
		}
	}
}
