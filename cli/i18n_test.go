package cli_test

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/zimun-app/zimun/cli"
	"github.com/zimun-app/zimun/internal/testenv"
	"github.com/zimun-app/zimun/sandbox"
)

// fixedRun runs zimun against a sandbox whose clock stands still at the
// tests' epoch, so tables can be compared whole.
func fixedRun(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv:  func(k string) string { return env[k] },
		Now:     func() time.Time { return testenv.Epoch },
		Version: "test",
	}.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

func fixedEnv(t *testing.T, lang string) map[string]string {
	t.Helper()
	s, err := sandbox.New(sandbox.Options{ClientID: "test-client", ClientSecret: "test-secret", Seed: testenv.Seed,
		Now: func() time.Time { return testenv.Epoch }})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	home := t.TempDir()
	return map[string]string{
		"HOME": home, "XDG_CONFIG_HOME": filepath.Join(home, "config"), "XDG_STATE_HOME": filepath.Join(home, "state"),
		"ZIMUN_BASE_URL": ts.URL, "ZIMUN_CLIENT_ID": "test-client", "ZIMUN_CLIENT_SECRET": "test-secret",
		"LANG": lang,
	}
}

// The scripting verbs' tables in French, from LANG: headers, weekdays,
// statuses and words; dates stay sortable, --json stays as it is.
func TestFrenchTablesGolden(t *testing.T) {
	env := fixedEnv(t, "fr_FR.UTF-8")
	var transcript strings.Builder
	for _, args := range [][]string{
		{"availability", "--service", "General consultation", "--days", "3"},
		{"appointments", "--from", "2026-03-02T00:00:00+01:00", "--to", "2026-03-03T00:00:00+01:00"},
		{"locations"},
		{"services"},
	} {
		code, out, errs := fixedRun(t, env, "", args...)
		if code != 0 {
			t.Fatalf("zimun %s: exit %d: %s", strings.Join(args, " "), code, errs)
		}
		transcript.WriteString("$ zimun " + strings.Join(args, " ") + "\n" + out)
	}
	golden.RequireEqual(t, []byte(transcript.String()))

	_, out, _ := fixedRun(t, env, "", "appointments", "--today", "--json")
	if strings.Contains(out, "confirmé") || !strings.Contains(out, `"status": "confirmed"`) {
		t.Errorf("--json must not be translated:\n%.300s", out)
	}
}

func TestLanguageFlagAndErrors(t *testing.T) {
	env := fixedEnv(t, "fr_FR.UTF-8")
	code, _, errs := fixedRun(t, env, "", "availability", "--service", "Massage")
	if code != 2 || !strings.Contains(errs, `aucune prestation "Massage" ; les prestations sont : General consultation (`) {
		t.Errorf("an unknown service in French: exit %d, %q", code, errs)
	}
	code, _, errs = fixedRun(t, env, "", "--lang", "en", "availability", "--service", "Massage")
	if code != 2 || !strings.Contains(errs, `no service "Massage"; the services are:`) {
		t.Errorf("--lang en over LANG=fr: exit %d, %q", code, errs)
	}
	code, _, errs = fixedRun(t, env, "", "--lang", "de", "services")
	if code != 2 || !strings.Contains(errs, `--lang: zimun speaks en (English) and fr (français), not "de"`) {
		t.Errorf("--lang de: exit %d, %q", code, errs)
	}
	code, _, errs = fixedRun(t, env, "", "services", "--bogus")
	if code != 2 || !strings.Contains(errs, "Lancez « zimun services --help » pour l'aide.") {
		t.Errorf("a bad flag in French: exit %d, %q", code, errs)
	}
}

// Each way to turn the accessible mode on says so on its first line; the
// input here is not a terminal, so answers are echoed and nothing is
// drawn.
func TestAccessibleModeSwitches(t *testing.T) {
	for _, c := range []struct {
		name  string
		env   map[string]string
		args  []string
		first string
	}{
		{"flag", nil, []string{"--accessible"}, "Accessible mode: on, from --accessible. Type help at any prompt."},
		{"env", map[string]string{"ACCESSIBLE": "1"}, nil, "Accessible mode: on, from ACCESSIBLE=1."},
		{"dumb", map[string]string{"TERM": "dumb"}, nil, "Accessible mode: on, from TERM=dumb."},
		{"french", map[string]string{"ACCESSIBLE": "yes", "LANG": "fr_FR.UTF-8"}, nil, "Mode accessible : activé, par ACCESSIBLE=1."},
		{"lang flag", map[string]string{"ACCESSIBLE": "1", "LANG": "fr_FR.UTF-8"}, []string{"--lang", "en"}, "Accessible mode: on, from ACCESSIBLE=1."},
	} {
		t.Run(c.name, func(t *testing.T) {
			env := fixedEnv(t, "")
			for k, v := range c.env {
				env[k] = v
			}
			code, out, errs := fixedRun(t, env, "4\n", append(c.args, "--demo")...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if first, _, _ := strings.Cut(out, "\n"); first != c.first && !strings.HasPrefix(first, c.first) {
				t.Errorf("first line %q, want %q", first, c.first)
			}
			if strings.Contains(out, "\x1b") {
				t.Errorf("an escape sequence in the accessible mode: %q", out)
			}
		})
	}
	env := fixedEnv(t, "")
	cfg := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(cfg, []byte("[ui]\naccessible = true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, out, _ := fixedRun(t, env, "4\n", "--config", cfg, "--demo")
	if !strings.HasPrefix(out, "Accessible mode: on, from accessible = true in the config.") {
		t.Errorf("ui.accessible: %q", out)
	}
}

// availability --all's table: its title, headers, weekdays and closures
// in French; the English as it was.
func TestSurveyTableInFrench(t *testing.T) {
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"C", []string{"Free places a day, Mon 2 Mar 2026 to ", "\nSERVICE  ", " LOCATION  ", " Mo Tu We Th Fr Sa Su", "\nClosed:\n"}},
		{"fr_FR.UTF-8", []string{"Places libres par jour, du lun. 2 mars 2026 au ", "(✕ fermé, · hors de la période)", "\nPRESTATION  ", " LIEU  ", " lu ma me je ve sa di", "\nFermetures :\n"}},
	} {
		code, out, errs := fixedRun(t, fixedEnv(t, c.lang), "", "availability", "--all", "--days", "60")
		for _, want := range c.want {
			if code != 0 || !strings.Contains(out, want) {
				t.Errorf("LANG=%s: exit %d (%s); no %q in\n%s", c.lang, code, errs, want, out)
			}
		}
	}
}
