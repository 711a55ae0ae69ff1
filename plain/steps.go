package plain

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// indent is where the lines under a step's line start.
const indent = "    "

// line prints a step's line: its title in a column, then the sentence.
func (fe *frontEnd) line(step scenario.StepID, format string, args ...any) {
	title := fe.t.Step(fe.kind, step) + ":"
	pad := strings.Repeat(" ", max(0, fe.width-ansi.StringWidth(title)))
	fe.printf("%s%s %s\n", title, pad, fmt.Sprintf(format, args...))
}

// detail prints a sentence under a step's line, every line of it indented.
func (fe *frontEnd) detail(format string, args ...any) { indented(fe.w, format, args...) }

// askDetail is detail for what a question needs: it goes where the question goes.
func (fe *frontEnd) askDetail(format string, args ...any) { indented(fe.ask, format, args...) }

func indented(w io.Writer, format string, args ...any) {
	for l := range strings.SplitSeq(fmt.Sprintf(format, args...), "\n") {
		fmt.Fprintf(w, "%s%s\n", indent, l)
	}
}

// stepFinished prints a step's result, or its failure.
func (fe *frontEnd) stepFinished(ev scenario.StepFinished) {
	step, t, p := ev.Step, fe.t, fe.t.Plain
	if ev.Err != nil && step != scenario.StepTeardown {
		fe.line(step, p.Failed, fe.t.Describe(ev.Err))
		return
	}
	switch r := ev.Result.(type) {
	case scenario.WhoAmIResult:
		fe.line(step, p.WhoAmI, r.Identity.Arn, r.Identity.Account)
		if w := t.ClockOff(r.ClockSkew); w != "" {
			fe.detail("%s", w)
		}
		if pre := r.Preflight; pre != nil {
			if pre.Checked {
				fe.detail(p.Checked, pre.Source)
			} else {
				fe.detail(p.NotChecked, pre.Unchecked)
			}
			for _, m := range pre.MissingOptional {
				fe.detail(p.OptionalMissing, m.Action)
			}
		}
	case scenario.UserResult:
		fe.line(step, p.User, r.Arn)
	case scenario.DeviceResult:
		switch {
		case step == scenario.StepCreateDevice:
			fe.line(step, "%s", r.Serial)
		case fe.opts.AutoMFA:
			fe.line(step, "%s", p.AutoMFA)
		default:
			fe.line(step, "%s", p.AddKey)
			// The key is what the code prompts need: it goes with them (and stays out of a
			// log file that stdout was sent to).
			fe.askDetail(p.Secret, scenario.GroupSeed(r.Seed))
			fe.askDetail(p.URI, r.URI)
		}
	case scenario.EnableResult:
		fe.line(step, "%s", p.Enabled)
	case scenario.KeyResult:
		fe.line(step, p.Key, r.AccessKeyID, r.RedactedSecret)
	case scenario.WaitResult:
		if r.Attempts == 1 {
			fe.line(step, p.KeyAtOnce, r.Identity.Arn)
			break
		}
		fe.line(step, p.KeyAfter, t.Count(r.Attempts, p.Attempts), r.Elapsed.Round(time.Millisecond), r.Identity.Arn)
	case scenario.PolicyResult:
		fe.line(step, p.Policy, t.PolicyKinds[step], r.Name, p.Meaning[step])
	case scenario.WithoutMFAResult:
		fe.withoutMFA(step, r)
	case scenario.WithMFAResult:
		fe.withMFA(step, r)
	case scenario.CredentialsResult:
		fe.line(step, t.Lab.Sessions, r.NoMFAKeyID, r.MFAKeyID)
	case scenario.GridResult:
		fe.grid(step, r)
	case scenario.TeardownReport:
		if len(r.Items) == 0 {
			fe.line(step, "%s", t.Teardown.Nothing)
		} else {
			fe.line(step, "%s", t.Count(len(r.Items), t.Teardown.Items))
		}
		fe.items(indent, r.Items, true)
	}
}

// withoutMFA is step 8's line: the refusal the lesson is about, or a warning that there was
// none; then IAM's simulator on where the refusal came from, when it was asked.
func (fe *frontEnd) withoutMFA(step scenario.StepID, r scenario.WithoutMFAResult) {
	t, p := fe.t, fe.t.Plain
	role := fe.kind == scenario.AssumeRole
	switch {
	case r.Outcome != scenario.OutcomeDenied && role:
		fe.line(step, "%s", p.AllowedRole)
	case r.Outcome != scenario.OutcomeDenied:
		fe.line(step, p.AllowedSession, t.Count(len(r.Buckets), p.Buckets))
	case role:
		fe.line(step, p.DeniedRole, r.ErrorCode)
	default:
		fe.line(step, p.DeniedSession, r.ErrorCode)
	}
	if c := r.Condition; c != nil && c.FromCondition() {
		fe.detail(p.FromCondition, c.WithoutMFA, c.WithMFA)
	} else if c != nil {
		fe.detail(p.NotFromCondition, c.WithoutMFA, c.WithMFA)
	}
	if r.Why != nil {
		fe.detail(p.Why, strings.Join(t.Explain(*r.Why), "; "))
	}
}

