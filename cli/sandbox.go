package cli

import (
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/sandbox"
)

func (a *app) sandboxCmd() *cobra.Command {
	var (
		listen, clientID, clientSecret, dataFile, faults string
		holdTTL                                          time.Duration
		seed                                             int64
		rateLimit                                        float64
	)
	cmd := &cobra.Command{
		Use:   "sandbox [--listen ADDR]",
		Short: a.h(i18n.CmdSandboxShort),
		Long:  a.h(i18n.CmdSandboxLong) + "\n\n" + sandbox.FaultSpecHelp,
		Example: `  zimun sandbox --listen 127.0.0.1:8080
  zimun sandbox --faults error=0.1,drop=0.05 --seed 7
  zimun sandbox --faults 'hold:error=30%,confirm:drop=0.2,latency=20ms-200ms' --rate-limit 0
  zimun sandbox --hold-ttl 30s --faults forget=1m`,
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
				return usageError(i18n.ErrHoldTTLPositive, holdTTL.String())
			}
			if !flags.Changed("seed") {
				seed = cfg.Sandbox.Seed
			}
			if !flags.Changed("data") {
				dataFile = cfg.Sandbox.DataFile
			}
			if !flags.Changed("faults") {
				faults = cfg.Sandbox.Faults
			}
			plan, err := sandbox.ParseFaults(faults)
			if err != nil {
				return usageError(i18n.NamedProblem, "--faults", err)
			}
			if !flags.Changed("rate-limit") {
				rateLimit = cfg.Sandbox.RateLimit
			} else if !(rateLimit >= 0) {
				return usageError(i18n.ErrRateLimitFlag, fmt.Sprint(rateLimit))
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
				Faults:       plan,
				RateLimit:    sandboxRateLimit(rateLimit),
			}, func(base string, s *sandbox.Server) {
				a.sandboxBanner(base, s, clientID, clientSecret, dataFile, holdTTL, rateLimit)
			})
		}),
	}
	f := cmd.Flags()
	f.StringVar(&listen, "listen", "127.0.0.1:8080", a.h(i18n.FlagSandboxListen))
	f.StringVar(&clientID, "client-id", "demo-client", a.h(i18n.FlagClientID))
	f.StringVar(&clientSecret, "client-secret", "demo-secret", a.h(i18n.FlagClientSecret))
	f.DurationVar(&holdTTL, "hold-ttl", 0, a.h(i18n.FlagSandboxHoldTTL))
	f.Int64Var(&seed, "seed", 0, a.h(i18n.FlagSeed))
	f.StringVar(&dataFile, "data", "", a.h(i18n.FlagData))
	f.StringVar(&faults, "faults", "", a.h(i18n.FlagFaults))
	f.Float64Var(&rateLimit, "rate-limit", 0, a.h(i18n.FlagRateLimit))
	return cmd
}

// sandboxRateLimit maps the user's "0 means no limit" onto the sandbox's
// options, where 0 means the default.
func sandboxRateLimit(perSecond float64) float64 {
	if perSecond == 0 {
		return -1
	}
	return perSecond
}

// sandboxBanner tells the user how to use the sandbox. Printing the secret
// is the point here: it is the local sandbox's own credential.
func (a *app) sandboxBanner(base string, s *sandbox.Server, clientID, clientSecret, dataFile string, holdTTL time.Duration, rateLimit float64) {
	p := a.words()
	data := p.T(i18n.SandboxInMemory)
	if dataFile != "" {
		data = dataFile
	}
	limit := p.T(i18n.SandboxNone)
	if rateLimit > 0 {
		limit = p.T(i18n.SandboxRate, fmt.Sprint(rateLimit))
	}
	faults := p.T(i18n.SandboxNone)
	if f := s.Faults(); !f.Empty() {
		faults = p.T(i18n.SandboxFaultsPlan, f.String(), fmt.Sprint(f.Seed), base)
	}
	t := newTable(a.Stdout)
	t.row(p.T(i18n.SandboxTitle), base)
	t.row(p.T(i18n.SandboxOrgID), s.OrganizationID())
	t.row(p.T(i18n.SandboxClientID), clientID)
	t.row(p.T(i18n.SandboxClientSecret), clientSecret)
	t.row(p.T(i18n.SandboxHoldsLast), holdTTL.String())
	t.row(p.T(i18n.SandboxData), data)
	t.row(p.T(i18n.SandboxRateLimit), limit)
	t.row(p.T(i18n.SandboxFaults), faults)
	t.row(p.T(i18n.SandboxOutbox), p.T(i18n.SandboxOutboxURL, base))
	_ = t.flush() // the banner is best effort; serving goes on
	fmt.Fprintf(a.Stdout, "\n%s\n  export ZIMUN_BASE_URL=%s ZIMUN_CLIENT_ID=%s ZIMUN_CLIENT_SECRET=%s\n%s\n",
		p.T(i18n.SandboxPointAt), shellQuote(base), shellQuote(clientID), shellQuote(clientSecret), p.T(i18n.SandboxStop))
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./:@%+=,-]+$`)

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
