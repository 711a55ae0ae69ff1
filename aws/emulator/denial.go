package emulator

import (
	"net/http"
	"strings"

	"github.com/mfa-demo/mfa-demo/aws/emulator/policy"
)

// Refusals are worded as AWS words them today (IAM User Guide, "Troubleshoot access
// denied error messages", troubleshoot_access-denied.html): "User: PRINCIPAL is not
// authorized to perform: ACTION on resource: RESOURCE because no TYPE policy allows the
// ACTION action" for an implicit deny, "... with an explicit deny in a TYPE policy" for
// an explicit one. When the deny is in a managed policy AWS adds that policy's ARN
// ("I get access denied": "check if the error message includes the type and Amazon
// Resource Name (ARN) of the policy responsible"). The "on resource" part is left out
// for actions on no resource (s3:ListAllMyBuckets), and S3 quotes the resource.

// deniedBy is the kind of policy a refusal names.
type deniedBy int

const (
	byIdentityPolicy deniedBy = iota // "identity-based policy"
	byTrustPolicy                    // "role trust policy", for sts:AssumeRole
	bySessionPolicy                  // "session policy", of GetFederationToken and web identity sessions
)

// denial is why a request was refused.
type denial struct {
	principal string // the caller's ARN (assumed-role ARN for role sessions)
	action    string
	resource  string // as the message names it; "" for none
	by        deniedBy
	explicit  bool
	policyARN string // the managed policy whose Deny applied, if any
}

func (d denial) message() string {
	var b strings.Builder
	b.WriteString("User: " + d.principal + " is not authorized to perform: " + d.action)
	if d.resource != "" {
		b.WriteString(" on resource: " + d.resource)
	}
	switch {
	case d.by == byTrustPolicy && d.explicit:
		b.WriteString(" with an explicit deny in the role trust policy")
	case d.by == byTrustPolicy:
		b.WriteString(" because no role trust policy allows the " + d.action + " action")
	case d.by == bySessionPolicy && d.explicit:
		b.WriteString(" with an explicit deny in a session policy")
	case d.by == bySessionPolicy:
		b.WriteString(" because no session policy allows the " + d.action + " action")
	case d.explicit:
		b.WriteString(" with an explicit deny in an identity-based policy")
		if d.policyARN != "" {
			b.WriteString(": " + d.policyARN)
		}
	default:
		b.WriteString(" because no identity-based policy allows the " + d.action + " action")
	}
	return b.String()
}

func (d denial) apiError() *apiError {
	return newError(http.StatusForbidden, "AccessDenied", "%s", d.message())
}

// evaluateIdentity evaluates the caller's identity policies for action on resource and
// says why they refuse it; ok when they allow it.
func (e *Emulator) evaluateIdentity(req *request, action, resource string) (d denial, ok bool) {
	c := req.caller
	policies, managed := e.identityPolicies(c, req.now)
	decision, matches := policy.EvaluateDetail(policy.Request{
		Action:    action,
		Resource:  resource,
		Principal: c.arn,
		Account:   e.account,
		Context:   e.requestContext(c, req),
	}, policies...)
	if decision == policy.Allow {
		return denial{}, true
	}
	d = denial{principal: c.arn, action: action, resource: resource, by: byIdentityPolicy, explicit: decision == policy.ExplicitDeny}
	for _, m := range matches {
		if managed[m.Policy] != "" {
			d.policyARN = managed[m.Policy]
			break
		}
	}
	return d, false
}

// evaluateTrust evaluates a role's trust policy for sts:AssumeRole by the caller, with
// the request context ctx.
func (e *Emulator) evaluateTrust(req *request, rl *role, roleARN string, ctx policy.Context) (denial, bool) {
	c := req.caller
	d := denial{principal: c.arn, action: "sts:AssumeRole", resource: roleARN, by: byTrustPolicy}
	if rl == nil {
		// A role that does not exist trusts no one; AWS does not say that it is missing.
		return d, false
	}
	trust := e.grantsAt(rl, req.now).trust
	decision := trust.Evaluate(policy.Request{Action: "sts:AssumeRole", Resource: roleARN, Principal: c.arn, Account: e.account, Context: ctx})
	if decision == policy.Allow {
		return denial{}, true
	}
	d.explicit = decision == policy.ExplicitDeny
	return d, false
}

// s3Resource is a resource as S3's refusals name it: quoted, and left out for the
// account-level ListAllMyBuckets.
func s3Resource(resource string) string {
	if resource == s3AccountResource {
		return ""
	}
	return `"` + resource + `"`
}
