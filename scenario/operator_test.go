package scenario_test

import (
	"context"
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
		env := h.envFor(kind, "cover-"+string(kind)[:7], f, scenario.AutoMFA{})
		env.Preflight = true
		if sum := scenario.New(env).Run(context.Background(), &observer{}); sum.ExitCode() != scenario.ExitLesson {
			t.Fatalf("%s as the operator: exit %d: %v", kind, sum.ExitCode(), sum.Err)
		}
		stuck := h.operatorFactory(scenario.OperatorPolicyJSON(), append(slices.Clone(record), failDeletions))
		sum := scenario.New(h.envFor(kind, "left-"+string(kind)[:7], stuck, scenario.AutoMFA{})).Run(context.Background(), &observer{})
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
