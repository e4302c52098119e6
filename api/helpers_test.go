package api

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	testID     = "test-client"
	testSecret = "test-secret"
)

// fakeAPI is a hand-written Zimun: a token endpoint that counts grants and
// hands out t1, t2, … and an API handler each test supplies.
type fakeAPI struct {
	t      *testing.T
	srv    *httptest.Server
	grants atomic.Int32
	api    http.HandlerFunc
	token  http.HandlerFunc // overrides the default token endpoint

	mu    sync.Mutex
	slept []time.Duration
}

func newFake(t *testing.T, api http.HandlerFunc) *fakeAPI {
	t.Helper()
	f := &fakeAPI{t: t, api: api}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/oauth/token" {
		if f.token != nil {
			f.token(w, r)
			return
		}
		f.grantToken(w, r)
		return
	}
	f.api(w, r)
}

func (f *fakeAPI) grantToken(w http.ResponseWriter, r *http.Request) {
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte(testID+":"+testSecret))
	if r.Method != http.MethodPost || r.Header.Get("Authorization") != want {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":"invalid_client"}`)
		return
	}
	r.ParseForm()
	if r.PostForm.Get("grant_type") != "client_credentials" || r.PostForm.Get("client_secret") != "" {
		f.t.Errorf("token form = %v; want only grant_type=client_credentials", r.PostForm)
	}
	n := f.grants.Add(1)
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"access_token":"t%d","token_type":"Bearer","expires_in":3600}`, n)
}

// client builds a Client on the fake whose backoff sleeps are recorded, not
// slept.
func (f *fakeAPI) client(mod ...func(*Config)) *Client {
	f.t.Helper()
	cfg := Config{BaseURL: f.srv.URL, ClientID: testID, ClientSecret: testSecret, OrganizationID: "o_1", Version: "test"}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := New(context.Background(), cfg)
	if err != nil {
		f.t.Fatal(err)
	}
	c.sleep = func(ctx context.Context, d time.Duration) error {
		f.mu.Lock()
		f.slept = append(f.slept, d)
		f.mu.Unlock()
		return ctx.Err()
	}
	return c
}

func (f *fakeAPI) sleeps() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.slept...)
}

func total(ds []time.Duration) time.Duration {
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	return sum
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprint(w, body)
}

// bearer is the token an API request carried.
func bearer(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}
