package scenario

import (
	"context"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// ConditionCheck is what IAM's policy simulator decides for the demo user's listing with
// aws:MultiFactorAuthPresent false and true, from the policies IAM has stored. The simulator
// sees a policy at once, so it tells whether a refusal comes from the MFA condition even while
// the policy is still propagating (when the refusal could also be the policy not yet in force).
type ConditionCheck struct {
	WithoutMFA string // the EvalDecision: "allowed", "implicitDeny" or "explicitDeny"
	WithMFA    string
}

// FromCondition reports whether the MFA condition alone makes the difference: denied when
// aws:MultiFactorAuthPresent is false, allowed when it is true.
func (c ConditionCheck) FromCondition() bool {
	return c.WithoutMFA != string(iamtypes.PolicyEvaluationDecisionTypeAllowed) &&
		c.WithMFA == string(iamtypes.PolicyEvaluationDecisionTypeAllowed)
}

// listingResource is the resource the seed's policy names for s3:ListAllMyBuckets.
const listingResource = "arn:aws:s3:::*"

// checkCondition asks IAM's simulator about the listing with the MFA key false and true. It
// returns nil when the operator may not simulate or the simulator fails: the explanation is
// a bonus, and its absence says nothing.
func (d *Demo) checkCondition(ctx context.Context) *ConditionCheck {
	d.mu.Lock()
	userArn := d.userArn
	d.mu.Unlock()
	if userArn == "" {
		return nil
	}
	decide := func(mfa string) (string, bool) {
		out, err := d.env.Clients.Operator().IAM.SimulatePrincipalPolicy(ctx, &iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: awssdk.String(userArn),
			ActionNames:     []string{"s3:ListAllMyBuckets"},
			ResourceArns:    []string{listingResource},
			ContextEntries: []iamtypes.ContextEntry{{
				ContextKeyName:   awssdk.String("aws:MultiFactorAuthPresent"),
				ContextKeyType:   iamtypes.ContextKeyTypeEnumBoolean,
				ContextKeyValues: []string{mfa},
			}},
		})
		if err != nil || len(out.EvaluationResults) != 1 {
			return "", false
		}
		return string(out.EvaluationResults[0].EvalDecision), true
	}
	var c ConditionCheck
	var ok bool
	if c.WithoutMFA, ok = decide("false"); !ok {
		return nil
	}
	if c.WithMFA, ok = decide("true"); !ok {
		return nil
	}
	return &c
}
