package scenario

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/mfa-demo/mfa-demo/aws"
)

// teardownTimeout bounds a whole teardown, which runs even after an interrupt.
const teardownTimeout = 2 * time.Minute

// teardownWaits are the pauses between teardown passes: a failed deletion (DeleteConflict
// while IAM catches up, EntityTemporarilyUnmodifiable, a throttled or failed request) is
// retried by enumerating again, briefly.
var teardownWaits = []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second}

// TeardownPasses is the most passes a teardown makes.
var TeardownPasses = len(teardownWaits) + 1

// RefusedLimit is how long teardown goes on making passes while the endpoint refuses every
// connection: a backend that died does not come back within the teardown, and the trainee
// should hear at once that cleanup is needed.
const RefusedLimit = time.Second

// permanentCodes are answers another pass cannot change: the operator may not do this.
var permanentCodes = map[string]bool{
	"AccessDenied":          true,
	"UnauthorizedOperation": true,
	"InvalidClientTokenId":  true,
	"SignatureDoesNotMatch": true,
	"ExpiredToken":          true,
}

// runResources names what one run may have left; teardown enumerates everything else.
type runResources struct {
	userName   string   // "" when no user was ever attempted
	serials    []string // virtual MFA devices to delete even when no user holds them
	roleName   string   // assume-role: "" when no role was ever attempted
	policyArns []string // assume-role: managed policies to delete once detached
}

func (r runResources) empty() bool {
	return r.userName == "" && len(r.serials) == 0 && r.roleName == "" && len(r.policyArns) == 0
}

// teardown deletes a run's resources in dependency order and keeps the checklist.
type teardown struct {
	iam        *iam.Client
	sleep      func(context.Context, time.Duration) error
	onProgress func(Progress)
	report     TeardownReport
	index      map[string]int // Action + Resource → position in report.Items
	retry      bool           // the last pass had a failure another pass may fix
	permanent  bool           // the last pass had a failure no pass can fix
	reason     string         // the last failure of the last pass, in a few words
	refused    bool           // every failure of the last pass was a refused connection
	refusedFor time.Duration  // how long passes have met nothing but refused connections
	listErrs   []error        // listings of the last pass that failed
	unlisted   []string       // users and roles whose dependents the last pass could not list
}

func newTeardown(client *iam.Client, sleep func(context.Context, time.Duration) error, onProgress func(Progress)) *teardown {
	return &teardown{iam: client, sleep: sleep, onProgress: onProgress, index: map[string]int{}}
}

// run makes passes until one completes, a failure is permanent (another pass would leave
// the same things), or the waits are used up, then names what is left.
func (t *teardown) run(ctx context.Context, r runResources) {
	for pass := 0; ; pass++ {
		t.retry, t.permanent, t.listErrs, t.unlisted, t.reason, t.refused = false, false, nil, nil, "", true
		if t.pass(ctx, r) || !t.retry || t.permanent || pass == len(teardownWaits) {
			break
		}
		if !t.refused {
			t.refusedFor = 0
		} else if t.refusedFor >= RefusedLimit {
			t.report.GaveUpRefused = t.refusedFor
			break
		}
		wait := teardownWaits[pass]
		if t.onProgress != nil {
			// Each retry is said as it happens: a teardown that waits in silence looks hung.
			t.onProgress(Progress{Step: StepTeardown, Attempt: pass + 2, Code: t.reason, Retry: wait})
		}
		if err := t.sleep(ctx, wait); err != nil {
			break
		}
		if t.refused {
			t.refusedFor += wait
		}
	}
	t.report.Remaining = nil
	for _, it := range t.report.Items {
		if it.Status == ItemFailed {
			t.report.Remaining = append(t.report.Remaining, it.Resource)
		}
	}
	for _, owner := range t.unlisted {
		// What the user or role still holds could not be listed, so it is left unless its
		// own deletion went through all the same (it held nothing).
		if !contains(t.report.Remaining, owner) && !t.gone(owner) {
			t.report.Remaining = append(t.report.Remaining, owner)
		}
	}
}

