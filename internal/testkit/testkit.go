// Package testkit holds what the tests of several packages share: the clock of a test run,
// faults injected into the SDK's calls, a proxy that holds a call's answer back, and the list
// of what a run left in an account, read through the admin API. It is imported by tests only.
package testkit

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httputil"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/mfa-demo/mfa-demo/aws/mfa"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// Clock is the shared clock of an emulator and a demo under test: real time (or an instant
// frozen near it) plus an offset that only sleeps move, so waits cost nothing and TOTP
// windows still line up with SigV4, which signs with the real time.
type Clock struct {
	mu     sync.Mutex
	frozen time.Time // zero: real time
	offset time.Duration
	slept  time.Duration
}

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.frozen.IsZero() {
		return c.frozen.Add(c.offset)
	}
	return time.Now().Add(c.offset)
}

// Freeze stops the clock in the middle of the current TOTP window, so window arithmetic in
// a test is exact.
func (c *Clock) Freeze() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frozen = mfa.StepStart(mfa.Step(time.Now())).Add(mfa.Period / 2)
}

// Sleep moves the clock on by d at once, unless ctx has ended.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
	c.slept += d
	return nil
}

// Slept is how long all sleeps together would have taken.
func (c *Clock) Slept() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.slept
}

// Fault fails one call of the SDK clients it is added to (the nth, counting from 1) with
// an AWS error code, before it reaches the wire, and records the input type of every call.
// A sticky fault also fails every later call of the same action, like a missing permission.
type Fault struct {
	n      int64
	code   string
	sticky bool

	count   atomic.Int64
	mu      sync.Mutex
	actions []string
}

// FaultAt returns a fault at call n (0: none, just counting).
func FaultAt(n int64, code string, sticky bool) *Fault {
	return &Fault{n: n, code: code, sticky: sticky}
}

// APIOptions are the client options that carry the fault.
func (f *Fault) APIOptions() []func(*middleware.Stack) error {
	return []func(*middleware.Stack) error{func(stack *middleware.Stack) error {
		return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("testkit/fault",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				i := f.count.Add(1)
				action := fmt.Sprintf("%T", in.Parameters)
				f.mu.Lock()
				f.actions = append(f.actions, action)
				hit := i == f.n || (f.sticky && i > f.n && f.n > 0 && f.actions[f.n-1] == action)
				f.mu.Unlock()
				if hit {
					return middleware.InitializeOutput{}, middleware.Metadata{}, &smithy.GenericAPIError{
						Code: f.code, Message: fmt.Sprintf("injected at call %d", f.n), Fault: smithy.FaultServer,
					}
				}
				return next.HandleInitialize(ctx, in)
			}), middleware.After)
	}}
}

// Calls is how many calls were made.
func (f *Fault) Calls() int64 { return f.count.Load() }

// Actions are the input types of the calls made, in order ("*iam.CreateUserInput").
func (f *Fault) Actions() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.actions...)
}

// HoldingProxy forwards requests to an endpoint; armed with n, it forwards the nth request,
// then holds its answer back (the call has happened, the caller never learns it) and says so
// by closing the channel Arm returned.
type HoldingProxy struct {
	Target *httputil.ReverseProxy

	count  atomic.Int64
	mu     sync.Mutex
	holdAt int64
	held   chan struct{}
}

// Arm makes the proxy hold the answer of the nth request from now on.
func (p *HoldingProxy) Arm(n int64) <-chan struct{} {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.count.Store(0)
	p.holdAt = n
	p.held = make(chan struct{})
	return p.held
}

// Requests is how many requests the proxy saw since it was last armed.
func (p *HoldingProxy) Requests() int64 { return p.count.Load() }

func (p *HoldingProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	i := p.count.Add(1)
	p.mu.Lock()
	hold, held := i == p.holdAt, p.held
	p.mu.Unlock()
	if !hold {
		p.Target.ServeHTTP(w, r)
		return
	}
	p.Target.ServeHTTP(&discardWriter{header: http.Header{}}, r)
	close(held)
	<-r.Context().Done() // until the killed client's connection closes
}

// discardWriter swallows a held answer.
type discardWriter struct{ header http.Header }

