package sandbox_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/sandbox"
)

func TestPersistence(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "zimun.json")
	e := newEnv(t, sandbox.Options{DataFile: file})
	a := e.confirm(e.hold(e.consult, e.paris, e.freeSlots(e.consult, e.paris, 1)[0].Start).HoldID, "Dana Lee", "dana@example.com")
	heldAt := e.freeSlots(e.followUp, e.newYork, 1)[0].Start
	e.hold(e.followUp, e.newYork, heldAt)
	cancelBody := map[string]any{"booking_id": a.AppointmentID}
	first := e.call("POST", "/api/v1/appointments/cancel", cancelBody, "Idempotency-Key", "c-1")

	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(leftovers) != 0 {
		t.Errorf("temporary files left after saving: %v", leftovers)
	}

	// A crash during a later save leaves a torn temporary file beside the
	// data file; the data file itself is never written in place.
	saved, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	torn := filepath.Join(dir, ".zimun.json.tmp-12345")
	if err := os.WriteFile(torn, saved[:len(saved)/2], 0o600); err != nil {
		t.Fatal(err)
	}

	// Restart minutes later with another seed: same catalogue, bookings, holds, mail
	// and idempotency records.
	e.clock.Advance(3 * time.Minute)
	e2 := newEnv(t, sandbox.Options{DataFile: file, Now: e.clock.Now, Seed: 99})
	if e2.s.OrganizationID() != e.s.OrganizationID() || e2.consult.ID != e.consult.ID {
		t.Fatal("the catalogue was regenerated instead of loaded")
	}
	var got appt
	r := e2.call("GET", "/api/v1/appointments/"+a.AppointmentID, nil)
	r.decode(t, &got)
	if r.status != 200 || got.Status != "cancelled" || got.ContactName != "Dana Lee" || !got.AppointmentTime.Equal(a.AppointmentTime) {
		t.Fatalf("after restart: %d %s", r.status, r.body)
	}
	if _, ok := e2.hasSlot(e2.followUp, e2.newYork, heldAt); ok {
		t.Error("the live hold was lost in the restart")
	}
	if n := len(e2.s.Outbox()); n != 2 {
		t.Errorf("outbox after restart has %d emails, want 2", n)
	}
	if again := e2.call("POST", "/api/v1/appointments/cancel", cancelBody, "Idempotency-Key", "c-1"); string(again.body) != string(first.body) {
		t.Errorf("idempotent replay after restart differs:\n%s\n%s", again.body, first.body)
	}
	if _, err := os.Stat(torn); !os.IsNotExist(err) {
		t.Error("the torn temporary file was not cleaned up")
	}
}

func TestCorruptDataFileIsNotReplaced(t *testing.T) {
	file := filepath.Join(t.TempDir(), "zimun.json")
	if err := os.WriteFile(file, []byte(`{"version":1,"appointments":{`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := sandbox.New(sandbox.Options{DataFile: file}); err == nil || !strings.Contains(err.Error(), "not valid") {
		t.Fatalf("New on a corrupt file: %v", err)
	}
	if data, _ := os.ReadFile(file); string(data) != `{"version":1,"appointments":{` {
		t.Error("the corrupt file was overwritten")
	}
}

func TestSeedIsDeterministic(t *testing.T) {
	clock := func() time.Time { return t0 }
	a, _ := sandbox.New(sandbox.Options{Now: clock})
	b, _ := sandbox.New(sandbox.Options{Now: clock, Seed: 1})
	c, _ := sandbox.New(sandbox.Options{Now: clock, Seed: 2})
	if a.OrganizationID() != b.OrganizationID() || a.Services()[0].ID != b.Services()[0].ID {
		t.Error("the same seed gave different ids")
	}
	if a.OrganizationID() == c.OrganizationID() {
		t.Error("another seed gave the same ids")
	}
}

func TestListenAndServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- sandbox.ListenAndServe(ctx, "127.0.0.1:0", sandbox.Options{}, func(base string, s *sandbox.Server) {
			ready <- base
		})
	}()
	base := <-ready
	resp, err := http.Get(base + "/sandbox/outbox")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("outbox: %d", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("shutdown: %v", err)
	}
}
