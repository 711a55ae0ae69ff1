package emulator_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// call makes one request to the named service with the given clients.
func call(c clients, service string) error {
	var err error
	switch service {
	case "iam":
		_, err = c.iam.ListUsers(ctx, &iam.ListUsersInput{})
	case "sts":
		_, err = c.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	case "s3":
		_, err = c.s3.ListBuckets(ctx, &s3.ListBucketsInput{})
	}
	return err
}

// TestSigV4 checks that every request's signature is verified, and each way it can fail.
func TestSigV4(t *testing.T) {
	e := start(t, emulator.Options{AccessKeyID: "AKIAOPERATOR", SecretAccessKey: "operator-secret"})

	e.clock.Advance(-10 * time.Minute)
	short, err := e.admin.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{DurationSeconds: aws.Int32(900)})
	e.clock.Advance(10 * time.Minute)
	expectCode(t, "GetSessionToken", err, "")
	long, err := e.admin.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{})
	expectCode(t, "GetSessionToken", err, "")
	sessKey, sessSecret, sessToken := aws.ToString(long.Credentials.AccessKeyId), aws.ToString(long.Credentials.SecretAccessKey), aws.ToString(long.Credentials.SessionToken)

	cases := []struct {
		name               string
		key, secret, token string
		clockShift         time.Duration
		want               map[string]string // service → error code
		wantMessagePrefix  string            // for the IAM/STS answer, when set
	}{
		{name: "admin key", key: "AKIAOPERATOR", secret: "operator-secret",
			want: map[string]string{"iam": "", "sts": "", "s3": ""}},
		// A session without MFA may not call IAM at all; S3 and GetCallerIdentity work.
		{name: "session with its token", key: sessKey, secret: sessSecret, token: sessToken,
			want: map[string]string{"iam": "InvalidClientTokenId", "sts": "", "s3": ""}},
		{name: "unknown key", key: "AKIANOTAKEY", secret: "operator-secret",
			want: map[string]string{"iam": "InvalidClientTokenId", "sts": "InvalidClientTokenId", "s3": "InvalidAccessKeyId"}},
		{name: "wrong secret", key: "AKIAOPERATOR", secret: "not-the-secret",
			want: map[string]string{"iam": "SignatureDoesNotMatch", "sts": "SignatureDoesNotMatch", "s3": "SignatureDoesNotMatch"}},
		{name: "session without its token", key: sessKey, secret: sessSecret,
			want: map[string]string{"iam": "InvalidClientTokenId", "sts": "InvalidClientTokenId", "s3": "InvalidToken"}},
		{name: "session with a wrong token", key: sessKey, secret: sessSecret, token: sessToken + "x",
			want: map[string]string{"iam": "InvalidClientTokenId", "sts": "InvalidClientTokenId", "s3": "InvalidToken"}},
		{name: "long-term key with a token", key: "AKIAOPERATOR", secret: "operator-secret", token: sessToken,
			want: map[string]string{"iam": "InvalidClientTokenId", "sts": "InvalidClientTokenId", "s3": "InvalidToken"}},
		{name: "expired session", key: aws.ToString(short.Credentials.AccessKeyId), secret: aws.ToString(short.Credentials.SecretAccessKey), token: aws.ToString(short.Credentials.SessionToken),
			clockShift: 6 * time.Minute,
			want:       map[string]string{"iam": "ExpiredToken", "sts": "ExpiredToken", "s3": "ExpiredToken"}},
		{name: "client clock 16 minutes slow", key: "AKIAOPERATOR", secret: "operator-secret", clockShift: 16 * time.Minute,
			want:              map[string]string{"iam": "SignatureDoesNotMatch", "sts": "SignatureDoesNotMatch", "s3": "RequestTimeTooSkewed"},
			wantMessagePrefix: "Signature expired: "},
		{name: "client clock 16 minutes fast", key: "AKIAOPERATOR", secret: "operator-secret", clockShift: -16 * time.Minute,
			want:              map[string]string{"iam": "SignatureDoesNotMatch", "sts": "SignatureDoesNotMatch", "s3": "RequestTimeTooSkewed"},
			wantMessagePrefix: "Signature not yet current: "},
		{name: "client clock 14 minutes slow", key: "AKIAOPERATOR", secret: "operator-secret", clockShift: 14 * time.Minute,
			want: map[string]string{"iam": "", "sts": "", "s3": ""}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e.clock.Advance(tc.clockShift)
			defer e.clock.Advance(-tc.clockShift)
			c := e.clientsFor(tc.key, tc.secret, tc.token)
			for _, service := range []string{"iam", "sts", "s3"} {
				err := call(c, service)
				expectCode(t, service, err, tc.want[service])
				if tc.wantMessagePrefix != "" && service != "s3" && !strings.HasPrefix(errorMessage(err), tc.wantMessagePrefix) {
					t.Errorf("%s: message %q, want prefix %q", service, errorMessage(err), tc.wantMessagePrefix)
				}
			}
		})
	}
}
