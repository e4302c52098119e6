package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zimun-app/zimun/model"
)

func TestObserverSeesEachCallOnceWithRetriesAndNoSecrets(t *testing.T) {
	var n atomic.Int32
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", fmt.Sprintf("req_%d", n.Add(1)))
		if n.Load() == 1 {
			writeJSON(w, http.StatusServiceUnavailable, `{"error":{"code":"down","message":"busy"}}`)
			return
		}
		// An echoing server: the token and the secret come back in the body.
		writeJSON(w, http.StatusOK, `{"items":[],"next_page_token":"","echo":"`+bearer(r)+` `+testSecret+`"}`)
	})
	var got []Exchange
	c := f.client(func(cfg *Config) { cfg.Observer = func(e Exchange) { got = append(got, e) } })
	if _, err := c.Services(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("observed %d exchanges, want 1", len(got))
	}
	e := got[0]
	if e.Op != opServices || e.Method != "GET" || e.Path() != "/api/v1/services?page_size=50" || e.Status != 200 {
		t.Errorf("exchange = %s %s %s %d", e.Op, e.Method, e.Path(), e.Status)
	}
	if e.Attempts != 2 || e.Retries() != 1 || e.RequestID != "req_2" {
		t.Errorf("attempts %d, retries %d, request id %q; want 2, 1, req_2", e.Attempts, e.Retries(), e.RequestID)
	}
	if h := e.RequestHeader.Get("Authorization"); h != "Bearer [redacted]" {
		t.Errorf("Authorization = %q", h)
	}
	all := fmt.Sprintf("%+v %s %s", e, e.RequestBody, e.ResponseBody)
	for _, secret := range []string{"t1", testSecret} {
		if strings.Contains(all, `"`+secret) || strings.Contains(all, secret+" ") || strings.Contains(all, " "+secret) {
			t.Errorf("%q is in the exchange: %s", secret, all)
		}
	}
	if !strings.Contains(string(e.ResponseBody), `"echo":"[redacted] [redacted]"`) {
		t.Errorf("response body = %s", e.ResponseBody)
	}
}

func TestObserverSeesFailuresAndErrorBodies(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusConflict, `{"error":{"code":"slot_unavailable","message":"taken"},"seen":"Authorization: Bearer abc.def-1"}`)
	})
	var got Exchange
	c := f.client(func(cfg *Config) { cfg.Observer = func(e Exchange) { got = e } })
	_, err := c.Hold(context.Background(), HoldRequest{ServiceID: "s_1", Time: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC), DurationMinutes: 30, IdempotencyKey: "k-1"})
	if !IsSlotTaken(err) {
		t.Fatalf("err = %v", err)
	}
	if got.Status != 409 || got.Err == "" || got.IdempotencyKey != "k-1" || got.RequestHeader.Get("Idempotency-Key") != "k-1" {
		t.Errorf("exchange = %+v", got)
	}
	if strings.Contains(string(got.ResponseBody), "abc.def-1") {
		t.Errorf("a credential-shaped value survived in an error body: %s", got.ResponseBody)
	}
	var body map[string]any
	if json.Unmarshal(got.RequestBody, &body) != nil || body["service_id"] != "s_1" {
		t.Errorf("request body = %s", got.RequestBody)
	}
}

func TestDryRunSendsNothing(t *testing.T) {
	var hits atomic.Int32
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		writeJSON(w, http.StatusOK, `{}`)
	})
	observed := 0
	c := f.client(func(cfg *Config) { cfg.Observer = func(Exchange) { observed++ } })
	var shown []Exchange
	ctx := DryRun(context.Background(), func(e Exchange) { shown = append(shown, e) })
	_, err := c.Confirm(ctx, ConfirmRequest{HoldID: "h_1", Contact: model.Contact{Name: "Dana O'Neil", Email: "dana@example.com"}, IdempotencyKey: "key-7"})
	if !errors.Is(err, ErrNotSent) || IsOutcomeUnknown(err) || IsNetwork(err) {
		t.Fatalf("err = %v, want ErrNotSent and a definite outcome", err)
	}
	if hits.Load() != 0 || f.grants.Load() != 0 || observed != 0 {
		t.Errorf("a dry run reached the server (%d calls, %d grants) or the observer (%d)", hits.Load(), f.grants.Load(), observed)
	}
	if len(shown) != 1 || shown[0].Method != "POST" || shown[0].IdempotencyKey != "key-7" {
		t.Fatalf("shown = %+v", shown)
	}
	cmd, ok := shown[0].Curl()
	want := `curl -sS '` + f.srv.URL + `/api/v1/appointments/confirm' -H "Authorization: Bearer $ZIMUN_TOKEN" ` +
		`-H 'Accept: application/json' -H 'Content-Type: application/json' -H 'Idempotency-Key: key-7' ` +
		`--data-raw '{"hold_id":"h_1","contact_name":"Dana O'\''Neil","contact_email":"dana@example.com"}'`
	if !ok || cmd != want {
		t.Errorf("curl =\n%s\nwant\n%s", cmd, want)
	}
	// Send lifts the dry run for look-ups.
	if _, err := c.Organization(Send(ctx)); err != nil || hits.Load() != 1 {
		t.Errorf("a look-up under Send: err %v, %d calls", err, hits.Load())
	}
}

