package scenario_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// faultAt returns client options that fail the nth call (1-based) of the factory with code,
// before it reaches the wire, and pointers to the count and the input types of the calls
// seen. A sticky fault also fails every later call of the same action, like a missing
// permission.
func faultAt(n int64, code string, sticky bool) ([]func(*middleware.Stack) error, *atomic.Int64, *[]string) {
	var count atomic.Int64
	var mu sync.Mutex
	var actions []string
	opt := func(stack *middleware.Stack) error {
		return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("test/fault",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				i := count.Add(1)
				action := fmt.Sprintf("%T", in.Parameters)
				mu.Lock()
				actions = append(actions, action)
				hit := i == n || (sticky && i > n && n > 0 && actions[n-1] == action)
				mu.Unlock()
				if hit {
					return middleware.InitializeOutput{}, middleware.Metadata{}, &smithy.GenericAPIError{
						Code: code, Message: fmt.Sprintf("injected at call %d", n), Fault: smithy.FaultServer,
					}
				}
				return next.HandleInitialize(ctx, in)
			}), middleware.After)
	}
	return []func(*middleware.Stack) error{opt}, &count, &actions
}

// The scenarios' calls before teardown in a clean run on the emulator: a fault at a later
// call hits the teardown.
var stepCalls = []struct {
	kind      scenario.Kind
	stepCalls int64
}{
	// Steps 0–9, with the two SimulatePrincipalPolicy calls that explain the refusal.
	{scenario.SessionToken, 14},
	// Steps 0–6 (6 calls), CreateRole, CreatePolicy, AttachRolePolicy, PutUserPolicy,
	// AssumeRole, then GetCallerIdentity, AssumeRole, GetCallerIdentity, ListBuckets.
	{scenario.AssumeRole, 15},
}

func TestFaultAtEveryCallLeavesNothing(t *testing.T) {
	for _, tt := range stepCalls {
		t.Run(string(tt.kind), func(t *testing.T) {
			h := newHarness(t)
			// A clean run first, to learn how many calls there are to fail.
			opts, count, actions := faultAt(0, "", false)
			if sum := scenario.New(h.envFor(tt.kind, "clean", h.factory(opts))).Run(context.Background(), &observer{}); sum.ExitCode() != scenario.ExitLesson {
				t.Fatalf("clean run: exit %d: %v", sum.ExitCode(), sum.Err)
			}
			total := count.Load()
			if total < tt.stepCalls+5 {
				t.Fatalf("a clean run made %d calls (%v); want the %d of the steps and at least 5 deletions", total, *actions, tt.stepCalls)
			}

			for n := int64(1); n <= total; n++ {
				for _, code := range []string{"ServiceUnavailable", "AccessDenied"} {
					inTeardown := n > tt.stepCalls
					if code == "AccessDenied" && !inTeardown {
						continue // a refused step is covered by ServiceUnavailable; AccessDenied matters where teardown cannot retry it
					}
					t.Run(fmt.Sprintf("call%02d/%s", n, code), func(t *testing.T) {
						runID := fmt.Sprintf("f%02d-%s", n, map[string]string{"ServiceUnavailable": "503", "AccessDenied": "403"}[code])
						opts, count, actions := faultAt(n, code, code == "AccessDenied")
						sum := scenario.New(h.envFor(tt.kind, runID, h.factory(opts))).Run(context.Background(), &observer{})
						if count.Load() < n {
							t.Fatalf("only %d calls were made; call %d never happened", count.Load(), n)
						}
						failed := (*actions)[n-1]
						switch {
						case failed == "*iam.SimulatePrincipalPolicyInput":
							// Only the explanation of the refusal is lost; the lesson stands.
							if sum.ExitCode() != scenario.ExitLesson || len(sum.Teardown.Remaining) > 0 {
								t.Errorf("fault at the explanation: exit %d (%v), left %v; want the lesson", sum.ExitCode(), sum.Err, sum.Teardown.Remaining)
							}
						case !inTeardown:
							if sum.ExitCode() != scenario.ExitFailure || sum.Failed == "" {
								t.Errorf("fault at %s: exit %d, failed step %q; want exit 1 naming the step", failed, sum.ExitCode(), sum.Failed)
							}
							if len(sum.Teardown.Remaining) > 0 {
								t.Errorf("teardown left %v", sum.Teardown.Remaining)
							}
						case code == "ServiceUnavailable":
							// Teardown enumerates again and the second pass succeeds.
							if sum.ExitCode() != scenario.ExitLesson {
								t.Errorf("fault at %s in teardown: exit %d (%v); a retried teardown should complete", failed, sum.ExitCode(), sum.Err)
							}
						case len(sum.Teardown.Remaining) == 0:
							// The refused call did not matter: a role with no inline policy is
							// deleted although ListRolePolicies was refused.
							if sum.ExitCode() != scenario.ExitLesson || len(h.leftovers()) > 0 {
								t.Errorf("permanent fault at %s in teardown: exit %d, nothing reported left, account holds %v",
									failed, sum.ExitCode(), h.leftovers())
							}
						default:
							// The operator may not do this: teardown names what it could not remove...
							if sum.ExitCode() != scenario.ExitFailure {
								t.Errorf("permanent fault at %s in teardown: exit %d, remaining %v; want exit 1 naming what is left",
									failed, sum.ExitCode(), sum.Teardown.Remaining)
							}
							if left := h.leftovers(); len(left) == 0 {
								t.Errorf("teardown reports %v left but the account is clean", sum.Teardown.Remaining)
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
