package tui

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/makiuchi-d/gozxing"
	zxingqr "github.com/makiuchi-d/gozxing/qrcode"
	"github.com/skip2/go-qrcode"

	"github.com/mfa-demo/mfa-demo/aws/mfa"
)

// The seeds below are made up for the tests; they protect no account.
var (
	// qrEmulatorURI has the shape the emulator hands out: a 160-bit seed.
	qrEmulatorURI = mfa.URI("mfa-demo-mfa-abcd1234", "000000000000", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
	// qrAWSURI has the shape real AWS hands out: a 64-character seed.
	qrAWSURI = mfa.URI("mfa-demo-mfa-abcd1234", "000000000000",
		"765432ZYXWVUTSRQPONMLKJIHGFEDCBAABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
)

// qrURIs are the URI shapes the TUI will show.
var qrURIs = []struct {
	name string
	uri  string
}{
	{"emulator 32-char seed", qrEmulatorURI},
	{"AWS 64-char seed", qrAWSURI},
}

// qrModules maps rendered glyphs back to a module matrix, true for dark: the
// reverse of the renderer, written from the glyph meanings rather than from
// its code. It returns 2×len(lines) rows, padding half-row included.
func qrModules(lines []string) ([][]bool, error) {
	var rows [][]bool
	for i, line := range lines {
		top, bottom := []bool{}, []bool{}
		for _, r := range line {
			switch r {
			case '█':
				top, bottom = append(top, true), append(bottom, true)
			case '▀':
				top, bottom = append(top, true), append(bottom, false)
			case '▄':
				top, bottom = append(top, false), append(bottom, true)
			case ' ':
				top, bottom = append(top, false), append(bottom, false)
			default:
				return nil, fmt.Errorf("line %d: unexpected glyph %q", i, r)
			}
		}
		rows = append(rows, top, bottom)
	}
	return rows, nil
}

// qrDecode draws the matrix as an image, 4×4 px per module and nothing added
// around it (the quiet zone must come from the renderer), and reads it back
// with the ZXing QR reader.
func qrDecode(modules [][]bool) (string, error) {
	const scale = 4
	img := image.NewGray(image.Rect(0, 0, len(modules[0])*scale, len(modules)*scale))
	for y := range img.Bounds().Dy() {
		for x := range img.Bounds().Dx() {
			c := color.Gray{Y: 255}
			if modules[y/scale][x/scale] {
				c = color.Gray{Y: 0}
			}
			img.SetGray(x, y, c)
		}
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", fmt.Errorf("binarize: %w", err)
	}
	res, err := zxingqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		return "", fmt.Errorf("decode: %w", err)
	}
	return res.GetText(), nil
}

func newTestQR(t testing.TB, uri string) QR {
	t.Helper()
	q, err := NewQR(uri)
	if err != nil {
		t.Fatalf("NewQR: %v", err)
	}
	return q
}

func TestQRRoundTrip(t *testing.T) {
	for _, tc := range qrURIs {
		t.Run(tc.name, func(t *testing.T) {
			q := newTestQR(t, tc.uri)
			stripped := make([]string, len(q.Lines))
			for i, l := range q.Lines {
				stripped[i] = ansi.Strip(l)
			}
			for _, v := range []struct {
				name  string
				lines []string
			}{
				{"Plain", q.Plain},
				{"Lines without SGR", stripped},
			} {
				modules, err := qrModules(v.lines)
				if err != nil {
					t.Fatalf("%s: %v", v.name, err)
				}
				got, err := qrDecode(modules)
				if err != nil {
					t.Fatalf("%s: %v", v.name, err)
				}
				if got != tc.uri {
					t.Errorf("%s decodes to %q, want %q", v.name, got, tc.uri)
				}
			}
		})
	}
}

// TestQRModulesMatchEncoder checks the drawing module by module against the
// encoder's own bitmap: decoders correct errors, so a decode alone would
// forgive a few misplaced modules.
func TestQRModulesMatchEncoder(t *testing.T) {
	for _, tc := range qrURIs {
		t.Run(tc.name, func(t *testing.T) {
			q := newTestQR(t, tc.uri)
			code, err := qrcode.New(tc.uri, qrcode.Low)
			if err != nil {
				t.Fatal(err)
			}
			code.DisableBorder = true
			want := code.Bitmap()
			modules, err := qrModules(q.Plain)
			if err != nil {
				t.Fatal(err)
			}
			if q.Modules != len(want) {
				t.Fatalf("Modules = %d, want %d", q.Modules, len(want))
			}
			for y, row := range want {
				for x, dark := range row {
					if got := modules[y+2][x+2]; got != dark {
						t.Fatalf("module (%d,%d) dark = %v, want %v", x, y, got, dark)
					}
				}
			}
		})
	}
}

func TestQRQuietZone(t *testing.T) {
	for _, tc := range qrURIs {
		t.Run(tc.name, func(t *testing.T) {
			q := newTestQR(t, tc.uri)
			modules, err := qrModules(q.Plain)
			if err != nil {
				t.Fatal(err)
			}
			side := q.Modules + 4
			if q.Width != side || q.Height != (side+1)/2 {
				t.Fatalf("Width×Height = %d×%d, want %d×%d for %d modules", q.Width, q.Height, side, (side+1)/2, q.Modules)
			}
			if len(modules) != side+1 || len(modules[0]) != side {
				t.Fatalf("drawn %d×%d modules, want %d×%d", len(modules[0]), len(modules), side, side+1)
			}
			// Rows 0-1 and side-2..side are the top and bottom quiet zones
			// plus the padding half-row; columns likewise, without padding.
			for y := range modules {
				for x := range side {
					inZone := y < 2 || y >= side-2 || x < 2 || x >= side-2
					if inZone && modules[y][x] {
						t.Errorf("module (%d,%d) in the quiet zone is dark", x, y)
					}
				}
			}
			// The finder patterns start right after two light modules, so
			// the zone is exactly two wide, not more.
			for _, corner := range [][2]int{{2, 2}, {side - 3, 2}, {2, side - 3}} {
				if !modules[corner[1]][corner[0]] {
					t.Errorf("finder corner (%d,%d) is light", corner[0], corner[1])
				}
			}
		})
	}
}

func TestQRLineWidths(t *testing.T) {
	// The colours make the code scannable, so NO_COLOR must not drop them.
	t.Setenv("NO_COLOR", "1")
	for _, tc := range qrURIs {
		t.Run(tc.name, func(t *testing.T) {
			q := newTestQR(t, tc.uri)
			if len(q.Lines) != q.Height || len(q.Plain) != q.Height {
				t.Fatalf("%d Lines, %d Plain, want Height %d", len(q.Lines), len(q.Plain), q.Height)
			}
			for i := range q.Height {
				if w := ansi.StringWidth(q.Plain[i]); w != q.Width {
					t.Errorf("Plain[%d] width %d, want %d", i, w, q.Width)
				}
				if w := ansi.StringWidth(q.Lines[i]); w != q.Width {
					t.Errorf("Lines[%d] width %d, want %d", i, w, q.Width)
				}
				if strings.Contains(q.Plain[i], "\x1b") {
					t.Errorf("Plain[%d] holds an escape sequence", i)
				}
				if !strings.HasPrefix(q.Lines[i], "\x1b[38;5;16;48;5;231m") || !strings.HasSuffix(q.Lines[i], "\x1b[0m") {
					t.Errorf("Lines[%d] = %q, want black on white, reset at the end", i, q.Lines[i])
				}
				if got := ansi.Strip(q.Lines[i]); got != q.Plain[i] {
					t.Errorf("Lines[%d] without SGR differs from Plain[%d]", i, i)
				}
			}
		})
	}
}

func TestQRFits(t *testing.T) {
	// An 80×24 terminal keeps a header and a help line, and a blank line
	// between them and the code.
	const termWidth, termHeight = 80, 24 - 3
	for _, tc := range qrURIs {
		if q := newTestQR(t, tc.uri); !q.Fits(termWidth, termHeight) {
			t.Errorf("%s: QR is %d×%d cells, does not fit %d×%d", tc.name, q.Width, q.Height, termWidth, termHeight)
		}
	}

	q := newTestQR(t, qrAWSURI)
	for _, tc := range []struct {
		name          string
		width, height int
		want          bool
	}{
		{"exact size", q.Width, q.Height, true},
		{"larger", q.Width + 10, q.Height + 10, true},
		{"one column short", q.Width - 1, q.Height, false},
		{"one row short", q.Width, q.Height - 1, false},
		{"empty window", 0, 0, false},
	} {
		if got := q.Fits(tc.width, tc.height); got != tc.want {
			t.Errorf("%s: Fits(%d, %d) = %v, want %v", tc.name, tc.width, tc.height, got, tc.want)
		}
	}
}

// TestQRCorruptionIsCaught is the negative control of the round trip: a
// rendering gone wrong in any of these ways must not read back as the URI.
func TestQRCorruptionIsCaught(t *testing.T) {
	q := newTestQR(t, qrEmulatorURI)
	for _, tc := range []struct {
		name   string
		mutate func(lines []string) []string
	}{
		{"halves swapped", func(lines []string) []string {
			swap := strings.NewReplacer("▀", "▄", "▄", "▀")
			out := make([]string, len(lines))
			for i, l := range lines {
				out[i] = swap.Replace(l)
			}
			return out
		}},
		{"dark and light swapped", func(lines []string) []string {
			swap := strings.NewReplacer("▀", "▄", "▄", "▀", "█", " ", " ", "█")
			out := make([]string, len(lines))
			for i, l := range lines {
				out[i] = swap.Replace(l)
			}
			return out
		}},
		{"bottom halves lost", func(lines []string) []string {
			drop := strings.NewReplacer("▄", " ", "█", "▀")
			out := make([]string, len(lines))
			for i, l := range lines {
				out[i] = drop.Replace(l)
			}
			return out
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			modules, err := qrModules(tc.mutate(q.Plain))
			if err != nil {
				t.Fatal(err)
			}
			if got, err := qrDecode(modules); err == nil && got == qrEmulatorURI {
				t.Errorf("corrupted rendering still decodes to the URI")
			}
		})
	}
}

func TestNewQRErrors(t *testing.T) {
	// Past version 40 at level L (2953 bytes in byte mode) nothing can
	// encode it; lower case keeps the encoder in byte mode.
	secret := strings.Repeat("seed", 800)
	_, err := NewQR(mfa.URI("x", "1", secret))
	if err == nil {
		t.Fatal("NewQR of 3200 bytes succeeded, want an error")
	}
	if strings.Contains(err.Error(), "seedseed") {
		t.Errorf("error %q quotes the seed", err)
	}
	if errors.Unwrap(err) == nil {
		t.Errorf("error %q does not wrap the encoder's error", err)
	}
}

// TestQRGolden keeps a human-readable copy of the emulator-sized code in
// testdata so a change in the encoder or the drawing shows up in review.
// Regenerate with UPDATE_QR_GOLDEN=1 go test -run TestQRGolden ./tui/.
func TestQRGolden(t *testing.T) {
	q := newTestQR(t, qrEmulatorURI)
	got := strings.Join(q.Plain, "\n") + "\n"
	path := filepath.Join("testdata", "qr_emulator.golden")
	if os.Getenv("UPDATE_QR_GOLDEN") != "" {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (regenerate with UPDATE_QR_GOLDEN=1): %v", err)
	}
	if got != string(want) {
		t.Errorf("rendering differs from %s:\n%s", path, got)
	}
}

func BenchmarkNewQR(b *testing.B) {
	for _, tc := range qrURIs {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := NewQR(tc.uri); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
