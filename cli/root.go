// Package cli is zimun's command line: the booking UI, the local sandbox
// server and scripting verbs that mirror the booking flow.
package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/config"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/sandbox"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the API or the system failed
	exitUsage = 2 // the command line or the configuration is wrong
)

// Env is the world a command runs in. Tests fill it with buffers and a fake
// environment; Main fills it from the process. A nil Getenv is an empty
// environment and a nil Now is time.Now.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Now            func() time.Time
	Version        string
}

// Main runs zimun with the process's environment and returns the exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, version string) int {
	return Env{
		Stdin: stdin, Stdout: stdout, Stderr: stderr,
		Getenv: os.Getenv, Now: time.Now, Version: version,
	}.Run(ctx, args)
}

// Interrupted is the cause of a run's context ended by a signal.
type Interrupted struct{ Signal os.Signal }

func (i Interrupted) Error() string { return i.Signal.String() + " signal received" }

// interruptedStatus is the exit status of a run a signal ended, as shells
// report it: 128 + the signal's number (130 when the cause is not said).
func interruptedStatus(ctx context.Context) int {
	var in Interrupted
	if errors.As(context.Cause(ctx), &in) {
		if s, ok := in.Signal.(syscall.Signal); ok {
			return 128 + int(s)
		}
	}
	return 130
}

// Run executes one command line and returns the exit code.
func (e Env) Run(ctx context.Context, args []string) int {
	if e.Getenv == nil {
		e.Getenv = func(string) string { return "" }
	}
	if e.Now == nil {
		e.Now = time.Now
	}
	a := &app{Env: e}
	a.early = a.helpWords(args)
	root := a.rootCmd()
	// Before localiseHelp: cobra's completion commands keep the writer
	// they are made with.
	root.SetIn(e.Stdin)
	root.SetOut(e.Stdout)
	root.SetErr(e.Stderr)
	a.localiseHelp(root)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		return interruptedStatus(ctx)
	}
	var ce *codedError
	if !errors.As(err, &ce) {
		// Cobra's own errors: unknown command or flag, bad flag value,
		// missing required flag, wrong argument count.
		ce = &codedError{exitUsage, err}
		if !wantsJSON(cmd) {
			fmt.Fprintf(e.Stderr, "zimun: %s\n%s\n", a.redact(parseError(a.words(), err)), a.words().T(i18n.RunHelp, cmd.CommandPath()))
			return exitUsage
		}
	}
	if wantsJSON(cmd) {
		a.writeJSONError(ce)
		return ce.code
	}
	fmt.Fprintf(e.Stderr, "zimun: %s\n", a.redact(describe(a.words(), ce.err)))
	return ce.code
}

// wantsJSON reports --json on the command that ran: its errors then go to
// stderr as JSON too, for the script to read.
func wantsJSON(cmd *cobra.Command) bool {
	on, err := cmd.Flags().GetBool("json")
	return err == nil && on
}

// writeJSONError writes {"error":{"status","code","message","request_id"}}
// on stderr: the API's status and code when the API refused, else the
// kind of failure ("usage", "unknown_outcome", "error").
func (a *app) writeJSONError(ce *codedError) {
	type body struct {
		Status    int    `json:"status"`
		Code      string `json:"code"`
		Message   string `json:"message"`
		RequestID string `json:"request_id,omitempty"`
	}
	// --json is for programs: never translated.
	english := a.catalogue().Printer(i18n.Locale{Lang: i18n.English}, model.Clock{H24: true})
	b := body{Code: "error", Message: a.redact(describe(english, ce.err))}
	switch ce.code {
	case exitUsage:
		b.Code = "usage"
	case exitUnknown:
		b.Code = "unknown_outcome"
	}
	var ae *api.Error
	if errors.As(ce.err, &ae) {
		b.Status, b.RequestID = ae.Status, a.redact(ae.RequestID)
		if ae.Code != "" {
			b.Code = a.redact(ae.Code)
		}
	}
	_ = writeJSON(a.Stderr, struct {
		Error body `json:"error"`
	}{b})
}

// codedError carries the exit code of an error from our own code; anything
// else reaching Run came from cobra's parsing, which is a usage error.
type codedError struct {
	code int
	err  error
}

