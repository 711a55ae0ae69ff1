package emulator_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/aws/mfa"
)

// simulateListBuckets asks IAM's simulator whether the user may list buckets with
// aws:MultiFactorAuthPresent set to mfa.
func (e *env) simulateListBuckets(t *testing.T, userARN, mfa string) iamtypes.PolicyEvaluationDecisionType {
	t.Helper()
	out, err := e.admin.iam.SimulatePrincipalPolicy(ctx, &iam.SimulatePrincipalPolicyInput{
		PolicySourceArn: aws.String(userARN),
		ActionNames:     []string{"s3:ListAllMyBuckets"},
		ResourceArns:    []string{"arn:aws:s3:::*"},
		ContextEntries: []iamtypes.ContextEntry{{ContextKeyName: aws.String("aws:MultiFactorAuthPresent"),
			ContextKeyType: iamtypes.ContextKeyTypeEnumBoolean, ContextKeyValues: []string{mfa}}},
	})
	expectCode(t, "SimulatePrincipalPolicy", err, "")
	return out.EvaluationResults[0].EvalDecision
}

// TestPropagationDelay: a new key is unknown, and a policy change is not yet in force,
// for the delay after it; IAM's own reads and its simulator see the change at once.
func TestPropagationDelay(t *testing.T) {
	const delay = 8 * time.Second
	e := start(t, emulator.Options{PropagationDelay: delay})

	// The trainee's setup runs a minute in the past: its key has long propagated by now.
	e.clock.Advance(-time.Minute)
	tr := e.newTrainee(t, "slow")
	e.clock.Advance(time.Minute)

	t.Run("new access key", func(t *testing.T) {
		key, err := e.admin.iam.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(tr.name)})
		expectCode(t, "CreateAccessKey", err, "")
		c := e.clientsFor(aws.ToString(key.AccessKey.AccessKeyId), aws.ToString(key.AccessKey.SecretAccessKey), "")
		listed, err := e.admin.iam.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: aws.String(tr.name)})
		expectCode(t, "ListAccessKeys", err, "")
		if len(listed.AccessKeyMetadata) != 2 {
			t.Errorf("IAM lists %d keys right after the create, want 2", len(listed.AccessKeyMetadata))
		}
		for _, at := range []struct {
			elapsed      time.Duration
			iam, sts, s3 string
		}{
			{0, "InvalidClientTokenId", "InvalidClientTokenId", "InvalidAccessKeyId"},
			{delay - time.Second, "InvalidClientTokenId", "InvalidClientTokenId", "InvalidAccessKeyId"},
			{delay, "AccessDenied", "", "AccessDenied"},
		} {
			e.clock.Advance(at.elapsed)
			_, err := c.iam.ListUsers(ctx, &iam.ListUsersInput{})
			expectCode(t, "ListUsers", err, at.iam)
			_, err = c.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			expectCode(t, "GetCallerIdentity", err, at.sts)
			expectCode(t, "ListBuckets", listBuckets(c), at.s3)
			e.clock.Advance(-at.elapsed)
		}
	})

	t.Run("inline policy put and deleted", func(t *testing.T) {
		s := e.sessionsOf(t, tr)
		_, err := e.admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(tr.name),
			PolicyName: aws.String("mfa"), PolicyDocument: aws.String(mfaPolicy)})
		expectCode(t, "PutUserPolicy", err, "")
		// The simulator evaluates the stored document at once.
		if got := e.simulateListBuckets(t, tr.arn, "true"); got != iamtypes.PolicyEvaluationDecisionTypeAllowed {
			t.Errorf("simulated with MFA right after the put: %s, want allowed", got)
		}
		expectCode(t, "ListBuckets with MFA before the delay", listBuckets(s.mfa), "AccessDenied")
		e.clock.Advance(delay)
		expectCode(t, "ListBuckets with MFA after the delay", listBuckets(s.mfa), "")
		expectCode(t, "ListBuckets without MFA after the delay", listBuckets(s.noMFA), "AccessDenied")

		_, err = e.admin.iam.DeleteUserPolicy(ctx, &iam.DeleteUserPolicyInput{UserName: aws.String(tr.name), PolicyName: aws.String("mfa")})
		expectCode(t, "DeleteUserPolicy", err, "")
		expectCode(t, "ListBuckets with MFA right after the delete", listBuckets(s.mfa), "")
		e.clock.Advance(delay)
		expectCode(t, "ListBuckets with MFA after the delete has propagated", listBuckets(s.mfa), "AccessDenied")
	})

	t.Run("managed policy attached", func(t *testing.T) {
		s := e.sessionsOf(t, tr)
		p, err := e.admin.iam.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("list"), PolicyDocument: aws.String(listBucketsPolicy)})
		expectCode(t, "CreatePolicy", err, "")
		_, err = e.admin.iam.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String(tr.name), PolicyArn: p.Policy.Arn})
		expectCode(t, "AttachUserPolicy", err, "")
		expectCode(t, "ListBuckets before the delay", listBuckets(s.longTerm), "AccessDenied")
		e.clock.Advance(delay)
		expectCode(t, "ListBuckets after the delay", listBuckets(s.longTerm), "")
		_, err = e.admin.iam.DetachUserPolicy(ctx, &iam.DetachUserPolicyInput{UserName: aws.String(tr.name), PolicyArn: p.Policy.Arn})
		expectCode(t, "DetachUserPolicy", err, "")
		expectCode(t, "ListBuckets right after the detach", listBuckets(s.longTerm), "")
		e.clock.Advance(delay)
		expectCode(t, "ListBuckets after the detach has propagated", listBuckets(s.longTerm), "AccessDenied")
	})

	t.Run("role trust policy", func(t *testing.T) {
		_, err := e.admin.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("slow-role"), AssumeRolePolicyDocument: aws.String(trustPolicy(tr.arn))})
		expectCode(t, "CreateRole", err, "")
		_, err = e.admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(tr.name), PolicyName: aws.String("assume"),
			PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`)})
		expectCode(t, "PutUserPolicy", err, "")
		// The next step's code: the sessions above spent the current ones.
		code := e.clock.code(t, tr.seed, 1)
		assume := func() error {
			_, err := tr.clients.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::000000000000:role/slow-role"),
				RoleSessionName: aws.String("slow"), SerialNumber: aws.String(tr.serial), TokenCode: aws.String(code)})
			return err
		}
		expectCode(t, "AssumeRole before the delay", assume(), "AccessDenied")
		e.clock.Advance(delay)
		// The refused call did not spend the code: it works once the trust policy does.
		expectCode(t, "AssumeRole after the delay, same code", assume(), "")
		expectCode(t, "AssumeRole with the code again", assume(), "AccessDenied")
	})
}

// TestSessionWithoutMFALimits: a GetSessionToken session without MFA may not call IAM,
// nor STS beyond AssumeRole and GetCallerIdentity; with MFA, IAM evaluates its policies.
func TestSessionWithoutMFALimits(t *testing.T) {
	e := start(t, emulator.Options{})
	tr := e.newTrainee(t, "limited")
	s := e.sessionsOf(t, tr)
	cases := []struct {
		name    string
		c       clients
		iam     string // ListUsers
		caller  string // GetCallerIdentity
		session string // GetSessionToken
	}{
		{"long-term key", s.longTerm, "AccessDenied", "", ""},
		{"session without MFA", s.noMFA, "InvalidClientTokenId", "", "AccessDenied"},
		{"session with MFA", s.mfa, "AccessDenied", "", "AccessDenied"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.c.iam.ListUsers(ctx, &iam.ListUsersInput{})
			expectCode(t, "ListUsers", err, tc.iam)
			_, err = tc.c.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			expectCode(t, "GetCallerIdentity", err, tc.caller)
			_, err = tc.c.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{})
			expectCode(t, "GetSessionToken", err, tc.session)
		})
	}
}

// TestTagsAtCreationNeedTheTagPermission: creating with tags needs iam:Tag… as well.
func TestTagsAtCreationNeedTheTagPermission(t *testing.T) {
	e := start(t, emulator.Options{})
	e.clock.Advance(-time.Minute)
	op := e.newTrainee(t, "creator")
	e.clock.Advance(time.Minute)
	_, err := e.admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(op.name), PolicyName: aws.String("create"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:CreateUser","iam:CreateVirtualMFADevice"],"Resource":"*"}]}`)})
	expectCode(t, "PutUserPolicy", err, "")
	tags := []iamtypes.Tag{{Key: aws.String("k"), Value: aws.String("v")}}
	_, err = op.clients.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("tagged"), Tags: tags})
	expectError(t, "CreateUser with tags", err, "AccessDenied",
		"User: "+op.arn+" is not authorized to perform: iam:TagUser on resource: arn:aws:iam::000000000000:user/tagged because no identity-based policy allows the iam:TagUser action")
	_, err = op.clients.iam.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("tagged"), Tags: tags})
	expectError(t, "CreateVirtualMFADevice with tags", err, "AccessDenied",
		"User: "+op.arn+" is not authorized to perform: iam:TagMFADevice on resource: arn:aws:iam::000000000000:mfa/tagged because no identity-based policy allows the iam:TagMFADevice action")
	_, err = op.clients.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("untagged")})
	expectCode(t, "CreateUser without tags", err, "")
}

