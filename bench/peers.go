package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// peer is a terminal calendar people would otherwise use at a desk, set up
// in its own home so the user's data is never read.
type peer struct {
	name  string
	bin   string
	moves [2]string // a day back and forth from today
	setup func(tmp string) error
	spec  func(tmp string) (spec, error)
	ready func(*screen) bool
}

func peers() []*peer {
	return []*peer{calcurse(), ikhal()}
}

// calcurse draws its month and the day's appointments with ncurses. Its
// status bar shows a clock that redraws every second; it is switched off
// so that a key's bytes are the key's.
func calcurse() *peer {
	return &peer{
		name: "calcurse", bin: "calcurse", moves: [2]string{"h", "l"},
		setup: func(string) error { return nil },
		spec: func(tmp string) (spec, error) {
			home, err := os.MkdirTemp(tmp, "calcurse-")
			if err != nil {
				return spec{}, err
			}
			data := filepath.Join(home, "data")
			if err := os.MkdirAll(data, 0o700); err != nil {
				return spec{}, err
			}
			if err := os.WriteFile(filepath.Join(data, "conf"), []byte("appearance.notifybar=no\n"), 0o600); err != nil {
				return spec{}, err
			}
			env := append(baseEnv(home), "LANG=C.UTF-8")
			return spec{name: "calcurse", argv: []string{"calcurse", "-D", data}, env: env, dir: home}, nil
		},
		ready: func(sc *screen) bool {
			t := sc.text()
			now := time.Now()
			return strings.Contains(t, fmt.Sprintf("%s %d", now.Month(), now.Year())) && strings.Contains(t, "Quit")
		},
	}
}

// ikhal is khal's interactive calendar (Python, urwid). It keeps one home
// for every run, so its event cache is warm after the first start, as on a
// desk. Python's calendar module fails under LANG=C.UTF-8, so only
// LC_CTYPE is set.
func ikhal() *peer {
	var home string
	return &peer{
		name: "ikhal", bin: "ikhal", moves: [2]string{"h", "l"},
		setup: func(tmp string) error {
			home = filepath.Join(tmp, "ikhal")
			cal := filepath.Join(home, "calendars", "desk")
			conf := filepath.Join(home, ".config", "khal")
			for _, d := range []string{cal, conf} {
				if err := os.MkdirAll(d, 0o700); err != nil {
					return err
				}
			}
			return os.WriteFile(filepath.Join(conf, "config"), []byte(fmt.Sprintf(`[calendars]
[[desk]]
path = %s
[locale]
timeformat = %%H:%%M
dateformat = %%Y-%%m-%%d
longdateformat = %%Y-%%m-%%d
datetimeformat = %%Y-%%m-%%d %%H:%%M
longdatetimeformat = %%Y-%%m-%%d %%H:%%M
firstweekday = 0
[default]
default_calendar = desk
`, cal)), 0o600)
		},
		spec: func(string) (spec, error) {
			env := append(baseEnv(home), "LC_CTYPE=C.UTF-8")
			return spec{name: "ikhal", argv: []string{"ikhal"}, env: env, dir: home}, nil
		},
		ready: func(sc *screen) bool {
			t := sc.text()
			return strings.Contains(t, "Mo Tu We") && strings.Contains(t, "q: quit")
		},
	}
}

// version is the first line a program prints for --version.
func version(bin string, args ...string) string {
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		return "unknown"
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line
}
