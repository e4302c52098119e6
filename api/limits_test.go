package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zimun-app/zimun/model"
)

// long is n characters of two-byte text, so a cut inside a character
// would show as invalid UTF-8.
func long(n int) string { return strings.Repeat("é", n) }

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// capped checks that got is valid UTF-8, at most max characters, and cut
// (it ends in "…").
func capped(t *testing.T, what, got string, limit int) {
	t.Helper()
	if !utf8.ValidString(got) || utf8.RuneCountInString(got) > limit || !strings.HasSuffix(got, "…") {
		t.Errorf("%s: %d characters (max %d), valid %v, ends %q", what, utf8.RuneCountInString(got), limit,
			utf8.ValidString(got), got[max(0, len(got)-8):])
	}
}

func TestDecodedStringsAreCapped(t *testing.T) {
	huge := long(10_000)
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/v1/organization":
			writeJSON(w, 200, fmt.Sprintf(`{"id":"o_1","name":%s,"timezone":%s}`, quote(huge), quote("Europe/"+huge)))
		case "/api/v1/locations":
			writeJSON(w, 200, fmt.Sprintf(`{"items":[
				{"id":"l_1","name":%[1]s,"address":%[1]s,"timezone":"Europe/Paris"},
				{"id":"l_2","name":"Structured","address":{"line1":%[1]s,"city":%[1]s}}]}`, quote(huge)))
		case "/api/v1/services":
			writeJSON(w, 200, fmt.Sprintf(`{"items":[{"id":"s_1","name":%[1]s,"description":%[1]s,"duration_minutes":30}]}`, quote(huge)))
		case "/api/v1/availability":
			writeJSON(w, 200, fmt.Sprintf(`{"timezone":%[2]s,"days":[],"holidays":{"2025-12-25":%[1]s,"2025-12-26":{"note":%[1]s}}}`,
				quote(huge), quote(strings.Repeat("x", 100))))
		case "/api/v1/appointments/a_1":
			writeJSON(w, 200, fmt.Sprintf(`{"appointment_id":"a_1","status":%[1]s,"service_id":"s_1","location_id":"l_1",
				"appointment_time":"2025-12-01T09:00:00Z","appointment_duration":30,
				"contact_name":%[1]s,"contact_email":%[1]s,"contact_phone":%[1]s,"notes":%[1]s}`, quote(huge)))
		}
	})
	c := f.client()
	ctx := t.Context()

	org, err := c.Organization(ctx)
	if err != nil {
		t.Fatal(err)
	}
	capped(t, "organization name", org.Name, model.MaxTitleRunes)
	if org.Timezone != "" {
		t.Errorf("an overlong time zone is kept: %d bytes", len(org.Timezone))
	}

	locs, err := c.Locations(ctx)
	if err != nil || len(locs) != 2 {
		t.Fatalf("locations: %d, %v", len(locs), err)
	}
	capped(t, "location name", locs[0].Name, model.MaxTitleRunes)
	capped(t, "location address", locs[0].Address, model.MaxAddressRunes)
	capped(t, "structured address", locs[1].Address, model.MaxAddressRunes)

	svcs, err := c.Services(ctx)
	if err != nil || len(svcs) != 1 {
		t.Fatalf("services: %d, %v", len(svcs), err)
	}
	capped(t, "service name", svcs[0].Name, model.MaxTitleRunes)
	capped(t, "service description", svcs[0].Description, model.MaxDescriptionRunes)

	av, err := c.Availability(ctx, "s_1", "l_1", 30)
	if err != nil {
		t.Fatal(err)
	}
	for d, name := range av.Holidays {
		capped(t, "holiday "+d.String(), name, model.MaxHolidayRunes)
	}
	if av.Timezone != "" {
		t.Errorf("an overlong time zone is kept: %q", av.Timezone)
	}

	a, err := c.Appointment(ctx, "a_1")
	if err != nil {
		t.Fatal(err)
	}
	capped(t, "status", a.Status, model.MaxStatusRunes)
	capped(t, "contact name", a.Contact.Name, model.MaxNameRunes)
	capped(t, "contact email", a.Contact.Email, model.MaxEmailBytes)
	capped(t, "contact phone", a.Contact.Phone, model.MaxPhoneRunes)
	capped(t, "notes", a.Contact.Notes, model.MaxNotesRunes)
}

