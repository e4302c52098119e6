package cli_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"github.com/zimun-app/zimun/ics"
	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
)

// holdSlot holds the first free slot of the Paris-only service; av is the
// availability it was picked from.
func holdSlot(t *testing.T, f *fixture) (model.Hold, model.Service, model.Availability) {
	t.Helper()
	svc := parisService(t, f)
	var av model.Availability
	f.okJSON(&av, "availability", "--service", svc.ID, "--days", "14")
	var hold model.Hold
	f.okJSON(&hold, "hold", "--service", svc.ID, "--at", freeSlots(t, av, 1)[0].Start.Format(time.RFC3339))
	return hold, svc, av
}

// book holds and confirms a slot and returns the appointment.
func book(t *testing.T, f *fixture) (model.Appointment, model.Service, model.Availability) {
	t.Helper()
	hold, svc, av := holdSlot(t, f)
	var appt model.Appointment
	f.okJSON(&appt, "confirm", "--hold", hold.ID, "--name", "Ada Lovelace", "--email", "ada@example.com")
	return appt, svc, av
}

// parseICS decodes data with an independent iCalendar parser and checks
// the single event is appt's.
func parseICS(t *testing.T, data []byte, appt model.Appointment, summary string) {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot parse the export: %v\n%s", err, data)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events, want 1", len(events))
	}
	ev := events[0]
	if uid, _ := ev.Props.Text(ical.PropUID); uid != appt.ID+"@zimun" {
		t.Errorf("UID %q, want %q", uid, appt.ID+"@zimun")
	}
	if start, err := ev.DateTimeStart(time.UTC); err != nil || !start.Equal(appt.Time) {
		t.Errorf("DTSTART %s (%v), want %s", start, err, appt.Time)
	}
	if got, _ := ev.Props.Text(ical.PropSummary); got != summary {
		t.Errorf("SUMMARY %q, want %q", got, summary)
	}
}

func TestICS(t *testing.T) {
	f := newFixture(t)
	var list []model.Appointment
	f.okJSON(&list, "appointments", "--limit", "1")
	if len(list) != 1 {
		t.Fatal("no appointment in the demo data")
	}
	appt := list[0]
	var svcName string
	for _, s := range f.srv.Services() {
		if s.ID == appt.ServiceID {
			svcName = s.Name
		}
	}

	path := filepath.Join(t.TempDir(), "out.ics")
	code, out, errs := f.run("ics", appt.ID, "-o", path)
	if code != 0 || strings.TrimSpace(out) != path || errs != "" {
		t.Fatalf("ics -o FILE: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	parseICS(t, data, appt, svcName)

	parseICS(t, []byte(f.ok("ics", appt.ID, "-o", "-")), appt, svcName)

	// Defect: the default went into the working directory (under go run
	// ., the repository). It goes into the export folder: the download
	// folder, else home.
	wd := t.TempDir()
	t.Chdir(wd)
	var res struct{ Path string }
	f.okJSON(&res, "ics", appt.ID)
	if want := filepath.Join(f.env["HOME"], ics.FileName(appt.ID)); res.Path != want {
		t.Errorf("ics --json path %q, want %q in the home folder", res.Path, want)
	}
	if _, err := os.Stat(res.Path); err != nil {
		t.Error(err)
	}
	if entries, _ := os.ReadDir(wd); len(entries) != 0 {
		t.Errorf("wrote into the working directory: %v", entries)
	}
	f.env["XDG_DOWNLOAD_DIR"] = filepath.Join(f.env["HOME"], "Téléchargements")
	if got := strings.TrimSpace(f.ok("ics", appt.ID)); got != filepath.Join(f.env["XDG_DOWNLOAD_DIR"], ics.FileName(appt.ID)) {
		t.Errorf("ics with XDG_DOWNLOAD_DIR set wrote %q", got)
	}

	for _, tt := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"ics", appt.ID, "-o", "-", "--json"}, 2, "both write to stdout"},
		{[]string{"ics"}, 2, "accepts 1 arg"},
		{[]string{"ics", "a_nope", "-o", "-"}, 1, "(404 appointment_not_found"},
	} {
		if code, _, errs := f.run(tt.args...); code != tt.code || !strings.Contains(errs, tt.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want %d, %q", tt.args, code, errs, tt.code, tt.stderr)
		}
	}
}

