package cli

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/config"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/kiosk"
	"github.com/zimun-app/zimun/linear"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/state"
	"github.com/zimun-app/zimun/ui"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/styles"
)

func (a *app) kioskCmd() *cobra.Command {
	var (
		k         config.Kiosk
		deskKeys  []string
		debugAddr string
	)
	cmd := &cobra.Command{
		Use:   "kiosk [--listen ADDR]",
		Short: a.h(i18n.CmdKioskShort),
		Long:  a.h(i18n.CmdKioskLong),
		Args:  cobra.NoArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			flags := cmd.Flags()
			cfg, err := a.loadConfig(cmd, func(c *config.Config) {
				set := func(name string, apply func()) {
					if flags.Changed(name) {
						apply()
					}
				}
				set("listen", func() { c.Kiosk.Listen = k.Listen })
				set("host-key", func() { c.Kiosk.HostKey = k.HostKey })
				set("max-sessions", func() { c.Kiosk.MaxSessions = k.MaxSessions })
				set("idle-timeout", func() { c.Kiosk.IdleTimeout = k.IdleTimeout })
				set("idle-warning", func() { c.Kiosk.IdleWarning = k.IdleWarning })
				set("show-reference", func() { c.Kiosk.ShowReference = k.ShowReference })
				set("max-session", func() { c.Kiosk.MaxSession = k.MaxSession })
				set("shutdown-grace", func() { c.Kiosk.ShutdownGrace = k.ShutdownGrace })
				set("connects-per-minute", func() { c.Kiosk.ConnectsPerMinute = k.ConnectsPerMinute })
				set("desk-keys", func() { c.Kiosk.DeskKeys = deskKeys })
			})
			if err != nil {
				return err
			}
			if debugAddr != "" && !isLoopback(debugAddr) {
				return usageError(i18n.ErrDebugAddr, debugAddr)
			}
			return a.serveKiosk(cmd, cfg, debugAddr)
		}),
	}
	d := config.Default().Kiosk
	f := cmd.Flags()
	f.StringVar(&k.Listen, "listen", d.Listen, a.h(i18n.FlagKioskListen))
	f.StringVar(&k.HostKey, "host-key", "", a.h(i18n.FlagHostKey))
	f.IntVar(&k.MaxSessions, "max-sessions", d.MaxSessions, a.h(i18n.FlagMaxSessions))
	f.DurationVar(&k.IdleTimeout, "idle-timeout", d.IdleTimeout, a.h(i18n.FlagIdleTimeout))
	f.DurationVar(&k.IdleWarning, "idle-warning", d.IdleWarning, a.h(i18n.FlagIdleWarning))
	f.DurationVar(&k.ShowReference, "show-reference", d.ShowReference, a.h(i18n.FlagShowReference))
	f.DurationVar(&k.MaxSession, "max-session", d.MaxSession, a.h(i18n.FlagMaxSession))
	f.DurationVar(&k.ShutdownGrace, "shutdown-grace", d.ShutdownGrace, a.h(i18n.FlagShutdownGrace))
	f.IntVar(&k.ConnectsPerMinute, "connects-per-minute", d.ConnectsPerMinute, a.h(i18n.FlagConnectsPerMinute))
	f.StringArrayVar(&deskKeys, "desk-keys", nil, a.h(i18n.FlagDeskKeys))
	// For benchmarks and profiling (go run ./bench), so not in --help.
	f.StringVar(&debugAddr, "debug-addr", "", a.h(i18n.FlagDebugAddr))
	_ = f.MarkHidden("debug-addr")
	return cmd
}

