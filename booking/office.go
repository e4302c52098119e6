// Package booking is the application layer every front end books through:
// the UI, the scripting verbs and the SSH kiosk. It owns every write a desk
// makes and the rules around them: holds and their custody, confirming with
// one idempotency key per intent, re-holding, walk-ins, reschedules and
// cancellations, the desk history, and one policy for timeouts and for
// outcomes that are unknown. It knows nothing of terminals.
//
// An Office is shared by every session of a process; a Session is one
// terminal, SSH session or command; an Intent is one booking in progress.
package booking

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
)

// Timeouts bound each kind of call; the api client retries within them.
type Timeouts struct {
	Read    time.Duration // catalogue, availability, appointments
	Hold    time.Duration
	Write   time.Duration // confirm, reschedule, cancel
	Release time.Duration // short: a hold expires by itself anyway
	WalkIn  time.Duration // the whole search: two reads and two holds at most
}

// DefaultTimeouts are the timeouts every front end uses.
func DefaultTimeouts() Timeouts {
	return Timeouts{
		Read:    20 * time.Second,
		Hold:    30 * time.Second,
		Write:   45 * time.Second,
		Release: 5 * time.Second,
		WalkIn:  45 * time.Second,
	}
}

// Options tune an Office; the zero value is fine.
type Options struct {
	Now      func() time.Time // local clock; default time.Now
	Timeouts Timeouts         // zero fields take DefaultTimeouts
	Logger   *slog.Logger     // default discards
	// CatalogTTL is how long the catalogue is shared before it is read
	// again; default 5 minutes.
	CatalogTTL time.Duration
	// AvailabilityTTL is how long an availability answer is shared by
	// sessions asking the same; default 2 seconds. Writes made here drop
	// it at once.
	AvailabilityTTL time.Duration
}

// Office is the process's booking office: one API client, one state store,
// one catalogue and one availability cache for all its sessions. Safe for
// concurrent use.
type Office struct {
	client *api.Client
	store  state.Store
	now    func() time.Time
	t      Timeouts
	log    *slog.Logger
	opts   Options

	catMu sync.Mutex
	cat   *catalogCall

	avMu  sync.Mutex
	avail map[availKey]*availCall
	last  map[[2]string]Snapshot // the latest answer per service and location

	subMu sync.Mutex
	subs  map[int]func(Change)
	subID int
}

