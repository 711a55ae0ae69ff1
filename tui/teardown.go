package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// teardownScreen is the checklist of deletions, ticked as progress reports arrive and
// completed by the final report.
type teardownScreen struct {
	items  []scenario.TeardownItem
	report *scenario.TeardownReport
	err    error
	cause  error              // the failure that started the teardown, if any
	wait   *scenario.Progress // the latest retry or call still waiting, while it runs
}

// track records an item's new state, in the order items first appear. Reports travel apart
// from the final report and may arrive after it; the final report has the last word.
func (t teardownScreen) track(item scenario.TeardownItem) teardownScreen {
	if t.report != nil {
		return t
	}
	for i, it := range t.items {
		if it.Action == item.Action && it.Resource == item.Resource {
			t.items[i] = item
			return t
		}
	}
	t.items = append(t.items, item)
	return t
}

// finish takes the final report, which is the truth about every item, and the teardown's
// error.
func (t teardownScreen) finish(result any, err error) teardownScreen {
	rep, _ := result.(scenario.TeardownReport)
	t.report = &rep
	t.items = append([]scenario.TeardownItem(nil), rep.Items...)
	t.err = err
	return t
}

// complete reports whether the teardown finished and left nothing behind.
func (t teardownScreen) complete() bool {
	return t.report != nil && t.err == nil && len(t.report.Remaining) == 0 && t.report.QRFileErr == nil
}

// checklist renders the items, one a line, in columns: mark, action, what became of the
// resource, the resource. A resource too long for width loses its middle, not its tail: the
// end of an ARN is the name that tells two runs apart.
func (t teardownScreen) checklist(sh *shared, spin string, width int) []string {
	return t.lines(sh, spin, width, true)
}

// checklistOnly is the checklist without the items' errors, for the summary, which shows
// them in its details pane.
func (t teardownScreen) checklistOnly(sh *shared, spin string, width int) []string {
	return t.lines(sh, spin, width, false)
}

func (t teardownScreen) lines(sh *shared, spin string, width int, errs bool) []string {
	tt, st := sh.text.TUI.Teardown, sh.st
	actionWidth, statusWidth := 0, 0
	for _, it := range t.items {
		actionWidth = max(actionWidth, lipgloss.Width(it.Action))
		statusWidth = max(statusWidth, lipgloss.Width(sh.text.ItemStatus(it)))
	}
	var lines []string
	for _, it := range t.items {
		var mark string
		switch it.Status {
		case scenario.ItemDeleted:
			mark = st.good.Render(glyphDone)
		case scenario.ItemAlreadyGone:
			mark = st.good.Render(glyphGone)
		case scenario.ItemFailed:
			mark = st.bad.Render(glyphFailed)
		default:
			mark = spin
		}
		status := sh.text.ItemStatus(it)
		action := it.Action + strings.Repeat(" ", actionWidth-lipgloss.Width(it.Action))
		status += strings.Repeat(" ", statusWidth-lipgloss.Width(status))
		// The status goes before the resource: the resource is what a narrow window shortens.
		lead := 2 + actionWidth + 2 + statusWidth + 2
		line := mark + " " + action + "  " + st.dim.Render(status) + "  " + st.bold.Render(cutMiddle(it.Resource, width-lead))
		if errs && it.Err != nil {
			line += "  " + st.bad.Render(it.Err.Error())
		}
		lines = append(lines, line)
	}
	if t.report != nil && t.report.QRFile != "" {
		if t.report.QRFileErr != nil {
			lines = append(lines, st.bad.Render(glyphFailed)+" "+fmt.Sprintf(tt.PngKept, t.report.QRFile, t.report.QRFileErr))
		} else {
			lines = append(lines, st.good.Render(glyphDone)+" "+tt.PngGone)
		}
	}
	return lines
}

// cutMiddle shortens s to width cells by replacing its middle with "…", keeping more of the
// tail than of the head. Below a width where both ends stay legible it leaves s to be cut.
func cutMiddle(s string, width int) string {
	const legible = 16
	w := lipgloss.Width(s)
	if w <= width || width < legible {
		return s
	}
	head := (width - 1) / 3
	tail := width - 1 - head
	return ansi.Cut(s, 0, head) + glyphEllipsis + ansi.Cut(s, w-tail, w)
}

// remaining lists what is still in the account, under a heading, and how to remove it.
func (t teardownScreen) remaining(sh *shared, width int) []string {
	rem := t.leftovers(sh, width)
	if rem == nil {
		return nil
	}
	return append([]string{sh.st.bad.Render(wrap(sh.text.TUI.Teardown.Remaining, width))}, rem...)
}

// leftovers is remaining without its heading, for the summary, whose own line heads it.
func (t teardownScreen) leftovers(sh *shared, width int) []string {
	if t.report == nil || len(t.report.Remaining) == 0 {
		return nil
	}
	st, tt := sh.st, sh.text.TUI.Teardown
	var lines []string
	if d := t.report.GaveUpRefused; d > 0 {
		lines = append(lines, st.bad.Render(wrap(fmt.Sprintf(sh.text.Plain.GaveUpRefused, d.Round(time.Second)), width)))
	}
	for _, r := range t.report.Remaining {
		lines = append(lines, "  "+r)
	}
	if t.report.CleanupCommand == "" {
		return append(lines, wrap(sh.text.Command.AbortEmulator, width))
	}
	// The command is never wrapped: it must paste as one line.
	lines = append(lines, tt.RemoveWith, "  "+st.bold.Render(t.report.CleanupCommand))
	if t.report.Journal != "" {
		lines = append(lines, st.dim.Render(wrap(fmt.Sprintf(tt.Journal, t.report.Journal), width)))
	}
	return lines
}

func (t teardownScreen) view(sh *shared, spin string, width, height int) string {
	tt, st := sh.text.TUI.Teardown, sh.st
	rw := readable(width)
	lines := []string{st.title.Render(tt.Heading), ""}
	if t.cause != nil {
		lines = append(lines, st.bad.Render(wrap(fmt.Sprintf(tt.AfterFail, sh.text.Describe(t.cause)), rw)), "")
	}
	if t.report == nil {
		lines = append(lines, spin+" "+tt.Running)
		switch w := t.wait; {
		case w != nil && w.Call != nil:
			lines = append(lines, st.dim.Render(wrap(callWait(sh.text, w.Call), rw)))
		case w != nil && w.Retry > 0:
			lines = append(lines, st.dim.Render(wrap(fmt.Sprintf(sh.text.Plain.TeardownRetry, w.Code, w.Attempt, scenario.TeardownPasses, w.Retry), rw)))
		}
		lines = append(lines, "")
	}
	lines = append(lines, t.checklist(sh, spin, width)...)
	if rem := t.remaining(sh, rw); rem != nil {
		lines = append(append(lines, ""), rem...)
	}
	if t.err != nil {
		lines = append(lines, "", st.bad.Render(wrap(t.err.Error(), rw)))
	}
	return fit(strings.Join(lines, "\n"), width, height)
}
