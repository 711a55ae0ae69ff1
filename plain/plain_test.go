package plain

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/aws/smithy-go"

	"github.com/mfa-demo/mfa-demo/scenario"
	"github.com/mfa-demo/mfa-demo/text"
)

// frontEndOn is a front end writing to a buffer and reading the given input.
func frontEndOn(in string, opts Options) (*frontEnd, *bytes.Buffer) {
	var out bytes.Buffer
	opts.In, opts.Out = strings.NewReader(in), &out
	if opts.Kind == "" {
		opts.Kind = scenario.SessionToken
	}
	return newFrontEnd(opts), &out
}

func TestEachStepHasItsLine(t *testing.T) {
	who := scenario.Identity{Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/ops"}
	user := scenario.Identity{Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/mfa-demo/u"}
	role := scenario.Identity{Arn: "arn:aws:sts::123456789012:assumed-role/r/s"}
	buckets := []scenario.Bucket{{Name: "a"}, {Name: "b"}}
	device := scenario.DeviceResult{Serial: "arn:aws:iam::123456789012:mfa/mfa-demo/d", Seed: "ABCDEFGHIJKL", URI: "otpauth://totp/d@123456789012?secret=ABCDEFGHIJKL"}
	tests := []struct {
		name    string
		kind    scenario.Kind
		autoMFA bool
		ev      scenario.StepFinished
		want    string
	}{
		{"who am I", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepWhoAmI, Result: scenario.WhoAmIResult{Identity: who}},
			"Who am I:                    arn:aws:iam::123456789012:user/ops (account 123456789012)\n"},
		{"who am I, permissions checked", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepWhoAmI, Result: scenario.WhoAmIResult{Identity: who, Preflight: &scenario.PreflightResult{
				Checked: true, Source: who.Arn, MissingOptional: []scenario.MissingPermission{{Action: "iam:SimulatePrincipalPolicy"}}}}},
			"Who am I:                    arn:aws:iam::123456789012:user/ops (account 123456789012)\n" +
				"    permissions checked with SimulatePrincipalPolicy on arn:aws:iam::123456789012:user/ops: all the demo needs are allowed\n" +
				"    optional, not allowed: iam:SimulatePrincipalPolicy (the demo explains less)\n"},
		{"who am I, permissions not checked", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepWhoAmI, Result: scenario.WhoAmIResult{Identity: who, Preflight: &scenario.PreflightResult{Unchecked: "no simulator"}}},
			"    permissions not checked: no simulator\n"},
		{"user", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepCreateUser, Result: scenario.UserResult{Arn: user.Arn}},
			"Create the demo user:        arn:aws:iam::123456789012:user/mfa-demo/u (no permissions yet)\n"},
		{"device", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepCreateDevice, Result: device},
			"Create a virtual MFA device: arn:aws:iam::123456789012:mfa/mfa-demo/d\n"},
		{"the seed to type in", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepShowQR, Result: device},
			"Show the QR code:            add this key to your authenticator app (or make a QR code of the URI):\n" +
				"    secret: ABCD EFGH IJKL\n    URI:    otpauth://totp/d@123456789012?secret=ABCDEFGHIJKL\n"},
		{"no seed with --auto-mfa", scenario.SessionToken, true,
			scenario.StepFinished{Step: scenario.StepShowQR, Result: device},
			"Show the QR code:            the built-in authenticator answers every code (--auto-mfa)\n"},
		{"enabled", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepEnableDevice, Result: scenario.EnableResult{}},
			"Enable the device:           enabled with two consecutive codes\n"},
		{"key", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepCreateKey, Result: scenario.KeyResult{AccessKeyID: "AKIAEXAMPLE", RedactedSecret: "wJal...(36 more)"}},
			"Create an access key:        AKIAEXAMPLE (secret wJal...(36 more), kept in memory only)\n"},
		{"key works at once", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepWaitForKey, Result: scenario.WaitResult{Attempts: 1, Identity: user}},
			"Wait until the key works:    works at once: arn:aws:iam::123456789012:user/mfa-demo/u\n"},
		{"key works later", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepWaitForKey, Result: scenario.WaitResult{Attempts: 3, Elapsed: 4200 * time.Millisecond, Identity: user}},
			"Wait until the key works:    works after 3 attempts, 4.2s: arn:aws:iam::123456789012:user/mfa-demo/u\n"},
		{"user policy", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepUserPolicy, Result: scenario.PolicyResult{Name: "p"}},
			"Attach the MFA policy:       inline user policy p: Allow s3:ListAllMyBuckets only if aws:MultiFactorAuthPresent is true\n"},
		{"trust policy", scenario.AssumeRole, false,
			scenario.StepFinished{Step: scenario.StepCreateRole, Result: scenario.PolicyResult{Name: "r"}},
			"Create the role:              role trust policy r: the demo user may assume it only if aws:MultiFactorAuthPresent is true\n"},
		{"role permission", scenario.AssumeRole, false,
			scenario.StepFinished{Step: scenario.StepRolePolicy, Result: scenario.PolicyResult{Name: "m"}},
			"Give the role its permission: managed policy m: Allow s3:ListAllMyBuckets, attached to the role\n"},
		{"allow assume", scenario.AssumeRole, false,
			scenario.StepFinished{Step: scenario.StepAllowAssume, Result: scenario.PolicyResult{Name: "u"}},
			"Let the user assume the role: inline user policy u: Allow sts:AssumeRole on the role\n"},
		{"denied without MFA", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepWithoutMFA, Result: scenario.WithoutMFAResult{ErrorCode: "AccessDenied",
				Condition: &scenario.ConditionCheck{WithoutMFA: "implicitDeny", WithMFA: "allowed"}}},
			"List buckets without MFA:    AccessDenied, as expected: aws:MultiFactorAuthPresent is false in a session without MFA\n" +
				"    IAM's policy simulator agrees: the user's policy gives implicitDeny with aws:MultiFactorAuthPresent=false and allowed with true,\n" +
				"    so the refusal comes from the MFA condition (not from a policy still propagating)\n"},
		{"denied, not by the condition", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepWithoutMFA, Result: scenario.WithoutMFAResult{ErrorCode: "AccessDenied",
				Condition: &scenario.ConditionCheck{WithoutMFA: "implicitDeny", WithMFA: "implicitDeny"}}},
			"    IAM's policy simulator says implicitDeny with aws:MultiFactorAuthPresent=false and implicitDeny with true:\n" +
				"    the refusal does not come from the MFA condition alone\n"},
		{"allowed without MFA", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepWithoutMFA, Result: scenario.WithoutMFAResult{Outcome: scenario.OutcomeNotEnforced, Buckets: buckets[:1]}},
			"List buckets without MFA:    WARNING: allowed (1 bucket): this backend does not enforce aws:MultiFactorAuthPresent\n"},
		{"role refused without MFA", scenario.AssumeRole, false,
			scenario.StepFinished{Step: scenario.StepWithoutMFA, Result: scenario.WithoutMFAResult{ErrorCode: "AccessDenied"}},
			"Assume the role without MFA:  AccessDenied, as expected: the trust policy needs aws:MultiFactorAuthPresent, which a call without MFA lacks\n"},
		{"role assumed without MFA", scenario.AssumeRole, false,
			scenario.StepFinished{Step: scenario.StepWithoutMFA, Result: scenario.WithoutMFAResult{Outcome: scenario.OutcomeNotEnforced}},
			"Assume the role without MFA:  WARNING: the role was assumed: this backend does not enforce the trust policy's aws:MultiFactorAuthPresent\n"},
		{"listed with MFA", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepWithMFA, Result: scenario.WithMFAResult{Identity: user, Buckets: buckets}},
			"List buckets with MFA:       2 buckets [a, b] as arn:aws:iam::123456789012:user/mfa-demo/u in an MFA session\n"},
		{"listed with MFA after retries", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepWithMFA, Result: scenario.WithMFAResult{Identity: user, Buckets: buckets[:1], Retries: 1, RetryElapsed: time.Second}},
			"1 bucket [a] as arn:aws:iam::123456789012:user/mfa-demo/u in an MFA session after 1 AccessDenied retry in 1s while the policy propagated\n"},
		{"role assumed with MFA", scenario.AssumeRole, false,
			scenario.StepFinished{Step: scenario.StepWithMFA, Result: scenario.WithMFAResult{Before: user, Identity: role, Buckets: buckets, Retries: 2, RetryElapsed: time.Second}},
			"Assume the role with MFA:     arn:aws:iam::123456789012:user/mfa-demo/u is now arn:aws:sts::123456789012:assumed-role/r/s\n" +
				"    2 buckets [a, b] with the role session after 2 AccessDenied retries in 1s while the policy propagated\n"},
		{"failed step", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepCreateUser, Err: errors.New("create user: AccessDenied")},
			"Create the demo user:        FAILED: create user: AccessDenied\n"},
		{"nothing to tear down", scenario.SessionToken, false,
			scenario.StepFinished{Step: scenario.StepTeardown, Result: scenario.TeardownReport{}},
			"Tear down:                   nothing was created\n"},
		{"teardown checklist", scenario.AssumeRole, false,
			scenario.StepFinished{Step: scenario.StepTeardown, Err: errors.New("teardown: left"), Result: scenario.TeardownReport{Items: []scenario.TeardownItem{
				{Action: "DetachRolePolicy", Op: scenario.OpDetach, Resource: "m", Status: scenario.ItemDeleted},
				{Action: "DeactivateMFADevice", Op: scenario.OpDeactivate, Resource: "d", Status: scenario.ItemAlreadyGone},
				{Action: "DeleteUser", Op: scenario.OpDelete, Resource: "u", Status: scenario.ItemFailed, Err: errors.New("DeleteConflict")},
			}}},
			"Tear down:                    3 items\n" +
				"    detached      DetachRolePolicy m\n" +
				"    already gone  DeactivateMFADevice d\n" +
				"    FAILED        DeleteUser u\n" +
				"                  DeleteConflict\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fe, out := frontEndOn("", Options{Kind: tt.kind, AutoMFA: tt.autoMFA})
			fe.Event(scenario.StepStarted{Step: tt.ev.Step})
			fe.Event(tt.ev)
			fe.Event(scenario.CallMade{Call: scenario.Call{Service: "iam", Action: "CreateUser"}})
			if !strings.Contains(out.String(), tt.want) {
				t.Errorf("got\n%s\nwant it to contain\n%s", out.String(), tt.want)
			}
		})
	}
}

