package tui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/table"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// styles is every lipgloss style the screens use. It is built once per background (light or
// dark) and handed to the screens; none of them builds its own.
type styles struct {
	header    lipgloss.Style
	title     lipgloss.Style
	dim       lipgloss.Style
	bold      lipgloss.Style
	label     lipgloss.Style
	good      lipgloss.Style
	bad       lipgloss.Style
	warn      lipgloss.Style
	running   lipgloss.Style
	highlight lipgloss.Style // the Condition block of a policy
	code      lipgloss.Style // authenticator digits
	panel     lipgloss.Style // a bordered box
	warnPanel lipgloss.Style
	overlay   lipgloss.Style // the quit question
	rail      lipgloss.Style // the progress column beside a screen

	help      help.Styles
	input     textinput.Styles
	table     table.Styles
	noColor   bool
	wide      bool
	isDark    bool
	accentClr color.Color
}

// The glyphs the screens draw around the words. None is of East Asian ambiguous width,
// which some CJK terminal setups draw double-width: ✓ ✗ ⚠ ▸ ◦ ⋅ ⋯ › are Neutral in Unicode's
// EastAsianWidth, where ○ · … → • are Ambiguous. Box drawing is Ambiguous too and has no
// Neutral counterpart, so the borders depend on the width mode (see newStyles).
const (
	glyphDone     = "✓"
	glyphFailed   = "✗"
	glyphGone     = "◦" // a teardown item that was already gone
	glyphWarn     = "⚠"
	glyphFocus    = "▸"
	glyphPending  = "⋅"
	glyphEllipsis = "⋯"
	glyphArrow    = "›"
	glyphSep      = " ⋅ "
)

// newStyles builds the styles for a dark or light background. With noColor (NO_COLOR set)
// it keeps bold, faint and reverse but no colour at all: meaning never rests on colour alone,
// every status also has its own glyph. wide says the terminal draws ambiguous-width
// characters double-width: the borders are then ASCII, since box drawing is ambiguous.
func newStyles(isDark, noColor, wide bool) styles {
	ld := lipgloss.LightDark(isDark)
	pick := func(light, dark string) color.Color {
		if noColor {
			return lipgloss.NoColor{}
		}
		return ld(lipgloss.Color(light), lipgloss.Color(dark))
	}
	accent := pick("#5A3FC0", "#B7A6FF")
	green := pick("#1B7F3B", "#5FD68A")
	red := pick("#B3261E", "#FF7A70")
	amber := pick("#8A5A00", "#FFC857")
	faint := pick("#6B6B6B", "#9A9A9A")
	hlBg := pick("#FFF1B8", "#4A3B00")

	s := styles{noColor: noColor, wide: wide, isDark: isDark, accentClr: accent}
	rounded, thick, double, normal := lipgloss.RoundedBorder(), lipgloss.ThickBorder(), lipgloss.DoubleBorder(), lipgloss.NormalBorder()
	if wide {
		rounded, thick, double, normal = lipgloss.ASCIIBorder(), lipgloss.ASCIIBorder(), lipgloss.ASCIIBorder(), lipgloss.ASCIIBorder()
	}
	s.header = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.title = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.dim = lipgloss.NewStyle().Foreground(faint).Faint(noColor)
	s.bold = lipgloss.NewStyle().Bold(true)
	s.label = lipgloss.NewStyle().Foreground(faint)
	s.good = lipgloss.NewStyle().Foreground(green).Bold(true)
	s.bad = lipgloss.NewStyle().Foreground(red).Bold(true)
	s.warn = lipgloss.NewStyle().Foreground(amber).Bold(true)
	s.running = lipgloss.NewStyle().Foreground(accent)
	s.highlight = lipgloss.NewStyle().Background(hlBg).Bold(true)
	if noColor {
		s.highlight = s.highlight.Reverse(true)
	}
	s.code = lipgloss.NewStyle().Bold(true).Foreground(green)
	s.panel = lipgloss.NewStyle().Border(rounded).BorderForeground(faint).Padding(0, 1)
	s.warnPanel = lipgloss.NewStyle().Border(thick).BorderForeground(amber).Padding(0, 1)
	s.overlay = lipgloss.NewStyle().Border(double).BorderForeground(accent).Padding(1, 2)
	s.rail = lipgloss.NewStyle().Border(normal, false, true, false, false).BorderForeground(faint).PaddingRight(1)

	s.help = help.DefaultStyles(isDark)
	s.help.ShortKey = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.help.FullKey = s.help.ShortKey
	s.help.ShortDesc = lipgloss.NewStyle().Foreground(faint)
	s.help.FullDesc = s.help.ShortDesc
	s.help.ShortSeparator = s.help.ShortDesc
	s.help.FullSeparator = s.help.ShortDesc
	s.help.Ellipsis = s.help.ShortDesc

	s.input = textinput.DefaultStyles(isDark)
	s.input.Focused.Prompt = lipgloss.NewStyle().Foreground(accent)
	s.input.Focused.Text = lipgloss.NewStyle().Bold(true)
	s.input.Blurred.Prompt = lipgloss.NewStyle().Foreground(faint)
	s.input.Blurred.Text = lipgloss.NewStyle()
	s.input.Focused.Placeholder = lipgloss.NewStyle().Foreground(faint)
	s.input.Blurred.Placeholder = s.input.Focused.Placeholder
	s.input.Cursor.Blink = false
	if noColor {
		s.input.Cursor.Color = nil
	} else {
		s.input.Cursor.Color = accent
	}

	s.table = table.Styles{
		Header:   lipgloss.NewStyle().Bold(true).Padding(0, 1).Border(normal, false, false, true, false).BorderForeground(faint),
		Cell:     lipgloss.NewStyle().Padding(0, 1),
		Selected: lipgloss.NewStyle(),
	}
	return s
}
