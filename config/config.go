// Package config resolves zimun's settings from defaults, a TOML file, the
// environment and command-line flags, in that order of increasing weight.
// Loading is pure: the environment and the flags are passed in, so tests
// and SSH sessions never share state.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"golang.org/x/crypto/ssh"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/sandbox"
)

// DefaultBaseURL is Zimun's production API (api.DefaultBaseURL; a test
// keeps the two the same).
const DefaultBaseURL = "https://api.zimun.online"

// Config is the resolved configuration. Printing it, in any verb or
// through slog, never shows the client secret.
type Config struct {
	API     API     `toml:"api"`
	Booking Booking `toml:"booking"`
	UI      UI      `toml:"ui"`
	Kiosk   Kiosk   `toml:"kiosk"`
	Sandbox Sandbox `toml:"sandbox"`

	// Path is the file that was read, or "" when none was.
	Path string `toml:"-"`
}

// API says how to reach the Zimun API.
type API struct {
	BaseURL        string        `toml:"base_url"`
	ClientID       string        `toml:"client_id"`
	ClientSecret   Secret        `toml:"client_secret"`
	OrganizationID string        `toml:"organization_id"`
	Timeout        time.Duration `toml:"timeout"`
}

// Booking holds the booking screens' preferences.
type Booking struct {
	Service   string `toml:"service"`
	Location  string `toml:"location"`
	DaysAhead int    `toml:"days_ahead"`
	WeekStart string `toml:"week_start"`
	Clock     string `toml:"clock"`
}

// UI holds the look of the terminal UI.
type UI struct {
	Theme   string `toml:"theme"`
	NoColor bool   `toml:"no_color"`
	// ExportDir is where .ics exports go; "" is the download folder.
	ExportDir string `toml:"export_dir"`
	// Accessible starts the accessible mode (plain lines for screen
	// readers) instead of the full-screen UI.
	Accessible bool `toml:"accessible"`
	// Language is "en" or "fr" (a locale like fr_FR.UTF-8 too); "" follows
	// LC_ALL, LC_MESSAGES and LANG.
	Language string `toml:"language"`
}

// Kiosk configures the SSH kiosk server (`zimun kiosk`); each key has a
// flag of the same name in kebab case.
type Kiosk struct {
	Listen            string        `toml:"listen"`
	HostKey           string        `toml:"host_key"` // "" = kiosk_host_ed25519 in the state dir
	MaxSessions       int           `toml:"max_sessions"`
	IdleTimeout       time.Duration `toml:"idle_timeout"`
	IdleWarning       time.Duration `toml:"idle_warning"`
	ShowReference     time.Duration `toml:"show_reference"` // a booking's reference on screen before the next customer
	MaxSession        time.Duration `toml:"max_session"`
	ShutdownGrace     time.Duration `toml:"shutdown_grace"`
	ConnectsPerMinute int           `toml:"connects_per_minute"`
	DeskKeys          []string      `toml:"desk_keys"` // public keys, or authorized_keys files
}

// Sandbox holds the defaults of `zimun sandbox` and of the demo sandbox.
type Sandbox struct {
	HoldTTL  time.Duration `toml:"hold_ttl"`
	Seed     int64         `toml:"seed"`
	DataFile string        `toml:"data_file"`
	// Faults is a fault SPEC (sandbox.FaultSpecHelp); "" injects none.
	Faults string `toml:"faults"`
	// RateLimit is requests per second per token; 0 turns the limit off.
	RateLimit float64 `toml:"rate_limit"`
}

// DefaultSandboxRateLimit is sandbox.rate_limit's default.
const DefaultSandboxRateLimit = 50

// Themes are the accepted ui.theme values.
var Themes = []string{"auto", "dark", "light", "high-contrast"}

// Default returns the built-in settings.
func Default() Config {
	return Config{
		API: API{
			BaseURL: DefaultBaseURL,
			Timeout: 10 * time.Second,
		},
		Booking: Booking{DaysAhead: 30, Clock: "24h"}, // week_start: the language's
		UI:      UI{Theme: "auto"},
		Kiosk: Kiosk{
			Listen:            "127.0.0.1:2222",
			MaxSessions:       10,
			IdleTimeout:       5 * time.Minute,
			IdleWarning:       30 * time.Second,
			ShowReference:     time.Minute,
			MaxSession:        30 * time.Minute,
			ShutdownGrace:     10 * time.Second,
			ConnectsPerMinute: 30,
		},
		Sandbox: Sandbox{HoldTTL: 10 * time.Minute, RateLimit: DefaultSandboxRateLimit},
	}
}

