package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zimun-app/zimun/cli"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
)

// fixture is a sandbox served by httptest and an environment pointing
// zimun at it, with a private HOME so no real config is read.
type fixture struct {
	t   *testing.T
	srv *sandbox.Server
	env map[string]string
	// loseReplies makes the server act on writes to paths with this prefix
	// and then lose the reply, as a network cut would.
	loseReplies atomic.Value
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	s, err := sandbox.New(sandbox.Options{ClientID: "test-client", ClientSecret: "test-secret"})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, srv: s}
	f.loseReplies.Store("")
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lose := f.loseReplies.Load().(string)
		if lose == "" || r.Method == http.MethodGet || !strings.HasPrefix(r.URL.Path, lose) {
			s.ServeHTTP(w, r)
			return
		}
		s.ServeHTTP(httptest.NewRecorder(), r)
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			conn.Close()
		}
	}))
	t.Cleanup(ts.Close)
	home := t.TempDir()
	f.env = map[string]string{
		"HOME":                home,
		"XDG_CONFIG_HOME":     filepath.Join(home, "config"),
		"XDG_STATE_HOME":      filepath.Join(home, "state"),
		"ZIMUN_BASE_URL":      ts.URL,
		"ZIMUN_CLIENT_ID":     "test-client",
		"ZIMUN_CLIENT_SECRET": "test-secret",
	}
	return f
}

