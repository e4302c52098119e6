package sandbox

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	mathrand "math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configure a sandbox. The zero value is a working in-memory
// sandbox on the wall clock.
type Options struct {
	ClientID     string           // default "demo-client"
	ClientSecret string           // default "demo-secret"
	HoldTTL      time.Duration    // default 10 minutes
	Seed         int64            // demo data seed; default 1
	Now          func() time.Time // clock; default time.Now
	// DataFile, if set, is loaded at start when present and rewritten
	// atomically after every change; "" keeps everything in memory.
	DataFile string
	Logger   *slog.Logger // default discards; outbox emails are logged too
	// RateLimit is requests per second per token (burst: twice that);
	// 0 means 50, below zero no limit (for benchmarks).
	RateLimit float64
	// Faults are injected at random, reproducibly; see ParseFaults.
	Faults FaultPlan
}

// Fault makes the sandbox misbehave on purpose for Times matching requests,
// before and instead of Options.Faults.
type Fault struct {
	Method string // "" matches any method
	Path   string // exact URL path, e.g. "/api/v1/appointments/hold"
	// Status, if non-zero, is answered with a canonical error body (and
	// RetryAfter as Retry-After, if set) without processing the request.
	Status     int
	RetryAfter string
	// DropAfterProcessing processes the request, then closes the
	// connection without answering: a reply lost on the way back.
	DropAfterProcessing bool
	Times               int // how many requests it affects; at least 1
}

// Stats count what clients did, for tests that check retries and caching.
type Stats struct {
	TokenGrants int
	Requests    map[string]int // "METHOD /path" -> count
}

// Server is the sandbox's http.Handler. All its state sits behind one
// mutex, so a slot can never be held or booked beyond its capacity.
type Server struct {
	opts Options
	log  *slog.Logger
	now  func() time.Time

	mu       sync.Mutex
	st       *state
	saved    []byte // the data file's content, to roll back a failed save
	clients  map[string]*client
	tokens   map[string]*token
	faults   []*Fault
	disabled map[string]bool
	stats    Stats
	zones    map[string]*time.Location
	holidays map[string]map[string]string // "FR/2025" -> date -> name
	// version counts changes of st; cached answers carry the one they
	// were computed at.
	version uint64
	avail   map[availKey]availEntry

	rawBytes bool // the state is a fixture with byte escapes; see state

	plan     FaultPlan
	faulty   atomic.Bool       // plan is not empty: spares requests a lock when it is
	faultSeq map[string]uint64 // requests per fault endpoint, for the draws
	injected InjectedFaults
}

const maxBody = 1 << 20

// New builds a sandbox: from opts.DataFile if it exists, else from fresh
// demo data around the current time of opts.Now.
func New(opts Options) (*Server, error) {
	if opts.ClientID == "" {
		opts.ClientID = "demo-client"
	}
	if opts.ClientSecret == "" {
		opts.ClientSecret = "demo-secret"
	}
	if opts.RateLimit == 0 {
		opts.RateLimit = defaultRateLimit
	}
	if opts.HoldTTL <= 0 {
		opts.HoldTTL = 10 * time.Minute
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		opts:     opts,
		log:      opts.Logger,
		now:      opts.Now,
		clients:  map[string]*client{opts.ClientID: {secret: opts.ClientSecret, scopes: allScopes}},
		tokens:   map[string]*token{},
		disabled: map[string]bool{},
		stats:    Stats{Requests: map[string]int{}},
		zones:    map[string]*time.Location{},
		holidays: map[string]map[string]string{},
		avail:    map[availKey]availEntry{},
		plan:     opts.Faults,
		faultSeq: map[string]uint64{},
	}
	s.faulty.Store(!opts.Faults.Empty())
	if opts.DataFile != "" {
		removeStaleTemps(opts.DataFile)
		st, data, ok, err := loadState(opts.DataFile)
		if err != nil {
			return nil, err
		}
		if ok {
			if err := st.check(s.zone); err != nil {
				return nil, fmt.Errorf("sandbox: data file %s: %w", opts.DataFile, err)
			}
			if err := st.shiftToNow(opts.Now(), s.zone); err != nil {
				return nil, err
			}
			s.st, s.saved, s.rawBytes = st, data, st.ByteEscapes
			return s, nil
		}
	}
	s.st = newState()
	if err := s.seedDemo(opts.Seed, opts.Now()); err != nil {
		return nil, err
	}
	if err := s.save(); err != nil {
		return nil, err
	}
	return s, nil
}

