//go:build unix

package state

import (
	"errors"
	"os"
	"syscall"
)

// lockFile opens path and takes an exclusive lock on it without waiting.
// The kernel lets go of it when the process ends, however it ends, so a
// draft left by a crash is free to claim at once.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		_ = f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrDraftInUse
		}
		return nil, err
	}
	return f, nil
}
