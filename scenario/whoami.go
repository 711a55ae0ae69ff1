package scenario

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// ErrRootCredentials refuses a run signed by an account's root user.
var ErrRootCredentials = errors.New("these are the account's root credentials: the demo creates IAM users and access keys, " +
	"and must run as an IAM user or role (create one with IAM permissions, or use an SSO profile)")

// WhoAmI is step 0: who the operator is, in which account, and where the calls go.
// It refuses root credentials, returning the identity with ErrRootCredentials.
func (d *Demo) WhoAmI(ctx context.Context) (WhoAmIResult, error) {
	ctx, log := recording(ctx)
	res := WhoAmIResult{Target: d.env.Target, Endpoint: d.env.Clients.Endpoint(), Region: d.env.Clients.Region()}
	out, err := d.env.Clients.Operator().STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	// Before anything else: with a clock this far off, no MFA code would work.
	res.ClockSkew, err = d.checkClock(log, d.env.Now(), err)
	if err != nil {
		return res, fmt.Errorf("who am I (STS GetCallerIdentity with the operator's credentials): %w", err)
	}
	res.Identity = identityOf(out)
	for _, c := range log.Calls() {
		res.Emulator = res.Emulator || c.FromEmulator
	}
	if IsRootArn(res.Identity.Arn) {
		return res, ErrRootCredentials
	}
	d.mu.Lock()
	d.account = res.Identity.Account
	d.partition = "aws"
	if parts := strings.Split(res.Identity.Arn, ":"); len(parts) > 1 && parts[1] != "" {
		d.partition = parts[1]
	}
	d.mu.Unlock()
	if d.env.Preflight {
		pre := d.preflight(ctx, res.Identity.Arn)
		res.Preflight = &pre
		if err := pre.err(); err != nil {
			return res, err
		}
	}
	d.mu.Lock()
	d.who = res
	d.mu.Unlock()
	return res, nil
}
