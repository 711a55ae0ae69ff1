package tui

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"
)

// Layout limits. Below minWidth×minHeight the TUI only says how big it needs to be; from
// railMinWidth on, the progress rail stays beside every screen instead of taking the whole
// body between pauses.
const (
	minWidth      = 40
	minHeight     = 12
	railMinWidth  = 110
	railWidth     = 34
	readableWidth = 88 // paragraphs wrap here even on a 200-column projector
)

// fit makes s exactly the given size: longer lines are cut (never wrapped, so the row count
// is what the layout planned), missing lines are blank. Widths are display cells, so wide
// (CJK) text is measured right.
func fit(s string, width, height int) string {
	if width <= 0 || height <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if lipgloss.Width(l) > width {
			lines[i] = ansi.Truncate(l, width, glyphEllipsis)
		}
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// fitAbove is fit for a screen whose last lines are its call to action: body gets the rows
// foot leaves, so a short window cuts the body, never the foot.
func fitAbove(body, foot string, width, height int) string {
	footHeight := lipgloss.Height(foot)
	if footHeight >= height {
		return fit(foot, width, height)
	}
	return fit(body, width, height-footHeight) + "\n" + fit(foot, width, footHeight)
}

// wrap breaks a paragraph into lines of at most width cells. It breaks where Unicode line
// breaking (UAX #14) allows, which in Japanese is between most characters, since Japanese
// has no spaces; but between two narrow characters only at a space, so that an identifier
// (AccessDenied, aws:MultiFactorAuthPresent, an ARN) stays whole where UAX #14 would break
// after its hyphen or slash. A token wider than width alone is cut at width cells. s is
// plain text: style it after wrapping. The newlines in it stay.
func wrap(s string, width int) string {
	if width <= 0 {
		return s
	}
	paras := strings.Split(s, "\n")
	for i, p := range paras {
		paras[i] = wrapLine(p, width)
	}
	return strings.Join(paras, "\n")
}

// wrapLine is wrap for text without newlines.
func wrapLine(s string, width int) string {
	var lines []string
	line, lineWidth := "", 0
	pending := "" // the spaces after the line's last token: kept only if another follows
	for _, tok := range lineTokens(s) {
		word := strings.TrimRight(tok, " ")
		w := ansi.StringWidth(word)
		if lineWidth > 0 && lineWidth+ansi.StringWidth(pending)+w > width {
			lines = append(lines, line)
			line, lineWidth, pending = "", 0, ""
		}
		line += pending + word
		lineWidth = ansi.StringWidth(line)
		pending = tok[len(word):]
		for lineWidth > width {
			head, tail := cutCells(line, width)
			lines = append(lines, head)
			line, lineWidth = tail, ansi.StringWidth(tail)
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// lineTokens splits s at its line-break opportunities (UAX #14, from uniseg), each token
// with the spaces after it, and glues back the tokens of one identifier: an opportunity
// between two narrow characters that is not after a space.
func lineTokens(s string) []string {
	var toks []string
	state := -1
	for s != "" {
		var seg string
		seg, s, _, state = uniseg.FirstLineSegmentInString(s, state)
		if n := len(toks); n > 0 && glued(toks[n-1], seg) {
			toks[n-1] += seg
			continue
		}
		toks = append(toks, seg)
	}
	return toks
}

// glued reports whether the break opportunity between a and b is inside an identifier.
func glued(a, b string) bool {
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	return !unicode.IsSpace(last) && narrowRune(last) && narrowRune(first)
}

// narrowRune reports whether r takes one cell: Latin letters, digits and ASCII punctuation,
// not CJK.
func narrowRune(r rune) bool { return ansi.StringWidth(string(r)) == 1 }

// cutCells splits s after at most width cells, between grapheme clusters; a wide character
// that would straddle the cut goes to the tail.
func cutCells(s string, width int) (head, tail string) {
	w, i, state := 0, 0, -1
	rest := s
	for rest != "" {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		cw := ansi.StringWidth(cluster)
		if w+cw > width && i > 0 {
			break
		}
		w += cw
		i += len(cluster)
	}
	return s[:i], s[i:]
}

// wrapWords breaks s at spaces only, for text that is copied rather than read: CLI commands
// and parameters, where a break after the hyphen of "--serial-number" would not paste. A
// token wider than width alone is still cut, at width cells.
func wrapWords(s string, width int) string {
	if width <= 0 {
		return s
	}
	var lines []string
	line, lineWidth := "", 0
	for i, word := range strings.Split(s, " ") {
		w := lipgloss.Width(word)
		switch {
		case i == 0:
			line, lineWidth = word, w
		case lineWidth+1+w <= width || strings.TrimSpace(line) == "":
			// An indent alone is no line: a long token starts beside it and is cut.
			line, lineWidth = line+" "+word, lineWidth+1+w
		default:
			lines = append(lines, line)
			line, lineWidth = word, w
		}
		for lineWidth > width {
			lines = append(lines, ansi.Cut(line, 0, width))
			line = ansi.Cut(line, width, lineWidth)
			lineWidth = lipgloss.Width(line)
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// paragraphs wraps each entry and separates them with a blank line.
func paragraphs(ps []string, width int) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = wrap(p, width)
	}
	return strings.Join(out, "\n\n")
}

// readable is the width paragraphs wrap at within a body of width w.
func readable(w int) int {
	return min(w, readableWidth)
}

// labelled renders "label  value" rows with the labels padded to one column.
func labelled(st styles, rows [][2]string) string {
	wide := 0
	for _, r := range rows {
		wide = max(wide, lipgloss.Width(r[0]))
	}
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		pad := strings.Repeat(" ", wide-lipgloss.Width(r[0]))
		out = append(out, st.label.Render(r[0])+pad+"  "+r[1])
	}
	return strings.Join(out, "\n")
}

// seconds formats a duration for people: tenths of a second below a minute.
func seconds(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return d.Round(time.Second).String()
}

// waitText formats a wait for the next code window in whole seconds, rounded up.
func waitText(d time.Duration) string {
	return fmt.Sprintf("%d s", ceilSeconds(d))
}

// cellWidth is lipgloss.Width over several lines: the widest one.
func cellWidth(lines []string) int {
	w := 0
	for _, l := range lines {
		w = max(w, lipgloss.Width(l))
	}
	return w
}