// gone reports whether the teardown deleted resource, or found it already gone.
func (t *teardown) gone(resource string) bool {
	for _, it := range t.report.Items {
		if it.Resource == resource && (it.Status == ItemDeleted || it.Status == ItemAlreadyGone) {
			return true
		}
	}
	return false
}

// err names what is left, or is nil when nothing is.
func (t *teardown) err() error {
	if len(t.report.Remaining) == 0 {
		return nil
	}
	var errs []error
	for _, it := range t.report.Items {
		if it.Status == ItemFailed {
			errs = append(errs, it.Err)
		}
	}
	errs = append(errs, t.listErrs...)
	return fmt.Errorf("teardown left %d resources behind: %s: %w",
		len(t.report.Remaining), strings.Join(t.report.Remaining, ", "), errors.Join(errs...))
}

// pass enumerates and deletes once: the role side (detach, delete the managed policies, the
// role's inline policies, the role), then the user side (inline policies, access keys, MFA
// devices — deactivate, then delete — and the user). It reports whether everything went.
func (t *teardown) pass(ctx context.Context, r runResources) bool {
	ok := t.rolePass(ctx, r)
	serials := append([]string(nil), r.serials...)
	userExists := r.userName != ""
	user := awssdk.String(r.userName)

	if userExists {
		policies := listPages(ctx, t, iam.NewListUserPoliciesPaginator(t.iam, &iam.ListUserPoliciesInput{UserName: user}),
			"ListUserPolicies", r.userName, &userExists, &ok,
			func(page *iam.ListUserPoliciesOutput) []string { return page.PolicyNames })
		ok = t.deleteAll(ctx, "DeleteUserPolicy", policies, func(name string) error {
			_, err := t.iam.DeleteUserPolicy(ctx, &iam.DeleteUserPolicyInput{UserName: user, PolicyName: awssdk.String(name)})
			return err
		}) && ok
	}
	if userExists {
		keys := listPages(ctx, t, iam.NewListAccessKeysPaginator(t.iam, &iam.ListAccessKeysInput{UserName: user}),
			"ListAccessKeys", r.userName, &userExists, &ok,
			func(page *iam.ListAccessKeysOutput) (ids []string) {
				for _, k := range page.AccessKeyMetadata {
					ids = append(ids, awssdk.ToString(k.AccessKeyId))
				}
				return ids
			})
		ok = t.deleteAll(ctx, "DeleteAccessKey", keys, func(id string) error {
			_, err := t.iam.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: user, AccessKeyId: awssdk.String(id)})
			return err
		}) && ok
	}
	if userExists {
		assigned := listPages(ctx, t, iam.NewListMFADevicesPaginator(t.iam, &iam.ListMFADevicesInput{UserName: user}),
			"ListMFADevices", r.userName, &userExists, &ok,
			func(page *iam.ListMFADevicesOutput) (serials []string) {
				for _, dev := range page.MFADevices {
					serials = append(serials, awssdk.ToString(dev.SerialNumber))
				}
				return serials
			})
		ok = t.deleteAll(ctx, "DeactivateMFADevice", assigned, func(serial string) error {
			_, err := t.iam.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{UserName: user, SerialNumber: awssdk.String(serial)})
			return err
		}) && ok
		for _, serial := range assigned {
			serials = appendUnique(serials, serial)
		}
	}
	ok = t.deleteAll(ctx, "DeleteVirtualMFADevice", serials, func(serial string) error {
		_, err := t.iam.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: awssdk.String(serial)})
		return err
	}) && ok
	if r.userName != "" {
		ok = t.delete(ctx, "DeleteUser", r.userName, func() error {
			_, err := t.iam.DeleteUser(ctx, &iam.DeleteUserInput{UserName: user})
			return err
		}) && ok
	}
	return ok
}

