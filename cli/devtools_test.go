package cli_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/cli"
	"github.com/zimun-app/zimun/model"
)

// runIn is run with stdin.
func (f *fixture) runIn(stdin string, args ...string) (code int, stdout, stderr string) {
	f.t.Helper()
	var out, errb bytes.Buffer
	code = cli.Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return f.env[k] }, Now: time.Now, Version: "test",
	}.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

type page struct {
	Items         []json.RawMessage `json:"items"`
	NextPageToken string            `json:"next_page_token"`
}

func TestAPIGetAndPaginate(t *testing.T) {
	f := newFixture(t)
	var one page
	if err := json.Unmarshal([]byte(f.ok("api", "services", "-q", "page_size=1")), &one); err != nil {
		t.Fatal(err)
	}
	if len(one.Items) != 1 || one.NextPageToken == "" {
		t.Fatalf("one page of one: %d items, next %q", len(one.Items), one.NextPageToken)
	}
	var all page
	out := f.ok("api", "/api/v1/services", "--paginate", "-q", "page_size=1")
	if err := json.Unmarshal([]byte(out), &all); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(all.Items) != len(f.srv.Services()) || all.NextPageToken != "" {
		t.Errorf("--paginate: %d items, next %q; want all %d", len(all.Items), all.NextPageToken, len(f.srv.Services()))
	}
	if !bytes.Equal(all.Items[0], one.Items[0]) {
		t.Errorf("the first item changed: %s vs %s", all.Items[0], one.Items[0])
	}

	out = f.ok("api", "-i", "organization")
	if !strings.HasPrefix(out, "HTTP 200 OK\n") || !strings.Contains(out, "\nX-Request-Id: req_") || !strings.Contains(out, "\n\n{") {
		t.Errorf("--include:\n%s", out)
	}
}