func (e *codedError) Error() string { return e.err.Error() }
func (e *codedError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &codedError{exitUsage, fmt.Errorf(format, args...)}
}

// usageError is a usage error worded by the catalogue: in the run's
// language on stderr, in English with --json.
func usageError(k i18n.Key, args ...any) error {
	return &codedError{exitUsage, i18n.Errorf(k, args...)}
}

// describe words an error for stderr, e.g. "Slot unavailable (409
// slot_unavailable)": the server's words as sent, zimun's in the
// language.
func describe(p *i18n.Printer, err error) string {
	if api.IsUnreadableReply(err) {
		return p.T(i18n.DoneAllTheSame, err.Error())
	}
	var ce *model.ChoiceError
	if errors.As(err, &ce) {
		return choiceError(p, ce)
	}
	var ae *api.Error
	if !errors.As(err, &ae) {
		return p.Err(err)
	}
	msg := ae.Message
	if msg == "" {
		msg = http.StatusText(ae.Status)
	}
	detail := fmt.Sprint(ae.Status)
	if ae.Code != "" {
		detail += " " + ae.Code
	}
	if ae.RequestID != "" {
		detail += ", request " + ae.RequestID
	}
	msg = fmt.Sprintf("%s (%s)", msg, detail)
	switch {
	case api.IsUnauthorized(err):
		msg = p.T(i18n.CheckCredentials, msg)
	case api.IsHoldNotFound(err):
		msg = p.T(i18n.NoSuchHold, msg)
	case api.IsRateLimited(err) && ae.RetryAfter > 0:
		msg = p.T(i18n.RetryIn, msg, ae.RetryAfter.Round(time.Second).String())
	}
	return msg
}

// choiceError words a service or location that cannot be booked as
// asked, naming what can.
func choiceError(p *i18n.Printer, e *model.ChoiceError) string {
	if text, ok := p.Choice(e, i18n.SeveralPickLocation); ok {
		return text
	}
	return e.Error()
}

// app is one run of the command line: the Env, the persistent flags and the
// secrets to scrub from anything printed.
type app struct {
	Env
	configPath string
	baseURL    string
	logFile    string
	demo       bool
	secret     string        // the configured one, known before any client
	client     *api.Client   // once connected: it knows its secret's forms and tokens
	warnings   []string      // the configuration's, for the UI to show too
	calls      *api.Recorder // the UI's API calls, for its request inspector
	lang       string        // --lang
	catalog    *i18n.Catalog
	early      *i18n.Printer // the help's, before anything is parsed
	printer    *i18n.Printer // once the configuration is read
}

// words is the run's printer: the language of --lang, ui.language or the
// locale, once the configuration is read; before that (cobra's own
// errors), the help's.
func (a *app) words() *i18n.Printer {
	if a.printer != nil {
		return a.printer
	}
	return a.helpPrinter()
}

func (a *app) catalogue() *i18n.Catalog {
	if a.catalog == nil {
		a.catalog = i18n.NewCatalog()
	}
	return a.catalog
}

// redact removes the secrets from an error bound for the terminal and
// strips control characters.
func (a *app) redact(s string) string { return model.Sanitize(a.redactSecrets(s)) }

// redactSecrets removes the client secret in all its forms and every
// bearer token from any text, data included.
func (a *app) redactSecrets(s string) string {
	if a.client != nil {
		s = a.client.Redact(s)
	}
	if a.secret != "" {
		s = strings.ReplaceAll(s, a.secret, "[redacted]")
	}
	return s
}

// redactingEnv is the Env with stdout and stderr passed through
// redactSecrets a line at a time; flush writes what is left.
func (a *app) redactingEnv() (Env, func()) {
	out := &lineRedactor{w: a.Stdout, redact: a.redactSecrets}
	errs := &lineRedactor{w: a.Stderr, redact: a.redactSecrets}
	env := a.Env
	env.Stdout, env.Stderr = out, errs
	return env, func() { out.flush(); errs.flush() }
}

// lineRedactor redacts whole lines, so a secret split across two writes is
// still found: tokens and base64 never hold a newline.
type lineRedactor struct {
	w      io.Writer
	redact func(string) string
	buf    []byte
}

