package scenario_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/mfa-demo/mfa-demo/scenario"
)

func TestRunAutoMFAShowsTheLessonAndLeavesNothing(t *testing.T) {
	h := newHarness(t)
	var progress []scenario.Progress
	env := h.env("auto1", h.factory(nil), scenario.AutoMFA{})
	env.OnProgress = func(p scenario.Progress) { progress = append(progress, p) }
	d := scenario.New(env)
	obs := &observer{}

	sum := d.Run(context.Background(), obs)

	if sum.Err != nil {
		t.Fatalf("run failed at %s: %v", sum.Failed, sum.Err)
	}
	if got := sum.ExitCode(); got != scenario.ExitLesson {
		t.Errorf("exit code = %d, want %d", got, scenario.ExitLesson)
	}
	if !sum.Lesson || sum.Outcome != scenario.OutcomeDenied {
		t.Errorf("lesson = %v, outcome = %v; want the denied-then-allowed lesson", sum.Lesson, sum.Outcome)
	}
	if want := scenario.Steps(scenario.SessionToken); !slices.Equal(obs.started, want) {
		t.Errorf("steps started = %v, want %v", obs.started, want)
	}
	without := obs.results[scenario.StepWithoutMFA].(scenario.WithoutMFAResult)
	if without.ErrorCode != "AccessDenied" {
		t.Errorf("without MFA: error code %q, want AccessDenied", without.ErrorCode)
	}
	with := obs.results[scenario.StepWithMFA].(scenario.WithMFAResult)
	if len(with.Buckets) == 0 {
		t.Errorf("with MFA: no buckets listed")
	}
	if !strings.HasSuffix(with.Identity.Arn, ":user/mfa-demo/mfa-demo-user-auto1") {
		t.Errorf("with MFA: caller %q, want the demo user", with.Identity.Arn)
	}
	for _, p := range progress {
		if p.WaitNext > 0 {
			t.Errorf("auto MFA waited %s for a TOTP window; the emulator's ±1 step window needs none", p.WaitNext)
		}
	}
	if h.clock.slept != 0 {
		t.Errorf("the run slept %s; nothing on the emulator needs a wait", h.clock.slept)
	}
	if left := h.leftovers(); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
	if j := h.journals(); len(j) > 0 {
		t.Errorf("journals left after a clean teardown: %v", j)
	}
	deleted := map[string]bool{}
	for _, it := range sum.Teardown.Items {
		if it.Status != scenario.ItemDeleted {
			t.Errorf("teardown item %s %s: status %v, err %v", it.Action, it.Resource, it.Status, it.Err)
		}
		deleted[it.Action] = true
	}
	for _, action := range []string{"DeleteUserPolicy", "DeleteAccessKey", "DeactivateMFADevice", "DeleteVirtualMFADevice", "DeleteUser"} {
		if !deleted[action] {
			t.Errorf("teardown did not %s", action)
		}
	}
}
