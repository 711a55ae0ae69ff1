package scenario_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go/middleware"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/internal/testkit"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// harness is an emulator started for one test, with admin clients to check what is left.
type harness struct {
	t     *testing.T
	srv   *emulator.Server
	clock *testkit.Clock
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
	c := &testkit.Clock{}
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
		// The lab's age row moves the emulator's clock, as the embedded emulator's is moved.
		MoveClock: h.srv.Emulator.MoveClock,
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
	out, err := testkit.Leftovers(context.Background(), h.admin.IAM)
	if err != nil {
		h.t.Fatal(err)
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
