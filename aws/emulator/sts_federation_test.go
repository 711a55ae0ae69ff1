package emulator_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// putUserPolicy gives a user one inline policy, failing the test otherwise.
func (e *env) putUserPolicy(t *testing.T, user, name, doc string) {
	t.Helper()
	_, err := e.admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(user), PolicyName: aws.String(name), PolicyDocument: aws.String(doc)})
	expectCode(t, "PutUserPolicy "+name, err, "")
}

func sessionClients(e *env, c *ststypes.Credentials) clients {
	return e.clientsFor(aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken))
}

// TestGetAccessKeyInfo_APIReference follows the GetAccessKeyInfo API reference: the
// account of any access key ID, long-term (AKIA) or temporary (ASIA), whatever its
// state; the model's constraints (16–128 characters of [\w]) refused as ValidationError;
// the caller needs sts:GetAccessKeyInfo.
func TestGetAccessKeyInfo_APIReference(t *testing.T) {
	e := start(t, emulator.Options{AccountID: "123456789012"})
	tr := e.newTrainee(t, "keyinfo")
	session, err := e.admin.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{})
	expectCode(t, "GetSessionToken", err, "")

	for _, tc := range []struct {
		name, keyID, code string
	}{
		{"the trainee's own key", tr.keyID, ""},
		{"a session key", aws.ToString(session.Credentials.AccessKeyId), ""},
		{"a key the emulator never issued", "AKIAIOSFODNN7EXAMPLE", ""},
		{"too short", "AKIA123", "ValidationError"},
		{"not [\\w]", "AKIA-IOSFODNN7EXAMPLE", "ValidationError"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := e.admin.sts.GetAccessKeyInfo(ctx, &sts.GetAccessKeyInfoInput{AccessKeyId: aws.String(tc.keyID)})
			expectCode(t, "GetAccessKeyInfo", err, tc.code)
			if err == nil && aws.ToString(out.Account) != "123456789012" {
				t.Fatalf("Account %q", aws.ToString(out.Account))
			}
		})
	}

	_, err = tr.clients.sts.GetAccessKeyInfo(ctx, &sts.GetAccessKeyInfoInput{AccessKeyId: aws.String(tr.keyID)})
	expectError(t, "GetAccessKeyInfo without permission", err, "AccessDenied",
		"User: "+tr.arn+" is not authorized to perform: sts:GetAccessKeyInfo on resource: * because no identity-based policy allows the sts:GetAccessKeyInfo action")
	e.putUserPolicy(t, tr.name, "keyinfo", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:GetAccessKeyInfo","Resource":"*"}]}`)
	_, err = tr.clients.sts.GetAccessKeyInfo(ctx, &sts.GetAccessKeyInfoInput{AccessKeyId: aws.String(tr.keyID)})
	expectCode(t, "GetAccessKeyInfo with permission", err, "")
}

