package emulator

import (
	"net/http"
	"strconv"
	"time"

	"github.com/mfa-demo/mfa-demo/aws/emulator/policy"
)

// What AssumeRoleWithWebIdentity and AssumeRoleWithSAML share once the token or assertion
// is verified: the role's trust policy decides for the provider's principal, the session
// lasts what the caller asked within the role's MaxSessionDuration, and session policies
// may cut it down.

type assumedRoleUser struct {
	AssumedRoleID string `xml:"AssumedRoleId"`
	Arn           string `xml:"Arn"`
}

// federatedGrant is a verified federated identity asking for a role.
type federatedGrant struct {
	action      string // sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML
	roleARN     string
	sessionName string
	principal   string         // the provider: Principal {"Federated": …} in trust policies
	context     policy.Context // the provider's condition keys (web identity or SAML)
}

// federatedSession is what assumeFederated issues.
type federatedSession struct {
	cred   *credential
	user   assumedRoleUser
	packed int
}

// errFederatedDenied is STS's refusal when the role does not exist or its trust policy
// does not let the provider in: "Not authorized to perform sts:AssumeRoleWithSAML"
// (IAM user guide, "Troubleshoot SAML federation with IAM"), likewise for web identity.
func errFederatedDenied(action string) *apiError {
	return newError(http.StatusForbidden, "AccessDenied", "Not authorized to perform %s", action)
}

// assumeFederated evaluates the role's trust policy for the grant and issues the role
// session. The request is unsigned: the trust policy is the only policy that decides.
func (e *Emulator) assumeFederated(req *request, g federatedGrant) (*federatedSession, *apiError) {
	rl, ok := e.roleByARN(g.roleARN)
	if !ok {
		return nil, errFederatedDenied(g.action)
	}
	ctx := policy.Context{
		"aws:CurrentTime":       {req.now.UTC().Format(time.RFC3339)},
		"aws:EpochTime":         {strconv.FormatInt(req.now.Unix(), 10)},
		"aws:SecureTransport":   {"false"},
		"aws:RequestedRegion":   {req.region},
		"aws:FederatedProvider": {g.principal},
	}
	for k, v := range g.context {
		ctx[k] = v
	}
	trustReq := policy.Request{Action: g.action, Resource: g.roleARN, Principal: g.principal, Context: ctx}
	if trust := e.grantsAt(rl, req.now).trust; trust == nil || trust.Evaluate(trustReq) != policy.Allow {
		return nil, errFederatedDenied(g.action)
	}
	// The model allows 900–43200 seconds; the role's MaxSessionDuration bounds it further.
	ttl, aerr := durationSeconds(req, 3600, 43200)
	if aerr != nil {
		return nil, aerr
	}
	if ttl > time.Duration(rl.maxSession)*time.Second {
		return nil, errValidation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
	}
	sp, packed, aerr := readSessionPolicies(req)
	if aerr != nil {
		return nil, aerr
	}
	s := e.issueSession(credential{roleName: lowerName(rl.name), sessionName: g.sessionName}, req.now, ttl, false)
	s.provider, s.session = g.principal, sp
	return &federatedSession{
		cred:   s,
		packed: packed,
		user: assumedRoleUser{
			AssumedRoleID: rl.id + ":" + g.sessionName,
			Arn:           "arn:aws:sts::" + e.account + ":assumed-role/" + rl.name + "/" + g.sessionName,
		},
	}, nil
}

// roleSessionName reads RoleSessionName; the validation layer has held it to the STS
// model's 2–64 characters of [\w+=,.@-].
func roleSessionName(req *request) (string, *apiError) {
	return req.required("RoleSessionName")
}

// roleARNParam reads RoleArn (or PrincipalArn) with the model's length of 20–2048.
func roleARNParam(req *request, param string) (string, *apiError) {
	v, aerr := req.required(param)
	if aerr != nil {
		return "", aerr
	}
	if len(v) < 20 || len(v) > 2048 {
		return "", errValidation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length greater than or equal to 20", v, lowerFirst(param))
	}
	return v, nil
}
