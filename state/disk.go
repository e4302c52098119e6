package state

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/zimun-app/zimun/journal"
)

// Files inside a scope's folder.
const (
	scopeFile = "scope.json"
	deskFile  = "desk.json"
	draftsDir = "drafts"
)

// Dir is a Store in a folder of its own under the state root, one per
// API. Each draft is locked by the process that owns it, so a second
// zimun on the same API sees it as in use and leaves it alone.
type Dir struct {
	dir   string
	mu    sync.Mutex
	owned map[string]*os.File // draft id -> the lock this process holds
}

// Open opens (creating it) the folder of scope under root. Files an
// earlier release kept directly in root are moved into it; notes says so,
// once, for the user to read.
func Open(root string, scope Scope) (d *Dir, notes []string, err error) {
	if root == "" {
		return nil, nil, errors.New("state: no folder")
	}
	dir := filepath.Join(root, scope.dirName())
	if err := os.MkdirAll(filepath.Join(dir, draftsDir), 0o700); err != nil {
		return nil, nil, fmt.Errorf("state: %w", err)
	}
	if _, err := os.Stat(filepath.Join(dir, scopeFile)); errors.Is(err, fs.ErrNotExist) {
		b, _ := json.MarshalIndent(scope, "", "  ")
		if err := writeFile(dir, scopeFile, b); err != nil {
			return nil, nil, fmt.Errorf("state: %w", err)
		}
	}
	d = &Dir{dir: dir, owned: map[string]*os.File{}}
	notes, err = d.adoptLegacy(root, scope)
	return d, notes, err
}

// Where implements Store.
func (d *Dir) Where() string { return d.dir }

// Persistent implements Store.
func (d *Dir) Persistent() bool { return true }

func (d *Dir) draftPath(id string) string { return filepath.Join(d.dir, draftsDir, id+".json") }
func (d *Dir) lockPath(id string) string  { return filepath.Join(d.dir, draftsDir, id+".lock") }

// own takes the lock of draft id for this process, once. Call with d.mu.
func (d *Dir) own(id string) error {
	if _, ok := d.owned[id]; ok {
		return nil
	}
	if id == "" || strings.ContainsAny(id, `/\.`) {
		return fmt.Errorf("state: bad draft id %q", id)
	}
	f, err := lockFile(d.lockPath(id))
	if err != nil {
		return err
	}
	d.owned[id] = f
	return nil
}

// SaveDraft implements Store.
func (d *Dir) SaveDraft(dr Draft) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.own(dr.ID); err != nil {
		return fmt.Errorf("saving the draft: %w", err)
	}
	b, err := json.MarshalIndent(dr, "", "  ")
	if err != nil {
		return fmt.Errorf("saving the draft: %w", err)
	}
	if err := writeFile(filepath.Join(d.dir, draftsDir), dr.ID+".json", b); err != nil {
		return fmt.Errorf("saving the draft: %w", err)
	}
	return nil
}

// ClearDraft implements Store.
func (d *Dir) ClearDraft(id string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	f, owned := d.owned[id]
	if !owned {
		return nil // another process's, or already gone
	}
	err := os.Remove(d.draftPath(id))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("clearing the draft: %w", err)
	}
	_ = os.Remove(d.lockPath(id))
	_ = f.Close()
	delete(d.owned, id)
	return nil
}

// Abandoned implements Store.
func (d *Dir) Abandoned() ([]Draft, int, error) {
	ids, err := d.draftIDs()
	if err != nil {
		return nil, 0, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []Draft
	inUse := 0
	for _, id := range ids {
		if _, mine := d.owned[id]; mine {
			continue
		}
		f, err := lockFile(d.lockPath(id))
		if errors.Is(err, ErrDraftInUse) {
			inUse++
			continue
		}
		if err != nil {
			return nil, 0, fmt.Errorf("reading drafts: %w", err)
		}
		dr, ok, err := d.read(id)
		if err != nil || !ok {
			_ = f.Close()
			if err != nil {
				return nil, 0, err
			}
			continue
		}
		d.owned[id] = f // offered here, so no other zimun offers it too
		out = append(out, dr)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SavedAt.After(out[j].SavedAt) })
	return out, inUse, nil
}

