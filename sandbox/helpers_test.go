package sandbox_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zimun-app/zimun/sandbox"
)

// t0 is Monday 1 December 2025, 09:00 in Paris (03:00 in New York). Every
// test starts there, so holidays (Christmas) and weekdays are known.
var t0 = time.Date(2025, 12, 1, 8, 0, 0, 0, time.UTC)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *fakeClock) Advance(d time.Duration) { c.Set(c.Now().Add(d)) }

// env is a sandbox behind a real loopback HTTP server, plus a token.
type env struct {
	t     testing.TB
	s     *sandbox.Server
	url   string
	clock *fakeClock
	token string

	consult, followUp, physio, check sandbox.Service
	paris, newYork, lyon             sandbox.Location
}

func newEnv(t testing.TB, opts sandbox.Options) *env {
	t.Helper()
	clock := &fakeClock{t: t0}
	if opts.Now == nil {
		opts.Now = clock.Now
	}
	s, err := sandbox.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	e := &env{t: t, s: s, url: srv.URL, clock: clock}
	if svcs, locs := s.Services(), s.Locations(); len(svcs) == 4 && len(locs) == 3 { // the demo data
		e.consult, e.followUp, e.physio, e.check = svcs[0], svcs[1], svcs[2], svcs[3]
		e.paris, e.newYork, e.lyon = locs[0], locs[1], locs[2]
	}
	e.token = e.tokenFor("demo-client", "demo-secret")
	return e
}

func (e *env) tokenFor(id, secret string) string {
	e.t.Helper()
	r := postToken(e.t, e, "grant_type=client_credentials", id, secret)
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if r.status != 200 || json.Unmarshal(r.body, &tok) != nil || tok.AccessToken == "" {
		e.t.Fatalf("token for %s: %d %s", id, r.status, r.body)
	}
	return tok.AccessToken
}

// postToken asks for a token the way the seed's examples do: form body,
// client credentials as HTTP Basic.
func postToken(t testing.TB, e *env, form, user, pass string) response {
	t.Helper()
	req, _ := http.NewRequest("POST", e.url+"/oauth/token", strings.NewReader(form))
	if user != "" {
		req.SetBasicAuth(user, pass)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, body}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// decode unmarshals the body into v, failing the test on bad JSON.
func (r response) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// call sends body (marshalled unless it is a string) with the env's token.
// headers come in name, value pairs.
func (e *env) call(method, path string, body any, headers ...string) response {
	e.t.Helper()
	return e.callAs(e.token, method, path, body, headers...)
}

func (e *env) callAs(token, method, path string, body any, headers ...string) response {
	e.t.Helper()
	resp, err := e.send(token, method, path, body, headers...)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp
}

// send is call without failing the test, for use from goroutines and for
// requests whose reply is expected to be lost.
func (e *env) send(token, method, path string, body any, headers ...string) (response, error) {
	return e.sendVia(http.DefaultClient, token, method, path, body, headers...)
}

func (e *env) sendVia(client *http.Client, token, method, path string, body any, headers ...string) (response, error) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			return response{}, err
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, e.url+path, rd)
	if err != nil {
		return response{}, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, data}, err
}

// wantError checks a canonical error answer.
func wantError(t *testing.T, r response, status int, code string) string {
	t.Helper()
	var body struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	if err := json.Unmarshal(r.body, &body); err != nil || body.Error.Code != code || body.Error.Message == "" {
		t.Fatalf("body %s, want canonical error with code %q", r.body, code)
	}
	return body.Error.Message
}

type slot struct {
	Start        time.Time `json:"start"`
	End          time.Time `json:"end"`
	CapacityLeft int       `json:"capacity_left"`
}

type availability struct {
	ServiceID  string `json:"service_id"`
	LocationID string `json:"location_id"`
	Timezone   string `json:"timezone"`
	Days       []struct {
		Date  string `json:"date"`
		Slots []slot `json:"slots"`
	} `json:"days"`
	Holidays map[string]string `json:"holidays"`
}

