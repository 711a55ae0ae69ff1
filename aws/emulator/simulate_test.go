package emulator_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// TestSimulatePrincipalPolicy: the simulator sees only the context it is given.
func TestSimulatePrincipalPolicy(t *testing.T) {
	e := start(t, emulator.Options{})
	tr := e.newTrainee(t, "simulated")
	_, err := e.admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(tr.name), PolicyName: aws.String("list-buckets-with-mfa"), PolicyDocument: aws.String(mfaPolicy)})
	expectCode(t, "PutUserPolicy", err, "")
	mfaEntry := func(v string) []iamtypes.ContextEntry {
		return []iamtypes.ContextEntry{{ContextKeyName: aws.String("aws:MultiFactorAuthPresent"), ContextKeyType: iamtypes.ContextKeyTypeEnumBoolean, ContextKeyValues: []string{v}}}
	}
	cases := []struct {
		name      string
		context   []iamtypes.ContextEntry
		extra     []string
		decision  iamtypes.PolicyEvaluationDecisionType
		matchedBy string
	}{
		{"MFA true", mfaEntry("true"), nil, iamtypes.PolicyEvaluationDecisionTypeAllowed, "list-buckets-with-mfa"},
		{"MFA false", mfaEntry("false"), nil, iamtypes.PolicyEvaluationDecisionTypeImplicitDeny, ""},
		{"MFA absent", nil, nil, iamtypes.PolicyEvaluationDecisionTypeImplicitDeny, ""},
		{"MFA true, but an input policy denies", mfaEntry("true"),
			[]string{`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`},
			iamtypes.PolicyEvaluationDecisionTypeExplicitDeny, "PolicyInputList.1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, err := e.admin.iam.SimulatePrincipalPolicy(ctx, &iam.SimulatePrincipalPolicyInput{
				PolicySourceArn: aws.String(tr.arn), ActionNames: []string{"s3:ListAllMyBuckets"},
				ResourceArns: []string{"arn:aws:s3:::*"}, ContextEntries: tc.context, PolicyInputList: tc.extra,
			})
			expectCode(t, "SimulatePrincipalPolicy", err, "")
			if len(out.EvaluationResults) != 1 {
				t.Fatalf("%d results", len(out.EvaluationResults))
			}
			r := out.EvaluationResults[0]
			if r.EvalDecision != tc.decision || aws.ToString(r.EvalActionName) != "s3:ListAllMyBuckets" || aws.ToString(r.EvalResourceName) != "arn:aws:s3:::*" {
				t.Fatalf("result %s %s %s, want %s", aws.ToString(r.EvalActionName), aws.ToString(r.EvalResourceName), r.EvalDecision, tc.decision)
			}
			matched := ""
			if len(r.MatchedStatements) > 0 {
				matched = aws.ToString(r.MatchedStatements[0].SourcePolicyId)
			}
			if matched != tc.matchedBy {
				t.Fatalf("matched by %q, want %q", matched, tc.matchedBy)
			}
		})
	}

	_, err = tr.clients.iam.SimulatePrincipalPolicy(ctx, &iam.SimulatePrincipalPolicyInput{PolicySourceArn: aws.String(tr.arn), ActionNames: []string{"s3:ListAllMyBuckets"}})
	expectError(t, "simulate without permission", err, "AccessDenied",
		"User: "+tr.arn+" is not authorized to perform: iam:SimulatePrincipalPolicy on resource: "+tr.arn+" because no identity-based policy allows the iam:SimulatePrincipalPolicy action")
	_, err = e.admin.iam.SimulatePrincipalPolicy(ctx, &iam.SimulatePrincipalPolicyInput{PolicySourceArn: aws.String("arn:aws:iam::000000000000:user/ghost"), ActionNames: []string{"s3:ListAllMyBuckets"}})
	expectCode(t, "simulate a missing user", err, "NoSuchEntity")
}

// TestSimulateMatchedStatementPositions: each matched statement says where it is in its
// document, as the IAM API reference's Statement type does (StartPosition and EndPosition,
// each a Position of Line and Column): here the second statement, on line 3.
func TestSimulateMatchedStatementPositions(t *testing.T) {
	e := start(t, emulator.Options{})
	tr := e.newTrainee(t, "positions")
	doc := "{\"Version\":\"2012-10-17\",\"Statement\":[\n" +
		`  {"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}},` + "\n" +
		`  {"Effect":"Deny","Action":"s3:ListAllMyBuckets","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}` + "\n]}"
	_, err := e.admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(tr.name), PolicyName: aws.String("two"), PolicyDocument: aws.String(doc)})
	expectCode(t, "PutUserPolicy", err, "")
	cases := []struct {
		mfa        string
		decision   iamtypes.PolicyEvaluationDecisionType
		start, end iamtypes.Position
	}{
		{"true", iamtypes.PolicyEvaluationDecisionTypeAllowed, iamtypes.Position{Line: 2, Column: 3}, iamtypes.Position{Line: 2, Column: 125}},
		{"false", iamtypes.PolicyEvaluationDecisionTypeExplicitDeny, iamtypes.Position{Line: 3, Column: 3}, iamtypes.Position{Line: 3, Column: 125}},
	}
	for _, tc := range cases {
		out, err := e.admin.iam.SimulatePrincipalPolicy(ctx, &iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: aws.String(tr.arn), ActionNames: []string{"s3:ListAllMyBuckets"},
			ContextEntries: []iamtypes.ContextEntry{{ContextKeyName: aws.String("aws:MultiFactorAuthPresent"), ContextKeyType: iamtypes.ContextKeyTypeEnumBoolean, ContextKeyValues: []string{tc.mfa}}},
		})
		expectCode(t, "SimulatePrincipalPolicy", err, "")
		r := out.EvaluationResults[0]
		if r.EvalDecision != tc.decision || len(r.MatchedStatements) != 1 {
			t.Fatalf("MFA %s: %s with %d statements, want %s with 1", tc.mfa, r.EvalDecision, len(r.MatchedStatements), tc.decision)
		}
		m := r.MatchedStatements[0]
		if aws.ToString(m.SourcePolicyId) != "two" || m.SourcePolicyType != iamtypes.PolicySourceTypeUser ||
			m.StartPosition == nil || *m.StartPosition != tc.start || m.EndPosition == nil || *m.EndPosition != tc.end {
			t.Errorf("MFA %s: matched %s (%s) from %+v to %+v, want two (user) from %+v to %+v",
				tc.mfa, aws.ToString(m.SourcePolicyId), m.SourcePolicyType, m.StartPosition, m.EndPosition, tc.start, tc.end)
		}
	}
}
