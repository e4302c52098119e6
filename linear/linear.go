// Package linear is zimun's accessible mode: plain sentences that stay in
// the scrollback, for screen-reader and braille users. Questions come one
// at a time, menus are numbered lists, tables are read as "Label: value"
// sentences, nothing is redrawn and nothing is said by colour or position.
// The hold is announced when it starts and at 5 minutes, 2 minutes and 30
// seconds left, never every second. It runs the same on a local terminal
// and over SSH (the kiosk), on whatever reader and writer it is given.
package linear

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/zimun-app/zimun/booking"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
)

// Via is how the accessible mode was turned on; the first line says it.
type Via int

// The ways to turn it on.
const (
	ViaFlag       Via = iota // --accessible
	ViaEnv                   // ACCESSIBLE=1
	ViaConfig                // accessible = true in the config
	ViaDumb                  // TERM=dumb
	ViaSSHUser               // ssh a11y@kiosk
	ViaSSHEnv                // SetEnv ACCESSIBLE=1
	ViaSSHCommand            // ssh -t kiosk accessible
	ViaKey                   // a key on the full-screen kiosk's first line
)

// Notice is something the SSH kiosk has to say: the session is idle, or
// closing, or its window changed.
type Notice struct {
	Kind          NoticeKind
	At            time.Time // IdleWarning: the kiosk starts over then; Closing: it closes then
	Width, Height int       // Resized
}

// NoticeKind is what a Notice is about.
type NoticeKind int

// Notice kinds.
const (
	IdleWarning NoticeKind = iota
	ClosingShutdown
	ClosingLimit
	Resized
)

// Options is everything the mode needs; nothing in it is shared between
// sessions but the office and the catalogue.
type Options struct {
	Office  *booking.Office
	Catalog *i18n.Catalog
	Locale  i18n.Locale
	Clock24 bool
	Via     Via
	// Kiosk is a customer at the SSH kiosk: booking and their own
	// booking only, no desk history, no unfinished bookings.
	Kiosk      bool
	Demo       bool
	ServiceID  string     // preselect, id or name
	LocationID string     // preselect, id or name
	Date       model.Date // the day the first booking starts on; zero: the first free day
	DaysAhead  int        // 1..90; default 30
	Width      int        // the terminal's size, if known
	Height     int
	Notes      []string // said once after the first line
	Notices    <-chan Notice
	// Echo makes RunPlain write each answer after its prompt, for input
	// that is not a terminal (a terminal echoes it itself).
	Echo bool
	// Now is the local clock (default: the office's) and Alarm rings at a
	// time on it (default: a timer). Tests pass a fake pair and move time.
	Now    func() time.Time
	Alarm  func(at time.Time) <-chan time.Time
	Logger *slog.Logger
}

// Run serves the mode on a terminal in raw mode or an SSH session,
// through x/term's line editor, until the person quits or ctx ends. The
// booking session is closed on the way out: its holds go back.
func Run(ctx context.Context, rw io.ReadWriter, opts Options) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	con := newEditor(readWriter{newCtxReader(ctx, rw), rw})
	return run(ctx, con, opts)
}

// RunPlain serves the mode on a terminal that edits lines itself (cooked
// mode, TERM=dumb) or on pipes: nothing is echoed and no escape sequence
// is ever written.
func RunPlain(ctx context.Context, r io.Reader, w io.Writer, opts Options) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	return run(ctx, newPlain(newCtxReader(ctx, r), w, opts.Echo), opts)
}

// errQuit ends the session on the person's word; errBack goes one
// question back.
var (
	errQuit = errors.New("quit")
	errBack = errors.New("back")
)

func run(ctx context.Context, con console, opts Options) error {
	if opts.Office == nil || opts.Catalog == nil {
		return errors.New("linear: no office or catalogue")
	}
	if opts.Now == nil {
		opts.Now = opts.Office.Now
	}
	if opts.Alarm == nil {
		now := opts.Now
		opts.Alarm = func(at time.Time) <-chan time.Time { return time.After(at.Sub(now())) }
	}
	if opts.DaysAhead <= 0 {
		opts.DaysAhead = 30
	}
	opts.DaysAhead = min(opts.DaysAhead, 90)
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	con.SetSize(opts.Width, opts.Height)
	s := &session{
		ctx: ctx, opts: opts, con: con, bs: opts.Office.NewSession(),
	}
	s.setPrinter(opts.Catalog.Printer(opts.Locale, model.Clock{H24: opts.Clock24}))
	s.watch = newWatch(s)
	defer func() {
		closing, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = s.bs.Close(closing)
	}()
	go s.watch.run(ctx)
	if opts.Notices != nil {
		go s.notices(ctx, opts.Notices)
	}
	err := s.main()
	s.watch.stop()
	switch {
	case errors.Is(err, errQuit):
		s.say(s.p().T(i18n.Goodbye))
		return nil
	case errors.Is(err, io.EOF) && ctx.Err() == nil: // Ctrl-C, Ctrl-D, end of input
		s.con.Last(s.p().T(i18n.Goodbye))
		return nil
	}
	if ctx.Err() != nil {
		return nil
	}
	return err
}

// session is one person's accessible session.
type session struct {
	ctx   context.Context
	opts  Options
	con   console
	bs    *booking.Session
	watch *watch

	mu      sync.Mutex
	printer *i18n.Printer
	last    []string // the last question and its choices, for "repeat"
	ref     string   // the last booking reference said, for "spell"

	cat   booking.Catalog
	typed model.Contact // kept across holds, for the next form
}

