package main

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// screen is a small terminal: enough of xterm to keep the text that Bubble
// Tea, ncurses and urwid draw, and to answer the queries a real terminal
// answers (background colour, cursor position, device attributes), so
// programs start as fast as they would in one. Colours and attributes are
// not kept: the harness reads text.
type screen struct {
	w, h      int
	cells     [][]rune // 0 is blank; wideTail is the second cell of a wide rune
	main, alt [][]rune
	x, y      int
	wrapNext  bool
	savedX    int
	savedY    int
	top, bot  int     // scroll region, inclusive
	g         [2]bool // G0, G1 hold DEC line drawing
	shift     int     // SO selects G1
	p         *ansi.Parser
	reply     []byte // answers to queries, for the caller to write back
	queries   int    // how many queries were answered
}

const wideTail = -1

func newScreen(w, h int) *screen {
	s := &screen{w: w, h: h}
	s.main, s.alt = s.grid(), s.grid()
	s.cells = s.main
	s.bot = h - 1
	s.p = ansi.NewParser()
	s.p.SetParamsSize(32)
	s.p.SetDataSize(4096)
	s.p.SetHandler(ansi.Handler{
		Print:     s.print,
		Execute:   s.execute,
		HandleCsi: s.csi,
		HandleEsc: s.esc,
		HandleOsc: s.osc,
	})
	return s
}

func (s *screen) grid() [][]rune {
	g := make([][]rune, s.h)
	for i := range g {
		g[i] = make([]rune, s.w)
	}
	return g
}

// write feeds program output to the screen.
func (s *screen) write(b []byte) { s.p.Parse(b) }

// takeReply returns the answers queued since the last call.
func (s *screen) takeReply() []byte {
	r := s.reply
	s.reply = nil
	return r
}

