package scenario_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// stepsUntil runs the scenario's steps up to and including last, as a process would before
// it crashed: no teardown.
func stepsUntil(t *testing.T, d *scenario.Demo, kind scenario.Kind, last scenario.StepID) {
	t.Helper()
	ctx := context.Background()
	run := map[scenario.StepID]func() error{
		scenario.StepWhoAmI:       func() error { _, err := d.WhoAmI(ctx); return err },
		scenario.StepCreateUser:   func() error { _, err := d.CreateUser(ctx); return err },
		scenario.StepCreateDevice: func() error { _, err := d.CreateDevice(ctx); return err },
		scenario.StepShowQR:       func() error { return nil },
		scenario.StepEnableDevice: func() error {
			codes, _ := d.AutoCodes(2)
			_, err := d.EnableDevice(ctx, codes[0], codes[1])
			return err
		},
		scenario.StepCreateKey:   func() error { _, err := d.CreateAccessKey(ctx); return err },
		scenario.StepWaitForKey:  func() error { _, err := d.WaitForKey(ctx); return err },
		scenario.StepUserPolicy:  func() error { _, err := d.Policy(ctx, scenario.StepUserPolicy); return err },
		scenario.StepCreateRole:  func() error { _, err := d.Policy(ctx, scenario.StepCreateRole); return err },
		scenario.StepRolePolicy:  func() error { _, err := d.Policy(ctx, scenario.StepRolePolicy); return err },
		scenario.StepAllowAssume: func() error { _, err := d.Policy(ctx, scenario.StepAllowAssume); return err },
		scenario.StepWithoutMFA:  func() error { _, err := d.WithoutMFA(ctx); return err },
		scenario.StepWithMFA: func() error {
			codes, _ := d.AutoCodes(1)
			_, err := d.WithMFA(ctx, codes[0])
			return err
		},
		scenario.StepCredentials: func() error { _, err := d.LabCredentials(ctx, scenario.AutoMFA{}); return err },
		scenario.StepGrid:        func() error { _, err := d.Grid(ctx); return err },
	}
	for _, step := range scenario.Steps(kind) {
		if err := run[step](); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if step == last {
			return
		}
	}
}

func TestCleanupRemovesWhatACrashLeft(t *testing.T) {
	for _, kind := range scenario.Kinds {
		steps := scenario.Steps(kind)
		for _, journal := range []bool{true, false} {
			for _, last := range steps[1 : len(steps)-1] {
				name := fmt.Sprintf("%s/%s/journal=%v", kind, last, journal)
				t.Run(name, func(t *testing.T) {
					h := newHarness(t)
					runID := strings.ReplaceAll(string(last), "-", "")
					stepsUntil(t, scenario.New(h.envFor(kind, runID, h.factory(nil))), kind, last)
					if len(h.leftovers()) == 0 {
						t.Fatalf("nothing left after %s: the crash is not simulated", last)
					}
					if !journal {
						// Lost or deleted journal: the sweep by path and tags must still find it all.
						os.RemoveAll(h.dir)
					}
					c := &scenario.Cleanup{Clients: h.factory(nil), StateDir: h.dir, Target: scenario.TargetEndpoint, Sleep: h.clock.Sleep}
					plan, err := c.Plan(context.Background())
					if err != nil {
						t.Fatalf("plan: %v", err)
					}
					if len(plan.Leftovers) != 1 || plan.Leftovers[0].RunID != runID || len(plan.Leftovers[0].Resources) == 0 {
						t.Fatalf("plan = %+v; want run %s with its resources", plan.Leftovers, runID)
					}
					if got := plan.Leftovers[0].Journal != ""; got != journal {
						t.Errorf("leftover journal = %q; want one: %v", plan.Leftovers[0].Journal, journal)
					}
					rep, err := c.Apply(context.Background(), plan)
					if err != nil {
						t.Fatalf("apply: %v", err)
					}
					if len(rep.Remaining) > 0 {
						t.Errorf("remaining %v", rep.Remaining)
					}
					if left := h.leftovers(); len(left) > 0 {
						t.Errorf("left after cleanup: %v", left)
					}
					if journal && len(h.journals()) > 0 {
						t.Errorf("journals after cleanup: %v", h.journals())
					}
					if again, err := c.Plan(context.Background()); err != nil || !again.Empty() {
						t.Errorf("a second cleanup would find %+v (err %v); want nothing", again, err)
					}
				})
			}
		}
	}
}

