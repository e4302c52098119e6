package config

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

func writeConfig(t *testing.T, body string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(body), mode); err != nil {
		t.Fatal(err)
	}
	// WriteFile's mode is filtered by the umask; set it exactly.
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

func envMap(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestPrecedence(t *testing.T) {
	file := writeConfig(t, `
[api]
base_url = "https://file.example"
client_id = "file-id"
client_secret = "file-secret"
[booking]
service = "s_file"
days_ahead = 14
`, 0o600)

	tests := []struct {
		name      string
		env       map[string]string
		flags     func(*Config)
		wantURL   string
		wantID    string
		wantSvc   string
		wantDays  int
		wantClock string
	}{
		{name: "file over defaults", wantURL: "https://file.example", wantID: "file-id", wantSvc: "s_file", wantDays: 14, wantClock: "24h"},
		{
			name:    "env over file",
			env:     map[string]string{"ZIMUN_BASE_URL": "http://env.example", "ZIMUN_CLIENT_ID": "env-id"},
			wantURL: "http://env.example", wantID: "env-id", wantSvc: "s_file", wantDays: 14, wantClock: "24h",
		},
		{
			name: "flag over env",
			env:  map[string]string{"ZIMUN_BASE_URL": "http://env.example"},
			flags: func(c *Config) {
				c.API.BaseURL = "http://flag.example"
				c.Booking.Service = "s_flag"
			},
			wantURL: "http://flag.example", wantID: "file-id", wantSvc: "s_flag", wantDays: 14, wantClock: "24h",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, warnings, err := Load(Options{Path: file, Getenv: envMap(tt.env), Flags: tt.flags})
			if err != nil {
				t.Fatal(err)
			}
			if len(warnings) != 0 {
				t.Errorf("warnings = %q", warnings)
			}
			got := []any{cfg.API.BaseURL, cfg.API.ClientID, cfg.Booking.Service, cfg.Booking.DaysAhead, cfg.Booking.Clock}
			want := []any{tt.wantURL, tt.wantID, tt.wantSvc, tt.wantDays, tt.wantClock}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("got %v, want %v", got, want)
			}
			if cfg.Path != file {
				t.Errorf("Path = %q, want %q", cfg.Path, file)
			}
		})
	}
}

