package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// runApp runs the command in-process and returns its exit status and output.
func runApp(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
	code := a.run(context.Background(), args)
	return code, stdout.String() + stderr.String()
}

func TestOperatorPolicyCommand(t *testing.T) {
	code, out := runApp(t, "operator-policy")
	if code != 0 || out != scenario.OperatorPolicyJSON()+"\n" {
		t.Fatalf("exit %d, output:\n%s\nwant the scenario's policy", code, out)
	}
	var doc struct {
		Version   string
		Statement []struct{ Effect, Sid string }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || doc.Version != "2012-10-17" || len(doc.Statement) < 5 {
		t.Errorf("not an IAM policy document (%v): %s", err, out)
	}
}

// TestClockOffsetIsExplained runs the demo with the local clock off from AWS's: the clock
// check says what it measured, warns where codes could be affected and goes on (the SDK
// corrects the signing time, and the demo's codes follow AWS's clock), and stops only where
// AWS refuses the requests.
func TestClockOffsetIsExplained(t *testing.T) {
	t.Setenv(scenario.StateDirEnv, t.TempDir())
	tests := []struct {
		name   string
		offset time.Duration
		noFix  bool // AWS_DISABLE_CLOCK_SKEW_CORRECTION: the request itself is refused
		code   int
		want   []string // "" as the only entry: no warning at all
	}{
		{"20 minutes behind, corrected by the SDK", 20 * time.Minute, false, scenario.ExitLesson,
			[]string{"WARNING: your clock is off by about 20m0s (behind AWS's)", "fix the system time", "Lesson shown"}},
		{"20 minutes behind, refused", 20 * time.Minute, true, scenario.ExitFailure,
			[]string{"Who am I", "your clock is off by about 20m0s (behind AWS's)", "fix the system time", "MFA codes depend on the clock too",
				"SignatureDoesNotMatch", "Nothing this run created is left"}},
		{"2 minutes ahead", -2 * time.Minute, false, scenario.ExitLesson,
			[]string{"WARNING: your clock is off by about 2m0s (ahead of AWS's)", "fix the system time", "Lesson shown"}},
		{"5 seconds behind", 5 * time.Second, false, scenario.ExitLesson, []string{"Lesson shown"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, err := emulator.Start("127.0.0.1:0", emulator.Options{ClockOffset: tt.offset})
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Close()
			t.Setenv("AWS_ACCESS_KEY_ID", "test")
			t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
			t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/none")
			t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/none")
			t.Setenv("AWS_MAX_ATTEMPTS", "2")
			if tt.noFix {
				t.Setenv("AWS_DISABLE_CLOCK_SKEW_CORRECTION", "true")
			}
			code, out := runApp(t, "--plain", "--auto-mfa", "--endpoint-url", srv.URL)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, out)
			}
			for _, want := range tt.want {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			if tt.offset.Abs() < scenario.ClockWarning && strings.Contains(out, "clock is off") {
				t.Errorf("a clock %v off is warned about:\n%s", tt.offset, out)
			}
		})
	}
}

// TestPropagationDelayInPlainMode runs the embedded emulator with a 2 s propagation delay:
// the run completes and says what it waits for and why, and the one wait for the key covers
// the policy's propagation too (the with-MFA listing is not refused on the way).
func TestPropagationDelayInPlainMode(t *testing.T) {
	t.Setenv(scenario.StateDirEnv, t.TempDir())
	start := time.Now()
	code, out := runApp(t, "--plain", "--auto-mfa", "--emulator-propagation-delay", "2s")
	t.Logf("run with a 2 s delay took %s", time.Since(start).Round(time.Millisecond))
	if code != scenario.ExitLesson {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, want := range []string{
		"InvalidClientTokenId after", "IAM is eventually consistent, trying again",
		"IAM's policy simulator agrees", "so the refusal comes from the MFA condition",
		"Lesson shown",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "the policy may still be propagating") {
		t.Errorf("the with-MFA listing waited for the policy again after the key wait:\n%s", out)
	}
}

// TestPreflightThroughTheCommand: --preflight (what --live does) against an endpoint whose
// operator lacks a permission stops before creating anything and names it.
func TestPreflightThroughTheCommand(t *testing.T) {
	t.Setenv(scenario.StateDirEnv, t.TempDir())
	srv, err := emulator.Start("127.0.0.1:0", emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	admin := adminIAM(t, srv.URL)
	ctx := context.Background()
	keyFor := func(name, doc string) (string, string) {
		if _, err := admin.CreateUser(ctx, &iam.CreateUserInput{UserName: awssdk.String(name)}); err != nil {
			t.Fatal(err)
		}
		if _, err := admin.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: awssdk.String(name), PolicyName: awssdk.String("ops"), PolicyDocument: awssdk.String(doc)}); err != nil {
			t.Fatal(err)
		}
		k, err := admin.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: awssdk.String(name)})
		if err != nil {
			t.Fatal(err)
		}
		return awssdk.ToString(k.AccessKey.AccessKeyId), awssdk.ToString(k.AccessKey.SecretAccessKey)
	}
	tests := []struct {
		name string
		doc  string
		code int
		want []string
	}{
		{"missing CreateAccessKey", scenario.OperatorPolicyJSON("iam:CreateAccessKey"), scenario.ExitFailure,
			[]string{"the operator may not iam:CreateAccessKey on arn:aws:iam::000000000000:user/mfa-demo/mfa-demo-user-pre", "nothing was created", "Nothing this run created is left"}},
		{"may not simulate", scenario.OperatorPolicyJSON("iam:SimulatePrincipalPolicy"), scenario.ExitLesson,
			[]string{"permissions not checked: the operator may not iam:SimulatePrincipalPolicy", "Lesson shown"}},
		{"all allowed", scenario.OperatorPolicyJSON(), scenario.ExitLesson,
			[]string{"permissions checked with SimulatePrincipalPolicy on arn:aws:iam::000000000000:user/ops-", "Lesson shown"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, secret := keyFor("ops-"+string(rune('a'+i)), tt.doc)
			t.Setenv("AWS_ACCESS_KEY_ID", id)
			t.Setenv("AWS_SECRET_ACCESS_KEY", secret)
			t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/none")
			t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/none")
			code, out := runApp(t, "--plain", "--auto-mfa", "--preflight", "--run-id", "pre", "--endpoint-url", srv.URL)
			if code != tt.code {
				t.Errorf("exit %d, want %d:\n%s", code, tt.code, out)
			}
			for _, want := range tt.want {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			if left := demoLeftovers(t, admin); len(left) > 0 {
				t.Errorf("left: %v", left)
			}
		})
	}
}
