package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// policyScreen shows a policy document with its Condition block highlighted and one sentence
// on what aws:MultiFactorAuthPresent means. Long documents scroll.
type policyScreen struct {
	step   scenario.StepID
	res    scenario.PolicyResult
	lines  []string // the document's lines, highlighted once
	offset int
}

func newPolicyScreen(st styles, step scenario.StepID, res scenario.PolicyResult) policyScreen {
	return policyScreen{step: step, res: res, lines: highlightCondition(st, res.Document)}
}

// highlightCondition styles the lines of the "Condition" member of a pretty-printed JSON
// policy: from the line that opens it to the line that closes it at the same indentation.
func highlightCondition(st styles, doc string) []string {
	lines := strings.Split(strings.TrimRight(doc, "\n"), "\n")
	out := make([]string, len(lines))
	indent := -1
	for i, l := range lines {
		trimmed := strings.TrimLeft(l, " \t")
		depth := len(l) - len(trimmed)
		switch {
		case indent < 0 && strings.HasPrefix(trimmed, `"Condition"`):
			indent = depth
			out[i] = st.highlight.Render(l)
			if !strings.HasSuffix(strings.TrimRight(trimmed, ","), "{") {
				indent = -1 // the whole member is on one line
			}
		case indent >= 0:
			out[i] = st.highlight.Render(l)
			if depth == indent && strings.HasPrefix(trimmed, "}") {
				indent = -1
			}
		default:
			out[i] = l
		}
	}
	return out
}

func (p policyScreen) keys(k keys) []key.Binding {
	return []key.Binding{k.Continue, k.Up}
}

func (p policyScreen) update(msg tea.KeyPressMsg, k keys) policyScreen {
	switch {
	case key.Matches(msg, k.Up):
		p.offset = max(0, p.offset-1)
	case key.Matches(msg, k.Down):
		p.offset = min(len(p.lines)-1, p.offset+1)
	case key.Matches(msg, k.PageDown):
		p.offset = min(len(p.lines)-1, p.offset+10)
	case key.Matches(msg, k.PageUp):
		p.offset = max(0, p.offset-10)
	}
	return p
}

func (p policyScreen) view(sh *shared, width, height int) string {
	t, st := sh.text.TUI.Policy, sh.st
	rw := readable(width)
	head := []string{st.title.Render(wrap(fmt.Sprintf(t.Heading, sh.text.PolicyKinds[p.step], p.res.Name), rw))}
	if p.res.Arn != "" {
		head = append(head, st.dim.Render(wrap(p.res.Arn, rw)))
	}
	head = append(head, "")
	tail := []string{"", wrap(strings.Join(t.Meaning[p.step], " "), rw), "", st.bold.Render(wrap(t.Next[p.step], rw))}
	headText, tailText := strings.Join(head, "\n"), strings.Join(tail, "\n")
	room := height - strings.Count(headText, "\n") - 1 - strings.Count(tailText, "\n") - 1

	doc := p.lines[min(p.offset, max(0, len(p.lines)-1)):]
	if room > 0 && len(doc) > room {
		doc = append(doc[:room-1:room-1], st.dim.Render(t.MoreBelow))
	}
	return fit(headText+"\n"+strings.Join(doc, "\n")+"\n"+tailText, width, height)
}
