package sandbox

import (
	"cmp"
	"fmt"
	"net/http"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

const (
	statusConfirmed = "confirmed"
	statusCancelled = "cancelled"
)

// hold reserves capacity in a slot until ExpiresAt, or until it is
// confirmed into an appointment (which then does the reserving).
type hold struct {
	ID            string    `json:"id"`
	ServiceID     string    `json:"service_id"`
	LocationID    string    `json:"location_id"`
	Start         time.Time `json:"appointment_time"`
	Duration      int       `json:"appointment_duration"`
	ExpiresAt     time.Time `json:"expires_at"`
	AppointmentID string    `json:"appointment_id,omitempty"`
	// IdempotencyKey is the key of the request that placed it, for the
	// ledger: a client that lost the reply knows only its key.
	IdempotencyKey string `json:"idempotency_key,omitempty"`
}

// live is the one predicate for hold expiry, used by availability, by
// claiming a slot and by confirm alike: a hold is live iff now < expires_at.
func (h *hold) live(now time.Time) bool { return now.Before(h.ExpiresAt) }

// blocks reports whether the hold takes capacity: live and not yet turned
// into an appointment.
func (h *hold) blocks(now time.Time) bool { return h.AppointmentID == "" && h.live(now) }

type appointment struct {
	ID                 string    `json:"id"`
	Status             string    `json:"status"`
	ServiceID          string    `json:"service_id"`
	LocationID         string    `json:"location_id"`
	Start              time.Time `json:"appointment_time"`
	Duration           int       `json:"appointment_duration"`
	ContactName        string    `json:"contact_name"`
	ContactEmail       string    `json:"contact_email"`
	ContactPhone       string    `json:"contact_phone"`
	Notes              string    `json:"notes"`
	CancellationReason string    `json:"cancellation_reason,omitempty"`
	CreatedAt          time.Time `json:"created_at"`
	UpdatedAt          time.Time `json:"updated_at"`
	// HoldID and IdempotencyKey: the hold it was confirmed from and the
	// confirm's key, for the ledger ("" for seeded ones).
	HoldID         string `json:"hold_id,omitempty"`
	IdempotencyKey string `json:"idempotency_key,omitempty"`
}

// Email is a message the sandbox "sent" to a customer; nothing leaves the
// process: it lands in the outbox and the log.
type Email struct {
	Kind          string    `json:"kind"` // confirmation, update or cancellation
	To            string    `json:"to"`
	Subject       string    `json:"subject"`
	Body          string    `json:"body"`
	AppointmentID string    `json:"appointment_id"`
	At            time.Time `json:"at"`
}

type holdJSON struct {
	HoldID              string    `json:"hold_id"`
	Status              string    `json:"status"`
	ServiceID           string    `json:"service_id"`
	LocationID          string    `json:"location_id"`
	AppointmentTime     time.Time `json:"appointment_time"`
	AppointmentDuration int       `json:"appointment_duration"`
	ExpiresAt           time.Time `json:"expires_at"`
}

type appointmentJSON struct {
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
	CancellationReason  string    `json:"cancellation_reason,omitempty"`
	CreatedAt           time.Time `json:"created_at"`
	UpdatedAt           time.Time `json:"updated_at"`
}

// localTime shows t in the zone of the location, as slots are shown.
func (s *Server) localTime(locationID string, t time.Time) time.Time {
	if loc := s.st.location(locationID); loc != nil {
		if tz, err := s.zone(loc.Timezone); err == nil {
			return t.In(tz)
		}
	}
	return t.UTC()
}

func (s *Server) holdView(h *hold) holdJSON {
	return holdJSON{HoldID: h.ID, Status: "held", ServiceID: h.ServiceID, LocationID: h.LocationID,
		AppointmentTime: s.localTime(h.LocationID, h.Start), AppointmentDuration: h.Duration, ExpiresAt: h.ExpiresAt.UTC()}
}

func (s *Server) appointmentView(a *appointment) appointmentJSON {
	return appointmentJSON{AppointmentID: a.ID, BookingID: a.ID, Status: a.Status, ServiceID: a.ServiceID,
		LocationID: a.LocationID, AppointmentTime: s.localTime(a.LocationID, a.Start), AppointmentDuration: a.Duration,
		ContactName: a.ContactName, ContactEmail: a.ContactEmail, ContactPhone: a.ContactPhone, Notes: a.Notes,
		CancellationReason: a.CancellationReason, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
}

func parseTime(field, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, badRequest("%s is required", field)
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, badRequest("%s must be an RFC 3339 time such as 2025-12-01T10:00:00Z, got %q", field, v)
	}
	return t, nil
}

// postHold serves POST /api/v1/appointments/hold.
func (s *Server) postHold(c *call) (int, any, error) {
	var req struct {
		OrganizationID      string `json:"organization_id"`
		ServiceID           string `json:"service_id"`
		LocationID          string `json:"location_id"`
		AppointmentTime     string `json:"appointment_time"`
		AppointmentDuration *int   `json:"appointment_duration"`
	}
	if err := c.decode(&req); err != nil {
		return 0, nil, err
	}
	if req.OrganizationID != "" && req.OrganizationID != s.st.Organization.ID {
		return 0, nil, errorf(http.StatusNotFound, "organization_not_found",
			"no organization with id %q; this sandbox serves %s", req.OrganizationID, s.st.Organization.ID)
	}
	if req.ServiceID == "" {
		return 0, nil, badRequest("service_id is required")
	}
	start, err := parseTime("appointment_time", req.AppointmentTime)
	if err != nil {
		return 0, nil, err
	}
	svc, loc, err := s.resolve(req.ServiceID, req.LocationID)
	if err != nil {
		return 0, nil, err
	}
	if d := req.AppointmentDuration; d != nil && *d != svc.DurationMinutes {
		return 0, nil, errorf(http.StatusUnprocessableEntity, "invalid_duration",
			"appointment_duration is %d but %s lasts %d minutes", *d, svc.Name, svc.DurationMinutes)
	}
	if err := s.checkSlot(svc, loc, start, c.now); err != nil {
		return 0, nil, err
	}
	if s.used(svc, loc.ID, start, c.now, "") >= svc.Capacity {
		return 0, nil, errorf(http.StatusConflict, "slot_unavailable",
			"%s is no longer available for %s", s.localTime(loc.ID, start).Format("Mon 2 Jan 15:04 MST"), svc.Name)
	}
	h := &hold{ID: newID("h_"), ServiceID: svc.ID, LocationID: loc.ID,
		Start: start.UTC(), Duration: svc.DurationMinutes, ExpiresAt: c.now.Add(s.opts.HoldTTL).UTC(), IdempotencyKey: c.key}
	s.st.Holds[h.ID] = h
	s.st.kept(h.ExpiresAt)
	c.changed = true
	return http.StatusCreated, s.holdView(h), nil
}

// deleteHold serves DELETE /api/v1/appointments/hold/{id}: the slot is
// free again at once. A confirmed hold is not released: its appointment
// must be cancelled instead.
func (s *Server) deleteHold(c *call) (int, any, error) {
	h := s.st.Holds[c.pathID]
	if h == nil {
		return 0, nil, errorf(http.StatusNotFound, "hold_not_found", "no hold with id %q", c.pathID)
	}
	if h.AppointmentID != "" {
		return 0, nil, errorf(http.StatusConflict, "hold_already_confirmed",
			"hold %s was confirmed as appointment %s; cancel the appointment instead", h.ID, h.AppointmentID)
	}
	delete(s.st.Holds, h.ID)
	c.changed = true
	return http.StatusNoContent, nil, nil
}

// postConfirm serves POST /api/v1/appointments/confirm.
func (s *Server) postConfirm(c *call) (int, any, error) {
	var req struct {
		HoldID       string `json:"hold_id"`
		ContactName  string `json:"contact_name"`
		ContactEmail string `json:"contact_email"`
		ContactPhone string `json:"contact_phone"`
		Notes        string `json:"notes"`
	}
	if err := c.decode(&req); err != nil {
		return 0, nil, err
	}
	if req.HoldID == "" {
		return 0, nil, badRequest("hold_id is required")
	}
	h := s.st.Holds[req.HoldID]
	switch {
	case h == nil:
		return 0, nil, errorf(http.StatusNotFound, "hold_not_found", "no hold with id %q", req.HoldID)
	case h.AppointmentID != "":
		return 0, nil, errorf(http.StatusConflict, "hold_already_confirmed",
			"hold %s was already confirmed as appointment %s", h.ID, h.AppointmentID)
	case !h.live(c.now):
		return 0, nil, errorf(http.StatusGone, "hold_expired",
			"hold %s expired at %s; hold the slot again", h.ID, h.ExpiresAt.UTC().Format(time.RFC3339))
	}
	name, email, phone, notes := strings.TrimSpace(req.ContactName), strings.TrimSpace(req.ContactEmail),
		strings.TrimSpace(req.ContactPhone), strings.TrimSpace(req.Notes)
	if err := validateContact(name, email, phone, notes); err != nil {
		return 0, nil, err
	}
	a := &appointment{ID: newID("a_"), Status: statusConfirmed, ServiceID: h.ServiceID, LocationID: h.LocationID,
		Start: h.Start, Duration: h.Duration, ContactName: name, ContactEmail: email, ContactPhone: phone,
		Notes: notes, CreatedAt: c.now.UTC(), UpdatedAt: c.now.UTC(), HoldID: h.ID, IdempotencyKey: c.key}
	s.st.Appointments[a.ID] = a
	h.AppointmentID = a.ID
	s.sendEmail("confirmation", a, c.now)
	c.changed = true
	return http.StatusCreated, s.appointmentView(a), nil
}

func invalidContact(format string, args ...any) error {
	return errorf(http.StatusUnprocessableEntity, "invalid_contact", format, args...)
}

// validateContact checks the customer's details; each message names the
// field so a form can put it next to the right input.
func validateContact(name, email, phone, notes string) error {
	switch {
	case name == "":
		return invalidContact("contact_name is required")
	case utf8.RuneCountInString(name) > 200:
		return invalidContact("contact_name is longer than 200 characters")
	case strings.ContainsFunc(name, unicode.IsControl):
		return invalidContact("contact_name contains control characters")
	case email == "":
		return invalidContact("contact_email is required")
	case len(email) > 254:
		return invalidContact("contact_email is longer than 254 bytes")
	case !plainEmail(email):
		return invalidContact("contact_email %q is not a valid email address", email)
	case len(phone) > 40 || strings.ContainsFunc(phone, func(r rune) bool { return !strings.ContainsRune("0123456789+-(). ", r) }):
		return invalidContact("contact_phone %q is not a phone number (digits, spaces and + - ( ) . only)", phone)
	case utf8.RuneCountInString(notes) > 1000:
		return invalidContact("notes are longer than 1000 characters")
	case strings.ContainsFunc(notes, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }):
		return invalidContact("notes contain control characters")
	}
	return nil
}

