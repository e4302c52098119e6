package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/zimun-app/zimun/model"
)

// wireTime is the seed's timestamp form: UTC, whole seconds, "Z".
func wireTime(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }

type holdBody struct {
	OrganizationID      string `json:"organization_id,omitempty"`
	ServiceID           string `json:"service_id"`
	LocationID          string `json:"location_id,omitempty"`
	AppointmentTime     string `json:"appointment_time"`
	AppointmentDuration int    `json:"appointment_duration"`
}

type wireHold struct {
	HoldID              string   `json:"hold_id"`
	ID                  string   `json:"id"`
	Status              string   `json:"status"`
	ServiceID           string   `json:"service_id"`
	LocationID          string   `json:"location_id"`
	AppointmentTime     flexTime `json:"appointment_time"`
	AppointmentDuration flexInt  `json:"appointment_duration"`
	ExpiresAt           optTime  `json:"expires_at"`
}

// Hold reserves a slot for a few minutes. The returned Deadline is the
// expiry moved onto the local clock using the skew measured on this very
// response, so the countdown is right even when the clocks disagree.
func (c *Client) Hold(ctx context.Context, r HoldRequest) (model.Hold, error) {
	org, err := c.organizationID(Send(ctx)) // a look-up, sent even in a dry run
	if err != nil {
		return model.Hold{}, err
	}
	key := r.IdempotencyKey
	if key == "" {
		key = NewIdempotencyKey()
	}
	res, err := c.do(ctx, call{op: opHold, method: http.MethodPost, path: "/appointments/hold", key: key,
		body: holdBody{
			OrganizationID:      org,
			ServiceID:           r.ServiceID,
			LocationID:          r.LocationID,
			AppointmentTime:     wireTime(r.Time),
			AppointmentDuration: r.DurationMinutes,
		}})
	if err != nil {
		return model.Hold{}, err
	}
	var w wireHold
	if err := decodeJSON(opHold, res.body, &w); err != nil {
		return model.Hold{}, err
	}
	id, ok := wireID(w.HoldID)
	if id == "" && ok {
		id, ok = wireID(w.ID)
	}
	if !ok {
		return model.Hold{}, fmt.Errorf("api: %s: the response has an unusable hold id", opHold)
	}
	h := model.Hold{
		ID:              id,
		Status:          text(w.Status, model.MaxStatusRunes),
		ServiceID:       optID(w.ServiceID),
		LocationID:      optID(w.LocationID),
		Time:            w.AppointmentTime.Time,
		DurationMinutes: minutes(w.AppointmentDuration),
		ExpiresAt:       w.ExpiresAt.Time,
	}
	if h.ID == "" {
		return model.Hold{}, fmt.Errorf("api: %s: the response has no hold id", opHold)
	}
	if h.Status == "" {
		h.Status = model.StatusHeld
	}
	if h.ServiceID == "" {
		h.ServiceID = r.ServiceID
	}
	if h.LocationID == "" {
		h.LocationID = r.LocationID
	}
	if h.Time.IsZero() {
		h.Time = r.Time
	}
	if h.DurationMinutes == 0 {
		h.DurationMinutes = r.DurationMinutes
	}
	skew := c.ClockSkew()
	if res.hasSkew {
		skew = res.skew
	}
	if h.ExpiresAt.IsZero() {
		h.Deadline = c.now().Add(model.HoldTTL)
		h.ExpiresAt = h.Deadline.Add(skew)
	} else {
		h.Deadline = h.ExpiresAt.Add(-skew)
	}
	return h, nil
}

// ReleaseHold gives a held slot back early. Zimun documents no such call:
// a server answering 405, or 404 without saying the hold is unknown,
// cannot release, and the hold simply expires. A 404 hold_not_found is the
// server saying there is no such hold (unknown, or forgotten since it
// expired): an error, see IsHoldNotFound, unless an earlier attempt of
// this call may have released it and only its reply was lost.
func (c *Client) ReleaseHold(ctx context.Context, holdID string) error {
	var unsure bool
	_, err := c.do(ctx, call{op: opRelease, method: http.MethodDelete, path: "/appointments/hold/" + url.PathEscape(holdID),
		retriedUnsure: &unsure})
	if IsHoldNotFound(err) {
		if unsure {
			return nil // the attempt whose reply was lost gave it back
		}
		return err
	}
	if hasStatus(err, http.StatusNotFound, http.StatusMethodNotAllowed) {
		return nil
	}
	return err
}

type confirmBody struct {
	HoldID       string `json:"hold_id"`
	ContactName  string `json:"contact_name"`
	ContactEmail string `json:"contact_email"`
	ContactPhone string `json:"contact_phone,omitempty"`
	Notes        string `json:"notes,omitempty"`
}

