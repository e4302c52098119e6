package reliability

import (
	"encoding/base64"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/state"
)

// Waits for what should come promptly are generous: the machine may be
// loaded, and a race-built binary is slow. Bounds that are the behaviour
// (a signal ends the app within a second) are exact.
const waitScreen = 20 * time.Second

// desk is a place a zimun runs: a home, a state folder and the API it
// talks to; several apps started on one desk share its state.
type desk struct {
	t    *testing.T
	home string
	url  string
	sb   *sandbox.Server
}

// newDesk serves a fresh sandbox on the wall clock (the binary's clock)
// over loopback, and makes an empty home for the apps.
func newDesk(t *testing.T, mods ...func(*sandbox.Options)) *desk {
	t.Helper()
	opts := sandbox.Options{Seed: 1, RateLimit: -1}
	for _, mod := range mods {
		mod(&opts)
	}
	sb, err := sandbox.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return &desk{t: t, home: t.TempDir(), url: srv.URL, sb: sb}
}

// secretForms are the client secret as it must never be shown: as it is,
// and in the HTTP Basic form of the token request.
var secretForms = []string{
	"demo-secret",
	base64.StdEncoding.EncodeToString([]byte("demo-client:demo-secret")),
}

// showsSecret reports which form of the secret out shows, if any.
func showsSecret(out string) string {
	for _, s := range secretForms {
		if strings.Contains(out, s) {
			return s
		}
	}
	return ""
}

// env is the environment of an app on the desk: nothing of the test's own
// but PATH.
func (d *desk) env() []string {
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + d.home,
		"XDG_STATE_HOME=" + filepath.Join(d.home, "state"),
		"XDG_CONFIG_HOME=" + filepath.Join(d.home, "config"),
		"TERM=xterm-256color",
		"LANG=C.UTF-8",
		"ZIMUN_BASE_URL=" + d.url,
		"ZIMUN_CLIENT_ID=demo-client",
		"ZIMUN_CLIENT_SECRET=demo-secret",
		"GORACE=halt_on_error=0",
	}
}

// parisArgs open the app straight on the calendar of the demo's Paris
// consultation.
func (d *desk) parisArgs() []string {
	var loc, svc string
	for _, l := range d.sb.Locations() {
		if l.Timezone == "Europe/Paris" && l.Active {
			loc = l.ID
			break
		}
	}
	for _, s := range d.sb.Services() {
		if s.DurationMinutes == 30 && strings.Contains(strings.Join(s.LocationIDs, ","), loc) {
			svc = s.ID
			break
		}
	}
	return []string{"--location", loc, "--service", svc}
}

func liveHolds(sb *sandbox.Server) []sandbox.LedgerHold {
	var out []sandbox.LedgerHold
	for _, h := range sb.Ledger().Holds {
		if h.State == sandbox.HoldLive {
			out = append(out, h)
		}
	}
	return out
}

// drafts reads every draft kept on the desk, whoever owns it.
func (d *desk) drafts() []state.Draft {
	paths, _ := filepath.Glob(filepath.Join(d.home, "state", "zimun", "*", "drafts", "*.json"))
	var out []state.Draft
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue // cleared meanwhile
		}
		var dr state.Draft
		if json.Unmarshal(b, &dr) == nil {
			out = append(out, dr)
		}
	}
	return out
}

// waitDraft waits until a draft on the desk satisfies ok (the app writes
// it from a Cmd, after the screen shows what was typed).
func (d *desk) waitDraft(what string, ok func(state.Draft) bool) state.Draft {
	d.t.Helper()
	deadline := time.Now().Add(waitScreen)
	for {
		for _, dr := range d.drafts() {
			if ok(dr) {
				return dr
			}
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("no draft with %s after %s; drafts: %+v", what, waitScreen, d.drafts())
		}
		time.Sleep(10 * time.Millisecond) // polling a file: nothing to wait on
	}
}

// appointmentsFor are the ledger's appointments for email, cancelled ones
// included.
func appointmentsFor(sb *sandbox.Server, email string) []sandbox.LedgerAppointment {
	var out []sandbox.LedgerAppointment
	for _, a := range sb.Ledger().Appointments {
		if strings.EqualFold(a.Email, email) {
			out = append(out, a)
		}
	}
	return out
}

func bookedOnce(t *testing.T, sb *sandbox.Server, email string) sandbox.LedgerAppointment {
	t.Helper()
	as := appointmentsFor(sb, email)
	if len(as) != 1 || as[0].Status != "confirmed" {
		t.Fatalf("%d appointments for %s, want exactly one, confirmed: %+v", len(as), email, as)
	}
	return as[0]
}

// setFaults replaces the sandbox's fault plan with spec.
func setFaults(t *testing.T, sb *sandbox.Server, spec string) {
	t.Helper()
	p, err := sandbox.ParseFaults(spec)
	if err != nil {
		t.Fatal(err)
	}
	sb.SetFaults(p)
}
