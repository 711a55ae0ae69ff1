package scenario_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/mfa-demo/mfa-demo/internal/testkit"
	"github.com/mfa-demo/mfa-demo/scenario"
)

func TestFaultAtEveryCallLeavesNothing(t *testing.T) {
	for _, kind := range scenario.Kinds {
		tt := struct {
			kind      scenario.Kind
			stepCalls int64
		}{kind, testkit.StepCalls[kind]}
		t.Run(string(tt.kind), func(t *testing.T) {
			h := newHarness(t)
			// A clean run first, to learn how many calls there are to fail.
			counter := testkit.FaultAt(0, "", false)
			if sum := scenario.New(h.envFor(tt.kind, "clean", h.factory(counter.APIOptions()))).Run(context.Background(), &observer{}); sum.ExitCode() != scenario.ExitLesson {
				t.Fatalf("clean run: exit %d: %v", sum.ExitCode(), sum.Err)
			}
			total := counter.Calls()
			if total < tt.stepCalls+5 {
				t.Fatalf("a clean run made %d calls (%v); want the %d of the steps and at least 5 deletions", total, counter.Actions(), tt.stepCalls)
			}

			for n := int64(1); n <= total; n++ {
				for _, code := range []string{"ServiceUnavailable", "AccessDenied"} {
					inTeardown := n > tt.stepCalls
					if code == "AccessDenied" && !inTeardown {
						continue // a refused step is covered by ServiceUnavailable; AccessDenied matters where teardown cannot retry it
					}
					t.Run(fmt.Sprintf("call%02d/%s", n, code), func(t *testing.T) {
						runID := fmt.Sprintf("f%02d-%s", n, map[string]string{"ServiceUnavailable": "503", "AccessDenied": "403"}[code])
						fault := testkit.FaultAt(n, code, code == "AccessDenied")
						sum := scenario.New(h.envFor(tt.kind, runID, h.factory(fault.APIOptions()))).Run(context.Background(), &observer{})
						if fault.Calls() < n {
							t.Fatalf("only %d calls were made; call %d never happened", fault.Calls(), n)
						}
						failed := fault.Actions()[n-1]
						want := testkit.ExpectAfterFault(failed, inTeardown, code)
						switch exit := sum.ExitCode(); {
						case exit == want.Exit:
							if exit == scenario.ExitFailure && (sum.Failed == "" || len(sum.Teardown.Remaining) > 0) {
								t.Errorf("fault at %s: failed step %q, teardown left %v; want the step named and nothing left", failed, sum.Failed, sum.Teardown.Remaining)
							}
						case want.OrLeft && exit == scenario.ExitFailure:
							// The operator may not do this: teardown names what it could not remove...
							if left := h.leftovers(); len(left) == 0 || len(sum.Teardown.Remaining) == 0 {
								t.Errorf("teardown reports %v left, the account holds %v; want both to name it", sum.Teardown.Remaining, left)
							}
							// ...and cleanup, with the permission back, removes it.
							c := &scenario.Cleanup{Clients: h.factory(nil), StateDir: h.dir, Target: scenario.TargetEndpoint, Sleep: h.clock.Sleep}
							plan, err := c.Plan(context.Background())
							if err != nil {
								t.Fatalf("cleanup plan: %v", err)
							}
							if len(plan.Leftovers) != 1 || plan.Leftovers[0].RunID != runID {
								t.Errorf("cleanup plan = %+v, want the one run %s", plan.Leftovers, runID)
							}
							if _, err := c.Apply(context.Background(), plan); err != nil {
								t.Errorf("cleanup: %v", err)
							}
						default:
							t.Errorf("fault at %s (%s, in teardown %v): exit %d (%v), left %v; want exit %d", failed, code, inTeardown, exit, sum.Err, sum.Teardown.Remaining, want.Exit)
						}
						if left := h.leftovers(); len(left) > 0 {
							t.Errorf("left behind after a fault at call %d (%s): %v", n, failed, left)
						}
						if j := h.journals(); len(j) > 0 {
							t.Errorf("journals left: %v", j)
						}
					})
				}
			}

		})
	}
}

// TestAnIncompleteTeardownNamesTheCleanupCommand checks that what a run could not remove comes
// with the command that removes it from this run's target, and the run's journal, so that
// both front ends print the same hint.
func TestAnIncompleteTeardownNamesTheCleanupCommand(t *testing.T) {
	tests := []struct{ name, command string }{
		{"endpoint", "mfa-demo cleanup --endpoint-url http://127.0.0.1:4566"},
		{"live", "mfa-demo cleanup --live"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			fault := testkit.FaultAt(testkit.StepCalls[scenario.SessionToken]+1, "AccessDenied", true)
			env := h.env("hint"+tt.name[:2], h.factory(fault.APIOptions()))
			env.CleanupCommand = tt.command
			sum := scenario.New(env).Run(context.Background(), &observer{})
			if len(sum.Teardown.Remaining) == 0 {
				t.Fatalf("nothing left (exit %d: %v): the refused teardown is not simulated", sum.ExitCode(), sum.Err)
			}
			if sum.Teardown.CleanupCommand != tt.command || sum.Teardown.Journal != env.Journal.Path() {
				t.Errorf("teardown names %q and journal %q; want %q and %q", sum.Teardown.CleanupCommand, sum.Teardown.Journal, tt.command, env.Journal.Path())
			}
		})
	}
}
