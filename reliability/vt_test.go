package reliability

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// screen is a small terminal emulator: enough of xterm to draw what
// Bubble Tea's renderer writes (cursor moves, erases, the alternate
// screen) into a grid, so tests read what a person would see. It also
// notes the control strings it was sent (OSC, DCS, APC), which the app
// itself never writes beyond its terminal queries.
type screen struct {
	w, h       int
	main, alt  [][]rune
	grid       *[][]rune
	x, y       int
	wrapNext   bool // the last column was written: the next rune wraps
	savedX     int
	savedY     int
	altActive  bool
	cursorShow bool
	strings    []string // OSC, DCS, APC, PM and SOS payloads, in order
	// reply answers the terminal's queries (colours, cursor position,
	// device attributes), as a real terminal does; nil answers nothing.
	reply func([]byte)

	// parser state across writes
	state  int
	seq    []byte
	pend   []byte // an incomplete UTF-8 rune
	strEsc bool   // an ESC inside a control string: ST may follow
}

const (
	stGround = iota
	stEsc
	stCSI
	stString // OSC, DCS, APC, PM, SOS: up to BEL or ST
)

func newScreen(w, h int) *screen {
	s := &screen{w: w, h: h, cursorShow: true}
	s.main, s.alt = blank(w, h), blank(w, h)
	s.grid = &s.main
	return s
}

func blank(w, h int) [][]rune {
	g := make([][]rune, h)
	for i := range g {
		g[i] = blankLine(w)
	}
	return g
}

func blankLine(w int) []rune {
	l := make([]rune, w)
	for i := range l {
		l[i] = ' '
	}
	return l
}

// Write feeds the terminal; it never fails.
func (s *screen) Write(p []byte) (int, error) {
	for _, b := range p {
		s.feed(b)
	}
	return len(p), nil
}

func (s *screen) feed(b byte) {
	switch s.state {
	case stEsc:
		s.escape(b)
		return
	case stCSI:
		s.seq = append(s.seq, b)
		if b >= 0x40 && b <= 0x7e {
			s.csi(string(s.seq))
			s.state, s.seq = stGround, nil
		}
		return
	case stString:
		switch {
		case b == 0x07:
			s.endString()
		case s.strEsc && b == '\\':
			s.seq = s.seq[:len(s.seq)-1]
			s.endString()
		default:
			s.strEsc = b == 0x1b
			s.seq = append(s.seq, b)
		}
		return
	}
	if len(s.pend) == 0 && b < 0x80 {
		s.control(b)
		return
	}
	s.pend = append(s.pend, b)
	if !utf8.FullRune(s.pend) {
		return
	}
	r, _ := utf8.DecodeRune(s.pend)
	s.pend = s.pend[:0]
	if r >= 0x80 && r < 0xa0 {
		return // C1 controls: a UTF-8 terminal ignores them
	}
	s.print(r)
}

func (s *screen) endString() {
	str := string(s.seq)
	s.strings = append(s.strings, str)
	s.state, s.seq, s.strEsc = stGround, nil, false
	switch str {
	case "]11;?": // background: black
		s.answer("\x1b]11;rgb:0000/0000/0000\x1b\\")
	case "]10;?": // foreground: white
		s.answer("\x1b]10;rgb:ffff/ffff/ffff\x1b\\")
	}
}

func (s *screen) answer(a string) {
	if s.reply != nil {
		s.reply([]byte(a))
	}
}

func (s *screen) control(b byte) {
	switch b {
	case 0x1b:
		s.state = stEsc
	case '\r':
		s.x, s.wrapNext = 0, false
	case '\n', 0x0b, 0x0c:
		s.lineFeed()
	case '\b':
		if s.x > 0 {
			s.x--
		}
		s.wrapNext = false
	case '\t':
		s.x = min((s.x/8+1)*8, s.w-1)
	default:
		if b >= 0x20 && b < 0x7f {
			s.print(rune(b))
		}
	}
}

func (s *screen) escape(b byte) {
	s.state = stGround
	switch b {
	case '[':
		s.state, s.seq = stCSI, nil
	case ']', 'P', '_', '^', 'X':
		s.state, s.seq = stString, []byte{b}
	case '7':
		s.savedX, s.savedY = s.x, s.y
	case '8':
		s.x, s.y = s.savedX, s.savedY
	case 'M':
		if s.y > 0 {
			s.y--
		}
	case 'D':
		s.lineFeed()
	case 'E':
		s.x = 0
		s.lineFeed()
	}
}

func (s *screen) lineFeed() {
	s.wrapNext = false
	if s.y < s.h-1 {
		s.y++
		return
	}
	g := *s.grid
	copy(g, g[1:])
	g[s.h-1] = blankLine(s.w)
}

func (s *screen) print(r rune) {
	width := ansi.StringWidth(string(r))
	if width == 0 {
		return
	}
	if s.wrapNext {
		s.x = 0
		s.lineFeed()
	}
	g := *s.grid
	if s.x+width > s.w {
		s.x = 0
		s.lineFeed()
	}
	g[s.y][s.x] = r
	if width == 2 && s.x+1 < s.w {
		g[s.y][s.x+1] = 0
	}
	s.x += width
	if s.x >= s.w {
		s.x, s.wrapNext = s.w-1, true
	}
}

