package scenario_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// TestPropagationDelayIsWaitedOut runs both scenarios on an emulator that takes 8 s to
// propagate: the key wait takes at least that long, never a fixed sleep, and because the
// policies were put before it, that one wait covers their propagation too — the with-MFA
// step needs no retry. The refusal without MFA is explained by the condition, not by the
// policy not being in force yet.
func TestPropagationDelayIsWaitedOut(t *testing.T) {
	const delay = 8 * time.Second
	for _, kind := range scenario.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			h := newHarnessWith(t, emulator.Options{PropagationDelay: delay})
			obs := &observer{}
			env := h.envFor(kind, "slow", h.factory(nil))
			sum := scenario.New(env).Run(context.Background(), obs)
			if sum.ExitCode() != scenario.ExitLesson {
				t.Fatalf("exit %d: %v", sum.ExitCode(), sum.Err)
			}
			wait := obs.results[scenario.StepWaitForKey].(scenario.WaitResult)
			if wait.Attempts < 2 || wait.Elapsed < delay || wait.Elapsed > delay+2*time.Second {
				t.Errorf("the key worked after %d attempts in %s; want retries for %s and a little more at most", wait.Attempts, wait.Elapsed, delay)
			}
			var keyWaits, policyWaits int
			for _, p := range obs.progress {
				switch {
				case p.Step == scenario.StepWaitForKey && p.Code == "InvalidClientTokenId":
					keyWaits++
				case p.Step == scenario.StepWithMFA && p.Code == "AccessDenied":
					policyWaits++
				}
			}
			if keyWaits == 0 {
				t.Errorf("no InvalidClientTokenId wait was reported: %+v", obs.progress)
			}
			if kind == scenario.Conditions {
				return // its policies are put after the key wait: TestLabWaitsForEachPolicy
			}
			without := obs.results[scenario.StepWithoutMFA].(scenario.WithoutMFAResult)
			if without.Outcome != scenario.OutcomeDenied {
				t.Errorf("without MFA: %+v, want denied", without)
			}
			with := obs.results[scenario.StepWithMFA].(scenario.WithMFAResult)
			if policyWaits != 0 || with.Retries != 0 {
				t.Errorf("with MFA: %d retries (%d reported); the key wait should have covered the policies' propagation", with.Retries, policyWaits)
			}
			if kind != scenario.SessionToken {
				return
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
	env := h.envFor(scenario.SessionToken, "nosim", h.operatorFactory(scenario.OperatorPolicyJSON("iam:SimulatePrincipalPolicy"), nil))
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

// TestWithMFARetriesAccessDenied: on real AWS a policy can still be settling when the
// with-MFA listing runs. Two AccessDenied answers to that listing are retried and reported;
// the without-MFA listing is never retried (its refusal is the lesson).
func TestWithMFARetriesAccessDenied(t *testing.T) {
	for _, tt := range []struct {
		kind scenario.Kind
		skip int64 // ListBuckets calls before the with-MFA ones
	}{
		{scenario.SessionToken, 1},
		{scenario.AssumeRole, 0},
	} {
		t.Run(string(tt.kind), func(t *testing.T) {
			h := newHarness(t)
			var listings atomic.Int64
			deny := func(stack *middleware.Stack) error {
				return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("test/deny-listing",
					func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
						if _, ok := in.Parameters.(*s3.ListBucketsInput); ok {
							if n := listings.Add(1); n > tt.skip && n <= tt.skip+2 {
								return middleware.InitializeOutput{}, middleware.Metadata{}, &smithy.GenericAPIError{Code: "AccessDenied", Message: "Access Denied"}
							}
						}
						return next.HandleInitialize(ctx, in)
					}), middleware.After)
			}
			obs := &observer{}
			env := h.envFor(tt.kind, "settle", h.factory([]func(*middleware.Stack) error{deny}))
			sum := scenario.New(env).Run(context.Background(), obs)
			if sum.ExitCode() != scenario.ExitLesson {
				t.Fatalf("exit %d: %v", sum.ExitCode(), sum.Err)
			}
			with := obs.results[scenario.StepWithMFA].(scenario.WithMFAResult)
			if with.Retries != 2 || len(with.Buckets) == 0 {
				t.Errorf("with MFA: %d retries, %d buckets; want 2 retries, then the listing", with.Retries, len(with.Buckets))
			}
			if got := listings.Load(); got != tt.skip+3 {
				t.Errorf("%d ListBuckets calls, want %d: the without-MFA listing must not be retried", got, tt.skip+3)
			}
		})
	}
}
