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

// QRStyle is how the QR code is drawn in terminal cells.
type QRStyle int

const (
	// QRHalf draws two module rows per line with the half blocks ▀ ▄ █: the smallest code.
	QRHalf QRStyle = iota
	// QRFull draws one module row per line, each module two full blocks wide, for
	// terminals that leave space between lines (where half blocks leave gaps).
	QRFull
	// QRBackground draws each module as two spaces in a dark or light background: no
	// glyph at all, so a terminal that draws East Asian ambiguous-width characters
	// (▀ ▄ █ among them) double-width draws it right. One module row per line.
	QRBackground
)

// qrDark and qrLight are the background of a dark and a light module in QRBackground.
const (
	qrDark  = "\x1b[48;5;16m"
	qrLight = "\x1b[48;5;231m"
)

// QR is an otpauth URI drawn as a QR code in terminal cells: level L error
// correction and a quiet zone of two modules. QRHalf puts two module rows in a
// cell with the half blocks ▀ ▄ █ (the foreground is a dark module, the
// background a light one); the symbol always has an odd number of module rows,
// so the bottom half of its last line is one extra light half-row. QRFull and
// QRBackground give each module two cells of one line, and scale multiplies
// both sides.
//
// Build it once with NewQR and keep it: encoding costs far more than a frame.
type QR struct {
	// Lines are the rows to print, each with explicit black-on-white SGR. The
	// colours are part of what makes the code scannable, so they stay even
	// under NO_COLOR.
	Lines []string
	// Plain are the same rows without SGR, for tests and for --plain output,
	// where the terminal's own foreground stands for a dark module: half and
	// full blocks, also for QRBackground.
	Plain []string
	// Width and Height are the size in terminal cells, quiet zone included.
	Width, Height int
	// Modules is the side of the symbol in modules, without the quiet zone.
	Modules int
}

// NewQR encodes uri as a QR code at error-correction level L and draws it with
// half blocks. The error never quotes uri, which carries the MFA seed.
func NewQR(uri string) (QR, error) {
	symbol, err := qrSymbol(uri)
	if err != nil {
		return QR{}, err
	}
	return drawQR(symbol, QRHalf, 1), nil
}

// qrSymbol encodes uri as a QR code at error-correction level L: its modules, true for
// dark, without the quiet zone.
func qrSymbol(uri string) ([][]bool, error) {
	code, err := qrcode.New(uri, qrcode.Low)
	if err != nil {
		return nil, fmt.Errorf("encode otpauth URI (%d bytes) as a QR code: %w", len(uri), err)
	}
	code.DisableBorder = true
	return code.Bitmap(), nil
}

// drawQR draws symbol in style, each module scale times as wide and tall as the
// style's own.
func drawQR(symbol [][]bool, style QRStyle, scale int) QR {
	side := len(symbol) + 2*qrQuietZone
	dark := func(row, col int) bool {
		row -= qrQuietZone
		col -= qrQuietZone
		if row < 0 || col < 0 || row >= len(symbol) || col >= len(symbol) {
			return false
		}
		return symbol[row][col]
	}
	// A module is cols cells wide and halves half-rows tall: square on a terminal,
	// whose cells are about twice as tall as wide.
	cols, halves := scale, scale
	if style != QRHalf {
		cols, halves = 2*scale, 2*scale
	}
	q := QR{
		Width:   side * cols,
		Height:  (side*halves + 1) / 2,
		Modules: len(symbol),
	}
	var plain, line strings.Builder
	for cell := range q.Height {
		plain.Reset()
		line.Reset()
		bg := ""
		for x := range q.Width {
			top := dark(2*cell/halves, x/cols)
			bottom := dark((2*cell+1)/halves, x/cols)
			plain.WriteRune(halfBlock(top, bottom))
			if style != QRBackground {
				continue
			}
			// Whole module rows per line: top and bottom are the same module.
			want := qrLight
			if top {
				want = qrDark
			}
			if want != bg {
				bg = want
				line.WriteString(bg)
			}
			line.WriteByte(' ')
		}
		q.Plain = append(q.Plain, plain.String())
		if style == QRBackground {
			q.Lines = append(q.Lines, line.String()+qrReset)
		} else {
			q.Lines = append(q.Lines, qrColours+plain.String()+qrReset)
		}
	}
	return q
}

// qrDrawings are the drawings of uri that the QR screen chooses from, largest first: for
// a projector, twice the module size, which scans from the back of a room; then the
// normal one. wide says the terminal draws ambiguous-width characters double-width, so
// no glyph is used at all.
func qrDrawings(uri string, style QRStyle, wide bool) ([]QR, error) {
	symbol, err := qrSymbol(uri)
	if err != nil {
		return nil, err
	}
	if wide {
		style = QRBackground
	}
	if style == QRHalf {
		// Twice a half-block module is a full-block one.
		return []QR{drawQR(symbol, QRFull, 1), drawQR(symbol, QRHalf, 1)}, nil
	}
	return []QR{drawQR(symbol, style, 2), drawQR(symbol, style, 1)}, nil
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
