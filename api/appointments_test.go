package api

import (
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/zimun-app/zimun/model"
)

func contact() model.Contact {
	return model.Contact{Name: " Dana Lee ", Email: "dana@example.com"}
}

// recorder keeps the requests a fake API saw.
type recorder struct {
	mu   sync.Mutex
	reqs []string // "METHOD /path?query body"
}

func (rec *recorder) add(r *http.Request) string {
	b, _ := io.ReadAll(r.Body)
	line := r.Method + " " + r.URL.RequestURI()
	if len(b) > 0 {
		line += " " + string(b)
	}
	rec.mu.Lock()
	rec.reqs = append(rec.reqs, line)
	rec.mu.Unlock()
	return line
}

func (rec *recorder) all() []string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]string(nil), rec.reqs...)
}

const apptJSON = `{"appointment_id":"a_1","booking_id":"a_1","status":"confirmed","service_id":"s_1","location_id":"l_1",
	"appointment_time":"2025-12-01T10:00:00+01:00","appointment_duration":30,"contact_name":"Dana Lee",
	"contact_email":"dana@example.com","contact_phone":"","notes":"","created_at":"2025-11-30T08:00:00Z","updated_at":""}`

func TestHoldBodyMatchesTheSeed(t *testing.T) {
	var rec recorder
	var orgCalls atomic.Int32
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/organization" {
			orgCalls.Add(1)
			writeJSON(w, 200, `{"id":"o_123","name":"Clinic"}`)
			return
		}
		rec.add(r)
		if r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("Content-Type = %q", r.Header.Get("Content-Type"))
		}
		writeJSON(w, 201, `{"hold_id":"h_1","status":"held","expires_at":"2025-12-01T09:10:00Z"}`)
	})
	c := f.client(func(c *Config) { c.OrganizationID = "" })
	paris, _ := time.LoadLocation("Europe/Paris")
	when := time.Date(2025, 12, 1, 11, 0, 0, 500, paris)
	for range 2 {
		if _, err := c.Hold(t.Context(), HoldRequest{ServiceID: "s_123", Time: when, DurationMinutes: 30}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Hold(t.Context(), HoldRequest{ServiceID: "s_123", LocationID: "l_1", Time: when, DurationMinutes: 30}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`POST /api/v1/appointments/hold {"organization_id":"o_123","service_id":"s_123","appointment_time":"2025-12-01T10:00:00Z","appointment_duration":30}`,
		`POST /api/v1/appointments/hold {"organization_id":"o_123","service_id":"s_123","appointment_time":"2025-12-01T10:00:00Z","appointment_duration":30}`,
		`POST /api/v1/appointments/hold {"organization_id":"o_123","service_id":"s_123","location_id":"l_1","appointment_time":"2025-12-01T10:00:00Z","appointment_duration":30}`,
	}
	if got := rec.all(); !reflect.DeepEqual(got, want) {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := orgCalls.Load(); n != 1 {
		t.Errorf("organization fetched %d times, want once", n)
	}
}

func TestHoldUsesTheOrganizationAlreadyShown(t *testing.T) {
	var orgCalls atomic.Int32
	var body string
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/organization" {
			orgCalls.Add(1)
			writeJSON(w, 200, `{"id":"o_123","name":"Clinic"}`)
			return
		}
		b, _ := io.ReadAll(r.Body)
		body = string(b)
		writeJSON(w, 201, `{"hold_id":"h_1","status":"held","expires_at":"2025-12-01T09:10:00Z"}`)
	})
	c := f.client(func(c *Config) { c.OrganizationID = "" })
	if _, err := c.Organization(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Hold(t.Context(), HoldRequest{ServiceID: "s_123", Time: time.Now(), DurationMinutes: 30}); err != nil {
		t.Fatal(err)
	}
	if n := orgCalls.Load(); n != 1 {
		t.Errorf("organization fetched %d times, want once", n)
	}
	if !strings.Contains(body, `"organization_id":"o_123"`) {
		t.Errorf("hold body %s lacks the organization", body)
	}
}

func TestConfirmBodyAndDecoding(t *testing.T) {
	var rec recorder
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		rec.add(r)
		writeJSON(w, 201, `{"id":"a_9","status":"confirmed","appointment_time":"2025-12-01T10:00:00+01:00",
			"appointment_duration":"30","contact_name":"\u001b[31mDana\u0007","contact_email":"dana@example.com",
			"contact_phone":"+33 1 23 45 67 89","notes":"line 1\nline 2\u001b[2J","created_at":"2025-11-30T08:00:00Z"}`)
	})
	ct := contact()
	ct.Phone, ct.Notes = "+33 1 23 45 67 89", "ring twice"
	a, err := f.client().Confirm(t.Context(), ConfirmRequest{HoldID: "h_1", Contact: ct})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rec.all()[0], `POST /api/v1/appointments/confirm {"hold_id":"h_1","contact_name":"Dana Lee","contact_email":"dana@example.com","contact_phone":"+33 1 23 45 67 89","notes":"ring twice"}`; got != want {
		t.Errorf("request = %s\nwant      %s", got, want)
	}
	want := model.Appointment{ID: "a_9", Status: "confirmed", Time: at("2025-12-01T09:00:00Z"), DurationMinutes: 30,
		Contact:   model.Contact{Name: "Dana", Email: "dana@example.com", Phone: "+33 1 23 45 67 89", Notes: "line 1\nline 2"},
		CreatedAt: at("2025-11-30T08:00:00Z")}
	if !a.Time.Equal(want.Time) {
		t.Errorf("time = %v", a.Time)
	}
	a.Time = want.Time
	if !reflect.DeepEqual(a, want) {
		t.Errorf("appointment:\n got %+v\nwant %+v", a, want)
	}

	rec.reqs = nil
	if _, err := f.client().Confirm(t.Context(), ConfirmRequest{HoldID: "h_1", Contact: contact()}); err != nil {
		t.Fatal(err)
	}
	if got := rec.all()[0]; strings.Contains(got, "contact_phone") || strings.Contains(got, "notes") {
		t.Errorf("empty optional fields sent: %s", got)
	}
}

