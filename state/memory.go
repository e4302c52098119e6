package state

import (
	"slices"
	"sync"

	"github.com/zimun-app/zimun/journal"
)

// Memory is a Store that leaves nothing on disk, for the demo (its sandbox
// dies with the process) and the kiosk (customers' details never touch
// the server's disk).
type Memory struct {
	mu      sync.Mutex
	drafts  map[string]Draft
	desk    Desk
	journal []journal.Entry // oldest first
}

// NewMemory returns an empty in-memory store.
func NewMemory() *Memory { return &Memory{drafts: map[string]Draft{}} }

// Where implements Store.
func (m *Memory) Where() string { return "memory" }

// Persistent implements Store.
func (m *Memory) Persistent() bool { return false }

// SaveDraft implements Store.
func (m *Memory) SaveDraft(d Draft) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.drafts[d.ID] = d
	return nil
}

// ClearDraft implements Store.
func (m *Memory) ClearDraft(id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.drafts, id)
	return nil
}

// Abandoned implements Store: in one process nothing is ever abandoned.
func (m *Memory) Abandoned() ([]Draft, int, error) { return nil, 0, nil }

// ClaimDraft implements Store.
func (m *Memory) ClaimDraft(id string) (Draft, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.drafts[id]
	return d.normalize(), ok, nil
}

// LoadDesk implements Store.
func (m *Memory) LoadDesk() (Desk, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.desk, nil
}

// SaveDesk implements Store.
func (m *Memory) SaveDesk(d Desk) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.desk = d
	return nil
}

// AppendJournal implements Store.
func (m *Memory) AppendJournal(e journal.Entry) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.journal = append(m.journal, e)
	return nil
}

// Journal implements Store.
func (m *Memory) Journal() ([]journal.Entry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := slices.Clone(m.journal)
	slices.Reverse(out)
	return out, nil
}

// Close implements Store.
func (m *Memory) Close() error { return nil }

// Unavailable is a Store for when the state folder cannot be opened: every
// call fails with err, so each write says it was not kept and the work
// itself goes on.
func Unavailable(err error) Store { return unavailable{err} }

type unavailable struct{ err error }

func (u unavailable) Where() string                          { return "nowhere (" + u.err.Error() + ")" }
func (u unavailable) Persistent() bool                       { return false }
func (u unavailable) SaveDraft(Draft) error                  { return u.err }
func (u unavailable) ClearDraft(string) error                { return nil }
func (u unavailable) Abandoned() ([]Draft, int, error)       { return nil, 0, u.err }
func (u unavailable) ClaimDraft(string) (Draft, bool, error) { return Draft{}, false, u.err }
func (u unavailable) LoadDesk() (Desk, error)                { return Desk{}, u.err }
func (u unavailable) SaveDesk(Desk) error                    { return u.err }
func (u unavailable) AppendJournal(journal.Entry) error      { return u.err }
func (u unavailable) Journal() ([]journal.Entry, error)      { return nil, u.err }
func (u unavailable) Close() error                           { return nil }
