package policy_test

import (
	"fmt"

	"github.com/mfa-demo/mfa-demo/aws/emulator/policy"
)

// The demo's lesson: the same user, the same policy, three kinds of credentials.
func Example() {
	p, err := policy.Parse(`{
	  "Version": "2012-10-17",
	  "Statement": [{
	    "Sid": "ListOnlyWithMFA",
	    "Effect": "Allow",
	    "Action": "s3:ListAllMyBuckets",
	    "Resource": "arn:aws:s3:::*",
	    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": true}}
	  }]
	}`, policy.Identity)
	if err != nil {
		fmt.Println("MalformedPolicyDocument:", err)
		return
	}
	for _, creds := range []struct {
		name string
		ctx  policy.Context
	}{
		{"long-term access key", policy.Context{}},
		{"session without MFA", policy.Context{"aws:MultiFactorAuthPresent": {"false"}}},
		{"session with MFA", policy.Context{"aws:MultiFactorAuthPresent": {"true"}}},
	} {
		d, matched := p.EvaluateDetail(policy.Request{
			Action:    "s3:ListAllMyBuckets",
			Resource:  "arn:aws:s3:::*",
			Principal: "arn:aws:iam::000000000000:user/mfa-demo/alice",
			Account:   "000000000000",
			Context:   creds.ctx,
		})
		var sids []string
		for _, i := range matched {
			sids = append(sids, p.Statements[i].Sid)
		}
		fmt.Printf("%s: %v %v\n", creds.name, d, sids)
	}

	_, err = policy.Parse(`{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}`, policy.Identity)
	fmt.Println("MalformedPolicyDocument:", err)
	// Output:
	// long-term access key: implicitDeny []
	// session without MFA: implicitDeny []
	// session with MFA: allowed [ListOnlyWithMFA]
	// MalformedPolicyDocument: Policy document should not specify a principal.
}
