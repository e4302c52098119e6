package booking

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
)

// Intent is one booking in progress: a held slot, what was typed, and at
// most one confirm key at a time. The key is made on the first confirm and
// kept, with the contact it was sent with, in the draft until the server
// gives a definite answer, so a retry or a resume after a crash sends the
// same request and can never book twice. Safe for concurrent use.
type Intent struct {
	s *Session

	mu    sync.Mutex
	d     state.Draft
	typed model.Contact // the latest typed contact; frozen in d while a key is out
	sent  bool          // the key may have reached the server
	// finished: booked, or given up; nothing is left to keep.
	finished  bool
	ephemeral bool // no draft is kept
}

// Draft is the booking as it stands.
func (i *Intent) Draft() state.Draft {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.d
}

// Hold is the booking's hold.
func (i *Intent) Hold() model.Hold {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.d.Hold
}

// Unresolved reports a confirm in flight or gone unanswered: it may have
// booked, so the contact is frozen and only a retry (Confirm) tells.
func (i *Intent) Unresolved() bool {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.unresolvedLocked()
}

func (i *Intent) unresolvedLocked() bool {
	return i.d.IdempotencyKey != "" && i.sent && !i.finished
}

// KeyOut reports that a confirm key is out: the contact it went with is
// the one the booking will have.
func (i *Intent) KeyOut() bool {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.d.IdempotencyKey != ""
}

// Record notes what was typed, for the next Save. While a key is out the
// draft keeps the contact the key went with.
func (i *Intent) Record(c model.Contact) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.typed = c
	if i.d.IdempotencyKey == "" {
		i.d.Contact = c
	}
}

// Save writes the draft as it stands now, so a crash can resume it.
// Concurrent saves are safe: each writes the latest state.
func (i *Intent) Save() error {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.saveLocked()
}

func (i *Intent) saveLocked() error {
	if i.finished || i.ephemeral {
		return nil
	}
	i.d.SavedAt = i.s.now()
	return i.s.o.store.SaveDraft(i.d)
}

func (i *Intent) forClose() (state.Draft, bool) {
	i.mu.Lock()
	defer i.mu.Unlock()
	unresolved := i.unresolvedLocked()
	if !unresolved {
		i.finished = true
	}
	return i.d, unresolved
}

// Result is how a confirm ended.
type Result int

// Results of Confirm.
const (
	// Booked: the appointment exists (Outcome.Appointment). Found says it
	// was found after its reply was lost; Unread that the server accepted
	// it but its details could not be read.
	Booked Result = iota
	// Unknown: no answer. It may have booked; confirming again sends the
	// same request and tells.
	Unknown
	// Expired: the hold is gone and nothing was booked: hold again.
	Expired
	// Unverified: the hold is gone and whether an earlier attempt booked
	// it cannot be told (Candidates are what was found for the contact).
	Unverified
	// TakenByOther: the hold was confirmed for another contact.
	TakenByOther
	// Refused: the server refused the contact (Field says which, if it
	// said).
	Refused
	// Failed: any other definite answer; nothing was booked.
	Failed
)

// Outcome is what a confirm came to.
type Outcome struct {
	Result      Result
	Appointment model.Appointment
	Found       bool
	Unread      bool
	Candidates  []model.Appointment
	Field       string // a model.Field* for Refused, "" when the server did not say
	Err         error
	JournalErr  error
}

