package state

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
)

var (
	scopeA = Scope{BaseURL: "http://127.0.0.1:8080", ClientID: "demo-client"}
	scopeB = Scope{BaseURL: "https://api.zimun.online", OrganizationID: "o_1", ClientID: "desk"}
)

func sample() Draft {
	paris, _ := time.LoadLocation("Europe/Paris")
	start := time.Date(2026, 3, 3, 10, 30, 0, 0, paris)
	return Draft{
		ID:       "d1",
		Service:  model.Service{ID: "s_cut", Name: "Haircut", DurationMinutes: 30},
		Location: model.Location{ID: "l_paris", Name: "Paris", Timezone: "Europe/Paris"},
		Slot:     model.Slot{Start: start, End: start.Add(30 * time.Minute), CapacityLeft: 1},
		Hold: model.Hold{ID: "h_1", Time: start,
			ExpiresAt: time.Date(2026, 3, 2, 8, 10, 0, 0, time.UTC),
			Deadline:  time.Date(2026, 3, 2, 8, 10, 0, 0, time.UTC)},
		Contact:        model.Contact{Name: "Dana Lee", Email: "dana@example.com"},
		IdempotencyKey: "k1",
		KeyContact:     model.Contact{Name: "Dana Lee", Email: "dana@example.com"},
		SavedAt:        time.Date(2026, 3, 2, 8, 1, 0, 0, time.UTC),
	}
}

