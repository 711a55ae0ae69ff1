package scenario

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Cleanup finds what earlier runs left on one target — from their journals, then by sweeping
// the demo's path and tags (users, MFA devices, roles and managed policies) — and removes it
// with the same teardown a run uses.
type Cleanup struct {
	Clients    ClientFactory
	StateDir   string
	Target     TargetKind
	Sleep      func(ctx context.Context, d time.Duration) error
	OnProgress func(Progress)
}

// Leftover is one earlier run with resources still on the target.
type Leftover struct {
	RunID     string
	Journal   string   // the run's journal; "" when only the sweep found the run
	Resources []string // what exists now, in words: "user NAME (1 access key, …)", "MFA device SERIAL", "role NAME", "managed policy ARN"
	res       runResources
}

// CleanupPlan is what Plan found.
type CleanupPlan struct {
	Account   string
	Leftovers []Leftover
	// Discard are journals with nothing left to remove on this target, including every
	// embedded-emulator journal: that emulator ended with its process.
	Discard []string
	// Elsewhere are journals of other targets, left alone.
	Elsewhere []string
	// Unverified are resources that look like the demo's (path and name) but whose tags
	// could not be read: they are named, never deleted.
	Unverified []string
	// Files are what killed runs left in the state directory besides their journals: saved
	// QR PNGs, which hold a device's secret. Those of a run whose journal belongs to another
	// target are left for that target's cleanup.
	Files []string
}

// Empty reports whether there is nothing to remove, no journal or file to discard and
// nothing unverified.
func (p CleanupPlan) Empty() bool {
	return len(p.Leftovers) == 0 && len(p.Discard) == 0 && len(p.Unverified) == 0 && len(p.Files) == 0
}

// Plan reads the journals and sweeps the target; it changes nothing.
func (c *Cleanup) Plan(ctx context.Context) (CleanupPlan, error) {
	var plan CleanupPlan
	client := c.Clients.Operator()
	id, err := client.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return plan, reach(fmt.Errorf("who am I (STS GetCallerIdentity): %w", err), c.Clients.Endpoint())
	}
	plan.Account = awssdk.ToString(id.Account)
	partition := "aws"
	if parts := strings.Split(awssdk.ToString(id.Arn), ":"); len(parts) > 1 && parts[1] != "" {
		partition = parts[1]
	}

	runs := map[string]*Leftover{}
	run := func(runID string) *Leftover {
		if runs[runID] == nil {
			runs[runID] = &Leftover{RunID: runID}
		}
		return runs[runID]
	}
	journals, jerr := readJournals(c.StateDir)
	here := journalTarget{Kind: c.Target.String(), Endpoint: c.Clients.Endpoint(), Account: plan.Account}
	elsewhere := map[string]bool{} // run IDs of other targets' journals
	for _, j := range journals {
		switch {
		case j.target.Kind == TargetEmulator.String():
			plan.Discard = append(plan.Discard, j.path)
			continue
		case j.target.Kind != here.Kind || j.target.Account != here.Account || !SameEndpoint(j.target.Endpoint, here.Endpoint):
			plan.Elsewhere = append(plan.Elsewhere, j.path)
			elsewhere[j.runID] = true
			continue
		}
		lo := run(j.runID)
		lo.Journal = j.path
		for _, u := range j.users {
			setOnce(&lo.res.userName, u)
		}
		for _, name := range j.devices {
			lo.res.serials = appendUnique(lo.res.serials, iamArn(partition, plan.Account, "mfa", name))
		}
		for _, s := range j.serials {
			lo.res.serials = appendUnique(lo.res.serials, s)
		}
		for _, name := range j.roles {
			setOnce(&lo.res.roleName, name)
		}
		for _, name := range j.policies {
			lo.res.policyArns = appendUnique(lo.res.policyArns, iamArn(partition, plan.Account, "policy", name))
		}
		for _, arn := range j.policyArns {
			lo.res.policyArns = appendUnique(lo.res.policyArns, arn)
		}
	}

	if err := c.sweep(ctx, client.IAM, &plan, runs, run); err != nil {
		return plan, err
	}
	if err := c.sweepRoles(ctx, client.IAM, &plan, run); err != nil {
		return plan, err
	}
	existing, err := c.existingDevices(ctx, client.IAM)
	if err != nil {
		return plan, err
	}
	for _, lo := range runs {
		if err := c.describe(ctx, client.IAM, lo, existing); err != nil {
			return plan, err
		}
		if len(lo.Resources) > 0 {
			plan.Leftovers = append(plan.Leftovers, *lo)
		} else if lo.Journal != "" {
			plan.Discard = append(plan.Discard, lo.Journal)
		}
	}
	sort.Slice(plan.Leftovers, func(i, j int) bool { return plan.Leftovers[i].RunID < plan.Leftovers[j].RunID })
	sort.Strings(plan.Discard)
	files, ferr := leftFiles(c.StateDir, elsewhere)
	plan.Files = files
	return plan, errors.Join(jerr, ferr)
}

