package scenario_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// operatorUser is the non-admin operator the tests create: an IAM user outside the demo's path.
const operatorUser = "workshop-operator"

// operatorFactory creates (or re-creates) the operator user with exactly the policy
// document, gives it a fresh key and returns clients that sign with that key.
func (h *harness) operatorFactory(policyDoc string, apiOptions []func(*middleware.Stack) error) *aws.Factory {
	h.t.Helper()
	ctx := context.Background()
	name := awssdk.String(operatorUser)
	if _, err := h.admin.IAM.GetUser(ctx, &iam.GetUserInput{UserName: name}); err != nil {
		if _, err := h.admin.IAM.CreateUser(ctx, &iam.CreateUserInput{UserName: name, Path: awssdk.String("/ops/")}); err != nil {
			h.t.Fatalf("create the operator: %v", err)
		}
	}
	if _, err := h.admin.IAM.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: name, PolicyName: awssdk.String("mfa-demo-operator"),
		PolicyDocument: awssdk.String(policyDoc)}); err != nil {
		h.t.Fatalf("put the operator policy: %v", err)
	}
	keys, err := h.admin.IAM.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: name})
	if err != nil {
		h.t.Fatalf("list the operator's keys: %v", err)
	}
	for _, k := range keys.AccessKeyMetadata {
		if _, err := h.admin.IAM.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: name, AccessKeyId: k.AccessKeyId}); err != nil {
			h.t.Fatalf("delete an old operator key: %v", err)
		}
	}
	key, err := h.admin.IAM.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: name})
	if err != nil {
		h.t.Fatalf("create the operator's key: %v", err)
	}
	f, err := aws.New(ctx, aws.Options{
		Endpoint: h.srv.URL,
		Credentials: credentials.NewStaticCredentialsProvider(awssdk.ToString(key.AccessKey.AccessKeyId),
			awssdk.ToString(key.AccessKey.SecretAccessKey), ""),
		APIOptions: apiOptions,
	})
	if err != nil {
		h.t.Fatalf("operator client factory: %v", err)
	}
	return f
}

// recordOperator returns client options that note the IAM actions of every operator call.
func recordOperator() ([]func(*middleware.Stack) error, func() []string) {
	var mu sync.Mutex
	seen := map[string]bool{}
	opt := func(stack *middleware.Stack) error {
		return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("test/record-actions",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				mu.Lock()
				for _, a := range aws.RequiredActions(serviceOf(in.Parameters), in.Parameters) {
					seen[a] = true
				}
				mu.Unlock()
				return next.HandleInitialize(ctx, in)
			}), middleware.After)
	}
	return []func(*middleware.Stack) error{opt}, func() []string {
		mu.Lock()
		defer mu.Unlock()
		var out []string
		for a := range seen {
			out = append(out, a)
		}
		sort.Strings(out)
		return out
	}
}

// failDeletions refuses every deletion the operator tries, so that teardown leaves it all
// for cleanup to find.
func failDeletions(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("test/fail-deletions",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			op := typeName(in.Parameters)
			for _, verb := range []string{".Delete", ".Deactivate", ".Detach"} {
				if strings.Contains(op, verb) {
					return middleware.InitializeOutput{}, middleware.Metadata{}, &smithy.GenericAPIError{Code: "AccessDenied", Message: "test: deletions refused"}
				}
			}
			return next.HandleInitialize(ctx, in)
		}), middleware.After)
}