func TestAPIWrites(t *testing.T) {
	f := newFixture(t)
	svc := parisService(t, f)
	var av model.Availability
	f.okJSON(&av, "availability", "--service", svc.ID, "--days", "14")
	slot := freeSlots(t, av, 1)[0]

	// -f: typed fields make the body; POST is implied.
	out := f.ok("api", "appointments/hold", "-f", "service_id="+svc.ID, "-f", "location_id="+av.LocationID,
		"-f", "appointment_time="+slot.Start.UTC().Format(time.RFC3339), "-f", "appointment_duration=30",
		"--idempotency-key", "hold-key-1")
	var hold struct {
		HoldID              string `json:"hold_id"`
		AppointmentDuration int    `json:"appointment_duration"`
	}
	if err := json.Unmarshal([]byte(out), &hold); err != nil || hold.HoldID == "" || hold.AppointmentDuration != 30 {
		t.Fatalf("hold: %v %s", err, out)
	}
	held := f.srv.Ledger().Holds
	if len(held) != 1 || held[0].IdempotencyKey != "hold-key-1" {
		t.Errorf("ledger holds = %+v, want one with the key given", held)
	}

	// --input -: the body as is.
	body := fmt.Sprintf(`{"hold_id":%q,"contact_name":"Dana Lee","contact_email":"dana@example.com"}`, hold.HoldID)
	code, out, errs := f.runIn(body, "api", "POST", "/api/v1/appointments/confirm", "--input", "-")
	var appt struct {
		AppointmentID string `json:"appointment_id"`
		Status        string `json:"status"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &appt) != nil || appt.Status != "confirmed" {
		t.Fatalf("confirm --input -: exit %d, %s %s", code, out, errs)
	}

	// --input FILE, and a 4xx: its body on stdout, exit 1.
	file := filepath.Join(t.TempDir(), "body.json")
	os.WriteFile(file, []byte(`{"hold_id":"h_nope","contact_name":"Dana","contact_email":"dana@example.com"}`), 0o600)
	code, out, errs = f.run("api", "POST", "appointments/confirm", "--input", file)
	if code != 1 || !strings.Contains(out, `"code":"hold_not_found"`) || !strings.Contains(errs, "404 hold_not_found") {
		t.Errorf("unknown hold: exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
	code, out, _ = f.run("api", "appointments/a_nope")
	if code != 1 || !strings.Contains(out, `"error"`) {
		t.Errorf("unknown appointment: exit %d, %s", code, out)
	}
}

func TestAPIUsage(t *testing.T) {
	f := newFixture(t)
	for _, args := range [][]string{
		{"api"},
		{"api", "FETCH", "services"},
		{"api", "GET", "services", "-X", "POST"},
		{"api", "services", "-f", "novalue"},
		{"api", "services", "-q", "=x"},
		{"api", "POST", "services", "--paginate"},
		{"api", "GET", "services", "--input", "-"},
		{"api", "services", "--input", "/no/such/file"},
		{"api", "https://elsewhere.example/api/v1/services"},
		{"api", "services\x1b[2J"},
	} {
		if code, _, errs := f.run(args...); code != 2 || errs == "" {
			t.Errorf("zimun %q: exit %d, stderr %q; want 2 with a reason", args, code, errs)
		}
	}
}

func TestTypedFields(t *testing.T) {
	f := newFixture(t)
	// --curl shows what would go out. Fields make a POST's (here a
	// PATCH's) JSON body, typed as gh's -F types them.
	out := f.ok("api", "PATCH", "appointments/a_1", "-f", "n=30", "-F", "b=true", "-f", "z=null", "-f", "phone=0123", "-f", "intl=+33 1", "--raw-field", "s=30", "--curl")
	if !strings.Contains(out, `--data-raw '{"b":true,"intl":"+33 1","n":30,"phone":"0123","s":"30","z":null}'`) {
		t.Errorf("typed body:\n%s", out)
	}
	// An explicit GET sends them in the query, as typed.
	out = f.ok("api", "GET", "availability", "-f", "days_ahead=7", "-q", "service_id=s_1", "--curl")
	if !strings.Contains(out, "/api/v1/availability?days_ahead=7&service_id=s_1'") || strings.Contains(out, "--data-raw") {
		t.Errorf("a GET's fields go in the query:\n%s", out)
	}
}

func TestTokenWorksAndHidesTheSecret(t *testing.T) {
	f := newFixture(t)
	code, out, errs := f.run("token")
	tok := strings.TrimSpace(out)
	if code != 0 || tok == "" || strings.Count(out, "\n") != 1 || !strings.Contains(errs, "expires at") {
		t.Fatalf("token: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	basic := base64.StdEncoding.EncodeToString([]byte("test-client:test-secret"))
	if strings.Contains(out+errs, "test-secret") || strings.Contains(out+errs, basic) {
		t.Errorf("the secret is printed:\n%s%s", out, errs)
	}
	req, _ := http.NewRequest("GET", f.env["ZIMUN_BASE_URL"]+"/api/v1/services", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("the sandbox answered the token with %d", res.StatusCode)
	}

	// Without credentials there is nothing lasting to give a token for.
	delete(f.env, "ZIMUN_CLIENT_SECRET")
	delete(f.env, "ZIMUN_CLIENT_ID")
	delete(f.env, "ZIMUN_BASE_URL")
	if code, _, errs := f.run("token"); code != 2 || !strings.Contains(errs, "zimun sandbox") {
		t.Errorf("token without credentials: exit %d, %q", code, errs)
	}
}

func TestCurlFlagPrintsWhatWouldBeSent(t *testing.T) {
	f := newFixture(t)
	svc := parisService(t, f)
	var av model.Availability
	f.okJSON(&av, "availability", "--service", svc.ID, "--days", "3")
	slot := freeSlots(t, av, 1)[0]

	code, out, errs := f.run("hold", "--service", svc.ID, "--at", slot.Start.Format(time.RFC3339), "--curl")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, "curl -sS '"+f.env["ZIMUN_BASE_URL"]+"/api/v1/appointments/hold'") ||
		!strings.Contains(out, "-H 'Idempotency-Key: ") || !strings.Contains(out, `"service_id":"`+svc.ID+`"`) {
		t.Fatalf("hold --curl: exit %d\n%s%s", code, out, errs)
	}
	if l := f.srv.Ledger(); len(l.Holds) != 0 {
		t.Errorf("hold --curl held %+v", l.Holds)
	}
	if strings.Contains(out+errs, "test-secret") {
		t.Error("the secret is printed")
	}
	for _, args := range [][]string{
		{"services", "--curl"},
		{"appointments", "--today", "--curl"},
		{"cancel", "a_1", "--curl"},
		{"reschedule", "a_1", "--at", "2030-01-02T10:00:00Z", "--curl"},
		{"confirm", "--hold", "h_1", "--name", "Dana", "--email", "dana@example.com", "--curl"},
		{"release", "h_1", "--curl"},
	} {
		code, out, errs := f.run(args...)
		if code != 0 || strings.Count(out, "\ncurl ")+1 != strings.Count(out, "curl -sS") || !strings.HasPrefix(out, "curl -sS ") || strings.Count(out, "\n") != 1 {
			t.Errorf("%q: exit %d, want one curl command:\n%s%s", args, code, out, errs)
		}
	}
}

// TestCurlRunsAsIs runs what --curl prints with the real curl and a token
// from zimun token, and gets what zimun api gets.
func TestCurlRunsAsIs(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("no curl binary on this machine: the printed command is not run (the rest of --curl is tested above)")
	}
	f := newFixture(t)
	svc := parisService(t, f)
	cmd := f.ok("availability", "--service", svc.ID, "--days", "5", "--curl")
	tok := strings.TrimSpace(f.ok("token"))
	sh := exec.Command("sh", "-c", strings.TrimSpace(cmd)+` -w '\n%{http_code}'`)
	sh.Env = append(os.Environ(), "ZIMUN_TOKEN="+tok, "PATH="+filepath.Dir(curl)+":/usr/bin:/bin")
	got, err := sh.Output()
	if err != nil {
		t.Fatalf("%s: %v", cmd, err)
	}
	body, status, _ := strings.Cut(string(got), "\n")
	want := f.ok("api", "availability", "-q", "service_id="+svc.ID, "-q", "days_ahead=5", "-q", "location_id="+svc.LocationIDs[0])
	if status != "200" || !jsonEqual(body, want) {
		t.Errorf("curl: status %s\n%s\nwant 200 and\n%s", status, body, want)
	}
}

func jsonEqual(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	xs, _ := json.Marshal(x)
	ys, _ := json.Marshal(y)
	return bytes.Equal(xs, ys)
}

func TestAvailabilityAll(t *testing.T) {
	f := newFixture(t)
	out := f.ok("availability", "--all", "--days", "14")
	for _, want := range []string{"SERVICE", "LOCATION", "General consultation", "Physiotherapy session", "New York – SoHo", "✕", "Closed:", "Staff training"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
	var s struct {
		From string `json:"from"`
		Days int    `json:"days"`
		Rows []struct {
			ServiceID, LocationID string
			Days                  []struct {
				Date, State           string
				FreeSlots, FreePlaces int
				Closed                string
			}
		}
	}
	f.okJSON(&s, "availability", "--all", "--days", "14")
	offered := 0
	for _, svc := range f.srv.Services() {
		offered += len(svc.LocationIDs)
	}
	if s.Days != 14 || len(s.Rows) != offered {
		t.Fatalf("--json: %d days, %d rows; want 14 and %d", s.Days, len(s.Rows), offered)
	}
	closed := 0
	for _, r := range s.Rows {
		if len(r.Days) != 14 {
			t.Errorf("row %s at %s has %d days", r.ServiceID, r.LocationID, len(r.Days))
		}
		for _, d := range r.Days {
			if d.State == "closed" && d.Closed == "Staff training" && d.FreeSlots == 0 {
				closed++
			}
		}
	}
	if closed == 0 {
		t.Error("no row shows the staff-training closure")
	}

	out = f.ok("availability", "--all", "--location", "New York – SoHo", "--days", "3", "--curl")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(out, "days_ahead=3") {
		t.Errorf("--all --curl for New York: %d commands, want one per service there:\n%s", len(lines), out)
	}
	for _, args := range [][]string{
		{"availability", "--all", "--service", "General consultation"},
		{"availability", "--all", "--location", "Atlantis"},
	} {
		if code, _, errs := f.run(args...); code != 2 {
			t.Errorf("%q: exit %d (%s), want 2", args, code, errs)
		}
	}
}
