package kiosk

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	gossh "golang.org/x/crypto/ssh"
)

// LoadHostKey reads the host key at path, or makes an ed25519 one there
// (mode 0600) when there is none, so the fingerprint customers see stays
// the same across restarts. It reports whether it made the key.
func LoadHostKey(path string) (key gossh.Signer, created bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if data, err = createHostKey(path); err == nil {
			created = true
		} else if errors.Is(err, fs.ErrExist) {
			// Another process made it first.
			data, err = os.ReadFile(path)
		}
	}
	if err != nil {
		return nil, false, fmt.Errorf("host key: %w", err)
	}
	key, err = gossh.ParsePrivateKey(data)
	if err != nil {
		var missing *gossh.PassphraseMissingError
		if errors.As(err, &missing) {
			return nil, false, fmt.Errorf("host key %s: has a passphrase; the kiosk needs one without", path)
		}
		return nil, false, fmt.Errorf("host key %s: %w", path, err)
	}
	return key, created, nil
}

func createHostKey(path string) ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "zimun kiosk host key")
	if err != nil {
		return nil, err
	}
	data := pem.EncodeToMemory(block)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return nil, err
	}
	return data, nil
}

// ParseDeskKeys reads desk keys: each entry is a public key in
// authorized_keys form ("ssh-ed25519 AAAA… comment") or the path of an
// authorized_keys file.
func ParseDeskKeys(entries []string) ([]gossh.PublicKey, error) {
	var keys []gossh.PublicKey
	for _, e := range entries {
		e = strings.TrimSpace(e)
		if IsKeyLine(e) {
			k, _, _, _, err := gossh.ParseAuthorizedKey([]byte(e))
			if err != nil {
				return nil, fmt.Errorf("desk key %q: %w", abbrev(e), err)
			}
			keys = append(keys, k)
			continue
		}
		data, err := os.ReadFile(e)
		if err != nil {
			return nil, fmt.Errorf("desk keys: %w", err)
		}
		ks, err := parseAuthorizedKeys(data)
		if err != nil {
			return nil, fmt.Errorf("desk keys %s: %w", e, err)
		}
		keys = append(keys, ks...)
	}
	return keys, nil
}

// IsKeyLine tells a public key from a file name: a key line names its
// type ("ssh-ed25519", "ecdsa-sha2-nistp256", "sk-ssh-…") before its data.
func IsKeyLine(s string) bool {
	s = strings.TrimSpace(s)
	return strings.ContainsRune(s, ' ') &&
		(strings.Contains(s, "ssh-") || strings.Contains(s, "ecdsa-"))
}

func parseAuthorizedKeys(data []byte) ([]gossh.PublicKey, error) {
	var keys []gossh.PublicKey
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 64*1024)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		k, _, _, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		keys = append(keys, k)
	}
	return keys, sc.Err()
}

func abbrev(s string) string {
	if len(s) > 40 {
		return s[:37] + "…"
	}
	return s
}
