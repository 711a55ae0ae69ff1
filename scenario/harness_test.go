package scenario_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// clock is the shared clock of the emulator and the demo: real time (or a frozen instant
// near it) plus an offset that only sleeps move, so waits cost nothing and TOTP windows
// still line up with SigV4.
type clock struct {
	mu     sync.Mutex
	frozen time.Time // zero: real time
	offset time.Duration
	slept  time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.frozen.IsZero() {
		return c.frozen.Add(c.offset)
	}
	return time.Now().Add(c.offset)
}

// freeze stops the clock in the middle of the current TOTP window, so window arithmetic in
// a test is exact.
func (c *clock) freeze() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frozen = time.Now().Truncate(30 * time.Second).Add(15 * time.Second)
}

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
	c.slept += d
	return nil
}

// harness is an emulator started for one test, with admin clients to check what is left.
type harness struct {
	t     *testing.T
	srv   *emulator.Server
	clock *clock
	dir   string
	admin aws.Clients
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	return newHarnessWith(t, emulator.Options{})
}

// newHarnessWith is newHarness with emulator options; the harness clock replaces opts.Now.
func newHarnessWith(t *testing.T, opts emulator.Options) *harness {
	t.Helper()
	c := &clock{}
	opts.Now = c.Now
	srv, err := emulator.Start("127.0.0.1:0", opts)
	if err != nil {
		t.Fatalf("start emulator: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	h := &harness{t: t, srv: srv, clock: c, dir: t.TempDir()}
	h.admin = h.factory(nil).Operator()
	return h
}

// factory returns a client factory for the emulator; apiOptions are added to every client.
func (h *harness) factory(apiOptions []func(*middleware.Stack) error) *aws.Factory {
	h.t.Helper()
	f, err := aws.New(context.Background(), aws.Options{
		Endpoint:    h.srv.URL,
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
		APIOptions:  apiOptions,
	})
	if err != nil {
		h.t.Fatalf("client factory: %v", err)
	}
	return f
}

// env is a session-token demo environment on the emulator with the harness clock and
// journal directory.
func (h *harness) env(runID string, f *aws.Factory) scenario.Env {
	return h.envFor(scenario.SessionToken, runID, f)
}

// envFor is env for a scenario of the given kind.
func (h *harness) envFor(kind scenario.Kind, runID string, f *aws.Factory) scenario.Env {
	return scenario.Env{
		Clients: f,
		Now:     h.clock.Now,
		Sleep:   h.clock.Sleep,
		Journal: scenario.NewJournal(h.dir, runID),
		RunID:   runID,
		Version: "test",
		Kind:    kind,
		Target:  scenario.TargetEndpoint,
	}
}

// leftovers lists, through the admin API, every demo user, device, key, inline policy, role
// and managed policy.
// deviceReady runs the demo's steps up to a virtual MFA device (who am I, user, device) and
// tears the demo down when the test ends.
func deviceReady(t *testing.T, d *scenario.Demo) scenario.DeviceResult {
	t.Helper()
	ctx := context.Background()
	if _, err := d.WhoAmI(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := d.CreateUser(ctx); err != nil {
		t.Fatal(err)
	}
	dev, err := d.CreateDevice(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Teardown(context.Background()) })
	return dev
}

func (h *harness) leftovers() []string {
	h.t.Helper()
	ctx := context.Background()
	var out []string
	users, err := h.admin.IAM.ListUsers(ctx, &iam.ListUsersInput{})
	if err != nil {
		h.t.Fatalf("list users: %v", err)
	}
	for _, u := range users.Users {
		name := awssdk.ToString(u.UserName)
		if !strings.HasPrefix(name, "mfa-demo-") {
			continue
		}
		out = append(out, "user "+name)
		keys, err := h.admin.IAM.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: u.UserName})
		if err != nil {
			h.t.Fatalf("list keys: %v", err)
		}
		for _, k := range keys.AccessKeyMetadata {
			out = append(out, "key "+awssdk.ToString(k.AccessKeyId))
		}
		pols, err := h.admin.IAM.ListUserPolicies(ctx, &iam.ListUserPoliciesInput{UserName: u.UserName})
		if err != nil {
			h.t.Fatalf("list policies: %v", err)
		}
		for _, p := range pols.PolicyNames {
			out = append(out, "policy "+p)
		}
	}
	devs, err := h.admin.IAM.ListVirtualMFADevices(ctx, &iam.ListVirtualMFADevicesInput{AssignmentStatus: iamtypes.AssignmentStatusTypeAny})
	if err != nil {
		h.t.Fatalf("list devices: %v", err)
	}
	for _, d := range devs.VirtualMFADevices {
		out = append(out, "device "+awssdk.ToString(d.SerialNumber))
	}
	roles, err := h.admin.IAM.ListRoles(ctx, &iam.ListRolesInput{})
	if err != nil {
		h.t.Fatalf("list roles: %v", err)
	}
	for _, r := range roles.Roles {
		out = append(out, "role "+awssdk.ToString(r.RoleName))
	}
	policies, err := h.admin.IAM.ListPolicies(ctx, &iam.ListPoliciesInput{Scope: iamtypes.PolicyScopeTypeLocal})
	if err != nil {
		h.t.Fatalf("list managed policies: %v", err)
	}
	for _, p := range policies.Policies {
		out = append(out, "managed policy "+awssdk.ToString(p.Arn))
	}
	return out
}

