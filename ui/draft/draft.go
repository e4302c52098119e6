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
)

// fileName is the draft inside the state directory.
const fileName = "draft.json"

// Draft is a booking that was being filled in.
type Draft struct {
	Service        model.Service  `json:"service"`
	Location       model.Location `json:"location"`
	Slot           model.Slot     `json:"slot"`
	Hold           model.Hold     `json:"hold"`
	Contact        model.Contact  `json:"contact"`
	IdempotencyKey string         `json:"idempotency_key,omitempty"`
	SavedAt        time.Time      `json:"saved_at"`
}

// Save writes d atomically: a reader sees the old draft or the new one,
// never half of one. The file holds personal data, so it is 0600 in a 0700
// directory.
func Save(dir string, d Draft) (err error) {
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding draft: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("saving draft: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".draft-*.tmp")
	if err != nil {
		return fmt.Errorf("saving draft: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("saving draft: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("saving draft: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("saving draft: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("saving draft: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, fileName)); err != nil {
		return fmt.Errorf("saving draft: %w", err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes the rename durable; best effort, as some systems refuse
// to sync a directory.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		_ = f.Close()
	}
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
