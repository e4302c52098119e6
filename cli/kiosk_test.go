package cli_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/zimun-app/zimun/cli"
	"github.com/zimun-app/zimun/internal/testenv"
)

func TestKioskUsageErrors(t *testing.T) {
	f := newFixture(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--idle-warning", "5s"}, "kiosk.idle_warning: must be between 20s and 10m"},
		{[]string{"--desk-keys", "desk.pub"}, "want a public key or an absolute path"},
		{[]string{"--desk-keys", "/nonexistent/authorized_keys"}, "kiosk.desk_keys: desk keys: open /nonexistent/authorized_keys"},
		{[]string{"--listen", "2222"}, `kiosk.listen: want host:port, got "2222"`},
		{[]string{"--debug-addr", "0.0.0.0:6060"}, `--debug-addr: want a loopback host:port`},
	} {
		code, _, errs := f.run(append([]string{"kiosk"}, tt.args...)...)
		if code != 2 || !strings.Contains(errs, tt.want) {
			t.Errorf("kiosk %v: exit %d, stderr %q; want 2 and %q", tt.args, code, errs, tt.want)
		}
	}
}

// zimun kiosk serves the demo over SSH, keeps its host key, and on a
// signal (here: the context) says goodbye to its sessions and exits 0.
func TestKioskCommand(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{"HOME": home, "XDG_CONFIG_HOME": home, "XDG_STATE_HOME": filepath.Join(home, "state")}
	listening := regexp.MustCompile(`msg="kiosk listening" addr=(\S+) host_key=(\S+)`)

	start := func() (addr, fingerprint string, errs *syncBuffer, stop func() int) {
		var out syncBuffer
		errs = &syncBuffer{}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan int, 1)
		go func() {
			done <- cli.Env{
				Stdin: strings.NewReader(""), Stdout: &out, Stderr: errs,
				Getenv: func(k string) string { return env[k] }, Now: time.Now, Version: "test",
			}.Run(ctx, []string{"kiosk", "--listen", "127.0.0.1:0", "--shutdown-grace", "2s", "--debug-addr", "127.0.0.1:0"})
		}()
		for deadline := time.Now().Add(10 * time.Second); ; {
			if m := listening.FindStringSubmatch(errs.String()); m != nil {
				addr, fingerprint = m[1], m[2]
				break
			}
			select {
			case code := <-done:
				cancel()
				t.Fatalf("kiosk exited early with %d: %s", code, errs.String())
			case <-time.After(10 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				cancel()
				t.Fatalf("kiosk not listening: %s", errs.String())
			}
		}
		return addr, fingerprint, errs, func() int {
			cancel()
			select {
			case code := <-done:
				return code
			case <-time.After(5 * time.Second):
				t.Fatal("kiosk still running 5s after the signal, grace 2s")
				return -1
			}
		}
	}

	addr, fp, errs, stop := start()
	keyFile := filepath.Join(home, "state", "zimun", "kiosk_host_ed25519")
	if info, err := os.Stat(keyFile); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("host key %s: %v %v, want mode 0600", keyFile, info, err)
	}

	var seen gossh.PublicKey
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "customer",
		Auth: []gossh.AuthMethod{gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })},
		HostKeyCallback: func(_ string, _ net.Addr, k gossh.PublicKey) error {
			seen = k
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if got := gossh.FingerprintSHA256(seen); got != fp {
		t.Errorf("host key %s, logged %s", got, fp)
	}
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var screen syncBuffer
	sess.Stdout = &screen
	if err := sess.RequestPty("xterm", 24, 80, nil); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	waitText(t, &screen, "DEMO")
	// The hidden --debug-addr serves the kiosk's figures on loopback.
	if m := regexp.MustCompile(`msg="debug listening" addr=(\S+)`).FindStringSubmatch(errs.String()); m == nil {
		t.Errorf("no debug listener logged:\n%s", errs.String())
	} else if resp, err := http.Get("http://" + m[1] + "/debug/stats"); err != nil {
		t.Error(err)
	} else {
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(body), `"sessions":1`) {
			t.Errorf("/debug/stats with one session: %s", body)
		}
	}

	if code := stop(); code != 0 {
		t.Errorf("exit %d after the signal: %s", code, errs.String())
	}
	waitText(t, &screen, "This kiosk has closed")
	for _, want := range []string{"msg=connect", "role=kiosk", "msg=disconnect", "msg=closed"} {
		if !strings.Contains(errs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, errs.String())
		}
	}

	// The same host key on the next start.
	_, fp2, _, stop2 := start()
	if fp2 != fp {
		t.Errorf("host key changed across restarts: %s, then %s", fp, fp2)
	}
	stop2()
}