func (e *env) availability(svc sandbox.Service, loc sandbox.Location, days int) availability {
	e.t.Helper()
	q := url.Values{"service_id": {svc.ID}, "days_ahead": {fmt.Sprint(days)}, "location_id": {loc.ID}}
	r := e.call("GET", "/api/v1/availability?"+q.Encode(), nil)
	if r.status != 200 {
		e.t.Fatalf("availability: %d %s", r.status, r.body)
	}
	var a availability
	r.decode(e.t, &a)
	return a
}

// freeSlots lists the slots of svc at loc with at least minLeft places.
func (e *env) freeSlots(svc sandbox.Service, loc sandbox.Location, minLeft int) []slot {
	e.t.Helper()
	var out []slot
	for _, d := range e.availability(svc, loc, 14).Days {
		for _, s := range d.Slots {
			if s.CapacityLeft >= minLeft {
				out = append(out, s)
			}
		}
	}
	if len(out) == 0 {
		e.t.Fatalf("no slot of %s with %d places", svc.Name, minLeft)
	}
	return out
}

type holdResp struct {
	HoldID              string    `json:"hold_id"`
	Status              string    `json:"status"`
	ServiceID           string    `json:"service_id"`
	LocationID          string    `json:"location_id"`
	AppointmentTime     time.Time `json:"appointment_time"`
	AppointmentDuration int       `json:"appointment_duration"`
	ExpiresAt           time.Time `json:"expires_at"`
}

type appt struct {
	AppointmentID       string    `json:"appointment_id"`
	BookingID           string    `json:"booking_id"`
	Status              string    `json:"status"`
	ServiceID           string    `json:"service_id"`
	LocationID          string    `json:"location_id"`
	AppointmentTime     time.Time `json:"appointment_time"`
	AppointmentDuration int       `json:"appointment_duration"`
	ContactName         string    `json:"contact_name"`
	ContactEmail        string    `json:"contact_email"`
	ContactPhone        string    `json:"contact_phone"`
	Notes               string    `json:"notes"`
	CreatedAt           time.Time `json:"created_at"`
	UpdatedAt           time.Time `json:"updated_at"`
}

func holdBody(svc sandbox.Service, loc sandbox.Location, at time.Time) map[string]any {
	return map[string]any{"service_id": svc.ID, "location_id": loc.ID,
		"appointment_time": at.UTC().Format(time.RFC3339), "appointment_duration": svc.DurationMinutes}
}

func (e *env) hold(svc sandbox.Service, loc sandbox.Location, at time.Time) holdResp {
	e.t.Helper()
	r := e.call("POST", "/api/v1/appointments/hold", holdBody(svc, loc, at))
	if r.status != 201 {
		e.t.Fatalf("hold: %d %s", r.status, r.body)
	}
	var h holdResp
	r.decode(e.t, &h)
	return h
}

func (e *env) confirm(holdID, name, email string) appt {
	e.t.Helper()
	r := e.call("POST", "/api/v1/appointments/confirm",
		map[string]any{"hold_id": holdID, "contact_name": name, "contact_email": email})
	if r.status != 201 {
		e.t.Fatalf("confirm: %d %s", r.status, r.body)
	}
	var a appt
	r.decode(e.t, &a)
	return a
}

// hasSlot reports whether availability still offers the slot at start.
func (e *env) hasSlot(svc sandbox.Service, loc sandbox.Location, start time.Time) (left int, ok bool) {
	e.t.Helper()
	for _, d := range e.availability(svc, loc, 14).Days {
		for _, s := range d.Slots {
			if s.Start.Equal(start) {
				return s.CapacityLeft, true
			}
		}
	}
	return 0, false
}

// paris returns a wall-clock time in Paris.
func paris(y int, m time.Month, d, hh, mm int) time.Time {
	tz, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	return time.Date(y, m, d, hh, mm, 0, 0, tz)
}

// lockedBuffer collects log output written from server goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
