// Package api is the Zimun booking API client: OAuth2 client credentials,
// retries with idempotency keys, typed errors and lenient decoding.
package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/zimun-app/zimun/model"
)

// DefaultBaseURL is Zimun's production host; API paths live under /api/v1.
const DefaultBaseURL = "https://api.zimun.online"

// Defaults for zero Config fields.
const (
	DefaultRequestTimeout = 10 * time.Second
	DefaultWriteTimeout   = 15 * time.Second
	// A failing call is retried for this long, waits included: a blip of
	// the network costs a wait, not the booking.
	DefaultReadRetryBudget  = 5 * time.Second
	DefaultWriteRetryBudget = 10 * time.Second
)

// Config says how to reach the API. Printing or logging a Config masks
// ClientSecret.
type Config struct {
	BaseURL        string // host root, e.g. https://api.zimun.online; "/api/v1" is added
	ClientID       string
	ClientSecret   string
	OrganizationID string           // sent on holds; empty means the token's organisation
	Version        string           // for the User-Agent
	HTTPClient     *http.Client     // optional base client (transport); timeouts are per request
	Now            func() time.Time // local clock; default time.Now
	RequestTimeout time.Duration    // one attempt of a read; default 10s
	WriteTimeout   time.Duration    // one attempt of a write; default 15s
	// ReadRetryBudget and WriteRetryBudget bound how long a retryable call
	// that keeps failing goes on: a retry starts only if its wait still
	// fits in the budget (time spent in attempts and waits) and before the
	// caller's context ends. Defaults 5s and 10s.
	ReadRetryBudget  time.Duration
	WriteRetryBudget time.Duration
	// MaxRetries, if positive, also caps the attempts of one call (1: never
	// retry); 0 leaves it to the budgets.
	MaxRetries int
	// Logger gets one debug line per request (method, path, status,
	// duration, request id) and one per retry; never bodies, queries or
	// headers. Default: discard.
	Logger *slog.Logger
	// Observer, if set, is told of every call once it is over (retries
	// included), secrets redacted: see Exchange and Recorder. It runs on
	// the caller's goroutine, so it must be quick. The token request is
	// not told: its body is the client's credentials.
	Observer func(Exchange)
}

const masked = "[redacted]"

// configView is Config without its methods, to print it field by field.
type configView Config

func (c Config) masked() configView {
	v := configView(c)
	if v.ClientSecret != "" {
		v.ClientSecret = masked
	}
	return v
}

// Format prints the Config with ClientSecret masked, for every verb.
func (c Config) Format(f fmt.State, verb rune) {
	format := "%v"
	if verb == 'v' {
		format = fmt.FormatString(f, verb) // keeps %+v and %#v
	}
	s := fmt.Sprintf(format, c.masked())
	fmt.Fprint(f, strings.Replace(s, "api.configView", "api.Config", 1))
}

func (c Config) String() string { return fmt.Sprint(c) }

// LogValue keeps the secret out of slog output, JSON handlers included.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("base_url", c.BaseURL),
		slog.String("client_id", c.ClientID),
		slog.String("client_secret", c.masked().ClientSecret),
		slog.String("organization_id", c.OrganizationID),
	)
}

// Client talks to one Zimun organisation. Safe for concurrent use by many
// sessions; build one per process.
type Client struct {
	cfg       Config // ClientSecret cleared: only auth holds it
	baseURL   string
	userAgent string
	http      *http.Client
	auth      *auth
	now       func() time.Time
	sleep     func(context.Context, time.Duration) error // tests shorten backoff

	skew atomic.Int64 // server minus local, nanoseconds, latest response

	orgMu    sync.Mutex
	orgID    string
	orgKnown bool // orgID is final: configured, fetched, or refused ("")

	durations sync.Map // service id -> duration, to complete slots without an end

	// Set once the POST fallback worked because PATCH is not routed.
	reschedulePost, cancelPost atomic.Bool
}