func (l *lineRedactor) Write(p []byte) (int, error) {
	l.buf = append(l.buf, p...)
	end := bytes.LastIndexByte(l.buf, '\n') + 1
	if end == 0 {
		return len(p), nil
	}
	_, err := io.WriteString(l.w, l.redact(string(l.buf[:end])))
	l.buf = append(l.buf[:0], l.buf[end:]...)
	return len(p), err
}

func (l *lineRedactor) flush() {
	if len(l.buf) > 0 {
		io.WriteString(l.w, l.redact(string(l.buf)))
		l.buf = l.buf[:0]
	}
}

// run adapts a command body: its errors are runtime failures (exit 1)
// unless they already carry a code.
func run(fn func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		err := fn(cmd, args)
		var ce *codedError
		if err == nil || errors.As(err, &ce) {
			return err
		}
		return &codedError{exitError, err}
	}
}

func (a *app) rootCmd() *cobra.Command {
	var (
		service, location, theme string
		date                     model.Date
		noColor, accessible      bool
		holdTTL                  time.Duration
	)
	root := &cobra.Command{
		Use:           "zimun",
		Short:         a.h(i18n.CmdRootShort),
		Long:          a.h(i18n.CmdRootLong),
		Version:       a.Version,
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			flags := cmd.Flags()
			cfg, err := a.loadConfig(cmd, func(c *config.Config) {
				if flags.Changed("service") {
					c.Booking.Service = service
				}
				if flags.Changed("location") {
					c.Booking.Location = location
				}
				if flags.Changed("theme") {
					c.UI.Theme = theme
				}
				if noColor {
					c.UI.NoColor = true
				}
				if flags.Changed("hold-ttl") {
					c.Sandbox.HoldTTL = holdTTL
				}
			})
			if err != nil {
				return err
			}
			if flags.Changed("hold-ttl") && !a.usesDemo(cfg) {
				return usageErrorf("%s", a.words().T(i18n.HoldTTLDemoOnly))
			}
			exportDir, err := config.ExportDir(cfg, a.Getenv)
			if err != nil {
				return err
			}
			via, linearMode := a.accessibleVia(cfg, accessible)
			a.calls = api.NewRecorder(0, 0)
			s, err := a.connect(cmd, cfg, false)
			if err != nil {
				return err
			}
			defer s.close()
			if linearMode {
				return a.runAccessible(cmd.Context(), s, cfg, via, date)
			}
			return ui.Run(cmd.Context(), ui.Options{
				ExportDir:  exportDir,
				Calls:      a.calls,
				Office:     s.office,
				Demo:       s.demo,
				ServiceID:  cfg.Booking.Service,
				LocationID: cfg.Booking.Location,
				Date:       date,
				DaysAhead:  cfg.Booking.DaysAhead,
				WeekStart:  cfg.Booking.WeekStartDay(),
				// The language's first weekday unless the config names one.
				WeekStartSet: cfg.Booking.WeekStartSet(),
				Catalog:      a.catalogue(),
				Locale:       a.words().Locale(),
				Clock24:      cfg.Booking.Clock24(),
				Theme:        cfg.UI.Theme,
				NoColor:      cfg.UI.NoColor,
				Now:          a.Now,
				Logger:       s.log,
				Notes:        append(a.warnings, s.notes...),
				// The desk, not the kiosk: customers' details are offered.
				ReturningCustomers: true,
			})
		}),
	}

	pf := root.PersistentFlags()
	pf.StringVar(&a.configPath, "config", "", a.h(i18n.FlagConfig))
	pf.StringVar(&a.baseURL, "base-url", "", a.h(i18n.FlagBaseURL))
	pf.StringVar(&a.logFile, "log", "", a.h(i18n.FlagLog))
	pf.BoolVar(&a.demo, "demo", false, a.h(i18n.FlagDemo))
	pf.StringVar(&a.lang, "lang", "", a.h(i18n.FlagLang))

	f := root.Flags()
	f.StringVar(&service, "service", "", a.h(i18n.FlagUIService))
	f.StringVar(&location, "location", "", a.h(i18n.FlagUILocation))
	f.Var((*dateValue)(&date), "date", a.h(i18n.FlagUIDate))
	f.BoolVar(&noColor, "no-color", false, a.h(i18n.FlagNoColor))
	f.BoolVar(&accessible, "accessible", false, a.h(i18n.FlagAccessible))
	f.StringVar(&theme, "theme", "", a.h(i18n.FlagTheme, strings.Join(config.Themes, ", ")))
	f.DurationVar(&holdTTL, "hold-ttl", 0, a.h(i18n.FlagUIHoldTTL))

	root.AddCommand(a.versionCmd(), a.sandboxCmd(), a.kioskCmd(), a.apiCmd(), a.tokenCmd())
	root.AddCommand(a.verbCmds()...)
	return root
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: a.h(i18n.CmdVersionShort),
		Args:  cobra.NoArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(a.Stdout, "zimun %s\n%s %s/%s\n", a.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		}),
	}
}

