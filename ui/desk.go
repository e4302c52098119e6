package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/zimun-app/zimun/ui/statefile"
)

// deskFile remembers, per state directory, where and what this desk last
// booked, so the next start opens straight on that calendar.
const deskFile = "desk.json"

type deskMemory struct {
	LocationID string `json:"location_id"`
	ServiceID  string `json:"service_id"`
}

// loadDesk reads the desk memory; a missing file is no memory.
func loadDesk(dir string) (deskMemory, error) {
	var d deskMemory
	if dir == "" {
		return d, nil
	}
	b, err := os.ReadFile(filepath.Join(dir, deskFile))
	if errors.Is(err, fs.ErrNotExist) {
		return d, nil
	}
	if err != nil {
		return d, fmt.Errorf("desk memory: %w", err)
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return deskMemory{}, fmt.Errorf("desk memory: %w", err)
	}
	return d, nil
}

// saveDesk replaces the desk memory atomically: a crash leaves the old
// file or the new one, never half of either.
func saveDesk(dir string, d deskMemory) error {
	b, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("desk memory: %w", err)
	}
	if err := statefile.Write(dir, deskFile, b); err != nil {
		return fmt.Errorf("desk memory: %w", err)
	}
	return nil
}
