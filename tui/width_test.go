package tui

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/width"
)

// fakeTerminal is a terminal for the width probe: it moves its cursor as it draws what it
// is sent, ▀ and the other ambiguous-width characters taking two cells when wide, and
// answers a cursor position request (CSI 6n) unless it is silent.
type fakeTerminal struct {
	wide, silent bool
	typed        string // keys pressed before the answer arrives
	col          int
	drawn        strings.Builder
	r            *io.PipeReader
	w            *io.PipeWriter
}

func newFakeTerminal(wide, silent bool, typed string) *fakeTerminal {
	f := &fakeTerminal{wide: wide, silent: silent, typed: typed, col: 1}
	f.r, f.w = io.Pipe()
	return f
}

func (f *fakeTerminal) Read(p []byte) (int, error) { return f.r.Read(p) }

func (f *fakeTerminal) Write(p []byte) (int, error) {
	s := string(p)
	for s != "" {
		switch {
		case strings.HasPrefix(s, "\x1b[6n"):
			s = s[4:]
			if !f.silent {
				go fmt.Fprintf(f.w, "%s\x1b[7;%dR", f.typed, f.col)
			}
		case strings.HasPrefix(s, "\x1b[K"):
			s = s[3:]
			f.drawn.Reset()
		case s[0] == '\r':
			s = s[1:]
			f.col = 1
		default:
			r := []rune(s)[0]
			s = s[len(string(r)):]
			f.drawn.WriteRune(r)
			f.col++
			if f.wide && width.LookupRune(r).Kind() == width.EastAsianAmbiguous {
				f.col++
			}
		}
	}
	return len(p), nil
}

// cancel stands for cancelreader's Cancel: the read in flight ends.
func (f *fakeTerminal) cancel() bool {
	f.r.CloseWithError(io.ErrClosedPipe)
	return true
}

func TestProbeAmbiguousWidth(t *testing.T) {
	tests := []struct {
		name         string
		wide, silent bool
		typed        string
		want, failed bool
	}{
		{"narrow terminal", false, false, "", false, false},
		{"wide terminal", true, false, "", true, false},
		{"a key pressed meanwhile", true, false, "x\x1b[A", true, false},
		{"a terminal that does not answer", false, true, "", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			term := newFakeTerminal(tt.wide, tt.silent, tt.typed)
			start := time.Now()
			got, err := probeAmbiguousWidth(term, term, term.cancel, 100*time.Millisecond)
			if got != tt.want || (err != nil) != tt.failed {
				t.Errorf("probe = %v, %v; want %v, failed %v", got, err, tt.want, tt.failed)
			}
			if elapsed := time.Since(start); elapsed > time.Second {
				t.Errorf("the probe took %v", elapsed)
			}
			if term.drawn.Len() != 0 {
				t.Errorf("the probe left %q on the screen", term.drawn.String())
			}
		})
	}
}

func TestParseFlags(t *testing.T) {
	for s, want := range map[string]AmbiguousWidth{"auto": WidthAuto, "narrow": WidthNarrow, "wide": WidthWide} {
		if got, ok := ParseAmbiguousWidth(s); !ok || got != want {
			t.Errorf("ParseAmbiguousWidth(%q) = %v, %v", s, got, ok)
		}
	}
	for s, want := range map[string]QRStyle{"half": QRHalf, "full": QRFull} {
		if got, ok := ParseQRStyle(s); !ok || got != want {
			t.Errorf("ParseQRStyle(%q) = %v, %v", s, got, ok)
		}
	}
	if _, ok := ParseAmbiguousWidth("double"); ok {
		t.Error("ParseAmbiguousWidth(double) is ok")
	}
	if _, ok := ParseQRStyle("background"); ok {
		t.Error("ParseQRStyle(background) is ok: that drawing follows from the width")
	}
}