// New builds an Office on client and store.
func New(client *api.Client, store state.Store, opts Options) *Office {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	def := DefaultTimeouts()
	t := &opts.Timeouts
	for _, p := range []struct{ v, d *time.Duration }{
		{&t.Read, &def.Read}, {&t.Hold, &def.Hold}, {&t.Write, &def.Write},
		{&t.Release, &def.Release}, {&t.WalkIn, &def.WalkIn},
	} {
		if *p.v <= 0 {
			*p.v = *p.d
		}
	}
	if opts.CatalogTTL <= 0 {
		opts.CatalogTTL = 5 * time.Minute
	}
	if opts.AvailabilityTTL <= 0 {
		opts.AvailabilityTTL = 2 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Office{
		client: client, store: store, now: opts.Now, t: opts.Timeouts, log: opts.Logger, opts: opts,
		avail: map[availKey]*availCall{}, last: map[[2]string]Snapshot{}, subs: map[int]func(Change){},
	}
}

// Client is the API client, for reads this package does not wrap.
func (o *Office) Client() *api.Client { return o.client }

// Store is where this office keeps drafts, desk memory and history.
func (o *Office) Store() state.Store { return o.store }

// Timeouts are the office's timeouts, for the reads front ends make.
func (o *Office) Timeouts() Timeouts { return o.t }

// Now is the office's local clock.
func (o *Office) Now() time.Time { return o.now() }

// Catalog is the organisation, its locations and services, read once and
// shared for CatalogTTL. OrgErr says why the organisation (only its name)
// could not be read: a client without org:read still books.
type Catalog struct {
	model.Catalog
	OrgErr error
}

type catalogCall struct {
	done chan struct{}
	at   time.Time
	cat  Catalog
	err  error
}

// Catalog returns the shared catalogue, reading it when it is older than
// CatalogTTL; concurrent callers share one read. A failed read is not kept.
func (o *Office) Catalog(ctx context.Context) (Catalog, error) {
	o.catMu.Lock()
	c := o.cat
	if c != nil {
		select {
		case <-c.done:
			if c.err != nil || o.now().Sub(c.at) > o.opts.CatalogTTL {
				c = nil
			}
		default: // in flight: share it
		}
	}
	if c == nil {
		c = &catalogCall{done: make(chan struct{})}
		o.cat = c
		go o.readCatalog(c)
	}
	o.catMu.Unlock()
	select {
	case <-c.done:
		return c.cat, c.err
	case <-ctx.Done():
		return Catalog{}, ctx.Err()
	}
}

// readCatalog runs detached from any one caller, so one caller giving up
// does not fail the others sharing it.
func (o *Office) readCatalog(c *catalogCall) {
	defer close(c.done)
	ctx, cancel := context.WithTimeout(context.Background(), o.t.Read)
	defer cancel()
	// Three reads at once: one round trip of waiting, not three.
	var cat Catalog
	var locErr, svcErr error
	var wg sync.WaitGroup
	wg.Go(func() { cat.Organization, cat.OrgErr = o.client.Organization(ctx) })
	wg.Go(func() { cat.Locations, locErr = o.client.Locations(ctx) })
	wg.Go(func() { cat.Services, svcErr = o.client.Services(ctx) })
	wg.Wait()
	switch {
	case locErr != nil:
		c.err = &ReadError{Doing: "loading the locations", Err: locErr}
	case svcErr != nil:
		c.err = &ReadError{Doing: "loading the services", Err: svcErr}
	default:
		c.cat, c.at = cat, o.now()
	}
}

// ReadError says what a failed read was doing.
type ReadError struct {
	Doing string
	Err   error
}

func (e *ReadError) Error() string { return e.Doing + ": " + e.Err.Error() }
func (e *ReadError) Unwrap() error { return e.Err }

type availKey struct {
	service, location string
	days              int
}

type availCall struct {
	done chan struct{}
	at   time.Time
	a    model.Availability
	err  error
}

// Availability reads the free slots of a service at a location for days
// days from today. Sessions asking the same within AvailabilityTTL share
// one answer, and identical calls in flight share one request, so many
// kiosk sessions opening one calendar cost one call.
func (o *Office) Availability(ctx context.Context, serviceID, locationID string, days int) (model.Availability, error) {
	k := availKey{serviceID, locationID, days}
	o.avMu.Lock()
	c := o.avail[k]
	if c != nil {
		select {
		case <-c.done:
			if c.err != nil || o.now().Sub(c.at) > o.opts.AvailabilityTTL {
				c = nil
			}
		default:
		}
	}
	if c == nil {
		c = &availCall{done: make(chan struct{})}
		o.avail[k] = c
		go o.readAvailability(k, c)
	}
	o.avMu.Unlock()
	select {
	case <-c.done:
		return c.a, c.err
	case <-ctx.Done():
		return model.Availability{}, ctx.Err()
	}
}

func (o *Office) readAvailability(k availKey, c *availCall) {
	defer close(c.done)
	ctx, cancel := context.WithTimeout(context.Background(), o.t.Read)
	defer cancel()
	c.a, c.err = o.client.Availability(ctx, k.service, k.location, k.days)
	c.at = o.now()
	if c.err == nil {
		// A slot list's short window must not hide a calendar's longer one.
		o.avMu.Lock()
		key := [2]string{k.service, k.location}
		if k.days >= o.last[key].Days {
			o.last[key] = Snapshot{Availability: c.a, Days: k.days}
		}
		o.avMu.Unlock()
	}
}

// Snapshot is an earlier availability answer, to show at once while a
// fresh one loads.
type Snapshot struct {
	Availability model.Availability
	Days         int // days it was asked for, from today
}

// LastAvailability is the latest answer for a service at a location, if
// there was one, however old.
func (o *Office) LastAvailability(serviceID, locationID string) (Snapshot, bool) {
	o.avMu.Lock()
	defer o.avMu.Unlock()
	s, ok := o.last[[2]string{serviceID, locationID}]
	return s, ok
}

// Appointments reads one page of appointments.
func (o *Office) Appointments(ctx context.Context, f api.AppointmentFilter) (api.AppointmentPage, error) {
	ctx, cancel := context.WithTimeout(ctx, o.t.Read)
	defer cancel()
	return o.client.Appointments(ctx, f)
}

// Appointment reads one appointment.
func (o *Office) Appointment(ctx context.Context, id string) (model.Appointment, error) {
	ctx, cancel := context.WithTimeout(ctx, o.t.Read)
	defer cancel()
	return o.client.Appointment(ctx, id)
}

// Change says that the free slots of a service at a location changed
// around a time: a hold placed or given back, a booking made, moved or
// cancelled through this office.
type Change struct {
	ServiceID  string
	LocationID string
	Start      time.Time
}

// Subscribe calls fn after every change made through this office, from the
// goroutine that made it: fn must not block. The returned func stops it.
func (o *Office) Subscribe(fn func(Change)) (stop func()) {
	o.subMu.Lock()
	defer o.subMu.Unlock()
	o.subID++
	id := o.subID
	o.subs[id] = fn
	return func() {
		o.subMu.Lock()
		defer o.subMu.Unlock()
		delete(o.subs, id)
	}
}

// DropCached forgets the shared availability of a service at a location,
// so the next read asks the server: for a refresh the user asked for.
func (o *Office) DropCached(serviceID, locationID string) {
	o.avMu.Lock()
	defer o.avMu.Unlock()
	for k := range o.avail {
		if k.service == serviceID && k.location == locationID {
			delete(o.avail, k)
		}
	}
}

// changed drops the cached availability of the service and location and
// tells the subscribers.
func (o *Office) changed(ch Change) {
	o.DropCached(ch.ServiceID, ch.LocationID)
	o.subMu.Lock()
	fns := make([]func(Change), 0, len(o.subs))
	for _, fn := range o.subs {
		fns = append(fns, fn)
	}
	o.subMu.Unlock()
	for _, fn := range fns {
		fn(ch)
	}
}

// ErrClosed is returned by a session that has been closed.
var ErrClosed = errors.New("booking: the session has ended")
