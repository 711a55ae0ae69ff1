package tui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
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
	}
}

func deviceResult() scenario.DeviceResult {
	return scenario.DeviceResult{
		Name:   "mfa-demo-mfa-test0001",
		Serial: "arn:aws:iam::123456789012:mfa/mfa-demo/mfa-demo-mfa-test0001",
		Seed:   testSeed,
		URI:    testURI,
		QRPNG:  []byte("\x89PNG fake"),
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
	return scenario.PolicyResult{Name: "mfa-demo-user-policy-test0001", Document: testPolicy}
}

func bucketsResult() []scenario.Bucket {
	return []scenario.Bucket{
		{Name: "mfa-demo-training-data", Created: time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)},
		{Name: "mfa-demo-reports", Created: time.Date(2026, 2, 3, 4, 5, 0, 0, time.UTC)},
	}
}

func teardownReport() scenario.TeardownReport {
	items := []scenario.TeardownItem{
		{Action: "DeleteUserPolicy", Op: scenario.OpOf("DeleteUserPolicy"), Resource: "mfa-demo-user-policy-test0001", Status: scenario.ItemDeleted},
		{Action: "DeleteAccessKey", Op: scenario.OpOf("DeleteAccessKey"), Resource: "AKIATESTKEY", Status: scenario.ItemDeleted},
		{Action: "DeactivateMFADevice", Op: scenario.OpOf("DeactivateMFADevice"), Resource: "mfa-demo-mfa-test0001", Status: scenario.ItemDeleted},
		{Action: "DeleteVirtualMFADevice", Op: scenario.OpOf("DeleteVirtualMFADevice"), Resource: "mfa-demo-mfa-test0001", Status: scenario.ItemDeleted},
		{Action: "DeleteUser", Op: scenario.OpOf("DeleteUser"), Resource: "mfa-demo-user-test0001", Status: scenario.ItemDeleted},
	}
	return scenario.TeardownReport{Items: items}
}

// Run is not used by the Update tests: they send the bridge's messages themselves.
func (f *fakeDemo) Run(context.Context, scenario.FrontEnd) scenario.Summary {
	f.record("Run")
	return scenario.Summary{}
}

func (f *fakeDemo) SaveQRPNG(dir string, png []byte) (string, error) {
	f.record("SaveQRPNG")
	path := filepath.Join(dir, "mfa-demo-mfa-test0001-qr.png")
	return path, os.WriteFile(path, png, 0o600)
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
	t.Cleanup(func() {
		cancel()
		m.run.bridge.close()
	})
	return send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24}), f
}

// send feeds one message to the model and returns the new root model. The commands Update
// returns run in the background, as Bubble Tea runs them, so that answers reach the reply
// channels of the questions; the messages they return are dropped (tests send their own).
func send(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()
	next, cmd := m.Update(msg)
	nm, ok := next.(Model)
	if !ok {
		t.Fatalf("Update returned %T, want Model", next)
	}
	go drain(cmd)
	return nm
}

// drain runs a command and every command of a batch it returns.
func drain(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	if batch, ok := cmd().(tea.BatchMsg); ok {
		for _, c := range batch {
			go drain(c)
		}
	}
}

// events sends scenario events to the model, as the bridge delivers them.
func events(t testing.TB, m Model, evs ...scenario.Event) Model {
	t.Helper()
	for _, ev := range evs {
		m = send(t, m, eventMsg{ev: ev})
	}
	return m
}

// step sends a step's start and its finish with res.
func step(t testing.TB, m Model, id scenario.StepID, res any) Model {
	t.Helper()
	return events(t, m, scenario.StepStarted{Step: id}, scenario.StepFinished{Step: id, Result: res})
}

// askBegin sends step 0's answer and Run's Begin question.
func askBegin(t testing.TB, m Model, live bool) (Model, chan scenario.BeginAnswer) {
	t.Helper()
	m = step(t, m, scenario.StepWhoAmI, whoAmIResult())
	reply := make(chan scenario.BeginAnswer, 1)
	return send(t, m, beginAsked{q: scenario.BeginQuestion{Who: whoAmIResult(), Kind: m.opts.Kind, Live: live}, reply: reply}), reply
}

// askFor sends Run's question for n codes of step; retry is why the last ones were refused.
func askFor(t testing.TB, m Model, id scenario.StepID, n, attempt int, retry *scenario.CodeError) (Model, chan []string) {
	t.Helper()
	reply := make(chan []string, 1)
	req := scenario.CodeRequest{Step: id, Count: n, Serial: deviceResult().Serial, Attempt: attempt, Retry: retry}
	return send(t, m, codesAsked{req: req, reply: reply}), reply
}

// askToGoOn sends Run's Continue question for step.
func askToGoOn(t testing.TB, m Model, id scenario.StepID) (Model, chan struct{}) {
	t.Helper()
	reply := make(chan struct{}, 1)
	return send(t, m, continueAsked{step: id, reply: reply}), reply
}

// answered waits for the answer to a question, failing the test when none comes.
func answered[T any](t testing.TB, reply chan T) T {
	t.Helper()
	select {
	case v := <-reply:
		return v
	case <-time.After(2 * time.Second):
		t.Fatal("the question was not answered")
	}
	var zero T
	return zero
}

// unanswered checks that a question is still open.
func unanswered[T any](t testing.TB, reply chan T) {
	t.Helper()
	select {
	case v := <-reply:
		t.Fatalf("the question was answered with %v", v)
	case <-time.After(50 * time.Millisecond):
	}
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
	case "left":
		return []tea.Msg{tea.KeyPressMsg{Code: tea.KeyLeft}}
	case "right":
		return []tea.Msg{tea.KeyPressMsg{Code: tea.KeyRight}}
	case "ctrl+c":
		return []tea.Msg{tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}}
	}
	var out []tea.Msg
	for _, r := range k {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}
