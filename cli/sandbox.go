package cli

import (
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/zimun-app/zimun/sandbox"
)

func (a *app) sandboxCmd() *cobra.Command {
	var (
		listen, clientID, clientSecret, dataFile string
		holdTTL                                  time.Duration
		seed                                     int64
	)
	cmd := &cobra.Command{
		Use:   "sandbox [--listen ADDR]",
		Short: "Serve a local Zimun API sandbox with demo data, until Ctrl-C",
		Long: `Serve a local stand-in for the Zimun API, with demo data, until Ctrl-C.

It prints its base URL and the client id and secret it accepts, with an
export line that points zimun (or your own code) at it. Emails it "sends"
are kept in an outbox at /sandbox/outbox. Requests are logged on stderr.
With --data the data survives a restart; without, it lives in memory.`,
		Args: cobra.NoArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.loadConfig(cmd, nil)
			if err != nil {
				return err
			}
			flags := cmd.Flags()
			if !flags.Changed("hold-ttl") {
				holdTTL = cfg.Sandbox.HoldTTL
			} else if holdTTL <= 0 {
				return usageErrorf("--hold-ttl must be positive, got %s", holdTTL)
			}
			if !flags.Changed("seed") {
				seed = cfg.Sandbox.Seed
			}
			if !flags.Changed("data") {
				dataFile = cfg.Sandbox.DataFile
			}
			logger := slog.New(slog.NewTextHandler(a.Stderr, nil))
			if a.logFile != "" {
				l, closeLog, err := a.openLog()
				if err != nil {
					return err
				}
				defer closeLog()
				logger = l
			}
			return sandbox.ListenAndServe(cmd.Context(), listen, sandbox.Options{
				ClientID:     clientID,
				ClientSecret: clientSecret,
				HoldTTL:      holdTTL,
				Seed:         seed,
				Now:          a.Now,
				DataFile:     dataFile,
				Logger:       logger,
			}, func(base string, s *sandbox.Server) {
				a.sandboxBanner(base, s.OrganizationID(), clientID, clientSecret, dataFile, holdTTL)
			})
		}),
	}
	f := cmd.Flags()
	f.StringVar(&listen, "listen", "127.0.0.1:8080", "`ADDR` to listen on (port 0 picks a free one)")
	f.StringVar(&clientID, "client-id", "demo-client", "client id the sandbox accepts")
	f.StringVar(&clientSecret, "client-secret", "demo-secret", "client secret the sandbox accepts")
	f.DurationVar(&holdTTL, "hold-ttl", 0, "how long holds last (default sandbox.hold_ttl, 10m)")
	f.Int64Var(&seed, "seed", 0, "demo data seed (default sandbox.seed; 0 = the sandbox's default)")
	f.StringVar(&dataFile, "data", "", "keep the data in `FILE` across restarts (default sandbox.data_file; none = in memory)")
	return cmd
}

// sandboxBanner tells the user how to use the sandbox. Printing the secret
// is the point here: it is the local sandbox's own credential.
func (a *app) sandboxBanner(base, orgID, clientID, clientSecret, dataFile string, holdTTL time.Duration) {
	data := "in memory (lost on exit)"
	if dataFile != "" {
		data = dataFile
	}
	t := newTable(a.Stdout)
	t.row("Zimun sandbox", base)
	t.row("organization id", orgID)
	t.row("client id", clientID)
	t.row("client secret", clientSecret)
	t.row("holds last", holdTTL.String())
	t.row("data", data)
	t.row("outbox", base+"/sandbox/outbox (the emails it sent)")
	_ = t.flush() // the banner is best effort; serving goes on
	fmt.Fprintf(a.Stdout, "\nPoint zimun (or your own code) at it:\n  export ZIMUN_BASE_URL=%s ZIMUN_CLIENT_ID=%s ZIMUN_CLIENT_SECRET=%s\nPress Ctrl-C to stop.\n",
		shellQuote(base), shellQuote(clientID), shellQuote(clientSecret))
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./:@%+=,-]+$`)

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