// TestGetFederationToken_APIReference follows the GetFederationToken API reference:
// called with an IAM user's long-term key (refused for session credentials), authorized
// as sts:GetFederationToken on the federated user; the federated user's ARN and ID; its
// permissions are the intersection of the user's policies and the session policies, none
// without a session policy; it may call no IAM action and no STS action but
// GetCallerIdentity.
func TestGetFederationToken_APIReference(t *testing.T) {
	e := start(t, emulator.Options{AccountID: "111122223333"})
	tr := e.newTrainee(t, "broker")
	federate := func(in *sts.GetFederationTokenInput) (*sts.GetFederationTokenOutput, error) {
		return tr.clients.sts.GetFederationToken(ctx, in)
	}
	bob := func() *sts.GetFederationTokenInput { return &sts.GetFederationTokenInput{Name: aws.String("Bob")} }

	_, err := federate(bob())
	expectError(t, "GetFederationToken without permission", err, "AccessDenied",
		"User: "+tr.arn+" is not authorized to perform: sts:GetFederationToken on resource: arn:aws:sts::111122223333:federated-user/Bob because no identity-based policy allows the sts:GetFederationToken action")
	// The broker may federate, list buckets and create one bucket; nothing else.
	e.putUserPolicy(t, tr.name, "broker", `{"Version":"2012-10-17","Statement":[`+
		`{"Effect":"Allow","Action":"sts:GetFederationToken","Resource":"arn:aws:sts::111122223333:federated-user/*"},`+
		`{"Effect":"Allow","Action":["s3:ListAllMyBuckets","s3:ListBucket","iam:ListUsers","sts:GetSessionToken"],"Resource":"*"}]}`)

	// Refusals before any credentials are issued.
	session, err := tr.clients.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{SerialNumber: aws.String(tr.serial), TokenCode: aws.String(e.clock.code(t, tr.seed, 0))})
	expectCode(t, "GetSessionToken with MFA", err, "")
	_, err = sessionClients(e, session.Credentials).sts.GetFederationToken(ctx, bob())
	expectError(t, "GetFederationToken with session credentials", err, "AccessDenied", "Cannot call GetFederationToken with session credentials")
	for _, tc := range []struct {
		name string
		in   *sts.GetFederationTokenInput
		code string
	}{
		{"Name of one character", &sts.GetFederationTokenInput{Name: aws.String("B")}, "ValidationError"},
		{"Name of 33 characters", &sts.GetFederationTokenInput{Name: aws.String("B234567890123456789012345678901234")}, "ValidationError"},
		{"Name with a space", &sts.GetFederationTokenInput{Name: aws.String("Bob Smith")}, "ValidationError"},
		{"DurationSeconds below 900", &sts.GetFederationTokenInput{Name: aws.String("Bob"), DurationSeconds: aws.Int32(899)}, "ValidationError"},
		{"DurationSeconds above 129600", &sts.GetFederationTokenInput{Name: aws.String("Bob"), DurationSeconds: aws.Int32(129601)}, "ValidationError"},
		{"Policy that is not JSON", &sts.GetFederationTokenInput{Name: aws.String("Bob"), Policy: aws.String("{")}, "MalformedPolicyDocument"},
		{"Policy with a Principal", &sts.GetFederationTokenInput{Name: aws.String("Bob"),
			Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}`)}, "MalformedPolicyDocument"},
		{"eleven PolicyArns", &sts.GetFederationTokenInput{Name: aws.String("Bob"), PolicyArns: policyARNs(11)}, "ValidationError"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := federate(tc.in)
			expectCode(t, "GetFederationToken", err, tc.code)
		})
	}

	// No session policy: no permissions, but GetCallerIdentity answers.
	out, err := federate(&sts.GetFederationTokenInput{Name: aws.String("Bob"), DurationSeconds: aws.Int32(900)})
	expectCode(t, "GetFederationToken without a policy", err, "")
	if got := aws.ToString(out.FederatedUser.Arn); got != "arn:aws:sts::111122223333:federated-user/Bob" {
		t.Fatalf("FederatedUser.Arn %q", got)
	}
	if got := aws.ToString(out.FederatedUser.FederatedUserId); got != "111122223333:Bob" {
		t.Fatalf("FederatedUserId %q", got)
	}
	if got, want := aws.ToTime(out.Credentials.Expiration), e.clock.Now().Add(900*time.Second).Truncate(time.Second); !got.Equal(want) {
		t.Fatalf("Expiration %v, want %v", got, want)
	}
	if aws.ToInt32(out.SessionTokenUtilization) != 0 || int(aws.ToInt32(out.SessionTokenSize)) != len(aws.ToString(out.Credentials.SessionToken)) {
		t.Fatalf("SessionTokenUtilization %v, SessionTokenSize %v without session policies", out.SessionTokenUtilization, out.SessionTokenSize)
	}
	bare := sessionClients(e, out.Credentials)
	who, err := bare.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	expectCode(t, "federated GetCallerIdentity", err, "")
	if aws.ToString(who.Arn) != "arn:aws:sts::111122223333:federated-user/Bob" || aws.ToString(who.UserId) != "111122223333:Bob" || aws.ToString(who.Account) != "111122223333" {
		t.Fatalf("federated identity %s %s %s", aws.ToString(who.Arn), aws.ToString(who.UserId), aws.ToString(who.Account))
	}
	_, err = bare.s3.ListBuckets(ctx, &s3.ListBucketsInput{})
	expectCode(t, "ListBuckets without a session policy", err, "AccessDenied")

	// A session policy that allows more than the user: only the intersection remains.
	out, err = federate(&sts.GetFederationTokenInput{Name: aws.String("Bob"),
		Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","iam:*","sts:*"],"Resource":"*"}]}`)})
	expectCode(t, "GetFederationToken with a policy", err, "")
	if u := aws.ToInt32(out.SessionTokenUtilization); u < 1 || u > 100 {
		t.Fatalf("SessionTokenUtilization %d with a session policy", u)
	}
	fed := sessionClients(e, out.Credentials)
	_, err = fed.s3.ListBuckets(ctx, &s3.ListBucketsInput{})
	expectCode(t, "ListBuckets allowed by both", err, "")
	_, err = fed.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bob-bucket")})
	expectCode(t, "CreateBucket allowed by the session policy only", err, "AccessDenied")
	_, err = fed.iam.ListUsers(ctx, &iam.ListUsersInput{})
	expectCode(t, "federated ListUsers (no IAM for federated users)", err, "InvalidClientTokenId")
	_, err = fed.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{})
	expectError(t, "federated GetSessionToken", err, "AccessDenied", "Cannot call GetSessionToken with session credentials")
	_, err = fed.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::111122223333:role/any"), RoleSessionName: aws.String("bob")})
	expectError(t, "federated AssumeRole", err, "AccessDenied", "Cannot call AssumeRole with session credentials")

	// A managed session policy (PolicyArns), and an explicit deny in an inline one.
	cp, err := e.admin.iam.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("bob-s3"), PolicyDocument: aws.String(listBucketsPolicy)})
	expectCode(t, "CreatePolicy", err, "")
	out, err = federate(&sts.GetFederationTokenInput{Name: aws.String("Bob"), PolicyArns: []ststypes.PolicyDescriptorType{{Arn: cp.Policy.Arn}}})
	expectCode(t, "GetFederationToken with PolicyArns", err, "")
	_, err = sessionClients(e, out.Credentials).s3.ListBuckets(ctx, &s3.ListBucketsInput{})
	expectCode(t, "ListBuckets allowed by a managed session policy", err, "")
	out, err = federate(&sts.GetFederationTokenInput{Name: aws.String("Bob"), PolicyArns: []ststypes.PolicyDescriptorType{{Arn: cp.Policy.Arn}},
		Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`)})
	expectCode(t, "GetFederationToken with a deny", err, "")
	_, err = sessionClients(e, out.Credentials).s3.ListBuckets(ctx, &s3.ListBucketsInput{})
	expectCode(t, "ListBuckets denied by a session policy", err, "AccessDenied")
}

func policyARNs(n int) []ststypes.PolicyDescriptorType {
	out := make([]ststypes.PolicyDescriptorType, n)
	for i := range out {
		out[i].Arn = aws.String("arn:aws:iam::111122223333:policy/p" + string(rune('a'+i)))
	}
	return out
}

// TestDecodeAuthorizationMessage_APIReference: none of the IAM, STS and S3 actions the
// emulator serves returns an encoded authorization message (AWS gives them for EC2 and a
// few others), so every message, the seed page's EC2 example included, is
// InvalidAuthorizationMessageException once the caller holds
// sts:DecodeAuthorizationMessage; without it, AccessDenied.
func TestDecodeAuthorizationMessage_APIReference(t *testing.T) {
	e := start(t, emulator.Options{})
	tr := e.newTrainee(t, "decoder")
	decode := func(c clients, msg string) error {
		_, err := c.sts.DecodeAuthorizationMessage(ctx, &sts.DecodeAuthorizationMessageInput{EncodedMessage: aws.String(msg)})
		return err
	}
	expectError(t, "without permission", decode(tr.clients, "EXAMPLEWodyRNrtlQARDip-eTA6i6DrlUhHhPQrLWB_lAbl5pAKxl9mPDLexYcGBreyIKQC1BGBIpBKr3dFDkwqeO7e2NMk5j_hmzAiChJN"),
		"AccessDenied", "User: "+tr.arn+" is not authorized to perform: sts:DecodeAuthorizationMessage on resource: * because no identity-based policy allows the sts:DecodeAuthorizationMessage action")
	e.putUserPolicy(t, tr.name, "decode", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:DecodeAuthorizationMessage","Resource":"*"}]}`)
	for _, tc := range []struct{ name, msg, code string }{
		{"the seed page's EC2 message", "EXAMPLEWodyRNrtlQARDip-eTA6i6DrlUhHhPQrLWB_lAbl5pAKxl9mPDLexYcGBreyIKQC1BGBIpBKr3dFDkwqeO7e2NMk5j_hmzAiChJN", "InvalidAuthorizationMessageException"},
		{"one character", "x", "InvalidAuthorizationMessageException"},
		{"over 10240 characters", strings.Repeat("x", 10241), "ValidationError"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			expectCode(t, "DecodeAuthorizationMessage", decode(tr.clients, tc.msg), tc.code)
		})
	}
}
