package qrcode

import (
	"strings"
	"testing"

	"rsc.io/qr"
)

// The blocks read back as the code's modules, dark on light, on either
// background, inside a light margin.
func TestRenderReadsBackAsTheCode(t *testing.T) {
	const text = "a_8f14e45fceea167a5a36dedd4bea2543"
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		t.Fatal(err)
	}
	for _, darkBg := range []bool{true, false} {
		out, err := Render(text, darkBg)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(out, "\n")
		size := code.Size + 2*quiet
		if len(lines) != (size+1)/2 {
			t.Fatalf("dark=%v: %d lines for %d modules", darkBg, len(lines), size)
		}
		for ly, line := range lines {
			cells := []rune(line)
			if len(cells) != size {
				t.Fatalf("dark=%v: line %d is %d wide, want %d", darkBg, ly, len(cells), size)
			}
			for x, r := range cells {
				top := r == '█' || r == '▀'
				bottom := r == '█' || r == '▄'
				for i, filled := range []bool{top, bottom} {
					y := 2*ly + i
					mx, my := x-quiet, y-quiet
					dark := mx >= 0 && my >= 0 && mx < code.Size && my < code.Size && code.Black(mx, my)
					if got := filled != darkBg; got != dark {
						t.Fatalf("dark=%v: module (%d,%d) reads dark=%v, want %v", darkBg, mx, my, got, dark)
					}
				}
			}
		}
	}
}