// leftFiles lists the QR PNGs runs left in dir (SaveQRPNG names them after the device,
// which is named after the run), but those of the runs in skip.
func leftFiles(dir string, skip map[string]bool) ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(dir, namePrefix+"mfa-*"+qrSuffix))
	if err != nil {
		return nil, fmt.Errorf("list saved QR codes: %w", err)
	}
	var out []string
	for _, p := range paths {
		runID := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), namePrefix+"mfa-"), qrSuffix)
		if !skip[runID] {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out, nil
}

// sweep finds demo users and devices by path and run-id tag, whether or not a journal names them.
func (c *Cleanup) sweep(ctx context.Context, client *iam.Client, plan *CleanupPlan, runs map[string]*Leftover, run func(string) *Leftover) error {
	userRuns := map[string]string{} // demo user name → run id
	known := map[string]bool{}
	for _, lo := range runs {
		for _, s := range lo.res.serials {
			known[s] = true
		}
	}
	users := iam.NewListUsersPaginator(client, &iam.ListUsersInput{PathPrefix: awssdk.String(Path)})
	for users.HasMorePages() {
		page, err := users.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("list users under %s: %w", Path, err)
		}
		for _, u := range page.Users {
			tags, err := client.ListUserTags(ctx, &iam.ListUserTagsInput{UserName: u.UserName})
			if errorCode(err) == "NoSuchEntity" {
				continue
			}
			if err != nil {
				return fmt.Errorf("list tags of user %s: %w", awssdk.ToString(u.UserName), err)
			}
			if runID := tagValue(tags.Tags, TagRunID); runID != "" {
				setOnce(&run(runID).res.userName, awssdk.ToString(u.UserName))
				userRuns[awssdk.ToString(u.UserName)] = runID
			}
		}
	}
	devices := iam.NewListVirtualMFADevicesPaginator(client, &iam.ListVirtualMFADevicesInput{AssignmentStatus: iamtypes.AssignmentStatusTypeAny})
	for devices.HasMorePages() {
		page, err := devices.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("list virtual MFA devices: %w", err)
		}
		for _, dev := range page.VirtualMFADevices {
			serial := awssdk.ToString(dev.SerialNumber)
			if known[serial] || !strings.Contains(serial, ":mfa"+Path+namePrefix) {
				continue
			}
			if dev.User != nil && userRuns[awssdk.ToString(dev.User.UserName)] != "" {
				// Assigned to a demo user: it goes with that user's run.
				lo := run(userRuns[awssdk.ToString(dev.User.UserName)])
				lo.res.serials = appendUnique(lo.res.serials, serial)
				continue
			}
			// ListVirtualMFADevices does not return tags; ListMFADeviceTags does.
			tags, err := client.ListMFADeviceTags(ctx, &iam.ListMFADeviceTagsInput{SerialNumber: dev.SerialNumber})
			if errorCode(err) == "NoSuchEntity" {
				continue
			}
			if err != nil {
				// Without its tags the device cannot be proven the demo's: name it, keep going
				// with what the journals and the user sweep found.
				plan.Unverified = append(plan.Unverified, fmt.Sprintf("MFA device %s (ListMFADeviceTags: %s)", serial, errorMessage(err)))
				continue
			}
			if runID := tagValue(tags.Tags, TagRunID); runID != "" {
				lo := run(runID)
				lo.res.serials = appendUnique(lo.res.serials, serial)
			}
		}
	}
	return nil
}

