package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/table"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// withoutScreen shows step 8: the AccessDenied as the expected outcome with its reason, or a
// warning panel when the backend let the call through.
type withoutScreen struct {
	res     scenario.WithoutMFAResult
	showWhy bool // the explanation of the refusal is open
	offset  int  // the first line shown of a screen taller than its window
}

// keys are the screen's keys: why only for a refusal, scroll only when the screen is
// taller than its window.
func (w withoutScreen) keys(k keys, sh *shared, width, height int) []key.Binding {
	bs := []key.Binding{k.Continue}
	if w.res.Outcome == scenario.OutcomeDenied {
		bs = append(bs, k.Why)
	}
	if body, foot := w.parts(sh, width, height); lipgloss.Height(body) > height-lipgloss.Height(foot) {
		bs = append(bs, k.Up)
	}
	return bs
}

// scroll moves the screen by delta lines, within what its window hides.
func (w withoutScreen) scroll(delta int, sh *shared, width, height int) withoutScreen {
	body, foot := w.parts(sh, width, height)
	hidden := lipgloss.Height(body) - (height - lipgloss.Height(foot) - 1)
	w.offset = min(max(0, w.offset+delta), max(0, hidden))
	return w
}

func (w withoutScreen) view(sh *shared, width, height int) string {
	body, foot := w.parts(sh, width, height)
	return scrolled(sh, body, foot, w.offset, width, height)
}

// parts are the screen's body, which scrolls in a short window, and its call to action.
func (w withoutScreen) parts(sh *shared, width, height int) (body, foot string) {
	t, st := sh.text.TUI.Without, sh.st
	rw := readable(width)
	lines := []string{st.title.Render(wrap(t.Heading, rw)), ""}
	if w.res.Outcome == scenario.OutcomeDenied {
		lines = append(lines, st.good.Render(wrap(t.DeniedTitle, rw)), "")
		if w.showWhy {
			// The simulator's explanation takes the place of the prose one: both do not fit 80×24.
			title := fmt.Sprintf(sh.text.TUI.Why.Heading, sh.text.Step(sh.kind, scenario.StepWithoutMFA), w.res.ErrorCode)
			lines = append(lines, whyPanel(sh, title, w.res.Why, rw))
		} else {
			lines = append(lines, paragraphs(t.DeniedWhy, rw))
		}
		lines = append(lines, "", st.dim.Render(wrap(fmt.Sprintf(t.AwsSaid, strings.TrimSpace(w.res.ErrorCode+": "+w.res.Message)), rw)))
	} else {
		body := st.warn.Render(t.WarnTitle) + "\n\n" + paragraphs(t.WarnBody, rw-4)
		lines = append(lines, st.warnPanel.Render(body))
		if len(w.res.Buckets) > 0 {
			lines = append(lines, "", bucketTable(sh, w.res.Buckets, rw, max(3, height-len(lines)-6)).View())
		}
	}
	return strings.Join(lines, "\n"), "\n" + st.bold.Render(wrap(t.Next, rw))
}

// scrolled draws body from line offset above foot, which always stays; a body taller than
// the room says that there is more and how to see it.
func scrolled(sh *shared, body, foot string, offset, width, height int) string {
	lines := strings.Split(body, "\n")
	room := height - lipgloss.Height(foot)
	if len(lines) <= room || room < 2 {
		return fitAbove(body, foot, width, height)
	}
	offset = min(max(0, offset), len(lines)-(room-1))
	shown := append([]string(nil), lines[offset:offset+room-1]...)
	more := sh.text.TUI.Policy.MoreBelow
	if offset+room-1 >= len(lines) {
		more = sh.text.TUI.Policy.MoreAbove
	}
	shown = append(shown, sh.st.dim.Render(more))
	return fit(strings.Join(shown, "\n"), width, room) + "\n" + fit(foot, width, height-room)
}

// withScreen shows step 9: the identity of the MFA session and the bucket list.
type withScreen struct {
	res    scenario.WithMFAResult
	offset int // the first bucket shown, when the window has no room for them all
}

// keys are the screen's keys; scroll only when some buckets do not fit.
func (w withScreen) keys(k keys, sh *shared, width, height int) []key.Binding {
	if _, more := w.table(sh, width, height); more || w.offset > 0 {
		return []key.Binding{k.Continue, k.Up}
	}
	return []key.Binding{k.Continue}
}

// more reports whether buckets below the last one shown did not fit.
func (w withScreen) more(sh *shared, width, height int) bool {
	_, more := w.table(sh, width, height)
	return more
}