// pager is an SDK paginator of one IAM listing.
type pager[T any] interface {
	HasMorePages() bool
	NextPage(ctx context.Context, optFns ...func(*iam.Options)) (T, error)
}

// listPages reads every page of a listing of owner's dependents, naming each with names; an
// error ends the listing and goes to listed.
func listPages[T any](ctx context.Context, t *teardown, p pager[T], action, owner string, exists, ok *bool, names func(T) []string) []string {
	var out []string
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if !t.listed(action, owner, err, exists, ok) {
			break
		}
		out = append(out, names(page)...)
	}
	return out
}

// listed handles a listing's error: NoSuchEntity means the user or role is gone (nothing to
// list), any other error hides what it still holds. It reports whether the listing may go on.
func (t *teardown) listed(action, owner string, err error, exists, ok *bool) bool {
	switch {
	case err == nil:
		return true
	case errorCode(err) == "NoSuchEntity":
		*exists = false
	default:
		t.noteRetry(err)
		t.listErrs = append(t.listErrs, fmt.Errorf("%s %s: %w", action, owner, err))
		t.unlisted = appendUnique(t.unlisted, owner)
		*ok = false
	}
	return false
}

// rolePass is the role side of a pass, in the order IAM allows: DetachRolePolicy,
// DeletePolicy, DeleteRolePolicy, DeleteRole. Only the run's own managed policies are
// deleted; anything else attached to the role is only detached.
func (t *teardown) rolePass(ctx context.Context, r runResources) bool {
	ok := true
	roleExists := r.roleName != ""
	role := awssdk.String(r.roleName)
	if roleExists {
		attached := listPages(ctx, t, iam.NewListAttachedRolePoliciesPaginator(t.iam, &iam.ListAttachedRolePoliciesInput{RoleName: role}),
			"ListAttachedRolePolicies", r.roleName, &roleExists, &ok,
			func(page *iam.ListAttachedRolePoliciesOutput) (arns []string) {
				for _, pol := range page.AttachedPolicies {
					arns = append(arns, awssdk.ToString(pol.PolicyArn))
				}
				return arns
			})
		ok = t.deleteAll(ctx, "DetachRolePolicy", attached, func(arn string) error {
			_, err := t.iam.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: role, PolicyArn: awssdk.String(arn)})
			return err
		}) && ok
	}
	ok = t.deleteAll(ctx, "DeletePolicy", r.policyArns, func(arn string) error {
		_, err := t.iam.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: awssdk.String(arn)})
		return err
	}) && ok
	if roleExists {
		inline := listPages(ctx, t, iam.NewListRolePoliciesPaginator(t.iam, &iam.ListRolePoliciesInput{RoleName: role}),
			"ListRolePolicies", r.roleName, &roleExists, &ok,
			func(page *iam.ListRolePoliciesOutput) []string { return page.PolicyNames })
		ok = t.deleteAll(ctx, "DeleteRolePolicy", inline, func(name string) error {
			_, err := t.iam.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: role, PolicyName: awssdk.String(name)})
			return err
		}) && ok
	}
	if r.roleName != "" {
		ok = t.delete(ctx, "DeleteRole", r.roleName, func() error {
			_, err := t.iam.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: role})
			return err
		}) && ok
	}
	return ok
}

// deleteAll runs one deletion per resource; it reports whether they all went.
func (t *teardown) deleteAll(ctx context.Context, action string, resources []string, fn func(resource string) error) bool {
	ok := true
	for _, res := range resources {
		ok = t.delete(ctx, action, res, func() error { return fn(res) }) && ok
	}
	return ok
}

// delete runs one deletion and ticks its item; NoSuchEntity counts as done.
func (t *teardown) delete(ctx context.Context, action, resource string, fn func() error) bool {
	t.settle(action, resource, ItemPending, nil)
	err := fn()
	switch {
	case err == nil:
		t.settle(action, resource, ItemDeleted, nil)
	case errorCode(err) == "NoSuchEntity":
		t.settle(action, resource, ItemAlreadyGone, nil)
	default:
		t.fail(action, resource, err)
		return false
	}
	return true
}

