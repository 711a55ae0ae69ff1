// Package aws builds the SDK clients the demo talks to AWS with: the operator's (from the
// default credential chain or the embedded emulator), the demo user's (from its new access
// key) and a session's (from temporary credentials). Every client records each call it makes
// into the call log carried by the request's context, so a front end can show what happened.
package aws

import (
	"context"
	"fmt"
	"sync"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/middleware"
)

// DefaultRegion is the region used when neither the options nor the environment name one.
const DefaultRegion = "us-east-1"

// iamRegion is where IAM signs its requests: IAM is a global service homed in us-east-1.
const iamRegion = "us-east-1"

// The callers a Clients value acts for, as the call log names them.
const (
	CallerOperator = "operator"
	CallerUser     = "demo user"
	CallerSession  = "session"
)

// Options configures a Factory.
type Options struct {
	// Endpoint is the base URL of an AWS-compatible endpoint (the emulator, moto, LocalStack).
	// Empty means real AWS, or whatever AWS_ENDPOINT_URL says.
	Endpoint string
	// Region overrides the region from the environment; DefaultRegion when both are empty.
	Region string
	// Credentials are the operator's; nil means the default credential chain (environment,
	// shared config and credentials files, SSO, container and instance roles). With explicit
	// credentials nothing is read from the environment or the shared files: a target such as
	// the embedded emulator must not pick up a profile or AWS_ENDPOINT_URL meant for AWS.
	Credentials awssdk.CredentialsProvider
	// APIOptions are added to every client's middleware stack after the call recorder, so a
	// test can fail a chosen call and still see it in the log.
	APIOptions []func(*middleware.Stack) error
	// Limits bound every call in time; the zero value is the limits suited to AWS.
	Limits Limits
}

// Clients are the three service clients of one caller.
type Clients struct {
	IAM *iam.Client
	STS *sts.Client
	S3  *s3.Client
}

// Factory hands out clients for the operator, the demo user and sessions, all sharing one
// configuration and one HTTP client.
type Factory struct {
	cfg      awssdk.Config
	endpoint string
	opts     Options

	// The operator's clients are built once: each SDK client learns the clock skew from
	// AWS's answers for itself, so new clients for every call would each be refused once.
	operatorOnce sync.Once
	operator     Clients
}

// New loads the configuration (the default credential chain unless opts.Credentials is set)
// and returns a factory. It makes no network call.
func New(ctx context.Context, opts Options) (*Factory, error) {
	opts.Limits = opts.Limits.orDefaults()
	if opts.Credentials != nil {
		cfg := awssdk.NewConfig()
		cfg.Region = opts.Region
		if cfg.Region == "" {
			cfg.Region = DefaultRegion
		}
		cfg.Credentials = awssdk.NewCredentialsCache(opts.Credentials)
		// One HTTP client for every caller's clients, so connections are reused.
		cfg.HTTPClient = opts.Limits.httpClient()
		cfg.Retryer = opts.Limits.newRetryer
		if opts.Endpoint != "" {
			cfg.BaseEndpoint = awssdk.String(opts.Endpoint)
		}
		return &Factory{cfg: *cfg, endpoint: opts.Endpoint, opts: opts}, nil
	}
	load := []func(*config.LoadOptions) error{config.WithHTTPClient(opts.Limits.httpClient()), config.WithRetryer(opts.Limits.newRetryer)}
	if opts.Region != "" {
		load = append(load, config.WithRegion(opts.Region))
	}
	if opts.Endpoint != "" {
		load = append(load, config.WithBaseEndpoint(opts.Endpoint))
	}
	cfg, err := config.LoadDefaultConfig(ctx, load...)
	if err != nil {
		return nil, fmt.Errorf("load AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = DefaultRegion
	}
	f := &Factory{cfg: cfg, opts: opts}
	if cfg.BaseEndpoint != nil {
		f.endpoint = *cfg.BaseEndpoint
	}
	return f, nil
}

// Endpoint is the base URL the clients talk to; empty for real AWS.
func (f *Factory) Endpoint() string { return f.endpoint }

// Region is the region of the S3 and STS clients.
func (f *Factory) Region() string { return f.cfg.Region }

// Operator returns clients with the operator's credentials: the ones that create and delete
// the demo's resources.
func (f *Factory) Operator() Clients {
	f.operatorOnce.Do(func() { f.operator = f.clients(CallerOperator, "", f.cfg.Credentials) })
	return f.operator
}

// User returns clients that sign with the demo user's long-term access key.
func (f *Factory) User(keyID, secret string) Clients {
	return f.clients(CallerUser, keyID, credentials.NewStaticCredentialsProvider(keyID, secret, ""))
}

// Session returns clients that sign with temporary credentials from STS.
func (f *Factory) Session(keyID, secret, token string) Clients {
	return f.clients(CallerSession, keyID, credentials.NewStaticCredentialsProvider(keyID, secret, token))
}

func (f *Factory) clients(caller, keyID string, creds awssdk.CredentialsProvider) Clients {
	cfg := f.cfg.Copy()
	cfg.Credentials = creds
	apiOptions := func(service string) []func(*middleware.Stack) error {
		opts := []func(*middleware.Stack) error{f.recorder(service, caller, keyID), f.opts.Limits.attemptWatcher}
		if caller == CallerOperator {
			opts = append(opts, permissionNamer(service))
		}
		return append(opts, f.opts.APIOptions...)
	}
	return Clients{
		IAM: iam.NewFromConfig(cfg, func(o *iam.Options) {
			if f.endpoint != "" {
				// A custom endpoint has no partition metadata to say where IAM lives.
				o.Region = iamRegion
			}
			o.APIOptions = append(o.APIOptions, apiOptions("iam")...)
		}),
		STS: sts.NewFromConfig(cfg, func(o *sts.Options) {
			o.APIOptions = append(o.APIOptions, apiOptions("sts")...)
		}),
		S3: s3.NewFromConfig(cfg, func(o *s3.Options) {
			// Emulators answer on one host name; virtual-hosted buckets need DNS they lack.
			o.UsePathStyle = f.endpoint != ""
			o.APIOptions = append(o.APIOptions, apiOptions("s3")...)
		}),
	}
}
