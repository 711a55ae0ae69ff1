package emulator_test

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// sessions are a trainee's three kinds of credentials: the long-term key (MFA key
// absent), a session without MFA (false) and one with MFA (true).
type sessions struct{ longTerm, noMFA, mfa clients }

func (e *env) sessionsOf(t *testing.T, tr trainee) sessions {
	t.Helper()
	plain, err := tr.clients.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{})
	expectCode(t, "GetSessionToken", err, "")
	withMFA, err := tr.clients.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{SerialNumber: aws.String(tr.serial), TokenCode: aws.String(e.clock.code(t, tr.seed, 0))})
	expectCode(t, "GetSessionToken with MFA", err, "")
	c := func(out *sts.GetSessionTokenOutput) clients {
		return e.clientsFor(aws.ToString(out.Credentials.AccessKeyId), aws.ToString(out.Credentials.SecretAccessKey), aws.ToString(out.Credentials.SessionToken))
	}
	return sessions{longTerm: tr.clients, noMFA: c(plain), mfa: c(withMFA)}
}

func listBuckets(c clients) error {
	_, err := c.s3.ListBuckets(ctx, &s3.ListBucketsInput{})
	return err
}

// TestMFAConditionKeys: aws:MultiFactorAuthPresent is absent for long-term keys, false
// for sessions without MFA and true with MFA, as each operator sees it.
func TestMFAConditionKeys(t *testing.T) {
	e := start(t, emulator.Options{})
	allowAll := `{"Effect":"Allow","Action":"*","Resource":"*"}`
	cases := []struct {
		name                 string
		statements           string
		longTerm, noMFA, mfa string // expected error code of ListBuckets
	}{
		{"Bool true (the demo's policy)", mfaPolicyStatement, "AccessDenied", "AccessDenied", ""},
		{"Deny on Bool false", allowAll + `,{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}`, "", "AccessDenied", ""},
		{"Deny on BoolIfExists false", allowAll + `,{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}`, "AccessDenied", "AccessDenied", ""},
		{"Deny on Null (key absent)", allowAll + `,{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Null":{"aws:MultiFactorAuthPresent":"true"}}}`, "AccessDenied", "", ""},
		{"Allow while MFA is younger than an hour", `{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}}`, "AccessDenied", "AccessDenied", ""},
		{"no policy", ``, "AccessDenied", "AccessDenied", "AccessDenied"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr := e.newTrainee(t, fmt.Sprintf("keys-%d", i))
			if tc.statements != "" {
				_, err := e.admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(tr.name), PolicyName: aws.String("p"),
					PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[` + tc.statements + `]}`)})
				expectCode(t, "PutUserPolicy", err, "")
			}
			s := e.sessionsOf(t, tr)
			expectCode(t, "long-term key", listBuckets(s.longTerm), tc.longTerm)
			expectCode(t, "session without MFA", listBuckets(s.noMFA), tc.noMFA)
			expectCode(t, "session with MFA", listBuckets(s.mfa), tc.mfa)
		})
	}
}

const mfaPolicyStatement = `{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"arn:aws:s3:::*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":true}}}`

// TestPolicyEvaluation: the other condition keys, explicit deny, and AWS's refusal text.
func TestPolicyEvaluation(t *testing.T) {
	e := start(t, emulator.Options{})
	tr := e.newTrainee(t, "evaluated")
	put := func(doc string) {
		t.Helper()
		_, err := e.admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(tr.name), PolicyName: aws.String("p"), PolicyDocument: aws.String(doc)})
		expectCode(t, "PutUserPolicy", err, "")
	}
	getUser := func(c clients, name string) error {
		_, err := c.iam.GetUser(ctx, &iam.GetUserInput{UserName: aws.String(name)})
		return err
	}

	// aws:username as a policy variable: a user may read only itself.
	put(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws:iam::*:user/mfa-demo/${aws:username}"}]}`)
	expectCode(t, "GetUser self", getUser(tr.clients, tr.name), "")
	expectError(t, "GetUser admin", getUser(tr.clients, "admin"), "AccessDenied",
		"User: "+tr.arn+" is not authorized to perform: iam:GetUser on resource: arn:aws:iam::000000000000:user/admin because no identity-based policy allows the iam:GetUser action")
	expectError(t, "GetUser of a missing user", getUser(tr.clients, "ghost"), "AccessDenied",
		"User: "+tr.arn+" is not authorized to perform: iam:GetUser on resource: arn:aws:iam::000000000000:user/ghost because no identity-based policy allows the iam:GetUser action")

	// Explicit deny wins over allow.
	put(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"},{"Effect":"Deny","Action":"iam:CreateUser","Resource":"*"}]}`)
	_, err := tr.clients.iam.ListUsers(ctx, &iam.ListUsersInput{})
	expectCode(t, "ListUsers", err, "")
	_, err = tr.clients.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("minion"), Path: aws.String("/x/")})
	expectError(t, "CreateUser denied", err, "AccessDenied", "User: "+tr.arn+" is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::000000000000:user/x/minion with an explicit deny in an identity-based policy")

	// String, ARN and date conditions on the global keys.
	for _, c := range []struct {
		condition string
		want      string
	}{
		{`{"StringEquals":{"aws:username":"evaluated"}}`, ""},
		{`{"StringNotEquals":{"aws:username":"evaluated"}}`, "AccessDenied"},
		{`{"StringLike":{"aws:userid":"AIDA*"}}`, ""},
		{`{"ArnEquals":{"aws:PrincipalArn":"` + tr.arn + `"}}`, ""},
		{`{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/other/*"}}`, "AccessDenied"},
		{`{"StringEquals":{"aws:PrincipalAccount":"000000000000"}}`, ""},
		{`{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, ""},
		{`{"DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, "AccessDenied"},
		{`{"NumericGreaterThan":{"aws:EpochTime":"1577836800"}}`, ""},
	} {
		put(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*","Condition":` + c.condition + `}]}`)
		expectCode(t, c.condition, listBuckets(tr.clients), c.want)
	}

	// aws:MultiFactorAuthAge grows with the clock.
	put(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"300"}}}]}`)
	s := e.sessionsOf(t, tr)
	expectCode(t, "MFA 0 s old", listBuckets(s.mfa), "")
	e.clock.Advance(6 * time.Minute)
	expectCode(t, "MFA 6 min old", listBuckets(s.mfa), "AccessDenied")
	e.clock.Advance(-6 * time.Minute)
}

// TestIAMEntities covers the entity errors and the listings of users, keys and policies.
func TestIAMEntities(t *testing.T) {
	e := start(t, emulator.Options{})
	admin := e.admin
	_, err := admin.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("Alice"), Path: aws.String("/team/"),
		Tags: []iamtypes.Tag{{Key: aws.String("a"), Value: aws.String("1")}}})
	expectCode(t, "CreateUser", err, "")

	cases := []struct {
		name string
		call func() error
		code string
		msg  string
	}{
		{"duplicate user, other case", func() error {
			_, err := admin.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")})
			return err
		}, "EntityAlreadyExists", "User with name alice already exists."},
		{"invalid user name", func() error {
			_, err := admin.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("bad name")})
			return err
		}, "ValidationError", ""},
		{"invalid path", func() error {
			_, err := admin.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("bob"), Path: aws.String("nopath")})
			return err
		}, "ValidationError", ""},
		{"missing user", func() error {
			_, err := admin.iam.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("bob")})
			return err
		}, "NoSuchEntity", "The user with name bob cannot be found."},
		{"missing device", func() error {
			_, err := admin.iam.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String("arn:aws:iam::000000000000:mfa/none")})
			return err
		}, "NoSuchEntity", "VirtualMFADevice with serial number arn:aws:iam::000000000000:mfa/none doesn't exist."},
		{"missing access key", func() error {
			_, err := admin.iam.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String("Alice"), AccessKeyId: aws.String("AKIANOPE000000000000")})
			return err
		}, "NoSuchEntity", "The Access Key with id AKIANOPE000000000000 cannot be found."},
		{"missing inline policy", func() error {
			_, err := admin.iam.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String("Alice"), PolicyName: aws.String("none")})
			return err
		}, "NoSuchEntity", "The user policy with name none cannot be found."},
		{"malformed policy JSON", func() error {
			_, err := admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("Alice"), PolicyName: aws.String("p"), PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[`)})
			return err
		}, "MalformedPolicyDocument", ""},
		{"trust policy without a principal", func() error {
			_, err := admin.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("r"), AssumeRolePolicyDocument: aws.String(listBucketsPolicy)})
			return err
		}, "MalformedPolicyDocument", ""},
		{"malformed managed policy", func() error {
			_, err := admin.iam.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("p"), PolicyDocument: aws.String(`{"Statement":"nope"}`)})
			return err
		}, "MalformedPolicyDocument", ""},
		{"missing role", func() error {
			_, err := admin.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("none")})
			return err
		}, "NoSuchEntity", "The role with name none cannot be found."},
		{"attach a missing policy", func() error {
			_, err := admin.iam.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("Alice"), PolicyArn: aws.String("arn:aws:iam::aws:policy/ReadOnlyAccess")})
			return err
		}, "NoSuchEntity", "Policy arn:aws:iam::aws:policy/ReadOnlyAccess does not exist or is not attachable."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			expectCode(t, tc.name, err, tc.code)
			if tc.msg != "" && errorMessage(err) != tc.msg {
				t.Errorf("message %q, want %q", errorMessage(err), tc.msg)
			}
		})
	}

	t.Run("keys", func(t *testing.T) {
		for i, want := range []string{"", "", "LimitExceeded"} {
			_, err := admin.iam.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("alice")})
			expectCode(t, fmt.Sprintf("key %d", i+1), err, want)
		}
		out, err := admin.iam.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: aws.String("Alice")})
		expectCode(t, "ListAccessKeys", err, "")
		if len(out.AccessKeyMetadata) != 2 || out.AccessKeyMetadata[0].Status != iamtypes.StatusTypeActive {
			t.Fatalf("ListAccessKeys %+v", out.AccessKeyMetadata)
		}
	})

	t.Run("inline policy document comes back URL-encoded", func(t *testing.T) {
		_, err := admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("Alice"), PolicyName: aws.String("mfa"), PolicyDocument: aws.String(mfaPolicy)})
		expectCode(t, "PutUserPolicy", err, "")
		out, err := admin.iam.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String("Alice"), PolicyName: aws.String("mfa")})
		expectCode(t, "GetUserPolicy", err, "")
		doc, err := url.QueryUnescape(aws.ToString(out.PolicyDocument))
		if err != nil || doc != mfaPolicy {
			t.Fatalf("document %q (%v)", aws.ToString(out.PolicyDocument), err)
		}
		names, err := admin.iam.ListUserPolicies(ctx, &iam.ListUserPoliciesInput{UserName: aws.String("Alice")})
		expectCode(t, "ListUserPolicies", err, "")
		if fmt.Sprint(names.PolicyNames) != "[mfa]" {
			t.Fatalf("ListUserPolicies %v", names.PolicyNames)
		}
	})

	t.Run("tags", func(t *testing.T) {
		_, err := admin.iam.TagUser(ctx, &iam.TagUserInput{UserName: aws.String("Alice"), Tags: []iamtypes.Tag{{Key: aws.String("A"), Value: aws.String("2")}, {Key: aws.String("b"), Value: aws.String("3")}}})
		expectCode(t, "TagUser", err, "")
		_, err = admin.iam.UntagUser(ctx, &iam.UntagUserInput{UserName: aws.String("Alice"), TagKeys: []string{"b"}})
		expectCode(t, "UntagUser", err, "")
		out, err := admin.iam.ListUserTags(ctx, &iam.ListUserTagsInput{UserName: aws.String("Alice")})
		expectCode(t, "ListUserTags", err, "")
		if len(out.Tags) != 1 || aws.ToString(out.Tags[0].Key) != "A" || aws.ToString(out.Tags[0].Value) != "2" {
			t.Fatalf("ListUserTags %+v", out.Tags)
		}
	})

	t.Run("device tags", func(t *testing.T) {
		dev, err := admin.iam.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("tagged"),
			Tags: []iamtypes.Tag{{Key: aws.String("mfa-demo:run-id"), Value: aws.String("r1")}}})
		expectCode(t, "CreateVirtualMFADevice", err, "")
		serial := dev.VirtualMFADevice.SerialNumber
		_, err = admin.iam.TagMFADevice(ctx, &iam.TagMFADeviceInput{SerialNumber: serial, Tags: []iamtypes.Tag{{Key: aws.String("b"), Value: aws.String("3")}}})
		expectCode(t, "TagMFADevice", err, "")
		_, err = admin.iam.UntagMFADevice(ctx, &iam.UntagMFADeviceInput{SerialNumber: serial, TagKeys: []string{"b"}})
		expectCode(t, "UntagMFADevice", err, "")
		out, err := admin.iam.ListMFADeviceTags(ctx, &iam.ListMFADeviceTagsInput{SerialNumber: serial})
		expectCode(t, "ListMFADeviceTags", err, "")
		if len(out.Tags) != 1 || aws.ToString(out.Tags[0].Key) != "mfa-demo:run-id" || aws.ToString(out.Tags[0].Value) != "r1" {
			t.Fatalf("ListMFADeviceTags %+v", out.Tags)
		}
		_, err = admin.iam.ListMFADeviceTags(ctx, &iam.ListMFADeviceTagsInput{SerialNumber: aws.String("arn:aws:iam::000000000000:mfa/none")})
		expectError(t, "ListMFADeviceTags of a missing device", err, "NoSuchEntity", "VirtualMFADevice with serial number arn:aws:iam::000000000000:mfa/none doesn't exist.")
	})

	t.Run("list users by path, one page at a time", func(t *testing.T) {
		for _, n := range []string{"carol", "bob"} {
			_, err := admin.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(n), Path: aws.String("/team/")})
			expectCode(t, "CreateUser "+n, err, "")
		}
		var names []string
		in := &iam.ListUsersInput{PathPrefix: aws.String("/team/"), MaxItems: aws.Int32(2)}
		p := iam.NewListUsersPaginator(admin.iam, in)
		pages := 0
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			expectCode(t, "ListUsers page", err, "")
			pages++
			for _, u := range out.Users {
				names = append(names, aws.ToString(u.UserName))
			}
		}
		if pages != 2 || fmt.Sprint(names) != "[Alice bob carol]" {
			t.Fatalf("%d pages: %v", pages, names)
		}
	})
}