// run executes zimun in-process.
func (f *fixture) run(args ...string) (code int, stdout, stderr string) {
	f.t.Helper()
	var out, errb bytes.Buffer
	code = cli.Env{
		Stdin:   strings.NewReader(""),
		Stdout:  &out,
		Stderr:  &errb,
		Getenv:  func(k string) string { return f.env[k] },
		Now:     time.Now,
		Version: "test",
	}.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

// ok runs a command that must succeed and returns its stdout.
func (f *fixture) ok(args ...string) string {
	f.t.Helper()
	code, out, errs := f.run(args...)
	if code != 0 {
		f.t.Fatalf("zimun %s: exit %d\nstderr: %s", strings.Join(args, " "), code, errs)
	}
	return out
}

// okJSON runs a command with --json and decodes its output into v.
func (f *fixture) okJSON(v any, args ...string) {
	f.t.Helper()
	out := f.ok(append(args, "--json")...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		f.t.Fatalf("zimun %s --json: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func TestServicesAndLocations(t *testing.T) {
	f := newFixture(t)

	out := f.ok("services")
	for _, want := range []string{"ID", "NAME", "DURATION", "General consultation", "30 min"} {
		if !strings.Contains(out, want) {
			t.Errorf("services table lacks %q:\n%s", want, out)
		}
	}
	var services []model.Service
	f.okJSON(&services, "services")
	if len(services) != len(f.srv.Services()) || services[0].ID == "" || services[0].DurationMinutes == 0 {
		t.Errorf("services --json = %+v", services)
	}

	out = f.ok("locations")
	for _, want := range []string{"TIMEZONE", "Europe/Paris", "America/New_York"} {
		if !strings.Contains(out, want) {
			t.Errorf("locations table lacks %q:\n%s", want, out)
		}
	}
	var locations []model.Location
	f.okJSON(&locations, "locations")
	if len(locations) != len(f.srv.Locations()) || locations[0].Timezone == "" {
		t.Errorf("locations --json = %+v", locations)
	}
}

// parisService is a service offered only in Paris, so no --location is needed.
func parisService(t *testing.T, f *fixture) model.Service {
	t.Helper()
	var services []model.Service
	f.okJSON(&services, "services")
	for _, s := range services {
		if len(s.LocationIDs) == 1 && s.Name == "General consultation" {
			return s
		}
	}
	t.Fatal("no single-location service in the demo data")
	return model.Service{}
}

func TestAvailability(t *testing.T) {
	f := newFixture(t)
	svc := parisService(t, f)

	var av model.Availability
	f.okJSON(&av, "availability", "--service", svc.ID, "--days", "14")
	if av.ServiceID != svc.ID || av.Timezone != "Europe/Paris" || len(av.Days) == 0 {
		t.Fatalf("availability --json = %+v", av)
	}
	if _, ok := av.FirstFree(); !ok {
		t.Error("no free slot in 14 days")
	}

	// By name; the table shows the zone and each day.
	out := f.ok("availability", "--service", "general consultation", "--days", "3")
	if !strings.Contains(out, "times in Europe/Paris") || !strings.Contains(out, av.Days[0].Date.String()) {
		t.Errorf("availability table:\n%s", out)
	}

	// A service at two locations needs --location.
	code, _, errs := f.run("availability", "--service", "Follow-up visit")
	if code != 2 || !strings.Contains(errs, "--location") {
		t.Errorf("ambiguous location: exit %d, stderr %q", code, errs)
	}

	// A location that does not offer the service is bad usage, with the
	// ones that do.
	var locations []model.Location
	f.okJSON(&locations, "locations")
	for _, l := range locations {
		if svc.OfferedAt(l.ID) {
			continue
		}
		code, _, errs = f.run("availability", "--service", svc.ID, "--location", l.ID)
		if code != 2 || !strings.Contains(errs, "is not offered at "+l.Name) || !strings.Contains(errs, "; it is at: ") {
			t.Errorf("service not offered there: exit %d, stderr %q", code, errs)
		}
		break
	}
}

// freeSlots returns free slots from the day after tomorrow on, clear of the
// sandbox's minimum lead time.
func freeSlots(t *testing.T, av model.Availability, n int) []model.Slot {
	t.Helper()
	after := model.DateOf(time.Now().In(model.LoadZone(av.Timezone))).AddDays(1)
	var slots []model.Slot
	for _, d := range av.Days {
		if d.Date.After(after) {
			slots = append(slots, d.Slots...)
		}
	}
	if len(slots) < n {
		t.Fatalf("want %d free slots, found %d", n, len(slots))
	}
	return slots[:n]
}

func TestBookingFlow(t *testing.T) {
	f := newFixture(t)
	svc := parisService(t, f)
	var av model.Availability
	f.okJSON(&av, "availability", "--service", svc.ID, "--days", "14")
	slots := freeSlots(t, av, 4)
	zone := model.LoadZone(av.Timezone)

	var hold model.Hold
	f.okJSON(&hold, "hold", "--service", svc.ID, "--at", slots[0].Start.Format(time.RFC3339))
	if hold.ID == "" || !hold.Time.Equal(slots[0].Start) || hold.DurationMinutes != svc.DurationMinutes {
		t.Fatalf("hold = %+v, want %s", hold, slots[0].Start)
	}

	email := fmt.Sprintf("flow-%d@example.com", time.Now().UnixNano())
	var appt model.Appointment
	f.okJSON(&appt, "confirm", "--hold", hold.ID, "--name", "Dana Lee", "--email", email, "--phone", "+33 1 23 45 67 89")
	if appt.ID == "" || appt.Status != model.StatusConfirmed || appt.Contact.Email != email {
		t.Fatalf("confirm = %+v", appt)
	}

	var found []model.Appointment
	f.okJSON(&found, "appointments", "--q", email)
	if len(found) != 1 || found[0].ID != appt.ID {
		t.Fatalf("appointments --q %s = %+v", email, found)
	}
	if out := f.ok("appointments", "--q", email); !strings.Contains(out, appt.ID) || !strings.Contains(out, "Dana Lee") {
		t.Errorf("appointments table:\n%s", out)
	}

	// Wall-clock time in the location's zone.
	wall := slots[2].Start.In(zone).Format("2006-01-02 15:04")
	var moved model.Appointment
	f.okJSON(&moved, "reschedule", appt.ID, "--at", wall)
	if !moved.Time.Equal(slots[2].Start) {
		t.Errorf("reschedule --at %q: time %s, want %s", wall, moved.Time, slots[2].Start)
	}

	out := f.ok("cancel", appt.ID, "--reason", "test")
	if !strings.Contains(out, "cancelled") || !strings.Contains(out, appt.ID) {
		t.Errorf("cancel table:\n%s", out)
	}
	var got model.Appointment
	f.okJSON(&got, "appointment", appt.ID)
	if !got.Cancelled() {
		t.Errorf("after cancel: status %q", got.Status)
	}

	var kinds []string
	for _, e := range f.srv.Outbox() {
		if e.To == email {
			kinds = append(kinds, e.Kind)
		}
	}
	if strings.Join(kinds, ",") != "confirmation,update,cancellation" {
		t.Errorf("emails to %s: %v", email, kinds)
	}

	f.okJSON(&hold, "hold", "--service", svc.ID, "--at", slots[3].Start.Format(time.RFC3339))
	if out := f.ok("release", hold.ID); !strings.Contains(out, "Released hold "+hold.ID) {
		t.Errorf("release: %q", out)
	}
}

func TestSlotTaken(t *testing.T) {
	f := newFixture(t)
	// Physiotherapy has room for one at a time.
	var av model.Availability
	f.okJSON(&av, "availability", "--service", "Physiotherapy session")
	at := freeSlots(t, av, 1)[0].Start.Format(time.RFC3339)
	f.ok("hold", "--service", "Physiotherapy session", "--at", at)
	code, _, errs := f.run("hold", "--service", "Physiotherapy session", "--at", at)
	if code != 1 || !strings.Contains(errs, "(409 slot_unavailable") {
		t.Errorf("second hold: exit %d, stderr %q", code, errs)
	}
}

func TestExitCodes(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"version"}, 0, ""},
		{[]string{"services", "--bogus"}, 2, "unknown flag: --bogus"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"appointment"}, 2, "accepts 1 arg"},
		{[]string{"confirm", "--hold", "h_1"}, 2, "required flag"},
		{[]string{"hold", "--service", "s_1", "--at", "tomorrow 10am"}, 2, `invalid argument "tomorrow 10am" for "--at"`},
		{[]string{"availability", "--service", "s_1", "--days", "91"}, 2, "--days must be 1..90"},
		{[]string{"availability"}, 2, "--service is required"},
		{[]string{"confirm", "--hold", "h_1", "--name", "Dana", "--email", "nope"}, 2, "email: not an email address"},
		{[]string{"appointment", "a_nope"}, 1, "(404 appointment_not_found"},
		{[]string{"confirm", "--hold", "h_nope", "--name", "Dana", "--email", "dana@example.com"}, 1, "404"},
		{[]string{"availability", "--service", "s_nope"}, 2, `no service "s_nope"; the services are: General consultation (`},
		{[]string{"availability", "--service", "General consultation", "--location", "Atlantis"}, 2, `no location "Atlantis"; the locations are: `},
		{[]string{"hold", "--service", "nope", "--at", "2030-01-01T10:00:00Z"}, 2, `no service "nope"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errs := f.run(tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want exit %d, stderr containing %q", code, errs, tt.code, tt.stderr)
			}
			if code != 0 && !strings.HasPrefix(errs, "zimun: ") {
				t.Errorf("stderr %q does not start with zimun:", errs)
			}
		})
	}
}

func TestBadConfigIsUsageError(t *testing.T) {
	f := newFixture(t)
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte("[booking]\ndays_ahead = 120\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs := f.run("services", "--config", path)
	if code != 2 || !strings.Contains(errs, "booking.days_ahead: must be 1..90, got 120") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

func TestSecretsNeverPrinted(t *testing.T) {
	const canary = "canary-5ecret-d0-not-print"
	f := newFixture(t)
	f.env["ZIMUN_CLIENT_SECRET"] = canary
	logFile := filepath.Join(t.TempDir(), "zimun.log")

	code, out, errs := f.run("services", "--log", logFile)
	if code != 1 || !strings.Contains(errs, "401") {
		t.Errorf("bad secret: exit %d, stderr %q", code, errs)
	}
	logged, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"stdout": out, "stderr": errs, "log": string(logged)} {
		if strings.Contains(text, canary) {
			t.Errorf("%s shows the secret:\n%s", name, text)
		}
	}

	// A world-readable config file holding the secret: a warning naming
	// the file, never the secret.
	path := filepath.Join(t.TempDir(), "config.toml")
	body := fmt.Sprintf("[api]\nclient_id = \"test-client\"\nclient_secret = %q\n", canary)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	delete(f.env, "ZIMUN_CLIENT_SECRET")
	_, out, errs = f.run("services", "--config", path)
	if !strings.Contains(errs, "chmod 600 "+path) {
		t.Errorf("no permission warning: %q", errs)
	}
	if strings.Contains(out+errs, canary) {
		t.Errorf("output shows the secret:\n%s%s", out, errs)
	}
}

func TestEmbeddedSandboxWithoutCredentials(t *testing.T) {
	f := newFixture(t)
	for _, k := range []string{"ZIMUN_BASE_URL", "ZIMUN_CLIENT_ID", "ZIMUN_CLIENT_SECRET"} {
		delete(f.env, k)
	}
	code, out, errs := f.run("services")
	if code != 0 || !strings.Contains(out, "General consultation") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if !strings.Contains(errs, "no credentials configured; using the embedded demo sandbox (data is not kept)") {
		t.Errorf("no sandbox notice: %q", errs)
	}

	// A server named without credentials is a mistake, not a demo.
	code, _, errs = f.run("services", "--base-url", "http://127.0.0.1:1")
	if code != 2 || !strings.Contains(errs, "needs credentials") {
		t.Errorf("--base-url without credentials: exit %d, stderr %q", code, errs)
	}
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte("[api]\nbase_url = \"http://127.0.0.1:1\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs = f.run("services", "--config", path)
	if code != 2 || !strings.Contains(errs, "http://127.0.0.1:1 needs credentials") {
		t.Errorf("config file base_url without credentials: exit %d, stderr %q", code, errs)
	}
	code, out, errs = f.run("services", "--config", path, "--demo")
	if code != 0 || !strings.Contains(out, "General consultation") {
		t.Errorf("--demo over a config file base_url: exit %d, stderr %q", code, errs)
	}
}

// syncBuffer is a bytes.Buffer safe to read while a command writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serveSandbox runs `zimun sandbox args...` until the test ends and
// returns the base URL its banner prints, the banner, and a stop function
// that returns the exit code.
func serveSandbox(t *testing.T, env map[string]string, args ...string) (base string, out *syncBuffer, stop func() int) {
	t.Helper()
	out = &syncBuffer{}
	var errs syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- cli.Env{
			Stdin: strings.NewReader(""), Stdout: out, Stderr: &errs,
			Getenv: func(k string) string { return env[k] }, Now: time.Now, Version: "test",
		}.Run(ctx, append([]string{"sandbox", "--listen", "127.0.0.1:0"}, args...))
	}()
	stopped := false
	stop = func() int {
		t.Helper()
		cancel()
		stopped = true
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("exit %d after cancel: %s", code, errs.String())
			}
			return code
		case <-time.After(10 * time.Second):
			t.Fatal("sandbox did not stop on cancel")
			return -1
		}
	}
	t.Cleanup(func() {
		if !stopped {
			stop()
		}
	})

	exportLine := regexp.MustCompile(`export ZIMUN_BASE_URL=(\S+) `)
	for deadline := time.Now().Add(10 * time.Second); base == ""; {
		select {
		case code := <-done:
			stopped = true
			t.Fatalf("sandbox exited early with %d: %s %s", code, out.String(), errs.String())
		case <-time.After(10 * time.Millisecond):
		}
		if m := exportLine.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("no export line:\n%s", out.String())
		}
	}
	return base, out, stop
}

func TestSandboxCommand(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{"HOME": home, "XDG_CONFIG_HOME": home}
	base, out, stop := serveSandbox(t, env, "--client-id", "me", "--client-secret", "shh")
	if !strings.Contains(out.String(), "export ZIMUN_BASE_URL="+base+" ZIMUN_CLIENT_ID=me ZIMUN_CLIENT_SECRET=shh\n") {
		t.Errorf("export line:\n%s", out.String())
	}
	for _, want := range []string{"organization id", "o_", "/sandbox/outbox", "rate limit       50 requests/s per token", "faults           none"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("banner lacks %q:\n%s", want, out.String())
		}
	}

	// It serves with the printed credentials.
	req, _ := http.NewRequest("POST", base+"/oauth/token", strings.NewReader("grant_type=client_credentials"))
	req.SetBasicAuth("me", "shh")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("token with the printed credentials: %s", resp.Status)
	}
	stop()
}

// The scripting rough edges a new user met: each is a usage error naming
// what to fix, or the plain truth about a day.
func TestScriptingRoughEdges(t *testing.T) {
	f := newFixture(t)
	for _, tt := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"appointments", "--status", "bogus"}, 2, "--status must be one of held, scheduled, confirmed, cancelled"},
		{[]string{"appointments", "--from", "2026-03-10", "--to", "2026-03-01"}, 2, "must be after --from"},
		{[]string{"availability", "--service", "General consultation", "--days", "0"}, 2, "--days must be 1..90, got 0"},
		{[]string{"release", "h_1", "--hold", "h_2"}, 2, "not both"},
	} {
		if code, _, errs := f.run(tt.args...); code != tt.code || !strings.Contains(errs, tt.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want %d, %q", tt.args, code, errs, tt.code, tt.stderr)
		}
	}
	// release takes --hold like confirm.
	hold, _, _ := holdSlot(t, f)
	if out := f.ok("release", "--hold", hold.ID); !strings.Contains(out, "Released hold "+hold.ID) {
		t.Errorf("release --hold: %q", out)
	}
	// A closed day says closed, with why; a day with nothing free says so.
	out := f.ok("availability", "--service", "General consultation", "--days", "30")
	if !regexp.MustCompile(`(?m)^\S+\s+\w+\s+-\s+closed: Staff training`).MatchString(out) || strings.Contains(out, "full") {
		t.Errorf("availability table:\n%s", out)
	}
	// Under --json, errors are JSON on stderr too.
	code, stdout, errs := f.run("appointment", "a_nope", "--json")
	var e struct {
		Error struct {
			Status    int    `json:"status"`
			Code      string `json:"code"`
			Message   string `json:"message"`
			RequestID string `json:"request_id"`
		} `json:"error"`
	}
	if code != 1 || stdout != "" || json.Unmarshal([]byte(errs), &e) != nil || e.Error.Status != 404 ||
		e.Error.Code != "appointment_not_found" || e.Error.RequestID == "" || e.Error.Message == "" {
		t.Errorf("--json error: exit %d, stdout %q, stderr %q", code, stdout, errs)
	}
	code, _, errs = f.run("appointments", "--status", "bogus", "--json")
	if code != 2 || json.Unmarshal([]byte(errs), &e) != nil || e.Error.Code != "usage" {
		t.Errorf("--json usage error: exit %d, stderr %q", code, errs)
	}
}