func (s *session) p() *i18n.Printer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.printer
}

func (s *session) setPrinter(p *i18n.Printer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.printer = p
}

// say writes lines, each on its own line. Text from the API must already
// be sanitised.
func (s *session) say(lines ...string) {
	for _, l := range lines {
		_, _ = io.WriteString(s.con, l+"\n")
	}
}

// announce is say for what arrives on its own (the hold's thresholds, the
// kiosk's notices), with a bell for warnings: heard as well as read.
func (s *session) announce(bell bool, line string) {
	if bell {
		line = "\a" + line
	}
	s.say(line)
}

// remember keeps the lines a question was asked with, for "repeat".
func (s *session) remember(lines []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.last = lines
}

func (s *session) notices(ctx context.Context, ch <-chan Notice) {
	for {
		select {
		case <-ctx.Done():
			return
		case n, ok := <-ch:
			if !ok {
				return
			}
			p := s.p()
			switch n.Kind {
			case IdleWarning:
				s.announce(true, p.T(i18n.KioskIdle, p.Duration(n.At.Sub(s.opts.Now()))))
			case ClosingShutdown:
				s.announce(true, p.T(i18n.KioskClosing, p.Duration(n.At.Sub(s.opts.Now()))))
			case ClosingLimit:
				s.announce(true, p.T(i18n.KioskLimit, p.Duration(n.At.Sub(s.opts.Now()))))
			case Resized:
				s.con.SetSize(n.Width, n.Height)
			}
		}
	}
}

// main is the first line, then the main menu until the person quits.
func (s *session) main() error {
	p := s.p()
	s.say(p.T(i18n.ModeOn, s.via()), p.T(i18n.LanguageIs))
	if s.opts.Demo {
		s.say(p.T(i18n.DemoNote))
	}
	for _, n := range s.opts.Notes {
		s.say(model.Sanitize(n))
	}
	if err := s.loadCatalog(); err != nil {
		return err
	}
	if !s.opts.Kiosk {
		if err := s.offerDrafts(); err != nil {
			return err
		}
	}
	type entry struct {
		label i18n.Key
		do    func() error
	}
	menu := []entry{{i18n.MenuBook, s.book}, {i18n.MenuFind, s.find}, {i18n.MenuWalkIn, s.walkIn}, {i18n.MenuQuit, s.quit}}
	if s.opts.Kiosk {
		menu = []entry{{i18n.MenuBook, s.book}, {i18n.MenuMyBooking, s.myBooking}, {i18n.MenuQuit, s.quit}}
	}
	for {
		i, err := s.choose(func(p *i18n.Printer) (string, []string) {
			labels := make([]string, len(menu))
			for i, e := range menu {
				labels[i] = p.T(e.label)
			}
			return p.T(i18n.MainQuestion), labels
		}, false)
		if err == nil {
			err = menu[min(i, len(menu)-1)].do()
		}
		switch {
		case errors.Is(err, errBack):
		case err != nil:
			return err
		}
	}
}

func (s *session) via() string {
	p := s.p()
	switch s.opts.Via {
	case ViaFlag:
		return p.T(i18n.ViaFlag)
	case ViaConfig:
		return p.T(i18n.ViaConfig)
	case ViaDumb:
		return p.T(i18n.ViaDumb)
	case ViaSSHUser:
		return p.T(i18n.ViaSSHUser)
	case ViaSSHEnv:
		return p.T(i18n.ViaSSHEnv)
	case ViaSSHCommand:
		return p.T(i18n.ViaSSHCommand)
	case ViaKey:
		return p.T(i18n.ViaKey)
	}
	return p.T(i18n.ViaEnv)
}

// quit asks first when a hold would be given up.
func (s *session) quit() error {
	if s.bs.Holding() {
		ok, err := s.yesNo(func(p *i18n.Printer) string { return p.T(i18n.QuitReleases) })
		if err != nil || !ok {
			return err
		}
	}
	return errQuit
}

func (s *session) loadCatalog() error {
	for {
		ctx, cancel := context.WithTimeout(s.ctx, s.opts.Office.Timeouts().Read)
		cat, err := s.opts.Office.Catalog(ctx)
		cancel()
		if err == nil {
			s.cat = cat
			return nil
		}
		if s.ctx.Err() != nil {
			return s.ctx.Err()
		}
		s.say(s.p().T(i18n.CatalogFailed, s.describe(err)))
		i, err := s.choose(func(p *i18n.Printer) (string, []string) {
			return p.T(i18n.WhatNow), []string{p.T(i18n.TryAgain), p.T(i18n.MenuQuit)}
		}, false)
		if err != nil {
			return err
		}
		if i == 1 {
			return errQuit
		}
	}
}

// refreshCatalog reads the catalogue again if the shared one is newer.
func (s *session) refreshCatalog() {
	ctx, cancel := context.WithTimeout(s.ctx, s.opts.Office.Timeouts().Read)
	defer cancel()
	if cat, err := s.opts.Office.Catalog(ctx); err == nil {
		s.cat = cat
	}
}

// zoneName says a location's zone as people do: "Paris time (CET)".
func (s *session) zoneName(zone *time.Location) string {
	city := zone.String()
	if i := strings.LastIndexByte(city, '/'); i >= 0 {
		city = city[i+1:]
	}
	city = strings.ReplaceAll(city, "_", " ")
	return s.p().T(i18n.ZoneTime, city, model.ZoneName(s.opts.Now().In(zone)))
}