func (s *screen) csi(seq string) {
	final := seq[len(seq)-1]
	body := seq[:len(seq)-1]
	private := strings.HasPrefix(body, "?")
	body = strings.TrimLeft(body, "?>=<")
	var ps []int
	for p := range strings.SplitSeq(body, ";") {
		n, _ := strconv.Atoi(p)
		ps = append(ps, n)
	}
	arg := func(i, def int) int {
		if i < len(ps) && ps[i] > 0 {
			return ps[i]
		}
		return def
	}
	switch {
	case final == 'n' && body == "6":
		s.answer(fmt.Sprintf("\x1b[%d;%dR", s.y+1, s.x+1))
		return
	case final == 'c' && !strings.HasPrefix(seq, ">") && arg(0, 0) == 0:
		s.answer("\x1b[?62;22c") // DA1: a VT220 with colour
		return
	}
	s.wrapNext = false
	g := *s.grid
	switch final {
	case 'A':
		s.y = max(s.y-arg(0, 1), 0)
	case 'B':
		s.y = min(s.y+arg(0, 1), s.h-1)
	case 'C':
		s.x = min(s.x+arg(0, 1), s.w-1)
	case 'D':
		s.x = max(s.x-arg(0, 1), 0)
	case 'E':
		s.x, s.y = 0, min(s.y+arg(0, 1), s.h-1)
	case 'F':
		s.x, s.y = 0, max(s.y-arg(0, 1), 0)
	case 'G':
		s.x = min(arg(0, 1), s.w) - 1
	case 'H', 'f':
		s.y, s.x = min(arg(0, 1), s.h)-1, min(arg(1, 1), s.w)-1
	case 'J':
		switch arg(0, 0) {
		case 0:
			s.eraseLine(s.y, s.x, s.w)
			for y := s.y + 1; y < s.h; y++ {
				g[y] = blankLine(s.w)
			}
		case 1:
			s.eraseLine(s.y, 0, s.x+1)
			for y := 0; y < s.y; y++ {
				g[y] = blankLine(s.w)
			}
		default:
			for y := range g {
				g[y] = blankLine(s.w)
			}
		}
	case 'K':
		switch arg(0, 0) {
		case 0:
			s.eraseLine(s.y, s.x, s.w)
		case 1:
			s.eraseLine(s.y, 0, s.x+1)
		default:
			s.eraseLine(s.y, 0, s.w)
		}
	case 'h', 'l':
		if !private {
			return
		}
		on := final == 'h'
		for _, p := range ps {
			switch p {
			case 25:
				s.cursorShow = on
			case 1049, 1047, 47:
				if on == s.altActive {
					continue
				}
				s.altActive = on
				if on {
					s.savedX, s.savedY = s.x, s.y
					s.alt = blank(s.w, s.h)
					s.grid = &s.alt
				} else {
					s.grid = &s.main
					s.x, s.y = s.savedX, s.savedY
				}
			}
		}
	}
}

func (s *screen) eraseLine(y, from, to int) {
	line := (*s.grid)[y]
	for x := max(from, 0); x < min(to, s.w); x++ {
		line[x] = ' '
	}
}

// Lines is the visible screen, one string per row, trailing spaces cut.
func (s *screen) Lines() []string {
	out := make([]string, s.h)
	for y, row := range *s.grid {
		var b strings.Builder
		for _, r := range row {
			if r != 0 {
				b.WriteRune(r)
			}
		}
		out[y] = strings.TrimRight(b.String(), " ")
	}
	return out
}

// Text is the visible screen as one string.
func (s *screen) Text() string { return strings.Join(s.Lines(), "\n") }

// The emulator draws what Bubble Tea's renderer writes: the alternate
// screen, cursor homing, erasing to the end of the line, wide runes and
// the wrap at the last column.
func TestScreen(t *testing.T) {
	s := newScreen(10, 4)
	var replies []string
	s.reply = func(b []byte) { replies = append(replies, string(b)) }
	s.Write([]byte("shell$ ls\r\n\x1b]11;?\x1b\\\x1b[6n\x1b[?1049h\x1b[?25l"))
	s.Write([]byte("\x1b[H\rfirst line is long\x1b[K\r\n\x1b[1mbo\x1b[0mld\x1b[K\r\n界x"))
	if got, want := s.Text(), "first line\n is long\nbold\n界x"; got != want {
		t.Errorf("screen:\n%s\nwant it to start:\n%s", got, want)
	}
	s.Write([]byte("\x1b[H\x1b[2Knew\x1b[3;1H\x1b[K界"))
	if got, want := s.Text(), "new\n is long\n界\n界x"; got != want {
		t.Errorf("screen:\n%q\nwant\n%q", got, want)
	}
	if !s.altActive || s.cursorShow {
		t.Errorf("alt %v cursor %v, want the alternate screen, cursor hidden", s.altActive, s.cursorShow)
	}
	s.Write([]byte("\x1b[?1049l\x1b[?25h"))
	if s.altActive || !s.cursorShow || !strings.HasPrefix(s.Text(), "shell$ ls") {
		t.Errorf("after leaving: alt %v cursor %v screen:\n%s", s.altActive, s.cursorShow, s.Text())
	}
	if want := []string{"\x1b]11;rgb:0000/0000/0000\x1b\\", "\x1b[2;1R"}; strings.Join(replies, "|") != strings.Join(want, "|") {
		t.Errorf("replies %q, want %q", replies, want)
	}
}
