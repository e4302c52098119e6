// Package qrcode draws a QR code in a terminal, two rows of modules to a
// line in half blocks, so a phone can scan a booking's reference off the
// screen.
package qrcode

import (
	"strings"

	"rsc.io/qr"
)

// quiet is the margin of light modules around the code. The standard asks
// for four; two scan well and save four lines of a small terminal.
const quiet = 2

// Render draws text as a QR code. Scanners want dark modules on light, and
// a block is drawn in the terminal's text colour: on a dark background the
// light modules are the blocks, on a light one the dark modules are.
func Render(text string, darkBackground bool) (string, error) {
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		return "", err
	}
	size := code.Size + 2*quiet
	filled := func(x, y int) bool {
		x, y = x-quiet, y-quiet
		dark := x >= 0 && y >= 0 && x < code.Size && y < code.Size && code.Black(x, y)
		return dark != darkBackground
	}
	var b strings.Builder
	for y := 0; y < size; y += 2 {
		if y > 0 {
			b.WriteByte('\n')
		}
		for x := range size {
			top, bottom := filled(x, y), y+1 < size && filled(x, y+1)
			if y+1 >= size {
				bottom = darkBackground // the margin below the last row is light
			}
			switch {
			case top && bottom:
				b.WriteString("█")
			case top:
				b.WriteString("▀")
			case bottom:
				b.WriteString("▄")
			default:
				b.WriteByte(' ')
			}
		}
	}
	return b.String(), nil
}
