package emulator_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/aws/mfa"
)

// clock is the emulator's clock in tests: frozen at the test's start, moved by hand.
// It stays within minutes of the real time, because the SDK signs with the real time.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock {
	// Start in the middle of a TOTP step so that ±1-step arithmetic is unambiguous.
	now := time.Now().Truncate(30 * time.Second).Add(15 * time.Second)
	return &clock{t: now}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// code is the TOTP code of seed, steps steps away from the clock's current step.
func (c *clock) code(t *testing.T, seed string, steps int) string {
	t.Helper()
	code, err := mfa.CodeAt(seed, mfa.Step(c.Now())+int64(steps))
	if err != nil {
		t.Fatalf("generate TOTP code: %v", err)
	}
	return code
}

// env is a running emulator and the admin's clients.
type env struct {
	srv   *emulator.Server
	clock *clock
	admin clients
}

type clients struct {
	iam *iam.Client
	sts *sts.Client
	s3  *s3.Client
}

func start(t testing.TB, opts emulator.Options) *env {
	t.Helper()
	c := newClock()
	if opts.Now == nil {
		opts.Now = c.Now
	}
	srv, err := emulator.Start("127.0.0.1:0", opts)
	if err != nil {
		t.Fatalf("start emulator: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("close emulator: %v", err)
		}
	})
	key, secret := opts.AccessKeyID, opts.SecretAccessKey
	if key == "" {
		key, secret = "test", "test"
	}
	return &env{srv: srv, clock: c, admin: newClients(srv.URL, key, secret, "")}
}

// newClients builds real SDK clients for the endpoint, with retries off so that every
// refusal reaches the test as it was answered.
func newClients(endpoint, key, secret, token string) clients {
	cfg := aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(key, secret, token),
		BaseEndpoint: aws.String(endpoint),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
	}
	return clients{
		iam: iam.NewFromConfig(cfg),
		sts: sts.NewFromConfig(cfg),
		s3:  s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }),
	}
}

func (e *env) clientsFor(key, secret, token string) clients {
	return newClients(e.srv.URL, key, secret, token)
}

// errorCode is the AWS error code of err, "" for success and "<not an API error>" otherwise.
func errorCode(err error) string {
	if err == nil {
		return ""
	}
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode()
	}
	return "<not an API error: " + err.Error() + ">"
}

func errorMessage(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorMessage()
	}
	return ""
}

// expectCode fails the test unless err carries the AWS error code want ("" = success).
func expectCode(t *testing.T, what string, err error, want string) {
	t.Helper()
	if got := errorCode(err); got != want {
		t.Fatalf("%s: error code %q (%v), want %q", what, got, err, want)
	}
}

// expectError checks both the code and the exact message.
func expectError(t *testing.T, what string, err error, code, message string) {
	t.Helper()
	expectCode(t, what, err, code)
	if got := errorMessage(err); got != message {
		t.Fatalf("%s: message %q, want %q", what, got, message)
	}
}

var ctx = context.Background()
