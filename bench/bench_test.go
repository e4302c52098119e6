package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // as zimun's main: zones must work without zoneinfo

	"github.com/zimun-app/zimun/cli"
)

// asZimun makes the test binary zimun itself when the suite runs it, so
// the short suite needs no separate build.
const asZimun = "ZIMUN_BENCH_AS_ZIMUN"

func TestMain(m *testing.M) {
	if os.Getenv(asZimun) == "1" {
		os.Exit(cli.Main(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr, "bench"))
	}
	os.Exit(m.Run())
}

// TestShortSuite runs every measurement once: it fails on errors (a
// program that does not start, draw, book or answer), never on timings.
func TestShortSuite(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	mod, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	cfg := config{
		zimun: self, runs: 1, keys: 4, idle: 200 * time.Millisecond, cols: 100, rows: 30,
		peers: true, module: mod, tmp: t.TempDir(), quick: true,
		log: t.Logf,
		// Without atexit_sleep_ms=0 a -race binary sleeps 1 s on exit.
		zimunEnv: []string{asZimun + "=1", "GORACE=atexit_sleep_ms=0"},
	}
	report, err := suiteReport(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		t.Log(report)
	}
	for _, want := range []string{"## 1. Start-up", "calendar → confirmation, all calls", "idle on the form", "package init, total", "connect → first frame, 10 cycles", "saw a slot over its capacity **0** times"} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
}