// Options says where Load finds its inputs.
type Options struct {
	// Path is the --config flag; "" means $ZIMUN_CONFIG, then DefaultPath.
	// An explicit path must exist; the default one may be missing.
	Path string
	// Getenv reads the environment; nil means an empty one.
	Getenv func(string) string
	// Flags applies the command-line overrides, after the environment.
	Flags func(*Config)
}

// Load resolves the configuration: defaults, then the file, then the
// environment, then opts.Flags, then validation. The warnings are for the
// user (stderr), not errors.
func Load(opts Options) (Config, []string, error) {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	cfg := Default()
	path, explicit := opts.Path, opts.Path != ""
	if !explicit {
		path = getenv("ZIMUN_CONFIG")
		explicit = path != ""
	}
	if !explicit {
		var err error
		if path, err = DefaultPath(getenv); err != nil {
			// No home directory: run on defaults rather than refuse to start.
			path = ""
		}
	}
	var warnings []string
	if path != "" {
		w, err := readFile(path, explicit, &cfg)
		if err != nil {
			return Config{}, nil, err
		}
		warnings = append(warnings, w...)
	}
	applyEnv(&cfg, getenv)
	if opts.Flags != nil {
		opts.Flags(&cfg)
	}
	if err := cfg.Validate(); err != nil {
		return Config{}, warnings, err
	}
	return cfg, warnings, nil
}

// readFile decodes path over cfg. A missing file is fine unless the user
// named it.
func readFile(path string, explicit bool, cfg *Config) ([]string, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	md, err := decode(path, data, cfg)
	if err != nil {
		return nil, err
	}
	cfg.Path = path
	// Mode bits mean nothing on Windows; elsewhere a secret others can read
	// is worth a nudge, not a refusal.
	if cfg.API.ClientSecret != "" && md.IsDefined("api", "client_secret") && runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 {
		return []string{fmt.Sprintf("%s holds api.client_secret but other users can read it (mode %#o); run: chmod 600 %s",
			path, info.Mode().Perm(), path)}, nil
	}
	return nil, nil
}

// decode reads TOML data over cfg; every key must be known.
func decode(path string, data []byte, cfg *Config) (toml.MetaData, error) {
	md, err := toml.Decode(string(data), cfg)
	if err != nil {
		return md, fmt.Errorf("config %s: %w", path, err)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		names := make([]string, len(keys))
		for i, k := range keys {
			names[i] = k.String()
		}
		return md, i18n.Errorf(i18n.CfgUnknownKey, path, strings.Join(names, ", "))
	}
	return md, nil
}

func applyEnv(cfg *Config, getenv func(string) string) {
	set := func(dst *string, name string) {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	set(&cfg.API.BaseURL, "ZIMUN_BASE_URL")
	set(&cfg.API.ClientID, "ZIMUN_CLIENT_ID")
	set((*string)(&cfg.API.ClientSecret), "ZIMUN_CLIENT_SECRET")
	set(&cfg.API.OrganizationID, "ZIMUN_ORGANIZATION_ID")
	// https://no-color.org: set and not empty.
	if getenv("NO_COLOR") != "" {
		cfg.UI.NoColor = true
	}
}

// DefaultPath is config.toml in the user's config directory. On Unix-like
// systems it reads XDG_CONFIG_HOME and HOME through getenv, as
// os.UserConfigDir does, so tests never see the real user's file.
func DefaultPath(getenv func(string) string) (string, error) {
	var dir string
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "plan9":
		d, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		dir = d
	default:
		if d := getenv("XDG_CONFIG_HOME"); filepath.IsAbs(d) {
			dir = d
		} else if home := getenv("HOME"); home != "" {
			dir = filepath.Join(home, ".config")
		} else {
			return "", errors.New("neither $XDG_CONFIG_HOME nor $HOME is set")
		}
	}
	return filepath.Join(dir, "zimun", "config.toml"), nil
}

// StateDir is where drafts and the desk journal live:
// $XDG_STATE_HOME/zimun, by default ~/.local/state/zimun.
func StateDir(getenv func(string) string) (string, error) {
	if d := getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "zimun"), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", err
		}
	}
	return filepath.Join(home, ".local", "state", "zimun"), nil
}