func (d *discardWriter) Header() http.Header         { return d.header }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(int)             {}

// Leftovers lists, through an admin's IAM client, every demo user (with its keys and inline
// policies), MFA device, role and managed policy in the account.
func Leftovers(ctx context.Context, client *iam.Client) ([]string, error) {
	var out []string
	users, err := client.ListUsers(ctx, &iam.ListUsersInput{})
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	for _, u := range users.Users {
		name := awssdk.ToString(u.UserName)
		if !strings.HasPrefix(name, "mfa-demo-") {
			continue
		}
		out = append(out, "user "+name)
		keys, err := client.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: u.UserName})
		if err != nil {
			return nil, fmt.Errorf("list keys: %w", err)
		}
		for _, k := range keys.AccessKeyMetadata {
			out = append(out, "key "+awssdk.ToString(k.AccessKeyId))
		}
		pols, err := client.ListUserPolicies(ctx, &iam.ListUserPoliciesInput{UserName: u.UserName})
		if err != nil {
			return nil, fmt.Errorf("list policies: %w", err)
		}
		for _, p := range pols.PolicyNames {
			out = append(out, "policy "+p)
		}
	}
	devs, err := client.ListVirtualMFADevices(ctx, &iam.ListVirtualMFADevicesInput{AssignmentStatus: iamtypes.AssignmentStatusTypeAny})
	if err != nil {
		return nil, fmt.Errorf("list devices: %w", err)
	}
	for _, d := range devs.VirtualMFADevices {
		out = append(out, "device "+awssdk.ToString(d.SerialNumber))
	}
	roles, err := client.ListRoles(ctx, &iam.ListRolesInput{})
	if err != nil {
		return nil, fmt.Errorf("list roles: %w", err)
	}
	for _, r := range roles.Roles {
		out = append(out, "role "+awssdk.ToString(r.RoleName))
	}
	policies, err := client.ListPolicies(ctx, &iam.ListPoliciesInput{Scope: iamtypes.PolicyScopeTypeLocal})
	if err != nil {
		return nil, fmt.Errorf("list managed policies: %w", err)
	}
	for _, p := range policies.Policies {
		out = append(out, "managed policy "+awssdk.ToString(p.Arn))
	}
	return out, nil
}

// StepCalls are the calls of each scenario before its teardown in a clean run on the
// emulator: a fault at a later call hits the teardown.
var StepCalls = map[scenario.Kind]int64{
	// Steps 0–9, with the two SimulatePrincipalPolicy calls that explain the refusal.
	scenario.SessionToken: 14,
	// Steps 0–6 (6 calls), CreateRole, CreatePolicy, AttachRolePolicy, PutUserPolicy,
	// AssumeRole and the SimulatePrincipalPolicy that explains its refusal, then
	// GetCallerIdentity, AssumeRole, GetCallerIdentity, ListBuckets.
	scenario.AssumeRole: 16,
	// Steps 0–6 (6 calls), the two GetSessionTokens, then per grid row but the last a
	// PutUserPolicy and for each credential a SimulatePrincipalPolicy and a ListBuckets; the
	// last row keeps the policy and moves the clock: 6 + 2 + 6×7 + 6.
	scenario.Conditions: 56,
}

// AfterFault is how a run must end after a fault at one call, in every front end.
type AfterFault struct {
	// Exit is the exit status.
	Exit int
	// OrLeft also accepts exit 1 with resources left, which cleanup must then remove: a
	// permanent refusal in the teardown may leave what it refused.
	OrLeft bool
}

// ExpectAfterFault is the outcome a fault with code at a call of action calls for.
func ExpectAfterFault(action string, inTeardown bool, code string) AfterFault {
	switch {
	case action == "*iam.SimulatePrincipalPolicyInput":
		// Only the explanation of the refusal is lost; the lesson stands.
		return AfterFault{Exit: scenario.ExitLesson}
	case !inTeardown:
		return AfterFault{Exit: scenario.ExitFailure}
	case code == "AccessDenied":
		return AfterFault{Exit: scenario.ExitLesson, OrLeft: true}
	}
	// Teardown enumerates again and the second pass succeeds.
	return AfterFault{Exit: scenario.ExitLesson}
}
