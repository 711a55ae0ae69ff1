package emulator

import (
	"encoding/json"
	"net/http"
	"unicode"

	"github.com/mfa-demo/mfa-demo/aws/emulator/policy"
)

// Policy size quotas of the IAM user guide's "IAM and AWS STS quotas" page, in
// characters, "IAM doesn't count white space when calculating the size of a policy
// against these quotas". The role trust policy's is the default of an adjustable quota.
const (
	userPolicyQuota    = 2048
	rolePolicyQuota    = 10240
	groupPolicyQuota   = 5120
	managedPolicyQuota = 6144
	trustPolicyQuota   = 2048
)

// policySize is a document's length as the quotas count it: characters, without white space.
func policySize(doc string) int {
	n := 0
	for _, r := range doc {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// inlinePolicyQuota refuses an inline policy larger than its holder's quota, as
// PutUserPolicy and PutRolePolicy answer: LimitExceeded "Maximum policy size of 2048
// bytes exceeded for user NAME" (the wording quoted from AWS in CloudFormation and
// CLI reports; the figure and the word follow the holder).
func inlinePolicyQuota(holder principal, doc string) *apiError {
	quota := userPolicyQuota
	switch holder.kind() {
	case "role":
		quota = rolePolicyQuota
	case "group":
		quota = groupPolicyQuota
	}
	if policySize(doc) > quota {
		return errLimitExceeded("Maximum policy size of %d bytes exceeded for %s %s", quota, holder.kind(), holder.entityName())
	}
	return nil
}

// managedPolicyDocument reads CreatePolicy's document: a policy as for inline ones,
// within the managed policy quota (LimitExceeded "Cannot exceed quota for PolicySize:
// 6144", as AWS answers it), and in the current language version, which managed
// policies require: without a Version or with 2008-10-17 IAM answers
// MalformedPolicyDocument "Policy document must be version 2012-10-17 or greater." (as
// reproduced from AWS by moto's test_iam_policies.py).
func managedPolicyDocument(req *request) (string, *policy.Policy, *apiError) {
	doc, parsed, aerr := policyDocument(req, "PolicyDocument", policy.Identity)
	if aerr != nil {
		return "", nil, aerr
	}
	if policySize(doc) > managedPolicyQuota {
		return "", nil, errLimitExceeded("Cannot exceed quota for PolicySize: %d", managedPolicyQuota)
	}
	if parsed.Version != policy.VersionCurrent {
		return "", nil, newError(http.StatusBadRequest, "MalformedPolicyDocument", "Policy document must be version 2012-10-17 or greater.")
	}
	return doc, parsed, nil
}

// trustPolicyDocument reads the trust policy of CreateRole (AssumeRolePolicyDocument)
// or UpdateAssumeRolePolicy (PolicyDocument): a document that is not JSON at all is
// MalformedPolicyDocument "This policy contains invalid Json", as IAM answers for
// trust policies, and one over the quota LimitExceeded "Cannot exceed quota for
// ACLSizePerRole: 2048".
func trustPolicyDocument(req *request, param string) (string, *policy.Policy, *apiError) {
	if doc := req.get(param); doc != "" && !json.Valid([]byte(doc)) {
		return "", nil, newError(http.StatusBadRequest, "MalformedPolicyDocument", "This policy contains invalid Json")
	}
	doc, trust, aerr := policyDocument(req, param, policy.Trust)
	if aerr != nil {
		return "", nil, aerr
	}
	if policySize(doc) > trustPolicyQuota {
		return "", nil, errLimitExceeded("Cannot exceed quota for ACLSizePerRole: %d", trustPolicyQuota)
	}
	return doc, trust, nil
}
