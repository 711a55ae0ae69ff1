package tui

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/width"

	"github.com/mfa-demo/mfa-demo/text"
)

// screenPixels reads a rendered frame the way a terminal shows it: each cell is one pixel
// wide and two tall (its top and bottom halves), dark where a block's foreground or the
// cell's background is black (colour 16). Text and any other colour read as light. It is
// written from what the glyphs and SGR codes mean, not from the renderer.
func screenPixels(frame string) [][]bool {
	var rows [][]bool
	wide := 0
	for _, line := range strings.Split(frame, "\n") {
		fg, bg := -1, -1
		var top, bottom []bool
		for i := 0; i < len(line); {
			if line[i] == '\x1b' && i+1 < len(line) && line[i+1] == '[' {
				end := i + 2
				for end < len(line) && (line[end] < '@' || line[end] > '~') {
					end++
				}
				if end < len(line) && line[end] == 'm' {
					fg, bg = applySGR(line[i+2:end], fg, bg)
				}
				i = end + 1
				continue
			}
			r, n := utf8.DecodeRuneInString(line[i:])
			i += n
			t, b := false, false
			switch r {
			case '█':
				t, b = fg == 16, fg == 16
			case '▀':
				t, b = fg == 16, bg == 16
			case '▄':
				t, b = bg == 16, fg == 16
			case ' ':
				t, b = bg == 16, bg == 16
			}
			for range max(ansi.StringWidth(string(r)), 1) {
				top, bottom = append(top, t), append(bottom, b)
			}
		}
		rows = append(rows, top, bottom)
		wide = max(wide, len(top))
	}
	for i := range rows {
		for len(rows[i]) < wide {
			rows[i] = append(rows[i], false)
		}
	}
	return rows
}

// applySGR applies one SGR sequence's parameters to the 256-colour foreground and
// background; -1 is the default (or a colour given otherwise, which is never black here).
func applySGR(params string, fg, bg int) (int, int) {
	ps := strings.Split(params, ";")
	for i := 0; i < len(ps); i++ {
		switch ps[i] {
		case "", "0":
			fg, bg = -1, -1
		case "39":
			fg = -1
		case "49":
			bg = -1
		case "38", "48":
			target, c := ps[i], -1
			switch {
			case i+2 < len(ps) && ps[i+1] == "5":
				c, _ = strconv.Atoi(ps[i+2])
				i += 2
			case i+4 < len(ps) && ps[i+1] == "2":
				i += 4
			}
			if target == "38" {
				fg = c
			} else {
				bg = c
			}
		}
	}
	return fg, bg
}

// TestQRDecodesFromTheScreen walks to the QR screen in each drawing and reads the code back
// from the rendered frame, text beside it and all: half blocks at 80×24, full blocks
// (--qr full), background spaces for a terminal that draws ambiguous width wide, and each
// doubled on a large window.
func TestQRDecodesFromTheScreen(t *testing.T) {
	type qrCase struct {
		name          string
		opts          Options
		width, height int
		drawing       int // 0 for the large one
		cellsPer      int // cells a module is wide
	}
	tests := []qrCase{
		{"half blocks at 80x24", Options{}, 80, 24, 1, 1},
		{"half blocks doubled on a projector", Options{}, 200, 50, 0, 2},
		{"full blocks", Options{QR: QRFull}, 140, 50, 1, 2},
		{"full blocks doubled", Options{QR: QRFull}, 260, 100, 0, 4},
		{"wide ambiguous width", Options{AmbiguousWidth: WidthWide}, 140, 50, 1, 2},
		{"wide ambiguous width doubled", Options{AmbiguousWidth: WidthWide}, 260, 100, 0, 4},
		{"wide ambiguous width asked for full blocks", Options{AmbiguousWidth: WidthWide, QR: QRFull}, 140, 50, 1, 2},
	}
	// Every language at 80×24, in both widths: the sentences beside the code differ.
	for _, tag := range text.Tags() {
		table, _ := text.Lookup(tag.String())
		tests = append(tests,
			qrCase{"half blocks at 80x24 in " + tag.String(), Options{Text: table}, 80, 24, 1, 1},
			qrCase{"wide ambiguous width in " + tag.String(), Options{Text: table, AmbiguousWidth: WidthWide}, 140, 50, 1, 2})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newTestModel(t, tt.opts)
			m = walk(t, m, stateQR)
			m = send(t, m, tea.WindowSizeMsg{Width: tt.width, Height: tt.height})
			screenW, screenH := m.qrSize()
			if i, ok := m.qr.drawing(screenW, screenH); !ok || i != tt.drawing {
				t.Fatalf("drawing %d (fits %v), want %d", i, ok, tt.drawing)
			}
			rendered := m.render()
			if got := m.qr.drawings[tt.drawing].Width / (m.qr.qr.Modules + 2*qrQuietZone); got != tt.cellsPer {
				t.Errorf("a module is %d cells wide, want %d", got, tt.cellsPer)
			}
			got, err := qrDecode(screenPixels(rendered))
			if err != nil {
				t.Fatalf("the screen does not decode: %v\n%s", err, ansi.Strip(rendered))
			}
			if got != testURI {
				t.Errorf("the screen decodes to %q, want %q", got, testURI)
			}
			if tt.opts.AmbiguousWidth == WidthWide && strings.ContainsAny(ansi.Strip(rendered), "▀▄█") {
				t.Errorf("the wide rendering draws block glyphs")
			}
		})
	}
}