func TestRescheduleAndCancelFallBackToPost(t *testing.T) {
	var rec recorder
	patchStatus := 405
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		rec.add(r)
		if r.Method == http.MethodPatch {
			writeJSON(w, patchStatus, `{"error":{"code":"not_found","message":"no route"}}`)
			return
		}
		writeJSON(w, 200, apptJSON)
	})
	c := f.client()
	when := at("2025-12-02T11:00:00+01:00")
	for range 2 {
		if _, err := c.Reschedule(t.Context(), RescheduleRequest{AppointmentID: "a_1", Time: when, IdempotencyKey: "k1"}); err != nil {
			t.Fatal(err)
		}
	}
	patchStatus = 404
	for range 2 {
		if _, err := c.Cancel(t.Context(), CancelRequest{AppointmentID: "a_1", Reason: "ill", IdempotencyKey: "k2"}); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{
		`PATCH /api/v1/appointments/a_1 {"appointment_time":"2025-12-02T10:00:00Z"}`,
		`POST /api/v1/appointments/reschedule {"booking_id":"a_1","appointment_time":"2025-12-02T10:00:00Z"}`,
		`POST /api/v1/appointments/reschedule {"booking_id":"a_1","appointment_time":"2025-12-02T10:00:00Z"}`,
		`PATCH /api/v1/appointments/a_1 {"status":"cancelled","reason":"ill"}`,
		`POST /api/v1/appointments/cancel {"booking_id":"a_1","reason":"ill"}`,
		`POST /api/v1/appointments/cancel {"booking_id":"a_1","reason":"ill"}`,
	}
	if got := rec.all(); !reflect.DeepEqual(got, want) {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPatchNotFoundAppointmentDoesNotFallBack(t *testing.T) {
	var rec recorder
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		rec.add(r)
		writeJSON(w, 404, `{"error":{"code":"appointment_not_found","message":"no appointment a_x"}}`)
	})
	_, err := f.client().Cancel(t.Context(), CancelRequest{AppointmentID: "a_x"})
	if !IsNotFound(err) || len(rec.all()) != 1 {
		t.Errorf("err = %v after %d requests; want not found after 1", err, len(rec.all()))
	}
}

func TestPatchWorksAndStaysPatch(t *testing.T) {
	var rec recorder
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		rec.add(r)
		if r.Header.Get("Idempotency-Key") == "" {
			t.Error("PATCH without an Idempotency-Key")
		}
		writeJSON(w, 200, apptJSON)
	})
	c := f.client()
	a, err := c.Cancel(t.Context(), CancelRequest{AppointmentID: "a_1"})
	if err != nil || a.ID != "a_1" {
		t.Fatal(a, err)
	}
	if _, err := c.Reschedule(t.Context(), RescheduleRequest{AppointmentID: "a_1", Time: at("2025-12-02T11:00:00Z")}); err != nil {
		t.Fatal(err)
	}
	for _, r := range rec.all() {
		if !strings.HasPrefix(r, "PATCH /api/v1/appointments/a_1 ") {
			t.Errorf("request %s, want PATCH", r)
		}
	}
}

func TestReleaseHoldTolerance(t *testing.T) {
	for _, tc := range []struct {
		status  int
		body    string
		wantErr bool
	}{
		{204, "", false},
		{404, "", false}, // no such route
		{404, `{"error":{"code":"not_found","message":"no"}}`, false}, // no such route
		{405, "", false},
		{409, "", true},
		{404, `{"error":{"code":"hold_not_found","message":"no hold with id \"h_1\""}}`, true},
	} {
		f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodDelete || r.URL.Path != "/api/v1/appointments/hold/h_1" {
				t.Errorf("%s %s", r.Method, r.URL.Path)
			}
			writeJSON(w, tc.status, tc.body)
		})
		err := f.client().ReleaseHold(t.Context(), "h_1")
		if (err != nil) != tc.wantErr {
			t.Errorf("%d %s: err = %v", tc.status, tc.body, err)
		}
		if strings.Contains(tc.body, "hold_not_found") && !IsHoldNotFound(err) {
			t.Errorf("IsHoldNotFound(%v) = false", err)
		}
	}
}