// isLoopback: the debug listener shows the process's insides, so only
// this machine may reach it.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (a *app) serveKiosk(cmd *cobra.Command, cfg config.Config, debugAddr string) error {
	kc := cfg.Kiosk
	desk, err := kiosk.ParseDeskKeys(kc.DeskKeys)
	if err != nil {
		return usageError(i18n.NamedProblem, "kiosk.desk_keys", err)
	}
	keyPath := kc.HostKey
	if keyPath == "" {
		dir, err := config.StateDir(a.Getenv)
		if err != nil {
			return err
		}
		keyPath = filepath.Join(dir, "kiosk_host_ed25519")
	}
	hostKey, created, err := kiosk.LoadHostKey(keyPath)
	if err != nil {
		return err
	}

	s, err := a.connect(cmd, cfg, true)
	if err != nil {
		return err
	}
	defer s.close()
	logger := s.log
	if a.logFile == "" {
		logger = slog.New(slog.NewTextHandler(a.Stderr, nil))
	}
	if created {
		logger.Info("made a host key", "file", keyPath)
	}

	office := booking.New(s.client, state.NewMemory(), booking.Options{Now: a.Now, Logger: logger})
	srv, err := kiosk.New(kiosk.Options{
		HostKey:           hostKey,
		MaxSessions:       kc.MaxSessions,
		IdleTimeout:       kc.IdleTimeout,
		IdleWarning:       kc.IdleWarning,
		MaxSession:        kc.MaxSession,
		DeskKeys:          desk,
		ConnectsPerMinute: kc.ConnectsPerMinute,
		NoColor:           cfg.UI.NoColor,
		LightBackground:   cfg.UI.Theme == "light",
		Logger:            logger,
		Accessible:        a.kioskLines(office, s.demo, cfg, logger),
		Notices:           a.kioskNotices(cfg),
	}, a.kioskApp(office, s.demo, cfg, logger))
	if err != nil {
		return err
	}
	// Every session sees a slot go the moment another takes it.
	stop := office.Subscribe(func(ch booking.Change) {
		srv.Broadcast("slots "+ch.ServiceID+" "+ch.LocationID,
			common.SlotsChangedMsg{ServiceID: ch.ServiceID, LocationID: ch.LocationID})
	})
	defer stop()
	l, err := net.Listen("tcp", kc.Listen)
	if err != nil {
		return err
	}
	logger.Info("kiosk listening", "addr", l.Addr().String(),
		"host_key", gossh.FingerprintSHA256(hostKey.PublicKey()), "desk_keys", len(desk), "demo", s.demo)

	if debugAddr != "" {
		dl, err := net.Listen("tcp", debugAddr)
		if err != nil {
			l.Close()
			return err
		}
		debug := &http.Server{Handler: srv.DebugHandler(), ReadHeaderTimeout: 10 * time.Second}
		go func() { _ = debug.Serve(dl) }()
		defer debug.Close()
		logger.Info("debug listening", "addr", dl.Addr().String())
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	select {
	case err := <-served:
		return err
	case <-cmd.Context().Done():
	}
	// Signals stay here, in the command: the sessions' programs have none.
	// A tenth of the grace is kept for stopping the rest (the demo sandbox).
	logger.Info("closing", "grace", kc.ShutdownGrace.String(), "sessions", srv.Sessions())
	ctx, cancel := context.WithTimeout(context.WithoutCancel(cmd.Context()), kc.ShutdownGrace*9/10)
	defer cancel()
	err = srv.Shutdown(ctx)
	if serr := <-served; err == nil {
		err = serr
	}
	if errors.Is(err, context.DeadlineExceeded) {
		logger.Warn("closed with work left", "err", err)
		return nil
	}
	logger.Info("closed")
	return err
}

// kioskApp is what every kiosk session runs: the booking UI on one office
// shared by all sessions (one token, one catalogue), keeping nothing on
// the server's disk. Ending a session (a reset, a customer walking away, a
// shutdown) closes its booking session, so its holds go back.
func (a *app) kioskApp(office *booking.Office, demo bool, cfg config.Config, logger *slog.Logger) kiosk.Factory {
	guard := booking.NewGuard(a.Now) // one for all sessions: a new session is no fresh start
	cat := a.catalogue()             // one for every session
	// Sessions share renderers (one per colour depth), so their styles too.
	var mu sync.Mutex
	shared := map[*lipgloss.Renderer]*styles.Styles{}
	return func(ctx context.Context, ks kiosk.Session) (tea.Model, func(context.Context)) {
		opts := ui.Options{
			Office:       office,
			Demo:         demo,
			DaysAhead:    cfg.Booking.DaysAhead,
			WeekStart:    cfg.Booking.WeekStartDay(),
			WeekStartSet: cfg.Booking.WeekStartSet(),
			Catalog:      cat,
			Locale:       kioskLocale(ks, cfg),
			Clock24:      cfg.Booking.Clock24(),
			Theme:        cfg.UI.Theme,
			NoColor:      cfg.UI.NoColor,
			Now:          a.Now,
			Logger:       logger.With("session", ks.ID),
		}
		opts.ReturningCustomers = ks.Role == kiosk.RoleDesk
		mu.Lock()
		if shared[ks.Renderer] == nil {
			shared[ks.Renderer] = ui.StylesFor(ks.Renderer, opts)
		}
		opts.Styles = shared[ks.Renderer]
		mu.Unlock()
		if ks.Role == kiosk.RoleKiosk {
			opts.Kiosk = &common.Kiosk{
				ShowReference: cfg.Kiosk.ShowReference, StartOver: ks.Reset,
				// The accessible mode, on a key named on the first line;
				// and the other language, kept for the rest of the session.
				Lines:    ks.LineMode,
				Language: func(l i18n.Locale) tea.Cmd { return ks.Language(l.String()) },
				Guard:    guard, Session: ks.ID, Client: clientHost(ks.RemoteAddr),
			}
		}
		session := office.NewSession()
		m := ui.New(ui.NewCommon(ctx, ks.Renderer, session, opts), ui.Config{
			ServiceID: cfg.Booking.Service, LocationID: cfg.Booking.Location,
		})
		return m, func(ctx context.Context) { _ = session.Close(ctx) }
	}
}

