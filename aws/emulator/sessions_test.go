package emulator_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// trustAccount trusts every principal of the emulator's account, without conditions.
const trustAccount = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"sts:AssumeRole"}]}`

// sessionRole creates a role trusting the account, whose sessions may assume roles and
// list buckets when their MFA context allows (condition), and returns its ARN.
func (e *env) sessionRole(t *testing.T, name string, maxSession int32, condition string) string {
	t.Helper()
	in := &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trustAccount)}
	if maxSession != 0 {
		in.MaxSessionDuration = aws.Int32(maxSession)
	}
	out, err := e.admin.iam.CreateRole(ctx, in)
	expectCode(t, "CreateRole "+name, err, "")
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"},` +
		`{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*","Condition":` + condition + `}]}`
	_, err = e.admin.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String("p"), PolicyDocument: aws.String(doc)})
	expectCode(t, "PutRolePolicy "+name, err, "")
	return aws.ToString(out.Role.Arn)
}

// allowAssumeRole lets a trainee call sts:AssumeRole on any role.
func (e *env) allowAssumeRole(t *testing.T, tr trainee) {
	t.Helper()
	_, err := e.admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(tr.name), PolicyName: aws.String("assume"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`)})
	expectCode(t, "PutUserPolicy assume", err, "")
}

// TestRoleSessionMFAContext_GlobalConditionKeysMultiFactorAuthPresent: a role session's
// later calls carry aws:MultiFactorAuthPresent true when AssumeRole was called with a
// valid SerialNumber/TokenCode, or from an MFA session (GetSessionToken with MFA, or a
// role session that had it), and false otherwise (AWS global condition context keys,
// aws:MultiFactorAuthPresent; IAM User Guide, "Configuring MFA-protected API access").
func TestRoleSessionMFAContext_GlobalConditionKeysMultiFactorAuthPresent(t *testing.T) {
	e := start(t, emulator.Options{})
	tr := e.newTrainee(t, "role-mfa")
	e.allowAssumeRole(t, tr)
	roleARN := e.sessionRole(t, "mfa-context", 0, `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`)
	s := e.sessionsOf(t, tr)
	e.clock.Advance(30 * time.Second) // sessionsOf spent the current step

	assume := func(t *testing.T, c clients, withCode bool) clients {
		t.Helper()
		in := &sts.AssumeRoleInput{RoleArn: aws.String(roleARN), RoleSessionName: aws.String("context")}
		if withCode {
			e.clock.Advance(30 * time.Second)
			in.SerialNumber, in.TokenCode = aws.String(tr.serial), aws.String(e.clock.code(t, tr.seed, 0))
		}
		out, err := c.sts.AssumeRole(ctx, in)
		expectCode(t, "AssumeRole", err, "")
		return sessionClients(e, out.Credentials)
	}
	cases := []struct {
		name     string
		from     func(t *testing.T) clients
		withCode bool
		want     string // error code of the role session's ListBuckets
	}{
		{"long-term key, no code", func(*testing.T) clients { return s.longTerm }, false, "AccessDenied"},
		{"long-term key with a code", func(*testing.T) clients { return s.longTerm }, true, ""},
		{"session without MFA", func(*testing.T) clients { return s.noMFA }, false, "AccessDenied"},
		{"MFA session from GetSessionToken", func(*testing.T) clients { return s.mfa }, false, ""},
		{"role chained from an MFA role session", func(t *testing.T) clients { return assume(t, s.longTerm, true) }, false, ""},
		{"role chained from a role session without MFA", func(t *testing.T) clients { return assume(t, s.longTerm, false) }, false, "AccessDenied"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			session := assume(t, tc.from(t), tc.withCode)
			expectCode(t, "role session ListBuckets", listBuckets(session), tc.want)
		})
	}
}

// TestRoleSessionMFAAge_CountsFromTheCode: aws:MultiFactorAuthAge of a role assumed
// from an MFA session counts from when that session's code was checked, not from the
// AssumeRole (AWS global condition context keys, aws:MultiFactorAuthAge: "the number of
// seconds since the requesting principal was authorized using MFA").
func TestRoleSessionMFAAge_CountsFromTheCode(t *testing.T) {
	e := start(t, emulator.Options{})
	tr := e.newTrainee(t, "role-age")
	e.allowAssumeRole(t, tr)
	roleARN := e.sessionRole(t, "mfa-age", 0, `{"NumericLessThan":{"aws:MultiFactorAuthAge":"300"}}`)
	s := e.sessionsOf(t, tr)
	assume := func() clients {
		out, err := s.mfa.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(roleARN), RoleSessionName: aws.String("age")})
		expectCode(t, "AssumeRole from the MFA session", err, "")
		return sessionClients(e, out.Credentials)
	}
	expectCode(t, "ListBuckets right after the code", listBuckets(assume()), "")
	e.clock.Advance(6 * time.Minute)
	expectCode(t, "ListBuckets six minutes after the code", listBuckets(assume()), "AccessDenied")
}

// TestAssumeRoleDuration_MaxSessionDurationAndRoleChaining: DurationSeconds is refused
// beyond the role's MaxSessionDuration (CreateRole: 3600 by default, 3600..43200) and,
// for role chaining, beyond one hour (IAM User Guide, role chaining), with STS's
// ValidationError texts; beyond the model's 43200 it fails the constraint instead.
func TestAssumeRoleDuration_MaxSessionDurationAndRoleChaining(t *testing.T) {
	e := start(t, emulator.Options{})
	tr := e.newTrainee(t, "durations")
	e.allowAssumeRole(t, tr)
	twoHours := e.sessionRole(t, "two-hours", 7200, `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`)
	oneHour := e.sessionRole(t, "default-hour", 0, `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`)
	first, err := tr.clients.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(twoHours), RoleSessionName: aws.String("first")})
	expectCode(t, "AssumeRole", err, "")
	roleSession := sessionClients(e, first.Credentials)
	if got, want := aws.ToTime(first.Credentials.Expiration), e.clock.Now().Add(time.Hour); !got.Equal(want.Truncate(time.Second)) {
		t.Fatalf("default duration: expires %v, want %v", got, want)
	}

	const (
		maxSession = "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
		chaining   = "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
	)
	cases := []struct {
		name     string
		caller   clients
		role     string
		seconds  int32 // 0: not sent
		code     string
		message  string
		lifetime time.Duration
	}{
		{"user, the role's maximum", tr.clients, twoHours, 7200, "", "", 2 * time.Hour},
		{"user, beyond the role's maximum", tr.clients, twoHours, 7201, "ValidationError", maxSession, 0},
		{"user, beyond the default maximum of 3600", tr.clients, oneHour, 3601, "ValidationError", maxSession, 0},
		{"user, beyond the model's 43200", tr.clients, twoHours, 43201, "ValidationError",
			"1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200", 0},
		{"role chaining, one hour", roleSession, twoHours, 3600, "", "", time.Hour},
		{"role chaining, default", roleSession, twoHours, 0, "", "", time.Hour},
		{"role chaining, beyond one hour", roleSession, twoHours, 3601, "ValidationError", chaining, 0},
		{"role chaining, beyond one hour and the role's maximum", roleSession, oneHour, 7200, "ValidationError", chaining, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := &sts.AssumeRoleInput{RoleArn: aws.String(tc.role), RoleSessionName: aws.String("timed")}
			if tc.seconds != 0 {
				in.DurationSeconds = aws.Int32(tc.seconds)
			}
			out, err := tc.caller.sts.AssumeRole(ctx, in)
			if tc.code != "" {
				expectError(t, "AssumeRole", err, tc.code, tc.message)
				return
			}
			expectCode(t, "AssumeRole", err, "")
			if got, want := aws.ToTime(out.Credentials.Expiration), e.clock.Now().Add(tc.lifetime).Truncate(time.Second); !got.Equal(want) {
				t.Fatalf("expires %v, want %v", got, want)
			}
		})
	}

	_, err = e.admin.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("too-short"), AssumeRolePolicyDocument: aws.String(trustAccount), MaxSessionDuration: aws.Int32(3599)})
	expectCode(t, "CreateRole with MaxSessionDuration 3599", err, "ValidationError")
}