func TestCurlMethods(t *testing.T) {
	for _, tt := range []struct {
		e    Exchange
		want string
	}{
		{Exchange{Method: "GET", URL: "http://h/api/v1/services"}, `curl -sS 'http://h/api/v1/services' -H "Authorization: Bearer $ZIMUN_TOKEN"`},
		{Exchange{Method: "DELETE", URL: "http://h/api/v1/appointments/hold/h_1"}, `curl -sS -X DELETE 'http://h/api/v1/appointments/hold/h_1' -H "Authorization: Bearer $ZIMUN_TOKEN"`},
		{Exchange{Method: "PATCH", URL: "http://h/x", RequestBody: []byte(`{}`)}, `curl -sS -X PATCH 'http://h/x' -H "Authorization: Bearer $ZIMUN_TOKEN" --data-raw '{}'`},
		{Exchange{Method: "POST", URL: "http://h/x"}, `curl -sS -X POST 'http://h/x' -H "Authorization: Bearer $ZIMUN_TOKEN"`},
	} {
		if got, _ := tt.e.Curl(); got != tt.want {
			t.Errorf("Curl() = %s\nwant      %s", got, tt.want)
		}
	}
	if _, ok := (Exchange{Method: "POST", RequestTruncated: true}).Curl(); ok {
		t.Error("a truncated body made a curl command")
	}
}

func TestExchangeBodiesAreCapped(t *testing.T) {
	big := strings.Repeat("é", MaxExchangeBody) // two bytes each
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body)
		writeJSON(w, http.StatusOK, `"`+big+`"`)
	})
	var got Exchange
	c := f.client(func(cfg *Config) { cfg.Observer = func(e Exchange) { got = e } })
	if _, err := c.Raw(context.Background(), RawRequest{Method: "POST", Path: "x", Body: []byte(big)}); err != nil {
		t.Fatal(err)
	}
	for _, b := range []struct {
		body []byte
		cut  bool
	}{{got.RequestBody, got.RequestTruncated}, {got.ResponseBody, got.ResponseTruncated}} {
		if len(b.body) > MaxExchangeBody || !b.cut || !strings.HasSuffix(string(b.body), "é") {
			t.Errorf("body of %d bytes, truncated %v: want at most %d, cut on a character", len(b.body), b.cut, MaxExchangeBody)
		}
	}
}

func TestRecorderIsBounded(t *testing.T) {
	r := NewRecorder(3, 100)
	changed := r.Changed()
	for i := range 5 {
		r.Record(Exchange{Op: fmt.Sprint(i), ResponseBody: make([]byte, 10)})
	}
	select {
	case <-changed:
	default:
		t.Error("Changed was not closed by Record")
	}
	calls := r.Calls()
	if len(calls) != 3 || calls[0].Op != "4" || calls[2].Op != "2" || calls[0].Seq != 5 {
		t.Fatalf("calls = %+v, want the newest three, newest first", calls)
	}
	r.Record(Exchange{Op: "big", ResponseBody: make([]byte, 95)})
	if calls := r.Calls(); len(calls) != 1 || calls[0].Op != "big" {
		t.Errorf("over the byte bound: %d calls kept, want only the newest", len(calls))
	}
}