func waitText(t *testing.T, b *syncBuffer, text string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(b.String(), text); {
		if time.Now().After(deadline) {
			t.Fatalf("no %q in %q", text, b.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// zimun kiosk serves the accessible mode to the SSH user a11y, in the
// language the client sends, over a client that sends \r for Enter; a
// customer books through numbered questions.
func TestKioskAccessibleOverSSH(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{"HOME": home, "XDG_CONFIG_HOME": home, "XDG_STATE_HOME": filepath.Join(home, "state")}
	var out syncBuffer
	errs := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- cli.Env{
			Stdin: strings.NewReader(""), Stdout: &out, Stderr: errs,
			Getenv: func(k string) string { return env[k] }, Now: func() time.Time { return testenv.Epoch }, Version: "test",
		}.Run(ctx, []string{"kiosk", "--listen", "127.0.0.1:0", "--shutdown-grace", "2s", "--debug-addr", "127.0.0.1:0"})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second): // the bound itself is another test's
			t.Error("kiosk still running")
		}
	})
	listening := regexp.MustCompile(`msg="kiosk listening" addr=(\S+)`)
	var addr string
	for deadline := time.Now().Add(10 * time.Second); addr == ""; time.Sleep(10 * time.Millisecond) {
		if m := listening.FindStringSubmatch(errs.String()); m != nil {
			addr = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("kiosk not listening: %s", errs.String())
		}
	}

	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "a11y",
		Auth:            []gossh.AuthMethod{gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var screen syncBuffer
	sess.Stdout = &screen
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Setenv("LANG", "fr_FR.UTF-8"); err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm", 30, 100, nil); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	pos := 0
	answer := func(prompt, typed string) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
			s := screen.String()
			if i := strings.Index(s[pos:], prompt); i >= 0 {
				pos += i + len(prompt)
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("no %q; screen:\n%s", prompt, s[pos:])
			}
		}
		if typed != "\x00" {
			if _, err := io.WriteString(in, typed+"\r"); err != nil {
				t.Fatal(err)
			}
		}
	}
	answer("Mode accessible : activé, par le nom d'utilisateur SSH a11y.", "\x00")
	answer("2. Mon rendez-vous", "\x00")
	answer("Choisissez de 1 à 3 :", "1")
	answer("Choisissez de 1 à 2, ou 0 pour revenir :", "1")
	answer("Choisissez de 1 à 3, ou 0 pour revenir :", "1")
	answer("Jour, ou Entrée pour ses horaires :", "")
	answer("ou 0 pour revenir :", "2")
	answer("vous est retenu jusqu'à", "\x00")
	answer("Nom :", "Camille Dubois")
	answer("E-mail :", "camille@exemple.fr")
	answer("Téléphone, champ facultatif, Entrée pour passer :", "")
	answer("Notes, champ facultatif, Entrée pour passer :", "")
	answer("Choisissez de 1 à 7 :", "1")
	answer("Réservé : General consultation le lundi 2 mars à 10:00", "\x00")
	answer("Choisissez de 1 à 3 :", "3")
	answer("Au revoir.", "\x00")
	if err := sess.Wait(); err != nil {
		t.Errorf("the session ended with %v", err)
	}
	if s := screen.String(); strings.ContainsAny(s, "─│╭▸") || regexp.MustCompile(`\x1b\[[0-9;]*[ABCDHJ]`).MatchString(s) {
		t.Errorf("the accessible mode drew or moved the cursor: %q", s)
	}
}

// startKiosk runs zimun kiosk on the demo until the test ends.
func startKiosk(t *testing.T, args ...string) (addr string) {
	t.Helper()
	home := t.TempDir()
	env := map[string]string{"HOME": home, "XDG_CONFIG_HOME": home, "XDG_STATE_HOME": filepath.Join(home, "state")}
	var out syncBuffer
	errs := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- cli.Env{
			Stdin: strings.NewReader(""), Stdout: &out, Stderr: errs,
			Getenv: func(k string) string { return env[k] }, Now: time.Now, Version: "test",
		}.Run(ctx, append([]string{"kiosk", "--listen", "127.0.0.1:0", "--shutdown-grace", "2s"}, args...))
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("kiosk still running")
		}
	})
	listening := regexp.MustCompile(`msg="kiosk listening" addr=(\S+)`)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if m := listening.FindStringSubmatch(errs.String()); m != nil {
			return m[1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("kiosk not listening: %s", errs.String())
		}
	}
}

// customer is one SSH session at the kiosk, on an 80×24 xterm.
type customer struct {
	t      *testing.T
	in     io.Writer
	screen *syncBuffer
	seen   int
}

func newCustomer(t *testing.T, addr string, auth ...gossh.AuthMethod) *customer {
	t.Helper()
	return newCustomerWith(t, addr, nil, auth...)
}

// newCustomerWith is newCustomer whose client sends env (LANG, say).
func newCustomerWith(t *testing.T, addr string, env map[string]string, auth ...gossh.AuthMethod) *customer {
	t.Helper()
	auth = append(auth, gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil }))
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "customer", Auth: auth, HostKeyCallback: gossh.InsecureIgnoreHostKey(),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range env {
		if err := sess.Setenv(k, v); err != nil {
			t.Fatal(err)
		}
	}
	c := &customer{t: t, screen: &syncBuffer{}}
	sess.Stdout = c.screen
	if c.in, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 24, 80, nil); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	return c
}

