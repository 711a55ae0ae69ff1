package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/mfa-demo/mfa-demo/scenario"
	"github.com/mfa-demo/mfa-demo/text"
)

// The grid's column widths: the row's number and name, then each answer.
const (
	gridPolicyWidth = 28
	gridCellWidth   = 17
)

// gridScreen shows the condition lab's grid: every answer the backend gave, a cursor on one
// cell, the lesson of its row and, on request, why that cell was decided as it was.
type gridScreen struct {
	res      scenario.GridResult
	row, col int
	showWhy  bool
}

func (g gridScreen) keys(k keys) []key.Binding { return []key.Binding{k.Continue, k.Cell, k.Why} }

// update moves the cursor or toggles the explanation.
func (g gridScreen) update(msg tea.KeyPressMsg, k keys) gridScreen {
	switch {
	case key.Matches(msg, k.Why):
		g.showWhy = !g.showWhy
	case key.Matches(msg, k.Up):
		g.row = max(0, g.row-1)
	case key.Matches(msg, k.Down):
		g.row = min(len(g.res.Rows)-1, g.row+1)
	case key.Matches(msg, k.Left):
		g.col = max(0, g.col-1)
	case key.Matches(msg, k.Right):
		g.col = min(len(scenario.Credentials)-1, g.col+1)
	}
	return g
}

// cellAnswer is a cell in words and colour, marked when the backend got it wrong.
func cellAnswer(sh *shared, c scenario.Cell) string {
	l, st := sh.text.Lab, sh.st
	word, style := l.Denied, st.bad
	if c.Allowed {
		word, style = l.Allowed, st.good
	}
	s := style.Render(word)
	if c.Wrong() {
		s += st.warn.Render(l.Wrong)
	}
	return s
}

// padTo fills a rendered cell with spaces to width columns.
func padTo(s string, width int) string {
	return s + strings.Repeat(" ", max(1, width-lipgloss.Width(s)))
}

func (g gridScreen) view(sh *shared, width, height int) string {
	t, l, st := sh.text.TUI.Grid, sh.text.Lab, sh.st
	rw := readable(width)
	lines := []string{st.title.Render(wrap(t.Heading, rw)), gridSummary(sh.text, g.res), ""}
	head := padTo(st.label.Render(l.Policy), gridPolicyWidth)
	for _, c := range scenario.Credentials {
		head += padTo(" "+st.label.Render(l.Columns[c]), gridCellWidth)
	}
	lines = append(lines, head)
	for i, r := range g.res.Rows {
		line := padTo(fmt.Sprintf("%d %s", i+1, l.Rows[r.Variant.ID]), gridPolicyWidth)
		if r.Skipped != scenario.NotSkipped {
			lines = append(lines, fit(line+st.dim.Render(l.Skipped[r.Skipped]), width, 1))
			continue
		}
		for j, c := range r.Cells {
			cell := cellAnswer(sh, c)
			if i == g.row && j == g.col {
				cell = st.highlight.Render("[") + cell + st.highlight.Render("]")
			} else {
				cell = " " + cell
			}
			line += padTo(cell, gridCellWidth)
		}
		lines = append(lines, line)
	}
	var selected scenario.GridRow
	if g.row < len(g.res.Rows) {
		selected = g.res.Rows[g.row]
	}
	if g.showWhy && selected.Skipped == scenario.NotSkipped {
		// The explanation takes the lesson's place: both do not fit 80×24.
		title := fmt.Sprintf(sh.text.TUI.Why.Heading, l.Rows[selected.Variant.ID], l.Columns[scenario.Credentials[g.col]])
		lines = append(lines, "", whyPanel(sh, title, selected.Cells[g.col].Why, rw))
	} else {
		lines = append(lines, "", wrap(fmt.Sprintf("%d. %s", g.row+1, l.Lessons[selected.Variant.ID]), rw),
			"", st.dim.Render(wrap(t.Hint, rw)))
	}
	return fitAbove(strings.Join(lines, "\n"), st.bold.Render(wrap(t.Next, rw)), width, height)
}

// gridSummary is the grid's headline: how many cells, and how many the backend got wrong.
func gridSummary(t text.Text, g scenario.GridResult) string {
	total := 0
	for _, r := range g.Rows {
		if r.Skipped == scenario.NotSkipped {
			total += len(r.Cells)
		}
	}
	if wrong := g.WrongCells(); wrong > 0 {
		return fmt.Sprintf(t.Lab.WrongCells, t.Count(total, t.Lab.Cells), t.Count(wrong, t.Lab.Cells))
	}
	return fmt.Sprintf(t.Lab.AsDocumented, t.Count(total, t.Lab.Cells))
}

// whyPanel is a decision explained: the request, its MFA keys, the simulator's verdict.
func whyPanel(sh *shared, title string, why *scenario.Why, width int) string {
	st := sh.st
	body := []string{st.bold.Render(wrap(title, width-4))}
	if why == nil {
		body = append(body, wrap(sh.text.TUI.Why.None, width-4))
	} else {
		for _, l := range sh.text.Explain(*why) {
			body = append(body, wrap(l, width-4))
		}
	}
	return st.panel.Render(strings.Join(body, "\n"))
}