func TestProgressLines(t *testing.T) {
	tests := []struct {
		pr   scenario.Progress
		want string
	}{
		{scenario.Progress{Step: scenario.StepEnableDevice, WaitNext: 12400 * time.Millisecond},
			"    waiting 12s for the next 30-second window: each code is accepted only once\n"},
		{scenario.Progress{Step: scenario.StepWaitForKey, Attempt: 2, Code: "InvalidClientTokenId", Elapsed: 1500 * time.Millisecond},
			"    InvalidClientTokenId after 1.5s: IAM is eventually consistent, trying again\n"},
		{scenario.Progress{Step: scenario.StepWithMFA, Attempt: 2, Code: "AccessDenied", Elapsed: 2 * time.Second},
			"    AccessDenied after 2s: the policy may still be propagating, trying again\n"},
		{scenario.Progress{Step: scenario.StepTeardown, Item: &scenario.TeardownItem{Action: "DeleteUser"}}, ""},
	}
	for _, tt := range tests {
		fe, out := frontEndOn("", Options{})
		fe.Event(tt.pr)
		if out.String() != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.pr, out.String(), tt.want)
		}
	}
}

// rejected is AWS's refusal of a code.
var rejected = &smithy.GenericAPIError{Code: "InvalidAuthenticationCode", Message: "invalid"}

