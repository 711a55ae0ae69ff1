package scenario

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// userPolicyDocument is the seed's policy: list buckets, but only in a session that
// authenticated with MFA. The long-term key (key absent) and a session without MFA (false)
// both fail the Bool condition.
const userPolicyDocument = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "s3:ListAllMyBuckets",
    "Resource": "arn:aws:s3:::*",
    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": true}}
  }]
}`

// Policy is step 7 and its assume-role variants 7a–7c: it puts one policy in place and
// returns the document for the front end to show.
func (d *Demo) Policy(ctx context.Context, step StepID) (PolicyResult, error) {
	switch step {
	case StepUserPolicy:
		return d.putUserPolicy(ctx, StepUserPolicy, userPolicyDocument)
	case StepCreateRole:
		return d.createRole(ctx)
	case StepRolePolicy:
		return d.rolePolicy(ctx)
	case StepAllowAssume:
		return d.allowAssume(ctx)
	}
	return PolicyResult{}, fmt.Errorf("%s is not a policy step", step)
}

// putUserPolicy puts the demo user's inline policy: the MFA-conditional one of step 7, or
// the permission to assume the role of step 7c.
func (d *Demo) putUserPolicy(ctx context.Context, step StepID, document string) (PolicyResult, error) {
	name := d.UserPolicyName()
	doc, err := compactJSON(document)
	if err != nil {
		return PolicyResult{}, err
	}
	res := PolicyResult{Name: name, Document: document}
	d.mu.Lock()
	userArn := d.userArn
	d.mu.Unlock()
	if err := need(userArn != "", step, "CreateUser"); err != nil {
		return res, err
	}
	if err := d.intend(resUserPolicy, name); err != nil {
		return res, err
	}
	_, err = d.env.Clients.Operator().IAM.PutUserPolicy(ctx, &iam.PutUserPolicyInput{
		UserName:       awssdk.String(d.UserName()),
		PolicyName:     awssdk.String(name),
		PolicyDocument: awssdk.String(doc),
	})
	if err != nil {
		return res, fmt.Errorf("put inline policy %s on %s: %w", name, d.UserName(), err)
	}
	d.mu.Lock()
	d.documents[name] = doc
	d.mu.Unlock()
	return res, nil
}

// compactJSON is the document as sent: one line, so the equivalent CLI command stays one line.
func compactJSON(doc string) (string, error) {
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(doc)); err != nil {
		return "", fmt.Errorf("policy document: %w", err)
	}
	return b.String(), nil
}