func open(t *testing.T, root string, s Scope) *Dir {
	t.Helper()
	d, _, err := Open(root, s)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// abandoned is what another process (another Dir) would be offered; that
// process then ends.
func abandoned(t *testing.T, root string, s Scope) ([]Draft, int) {
	t.Helper()
	other := open(t, root, s)
	defer other.Close()
	ds, inUse, err := other.Abandoned()
	if err != nil {
		t.Fatal(err)
	}
	return ds, inUse
}

func TestDraftRoundTripThroughAClaim(t *testing.T) {
	root := t.TempDir()
	d := open(t, root, scopeA)
	want := sample()
	if err := d.SaveDraft(want); err != nil {
		t.Fatal(err)
	}
	// Owned by d: another zimun sees it in use and is not offered it.
	if ds, inUse := abandoned(t, root, scopeA); len(ds) != 0 || inUse != 1 {
		t.Fatalf("while owned: offered %d, in use %d; want 0, 1", len(ds), inUse)
	}
	other := open(t, root, scopeA)
	if _, _, err := other.ClaimDraft(want.ID); !errors.Is(err, ErrDraftInUse) {
		t.Fatalf("claiming an owned draft: %v, want ErrDraftInUse", err)
	}
	d.Close() // the process ends (a crash lets go the same way)
	ds, inUse := abandoned(t, root, scopeA)
	if len(ds) != 1 || inUse != 0 {
		t.Fatalf("after the owner ended: offered %d, in use %d; want 1, 0", len(ds), inUse)
	}
	// Offered to one zimun at a time: the one offering it owns it.
	offered, _, _ := other.Abandoned()
	if ds, inUse := abandoned(t, root, scopeA); len(offered) != 1 || len(ds) != 0 || inUse != 1 {
		t.Fatalf("offered here %d; elsewhere %d, in use %d", len(offered), len(ds), inUse)
	}
	got, ok, err := other.ClaimDraft(want.ID)
	if err != nil || !ok {
		t.Fatalf("claim = %v, %v", ok, err)
	}
	if !got.Slot.Start.Equal(want.Slot.Start) || !got.Hold.Deadline.Equal(want.Hold.Deadline) {
		t.Errorf("times changed: %v %v", got.Slot.Start, got.Hold.Deadline)
	}
	got.Slot, got.Hold.Time, got.Hold.ExpiresAt, got.Hold.Deadline, got.SavedAt = want.Slot, want.Hold.Time, want.Hold.ExpiresAt, want.Hold.Deadline, want.SavedAt
	if !reflect.DeepEqual(got, want) {
		t.Errorf("claimed %+v\nwant %+v", got, want)
	}
	if err := other.ClearDraft(want.ID); err != nil {
		t.Fatal(err)
	}
	if ds, _ := abandoned(t, root, scopeA); len(ds) != 0 {
		t.Fatalf("a cleared draft is still offered: %+v", ds)
	}
	if err := other.ClearDraft(want.ID); err != nil {
		t.Errorf("clearing twice: %v", err)
	}
}

func TestDraftOfOneAPIIsNotOfferedForAnother(t *testing.T) {
	root := t.TempDir()
	a := open(t, root, scopeA)
	if err := a.SaveDraft(sample()); err != nil {
		t.Fatal(err)
	}
	a.Close()
	if ds, inUse := abandoned(t, root, scopeB); len(ds) != 0 || inUse != 0 {
		t.Fatalf("API B offered %d drafts (%d in use) of API A", len(ds), inUse)
	}
	if ds, _ := abandoned(t, root, scopeA); len(ds) != 1 {
		t.Fatalf("API A offered %d drafts, want its own 1", len(ds))
	}
	// Same host, another client: another desk's state.
	if ds, _ := abandoned(t, root, Scope{BaseURL: scopeA.BaseURL, ClientID: "other"}); len(ds) != 0 {
		t.Fatal("another client id sees the draft")
	}
}

func TestJournalAndDeskAreScoped(t *testing.T) {
	root := t.TempDir()
	a, b := open(t, root, scopeA), open(t, root, scopeB)
	if err := a.AppendJournal(journal.Entry{At: time.Now(), Action: journal.Booked, Appointment: model.Appointment{ID: "a_1"}}); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveDesk(Desk{LocationID: "l_1", ServiceID: "s_1"}); err != nil {
		t.Fatal(err)
	}
	if es, _ := b.Journal(); len(es) != 0 {
		t.Fatalf("B's history shows A's booking: %+v", es)
	}
	if desk, _ := b.LoadDesk(); desk != (Desk{}) {
		t.Fatalf("B remembers A's desk: %+v", desk)
	}
	if es, _ := a.Journal(); len(es) != 1 || es[0].Appointment.ID != "a_1" {
		t.Fatalf("A's history: %+v", es)
	}
	if desk, _ := a.LoadDesk(); desk.ServiceID != "s_1" {
		t.Fatalf("A's desk: %+v", desk)
	}
}

func TestMemoryLeavesNoFile(t *testing.T) {
	root := t.TempDir()
	t.Setenv("HOME", root)
	t.Setenv("XDG_STATE_HOME", root)
	m := NewMemory()
	d := sample()
	if err := m.SaveDraft(d); err != nil {
		t.Fatal(err)
	}
	if err := m.AppendJournal(journal.Entry{Action: journal.Booked, Appointment: model.Appointment{ID: "a_1"}}); err != nil {
		t.Fatal(err)
	}
	if err := m.SaveDesk(Desk{ServiceID: "s"}); err != nil {
		t.Fatal(err)
	}
	if got, ok, _ := m.ClaimDraft(d.ID); !ok || got.Hold.ID != d.Hold.ID {
		t.Fatalf("memory draft: %+v %v", got, ok)
	}
	if es, _ := m.Journal(); len(es) != 1 {
		t.Fatalf("memory journal: %+v", es)
	}
	entries, err := os.ReadDir(root)
	if err != nil || len(entries) != 0 {
		t.Fatalf("memory store wrote %v (%v)", entries, err)
	}
	if m.Persistent() {
		t.Fatal("memory claims to be persistent")
	}
}

// An earlier release kept one draft, desk memory and journal directly in
// the state folder: the first API opened takes them, says so once, and
// nothing is dropped.
func TestLegacyFilesArePickedUp(t *testing.T) {
	root := t.TempDir()
	old := sample()
	old.ID = ""
	b, _ := json.Marshal(old)
	must(t, os.WriteFile(filepath.Join(root, "draft.json"), b, 0o600))
	must(t, os.WriteFile(filepath.Join(root, "desk.json"), []byte(`{"location_id":"l_paris","service_id":"s_cut"}`), 0o600))
	must(t, journal.Append(root, journal.Entry{At: time.Now(), Action: journal.Booked, Appointment: model.Appointment{ID: "a_old"}}))

	d, notes, err := Open(root, scopeB)
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "unfinished booking") || !strings.Contains(notes[0], "desk history") {
		t.Fatalf("notes %q", notes)
	}
	d.Close()
	for _, f := range []string{"draft.json", "desk.json", journal.FileName} {
		if _, err := os.Stat(filepath.Join(root, f)); !os.IsNotExist(err) {
			t.Errorf("%s left at the top: %v", f, err)
		}
	}
	ds, _ := abandoned(t, root, scopeB)
	if len(ds) != 1 || ds[0].Hold.ID != old.Hold.ID {
		t.Fatalf("old draft offered as %+v", ds)
	}
	d2, notes, err := Open(root, scopeB)
	if err != nil || len(notes) != 0 {
		t.Fatalf("second open: notes %q, %v", notes, err)
	}
	defer d2.Close()
	if es, _ := d2.Journal(); len(es) != 1 || es[0].Appointment.ID != "a_old" {
		t.Fatalf("old journal: %+v", es)
	}
	if desk, _ := d2.LoadDesk(); desk.ServiceID != "s_cut" {
		t.Fatalf("old desk: %+v", desk)
	}
	if ds, _ := abandoned(t, root, scopeA); len(ds) != 0 {
		t.Fatal("another API got the old draft too")
	}
}

