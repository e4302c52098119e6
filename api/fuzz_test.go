package api

import (
	"encoding/json"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/zimun-app/zimun/model"
)

// Fuzz targets for everything api reads from a server. Seeds live in
// testdata/fuzz/<target>/ and run with the normal tests; to fuzz one:
//
//	go test ./api -run '^$' -fuzz '^FuzzDecodeError$' -fuzztime 60s

// safe fails t unless s is valid UTF-8 of at most max characters with
// nothing Sanitize would remove.
func safe(t *testing.T, what, s string, max int, multiline bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s is not valid UTF-8: %q", what, s)
	}
	if n := utf8.RuneCountInString(s); n > max {
		t.Fatalf("%s has %d characters, over its cap of %d", what, n, max)
	}
	if r, _, bad := model.Unsafe(s, multiline); bad {
		t.Fatalf("%s holds %U: %q", what, r, s)
	}
}

// id fails t unless s is "" or a usable id.
func id(t *testing.T, what, s string) {
	t.Helper()
	if s != "" && !model.ValidID(s) {
		t.Fatalf("%s is not a usable id: %q", what, s)
	}
}

const (
	fuzzID     = "fuzz-client"
	fuzzSecret = "fuzz-s3cret/key"
	fuzzToken  = "fuzztokenvalueabc"
)

func fuzzRedactor() *redactor {
	r := newRedactor(fuzzID, fuzzSecret)
	r.remember(fuzzToken)
	return r
}

func FuzzDecodeError(f *testing.F) {
	f.Add(409, "application/json", "req_1", `{"error":{"code":"slot_unavailable","message":"taken"}}`)
	f.Fuzz(func(t *testing.T, status int, ctype, requestID, body string) {
		h := http.Header{"Content-Type": {ctype}, "X-Request-Id": {requestID}}
		e := decodeError(opConfirm, status, h, []byte(body), fuzzRedactor().scrub)
		if e.Message == "" || e.Error() != e.Message || e.Status != status {
			t.Fatalf("error %#v: empty or inconsistent", e)
		}
		safe(t, "message", e.Message, model.MaxMessageRunes, false)
		safe(t, "code", e.Code, model.MaxCodeRunes, false)
		safe(t, "request id", e.RequestID, model.MaxRequestIDRunes, false)
		for _, field := range []string{e.Message, e.Code, e.RequestID} {
			for _, secret := range append(fuzzRedactor().fixed, fuzzToken) {
				if strings.Contains(field, secret) {
					t.Fatalf("%q shows %q", field, secret)
				}
			}
		}
	})
}