// sweepRoles finds demo roles and managed policies by path and run-id tag, whether or not a
// journal names them. Like a device's, a role's or policy's tags that cannot be read leave it
// unverified: named, never deleted.
func (c *Cleanup) sweepRoles(ctx context.Context, client *iam.Client, plan *CleanupPlan, run func(string) *Leftover) error {
	roles := iam.NewListRolesPaginator(client, &iam.ListRolesInput{PathPrefix: awssdk.String(Path)})
	for roles.HasMorePages() {
		page, err := roles.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("list roles under %s: %w", Path, err)
		}
		for _, r := range page.Roles {
			tags, err := client.ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: r.RoleName})
			if c.tagged(plan, "role "+awssdk.ToString(r.RoleName), "ListRoleTags", err) {
				if runID := tagValue(tags.Tags, TagRunID); runID != "" {
					setOnce(&run(runID).res.roleName, awssdk.ToString(r.RoleName))
				}
			}
		}
	}
	policies := iam.NewListPoliciesPaginator(client, &iam.ListPoliciesInput{Scope: iamtypes.PolicyScopeTypeLocal, PathPrefix: awssdk.String(Path)})
	for policies.HasMorePages() {
		page, err := policies.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("list managed policies under %s: %w", Path, err)
		}
		for _, p := range page.Policies {
			tags, err := client.ListPolicyTags(ctx, &iam.ListPolicyTagsInput{PolicyArn: p.Arn})
			if c.tagged(plan, "managed policy "+awssdk.ToString(p.Arn), "ListPolicyTags", err) {
				if runID := tagValue(tags.Tags, TagRunID); runID != "" {
					lo := run(runID)
					lo.res.policyArns = appendUnique(lo.res.policyArns, awssdk.ToString(p.Arn))
				}
			}
		}
	}
	return nil
}

// tagged reports whether a resource's tags were read; one gone meanwhile is skipped, one whose
// tags cannot be read is noted as unverified.
func (c *Cleanup) tagged(plan *CleanupPlan, what, action string, err error) bool {
	switch {
	case err == nil:
		return true
	case errorCode(err) != "NoSuchEntity":
		plan.Unverified = append(plan.Unverified, fmt.Sprintf("%s (%s: %s)", what, action, errorMessage(err)))
	}
	return false
}

// existingDevices is the set of virtual MFA device serials in the account.
func (c *Cleanup) existingDevices(ctx context.Context, client *iam.Client) (map[string]bool, error) {
	out := map[string]bool{}
	p := iam.NewListVirtualMFADevicesPaginator(client, &iam.ListVirtualMFADevicesInput{AssignmentStatus: iamtypes.AssignmentStatusTypeAny})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list virtual MFA devices: %w", err)
		}
		for _, d := range page.VirtualMFADevices {
			out[awssdk.ToString(d.SerialNumber)] = true
		}
	}
	return out, nil
}

// describe fills a leftover's Resources with what still exists.
func (c *Cleanup) describe(ctx context.Context, client *iam.Client, lo *Leftover, devices map[string]bool) error {
	if name := lo.res.userName; name != "" {
		user := awssdk.String(name)
		_, err := client.GetUser(ctx, &iam.GetUserInput{UserName: user})
		switch {
		case errorCode(err) == "NoSuchEntity":
		case err != nil:
			return fmt.Errorf("look up user %s: %w", name, err)
		default:
			var held []string
			pol, err := client.ListUserPolicies(ctx, &iam.ListUserPoliciesInput{UserName: user})
			if err != nil {
				return fmt.Errorf("list policies of %s: %w", name, err)
			}
			keys, err := client.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: user})
			if err != nil {
				return fmt.Errorf("list access keys of %s: %w", name, err)
			}
			mfa, err := client.ListMFADevices(ctx, &iam.ListMFADevicesInput{UserName: user})
			if err != nil {
				return fmt.Errorf("list MFA devices of %s: %w", name, err)
			}
			held = appendCount(held, len(pol.PolicyNames), "inline policy", "inline policies")
			held = appendCount(held, len(keys.AccessKeyMetadata), "access key", "access keys")
			held = appendCount(held, len(mfa.MFADevices), "MFA device", "MFA devices")
			desc := "user " + name
			if len(held) > 0 {
				desc += " (" + strings.Join(held, ", ") + ")"
			}
			lo.Resources = append(lo.Resources, desc)
			for _, d := range mfa.MFADevices {
				lo.res.serials = appendUnique(lo.res.serials, awssdk.ToString(d.SerialNumber))
			}
		}
	}
	for _, s := range lo.res.serials {
		if devices[s] {
			lo.Resources = append(lo.Resources, "MFA device "+s)
		}
	}
	return c.describeRole(ctx, client, lo)
}

