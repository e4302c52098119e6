// Package frame draws what is around every screen: the header (what is on
// show, the hold's countdown, the badge), the status line and the keys,
// the help overlay, and the message for a terminal too small to use.
package frame

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
	"github.com/zimun-app/zimun/ui/common"
	"github.com/zimun-app/zimun/ui/countdown"
	"github.com/zimun-app/zimun/ui/styles"
)

// Sizes: the header is a title line and a rule; the footer a status line
// and a line of keys; the body has one column of padding each side.
const (
	headerHeight = 2
	footerHeight = 2
	padX         = 1
	MinWidth     = 80
	MinHeight    = 24
)

// Frame is the terminal's size, the styles to draw with and the words.
type Frame struct {
	Width, Height int
	Styles        *styles.Styles
	Words         *i18n.Printer
	keysW         int   // the keys line's, for help: 0 until the terminal says its size
	memo          *memo // shared by copies: its entries are keyed by everything they show
}

// New is a frame of the smallest size until the terminal says otherwise.
func New(st *styles.Styles, p *i18n.Printer) Frame {
	h := help.New()
	h.Styles = help.Styles{
		Ellipsis: st.Faint, ShortKey: st.Accent, ShortDesc: st.Faint, ShortSeparator: st.Faint,
		FullKey: st.Accent, FullDesc: st.Faint, FullSeparator: st.Faint,
	}
	return Frame{Width: MinWidth, Height: MinHeight, Styles: st, Words: p, memo: &memo{help: h}}
}

// Resized is f at a new terminal size.
func (f Frame) Resized(w, h int) Frame {
	f.Width, f.Height = w, h
	f.keysW = f.BodyWidth()
	return f
}

// BodyWidth and BodyHeight are the room a screen gets.
func (f Frame) BodyWidth() int  { return max(f.Width-2*padX, 1) }
func (f Frame) BodyHeight() int { return max(f.Height-headerHeight-footerHeight, 1) }

// TooSmall reports a terminal below the smallest supported size.
func (f Frame) TooSmall() bool { return f.Width < MinWidth || f.Height < MinHeight }

// InBody moves a mouse event into the body's coordinates; ok is false
// outside the body.
func (f Frame) InBody(msg tea.MouseMsg) (tea.MouseMsg, bool) {
	msg.X -= padX
	msg.Y -= headerHeight
	return msg, msg.Y >= 0 && msg.Y < f.BodyHeight()
}

// TooSmallView says what size is needed, centred.
func (f Frame) TooSmallView() string {
	msg := f.Words.T(i18n.FrameTooSmall, fmt.Sprintf("%d×%d", MinWidth, MinHeight), fmt.Sprintf("%d×%d", f.Width, f.Height))
	return lipgloss.Place(f.Width, f.Height, lipgloss.Center, lipgloss.Center,
		f.Styles.Warn.Render(msg), lipgloss.WithWhitespaceChars(" "))
}

// View puts header, body and footer together at exactly the terminal's
// size: the body is padded or cut, so the footer never moves.
func (f Frame) View(header, body, footer string) string {
	// A status that needed a second line takes it from the body.
	w, h := f.BodyWidth(), max(f.BodyHeight()-(strings.Count(footer, "\n")+1-footerHeight), 1)
	bm := &f.memo.body
	if bm.width != w {
		*bm = bodyMemo{width: w}
	}
	pad := strings.Repeat(" ", padX)
	var b strings.Builder
	b.Grow(len(header) + len(body) + len(footer) + h*(padX+1) + 1)
	b.WriteString(header)
	b.WriteByte('\n')
	rest, more := body, true
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		if !more {
			continue
		}
		var line string
		line, rest, more = strings.Cut(rest, "\n")
		b.WriteString(pad)
		b.WriteString(bm.cut(i, line))
	}
	b.WriteByte('\n')
	b.WriteString(footer)
	return b.String()
}

// bodyMemo keeps the body's lines as last cut to the width: from one key
// to the next most lines are the same, and cutting measures every one.
type bodyMemo struct {
	width   int
	in, out []string
}

// cut is line i, ansi.Truncate to the width.
func (bm *bodyMemo) cut(i int, line string) string {
	if i < len(bm.in) && bm.in[i] == line {
		return bm.out[i]
	}
	out := ansi.Truncate(line, bm.width, "…")
	for len(bm.in) <= i {
		bm.in, bm.out = append(bm.in, ""), append(bm.out, "")
	}
	bm.in[i], bm.out[i] = line, out
	return out
}

