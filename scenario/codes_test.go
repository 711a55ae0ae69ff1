package scenario_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/smithy-go/middleware"

	"github.com/mfa-demo/mfa-demo/aws/mfa"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// codeAt is the TOTP code of seed at t, as an authenticator app computes it.
func codeAt(t *testing.T, seed string, at time.Time) string {
	t.Helper()
	code, err := mfa.Code(seed, at)
	if err != nil {
		t.Fatalf("TOTP: %v", err)
	}
	return code
}

// scriptedAuth answers Run's code requests from a script, and records why each previous
// answer was refused.
type scriptedAuth struct {
	script  map[scenario.StepID][]func(ctx context.Context, req scenario.CodeRequest) []string
	refused []string // "step: problem field"
	enabled []string // the codes that enabled the device
}

func (a *scriptedAuth) Codes(ctx context.Context, req scenario.CodeRequest) ([]string, error) {
	if req.Retry != nil {
		a.refused = append(a.refused, fmt.Sprintf("%s: %s", req.Step, describe(req.Retry)))
		if req.Retry.Error() == "" {
			return nil, errors.New("a refusal without a message")
		}
	}
	answers := a.script[req.Step]
	if req.Attempt > len(answers) {
		return nil, fmt.Errorf("script for %s has no attempt %d", req.Step, req.Attempt)
	}
	return answers[req.Attempt-1](ctx, req), nil
}

func describe(e *scenario.CodeError) string {
	name := map[scenario.CodeProblem]string{
		scenario.CodeNotSixDigits: "not six digits",
		scenario.CodeSame:         "same",
		scenario.CodeUsed:         "used",
		scenario.CodeRejected:     "rejected",
	}[e.Problem]
	if e.Problem == scenario.CodeRejected {
		return fmt.Sprintf("%s field %d (%v)", name, e.Field, e.Err != nil)
	}
	if e.Problem == scenario.CodeUsed && e.Wait <= 0 {
		return name + " without a wait"
	}
	return fmt.Sprintf("%s field %d", name, e.Field)
}

// countCalls counts the calls of one action.
func countCalls(action string, n *atomic.Int64) func(*middleware.Stack) error {
	return func(stack *middleware.Stack) error {
		return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("test/count",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				if fmt.Sprintf("%T", in.Parameters) == action {
					n.Add(1)
				}
				return next.HandleInitialize(ctx, in)
			}), middleware.After)
	}
}