func TestPathResolution(t *testing.T) {
	dir := t.TempDir()
	defaultFile := filepath.Join(dir, "zimun", "config.toml")
	if err := os.MkdirAll(filepath.Dir(defaultFile), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(defaultFile, []byte("[booking]\ndays_ahead = 7\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := writeConfig(t, "[booking]\ndays_ahead = 9\n", 0o600)

	env := map[string]string{"XDG_CONFIG_HOME": dir, "HOME": dir}
	if runtime.GOOS == "linux" {
		cfg, _, err := Load(Options{Getenv: envMap(env)})
		if err != nil || cfg.Booking.DaysAhead != 7 || cfg.Path != defaultFile {
			t.Errorf("default path: days=%d path=%q err=%v", cfg.Booking.DaysAhead, cfg.Path, err)
		}
	}
	env["ZIMUN_CONFIG"] = other
	cfg, _, err := Load(Options{Getenv: envMap(env)})
	if err != nil || cfg.Booking.DaysAhead != 9 {
		t.Errorf("ZIMUN_CONFIG: days=%d err=%v", cfg.Booking.DaysAhead, err)
	}

	// A missing default file is fine; a missing named one is not.
	if _, _, err := Load(Options{Getenv: envMap(map[string]string{"HOME": t.TempDir()})}); err != nil {
		t.Errorf("missing default file: %v", err)
	}
	if _, _, err := Load(Options{Path: filepath.Join(dir, "nope.toml")}); err == nil {
		t.Error("missing --config file: no error")
	}
}

func TestDefaults(t *testing.T) {
	cfg, _, err := Load(Options{Path: writeConfig(t, "", 0o600)})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Booking.DaysAhead != 30 || cfg.Booking.WeekStartDay() != time.Monday || !cfg.Booking.Clock24() ||
		cfg.UI.Theme != "auto" || cfg.Kiosk.Listen != "127.0.0.1:2222" || cfg.Sandbox.HoldTTL != 10*time.Minute ||
		cfg.Kiosk.IdleWarning != 30*time.Second || cfg.Kiosk.ShutdownGrace != 10*time.Second || cfg.Kiosk.MaxSessions != 10 {
		t.Errorf("defaults: %+v", cfg)
	}
	if cfg.HasCredentials() {
		t.Error("HasCredentials with none set")
	}
}

func TestValidation(t *testing.T) {
	tests := []struct{ body, want string }{
		{"[api]\nbase_url = \"ftp://x\"", `api.base_url: must be an http(s) URL`},
		{"[api]\nbase_url = \"https://me:pw@api.example\"", `api.base_url: must not hold a user name or password`},
		{"[api]\nbase_url = \"ftp://me:pw@x\"", `got "ftp://me:xxxxx@x"`},
		{"[api]\nclient_id = \"id\"", `api.client_secret: missing while api.client_id is set`},
		{"[api]\nclient_secret = \"s\"", `api.client_id: missing while api.client_secret is set`},
		{"[api]\ntimeout = \"0s\"", `api.timeout: must be between 1s and 5m, got 0s`},
		{"[booking]\ndays_ahead = 120", `booking.days_ahead: must be 1..90, got 120`},
		{"[booking]\ndays_ahead = 0", `booking.days_ahead: must be 1..90, got 0`},
		{"[booking]\nweek_start = \"someday\"", `booking.week_start: must be a weekday like "monday" or "sunday", got "someday"`},
		{"[booking]\nclock = \"25h\"", `booking.clock: must be "24h" or "12h", got "25h"`},
		{"[ui]\ntheme = \"neon\"", `ui.theme: must be one of auto, dark, light, high-contrast, got "neon"`},
		{"[ui]\nlanguage = \"de\"", `ui.language: must be "en" or "fr", got "de"`},
		{"[ui]\naccessible = \"yes\"", `ui.accessible`},
		{"[kiosk]\nlisten = \"2222\"", `kiosk.listen: want host:port, got "2222"`},
		{"[kiosk]\nlisten = \":99999\"", `kiosk.listen: port must be 0..65535, got "99999"`},
		{"[kiosk]\nidle_timeout = \"-1s\"", `kiosk.idle_timeout: must be 0s (never) or between 10s and 24h, got -1s`},
		{"[kiosk]\nmax_sessions = 0", `kiosk.max_sessions: must be 1..1000, got 0`},
		{"[kiosk]\nidle_warning = \"5s\"", `kiosk.idle_warning: must be between 20s and 10m, so the countdown can be read, got 5s`},
		{"[kiosk]\nmax_session = \"30s\"", `kiosk.max_session: must be 0s (no limit) or between 1m and 24h, got 30s`},
		{"[kiosk]\nshutdown_grace = \"0s\"", `kiosk.shutdown_grace: must be between 1s and 5m, got 0s`},
		{"[kiosk]\nconnects_per_minute = -1", `kiosk.connects_per_minute: must be 0 (no limit) to 10000, got -1`},
		{"[kiosk]\ndesk_keys = [\"ssh-ed25519 AAAAnope desk\"]", `kiosk.desk_keys[0]: not a valid public key`},
		{"[kiosk]\ndesk_keys = [\"keys/desk.pub\"]", `kiosk.desk_keys[0]: want a public key or an absolute path of an authorized_keys file, got "keys/desk.pub"`},
		{"[kiosk]\nhost_key_path = \"x\"", `unknown key kiosk.host_key_path`},
		{"[sandbox]\nhold_ttl = \"0s\"", `sandbox.hold_ttl: must be between 1s and 24h, got 0s`},
		{"[sandbox]\nhold_ttl = \"ten\"", `invalid duration: "ten"`},
		{"[sandbox]\nfaults = \"hold:eror=0.3\"", `sandbox.faults: fault "hold:eror=0.3": unknown kind "eror"`},
		{"[sandbox]\nfaults = \"error=2\"", `sandbox.faults: fault "error=2": want a share of requests from 0 to 1`},
		{"[sandbox]\nrate_limit = -1", `sandbox.rate_limit: must be 0 (no limit) to 1000000 requests per second per token, got -1`},
		{"[sandbox]\nrate_limit = nan", `sandbox.rate_limit: must be 0 (no limit)`},
		{"[booking]\ndays_ahed = 7", `unknown key booking.days_ahed`},
		{"[bookings]\ndays_ahead = 7", `unknown key bookings`},
		{"[booking]\ndays_ahead = \"7\"", `booking.days_ahead`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, _, err := Load(Options{Path: writeConfig(t, tt.body, 0o600)})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestValidationReportsEveryKey(t *testing.T) {
	_, _, err := Load(Options{Path: writeConfig(t, "[booking]\ndays_ahead = 120\nclock = \"x\"\n", 0o600)})
	if err == nil || !strings.Contains(err.Error(), "booking.days_ahead") || !strings.Contains(err.Error(), "booking.clock") {
		t.Errorf("error = %v, want both keys", err)
	}
}

func TestWeekStart(t *testing.T) {
	for in, want := range map[string]time.Weekday{"monday": time.Monday, "Sunday": time.Sunday, "sat": time.Saturday} {
		if got, err := ParseWeekday(in); err != nil || got != want {
			t.Errorf("ParseWeekday(%q) = %v, %v", in, got, err)
		}
	}
}

func TestAccessibleAndLanguage(t *testing.T) {
	cfg, _, err := Load(Options{Path: writeConfig(t, "[ui]\naccessible = true\nlanguage = \"fr_FR.UTF-8\"\n", 0o600)})
	if err != nil || !cfg.UI.Accessible || cfg.UI.Language != "fr_FR.UTF-8" {
		t.Errorf("ui.accessible and ui.language: %+v, %v", cfg.UI, err)
	}
}

func TestNoColorEnv(t *testing.T) {
	cfg, _, err := Load(Options{Getenv: envMap(map[string]string{"NO_COLOR": "1", "HOME": t.TempDir()})})
	if err != nil || !cfg.UI.NoColor {
		t.Errorf("NO_COLOR=1: no_color=%v err=%v", cfg.UI.NoColor, err)
	}
}

func TestPermissionWarning(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	const withSecret = "[api]\nclient_id = \"id\"\nclient_secret = \"s3cret\"\n"
	tests := []struct {
		body string
		mode os.FileMode
		warn bool
	}{
		{withSecret, 0o644, true},
		{withSecret, 0o640, true},
		{withSecret, 0o600, false},
		{"[api]\nclient_id = \"id\"\n[booking]\ndays_ahead = 5\n", 0o644, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%#o", tt.mode), func(t *testing.T) {
			path := writeConfig(t, tt.body, tt.mode)
			// The id-only file fails validation; its warnings still matter.
			_, warnings, _ := Load(Options{Path: path, Getenv: envMap(map[string]string{"ZIMUN_CLIENT_SECRET": "x"})})
			if got := len(warnings) > 0; got != tt.warn {
				t.Fatalf("warnings = %q, want warning: %v", warnings, tt.warn)
			}
			if tt.warn && (!strings.Contains(warnings[0], path) || !strings.Contains(warnings[0], "chmod 600")) {
				t.Errorf("warning %q should name the file and suggest chmod 600", warnings[0])
			}
			for _, w := range warnings {
				if strings.Contains(w, "s3cret") {
					t.Errorf("warning shows the secret: %q", w)
				}
			}
		})
	}
}

func TestSecretMasking(t *testing.T) {
	const secret = "canary-7f3a"
	cfg, _, err := Load(Options{Path: writeConfig(t, "", 0o600), Getenv: envMap(map[string]string{
		"ZIMUN_CLIENT_ID": "id", "ZIMUN_CLIENT_SECRET": secret,
	})})
	if err != nil {
		t.Fatal(err)
	}
	if string(cfg.API.ClientSecret) != secret || !cfg.HasCredentials() {
		t.Fatalf("secret not loaded: HasCredentials=%v", cfg.HasCredentials())
	}
	var logged strings.Builder
	slog.New(slog.NewTextHandler(&logged, nil)).Info("cfg", "config", cfg, "api", cfg.API)
	js, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	outputs := map[string]string{
		"%v":        fmt.Sprintf("%v", cfg),
		"%+v":       fmt.Sprintf("%+v", cfg),
		"%#v":       fmt.Sprintf("%#v", cfg),
		"%s":        fmt.Sprintf("%s", cfg),
		"api %+v":   fmt.Sprintf("%+v", cfg.API),
		"api %#v":   fmt.Sprintf("%#v", cfg.API),
		"secret %q": fmt.Sprintf("%q", cfg.API.ClientSecret),
		"slog":      logged.String(),
		"json":      string(js),
	}
	for name, out := range outputs {
		if strings.Contains(out, secret) {
			t.Errorf("%s shows the secret: %s", name, out)
		}
		if !strings.Contains(out, "********") {
			t.Errorf("%s does not show the mask: %s", name, out)
		}
	}
	if !strings.Contains(cfg.String(), `client_id = "id"`) {
		t.Errorf("String() is not the TOML view:\n%s", cfg)
	}
}

// The example file must load cleanly and show every key, so it cannot fall
// behind the Config struct.
func TestExampleDocumentsEveryKey(t *testing.T) {
	const example = "../config.example.toml"
	cfg, warnings, err := Load(Options{Path: example})
	if err != nil || len(warnings) != 0 {
		t.Fatalf("example: %v %q", err, warnings)
	}
	want := Default()
	want.Path = example
	if fmt.Sprintf("%#v", cfg) != fmt.Sprintf("%#v", want) {
		t.Errorf("example values differ from the defaults:\n%#v\n%#v", cfg, want)
	}
	md, err := toml.DecodeFile(example, &Config{})
	if err != nil {
		t.Fatal(err)
	}
	ct := reflect.TypeFor[Config]()
	for i := range ct.NumField() {
		section := ct.Field(i)
		name := section.Tag.Get("toml")
		if name == "-" {
			continue
		}
		for j := range section.Type.NumField() {
			key := section.Type.Field(j).Tag.Get("toml")
			if !md.IsDefined(name, key) {
				t.Errorf("config.example.toml lacks %s.%s", name, key)
			}
		}
	}
}

func TestSandboxFaultsAndRateLimit(t *testing.T) {
	cfg, _, err := Load(Options{Path: writeConfig(t, "[sandbox]\nfaults = \"hold:error=0.3, drop=5%\"\nrate_limit = 0\n", 0o600)})
	if err != nil || cfg.Sandbox.Faults != "hold:error=0.3, drop=5%" || cfg.Sandbox.RateLimit != 0 {
		t.Fatalf("faults %q, rate limit %v, err %v", cfg.Sandbox.Faults, cfg.Sandbox.RateLimit, err)
	}
	if def := Default().Sandbox; def.Faults != "" || def.RateLimit != 50 {
		t.Errorf("defaults %+v", def)
	}
}

func TestExportDir(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{"HOME": home}
	getenv := func(k string) string { return env[k] }
	dir := func(cfg Config) string {
		t.Helper()
		d, err := ExportDir(cfg, getenv)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if got := dir(Config{}); got != home {
		t.Errorf("no download folder: %q, want home %q", got, home)
	}
	if err := os.Mkdir(filepath.Join(home, "Downloads"), 0o700); err != nil {
		t.Fatal(err)
	}
	if got := dir(Config{}); got != filepath.Join(home, "Downloads") {
		t.Errorf("with ~/Downloads: %q", got)
	}
	if err := os.MkdirAll(filepath.Join(home, ".config"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, ".config", "user-dirs.dirs"), []byte("# xdg\nXDG_DOWNLOAD_DIR=\"$HOME/Téléchargements\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := dir(Config{}); got != filepath.Join(home, "Téléchargements") {
		t.Errorf("from user-dirs.dirs: %q", got)
	}
	env["XDG_DOWNLOAD_DIR"] = "/srv/exports"
	if got := dir(Config{}); got != "/srv/exports" {
		t.Errorf("from XDG_DOWNLOAD_DIR: %q", got)
	}
	if got := dir(Config{UI: UI{ExportDir: "~/ics"}}); got != filepath.Join(home, "ics") {
		t.Errorf("ui.export_dir: %q", got)
	}
}