// Header is the title line (the keys offered, if any; organisation ·
// what is on show; then the countdowns and the badge) and a rule under
// it. Offered keys come first, so a screen reader says them first.
func (f Frame) Header(org string, h common.Heading, left []time.Duration, prefs common.Prefs, offer ...string) string {
	in := headerIn{
		org: org, label: h.Label, locID: h.Location.ID, locName: h.Location.Name,
		svcID: h.Service.ID, svcName: h.Service.Name, svcMinutes: h.Service.DurationMinutes,
		demo: prefs.Demo, host: prefs.Host, width: f.Width,
	}
	hm := &f.memo.header
	if hm.out != "" && hm.in == in && slices.Equal(hm.left, left) && slices.Equal(hm.offer, offer) {
		return hm.out
	}
	out := f.header(org, h, left, prefs, offer)
	*hm = headerMemo{in: in, left: slices.Clone(left), offer: slices.Clone(offer), out: out}
	return out
}

func (f Frame) header(org string, h common.Heading, left []time.Duration, prefs common.Prefs, offer []string) string {
	st := f.Styles
	if org == "" {
		org = "Zimun"
	}
	var parts []string
	for _, o := range offer {
		parts = append(parts, st.Accent.Render(o))
	}
	parts = append(parts, st.Title.Render(model.Sanitize(org)))
	if h.Label != "" {
		parts = append(parts, st.Accent.Render(h.Label))
	}
	if h.Location.ID != "" {
		parts = append(parts, st.Text.Render(model.Sanitize(h.Location.Name)))
	}
	if h.Service.ID != "" {
		parts = append(parts, st.Text.Render(f.Words.T(i18n.FrameService, model.Sanitize(h.Service.Name), h.Service.DurationMinutes)))
	}
	title := strings.Join(parts, st.Faint.Render(" · "))
	var right []string
	for _, d := range left {
		right = append(right, countdown.Short(st, f.Words, d))
	}
	switch {
	case prefs.Demo:
		right = append(right, st.DemoBadge.Render(f.Words.T(i18n.BadgeDemo)))
	case prefs.Host != "":
		right = append(right, st.HostBadge.Render(model.Sanitize(ansi.Truncate(prefs.Host, 32, "…"))))
	default:
		right = append(right, st.LiveBadge.Render(f.Words.T(i18n.BadgeLive)))
	}
	r := strings.Join(right, "  ")
	inner := f.Width - 2*padX
	title = ansi.Truncate(title, max(inner-lipgloss.Width(r)-1, 0), "…")
	gap := max(inner-lipgloss.Width(title)-lipgloss.Width(r), 1)
	line := strings.Repeat(" ", padX) + title + strings.Repeat(" ", gap) + r
	return line + "\n" + st.Faint.Render(strings.Repeat("─", max(f.Width, 0)))
}

// Status draws a status line: failures and warnings say so with a glyph,
// never by colour alone.
func (f Frame) Status(s common.Status) string {
	st := f.Styles
	switch {
	case s.Text == "":
		return ""
	case s.Kind == common.Failure:
		return st.Error.Render("✕ " + s.Text)
	case s.Kind == common.Warning:
		return st.Warn.Render("! " + s.Text)
	}
	return st.Status.Render(s.Text)
}

// Footer is the status line and the keys: the screen's own, then the
// global ones it does not have, as many as fit (FitKeys, keeping keep). A
// status too long for one line wraps onto a second (an error often names
// what to fix at its end); beyond that it is cut.
func (f Frame) Footer(status string, own, global []key.Binding, keep string) string {
	keys := f.keysLine(own, global, keep)
	fm := &f.memo.footer
	if fm.keys == keys && fm.status == status && fm.width == f.Width && fm.out != "" {
		return fm.out
	}
	pad := strings.Repeat(" ", padX)
	inner := max(f.Width-2*padX, 1)
	lines := strings.Split(ansi.Wrap(status, inner, ""), "\n")
	if len(lines) > 2 {
		lines = []string{lines[0], ansi.Truncate(strings.Join(lines[1:], " "), inner, "…")}
	}
	out := pad + strings.Join(lines, "\n"+pad) + "\n" + pad + keys
	*fm = footerMemo{status: status, keys: keys, width: f.Width, out: out}
	return out
}

// keysLine is the footer's line of keys, drawn again only when a key, its
// words or the width changed.
func (f Frame) keysLine(own, global []key.Binding, keep string) string {
	km := &f.memo.keys
	if km.out != "" && km.width == f.Width && km.keysW == f.keysW && km.keep == keep && km.own == len(own) && km.same(own, global) {
		return km.out
	}
	keys := WithGlobal(own, global)
	h := f.memo.help
	h.Width = f.keysW
	inner := max(f.Width-2*padX, 1)
	// help.ShortHelpView can overflow by one item when its "…" does not fit.
	out := ansi.Truncate(h.ShortHelpView(f.FitKeys(keys, len(own), keep)), inner, "…")
	*km = keysMemo{width: f.Width, keysW: f.keysW, keep: keep, own: len(own), out: out}
	for _, k := range keys {
		km.keys = append(km.keys, helpOf(k))
	}
	return out
}

// WithGlobal is a screen's keys, then the global keys it does not have.
func WithGlobal(own, global []key.Binding) []key.Binding {
	own = slices.Clip(own) // never into the screen's own array
	for _, k := range global {
		if !hasKey(own, k.Help().Key) {
			own = append(own, k)
		}
	}
	return own
}