// ClaimDraft implements Store.
func (d *Dir) ClaimDraft(id string) (Draft, bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.own(id); err != nil {
		return Draft{}, false, err
	}
	dr, ok, err := d.read(id)
	if err != nil || !ok {
		_ = os.Remove(d.lockPath(id))
		_ = d.owned[id].Close()
		delete(d.owned, id)
	}
	return dr, ok, err
}

func (d *Dir) draftIDs() ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(d.dir, draftsDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading drafts: %w", err)
	}
	var ids []string
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".json"); ok && !strings.HasPrefix(id, ".") {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

func (d *Dir) read(id string) (Draft, bool, error) {
	b, err := os.ReadFile(d.draftPath(id))
	if errors.Is(err, fs.ErrNotExist) {
		return Draft{}, false, nil
	}
	if err != nil {
		return Draft{}, false, fmt.Errorf("reading the draft: %w", err)
	}
	dr, err := decodeDraft(b)
	if err != nil {
		return Draft{}, false, fmt.Errorf("reading the draft %s: %w", d.draftPath(id), err)
	}
	dr.ID = id
	return dr, true, nil
}

// decodeDraft reads a draft file's bytes, which anything may have written.
func decodeDraft(b []byte) (Draft, error) {
	var dr Draft
	if err := json.Unmarshal(b, &dr); err != nil {
		return Draft{}, err
	}
	return dr.normalize(), nil
}

// LoadDesk implements Store; no memory yet is the zero Desk.
func (d *Dir) LoadDesk() (Desk, error) {
	var desk Desk
	b, err := os.ReadFile(filepath.Join(d.dir, deskFile))
	if errors.Is(err, fs.ErrNotExist) {
		return desk, nil
	}
	if err == nil {
		err = json.Unmarshal(b, &desk)
	}
	if err != nil {
		return Desk{}, fmt.Errorf("desk memory: %w", err)
	}
	return desk, nil
}

// SaveDesk implements Store.
func (d *Dir) SaveDesk(desk Desk) error {
	b, err := json.Marshal(desk)
	if err == nil {
		err = writeFile(d.dir, deskFile, b)
	}
	if err != nil {
		return fmt.Errorf("desk memory: %w", err)
	}
	return nil
}

// AppendJournal implements Store.
func (d *Dir) AppendJournal(e journal.Entry) error { return journal.Append(d.dir, e) }

// Journal implements Store.
func (d *Dir) Journal() ([]journal.Entry, error) { return journal.Read(d.dir) }

// Close implements Store.
func (d *Dir) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	for id, f := range d.owned {
		_ = f.Close()
		delete(d.owned, id)
	}
	return nil
}

// adoptLegacy moves the files an earlier release kept directly in root
// (one draft, one desk memory, one journal for every API) into this
// scope: the first API opened after the upgrade takes them, and is named
// in the note so nothing moves silently.
func (d *Dir) adoptLegacy(root string, scope Scope) ([]string, error) {
	var moved []string
	if b, err := os.ReadFile(filepath.Join(root, "draft.json")); err == nil {
		if err := writeFile(filepath.Join(d.dir, draftsDir), NewDraftID()+".json", b); err != nil {
			return nil, fmt.Errorf("state: moving the old draft: %w", err)
		}
		_ = os.Remove(filepath.Join(root, "draft.json"))
		moved = append(moved, "an unfinished booking")
	}
	if _, err := os.Stat(filepath.Join(root, deskFile)); err == nil {
		if _, err := os.Stat(filepath.Join(d.dir, deskFile)); errors.Is(err, fs.ErrNotExist) {
			if err := os.Rename(filepath.Join(root, deskFile), filepath.Join(d.dir, deskFile)); err != nil {
				return nil, fmt.Errorf("state: moving the old desk memory: %w", err)
			}
		}
	}
	if old, err := os.ReadFile(journal.Path(root)); err == nil {
		mine, err := os.ReadFile(journal.Path(d.dir))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("state: %w", err)
		}
		if len(old) > 0 && old[len(old)-1] != '\n' {
			old = append(old, '\n')
		}
		if err := writeFile(d.dir, journal.FileName, append(old, mine...)); err != nil {
			return nil, fmt.Errorf("state: moving the old desk history: %w", err)
		}
		_ = os.Remove(journal.Path(root))
		moved = append(moved, "the desk history")
	}
	if len(moved) == 0 {
		return nil, nil
	}
	return []string{fmt.Sprintf("Moved %s kept by an earlier zimun into the state for %s (%s)",
		strings.Join(moved, " and "), scope, d.dir)}, nil
}
