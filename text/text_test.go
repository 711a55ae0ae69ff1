package text

import (
	"testing"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// TestEveryLanguageWordsEveryStepAndScenario checks that a table leaves no step, scenario,
// target or teardown state without its words, so a new language or scenario cannot ship a
// blank line.
func TestEveryLanguageWordsEveryStepAndScenario(t *testing.T) {
	for _, name := range Languages() {
		tt, _ := Lookup(name)
		for _, kind := range scenario.Kinds {
			for _, id := range scenario.Steps(kind) {
				if tt.Step(kind, id) == "" {
					t.Errorf("%s: no title for %s in %s", name, id, kind)
				}
			}
			for what, m := range map[string]map[scenario.Kind]string{
				"Kinds": tt.Kinds, "Creates": tt.Plain.Creates, "Lesson": tt.Plain.Lesson, "NotEnforcedWhat": tt.Plain.NotEnforcedWhat,
			} {
				if m[kind] == "" {
					t.Errorf("%s: no %s for %s", name, what, kind)
				}
			}
		}
		for _, target := range []scenario.TargetKind{scenario.TargetEmulator, scenario.TargetEndpoint, scenario.TargetLive} {
			if tt.Targets[target] == "" || tt.Where(target, "http://x") == "" {
				t.Errorf("%s: no name for target %d", name, target)
			}
		}
		for _, op := range []scenario.TeardownOp{scenario.OpDelete, scenario.OpDetach, scenario.OpDeactivate} {
			if tt.ItemStatus(scenario.TeardownItem{Op: op, Status: scenario.ItemDeleted}) == "" {
				t.Errorf("%s: no word for teardown op %d", name, op)
			}
		}
		for _, st := range []scenario.ItemStatus{scenario.ItemPending, scenario.ItemAlreadyGone, scenario.ItemFailed} {
			if tt.ItemStatus(scenario.TeardownItem{Status: st}) == "" {
				t.Errorf("%s: no word for teardown status %d", name, st)
			}
		}
	}
}

func TestCountPicksTheForm(t *testing.T) {
	f := Forms{"%d attempt", "%d attempts"}
	for n, want := range map[int]string{0: "0 attempts", 1: "1 attempt", 2: "2 attempts", 21: "21 attempts"} {
		if got := English.Count(n, f); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}
