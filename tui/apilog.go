package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// apiLog is the "under the hood" pane: every AWS call of the run with its redacted
// parameters, its answer and the equivalent AWS CLI command. It opens over any screen.
type apiLog struct {
	open  bool
	calls []scenario.Call
	vp    viewport.Model
}

func newAPILog() apiLog {
	return apiLog{vp: viewport.New()}
}

// add appends calls; the pane follows the end when it was already there.
func (l apiLog) add(sh *shared, calls []scenario.Call) apiLog {
	if len(calls) == 0 {
		return l
	}
	follow := l.vp.AtBottom()
	l.calls = append(l.calls, calls...)
	l.vp.SetContent(l.render(sh))
	if follow {
		l.vp.GotoBottom()
	}
	return l
}

func (l apiLog) resize(sh *shared, width, height int) apiLog {
	l.vp.SetWidth(width)
	l.vp.SetHeight(max(1, height-2))
	l.vp.SetContent(l.render(sh))
	return l
}

func (l apiLog) toggle() apiLog {
	l.open = !l.open
	if l.open {
		l.vp.GotoBottom()
	}
	return l
}

func (l apiLog) update(msg tea.Msg) (apiLog, tea.Cmd) {
	var cmd tea.Cmd
	l.vp, cmd = l.vp.Update(msg)
	return l, cmd
}

// render lays the calls out for a pane of the viewport's width. Long values wrap rather than
// being cut, and parameters and the CLI line wrap at spaces only: they are there to be copied.
func (l apiLog) render(sh *shared) string {
	t, st := sh.text.TUI.Log, sh.st
	if len(l.calls) == 0 {
		return st.dim.Render(t.Empty)
	}
	width := max(20, l.vp.Width())
	var b strings.Builder
	for i, c := range l.calls {
		if i > 0 {
			b.WriteString("\n")
		}
		status := st.good.Render(glyphDone)
		if c.ErrorCode != "" {
			status = st.bad.Render(glyphFailed + " " + c.ErrorCode)
		}
		fmt.Fprintf(&b, "%s %s %s  %s  %s %s\n",
			st.dim.Render(c.Time.Format("15:04:05")),
			st.label.Render(c.Service), st.bold.Render(c.Action),
			st.dim.Render(fmt.Sprintf(t.Caller, c.Caller)),
			status, st.dim.Render(callDuration(c.Duration, t.Instant)))
		if len(c.Params) > 0 {
			params := make([]string, len(c.Params))
			for j, p := range c.Params {
				params[j] = p.Name + "=" + p.Value
			}
			b.WriteString(wrapWords("  "+strings.Join(params, "  "), width) + "\n")
		}
		if c.Message != "" {
			b.WriteString(wrap("  "+glyphArrow+" "+c.Message, width) + "\n")
		}
		if c.CLI != "" {
			b.WriteString(st.running.Render(wrapWords("  $ "+c.CLI, width)) + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func (l apiLog) view(sh *shared, width, height int) string {
	st := sh.st
	head := st.title.Render(sh.text.TUI.Log.Heading) + "  " + st.dim.Render(fmt.Sprintf(sh.text.Form(len(l.calls), sh.text.TUI.Log.Count), len(l.calls)))
	return fit(head+"\n\n"+l.vp.View(), width, height)
}

// callDuration shows a call's time in milliseconds; loopback calls to the emulator often take
// less than one, which a rounded "0s" would misreport.
func callDuration(d time.Duration, instant string) string {
	if d < time.Millisecond {
		return instant
	}
	return d.Round(time.Millisecond).String()
}