// session is what a command needs to talk to the API: the client, and the
// booking office every write goes through, with the state it keeps.
type session struct {
	log    *slog.Logger
	client *api.Client
	office *booking.Office
	demo   bool
	notes  []string // what opening the state said, once
	stops  []func() // run in reverse by close
}

func (s *session) close() {
	for i := len(s.stops) - 1; i >= 0; i-- {
		s.stops[i]()
	}
}

// loadConfig resolves the configuration with the persistent flags and the
// command's own overrides, printing the warnings on stderr.
func (a *app) loadConfig(cmd *cobra.Command, flags func(*config.Config)) (config.Config, error) {
	baseURLSet := cmd.Flags().Changed("base-url")
	cfg, warnings, err := config.Load(config.Options{
		Path:   a.configPath,
		Getenv: a.Getenv,
		Flags: func(c *config.Config) {
			if baseURLSet {
				c.API.BaseURL = a.baseURL
			}
			if flags != nil {
				flags(c)
			}
		},
	})
	for _, w := range warnings {
		fmt.Fprintln(a.Stderr, a.words().T(i18n.Warning, w))
	}
	a.warnings = warnings // the UI's alternate screen would hide them
	if err != nil {
		return config.Config{}, &codedError{exitUsage, err}
	}
	ch, err := i18n.Choose(a.lang, cfg.UI.Language, a.Getenv)
	if err != nil {
		return config.Config{}, &codedError{exitUsage, err}
	}
	a.printer = a.catalogue().Printer(ch.Locale, model.Clock{H24: cfg.Booking.Clock24()})
	a.secret = string(cfg.API.ClientSecret)
	return cfg, nil
}

// openLog returns the --log logger, or one that discards: the terminal
// belongs to the UI or to the command's output.
func (a *app) openLog() (*slog.Logger, func(), error) {
	if a.logFile == "" {
		return slog.New(slog.DiscardHandler), func() {}, nil
	}
	f, err := os.OpenFile(a.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, err
	}
	h := slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug})
	return slog.New(h), func() { f.Close() }, nil
}

// usesDemo reports whether commands run against an embedded sandbox: on
// --demo, or when no credentials are configured.
func (a *app) usesDemo(cfg config.Config) bool { return a.demo || !cfg.HasCredentials() }