// Confirm turns a hold into an appointment. Retrying with the same
// IdempotencyKey after a failure never books twice.
func (c *Client) Confirm(ctx context.Context, r ConfirmRequest) (model.Appointment, error) {
	key := r.IdempotencyKey
	if key == "" {
		key = NewIdempotencyKey()
	}
	ct := r.Contact.Normalized()
	var unsure bool
	res, err := c.do(ctx, call{op: opConfirm, method: http.MethodPost, path: "/appointments/confirm", key: key,
		body: confirmBody{
			HoldID:       r.HoldID,
			ContactName:  ct.Name,
			ContactEmail: ct.Email,
			ContactPhone: ct.Phone,
			Notes:        ct.Notes,
		}, retriedUnsure: &unsure})
	a, err := writtenAppointment(opConfirm, res, err)
	if err != nil && unsure {
		err = unsureError{err}
	}
	return a, err
}

// unsureError is a write's failure after a retry of an attempt whose
// reply was lost: that attempt may have acted.
type unsureError struct{ error }

func (e unsureError) Unwrap() error { return e.error }

// EarlierAttemptUnsure reports that err ended a write whose earlier
// attempt may have acted (its reply was lost, and a retry failed): a 404
// or a failed sign-in then does not prove that nothing was done.
func EarlierAttemptUnsure(err error) bool {
	var u unsureError
	return errors.As(err, &u)
}

type rescheduleBody struct {
	BookingID       string `json:"booking_id,omitempty"`
	AppointmentTime string `json:"appointment_time"`
}

// Reschedule moves an appointment to a new start time.
func (c *Client) Reschedule(ctx context.Context, r RescheduleRequest) (model.Appointment, error) {
	t := wireTime(r.Time)
	return c.modify(ctx, opReschedule, &c.reschedulePost, r.AppointmentID, r.IdempotencyKey,
		rescheduleBody{AppointmentTime: t},
		"/appointments/reschedule", rescheduleBody{BookingID: r.AppointmentID, AppointmentTime: t})
}

type cancelBody struct {
	BookingID string `json:"booking_id,omitempty"`
	Status    string `json:"status,omitempty"`
	Reason    string `json:"reason,omitempty"`
}

// Cancel cancels an appointment; cancelling twice is not an error.
func (c *Client) Cancel(ctx context.Context, r CancelRequest) (model.Appointment, error) {
	return c.modify(ctx, opCancel, &c.cancelPost, r.AppointmentID, r.IdempotencyKey,
		cancelBody{Status: model.StatusCancelled, Reason: r.Reason},
		"/appointments/cancel", cancelBody{BookingID: r.AppointmentID, Reason: r.Reason})
}

// modify sends the seed's PATCH /appointments/{id}, falling back to the
// newer POST route when PATCH is not routed; once the POST has worked,
// later calls go straight to it. Both use the same idempotency key, so a
// retry of the logical call cannot apply it twice.
func (c *Client) modify(ctx context.Context, op string, usePost *atomic.Bool, id, key string, patch any, postPath string, post any) (model.Appointment, error) {
	if id == "" {
		return model.Appointment{}, fmt.Errorf("api: %s: no appointment id", op)
	}
	if key == "" {
		key = NewIdempotencyKey()
	}
	if !usePost.Load() {
		res, err := c.do(ctx, call{op: op, method: http.MethodPatch, path: "/appointments/" + url.PathEscape(id), body: patch, key: key})
		if !routeMissing(err) {
			return writtenAppointment(op, res, err)
		}
	}
	res, err := c.do(ctx, call{op: op, method: http.MethodPost, path: postPath, body: post, key: key})
	if err == nil {
		usePost.Store(true)
	}
	return writtenAppointment(op, res, err)
}

// routeMissing tells "no such route" (405, or a 404 that is not about the
// appointment) from "no such appointment".
func routeMissing(err error) bool {
	e, ok := asError(err)
	return ok && (e.Status == http.StatusMethodNotAllowed ||
		e.Status == http.StatusNotFound && e.Code != codeAppointmentNotFound)
}