// TestClockOffset: an emulator whose clock is 20 minutes ahead dates its answers so,
// refuses requests signed by the client's clock, and wants codes of its own time. The
// SDK's default retryer corrects the signing time from the Date header; TOTP has no
// such correction.
func TestClockOffset(t *testing.T) {
	const offset = 20 * time.Minute
	srv, err := emulator.Start("127.0.0.1:0", emulator.Options{ClockOffset: offset})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })

	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	date, err := http.ParseTime(resp.Header.Get("Date"))
	if err != nil {
		t.Fatalf("Date header %q: %v", resp.Header.Get("Date"), err)
	}
	if skew := time.Until(date); skew < offset-5*time.Second || skew > offset+5*time.Second {
		t.Errorf("Date header is %s from now, want about %s", skew.Round(time.Second), offset)
	}

	noRetry := newClients(srv.URL, "test", "test", "")
	_, err = noRetry.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	expectCode(t, "GetCallerIdentity signed 20 minutes slow, no retries", err, "SignatureDoesNotMatch")

	corrected := sts.NewFromConfig(aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL),
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")})
	_, err = corrected.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	expectCode(t, "GetCallerIdentity with the SDK's skew correction", err, "")

	// The admin signs with a corrected clock from here on; the codes come from the local one.
	admin := iam.NewFromConfig(aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL),
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")})
	_, err = admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("late")})
	expectCode(t, "CreateUser", err, "")
	dev, err := admin.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("late")})
	expectCode(t, "CreateVirtualMFADevice", err, "")
	seed := string(dev.VirtualMFADevice.Base32StringSeed)
	code := func(at time.Time) string {
		c, err := mfa.Code(seed, at)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	enable := func(at time.Time) error {
		_, err := admin.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String("late"), SerialNumber: dev.VirtualMFADevice.SerialNumber,
			AuthenticationCode1: aws.String(code(at.Add(-30 * time.Second))), AuthenticationCode2: aws.String(code(at))})
		return err
	}
	expectCode(t, "EnableMFADevice with codes of the local clock", enable(time.Now()), "InvalidAuthenticationCode")
	expectCode(t, "EnableMFADevice with codes of the emulator's clock", enable(time.Now().Add(offset)), "")
}
