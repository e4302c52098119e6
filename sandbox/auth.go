package sandbox

import (
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// allScopes in the order the token response lists them.
var allScopes = []string{"org:read", "availability:read", "appointments:read", "appointments:write"}

const (
	tokenLifetime = time.Hour
	// defaultRateLimit (requests per second per token, with a burst of
	// twice that) is generous: an interactive client never meets it, a
	// runaway loop does.
	defaultRateLimit = 50.0
)

type client struct {
	secret string
	scopes []string
}

type token struct {
	clientID string
	scopes   []string
	expires  time.Time
	limiter  bucket
}

// bucket is a token-bucket rate limiter. It runs on the wall clock, not on
// the injected one: tests freeze their clock, and load is a real-time thing.
type bucket struct {
	tokens float64
	last   time.Time
}

// take spends one request at rate per second, or says how long to wait for
// the next one. A rate below zero means no limit.
func (b *bucket) take(t time.Time, rate float64) (ok bool, wait time.Duration) {
	if rate < 0 {
		return true, 0
	}
	burst := 2 * rate
	if b.last.IsZero() {
		b.tokens = burst
	} else {
		b.tokens = math.Min(burst, b.tokens+t.Sub(b.last).Seconds()*rate)
	}
	b.last = t
	if b.tokens < 1 {
		return false, time.Duration((1 - b.tokens) / rate * float64(time.Second))
	}
	b.tokens--
	return true, 0
}

// oauthError is an RFC 6749 error, the one body shape that is not the
// canonical one: OAuth clients expect it from the token endpoint.
type oauthError struct {
	Status      int    `json:"-"`
	Code        string `json:"error"`
	Description string `json:"error_description"`
}

func (e *oauthError) Error() string { return e.Code + ": " + e.Description }

type tokenJSON struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	Scope       string `json:"scope"`
}

// postToken serves POST /oauth/token (client credentials grant). The
// client authenticates with HTTP Basic or with client_id/client_secret
// form fields; an optional scope narrows what the token may do.
func (s *Server) postToken(c *call) (int, any, error) {
	form, err := url.ParseQuery(string(c.body))
	if err != nil {
		return 0, nil, &oauthError{http.StatusBadRequest, "invalid_request", "the body must be form-encoded"}
	}
	switch grant := form.Get("grant_type"); grant {
	case "client_credentials":
	case "":
		return 0, nil, &oauthError{http.StatusBadRequest, "invalid_request", "grant_type is required"}
	default:
		return 0, nil, &oauthError{http.StatusBadRequest, "unsupported_grant_type",
			fmt.Sprintf("grant_type %q is not supported; use client_credentials", grant)}
	}
	id, secret, ok := c.r.BasicAuth()
	if !ok {
		id, secret = form.Get("client_id"), form.Get("client_secret")
	}
	cl := s.clients[id]
	if cl == nil || subtle.ConstantTimeCompare([]byte(secret), []byte(cl.secret)) != 1 {
		return 0, nil, &oauthError{http.StatusUnauthorized, "invalid_client", "unknown client or wrong secret"}
	}
	scopes := cl.scopes
	if req := strings.Fields(form.Get("scope")); len(req) > 0 {
		scopes = slices.DeleteFunc(slices.Clone(req), func(sc string) bool { return !slices.Contains(cl.scopes, sc) })
		if len(scopes) == 0 {
			return 0, nil, &oauthError{http.StatusBadRequest, "invalid_scope", "none of the requested scopes is granted to this client"}
		}
	}
	// Forget expired tokens here, so a long-running sandbox does not
	// accumulate them; an expired token gets 401 either way.
	for k, tok := range s.tokens {
		if !c.now.Before(tok.expires) {
			delete(s.tokens, k)
		}
	}
	access := "zt_" + rand.Text()
	s.tokens[access] = &token{clientID: id, scopes: scopes, expires: c.now.Add(tokenLifetime)}
	s.stats.TokenGrants++
	return http.StatusOK, tokenJSON{AccessToken: access, TokenType: "Bearer",
		ExpiresIn: int(tokenLifetime.Seconds()), Scope: strings.Join(scopes, " ")}, nil
}

// authenticate checks the bearer token of an API call against the scopes
// the route accepts (any one suffices) and the token's rate limit. It
// returns the client id, or writes the refusal and returns ok=false.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request, rt *route, now time.Time) (clientID string, ok bool) {
	const realm = `Bearer realm="zimun"`
	scheme, access, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Bearer") || access == "" {
		w.Header().Set("WWW-Authenticate", realm)
		writeError(w, errorf(http.StatusUnauthorized, "unauthorized", "a bearer access token is required; get one from POST /oauth/token"))
		return "", false
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	tok := s.tokens[strings.TrimSpace(access)]
	if tok == nil || !now.Before(tok.expires) {
		why := "the access token is not valid"
		if tok != nil {
			why = "the access token has expired"
		}
		w.Header().Set("WWW-Authenticate", fmt.Sprintf(`%s, error="invalid_token", error_description=%q`, realm, why))
		writeError(w, errorf(http.StatusUnauthorized, "unauthorized", "%s; get a new one from POST /oauth/token", why))
		return "", false
	}
	if !slices.ContainsFunc(rt.scopes, func(sc string) bool { return slices.Contains(tok.scopes, sc) }) {
		w.Header().Set("WWW-Authenticate", fmt.Sprintf(`%s, error="insufficient_scope", scope=%q`, realm, strings.Join(rt.scopes, " ")))
		writeError(w, errorf(http.StatusForbidden, "insufficient_scope",
			"this call needs the scope %s; the token has %q", strings.Join(rt.scopes, " or "), strings.Join(tok.scopes, " ")))
		return "", false
	}
	if allowed, wait := tok.limiter.take(time.Now(), s.opts.RateLimit); !allowed {
		w.Header().Set("Retry-After", fmt.Sprint(max(1, int(math.Ceil(wait.Seconds())))))
		writeError(w, errorf(http.StatusTooManyRequests, "rate_limited", "too many requests; slow down and retry later"))
		return "", false
	}
	return tok.clientID, true
}
