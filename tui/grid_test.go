package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// labGrid is a grid of two rows as the lab reports it: the seed's policy answered as AWS
// documents it, then a backend that let the long-term key through the Null Deny.
func labGrid() scenario.GridResult {
	why := func(mfa string, decision string) *scenario.Why {
		keys := []scenario.ContextKey{{Name: "aws:MultiFactorAuthPresent"}, {Name: "aws:MultiFactorAuthAge"}}
		if mfa != "" {
			keys[0] = scenario.ContextKey{Name: "aws:MultiFactorAuthPresent", Value: mfa, Present: true}
		}
		return &scenario.Why{Principal: "arn:aws:iam::000000000000:user/mfa-demo/u", Action: "s3:ListAllMyBuckets", Keys: keys, Decision: decision}
	}
	return scenario.GridResult{PolicyName: "p", Rows: []scenario.GridRow{
		{Variant: scenario.Variants[0], Cells: [3]scenario.Cell{
			{Code: "AccessDenied", Why: why("", "implicitDeny")},
			{Code: "AccessDenied", Why: why("false", "implicitDeny")},
			{Allowed: true, Documented: true, Why: why("true", "allowed")},
		}},
		{Variant: scenario.Variants[3], Cells: [3]scenario.Cell{
			{Allowed: true, Why: why("", "explicitDeny")},
			{Allowed: true, Documented: true},
			{Allowed: true, Documented: true},
		}},
	}}
}

// TestLabGridScreen: the grid screen shows every answer, marks the one the backend got
// wrong, moves its cursor with the arrow keys, explains the cell under it with w, fits
// 80×24, and enter answers Run's Continue.
func TestLabGridScreen(t *testing.T) {
	m, _ := newTestModel(t, Options{Kind: scenario.Conditions})
	m = step(t, m, scenario.StepGrid, labGrid())
	m, reply := askToGoOn(t, m, scenario.StepGrid)
	if m.state != stateGrid || m.headerStep() != scenario.StepGrid {
		t.Fatalf("state %d, header step %s; want the grid", m.state, m.headerStep())
	}
	f := frame(m)
	for _, want := range []string{"1 Allow, Bool true", "[denied]", "allowed!", "6 cells, 1 cell NOT as AWS documents it", "Bool true fails when the key is false or absent", "w why?"} {
		if !strings.Contains(f, want) {
			t.Errorf("the grid lacks %q:\n%s", want, f)
		}
	}
	m = press(t, m, "right", "w")
	if f := frame(m); !strings.Contains(f, "MFA keys: aws:MultiFactorAuthPresent=false, aws:MultiFactorAuthAge absent") ||
		!strings.Contains(f, "implicitDeny (no statement allowed it)") || !strings.Contains(f, "Why? Allow, Bool true, session, no MFA") {
		t.Errorf("w did not explain the cell under the cursor:\n%s", f)
	}
	m = press(t, m, "left", "down")
	if f := frame(m); !strings.Contains(f, "MFA keys: aws:MultiFactorAuthPresent absent") || !strings.Contains(f, "explicitDeny") {
		t.Errorf("the explanation did not follow the cursor to row 2:\n%s", f)
	}
	for _, size := range [][2]int{{80, 24}, {60, 16}} {
		m = send(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		lines := strings.Split(m.render(), "\n")
		if len(lines) != size[1] {
			t.Errorf("at %dx%d: %d rows", size[0], size[1], len(lines))
		}
		for i, l := range lines {
			if w := lipgloss.Width(l); w > size[0] {
				t.Errorf("at %dx%d: row %d is %d wide", size[0], size[1], i, w)
			}
		}
	}
	press(t, m, "enter")
	answered(t, reply)
}

// TestWhyOnTheRefusalWithoutMFA: w on the without-MFA screen shows the request context and
// the simulator's verdict in place of the prose, and w again hides it.
func TestWhyOnTheRefusalWithoutMFA(t *testing.T) {
	m, _ := newTestModel(t, Options{})
	why := labGrid().Rows[0].Cells[1].Why
	m = step(t, m, scenario.StepWithoutMFA, scenario.WithoutMFAResult{Outcome: scenario.OutcomeDenied, ErrorCode: "AccessDenied", Message: "no MFA", Why: why})
	m, _ = askToGoOn(t, m, scenario.StepWithoutMFA)
	const context = "MFA keys: aws:MultiFactorAuthPresent=false"
	if strings.Contains(frame(m), context) {
		t.Fatalf("the explanation is open before w:\n%s", frame(m))
	}
	m = press(t, m, "w")
	if f := frame(m); !strings.Contains(f, context) || !strings.Contains(f, "s3:ListAllMyBuckets by arn:aws:iam::000000000000:user/mfa-demo/u") {
		t.Errorf("w did not explain the refusal:\n%s", f)
	}
	if m = press(t, m, "w"); strings.Contains(frame(m), context) {
		t.Errorf("w again did not close the explanation:\n%s", frame(m))
	}
}