// plainEmail accepts a bare address (no display name, no angle brackets)
// whose domain has a dot, as a booking form would.
func plainEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Name != "" || addr.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// findAppointment returns the appointment id names, or 404.
func (s *Server) findAppointment(id string) (*appointment, error) {
	a := s.st.Appointments[id]
	if a == nil {
		return nil, errorf(http.StatusNotFound, "appointment_not_found", "no appointment with id %q", id)
	}
	return a, nil
}

// reschedule moves a to the slot at when; the slot must be valid and have
// capacity left without counting a itself.
func (s *Server) reschedule(c *call, a *appointment, when string) (int, any, error) {
	t, err := parseTime("appointment_time", when)
	if err != nil {
		return 0, nil, err
	}
	if a.Status == statusCancelled {
		return 0, nil, errorf(http.StatusConflict, "appointment_cancelled", "appointment %s is cancelled and cannot be rescheduled", a.ID)
	}
	svc, loc := s.st.service(a.ServiceID), s.st.location(a.LocationID)
	if svc == nil || loc == nil {
		return 0, nil, errorf(http.StatusConflict, "service_not_found", "the service of appointment %s no longer exists", a.ID)
	}
	if t.Equal(a.Start) {
		return http.StatusOK, s.appointmentView(a), nil
	}
	if err := s.checkSlot(svc, loc, t, c.now); err != nil {
		return 0, nil, err
	}
	if s.used(svc, loc.ID, t, c.now, a.ID) >= svc.Capacity {
		return 0, nil, errorf(http.StatusConflict, "slot_unavailable",
			"%s is not available for %s", s.localTime(loc.ID, t).Format("Mon 2 Jan 15:04 MST"), svc.Name)
	}
	a.Start = t.UTC()
	a.UpdatedAt = c.now.UTC()
	s.sendEmail("update", a, c.now)
	c.changed = true
	return http.StatusOK, s.appointmentView(a), nil
}

