// Package state keeps what a desk keeps between runs: booking drafts (for
// resuming after a crash), the desk memory (its last location and service)
// and the desk history (the journal). Each API keeps its own, so a draft or
// a booking made against one server never shows up against another; the
// in-memory store keeps nothing on disk, for the demo and the kiosk.
package state

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/zimun-app/zimun/journal"
	"github.com/zimun-app/zimun/model"
)

// Scope names the API that state belongs to.
type Scope struct {
	BaseURL        string `json:"base_url"`
	OrganizationID string `json:"organization_id,omitempty"`
	ClientID       string `json:"client_id"`
}

// String is how the scope is named to people: the host, and the
// organisation when one is configured.
func (s Scope) String() string {
	name := s.BaseURL
	if u, err := url.Parse(s.BaseURL); err == nil && u.Host != "" {
		name = u.Host
	}
	if s.OrganizationID != "" {
		name += " (" + s.OrganizationID + ")"
	}
	return name
}

// dirName is the scope's folder: readable at a glance (the host), unique
// by a hash of everything that tells two APIs apart.
func (s Scope) dirName() string {
	host := s.BaseURL
	if u, err := url.Parse(s.BaseURL); err == nil && u.Host != "" {
		host = u.Host
	}
	safe := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '-':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '_'
	}, host)
	if len(safe) > 64 {
		safe = safe[:64]
	}
	sum := sha256.Sum256([]byte(strings.TrimSuffix(s.BaseURL, "/") + "\n" + s.OrganizationID + "\n" + s.ClientID))
	return safe + "-" + hex.EncodeToString(sum[:5])
}

// Desk is the desk memory: where and what this desk last booked, so the
// next start opens straight on that calendar.
type Desk struct {
	LocationID string `json:"location_id"`
	ServiceID  string `json:"service_id"`
}

// Draft is a booking being filled in: the held slot and what was typed.
type Draft struct {
	// ID names the draft in its store; NewDraftID makes one.
	ID       string         `json:"-"`
	Service  model.Service  `json:"service"`
	Location model.Location `json:"location"`
	Slot     model.Slot     `json:"slot"`
	Hold     model.Hold     `json:"hold"`
	// Contact is what was typed; while IdempotencyKey is set it is the
	// contact that key was sent with, so resuming resends the very same
	// request.
	Contact model.Contact `json:"contact"`
	// IdempotencyKey is the key of a confirm whose outcome is unknown.
	IdempotencyKey string `json:"idempotency_key,omitempty"`
	// KeyContact is the contact IdempotencyKey was sent with. Drafts
	// written before it existed lack it; their Contact is used as is.
	KeyContact model.Contact `json:"key_contact,omitzero"`
	SavedAt    time.Time     `json:"saved_at"`
}

// normalize makes a read draft resume with what its key was sent with,
// whatever was typed after: the server refuses a key resent with another
// body, and a new key could book twice after a re-hold.
func (d Draft) normalize() Draft {
	if d.IdempotencyKey != "" && d.KeyContact != (model.Contact{}) {
		d.Contact = d.KeyContact
	}
	return d
}

// NewDraftID returns a fresh draft id.
func NewDraftID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// ErrDraftInUse is returned for a draft another running zimun owns.
var ErrDraftInUse = errors.New("this booking is in use by another zimun on this computer")

// Store is where one API's state lives. Safe for concurrent use.
type Store interface {
	// Where says where the state is kept, for people: a folder, or
	// "memory".
	Where() string
	// Persistent reports whether anything outlives the process.
	Persistent() bool

	// SaveDraft writes d as a draft this process owns from now on.
	SaveDraft(d Draft) error
	// ClearDraft drops the draft; an unknown id is not an error.
	ClearDraft(id string) error
	// Abandoned lists drafts no running zimun owned (left by a crash) and
	// makes them this process's, to offer; it counts those another running
	// zimun owns, which are left alone.
	Abandoned() (drafts []Draft, inUse int, err error)
	// ClaimDraft makes an abandoned draft this process's; ErrDraftInUse if
	// another took it first, ok false if it is gone.
	ClaimDraft(id string) (d Draft, ok bool, err error)

	LoadDesk() (Desk, error)
	SaveDesk(Desk) error

	AppendJournal(journal.Entry) error
	// Journal is the desk history, newest first.
	Journal() ([]journal.Entry, error)

	// Close lets go of the drafts this process owns (they stay on disk
	// for a later resume).
	Close() error
}
