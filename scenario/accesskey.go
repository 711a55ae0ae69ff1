package scenario

import (
	"context"
	"fmt"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// CreateAccessKey is step 5: a long-term key for the demo user. The secret stays in memory,
// in this value only.
func (d *Demo) CreateAccessKey(ctx context.Context) (KeyResult, error) {
	var res KeyResult
	d.mu.Lock()
	userArn := d.userArn
	d.mu.Unlock()
	if err := need(userArn != "", StepCreateKey, "CreateUser"); err != nil {
		return res, err
	}
	if err := d.intend(resAccessKey, d.UserName()); err != nil {
		return res, err
	}
	out, err := d.env.Clients.Operator().IAM.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: awssdk.String(d.UserName())})
	if err != nil {
		return res, fmt.Errorf("create an access key for %s: %w", d.UserName(), err)
	}
	res.AccessKeyID = awssdk.ToString(out.AccessKey.AccessKeyId)
	secret := awssdk.ToString(out.AccessKey.SecretAccessKey)
	res.RedactedSecret = redactSecret(secret)
	d.mu.Lock()
	d.keyID, d.secret = res.AccessKeyID, secret
	d.mu.Unlock()
	d.created(resAccessKey, d.UserName(), res.AccessKeyID)
	return res, nil
}

// backoff is a bounded retry schedule: first wait, growth, longest wait, total budget.
type backoff struct {
	first, max, budget time.Duration
	factor             float64
}

// keyBackoff waits out IAM's eventual consistency for a new key: AWS takes roughly 8–15 s.
var keyBackoff = backoff{first: 250 * time.Millisecond, factor: 1.6, max: time.Second, budget: 60 * time.Second}

// newKeyCodes are the answers of a key that exists but has not reached every endpoint yet.
var newKeyCodes = map[string]bool{"InvalidClientTokenId": true, "InvalidAccessKeyId": true}

// WaitForKey is step 6: call GetCallerIdentity with the new key until it works — IAM is
// eventually consistent — retrying only "unknown key" answers, for at most about a minute.
func (d *Demo) WaitForKey(ctx context.Context) (WaitResult, error) {
	var res WaitResult
	d.mu.Lock()
	keyID, secret := d.keyID, d.secret
	d.mu.Unlock()
	if err := need(keyID != "", StepWaitForKey, "CreateAccessKey"); err != nil {
		return res, err
	}
	client := d.env.Clients.User(keyID, secret).STS
	var out *sts.GetCallerIdentityOutput
	attempts, elapsed, err := d.retry(ctx, StepWaitForKey, keyBackoff, newKeyCodes, func() error {
		var err error
		out, err = client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		return err
	})
	res.Attempts, res.Elapsed = attempts, elapsed
	if err != nil {
		return res, fmt.Errorf("wait for access key %s to work (%d attempts in %s): %w", keyID, attempts, elapsed.Round(time.Millisecond), err)
	}
	res.Identity = identityOf(out)
	return res, nil
}

// retry calls fn until it succeeds, fails with a code not in retryable, or the budget is
// spent; each retry is reported as progress. It returns the attempts made and the time taken.
func (d *Demo) retry(ctx context.Context, step StepID, b backoff, retryable map[string]bool, fn func() error) (int, time.Duration, error) {
	return d.retryUntil(ctx, step, 0, b, func() (bool, string, error) {
		err := fn()
		return err != nil && retryable[errorCode(err)], errorCode(err), err
	})
}

// retryUntil calls fn until it says not to try again or the budget is spent, reporting each
// retry as progress (row is the lab's grid row, 0 elsewhere); fn gives whether to try again,
// the AWS error code of its answer, and its error. It returns the attempts made, the time
// taken and fn's last error.
func (d *Demo) retryUntil(ctx context.Context, step StepID, row int, b backoff, fn func() (bool, string, error)) (int, time.Duration, error) {
	start := d.env.Now()
	wait := b.first
	for attempt := 1; ; attempt++ {
		again, code, err := fn()
		elapsed := d.env.Now().Sub(start)
		if !again || elapsed+wait > b.budget {
			return attempt, elapsed, err
		}
		d.progress(Progress{Step: step, Attempt: attempt, Elapsed: elapsed, Code: code, Row: row})
		if err := d.env.Sleep(ctx, wait); err != nil {
			return attempt, elapsed, err
		}
		wait = min(time.Duration(float64(wait)*b.factor), b.max)
	}
}