// cancel cancels a; cancelling twice is not an error. The slot is free at
// once because only confirmed appointments take capacity.
func (s *Server) cancel(c *call, a *appointment, reason string) (int, any, error) {
	if a.Status != statusCancelled {
		a.Status = statusCancelled
		a.CancellationReason = strings.TrimSpace(reason)
		a.UpdatedAt = c.now.UTC()
		s.sendEmail("cancellation", a, c.now)
		c.changed = true
	}
	return http.StatusOK, s.appointmentView(a), nil
}

// patchAppointment serves PATCH /api/v1/appointments/{id}, the seed's way
// to reschedule ({"appointment_time"}) or cancel ({"status":"cancelled"}).
func (s *Server) patchAppointment(c *call) (int, any, error) {
	var req struct {
		AppointmentTime string `json:"appointment_time"`
		Status          string `json:"status"`
		Reason          string `json:"reason"`
	}
	if err := c.decode(&req); err != nil {
		return 0, nil, err
	}
	a, err := s.findAppointment(c.pathID)
	if err != nil {
		return 0, nil, err
	}
	switch {
	case req.AppointmentTime != "" && req.Status != "":
		return 0, nil, badRequest("send either appointment_time or status, not both")
	case req.AppointmentTime != "":
		return s.reschedule(c, a, req.AppointmentTime)
	case req.Status == statusCancelled:
		return s.cancel(c, a, req.Reason)
	case req.Status != "":
		return 0, nil, errorf(http.StatusUnprocessableEntity, "invalid_status", "status can only be changed to %q", statusCancelled)
	}
	return 0, nil, badRequest("nothing to change: send appointment_time or status")
}