// removeStaleTemps deletes temporary files a crash left behind mid-save;
// the data file itself is intact because it is only ever renamed over.
func removeStaleTemps(path string) {
	stale, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*"))
	for _, f := range stale {
		os.Remove(f)
	}
}

// ListenAndServe serves a new sandbox on addr until ctx is done, then shuts
// down gracefully. ready, if not nil, is called once the port is open with
// the base URL (the host root: /oauth/token and /api/v1 hang off it).
func ListenAndServe(ctx context.Context, addr string, opts Options, ready func(baseURL string, s *Server)) error {
	s, err := New(opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	if ready != nil {
		ready(baseURL(ln.Addr()), s)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	// Requests under way get a second to finish. A connection dialled but
	// never used (a client's cancelled request leaves one) counts as busy
	// for 5 s to Shutdown; nothing is lost by closing it.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); errors.Is(err, context.DeadlineExceeded) {
		_ = srv.Close()
	} else if err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// baseURL turns a listener address into a URL a client on this machine can
// dial: a wildcard listen address becomes the loopback one.
func baseURL(a net.Addr) string {
	if tcp, ok := a.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		return "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port))
	}
	return "http://" + a.String()
}

// route is one endpoint. scopes lists the token scopes that may call it
// (any one suffices); nil means no token is needed.
type route struct {
	name    string
	method  string
	pattern string // segments separated by "/"; "{id}" matches any one
	scopes  []string
	handle  func(*Server, *call) (int, any, error)
	segs    []string // pattern, split once
}

var (
	catalogRead = []string{"org:read", "availability:read"}
	apptRead    = []string{"appointments:read"}
	apptWrite   = []string{"appointments:write"}
)

// routes are matched in order, so literal paths come before the {id} ones
// that would also match them.
var routes = splitPatterns([]route{
	{name: "token", method: "POST", pattern: "/oauth/token", handle: (*Server).postToken},
	{name: "outbox", method: "GET", pattern: "/sandbox/outbox", handle: (*Server).getOutbox},
	{name: "faults", method: "GET", pattern: "/sandbox/faults", handle: (*Server).getFaults},
	{name: "organization", method: "GET", pattern: "/api/v1/organization", scopes: []string{"org:read"}, handle: (*Server).getOrganization},
	{name: "locations", method: "GET", pattern: "/api/v1/locations", scopes: catalogRead, handle: (*Server).getLocations},
	{name: "services", method: "GET", pattern: "/api/v1/services", scopes: catalogRead, handle: (*Server).getServices},
	{name: "availability", method: "GET", pattern: "/api/v1/availability", scopes: []string{"availability:read"}, handle: (*Server).getAvailability},
	{name: "hold.create", method: "POST", pattern: "/api/v1/appointments/hold", scopes: apptWrite, handle: (*Server).postHold},
	{name: "hold.release", method: "DELETE", pattern: "/api/v1/appointments/hold/{id}", scopes: apptWrite, handle: (*Server).deleteHold},
	{name: "appointments.confirm", method: "POST", pattern: "/api/v1/appointments/confirm", scopes: apptWrite, handle: (*Server).postConfirm},
	{name: "appointments.reschedule", method: "POST", pattern: "/api/v1/appointments/reschedule", scopes: apptWrite, handle: (*Server).postReschedule},
	{name: "appointments.cancel", method: "POST", pattern: "/api/v1/appointments/cancel", scopes: apptWrite, handle: (*Server).postCancel},
	{name: "appointments.list", method: "GET", pattern: "/api/v1/appointments", scopes: apptRead, handle: (*Server).listAppointments},
	{name: "appointments.get", method: "GET", pattern: "/api/v1/appointments/{id}", scopes: apptRead, handle: (*Server).getAppointment},
	{name: "appointments.patch", method: "PATCH", pattern: "/api/v1/appointments/{id}", scopes: apptWrite, handle: (*Server).patchAppointment},
})

func splitPatterns(rs []route) []route {
	for i := range rs {
		rs[i].segs = strings.Split(rs[i].pattern, "/")
	}
	return rs
}

// match finds the route for r and its {id} segment. Literal patterns are
// tried first so that /api/v1/appointments/hold never reads as an id. When
// the path exists only under other methods, allow lists them (for a 405).
func match(r *http.Request) (rt *route, id string, allow []string) {
	segs := strings.Split(r.URL.Path, "/")
	for _, wild := range []bool{false, true} {
		for i := range routes {
			if strings.Contains(routes[i].pattern, "{") != wild {
				continue
			}
			got, ok := matchPath(routes[i].segs, segs)
			if !ok {
				continue
			}
			if routes[i].method == r.Method {
				return &routes[i], got, nil
			}
			allow = append(allow, routes[i].method)
		}
		if len(allow) > 0 {
			return nil, "", allow
		}
	}
	return nil, "", nil
}

// matchPath matches path segments against a pattern's, returning the
// segment in the {id} position.
func matchPath(pat, segs []string) (id string, ok bool) {
	if len(pat) != len(segs) {
		return "", false
	}
	for j, p := range pat {
		switch {
		case p == "{id}" && segs[j] != "":
			id = segs[j]
		case p != segs[j]:
			return "", false
		}
	}
	return id, true
}

// call is one request on its way through an endpoint.
type call struct {
	r        *http.Request
	body     []byte
	clientID string
	pathID   string
	key      string // the Idempotency-Key, if the call takes one
	now      time.Time
	changed  bool // the endpoint changed the state, so it must be saved
}

func (c *call) decode(v any) error {
	if len(bytes.TrimSpace(c.body)) == 0 {
		return badRequest("the request body must be a JSON object")
	}
	if err := json.Unmarshal(c.body, v); err != nil {
		return badRequest("the request body is not valid JSON for this call: %v", err)
	}
	return nil
}

// preencoded is a JSON body encoded earlier, sent as it is.
type preencoded []byte

// rendered is a response as bytes, the form idempotency stores.
type rendered struct {
	status   int
	body     []byte
	replayed bool
}

func render(status int, body any, err error) rendered {
	if err != nil {
		var ae *apiError
		var oe *oauthError
		switch {
		case errors.As(err, &ae):
			status, body = ae.Status, ae.body()
		case errors.As(err, &oe):
			status, body = oe.Status, oe
		default:
			status, body = http.StatusInternalServerError, errorBody{errorDetail{"internal_error", err.Error()}}
		}
	}
	if body == nil {
		return rendered{status: status}
	}
	if raw, ok := body.(preencoded); ok {
		return rendered{status: status, body: raw}
	}
	b, merr := json.Marshal(body)
	if merr != nil {
		return render(0, nil, merr)
	}
	return rendered{status: status, body: b}
}

// ServeHTTP answers one request of the canonical contract.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// Date from the injected clock: clients measure their clock skew on it.
	h.Set("Date", s.now().UTC().Format(http.TimeFormat))
	reqID := r.Header.Get("X-Request-Id")
	if reqID == "" || len(reqID) > 128 {
		reqID = requestID()
	}
	h.Set("X-Request-Id", reqID)
	if s.log.Enabled(r.Context(), slog.LevelDebug) {
		s.log.Debug("sandbox request", "method", r.Method, "path", r.URL.Path, "request_id", reqID)
	}

	rt, id, allow := match(r)
	s.mu.Lock()
	s.stats.Requests[r.Method+" "+r.URL.Path]++
	fault := s.takeFault(r)
	disabled := rt != nil && s.disabled[rt.name]
	s.mu.Unlock()
	if fault != nil && fault.Status != 0 {
		if fault.RetryAfter != "" {
			h.Set("Retry-After", fault.RetryAfter)
		}
		writeError(w, errorf(fault.Status, codeForStatus(fault.Status), "injected fault: %s", http.StatusText(fault.Status)))
		return
	}
	switch {
	case rt == nil && len(allow) > 0:
		h.Set("Allow", strings.Join(allow, ", "))
		writeError(w, errorf(http.StatusMethodNotAllowed, "method_not_allowed", "%s is not allowed on %s; use %s", r.Method, r.URL.Path, strings.Join(allow, " or ")))
		return
	case rt == nil || disabled:
		writeError(w, errorf(http.StatusNotFound, "not_found", "there is no endpoint %s %s", r.Method, r.URL.Path))
		return
	}

	c := &call{r: r, pathID: id}
	if rt.scopes != nil {
		var ok bool
		if c.clientID, ok = s.authenticate(w, r, rt, s.now()); !ok {
			return
		}
	}
	var body []byte
	var err error
	if r.Body != http.NoBody { // a GET has none: spare it a buffer
		body, err = io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, errorf(http.StatusRequestEntityTooLarge, "payload_too_large", "the request body is larger than %d bytes", maxBody))
		} else {
			writeError(w, badRequest("could not read the request body: %v", err))
		}
		return
	}
	c.body = body

	var plan faultDecision
	if fault == nil && s.faulty.Load() {
		s.mu.Lock()
		plan = s.planFaults(rt, body)
		s.mu.Unlock()
	}
	if plan.latency > 0 && !sleep(r.Context(), plan.latency) {
		return
	}
	if plan.kind != "" {
		s.log.Info("sandbox fault", "kind", plan.kind, "endpoint", plan.endpoint, "request_id", reqID)
	}
	if plan.kind == FaultError || plan.kind == Fault429 {
		faultBefore(w, rt, plan)
		return
	}

	out := s.run(rt, c)
	if s.rawBytes {
		out.body = rawBytes(out.body)
	}
	if (fault != nil && fault.DropAfterProcessing) || plan.kind == FaultDrop {
		drop(w)
		return
	}
	if plan.kind == FaultErrorAfter {
		writeFault(w, rt, http.StatusInternalServerError, "injected fault: "+http.StatusText(http.StatusInternalServerError))
		return
	}
	if out.replayed {
		h.Set("Idempotent-Replayed", "true")
	}
	if plan.kind == FaultSlow {
		writeSlowly(r.Context(), w, out, plan.wait)
		return
	}
	writeRendered(w, out)
}

