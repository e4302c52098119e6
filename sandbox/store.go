package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// stateVersion is bumped when the data file's layout changes incompatibly.
const stateVersion = 1

// state is everything the sandbox knows, and exactly what --data saves:
// the catalogue is saved too, so a restart on another day keeps the same
// ids and closures rather than generating new demo data.
type state struct {
	Version int `json:"version"`
	// Anchor, in a fixture, is the moment its dates were written for: on
	// load they move by the whole weeks from Anchor to now (keeping wall
	// clock times and weekdays), so its bookings stay around today.
	Anchor time.Time `json:"anchor,omitzero"`
	// ByteEscapes makes \xHH (HH from 80 to FF; "\\xHH" in the JSON) in
	// any text stand for the raw byte HH, which JSON cannot carry: the
	// sandbox serves it as that byte, so a fixture can send invalid UTF-8.
	ByteEscapes  bool                    `json:"byte_escapes,omitempty"`
	Organization organization            `json:"organization"`
	Locations    []*location             `json:"locations"`
	Services     []*Service              `json:"services"`
	Closures     []closure               `json:"closures"`
	Holds        map[string]*hold        `json:"holds"`
	Appointments map[string]*appointment `json:"appointments"`
	Outbox       []Email                 `json:"outbox"`
	Idempotency  map[string]*idemRecord  `json:"idempotency"`

	// pruneAt is the first moment prune, with pruneKeep, can forget
	// anything (zero: unknown), so a change need not scan every record.
	pruneAt   time.Time
	pruneKeep time.Duration
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
	if keep == st.pruneKeep && now.Before(st.pruneAt) {
		return 0, 0
	}
	var next time.Time
	due := func(t time.Time) {
		if t = t.Add(keep); next.IsZero() || t.Before(next) {
			next = t
		}
	}
	for id, h := range st.Holds {
		if now.Sub(h.ExpiresAt) > keep {
			delete(st.Holds, id)
			holds++
		} else {
			due(h.ExpiresAt)
		}
	}
	for k, rec := range st.Idempotency {
		if now.Sub(rec.At) > keep {
			delete(st.Idempotency, k)
			keys++
		} else {
			due(rec.At)
		}
	}
	st.pruneAt, st.pruneKeep = next, keep
	return holds, keys
}

// kept notes a hold expiring, or a record made, at t: prune must look
// again by t plus what it keeps.
func (st *state) kept(t time.Time) {
	if t = t.Add(st.pruneKeep); t.Before(st.pruneAt) {
		st.pruneAt = t
	}
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
	if st.ByteEscapes {
		st.mapText(unescapeBytes)
	}
	return st, data, true, nil
}

// texts points at every free text of the state: what a fixture can make
// hostile.
func (st *state) texts() []*string {
	out := []*string{&st.Organization.Name}
	for _, loc := range st.Locations {
		out = append(out, &loc.Name, &loc.Address)
	}
	for _, svc := range st.Services {
		out = append(out, &svc.Name, &svc.Description)
	}
	for i := range st.Closures {
		out = append(out, &st.Closures[i].Note)
	}
	for _, a := range st.Appointments {
		out = append(out, &a.ContactName, &a.ContactEmail, &a.ContactPhone, &a.Notes, &a.CancellationReason)
	}
	for i := range st.Outbox {
		e := &st.Outbox[i]
		out = append(out, &e.To, &e.Subject, &e.Body)
	}
	return out
}

func (st *state) mapText(f func(string) string) {
	for _, p := range st.texts() {
		*p = f(*p)
	}
}

// A raw byte b (0x80..0xFF) lives in the state as the private-use rune
// U+10FF00+b, which JSON carries; answers turn it back into b.
const rawByteBase = 0x10FF00