// The grid's column widths in plain mode: the row's number and name, then each answer.
const (
	gridPolicyWidth = 30
	gridCellWidth   = 17
)

// grid is the lab's grid: a header line, then per row its answers and its lesson; then the
// cells the backend got wrong, and why each denied cell was denied.
func (fe *frontEnd) grid(step scenario.StepID, g scenario.GridResult) {
	t := fe.t
	l := t.Lab
	total, wrong := 0, g.WrongCells()
	for _, r := range g.Rows {
		if r.Skipped == scenario.NotSkipped {
			total += len(r.Cells)
		}
	}
	if wrong == 0 {
		fe.line(step, l.AsDocumented, t.Count(total, l.Cells))
	} else {
		fe.line(step, l.WrongCells, t.Count(total, l.Cells), t.Count(wrong, l.Cells))
	}
	head := pad(l.Policy, gridPolicyWidth)
	for _, c := range scenario.Credentials {
		head += pad(l.Columns[c], gridCellWidth)
	}
	fe.detail("%s", strings.TrimRight(head, " "))
	var wrongs, whys []string
	for i, r := range g.Rows {
		id := r.Variant.ID
		line := pad(fmt.Sprintf("%d %s", i+1, l.Rows[id]), gridPolicyWidth)
		if r.Skipped != scenario.NotSkipped {
			fe.detail("%s%s", line, l.Skipped[r.Skipped])
			fe.detail("  %s", l.Lessons[id])
			continue
		}
		for j, c := range r.Cells {
			col := l.Columns[scenario.Credentials[j]]
			answer := fe.answer(c.Allowed)
			if c.Wrong() {
				answer += l.Wrong
				wrongs = append(wrongs, fmt.Sprintf(l.WrongCell, i+1, l.Rows[id], col, fe.answer(c.Allowed), fe.answer(c.Documented)))
			}
			line += pad(answer, gridCellWidth)
			if !c.Allowed && c.Why != nil {
				whys = append(whys, fmt.Sprintf(l.Why, i+1, col, strings.Join(t.Explain(*c.Why), "; ")))
			}
		}
		fe.detail("%s", strings.TrimRight(line, " "))
		fe.detail("  %s", l.Lessons[id])
	}
	for _, w := range wrongs {
		fe.detail("%s", w)
	}
	for _, w := range whys {
		fe.detail("%s", w)
	}
}

// answer is a cell's answer in words.
func (fe *frontEnd) answer(allowed bool) string {
	if allowed {
		return fe.t.Lab.Allowed
	}
	return fe.t.Lab.Denied
}

// pad fills s with spaces to width columns, with at least one space after it.
func pad(s string, width int) string {
	return s + strings.Repeat(" ", max(1, width-ansi.StringWidth(s)))
}

// withMFA is step 9's line: the buckets listed in the MFA session, or the identity changing
// to the role session and what it listed.
func (fe *frontEnd) withMFA(step scenario.StepID, r scenario.WithMFAResult) {
	t, p := fe.t, fe.t.Plain
	names := make([]string, 0, len(r.Buckets))
	for _, b := range r.Buckets {
		names = append(names, b.Name)
	}
	retried := ""
	if r.Retries > 0 {
		retried = fmt.Sprintf(p.Retried, t.Count(r.Retries, p.Retries), r.RetryElapsed.Round(time.Millisecond))
	}
	buckets := t.Count(len(r.Buckets), p.Buckets)
	if fe.kind == scenario.AssumeRole {
		fe.line(step, p.WithRole, r.Before.Arn, r.Identity.Arn)
		fe.detail(p.RoleBuckets, buckets, strings.Join(names, ", "), retried)
		return
	}
	fe.line(step, p.WithSession, buckets, strings.Join(names, ", "), r.Identity.Arn, retried)
}

// items prints a teardown checklist, one item a line: its state, the action, the resource,
// and with errs, under a failed item its error.
func (fe *frontEnd) items(prefix string, items []scenario.TeardownItem, errs bool) {
	width := 0
	for _, w := range fe.t.Teardown.Ops {
		width = max(width, ansi.StringWidth(w))
	}
	for _, w := range fe.t.Teardown.Status {
		width = max(width, ansi.StringWidth(w))
	}
	for _, it := range items {
		status := fe.t.ItemStatus(it)
		pad := strings.Repeat(" ", width+1-ansi.StringWidth(status))
		fe.printf("%s%s%s %s %s\n", prefix, status, pad, it.Action, it.Resource)
		if errs && it.Err != nil {
			fe.printf("%s%s %v\n", prefix, strings.Repeat(" ", width+1), it.Err)
		}
	}
}