func TestBadCodesAreRefusedAndRetriedWithoutLosingTheRun(t *testing.T) {
	h := newHarness(t)
	obs := &observer{}
	seed := func() string { return obs.results[scenario.StepShowQR].(scenario.DeviceResult).Seed }
	// A code far outside the ±1 step window: a typo that is six digits.
	wrong := func(context.Context, scenario.CodeRequest) []string {
		return []string{codeAt(t, seed(), h.clock.Now().Add(10*time.Minute)), codeAt(t, seed(), h.clock.Now().Add(11*time.Minute))}
	}
	auth := &scriptedAuth{}
	fresh := func(ctx context.Context, req scenario.CodeRequest) []string {
		codes, err := req.Generate(ctx)
		if err != nil {
			t.Errorf("generate: %v", err)
		}
		if req.Step == scenario.StepEnableDevice {
			auth.enabled = codes
		}
		return codes
	}
	current := func(context.Context, scenario.CodeRequest) []string {
		return []string{codeAt(t, seed(), h.clock.Now())}
	}
	auth.script = map[scenario.StepID][]func(context.Context, scenario.CodeRequest) []string{
		scenario.StepEnableDevice: {
			func(context.Context, scenario.CodeRequest) []string { return []string{"abcdef", "123456"} },
			func(context.Context, scenario.CodeRequest) []string { return []string{"12345", "123456"} },
			func(context.Context, scenario.CodeRequest) []string { return []string{"123456", "1234567"} },
			func(context.Context, scenario.CodeRequest) []string {
				c := current(context.Background(), scenario.CodeRequest{})[0]
				return []string{c, c}
			},
			wrong,
			fresh,
		},
		scenario.StepWithMFA: {
			// The code the app shows now was one of the two that enabled the device.
			current,
			func(ctx context.Context, req scenario.CodeRequest) []string { return wrong(ctx, req)[:1] },
			fresh,
		},
	}
	var enableCalls, sessionCalls atomic.Int64
	f := h.factory([]func(*middleware.Stack) error{
		countCalls("*iam.EnableMFADeviceInput", &enableCalls),
		countCalls("*sts.GetSessionTokenInput", &sessionCalls),
	})
	obs.auth = auth
	sum := scenario.New(h.env("codes", f)).Run(context.Background(), obs)

	if sum.ExitCode() != scenario.ExitLesson {
		t.Fatalf("exit %d at %s: %v", sum.ExitCode(), sum.Failed, sum.Err)
	}
	want := []string{
		"enable-device: not six digits field 1",
		"enable-device: not six digits field 1",
		"enable-device: not six digits field 2",
		"enable-device: same field 2",
		"enable-device: rejected field 0 (true)",
		"with-mfa: used field 1",
		"with-mfa: rejected field 1 (true)",
	}
	if fmt.Sprint(auth.refused) != fmt.Sprint(want) {
		t.Errorf("refusals:\n got %q\nwant %q", auth.refused, want)
	}
	// Local checks cost no call: only the wrong pair and the good pair reached IAM, and only
	// the without-MFA session, the wrong code and the good code reached STS.
	if got := enableCalls.Load(); got != 2 {
		t.Errorf("EnableMFADevice calls = %d, want 2", got)
	}
	if got := sessionCalls.Load(); got != 3 {
		t.Errorf("GetSessionToken calls = %d, want 3", got)
	}
	if left := h.leftovers(); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestAutoCodesPreferTheLongestValidUnusedSteps(t *testing.T) {
	const step = mfa.Period
	tests := []struct {
		name       string
		at         time.Duration // into the TOTP window when the codes are asked for
		n          int           // 2: enable the device; 1: start an MFA session
		enabledAgo int           // with n=1: windows since the device was enabled with AutoCodes
		sessions   int           // with n=1: sessions started with AutoCodes in the ask's window first
		want       []int64       // the steps of the codes, relative to the window at the ask
		wait       bool          // no codes: wait until the next window
		after      time.Duration // the codes are sent this long after the ask
	}{
		{name: "pair: now and next", at: 15 * time.Second, n: 2, want: []int64{0, 1}},
		{name: "pair asked with 1 s left, sent 2 s later", at: 29 * time.Second, n: 2, want: []int64{0, 1}, after: 2 * time.Second},
		{name: "one code: now", at: 15 * time.Second, n: 1, enabledAgo: 2, want: []int64{0}},
		{name: "one code asked with 1 s left, sent 2 s later", at: 29 * time.Second, n: 1, enabledAgo: 2, want: []int64{0}, after: 2 * time.Second},
		{name: "one code, now used: next", at: 15 * time.Second, n: 1, enabledAgo: 2, sessions: 1, want: []int64{1}},
		{name: "one code, enabled a window ago: next", at: 15 * time.Second, n: 1, enabledAgo: 1, want: []int64{1}},
		{name: "one code, now and next used: previous", at: 15 * time.Second, n: 1, enabledAgo: 3, sessions: 2, want: []int64{-1}},
		{name: "one code, enabled this window: previous", at: 1 * time.Second, n: 1, want: []int64{-1}},
		{name: "one code, every step around now used: wait", at: 15 * time.Second, n: 1, sessions: 1, wait: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.clock.Freeze()
			ctx := context.Background()
			// The test clock only adds offsets, so this may go back to an earlier second.
			if err := h.clock.Sleep(ctx, tt.at-15*time.Second-time.Duration(tt.enabledAgo)*step); err != nil {
				t.Fatal(err)
			}
			d := scenario.New(h.env("auto", h.factory(nil)))
			if codes, wait := d.AutoCodes(tt.n); codes != nil || wait != 0 {
				t.Errorf("before a device exists: AutoCodes = %v, %s; want nothing", codes, wait)
			}
			dev := deviceReady(t, d)
			use := func(codes []string) error {
				if len(codes) == 2 {
					_, err := d.EnableDevice(ctx, codes[0], codes[1])
					return err
				}
				_, err := d.WithMFA(ctx, codes[0])
				return err
			}
			if tt.n == 1 {
				pair, _ := d.AutoCodes(2)
				if err := use(pair); err != nil {
					t.Fatalf("enable: %v", err)
				}
				if _, err := d.CreateAccessKey(ctx); err != nil {
					t.Fatal(err)
				}
				if _, err := d.Policy(ctx, scenario.StepUserPolicy); err != nil {
					t.Fatal(err)
				}
				if err := h.clock.Sleep(ctx, time.Duration(tt.enabledAgo)*step); err != nil {
					t.Fatal(err)
				}
				for range tt.sessions {
					codes, _ := d.AutoCodes(1)
					if err := use(codes); err != nil {
						t.Fatalf("an earlier session: %v", err)
					}
				}
			}

			now := h.clock.Now()
			codes, wait := d.AutoCodes(tt.n)
			if tt.wait {
				untilNext := now.Truncate(step).Add(step).Sub(now)
				if codes != nil || wait != untilNext {
					t.Errorf("AutoCodes(%d) = %v, %s; want no codes and a wait of %s", tt.n, codes, wait, untilNext)
				}
				return
			}
			var want []string
			for _, s := range tt.want {
				want = append(want, codeAt(t, dev.Seed, now.Add(time.Duration(s)*step)))
			}
			if wait != 0 || fmt.Sprint(codes) != fmt.Sprint(want) {
				t.Fatalf("AutoCodes(%d) = %v, %s; want %v (steps %v)", tt.n, codes, wait, want, tt.want)
			}
			if err := h.clock.Sleep(ctx, tt.after); err != nil {
				t.Fatal(err)
			}
			if err := use(codes); err != nil {
				t.Errorf("AWS refused the codes %s after the ask: %v", tt.after, err)
			}
		})
	}
}

