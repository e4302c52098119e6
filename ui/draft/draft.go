// Package draft keeps the booking in progress on disk so a crash or a lost
// connection can resume it: the held slot and what was typed.
package draft

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/statefile"
)

// fileName is the draft inside the state directory.
const fileName = "draft.json"

// Draft is a booking that was being filled in.
type Draft struct {
	Service  model.Service  `json:"service"`
	Location model.Location `json:"location"`
	Slot     model.Slot     `json:"slot"`
	Hold     model.Hold     `json:"hold"`
	// Contact is what was typed; while IdempotencyKey is set it is the
	// contact that key was sent with (Load makes sure of it), so resuming
	// with Contact and IdempotencyKey resends the very same request.
	Contact model.Contact `json:"contact"`
	// IdempotencyKey is the key of a confirm whose outcome is unknown.
	IdempotencyKey string `json:"idempotency_key,omitempty"`
	// KeyContact is the contact IdempotencyKey was sent with. Drafts
	// written before it existed lack it; their Contact is used as is.
	KeyContact model.Contact `json:"key_contact,omitzero"`
	SavedAt    time.Time     `json:"saved_at"`
}

// Save writes d atomically: a reader sees the old draft or the new one,
// never half of one. The file holds personal data, so it is 0600 in a 0700
// directory.
func Save(dir string, d Draft) error {
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding draft: %w", err)
	}
	if err := statefile.Write(dir, fileName, data); err != nil {
		return fmt.Errorf("saving draft: %w", err)
	}
	return nil
}

// Load reads the draft; ok is false when there is none.
func Load(dir string) (d Draft, ok bool, err error) {
	data, err := os.ReadFile(filepath.Join(dir, fileName))
	if errors.Is(err, fs.ErrNotExist) {
		return Draft{}, false, nil
	}
	if err != nil {
		return Draft{}, false, fmt.Errorf("loading draft: %w", err)
	}
	if err := json.Unmarshal(data, &d); err != nil {
		return Draft{}, false, fmt.Errorf("loading draft: %w", err)
	}
	// The server refuses a key resent with another body, and a new key
	// could book twice after a re-hold: resume with what the key was sent
	// with, whatever was typed after.
	if d.IdempotencyKey != "" && d.KeyContact != (model.Contact{}) {
		d.Contact = d.KeyContact
	}
	return d, true, nil
}

// Clear removes the draft; no draft is not an error.
func Clear(dir string) error {
	err := os.Remove(filepath.Join(dir, fileName))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("clearing draft: %w", err)
	}
	return nil
}