// run executes an endpoint under the lock, with idempotency and saving.
func (s *Server) run(rt *route, c *call) rendered {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.now = s.now()
	if keep, set := s.plan.retention(); set {
		s.forget(c, keep)
	}

	key := c.r.Header.Get("Idempotency-Key")
	if rt.scopes == nil || (c.r.Method != http.MethodPost && c.r.Method != http.MethodPatch) {
		key = ""
	}
	if len(key) > maxIdempotencyKey {
		return render(0, nil, badRequest("Idempotency-Key is longer than %d characters", maxIdempotencyKey))
	}
	c.key = key
	if key != "" {
		if out, found := s.replay(c, key); found {
			return *out
		}
	}
	out := render(rt.handle(s, c))
	// Only what the endpoint changed can alter a cached answer; a
	// remembered reply (a refused hold's 409 too) cannot.
	if c.changed {
		s.version++
	}
	if key != "" {
		s.remember(c, key, out)
	}
	if c.changed {
		keep, _ := s.plan.retention()
		s.st.prune(c.now, keep)
		if err := s.save(); err != nil {
			s.log.Error("sandbox: could not save; change rolled back", "err", err)
			return render(0, nil, errors.New("the change could not be saved and was rolled back"))
		}
	}
	return out
}

// drop simulates a reply lost in the network: the request was processed,
// but the connection closes before any byte of the answer.
func drop(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// HTTP/2 cannot hijack; aborting the handler resets the stream.
		panic(http.ErrAbortHandler)
	}
	conn.Close()
}