// unescapeBytes turns \xHH escapes into placeholder runes.
func unescapeBytes(s string) string {
	if !strings.Contains(s, `\x`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && s[i+1] == 'x' {
			if v, err := strconv.ParseUint(s[i+2:i+4], 16, 8); err == nil && v >= 0x80 {
				b.WriteRune(rawByteBase + rune(v))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// escapeBytes is unescapeBytes undone, for saving.
func escapeBytes(s string) string {
	if !strings.ContainsFunc(s, isRawByte) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isRawByte(r) {
			fmt.Fprintf(&b, `\x%02x`, r-rawByteBase)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isRawByte(r rune) bool { return r >= rawByteBase+0x80 && r <= rawByteBase+0xFF }

// rawBytes turns the placeholder runes of an answer into the raw bytes
// they stand for.
func rawBytes(body []byte) []byte {
	if !bytes.Contains(body, []byte{0xF4, 0x8F}) {
		return body
	}
	out := make([]byte, 0, len(body))
	for len(body) > 0 {
		r, n := utf8.DecodeRune(body)
		if isRawByte(r) {
			out = append(out, byte(r-rawByteBase))
		} else {
			out = append(out, body[:n]...)
		}
		body = body[n:]
	}
	return out
}

// shiftToNow moves a fixture's dates by the whole weeks from its anchor to
// now, keeping each booking's wall-clock time in its location's zone.
func (st *state) shiftToNow(now time.Time, zone func(string) (*time.Location, error)) error {
	if st.Anchor.IsZero() {
		return nil
	}
	weeks := int(math.Floor(now.Sub(st.Anchor).Hours() / (7 * 24)))
	if weeks == 0 {
		return nil
	}
	days := 7 * weeks
	tzOf := func(locationID string) (*time.Location, error) {
		if loc := st.location(locationID); loc != nil {
			return zone(loc.Timezone)
		}
		return time.UTC, nil
	}
	move := func(t time.Time, tz *time.Location) time.Time {
		if t.IsZero() {
			return t
		}
		return t.In(tz).AddDate(0, 0, days).UTC()
	}
	for _, a := range st.Appointments {
		tz, err := tzOf(a.LocationID)
		if err != nil {
			return err
		}
		a.Start, a.CreatedAt, a.UpdatedAt = move(a.Start, tz), move(a.CreatedAt, tz), move(a.UpdatedAt, tz)
	}
	for _, h := range st.Holds {
		tz, err := tzOf(h.LocationID)
		if err != nil {
			return err
		}
		h.Start, h.ExpiresAt = move(h.Start, tz), move(h.ExpiresAt, tz)
	}
	for i := range st.Closures {
		d, err := time.Parse(time.DateOnly, st.Closures[i].Date)
		if err != nil {
			return fmt.Errorf("sandbox: closure date %q: %w", st.Closures[i].Date, err)
		}
		st.Closures[i].Date = d.AddDate(0, 0, days).Format(time.DateOnly)
	}
	for i := range st.Outbox {
		st.Outbox[i].At = move(st.Outbox[i].At, time.UTC)
	}
	for _, rec := range st.Idempotency {
		rec.At = move(rec.At, time.UTC)
	}
	st.Anchor = move(st.Anchor, time.UTC)
	return nil
}

// encode is the data file's content.
func (st *state) encode() ([]byte, error) {
	if !st.ByteEscapes {
		return json.MarshalIndent(st, "", "  ")
	}
	st.mapText(escapeBytes)
	defer st.mapText(unescapeBytes)
	return json.MarshalIndent(st, "", "  ")
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
	data, err := s.st.encode()
	if err == nil {
		err = writeFileAtomic(s.opts.DataFile, data)
	}
	if err != nil {
		st := newState()
		if uerr := json.Unmarshal(s.saved, st); uerr == nil {
			if st.ByteEscapes {
				st.mapText(unescapeBytes)
			}
			s.st = st
		}
		return fmt.Errorf("sandbox: save data file: %w", err)
	}
	s.saved = data
	return nil
}

// check refuses a data file the sandbox could not serve: it names the
// first thing wrong, so a hand-edited file can be fixed.
func (st *state) check(zone func(string) (*time.Location, error)) error {
	if _, err := zone(st.Organization.Timezone); err != nil {
		return fmt.Errorf("organization: %w", err)
	}
	for i, loc := range st.Locations {
		if loc == nil {
			return fmt.Errorf("locations[%d] is null", i)
		}
		if _, err := zone(loc.Timezone); err != nil {
			return fmt.Errorf("location %s: %w", loc.ID, err)
		}
		for day, spans := range loc.Hours {
			for _, sp := range spans {
				if sp.From < 0 || sp.From >= sp.To || sp.To > 24*60 {
					return fmt.Errorf("location %s: opening hours on %s run from minute %d to %d; want 0 <= from < to <= 1440",
						loc.ID, time.Weekday(day), sp.From, sp.To)
				}
			}
		}
	}
	for i, svc := range st.Services {
		switch {
		case svc == nil:
			return fmt.Errorf("services[%d] is null", i)
		case svc.DurationMinutes < 1 || svc.DurationMinutes > 24*60:
			return fmt.Errorf("service %s: duration_minutes must be 1..1440, got %d", svc.ID, svc.DurationMinutes)
		case svc.Capacity < 0:
			return fmt.Errorf("service %s: capacity must not be negative, got %d", svc.ID, svc.Capacity)
		}
	}
	for i, cl := range st.Closures {
		if _, err := time.Parse(time.DateOnly, cl.Date); err != nil {
			return fmt.Errorf("closures[%d]: date must be YYYY-MM-DD, got %q", i, cl.Date)
		}
	}
	for id, h := range st.Holds {
		if h == nil || h.Duration < 0 || h.Duration > 24*60 {
			return fmt.Errorf("hold %q: missing, or its duration is not 0..1440 minutes", id)
		}
	}
	for id, a := range st.Appointments {
		if a == nil || a.Duration < 0 || a.Duration > 24*60 {
			return fmt.Errorf("appointment %q: missing, or its duration is not 0..1440 minutes", id)
		}
		if a.Status != statusConfirmed && a.Status != statusCancelled {
			return fmt.Errorf("appointment %q: status must be %q or %q, got %q", id, statusConfirmed, statusCancelled, a.Status)
		}
	}
	for k, rec := range st.Idempotency {
		if rec == nil {
			return fmt.Errorf("idempotency record %q is null", k)
		}
	}
	return nil
}
