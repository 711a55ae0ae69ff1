package emulator_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// TestAccessDeniedMessages_IAMUserGuideTroubleshootAccessDenied: refusals name the
// principal, the action, the resource and the reason in the forms of the IAM User
// Guide's "Troubleshoot access denied error messages": "because no identity-based
// policy allows the ACTION action", "with an explicit deny in an identity-based policy"
// (with ": POLICYARN" when the Deny is in a managed policy), and the role trust policy's
// two forms for sts:AssumeRole. S3 quotes the resource and leaves it out for
// s3:ListAllMyBuckets, as its refusals read on AWS.
func TestAccessDeniedMessages_IAMUserGuideTroubleshootAccessDenied(t *testing.T) {
	e := start(t, emulator.Options{})
	const acct = "000000000000"
	denyS3 := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`
	denyPolicy, err := e.admin.iam.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("deny-s3"), PolicyDocument: aws.String(denyS3)})
	expectCode(t, "CreatePolicy", err, "")
	denyARN := aws.ToString(denyPolicy.Policy.Arn)

	cases := []struct {
		name   string
		inline string // the user's inline policy; "" for none
		attach string // a managed policy ARN to attach; "" for none
		call   func(c clients) error
		want   func(user string) string
	}{
		{"S3 ListBuckets, implicit", "", "", listBuckets,
			func(u string) string {
				return "User: " + u + " is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action"
			}},
		{"S3 ListBuckets, explicit deny inline", denyS3, "", listBuckets,
			func(u string) string {
				return "User: " + u + " is not authorized to perform: s3:ListAllMyBuckets with an explicit deny in an identity-based policy"
			}},
		{"S3 ListBuckets, explicit deny in a managed policy", "", denyARN, listBuckets,
			func(u string) string {
				return "User: " + u + " is not authorized to perform: s3:ListAllMyBuckets with an explicit deny in an identity-based policy: " + denyARN
			}},
		{"S3 CreateBucket quotes the bucket ARN", "", "", func(c clients) error {
			_, err := c.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("denied-bucket")})
			return err
		}, func(u string) string {
			return "User: " + u + ` is not authorized to perform: s3:CreateBucket on resource: "arn:aws:s3:::denied-bucket" because no identity-based policy allows the s3:CreateBucket action`
		}},
		{"IAM ListUsers, implicit", "", "", func(c clients) error {
			_, err := c.iam.ListUsers(ctx, &iam.ListUsersInput{})
			return err
		}, func(u string) string {
			return "User: " + u + " is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::" + acct + ":user/ because no identity-based policy allows the iam:ListUsers action"
		}},
		{"IAM DeleteUser, explicit deny inline", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:DeleteUser","Resource":"*"}]}`, "", func(c clients) error {
			_, err := c.iam.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("admin")})
			return err
		}, func(u string) string {
			return "User: " + u + " is not authorized to perform: iam:DeleteUser on resource: arn:aws:iam::" + acct + ":user/admin with an explicit deny in an identity-based policy"
		}},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr := e.newTrainee(t, fmt.Sprintf("denied-%d", i))
			if tc.inline != "" {
				_, err := e.admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(tr.name), PolicyName: aws.String("p"), PolicyDocument: aws.String(tc.inline)})
				expectCode(t, "PutUserPolicy", err, "")
			}
			if tc.attach != "" {
				_, err := e.admin.iam.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String(tr.name), PolicyArn: aws.String(tc.attach)})
				expectCode(t, "AttachUserPolicy", err, "")
			}
			expectError(t, tc.name, tc.call(tr.clients), "AccessDenied", tc.want(tr.arn))
		})
	}
}

// TestAccessDeniedS3ErrorBody_S3ErrorResponses: S3's refusal keeps the Error element's
// Code, Message, RequestId and HostId (S3 API reference, "Error responses").
func TestAccessDeniedS3ErrorBody_S3ErrorResponses(t *testing.T) {
	e := start(t, emulator.Options{})
	tr := e.newTrainee(t, "s3-body")
	err := listBuckets(tr.clients)
	expectCode(t, "ListBuckets", err, "AccessDenied")
	var ids interface {
		ServiceRequestID() string
		ServiceHostID() string
	}
	if !errors.As(err, &ids) {
		t.Fatalf("S3 error %T carries no request and host IDs", err)
	}
	if ids.ServiceRequestID() == "" || ids.ServiceHostID() == "" {
		t.Fatalf("RequestId %q, HostId %q: want both", ids.ServiceRequestID(), ids.ServiceHostID())
	}
}

// TestAssumeRoleRefusals_IAMUserGuideRoleTrustPolicies: a role's trust policy refuses
// in its own words ("because no role trust policy allows the sts:AssumeRole action",
// "with an explicit deny in the role trust policy"), the caller's identity policies in
// theirs, and a role session is named by its assumed-role ARN.
func TestAssumeRoleRefusals_IAMUserGuideRoleTrustPolicies(t *testing.T) {
	e := start(t, emulator.Options{})
	tr := e.newTrainee(t, "assumer")
	allowAssume := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`
	_, err := e.admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(tr.name), PolicyName: aws.String("assume"), PolicyDocument: aws.String(allowAssume)})
	expectCode(t, "PutUserPolicy", err, "")
	role := func(name, trust string) string {
		t.Helper()
		out, err := e.admin.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trust)})
		expectCode(t, "CreateRole "+name, err, "")
		return aws.ToString(out.Role.Arn)
	}
	trusting := role("trusting", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"`+tr.arn+`"},"Action":"sts:AssumeRole"}]}`)
	distrusting := role("distrusting", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"000000000000"},"Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":{"AWS":"`+tr.arn+`"},"Action":"sts:AssumeRole"}]}`)
	stranger := role("stranger", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:user/someone-else"},"Action":"sts:AssumeRole"}]}`)
	missing := "arn:aws:iam::000000000000:role/missing"

	assume := func(arn string) error {
		_, err := tr.clients.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(arn), RoleSessionName: aws.String("session")})
		return err
	}
	prefix := "User: " + tr.arn + " is not authorized to perform: sts:AssumeRole on resource: "
	expectError(t, "trust policy without the caller", assume(stranger), "AccessDenied", prefix+stranger+" because no role trust policy allows the sts:AssumeRole action")
	expectError(t, "role that does not exist", assume(missing), "AccessDenied", prefix+missing+" because no role trust policy allows the sts:AssumeRole action")
	expectError(t, "trust policy denying the caller", assume(distrusting), "AccessDenied", prefix+distrusting+" with an explicit deny in the role trust policy")

	out, err := tr.clients.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(trusting), RoleSessionName: aws.String("named-session")})
	expectCode(t, "AssumeRole", err, "")
	session := e.clientsFor(aws.ToString(out.Credentials.AccessKeyId), aws.ToString(out.Credentials.SecretAccessKey), aws.ToString(out.Credentials.SessionToken))
	expectError(t, "role session ListBuckets", listBuckets(session), "AccessDenied",
		"User: arn:aws:sts::000000000000:assumed-role/trusting/named-session is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action")
}
