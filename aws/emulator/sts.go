package emulator

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

type getCallerIdentityResult struct {
	UserID  string `xml:"UserId"`
	Account string `xml:"Account"`
	Arn     string `xml:"Arn"`
}

// getCallerIdentity needs no permission: AWS answers it even when every action is denied.
func getCallerIdentity(e *Emulator, req *request) (any, *apiError) {
	c := req.caller
	return getCallerIdentityResult{UserID: c.userID, Account: e.account, Arn: c.arn}, nil
}

type xmlCredentials struct {
	AccessKeyID     string `xml:"AccessKeyId"`
	SecretAccessKey string `xml:"SecretAccessKey"`
	SessionToken    string `xml:"SessionToken"`
	Expiration      string `xml:"Expiration"`
}

type getSessionTokenResult struct {
	Credentials xmlCredentials `xml:"Credentials"`
}

// errMFACode and errMFASerial are STS's two MFA refusals.
func errMFACode() *apiError {
	return newError(http.StatusForbidden, "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code.")
}

// errMFAPair answers a SerialNumber without a TokenCode or the reverse: AccessDenied,
// as the STS API reference says of AssumeRole's TokenCode ("if the TokenCode value is
// missing … the AssumeRole call returns an "access denied" error"), worded as AWS
// answers it (quoted in y13i/sgviz#9 from aws-sdk-ruby's Aws::STS::Errors::AccessDenied).
func errMFAPair() *apiError {
	return newError(http.StatusForbidden, "AccessDenied", "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.")
}

func errMFASerial() *apiError {
	return newError(http.StatusForbidden, "AccessDenied", "MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.")
}

// checkMFA validates the SerialNumber and TokenCode of a GetSessionToken or AssumeRole
// call. It reports whether the call carries a valid MFA code; a call with neither
// parameter is simply without MFA. The caller calls spend once the call succeeds, which
// marks the code's step used.
func (e *Emulator) checkMFA(req *request) (mfa bool, spend func(), aerr *apiError) {
	none := func() {}
	serial, code := req.get("SerialNumber"), req.get("TokenCode")
	if serial == "" && code == "" {
		return false, none, nil
	}
	if serial == "" || code == "" {
		return false, none, errMFAPair()
	}
	u := req.caller.user
	if u == nil {
		return false, none, errMFASerial()
	}
	d, ok := e.assignedDevice(u, serial)
	if !ok {
		return false, none, errMFASerial()
	}
	spend, ok = d.acceptCode(code, req.now)
	if !ok {
		return false, none, errMFACode()
	}
	return true, spend, nil
}

