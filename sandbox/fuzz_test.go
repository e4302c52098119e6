package sandbox_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/sandbox"
)

// Fuzz targets for what the sandbox reads from outside: request bodies and
// queries, page tokens, fault SPECs and data files. Without -fuzz they run
// their seed corpora (f.Add and testdata/fuzz/) as ordinary tests:
//
//	go test ./sandbox -run '^$' -fuzz FuzzRequest -fuzztime 60s

// fuzzServer is a fresh sandbox with a token, a live hold and a future
// appointment, whose ids replace $HOLD and $APPT in fuzzed input ($SVC,
// $LOC, $AT: the demo's first service, its location and a free slot).
type fuzzServer struct {
	s                   *sandbox.Server
	token               string
	vars                *strings.Replacer
	svc, loc, hold, apt string
}

func newFuzzServer(t *testing.T, apt *string) *fuzzServer {
	t.Helper()
	s, err := sandbox.New(sandbox.Options{Now: func() time.Time { return t0 }, RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	f := &fuzzServer{s: s}
	w := f.do(t, "POST", "/oauth/token", "grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret")
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &tok); err != nil {
		t.Fatal(err)
	}
	f.token = tok.AccessToken
	svc := s.Services()[0]
	f.svc, f.loc = svc.ID, svc.LocationIDs[0]
	at := time.Date(2025, 12, 2, 9, 0, 0, 0, time.UTC).Format(time.RFC3339) // 10:00 in Paris, Tuesday
	w = f.do(t, "POST", "/api/v1/appointments/hold", `{"service_id":"`+f.svc+`","location_id":"`+f.loc+`","appointment_time":"`+at+`"}`)
	var h struct {
		HoldID string `json:"hold_id"`
	}
	json.Unmarshal(w.Body.Bytes(), &h)
	f.hold = h.HoldID
	// The demo data is the same every time; look its booking up once.
	if *apt == "" {
		for _, a := range s.Ledger().Appointments {
			if a.Status == "confirmed" && a.Start.After(t0.Add(time.Hour)) {
				*apt = a.ID
				break
			}
		}
	}
	f.apt = *apt
	f.vars = strings.NewReplacer("$HOLD", f.hold, "$APPT", f.apt, "$SVC", f.svc, "$LOC", f.loc,
		"$AT", time.Date(2025, 12, 3, 9, 30, 0, 0, time.UTC).Format(time.RFC3339))
	return f
}

func (f *fuzzServer) do(t *testing.T, method, target, body string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, "http://sandbox.test/", strings.NewReader(body))
	u, err := url.Parse(target)
	if err != nil {
		t.Skip("not a request target")
	}
	r.URL, r.RequestURI = u, target
	if f.token != "" {
		r.Header.Set("Authorization", "Bearer "+f.token)
	}
	if strings.HasPrefix(target, "/oauth/") {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	w := httptest.NewRecorder()
	f.s.ServeHTTP(w, r)
	return w
}

// fuzzRoutes are the endpoints that read a body or a query.
var fuzzRoutes = []struct{ method, path string }{
	{"POST", "/api/v1/appointments/hold"},
	{"POST", "/api/v1/appointments/confirm"},
	{"POST", "/api/v1/appointments/reschedule"},
	{"POST", "/api/v1/appointments/cancel"},
	{"PATCH", "/api/v1/appointments/$APPT"},
	{"DELETE", "/api/v1/appointments/hold/$HOLD"},
	{"POST", "/oauth/token"},
	{"GET", "/api/v1/availability"},
	{"GET", "/api/v1/appointments"},
	{"GET", "/api/v1/appointments/$APPT"},
}

// checkAnswer: no input may make the sandbox fail (5xx), answer anything
// but JSON, or overbook.
func checkAnswer(t *testing.T, f *fuzzServer, method string, w *httptest.ResponseRecorder) {
	t.Helper()
	if w.Code >= 500 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if w.Code != http.StatusNoContent && !json.Valid(w.Body.Bytes()) {
		t.Fatalf("status %d with a body that is not JSON: %q", w.Code, w.Body)
	}
	if method == "GET" || w.Code >= 300 {
		return
	}
	if over := f.s.Ledger().OverCapacity(); len(over) > 0 {
		t.Fatalf("over capacity: %+v", over)
	}
}

func FuzzRequest(f *testing.F) {
	f.Add(uint8(0), "", []byte(`{"service_id":"$SVC","location_id":"$LOC","appointment_time":"$AT","appointment_duration":30}`))
	f.Add(uint8(0), "", []byte(`{"service_id":"$SVC","appointment_time":"2025-12-03T10:30:00+01:00","organization_id":""}`))
	f.Add(uint8(1), "", []byte(`{"hold_id":"$HOLD","contact_name":"Dana Lee","contact_email":"dana@example.com","contact_phone":"+33 1 23 45 67 89","notes":"First visit"}`))
	f.Add(uint8(1), "", []byte(`{"hold_id":"$HOLD","contact_name":"\u001b]0;x\u0007","contact_email":"a@b"}`))
	f.Add(uint8(2), "", []byte(`{"booking_id":"$APPT","appointment_time":"$AT"}`))
	f.Add(uint8(3), "", []byte(`{"appointment_id":"$APPT","reason":"called"}`))
	f.Add(uint8(4), "", []byte(`{"status":"cancelled","reason":"x"}`))
	f.Add(uint8(4), "", []byte(`{"appointment_time":"$AT"}`))
	f.Add(uint8(5), "", []byte(nil))
	f.Add(uint8(6), "", []byte("grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret&scope=org:read"))
	f.Add(uint8(7), "service_id=$SVC&location_id=$LOC&days_ahead=90", []byte(nil))
	f.Add(uint8(7), "service_id=$SVC&days_ahead=-1", []byte(nil))
	f.Add(uint8(8), "from=2025-12-01&to=2025-12-31T23:00:00Z&status=confirmed&q=dana&page_size=3", []byte(nil))
	f.Add(uint8(9), "", []byte(nil))
	f.Add(uint8(1), "", []byte(`{"hold_id":1e999}`))
	f.Add(uint8(0), "", []byte(`[`))
	var apt string
	f.Fuzz(func(t *testing.T, route uint8, query string, body []byte) {
		srv := newFuzzServer(t, &apt)
		rt := fuzzRoutes[int(route)%len(fuzzRoutes)]
		target := srv.vars.Replace(rt.path)
		if query != "" {
			target += "?" + srv.vars.Replace(query)
		}
		checkAnswer(t, srv, rt.method, srv.do(t, rt.method, target, srv.vars.Replace(string(body))))
	})
}

// FuzzPageToken: any page_token and page_size answer a page or a 400, and
// a page never holds more than its size.
func FuzzPageToken(f *testing.F) {
	f.Add("b2Zmc2V0OjI1", "25")       // offset:25
	f.Add("b2Zmc2V0OjA", "")          // offset:0
	f.Add("b2Zmc2V0Oi0x", "10")       // offset:-1
	f.Add("b2Zmc2V0Ojk5OTk5OTk5", "") // offset:99999999
	f.Add("b2Zmc2V0OmFiYw", "1")      // offset:abc
	f.Add("%%%", "200")
	f.Add("", "0")
	var srv *fuzzServer // reads change nothing, so one serves every input
	f.Fuzz(func(t *testing.T, token, size string) {
		if srv == nil {
			var apt string
			srv = newFuzzServer(t, &apt)
		}
		for _, path := range []string{"/api/v1/appointments", "/api/v1/locations", "/api/v1/services"} {
			q := url.Values{"page_token": {token}, "page_size": {size}}
			w := srv.do(t, "GET", path+"?"+q.Encode(), "")
			if w.Code != http.StatusOK {
				if w.Code != http.StatusBadRequest {
					t.Fatalf("%s: status %d", path, w.Code)
				}
				continue
			}
			var page struct {
				Items []json.RawMessage `json:"items"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &page); err != nil {
				t.Fatal(err)
			}
			want := 50
			if size != "" {
				want = len(page.Items) // a size was accepted; it bounds the page below
				if n, err := strconv.Atoi(size); err == nil {
					want = n
				}
			}
			if len(page.Items) > want {
				t.Fatalf("%s: %d items on a page of %d", path, len(page.Items), want)
			}
		}
	})
}

// FuzzParseFaults: a SPEC either fails with a message naming it or reads
// back from its own String, and its decisions stay in range.
func FuzzParseFaults(f *testing.F) {
	for _, spec := range []string{"", "error=0.1,drop=0.05", "hold:error=30%", "latency=20ms-200ms", "confirm:drop=0.2",
		"429=0.05@2s", "error-after=0.05", "slow=0.1@1s", "token:error=0.2", "forget=2m", "error=1,hold:error=0",
		"latency=1h", "error=0.6,drop=0.5", "hold:forget=1m", "=", ":", "a:b:c=d", "error=1e-300", "latency=0s-0s"} {
		f.Add(spec)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		p, err := sandbox.ParseFaults(spec)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		again, err := sandbox.ParseFaults(p.String())
		if err != nil || again.String() != p.String() {
			t.Fatalf("%q reads as %q, which reads back as %q, %v", spec, p.String(), again.String(), err)
		}
		for _, r := range p.Rules {
			if r.Rate < 0 || r.Rate > 1 || r.Min < 0 || r.Max < r.Min {
				t.Fatalf("rule out of range: %+v", r)
			}
		}
	})
}

// FuzzDataFile: a data file loads or is refused with an error; once
// loaded, every read answers without failing or hanging.
func FuzzDataFile(f *testing.F) {
	hostile, err := os.ReadFile(hostileFile)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(hostile)
	f.Add([]byte(`{"version":1,"organization":{"timezone":"UTC"},"services":[null]}`))
	f.Add([]byte(`{"version":1,"organization":{"timezone":"UTC"},"locations":[{"id":"l","timezone":"UTC","hours":[[{"from":0,"to":1440}]]}],` +
		`"services":[{"id":"s","duration_minutes":0,"capacity":1,"location_ids":["l"]}]}`))
	f.Add([]byte(`{"version":1,"organization":{"timezone":"UTC"},"locations":[{"id":"l","timezone":"UTC","hours":[[],[{"from":540,"to":600}]]}],` +
		`"services":[{"id":"s","duration_minutes":15,"capacity":1,"location_ids":["l"]}],"appointments":{"a":{"id":"a","status":"confirmed","service_id":"s","location_id":"l","appointment_time":"2025-12-01T09:00:00Z","appointment_duration":15}},` +
		`"closures":[{"location_id":"l","date":"2025-12-02","note":"x"}],"anchor":"2025-11-01T00:00:00Z","byte_escapes":true}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		file := filepath.Join(t.TempDir(), "data.json")
		if err := os.WriteFile(file, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := sandbox.New(sandbox.Options{DataFile: file, Now: func() time.Time { return t0 }, RateLimit: -1})
		if err != nil {
			return
		}
		srv := &fuzzServer{s: s}
		w := srv.do(t, "POST", "/oauth/token", "grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret")
		var tok struct {
			AccessToken string `json:"access_token"`
		}
		json.Unmarshal(w.Body.Bytes(), &tok)
		srv.token = tok.AccessToken
		paths := []string{"/api/v1/organization", "/api/v1/locations", "/api/v1/services", "/api/v1/appointments?page_size=200"}
		for _, svc := range s.Services() {
			for _, loc := range svc.LocationIDs {
				paths = append(paths, "/api/v1/availability?days_ahead=90&service_id="+url.QueryEscape(svc.ID)+"&location_id="+url.QueryEscape(loc))
			}
		}
		for _, p := range paths {
			w := srv.do(t, "GET", p, "")
			if w.Code >= 500 {
				t.Fatalf("%s: %d %s", p, w.Code, w.Body)
			}
		}
		s.Ledger()
	})
}