func TestRawPathsAndKeys(t *testing.T) {
	var seen []string
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Method+" "+r.URL.RequestURI()+" key="+r.Header.Get("Idempotency-Key"))
		writeJSON(w, http.StatusOK, `{}`)
	})
	c := f.client()
	ctx := context.Background()
	for _, r := range []RawRequest{
		{Path: "services"},
		{Path: "/services?page_size=2"},
		{Path: "/api/v1/services"},
		{Path: "/sandbox/outbox"},
		{Path: f.srv.URL + "/api/v1/locations"},
		{Method: "post", Path: "appointments/hold", Body: []byte(`{}`), IdempotencyKey: "k"},
		{Method: "DELETE", Path: "appointments/hold/h_1", Query: map[string][]string{"why": {"a b"}}},
	} {
		if _, err := c.Raw(ctx, r); err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
	}
	want := []string{
		"GET /api/v1/services key=", "GET /api/v1/services?page_size=2 key=", "GET /api/v1/services key=",
		"GET /sandbox/outbox key=", "GET /api/v1/locations key=", "POST /api/v1/appointments/hold key=k",
		"DELETE /api/v1/appointments/hold/h_1?why=a+b key=",
	}
	if strings.Join(seen, "\n") != strings.Join(want, "\n") {
		t.Errorf("sent\n%s\nwant\n%s", strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
	if _, err := c.Raw(ctx, RawRequest{Path: "https://evil.example/api/v1/services"}); !errors.Is(err, ErrForeignURL) {
		t.Errorf("a foreign URL: err = %v", err)
	}
	if _, err := c.Raw(ctx, RawRequest{Method: "PATCH", Path: "x"}); err != nil || len(strings.TrimPrefix(seen[len(seen)-1], "PATCH /api/v1/x key=")) != 36 {
		t.Errorf("a PATCH without a key got none: %v %q", err, seen[len(seen)-1])
	}
}

func TestRawErrorKeepsTheBody(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, `{"error":{"code":"not_found","message":"no such thing"}}`)
	})
	res, err := f.client().Raw(context.Background(), RawRequest{Path: "nope"})
	var ae *Error
	if !errors.As(err, &ae) || ae.Status != 404 || res == nil || res.Status != 404 || !strings.Contains(string(res.Body), "no such thing") {
		t.Fatalf("res %+v, err %v", res, err)
	}
}

func TestRawAllMergesPages(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("page_token") {
		case "":
			writeJSON(w, 200, `{"items":[{"id":1},{"id":2}],"next_page_token":"p2","other":true}`)
		case "p2":
			writeJSON(w, 200, `{"items":[{"id":3}],"next_page_token":"p3"}`)
		default:
			writeJSON(w, 200, `{"items":[],"next_page_token":""}`)
		}
	})
	res, err := f.client().RawAll(context.Background(), RawRequest{Path: "services", Query: map[string][]string{"page_size": {"2"}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(res.Body); got != `{"items":[{"id":1},{"id":2},{"id":3}],"next_page_token":"","other":true}` {
		t.Errorf("merged = %s", got)
	}

	loop := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"items":[1],"next_page_token":"again"}`)
	})
	if _, err := loop.client().RawAll(context.Background(), RawRequest{Path: "services"}); err == nil || !strings.Contains(err.Error(), "repeated") {
		t.Errorf("a repeated page token: err = %v", err)
	}

	single := newFake(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{"id":"o_1"}`) })
	if res, err := single.client().RawAll(context.Background(), RawRequest{Path: "organization"}); err != nil || string(res.Body) != `{"id":"o_1"}` {
		t.Errorf("not a list: %v %s", err, res.Body)
	}
}

func TestToken(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {})
	c := f.client()
	tok, exp, err := c.Token(context.Background())
	if err != nil || tok != "t1" || time.Until(exp) < 50*time.Minute {
		t.Fatalf("Token() = %q, %v, %v", tok, exp, err)
	}
	if tok2, _, _ := c.Token(context.Background()); tok2 != "t1" || f.grants.Load() != 1 {
		t.Errorf("a second Token() = %q after %d grants; want the cached one", tok2, f.grants.Load())
	}
	if c.Redact("Bearer t1") != "Bearer [redacted]" {
		t.Error("the token handed out is not redacted")
	}
}

func TestACutNeverLeavesHalfASecret(t *testing.T) {
	r := newRedactor(testID, testSecret)
	for _, at := range []int{MaxExchangeBody - 3, MaxExchangeBody + redactMargin - 3} {
		body := strings.Repeat("x", at) + testSecret + strings.Repeat("y", 2*MaxExchangeBody)
		got, cut := capBody(body, r.redact)
		if !cut || strings.Contains(string(got), testSecret[:3]) {
			t.Errorf("a secret at byte %d: cut %v, tail %q", at, cut, got[len(got)-12:])
		}
	}
}