// ExportDir is where exported files (.ics) go: ui.export_dir when set (a
// leading ~ is the home folder), else the XDG download folder
// ($XDG_DOWNLOAD_DIR, or XDG_DOWNLOAD_DIR in user-dirs.dirs), else
// ~/Downloads when it exists, else the home folder. Never the working
// directory: under `go run .` that is the repository.
func ExportDir(cfg Config, getenv func(string) string) (string, error) {
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", err
		}
	}
	expand := func(p string) string {
		p = strings.ReplaceAll(p, "$HOME", home)
		if p == "~" || strings.HasPrefix(p, "~/") {
			p = home + p[1:]
		}
		return p
	}
	if d := cfg.UI.ExportDir; d != "" {
		return expand(d), nil
	}
	if d := expand(getenv("XDG_DOWNLOAD_DIR")); filepath.IsAbs(d) {
		return d, nil
	}
	confDir := getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(confDir) {
		confDir = filepath.Join(home, ".config")
	}
	if b, err := os.ReadFile(filepath.Join(confDir, "user-dirs.dirs")); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(line), "XDG_DOWNLOAD_DIR="); ok {
				if d := expand(strings.Trim(v, `"`)); filepath.IsAbs(d) {
					return d, nil
				}
			}
		}
	}
	if d := filepath.Join(home, "Downloads"); isDir(d) {
		return d, nil
	}
	return home, nil
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// HasCredentials reports whether both the client id and secret are set.
func (c Config) HasCredentials() bool {
	return c.API.ClientID != "" && c.API.ClientSecret != ""
}

// Validate checks every key and reports each bad one by its TOML name.
func (c Config) Validate() error {
	var errs []error
	// Each problem is worded by the catalogue, so zimun can say it in the
	// person's language; numbers go as text, as fmt writes them.
	bad := func(key string, k i18n.Key, args ...any) {
		errs = append(errs, i18n.Errorf(i18n.NamedProblem, key, i18n.Errorf(k, args...)))
	}
	badErr := func(key string, err error) {
		errs = append(errs, i18n.Errorf(i18n.NamedProblem, key, err))
	}

	switch u, err := url.Parse(c.API.BaseURL); {
	case err != nil:
		bad("api.base_url", i18n.CfgURL, DefaultBaseURL, c.API.BaseURL)
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
		bad("api.base_url", i18n.CfgURL, DefaultBaseURL, u.Redacted())
	case u.User != nil:
		bad("api.base_url", i18n.CfgURLUser)
	}
	switch {
	case c.API.ClientID != "" && c.API.ClientSecret == "":
		bad("api.client_secret", i18n.CfgSecretMissing)
	case c.API.ClientID == "" && c.API.ClientSecret != "":
		bad("api.client_id", i18n.CfgIDMissing)
	}
	if t := c.API.Timeout; t < time.Second || t > 5*time.Minute {
		bad("api.timeout", i18n.CfgBetween, "1s", "5m", t.String())
	}

	if d := c.Booking.DaysAhead; d < 1 || d > 90 {
		bad("booking.days_ahead", i18n.CfgRange, "1", "90", fmt.Sprint(d))
	}
	if _, err := ParseWeekday(c.Booking.WeekStart); c.Booking.WeekStart != "" && err != nil {
		badErr("booking.week_start", err)
	}
	if c.Booking.Clock != "24h" && c.Booking.Clock != "12h" {
		bad("booking.clock", i18n.CfgClock, c.Booking.Clock)
	}

	if !isTheme(c.UI.Theme) {
		bad("ui.theme", i18n.CfgTheme, strings.Join(Themes, ", "), c.UI.Theme)
	}
	if _, ok := i18n.ParseLocale(c.UI.Language); c.UI.Language != "" && !ok {
		bad("ui.language", i18n.CfgLanguage, c.UI.Language)
	}

	if err := checkListen(c.Kiosk.Listen); err != nil {
		badErr("kiosk.listen", err)
	}
	if n := c.Kiosk.MaxSessions; n < 1 || n > 1000 {
		bad("kiosk.max_sessions", i18n.CfgRange, "1", "1000", fmt.Sprint(n))
	}
	if t := c.Kiosk.IdleTimeout; t != 0 && (t < 10*time.Second || t > 24*time.Hour) {
		bad("kiosk.idle_timeout", i18n.CfgIdleTimeout, t.String())
	}
	if t := c.Kiosk.IdleWarning; t < 20*time.Second || t > 10*time.Minute {
		bad("kiosk.idle_warning", i18n.CfgIdleWarning, t.String())
	}
	if t := c.Kiosk.ShowReference; t < 10*time.Second || t > 10*time.Minute {
		bad("kiosk.show_reference", i18n.CfgShowReference, t.String())
	}
	if t := c.Kiosk.MaxSession; t != 0 && (t < time.Minute || t > 24*time.Hour) {
		bad("kiosk.max_session", i18n.CfgMaxSession, t.String())
	}
	if t := c.Kiosk.ShutdownGrace; t < time.Second || t > 5*time.Minute {
		bad("kiosk.shutdown_grace", i18n.CfgBetween, "1s", "5m", t.String())
	}
	if n := c.Kiosk.ConnectsPerMinute; n < 0 || n > 10000 {
		bad("kiosk.connects_per_minute", i18n.CfgConnects, fmt.Sprint(n))
	}
	for i, k := range c.Kiosk.DeskKeys {
		if err := checkDeskKey(k); err != nil {
			badErr(fmt.Sprintf("kiosk.desk_keys[%d]", i), err)
		}
	}

	if t := c.Sandbox.HoldTTL; t < time.Second || t > 24*time.Hour {
		bad("sandbox.hold_ttl", i18n.CfgBetween, "1s", "24h", t.String())
	}
	if _, err := sandbox.ParseFaults(c.Sandbox.Faults); err != nil {
		badErr("sandbox.faults", err)
	}
	if r := c.Sandbox.RateLimit; !(r >= 0 && r <= maxRateLimit) {
		bad("sandbox.rate_limit", i18n.CfgRateLimit, fmt.Sprint(maxRateLimit), fmt.Sprint(r))
	}
	return errors.Join(errs...)
}

