package scenario

import (
	"context"
	"errors"
	"fmt"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/mfa-demo/mfa-demo/aws"
)

// sessionSeconds is the shortest session STS grants: the demo needs minutes, not the default 12 h.
const sessionSeconds = 900

// policyBackoff waits out a fresh policy's propagation on the with-MFA path only.
var policyBackoff = backoff{first: 250 * time.Millisecond, factor: 1.6, max: time.Second, budget: 30 * time.Second}

// accessDenied is the one answer the with-MFA listing retries.
var accessDenied = map[string]bool{"AccessDenied": true}

// WithoutMFA is step 8: a session without MFA, then ListBuckets with it. AccessDenied is the
// lesson (aws:MultiFactorAuthPresent is false); a success means the backend does not enforce
// the condition and is reported as such. It never retries: that AccessDenied is the point.
// In the assume-role scenario it is AssumeRole without a code instead (see assumeWithoutMFA).
func (d *Demo) WithoutMFA(ctx context.Context) (WithoutMFAResult, error) {
	if d.kind() == AssumeRole {
		return d.assumeWithoutMFA(ctx)
	}
	var res WithoutMFAResult
	d.mu.Lock()
	keyID, secret := d.keyID, d.secret
	d.mu.Unlock()
	if err := need(keyID != "", StepWithoutMFA, "CreateAccessKey"); err != nil {
		return res, err
	}
	out, err := d.env.Clients.User(keyID, secret).STS.GetSessionToken(ctx, &sts.GetSessionTokenInput{
		DurationSeconds: awssdk.Int32(sessionSeconds),
	})
	if err != nil {
		return res, fmt.Errorf("get a session token without MFA as %s: %w", d.UserName(), err)
	}
	buckets, err := d.listBuckets(ctx, out.Credentials)
	switch {
	case errorCode(err) == "AccessDenied":
		res.Outcome, res.ErrorCode, res.Message = OutcomeDenied, errorCode(err), errorMessage(err)
		// The refusal alone cannot tell the condition from a policy still propagating.
		res.Condition, res.Why = d.checkCondition(ctx)
		return res, nil
	case err != nil:
		return res, fmt.Errorf("list buckets without MFA: expected AccessDenied: %w", err)
	}
	res.Outcome, res.Buckets = OutcomeNotEnforced, buckets
	return res, nil
}

// WithMFA is step 9: a session proven by one MFA code, then ListBuckets and
// GetCallerIdentity with it. A refused code is a *CodeError: ask again. AccessDenied from
// S3 is retried for a bounded time while the new policy propagates, and counted. In the
// assume-role scenario it assumes the role with the code instead (see assumeWithMFA).
func (d *Demo) WithMFA(ctx context.Context, code string) (WithMFAResult, error) {
	if d.kind() == AssumeRole {
		return d.assumeWithMFA(ctx, code)
	}
	var res WithMFAResult
	d.mu.Lock()
	keyID, secret, serial, enabled := d.keyID, d.secret, d.serial, d.enabled
	d.mu.Unlock()
	if err := need(keyID != "", StepWithMFA, "CreateAccessKey"); err != nil {
		return res, err
	}
	if err := need(enabled, StepWithMFA, "EnableDevice"); err != nil {
		return res, err
	}
	if err := d.CheckCode(code); err != nil {
		return res, err
	}
	out, err := d.env.Clients.User(keyID, secret).STS.GetSessionToken(ctx, &sts.GetSessionTokenInput{
		DurationSeconds: awssdk.Int32(sessionSeconds),
		SerialNumber:    awssdk.String(serial),
		TokenCode:       awssdk.String(code),
	})
	if errorCode(err) == "AccessDenied" {
		return res, &CodeError{Field: 1, Problem: CodeRejected, Err: err}
	}
	if err != nil {
		return res, fmt.Errorf("get a session token with MFA device %s: %w", serial, err)
	}
	d.markUsed(code)
	var buckets []Bucket
	attempts, elapsed, err := d.retry(ctx, StepWithMFA, policyBackoff, accessDenied, func() error {
		var err error
		buckets, err = d.listBuckets(ctx, out.Credentials)
		return err
	})
	res.Retries = attempts - 1
	if res.Retries > 0 {
		res.RetryElapsed = elapsed
	}
	if err != nil {
		return res, fmt.Errorf("list buckets with MFA (%d attempts in %s): %w", attempts, elapsed.Round(time.Millisecond), err)
	}
	res.Buckets = buckets
	id, err := d.sessionClients(out.Credentials).STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return res, fmt.Errorf("who am I in the MFA session: %w", err)
	}
	res.Identity = identityOf(id)
	return res, nil
}

// listBuckets lists the account's buckets with session credentials.
func (d *Demo) listBuckets(ctx context.Context, c *ststypes.Credentials) ([]Bucket, error) {
	if c == nil {
		return nil, errors.New("STS returned no credentials")
	}
	out, err := d.sessionClients(c).S3.ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		return nil, err
	}
	buckets := make([]Bucket, 0, len(out.Buckets))
	for _, b := range out.Buckets {
		buckets = append(buckets, Bucket{Name: awssdk.ToString(b.Name), Created: awssdk.ToTime(b.CreationDate)})
	}
	return buckets, nil
}

// sessionClients are the clients of temporary credentials from STS.
func (d *Demo) sessionClients(c *ststypes.Credentials) aws.Clients {
	return d.env.Clients.Session(awssdk.ToString(c.AccessKeyId), awssdk.ToString(c.SecretAccessKey), awssdk.ToString(c.SessionToken))
}

// identityOf converts GetCallerIdentity's answer.
func identityOf(out *sts.GetCallerIdentityOutput) Identity {
	return Identity{Account: awssdk.ToString(out.Account), Arn: awssdk.ToString(out.Arn), UserID: awssdk.ToString(out.UserId)}
}