func writeRendered(w http.ResponseWriter, out rendered) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	if out.body != nil {
		h.Set("Content-Type", "application/json; charset=utf-8")
		// A length spares both ends chunked framing of large answers.
		h.Set("Content-Length", strconv.Itoa(len(out.body)))
	}
	w.WriteHeader(out.status)
	w.Write(out.body)
}

func writeError(w http.ResponseWriter, e *apiError) {
	writeRendered(w, render(0, nil, e))
}

// takeFault consumes one use of the first fault matching r and returns a
// copy of it; s.mu is held.
func (s *Server) takeFault(r *http.Request) *Fault {
	for i, f := range s.faults {
		if f.Path == r.URL.Path && (f.Method == "" || strings.EqualFold(f.Method, r.Method)) {
			f.Times--
			if f.Times <= 0 {
				s.faults = slices.Delete(s.faults, i, i+1)
			}
			taken := *f
			return &taken
		}
	}
	return nil
}

// page is the canonical paginated list.
type page[T any] struct {
	Items         []T    `json:"items"`
	NextPageToken string `json:"next_page_token"`
}

const (
	defaultPageSize = 50
	maxPageSize     = 200
)

// paginate cuts one page out of items per page_size and page_token. Tokens
// are opaque to clients (an encoded offset).
func paginate[T any](c *call, items []T) (int, any, error) {
	q := c.r.URL.Query()
	size := defaultPageSize
	if v := q.Get("page_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPageSize {
			return 0, nil, badRequest("page_size must be a whole number from 1 to %d, got %q", maxPageSize, v)
		}
		size = n
	}
	offset := 0
	if v := q.Get("page_token"); v != "" {
		raw, err := base64.RawURLEncoding.DecodeString(v)
		n, ok := strings.CutPrefix(string(raw), "offset:")
		var aerr error
		offset, aerr = strconv.Atoi(n)
		if err != nil || aerr != nil || !ok || offset < 0 || offset > len(items) {
			return 0, nil, badRequest("page_token %q is not valid; start again without it", v)
		}
	}
	end := min(offset+size, len(items))
	out := page[T]{Items: append([]T{}, items[offset:end]...)}
	if end < len(items) {
		out.NextPageToken = base64.RawURLEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(end)))
	}
	return http.StatusOK, out, nil
}

