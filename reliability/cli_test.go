package reliability

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
)

// cliRun is one zimun command line and how it ended.
type cliRun struct {
	args           []string
	code           int
	stdout, stderr string
}

// cli runs a zimun command on the desk.
func (d *desk) cli(args ...string) cliRun {
	d.t.Helper()
	return cli(d.t, d.home, d.url, waitScreen, args...)
}

// cli runs zimun with args against the API at url, with home as its home;
// it gives up after timeout.
func cli(t testing.TB, home, url string, timeout time.Duration, args ...string) cliRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, zimunBinary(t), args...)
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"XDG_STATE_HOME=" + filepath.Join(home, "state"),
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"ZIMUN_BASE_URL=" + url,
		"ZIMUN_CLIENT_ID=demo-client",
		"ZIMUN_CLIENT_SECRET=demo-secret",
	}
	cmd.Dir = home
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	r := cliRun{args: args, stdout: out.String(), stderr: errOut.String()}
	switch e := err.(type) {
	case nil:
	case *exec.ExitError:
		r.code = e.ExitCode()
	default:
		t.Fatalf("zimun %v: %v", args, err)
	}
	if ctx.Err() != nil {
		t.Fatalf("zimun %v still running after %s; stderr:\n%s", args, timeout, r.stderr)
	}
	if s := showsSecret(r.stdout + r.stderr); s != "" {
		t.Errorf("zimun %v showed the client secret (%q)", args, s)
	}
	return r
}

// decode reads a command's --json output into v.
func (r cliRun) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.stdout), v); err != nil {
		t.Fatalf("zimun %v printed no JSON (%v); exit %d, stderr:\n%s", r.args, err, r.code, r.stderr)
	}
}

func (r cliRun) must(t testing.TB, code int) cliRun {
	t.Helper()
	if r.code != code {
		t.Fatalf("zimun %v exited %d, want %d; stderr:\n%s", r.args, r.code, code, r.stderr)
	}
	return r
}

// firstFree is the first free slot the API offers for the Paris
// consultation, as a script finds it.
func (d *desk) firstFree() model.Slot {
	d.t.Helper()
	var av model.Availability
	d.cli(append([]string{"availability", "--days", "7", "--json"}, d.parisArgs()...)...).must(d.t, 0).decode(d.t, &av)
	for _, day := range av.Days {
		for _, s := range day.Slots {
			if s.CapacityLeft > 0 {
				return s
			}
		}
	}
	d.t.Fatalf("no free slot in a week: %+v", av)
	return model.Slot{}
}

// A confirm whose reply is lost exits 3 and says the outcome is unknown;
// the same command run again, in a new process, reports the booking the
// first one made, and nothing is booked twice or left out of the desk
// history.
func TestCLIConfirmRetriedAcrossProcesses(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	slot := d.firstFree()
	var h model.Hold
	d.cli(append([]string{"hold", "--at", slot.Start.Format(time.RFC3339), "--json"}, d.parisArgs()...)...).must(t, 0).decode(t, &h)

	confirm := []string{"confirm", "--hold", h.ID, "--name", "Ada Lovelace", "--email", "ada@example.com", "--json"}
	// The first attempt books and its reply is lost; what follows answers
	// 500 (not retried), so each run ends at once, not of its retries.
	const confirmPath = "/api/v1/appointments/confirm"
	d.sb.InjectFault(sandbox.Fault{Method: "POST", Path: confirmPath, DropAfterProcessing: true, Times: 1})
	d.sb.InjectFault(sandbox.Fault{Method: "POST", Path: confirmPath, Status: 500, Times: 2})
	lost := d.cli(confirm...).must(t, 3)
	if !strings.Contains(lost.stderr, "the outcome is unknown; run the same command again") {
		t.Errorf("exit 3 without saying the outcome is unknown:\n%s", lost.stderr)
	}
	made := bookedOnce(t, d.sb, "ada@example.com")

	again := d.cli(confirm...) // still lost: still unknown, still one booking
	again.must(t, 3)
	bookedOnce(t, d.sb, "ada@example.com")

	// The server forgets the key (the contract promises no retention):
	// the re-run meets the booking its key made and reports it.
	setFaults(t, d.sb, "forget=1ms")
	for range 2 {
		var got model.Appointment
		found := d.cli(confirm...).must(t, 0)
		found.decode(t, &got)
		if got.ID != made.ID {
			t.Errorf("the re-run reported %s, the server made %s", got.ID, made.ID)
		}
		if !strings.Contains(found.stderr, "already booked for this contact") {
			t.Errorf("the re-run did not say an earlier run booked it:\n%s", found.stderr)
		}
		bookedOnce(t, d.sb, "ada@example.com")
	}

	var hist []journal.Entry
	d.cli("history", "--json").must(t, 0).decode(t, &hist)
	n := 0
	for _, e := range hist {
		if e.Action == journal.Booked && e.Appointment.ID == made.ID {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the desk history has %s booked %d times, want once: %+v", made.ID, n, hist)
	}
}
