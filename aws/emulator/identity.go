package emulator

import (
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mfa-demo/mfa-demo/aws/emulator/policy"
)

// caller is the principal behind an authenticated request.
type caller struct {
	cred         credential
	admin        bool   // the operator: allowed everything without evaluation
	arn          string // user ARN, or arn:aws:sts::ACCT:assumed-role/ROLE/SESSION
	principalARN string // user ARN, or the role's ARN for a role session
	userID       string // AIDA… for users, AROA…:SESSION for role sessions
	user         *user  // the user, nil for role sessions
	role         *role  // the role, nil for users
}

// callerFor resolves a verified credential to its principal. A key whose user or role
// has since been deleted no longer identifies anyone.
func (e *Emulator) callerFor(cred credential, req *request) (*caller, *apiError) {
	c := &caller{cred: cred}
	if cred.roleName != "" {
		rl, ok := e.roles[cred.roleName]
		if !ok {
			return nil, invalidKey(req.service)
		}
		c.role = rl
		c.arn = "arn:aws:sts::" + e.account + ":assumed-role/" + rl.name + "/" + cred.sessionName
		c.principalARN = e.roleARN(rl.path, rl.name)
		c.userID = rl.id + ":" + cred.sessionName
		return c, nil
	}
	u, ok := e.users[cred.userName]
	if !ok {
		return nil, invalidKey(req.service)
	}
	c.user = u
	c.admin = u.admin
	c.arn = e.userARN(u.path, u.name)
	c.principalARN = c.arn
	c.userID = u.id
	if cred.federated != "" {
		// A federated user acts with its IAM user's policies, cut down by its session
		// policies (authorize), but is a principal of its own.
		c.arn = e.federatedUserARN(cred.federated)
		c.principalARN = c.arn
		c.userID = e.account + ":" + cred.federated
	}
	return c, nil
}

func invalidKey(service string) *apiError {
	if service == "s3" {
		return newError(http.StatusForbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
	}
	return errInvalidClientTokenID()
}

// isSession reports whether the caller signed with temporary credentials.
func (c *caller) isSession() bool { return c.cred.sessionToken != "" }

// identityPolicies are the policies that decide what the caller may do at now: the
// user's inline and attached policies, or the role's for a role session, as far as
// their changes have propagated.
func (e *Emulator) identityPolicies(c *caller, now time.Time) []*policy.Policy {
	var g grants
	if c.role != nil {
		g = e.grantsAt(c.role, now)
	} else {
		g = e.grantsAt(c.user, now)
	}
	out := make([]*policy.Policy, 0, len(g.inline)+len(g.attached))
	for _, p := range g.inline {
		out = append(out, p.parsed)
	}
	for _, arn := range g.attached {
		if mp, ok := e.policies[arn]; ok {
			out = append(out, mp.parsed)
		}
	}
	return out
}

// requestContext builds the global condition keys AWS sets for this caller's request.
func (e *Emulator) requestContext(c *caller, req *request) policy.Context {
	ctx := policy.Context{
		"aws:PrincipalArn":     {c.principalARN},
		"aws:PrincipalAccount": {e.account},
		"aws:userid":           {c.userID},
		"aws:CurrentTime":      {req.now.UTC().Format(time.RFC3339)},
		"aws:EpochTime":        {strconv.FormatInt(req.now.Unix(), 10)},
		"aws:SecureTransport":  {"false"},
		"aws:RequestedRegion":  {req.region},
	}
	switch {
	case c.cred.federated != "":
		ctx["aws:PrincipalType"] = []string{"FederatedUser"}
	case c.user != nil:
		ctx["aws:username"] = []string{c.user.name}
		ctx["aws:PrincipalType"] = []string{"User"}
	default:
		ctx["aws:PrincipalType"] = []string{"AssumedRole"}
	}
	if c.cred.provider != "" {
		ctx["aws:FederatedProvider"] = []string{c.cred.provider}
	}
	if host, _, err := net.SplitHostPort(req.http.RemoteAddr); err == nil {
		ctx["aws:SourceIp"] = []string{host}
	}
	if c.isSession() {
		// Long-term keys leave the MFA keys absent; sessions say false or true.
		ctx["aws:MultiFactorAuthPresent"] = []string{strconv.FormatBool(c.cred.mfa)}
		ctx["aws:TokenIssueTime"] = []string{c.cred.created.UTC().Format(time.RFC3339)}
		if c.cred.mfa {
			age := max(int64(req.now.Sub(c.cred.mfaAt)/time.Second), 0)
			ctx["aws:MultiFactorAuthAge"] = []string{strconv.FormatInt(age, 10)}
		}
	}
	return ctx
}

// authorize evaluates the caller's identity policies for action on resource and, for a
// session issued with session policies, those too: the session may do only what both
// allow. The admin is exempt from the former only. A refusal is worded as IAM/STS word it; S3 callers reword it.
func (e *Emulator) authorize(req *request, action, resource string) *apiError {
	c := req.caller
	if c.admin && c.cred.session == nil {
		return nil
	}
	r := policy.Request{
		Action:    action,
		Resource:  resource,
		Principal: c.arn,
		Account:   e.account,
		Context:   e.requestContext(c, req),
	}
	decision := policy.Allow // the admin's identity allows everything
	if !c.admin {
		decision = policy.Evaluate(r, e.identityPolicies(c, req.now)...)
	}
	if decision == policy.Allow && c.cred.session != nil {
		decision = e.sessionDecision(c.cred.session, r)
	}
	if decision == policy.Allow {
		return nil
	}
	return errNotAuthorized(c.arn, action, resource)
}

func errNotAuthorized(callerARN, action, resource string) *apiError {
	return newError(http.StatusForbidden, "AccessDenied", "User: %s is not authorized to perform: %s on resource: %s", callerARN, action, resource)
}

// iamAction is the policy action name of an IAM API action.
func iamAction(name string) string { return "iam:" + name }

// lowerName is the key of an IAM name in the emulator's maps.
func lowerName(name string) string { return strings.ToLower(name) }

// authorizeTarget authorizes action on resource, the ARN of the entity the action is
// about, and only then says whether that entity exists: as on AWS, a caller without the
// permission learns nothing about which entities exist.
func (e *Emulator) authorizeTarget(req *request, action, resource string, exists bool, missing string, args ...any) *apiError {
	if aerr := e.authorize(req, iamAction(action), resource); aerr != nil {
		return aerr
	}
	if !exists {
		return errNoSuchEntity(missing, args...)
	}
	return nil
}

// authorizeCreate authorizes a create action and, when the request carries tags, the
// tag action too: AWS wants both permissions to tag an entity at its creation.
func (e *Emulator) authorizeCreate(req *request, create, tagAction, resource string, tags []tag) *apiError {
	if aerr := e.authorize(req, create, resource); aerr != nil {
		return aerr
	}
	if len(tags) == 0 {
		return nil
	}
	return e.authorize(req, tagAction, resource)
}
