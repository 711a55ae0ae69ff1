package tui

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go/middleware"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/internal/testkit"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// The safety matrices of the scenario, run through the TUI: the real model and bridge in a
// Bubble Tea program without a terminal, on the embedded emulator, with the built-in
// authenticator and a trainee who presses enter whenever a screen waits.

// matrixRig is an emulator, its admin, and a journal directory for one matrix.
type matrixRig struct {
	t     *testing.T
	srv   *emulator.Server
	clock *testkit.Clock
	dir   string
	admin aws.Clients
}

func newMatrixRig(t *testing.T) *matrixRig {
	t.Helper()
	c := &testkit.Clock{}
	srv, err := emulator.Start("127.0.0.1:0", emulator.Options{Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	r := &matrixRig{t: t, srv: srv, clock: c, dir: t.TempDir()}
	r.admin = r.factory(nil).Operator()
	return r
}

func (r *matrixRig) factory(apiOptions []func(*middleware.Stack) error) *aws.Factory {
	r.t.Helper()
	f, err := aws.New(context.Background(), aws.Options{Endpoint: r.srv.URL,
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""), APIOptions: apiOptions})
	if err != nil {
		r.t.Fatal(err)
	}
	return f
}

func (r *matrixRig) demo(kind scenario.Kind, runID string, f *aws.Factory) *scenario.Demo {
	return scenario.New(scenario.Env{Clients: f, Now: r.clock.Now, Sleep: r.clock.Sleep,
		Journal: scenario.NewJournal(r.dir, runID), RunID: runID, Version: "test", Kind: kind,
		Target: scenario.TargetEndpoint, MoveClock: r.srv.Emulator.MoveClock})
}

func (r *matrixRig) leftovers() []string {
	r.t.Helper()
	left, err := testkit.Leftovers(context.Background(), r.admin.IAM)
	if err != nil {
		r.t.Fatal(err)
	}
	return left
}

// walkThrough runs d in the TUI to its end and returns the final model; ctx is the caller's
// (its end is a signal).
func walkThrough(t *testing.T, ctx context.Context, d demo, kind scenario.Kind) Model {
	t.Helper()
	m, progOpts, cancel := prepare(ctx, d, Options{AutoMFA: true, Target: scenario.TargetEndpoint, Kind: kind,
		StateDir: t.TempDir(), Environ: []string{"TERM=xterm-256color"}})
	defer cancel()
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24), teatest.WithProgramOptions(progOpts...))
	final, ok := pressEnterToTheEnd(t, tm, 10*time.Millisecond)
	if !ok || !final.Finished() {
		t.Fatalf("the walkthrough did not reach its summary (model %T)", final)
	}
	return final
}

func TestTUIFaultAtEveryCallLeavesNothing(t *testing.T) {
	for _, kind := range scenario.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			r := newMatrixRig(t)
			counter := testkit.FaultAt(0, "", false)
			if s := walkThrough(t, context.Background(), r.demo(kind, "clean", r.factory(counter.APIOptions())), kind).Summary(); s.ExitCode() != scenario.ExitLesson {
				t.Fatalf("clean run: exit %d: %v", s.ExitCode(), s.Err)
			}
			total, stepCalls := counter.Calls(), testkit.StepCalls[kind]
			if total < stepCalls+5 {
				t.Fatalf("a clean run made %d calls; want the %d of the steps and at least 5 deletions", total, stepCalls)
			}
			for n := int64(1); n <= total; n++ {
				inTeardown := n > stepCalls
				codes := []string{"ServiceUnavailable"}
				if inTeardown {
					codes = append(codes, "AccessDenied")
				}
				for _, code := range codes {
					t.Run(fmt.Sprintf("call%02d/%s", n, code), func(t *testing.T) {
						runID := fmt.Sprintf("t%02d-%s", n, code[:3])
						fault := testkit.FaultAt(n, code, code == "AccessDenied")
						final := walkThrough(t, context.Background(), r.demo(kind, runID, r.factory(fault.APIOptions())), kind)
						s := final.Summary()
						failed := fault.Actions()[n-1]
						want := testkit.ExpectAfterFault(failed, inTeardown, code)
						switch exit := s.ExitCode(); {
						case exit == want.Exit:
							if exit == scenario.ExitFailure && (s.Failed == "" || final.rail.state(s.Failed) != stepFailed) {
								t.Errorf("fault at %s: failed step %q, not marked on the rail", failed, s.Failed)
							}
						case want.OrLeft && exit == scenario.ExitFailure:
							if final.teardown.complete() || len(r.leftovers()) == 0 {
								t.Errorf("the summary shows %v left, the account holds %v", s.Teardown.Remaining, r.leftovers())
							}
							c := &scenario.Cleanup{Clients: r.factory(nil), StateDir: r.dir, Target: scenario.TargetEndpoint, Sleep: r.clock.Sleep}
							plan, err := c.Plan(context.Background())
							if err != nil {
								t.Fatal(err)
							}
							if _, err := c.Apply(context.Background(), plan); err != nil {
								t.Errorf("cleanup: %v", err)
							}
						default:
							t.Errorf("fault at %s: exit %d (%v), left %v; want exit %d", failed, exit, s.Err, s.Teardown.Remaining, want.Exit)
						}
						if left := r.leftovers(); len(left) > 0 {
							t.Errorf("left behind after a fault at call %d (%s): %v", n, failed, left)
						}
					})
				}
			}
		})
	}
}

// interruptingDemo is a demo whose run is interrupted (as by a signal) the moment the
// scenario reports that a given step starts, or asks a question during it.
type interruptingDemo struct {
	*scenario.Demo
	at     scenario.StepID
	signal context.CancelFunc
}

func (d interruptingDemo) Run(ctx context.Context, fe scenario.FrontEnd) scenario.Summary {
	return d.Demo.Run(ctx, &interruptingFrontEnd{FrontEnd: fe, at: d.at, signal: d.signal})
}

type interruptingFrontEnd struct {
	scenario.FrontEnd
	at     scenario.StepID
	signal context.CancelFunc
	once   sync.Once
}

func (f *interruptingFrontEnd) Event(ev scenario.Event) {
	f.FrontEnd.Event(ev)
	if s, ok := ev.(scenario.StepStarted); ok && s.Step == f.at {
		f.once.Do(f.signal)
	}
}

func TestTUIInterruptAtEveryStepLeavesNothing(t *testing.T) {
	for _, kind := range scenario.Kinds {
		for _, id := range scenario.Steps(kind) {
			if id == scenario.StepTeardown {
				continue
			}
			t.Run(string(kind)+"/"+string(id), func(t *testing.T) {
				r := newMatrixRig(t)
				ctx, signal := context.WithCancel(context.Background())
				defer signal()
				d := interruptingDemo{Demo: r.demo(kind, "int", r.factory(nil)), at: id, signal: signal}
				final := walkThrough(t, ctx, d, kind)
				s := final.Summary()
				if !s.Interrupted || s.ExitCode() != scenario.ExitFailure || s.Lesson {
					t.Errorf("summary %+v (exit %d): want an interrupted run, exit 1", s, s.ExitCode())
				}
				if final.teardown.report == nil || !final.teardown.complete() {
					t.Errorf("the teardown did not complete: %+v", final.teardown.report)
				}
				if left := r.leftovers(); len(left) > 0 {
					t.Errorf("interrupted at %s, left %v", id, left)
				}
			})
		}
	}
}