// waitFor waits until text is drawn after what was waited for before.
func (c *customer) waitFor(text string, within time.Duration) {
	c.t.Helper()
	for deadline := time.Now().Add(within); ; time.Sleep(5 * time.Millisecond) {
		s := c.screen.String()
		if i := strings.Index(s[c.seen:], text); i >= 0 {
			c.seen += i + len(text)
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("no %q within %s; screen since the last wait:\n%q", text, within, s[c.seen:])
		}
	}
}

func (c *customer) send(keys ...string) {
	c.t.Helper()
	for _, k := range keys {
		if _, err := io.WriteString(c.in, k); err != nil {
			c.t.Fatal(err)
		}
	}
}

// toFollowUpSlots goes from the start to tomorrow's Follow-up visits in
// Paris: one patient a slot, so one hold takes a slot away.
func (c *customer) toFollowUpSlots() {
	c.t.Helper()
	c.waitFor("Choose a location", 5*time.Second)
	c.send("/Marais", "\r")
	c.waitFor("Choose a service", 5*time.Second)
	c.send("/Follow", "\r")
	c.waitFor(" free · ", 5*time.Second)
	c.send("l", "\r")
	c.waitFor("free times", 5*time.Second)
}

// Two customers on the same day's list: one holds the first time, and the
// other, looking at it, loses it within a second and is told.
func TestKioskLiveSlots(t *testing.T) {
	addr := startKiosk(t)
	a, b := newCustomer(t, addr), newCustomer(t, addr)
	a.toFollowUpSlots()
	b.toFollowUpSlots()
	a.send("\r")
	a.waitFor("Name", 5*time.Second)
	b.waitFor("is no longer free; choose another time", time.Second)
}

// A key in desk_keys gets the desk (appointments, walk-ins); anyone else,
// with another key or none, gets the customer's screens.
func TestKioskDeskKeyGetsTheDesk(t *testing.T) {
	signer := func() gossh.Signer {
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		s, err := gossh.NewSignerFromKey(priv)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	desk, stranger := signer(), signer()
	addr := startKiosk(t, "--desk-keys", string(gossh.MarshalAuthorizedKey(desk.PublicKey())))

	d := newCustomer(t, addr, gossh.PublicKeys(desk))
	d.waitFor(" free · ", 5*time.Second) // the demo desk opens on a calendar
	d.send("a")
	d.waitFor("Upcoming", 5*time.Second)

	for _, c := range []*customer{newCustomer(t, addr, gossh.PublicKeys(stranger)), newCustomer(t, addr)} {
		c.waitFor("Choose a location", 5*time.Second)
		c.waitFor("my booking", 5*time.Second)
	}
}

// A client that sends LANG=fr_FR gets the kiosk in French; ctrl+l on the
// first screen switches to English and back, and the language stays for
// the session; F2 there carries on in the accessible mode, in its
// language.
func TestKioskLanguageAndScreenReaderKeys(t *testing.T) {
	addr := startKiosk(t)
	c := newCustomerWith(t, addr, map[string]string{"LANG": "fr_FR.UTF-8"})
	c.waitFor("Lecteur d'écran : F2", 5*time.Second) // the very first line
	c.waitFor("English: ctrl+l", 5*time.Second)
	c.waitFor("Où ?  Choisissez un lieu", 5*time.Second)
	c.send("\x0c") // ctrl+l
	c.waitFor("Screen reader: F2", 5*time.Second)
	c.waitFor("Français : ctrl+l", 5*time.Second)
	c.waitFor("Where?  Choose a location", 5*time.Second)
	c.send("\x0c")
	c.waitFor("Lecteur d'écran : F2", 5*time.Second)
	c.send("/Marais", "\r")
	c.waitFor("Choisissez une prestation", 5*time.Second)
	c.send("\x0c") // the service picker is a first screen too
	c.waitFor("Where?  Choose a location", 5*time.Second)
	c.send("/Marais", "\r")
	c.waitFor("Choose a service", 5*time.Second)
	c.send("/Follow", "\r")
	c.waitFor("free day", 5*time.Second) // the calendar, in English now
	c.send("\x0c")                       // no language key past the first screen
	c.send("\x1bOQ")                     // F2, nothing held: the accessible mode
	c.waitFor("Accessible mode: on, from the key named on the kiosk's first line.", 5*time.Second)
	c.waitFor("What would you like to do?", 5*time.Second)

	fr := newCustomerWith(t, addr, map[string]string{"LANG": "fr_FR.UTF-8"})
	fr.waitFor("Choisissez un lieu", 5*time.Second)
	fr.send("\x1bOQ")
	fr.waitFor("Mode accessible : activé, par la touche indiquée sur la première ligne de la borne.", 5*time.Second)
}

// Without LANG the kiosk speaks ui.language; a LANG zimun does not speak
// is English.
func TestKioskLanguageWithoutLANG(t *testing.T) {
	addr := startKiosk(t)
	de := newCustomerWith(t, addr, map[string]string{"LANG": "de_DE.UTF-8"})
	de.waitFor("Where?  Choose a location", 5*time.Second)
}
