package journal

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/zimun-app/zimun/model"
)

var t0 = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

func entry(id string, action Action, at time.Time) Entry {
	return Entry{
		At:     at,
		Action: action,
		Appointment: model.Appointment{
			ID: id, Status: model.StatusConfirmed, ServiceID: "s_1", LocationID: "l_1",
			Time: at.Add(24 * time.Hour), DurationMinutes: 30,
			Contact: model.Contact{Name: "Zoé Ünïcode, \"quoted\"", Email: "zoe@example.com", Notes: "line 1\nline 2"},
		},
		ServiceName:  "Haircut",
		LocationName: "Paris",
	}
}

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	booked := entry("a_1", Booked, t0)
	moved := entry("a_1", Rescheduled, t0.Add(time.Minute))
	moved.PreviousTime = booked.Appointment.Time
	moved.Appointment.Time = booked.Appointment.Time.Add(time.Hour)
	gone := entry("a_2", Cancelled, t0.Add(2*time.Minute))
	gone.Reason = "ill"
	for _, e := range []Entry{booked, moved, gone} {
		if err := Append(dir, e); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("got %d entries, want 3", len(got))
	}
	// Newest first.
	for i, want := range []Entry{gone, moved, booked} {
		g := got[i]
		if g.Action != want.Action || g.Appointment.ID != want.Appointment.ID ||
			!g.At.Equal(want.At) || !g.PreviousTime.Equal(want.PreviousTime) ||
			g.Reason != want.Reason || g.Appointment.Contact != want.Appointment.Contact ||
			!g.Appointment.Time.Equal(want.Appointment.Time) || g.ServiceName != want.ServiceName {
			t.Errorf("entry %d = %+v, want %+v", i, g, want)
		}
	}
	latest, err := Latest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(latest) != 2 || latest["a_1"].Action != Rescheduled || latest["a_2"].Action != Cancelled {
		t.Errorf("Latest = %+v", latest)
	}
}

func TestReadMissing(t *testing.T) {
	got, err := Read(filepath.Join(t.TempDir(), "nope"))
	if err != nil || len(got) != 0 {
		t.Fatalf("Read of missing journal = %v, %v", got, err)
	}
}

func TestConcurrentAppends(t *testing.T) {
	dir := t.TempDir()
	const n = 50
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := entry(fmt.Sprintf("a_%02d", i), Booked, t0.Add(time.Duration(i)*time.Second))
			// Big notes make interleaving likely if writes were split.
			e.Appointment.Contact.Notes = fmt.Sprintf("%0900d", i)
			errs <- Append(dir, e)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("read %d entries, want %d", len(got), n)
	}
	if l := LatestOf(got); len(l) != n {
		t.Fatalf("%d distinct appointments, want %d", len(l), n)
	}
}

func TestTornLastLine(t *testing.T) {
	dir := t.TempDir()
	if err := Append(dir, entry("a_1", Booked, t0)); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(Path(dir), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(`{"at":"2026-03-02T08:01:00Z","action":"canc`); err != nil {
		t.Fatal(err)
	}
	f.Close()

	got, err := Read(dir)
	if err != nil || len(got) != 1 || got[0].Appointment.ID != "a_1" {
		t.Fatalf("Read with torn tail = %+v, %v", got, err)
	}
	// The next append starts on its own line, so it is not lost.
	if err := Append(dir, entry("a_2", Cancelled, t0.Add(time.Minute))); err != nil {
		t.Fatal(err)
	}
	got, err = Read(dir)
	if err != nil || len(got) != 2 || got[0].Appointment.ID != "a_2" || got[1].Appointment.ID != "a_1" {
		t.Fatalf("Read after append = %+v, %v", got, err)
	}
}

func TestFileMode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "zimun")
	if err := Append(dir, entry("a_1", Booked, t0)); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(Path(dir))
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("journal mode = %o, want 600", perm)
	}
	// A journal loosened by hand is tightened on the next append.
	if err := os.Chmod(Path(dir), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Append(dir, entry("a_2", Booked, t0)); err != nil {
		t.Fatal(err)
	}
	info, _ = os.Stat(Path(dir))
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("journal mode after append = %o, want 600", perm)
	}
	dinfo, _ := os.Stat(dir)
	if perm := dinfo.Mode().Perm(); perm != 0o700 {
		t.Errorf("dir mode = %o, want 700", perm)
	}
}