// TestWideQRTooSmallSaysTheSize: background spaces make the code twice as wide, more than
// 80 columns; the screen names the size it needs and shows the secret instead.
func TestWideQRTooSmallSaysTheSize(t *testing.T) {
	m, _ := newTestModel(t, Options{AmbiguousWidth: WidthWide})
	m = walk(t, m, stateQR)
	f := frame(m)
	want := fmt.Sprintf("at least %dx%d", m.qr.qr.Width, m.qr.qr.Height+chromeRows)
	if m.qr.qr.Width <= 80 || !strings.Contains(f, want) || !strings.Contains(f, "JBSW Y3DP") {
		t.Errorf("at 80×24 a %d-wide code should name %q and show the secret:\n%s", m.qr.qr.Width, want, f)
	}
}

// withoutAmbiguous is tt with every East Asian ambiguous-width character in its sentences
// made "?", so that a frame drawn with it shows what the TUI itself adds.
func withoutAmbiguous(tt text.Text) text.Text {
	v := reflect.ValueOf(&tt).Elem()
	clean(v)
	return tt
}

func clean(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(strings.Map(func(r rune) rune {
			if width.LookupRune(r).Kind() == width.EastAsianAmbiguous {
				return '?'
			}
			return r
		}, v.String()))
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Field(i).CanSet() {
				clean(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice {
			c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			reflect.Copy(c, v)
			v.Set(c)
		}
		for i := range v.Len() {
			clean(v.Index(i))
		}
	case reflect.Map:
		c := reflect.MakeMap(v.Type())
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			clean(e)
			c.SetMapIndex(k, e)
		}
		v.Set(c)
	}
}

// TestWideChromeHasNoAmbiguousCharacters draws every screen, with each overlay, for a
// terminal that draws ambiguous width wide: no character of the frame may be ambiguous
// but the sentences' own (replaced here) and the data's.
func TestWideChromeHasNoAmbiguousCharacters(t *testing.T) {
	tt := withoutAmbiguous(text.English)
	states := []state{stateWelcome, stateRunning, stateQR, stateEnable, statePolicy, stateWithout, stateWithCode, stateWith, stateTeardown, stateSummary}
	for _, st := range states {
		at, _ := newTestModel(t, Options{Text: tt, AmbiguousWidth: WidthWide})
		at = walk(t, at, st)
		for _, overlay := range []string{"", "l", "?", "q"} {
			m := at
			if overlay != "" && st != stateSummary && st != stateTeardown {
				m = press(t, m, overlay)
			}
			for _, size := range [][2]int{{80, 24}, {140, 50}, {50, 14}} {
				m = send(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				for _, r := range ansi.Strip(m.render()) {
					if width.LookupRune(r).Kind() == width.EastAsianAmbiguous {
						t.Errorf("state %d overlay %q at %dx%d draws %q (U+%04X)", st, overlay, size[0], size[1], r, r)
						break
					}
				}
			}
		}
	}
}