// durationSeconds reads DurationSeconds within [900, max], defaulting to def.
func durationSeconds(req *request, def, max int) (time.Duration, *apiError) {
	v := req.get("DurationSeconds")
	if v == "" {
		return time.Duration(def) * time.Second, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 900 {
		return 0, errValidation("1 validation error detected: Value '%s' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900", v)
	}
	if n > max {
		return 0, errValidation("1 validation error detected: Value '%s' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to %d", v, max)
	}
	return time.Duration(n) * time.Second, nil
}

// issueSession stores new temporary credentials derived from cred.
func (e *Emulator) issueSession(cred credential, now time.Time, ttl time.Duration, mfa bool) *credential {
	s := &credential{
		accessKeyID:  newID("ASIA"),
		secret:       newSecret(),
		sessionToken: newSessionToken(),
		created:      now,
		expires:      now.Add(ttl),
		userName:     cred.userName,
		roleName:     cred.roleName,
		sessionName:  cred.sessionName,
		mfa:          mfa,
	}
	if mfa {
		s.mfaAt = now
	}
	e.pruneSessions(now)
	e.creds[s.accessKeyID] = s
	return s
}

// pruneSessions forgets long-expired sessions so a long-running emulator does not grow.
// It sweeps at most once a minute, keeping issuing a session cheap.
func (e *Emulator) pruneSessions(now time.Time) {
	if now.Sub(e.lastPrune) < time.Minute {
		return
	}
	e.lastPrune = now
	for id, c := range e.creds {
		if c.sessionToken != "" && now.After(c.expires.Add(time.Hour)) {
			delete(e.creds, id)
		}
	}
}

func (s *credential) xml() xmlCredentials {
	return xmlCredentials{AccessKeyID: s.accessKeyID, SecretAccessKey: s.secret, SessionToken: s.sessionToken, Expiration: timestamp(s.expires)}
}

// getSessionToken needs no permission ("you cannot use policies to control
// authentication operations"), but refuses session credentials.
func getSessionToken(e *Emulator, req *request) (any, *apiError) {
	c := req.caller
	if c.isSession() {
		return nil, newError(http.StatusForbidden, "AccessDenied", "Cannot call GetSessionToken with session credentials")
	}
	ttl, aerr := durationSeconds(req, 43200, 129600)
	if aerr != nil {
		return nil, aerr
	}
	mfa, spend, aerr := e.checkMFA(req)
	if aerr != nil {
		return nil, aerr
	}
	spend()
	s := e.issueSession(c.cred, req.now, ttl, mfa)
	return getSessionTokenResult{Credentials: s.xml()}, nil
}

type assumeRoleResult struct {
	Credentials     xmlCredentials `xml:"Credentials"`
	AssumedRoleUser struct {
		AssumedRoleID string `xml:"AssumedRoleId"`
		Arn           string `xml:"Arn"`
	} `xml:"AssumedRoleUser"`
	PackedPolicySize int `xml:"PackedPolicySize"`
}

// roleByARN finds a role of this account by its full ARN (path included).
func (e *Emulator) roleByARN(arn string) (*role, bool) {
	i := strings.LastIndex(arn, "/")
	if i < 0 {
		return nil, false
	}
	r, ok := e.roles[lowerName(arn[i+1:])]
	if !ok || e.roleARN(r.path, r.name) != arn {
		return nil, false
	}
	return r, true
}

// assumeRole needs both the role's trust policy and the caller's identity policies
// to allow sts:AssumeRole (the admin is exempt from the latter only). The trust policy
// sees the caller's request context, with the MFA keys set when this call carries a
// valid code, as AWS does. The session's duration and MFA context are in sts_sessions.go.
func assumeRole(e *Emulator, req *request) (any, *apiError) {
	c := req.caller
	roleARN, aerr := req.required("RoleArn")
	if aerr != nil {
		return nil, aerr
	}
	sessionName, aerr := req.required("RoleSessionName")
	if aerr != nil {
		return nil, aerr
	}
	requested, aerr := durationSeconds(req, 3600, 43200)
	if aerr != nil {
		return nil, aerr
	}
	mfa, spend, aerr := e.checkMFA(req)
	if aerr != nil {
		return nil, aerr
	}
	rl, _ := e.roleByARN(roleARN)
	ctx := e.requestContext(c, req)
	if mfa {
		ctx["aws:MultiFactorAuthPresent"] = []string{"true"}
		ctx["aws:MultiFactorAuthAge"] = []string{"0"}
	}
	if d, ok := e.evaluateTrust(req, rl, roleARN, ctx); !ok {
		return nil, d.apiError()
	}
	if aerr := e.authorize(req, "sts:AssumeRole", roleARN); aerr != nil {
		return nil, aerr
	}
	if aerr := roleSessionLimit(c, rl, requested); aerr != nil {
		return nil, aerr
	}
	// Only a granted session spends the code: a refusal leaves it for another try.
	spend()
	mfa, mfaAt := sessionMFA(c, mfa, req.now)
	s := e.issueSession(credential{roleName: lowerName(rl.name), sessionName: sessionName}, req.now, requested, mfa)
	s.mfaAt = mfaAt
	res := assumeRoleResult{Credentials: s.xml()}
	res.AssumedRoleUser.AssumedRoleID = rl.id + ":" + sessionName
	res.AssumedRoleUser.Arn = "arn:aws:sts::" + e.account + ":assumed-role/" + rl.name + "/" + sessionName
	return res, nil
}