func (s *Server) getOrganization(c *call) (int, any, error) {
	return http.StatusOK, s.st.Organization, nil
}

func (s *Server) getLocations(c *call) (int, any, error) {
	return paginate(c, s.locations())
}

func (s *Server) getServices(c *call) (int, any, error) {
	return paginate(c, s.services())
}

func (s *Server) getOutbox(c *call) (int, any, error) {
	return http.StatusOK, page[Email]{Items: append([]Email{}, s.st.Outbox...)}, nil
}

// requestID names a request in logs and answers; unique, not secret.
func requestID() string {
	const digits = "0123456789abcdefghijklmnopqrstuv"
	b := []byte("req_0000000000000")
	for i, n := len(b)-1, mathrand.Uint64(); i >= 4; i, n = i-1, n>>5 {
		b[i] = digits[n&31]
	}
	return string(b)
}

// newID makes an unguessable id for something created at run time.
func newID(prefix string) string {
	return prefix + strings.ToLower(rand.Text()[:16])
}

// OrganizationID is the id of the demo organisation, which holds accept as
// organization_id.
func (s *Server) OrganizationID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.Organization.ID
}

// AddClient registers another OAuth client. With no scopes it gets all of
// them; tests pass fewer to reach 403 insufficient_scope.
func (s *Server) AddClient(id, secret string, scopes ...string) {
	if len(scopes) == 0 {
		scopes = allScopes
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clients[id] = &client{secret: secret, scopes: scopes}
}

// RevokeTokens invalidates every issued token: the next call with one gets
// 401, as after a key rotation.
func (s *Server) RevokeTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.tokens)
}

// Outbox returns the emails sent so far, oldest first.
func (s *Server) Outbox() []Email {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Email(nil), s.st.Outbox...)
}

// DisableRoute makes an endpoint answer 404 as if the server lacked it,
// to test clients against older deployments. Names: token, outbox,
// organization, locations, services, availability, hold.create,
// hold.release, appointments.confirm, appointments.reschedule,
// appointments.cancel, appointments.list, appointments.get,
// appointments.patch.
func (s *Server) DisableRoute(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.disabled[name] = true
}

// InjectFault queues a fault; see Fault.
func (s *Server) InjectFault(f Fault) {
	f.Times = max(f.Times, 1)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// Stats returns a copy of the request counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := Stats{TokenGrants: s.stats.TokenGrants, Requests: make(map[string]int, len(s.stats.Requests))}
	for k, v := range s.stats.Requests {
		out.Requests[k] = v
	}
	return out
}

// TokenCount is the number of tokens granted so far.
func (s *Server) TokenCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats.TokenGrants
}

// Services returns the service catalogue as GET /api/v1/services shows it.
func (s *Server) Services() []Service {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.services()
}

func (s *Server) services() []Service {
	out := make([]Service, len(s.st.Services))
	for i, svc := range s.st.Services {
		out[i] = *svc
		out[i].LocationIDs = append([]string(nil), svc.LocationIDs...)
	}
	return out
}

// Locations returns the locations as GET /api/v1/locations shows them.
func (s *Server) Locations() []Location {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.locations()
}

func (s *Server) locations() []Location {
	out := make([]Location, len(s.st.Locations))
	for i, loc := range s.st.Locations {
		out[i] = loc.Location
	}
	return out
}
