package cli

import (
	"context"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/zimun-app/zimun/config"
	"github.com/zimun-app/zimun/linear"
	"github.com/zimun-app/zimun/model"
)

// accessibleVia decides whether the accessible mode runs instead of the
// full-screen UI, and what turned it on: --accessible, ACCESSIBLE,
// ui.accessible, TERM=dumb, in that order. A screen reader cannot be
// detected, so each is a choice the person makes.
func (a *app) accessibleVia(cfg config.Config, flag bool) (linear.Via, bool) {
	switch {
	case flag:
		return linear.ViaFlag, true
	case truthy(a.Getenv("ACCESSIBLE")):
		return linear.ViaEnv, true
	case cfg.UI.Accessible:
		return linear.ViaConfig, true
	case a.Getenv("TERM") == "dumb":
		return linear.ViaDumb, true
	}
	return 0, false
}

// truthy is an environment switch that is set and not a "no".
func truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
}

// runAccessible runs the accessible mode on the process's terminal: x/term's
// line editor on a terminal in raw mode, or plain lines when the terminal
// edits lines itself (TERM=dumb) or the input is not a terminal.
func (a *app) runAccessible(ctx context.Context, s *session, cfg config.Config, via linear.Via, date model.Date) error {
	opts := linear.Options{
		Office:     s.office,
		Catalog:    a.catalogue(),
		Locale:     a.words().Locale(),
		Clock24:    cfg.Booking.Clock24(),
		Via:        via,
		Demo:       s.demo,
		ServiceID:  cfg.Booking.Service,
		LocationID: cfg.Booking.Location,
		Date:       date,
		DaysAhead:  cfg.Booking.DaysAhead,
		Notes:      append(a.warnings, s.notes...),
		Now:        a.Now,
		Logger:     s.log,
	}
	in, isFile := a.Stdin.(*os.File)
	tty := isFile && term.IsTerminal(int(in.Fd()))
	var err error
	if tty && a.Getenv("TERM") != "dumb" {
		fd := int(in.Fd())
		var old *term.State
		if old, err = term.MakeRaw(fd); err != nil {
			return err
		}
		defer term.Restore(fd, old)
		if out, ok := a.Stdout.(*os.File); ok {
			opts.Width, opts.Height, _ = term.GetSize(int(out.Fd()))
		}
		err = linear.Run(ctx, struct {
			io.Reader
			io.Writer
		}{in, a.Stdout}, opts)
	} else {
		opts.Echo = !tty
		err = linear.RunPlain(ctx, a.Stdin, a.Stdout, opts)
	}
	if err == nil && ctx.Err() != nil {
		return ctx.Err() // a signal: exit 130, as for the full-screen UI
	}
	return err
}