// Confirm books the held slot for contact c. See Outcome for what can come
// of it; the Intent keeps whatever a retry needs.
func (i *Intent) Confirm(ctx context.Context, c model.Contact) Outcome {
	if err := i.s.begin(); err != nil {
		return Outcome{Result: Failed, Err: err}
	}
	defer i.s.end()
	i.mu.Lock()
	if i.finished {
		i.mu.Unlock()
		return Outcome{Result: Failed, Err: errors.New("this booking is already finished")}
	}
	switch {
	case i.d.IdempotencyKey == "":
		i.d.IdempotencyKey, i.d.KeyContact = api.NewIdempotencyKey(), c.Normalized()
		i.d.Contact = i.d.KeyContact
	case i.d.KeyContact == (model.Contact{}):
		i.d.KeyContact = c.Normalized() // adopted with its key
		i.d.Contact = i.d.KeyContact
	}
	resend := i.sent
	i.sent = true
	// Written before the call: a crash mid-call resumes with this key.
	saveErr := i.saveLocked()
	req := api.ConfirmRequest{HoldID: i.d.Hold.ID, Contact: i.d.KeyContact, IdempotencyKey: i.d.IdempotencyKey}
	i.mu.Unlock()
	if saveErr != nil {
		i.s.o.log.Warn("saving the draft before confirming", "err", saveErr)
	}
	for {
		cctx, cancel := context.WithTimeout(ctx, i.s.o.t.Write)
		appt, err := i.s.o.client.Confirm(cctx, req)
		cancel()
		if hasCode(err, codeKeyReused) {
			// The key went out before with another body (a draft from an
			// older version): what it did is unknown. A fresh key on the
			// same hold is still safe, as a hold takes one appointment:
			// the server books it now or answers that it already was.
			i.mu.Lock()
			i.d.IdempotencyKey = api.NewIdempotencyKey()
			req.IdempotencyKey = i.d.IdempotencyKey
			_ = i.saveLocked()
			i.mu.Unlock()
			continue
		}
		return i.settle(ctx, appt, err, resend || api.EarlierAttemptUnsure(err))
	}
}

// ConfirmKey is the confirm key a command line derives from the hold and
// the contact: running the same command again resends the same request, so
// it finds out what an unanswered run did instead of booking again.
func ConfirmKey(holdID string, c model.Contact) string {
	c = c.Normalized()
	return uuid.NewSHA1(keySpace, []byte("confirm\n"+holdID+"\n"+c.Name+"\n"+c.Email+"\n"+c.Phone+"\n"+c.Notes)).String()
}

// keySpace namespaces zimun's derived keys.
var keySpace = uuid.MustParse("6c1f8a52-3f0e-4f4c-9d0a-5b7e2f1c9a10")

// Error codes the confirm policy tells apart from their status.
const (
	codeAlreadyConfirmed = "hold_already_confirmed"
	codeKeyReused        = "idempotency_key_reused"
)

func hasCode(err error, code string) bool {
	var e *api.Error
	return errors.As(err, &e) && e.Code == code
}

var appointmentIDIn = regexp.MustCompile(`\ba_[A-Za-z0-9]+\b`)

// settle reads a confirm's answer; unsure says an earlier attempt may
// have acted (this layer resent it, or the API client retried one whose
// reply was lost), so a failure must be looked into before it is believed.
func (i *Intent) settle(ctx context.Context, appt model.Appointment, err error, unsure bool) Outcome {
	d := i.Draft()
	switch {
	case err == nil:
		return i.booked(appt, false)
	case api.IsUnreadableReply(err):
		// Accepted, so booked; the details may still be found.
		if a, ok, _ := i.lookUp(ctx, d); ok {
			return i.booked(a, true)
		}
		out := i.booked(model.Appointment{
			Status: model.StatusConfirmed, ServiceID: d.Service.ID, LocationID: d.Location.ID,
			Time: d.Slot.Start, DurationMinutes: d.Service.DurationMinutes, Contact: d.KeyContact,
		}, false)
		out.Unread = true
		return out
	case api.IsOutcomeUnknown(err):
		return Outcome{Result: Unknown, Err: err} // the key stays out
	case hasCode(err, codeAlreadyConfirmed):
		// Probably our own earlier attempt: read it to be sure.
		var e *api.Error
		errors.As(err, &e)
		if id := appointmentIDIn.FindString(e.Message); id != "" {
			if a, rerr := i.s.o.Appointment(ctx, id); rerr == nil {
				if sameContact(a.Contact, d.KeyContact) {
					return i.booked(a, true)
				}
				i.finish(d.Hold.ID)
				return Outcome{Result: TakenByOther, Appointment: a, Err: err}
			}
		}
		if a, ok, _ := i.lookUp(ctx, d); ok {
			return i.booked(a, true)
		}
		i.finish(d.Hold.ID)
		return Outcome{Result: TakenByOther, Appointment: model.Appointment{ID: appointmentIDIn.FindString(e.Message)}, Err: err}
	case api.IsHoldExpired(err), api.IsNotFound(err):
		if unsure {
			// The server may have forgotten the hold and the key: that
			// does not prove the earlier attempt failed. Look before a
			// new booking.
			if out, ok := i.lookFirst(ctx, d, func() Outcome {
				i.definite()
				return Outcome{Result: Unverified, Candidates: i.candidates(ctx, d), Err: err}
			}); ok {
				return out
			}
		}
		i.definite()
		i.s.drop(d.Hold.ID)
		return Outcome{Result: Expired, Err: err}
	case api.IsInvalid(err):
		i.definite()
		return Outcome{Result: Refused, Field: fieldOf(err), Err: err}
	case errors.Is(err, api.ErrNotSent):
		i.definite()
		return Outcome{Result: Failed, Err: err} // a dry run
	}
	if unsure {
		// A failure after an attempt whose reply was lost (a sign-in that
		// failed, a 4xx): look before saying nothing was booked; if that
		// cannot tell, the key stays out.
		if out, ok := i.lookFirst(ctx, d, func() Outcome { return Outcome{Result: Unknown, Err: err} }); ok {
			return out
		}
	}
	i.definite()
	return Outcome{Result: Failed, Err: err}
}

