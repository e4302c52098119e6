package kiosk

import (
	"bytes"
	"strings"
	"testing"
)

func TestScreenDrawsOnlyWhatChanged(t *testing.T) {
	var out bytes.Buffer
	s := newScreen(&out, 10, 4)
	step := func(view, want string) {
		t.Helper()
		out.Reset()
		s.draw(view)
		if got := out.String(); got != want {
			t.Errorf("draw(%q):\n got %q\nwant %q", view, got, want)
		}
	}
	// The first frame: from home, each line ending in erase-right when
	// shorter than the window, the cursor left on the last line.
	step("ab\ncd\nef", "\x1b[H\rab\x1b[K\r\ncd\x1b[K\r\nef\x1b[K\x1b[3;H")
	// Unchanged lines are stepped over.
	step("ab\nXY\nef", "\x1b[H\nXY\x1b[K\r\n\x1b[3;H")
	// The same view again writes nothing.
	step("ab\nXY\nef", "")
	// Fewer lines erase what is below; a line as wide as the window needs
	// no erase, a wider one is cut.
	step("0123456789abc", "\x1b[H0123456789\x1b[J\x1b[H")
	// More lines than the window keep the last ones.
	step("1\n2\n3\n4\n5", "\x1b[H2\x1b[K\r\n3\x1b[K\r\n4\x1b[K\r\n5\x1b[K\x1b[4;H")
	// An empty view clears the last one.
	step("", "\x1b[H \x1b[K\x1b[J\x1b[H")
}

func TestScreenRepaintsWholeAfterResizeOrClear(t *testing.T) {
	var out bytes.Buffer
	s := newScreen(&out, 10, 4)
	s.draw("ab\ncd")
	out.Reset()
	s.resize(10, 4) // the same size: nothing to redo
	s.draw("ab\ncd")
	if out.Len() != 0 {
		t.Errorf("same size, same view: wrote %q", out.String())
	}
	s.resize(12, 5)
	s.draw("ab\ncd")
	if got, want := out.String(), "\x1b[H\rab\x1b[K\r\ncd\x1b[K\x1b[2;H"; got != want {
		t.Errorf("after a resize: got %q, want %q", got, want)
	}
	out.Reset()
	s.clear()
	s.draw("ab\ncd")
	if got, want := out.String(), "\x1b[3J\x1b[2J\x1b[H"+"\x1b[H\rab\x1b[K\r\ncd\x1b[K\x1b[2;H"; got != want {
		t.Errorf("after a clear: got %q, want %q", got, want)
	}
	out.Reset()
	s.stop()
	if got := out.String(); !strings.HasSuffix(got, "\x1b[?1049l\x1b[?25h") || !strings.Contains(got, "\x1b[?1002l") {
		t.Errorf("stop: %q, want the alternate screen left, mouse off and the cursor shown", got)
	}
}
