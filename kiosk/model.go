package kiosk

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

type (
	resetMsg    struct{}
	langMsg     struct{ lang string }
	wakeMsg     struct{}               // the pump's timer: a deadline may be due
	drawMsg     struct{}               // a frame is due
	shutdownMsg struct{ at time.Time } // close at
)

const shutdownKey = "kiosk/shutdown"

// frameDelay is how long a change waits to be drawn, with whatever else
// changes meanwhile: Bubble Tea's renderer waited up to a frame (16.7 ms).
const frameDelay = 4 * time.Millisecond

// clearScrollback (CSI 3 J) goes out with a reset's clear screen, so the
// next customer cannot scroll back to the last one's screens.
const clearScrollback = "\x1b[3J"

// model wraps the app: the idle warning and reset, the session's time
// limit, the closing notice, and a recover around everything the app does.
// Idle is counted from the customer's input only: output (a ticking
// countdown) must not keep a session alive.
type model struct {
	st            *session
	app           tea.Model
	width, height int
	started       time.Time
	lastInput     time.Time
	warnUntil     time.Time // the idle warning shows until then
	closeAt       time.Time // the session ends then, after a notice
	closeWhy      string    // "shutdown" or "limit"
	wakeAt        time.Time // last deadline given to the pump
	drawing       bool      // a frame is due (drawMsg)
}

func newModel(st *session) (model, error) {
	app, end, err := st.newApp()
	if err != nil {
		return model{}, err
	}
	st.swapEnd(end)
	now := time.Now()
	return model{
		st: st, app: app, width: st.info.Width, height: st.info.Height,
		started: now, lastInput: now,
	}, nil
}

func (m model) Init() tea.Cmd {
	m.schedule(time.Now())
	return m.initApp()
}

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	now := time.Now()
	if _, ok := msg.(drawMsg); ok {
		m.drawing = false
		var frame []byte
		m.st.srv.lanes.run(func() { frame = m.st.screen.render(m.frame(now)) })
		if len(frame) > 0 {
			_, _ = m.st.out.Write(frame)
		}
		m.st.keyAnswered(len(frame) > 0)
		return m, nil
	}
	var cmd tea.Cmd
	m.st.srv.lanes.run(func() { cmd = m.update(msg, now) })
	m.schedule(now)
	if !m.drawing {
		m.drawing = true
		m.st.frameDue()
	}
	return m, cmd
}

func (m *model) update(msg tea.Msg, now time.Time) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.st.screen.resize(msg.Width, msg.Height)
		return m.resizeApp()
	case tea.KeyMsg:
		return m.input(msg, now)
	case tea.MouseMsg:
		if msg.Action == tea.MouseActionMotion {
			return m.updateApp(msg)
		}
		return m.input(msg, now)
	case wakeMsg:
		m.wakeAt = time.Time{}
		return m.onWake(now)
	case resetMsg:
		return m.reset("asked by the app", now)
	case langMsg:
		m.st.info.Lang = msg.lang // read by the next app only, on this goroutine
		return m.reset("language "+msg.lang, now)
	case linesMsg:
		if m.st.srv.opts.Accessible == nil {
			return nil
		}
		m.st.toLines.Store(true)
		return tea.Quit
	case shutdownMsg:
		return m.closing("shutdown", msg.at)
	}
	return m.updateApp(msg)
}

// input counts as presence; during the idle warning it only cancels it.
func (m *model) input(msg tea.Msg, now time.Time) tea.Cmd {
	m.lastInput = now
	if !m.warnUntil.IsZero() {
		m.warnUntil = time.Time{}
		return nil
	}
	return m.updateApp(msg)
}

func (m *model) onWake(now time.Time) tea.Cmd {
	opts := &m.st.srv.opts
	switch {
	case !m.closeAt.IsZero():
		if !now.Before(m.closeAt) {
			return tea.Quit
		}
		return nil
	case !m.warnUntil.IsZero():
		if !now.Before(m.warnUntil) {
			return m.reset("idle", now)
		}
	case opts.IdleTimeout > 0 && now.Sub(m.lastInput) >= opts.IdleTimeout:
		m.warnUntil = now.Add(opts.IdleWarning)
		m.st.out.inject("\a") // heard as well as seen
	}
	if at := m.limitNoticeAt(); !at.IsZero() && !now.Before(at) {
		return m.closing("limit", m.started.Add(opts.MaxSession))
	}
	return nil
}

// limitNoticeAt is when the time-limit notice starts; zero without a limit.
func (m *model) limitNoticeAt() time.Time {
	limit := m.st.srv.opts.MaxSession
	if limit <= 0 {
		return time.Time{}
	}
	return m.started.Add(limit - min(m.st.srv.opts.IdleWarning, limit/2))
}

// closing shows the notice and ends the session at `at`; the app goes on
// working under the notice until then.
func (m *model) closing(why string, at time.Time) tea.Cmd {
	if !m.closeAt.IsZero() && !at.Before(m.closeAt) {
		return nil
	}
	wasClosing := !m.closeAt.IsZero()
	m.closeAt, m.closeWhy = at, why
	m.warnUntil = time.Time{}
	if why == "shutdown" {
		m.st.bye.Store(m.st.notices().Closed + "\r\n")
	} else {
		m.st.bye.Store(m.st.notices().LimitReached + "\r\n")
	}
	if wasClosing {
		return nil
	}
	return m.resizeApp()
}