// bookingRef is the body key of the POST reschedule and cancel endpoints:
// newer docs say booking_id, older ones appointment_id.
type bookingRef struct {
	BookingID     string `json:"booking_id"`
	AppointmentID string `json:"appointment_id"`
}

func (s *Server) refAppointment(ref bookingRef) (*appointment, error) {
	id := cmp.Or(ref.BookingID, ref.AppointmentID)
	if id == "" {
		return nil, badRequest("booking_id is required")
	}
	return s.findAppointment(id)
}

// postReschedule serves POST /api/v1/appointments/reschedule.
func (s *Server) postReschedule(c *call) (int, any, error) {
	var req struct {
		bookingRef
		AppointmentTime string `json:"appointment_time"`
	}
	if err := c.decode(&req); err != nil {
		return 0, nil, err
	}
	a, err := s.refAppointment(req.bookingRef)
	if err != nil {
		return 0, nil, err
	}
	return s.reschedule(c, a, req.AppointmentTime)
}

// postCancel serves POST /api/v1/appointments/cancel.
func (s *Server) postCancel(c *call) (int, any, error) {
	var req struct {
		bookingRef
		Reason string `json:"reason"`
	}
	if err := c.decode(&req); err != nil {
		return 0, nil, err
	}
	a, err := s.refAppointment(req.bookingRef)
	if err != nil {
		return 0, nil, err
	}
	return s.cancel(c, a, req.Reason)
}

