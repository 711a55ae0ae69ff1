package scenario_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/scenario"
)

func TestRunAutoMFAShowsTheLessonAndLeavesNothing(t *testing.T) {
	tests := []struct {
		kind     scenario.Kind
		identity string // suffix of the MFA session's caller ARN
		before   string // suffix of WithMFAResult.Before; "" when the scenario leaves it empty
		deletes  []string
	}{
		{scenario.SessionToken, ":user/mfa-demo/mfa-demo-user-auto1", "",
			[]string{"DeleteUserPolicy", "DeleteAccessKey", "DeactivateMFADevice", "DeleteVirtualMFADevice", "DeleteUser"}},
		{scenario.AssumeRole, ":assumed-role/mfa-demo-role-auto1/mfa-demo", ":user/mfa-demo/mfa-demo-user-auto1",
			[]string{"DetachRolePolicy", "DeletePolicy", "DeleteRole", "DeleteUserPolicy", "DeleteAccessKey", "DeactivateMFADevice", "DeleteVirtualMFADevice", "DeleteUser"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			h := newHarness(t)
			env := h.envFor(tt.kind, "auto1", h.factory(nil))
			d := scenario.New(env)
			obs := &observer{}

			sum := d.Run(context.Background(), obs)

			if sum.Err != nil {
				t.Fatalf("run failed at %s: %v", sum.Failed, sum.Err)
			}
			if got := sum.ExitCode(); got != scenario.ExitLesson {
				t.Errorf("exit code = %d, want %d", got, scenario.ExitLesson)
			}
			if !sum.Lesson || sum.Outcome != scenario.OutcomeDenied || sum.Kind != tt.kind {
				t.Errorf("lesson = %v, outcome = %v, kind %s; want the denied-then-allowed lesson of %s", sum.Lesson, sum.Outcome, sum.Kind, tt.kind)
			}
			if want := scenario.Steps(tt.kind); !slices.Equal(obs.started, want) {
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
			if !strings.HasSuffix(with.Identity.Arn, tt.identity) {
				t.Errorf("with MFA: caller %q, want it to end in %q", with.Identity.Arn, tt.identity)
			}
			if (tt.before == "" && with.Before.Arn != "") || !strings.HasSuffix(with.Before.Arn, tt.before) {
				t.Errorf("with MFA: caller before %q, want it to end in %q", with.Before.Arn, tt.before)
			}
			for _, p := range obs.progress {
				if p.WaitNext > 0 {
					t.Errorf("auto MFA waited %s for a TOTP window; the emulator's ±1 step window needs none", p.WaitNext)
				}
			}
			if slept := h.clock.Slept(); slept != 0 {
				t.Errorf("the run slept %s; nothing on the emulator needs a wait", slept)
			}
			if left := h.leftovers(); len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
			if j := h.journals(); len(j) > 0 {
				t.Errorf("journals left after a clean teardown: %v", j)
			}
			var actions []string
			for _, it := range sum.Teardown.Items {
				if it.Status != scenario.ItemDeleted {
					t.Errorf("teardown item %s %s: status %v, err %v", it.Action, it.Resource, it.Status, it.Err)
				}
				actions = append(actions, it.Action)
			}
			if !slices.Equal(actions, tt.deletes) {
				t.Errorf("teardown did %v, want %v in that order", actions, tt.deletes)
			}
		})
	}
}

func TestEachStepsCallsAreReportedAndTheJournalHoldsNoSecrets(t *testing.T) {
	h := newHarness(t)
	d := scenario.New(h.env("calls", h.factory(nil)))
	ctx := context.Background()
	// record runs one step with a call log of its own: the calls it reports are its own.
	record := func(step func(ctx context.Context) error) []scenario.Call {
		t.Helper()
		log := &aws.CallLog{}
		if err := step(aws.WithCallLog(ctx, log)); err != nil {
			t.Fatal(err)
		}
		return log.Calls()
	}
	if _, err := d.WhoAmI(ctx); err != nil {
		t.Fatal(err)
	}
	var dev scenario.DeviceResult
	var key scenario.KeyResult
	userCalls := record(func(ctx context.Context) error { _, err := d.CreateUser(ctx); return err })
	devCalls := record(func(ctx context.Context) (err error) { dev, err = d.CreateDevice(ctx); return err })
	keyCalls := record(func(ctx context.Context) (err error) { key, err = d.CreateAccessKey(ctx); return err })
	waitCalls := record(func(ctx context.Context) error { _, err := d.WaitForKey(ctx); return err })
	defer d.Teardown(ctx)

	tests := []struct {
		step   string
		calls  []scenario.Call
		action string
		caller string
		cli    string
	}{
		{"create user", userCalls, "CreateUser", "operator",
			"aws iam create-user --user-name mfa-demo-user-calls --path /mfa-demo/ --tags Key=mfa-demo:run-id,Value=calls Key=mfa-demo:created-at,Value="},
		{"create device", devCalls, "CreateVirtualMFADevice", "operator",
			"aws iam create-virtual-mfa-device --virtual-mfa-device-name mfa-demo-mfa-calls --path /mfa-demo/ --tags"},
		{"create key", keyCalls, "CreateAccessKey", "operator", "aws iam create-access-key --user-name mfa-demo-user-calls"},
		{"wait for key", waitCalls, "GetCallerIdentity", "demo user", "aws sts get-caller-identity"},
	}
	for _, tt := range tests {
		if len(tt.calls) != 1 {
			t.Errorf("%s: %d calls, want 1", tt.step, len(tt.calls))
			continue
		}
		c := tt.calls[0]
		if c.Action != tt.action || c.Caller != tt.caller || c.ErrorCode != "" {
			t.Errorf("%s: call %s by %s (error %q), want %s by %s", tt.step, c.Action, c.Caller, c.ErrorCode, tt.action, tt.caller)
		}
		if !strings.HasPrefix(c.CLI, tt.cli) || !strings.HasSuffix(c.CLI, "--endpoint-url "+h.srv.URL) {
			t.Errorf("%s: CLI %q, want it to start with %q and name the endpoint", tt.step, c.CLI, tt.cli)
		}
	}
	if keyCalls[0].Message != key.AccessKeyID {
		t.Errorf("create key summary = %q, want the key id", keyCalls[0].Message)
	}
	if !strings.Contains(key.RedactedSecret, "more)") {
		t.Errorf("redacted secret %q does not look redacted", key.RedactedSecret)
	}

	data, err := os.ReadFile(filepath.Join(h.dir, "run-calls.jsonl"))
	if err != nil {
		t.Fatalf("journal: %v", err)
	}
	if info, _ := os.Stat(filepath.Join(h.dir, "run-calls.jsonl")); info.Mode().Perm() != 0o600 {
		t.Errorf("journal mode %v, want 0600", info.Mode().Perm())
	}
	if strings.Contains(string(data), dev.Seed) {
		t.Errorf("the journal holds the MFA seed")
	}
	allowed := map[string]bool{"time": true, "event": true, "run_id": true, "scenario": true, "version": true, "target": true,
		"resource": true, "name": true, "id": true, "remaining": true}
	var events []string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("journal line %q: %v", line, err)
		}
		for k := range rec {
			if !allowed[k] {
				t.Errorf("journal field %q is not one the journal may hold", k)
			}
		}
		events = append(events, fmt.Sprintf("%v %v", rec["event"], rec["resource"]))
	}
	want := []string{"start <nil>", "intent user", "created user", "intent mfa-device", "created mfa-device", "intent access-key", "created access-key"}
	if !slices.Equal(events, want) {
		t.Errorf("journal events = %q, want %q", events, want)
	}
}

