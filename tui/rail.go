package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/mfa-demo/mfa-demo/scenario"
	"github.com/mfa-demo/mfa-demo/text"
)

// stepState is where one step of the rail stands.
type stepState int

const (
	stepPending stepState = iota
	stepRunning
	stepWaiting // the trainee's turn: a code to type, a screen to read
	stepDone
	stepFailed
)

// railRow is one step of the checklist.
type railRow struct {
	id       scenario.StepID
	state    stepState
	detail   string
	started  time.Time
	progress *scenario.Progress
}

// rail is the progress checklist: every step of the scenario, ticked as the run advances,
// with a spinner and the elapsed time on the running one.
type rail struct {
	rows []railRow
	spin spinner.Model
}

func newRail(kind scenario.Kind, st styles) rail {
	var rows []railRow
	for _, id := range scenario.Steps(kind) {
		rows = append(rows, railRow{id: id})
	}
	return rail{rows: rows, spin: spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(st.running))}
}

// forKind is the rail of another scenario, keeping the state of the steps both share.
func (r rail) forKind(kind scenario.Kind) rail {
	rows := make([]railRow, 0, len(r.rows))
	for _, id := range scenario.Steps(kind) {
		row := railRow{id: id}
		if old := r.row(id); old != nil {
			row = *old
		}
		rows = append(rows, row)
	}
	r.rows = rows
	return r
}

func (r *rail) row(id scenario.StepID) *railRow {
	for i := range r.rows {
		if r.rows[i].id == id {
			return &r.rows[i]
		}
	}
	return nil
}

// set moves a step to state, keeping its detail unless a new one is given.
func (r *rail) set(id scenario.StepID, state stepState, now time.Time, detail string) {
	row := r.row(id)
	if row == nil {
		return
	}
	if state == stepRunning && row.state != stepRunning {
		row.started = now
		row.progress = nil
	}
	row.state = state
	if detail != "" {
		row.detail = detail
	}
}

// report attaches the latest progress of a running step.
func (r *rail) report(p scenario.Progress) {
	if row := r.row(p.Step); row != nil {
		row.progress = &p
	}
}

// answered drops what a call that was waiting said, now that a call has its answer.
func (r *rail) answered() {
	for i := range r.rows {
		if p := r.rows[i].progress; p != nil && p.Call != nil {
			r.rows[i].progress = nil
		}
	}
}

// state returns the state of a step.
func (r rail) state(id scenario.StepID) stepState {
	for _, row := range r.rows {
		if row.id == id {
			return row.state
		}
	}
	return stepPending
}

// busy reports whether a step is running, i.e. whether the spinner must turn.
func (r rail) busy() bool {
	for _, row := range r.rows {
		if row.state == stepRunning {
			return true
		}
	}
	return false
}

// current is the index and ID of the step the run is at: the first one not done.
func (r rail) current() (int, scenario.StepID) {
	for i, row := range r.rows {
		if row.state != stepDone {
			return i, row.id
		}
	}
	last := len(r.rows) - 1
	return last, r.rows[last].id
}

func (r rail) update(msg tea.Msg) (rail, tea.Cmd) {
	var cmd tea.Cmd
	r.spin, cmd = r.spin.Update(msg)
	return r, cmd
}

// callWait says what a call that takes time waits for, and for how long at most.
func callWait(t text.Text, c *scenario.CallWait) string {
	service := strings.ToUpper(c.Service)
	if c.Reason != "" {
		return fmt.Sprintf(t.TUI.Rail.CallRetry, service, c.Action, c.Reason, c.Attempt, c.MaxAttempts)
	}
	return fmt.Sprintf(t.TUI.Rail.CallWaiting, service, c.Action, seconds(c.Elapsed), seconds(c.Limit))
}

// view draws the checklist in width×height. Details go first when space runs out.
func (r rail) view(sh *shared, width, height int) string {
	lines := r.lines(sh, true)
	if len(lines) > height {
		lines = r.lines(sh, false)
	}
	return fit(strings.Join(lines, "\n"), width, height)
}

func (r rail) lines(sh *shared, withDetails bool) []string {
	t, st := sh.text, sh.st
	now := sh.now()
	lines := []string{st.title.Render(t.TUI.Rail.Heading)}
	for _, row := range r.rows {
		name := sh.text.Step(sh.kind, row.id)
		var line, extra string
		switch row.state {
		case stepDone:
			line = st.good.Render(glyphDone) + " " + name
		case stepFailed:
			line = st.bad.Render(glyphFailed) + " " + st.bad.Render(name)
		case stepRunning:
			line = r.spin.View() + " " + st.bold.Render(name) + "  " + st.dim.Render(fmt.Sprintf(t.TUI.Rail.Elapsed, seconds(now.Sub(row.started))))
			if p := row.progress; p != nil && p.Call != nil {
				extra = callWait(t, p.Call)
			} else if p != nil && p.Attempt > 0 {
				extra = fmt.Sprintf(t.TUI.Rail.Attempt, p.Attempt, p.Code)
			}
		case stepWaiting:
			line = st.running.Render(glyphFocus) + " " + st.bold.Render(name)
			extra = t.TUI.Rail.Waiting
		default:
			line = st.dim.Render(glyphPending) + " " + st.dim.Render(name)
		}
		lines = append(lines, line)
		if !withDetails {
			continue
		}
		if row.detail != "" && row.state != stepRunning {
			extra = row.detail
		}
		if extra != "" {
			lines = append(lines, "  "+st.dim.Render(extra))
		}
	}
	return lines
}
