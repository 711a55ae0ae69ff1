package emulator

import (
	"time"
)

// roleChainLimit caps the sessions of roles assumed with role-session credentials: "role
// chaining limits your AWS CLI or AWS API role session to a maximum of one hour" (IAM
// User Guide, id_roles_terms-and-concepts.html#iam-term-role-chaining).
const roleChainLimit = time.Hour

// roleSessionLimit checks an AssumeRole's DurationSeconds, already within the service
// model's 900..43200, against what the role and the caller allow, with STS's
// ValidationError texts (as AWS answers them, e.g. aws-vault's reports of both).
// Role chaining is checked first: its hour applies whatever the role allows.
func roleSessionLimit(c *caller, rl *role, ttl time.Duration) *apiError {
	switch {
	case c.role != nil && ttl > roleChainLimit:
		return errValidation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
	case ttl > time.Duration(rl.maxSession)*time.Second:
		return errValidation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
	}
	return nil
}

// sessionMFA is the MFA context a new role session carries: that of this AssumeRole's
// own code, or else the caller's session's, from when its code was checked. AWS sets
// aws:MultiFactorAuthPresent for temporary credentials "validated" with MFA (AWS global
// condition context keys), and a role assumed from an MFA GetSessionToken session
// keeps that context (IAM User Guide, "Configuring MFA-protected API access"; Praetorian,
// "sts:GetSessionToken role chaining in AWS", confirmed by AWS in 2022).
func sessionMFA(c *caller, codeChecked bool, now time.Time) (mfa bool, at time.Time) {
	switch {
	case codeChecked:
		return true, now
	case c.isSession() && c.cred.mfa:
		return true, c.cred.mfaAt
	}
	return false, time.Time{}
}