func TestCodePromptsAskAgainUntilTheCodesPass(t *testing.T) {
	tests := []struct {
		name  string
		count int
		retry *scenario.CodeError
		in    string
		codes []string
		err   error
		want  []string
	}{
		{"letters, 5 digits, then a pair typed with a space", 2, nil, "abcdef\n12345\n123 456\n654321\n", []string{"123456", "654321"}, nil, []string{
			"    Enter two consecutive codes from your authenticator app for SERIAL\n",
			"    code 1: ", "    code 1 must be exactly 6 digits\n",
			"    code 1: ", "    code 1 must be exactly 6 digits\n",
			"    code 1:     code 2: ",
		}},
		{"second field wrong", 2, nil, "111111\n22\n222222\n", []string{"111111", "222222"}, nil, []string{
			"    code 2: ", "    code 2 must be exactly 6 digits\n",
		}},
		{"one code", 1, nil, " 123 456 \n", []string{"123456"}, nil, []string{
			"    Enter the current code from your authenticator app for SERIAL\n", "    code: ",
		}},
		{"full-width digits from a Japanese IME", 2, nil, "１２３４５６\n６５４　３２１\n", []string{"123456", "654321"}, nil, []string{
			"    code 1:     code 2: ",
		}},
		{"a code with a hyphen", 1, nil, "123-456\n", []string{"123456"}, nil, []string{"    code: "}},
		{"full-width letters are still refused", 1, nil, "１２３ａ５６\n123456\n", []string{"123456"}, nil, []string{
			"    the code must be exactly 6 digits\n",
		}},
		{"one code, too short", 1, nil, "12345\n123456\n", []string{"123456"}, nil, []string{
			"    the code must be exactly 6 digits\n",
		}},
		{"after AWS refused the pair", 2, &scenario.CodeError{Pair: true, Problem: scenario.CodeRejected, Err: rejected}, "111111\n222222\n", []string{"111111", "222222"}, nil, []string{
			"    AWS rejected the codes (InvalidAuthenticationCode): check the device's clock and type the current code\n    Enter two",
		}},
		{"after the same code twice", 2, &scenario.CodeError{Pair: true, Problem: scenario.CodeSame}, "111111\n222222\n", []string{"111111", "222222"}, nil, []string{
			"    the two codes are the same: wait for the next code (a new one every 30 s) and type that one second\n",
		}},
		{"after a used code", 1, &scenario.CodeError{Field: 1, Problem: scenario.CodeUsed, Wait: 7400 * time.Millisecond}, "111111\n", []string{"111111"}, nil, []string{
			"    the code was already used in this run and AWS refuses a code twice: wait 7s for the next one\n",
		}},
		{"stdin ends", 2, nil, "111111\n", nil, io.EOF, []string{"    code 2: \n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fe, out := frontEndOn(tt.in, Options{})
			codes, err := fe.Codes(context.Background(), scenario.CodeRequest{Step: scenario.StepEnableDevice, Count: tt.count, Serial: "SERIAL", Attempt: 1, Retry: tt.retry})
			if !errors.Is(err, tt.err) {
				t.Fatalf("error %v, want %v", err, tt.err)
			}
			if fmt.Sprint(codes) != fmt.Sprint(tt.codes) {
				t.Errorf("codes %q, want %q", codes, tt.codes)
			}
			got := out.String()
			for _, w := range tt.want {
				i := strings.Index(got, w)
				if i < 0 {
					t.Fatalf("output lacks %q in order:\n%s", w, out.String())
				}
				got = got[i+len(w):]
			}
		})
	}
}