// TestOperatorPolicyIsExactlyWhatTheDemoCalls runs both scenarios and a cleanup of both as
// the operator and compares the actions called with the policy: none missing, none unused.
func TestOperatorPolicyIsExactlyWhatTheDemoCalls(t *testing.T) {
	h := newHarness(t)
	record, seen := recordOperator()
	for _, kind := range scenario.Kinds {
		// One complete run, and one whose teardown is refused so that cleanup has work.
		f := h.operatorFactory(scenario.OperatorPolicyJSON(), record)
		env := h.envFor(kind, "cover-"+string(kind)[:7], f)
		env.Preflight = true
		if sum := scenario.New(env).Run(context.Background(), &observer{}); sum.ExitCode() != scenario.ExitLesson {
			t.Fatalf("%s as the operator: exit %d: %v", kind, sum.ExitCode(), sum.Err)
		}
		stuck := h.operatorFactory(scenario.OperatorPolicyJSON(), append(slices.Clone(record), failDeletions))
		sum := scenario.New(h.envFor(kind, "left-"+string(kind)[:7], stuck)).Run(context.Background(), &observer{})
		if len(sum.Teardown.Remaining) == 0 {
			t.Fatalf("%s: teardown with deletions refused left nothing", kind)
		}
	}
	// Cleanup also meets what the demo never makes itself: an inline policy on a leftover
	// role, and an unassigned device that only its tag proves the demo's.
	ctx := context.Background()
	if _, err := h.admin.IAM.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: awssdk.String("mfa-demo-role-left-assume-"),
		PolicyName: awssdk.String("extra"), PolicyDocument: awssdk.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`)}); err != nil {
		t.Fatalf("put an inline policy on the leftover role: %v", err)
	}
	if _, err := h.admin.IAM.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: awssdk.String("mfa-demo-mfa-stray"),
		Path: awssdk.String(scenario.Path), Tags: []iamtypes.Tag{{Key: awssdk.String(scenario.TagRunID), Value: awssdk.String("stray")}}}); err != nil {
		t.Fatalf("create a stray device: %v", err)
	}
	c := &scenario.Cleanup{Clients: h.operatorFactory(scenario.OperatorPolicyJSON(), record), StateDir: h.dir, Target: scenario.TargetEndpoint, Sleep: h.clock.Sleep}
	plan, err := c.Plan(context.Background())
	if err != nil {
		t.Fatalf("cleanup plan as the operator: %v", err)
	}
	if _, err := c.Apply(context.Background(), plan); err != nil {
		t.Fatalf("cleanup as the operator: %v", err)
	}
	if left := h.leftovers(); len(left) > 0 {
		t.Fatalf("left after cleanup: %v", left)
	}

	called := seen()
	free := []string{"sts:GetCallerIdentity", "sts:GetSessionToken", "sts:AssumeRole", "s3:ListAllMyBuckets"}
	policy := scenario.OperatorActions()
	for _, a := range called {
		// The demo user's and sessions' calls pass through the same factory; they are
		// not the operator's, and need no operator permission.
		if !slices.Contains(policy, a) && !slices.Contains(free, a) {
			t.Errorf("the demo calls %s, which the operator policy lacks", a)
		}
	}
	for _, a := range policy {
		if !slices.Contains(called, a) {
			t.Errorf("the operator policy grants %s, which no run, teardown or cleanup called", a)
		}
	}
}

// typeName is the Go type of an operation input, e.g. "*iam.CreateUserInput".
func typeName(v any) string { return fmt.Sprintf("%T", v) }

// serviceOf is the service of an operation input's package: "iam", "sts" or "s3".
func serviceOf(v any) string {
	pkg, _, _ := strings.Cut(strings.TrimPrefix(typeName(v), "*"), ".")
	return pkg
}

// operatorActionUse says where a run notices each action of the operator policy missing, per
// scenario: the step that fails, "teardown" (the steps pass, teardown leaves things),
// "cleanup" (only `mfa-demo cleanup` needs it, or teardown for what the demo never makes
// itself, like an inline role policy), "optional" (the demo only says less), or ""
// (this scenario never calls it).
var operatorActionUse = map[string]struct{ sessionToken, assumeRole string }{
	"iam:CreateUser":               {"create-user", "create-user"},
	"iam:TagUser":                  {"create-user", "create-user"},
	"iam:GetUser":                  {"cleanup", "cleanup"},
	"iam:ListUserTags":             {"cleanup", "cleanup"},
	"iam:DeleteUser":               {"teardown", "teardown"},
	"iam:EnableMFADevice":          {"enable-device", "enable-device"},
	"iam:ListMFADevices":           {"teardown", "teardown"},
	"iam:DeactivateMFADevice":      {"teardown", "teardown"},
	"iam:CreateAccessKey":          {"create-access-key", "create-access-key"},
	"iam:ListAccessKeys":           {"teardown", "teardown"},
	"iam:DeleteAccessKey":          {"teardown", "teardown"},
	"iam:PutUserPolicy":            {"user-policy", "allow-assume"},
	"iam:ListUserPolicies":         {"teardown", "teardown"},
	"iam:DeleteUserPolicy":         {"teardown", "teardown"},
	"iam:CreateVirtualMFADevice":   {"create-device", "create-device"},
	"iam:TagMFADevice":             {"create-device", "create-device"},
	"iam:ListMFADeviceTags":        {"cleanup", "cleanup"},
	"iam:DeleteVirtualMFADevice":   {"teardown", "teardown"},
	"iam:CreateRole":               {"", "create-role"},
	"iam:TagRole":                  {"", "create-role"},
	"iam:GetRole":                  {"cleanup", "cleanup"},
	"iam:ListRoleTags":             {"cleanup", "cleanup"},
	"iam:DeleteRole":               {"", "teardown"},
	"iam:AttachRolePolicy":         {"", "role-policy"},
	"iam:DetachRolePolicy":         {"", "teardown"},
	"iam:ListAttachedRolePolicies": {"", "teardown"},
	"iam:ListRolePolicies":         {"cleanup", "cleanup"},
	"iam:DeleteRolePolicy":         {"cleanup", "cleanup"},
	"iam:CreatePolicy":             {"", "role-policy"},
	"iam:TagPolicy":                {"", "role-policy"},
	"iam:GetPolicy":                {"cleanup", "cleanup"},
	"iam:ListPolicyTags":           {"cleanup", "cleanup"},
	"iam:DeletePolicy":             {"", "teardown"},
	"iam:ListUsers":                {"cleanup", "cleanup"},
	"iam:ListVirtualMFADevices":    {"cleanup", "cleanup"},
	"iam:ListRoles":                {"cleanup", "cleanup"},
	"iam:ListPolicies":             {"cleanup", "cleanup"},
	"iam:SimulatePrincipalPolicy":  {"optional", "optional"},
}

// labUse is where the condition lab differs from the session-token scenario in the table
// above: it needs the same actions, but puts its policies in the grid.
var labUse = map[string]string{"iam:PutUserPolicy": string(scenario.StepGrid)}

// namesMissing reports whether an error text names the missing action, in the demo's words
// or in AWS's.
func namesMissing(text, action string) bool {
	return strings.Contains(text, action) &&
		(strings.Contains(text, "may not") || strings.Contains(text, "is not authorized to perform: "+action))
}

// TestOperatorWithOneActionMissing removes each action of the operator policy in turn and
// runs both scenarios as that operator: the run fails where the action is first needed,
// saying which action is missing, tears down what the remaining permissions allow and names
// what is left; with the preflight on, it stops before creating anything.
func TestOperatorWithOneActionMissing(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	adminCleanup := func(t *testing.T) {
		t.Helper()
		c := &scenario.Cleanup{Clients: h.factory(nil), StateDir: h.dir, Target: scenario.TargetEndpoint, Sleep: h.clock.Sleep}
		plan, err := c.Plan(ctx)
		if err == nil {
			_, err = c.Apply(ctx, plan)
		}
		if err != nil {
			t.Fatalf("admin cleanup: %v", err)
		}
	}
	actions := scenario.OperatorActions()
	for a := range operatorActionUse {
		if !slices.Contains(actions, a) {
			t.Errorf("the table has %s, which the policy does not", a)
		}
	}
	for i, action := range actions {
		use, ok := operatorActionUse[action]
		if !ok {
			t.Errorf("%s is in the policy but not in this test's table", action)
			continue
		}
		doc := scenario.OperatorPolicyJSON(action)
		for _, kind := range scenario.Kinds {
			where := use.sessionToken
			if kind == scenario.AssumeRole {
				where = use.assumeRole
			}
			if lab, ok := labUse[action]; ok && kind == scenario.Conditions {
				where = lab
			}
			t.Run(fmt.Sprintf("%s/%s", strings.TrimPrefix(action, "iam:"), kind), func(t *testing.T) {
				defer adminCleanup(t)
				runID := fmt.Sprintf("m%02d-%s", i, string(kind)[:1])
				sum := scenario.New(h.envFor(kind, runID, h.operatorFactory(doc, nil))).Run(ctx, &observer{})
				text := fmt.Sprint(sum.Err)
				switch where {
				case "", "optional", "cleanup":
					if sum.ExitCode() != scenario.ExitLesson {
						t.Fatalf("without %s (needed by %q only): exit %d: %v", action, where, sum.ExitCode(), sum.Err)
					}
				case "teardown":
					if sum.Failed != "" || len(sum.Teardown.Remaining) == 0 || !namesMissing(text, action) {
						t.Errorf("without %s: failed step %q, left %v, error %q; want the steps to pass and teardown to name %s and what is left",
							action, sum.Failed, sum.Teardown.Remaining, text, action)
					}
				default:
					if string(sum.Failed) != where || !namesMissing(text, action) {
						t.Errorf("without %s: failed at %q with %q; want step %s naming the action", action, sum.Failed, text, where)
					}
				}
				// Whatever is left, teardown named it.
				left := h.leftovers()
				if (len(left) > 0) != (len(sum.Teardown.Remaining) > 0) {
					t.Errorf("left %v, teardown named %v", left, sum.Teardown.Remaining)
				}
				for _, l := range left {
					kindName := strings.SplitN(l, " ", 2)
					if kindName[0] == "key" || kindName[0] == "policy" {
						continue // held by a user teardown names
					}
					if !slices.ContainsFunc(sum.Teardown.Remaining, func(r string) bool { return strings.Contains(l, r) }) {
						t.Errorf("%s is left but teardown named only %v", l, sum.Teardown.Remaining)
					}
				}

				if where == "cleanup" && kind == scenario.AssumeRole {
					// A run whose deletions were refused leaves everything; cleanup as this
					// operator finds it and says which action it lacks. Cleanup does not
					// depend on the scenario, so one of them checks it.
					stuck := h.operatorFactory(scenario.OperatorPolicyJSON(), []func(*middleware.Stack) error{failDeletions})
					scenario.New(h.envFor(scenario.AssumeRole, runID+"-left", stuck)).Run(ctx, &observer{})
					if _, err := h.admin.IAM.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: awssdk.String("mfa-demo-role-" + runID + "-left"),
						PolicyName: awssdk.String("extra"), PolicyDocument: awssdk.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`)}); err != nil {
						t.Fatalf("inline role policy: %v", err)
					}
					if _, err := h.admin.IAM.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: awssdk.String("mfa-demo-mfa-" + runID + "-stray"),
						Path: awssdk.String(scenario.Path), Tags: []iamtypes.Tag{{Key: awssdk.String(scenario.TagRunID), Value: awssdk.String(runID + "-stray")}}}); err != nil {
						t.Fatalf("stray device: %v", err)
					}
					c := &scenario.Cleanup{Clients: h.operatorFactory(doc, nil), StateDir: h.dir, Target: scenario.TargetEndpoint, Sleep: h.clock.Sleep}
					plan, err := c.Plan(ctx)
					said := fmt.Sprint(err, plan.Unverified)
					if err == nil {
						_, err = c.Apply(ctx, plan)
						said += fmt.Sprint(err)
					}
					if !namesMissing(said, action) {
						t.Errorf("cleanup without %s says %q", action, said)
					}
				}

				if where == "optional" || kind != scenario.SessionToken {
					return
				}
				adminCleanup(t)
				// The preflight (the same for both scenarios: it checks the whole policy)
				// stops the same operator before anything is created.
				env := h.envFor(kind, runID+"-pre", h.operatorFactory(doc, nil))
				env.Preflight = true
				pre := scenario.New(env).Run(ctx, &observer{})
				if pre.Failed != scenario.StepWhoAmI || !errors.Is(pre.Err, scenario.ErrMissingPermissions) || !strings.Contains(pre.Err.Error(), action) {
					t.Errorf("preflight without %s: failed at %q: %v", action, pre.Failed, pre.Err)
				}
				if left := h.leftovers(); len(left) > 0 {
					t.Errorf("the preflight run left %v", left)
				}
			})
		}
	}
}

// TestPreflightWithoutSimulate: an operator who may not simulate is told so, and the run goes on.
func TestPreflightWithoutSimulate(t *testing.T) {
	h := newHarness(t)
	env := h.envFor(scenario.SessionToken, "nosim", h.operatorFactory(scenario.OperatorPolicyJSON("iam:SimulatePrincipalPolicy"), nil))
	env.Preflight = true
	obs := &observer{}
	sum := scenario.New(env).Run(context.Background(), obs)
	if sum.ExitCode() != scenario.ExitLesson {
		t.Fatalf("exit %d: %v", sum.ExitCode(), sum.Err)
	}
	who, _ := obs.results[scenario.StepWhoAmI].(scenario.WhoAmIResult)
	if who.Preflight == nil || who.Preflight.Checked || !strings.Contains(who.Preflight.Unchecked, "may not iam:SimulatePrincipalPolicy") {
		t.Errorf("preflight %+v, want it unchecked for want of iam:SimulatePrincipalPolicy", who.Preflight)
	}
}
