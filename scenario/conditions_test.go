package scenario_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// The pages of AWS's documentation the lab's rows rest on.
const (
	docConditionOperators = "IAM User Guide, IAM JSON policy elements: Condition operators"
	docGlobalKeys         = "IAM User Guide, AWS global condition context keys"
	docEvaluation         = "IAM User Guide, Policy evaluation logic"
	docCLIArticle         = "AWS Knowledge Center, How do I use an MFA token to authenticate access to my AWS resources through the AWS CLI?"
)

// documentedGrid is what AWS documents for each row, by column (long-term key, session
// without MFA, session with MFA), written out here independently of the program's own table.
var documentedGrid = []struct {
	row  string
	cite []string
	want [3]bool
	// denyStatement is the statement an explicit deny comes from, for the denied cells the
	// simulator attributes to one; 0 when they are implicit denies.
	denyStatement int
}{
	// Bool: "the key is not present ... the condition evaluates to false"; long-term keys
	// carry no aws:MultiFactorAuthPresent, a session without MFA carries false.
	{scenario.RowAllowBool, []string{docConditionOperators + " (Boolean)", docGlobalKeys + " (aws:MultiFactorAuthPresent)", docCLIArticle},
		[3]bool{false, false, true}, 0},
	// A Deny on Bool false does not match an absent key, so the Allow beside it lets the
	// long-term key through: the trap the global keys page warns about.
	{scenario.RowDenyBoolFalse, []string{docGlobalKeys + " (aws:MultiFactorAuthPresent: do not use Bool false with Deny)", docEvaluation},
		[3]bool{true, false, true}, 2},
	// ...IfExists: "If the key is not present, the condition evaluates to true".
	{scenario.RowDenyIfExists, []string{docConditionOperators + " (...IfExists condition operators)", docGlobalKeys + " (aws:MultiFactorAuthPresent)"},
		[3]bool{false, false, true}, 2},
	// Null true matches only an absent key: a session without MFA carries the key (false).
	{scenario.RowDenyNull, []string{docConditionOperators + " (Condition operator to check existence of condition keys)", docGlobalKeys + " (aws:MultiFactorAuthPresent)"},
		[3]bool{false, true, true}, 2},
	// Any applying Allow allows when no Deny applies: the unconditioned Allow wins everywhere.
	{scenario.RowTwoAllows, []string{docEvaluation + " (an explicit allow overrides the default deny)"},
		[3]bool{true, true, true}, 0},
	// aws:MultiFactorAuthAge is present only with MFA and counts seconds since it; a Numeric
	// operator on an absent key evaluates to false.
	{scenario.RowMaxAge, []string{docGlobalKeys + " (aws:MultiFactorAuthAge)", docConditionOperators + " (Numeric)"},
		[3]bool{false, false, true}, 0},
	// The same policy once the MFA session is older than the limit.
	{scenario.RowMaxAgeLater, []string{docGlobalKeys + " (aws:MultiFactorAuthAge)", docConditionOperators + " (Numeric: NumericLessThan)"},
		[3]bool{false, false, false}, 0},
}

