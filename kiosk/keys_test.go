package kiosk_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"github.com/zimun-app/zimun/kiosk"
)

func TestHostKeyIsMadeOnceAndKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "kiosk_host_ed25519")
	k1, created, err := kiosk.LoadHostKey(path)
	if err != nil || !created {
		t.Fatalf("first load: created=%v err=%v", created, err)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("key file: %v %v, want mode 0600", info, err)
	}
	if k1.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Errorf("key type %s, want ed25519", k1.PublicKey().Type())
	}
	k2, created, err := kiosk.LoadHostKey(path)
	if err != nil || created {
		t.Fatalf("second load: created=%v err=%v", created, err)
	}
	if !bytes.Equal(k1.PublicKey().Marshal(), k2.PublicKey().Marshal()) {
		t.Error("the host key changed on the second start")
	}
	if err := os.WriteFile(path, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := kiosk.LoadHostKey(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("corrupt key: %v, want an error naming the file", err)
	}
}

func TestParseDeskKeys(t *testing.T) {
	a, b := testKey(t).PublicKey(), testKey(t).PublicKey()
	line := func(k gossh.PublicKey, comment string) string {
		return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k))) + " " + comment
	}
	file := filepath.Join(t.TempDir(), "desk_keys")
	if err := os.WriteFile(file, []byte("# front desk\n\n"+line(b, "bob")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	keys, err := kiosk.ParseDeskKeys([]string{line(a, "alice"), file})
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 2 || !bytes.Equal(keys[0].Marshal(), a.Marshal()) || !bytes.Equal(keys[1].Marshal(), b.Marshal()) {
		t.Errorf("keys = %d, want alice's then bob's", len(keys))
	}
	if err := os.WriteFile(file, []byte(line(b, "bob")+"\nssh-ed25519 garbage\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := kiosk.ParseDeskKeys([]string{file}); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad line: %v, want an error naming line 2", err)
	}
}
