package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/zimun-app/zimun/model"
)

// tokenEarlyExpiry renews a token this long before it lapses, so a call
// never leaves with a token that dies in flight.
const tokenEarlyExpiry = 60 * time.Second

// auth hands out bearer tokens from one cached client-credentials grant.
// oauth2 does nothing about a 401 (a token revoked early stays cached until
// it expires locally), so invalidate swaps in an empty cache, but only if
// the cache still holds the token that was refused: concurrent 401s then
// cost one new grant, not one each.
type auth struct {
	grant    tokenFunc // one client-credentials grant per call
	redactor *redactor // knows the secret and every token granted

	mu    sync.Mutex
	cache *tokenCache
}

// tokenCache is one generation of cached token.
type tokenCache struct {
	src  oauth2.TokenSource           // ReuseTokenSourceWithExpiry over grant
	last atomic.Pointer[oauth2.Token] // what src fetched last
}

// newAuth builds the token source once, on New's long-lived ctx: the token
// source keeps that ctx for every later refresh.
func newAuth(ctx context.Context, baseURL, id, secret string, hc *http.Client) *auth {
	cc := &clientcredentials.Config{
		ClientID:     id,
		ClientSecret: secret,
		TokenURL:     baseURL + "/oauth/token",
		AuthStyle:    oauth2.AuthStyleInHeader,
	}
	ctx = context.WithValue(ctx, oauth2.HTTPClient, hc)
	a := &auth{redactor: newRedactor(id, secret)}
	// cc.Token builds a throwaway cache per call, so this is a bare grant.
	a.grant = func() (*oauth2.Token, error) {
		t, err := cc.Token(ctx)
		if err != nil {
			return nil, a.tokenError(err)
		}
		return t, nil
	}
	a.cache = a.newCache()
	return a
}

type tokenFunc func() (*oauth2.Token, error)

func (f tokenFunc) Token() (*oauth2.Token, error) { return f() }

func (a *auth) newCache() *tokenCache {
	tc := &tokenCache{}
	tc.src = oauth2.ReuseTokenSourceWithExpiry(nil, tokenFunc(func() (*oauth2.Token, error) {
		t, err := a.grant()
		if err == nil {
			a.redactor.remember(t.AccessToken)
			a.redactor.remember(t.RefreshToken)
			tc.last.Store(t)
		}
		return t, err
	}), tokenEarlyExpiry)
	return tc
}

// token returns the cached token or fetches one. The fetch runs on New's
// context, bounded by the token client's timeout; ctx only stops the wait.
func (a *auth) token(ctx context.Context) (string, error) {
	t, err := a.current(ctx)
	if err != nil {
		return "", err
	}
	return t.AccessToken, nil
}

// current is token with its expiry.
func (a *auth) current(ctx context.Context) (*oauth2.Token, error) {
	a.mu.Lock()
	src := a.cache.src
	a.mu.Unlock()
	type result struct {
		t   *oauth2.Token
		err error
	}
	ch := make(chan result, 1)
	go func() {
		t, err := src.Token()
		ch <- result{t, err}
	}()
	select {
	case r := <-ch:
		return r.t, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// invalidate drops the cached token if it is still the refused one.
func (a *auth) invalidate(refused string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if last := a.cache.last.Load(); last == nil || last.AccessToken != refused {
		return // someone already replaced it
	}
	a.cache = a.newCache()
}

// tokenError maps an oauth2 failure onto our errors. RetrieveError.Error()
// embeds the raw token-endpoint body, so only its status and the RFC 6749
// error/error_description fields are kept.
func (a *auth) tokenError(err error) error {
	var re *oauth2.RetrieveError
	switch {
	case errors.As(err, &re):
		scrub := a.redactor.scrub
		e := &Error{Code: echoed(re.ErrorCode, model.MaxCodeRunes, scrub), op: opToken}
		if re.Response != nil {
			e.Status = re.Response.StatusCode
			e.RequestID = echoed(re.Response.Header.Get("X-Request-Id"), model.MaxRequestIDRunes, scrub)
			e.RetryAfter = retryAfter(re.Response.Header, time.Now())
		}
		detail := echoed(re.ErrorDescription, model.MaxMessageRunes, scrub)
		if detail == "" {
			detail = humanize(e.Code)
		}
		if detail == "" {
			detail = statusMessage(e.Status)
		}
		e.Message = "sign-in to the Zimun API failed: " + detail
		return e
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("api: sign-in stopped: %w", context.Canceled)
	case isTransport(err):
		return newNetworkError(opToken, err, a.redactor.scrub)
	default:
		// A 2xx that is not a token; oauth2's text may quote the body.
		return &Error{Code: "invalid_token_response", op: opToken,
			Message: "sign-in to the Zimun API failed: the server's answer is not a token"}
	}
}