func TestCodePromptEndsWithTheContext(t *testing.T) {
	r, w := io.Pipe()
	defer w.Close()
	fe := newFrontEnd(Options{In: r, Out: io.Discard})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := fe.Codes(ctx, scenario.CodeRequest{Count: 1}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func TestLiveQuestion(t *testing.T) {
	who := scenario.WhoAmIResult{Identity: scenario.Identity{Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/ops"}}
	tests := []struct {
		name        string
		live        bool
		kind        scenario.Kind
		in          string
		yes         bool
		interactive bool
		confirmed   bool
		err         string
		asked       string
	}{
		{"y", true, scenario.SessionToken, "y\n", false, true, true, "", "This creates an IAM user, an MFA device and an access key in account 123456789012 as arn:aws:iam::123456789012:user/ops\n(all deleted again at the end). Continue? [y/N] "},
		{"yes", true, scenario.AssumeRole, " YES \n", false, true, true, "", "This creates an IAM user, an MFA device, an access key, a role and a managed policy in account"},
		{"n", true, scenario.SessionToken, "n\n", false, true, false, "", "Continue? [y/N] "},
		{"empty", true, scenario.SessionToken, "\n", false, true, false, "", "Continue? [y/N] "},
		{"yep is no yes", true, scenario.SessionToken, "yep\n", false, true, false, "", "Continue? [y/N] "},
		{"EOF", true, scenario.SessionToken, "", false, true, false, "read from stdin: EOF", "Continue? [y/N] "},
		{"--yes", true, scenario.SessionToken, "", true, true, true, "", ""},
		{"--yes, not interactive", true, scenario.SessionToken, "", true, false, true, "", ""},
		{"not interactive", true, scenario.SessionToken, "y\n", false, false, false, "live AWS needs a confirmation: run in a terminal, or pass --yes", ""},
		{"not live", false, scenario.SessionToken, "", false, false, false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fe, out := frontEndOn(tt.in, Options{Yes: tt.yes, Interactive: tt.interactive})
			ans, err := fe.Begin(context.Background(), scenario.BeginQuestion{Who: who, Kind: tt.kind, Live: tt.live})
			if fmt.Sprint(err) != fmt.Sprint(map[bool]any{true: tt.err, false: nil}[tt.err != ""]) {
				t.Errorf("error %v, want %q", err, tt.err)
			}
			if ans.Confirmed != tt.confirmed || ans.Kind != tt.kind {
				t.Errorf("answer %+v, want confirmed %v, kind %s", ans, tt.confirmed, tt.kind)
			}
			if tt.asked == "" && out.Len() > 0 || !strings.Contains(out.String(), tt.asked) {
				t.Errorf("asked %q, want %q", out.String(), tt.asked)
			}
		})
	}
}

func TestSummaryForEachExitStatus(t *testing.T) {
	tests := []struct {
		name string
		kind scenario.Kind
		sum  scenario.Summary
		code int
		want string
	}{
		{"lesson", scenario.SessionToken, scenario.Summary{Lesson: true}, scenario.ExitLesson,
			"Lesson shown: without MFA the listing was refused, with MFA it worked. Teardown complete.\n"},
		{"lesson, assume-role", scenario.AssumeRole, scenario.Summary{Lesson: true}, scenario.ExitLesson,
			"Lesson shown: without MFA the role could not be assumed, with MFA it could, and it listed the buckets. Teardown complete.\n"},
		{"not enforced", scenario.SessionToken, scenario.Summary{Outcome: scenario.OutcomeNotEnforced}, scenario.ExitNotEnforced,
			"This backend did not enforce aws:MultiFactorAuthPresent: the listing without MFA was allowed,\n" +
				"so there was no lesson to show (real AWS and the embedded emulator refuse it). Teardown complete.\n"},
		{"not enforced, assume-role", scenario.AssumeRole, scenario.Summary{Outcome: scenario.OutcomeNotEnforced}, scenario.ExitNotEnforced,
			"did not enforce aws:MultiFactorAuthPresent: the role was assumed without MFA,\n"},
		{"failed, nothing left", scenario.AssumeRole, scenario.Summary{Failed: scenario.StepAllowAssume, Err: errors.New("allow-assume: AccessDenied")}, scenario.ExitFailure,
			"Failed at \"Let the user assume the role\" (see above).\nNothing this run created is left.\n"},
		{"failed, something left", scenario.SessionToken, scenario.Summary{Failed: scenario.StepCreateKey, Err: errors.New("x"),
			Teardown: scenario.TeardownReport{Remaining: []string{"user u", "MFA device d"}, CleanupCommand: "mfa-demo cleanup --endpoint-url http://x", Journal: "/state/run.jsonl"}}, scenario.ExitFailure,
			"Failed at \"Create an access key\" (see above).\nLeft behind: user u, MFA device d\n" +
				"Remove it with: mfa-demo cleanup --endpoint-url http://x   (journal: /state/run.jsonl)\n"},
		{"failed, something left on live AWS", scenario.SessionToken, scenario.Summary{Failed: scenario.StepCreateKey, Err: errors.New("x"),
			Teardown: scenario.TeardownReport{Remaining: []string{"user u"}, CleanupCommand: "mfa-demo cleanup --live", Journal: "/state/run.jsonl"}}, scenario.ExitFailure,
			"Left behind: user u\nRemove it with: mfa-demo cleanup --live   (journal: /state/run.jsonl)\n"},
		{"failed, something left on the embedded emulator", scenario.SessionToken, scenario.Summary{Failed: scenario.StepCreateKey, Err: errors.New("x"),
			Teardown: scenario.TeardownReport{Remaining: []string{"user u"}}}, scenario.ExitFailure,
			"Left behind: user u\nThe embedded emulator ends with this process, so nothing is left anywhere.\n"},
		{"interrupted", scenario.SessionToken, scenario.Summary{Interrupted: true, Err: context.Canceled}, scenario.ExitFailure,
			"Interrupted.\nNothing this run created is left.\n"},
		{"declined", scenario.SessionToken, scenario.Summary{Err: scenario.ErrDeclined}, scenario.ExitUsage,
			"mfa-demo: not confirmed: nothing was created\nNothing this run created is left.\n"},
		{"root refused", scenario.SessionToken, scenario.Summary{Failed: scenario.StepWhoAmI, Err: fmt.Errorf("whoami: %w", scenario.ErrRootCredentials)}, scenario.ExitUsage,
			"Failed at \"Who am I\" (see above).\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fe, out := frontEndOn("", Options{Kind: tt.kind})
			if code := tt.sum.ExitCode(); code != tt.code {
				t.Fatalf("exit %d, want %d", code, tt.code)
			}
			fe.summary(tt.sum)
			if !strings.Contains(out.String(), tt.want) {
				t.Errorf("got\n%s\nwant it to contain\n%s", out.String(), tt.want)
			}
		})
	}
}

// TestCountsReadNaturally checks the lines with a number in them, for one and for more:
// "1 attempt", never "1 attempt(s)" or "1 attempts".
func TestCountsReadNaturally(t *testing.T) {
	tests := []struct {
		n    int
		want []string
	}{
		{1, []string{"works at once: ", "1 bucket [b0]", "after 1 AccessDenied retry in", "Tear down:                   1 item\n"}},
		{2, []string{"works after 2 attempts, ", "2 buckets [b0, b1]", "after 2 AccessDenied retries in", "Tear down:                   2 items\n"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.n), func(t *testing.T) {
			fe, out := frontEndOn("", Options{})
			with := scenario.WithMFAResult{Retries: tt.n, RetryElapsed: time.Second}
			var rep scenario.TeardownReport
			for i := range tt.n {
				with.Buckets = append(with.Buckets, scenario.Bucket{Name: fmt.Sprintf("b%d", i)})
				rep.Items = append(rep.Items, scenario.TeardownItem{Action: "DeleteUser", Resource: "u", Status: scenario.ItemDeleted})
			}
			fe.Event(scenario.StepFinished{Step: scenario.StepWaitForKey, Result: scenario.WaitResult{Attempts: tt.n}})
			fe.Event(scenario.StepFinished{Step: scenario.StepWithMFA, Result: with})
			fe.Event(scenario.StepFinished{Step: scenario.StepTeardown, Result: rep})
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			if strings.Contains(out.String(), "(s)") {
				t.Errorf("output hedges a plural with (s):\n%s", out.String())
			}
		})
	}
}

func TestTeardownWordFitsTheOperation(t *testing.T) {
	for _, tt := range []struct {
		item scenario.TeardownItem
		want string
	}{
		{scenario.TeardownItem{Op: scenario.OpDeactivate, Status: scenario.ItemDeleted}, "deactivated"},
		{scenario.TeardownItem{Op: scenario.OpDetach, Status: scenario.ItemDeleted}, "detached"},
		{scenario.TeardownItem{Op: scenario.OpDelete, Status: scenario.ItemDeleted}, "deleted"},
		{scenario.TeardownItem{Op: scenario.OpDeactivate, Status: scenario.ItemAlreadyGone}, "already gone"},
		{scenario.TeardownItem{Op: scenario.OpDelete, Status: scenario.ItemFailed}, "FAILED"},
		{scenario.TeardownItem{Op: scenario.OpDelete, Status: scenario.ItemPending}, "pending"},
	} {
		if got := text.English.ItemStatus(tt.item); got != tt.want {
			t.Errorf("op %d with status %d: %q, want %q", tt.item.Op, tt.item.Status, got, tt.want)
		}
	}
}

func TestSaidYes(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"y", true}, {"Y", true}, {" yes ", true}, {"YES", true},
		{"", false}, {"n", false}, {"no", false}, {"yep", false}, {"y y", false},
	}
	for _, tt := range tests {
		if got := saidYes(tt.line); got != tt.want {
			t.Errorf("saidYes(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestCallWaitsAreSaidOncePerAttempt feeds plain mode the reports of a call that waits: the
// first report of each attempt says what it waits for and for how long at most, a retry
// says why, and the next call's waits are said again.
func TestCallWaitsAreSaidOncePerAttempt(t *testing.T) {
	fe, out := frontEndOn("", Options{})
	wait := func(attempt int, elapsed time.Duration, reason string) scenario.Event {
		return scenario.Progress{Step: scenario.StepWhoAmI, Call: &scenario.CallWait{Service: "sts", Action: "GetCallerIdentity",
			Attempt: attempt, MaxAttempts: 3, Elapsed: elapsed, Limit: 10 * time.Second, Reason: reason}}
	}
	for _, ev := range []scenario.Event{
		wait(1, 2*time.Second, ""), wait(1, 4*time.Second, ""), wait(2, 0, "Timeout"), wait(2, 2*time.Second, ""),
		scenario.CallMade{}, wait(1, 2*time.Second, ""),
	} {
		fe.Event(ev)
	}
	want := "    waiting for STS GetCallerIdentity: no answer for 2s (attempt 1 of 3; each attempt waits at most 10s)\n" +
		"    STS GetCallerIdentity failed (Timeout): trying again, attempt 2 of 3\n" +
		"    waiting for STS GetCallerIdentity: no answer for 2s (attempt 2 of 3; each attempt waits at most 10s)\n" +
		"    waiting for STS GetCallerIdentity: no answer for 2s (attempt 1 of 3; each attempt waits at most 10s)\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}
