package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/config"
	"github.com/zimun-app/zimun/kiosk"
)

func TestTimeValue(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in, want, err string
	}{
		{in: "2026-12-01T10:00:00Z", want: "2026-12-01T10:00:00Z"},
		{in: "2026-12-01T10:00:00+09:00", want: "2026-12-01T10:00:00+09:00"},
		{in: "2026-12-01 10:00", want: "2026-12-01T10:00:00+01:00"},
		{in: "2026-12-01T10:00", want: "2026-12-01T10:00:00+01:00"},
		{in: "2026-07-01 10:00:30", want: "2026-07-01T10:00:30+02:00"},
		{in: "2026-03-29 02:30", err: "does not exist in Europe/Paris"},
		{in: "2026-10-25 02:30", err: "happens twice in Europe/Paris (the clocks go back); give an offset, e.g. 2026-10-25T02:30:00+02:00 or 2026-10-25T02:30:00+01:00"},
		{in: "2026-12-01", err: "want"},
		{in: "10:00", err: "want"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var v timeValue
			err := v.Set(tt.in)
			var got time.Time
			if err == nil {
				got, err = v.in(paris)
			}
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got.Format(time.RFC3339) != tt.want {
				t.Errorf("got %s, %v; want %s", got.Format(time.RFC3339), err, tt.want)
			}
		})
	}
}

func TestTimeValueDate(t *testing.T) {
	v := timeValue{allowDate: true}
	if err := v.Set("2026-12-01"); err != nil {
		t.Fatal(err)
	}
	got, err := v.in(time.UTC)
	if err != nil || !v.dateOnly || got != time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) {
		t.Errorf("got %s, %v (dateOnly %v)", got, err, v.dateOnly)
	}
}

func TestTableSanitizes(t *testing.T) {
	var b bytes.Buffer
	tb := newTable(&b, "NAME", "NOTE")
	tb.row("\x1b[31mred\x1b[0m", "line\nbreak\r\x07\u202eevil")
	if err := tb.flush(); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); strings.ContainsAny(got, "\x1b\r\x07\u202e") || !strings.Contains(got, "red   line breakevil") {
		t.Errorf("table output %q", got)
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"demo-secret":           "demo-secret",
		"http://127.0.0.1:8080": "http://127.0.0.1:8080",
		"it's a secret":         `'it'\''s a secret'`,
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDefaultBaseURLsAgree(t *testing.T) {
	if config.DefaultBaseURL != api.DefaultBaseURL {
		t.Fatalf("config's default API %q, the client's %q", config.DefaultBaseURL, api.DefaultBaseURL)
	}
}

// The kiosk's own notices speak the session's language: its LANG, else
// ui.language.
func TestKioskNotices(t *testing.T) {
	a := &app{}
	words := a.kioskNotices(config.Default())
	if got := words("fr_CA.UTF-8").StartsOver(12); got != "Cette borne recommence dans 12 s,\net ce qui n'est pas encore réservé est libéré." {
		t.Errorf("French: %q", got)
	}
	if got, want := words("").Busy, kiosk.EnglishNotices().Busy; got != want {
		t.Errorf("no LANG: %q, want %q", got, want)
	}
	cfg := config.Default()
	cfg.UI.Language = "fr"
	if got := a.kioskNotices(cfg)("de_DE.UTF-8").StillThere; got != "Vous êtes toujours là ?" {
		t.Errorf("ui.language = fr: %q", got)
	}
}
