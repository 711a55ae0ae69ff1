package policy

import (
	"strings"
)

// principalSet is a parsed Principal or NotPrincipal element.
type principalSet struct {
	anyone bool
	// byType maps "AWS", "Service", "Federated" and "CanonicalUser" to their values.
	byType map[string][]string
}

var principalTypes = map[string]bool{"AWS": true, "Service": true, "Federated": true, "CanonicalUser": true}

func parsePrincipal(v jsonValue) (*principalSet, error) {
	if v.kind == jsonString {
		if v.text != "*" {
			return nil, malformed(msgSyntax)
		}
		return &principalSet{anyone: true}, nil
	}
	if v.kind != jsonObject || len(v.members) == 0 {
		return nil, malformed(msgSyntax)
	}
	ps := &principalSet{byType: map[string][]string{}}
	for _, m := range v.members {
		if !principalTypes[m.key] {
			return nil, malformed(msgSyntax)
		}
		values, ok := stringList(m.value)
		if !ok || len(values) == 0 {
			return nil, malformed(msgSyntax)
		}
		for _, val := range values {
			if val == "" || (m.key == "AWS" && val != "*" && !isAccountID(val) && !strings.HasPrefix(val, "arn:")) {
				return nil, malformed("Invalid principal in policy: %q:%q", m.key, val)
			}
			if m.key == "AWS" && val == "*" {
				ps.anyone = true
			}
		}
		ps.byType[m.key] = values
	}
	return ps, nil
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// matches reports whether the request's caller is one of the principals.
func (ps *principalSet) matches(r Request) bool {
	if ps.anyone {
		return true
	}
	for _, v := range ps.byType["AWS"] {
		if awsPrincipalMatches(v, r) {
			return true
		}
	}
	for _, typ := range []string{"Service", "Federated", "CanonicalUser"} {
		for _, v := range ps.byType[typ] {
			if r.Principal != "" && v == r.Principal {
				return true
			}
		}
	}
	return false
}

// awsPrincipalMatches compares one "AWS" principal value with the caller. An account
// ID or the account's root ARN stands for every principal of that account; a role
// ARN also matches that role's sessions (arn:aws:sts::ACCT:assumed-role/NAME/SESSION).
func awsPrincipalMatches(v string, r Request) bool {
	if r.Principal != "" && v == r.Principal {
		return true
	}
	account := accountOf(r)
	if account == "" {
		return false
	}
	if isAccountID(v) {
		return v == account
	}
	parts := strings.SplitN(v, ":", 6)
	if len(parts) != 6 || parts[2] != "iam" || parts[4] != account {
		return false
	}
	if parts[5] == "root" {
		return true
	}
	roleName, isRole := strings.CutPrefix(parts[5], "role/")
	if !isRole {
		return false
	}
	if i := strings.LastIndexByte(roleName, '/'); i >= 0 {
		roleName = roleName[i+1:]
	}
	callerParts := strings.SplitN(r.Principal, ":", 6)
	if len(callerParts) != 6 || callerParts[2] != "sts" || callerParts[4] != account {
		return false
	}
	session, ok := strings.CutPrefix(callerParts[5], "assumed-role/")
	if !ok {
		return false
	}
	name, _, _ := strings.Cut(session, "/")
	return name == roleName
}

// accountOf is the caller's account: Request.Account, or else the account field of
// its ARN.
func accountOf(r Request) string {
	if r.Account != "" {
		return r.Account
	}
	parts := strings.SplitN(r.Principal, ":", 6)
	if len(parts) == 6 && parts[0] == "arn" {
		return parts[4]
	}
	return ""
}