func TestAutoCodesSkipUsedStepsAndWaitForTheNextWindow(t *testing.T) {
	h := newHarness(t)
	h.clock.Freeze()
	d := scenario.New(h.env("auto", h.factory(nil)))
	ctx := context.Background()
	dev := deviceReady(t, d)
	now := h.clock.Now()
	step := mfa.Period

	pair, _ := d.AutoCodes(2)
	if code, left := d.CurrentCode(); code != pair[0] || left <= 0 || left > step {
		t.Errorf("CurrentCode = %s, %s; want %s with 0–30 s left", code, left, pair[0])
	}
	if _, err := d.EnableDevice(ctx, pair[0], pair[1]); err != nil {
		t.Fatalf("enable: %v", err)
	}
	var ce *scenario.CodeError
	if err := d.CheckCode(pair[0]); !errors.As(err, &ce) || ce.Problem != scenario.CodeUsed || ce.Wait <= 0 {
		t.Errorf("CheckCode(used) = %v; want CodeUsed with a wait until the next window", err)
	}
	if _, err := d.CreateAccessKey(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Policy(ctx, scenario.StepUserPolicy); err != nil {
		t.Fatal(err)
	}
	prev, _ := d.AutoCodes(1)
	if _, err := d.WithMFA(ctx, prev[0]); err != nil {
		t.Fatalf("with MFA: %v", err)
	}
	// All three steps around now are used: the next free one is two windows ahead, which
	// enters the ±1 window when the next window starts.
	_, wait := d.AutoCodes(1)
	if err := h.clock.Sleep(ctx, wait); err != nil {
		t.Fatal(err)
	}
	if codes, wait := d.AutoCodes(1); wait != 0 || len(codes) != 1 || codes[0] != codeAt(t, dev.Seed, now.Add(2*step)) {
		t.Errorf("after the wait: AutoCodes(1) = %v, %s; want the code two windows on", codes, wait)
	}
}

func TestGroupSeed(t *testing.T) {
	tests := []struct{ seed, want string }{
		{"", ""},
		{"JBSW", "JBSW"},
		{"JBSWY3DP", "JBSW Y3DP"},
		{"JBSWY3DPEHPK3PXPQ", "JBSW Y3DP EHPK 3PXP Q"},
	}
	for _, tt := range tests {
		if got := scenario.GroupSeed(tt.seed); got != tt.want {
			t.Errorf("GroupSeed(%q) = %q, want %q", tt.seed, got, tt.want)
		}
	}
}

// TestNormalizeCode covers what a trainee types: a Japanese IME's full-width digits and the
// grouping authenticator apps show.
func TestNormalizeCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"123456", "123456"},
		{"１２３４５６", "123456"},
		{"１２３　４５６", "123456"},
		{"123 456", "123456"},
		{"123-456", "123456"},
		{" 123456\t", "123456"},
		{"１２３－４５６", "123456"},
		{"123ー456", "123456"},
		{"123‐456", "123456"},
		{"12a456", "12a456"},
		{"ｌ23456", "l23456"},
		{"", ""},
	}
	for _, tt := range tests {
		got := scenario.NormalizeCode(tt.in)
		if got != tt.want {
			t.Errorf("NormalizeCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	d := scenario.New(scenario.Env{})
	for _, ok := range []string{"１２３４５６", "123 456", "123-456"} {
		if err := d.CheckCode(scenario.NormalizeCode(ok)); err != nil {
			t.Errorf("CheckCode(NormalizeCode(%q)): %v", ok, err)
		}
	}
}