const maxRateLimit = 1_000_000

func isTheme(s string) bool {
	for _, t := range Themes {
		if s == t {
			return true
		}
	}
	return false
}

// checkDeskKey accepts a public key line or an absolute path; the file is
// read when the kiosk starts.
func checkDeskKey(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return i18n.Errorf(i18n.CfgDeskKeyEmpty)
	case strings.ContainsRune(s, ' ') && (strings.Contains(s, "ssh-") || strings.Contains(s, "ecdsa-")):
		if _, _, _, _, err := ssh.ParseAuthorizedKey([]byte(s)); err != nil {
			return i18n.Errorf(i18n.CfgDeskKeyInvalid, err.Error())
		}
	case !filepath.IsAbs(s):
		return i18n.Errorf(i18n.CfgDeskKeyWant, s)
	}
	return nil
}

func checkListen(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return i18n.Errorf(i18n.CfgListen, addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return i18n.Errorf(i18n.CfgPort, port)
	}
	return nil
}

// ParseWeekday reads a weekday name, full or three letters, any case.
func ParseWeekday(s string) (time.Weekday, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		if s == name || s == name[:3] {
			return d, nil
		}
	}
	return 0, i18n.Errorf(i18n.CfgWeekday, s)
}

// WeekStartDay is booking.week_start as a time.Weekday, Monday when it is
// not set; valid after Load.
func (b Booking) WeekStartDay() time.Weekday {
	if b.WeekStart == "" {
		return time.Monday
	}
	d, _ := ParseWeekday(b.WeekStart)
	return d
}

// WeekStartSet reports booking.week_start set; when it is not, the
// French UI starts its weeks as the language's region does.
func (b Booking) WeekStartSet() bool { return b.WeekStart != "" }

// Clock24 reports whether times are shown on the 24-hour clock.
func (b Booking) Clock24() bool { return b.Clock != "12h" }

// String renders the configuration as TOML with the secret masked.
func (c Config) String() string {
	var b strings.Builder
	// Encoding plain structs cannot fail.
	_ = toml.NewEncoder(&b).Encode(c)
	return b.String()
}

// GoString keeps %#v from showing the secret.
func (c Config) GoString() string {
	type plain Config // drops the methods, so Sprintf does not recurse
	return fmt.Sprintf("config.Config%+v", plain(c))
}

// LogValue lets slog log the configuration without the secret.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("path", c.Path),
		slog.String("api.base_url", c.API.BaseURL),
		slog.String("api.client_id", c.API.ClientID),
		slog.Any("api.client_secret", c.API.ClientSecret),
		slog.String("api.organization_id", c.API.OrganizationID),
		slog.Duration("api.timeout", c.API.Timeout),
		slog.String("booking.service", c.Booking.Service),
		slog.String("booking.location", c.Booking.Location),
		slog.Int("booking.days_ahead", c.Booking.DaysAhead),
		slog.String("booking.week_start", c.Booking.WeekStart),
		slog.String("booking.clock", c.Booking.Clock),
		slog.String("ui.theme", c.UI.Theme),
		slog.Bool("ui.no_color", c.UI.NoColor),
		slog.Bool("ui.accessible", c.UI.Accessible),
		slog.String("ui.language", c.UI.Language),
	)
}

// Secret is a string that prints masked in every format (%v, %s, %#v, JSON,
// TOML, slog). Convert with string(s) where the real value is needed.
type Secret string

const masked = "********"

func (s Secret) mask() string {
	if s == "" {
		return ""
	}
	return masked
}

func (s Secret) String() string               { return s.mask() }
func (s Secret) GoString() string             { return strconv.Quote(s.mask()) }
func (s Secret) LogValue() slog.Value         { return slog.StringValue(s.mask()) }
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.mask()), nil }
