// Package journal is the desk history: every appointment this desk booked,
// rescheduled or cancelled, kept in a local JSON Lines file so it can be
// found again even when the API client lacks the appointments:read scope.
//
// Several processes (terminals, SSH sessions) may append at once. Each entry
// is written as one complete line in a single write to a file opened with
// O_APPEND, so lines never interleave; a line torn by a crash is skipped on
// read.
package journal

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/zimun-app/zimun/model"
)

// FileName is the journal's name inside the state directory.
const FileName = "journal.jsonl"

// Action is what the desk did.
type Action string

// Actions recorded in the journal.
const (
	Booked      Action = "booked"
	Rescheduled Action = "rescheduled"
	Cancelled   Action = "cancelled"
)

// Entry is one line of the journal.
type Entry struct {
	At          time.Time         `json:"at"`
	Action      Action            `json:"action"`
	Appointment model.Appointment `json:"appointment"`
	// PreviousTime is the start before a reschedule.
	PreviousTime time.Time `json:"previous_time,omitzero"`
	// Reason is the cancellation reason, if one was given.
	Reason       string `json:"reason,omitempty"`
	ServiceName  string `json:"service_name"`
	LocationName string `json:"location_name"`
	// Timezone is the location's, so the history shows times as the
	// location does, offline.
	Timezone string `json:"timezone,omitempty"`
}

// Path is the journal file inside dir.
func Path(dir string) string { return filepath.Join(dir, FileName) }

// Append adds e to the journal in dir, creating both if needed (0700 dir,
// 0600 file: the journal holds customers' contact details), and fsyncs.
func Append(dir string, e Entry) error {
	line, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("journal: encode entry: %w", err)
	}
	line = append(line, '\n')
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	f, err := os.OpenFile(Path(dir), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		if err := f.Chmod(0o600); err != nil {
			return fmt.Errorf("journal: %w", err)
		}
	}
	// A crash mid-write can leave a last line without its newline; start
	// on a fresh line so this entry is not glued to the torn one. A racing
	// writer at worst makes this an empty line, which Read skips.
	if torn, err := endsTorn(dir, info.Size()); err != nil {
		return err
	} else if torn {
		line = append([]byte{'\n'}, line...)
	}
	n, err := f.Write(line)
	if err == nil && n != len(line) {
		err = io.ErrShortWrite
	}
	if err != nil {
		return fmt.Errorf("journal: write: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("journal: sync: %w", err)
	}
	return f.Close()
}

// endsTorn reports whether the file's last byte is not a newline.
func endsTorn(dir string, size int64) (bool, error) {
	if size == 0 {
		return false, nil
	}
	f, err := os.Open(Path(dir))
	if err != nil {
		return false, fmt.Errorf("journal: %w", err)
	}
	defer f.Close()
	var b [1]byte
	if _, err := f.ReadAt(b[:], size-1); err != nil {
		return false, fmt.Errorf("journal: %w", err)
	}
	return b[0] != '\n', nil
}

// Read returns every entry in dir, newest first (reverse order of
// appending). A missing journal is empty, not an error. Lines that do not
// parse, such as one torn by a crash, are skipped, and so are entries whose
// appointment id is refused. The file is outside data (edited, or written
// by another version): its text is held to model's limits as the API's is.
func Read(dir string) ([]Entry, error) {
	f, err := os.Open(Path(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	defer f.Close()
	return read(f)
}

// clean holds e to model's limits; ok is false for an entry to skip.
func (e Entry) clean() (Entry, bool) {
	var ok bool
	if e.Appointment, ok = e.Appointment.Clean(); !ok {
		return Entry{}, false
	}
	e.Action = Action(model.CleanText(string(e.Action), model.MaxStatusRunes))
	e.Reason = model.CleanText(e.Reason, model.MaxReasonRunes)
	e.ServiceName = model.CleanText(e.ServiceName, model.MaxTitleRunes)
	e.LocationName = model.CleanText(e.LocationName, model.MaxTitleRunes)
	return e, e.Action != ""
}

func read(f io.Reader) ([]Entry, error) {
	var entries []Entry
	r := bufio.NewReader(f)
	for {
		line, err := r.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var e Entry
			if json.Unmarshal(line, &e) == nil {
				if e, ok := e.clean(); ok {
					entries = append(entries, e)
				}
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("journal: read: %w", err)
		}
	}
	for i, j := 0, len(entries)-1; i < j; i, j = i+1, j-1 {
		entries[i], entries[j] = entries[j], entries[i]
	}
	return entries, nil
}

// Latest reads the journal in dir and returns the newest entry per
// appointment id: the desk's last known state of each appointment.
func Latest(dir string) (map[string]Entry, error) {
	entries, err := Read(dir)
	if err != nil {
		return nil, err
	}
	return LatestOf(entries), nil
}

// LatestOf is Latest over entries already read (newest first).
func LatestOf(entries []Entry) map[string]Entry {
	latest := make(map[string]Entry, len(entries))
	for _, e := range entries {
		if _, seen := latest[e.Appointment.ID]; !seen {
			latest[e.Appointment.ID] = e
		}
	}
	return latest
}
