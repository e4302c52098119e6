package booking

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
)

// Session is one terminal, SSH session or command. It has custody of the
// holds it placed: whatever is abandoned or arrives for nobody is given
// back, and Close gives back exactly what is left. Safe for concurrent use:
// every call may come from its own goroutine.
type Session struct {
	o *Office

	mu       sync.Mutex
	closed   bool
	inflight int
	settled  chan struct{} // closed and replaced whenever inflight drops
	custody  map[string]model.Hold
	// uncertain are hold calls whose outcome is unknown: the server may
	// hold a slot this session never learned of. Sending the same request
	// (same key) again tells; see settle.
	uncertain map[slotKey]api.HoldRequest
	intents   map[*Intent]struct{}
}

type slotKey struct {
	service, location string
	start             int64
}

// NewSession starts a session on the office.
func (o *Office) NewSession() *Session {
	return &Session{
		o: o, settled: make(chan struct{}),
		custody: map[string]model.Hold{}, uncertain: map[slotKey]api.HoldRequest{},
		intents: map[*Intent]struct{}{},
	}
}

// Office is the office the session books through.
func (s *Session) Office() *Office { return s.o }

// begin counts a call Close must wait for.
func (s *Session) begin() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	s.inflight++
	return nil
}

func (s *Session) end() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inflight--
	close(s.settled)
	s.settled = make(chan struct{})
}

// Hold holds slot for the service at the location. The session keeps
// custody of the hold until it is released, spent on a booking or the
// session closes. A call whose outcome is unknown is remembered: holding
// the same slot again resends it (so it cannot hold twice), and otherwise
// the session finds and gives back what it may have held.
func (s *Session) Hold(ctx context.Context, svc model.Service, loc model.Location, slot model.Slot) (model.Hold, error) {
	if err := s.begin(); err != nil {
		return model.Hold{}, err
	}
	defer s.end()
	k := slotKey{svc.ID, loc.ID, slot.Start.UnixNano()}
	s.mu.Lock()
	req, retry := s.uncertain[k]
	delete(s.uncertain, k)
	others := s.takeUncertain()
	s.mu.Unlock()
	if !retry {
		req = api.HoldRequest{
			ServiceID: svc.ID, LocationID: loc.ID, Time: slot.Start, DurationMinutes: svc.DurationMinutes,
			IdempotencyKey: api.NewIdempotencyKey(),
		}
	}
	if len(others) > 0 {
		s.settleLater(others)
	}
	return s.hold(ctx, req)
}

func (s *Session) hold(ctx context.Context, req api.HoldRequest) (model.Hold, error) {
	cctx, cancel := context.WithTimeout(ctx, s.o.t.Hold)
	defer cancel()
	h, err := s.o.client.Hold(cctx, req)
	ch := Change{ServiceID: req.ServiceID, LocationID: req.LocationID, Start: req.Time}
	switch {
	case err == nil:
	case api.IsSlotTaken(err):
		s.o.changed(ch) // whatever was shown is stale
		return model.Hold{}, err
	case api.IsOutcomeUnknown(err):
		s.mu.Lock()
		s.uncertain[slotKey{req.ServiceID, req.LocationID, req.Time.UnixNano()}] = req
		s.mu.Unlock()
		return model.Hold{}, err
	default:
		return model.Hold{}, err
	}
	if h.ServiceID == "" {
		h.ServiceID = req.ServiceID
	}
	if h.LocationID == "" {
		h.LocationID = req.LocationID
	}
	if h.Time.IsZero() {
		h.Time = req.Time
	}
	h.Placed = s.now()
	s.o.changed(ch)
	s.mu.Lock()
	closed := s.closed
	if !closed {
		s.custody[h.ID] = h
	}
	s.mu.Unlock()
	if closed {
		s.release(context.Background(), h)
		return model.Hold{}, ErrClosed
	}
	return h, nil
}

// Release gives a hold back to the server at once. Errors only say the
// call failed: the hold expires by itself anyway.
func (s *Session) Release(ctx context.Context, holdID string) error {
	// Close waits for it: the hold is out of custody from here on, so a
	// Close that did not wait would leave it to expire.
	if s.begin() == nil {
		defer s.end()
	}
	s.mu.Lock()
	h, ok := s.custody[holdID]
	delete(s.custody, holdID)
	s.mu.Unlock()
	if !ok {
		h = model.Hold{ID: holdID}
	}
	return s.release(ctx, h)
}

func (s *Session) release(ctx context.Context, h model.Hold) error {
	ctx, cancel := context.WithTimeout(ctx, s.o.t.Release)
	defer cancel()
	err := s.o.client.ReleaseHold(ctx, h.ID)
	if err != nil {
		s.o.log.Info("releasing a hold", "hold", h.ID, "err", err)
	}
	if h.ServiceID != "" {
		s.o.changed(Change{ServiceID: h.ServiceID, LocationID: h.LocationID, Start: h.Time})
	}
	return err
}

// Disown hands a hold over to someone outside the session (a script that
// confirms it with a later command): closing the session leaves it be.
func (s *Session) Disown(holdID string) { s.drop(holdID) }

// drop ends custody of a hold that is spent (booked) or gone.
func (s *Session) drop(holdID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.custody, holdID)
}

func (s *Session) takeUncertain() []api.HoldRequest {
	var out []api.HoldRequest
	for k, req := range s.uncertain {
		out = append(out, req)
		delete(s.uncertain, k)
	}
	return out
}

