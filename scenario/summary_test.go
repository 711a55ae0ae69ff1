package scenario_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/mfa-demo/mfa-demo/scenario"
)

func TestExitCode(t *testing.T) {
	left := scenario.TeardownReport{Remaining: []string{"mfa-demo-user-x"}}
	tests := []struct {
		name string
		s    scenario.Summary
		want int
	}{
		{"lesson and clean teardown", scenario.Summary{Lesson: true}, scenario.ExitLesson},
		{"not enforced, clean", scenario.Summary{Outcome: scenario.OutcomeNotEnforced}, scenario.ExitNotEnforced},
		{"not enforced, something left", scenario.Summary{Outcome: scenario.OutcomeNotEnforced, Teardown: left}, scenario.ExitFailure},
		{"lesson but something left", scenario.Summary{Lesson: true, Teardown: left}, scenario.ExitFailure},
		{"a step failed", scenario.Summary{Failed: scenario.StepCreateUser, Err: errors.New("EntityAlreadyExists")}, scenario.ExitFailure},
		{"interrupted", scenario.Summary{Interrupted: true, Err: context.Canceled}, scenario.ExitFailure},
		{"root refused", scenario.Summary{Err: fmt.Errorf("whoami: %w", scenario.ErrRootCredentials)}, scenario.ExitUsage},
		{"live not confirmed", scenario.Summary{Err: fmt.Errorf("whoami: %w", scenario.ErrDeclined)}, scenario.ExitUsage},
		{"no lesson and no error", scenario.Summary{}, scenario.ExitFailure},
	}
	for _, tt := range tests {
		if got := tt.s.ExitCode(); got != tt.want {
			t.Errorf("%s: exit %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestIsRootArn(t *testing.T) {
	tests := map[string]bool{
		"arn:aws:iam::123456789012:root":                       true,
		"arn:aws-cn:iam::123456789012:root":                    true,
		"arn:aws-us-gov:iam::123456789012:root":                true,
		"arn:aws:iam::123456789012:user/root":                  false,
		"arn:aws:iam::123456789012:user/admin":                 false,
		"arn:aws:sts::123456789012:assumed-role/Admin/session": false,
		"arn:aws:sts::123456789012:federated-user/root":        false,
		"": false,
	}
	for arn, want := range tests {
		if got := scenario.IsRootArn(arn); got != want {
			t.Errorf("IsRootArn(%q) = %v, want %v", arn, got, want)
		}
	}
}

func TestLiveRunAsksBeforeCreatingAnything(t *testing.T) {
	tests := []struct {
		name    string
		obs     *observer
		exit    int
		created bool
	}{
		{"confirmed", &observer{confirm: true}, scenario.ExitLesson, true},
		{"declined", &observer{}, scenario.ExitUsage, false},
		{"cannot ask", &observer{confirmErr: errors.New("not a terminal")}, scenario.ExitFailure, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			env := h.env("live", h.factory(nil))
			env.Target = scenario.TargetLive
			sum := scenario.New(env).Run(context.Background(), tt.obs)
			if sum.ExitCode() != tt.exit {
				t.Errorf("exit %d (%v), want %d", sum.ExitCode(), sum.Err, tt.exit)
			}
			if created := len(tt.obs.started) > 2; created != tt.created {
				t.Errorf("steps started = %v; want steps past whoami: %v", tt.obs.started, tt.created)
			}
			if left := h.leftovers(); len(left) > 0 {
				t.Errorf("left: %v", left)
			}
		})
	}
}

// The scenario, not the front end, keeps a live run from creating anything before the
// trainer said yes: a step called directly is refused, and so is a run whose front end
// answers Begin without confirming.
func TestLiveCreatesNeedTheConfirmationWhateverTheFrontEndDoes(t *testing.T) {
	h := newHarness(t)
	env := h.env("unconfirmed", h.factory(nil))
	env.Target = scenario.TargetLive
	d := scenario.New(env)
	ctx := context.Background()
	if _, err := d.WhoAmI(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := d.CreateUser(ctx); !errors.Is(err, scenario.ErrNotConfirmed) {
		t.Errorf("CreateUser before the confirmation: %v, want ErrNotConfirmed", err)
	}
	if _, err := d.CreateDevice(ctx); err == nil {
		t.Errorf("CreateDevice before the confirmation succeeded")
	}
	if left := h.leftovers(); len(left) > 0 {
		t.Errorf("created before any confirmation: %v", left)
	}
}

// The front end's answer to Begin picks the scenario before anything is created.
func TestBeginChoosesTheScenario(t *testing.T) {
	h := newHarness(t)
	obs := &observer{kind: scenario.AssumeRole}
	sum := scenario.New(h.env("choose", h.factory(nil))).Run(context.Background(), obs)
	if sum.ExitCode() != scenario.ExitLesson || sum.Kind != scenario.AssumeRole {
		t.Fatalf("exit %d, kind %s (%v); want the assume-role lesson", sum.ExitCode(), sum.Kind, sum.Err)
	}
	if want := scenario.Steps(scenario.AssumeRole); !slices.Equal(obs.started, want) {
		t.Errorf("steps started = %v, want %v", obs.started, want)
	}
}
