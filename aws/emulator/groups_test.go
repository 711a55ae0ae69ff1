package emulator_test

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// TestGroups_IAMAPIReference: a group's inline and attached policies count for its
// members (IAM User Guide, "IAM user groups"), and IAM's DeleteConflict rules hold:
// DeleteGroup with members or policies, DeleteUser while in a group.
func TestGroups_IAMAPIReference(t *testing.T) {
	e := start(t, emulator.Options{})
	admin := e.admin.iam
	tr := e.newTrainee(t, "member")
	group := aws.String("readers")

	cg, err := admin.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: group, Path: aws.String("/mfa-demo/")})
	expectCode(t, "CreateGroup", err, "")
	if got := aws.ToString(cg.Group.Arn); got != "arn:aws:iam::000000000000:group/mfa-demo/readers" || len(aws.ToString(cg.Group.GroupId)) != 21 {
		t.Fatalf("group %q id %q", got, aws.ToString(cg.Group.GroupId))
	}
	_, err = admin.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("READERS")})
	expectError(t, "CreateGroup again", err, "EntityAlreadyExists", "Group with name READERS already exists.")
	_, err = admin.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String("nobody"), UserName: aws.String(tr.name)})
	expectError(t, "AddUserToGroup, no such group", err, "NoSuchEntity", "The group with name nobody cannot be found.")
	_, err = admin.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: group, UserName: aws.String("ghost")})
	expectError(t, "AddUserToGroup, no such user", err, "NoSuchEntity", "The user with name ghost cannot be found.")

	// Not yet a member: the group's policy does not apply.
	_, err = admin.PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{GroupName: group, PolicyName: aws.String("list"), PolicyDocument: aws.String(listBucketsPolicy)})
	expectCode(t, "PutGroupPolicy", err, "")
	expectCode(t, "ListBuckets before joining", listBuckets(tr.clients), "AccessDenied")
	_, err = admin.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: group, UserName: aws.String(tr.name)})
	expectCode(t, "AddUserToGroup", err, "")
	expectCode(t, "ListBuckets as a member (inline group policy)", listBuckets(tr.clients), "")

	gp, err := admin.GetGroupPolicy(ctx, &iam.GetGroupPolicyInput{GroupName: group, PolicyName: aws.String("list")})
	expectCode(t, "GetGroupPolicy", err, "")
	if aws.ToString(gp.GroupName) != "readers" || aws.ToString(gp.PolicyDocument) == "" {
		t.Fatalf("GetGroupPolicy %+v", gp)
	}
	lp, err := admin.ListGroupPolicies(ctx, &iam.ListGroupPoliciesInput{GroupName: group})
	expectCode(t, "ListGroupPolicies", err, "")
	if !slices.Equal(lp.PolicyNames, []string{"list"}) {
		t.Fatalf("ListGroupPolicies %v", lp.PolicyNames)
	}

	// An attached managed policy with a Deny wins over the inline Allow, and is named.
	deny, err := admin.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("deny-s3"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`)})
	expectCode(t, "CreatePolicy", err, "")
	denyARN := aws.ToString(deny.Policy.Arn)
	_, err = admin.AttachGroupPolicy(ctx, &iam.AttachGroupPolicyInput{GroupName: group, PolicyArn: aws.String(denyARN)})
	expectCode(t, "AttachGroupPolicy", err, "")
	expectError(t, "ListBuckets with the group's Deny", listBuckets(tr.clients), "AccessDenied",
		"User: "+tr.arn+" is not authorized to perform: s3:ListAllMyBuckets with an explicit deny in an identity-based policy: "+denyARN)
	la, err := admin.ListAttachedGroupPolicies(ctx, &iam.ListAttachedGroupPoliciesInput{GroupName: group})
	expectCode(t, "ListAttachedGroupPolicies", err, "")
	if len(la.AttachedPolicies) != 1 || aws.ToString(la.AttachedPolicies[0].PolicyArn) != denyARN {
		t.Fatalf("ListAttachedGroupPolicies %+v", la.AttachedPolicies)
	}

	gg, err := admin.GetGroup(ctx, &iam.GetGroupInput{GroupName: group})
	expectCode(t, "GetGroup", err, "")
	if len(gg.Users) != 1 || aws.ToString(gg.Users[0].Arn) != tr.arn {
		t.Fatalf("GetGroup users %+v", gg.Users)
	}
	lg, err := admin.ListGroupsForUser(ctx, &iam.ListGroupsForUserInput{UserName: aws.String(tr.name)})
	expectCode(t, "ListGroupsForUser", err, "")
	if len(lg.Groups) != 1 || aws.ToString(lg.Groups[0].GroupName) != "readers" {
		t.Fatalf("ListGroupsForUser %+v", lg.Groups)
	}
	all, err := admin.ListGroups(ctx, &iam.ListGroupsInput{PathPrefix: aws.String("/mfa-demo/")})
	expectCode(t, "ListGroups", err, "")
	if len(all.Groups) != 1 {
		t.Fatalf("ListGroups %+v", all.Groups)
	}

	// The DeleteConflicts, in the order a teardown meets them.
	deleteSteps := []struct {
		name string
		call func() error
		code string
		msg  string
	}{
		{"DeleteUser while in a group", func() error {
			if _, err := admin.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String(tr.name), AccessKeyId: aws.String(tr.keyID)}); err != nil {
				return err
			}
			if _, err := admin.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{UserName: aws.String(tr.name), SerialNumber: aws.String(tr.serial)}); err != nil {
				return err
			}
			_, err := admin.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String(tr.name)})
			return err
		}, "DeleteConflict", "Cannot delete entity, must remove users from group first."},
		{"DeleteGroup with a member", func() error {
			_, err := admin.DeleteGroup(ctx, &iam.DeleteGroupInput{GroupName: group})
			return err
		}, "DeleteConflict", "Cannot delete entity, must remove users from group first."},
		{"RemoveUserFromGroup", func() error {
			_, err := admin.RemoveUserFromGroup(ctx, &iam.RemoveUserFromGroupInput{GroupName: group, UserName: aws.String(tr.name)})
			return err
		}, "", ""},
		{"DeleteGroup with an attached policy", func() error {
			_, err := admin.DeleteGroup(ctx, &iam.DeleteGroupInput{GroupName: group})
			return err
		}, "DeleteConflict", "Cannot delete entity, must detach all policies first."},
		{"DetachGroupPolicy", func() error {
			_, err := admin.DetachGroupPolicy(ctx, &iam.DetachGroupPolicyInput{GroupName: group, PolicyArn: aws.String(denyARN)})
			return err
		}, "", ""},
		{"DeleteGroup with an inline policy", func() error {
			_, err := admin.DeleteGroup(ctx, &iam.DeleteGroupInput{GroupName: group})
			return err
		}, "DeleteConflict", "Cannot delete entity, must delete policies first."},
		{"DeleteGroupPolicy", func() error {
			_, err := admin.DeleteGroupPolicy(ctx, &iam.DeleteGroupPolicyInput{GroupName: group, PolicyName: aws.String("list")})
			return err
		}, "", ""},
		{"DeleteGroup", func() error {
			_, err := admin.DeleteGroup(ctx, &iam.DeleteGroupInput{GroupName: group})
			return err
		}, "", ""},
		{"DeleteUser", func() error {
			_, err := admin.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String(tr.name)})
			return err
		}, "", ""},
	}
	for _, s := range deleteSteps {
		err := s.call()
		if s.code == "" {
			expectCode(t, s.name, err, "")
			continue
		}
		expectError(t, s.name, err, s.code, s.msg)
	}
}

// TestGroupActionsAreAuthorized: a member cannot manage groups without the permission,
// and is refused on the group's ARN.
func TestGroupActionsAreAuthorized(t *testing.T) {
	e := start(t, emulator.Options{})
	tr := e.newTrainee(t, "no-groups")
	_, err := tr.clients.iam.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("mine")})
	expectError(t, "CreateGroup", err, "AccessDenied",
		"User: "+tr.arn+" is not authorized to perform: iam:CreateGroup on resource: arn:aws:iam::000000000000:group/mine because no identity-based policy allows the iam:CreateGroup action")
}

// TestGetMFADevice_IAMAPIReference: GetMFADevice answers UserName, SerialNumber and
// EnableDate for a device assigned to the user, and NoSuchEntity otherwise;
// ListVirtualMFADevices leaves the devices' tags out ("this operation does not return
// tags") while ListMFADeviceTags has them.
func TestGetMFADevice_IAMAPIReference(t *testing.T) {
	e := start(t, emulator.Options{})
	tr := e.newTrainee(t, "get-device")
	out, err := e.admin.iam.GetMFADevice(ctx, &iam.GetMFADeviceInput{UserName: aws.String(tr.name), SerialNumber: aws.String(tr.serial)})
	expectCode(t, "GetMFADevice", err, "")
	if aws.ToString(out.UserName) != tr.name || aws.ToString(out.SerialNumber) != tr.serial || out.EnableDate == nil {
		t.Fatalf("GetMFADevice %+v", out)
	}
	_, err = e.admin.iam.GetMFADevice(ctx, &iam.GetMFADeviceInput{UserName: aws.String(tr.name), SerialNumber: aws.String("arn:aws:iam::000000000000:mfa/unknown")})
	expectCode(t, "GetMFADevice of an unknown serial", err, "NoSuchEntity")

	_, err = e.admin.iam.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("tagged"),
		Tags: []iamtypes.Tag{{Key: aws.String("purpose"), Value: aws.String("demo")}}})
	expectCode(t, "CreateVirtualMFADevice with tags", err, "")
	list, err := e.admin.iam.ListVirtualMFADevices(ctx, &iam.ListVirtualMFADevicesInput{AssignmentStatus: iamtypes.AssignmentStatusTypeAny})
	expectCode(t, "ListVirtualMFADevices", err, "")
	for _, d := range list.VirtualMFADevices {
		if len(d.Tags) != 0 {
			t.Fatalf("ListVirtualMFADevices returned tags for %s: %+v", aws.ToString(d.SerialNumber), d.Tags)
		}
	}
	tags, err := e.admin.iam.ListMFADeviceTags(ctx, &iam.ListMFADeviceTagsInput{SerialNumber: aws.String("arn:aws:iam::000000000000:mfa/tagged")})
	expectCode(t, "ListMFADeviceTags", err, "")
	if len(tags.Tags) != 1 {
		t.Fatalf("ListMFADeviceTags %+v", tags.Tags)
	}
}
