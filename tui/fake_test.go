package tui

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/mfa-demo/mfa-demo/aws/mfa"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// testSeed is a 160-bit seed, as the emulator issues them; testAWSSeed is as long as the ones
// real AWS issues.
const (
	testSeed    = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	testAWSSeed = testSeed + testSeed
)

// testURI is the otpauth URI of the emulator's shape (a version 5 QR code).
var testURI = mfa.URI("mfa-demo-mfa-test0001", "123456789012", testSeed)

// testClock is the frozen time of the Update tests: 17 s into a code window.
var testClock = time.Date(2026, 11, 2, 9, 30, 13, 0, time.UTC)

// fakeDemo answers every step with fixed results, so Update tests see exactly the messages
// a real run produces without any AWS call.
type fakeDemo struct {
	mu      sync.Mutex
	steps   []string
	checked []string
}

func (f *fakeDemo) record(step string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.steps = append(f.steps, step)
}

func testCall(service, action string) scenario.Call {
	return scenario.Call{Time: testClock, Service: service, Action: action, Caller: "operator", Message: "ok", CLI: "aws " + service + " " + action}
}

func whoAmIResult() scenario.WhoAmIResult {
	return scenario.WhoAmIResult{
		Identity: scenario.Identity{Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/trainer", UserID: "AIDATRAINER"},
		Target:   scenario.TargetEmulator,
		Region:   "us-east-1",
		Calls:    []scenario.Call{testCall("sts", "GetCallerIdentity")},
	}
}

func deviceResult() scenario.DeviceResult {
	return scenario.DeviceResult{
		Name:   "mfa-demo-mfa-test0001",
		Serial: "arn:aws:iam::123456789012:mfa/mfa-demo/mfa-demo-mfa-test0001",
		Seed:   testSeed,
		URI:    testURI,
		QRPNG:  []byte("\x89PNG fake"),
		Calls:  []scenario.Call{testCall("iam", "CreateVirtualMFADevice")},
	}
}

const testPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:ListAllMyBuckets",
      "Resource": "arn:aws:s3:::*",
      "Condition": {
        "Bool": {
          "aws:MultiFactorAuthPresent": "true"
        }
      }
    }
  ]
}`

func policyResult() scenario.PolicyResult {
	return scenario.PolicyResult{Kind: "inline user policy", Name: "mfa-demo-user-policy-test0001", Document: testPolicy, Calls: []scenario.Call{testCall("iam", "PutUserPolicy")}}
}

func bucketsResult() []scenario.Bucket {
	return []scenario.Bucket{
		{Name: "mfa-demo-training-data", Created: time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)},
		{Name: "mfa-demo-reports", Created: time.Date(2026, 2, 3, 4, 5, 0, 0, time.UTC)},
	}
}

func teardownReport() scenario.TeardownReport {
	items := []scenario.TeardownItem{
		{Action: "DeleteUserPolicy", Resource: "mfa-demo-user-policy-test0001", Status: scenario.ItemDeleted},
		{Action: "DeleteAccessKey", Resource: "AKIATESTKEY", Status: scenario.ItemDeleted},
		{Action: "DeactivateMFADevice", Resource: "mfa-demo-mfa-test0001", Status: scenario.ItemDeleted},
		{Action: "DeleteVirtualMFADevice", Resource: "mfa-demo-mfa-test0001", Status: scenario.ItemDeleted},
		{Action: "DeleteUser", Resource: "mfa-demo-user-test0001", Status: scenario.ItemDeleted},
	}
	return scenario.TeardownReport{Items: items, Calls: []scenario.Call{testCall("iam", "DeleteUser")}}
}

func (f *fakeDemo) WhoAmI(context.Context) (scenario.WhoAmIResult, error) {
	f.record("WhoAmI")
	return whoAmIResult(), nil
}

func (f *fakeDemo) CreateUser(context.Context) (scenario.UserResult, error) {
	f.record("CreateUser")
	return scenario.UserResult{UserName: "mfa-demo-user-test0001", Arn: "arn:aws:iam::123456789012:user/mfa-demo/mfa-demo-user-test0001"}, nil
}

func (f *fakeDemo) CreateDevice(context.Context) (scenario.DeviceResult, error) {
	f.record("CreateDevice")
	return deviceResult(), nil
}

func (f *fakeDemo) EnableDevice(_ context.Context, c1, c2 string) (scenario.EnableResult, error) {
	f.record("EnableDevice " + c1 + " " + c2)
	return scenario.EnableResult{}, nil
}

func (f *fakeDemo) CreateAccessKey(context.Context) (scenario.KeyResult, error) {
	f.record("CreateAccessKey")
	return scenario.KeyResult{AccessKeyID: "AKIATESTKEY", RedactedSecret: "wJal…(36 more)"}, nil
}

func (f *fakeDemo) WaitForKey(context.Context) (scenario.WaitResult, error) {
	f.record("WaitForKey")
	return scenario.WaitResult{Attempts: 2, Elapsed: 1500 * time.Millisecond}, nil
}

func (f *fakeDemo) Policy(_ context.Context, step scenario.StepID) (scenario.PolicyResult, error) {
	f.record("Policy " + string(step))
	return policyResult(), nil
}

func (f *fakeDemo) WithoutMFA(context.Context) (scenario.WithoutMFAResult, error) {
	f.record("WithoutMFA")
	return scenario.WithoutMFAResult{Outcome: scenario.OutcomeDenied, ErrorCode: "AccessDenied", Message: "explicit deny"}, nil
}

func (f *fakeDemo) WithMFA(_ context.Context, code string) (scenario.WithMFAResult, error) {
	f.record("WithMFA " + code)
	return scenario.WithMFAResult{Buckets: bucketsResult()}, nil
}

func (f *fakeDemo) Teardown(context.Context) (scenario.TeardownReport, error) {
	f.record("Teardown")
	return teardownReport(), nil
}

// CheckCode does the first local check of the scenario: six digits.
func (f *fakeDemo) CheckCode(code string) error {
	f.mu.Lock()
	f.checked = append(f.checked, code)
	f.mu.Unlock()
	if len(code) != mfa.Digits || digitsOnly(code) != code {
		return &scenario.CodeError{Field: 1, Problem: scenario.CodeNotSixDigits, Err: errors.New("not six digits")}
	}
	return nil
}

func (f *fakeDemo) AutoCodes(n int) ([]string, time.Duration) {
	return []string{"111111", "222222"}[:n], 0
}

func (f *fakeDemo) CurrentCode() (string, time.Duration) { return "123456", 17 * time.Second }

func (f *fakeDemo) RunID() string { return "test0001" }

func (f *fakeDemo) Choose(kind scenario.Kind) error {
	f.record("Choose " + string(kind))
	return nil
}

// newTestModel is a model on the fake demo at 80×24, as the program would build it.
func newTestModel(t testing.TB, opts Options) (Model, *fakeDemo) {
	t.Helper()
	f := &fakeDemo{}
	if opts.Now == nil {
		opts.Now = func() time.Time { return testClock }
	}
	if opts.StateDir == "" {
		opts.StateDir = t.TempDir()
	}
	opts.Environ = []string{"TERM=xterm-256color"}
	m, _, cancel := prepare(context.Background(), f, opts)
	t.Cleanup(cancel)
	return send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24}), f
}

// send feeds one message to the model and returns the new root model.
func send(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()
	next, _ := m.Update(msg)
	nm, ok := next.(Model)
	if !ok {
		t.Fatalf("Update returned %T, want Model", next)
	}
	return nm
}

// sendCmd is send that also returns the command, for tests that run it.
func sendCmd(t testing.TB, m Model, msg tea.Msg) (Model, tea.Cmd) {
	t.Helper()
	next, cmd := m.Update(msg)
	return next.(Model), cmd
}

// press turns key names into key presses: "enter", "tab", "esc", "ctrl+c", or text typed
// one character at a time.
func press(t testing.TB, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		for _, msg := range keyMsgs(k) {
			m = send(t, m, msg)
		}
	}
	return m
}

func keyMsgs(k string) []tea.Msg {
	switch k {
	case "enter":
		return []tea.Msg{tea.KeyPressMsg{Code: tea.KeyEnter}}
	case "tab":
		return []tea.Msg{tea.KeyPressMsg{Code: tea.KeyTab}}
	case "esc":
		return []tea.Msg{tea.KeyPressMsg{Code: tea.KeyEscape}}
	case "backspace":
		return []tea.Msg{tea.KeyPressMsg{Code: tea.KeyBackspace}}
	case "up":
		return []tea.Msg{tea.KeyPressMsg{Code: tea.KeyUp}}
	case "down":
		return []tea.Msg{tea.KeyPressMsg{Code: tea.KeyDown}}
	case "ctrl+c":
		return []tea.Msg{tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}}
	}
	var out []tea.Msg
	for _, r := range k {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}