func TestModes(t *testing.T) {
	root := filepath.Join(t.TempDir(), "state")
	d := open(t, root, scopeA)
	must(t, d.SaveDraft(sample()))
	fi, err := os.Stat(d.draftPath("d1"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("draft mode %v, want 0600", fi.Mode().Perm())
	}
	for _, dir := range []string{root, d.dir, filepath.Join(d.dir, draftsDir)} {
		di, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if dir != root && di.Mode().Perm() != 0o700 {
			t.Errorf("%s mode %v, want 0700", dir, di.Mode().Perm())
		}
	}
}

func TestCorruptDraftIsAnError(t *testing.T) {
	root := t.TempDir()
	d := open(t, root, scopeA)
	must(t, os.WriteFile(d.draftPath("bad"), []byte("{"), 0o600))
	if _, _, err := d.Abandoned(); err == nil {
		t.Error("a corrupt draft read as nothing")
	}
}

// A key resumes with the contact it was sent with, whatever Contact says.
func TestClaimKeyContactWins(t *testing.T) {
	root := t.TempDir()
	d := open(t, root, scopeA)
	dr := sample()
	dr.Contact.Name = "Dana Typed-Later"
	must(t, d.SaveDraft(dr))
	d.Close()
	other := open(t, root, scopeA)
	got, _, err := other.ClaimDraft(dr.ID)
	if err != nil || got.Contact != dr.KeyContact || got.IdempotencyKey != "k1" {
		t.Errorf("claimed %+v, %v; want Contact %+v", got.Contact, err, dr.KeyContact)
	}
	// Without a key, what was typed is kept.
	dr.IdempotencyKey = ""
	must(t, other.SaveDraft(dr))
	other.Close()
	if ds, _ := abandoned(t, root, scopeA); len(ds) != 1 || ds[0].Contact.Name != "Dana Typed-Later" {
		t.Errorf("Contact without a key = %+v", ds)
	}
}

// Drafts written before key_contact existed still load; without it the
// key goes with Contact, as it did then. A draft without a key writes no
// key_contact at all.
func TestDraftWithoutKeyContact(t *testing.T) {
	root := t.TempDir()
	d := open(t, root, scopeA)
	var fields map[string]json.RawMessage
	data, err := json.Marshal(sample())
	must(t, err)
	must(t, json.Unmarshal(data, &fields))
	if _, ok := fields["key_contact"]; !ok {
		t.Fatalf("no key_contact in %s", data)
	}
	delete(fields, "key_contact")
	fields["contact"] = json.RawMessage(`{"name":"Dana Old","email":"dana@example.com"}`)
	data, err = json.Marshal(fields)
	must(t, err)
	must(t, os.WriteFile(d.draftPath("old"), data, 0o600))
	dr, ok, err := d.ClaimDraft("old")
	if err != nil || !ok {
		t.Fatalf("claim = %v, %v", ok, err)
	}
	if dr.IdempotencyKey != "k1" || dr.Contact.Name != "Dana Old" || dr.KeyContact != (model.Contact{}) || dr.Hold.ID != "h_1" {
		t.Errorf("old draft = %+v", dr)
	}
	dr.IdempotencyKey = ""
	must(t, d.SaveDraft(dr))
	data, err = os.ReadFile(d.draftPath("old"))
	must(t, err)
	if strings.Contains(string(data), "key_contact") || strings.Contains(string(data), "idempotency_key") {
		t.Errorf("keyless draft names a key:\n%s", data)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