func TestCleanupLeavesOtherTargetsJournalsAndDiscardsEmbeddedOnes(t *testing.T) {
	h := newHarness(t)
	write := func(name, target string) string {
		p := filepath.Join(h.dir, name)
		line := fmt.Sprintf(`{"time":"2025-01-01T00:00:00Z","event":"start","run_id":"x","target":%s}`+"\n"+
			`{"time":"2025-01-01T00:00:00Z","event":"intent","resource":"user","name":"mfa-demo-user-x"}`+"\n", target)
		if err := os.WriteFile(p, []byte(line), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	embedded := write("run-e1.jsonl", `{"kind":"emulator","endpoint":"http://127.0.0.1:1","account":"000000000000"}`)
	other := write("run-o1.jsonl", `{"kind":"endpoint","endpoint":"http://127.0.0.1:2","account":"000000000000"}`)
	live := write("run-l1.jsonl", `{"kind":"live","account":"123456789012"}`)
	// This target's journal whose resources are already gone: nothing to delete, discard it.
	here := write("run-h1.jsonl", fmt.Sprintf(`{"kind":"endpoint","endpoint":%q,"account":"000000000000"}`, h.srv.URL))

	c := &scenario.Cleanup{Clients: h.factory(nil), StateDir: h.dir, Target: scenario.TargetEndpoint, Sleep: h.clock.Sleep}
	plan, err := c.Plan(context.Background())
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	if len(plan.Leftovers) != 0 {
		t.Errorf("leftovers = %+v, want none", plan.Leftovers)
	}
	if fmt.Sprint(plan.Discard) != fmt.Sprint([]string{embedded, here}) {
		t.Errorf("discard = %v, want %v", plan.Discard, []string{embedded, here})
	}
	if fmt.Sprint(plan.Elsewhere) != fmt.Sprint([]string{live, other}) {
		t.Errorf("elsewhere = %v, want %v", plan.Elsewhere, []string{live, other})
	}
	if _, err := c.Apply(context.Background(), plan); err != nil {
		t.Fatalf("apply: %v", err)
	}
	for _, p := range []string{other, live} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("another target's journal %s was touched: %v", p, err)
		}
	}
	for _, p := range []string{embedded, here} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("journal %s should be discarded (stat: %v)", p, err)
		}
	}
}

func TestSameEndpoint(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"http://127.0.0.1:4566", "http://127.0.0.1:4566/", true},
		{"http://LocalHost:4566", "http://localhost:4566", true},
		{"HTTP://localhost:4566", "http://localhost:4566", true},
		{"http://example.com:80", "http://example.com", true},
		{"https://example.com:443/", "https://example.com", true},
		{"https://example.com:80", "https://example.com", false},
		{"http://127.0.0.1:4566", "http://127.0.0.1:4567", false},
		{"http://127.0.0.1:4566", "https://127.0.0.1:4566", false},
		{"http://[::1]:80/", "http://[::1]", true},
	}
	for _, tt := range tests {
		if got := scenario.SameEndpoint(tt.a, tt.b); got != tt.same {
			t.Errorf("SameEndpoint(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}

// A journal names the same target however its endpoint was spelled: cleanup typed with a
// trailing slash or another case of the host must still find the run's leftovers.
func TestCleanupMatchesJournalsByNormalisedEndpoint(t *testing.T) {
	for _, spelled := range []func(string) string{
		func(u string) string { return u + "/" },
		func(u string) string { return strings.ToUpper(u[:len("http://")]) + u[len("http://"):] },
	} {
		h := newHarness(t)
		stepsUntil(t, scenario.New(h.env("spelled", h.factory(nil))), scenario.SessionToken, scenario.StepCreateDevice)
		f, err := aws.New(context.Background(), aws.Options{
			Endpoint:    spelled(h.srv.URL),
			Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
		})
		if err != nil {
			t.Fatal(err)
		}
		c := &scenario.Cleanup{Clients: f, StateDir: h.dir, Target: scenario.TargetEndpoint, Sleep: h.clock.Sleep}
		plan, err := c.Plan(context.Background())
		if err != nil {
			t.Fatalf("plan: %v", err)
		}
		if len(plan.Elsewhere) != 0 || len(plan.Leftovers) != 1 || plan.Leftovers[0].Journal == "" {
			t.Errorf("cleanup at %s: elsewhere %v, leftovers %+v; want the run's journal replayed here", f.Endpoint(), plan.Elsewhere, plan.Leftovers)
		}
	}
}