// reset ends the app and starts a fresh one on a clean screen and an empty
// scrollback.
func (m *model) reset(why string, now time.Time) tea.Cmd {
	app, end, err := m.st.newApp()
	if err != nil {
		m.st.failed.Store(true)
		m.st.cancel()
		return nil
	}
	m.st.srv.runEnd(m.st, m.st.swapEnd(end))
	m.st.log.Info("reset", "why", why)
	m.app = app
	m.lastInput, m.warnUntil = now, time.Time{}
	m.st.screen.clear()
	w, h := m.appSize()
	return tea.Batch(m.initApp(), func() tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} })
}

// schedule gives the pump the next moment something is due.
func (m *model) schedule(now time.Time) {
	if t := m.nextWake(now); !t.Equal(m.wakeAt) {
		m.wakeAt = t
		m.st.setWake(t)
	}
}

func (m *model) nextWake(now time.Time) time.Time {
	var t time.Time
	consider := func(d time.Time) {
		if !d.IsZero() && (t.IsZero() || d.Before(t)) {
			t = d
		}
	}
	switch {
	case !m.closeAt.IsZero():
		return nextSecond(now, m.closeAt)
	case !m.warnUntil.IsZero():
		consider(nextSecond(now, m.warnUntil))
	case m.st.srv.opts.IdleTimeout > 0:
		consider(m.lastInput.Add(m.st.srv.opts.IdleTimeout))
	}
	consider(m.limitNoticeAt())
	return t
}

// nextSecond is when a countdown to deadline shows its next number.
func nextSecond(now, deadline time.Time) time.Time {
	left := secondsLeft(now, deadline)
	if left <= 1 {
		return deadline
	}
	return deadline.Add(-time.Duration(left-1) * time.Second)
}

func secondsLeft(now, deadline time.Time) int {
	d := deadline.Sub(now)
	if d <= 0 {
		return 0
	}
	return int((d + time.Second - 1) / time.Second)
}

func (m *model) appSize() (int, int) {
	if !m.closeAt.IsZero() {
		return m.width, max(m.height-1, 0)
	}
	return m.width, m.height
}

func (m *model) resizeApp() tea.Cmd {
	w, h := m.appSize()
	return m.updateApp(tea.WindowSizeMsg{Width: w, Height: h})
}

func (m *model) initApp() (cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			m.st.fail("init", r)
			cmd = nil
		}
	}()
	return m.st.guard(m.app.Init())
}

func (m *model) updateApp(msg tea.Msg) (cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			m.st.fail("update", r)
			cmd = nil
		}
	}()
	app, cmd := m.app.Update(msg)
	m.app = app
	return m.st.guard(cmd)
}

// guard recovers a panic in one of the app's commands, and in the commands
// of a batch it returns. It runs a batch's commands itself, each sending
// its message: Bubble Tea would keep a goroutine more waiting for the
// slowest (a screen's refresh tick, for seconds) in every session.
func (st *session) guard(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				st.fail("command", r)
				msg = nil
			}
		}()
		msg = cmd()
		b, ok := msg.(tea.BatchMsg)
		if !ok {
			return msg
		}
		for i := range b {
			b[i] = st.guard(b[i])
		}
		if st.prog == nil {
			return b
		}
		for _, c := range b {
			if c != nil {
				go func() {
					if m := c(); m != nil {
						st.prog.Send(m)
					}
				}()
			}
		}
		return nil
	}
}

// View is empty: Update draws the frame (screen).
func (m model) View() string { return "" }

func (m model) frame(now time.Time) (view string) {
	defer func() {
		if r := recover(); r != nil {
			m.st.fail("view", r)
			view = "Sorry, something went wrong here."
		}
	}()
	switch {
	case !m.warnUntil.IsZero():
		return m.warningView(now)
	case !m.closeAt.IsZero():
		return m.banner(now) + "\n" + m.app.View()
	}
	return m.app.View()
}

func (m model) warningView(now time.Time) string {
	r, say := m.st.info.Renderer, m.st.notices()
	text := r.NewStyle().Bold(true).Render(say.StillThere) + "\n\n" +
		say.StartsOver(secondsLeft(now, m.warnUntil)) +
		"\n\n" + r.NewStyle().Bold(true).Render(say.CarryOn)
	box := r.NewStyle().Border(lipgloss.RoundedBorder()).Padding(1, 3).Render(text)
	return r.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, box)
}

func (m model) banner(now time.Time) string {
	n := secondsLeft(now, m.closeAt)
	say := m.st.notices()
	text := " " + say.Closing(n)
	if m.closeWhy == "limit" {
		text = " " + say.Limit(n)
	}
	text = ansi.Truncate(text, m.width, "…")
	return m.st.info.Renderer.NewStyle().Reverse(true).Bold(true).Width(m.width).Render(text)
}
