// Command bench measures zimun in a pseudo-terminal beside calcurse and
// ikhal, and writes BENCHMARKS.md:
//
//	go run ./bench                                # everything, ~6 minutes
//	go run ./bench -baseline /tmp/zimun-old       # an older build beside it
//	go run ./bench -quick -o /tmp/b.md            # every path once, as CI does
//	go run ./bench -only kiosk                    # one section, replaced in BENCHMARKS.md
//	go run ./bench -only sandbox                  # the sandbox's throughput, about a minute
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	var cfg config
	var out, size, only, kioskEnv, sandboxDays string
	fs.StringVar(&out, "o", "BENCHMARKS.md", "write the report to `FILE` (relative to the module root)")
	fs.StringVar(&cfg.zimun, "zimun", "", "the zimun `BINARY` to measure (default: build this module)")
	fs.StringVar(&cfg.baseline, "baseline", "", "an older zimun `BINARY` to measure beside it")
	fs.StringVar(&cfg.before, "baseline-name", "zimun before", "the baseline's column `NAME`")
	fs.IntVar(&cfg.runs, "runs", 7, "start-ups per case")
	fs.IntVar(&cfg.keys, "keys", 300, "key presses per series")
	fs.DurationVar(&cfg.idle, "idle", 10*time.Second, "how long to watch an idle program")
	fs.StringVar(&size, "size", "100x30", "terminal `COLSxROWS`")
	fs.BoolVar(&cfg.peers, "peers", true, "measure calcurse and ikhal beside zimun when installed")
	fs.BoolVar(&cfg.screens, "screens", true, "run the screens' go test benchmarks")
	fs.BoolVar(&cfg.quick, "quick", false, "every measurement once, for a smoke test")
	fs.StringVar(&only, "only", "", "measure only the sections whose titles contain these comma-separated `WORDS` (e.g. kiosk), and replace just those sections in the report")
	fs.IntVar(&cfg.kiosk.sessions, "kiosk-sessions", 1000, "kiosk sessions at once (at most 1000, kiosk.max_sessions)")
	fs.Float64Var(&cfg.kiosk.rate, "kiosk-rate", 50, "new kiosk sessions a second while they ramp up")
	fs.DurationVar(&cfg.kiosk.window, "kiosk-window", 30*time.Second, "how long each steady kiosk phase is measured")
	fs.IntVar(&cfg.kiosk.cycles, "kiosk-cycles", 10000, "kiosk connect/disconnect cycles")
	fs.IntVar(&cfg.kiosk.workers, "kiosk-workers", 20, "kiosk cycles at once")
	fs.StringVar(&kioskEnv, "kiosk-env", "", "extra environment for the kiosk, comma-separated `K=V` pairs (e.g. GOGC=50)")
	fs.StringVar(&cfg.kiosk.profiles, "kiosk-profiles", "", "save the kiosk's heap and goroutine profiles of each phase in `DIR`")
	fs.DurationVar(&cfg.sandbox.window, "sandbox-window", 10*time.Second, "how long each sandbox load phase runs")
	fs.IntVar(&cfg.sandbox.workers, "sandbox-workers", 48, "sandbox load client goroutines, one connection each")
	fs.StringVar(&sandboxDays, "sandbox-days", "30,90", "availability windows read, comma-separated `DAYS` (1..90), a phase each")
	fs.IntVar(&cfg.sandbox.slots, "sandbox-slots", 8, "slots the sandbox hold storm fights over")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, err := fmt.Sscanf(size, "%dx%d", &cfg.cols, &cfg.rows); err != nil || cfg.cols < 80 || cfg.rows < 24 {
		return fmt.Errorf("-size %q: want COLSxROWS, at least 80x24", size)
	}
	if cfg.quick {
		cfg.runs, cfg.keys, cfg.idle = 1, min(cfg.keys, 4), min(cfg.idle, 300*time.Millisecond)
	}
	if kioskEnv != "" {
		cfg.kiosk.env = strings.Split(kioskEnv, ",")
	}
	for _, d := range strings.Split(sandboxDays, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(d))
		if err != nil || n < 1 || n > 90 {
			return fmt.Errorf("-sandbox-days %q: want whole numbers from 1 to 90, comma-separated", sandboxDays)
		}
		cfg.sandbox.days = append(cfg.sandbox.days, n)
	}
	if only != "" {
		cfg.only = strings.Split(strings.ToLower(only), ",")
	}
	if cfg.runs < 1 || cfg.keys < 2 {
		return errors.New("-runs must be at least 1 and -keys at least 2")
	}
	cfg.log = func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }
	mod, err := moduleRoot()
	if err != nil {
		return err
	}
	cfg.module = mod
	if cfg.tmp, err = os.MkdirTemp("", "zimun-bench-"); err != nil {
		return err
	}
	defer os.RemoveAll(cfg.tmp)
	if cfg.zimun == "" {
		cfg.zimun = filepath.Join(cfg.tmp, "zimun")
		cfg.log("building %s", cfg.zimun)
		build := exec.Command("go", "build", "-o", cfg.zimun, ".")
		build.Dir, build.Stdout, build.Stderr = mod, os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build: %w", err)
		}
	}
	for _, p := range []*string{&cfg.zimun, &cfg.baseline} {
		if *p != "" {
			if *p, err = filepath.Abs(*p); err != nil {
				return err
			}
		}
	}
	if !filepath.IsAbs(out) {
		out = filepath.Join(mod, out)
	}
	report, err := suiteReport(cfg)
	if err != nil {
		return err
	}
	if old, err := os.ReadFile(out); err == nil && cfg.only != nil {
		if report, err = splice(string(old), report, cfg.chosen); err != nil {
			return err
		}
	}
	if err := os.WriteFile(out, []byte(report), 0o644); err != nil {
		return err
	}
	cfg.log("wrote %s", out)
	return nil
}

// suiteReport runs every section and returns the report.
func suiteReport(cfg config) (string, error) {
	started := time.Now()
	s, err := newSuite(cfg)
	if err != nil {
		return "", err
	}
	defer s.stop()
	secs := sections(cfg)
	r, err := s.run(secs)
	if err != nil {
		return "", err
	}
	return s.report(secs, r, started, time.Since(started)), nil
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("run from inside the zimun module")
	}
	return filepath.Dir(gomod), nil
}
