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
// their changes have propagated. managed[i] is the ARN of policies[i] when it is a
// managed policy, "" for an inline one.
func (e *Emulator) identityPolicies(c *caller, now time.Time) (policies []*policy.Policy, managed []string) {
	var g grants
	if c.role != nil {
		g = e.grantsAt(c.role, now)
	} else {
		g = e.grantsAt(c.user, now)
	}
	policies, managed = e.appendGrants(g, make([]*policy.Policy, 0, len(g.inline)+len(g.attached)), nil)
	if c.user != nil {
		policies, managed = e.groupPolicies(c.user, now, policies, managed)
	}
	return policies, managed
}

// appendGrants appends the policies of g, inline then attached, to policies, and to
// managed the ARN of each ("" for an inline one).
func (e *Emulator) appendGrants(g grants, policies []*policy.Policy, managed []string) ([]*policy.Policy, []string) {
	for _, p := range g.inline {
		policies = append(policies, p.parsed)
		managed = append(managed, "")
	}
	for _, arn := range g.attached {
		if mp, ok := e.policies[arn]; ok {
			policies = append(policies, mp.parsed)
			managed = append(managed, arn)
		}
	}
	return policies, managed
}

// requestContext builds the global condition keys AWS sets for this caller's request
// (IAM User Guide, "AWS global condition context keys", each key's Availability).
func (e *Emulator) requestContext(c *caller, req *request) policy.Context {
	ctx := policy.Context{
		"aws:PrincipalArn":     {c.principalARN},
		"aws:PrincipalAccount": {e.account},
		"aws:userid":           {c.userID},
		"aws:CurrentTime":      {req.now.UTC().Format(time.RFC3339)},
		"aws:EpochTime":        {strconv.FormatInt(req.now.Unix(), 10)},
		"aws:SecureTransport":  {"false"},
		"aws:RequestedRegion":  {req.region},
		// Every call reaches the emulator directly, never through another service.
		"aws:ViaAWSService":         {"false"},
		"aws:PrincipalIsAWSService": {"false"},
	}
	if ua := req.http.UserAgent(); ua != "" {
		ctx["aws:UserAgent"] = []string{ua}
	}
	switch {
	case c.cred.federated != "":
		ctx["aws:PrincipalType"] = []string{"FederatedUser"}
	case c.user != nil:
		ctx["aws:username"] = []string{c.user.name}
		ctx["aws:PrincipalType"] = []string{"User"}
		addPrincipalTags(ctx, c.user.tags)
	default:
		ctx["aws:PrincipalType"] = []string{"AssumedRole"}
		addPrincipalTags(ctx, c.role.tags)
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
// allow. The admin is exempt from the former only. A refusal is worded as IAM/STS word it
// (denial.go); S3 callers reword it.
func (e *Emulator) authorize(req *request, action, resource string) *apiError {
	if d, ok := e.refusal(req, action, resource); !ok {
		return d.apiError()
	}
	return nil
}

// refusal is authorize's decision: ok, or why not.
func (e *Emulator) refusal(req *request, action, resource string) (denial, bool) {
	c := req.caller
	if !c.admin {
		if d, ok := e.evaluateIdentity(req, action, resource); !ok {
			return d, false
		}
	}
	if c.cred.session == nil {
		return denial{}, true
	}
	decision := e.sessionDecision(c.cred.session, policy.Request{
		Action:    action,
		Resource:  resource,
		Principal: c.arn,
		Account:   e.account,
		Context:   e.requestContext(c, req),
	})
	if decision == policy.Allow {
		return denial{}, true
	}
	return denial{principal: c.arn, action: action, resource: resource, by: bySessionPolicy, explicit: decision == policy.ExplicitDeny}, false
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
