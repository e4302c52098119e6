package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// stateVersion is bumped when the data file's layout changes incompatibly.
const stateVersion = 1

// state is everything the sandbox knows, and exactly what --data saves:
// the catalogue is saved too, so a restart on another day keeps the same
// ids and closures rather than generating new demo data.
type state struct {
	Version      int                     `json:"version"`
	Organization organization            `json:"organization"`
	Locations    []*location             `json:"locations"`
	Services     []*Service              `json:"services"`
	Closures     []closure               `json:"closures"`
	Holds        map[string]*hold        `json:"holds"`
	Appointments map[string]*appointment `json:"appointments"`
	Outbox       []Email                 `json:"outbox"`
	Idempotency  map[string]*idemRecord  `json:"idempotency"`
}

func newState() *state {
	return &state{
		Version:      stateVersion,
		Holds:        map[string]*hold{},
		Appointments: map[string]*appointment{},
		Idempotency:  map[string]*idemRecord{},
	}
}

func (st *state) service(id string) *Service {
	for _, svc := range st.Services {
		if svc.ID == id {
			return svc
		}
	}
	return nil
}

func (st *state) location(id string) *location {
	for _, loc := range st.Locations {
		if loc.ID == id {
			return loc
		}
	}
	return nil
}

// prune forgets what can no longer matter, so the data file does not grow
// without bound: holds keep past expiry (a late confirm then gets 404
// instead of 410) and idempotency records keep after their first use
// (a day, unless a forget fault says otherwise). It returns how many of
// each it forgot.
func (st *state) prune(now time.Time, keep time.Duration) (holds, keys int) {
	for id, h := range st.Holds {
		if now.Sub(h.ExpiresAt) > keep {
			delete(st.Holds, id)
			holds++
		}
	}
	for k, rec := range st.Idempotency {
		if now.Sub(rec.At) > keep {
			delete(st.Idempotency, k)
			keys++
		}
	}
	return holds, keys
}

// loadState reads a data file; ok is false when there is none yet. A file
// that does not parse is an error, never silently replaced by demo data.
func loadState(path string) (st *state, data []byte, ok bool, err error) {
	data, err = os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, fmt.Errorf("sandbox: read data file: %w", err)
	}
	st = newState()
	if err := json.Unmarshal(data, st); err != nil {
		return nil, nil, false, fmt.Errorf("sandbox: data file %s is not valid: %w", path, err)
	}
	if st.Version != stateVersion {
		return nil, nil, false, fmt.Errorf("sandbox: data file %s has version %d, want %d", path, st.Version, stateVersion)
	}
	// A hand-edited "holds": null must not become a nil map we write to.
	if st.Holds == nil {
		st.Holds = map[string]*hold{}
	}
	if st.Appointments == nil {
		st.Appointments = map[string]*appointment{}
	}
	if st.Idempotency == nil {
		st.Idempotency = map[string]*idemRecord{}
	}
	return st, data, true, nil
}

// writeFileAtomic replaces path with data so that a crash at any moment
// leaves either the old or the new file, never a torn one: the bytes go to
// a temporary file in the same directory, are fsynced, then renamed over
// path, and the directory is fsynced so the rename itself is durable.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// save writes the state to the data file, if any. On failure it restores
// the state last saved, so memory never holds what the disk does not.
func (s *Server) save() error {
	if s.opts.DataFile == "" {
		return nil
	}
	data, err := json.MarshalIndent(s.st, "", "  ")
	if err == nil {
		err = writeFileAtomic(s.opts.DataFile, data)
	}
	if err != nil {
		st := newState()
		if uerr := json.Unmarshal(s.saved, st); uerr == nil {
			s.st = st
		}
		return fmt.Errorf("sandbox: save data file: %w", err)
	}
	s.saved = data
	return nil
}
