package scenario

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// The assume-role scenario (steps 7a–7c, and its own 8 and 9): a role only the demo user may
// assume, and only with MFA — "MFA protection for cross-account delegation" in the seeds.

// trustPolicyTemplate lets one principal assume the role, and only with MFA: for a call signed
// with a long-term key aws:MultiFactorAuthPresent is absent, so the Bool condition fails.
// The %s is the principal's ARN as a JSON string.
const trustPolicyTemplate = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {
      "AWS": %s
    },
    "Action": "sts:AssumeRole",
    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": true}}
  }]
}`

// rolePermissionDocument is what the role may do once assumed; no condition, since only an
// MFA session can get that far.
const rolePermissionDocument = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "s3:ListAllMyBuckets",
    "Resource": "arn:aws:s3:::*"
  }]
}`

// allowAssumeTemplate lets the demo user call sts:AssumeRole on the role (%s, a JSON string):
// the role's trust policy alone does not allow a user of the same account to assume it.
const allowAssumeTemplate = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "sts:AssumeRole",
    "Resource": %s
  }]
}`

// RoleName is the name of the role the assume-role scenario creates.
func (d *Demo) RoleName() string { return namePrefix + "role-" + d.env.RunID }

// RolePolicyName is the name of the role's managed permission policy.
func (d *Demo) RolePolicyName() string { return namePrefix + "policy-" + d.env.RunID }

// roleSessionName names the role session, the last part of the assumed-role ARN. The role's
// name already carries the run id; a short session name keeps that ARN on one 80-column line.
const roleSessionName = "mfa-demo"

// fillTemplate puts s into a policy template as a JSON string.
func fillTemplate(template, s string) string {
	quoted, _ := json.Marshal(s) // a string always marshals
	return fmt.Sprintf(template, quoted)
}

// createRole is step 7a: the role, trusting the demo user when it signs in with MFA.
func (d *Demo) createRole(ctx context.Context) (PolicyResult, error) {
	name := d.RoleName()
	d.mu.Lock()
	userArn := d.userArn
	d.mu.Unlock()
	res := PolicyResult{Name: name}
	if err := need(userArn != "", StepCreateRole, "CreateUser"); err != nil {
		return res, err
	}
	res.Document = fillTemplate(trustPolicyTemplate, userArn)
	doc, err := compactJSON(res.Document)
	if err != nil {
		return res, err
	}
	if err := d.intend(resRole, name); err != nil {
		return res, err
	}
	out, err := d.env.Clients.Operator().IAM.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName:                 awssdk.String(name),
		Path:                     awssdk.String(Path),
		AssumeRolePolicyDocument: awssdk.String(doc),
		Description:              awssdk.String("mfa-demo: assumable by " + d.UserName() + " with MFA only"),
		Tags:                     d.tags(),
	})
	if err != nil {
		return res, fmt.Errorf("create role %s: %w", name, err)
	}
	res.Arn = awssdk.ToString(out.Role.Arn)
	d.createdAs(&d.roleArn, resRole, name, res.Arn)
	return res, nil
}

// rolePolicy is step 7b: a managed policy that lists buckets, attached to the role.
func (d *Demo) rolePolicy(ctx context.Context) (PolicyResult, error) {
	name := d.RolePolicyName()
	res := PolicyResult{Name: name, Document: rolePermissionDocument}
	d.mu.Lock()
	roleArn := d.roleArn
	d.mu.Unlock()
	if err := need(roleArn != "", StepRolePolicy, "CreateRole"); err != nil {
		return res, err
	}
	doc, err := compactJSON(rolePermissionDocument)
	if err != nil {
		return res, err
	}
	if err := d.intend(resPolicy, name); err != nil {
		return res, err
	}
	client := d.env.Clients.Operator().IAM
	out, err := client.CreatePolicy(ctx, &iam.CreatePolicyInput{
		PolicyName:     awssdk.String(name),
		Path:           awssdk.String(Path),
		PolicyDocument: awssdk.String(doc),
		Description:    awssdk.String("mfa-demo: what " + d.RoleName() + " may do"),
		Tags:           d.tags(),
	})
	if err != nil {
		return res, fmt.Errorf("create managed policy %s: %w", name, err)
	}
	res.Arn = awssdk.ToString(out.Policy.Arn)
	d.createdAs(&d.policyArn, resPolicy, name, res.Arn)
	_, err = client.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: awssdk.String(d.RoleName()), PolicyArn: out.Policy.Arn})
	if err != nil {
		return res, fmt.Errorf("attach %s to role %s: %w", res.Arn, d.RoleName(), err)
	}
	return res, nil
}

// allowAssume is step 7c: the user's inline policy allowing sts:AssumeRole on the role.
func (d *Demo) allowAssume(ctx context.Context) (PolicyResult, error) {
	d.mu.Lock()
	roleArn := d.roleArn
	d.mu.Unlock()
	if err := need(roleArn != "", StepAllowAssume, "CreateRole"); err != nil {
		return PolicyResult{Name: d.UserPolicyName()}, err
	}
	return d.putUserPolicy(ctx, StepAllowAssume, fillTemplate(allowAssumeTemplate, roleArn))
}

// predictedPolicyArn is the ARN AWS gives the demo's managed policy:
// arn:PARTITION:iam::ACCOUNT:policy/PATH+NAME.
func (d *Demo) predictedPolicyArn() string {
	return d.predictedArn(&d.policyArn, "policy", d.RolePolicyName())
}

// assumeInput is the AssumeRole request of steps 8 and 9; serial and code are empty without MFA.
func (d *Demo) assumeInput(roleArn, serial, code string) *sts.AssumeRoleInput {
	in := &sts.AssumeRoleInput{
		RoleArn:         awssdk.String(roleArn),
		RoleSessionName: awssdk.String(roleSessionName),
		DurationSeconds: awssdk.Int32(sessionSeconds),
	}
	if code != "" {
		in.SerialNumber, in.TokenCode = awssdk.String(serial), awssdk.String(code)
	}
	return in
}

// assumeWithoutMFA is step 8 of the assume-role scenario: AssumeRole with the user's key and
// no code. The trust policy's condition fails, so AccessDenied is the lesson; a role session
// means the backend does not enforce the condition. It never retries.
func (d *Demo) assumeWithoutMFA(ctx context.Context) (WithoutMFAResult, error) {
	var res WithoutMFAResult
	d.mu.Lock()
	keyID, secret, roleArn := d.keyID, d.secret, d.roleArn
	d.mu.Unlock()
	if err := need(keyID != "", StepWithoutMFA, "CreateAccessKey"); err != nil {
		return res, err
	}
	if err := need(roleArn != "", StepWithoutMFA, "CreateRole"); err != nil {
		return res, err
	}
	_, err := d.env.Clients.User(keyID, secret).STS.AssumeRole(ctx, d.assumeInput(roleArn, "", ""))
	switch {
	case errorCode(err) == "AccessDenied":
		res.Outcome, res.ErrorCode, res.Message = OutcomeDenied, errorCode(err), errorMessage(err)
		// The simulator judges the user's own policies: when they allow the call, the
		// refusal is the role's trust policy and its MFA condition.
		res.Why = d.explain(ctx, "sts:AssumeRole", roleArn, contextKeys(CredLongTerm, 0))
		return res, nil
	case err != nil:
		return res, fmt.Errorf("assume role %s without MFA: expected AccessDenied: %w", roleArn, err)
	}
	res.Outcome = OutcomeNotEnforced
	return res, nil
}

// assumeWithMFA is step 9 of the assume-role scenario: who the user is, AssumeRole with one
// MFA code, who the caller is now, and ListBuckets with the role session. A refused code is a
// *CodeError: ask again. AccessDenied from S3 is retried for a bounded time while the role's
// new policy propagates, and counted.
func (d *Demo) assumeWithMFA(ctx context.Context, code string) (WithMFAResult, error) {
	var res WithMFAResult
	d.mu.Lock()
	keyID, secret, serial, enabled, roleArn := d.keyID, d.secret, d.serial, d.enabled, d.roleArn
	d.mu.Unlock()
	for _, check := range []struct {
		ok   bool
		what string
	}{{keyID != "", "CreateAccessKey"}, {enabled, "EnableDevice"}, {roleArn != "", "CreateRole"}} {
		if err := need(check.ok, StepWithMFA, check.what); err != nil {
			return res, err
		}
	}
	if err := d.CheckCode(code); err != nil {
		return res, err
	}
	user := d.env.Clients.User(keyID, secret).STS
	before, err := user.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return res, fmt.Errorf("who am I before assuming the role: %w", err)
	}
	res.Before = identityOf(before)
	var out *sts.AssumeRoleOutput
	assume := func() error {
		var err error
		out, err = user.AssumeRole(ctx, d.assumeInput(roleArn, serial, code))
		return err
	}
	err = assume()
	if _, right := d.codeStep(code); right && errorCode(err) == "AccessDenied" {
		// The seed says the code is right, so the refusal is the new trust policy or the
		// user's permission not in force yet: try the same code again, briefly.
		_, _, err = d.retry(ctx, StepWithMFA, policyBackoff, accessDenied, assume)
	}
	if errorCode(err) == "AccessDenied" {
		return res, &CodeError{Field: 1, Problem: CodeRejected, Err: err}
	}
	if err != nil {
		return res, fmt.Errorf("assume role %s with MFA device %s: %w", roleArn, serial, err)
	}
	d.markUsed(code)
	if out.Credentials == nil {
		return res, errors.New("STS returned no credentials")
	}
	id, err := d.sessionClients(out.Credentials).STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return res, fmt.Errorf("who am I in the role session: %w", err)
	}
	res.Identity = identityOf(id)
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
		return res, fmt.Errorf("list buckets as role %s (%d attempts in %s): %w", d.RoleName(), attempts, elapsed.Round(time.Millisecond), err)
	}
	res.Buckets = buckets
	return res, nil
}