// Continue is asked after exactly the steps a trainee reads, and every AWS call is reported
// as it ends, inside the step that made it: the teardown's deletions arrive between its
// start and its finish, not with its result.
func TestRunAsksToContinueAndStreamsCalls(t *testing.T) {
	for _, kind := range scenario.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			h := newHarness(t)
			obs := &observer{}
			sum := scenario.New(h.envFor(kind, "stream", h.factory(nil))).Run(context.Background(), obs)
			if sum.ExitCode() != scenario.ExitLesson {
				t.Fatalf("exit %d: %v", sum.ExitCode(), sum.Err)
			}
			var want []scenario.StepID
			for _, id := range scenario.Steps(kind) {
				if scenario.ReadAfter(id) {
					want = append(want, id)
				}
			}
			if !slices.Equal(obs.read, want) || len(want) < 2 {
				t.Errorf("continue asked after %v, want %v", obs.read, want)
			}
			start := slices.Index(obs.order, "start teardown")
			finish := slices.Index(obs.order, "finish teardown")
			deleteUser := slices.Index(obs.order, "call DeleteUser")
			if start < 0 || !(start < deleteUser && deleteUser < finish) {
				t.Errorf("DeleteUser reported at %d, teardown from %d to %d: %v", deleteUser, start, finish, obs.order)
			}
			waitStart := slices.Index(obs.order, "start wait-for-key")
			if i := slices.Index(obs.order[waitStart:], "call GetCallerIdentity"); waitStart < 0 || i < 0 {
				t.Errorf("the key wait's GetCallerIdentity was not reported while it ran: %v", obs.order)
			}
		})
	}
}