// lookFirst looks for the booking a failure may hide: found, it is
// booked; when the look cannot rule one out, undecided says so; ok is
// false when it was ruled out, and the failure stands.
func (i *Intent) lookFirst(ctx context.Context, d state.Draft, undecided func() Outcome) (out Outcome, ok bool) {
	a, found, ruledOut := i.lookUp(ctx, d)
	switch {
	case found:
		return i.booked(a, true), true
	case !ruledOut:
		return undecided(), true
	}
	return Outcome{}, false
}

// definite drops the key after an answer that says nothing was booked
// with it: the contact may change again, and the next attempt gets a new
// key.
func (i *Intent) definite() {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.sent = false
	i.d.IdempotencyKey, i.d.KeyContact = "", model.Contact{}
	i.d.Contact = i.typed
	if err := i.saveLocked(); err != nil {
		i.s.o.log.Warn("saving the draft", "err", err)
	}
}

// finish ends the booking: its hold is spent or gone, its draft dropped.
func (i *Intent) finish(holdID string) {
	i.mu.Lock()
	i.finished = true
	id := i.d.ID
	i.mu.Unlock()
	i.s.drop(holdID)
	i.s.forget(i)
	if err := i.s.o.store.ClearDraft(id); err != nil {
		i.s.o.log.Warn("clearing the draft", "err", err)
	}
}

func (i *Intent) booked(a model.Appointment, found bool) Outcome {
	d := i.Draft()
	i.finish(d.Hold.ID)
	if d.Service.Name == "" || d.Location.Name == "" {
		// An adopted hold: the catalogue names what was booked.
		ctx, cancel := context.WithTimeout(context.Background(), i.s.o.t.Read)
		if cat, err := i.s.o.Catalog(ctx); err == nil {
			d.Service, _ = cat.Service(a.ServiceID)
			d.Location, _ = cat.Location(a.LocationID)
		}
		cancel()
	}
	out := Outcome{Result: Booked, Appointment: a, Found: found}
	if a.ID == "" || !i.s.o.journaled(a.ID, journal.Booked) {
		out.JournalErr = i.s.o.record(journal.Entry{
			Action: journal.Booked, Appointment: a, ServiceName: d.Service.Name, LocationName: d.Location.Name,
		})
	}
	i.s.o.changed(Change{ServiceID: d.Service.ID, LocationID: d.Location.ID, Start: d.Slot.Start})
	return out
}

