package config

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"unicode/utf8"
)

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Seeds in testdata/fuzz/FuzzDecode.
//
//	go test ./config -run '^$' -fuzz '^FuzzDecode$' -fuzztime 60s
//
// A config file around a client secret: whatever else the file holds,
// the secret never shows in an error or in the printed configuration.
func FuzzDecode(f *testing.F) {
	f.Add("[booking]\ndays_ahead = 30\n", "s3cr3t-value", "[ui]\ntheme = \"dark\"\n")
	f.Fuzz(func(t *testing.T, before, secret, after string) {
		data := before + "\n[api]\nclient_id = \"id\"\nclient_secret = " + tomlString(secret) + "\n" + after
		cfg := Default()
		_, err := decode("config.toml", []byte(data), &cfg)
		if err == nil {
			err = cfg.Validate()
		}
		guarded := len(secret) >= 6 && utf8.ValidString(secret) && !strings.Contains(before+after, secret) &&
			!strings.Contains("[api]client_idclient_secret", secret)
		if !guarded {
			return
		}
		if err != nil && strings.Contains(err.Error(), secret) {
			t.Fatalf("error shows the secret: %v", err)
		}
		var log bytes.Buffer
		slog.New(slog.NewTextHandler(&log, nil)).Info("config", "config", cfg)
		for _, s := range []string{cfg.String(), fmt.Sprintf("%v %+v %#v %s", cfg, cfg, cfg, cfg), log.String()} {
			if strings.Contains(s, secret) {
				t.Fatalf("printed configuration shows the secret:\n%s", s)
			}
		}
	})
}
