package tui

import (
	"fmt"
	"strings"

	"github.com/skip2/go-qrcode"
)

// qrQuietZone is the light margin, in modules, around the symbol. The QR
// specification asks for 4; 2 is what phone cameras need in practice and it
// is what lets a version 5 symbol (an emulator otpauth URI) fit 80×24.
const qrQuietZone = 2

// qrColours sets black on white from the 256-colour cube (16 is #000000, 231
// is #ffffff). The 16-colour SGR 30;47 would be cheaper, but terminal themes
// repaint those eight slots freely (Solarized's "black" is dark teal and many
// dark themes make "white" grey); the cube entries are left alone by themes
// in practice, so the contrast a camera needs survives any theme.
const qrColours = "\x1b[38;5;16;48;5;231m"

// qrReset ends each line's colours so nothing leaks into what the caller puts
// beside or below the QR code.
const qrReset = "\x1b[0m"

// QR is an otpauth URI drawn as a QR code in terminal cells: level L error
// correction, a quiet zone of two modules, and two module rows per cell using
// the half blocks ▀ ▄ █ (the foreground is a dark module, the background a
// light one). The symbol always has an odd number of module rows, so the
// bottom half of the last line is one extra light half-row.
//
// Build it once with NewQR and keep it: encoding costs far more than a frame.
type QR struct {
	// Lines are the rows to print, each wrapped in explicit black-on-white
	// SGR. The colours are part of what makes the code scannable, so they
	// stay even under NO_COLOR.
	Lines []string
	// Plain are the same rows without SGR, for tests and for --plain output,
	// where the terminal's own foreground stands for a dark module.
	Plain []string
	// Width and Height are the size in terminal cells, quiet zone included.
	Width, Height int
	// Modules is the side of the symbol in modules, without the quiet zone.
	Modules int
}

// NewQR encodes uri as a QR code at error-correction level L and draws it.
// The error never quotes uri, which carries the MFA seed.
func NewQR(uri string) (QR, error) {
	code, err := qrcode.New(uri, qrcode.Low)
	if err != nil {
		return QR{}, fmt.Errorf("encode otpauth URI (%d bytes) as a QR code: %w", len(uri), err)
	}
	code.DisableBorder = true
	symbol := code.Bitmap()

	side := len(symbol) + 2*qrQuietZone
	dark := func(row, col int) bool {
		row -= qrQuietZone
		col -= qrQuietZone
		if row < 0 || col < 0 || row >= len(symbol) || col >= len(symbol) {
			return false
		}
		return symbol[row][col]
	}

	q := QR{
		Width:   side,
		Height:  (side + 1) / 2,
		Modules: len(symbol),
	}
	var line strings.Builder
	for cell := range q.Height {
		line.Reset()
		for col := range side {
			line.WriteRune(halfBlock(dark(2*cell, col), dark(2*cell+1, col)))
		}
		plain := line.String()
		q.Plain = append(q.Plain, plain)
		q.Lines = append(q.Lines, qrColours+plain+qrReset)
	}
	return q, nil
}

// halfBlock is the glyph for one cell holding a top and a bottom module.
func halfBlock(top, bottom bool) rune {
	switch {
	case top && bottom:
		return '█'
	case top:
		return '▀'
	case bottom:
		return '▄'
	default:
		return ' '
	}
}

// Fits reports whether the QR code fits in width columns and height rows.
func (q QR) Fits(width, height int) bool {
	return q.Width <= width && q.Height <= height
}
