package state

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/zimun-app/zimun/model"
)

// A draft file may be cut short, edited by hand or written by another
// release: reading it never panics, and what it reads writes back as the
// same draft.
func FuzzDecodeDraft(f *testing.F) {
	d := Draft{
		Service:  model.Service{ID: "s_1", Name: "Consultation", DurationMinutes: 30},
		Location: model.Location{ID: "l_1", Name: "Paris", Timezone: "Europe/Paris"},
		Slot:     model.Slot{Start: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 3, 9, 30, 0, 0, time.UTC), CapacityLeft: 1},
		Hold:     model.Hold{ID: "h_1", ExpiresAt: time.Date(2026, 3, 2, 9, 10, 0, 0, time.UTC)},
		Contact:  model.Contact{Name: "Dana Lee", Email: "dana@example.com"}, IdempotencyKey: "k",
		KeyContact: model.Contact{Name: "Dana", Email: "dana@example.com"}, SavedAt: time.Date(2026, 3, 2, 9, 1, 0, 0, time.UTC),
	}
	b, _ := json.Marshal(d)
	f.Add(b)
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"contact":{"name":"\u001b[2J"},"idempotency_key":"k"}`))
	f.Add([]byte(`{"slot":{"start":"not a time"}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		dr, err := decodeDraft(b)
		if err != nil {
			return
		}
		again, err := json.Marshal(dr)
		if err != nil {
			t.Fatalf("a read draft does not write back: %v", err)
		}
		back, err := decodeDraft(again)
		if err != nil {
			t.Fatalf("a written draft does not read back: %v", err)
		}
		if !reflect.DeepEqual(normalTimes(back), normalTimes(dr)) {
			t.Fatalf("round trip changed the draft:\n%+v\n%+v", dr, back)
		}
	})
}

// normalTimes compares instants, not their zones' pointers.
func normalTimes(d Draft) Draft {
	for _, t := range []*time.Time{&d.Slot.Start, &d.Slot.End, &d.Hold.ExpiresAt, &d.SavedAt} {
		*t = t.UTC()
	}
	return d
}
