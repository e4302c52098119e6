package sandbox_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/zimun-app/zimun/sandbox"
)

func TestLedger(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	l := e.s.Ledger()
	if len(l.Appointments) < 50 || len(l.Holds) != 0 || len(l.Slots) == 0 || len(l.OverCapacity()) != 0 {
		t.Fatalf("demo ledger: %d appointments, %d holds, %d slots, over %v",
			len(l.Appointments), len(l.Holds), len(l.Slots), l.OverCapacity())
	}

	free := e.freeSlots(e.consult, e.paris, 2)
	r := e.call("POST", "/api/v1/appointments/hold", holdBody(e.consult, e.paris, free[0].Start), "Idempotency-Key", "hold-1")
	var h holdResp
	r.decode(t, &h)
	r = e.call("POST", "/api/v1/appointments/confirm",
		map[string]any{"hold_id": h.HoldID, "contact_name": "Dana Lee", "contact_email": "dana@example.com"}, "Idempotency-Key", "confirm-1")
	var a appt
	r.decode(t, &a)
	other := e.hold(e.consult, e.paris, free[0].Start)
	expiring := e.hold(e.consult, e.paris, free[1].Start)
	e.clock.Advance(5 * time.Minute)
	e.hold(e.consult, e.paris, free[2].Start) // live after the first two expire
	e.clock.Set(expiring.ExpiresAt)

	l = e.s.Ledger()
	states := map[string]sandbox.LedgerHold{}
	for _, lh := range l.Holds {
		states[lh.ID] = lh
	}
	if got := states[h.HoldID]; got.State != sandbox.HoldConfirmed || got.AppointmentID != a.AppointmentID || got.IdempotencyKey != "hold-1" {
		t.Errorf("confirmed hold: %+v", got)
	}
	if got := states[other.HoldID]; got.State != sandbox.HoldExpired {
		t.Errorf("expired hold: %+v", got)
	}
	if len(l.Holds) != 4 {
		t.Errorf("%d holds, want 4", len(l.Holds))
	}
	var mine *sandbox.LedgerAppointment
	for i, la := range l.Appointments {
		if la.ID == a.AppointmentID {
			mine = &l.Appointments[i]
		}
	}
	if mine == nil || mine.HoldID != h.HoldID || mine.IdempotencyKey != "confirm-1" || mine.Status != "confirmed" ||
		!mine.Start.Equal(free[0].Start) || mine.Email != "dana@example.com" {
		t.Fatalf("appointment: %+v", mine)
	}
	usage := map[time.Time]sandbox.SlotUsage{}
	for _, u := range l.Slots {
		if u.ServiceID == e.consult.ID && u.LocationID == e.paris.ID {
			usage[u.Start.UTC()] = u
		}
	}
	if u := usage[free[0].Start.UTC()]; u.Used != 1 || u.Held != 0 || u.Capacity != 2 {
		t.Errorf("slot of the appointment: %+v", u)
	}
	if u, ok := usage[free[1].Start.UTC()]; ok {
		t.Errorf("slot of an expired hold counted: %+v", u)
	}
	if u := usage[free[2].Start.UTC()]; u.Used != 1 || u.Held != 1 {
		t.Errorf("slot of a live hold: %+v", u)
	}
}

// The check can fail: a data file with three bookings in a slot of
// capacity two is reported.
func TestLedgerOverCapacity(t *testing.T) {
	file := filepath.Join(t.TempDir(), "data.json")
	e := newEnv(t, sandbox.Options{DataFile: file})
	a := e.confirm(e.hold(e.consult, e.paris, e.freeSlots(e.consult, e.paris, 2)[0].Start).HoldID, "Dana Lee", "dana@example.com")
	var st map[string]json.RawMessage
	data, err := os.ReadFile(file)
	if err != nil || json.Unmarshal(data, &st) != nil {
		t.Fatal(err)
	}
	var appts map[string]map[string]any
	if err := json.Unmarshal(st["appointments"], &appts); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		cp := map[string]any{}
		for k, v := range appts[a.AppointmentID] {
			cp[k] = v
		}
		cp["id"] = fmt.Sprintf("a_copy%d", i)
		appts[cp["id"].(string)] = cp
	}
	st["appointments"], _ = json.Marshal(appts)
	data, _ = json.Marshal(st)
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}

	e2 := newEnv(t, sandbox.Options{DataFile: file, Now: e.clock.Now})
	over := e2.s.Ledger().OverCapacity()
	if len(over) != 1 || !over[0].Start.Equal(a.AppointmentTime) || over[0].Used != 3 || over[0].Capacity != 2 {
		t.Fatalf("over capacity: %+v", over)
	}
}
