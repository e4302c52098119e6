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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, version)
	stop()
	os.Exit(code)
}
