package cli_test

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An echoing server: its token endpoint answers a bad secret with the
// request it got, and its API puts the bearer token in error bodies and in
// the data. Nothing zimun prints or logs may show the secret, its Basic
// form or the token.
func TestEchoedCredentialsNeverPrinted(t *testing.T) {
	const (
		id     = "desk"
		secret = "echo-s3cret/+="
		token  = "bearertokenvalueonlyletters"
	)
	forms := func(secret string) []string {
		basic := base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(id) + ":" + url.QueryEscape(secret)))
		return []string{secret, url.QueryEscape(secret), basic, strings.TrimRight(basic, "="), token}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		auth := r.Header.Get("Authorization")
		switch r.URL.Path {
		case "/oauth/token":
			body, _ := io.ReadAll(r.Body)
			if _, got, _ := r.BasicAuth(); got != url.QueryEscape(secret) {
				w.WriteHeader(400)
				fmt.Fprintf(w, `{"error":"invalid_client","error_description":"got %s and %s"}`, auth, body)
				return
			}
			fmt.Fprintf(w, `{"access_token":%q,"token_type":"Bearer","expires_in":3600}`, token)
		case "/api/v1/services":
			fmt.Fprintf(w, `{"items":[{"id":"s_1","name":"Echo %s","description":"%s","duration_minutes":30}]}`, token, auth)
		default:
			w.WriteHeader(400)
			fmt.Fprintf(w, `{"error":{"code":"bad_request","message":"you sent %s"}}`, auth)
		}
	}))
	t.Cleanup(srv.Close)

	f := newFixture(t)
	f.env["ZIMUN_BASE_URL"] = srv.URL
	f.env["ZIMUN_CLIENT_ID"] = id
	f.env["ZIMUN_CLIENT_SECRET"] = secret
	logFile := filepath.Join(t.TempDir(), "zimun.log")
	check := func(what string, wantCode int, args ...string) {
		t.Helper()
		code, out, errs := f.run(append(args, "--log", logFile)...)
		logged, _ := os.ReadFile(logFile)
		if code != wantCode {
			t.Errorf("%s: exit %d, want %d; stderr %q", what, code, wantCode, errs)
		}
		for name, text := range map[string]string{"stdout": out, "stderr": errs, "log": string(logged)} {
			for _, s := range forms(f.env["ZIMUN_CLIENT_SECRET"]) {
				if strings.Contains(text, s) {
					t.Errorf("%s: %s shows %q:\n%s", what, name, s, text)
				}
			}
		}
	}
	check("data echoing the token", 0, "services")
	check("data echoing the token, JSON", 0, "services", "--json")
	check("API error echoing the token", 1, "appointment", "a_1")
	f.env["ZIMUN_CLIENT_SECRET"] = "bad-" + secret
	check("token endpoint echoing the request", 1, "services")
}