func FuzzAvailability(f *testing.F) {
	f.Add([]byte(`{"timezone":"Europe/Paris","days":[{"date":"2025-12-01","slots":[{"start":"2025-12-01T09:00:00+01:00","capacity_left":2}]}],"holidays":{"2025-12-25":"Christmas Day"}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var w wireAvailability
		if json.Unmarshal(body, &w) != nil {
			return
		}
		a := w.model(30 * time.Minute)
		id(t, "service id", a.ServiceID)
		id(t, "location id", a.LocationID)
		safe(t, "time zone", a.Timezone, model.MaxTimezoneRunes, false)
		for i, d := range a.Days {
			if i > 0 && !a.Days[i-1].Date.Before(d.Date) {
				t.Fatalf("days out of order or repeated: %v then %v", a.Days[i-1].Date, d.Date)
			}
			for j, s := range d.Slots {
				if model.DateOf(s.Start) != d.Date {
					t.Fatalf("slot %v listed on %v", s.Start, d.Date)
				}
				if j > 0 && !d.Slots[j-1].Start.Before(s.Start) {
					t.Fatalf("slots of %v out of order or repeated", d.Date)
				}
				if s.CapacityLeft <= 0 || s.End.Before(s.Start) {
					t.Fatalf("slot %+v: no room or ends before it starts", s)
				}
			}
		}
		for d, name := range a.Holidays {
			if name == "" {
				t.Fatalf("holiday %v without a name", d)
			}
			safe(t, "holiday", name, model.MaxHolidayRunes, false)
		}
	})
}

// checkAppointment asserts the caps and id rules on a decoded appointment.
func checkAppointment(t *testing.T, a model.Appointment) {
	t.Helper()
	id(t, "appointment id", a.ID)
	id(t, "booking id", a.BookingID)
	id(t, "service id", a.ServiceID)
	id(t, "location id", a.LocationID)
	safe(t, "status", a.Status, model.MaxStatusRunes, false)
	safe(t, "name", a.Contact.Name, model.MaxNameRunes, false)
	safe(t, "email", a.Contact.Email, model.MaxEmailBytes, false)
	safe(t, "phone", a.Contact.Phone, model.MaxPhoneRunes, false)
	safe(t, "notes", a.Contact.Notes, model.MaxNotesRunes, true)
	if a.DurationMinutes < 0 || a.DurationMinutes > model.MaxDurationMinutes {
		t.Fatalf("duration %d minutes", a.DurationMinutes)
	}
	if a.End().Before(a.Time) {
		t.Fatalf("ends %v before it starts %v", a.End(), a.Time)
	}
}

func FuzzAppointment(f *testing.F) {
	f.Add([]byte(`{"appointment_id":"a_1","status":"confirmed","appointment_time":"2025-12-01T09:00:00Z","appointment_duration":30,"contact_name":"Dana"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := decodeAppointment(opAppointment, body)
		if err != nil {
			safe(t, "error", err.Error(), 1000, false)
			return
		}
		if a.ID == "" {
			t.Fatal("decoded without an id")
		}
		checkAppointment(t, a)
		var p page[wireAppointment]
		if json.Unmarshal(body, &p) == nil {
			for _, w := range p.Items {
				if a, ok := w.model(); ok {
					checkAppointment(t, a)
				}
			}
		}
	})
}

func FuzzCatalog(f *testing.F) {
	f.Add([]byte(`{"items":[{"id":"l_1","name":"Paris","address":{"line1":"12 rue des Archives","city":"Paris"},"timezone":"Europe/Paris","id":"s_1","duration_minutes":"30","location_ids":["l_1"]}],"next_page_token":"p2"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var locs page[wireLocation]
		if json.Unmarshal(body, &locs) == nil {
			for _, w := range locs.Items {
				l, ok := w.model()
				if !ok {
					continue
				}
				id(t, "location id", l.ID)
				safe(t, "location name", l.Name, model.MaxTitleRunes, false)
				safe(t, "address", l.Address, model.MaxAddressRunes, false)
				safe(t, "time zone", l.Timezone, model.MaxTimezoneRunes, false)
			}
			if _, err := pageToken(opLocations, locs.NextPageToken); err == nil && len(locs.NextPageToken) > model.MaxPageTokenBytes {
				t.Fatal("overlong page token accepted")
			}
		}
		var svcs page[wireService]
		if json.Unmarshal(body, &svcs) == nil {
			for _, w := range svcs.Items {
				s, ok := w.model()
				if !ok {
					continue
				}
				id(t, "service id", s.ID)
				safe(t, "service name", s.Name, model.MaxTitleRunes, false)
				safe(t, "description", s.Description, model.MaxDescriptionRunes, false)
				if s.DurationMinutes < 0 || s.DurationMinutes > model.MaxDurationMinutes {
					t.Fatalf("duration %d minutes", s.DurationMinutes)
				}
				for _, l := range s.LocationIDs {
					if !model.ValidID(l) {
						t.Fatalf("location id %q", l)
					}
				}
			}
		}
	})
}

func FuzzRetryAfter(f *testing.F) {
	f.Add("120", "")
	f.Add("Wed, 21 Oct 2015 07:28:00 GMT", "Wed, 21 Oct 2015 07:27:00 GMT")
	now := time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, value, date string) {
		h := http.Header{"Retry-After": {value}, "Date": {date}}
		d := retryAfter(h, now)
		if d < 0 || d > maxRetryAfterSecs*time.Second {
			t.Fatalf("Retry-After %q (Date %q) = %v", value, date, d)
		}
		if n, err := strconv.Atoi(strings.TrimSpace(value)); err == nil && n >= 0 && n <= maxRetryAfterSecs && d != time.Duration(n)*time.Second {
			t.Fatalf("Retry-After %q = %v, want %ds", value, d, n)
		}
	})
}

func FuzzFlexTime(f *testing.F) {
	f.Add([]byte(`"2025-12-01T09:00:00+01:00"`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var ft flexTime
		if err := ft.UnmarshalJSON(b); err != nil {
			safe(t, "error", err.Error(), 1000, false)
		} else if !ft.IsZero() {
			again, err := time.Parse(time.RFC3339, ft.Format(time.RFC3339Nano))
			if err != nil || !again.Equal(ft.Time) {
				t.Fatalf("%s read as %v; its RFC 3339 form reads back as %v, %v", b, ft.Time, again, err)
			}
		}
		var ot optTime
		if err := ot.UnmarshalJSON(b); err != nil {
			t.Fatalf("optTime refused %s: %v", b, err)
		}
	})
}

func FuzzFlexInt(f *testing.F) {
	f.Add([]byte(`30`))
	f.Add([]byte(`"45"`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var n flexInt
		if err := n.UnmarshalJSON(b); err != nil {
			safe(t, "error", err.Error(), 1000, false)
			return
		}
		if n < math.MinInt32 || n > math.MaxInt32 {
			t.Fatalf("%s read as %d, outside 32 bits", b, n)
		}
		literal := strings.Trim(string(b), `"`)
		if want, err := strconv.ParseInt(literal, 10, 32); err == nil && int64(n) != want {
			t.Fatalf("%s read as %d, want %d", b, n, want)
		}
	})
}

func FuzzNormalizeBaseURL(f *testing.F) {
	f.Add("https://api.zimun.online/api/v1/")
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := normalizeBaseURL(raw)
		if err != nil {
			safe(t, "error", err.Error(), 1000, false)
			return
		}
		u, err := url.Parse(got)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
			u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(got, "/") || strings.HasSuffix(got, "/api/v1") {
			t.Fatalf("normalizeBaseURL(%q) = %q (%v)", raw, got, err)
		}
		safe(t, "base URL", got, 1<<20, false)
		if again, err := normalizeBaseURL(got); err != nil || again != got {
			t.Fatalf("normalizeBaseURL(%q) = %q, but again gives %q, %v", raw, got, again, err)
		}
	})
}