// settleLater finds and gives back holds whose calls went unanswered,
// without keeping the caller waiting; Close waits for it.
func (s *Session) settleLater(reqs []api.HoldRequest) {
	if s.begin() != nil {
		return
	}
	go func() {
		defer s.end()
		ctx, cancel := context.WithTimeout(context.Background(), s.o.t.Hold)
		defer cancel()
		s.settle(ctx, reqs)
	}()
}

// settle resends each unanswered hold request with its key: the server
// answers with the hold it placed, if it placed one, and that is given
// back.
func (s *Session) settle(ctx context.Context, reqs []api.HoldRequest) {
	var wg sync.WaitGroup
	for _, req := range reqs {
		wg.Go(func() {
			h, err := s.o.client.Hold(ctx, req)
			if err == nil {
				s.release(ctx, h)
			}
		})
	}
	wg.Wait()
}

// Holding reports whether the session has a live hold or a hold call in
// flight: quitting then gives something back.
func (s *Session) Holding() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inflight > 0 || len(s.uncertain) > 0 {
		return true
	}
	now := s.o.now()
	for _, h := range s.custody {
		if !h.Expired(now) {
			return true
		}
	}
	return false
}

// Unresolved reports a booking whose confirm went unanswered: its hold and
// draft outlive the session, for a resume to find out what happened.
func (s *Session) Unresolved() bool {
	s.mu.Lock()
	intents := make([]*Intent, 0, len(s.intents))
	for i := range s.intents {
		intents = append(intents, i)
	}
	s.mu.Unlock()
	for _, i := range intents {
		if i.Unresolved() {
			return true
		}
	}
	return false
}

// Close ends the session on purpose (a quit, a kiosk reset, the end of a
// command, a signal): it waits for the hold calls in flight, gives back
// every hold in its custody and drops the drafts of its bookings, except a
// booking whose confirm went unanswered, whose hold and draft are kept for
// a resume. It returns when that is done or ctx ends.
func (s *Session) Close(ctx context.Context) error {
	s.mu.Lock()
	s.closed = true
	for s.inflight > 0 {
		wait := s.settled
		s.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return ctx.Err()
		}
		s.mu.Lock()
	}
	keep := map[string]bool{}
	var drafts []string
	for i := range s.intents {
		d, unresolved := i.forClose()
		if unresolved {
			keep[d.Hold.ID] = true
		} else {
			drafts = append(drafts, d.ID)
		}
	}
	now := s.o.now()
	var give []model.Hold
	for id, h := range s.custody {
		if !keep[id] && !h.Expired(now) {
			give = append(give, h)
		}
		if !keep[id] {
			delete(s.custody, id)
		}
	}
	uncertain := s.takeUncertain()
	s.intents = map[*Intent]struct{}{}
	s.mu.Unlock()

	var errs []error
	for _, id := range drafts {
		errs = append(errs, s.o.store.ClearDraft(id))
	}
	var wg sync.WaitGroup
	for _, h := range give {
		wg.Go(func() { s.release(ctx, h) })
	}
	if len(uncertain) > 0 {
		wg.Go(func() { s.settle(ctx, uncertain) })
	}
	wg.Wait()
	return errors.Join(append(errs, ctx.Err())...)
}

// Abandoned lists the bookings earlier sessions left unfinished on this
// API (a crash, a closed terminal), newest first, and how many another
// running zimun is busy with.
func (s *Session) Abandoned() ([]state.Draft, int, error) { return s.o.store.Abandoned() }

// Resume takes over a booking an earlier session left unfinished.
func (s *Session) Resume(d state.Draft) (*Intent, error) {
	d, ok, err := s.o.store.ClaimDraft(d.ID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errors.New("that unfinished booking is gone")
	}
	i := s.newIntent(d)
	i.sent = d.IdempotencyKey != "" // it may have gone out before the crash
	if d.Hold.ID != "" {
		s.mu.Lock()
		s.custody[d.Hold.ID] = d.Hold
		s.mu.Unlock()
	}
	return i, nil
}

// Discard gives up a booking an earlier session left unfinished: its hold
// is given back, unless a confirm on it went unanswered, and its draft
// dropped.
func (s *Session) Discard(ctx context.Context, d state.Draft) error {
	i, err := s.Resume(d)
	if err != nil {
		return err
	}
	return i.Abandon(ctx)
}

// Adopt starts a booking on a hold known only by its id (a command line
// confirming a hold an earlier command placed), with confirm key key. Its
// draft is not kept: the key is derived again by the next run (ConfirmKey),
// which makes re-running the same command safe.
func (s *Session) Adopt(holdID, key string) *Intent {
	i := s.newIntent(state.Draft{Hold: model.Hold{ID: holdID}, IdempotencyKey: key})
	i.sent, i.ephemeral = true, true // an earlier run may have sent it
	return i
}

// Begin starts a booking on a hold this session placed.
func (s *Session) Begin(svc model.Service, loc model.Location, slot model.Slot, hold model.Hold, typed model.Contact) *Intent {
	return s.newIntent(state.Draft{
		ID: state.NewDraftID(), Service: svc, Location: loc, Slot: slot, Hold: hold, Contact: typed,
	})
}

func (s *Session) newIntent(d state.Draft) *Intent {
	i := &Intent{s: s, d: d, typed: d.Contact}
	s.mu.Lock()
	s.intents[i] = struct{}{}
	s.mu.Unlock()
	return i
}

func (s *Session) forget(i *Intent) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.intents, i)
}

func (s *Session) now() time.Time { return s.o.now() }