// kioskLocale is a kiosk session's language: the client's LANG (or LC_*)
// when it sends one zimun speaks, else ui.language, else English. The
// session's language key changes it for the rest of the session.
func kioskLocale(ks kiosk.Session, cfg config.Config) i18n.Locale {
	if l, ok := i18n.ParseLocale(ks.Lang); ok {
		return l
	}
	ch, _ := i18n.Choose("", cfg.UI.Language, nil) // valid: Load checked it
	return ch.Locale
}

// kioskNotices are the kiosk's own words (its idle warning, its closing
// notices) in a session's language, as kioskLocale chooses it.
func (a *app) kioskNotices(cfg config.Config) func(lang string) kiosk.Notices {
	cat := a.catalogue()
	return func(lang string) kiosk.Notices {
		p := cat.Printer(kioskLocale(kiosk.Session{Lang: lang}, cfg), model.Clock{H24: cfg.Booking.Clock24()})
		return kiosk.Notices{
			StillThere:   p.T(i18n.KioskStillThere),
			StartsOver:   func(n int) string { return p.T(i18n.KioskStartsOver, n) },
			CarryOn:      p.T(i18n.KioskCarryOn),
			Closing:      func(n int) string { return p.T(i18n.KioskClosingIn, n) },
			Limit:        func(n int) string { return p.T(i18n.KioskLimitIn, n) },
			Closed:       p.T(i18n.KioskClosed),
			LimitReached: p.T(i18n.KioskLimitReached),
			Busy:         p.T(i18n.KioskBusy),
			ClosingNow:   p.T(i18n.KioskClosingNow),
			NoTerminal:   p.T(i18n.KioskNoTerminal),
			Failed:       p.T(i18n.KioskFailed),
		}
	}
}

// clientHost is the address without its port: the same customer
// reconnecting comes from another port.
func clientHost(addr net.Addr) string {
	if addr == nil {
		return ""
	}
	if host, _, err := net.SplitHostPort(addr.String()); err == nil {
		return host
	}
	return addr.String()
}

// kioskLines is the accessible mode for the kiosk's sessions that ask for
// it, on the same office as the full-screen app: a customer books and
// sees their own booking, a desk key gets the desk. The language is the
// client's LANG when it sends one, else ui.language.
func (a *app) kioskLines(office *booking.Office, demo bool, cfg config.Config, logger *slog.Logger) kiosk.LineApp {
	cat := a.catalogue() // one for every session
	return func(ctx context.Context, ks kiosk.Session, rw io.ReadWriter, kn <-chan kiosk.Notice) {
		locale := kioskLocale(ks, cfg)
		notices := make(chan linear.Notice, 8)
		go relayNotices(ctx, kn, notices)
		err := linear.Run(ctx, rw, linear.Options{
			Office:    office,
			Catalog:   cat,
			Locale:    locale,
			Clock24:   cfg.Booking.Clock24(),
			Via:       kioskVia(ks.Lines),
			Kiosk:     ks.Role == kiosk.RoleKiosk,
			Demo:      demo,
			ServiceID: cfg.Booking.Service, LocationID: cfg.Booking.Location,
			DaysAhead: cfg.Booking.DaysAhead,
			Width:     ks.Width, Height: ks.Height,
			Notices: notices,
			Now:     a.Now,
			Logger:  logger.With("session", ks.ID),
		})
		if err != nil {
			logger.Warn("accessible session", "session", ks.ID, "err", err)
		}
	}
}

func kioskVia(v kiosk.LineVia) linear.Via {
	switch v {
	case kiosk.LinesForUser:
		return linear.ViaSSHUser
	case kiosk.LinesForEnv:
		return linear.ViaSSHEnv
	case kiosk.LinesForCommand:
		return linear.ViaSSHCommand
	}
	return linear.ViaKey
}

// relayNotices passes the kiosk's notices on in the accessible mode's
// terms, until ctx ends.
func relayNotices(ctx context.Context, in <-chan kiosk.Notice, out chan<- linear.Notice) {
	kinds := map[kiosk.NoticeKind]linear.NoticeKind{
		kiosk.IdleWarning: linear.IdleWarning, kiosk.ClosingShutdown: linear.ClosingShutdown,
		kiosk.ClosingLimit: linear.ClosingLimit, kiosk.Resized: linear.Resized,
	}
	for {
		select {
		case <-ctx.Done():
			return
		case n := <-in:
			select {
			case out <- linear.Notice{Kind: kinds[n.Kind], At: n.At, Width: n.Width, Height: n.Height}:
			case <-ctx.Done():
				return
			}
		}
	}
}