// TestConditionLabGridAsAWSDocuments runs the lab on the emulator and checks every cell
// against AWS's documentation, and every cell's explanation against the request it made.
func TestConditionLabGridAsAWSDocuments(t *testing.T) {
	h := newHarness(t)
	obs := &observer{}
	sum := scenario.New(h.envFor(scenario.Conditions, "grid", h.factory(nil))).Run(context.Background(), obs)
	if sum.ExitCode() != scenario.ExitLesson {
		t.Fatalf("exit %d: %v", sum.ExitCode(), sum.Err)
	}
	grid := obs.results[scenario.StepGrid].(scenario.GridResult)
	if len(grid.Rows) != len(documentedGrid) {
		t.Fatalf("%d rows, want %d", len(grid.Rows), len(documentedGrid))
	}
	columns := []string{"long-term key", "session without MFA", "session with MFA"}
	for i, tt := range documentedGrid {
		row := grid.Rows[i]
		t.Run(tt.row, func(t *testing.T) {
			if row.Variant.ID != tt.row || row.Skipped != scenario.NotSkipped {
				t.Fatalf("row %d is %s (skipped %v), want %s", i+1, row.Variant.ID, row.Skipped, tt.row)
			}
			for j, cell := range row.Cells {
				if cell.Allowed != tt.want[j] {
					t.Errorf("%s: allowed=%v, want %v (%v)", columns[j], cell.Allowed, tt.want[j], tt.cite)
				}
				if !cell.Allowed && cell.Code != "AccessDenied" {
					t.Errorf("%s: denied with %q, want AccessDenied", columns[j], cell.Code)
				}
				if cell.Wrong() {
					t.Errorf("%s: the lab calls its own emulator wrong", columns[j])
				}
				why := cell.Why
				if why == nil {
					t.Fatalf("%s: no explanation", columns[j])
				}
				if why.Allowed() != cell.Allowed || why.Action != "s3:ListAllMyBuckets" || why.Principal == "" {
					t.Errorf("%s: explained as %s of %s by %q", columns[j], why.Decision, why.Action, why.Principal)
				}
				present := map[string]string{}
				for _, k := range why.Keys {
					if k.Present {
						present[k.Name] = k.Value
					}
				}
				wantMFA := map[int]string{0: "", 1: "false", 2: "true"}[j]
				if present["aws:MultiFactorAuthPresent"] != wantMFA || (j == 2) != (present["aws:MultiFactorAuthAge"] != "") {
					t.Errorf("%s: context keys %v; want aws:MultiFactorAuthPresent %q and the age only with MFA", columns[j], present, wantMFA)
				}
				if !cell.Allowed && tt.denyStatement > 0 {
					if len(why.Statements) != 1 || why.Statements[0].Index != tt.denyStatement || why.Statements[0].Policy != grid.PolicyName {
						t.Errorf("%s: decided by %+v, want statement %d of %s", columns[j], why.Statements, tt.denyStatement, grid.PolicyName)
					}
				}
				if !cell.Allowed && tt.denyStatement == 0 && len(why.Statements) != 0 {
					t.Errorf("%s: an implicit deny decided by %+v", columns[j], why.Statements)
				}
			}
		})
	}
	if age := grid.Rows[6].Cells[2].Why; age == nil {
		t.Error("the later MFA session has no explanation")
	} else if n, err := strconv.Atoi(age.Keys[1].Value); err != nil || n < 300 {
		t.Errorf("the later MFA session's age: %+v; want at least the 300 s limit", age.Keys)
	}
	if left := h.leftovers(); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestLabWaitsForEachPolicy: with IAM taking 3 s to apply a policy, every swap is waited
// out by retrying until the answer agrees with the simulator (reported as progress for its
// row, never a fixed sleep), and the grid still comes out as documented.
func TestLabWaitsForEachPolicy(t *testing.T) {
	const delay = 3 * time.Second
	h := newHarnessWith(t, emulator.Options{PropagationDelay: delay})
	obs := &observer{}
	sum := scenario.New(h.envFor(scenario.Conditions, "slowlab", h.factory(nil))).Run(context.Background(), obs)
	if sum.ExitCode() != scenario.ExitLesson {
		t.Fatalf("exit %d: %v", sum.ExitCode(), sum.Err)
	}
	grid := obs.results[scenario.StepGrid].(scenario.GridResult)
	retried := map[int]bool{}
	for _, p := range obs.progress {
		if p.Step == scenario.StepGrid {
			retried[p.Row] = true
		}
	}
	for i, row := range grid.Rows {
		for j, cell := range row.Cells {
			if cell.Allowed != documentedGrid[i].want[j] {
				t.Errorf("row %s, column %d: allowed=%v, want %v", row.Variant.ID, j, cell.Allowed, documentedGrid[i].want[j])
			}
		}
		// Every policy but the last row's (the same one again) changes an answer.
		swapped := i < len(grid.Rows)-1
		if swapped && (row.Waited < delay || row.Waited > delay+2*time.Second || !retried[i+1]) {
			t.Errorf("row %s waited %s (progress reported: %v); want the %s delay and a little more at most", row.Variant.ID, row.Waited, retried[i+1], delay)
		}
		if !swapped && (row.Waited >= delay || retried[i+1]) {
			t.Errorf("row %s, whose policy was in force already, waited %s", row.Variant.ID, row.Waited)
		}
	}
}

// TestLabSkipsTheAgeRowWithoutAClock: on a target whose clock cannot be moved, the expired
// age row is skipped with its reason, and the rest of the grid is still the lesson.
func TestLabSkipsTheAgeRowWithoutAClock(t *testing.T) {
	h := newHarness(t)
	env := h.envFor(scenario.Conditions, "noclock", h.factory(nil))
	env.MoveClock = nil
	obs := &observer{}
	if sum := scenario.New(env).Run(context.Background(), obs); sum.ExitCode() != scenario.ExitLesson {
		t.Fatalf("exit %d: %v", sum.ExitCode(), sum.Err)
	}
	grid := obs.results[scenario.StepGrid].(scenario.GridResult)
	for _, row := range grid.Rows {
		want := scenario.NotSkipped
		if row.Variant.ID == scenario.RowMaxAgeLater {
			want = scenario.SkipNoClock
		}
		if row.Skipped != want {
			t.Errorf("row %s: skipped %v, want %v", row.Variant.ID, row.Skipped, want)
		}
	}
}

// TestWhyExplainsTheRefusalWithoutMFA: the other scenarios' refusal comes with the request
// context it was decided on and what decided it.
func TestWhyExplainsTheRefusalWithoutMFA(t *testing.T) {
	for _, tt := range []struct {
		kind       scenario.Kind
		action     string
		mfaPresent string // "" for absent
		decision   string
		statements int
	}{
		// The session without MFA carries false; the Allow needs true, so nothing allows it.
		{scenario.SessionToken, "s3:ListAllMyBuckets", "false", "implicitDeny", 0},
		// AssumeRole is signed with the long-term key (key absent); the user's own policy
		// allows it, so the refusal is the trust policy's.
		{scenario.AssumeRole, "sts:AssumeRole", "", "allowed", 1},
	} {
		t.Run(string(tt.kind), func(t *testing.T) {
			h := newHarness(t)
			obs := &observer{}
			d := scenario.New(h.envFor(tt.kind, "why", h.factory(nil)))
			if sum := d.Run(context.Background(), obs); sum.ExitCode() != scenario.ExitLesson {
				t.Fatalf("exit %d: %v", sum.ExitCode(), sum.Err)
			}
			why := obs.results[scenario.StepWithoutMFA].(scenario.WithoutMFAResult).Why
			if why == nil {
				t.Fatal("no explanation")
			}
			mfa := ""
			for _, k := range why.Keys {
				if k.Name == "aws:MultiFactorAuthPresent" && k.Present {
					mfa = k.Value
				}
			}
			if why.Action != tt.action || mfa != tt.mfaPresent || why.Decision != tt.decision || len(why.Statements) != tt.statements {
				t.Errorf("explained %s with MFA key %q as %s by %+v; want %s, %q, %s by %d statements",
					why.Action, mfa, why.Decision, why.Statements, tt.action, tt.mfaPresent, tt.decision, tt.statements)
			}
			if tt.statements > 0 && (why.Statements[0].Policy != d.UserPolicyName() || why.Statements[0].Index != 1) {
				t.Errorf("decided by %+v, want statement 1 of %s", why.Statements[0], d.UserPolicyName())
			}
		})
	}
}