// The first DELETE released the hold but its reply was lost: the retry's
// hold_not_found is that same release, not a failure.
func TestReleaseHoldAfterALostReply(t *testing.T) {
	var calls int
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		calls++
		if calls == 1 {
			w.WriteHeader(502) // applied, then the reply lost on the way
			return
		}
		writeJSON(w, 404, `{"error":{"code":"hold_not_found","message":"no hold with id \"h_1\""}}`)
	})
	if err := f.client().ReleaseHold(t.Context(), "h_1"); err != nil || calls != 2 {
		t.Fatalf("err = %v after %d calls, want nil after 2", err, calls)
	}
}

func TestAppointmentsQueryAndPage(t *testing.T) {
	var rec recorder
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		rec.add(r)
		if r.URL.Path == "/api/v1/appointments/a%2Fb" || r.URL.RawPath == "/api/v1/appointments/a%2Fb" {
			writeJSON(w, 200, apptJSON)
			return
		}
		writeJSON(w, 200, `{"items":[`+apptJSON+`,{"id":"a_2","status":"cancelled"}],"next_page_token":"p2"}`)
	})
	c := f.client()
	paris, _ := time.LoadLocation("Europe/Paris")
	p, err := c.Appointments(t.Context(), AppointmentFilter{
		From: time.Date(2025, 12, 1, 0, 0, 0, 0, paris), To: time.Date(2025, 12, 8, 0, 0, 0, 0, paris),
		Status: "confirmed", Query: "Dana Lee+", PageSize: 20, PageToken: "p1",
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rec.all()[0], "GET /api/v1/appointments?from=2025-11-30T23%3A00%3A00Z&page_size=20&page_token=p1&q=Dana+Lee%2B&status=confirmed&to=2025-12-07T23%3A00%3A00Z"; got != want {
		t.Errorf("request = %s\nwant      %s", got, want)
	}
	if len(p.Items) != 2 || p.Items[0].ID != "a_1" || p.Items[1].ID != "a_2" || p.NextPageToken != "p2" {
		t.Errorf("page = %+v", p)
	}
	if _, err := c.Appointments(t.Context(), AppointmentFilter{}); err != nil {
		t.Fatal(err)
	}
	if got := rec.all()[1]; got != "GET /api/v1/appointments" {
		t.Errorf("empty filter sent %s", got)
	}
	if a, err := c.Appointment(t.Context(), "a/b"); err != nil || a.ID != "a_1" {
		t.Errorf("Appointment = %+v, %v", a, err)
	}
}

func TestCatalogPagination(t *testing.T) {
	var rec recorder
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		rec.add(r)
		tok := r.URL.Query().Get("page_token")
		switch {
		case r.URL.Path == "/api/v1/locations" && tok == "":
			writeJSON(w, 200, `{"items":[{"id":"l_1","name":"Main\u001b[5m","address":"1 rue X","timezone":"Europe/Paris","active":true}],"next_page_token":"n2"}`)
		case r.URL.Path == "/api/v1/locations":
			writeJSON(w, 200, `{"items":[{"id":"l_2","name":"Annex","address":{"line1":"2 rue Y","city":"Lyon"},"active":false},{"id":"l_3","name":"New"}],"next_page_token":""}`)
		case r.URL.Path == "/api/v1/services" && tok == "":
			writeJSON(w, 200, `{"items":[{"id":"s_1","name":"Cut","description":"A\u202e cut","duration_minutes":30,"location_ids":["l_1"]}],"next_page_token":"n2"}`)
		default:
			writeJSON(w, 200, `{"items":[{"id":"s_2","name":"Dye","duration":"45"}],"next_page_token":"n2"}`)
		}
	})
	c := f.client()
	locs, err := c.Locations(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	wantLocs := []model.Location{
		{ID: "l_1", Name: "Main", Address: "1 rue X", Timezone: "Europe/Paris", Active: true},
		{ID: "l_2", Name: "Annex", Address: "2 rue Y, Lyon"},
		{ID: "l_3", Name: "New", Active: true},
	}
	for i := range wantLocs {
		wantLocs[i] = wantLocs[i].WithZone() // decoded locations come with their zone loaded
	}
	if !reflect.DeepEqual(locs, wantLocs) {
		t.Errorf("locations = %+v", locs)
	}
	_, err = c.Services(t.Context())
	if err == nil || !strings.Contains(err.Error(), "repeated a page token") {
		t.Errorf("err = %v, want a repeated-token error", err)
	}
	got := rec.all()
	if got[2] != "GET /api/v1/services?page_size=50" || got[3] != "GET /api/v1/services?page_size=50&page_token=n2" {
		t.Errorf("service requests = %q", got[2:])
	}
}

func TestNewIdempotencyKey(t *testing.T) {
	a, b := NewIdempotencyKey(), NewIdempotencyKey()
	u, err := uuid.Parse(a)
	if err != nil || u.Version() != 4 || a == b {
		t.Errorf("keys %q %q are not distinct UUID v4s", a, b)
	}
}
