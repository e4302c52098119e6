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

// The commands' own usage errors in French, one or more a file, still
// exit 2; --json keeps them in English for the script.
func TestFrenchUsageErrors(t *testing.T) {
	env := helpEnv(t, "fr_FR.UTF-8")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"api", "--paginate", "POST", "/api/v1/services"}, "zimun: --paginate suit les pages d'un GET, pas d'un POST\n"},
		{[]string{"api", "-X", "FETCH", "/api/v1/services"}, `zimun: méthode inconnue "FETCH" ; utilisez l'une de GET,`},
		{[]string{"api", "-q", "nokey", "/api/v1/services"}, `zimun: -q "nokey" : attendu : clé=valeur` + "\n"},
		{[]string{"api", "/api/v1/\tservices"}, "zimun: PATH : contient une tabulation au caractère 9 ; supprimez-le\n"},
		{[]string{"token"}, "zimun: zimun token demande des identifiants"},
		{[]string{"kiosk", "--debug-addr", "192.0.2.1:6060"}, `zimun: --debug-addr : attendu : un hôte:port local comme 127.0.0.1:6060, pas "192.0.2.1:6060"` + "\n"},
		{[]string{"--base-url", "http://127.0.0.1:9", "services"}, "zimun: http://127.0.0.1:9 demande des identifiants : définissez ZIMUN_CLIENT_ID"},
		{[]string{"sandbox", "--hold-ttl", "-1s"}, "zimun: --hold-ttl doit être positif, pas -1s\n"},
		{[]string{"sandbox", "--rate-limit", "-1000"}, "pas -1000\n"},
		{[]string{"release", "h_1", "--hold", "h_2"}, "zimun: donnez la retenue une seule fois : en argument ou avec --hold, pas les deux\n"},
		{[]string{"appointments", "--status", "done"}, `zimun: --status doit être l'un de held, scheduled, confirmed, cancelled, pas "done"` + "\n"},
		{[]string{"appointments", "--location", "a\tb"}, "zimun: --location : contient une tabulation au caractère 2 ; supprimez-le\n"},
		{[]string{"confirm", "--hold", "h_1", "--name", "Dana", "--email", "dana@example", "--phone", "12"},
			"zimun: contact : email : le domaine « example » doit contenir un point, comme exemple.fr ; phone : 2 chiffres, il en faut de 6 à 15\n"},
	} {
		code, out, errs := fixedRun(t, env, "", c.args...)
		if code != 2 || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("zimun %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), code, errs, c.want)
		}
	}
	// The English is as it was, the model's words for the fields.
	code, _, errs := fixedRun(t, helpEnv(t, "C"), "", "confirm", "--hold", "h_1", "--name", "Dana", "--email", "dana@example", "--phone", "12")
	if want := `zimun: contact: email: domain "example" needs a dot, like example.com; phone: has 2 digits, expected 6 to 15` + "\n"; code != 2 || errs != want {
		t.Errorf("exit %d, %q; want %q", code, errs, want)
	}
	code, _, errs = fixedRun(t, env, "", "appointments", "--status", "done", "--json")
	if code != 2 || !strings.Contains(errs, `"message": "--status must be one of held,`) {
		t.Errorf("--json in French: exit %d, %q", code, errs)
	}
}

// What the commands tell a person besides errors, in French: --curl's
// note, the sandbox's banner, the completion shells' help.
func TestFrenchNotes(t *testing.T) {
	env := helpEnv(t, "fr_FR.UTF-8")
	code, out, errs := fixedRun(t, env, "", "services", "--curl")
	if code != 0 || !strings.HasPrefix(out, "curl ") || !strings.Contains(errs, "zimun: ces commandes visent le bac à sable de démonstration intégré") {
		t.Errorf("--curl on the demo: exit %d, %q, %q", code, out, errs)
	}
	_, banner, _ := serveSandbox(t, env)
	for _, want := range []string{"Bac à sable Zimun", "en mémoire (perdues à l'arrêt)", "/sandbox/outbox (les e-mails qu'il a envoyés)",
		"Dirigez zimun (ou votre propre code) vers lui :\n  export ZIMUN_BASE_URL=", "Appuyez sur Ctrl-C pour l'arrêter."} {
		if !strings.Contains(banner.String(), want) {
			t.Errorf("the sandbox's banner: no %q in\n%s", want, banner.String())
		}
	}
	code, out, _ = fixedRun(t, env, "", "completion", "zsh", "--help")
	for _, want := range []string{"Générer le script d'autocomplétion pour le shell zsh.", `zimun completion zsh > "${fpath[1]}/_zimun"`, "ne pas décrire les choix"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("completion zsh --help: exit %d; no %q in\n%s", code, want, out)
		}
	}
	// The script itself goes to the run's stdout.
	if code, out, _ := fixedRun(t, env, "", "completion", "bash"); code != 0 || !strings.Contains(out, "bash completion V2 for zimun") {
		t.Errorf("completion bash: exit %d, %.100q", code, out)
	}
}