// Appointments lists one page of appointments matching f.
func (c *Client) Appointments(ctx context.Context, f AppointmentFilter) (AppointmentPage, error) {
	q := url.Values{}
	if !f.From.IsZero() {
		q.Set("from", f.From.UTC().Format(time.RFC3339))
	}
	if !f.To.IsZero() {
		q.Set("to", f.To.UTC().Format(time.RFC3339))
	}
	if f.Status != "" {
		q.Set("status", f.Status)
	}
	if f.Query != "" {
		q.Set("q", f.Query)
	}
	if f.PageSize > 0 {
		q.Set("page_size", strconv.Itoa(f.PageSize))
	}
	if f.PageToken != "" {
		q.Set("page_token", f.PageToken)
	}
	var p page[wireAppointment]
	if err := c.getJSON(ctx, opList, "/appointments", q, &p); err != nil {
		return AppointmentPage{}, err
	}
	token, err := pageToken(opList, p.NextPageToken)
	if err != nil {
		return AppointmentPage{}, err
	}
	out := AppointmentPage{NextPageToken: token, Items: make([]model.Appointment, 0, len(p.Items))}
	for _, w := range p.Items {
		if a, ok := w.model(); ok {
			out.Items = append(out.Items, a)
		} else {
			c.leftOut(opList)
		}
	}
	return out, nil
}

// Appointment fetches one appointment by id.
func (c *Client) Appointment(ctx context.Context, id string) (model.Appointment, error) {
	if id == "" {
		return model.Appointment{}, errors.New("api: appointment: no id")
	}
	res, err := c.do(ctx, call{op: opAppointment, method: http.MethodGet, path: "/appointments/" + url.PathEscape(id)})
	if err != nil {
		return model.Appointment{}, err
	}
	return decodeAppointment(opAppointment, res.body)
}

// wireAppointment is the canonical flat appointment; "id" is accepted for
// the id, and a nested "contact" for the contact fields.
type wireAppointment struct {
	AppointmentID       string         `json:"appointment_id"`
	ID                  string         `json:"id"`
	BookingID           string         `json:"booking_id"`
	Status              string         `json:"status"`
	ServiceID           string         `json:"service_id"`
	LocationID          string         `json:"location_id"`
	AppointmentTime     flexTime       `json:"appointment_time"`
	AppointmentDuration flexInt        `json:"appointment_duration"`
	ContactName         string         `json:"contact_name"`
	ContactEmail        string         `json:"contact_email"`
	ContactPhone        string         `json:"contact_phone"`
	Notes               string         `json:"notes"`
	Contact             *model.Contact `json:"contact"`
	CancellationReason  string         `json:"cancellation_reason"`
	CreatedAt           optTime        `json:"created_at"`
	UpdatedAt           optTime        `json:"updated_at"`
}

// model converts w; ok is false when the server's id for it is refused
// (see model's limits table).
func (w wireAppointment) model() (a model.Appointment, ok bool) {
	ct := model.Contact{Name: w.ContactName, Email: w.ContactEmail, Phone: w.ContactPhone, Notes: w.Notes}
	if w.Contact != nil && ct == (model.Contact{}) {
		ct = *w.Contact
	}
	a = model.Appointment{
		BookingID:          w.BookingID,
		Status:             w.Status,
		ServiceID:          w.ServiceID,
		LocationID:         w.LocationID,
		Time:               w.AppointmentTime.Time,
		DurationMinutes:    int(w.AppointmentDuration),
		Contact:            ct,
		CancellationReason: w.CancellationReason,
		CreatedAt:          w.CreatedAt.Time,
		UpdatedAt:          w.UpdatedAt.Time,
	}
	// The first id given is the id: a refused one is not replaced by the next.
	for _, raw := range []string{w.AppointmentID, w.ID, w.BookingID} {
		if a.ID = strings.TrimSpace(raw); a.ID != "" {
			break
		}
	}
	return a.Clean()
}

// writtenAppointment reads the answer to a write. Once the server said 2xx
// the write was applied, so a reply that cannot be read wraps
// ErrUnreadableReply instead of reading as a refusal.
func writtenAppointment(op string, res *response, err error) (model.Appointment, error) {
	if errors.Is(err, ErrResponseTooLarge) {
		return model.Appointment{}, fmt.Errorf("%w: %w", ErrUnreadableReply, err)
	}
	if err != nil {
		return model.Appointment{}, err
	}
	a, err := decodeAppointment(op, res.body)
	if err != nil {
		return model.Appointment{}, fmt.Errorf("%w: %w", ErrUnreadableReply, err)
	}
	return a, nil
}

func decodeAppointment(op string, body []byte) (model.Appointment, error) {
	var w wireAppointment
	if err := decodeJSON(op, body, &w); err != nil {
		return model.Appointment{}, err
	}
	a, ok := w.model()
	switch {
	case !ok:
		return model.Appointment{}, fmt.Errorf("api: %s: the response has an unusable appointment id", op)
	case a.ID == "":
		return model.Appointment{}, fmt.Errorf("api: %s: the response has no appointment id", op)
	}
	return a, nil
}
