//go:build !unix

package state

import "os"

// lockFile opens path; without flock, drafts are not guarded against a
// second zimun on this platform.
func lockFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
}
