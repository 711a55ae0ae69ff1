package scenario_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// newDelayedHarness is a harness whose emulator takes delay for keys and policies to
// propagate. The harness clock moves only when the demo sleeps, so the delay costs no time.
func newDelayedHarness(t *testing.T, delay time.Duration) *harness {
	t.Helper()
	c := &clock{}
	srv, err := emulator.Start("127.0.0.1:0", emulator.Options{Now: c.Now, PropagationDelay: delay})
	if err != nil {
		t.Fatalf("start emulator: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	h := &harness{t: t, srv: srv, clock: c, dir: t.TempDir()}
	h.admin = h.factory(nil).Operator()
	return h
}

// TestPropagationDelayIsWaitedOut runs both scenarios on an emulator that takes 8 s to
// propagate: the key wait and the with-MFA retries take at least that long, never a fixed
// sleep, and the refusal without MFA is explained by the condition, not by the policy not
// being in force yet.
func TestPropagationDelayIsWaitedOut(t *testing.T) {
	const delay = 8 * time.Second
	for _, kind := range scenario.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			h := newDelayedHarness(t, delay)
			obs := &observer{}
			env := h.envFor(kind, "slow", h.factory(nil), scenario.AutoMFA{})
			var progress []scenario.Progress
			env.OnProgress = func(p scenario.Progress) { progress = append(progress, p) }
			sum := scenario.New(env).Run(context.Background(), obs)
			if sum.ExitCode() != scenario.ExitLesson {
				t.Fatalf("exit %d: %v", sum.ExitCode(), sum.Err)
			}
			wait := obs.results[scenario.StepWaitForKey].(scenario.WaitResult)
			if wait.Attempts < 2 || wait.Elapsed < delay || wait.Elapsed > delay+4*time.Second {
				t.Errorf("the key worked after %d attempts in %s; want retries for %s and a little more at most", wait.Attempts, wait.Elapsed, delay)
			}
			var keyWaits, policyWaits int
			for _, p := range progress {
				switch {
				case p.Step == scenario.StepWaitForKey && p.Code == "InvalidClientTokenId":
					keyWaits++
				case p.Step == scenario.StepWithMFA && p.Code == "AccessDenied":
					policyWaits++
				}
			}
			if keyWaits == 0 {
				t.Errorf("no InvalidClientTokenId wait was reported: %+v", progress)
			}
			without := obs.results[scenario.StepWithoutMFA].(scenario.WithoutMFAResult)
			if without.Outcome != scenario.OutcomeDenied {
				t.Errorf("without MFA: %+v, want denied", without)
			}
			if policyWaits == 0 {
				t.Errorf("no AccessDenied wait was reported on the with-MFA path: %+v", progress)
			}
			if kind != scenario.SessionToken {
				return
			}
			with := obs.results[scenario.StepWithMFA].(scenario.WithMFAResult)
			if with.Retries == 0 || policyWaits == 0 || with.RetryElapsed > delay+4*time.Second {
				t.Errorf("with MFA: %d retries in %s (%d reported); want the policy's propagation waited out", with.Retries, with.RetryElapsed, policyWaits)
			}
			if without.Condition == nil || !without.Condition.FromCondition() {
				t.Errorf("without MFA: simulator says %+v; want denied with false, allowed with true", without.Condition)
			}
		})
	}
}

// TestRefusalExplainedOnlyWhenTheConditionDecides: a user whose policy allows the listing
// outright gets no condition explanation, and an operator who may not simulate gets none.
func TestRefusalExplainedOnlyWhenTheConditionDecides(t *testing.T) {
	h := newHarness(t)
	obs := &observer{}
	env := h.envFor(scenario.SessionToken, "nosim", h.operatorFactory(scenario.OperatorPolicyJSON("iam:SimulatePrincipalPolicy"), nil), scenario.AutoMFA{})
	if sum := scenario.New(env).Run(context.Background(), obs); sum.ExitCode() != scenario.ExitLesson {
		t.Fatalf("exit %d: %v", sum.ExitCode(), sum.Err)
	}
	if c := obs.results[scenario.StepWithoutMFA].(scenario.WithoutMFAResult).Condition; c != nil {
		t.Errorf("an operator who may not simulate got an explanation: %+v", c)
	}
	if _, err := h.admin.IAM.ListUsers(context.Background(), &iam.ListUsersInput{}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		c    scenario.ConditionCheck
		want bool
	}{
		{scenario.ConditionCheck{WithoutMFA: "implicitDeny", WithMFA: "allowed"}, true},
		{scenario.ConditionCheck{WithoutMFA: "allowed", WithMFA: "allowed"}, false},
		{scenario.ConditionCheck{WithoutMFA: "implicitDeny", WithMFA: "implicitDeny"}, false},
	} {
		if got := tt.c.FromCondition(); got != tt.want {
			t.Errorf("%+v.FromCondition() = %v, want %v", tt.c, got, tt.want)
		}
	}
}