// lookUp looks for the appointment this booking may have made: in the
// server's list by the contact's email and the slot's time, else in the
// desk history. ruledOut is true when the list could be read and holds
// none, so nothing was booked.
func (i *Intent) lookUp(ctx context.Context, d state.Draft) (a model.Appointment, found, ruledOut bool) {
	c := d.KeyContact
	if c == (model.Contact{}) {
		c = d.Contact
	}
	start := d.Slot.Start
	if start.IsZero() {
		start = d.Hold.Time
	}
	if !start.IsZero() && c.Email != "" {
		page, err := i.s.o.Appointments(ctx, api.AppointmentFilter{
			From: start.Add(-time.Minute), To: start.Add(time.Minute), Query: c.Email, PageSize: 50,
		})
		if err == nil {
			for _, a := range page.Items {
				if matches(a, d, c, start) {
					return a, true, false
				}
			}
			if page.NextPageToken == "" {
				ruledOut = true
			}
		}
	}
	if entries, err := i.s.o.store.Journal(); err == nil {
		for _, e := range entries {
			if e.Action == journal.Booked && matches(e.Appointment, d, c, start) {
				return e.Appointment, true, false
			}
		}
	}
	return model.Appointment{}, false, ruledOut
}

func matches(a model.Appointment, d state.Draft, c model.Contact, start time.Time) bool {
	return !a.Cancelled() && a.Time.Equal(start) && sameContact(a.Contact, c) &&
		(d.Service.ID == "" || a.ServiceID == d.Service.ID)
}

// candidates are the contact's appointments the server shows, for a person
// to decide with when nothing can be ruled out.
func (i *Intent) candidates(ctx context.Context, d state.Draft) []model.Appointment {
	email := d.KeyContact.Email
	if email == "" {
		email = d.Contact.Email
	}
	if email == "" {
		return nil
	}
	page, err := i.s.o.Appointments(ctx, api.AppointmentFilter{Query: email, PageSize: 20})
	if err != nil {
		return nil
	}
	var out []model.Appointment
	for _, a := range page.Items {
		if !a.Cancelled() && strings.EqualFold(a.Contact.Email, email) {
			out = append(out, a)
		}
	}
	return out
}

func sameContact(a, b model.Contact) bool {
	return strings.EqualFold(strings.TrimSpace(a.Email), strings.TrimSpace(b.Email)) &&
		strings.EqualFold(strings.TrimSpace(a.Name), strings.TrimSpace(b.Name))
}

// fieldOf finds the contact field a server's refusal names ("contact_email …").
func fieldOf(err error) string {
	var e *api.Error
	if !errors.As(err, &e) {
		return ""
	}
	lower := strings.ToLower(e.Message)
	for _, f := range []string{model.FieldName, model.FieldEmail, model.FieldPhone, model.FieldNotes} {
		if strings.Contains(lower, "contact_"+f) || strings.HasPrefix(lower, f) {
			return f
		}
	}
	return ""
}

// Rehold holds the same slot again after the hold lapsed; the typed
// contact stays.
func (i *Intent) Rehold(ctx context.Context) (model.Hold, error) {
	d := i.Draft()
	svc := d.Service
	if d.Hold.DurationMinutes > 0 {
		svc.DurationMinutes = d.Hold.DurationMinutes
	}
	h, err := i.s.Hold(ctx, svc, d.Location, d.Slot)
	if err != nil {
		return h, err
	}
	i.s.drop(d.Hold.ID)
	i.mu.Lock()
	i.d.Hold = h
	if err := i.saveLocked(); err != nil {
		i.s.o.log.Warn("saving the draft", "err", err)
	}
	i.mu.Unlock()
	return h, nil
}

// Abandon gives the booking up on purpose: the hold goes back and the
// draft is dropped. A booking whose confirm went unanswered keeps both:
// it may be an appointment by now, and a resume finds out.
func (i *Intent) Abandon(ctx context.Context) error {
	if i.Unresolved() {
		return nil
	}
	if i.s.begin() == nil { // Close waits for the release below
		defer i.s.end()
	}
	i.mu.Lock()
	if i.finished {
		i.mu.Unlock()
		return nil
	}
	h := i.d.Hold
	i.mu.Unlock()
	i.finish(h.ID)
	if h.ID == "" || h.Expired(i.s.now()) {
		return nil
	}
	return i.s.release(ctx, h)
}