// scroll moves the bucket list by delta rows.
func (w withScreen) scroll(delta int) withScreen {
	w.offset = min(max(0, w.offset+delta), max(0, len(w.res.Buckets)-1))
	return w
}

func (w withScreen) view(sh *shared, width, height int) string {
	s, _ := w.table(sh, width, height)
	return s
}

// table draws the screen and reports whether buckets below the last one shown did not fit.
func (w withScreen) table(sh *shared, width, height int) (string, bool) {
	t, st := sh.text.TUI.With, sh.st
	rw := readable(width)
	lines := []string{
		st.title.Render(wrap(t.Heading, rw)), "",
		st.label.Render(t.Identity),
	}
	rows := [][2]string{{t.Account, w.res.Identity.Account}}
	if w.res.Before.Arn != "" && w.res.Before.Arn != w.res.Identity.Arn {
		// The assumed role: the caller is no longer the user.
		rows = append(rows, [2]string{t.Before, w.res.Before.Arn})
	}
	rows = append(rows,
		[2]string{t.Arn, st.bold.Render(w.res.Identity.Arn)},
		[2]string{t.UserID, w.res.Identity.UserID},
	)
	lines = append(lines, labelled(st, rows))
	if w.res.Retries > 0 {
		lines = append(lines, "", st.dim.Render(wrap(fmt.Sprintf(sh.text.Form(w.res.Retries, t.Retried), seconds(w.res.RetryElapsed), w.res.Retries), rw)))
	}
	lines = append(lines, "", st.label.Render(fmt.Sprintf(t.Buckets, len(w.res.Buckets))))
	tail := []string{"", st.bold.Render(wrap(t.Next, rw))}
	more := false
	if len(w.res.Buckets) == 0 {
		lines = append(lines, st.dim.Render(wrap(t.NoBucket, rw)))
	} else {
		used := lipgloss.Height(strings.Join(lines, "\n")) + len(tail)
		shown := w.res.Buckets[min(w.offset, len(w.res.Buckets)-1):]
		room := height - used
		tbl := bucketTable(sh, shown, rw, room)
		// The last bucket on the rows there is room for tells whether all fit.
		fits := func() bool {
			visible := strings.Split(ansi.Strip(tbl.View()), "\n")
			return strings.Contains(strings.Join(visible[:min(len(visible), max(room, 0))], "\n"), shown[len(shown)-1].Name)
		}
		if !fits() || w.offset > 0 {
			// Not every bucket fits: say so, and let up/down scroll the list. The hint
			// goes with the call to action, which a short window never cuts.
			room--
			tbl = bucketTable(sh, shown, rw, room)
			more = !fits()
			hint := sh.text.TUI.Policy.MoreBelow
			if !more {
				hint = sh.text.TUI.Policy.MoreAbove
			}
			lines = append(lines, tbl.View())
			tail = append([]string{st.dim.Render(hint)}, tail...)
		} else {
			lines = append(lines, tbl.View())
		}
	}
	// The way on stays on screen: a short window loses bucket rows, then the identity.
	return fitAbove(strings.Join(lines, "\n"), strings.Join(tail, "\n"), width, height), more
}

// bucketTable lays the buckets out in a bubbles table that fits width and at most height rows.
func bucketTable(sh *shared, buckets []scenario.Bucket, width, height int) table.Model {
	t := sh.text.TUI.With
	const createdWidth = 16 // "2006-01-02 15:04"
	const padding = 4       // each column's cell padding
	nameWidth := max(8, min(width-createdWidth-padding, 60))
	rows := make([]table.Row, len(buckets))
	for i, b := range buckets {
		rows[i] = table.Row{b.Name, b.Created.UTC().Format("2006-01-02 15:04")}
	}
	// The header takes two rows (title and rule); a table shows at least one bucket.
	const least = 3
	tbl := table.New(
		table.WithColumns([]table.Column{{Title: t.Name, Width: nameWidth}, {Title: t.Created, Width: createdWidth}}),
		table.WithRows(rows),
		table.WithHeight(max(least, min(height, len(rows)+2))),
		table.WithWidth(nameWidth+createdWidth+padding),
		table.WithStyles(sh.st.table),
	)
	// How many rows the header's style takes is the table's business: measure, then shrink.
	for tbl.Height() > least && lipgloss.Height(tbl.View()) > height {
		tbl.SetHeight(tbl.Height() - 1)
	}
	return tbl
}