// text is the screen as lines, trailing blanks cut.
func (s *screen) text() string {
	var b strings.Builder
	for i, row := range s.cells {
		if i > 0 {
			b.WriteByte('\n')
		}
		var line strings.Builder
		for _, r := range row {
			switch r {
			case wideTail:
			case 0:
				line.WriteByte(' ')
			default:
				line.WriteRune(r)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
	}
	return b.String()
}

// blank reports whether nothing is drawn.
func (s *screen) blank() bool {
	for _, row := range s.cells {
		for _, r := range row {
			if r != 0 && r != ' ' {
				return false
			}
		}
	}
	return true
}

var decGraphics = map[rune]rune{
	'`': '◆', 'a': '▒', 'f': '°', 'g': '±', 'j': '┘', 'k': '┐', 'l': '┌', 'm': '└', 'n': '┼',
	'q': '─', 't': '├', 'u': '┤', 'v': '┴', 'w': '┬', 'x': '│', '~': '·',
}

func (s *screen) print(r rune) {
	if s.g[s.shift] {
		if g, ok := decGraphics[r]; ok {
			r = g
		}
	}
	width := 1
	if r >= 0x80 {
		width = ansi.StringWidth(string(r))
	}
	if width == 0 {
		return // combining marks change no cell
	}
	if s.wrapNext || s.x+width > s.w {
		s.x, s.wrapNext = 0, false
		s.lineFeed()
	}
	s.cells[s.y][s.x] = r
	if width == 2 && s.x+1 < s.w {
		s.cells[s.y][s.x+1] = wideTail
	}
	s.x += width
	if s.x >= s.w {
		s.x, s.wrapNext = s.w-1, true
	}
}

func (s *screen) execute(b byte) {
	switch b {
	case '\r':
		s.x, s.wrapNext = 0, false
	case '\n', '\v', '\f':
		s.lineFeed()
	case '\b':
		s.x, s.wrapNext = max(s.x-1, 0), false
	case '\t':
		s.x = min((s.x/8+1)*8, s.w-1)
	case ansi.SO:
		s.shift = 1
	case ansi.SI:
		s.shift = 0
	}
}

// lineFeed moves down, scrolling the region at its bottom.
func (s *screen) lineFeed() {
	s.wrapNext = false
	if s.y == s.bot {
		s.scrollUp(1)
		return
	}
	s.y = min(s.y+1, s.h-1)
}

func (s *screen) reverseIndex() {
	s.wrapNext = false
	if s.y == s.top {
		s.scrollDown(1)
		return
	}
	s.y = max(s.y-1, 0)
}

func (s *screen) scrollUp(n int) {
	for range min(n, s.bot-s.top+1) {
		copy(s.cells[s.top:s.bot+1], s.cells[s.top+1:s.bot+1])
		s.cells[s.bot] = make([]rune, s.w)
	}
}

func (s *screen) scrollDown(n int) {
	for range min(n, s.bot-s.top+1) {
		copy(s.cells[s.top+1:s.bot+1], s.cells[s.top:s.bot])
		s.cells[s.top] = make([]rune, s.w)
	}
}

func (s *screen) esc(cmd ansi.Cmd) {
	switch cmd.Intermediate() {
	case '(':
		s.g[0] = cmd.Final() == '0'
		return
	case ')':
		s.g[1] = cmd.Final() == '0'
		return
	case 0:
	default:
		return
	}
	switch cmd.Final() {
	case '7':
		s.savedX, s.savedY = s.x, s.y
	case '8':
		s.x, s.y, s.wrapNext = s.savedX, s.savedY, false
	case 'D':
		s.lineFeed()
	case 'E':
		s.x = 0
		s.lineFeed()
	case 'M':
		s.reverseIndex()
	case 'c':
		s.main, s.alt = s.grid(), s.grid()
		s.cells, s.top, s.bot, s.g, s.shift = s.main, 0, s.h-1, [2]bool{}, 0
		s.moveTo(0, 0)
	}
}

func (s *screen) csi(cmd ansi.Cmd, params ansi.Params) {
	n := func(i int) int { v, _, _ := params.Param(i, 1); return max(v, 1) }
	zero := func(i int) int { v, _, _ := params.Param(i, 0); return v }
	if cmd.Intermediate() != 0 {
		return // DECRQM, DECSCUSR and the like change no text
	}
	prefix := cmd.Prefix()
	switch cmd.Final() {
	case 'A':
		s.moveTo(s.x, s.y-n(0))
	case 'B', 'e':
		s.moveTo(s.x, s.y+n(0))
	case 'C', 'a':
		s.moveTo(s.x+n(0), s.y)
	case 'D':
		s.moveTo(s.x-n(0), s.y)
	case 'E':
		s.moveTo(0, s.y+n(0))
	case 'F':
		s.moveTo(0, s.y-n(0))
	case 'G', '`':
		s.moveTo(n(0)-1, s.y)
	case 'd':
		s.moveTo(s.x, n(0)-1)
	case 'H', 'f':
		s.moveTo(n(1)-1, n(0)-1)
	case 'J':
		s.eraseDisplay(zero(0))
	case 'K':
		s.eraseLine(zero(0))
	case 'X':
		s.clear(s.y, s.x, min(s.x+n(0), s.w))
	case 'P':
		row := s.cells[s.y]
		k := min(n(0), s.w-s.x)
		copy(row[s.x:], row[s.x+k:])
		clear(row[s.w-k:])
	case '@':
		row := s.cells[s.y]
		k := min(n(0), s.w-s.x)
		copy(row[s.x+k:], row[s.x:s.w-k])
		clear(row[s.x : s.x+k])
	case 'L', 'M':
		if s.y < s.top || s.y > s.bot {
			return
		}
		top := s.top
		s.top = s.y
		if cmd.Final() == 'L' {
			s.scrollDown(n(0))
		} else {
			s.scrollUp(n(0))
		}
		s.top = top
		s.x = 0
	case 'S':
		s.scrollUp(n(0))
	case 'T':
		if prefix == 0 {
			s.scrollDown(n(0))
		}
	case 'r':
		if prefix != 0 {
			return
		}
		top, bot := n(0)-1, s.h-1
		if v, _, ok := params.Param(1, 0); ok && v > 0 {
			bot = v - 1
		}
		if top < bot && bot < s.h {
			s.top, s.bot = top, bot
			s.moveTo(0, 0)
		}
	case 's':
		if prefix == 0 {
			s.savedX, s.savedY = s.x, s.y
		}
	case 'u':
		if prefix == 0 {
			s.x, s.y, s.wrapNext = s.savedX, s.savedY, false
		}
	case 'h', 'l':
		if prefix == '?' {
			for i := range params {
				s.privateMode(params[i].Param(0), cmd.Final() == 'h')
			}
		}
	case 'n':
		switch zero(0) {
		case 5:
			s.answer("\x1b[0n")
		case 6:
			q := ""
			if prefix == '?' {
				q = "?"
			}
			s.answer(fmt.Sprintf("\x1b[%s%d;%dR", q, s.y+1, s.x+1))
		}
	case 'c':
		if zero(0) != 0 {
			return
		}
		switch prefix {
		case 0:
			s.answer("\x1b[?62;22c") // VT220 with ANSI colour, as xterm says
		case '>':
			s.answer("\x1b[>41;390;0c")
		}
	}
}

func (s *screen) privateMode(mode int, on bool) {
	switch mode {
	case 1049, 1047, 47:
		if on == (&s.cells[0] == &s.alt[0]) {
			return
		}
		if on {
			if mode == 1049 {
				s.savedX, s.savedY = s.x, s.y
			}
			s.cells = s.alt
			s.eraseDisplay(2)
			return
		}
		s.cells = s.main
		if mode == 1049 {
			s.x, s.y = s.savedX, s.savedY
		}
	}
}

func (s *screen) osc(cmd int, data []byte) {
	if cmd < 10 || cmd > 12 || !strings.HasSuffix(string(data), ";?") {
		return
	}
	colour := map[int]string{10: "d0d0/d0d0/d0d0", 11: "1c1c/1c1c/1c1c", 12: "d0d0/d0d0/d0d0"}[cmd]
	s.answer(fmt.Sprintf("\x1b]%d;rgb:%s\x1b\\", cmd, colour))
}

func (s *screen) answer(a string) {
	s.reply = append(s.reply, a...)
	s.queries++
}

func (s *screen) moveTo(x, y int) {
	s.x, s.y, s.wrapNext = min(max(x, 0), s.w-1), min(max(y, 0), s.h-1), false
}

func (s *screen) clear(y, from, to int) {
	if from < to {
		clear(s.cells[y][from:to])
	}
}

func (s *screen) eraseLine(mode int) {
	switch mode {
	case 0:
		s.clear(s.y, s.x, s.w)
	case 1:
		s.clear(s.y, 0, s.x+1)
	case 2:
		s.clear(s.y, 0, s.w)
	}
}

func (s *screen) eraseDisplay(mode int) {
	switch mode {
	case 0:
		s.eraseLine(0)
		for y := s.y + 1; y < s.h; y++ {
			s.clear(y, 0, s.w)
		}
	case 1:
		for y := 0; y < s.y; y++ {
			s.clear(y, 0, s.w)
		}
		s.eraseLine(1)
	case 2, 3:
		for y := range s.h {
			s.clear(y, 0, s.w)
		}
	}
}