// getAppointment serves GET /api/v1/appointments/{id}.
func (s *Server) getAppointment(c *call) (int, any, error) {
	a, err := s.findAppointment(c.pathID)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, s.appointmentView(a), nil
}

// listAppointments serves GET /api/v1/appointments, sorted by time.
func (s *Server) listAppointments(c *call) (int, any, error) {
	q := c.r.URL.Query()
	orgTZ, err := s.zone(s.st.Organization.Timezone)
	if err != nil {
		return 0, nil, err
	}
	from, err := parseBound("from", q.Get("from"), orgTZ, false)
	if err != nil {
		return 0, nil, err
	}
	to, err := parseBound("to", q.Get("to"), orgTZ, true)
	if err != nil {
		return 0, nil, err
	}
	status := q.Get("status")
	if status != "" && status != statusConfirmed && status != statusCancelled {
		return 0, nil, badRequest("status must be %q or %q", statusConfirmed, statusCancelled)
	}
	needle := strings.ToLower(strings.TrimSpace(q.Get("q")))

	var found []*appointment
	for _, a := range s.st.Appointments {
		switch {
		case !from.IsZero() && a.Start.Before(from),
			!to.IsZero() && !a.Start.Before(to),
			status != "" && a.Status != status,
			needle != "" && !strings.Contains(strings.ToLower(a.ContactName+"\n"+a.ContactEmail+"\n"+a.ID), needle):
			continue
		}
		found = append(found, a)
	}
	slices.SortFunc(found, func(x, y *appointment) int {
		if c := x.Start.Compare(y.Start); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	views := make([]appointmentJSON, len(found))
	for i, a := range found {
		views[i] = s.appointmentView(a)
	}
	return paginate(c, views)
}

// parseBound reads a from/to filter: an RFC 3339 time, or a date in the
// organisation's zone. A date as the upper bound includes that whole day.
func parseBound(field, v string, tz *time.Location, upper bool) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, v, tz)
	if err != nil {
		return time.Time{}, badRequest("%s must be an RFC 3339 time or a YYYY-MM-DD date, got %q", field, v)
	}
	if upper {
		d = d.AddDate(0, 0, 1)
	}
	return d, nil
}

// sendEmail puts the customer's email in the outbox and the log.
func (s *Server) sendEmail(kind string, a *appointment, now time.Time) {
	svcName, locName, locAddr := a.ServiceID, a.LocationID, ""
	if svc := s.st.service(a.ServiceID); svc != nil {
		svcName = svc.Name
	}
	if loc := s.st.location(a.LocationID); loc != nil {
		locName, locAddr = loc.Name, loc.Address
	}
	when := s.localTime(a.LocationID, a.Start).Format("Monday 2 January 2006 at 15:04 MST")
	org := s.st.Organization.Name
	var subject, lead string
	switch kind {
	case "confirmation":
		subject = fmt.Sprintf("Your appointment at %s is confirmed", org)
		lead = "your appointment is confirmed."
	case "update":
		subject = fmt.Sprintf("Your appointment at %s has moved", org)
		lead = "your appointment has been rescheduled."
	case "cancellation":
		subject = fmt.Sprintf("Your appointment at %s is cancelled", org)
		lead = "your appointment has been cancelled."
	}
	if kind == "cancellation" && a.CancellationReason != "" {
		lead += "\nReason: " + a.CancellationReason
	}
	body := fmt.Sprintf("Hello %s,\n\n%s\n\n%s\n%s\n%s, %s\n\nReference: %s\n\n%s\n",
		a.ContactName, lead, svcName, when, locName, locAddr, a.ID, org)
	e := Email{Kind: kind, To: a.ContactEmail, Subject: subject, Body: body, AppointmentID: a.ID, At: now.UTC()}
	s.st.Outbox = append(s.st.Outbox, e)
	s.log.Info("sandbox email", "kind", kind, "to", e.To, "subject", e.Subject, "appointment_id", a.ID, "body", body)
}
