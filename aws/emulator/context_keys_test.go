package emulator_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// kcMFAForCLI is the Deny statement of AWS's knowledge-center article "How can I require
// MFA authentication for IAM users that use the AWS CLI?" (repost.aws/knowledge-center/
// mfa-iam-user-aws-cli), with its condition operator left open: the article starts from
// "Bool" and resolves the problem with "BoolIfExists".
func kcMFAForCLI(operator string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
{"Sid":"BlockMostAccessUnlessSignedInWithMFA","Effect":"Deny","NotAction":["iam:CreateVirtualMFADevice","iam:DeleteVirtualMFADevice",
"iam:ListVirtualMFADevices","iam:EnableMFADevice","iam:ResyncMFADevice","iam:ListAccountAliases","iam:ListUsers","iam:ListSSHPublicKeys",
"iam:ListAccessKeys","iam:ListServiceSpecificCredentials","iam:ListMFADevices","iam:GetAccountSummary","sts:GetSessionToken"],
"Resource":"*","Condition":{"` + operator + `":{"aws:MultiFactorAuthPresent":"false","aws:ViaAWSService":"false"}}}]}`
}

// TestKnowledgeCenterMFAForCLIPolicy: put inline on a user, the article's policy behaves
// as the article says. With "Bool", the long-term key is not held back (the key is absent
// from its requests) while a session without MFA is, because aws:ViaAWSService is present
// and false on direct calls; with "BoolIfExists" both are held back, and the NotAction
// list (iam:ListUsers) stays open to the long-term key.
func TestKnowledgeCenterMFAForCLIPolicy(t *testing.T) {
	e := start(t, emulator.Options{})
	cases := []struct {
		operator             string
		longTerm, noMFA, mfa string // error code of ListBuckets
		listUsers            string // error code of ListUsers with the long-term key
	}{
		{"Bool", "", "AccessDenied", "", ""},
		{"BoolIfExists", "AccessDenied", "AccessDenied", "", ""},
	}
	for i, tc := range cases {
		t.Run(tc.operator, func(t *testing.T) {
			tr := e.newTrainee(t, fmt.Sprintf("kc-cli-%d", i))
			_, err := e.admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(tr.name), PolicyName: aws.String("mfa-for-cli"), PolicyDocument: aws.String(kcMFAForCLI(tc.operator))})
			expectCode(t, "PutUserPolicy", err, "")
			s := e.sessionsOf(t, tr)
			expectCode(t, "long-term key", listBuckets(s.longTerm), tc.longTerm)
			expectCode(t, "session without MFA", listBuckets(s.noMFA), tc.noMFA)
			expectCode(t, "session with MFA", listBuckets(s.mfa), tc.mfa)
			_, err = s.longTerm.iam.ListUsers(ctx, &iam.ListUsersInput{})
			expectCode(t, "ListUsers with the long-term key", err, tc.listUsers)
		})
	}
}

// selfManageMFA is the IAM User Guide's example "IAM: Allows IAM users to self-manage an
// MFA device" (reference_policies_examples_iam_mfa-selfmanage.html).
const selfManageMFA = `{"Version":"2012-10-17","Statement":[
{"Sid":"AllowListActions","Effect":"Allow","Action":["iam:ListUsers","iam:ListVirtualMFADevices"],"Resource":"*"},
{"Sid":"AllowUserToCreateVirtualMFADevice","Effect":"Allow","Action":["iam:CreateVirtualMFADevice"],"Resource":"arn:aws:iam::*:mfa/*"},
{"Sid":"AllowUserToManageTheirOwnMFA","Effect":"Allow","Action":["iam:EnableMFADevice","iam:GetMFADevice","iam:ListMFADevices","iam:ResyncMFADevice"],"Resource":"arn:aws:iam::*:user/${aws:username}"},
{"Sid":"AllowUserToDeactivateTheirOwnMFAOnlyWhenUsingMFA","Effect":"Allow","Action":["iam:DeactivateMFADevice"],"Resource":["arn:aws:iam::*:user/${aws:username}"],"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}},
{"Sid":"BlockMostAccessUnlessSignedInWithMFA","Effect":"Deny","NotAction":["iam:CreateVirtualMFADevice","iam:EnableMFADevice","iam:ListMFADevices","iam:ListUsers","iam:ListVirtualMFADevices","iam:ResyncMFADevice"],"Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}`

// TestSelfManageMFAExamplePolicy: put inline on a user at "/", the example lets the user
// list their own devices (and no one else's, through ${aws:username}) with the long-term
// key, holds back deactivating the device until the user has an MFA session, and then
// allows it.
func TestSelfManageMFAExamplePolicy(t *testing.T) {
	e := start(t, emulator.Options{})
	other := e.newTrainee(t, "someone-else")
	tr := e.newTraineeAt(t, "self-manager", "/")
	_, err := e.admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(tr.name), PolicyName: aws.String("self-manage"), PolicyDocument: aws.String(selfManageMFA)})
	expectCode(t, "PutUserPolicy", err, "")
	s := e.sessionsOf(t, tr)

	listDevices := func(c clients, user string) error {
		_, err := c.iam.ListMFADevices(ctx, &iam.ListMFADevicesInput{UserName: aws.String(user)})
		return err
	}
	deactivate := func(c clients) error {
		_, err := c.iam.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{UserName: aws.String(tr.name), SerialNumber: aws.String(tr.serial)})
		return err
	}
	expectCode(t, "own ListMFADevices, long-term key", listDevices(s.longTerm, tr.name), "")
	expectError(t, "another user's ListMFADevices", listDevices(s.longTerm, other.name), "AccessDenied",
		"User: "+tr.arn+" is not authorized to perform: iam:ListMFADevices on resource: "+other.arn+" because no identity-based policy allows the iam:ListMFADevices action")
	_, err = s.longTerm.iam.ListVirtualMFADevices(ctx, &iam.ListVirtualMFADevicesInput{AssignmentStatus: iamtypes.AssignmentStatusTypeAny})
	expectCode(t, "ListVirtualMFADevices, long-term key", err, "")
	expectError(t, "DeactivateMFADevice, long-term key", deactivate(s.longTerm), "AccessDenied",
		"User: "+tr.arn+" is not authorized to perform: iam:DeactivateMFADevice on resource: "+tr.arn+" with an explicit deny in an identity-based policy")
	expectCode(t, "ListBuckets with MFA (not granted)", listBuckets(s.mfa), "AccessDenied")
	expectCode(t, "DeactivateMFADevice with MFA", deactivate(s.mfa), "")
}

// TestGlobalConditionKeys_AlwaysSet: the keys AWS's "AWS global condition context keys"
// page says every direct, signed request carries, each tested by an Allow that needs it.
func TestGlobalConditionKeys_AlwaysSet(t *testing.T) {
	e := start(t, emulator.Options{})
	cases := []struct {
		name, condition string
		allowed         bool
	}{
		{"aws:ViaAWSService false", `{"Bool":{"aws:ViaAWSService":"false"}}`, true},
		{"aws:ViaAWSService not true", `{"Bool":{"aws:ViaAWSService":"true"}}`, false},
		{"aws:PrincipalIsAWSService false", `{"Bool":{"aws:PrincipalIsAWSService":"false"}}`, true},
		{"aws:UserAgent of the SDK", `{"StringLike":{"aws:UserAgent":"*aws-sdk-go-v2*"}}`, true},
		{"aws:PrincipalType User", `{"StringEquals":{"aws:PrincipalType":"User"}}`, true},
		{"aws:PrincipalAccount", `{"StringEquals":{"aws:PrincipalAccount":"000000000000"}}`, true},
		{"aws:RequestedRegion", `{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}`, true},
		{"aws:SecureTransport false over http", `{"Bool":{"aws:SecureTransport":"false"}}`, true},
		{"aws:SourceIp loopback", `{"IpAddress":{"aws:SourceIp":"127.0.0.0/8"}}`, true},
		{"aws:PrincipalTag of the user", `{"StringEquals":{"aws:PrincipalTag/team":"blue"}}`, true},
		{"aws:PrincipalTag of another value", `{"StringEquals":{"aws:PrincipalTag/team":"red"}}`, false},
		{"aws:username with a policy variable", `{"StringEquals":{"aws:username":"${aws:username}"}}`, true},
		{"aws:TokenIssueTime absent for long-term keys", `{"Null":{"aws:TokenIssueTime":"true"}}`, true},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr := e.newTrainee(t, fmt.Sprintf("keys-%d", i))
			_, err := e.admin.iam.TagUser(ctx, &iam.TagUserInput{UserName: aws.String(tr.name), Tags: []iamtypes.Tag{{Key: aws.String("team"), Value: aws.String("blue")}}})
			expectCode(t, "TagUser", err, "")
			_, err = e.admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(tr.name), PolicyName: aws.String("p"),
				PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*","Condition":` + tc.condition + `}]}`)})
			expectCode(t, "PutUserPolicy", err, "")
			want := "AccessDenied"
			if tc.allowed {
				want = ""
			}
			expectCode(t, "ListBuckets", listBuckets(tr.clients), want)
		})
	}
}