func hasKey(keys []key.Binding, name string) bool {
	for _, k := range keys {
		if k.Help().Key == name {
			return true
		}
	}
	return false
}

// CloseHelp is the key that closes the help overlay, for the footer.
func (f Frame) CloseHelp() key.Binding {
	return key.NewBinding(key.WithKeys("?"), common.Help(f.Words, "?/esc", i18n.KeyCloseHelp))
}

// FitKeys leaves out of the footer's keys, whole, those the line has no
// room for: the screen's own (the first own of keys) from the last, its
// first always kept; then the global ones from the last, but keep (help,
// which lists every key). No key is ever cut mid-word.
func (f Frame) FitKeys(keys []key.Binding, own int, keep string) []key.Binding {
	h := f.memo.help
	h.Width = 0 // measured here
	room := max(f.Width-2*padX, 1)
	keys = append([]key.Binding(nil), keys...)
	for lipgloss.Width(h.ShortHelpView(keys)) > room {
		drop := -1
		if own > 1 {
			own--
			drop = own
		} else {
			for i := len(keys) - 1; i >= max(own, 0); i-- {
				if keys[i].Help().Key != keep {
					drop = i
					break
				}
			}
		}
		if drop < 0 {
			break
		}
		keys = append(keys[:drop], keys[drop+1:]...)
	}
	return keys
}

// HelpOverlay is every key in groups, in a box over the body. Groups sit
// side by side while they fit the width, and wrap to more rows when they
// do not; rows that do not fit the height are left out, and the box says
// so. Nothing is ever cut mid-line.
func (f Frame) HelpOverlay(groups [][]key.Binding) string {
	st := f.Styles
	h := f.memo.help // its width is 0: measured here, never cut by help
	const gap = "   "
	maxW := f.BodyWidth() - st.Dialog.GetHorizontalFrameSize()
	maxH := f.BodyHeight() - st.Dialog.GetVerticalFrameSize() - 2 // the title and a blank line
	var rows []string
	var row []string
	rowW := 0
	flush := func() {
		if len(row) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowW = nil, 0
		}
	}
	for _, g := range groups {
		if len(g) == 0 {
			continue
		}
		block := h.FullHelpView([][]key.Binding{g})
		w := lipgloss.Width(block)
		if len(row) > 0 && rowW+len(gap)+w > maxW {
			flush()
		}
		if len(row) > 0 {
			row = append(row, gap)
			rowW += len(gap)
		}
		row = append(row, block)
		rowW += w
	}
	flush()
	var body []string
	height, dropped := 0, 0
	for i, r := range rows {
		need := lipgloss.Height(r)
		if i > 0 {
			need++ // a blank line between rows
		}
		if height+need > maxH-1 && i < len(rows)-1 || height+need > maxH {
			dropped = len(rows) - i
			break
		}
		if i > 0 {
			body = append(body, "")
		}
		body = append(body, r)
		height += need
	}
	if dropped > 0 {
		body = append(body, st.Faint.Render(f.Words.T(i18n.FrameMoreKeys)))
	}
	box := st.Dialog.Render(st.Title.Render(f.Words.T(i18n.FrameKeys)) + "\n\n" + strings.Join(body, "\n"))
	return lipgloss.Place(f.BodyWidth(), f.BodyHeight(), lipgloss.Center, lipgloss.Center, box)
}

// memo keeps the frame's last header, keys and footer, and the help that
// draws keys: rebuilt on every frame, they were a third of a key's work.
type memo struct {
	help   help.Model // Width 0
	header headerMemo
	keys   keysMemo
	footer footerMemo
	body   bodyMemo
}

type headerIn struct {
	org, label, locID, locName, svcID, svcName, host string
	svcMinutes, width                                int
	demo                                             bool
}

type headerMemo struct {
	in    headerIn
	left  []time.Duration
	offer []string
	out   string
}

// keyHelp is what of a key the footer shows.
type keyHelp struct {
	key, desc string
	on        bool
}

func helpOf(k key.Binding) keyHelp { return keyHelp{k.Help().Key, k.Help().Desc, k.Enabled()} }

type keysMemo struct {
	keys  []keyHelp // WithGlobal(own, global)
	own   int
	keep  string
	width int
	keysW int
	out   string
}

// same reports WithGlobal(own, global) the keys drawn, without building it.
func (km *keysMemo) same(own, global []key.Binding) bool {
	i := 0
	next := func(k key.Binding) bool {
		if i >= len(km.keys) || km.keys[i] != helpOf(k) {
			return false
		}
		i++
		return true
	}
	for _, k := range own {
		if !next(k) {
			return false
		}
	}
	for _, k := range global {
		if !hasKey(own, k.Help().Key) && !next(k) {
			return false
		}
	}
	return i == len(km.keys)
}

type footerMemo struct {
	status, keys, out string
	width             int
}