func TestErrorStringsAreCapped(t *testing.T) {
	huge := long(10_000)
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", huge)
		writeJSON(w, 400, fmt.Sprintf(`{"error":{"code":%[1]s,"message":%[1]s}}`, quote(huge)))
	})
	_, err := f.client().Organization(t.Context())
	e, ok := asError(err)
	if !ok {
		t.Fatalf("err = %v", err)
	}
	capped(t, "message", e.Message, model.MaxMessageRunes)
	capped(t, "code", e.Code, model.MaxCodeRunes)
	capped(t, "request id", e.RequestID, model.MaxRequestIDRunes)
}

func TestOverlongIDsAreRefused(t *testing.T) {
	longID := "a_" + strings.Repeat("x", model.MaxIDBytes)
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/v1/locations":
			writeJSON(w, 200, fmt.Sprintf(`{"items":[{"id":%q,"name":"Long"},{"id":"l_\u001b[2J","name":"Escape"},{"id":"l_ok","name":"Fine"}]}`, longID))
		case "/api/v1/services":
			writeJSON(w, 200, fmt.Sprintf(`{"items":[{"id":"s_1","name":"S","duration_minutes":30,"location_ids":[%q,"l_ok"]}]}`, longID))
		case "/api/v1/appointments":
			writeJSON(w, 200, fmt.Sprintf(`{"items":[{"appointment_id":%q},{"appointment_id":"a_ok","booking_id":%q,"service_id":%q}]}`, longID, longID, longID))
		case "/api/v1/appointments/a_1":
			writeJSON(w, 200, fmt.Sprintf(`{"appointment_id":%q}`, longID))
		case "/api/v1/appointments/hold":
			writeJSON(w, 201, fmt.Sprintf(`{"hold_id":%q,"status":"held","service_id":%q}`, longID, longID))
		case "/api/v1/appointments/confirm":
			writeJSON(w, 201, fmt.Sprintf(`{"appointment_id":%q,"status":"confirmed"}`, longID))
		}
	})
	c := f.client()
	ctx := t.Context()

	locs, err := c.Locations(ctx)
	if err != nil || len(locs) != 1 || locs[0].ID != "l_ok" {
		t.Errorf("locations = %+v, %v; want only l_ok", locs, err)
	}
	svcs, err := c.Services(ctx)
	if err != nil || len(svcs) != 1 || len(svcs[0].LocationIDs) != 1 || svcs[0].LocationIDs[0] != "l_ok" {
		t.Errorf("services = %+v, %v; want location_ids [l_ok]", svcs, err)
	}
	page, err := c.Appointments(ctx, AppointmentFilter{})
	if err != nil || len(page.Items) != 1 || page.Items[0].ID != "a_ok" || page.Items[0].BookingID != "" || page.Items[0].ServiceID != "" {
		t.Errorf("appointments = %+v, %v; want only a_ok, without the long ids", page.Items, err)
	}
	if _, err := c.Appointment(ctx, "a_1"); err == nil || !strings.Contains(err.Error(), "unusable appointment id") {
		t.Errorf("appointment with a long id: err = %v", err)
	}
	if _, err := c.Hold(ctx, HoldRequest{ServiceID: "s_1", DurationMinutes: 30}); err == nil || !strings.Contains(err.Error(), "unusable hold id") {
		t.Errorf("hold with a long id: err = %v", err)
	}
	_, err = c.Confirm(ctx, ConfirmRequest{HoldID: "h_1", Contact: contact()})
	if !IsUnreadableReply(err) {
		t.Errorf("confirm answered with a long id: err = %v, want an unreadable reply (it was booked)", err)
	}
}

func TestOverlongPageTokenIsRefused(t *testing.T) {
	token := strings.Repeat("p", model.MaxPageTokenBytes+1)
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, fmt.Sprintf(`{"items":[{"id":"x_1","name":"One"}],"next_page_token":%q}`, token))
	})
	c := f.client()
	if _, err := c.Locations(t.Context()); err == nil || !strings.Contains(err.Error(), "page token") {
		t.Errorf("locations: err = %v", err)
	}
	if _, err := c.Appointments(t.Context(), AppointmentFilter{}); err == nil || !strings.Contains(err.Error(), "page token") {
		t.Errorf("appointments: err = %v", err)
	}
}