// describeRole adds the run's role and managed policies that still exist to its Resources.
func (c *Cleanup) describeRole(ctx context.Context, client *iam.Client, lo *Leftover) error {
	if name := lo.res.roleName; name != "" {
		role := awssdk.String(name)
		_, err := client.GetRole(ctx, &iam.GetRoleInput{RoleName: role})
		switch {
		case errorCode(err) == "NoSuchEntity":
		case err != nil:
			return fmt.Errorf("look up role %s: %w", name, err)
		default:
			attached, err := client.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: role})
			if err != nil {
				return fmt.Errorf("list policies attached to %s: %w", name, err)
			}
			desc := "role " + name
			if held := appendCount(nil, len(attached.AttachedPolicies), "attached policy", "attached policies"); len(held) > 0 {
				desc += " (" + held[0] + ")"
			}
			lo.Resources = append(lo.Resources, desc)
		}
	}
	for _, arn := range lo.res.policyArns {
		_, err := client.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: awssdk.String(arn)})
		switch {
		case errorCode(err) == "NoSuchEntity":
		case err != nil:
			return fmt.Errorf("look up managed policy %s: %w", arn, err)
		default:
			lo.Resources = append(lo.Resources, "managed policy "+arn)
		}
	}
	return nil
}

// Apply removes every leftover of the plan, discards the journals with nothing left, then
// plans again: the report's Remaining names whatever is still there. The error is nil only
// when nothing is left.
func (c *Cleanup) Apply(ctx context.Context, plan CleanupPlan) (TeardownReport, error) {
	sleep := c.Sleep
	if sleep == nil {
		sleep = sleepContext
	}
	var rep TeardownReport
	var errs, teardownErrs []error
	for _, lo := range plan.Leftovers {
		t := newTeardown(c.Clients.Operator().IAM, sleep, c.OnProgress)
		t.run(ctx, lo.res)
		rep.Items = append(rep.Items, t.report.Items...)
		if err := t.err(); err != nil {
			teardownErrs = append(teardownErrs, fmt.Errorf("run %s: %w", lo.RunID, err))
		} else if lo.Journal != "" {
			plan.Discard = append(plan.Discard, lo.Journal)
		}
	}
	for _, path := range plan.Discard {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("remove journal: %w", err))
		}
	}
	for _, path := range plan.Files {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("remove the saved QR code: %w", err))
		}
	}
	after, err := c.Plan(ctx)
	if err != nil {
		errs = append(errs, fmt.Errorf("check what is left: %w", err))
	}
	for _, lo := range after.Leftovers {
		rep.Remaining = append(rep.Remaining, lo.Resources...)
	}
	rep.Remaining = append(rep.Remaining, after.Unverified...)
	rep.Remaining = append(rep.Remaining, after.Files...)
	if len(rep.Remaining) > 0 {
		// Teardown errors matter only while something is left: otherwise a retry fixed them.
		errs = append(errs, teardownErrs...)
		errs = append(errs, fmt.Errorf("still left: %s", strings.Join(rep.Remaining, "; ")))
	}
	return rep, errors.Join(errs...)
}

func tagValue(tags []iamtypes.Tag, key string) string {
	for _, t := range tags {
		if awssdk.ToString(t.Key) == key {
			return awssdk.ToString(t.Value)
		}
	}
	return ""
}

// setOnce sets *dst to name when it is empty; a run has one user.
func setOnce(dst *string, name string) {
	if *dst == "" {
		*dst = name
	}
}

func appendUnique(list []string, s string) []string {
	if contains(list, s) {
		return list
	}
	return append(list, s)
}

func appendCount(list []string, n int, one, many string) []string {
	switch {
	case n == 1:
		return append(list, "1 "+one)
	case n > 1:
		return append(list, fmt.Sprintf("%d %s", n, many))
	}
	return list
}
