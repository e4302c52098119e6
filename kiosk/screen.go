package kiosk

import (
	"hash/maphash"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// screen draws a session's frames the moment a message has changed them,
// in the program's own goroutine, rewriting only the lines that changed;
// its output is byte for byte what Bubble Tea v1's renderer writes for an
// alt-screen program. That renderer flushes on a 60 fps ticker: per
// session a goroutine and 60 wake-ups a second while nothing changes, a
// copy of the whole frame on every tick once a message has left the view
// as it was, and up to a frame's wait before a key is drawn.
type screen struct {
	out           io.Writer
	width, height int
	// The last frame's view and lines, as hashes: kept whole they cost a
	// frame's size a session. A collision (odds 2⁻⁶⁴) would leave one
	// line stale until it changes again.
	seed  maphash.Seed
	view  uint64   // 0 after a repaint
	lines []uint64 // of the lines on the terminal
	drawn int      // how many lines the last frame had
}

// What Bubble Tea writes around a program run WithAltScreen and
// WithMouseCellMotion, with bracketed paste.
const (
	screenStart = ansi.HideCursor + ansi.SetAltScreenSaveCursorMode + ansi.EraseEntireScreen +
		ansi.CursorHomePosition + ansi.HideCursor + ansi.SetBracketedPasteMode +
		ansi.SetButtonEventMouseMode + ansi.SetSgrExtMouseMode
	screenStop = ansi.EraseEntireLine + "\r" + ansi.ResetBracketedPasteMode + ansi.ShowCursor +
		ansi.ResetButtonEventMouseMode + ansi.ResetAnyEventMouseMode + ansi.ResetSgrExtMouseMode +
		ansi.ResetAltScreenSaveCursorMode + ansi.ShowCursor
)

func newScreen(out io.Writer, width, height int) *screen {
	return &screen{out: out, width: width, height: height, seed: maphash.MakeSeed()}
}

func (s *screen) start() { _, _ = io.WriteString(s.out, screenStart) }

// stop leaves the alternate screen, the cursor shown, mouse and
// bracketed paste off.
func (s *screen) stop() { _, _ = io.WriteString(s.out, screenStop) }

// resize draws the next frame whole when the size changed.
func (s *screen) resize(width, height int) {
	if width == s.width && height == s.height {
		return
	}
	s.width, s.height = width, height
	s.repaint()
}

func (s *screen) repaint() { s.view, s.lines = 0, s.lines[:0] }

// clear empties the screen and the scrollback; the next frame is drawn
// whole.
func (s *screen) clear() {
	_, _ = io.WriteString(s.out, clearScrollback+ansi.EraseEntireScreen+ansi.CursorHomePosition)
	s.repaint()
}

// draw writes the lines of view that differ from the last frame's, cut
// to the window.
func (s *screen) draw(view string) {
	if b := s.render(view); len(b) > 0 {
		_, _ = s.out.Write(b)
	}
}

// render is draw without the write: what to write, nil for nothing.
func (s *screen) render(view string) []byte {
	if view == "" {
		view = " " // a frame of nothing clears the last one
	}
	h := maphash.String(s.seed, view) | 1 // never 0, the repainted
	if h == s.view {
		return nil
	}
	lines := strings.Split(view, "\n")
	if s.height > 0 && len(lines) > s.height {
		lines = lines[len(lines)-s.height:]
	}
	hashes := make([]uint64, len(lines))
	buf := make([]byte, 0, 256)
	buf = append(buf, ansi.CursorHomePosition...)
	for i, line := range lines {
		last := i == len(lines)-1
		hashes[i] = maphash.String(s.seed, line)
		if i < len(s.lines) && s.lines[i] == hashes[i] {
			if !last {
				buf = append(buf, '\n')
			}
			continue
		}
		if i == 0 && s.view == 0 {
			buf = append(buf, '\r')
		}
		w := ansi.StringWidth(line)
		if s.width > 0 && w > s.width {
			line = ansi.Truncate(line, s.width, "")
			w = ansi.StringWidth(line)
		}
		buf = append(buf, line...)
		if w < s.width {
			buf = append(buf, ansi.EraseLineRight...)
		}
		if !last {
			buf = append(buf, "\r\n"...)
		}
	}
	if s.drawn > len(lines) {
		buf = append(buf, ansi.EraseScreenBelow...)
	}
	s.drawn = len(lines)
	buf = append(buf, ansi.CursorPosition(0, len(lines))...)
	s.view, s.lines = h, hashes
	return buf
}
