// Package inspector is the request inspector, a developer's view of the
// session's API calls: every call, newest first, with its method, path,
// status, duration, retries and request id; a call's request and response
// (secrets redacted, bodies capped); and a call copied as a curl command.
package inspector

import (
	"encoding/base64"
	"io"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/zimun-app/zimun/api"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/ui/common"
)

// maxDetailLines bounds the request and response text drawn for a call.
const maxDetailLines = 2000

// Model is the request inspector. Use New.
type Model struct {
	c       common.Common
	keys    KeyMap
	id      *byte           // whose refreshes are whose, when two are stacked (not zero-size: those may share an address)
	changed <-chan struct{} // closed at the next call recorded after calls was read
	calls   []api.Exchange  // newest first
	cursor  int
	offset  int

	open   bool // showing one call's request and response
	shown  api.Exchange
	lines  []string // its text, built when opened
	scroll int

	curl  []string // the command last copied, shown
	w, h  int
	cols  columns
	drawn []drawnRow // calls' rows laid out for the width, built in Update
}

type refreshMsg struct{ id *byte }

// New shows the calls recorded so far, and each new one as it is made.
func New(c common.Common) Model {
	m := Model{c: c, keys: DefaultKeyMap(c.Words), id: new(byte), w: 80, h: 20}
	m.reload()
	return m
}

// reload reads the calls, keeping the cursor on the call it was on; on
// the newest call it stays on the newest, to follow what happens.
func (m *Model) reload() {
	if m.c.Calls == nil {
		return
	}
	var seq uint64
	if m.cursor > 0 && m.cursor < len(m.calls) {
		seq = m.calls[m.cursor].Seq
	}
	m.changed = m.c.Calls.Changed() // first, so no call falls between
	m.calls = m.c.Calls.Calls()
	m.cursor = 0
	for i, e := range m.calls {
		if e.Seq == seq {
			m.cursor = i
		}
	}
	m.layout()
	m.clamp()
}

// Init waits for the next call.
func (m Model) Init() tea.Cmd { return m.watch() }

func (m Model) watch() tea.Cmd {
	if m.changed == nil {
		return nil
	}
	ch, done, id := m.changed, m.c.Ctx.Done(), m.id
	return func() tea.Msg {
		select {
		case <-ch:
			return refreshMsg{id}
		case <-done:
			return nil
		}
	}
}

// Focused is false: the inspector has no text field.
func (m Model) Focused() bool { return false }

// OwnsBack: esc closes a call's details before it leaves.
func (m Model) OwnsBack() {}

// Heading names the screen in the header.
func (m Model) Heading() common.Heading { return common.Heading{Label: m.c.T(i18n.LabelInspector)} }

// SetSize sets the area the screen draws in.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.layout()
	m.clamp()
}

// Selected is the call under the cursor.
func (m Model) Selected() (api.Exchange, bool) {
	if m.cursor < len(m.calls) {
		return m.calls[m.cursor], true
	}
	return api.Exchange{}, false
}

// Update handles keys, clicks and new calls.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case refreshMsg:
		if msg.id != m.id {
			return m, nil
		}
		m.reload()
		return m, m.watch()
	case tea.KeyMsg:
		if m.open {
			return m.detailKey(msg)
		}
		return m.listKey(msg)
	case tea.MouseMsg:
		return m.click(msg)
	}
	return m, nil
}

func (m Model) listKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Up):
		m.cursor--
	case key.Matches(msg, m.keys.Down):
		m.cursor++
	case key.Matches(msg, m.keys.PageUp):
		m.cursor -= m.rows()
	case key.Matches(msg, m.keys.PageDown):
		m.cursor += m.rows()
	case key.Matches(msg, m.keys.Home):
		m.cursor = 0
	case key.Matches(msg, m.keys.End):
		m.cursor = len(m.calls) - 1
	case key.Matches(msg, m.keys.Open):
		if e, ok := m.Selected(); ok {
			m.open, m.shown, m.lines, m.scroll = true, e, detailLines(m.c.Words, e), 0
		}
	case key.Matches(msg, m.keys.Copy):
		if e, ok := m.Selected(); ok {
			return m.copy(e)
		}
	case key.Matches(msg, m.c.Keys.Back):
		return m, common.Msg(common.BackMsg{})
	}
	m.clamp()
	return m, nil
}

func (m Model) detailKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	page := max(1, m.detailRows()-1)
	switch {
	case key.Matches(msg, m.keys.Up):
		m.scroll--
	case key.Matches(msg, m.keys.Down):
		m.scroll++
	case key.Matches(msg, m.keys.PageUp):
		m.scroll -= page
	case key.Matches(msg, m.keys.PageDown):
		m.scroll += page
	case key.Matches(msg, m.keys.Home):
		m.scroll = 0
	case key.Matches(msg, m.keys.End):
		m.scroll = len(m.lines)
	case key.Matches(msg, m.keys.Copy):
		return m.copy(m.shown)
	case key.Matches(msg, m.keys.Close):
		m.open, m.lines = false, nil
	}
	m.scroll = max(0, min(m.scroll, len(m.lines)-m.detailRows()))
	return m, nil
}

// copy puts e's curl command on the terminal's clipboard (OSC 52) and on
// screen, for terminals that do not take it.
func (m Model) copy(e api.Exchange) (Model, tea.Cmd) {
	lines, ok := e.CurlLines()
	if !ok {
		return m, common.Warn(m.c.T(i18n.InspTooLong))
	}
	cmd, _ := e.Curl()
	m.curl = lines
	m.clamp()
	say := common.Say(m.c.T(i18n.InspCopiedSay))
	if m.c.Clipboard == nil {
		return m, common.Say(m.c.T(i18n.InspShownSay))
	}
	return m, tea.Batch(setClipboard(m.c.Clipboard, cmd), say)
}

// setClipboard writes the OSC 52 sequence that sets the clipboard, in one
// write: the renderer writes each frame in one write to the same terminal,
// so the two never interleave. Inside tmux it needs set-clipboard on.
func setClipboard(w io.Writer, text string) tea.Cmd {
	return func() tea.Msg {
		_, _ = io.WriteString(w, OSC52(text))
		return nil
	}
}

// OSC52 is the sequence asking the terminal to put text on its clipboard.
func OSC52(text string) string {
	return "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(text)) + "\a"
}

func (m Model) click(msg tea.MouseMsg) (Model, tea.Cmd) {
	if m.open || msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft {
		return m, nil
	}
	i := m.offset + msg.Y - listTop
	if msg.Y < listTop || i >= len(m.calls) || msg.Y-listTop >= m.rows() {
		return m, nil
	}
	if i == m.cursor {
		return m.listKey(tea.KeyMsg{Type: tea.KeyEnter})
	}
	m.cursor = i
	return m, nil
}

// clamp keeps the cursor on a call and in view.
func (m *Model) clamp() {
	m.cursor = max(0, min(m.cursor, len(m.calls)-1))
	rows := m.rows()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+rows {
		m.offset = m.cursor - rows + 1
	}
	m.offset = max(0, min(m.offset, len(m.calls)-rows))
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	if m.open {
		return []key.Binding{m.keys.Down, m.keys.PageDown, m.keys.Copy, m.keys.Close}
	}
	return []key.Binding{m.keys.Open, m.keys.Copy}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}, {k.Open, k.Copy, k.Close}}
}