// journals lists the files left in the journal directory.
func (h *harness) journals() []string {
	h.t.Helper()
	entries, err := os.ReadDir(h.dir)
	if err != nil {
		h.t.Fatalf("read journal dir: %v", err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// observer is the front end of the scenario tests: it records what Run reports and answers
// its questions as told.
type observer struct {
	mu       sync.Mutex
	started  []scenario.StepID
	finished []string // "step: error" or "step"
	results  map[scenario.StepID]any
	progress []scenario.Progress
	calls    []scenario.Call
	read     []scenario.StepID // the steps Continue was asked after
	order    []string          // "start STEP", "call ACTION", "finish STEP", in the order reported
	// kind is what Begin answers for the scenario; "" keeps the run's.
	kind scenario.Kind
	// What Begin answers on live AWS.
	confirm    bool
	confirmErr error
	// auth answers the code questions; nil is the built-in authenticator.
	auth scenario.Authenticator
}

func (o *observer) Event(ev scenario.Event) {
	o.mu.Lock()
	defer o.mu.Unlock()
	switch ev := ev.(type) {
	case scenario.StepStarted:
		o.started = append(o.started, ev.Step)
		o.order = append(o.order, "start "+string(ev.Step))
	case scenario.StepFinished:
		if o.results == nil {
			o.results = map[scenario.StepID]any{}
		}
		o.results[ev.Step] = ev.Result
		o.order = append(o.order, "finish "+string(ev.Step))
		if ev.Err != nil {
			o.finished = append(o.finished, fmt.Sprintf("%s: %v", ev.Step, ev.Err))
			return
		}
		o.finished = append(o.finished, string(ev.Step))
	case scenario.Progress:
		o.progress = append(o.progress, ev)
	case scenario.CallMade:
		o.calls = append(o.calls, ev.Call)
		o.order = append(o.order, "call "+ev.Call.Action)
	}
}

func (o *observer) Begin(_ context.Context, q scenario.BeginQuestion) (scenario.BeginAnswer, error) {
	if !q.Live {
		return scenario.BeginAnswer{Kind: o.kind}, nil
	}
	return scenario.BeginAnswer{Kind: o.kind, Confirmed: o.confirm}, o.confirmErr
}

func (o *observer) Codes(ctx context.Context, req scenario.CodeRequest) ([]string, error) {
	if o.auth == nil {
		return scenario.AutoMFA{}.Codes(ctx, req)
	}
	return o.auth.Codes(ctx, req)
}

func (o *observer) Continue(_ context.Context, step scenario.StepID) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.read = append(o.read, step)
	return nil
}
