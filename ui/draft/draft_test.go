package draft

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/model"
)

func sample() Draft {
	paris, _ := time.LoadLocation("Europe/Paris")
	start := time.Date(2026, 3, 3, 10, 30, 0, 0, paris)
	return Draft{
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

func TestRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	if _, ok, err := Load(dir); ok || err != nil {
		t.Fatalf("Load of nothing = %v, %v; want false, nil", ok, err)
	}
	want := sample()
	if err := Save(dir, want); err != nil {
		t.Fatal(err)
	}
	got, ok, err := Load(dir)
	if err != nil || !ok {
		t.Fatalf("Load = %v, %v", ok, err)
	}
	// Times come back in a different *time.Location; compare instants.
	if !got.Slot.Start.Equal(want.Slot.Start) || !got.Hold.Deadline.Equal(want.Hold.Deadline) {
		t.Errorf("times changed: %v %v", got.Slot.Start, got.Hold.Deadline)
	}
	got.Slot, got.Hold.Time, got.Hold.ExpiresAt, got.Hold.Deadline, got.SavedAt = want.Slot, want.Hold.Time, want.Hold.ExpiresAt, want.Hold.Deadline, want.SavedAt
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load = %+v\nwant %+v", got, want)
	}

	want.IdempotencyKey, want.KeyContact = "", model.Contact{}
	want.Contact.Phone = "+33 1 23 45 67 89"
	if err := Save(dir, want); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := Load(dir); got.Contact.Phone != want.Contact.Phone {
		t.Errorf("second save not seen: %+v", got.Contact)
	}

	if err := Clear(dir); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := Load(dir); ok || err != nil {
		t.Errorf("after Clear: %v, %v", ok, err)
	}
	if err := Clear(dir); err != nil {
		t.Errorf("Clear twice: %v", err)
	}
}

func TestModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	if err := Save(dir, sample()); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, fileName))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, want 0600", fi.Mode().Perm())
	}
	di, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if di.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, want 0700", di.Mode().Perm())
	}
}

// A failed save leaves no temp file behind and the previous draft intact.
func TestSaveFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	// A non-empty directory where the draft should go makes the rename fail
	// after the temp file was written.
	if err := os.MkdirAll(filepath.Join(dir, fileName, "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := Save(dir, sample()); err == nil {
		t.Fatal("Save succeeded onto a directory")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != fileName {
			t.Errorf("left behind %s", e.Name())
		}
	}
}

func TestLoadCorrupt(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, fileName), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := Load(dir); ok || err == nil {
		t.Errorf("Load of garbage = %v, %v; want an error", ok, err)
	}
}

// A key resumes with the contact it was sent with, whatever Contact says.
func TestLoadKeyContactWins(t *testing.T) {
	dir := t.TempDir()
	d := sample()
	d.Contact.Name = "Dana Typed-Later"
	if err := Save(dir, d); err != nil {
		t.Fatal(err)
	}
	got, _, err := Load(dir)
	if err != nil || got.Contact != d.KeyContact || got.IdempotencyKey != "k1" {
		t.Errorf("Load = %+v, %v; want Contact %+v", got.Contact, err, d.KeyContact)
	}
	// Without a key, what was typed is kept.
	d.IdempotencyKey = ""
	if err := Save(dir, d); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := Load(dir); got.Contact.Name != "Dana Typed-Later" {
		t.Errorf("Contact without a key = %+v", got.Contact)
	}
}

// Drafts written before key_contact existed still load; without it the
// key goes with Contact, as it did then. A draft without a key writes no
// key_contact at all.
func TestLoadWithoutKeyContact(t *testing.T) {
	dir := t.TempDir()
	// An old draft: today's JSON without the key_contact member.
	var fields map[string]json.RawMessage
	data, err := json.Marshal(sample())
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &fields); err != nil {
		t.Fatal(err)
	}
	if _, ok := fields["key_contact"]; !ok {
		t.Fatalf("no key_contact in %s", data)
	}
	delete(fields, "key_contact")
	fields["contact"] = json.RawMessage(`{"name":"Dana Old","email":"dana@example.com"}`)
	if data, err = json.Marshal(fields); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, fileName), data, 0o600); err != nil {
		t.Fatal(err)
	}
	d, ok, err := Load(dir)
	if err != nil || !ok {
		t.Fatalf("Load = %v, %v", ok, err)
	}
	if d.IdempotencyKey != "k1" || d.Contact.Name != "Dana Old" || d.KeyContact != (model.Contact{}) || d.Hold.ID != "h_1" {
		t.Errorf("old draft = %+v", d)
	}

	d.IdempotencyKey = ""
	if err := Save(dir, d); err != nil {
		t.Fatal(err)
	}
	if data, err = os.ReadFile(filepath.Join(dir, fileName)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "key_contact") || strings.Contains(string(data), "idempotency_key") {
		t.Errorf("keyless draft names a key:\n%s", data)
	}
}
