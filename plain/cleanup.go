package plain

import (
	"context"
	"slices"
	"strings"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// Cleanup removes what interrupted runs left on a target and reports it: what it leaves
// alone, what earlier runs left, the checklist, and whether anything is still there. In a
// terminal it asks before deleting, unless opts.Yes. It returns the exit status: 0 when
// nothing is left, 1 otherwise (declined, or a failure it reports on opts.Err).
func Cleanup(ctx context.Context, c *scenario.Cleanup, opts Options) int {
	fe := newFrontEnd(opts)
	t := fe.t.Cleanup
	fail := func(err error) int {
		fe.w = opts.Err
		fe.printf("mfa-demo cleanup: %s\n", fe.t.Describe(err))
		return scenario.ExitFailure
	}
	plan, err := c.Plan(ctx)
	if err != nil {
		return fail(err)
	}
	where := fe.t.Where(opts.Target, opts.Endpoint)
	for _, j := range plan.Elsewhere {
		fe.printf(t.Elsewhere+"\n", j)
	}
	for _, u := range plan.Unverified {
		fe.printf(t.Unverified+"\n", u)
	}
	if plan.Empty() {
		fe.printf(t.Nothing+"\n", where, plan.Account)
		return 0
	}
	if len(plan.Leftovers) > 0 {
		fe.printf(t.Found+"\n", where, plan.Account)
		for _, lo := range plan.Leftovers {
			fe.printf("  "+t.Run+"\n", lo.RunID, strings.Join(lo.Resources, "; "))
		}
		if !opts.Yes && opts.Interactive {
			fe.askf("%s", t.Ask)
			line, err := fe.lines.read(ctx)
			if err != nil || !saidYes(line) {
				fe.askf("%s\n", t.Kept)
				return scenario.ExitFailure
			}
		}
	}
	if n := len(plan.Discard); n > 0 {
		fe.printf(t.Discarding+"\n", fe.t.Count(n, t.Journals))
	}
	rep, err := c.Apply(ctx, plan)
	fe.items("  ", rep.Items, false)
	for _, f := range plan.Files {
		if !slices.Contains(rep.Remaining, f) {
			fe.printf(t.FileRemoved+"\n", f)
		}
	}
	if err != nil {
		return fail(err)
	}
	fe.printf("%s\n", t.Done)
	return 0
}
