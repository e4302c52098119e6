// Command zimun books appointments with the Zimun API from the terminal.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // location zones must work on machines without zoneinfo

	"github.com/zimun-app/zimun/cli"
)

// version is set at build time: go build -ldflags "-X main.version=v1.2.3".
var version = "dev"

func main() {
	// The one place signals are handled (Bubble Tea's own handler is off):
	// each ends the context, and every front end closes its session on the
	// way out, giving its holds back as a quit does.
	// The signal is the context's cause, so the exit status is the
	// shell's for it (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP).
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		if s, ok := <-sigs; ok {
			cancel(cli.Interrupted{Signal: s})
		}
	}()
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, version)
	signal.Stop(sigs)
	close(sigs)
	os.Exit(code)
}
