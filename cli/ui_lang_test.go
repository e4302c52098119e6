package cli_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"github.com/zimun-app/zimun/cli"
)

// TestHelperZimun is not a test: run by TestLangReachesTheUI in a pty, it
// is zimun with the arguments in ZIMUN_TEST_ARGS.
func TestHelperZimun(t *testing.T) {
	args := os.Getenv("ZIMUN_TEST_ARGS")
	if args == "" {
		t.Skip("a helper process, run by TestLangReachesTheUI")
	}
	os.Exit(cli.Main(context.Background(), strings.Fields(args), os.Stdin, os.Stdout, os.Stderr, "test"))
}

// zimun --lang fr, and LANG=fr_FR.UTF-8, draw the full-screen UI in
// French: run in a pty, as a person runs it.
func TestLangReachesTheUI(t *testing.T) {
	if testing.Short() {
		t.Skip("runs zimun in a pty")
	}
	for _, tc := range []struct {
		name, args, lang string
	}{
		{"flag", "--lang fr --demo", "en_US.UTF-8"},
		{"LANG", "--demo", "fr_FR.UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperZimun$")
			cmd.Env = []string{"ZIMUN_TEST_ARGS=" + tc.args, "LANG=" + tc.lang, "TERM=xterm-256color",
				"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, "config"), "XDG_STATE_HOME=" + filepath.Join(home, "state")}
			tty, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 100, Rows: 30})
			if err != nil {
				t.Fatal(err)
			}
			defer func() {
				_ = cmd.Process.Kill()
				_ = cmd.Wait()
				tty.Close()
			}()
			out := &ptyScreen{tty: tty, changed: make(chan struct{}, 1)}
			go out.read()
			// The demo opens on its first service's calendar.
			out.waitFor(t, "lun.", "mar.", "aujourd'hui", "DÉMO", "? aide")
			if _, err := tty.Write([]byte("q")); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("zimun ended with %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Error("q did not quit")
			}
		})
	}
}

// ptyScreen keeps what zimun wrote, answering the terminal queries a
// real terminal answers (the background colour, the cursor, the device).
type ptyScreen struct {
	tty     *os.File
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func (s *ptyScreen) read() {
	b := make([]byte, 32<<10)
	for {
		n, err := s.tty.Read(b)
		if n > 0 {
			chunk := string(b[:n])
			var reply string
			if strings.Contains(chunk, "\x1b]11;?") {
				reply += "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\"
			}
			if strings.Contains(chunk, "\x1b[6n") {
				reply += "\x1b[1;1R"
			}
			if strings.Contains(chunk, "\x1b[c") {
				reply += "\x1b[?62;22c"
			}
			if reply != "" {
				_, _ = s.tty.Write([]byte(reply))
			}
			s.mu.Lock()
			s.buf.Write(b[:n])
			s.mu.Unlock()
			select {
			case s.changed <- struct{}{}:
			default:
			}
		}
		if err != nil {
			return
		}
	}
}

func (s *ptyScreen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return ansi.Strip(s.buf.String())
}

// waitFor waits until every one of texts has been drawn.
func (s *ptyScreen) waitFor(t *testing.T, texts ...string) {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		all := true
		for _, want := range texts {
			all = all && strings.Contains(s.text(), want)
		}
		if all {
			return
		}
		select {
		case <-s.changed:
		case <-deadline:
			t.Fatalf("not all of %q drawn; got:\n%s", texts, s.text())
		}
	}
}