// New builds a client. ctx is long-lived: the token source uses it for every
// refresh, so it must outlive all calls (never a request's context).
func New(ctx context.Context, cfg Config) (*Client, error) {
	if cfg.ClientID == "" || cfg.ClientSecret == "" {
		return nil, errors.New("api: client ID and client secret are required")
	}
	base, err := normalizeBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = DefaultWriteTimeout
	}
	if cfg.ReadRetryBudget <= 0 {
		cfg.ReadRetryBudget = DefaultReadRetryBudget
	}
	if cfg.WriteRetryBudget <= 0 {
		cfg.WriteRetryBudget = DefaultWriteRetryBudget
	}
	if cfg.Version == "" {
		cfg.Version = "dev"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	hc := cfg.HTTPClient
	if hc == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 64 // many sessions share one host
		hc = &http.Client{Transport: t}
	}
	ua := "zimun/" + cfg.Version + " (+https://github.com/zimun-app/zimun)"
	rt := hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	// A hung token endpoint would stall every call, so its client has a timeout.
	tokenHTTP := &http.Client{
		Transport:     userAgentTransport{base: rt, ua: ua},
		Timeout:       cfg.RequestTimeout,
		CheckRedirect: hc.CheckRedirect,
	}
	c := &Client{
		baseURL:   base,
		userAgent: ua,
		http:      hc,
		auth:      newAuth(ctx, base, cfg.ClientID, cfg.ClientSecret, tokenHTTP),
		now:       cfg.Now,
		sleep:     sleepCtx,
		orgID:     cfg.OrganizationID,
		orgKnown:  cfg.OrganizationID != "",
	}
	cfg.ClientSecret = ""
	c.cfg = cfg
	return c, nil
}

// normalizeBaseURL accepts the host root, tolerating a pasted /api/v1.
func normalizeBaseURL(raw string) (string, error) {
	if raw == "" {
		raw = DefaultBaseURL
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("api: base URL %q: want http(s)://host", clean(raw))
	}
	if u.User != nil {
		// It would be printed and logged with the URL; credentials go in
		// client_id and client_secret.
		return "", errors.New("api: base URL: remove the user name or password before the host")
	}
	for p := ""; p != u.Path; {
		p = u.Path
		u.Path = strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), "/api/v1")
	}
	u.RawQuery, u.Fragment = "", ""
	return strings.TrimSuffix(u.String(), "/"), nil
}

// Format prints the client's identity; the secret is never stored here.
func (c *Client) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, "api.Client{BaseURL: %s, ClientID: %s, OrganizationID: %s}",
		c.baseURL, c.cfg.ClientID, c.cfg.OrganizationID)
}

func (c *Client) String() string { return fmt.Sprint(c) }

// LogValue logs the client's identity, without credentials.
func (c *Client) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("base_url", c.baseURL),
		slog.String("client_id", c.cfg.ClientID),
	)
}

// HoldRequest asks for a slot to be held.
type HoldRequest struct {
	ServiceID       string
	LocationID      string
	Time            time.Time // sent in UTC
	DurationMinutes int
	IdempotencyKey  string // "" = fresh
}

// ConfirmRequest turns a hold into an appointment.
type ConfirmRequest struct {
	HoldID         string
	Contact        model.Contact
	IdempotencyKey string // reuse the same key when retrying after a failure
}

// RescheduleRequest moves an appointment.
type RescheduleRequest struct {
	AppointmentID  string
	Time           time.Time
	IdempotencyKey string
}

// CancelRequest cancels an appointment.
type CancelRequest struct {
	AppointmentID  string
	Reason         string
	IdempotencyKey string
}

// AppointmentFilter narrows GET /appointments.
type AppointmentFilter struct {
	From, To  time.Time // zero = open
	Status    string
	Query     string
	PageSize  int
	PageToken string
}

// AppointmentPage is one page of appointments.
type AppointmentPage struct {
	Items         []model.Appointment
	NextPageToken string
}

// ClockSkew is server time minus local time, from the latest Date header.
func (c *Client) ClockSkew() time.Duration { return time.Duration(c.skew.Load()) }

// ServerNow is the server's current time as best known.
func (c *Client) ServerNow() time.Time { return c.now().Add(c.ClockSkew()) }

// NewIdempotencyKey returns a fresh key (a UUID v4) for one logical write.
func NewIdempotencyKey() string { return uuid.NewString() }

// BaseURL is the API's host root as the client uses it (normalised), so
// state kept per API names each API one way.
func (c *Client) BaseURL() string { return c.baseURL }

// ClientID is the client id the client authenticates with.
func (c *Client) ClientID() string { return c.cfg.ClientID }

// ConfiguredOrganization is the organisation id given in the config, ""
// when the token's own is used.
func (c *Client) ConfiguredOrganization() string { return c.cfg.OrganizationID }