func TestICSFallsBackToJournal(t *testing.T) {
	f := newFixture(t)
	appt, svc, _ := book(t, f)
	f.srv.DisableRoute("appointments.get")

	code, out, errs := f.run("ics", appt.ID, "-o", "-")
	if code != 0 || !strings.Contains(errs, "using the desk history's copy") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	parseICS(t, []byte(out), appt, svc.Name)

	// Not in the journal: the server's refusal stands.
	var list []model.Appointment
	f.okJSON(&list, "appointments", "--limit", "1")
	if code, _, errs := f.run("ics", list[0].ID, "-o", "-"); code != 1 || !strings.Contains(errs, "404") {
		t.Errorf("unjournaled id: exit %d, stderr %q", code, errs)
	}
}

func TestAppointmentRanges(t *testing.T) {
	f := newFixture(t)
	var all []model.Appointment
	f.okJSON(&all, "appointments")
	y, m, d := time.Now().Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.Local)
	within := func(from, to time.Time) []string {
		var ids []string
		for _, a := range all {
			if !a.Time.Before(from) && (to.IsZero() || a.Time.Before(to)) {
				ids = append(ids, a.ID)
			}
		}
		return ids
	}
	for flag, want := range map[string][]string{
		"--today":    within(today, today.AddDate(0, 0, 1)),
		"--week":     within(today, today.AddDate(0, 0, 7)),
		"--upcoming": within(today, time.Time{}),
		"--past":     within(today.AddDate(0, 0, -7), today),
	} {
		var got []model.Appointment
		f.okJSON(&got, "appointments", flag)
		var ids []string
		for _, a := range got {
			ids = append(ids, a.ID)
		}
		if !slices.Equal(ids, want) {
			t.Errorf("appointments %s = %v, want %v", flag, ids, want)
		}
	}

	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"--today", "--from", "2026-01-01"}, "--today cannot be combined with --from or --to"},
		{[]string{"--to", "2026-01-01", "--past"}, "--past cannot be combined"},
		{[]string{"--today", "--week"}, "--today and --week are different windows"},
	} {
		code, _, errs := f.run(append([]string{"appointments"}, tt.args...)...)
		if code != 2 || !strings.Contains(errs, tt.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want 2, %q", tt.args, code, errs, tt.stderr)
		}
	}
}

func TestVerbsKeepHistory(t *testing.T) {
	f := newFixture(t)
	var history []journal.Entry
	f.okJSON(&history, "history")
	if len(history) != 0 {
		t.Fatalf("fresh history = %+v", history)
	}

	appt, svc, _ := book(t, f)
	f.ok("cancel", appt.ID, "--reason", "ill")
	f.ok("cancel", appt.ID) // changes nothing, so adds nothing

	f.okJSON(&history, "history")
	if len(history) != 2 {
		t.Fatalf("history has %d entries, want 2: %+v", len(history), history)
	}
	cancelled, booked := history[0], history[1]
	if cancelled.Action != journal.Cancelled || cancelled.Reason != "ill" || !cancelled.Appointment.Cancelled() {
		t.Errorf("newest entry = %+v", cancelled)
	}
	if booked.Action != journal.Booked || booked.ServiceName != svc.Name || booked.LocationName == "" {
		t.Errorf("oldest entry = %+v", booked)
	}
	for _, e := range history {
		if e.Appointment.ID != appt.ID || e.At.IsZero() {
			t.Errorf("entry = %+v", e)
		}
	}
	// In the fixture's state directory (in this API's folder), never the
	// real home.
	if got, _ := filepath.Glob(filepath.Join(f.env["XDG_STATE_HOME"], "zimun", "*", journal.FileName)); len(got) != 1 {
		t.Errorf("journals under the fixture's state directory: %v", got)
	}

	f.okJSON(&history, "history", "--limit", "1")
	if len(history) != 1 || history[0].Action != journal.Cancelled {
		t.Errorf("history --limit 1 = %+v", history)
	}
	out := f.ok("history")
	for _, want := range []string{"ACTION", "REASON", "ill", "cancelled", "booked", appt.ID, "Ada Lovelace", svc.Name} {
		if !strings.Contains(out, want) {
			t.Errorf("history table lacks %q:\n%s", want, out)
		}
	}
	if code, _, errs := f.run("history", "--limit", "-1"); code != 2 || !strings.Contains(errs, "--limit") {
		t.Errorf("history --limit -1: exit %d, stderr %q", code, errs)
	}
}