// fail marks an item failed.
func (t *teardown) fail(action, resource string, err error) {
	t.noteRetry(err)
	t.settle(action, resource, ItemFailed, fmt.Errorf("%s %s: %w", action, resource, err))
}

// noteRetry notes whether another pass could fix err.
func (t *teardown) noteRetry(err error) {
	refused := aws.IsConnectionRefused(err)
	t.refused = t.refused && refused
	switch code := errorCode(err); {
	case refused:
		t.reason = aws.CodeConnectionRefused
	case code != "":
		t.reason = code
	default:
		t.reason = errorMessage(err)
	}
	if permanentCodes[errorCode(err)] || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		t.permanent = true
		return
	}
	t.retry = true
}

// settle records an item's state and tells the front end.
func (t *teardown) settle(action, resource string, status ItemStatus, err error) {
	key := action + "\x00" + resource
	i, seen := t.index[key]
	if !seen {
		i = len(t.report.Items)
		t.index[key] = i
		t.report.Items = append(t.report.Items, TeardownItem{Action: action, Op: OpOf(action), Resource: resource})
	}
	t.report.Items[i].Status, t.report.Items[i].Err = status, err
	if t.onProgress != nil {
		item := t.report.Items[i]
		t.onProgress(Progress{Step: StepTeardown, Item: &item})
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Teardown is step 10: it deletes everything this run created or tried to create, found by
// enumeration rather than memory. It is safe at any point and any number of times; it runs
// even when ctx is already cancelled (an interrupted run still cleans up). The error names
// what is left.
func (d *Demo) Teardown(ctx context.Context) (TeardownReport, error) {
	// An interrupt cancels the run's context; the teardown it triggers must still run.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), teardownTimeout)
	defer cancel()
	var r runResources
	d.mu.Lock()
	if d.attempted[resUser] {
		r.userName = d.UserName()
	}
	attemptedDevice, actual := d.attempted[resDevice], d.serial
	if d.attempted[resRole] {
		r.roleName = d.RoleName()
	}
	attemptedPolicy := d.attempted[resPolicy]
	d.mu.Unlock()
	if attemptedPolicy {
		// Predicted from the name while the create's answer is unknown, like the serial.
		if arn := d.predictedPolicyArn(); arn != "" {
			r.policyArns = append(r.policyArns, arn)
		}
	}
	if attemptedDevice {
		// The predicted serial covers a create whose answer was lost.
		if s := d.predictedSerial(); s != "" {
			r.serials = append(r.serials, s)
		}
		if actual != "" && !contains(r.serials, actual) {
			r.serials = append(r.serials, actual)
		}
	}
	qrFile, qrErr := d.removeQRPNG()
	hint := TeardownReport{QRFile: qrFile, QRFileErr: qrErr, CleanupCommand: d.env.CleanupCommand}
	if d.env.Journal != nil {
		hint.Journal = d.env.Journal.Path()
	}
	if r.empty() {
		return hint, nil
	}
	t := newTeardown(d.env.Clients.Operator().IAM, d.env.Sleep, d.progress)
	t.run(ctx, r)
	rep := t.report
	rep.QRFile, rep.QRFileErr, rep.CleanupCommand, rep.Journal = hint.QRFile, hint.QRFileErr, hint.CleanupCommand, hint.Journal
	if err := t.err(); err != nil {
		// Cleanup finds the leftovers by name whether or not this line is written.
		_ = d.journal(journalRecord{Event: eventIncomplete, Remaining: rep.Remaining})
		return rep, err
	}
	if d.env.Journal != nil {
		if err := d.env.Journal.remove(); err != nil {
			return rep, err
		}
	}
	return rep, nil
}
