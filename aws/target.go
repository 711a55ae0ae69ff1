package aws

import (
	"context"
	"fmt"
	"net/url"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/ec2rolecreds"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// Target is where a run's calls go: the embedded emulator when neither Endpoint nor Live is
// set, any AWS-compatible endpoint, or real AWS.
type Target struct {
	Endpoint string
	Live     bool
	// PropagationDelay and ClockOffset are the embedded emulator's realism options.
	PropagationDelay, ClockOffset time.Duration
}

// Connection is a target ready for calls.
type Connection struct {
	Factory *Factory
	// Stop ends the embedded emulator; it does nothing for the other targets.
	Stop func()
	// MoveClock is the embedded emulator's clock hook; nil for the other targets.
	MoveClock func(time.Duration)
}

// CredentialsError is an endpoint or live target whose operator credentials could not be
// had: a front end says it in one sentence, before anything is called.
type CredentialsError struct {
	// Configured is false when nothing is configured at all (the default chain fell through
	// to the instance role), true when a configured source failed (an expired SSO session,
	// a failing credential_process, a role that cannot be assumed).
	Configured bool
	Err        error
}

func (e *CredentialsError) Error() string {
	return fmt.Sprintf("operator credentials (configured %v): %v", e.Configured, e.Err)
}

func (e *CredentialsError) Unwrap() error { return e.Err }

// LiveEndpointError is a live target whose configuration points at another endpoint
// (AWS_ENDPOINT_URL, or the profile's endpoint_url): --live means real AWS.
type LiveEndpointError struct{ Endpoint string }

func (e *LiveEndpointError) Error() string {
	return "live AWS, but the configuration points at " + e.Endpoint
}

// Connect builds the client factory for a target, starting the embedded emulator when that
// is the target, and gets the operator's credentials of the other targets once, so that a
// missing or broken setup is a CredentialsError before the first call instead of the SDK's
// chain of errors at it; the clients share the cache it fills.
func Connect(ctx context.Context, t Target) (Connection, error) {
	c := Connection{Stop: func() {}}
	var err error
	switch {
	case t.Endpoint == "" && !t.Live:
		srv, err := emulator.Start("127.0.0.1:0", emulator.Options{PropagationDelay: t.PropagationDelay, ClockOffset: t.ClockOffset})
		if err != nil {
			return c, fmt.Errorf("start the embedded emulator: %w", err)
		}
		c.Factory, err = New(ctx, Options{
			Endpoint:    srv.URL,
			Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
			Region:      DefaultRegion,
		})
		if err != nil {
			srv.Close()
			return c, err
		}
		c.Stop = func() { srv.Close() }
		c.MoveClock = srv.Emulator.MoveClock
		return c, nil
	case t.Endpoint != "":
		if c.Factory, err = New(ctx, Options{Endpoint: t.Endpoint}); err != nil {
			return c, err
		}
	default:
		if c.Factory, err = New(ctx, Options{}); err != nil {
			return c, err
		}
		if c.Factory.Endpoint() != "" {
			return c, &LiveEndpointError{Endpoint: c.Factory.Endpoint()}
		}
	}
	creds := c.Factory.Operator().STS.Options().Credentials
	if _, err := creds.Retrieve(ctx); err != nil {
		// The default chain resolves to the instance role only when nothing else is
		// configured (no keys in the environment, no profile, no container endpoint); off
		// EC2, or on an instance without a role, that means there are no credentials.
		return c, &CredentialsError{Configured: !awssdk.IsCredentialsProvider(creds, (*ec2rolecreds.Provider)(nil)), Err: err}
	}
	return c, nil
}

// ValidEndpoint reports whether s is an endpoint URL the SDK can call: http or https, a
// host, nothing after the path. Anything else would fail only at the first call, in the
// SDK's words.
func ValidEndpoint(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Hostname() != "" &&
		u.RawQuery == "" && u.Fragment == "" && u.User == nil
}