func TestRescheduleKeepsPreviousTime(t *testing.T) {
	f := newFixture(t)
	appt, _, av := book(t, f)
	to := freeSlots(t, av, 2)[1].Start
	f.ok("reschedule", appt.ID, "--at", to.Format(time.RFC3339))

	var history []journal.Entry
	f.okJSON(&history, "history")
	if len(history) != 2 || history[0].Action != journal.Rescheduled ||
		!history[0].PreviousTime.Equal(appt.Time) || !history[0].Appointment.Time.Equal(to) {
		t.Errorf("history = %+v", history)
	}
}

func TestJournalFailureOnlyWarns(t *testing.T) {
	f := newFixture(t)
	// A state directory that cannot be created: its parent is a file.
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	f.env["XDG_STATE_HOME"] = blocker
	hold, _, _ := holdSlot(t, f)
	code, out, errs := f.run("confirm", "--hold", hold.ID, "--name", "Ada Lovelace", "--email", "ada@example.com")
	if code != 0 || !strings.Contains(out, "confirmed") || !strings.Contains(errs, "warning: booked is done but not in the desk history") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// The demo's bookings die with its sandbox: nothing of it reaches the
// state folder, so no live desk's history lists them.
func TestDemoKeepsNoState(t *testing.T) {
	f := newFixture(t)
	f.ok("--demo", "services")
	f.ok("--demo", "availability", "--service", "General consultation", "--days", "2")
	if code, _, errs := f.run("--demo", "history"); code != 0 || !strings.Contains(errs, "the demo keeps no desk history") {
		t.Errorf("history in the demo: exit %d, %q", code, errs)
	}
	var files []string
	filepath.WalkDir(f.env["XDG_STATE_HOME"], func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if len(files) != 0 {
		t.Fatalf("the demo wrote %v", files)
	}
}

// Defect: a confirm whose reply was lost was reported as a failure. It is
// "unknown" (exit 3) and says to run the same command again; the re-run
// finds the booking (exit 0, printed, in the history once).
func TestConfirmWithLostReplyIsUnknownThenFound(t *testing.T) {
	f := newFixture(t)
	hold, _, _ := holdSlot(t, f)
	args := []string{"confirm", "--hold", hold.ID, "--name", "Ada Lovelace", "--email", "ada@example.com"}
	f.loseReplies.Store("/api/v1/appointments/confirm")
	code, out, errs := f.run(args...)
	if code != 3 || out != "" || !strings.Contains(errs, "the outcome is unknown; run the same command again to find out") {
		t.Fatalf("lost reply: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	f.loseReplies.Store("")
	var appt model.Appointment
	f.okJSON(&appt, args...)
	if appt.ID == "" || appt.Contact.Email != "ada@example.com" {
		t.Fatalf("re-run: %+v", appt)
	}
	// Again: the same booking, not a second one.
	var again model.Appointment
	f.okJSON(&again, args...)
	if again.ID != appt.ID {
		t.Fatalf("third run booked %s, the first %s", again.ID, appt.ID)
	}
	var found []model.Appointment
	f.okJSON(&found, "appointments", "--q", "ada@example.com")
	if len(found) != 1 {
		t.Fatalf("%d appointments for Ada, want 1", len(found))
	}
	var history []journal.Entry
	f.okJSON(&history, "history")
	if len(history) != 1 || history[0].Appointment.ID != appt.ID {
		t.Fatalf("history %+v, want the booking once", history)
	}
	// Another contact on the same hold is refused, naming the booking.
	code, _, errs = f.run("confirm", "--hold", hold.ID, "--name", "Bob", "--email", "bob@example.com")
	if code != 1 || !strings.Contains(errs, "already booked for someone else") || !strings.Contains(errs, appt.ID) {
		t.Fatalf("other contact: exit %d, %q", code, errs)
	}
}
