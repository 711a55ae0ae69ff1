package tui

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/muesli/cancelreader"
)

// AmbiguousWidth is how a terminal draws characters of East Asian ambiguous width (▀ ▄ █,
// box drawing, arrows, …): one cell, as most do, or two, as some CJK setups do (an opt-in
// in iTerm2, VTE and mintty; the Windows console on a Japanese code page).
type AmbiguousWidth int

const (
	// WidthAuto asks the terminal (see detectAmbiguousWidth).
	WidthAuto AmbiguousWidth = iota
	// WidthNarrow is one cell.
	WidthNarrow
	// WidthWide is two cells: the QR code is drawn without glyphs, the borders in ASCII.
	WidthWide
)

// ParseAmbiguousWidth reads --ambiguous-width: auto, narrow or wide.
func ParseAmbiguousWidth(s string) (AmbiguousWidth, bool) {
	w, ok := map[string]AmbiguousWidth{"auto": WidthAuto, "narrow": WidthNarrow, "wide": WidthWide}[s]
	return w, ok
}

// ParseQRStyle reads --qr: half or full.
func ParseQRStyle(s string) (QRStyle, bool) {
	q, ok := map[string]QRStyle{"half": QRHalf, "full": QRFull}[s]
	return q, ok
}

// probeTimeout is how long a terminal has to say where its cursor is. Terminals answer
// within milliseconds; one that does not answer at all is taken to draw narrow.
const probeTimeout = 300 * time.Millisecond

// errNoAnswer is a terminal that did not answer the cursor position request in time.
var errNoAnswer = errors.New("the terminal did not report its cursor position")

// detectAmbiguousWidth asks the terminal on stdin and stdout how wide it draws ▀, before
// Bubble Tea takes the terminal; anything that goes wrong means narrow, the common case.
func detectAmbiguousWidth() AmbiguousWidth {
	state, err := term.MakeRaw(os.Stdin.Fd())
	if err != nil {
		return WidthNarrow
	}
	defer term.Restore(os.Stdin.Fd(), state)
	in, err := cancelreader.NewReader(os.Stdin)
	if err != nil {
		return WidthNarrow
	}
	defer in.Close()
	wide, err := probeAmbiguousWidth(in, os.Stdout, in.Cancel, probeTimeout)
	if err != nil || !wide {
		return WidthNarrow
	}
	return WidthWide
}

// probeAmbiguousWidth prints one ▀ at the start of a line, asks for the cursor position
// (CSI 6n; the answer is CSI row;col R) and erases the line again: the cursor in column 3
// means ▀ took two cells. The terminal's input is in, its output out; cancel stops a read
// of in that timeout ends.
func probeAmbiguousWidth(in io.Reader, out io.Writer, cancel func() bool, timeout time.Duration) (bool, error) {
	if _, err := io.WriteString(out, "\r▀\x1b[6n"); err != nil {
		return false, fmt.Errorf("probe the terminal: %w", err)
	}
	defer io.WriteString(out, "\r\x1b[K")
	type answer struct {
		col int
		err error
	}
	answers := make(chan answer, 1)
	go func() {
		col, err := readCursorColumn(bufio.NewReader(in))
		answers <- answer{col, err}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case a := <-answers:
		if a.err != nil {
			return false, a.err
		}
		return a.col >= 3, nil
	case <-timer.C:
		cancel()
		<-answers
		return false, errNoAnswer
	}
}

// readCursorColumn reads up to a cursor position report, CSI row;col R, and returns its
// column; whatever comes before it (a key pressed meanwhile, its own escape sequence
// included) is dropped.
func readCursorColumn(r *bufio.Reader) (int, error) {
	for {
		if _, err := r.ReadBytes('\x1b'); err != nil {
			return 0, fmt.Errorf("read the cursor position: %w", err)
		}
		var seq []byte
		for {
			b, err := r.ReadByte()
			if err != nil {
				return 0, fmt.Errorf("read the cursor position: %w", err)
			}
			seq = append(seq, b)
			// A control sequence ends at its final byte, @ to ~ (the [ after ESC is none).
			if len(seq) > 1 && b >= '@' && b <= '~' || b == '\x1b' {
				break
			}
		}
		var row, col int
		if n, _ := fmt.Sscanf(string(seq), "[%d;%dR", &row, &col); n == 2 && seq[len(seq)-1] == 'R' {
			return col, nil
		}
		if seq[len(seq)-1] == '\x1b' {
			if err := r.UnreadByte(); err != nil {
				return 0, fmt.Errorf("read the cursor position: %w", err)
			}
		}
	}
}
