package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

func helpEnv(t *testing.T, lang string) map[string]string {
	t.Helper()
	home := t.TempDir()
	return map[string]string{"HOME": home, "XDG_CONFIG_HOME": filepath.Join(home, "config"),
		"XDG_STATE_HOME": filepath.Join(home, "state"), "LANG": lang}
}

// zimun --help and a verb's help, in French from LANG: the layout's
// headings, every command's and flag's words, cobra's defaults.
func TestFrenchHelpGolden(t *testing.T) {
	env := helpEnv(t, "fr_FR.UTF-8")
	var transcript strings.Builder
	for _, args := range [][]string{{"--help"}, {"appointments", "--help"}} {
		code, out, errs := fixedRun(t, env, "", args...)
		if code != 0 || errs != "" {
			t.Fatalf("zimun %s: exit %d: %s", strings.Join(args, " "), code, errs)
		}
		transcript.WriteString("$ zimun " + strings.Join(args, " ") + "\n" + out)
	}
	golden.RequireEqual(t, []byte(transcript.String()))
}

// The help's language is chosen as the run's: --lang anywhere on the
// line, then ui.language, then the locale.
func TestHelpLanguage(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(cfg, []byte("[ui]\nlanguage = \"fr\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, lang string
		args       []string
		want       string
	}{
		{"LANG", "fr_FR.UTF-8", []string{"services", "--help"}, "Lister les prestations que l'on peut réserver"},
		{"--lang after", "en_US.UTF-8", []string{"services", "--help", "--lang=fr"}, "Options globales :"},
		{"--lang over LANG", "fr_FR.UTF-8", []string{"--lang", "en", "--help"}, "Available Commands:"},
		{"ui.language", "en_US.UTF-8", []string{"--config", cfg, "hold", "-h"}, "Retenir un créneau le temps de noter"},
		{"--lang over ui.language", "", []string{"--config", cfg, "--lang", "en", "-h"}, "help for zimun"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, _ := fixedRun(t, helpEnv(t, c.lang), "", c.args...)
			if code != 0 || !strings.Contains(out, c.want) {
				t.Errorf("exit %d; want %q in:\n%s", code, c.want, out)
			}
		})
	}
}

// cobra's and pflag's parse errors in French, still usage errors (2)
// followed by where to find help.
func TestFrenchParseErrors(t *testing.T) {
	env := helpEnv(t, "fr_FR.UTF-8")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"services", "--bogus"}, "zimun: option inconnue : --bogus\nLancez « zimun services --help » pour l'aide.\n"},
		{[]string{"services", "-Z"}, "option courte inconnue : 'Z' dans -Z"},
		{[]string{"availability", "--days"}, "l'option --days demande une valeur"},
		{[]string{"availability", "--days", "x"}, `valeur "x" invalide pour l'option "--days" : pas un nombre`},
		{[]string{"kiosk", "--idle-timeout", "5q"}, "pas une durée (comme 90s, 10m ou 1h30m)"},
		{[]string{"appointments", "--from", "nope"}, `invalide pour l'option "--from" : attendu : AAAA-MM-JJ`},
		{[]string{"servics"}, `commande inconnue "servics" pour "zimun"`},
		{[]string{"appointment"}, "attend 1 argument, en a reçu 0"},
		{[]string{"api", "a", "b", "c"}, "attend de 1 à 2 arguments, en a reçu 3"},
		{[]string{"hold", "--service", "x"}, `option(s) obligatoire(s) absente(s) : "at"`},
	} {
		code, out, errs := fixedRun(t, env, "", c.args...)
		if code != 2 || out != "" || !strings.Contains(errs, c.want) || !strings.Contains(errs, "pour l'aide.") {
			t.Errorf("zimun %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), code, errs, c.want)
		}
	}
	// The English is cobra's own, as scripts may read it.
	code, _, errs := fixedRun(t, helpEnv(t, "C"), "", "availability", "--days", "x")
	if want := `zimun: invalid argument "x" for "--days" flag: strconv.ParseInt: parsing "x": invalid syntax` + "\nRun 'zimun availability --help' for usage.\n"; code != 2 || errs != want {
		t.Errorf("exit %d, %q; want %q", code, errs, want)
	}
}

// A configuration's errors name the key to fix, in French too.
func TestFrenchConfigError(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(cfg, []byte("[booking]\ndays_ahead = 0\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs := fixedRun(t, helpEnv(t, "fr_FR.UTF-8"), "", "--config", cfg, "services")
	if want := "zimun: booking.days_ahead : doit être entre 1 et 90, pas 0\n"; code != 2 || errs != want {
		t.Errorf("exit %d, %q; want %q", code, errs, want)
	}
	code, _, errs = fixedRun(t, helpEnv(t, ""), "", "--config", cfg, "services")
	if want := "zimun: booking.days_ahead: must be 1..90, got 0\n"; code != 2 || errs != want {
		t.Errorf("exit %d, %q; want %q", code, errs, want)
	}
}