// connect builds the API client: the configured API when credentials are
// set, otherwise (or with --demo) an embedded sandbox. Verbs announce the
// sandbox on stderr; the UI shows a DEMO badge instead.
func (a *app) connect(cmd *cobra.Command, cfg config.Config, announce bool) (*session, error) {
	logger, closeLog, err := a.openLog()
	if err != nil {
		return nil, err
	}
	s := &session{log: logger, stops: []func(){closeLog}}
	ok := false
	defer func() {
		if !ok {
			s.close()
		}
	}()
	logger.Debug("config", "config", cfg)

	ctx := cmd.Context()
	apiCfg := a.apiConfig(cfg, logger)
	if a.usesDemo(cfg) {
		// A server named without credentials (flag, environment or config
		// file) is a mistake, not a request for the demo.
		named := cmd.Flags().Changed("base-url") || a.Getenv("ZIMUN_BASE_URL") != "" ||
			cfg.API.BaseURL != config.Default().API.BaseURL
		if !a.demo && named {
			return nil, usageError(i18n.ErrNeedsCredentials, cfg.API.BaseURL)
		}
		if announce {
			why := a.words().T(i18n.NoCredentials)
			if a.demo {
				why = "--demo"
			}
			fmt.Fprintln(a.Stderr, a.words().T(i18n.UsingDemo, why))
		}
		// A fresh secret per run: other local users cannot use the port.
		id, secret := "zimun-demo", uuid.NewString()
		faults, err := sandbox.ParseFaults(cfg.Sandbox.Faults) // valid: Load checked it
		if err != nil {
			return nil, err
		}
		base, srv, stop, err := startSandbox(ctx, sandbox.Options{
			ClientID:     id,
			ClientSecret: secret,
			HoldTTL:      cfg.Sandbox.HoldTTL,
			Seed:         cfg.Sandbox.Seed,
			Now:          a.Now,
			Logger:       logger,
			Faults:       faults,
			RateLimit:    sandboxRateLimit(cfg.Sandbox.RateLimit),
		})
		if err != nil {
			return nil, err
		}
		s.stops = append(s.stops, stop)
		s.demo = true
		apiCfg.BaseURL, apiCfg.ClientID, apiCfg.ClientSecret = base, id, secret
		apiCfg.OrganizationID = srv.OrganizationID()
	}
	if s.client, err = api.New(ctx, apiCfg); err != nil {
		return nil, err
	}
	store, err := a.openState(s)
	if err != nil {
		return nil, err
	}
	s.stops = append(s.stops, func() { store.Close() })
	s.office = booking.New(s.client, store, booking.Options{Now: a.Now, Logger: logger})
	a.client = s.client
	ok = true
	return s, nil
}

// apiConfig is the API client's configuration; the UI's calls are also
// told to the request inspector's recorder.
func (a *app) apiConfig(cfg config.Config, logger *slog.Logger) api.Config {
	c := api.Config{
		BaseURL:        cfg.API.BaseURL,
		ClientID:       cfg.API.ClientID,
		ClientSecret:   string(cfg.API.ClientSecret),
		OrganizationID: cfg.API.OrganizationID,
		Version:        a.Version,
		Now:            a.Now,
		RequestTimeout: cfg.API.Timeout,
		WriteTimeout:   cfg.API.Timeout * 3 / 2,
		Logger:         logger,
	}
	if a.calls != nil {
		c.Observer = a.calls.Record
	}
	return c
}

// openState opens the state kept for this API: on disk for a real API,
// in memory for the demo, whose sandbox (and so whose bookings) dies with
// the process.
func (a *app) openState(s *session) (state.Store, error) {
	if s.demo {
		return state.NewMemory(), nil
	}
	root, err := config.StateDir(a.Getenv)
	if err != nil {
		return nil, err
	}
	dir, notes, err := state.Open(root, state.Scope{
		BaseURL: s.client.BaseURL(), OrganizationID: s.client.ConfiguredOrganization(), ClientID: s.client.ClientID(),
	})
	if err != nil {
		// Booking goes on; each write it would keep says it was not kept.
		s.log.Warn("no state folder", "err", err)
		return state.Unavailable(err), nil
	}
	s.notes = notes
	return dir, nil
}

// startSandbox serves an in-memory sandbox on a free loopback port until
// stop is called (or ctx ends), and returns once it accepts connections.
func startSandbox(ctx context.Context, opts sandbox.Options) (baseURL string, srv *sandbox.Server, stop func(), err error) {
	ctx, cancel := context.WithCancel(ctx)
	type ready struct {
		url string
		srv *sandbox.Server
	}
	readyc := make(chan ready, 1)
	done := make(chan error, 1)
	go func() {
		done <- sandbox.ListenAndServe(ctx, "127.0.0.1:0", opts, func(u string, s *sandbox.Server) {
			readyc <- ready{u, s}
		})
	}()
	select {
	case r := <-readyc:
		return r.url, r.srv, func() { cancel(); <-done }, nil
	case err := <-done:
		cancel()
		if err == nil {
			err = i18n.Errorf(i18n.ErrStoppedEarly)
		}
		return "", nil, nil, i18n.Errorf(i18n.ErrDemoSandbox, err)
	}
}
