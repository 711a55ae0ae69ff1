package emulator_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// trainee is a user set up as in steps 1–6 of the scenarios: an enabled device and a key.
type trainee struct {
	name, arn, serial, seed string
	keyID, secret           string
	clients                 clients
}

func (e *env) newTrainee(t *testing.T, name string) trainee {
	t.Helper()
	return e.newTraineeAt(t, name, "/mfa-demo/")
}

// newTraineeAt is newTrainee for a user at path: AWS's example policies name users
// "user/${aws:username}", which only users at "/" match.
func (e *env) newTraineeAt(t *testing.T, name, path string) trainee {
	t.Helper()
	admin := e.admin
	u, err := admin.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name), Path: aws.String(path)})
	expectCode(t, "CreateUser", err, "")
	dev, err := admin.iam.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String(name), Path: aws.String("/mfa-demo/")})
	expectCode(t, "CreateVirtualMFADevice", err, "")
	tr := trainee{name: name, arn: aws.ToString(u.User.Arn), serial: aws.ToString(dev.VirtualMFADevice.SerialNumber), seed: string(dev.VirtualMFADevice.Base32StringSeed)}
	// Enable a minute in the past, so that the steps around the clock's time stay
	// unused and the test can spend any of them.
	e.clock.Advance(-60e9)
	defer e.clock.Advance(60e9)
	_, err = admin.iam.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String(name), SerialNumber: aws.String(tr.serial),
		AuthenticationCode1: aws.String(e.clock.code(t, tr.seed, -1)), AuthenticationCode2: aws.String(e.clock.code(t, tr.seed, 0))})
	expectCode(t, "EnableMFADevice", err, "")
	key, err := admin.iam.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(name)})
	expectCode(t, "CreateAccessKey", err, "")
	tr.keyID, tr.secret = aws.ToString(key.AccessKey.AccessKeyId), aws.ToString(key.AccessKey.SecretAccessKey)
	tr.clients = e.clientsFor(tr.keyID, tr.secret, "")
	return tr
}

func trustPolicy(principalARN string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + principalARN + `"},` +
		`"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}`
}

const listBucketsPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`

// TestRolePath walks the assume-role scenario: a role whose trust policy wants MFA, a
// managed policy attached to it, the refusal without MFA, the role session with MFA,
// and the teardown with the role's and the policy's DeleteConflicts.
func TestRolePath(t *testing.T) {
	e := start(t, emulator.Options{})
	admin := e.admin
	tr := e.newTrainee(t, "role-trainee")

	cr, err := admin.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("mfa-demo-role"), Path: aws.String("/mfa-demo/"),
		AssumeRolePolicyDocument: aws.String(trustPolicy(tr.arn)), Tags: []iamtypes.Tag{{Key: aws.String("purpose"), Value: aws.String("demo")}}})
	expectCode(t, "CreateRole", err, "")
	roleARN := aws.ToString(cr.Role.Arn)
	if roleARN != "arn:aws:iam::000000000000:role/mfa-demo/mfa-demo-role" {
		t.Fatalf("role ARN %q", roleARN)
	}
	cp, err := admin.iam.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("mfa-demo-list"), Path: aws.String("/mfa-demo/"), PolicyDocument: aws.String(listBucketsPolicy)})
	expectCode(t, "CreatePolicy", err, "")
	policyARN := aws.ToString(cp.Policy.Arn)
	_, err = admin.iam.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("mfa-demo-role"), PolicyArn: aws.String(policyARN)})
	expectCode(t, "AttachRolePolicy", err, "")
	_, err = admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(tr.name), PolicyName: aws.String("assume"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"` + roleARN + `"}]}`)})
	expectCode(t, "PutUserPolicy", err, "")

	assume := func(serial, code string) (*sts.AssumeRoleOutput, error) {
		in := &sts.AssumeRoleInput{RoleArn: aws.String(roleARN), RoleSessionName: aws.String("demo-session")}
		if serial != "" {
			in.SerialNumber, in.TokenCode = aws.String(serial), aws.String(code)
		}
		return tr.clients.sts.AssumeRole(ctx, in)
	}
	_, err = assume("", "")
	expectError(t, "AssumeRole without MFA", err, "AccessDenied", "User: "+tr.arn+" is not authorized to perform: sts:AssumeRole on resource: "+roleARN+" because no role trust policy allows the sts:AssumeRole action")
	_, err = assume(tr.serial, wrongCode(e.clock.code(t, tr.seed, 0)))
	expectError(t, "AssumeRole with a wrong code", err, "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code.")
	_, err = assume(tr.arn, e.clock.code(t, tr.seed, 0))
	expectError(t, "AssumeRole with the user ARN as serial", err, "AccessDenied",
		"MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.")

	out, err := assume(tr.serial, e.clock.code(t, tr.seed, 0))
	expectCode(t, "AssumeRole with MFA", err, "")
	sessionARN := "arn:aws:sts::000000000000:assumed-role/mfa-demo-role/demo-session"
	if got := aws.ToString(out.AssumedRoleUser.Arn); got != sessionARN {
		t.Fatalf("assumed role ARN %q", got)
	}
	if got, want := aws.ToString(out.AssumedRoleUser.AssumedRoleId), aws.ToString(cr.Role.RoleId)+":demo-session"; got != want {
		t.Fatalf("AssumedRoleId %q, want %q", got, want)
	}
	roleSession := e.clientsFor(aws.ToString(out.Credentials.AccessKeyId), aws.ToString(out.Credentials.SecretAccessKey), aws.ToString(out.Credentials.SessionToken))
	who, err := roleSession.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	expectCode(t, "role session GetCallerIdentity", err, "")
	if aws.ToString(who.Arn) != sessionARN {
		t.Fatalf("role session identity %q", aws.ToString(who.Arn))
	}
	_, err = roleSession.s3.ListBuckets(ctx, &s3.ListBucketsInput{})
	expectCode(t, "role session ListBuckets", err, "")
	_, err = roleSession.iam.ListUsers(ctx, &iam.ListUsersInput{})
	expectError(t, "role session ListUsers", err, "AccessDenied", "User: "+sessionARN+" is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::000000000000:user/ because no identity-based policy allows the iam:ListUsers action")

	// The trust policy alone is not enough: the user's own policy must allow it too.
	_, err = admin.iam.DeleteUserPolicy(ctx, &iam.DeleteUserPolicyInput{UserName: aws.String(tr.name), PolicyName: aws.String("assume")})
	expectCode(t, "DeleteUserPolicy", err, "")
	e.clock.Advance(30e9)
	_, err = assume(tr.serial, e.clock.code(t, tr.seed, 0))
	expectError(t, "AssumeRole without identity permission", err, "AccessDenied", "User: "+tr.arn+" is not authorized to perform: sts:AssumeRole on resource: "+roleARN+" because no identity-based policy allows the sts:AssumeRole action")

	// What the cleanup sweep reads.
	lp, err := admin.iam.ListPolicies(ctx, &iam.ListPoliciesInput{Scope: iamtypes.PolicyScopeTypeLocal, PathPrefix: aws.String("/mfa-demo/")})
	expectCode(t, "ListPolicies", err, "")
	if len(lp.Policies) != 1 || aws.ToString(lp.Policies[0].Arn) != policyARN || aws.ToInt32(lp.Policies[0].AttachmentCount) != 1 {
		t.Fatalf("ListPolicies %+v", lp.Policies)
	}
	lr, err := admin.iam.ListRoles(ctx, &iam.ListRolesInput{PathPrefix: aws.String("/mfa-demo/")})
	expectCode(t, "ListRoles", err, "")
	if len(lr.Roles) != 1 || aws.ToString(lr.Roles[0].RoleName) != "mfa-demo-role" {
		t.Fatalf("ListRoles %+v", lr.Roles)
	}
	tags, err := admin.iam.ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: aws.String("mfa-demo-role")})
	expectCode(t, "ListRoleTags", err, "")
	if len(tags.Tags) != 1 || aws.ToString(tags.Tags[0].Value) != "demo" {
		t.Fatalf("ListRoleTags %+v", tags.Tags)
	}
	attached, err := admin.iam.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("mfa-demo-role")})
	expectCode(t, "ListAttachedRolePolicies", err, "")
	if len(attached.AttachedPolicies) != 1 || aws.ToString(attached.AttachedPolicies[0].PolicyArn) != policyARN {
		t.Fatalf("ListAttachedRolePolicies %+v", attached.AttachedPolicies)
	}

	// Teardown.
	deleteRole := func() error {
		_, err := admin.iam.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("mfa-demo-role")})
		return err
	}
	deletePolicy := func() error {
		_, err := admin.iam.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: aws.String(policyARN)})
		return err
	}
	expectError(t, "DeleteRole with an attached policy", deleteRole(), "DeleteConflict", "Cannot delete entity, must detach all policies first.")
	expectError(t, "DeletePolicy while attached", deletePolicy(), "DeleteConflict", "Cannot delete a policy attached to entities.")
	_, err = admin.iam.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String("mfa-demo-role"), PolicyArn: aws.String(policyARN)})
	expectCode(t, "DetachRolePolicy", err, "")
	_, err = admin.iam.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String("mfa-demo-role"), PolicyArn: aws.String(policyARN)})
	expectCode(t, "DetachRolePolicy again", err, "NoSuchEntity")
	expectCode(t, "DeletePolicy", deletePolicy(), "")
	expectCode(t, "DeletePolicy again", deletePolicy(), "NoSuchEntity")
	_, err = admin.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("mfa-demo-role"), PolicyName: aws.String("inline"), PolicyDocument: aws.String(listBucketsPolicy)})
	expectCode(t, "PutRolePolicy", err, "")
	rp, err := admin.iam.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String("mfa-demo-role")})
	expectCode(t, "ListRolePolicies", err, "")
	if strings.Join(rp.PolicyNames, ",") != "inline" {
		t.Fatalf("ListRolePolicies %v", rp.PolicyNames)
	}
	expectError(t, "DeleteRole with an inline policy", deleteRole(), "DeleteConflict", "Cannot delete entity, must delete policies first.")
	_, err = admin.iam.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String("mfa-demo-role"), PolicyName: aws.String("inline")})
	expectCode(t, "DeleteRolePolicy", err, "")
	expectCode(t, "DeleteRole", deleteRole(), "")
	expectCode(t, "DeleteRole again", deleteRole(), "NoSuchEntity")
	_, err = roleSession.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	expectCode(t, "session of a deleted role", err, "InvalidClientTokenId")
}

// wrongCode is a six-digit code that differs from code in every digit.
func wrongCode(code string) string {
	b := []byte(code)
	for i := range b {
		b[i] = '0' + (b[i]-'0'+5)%10
	}
	return string(b)
}
