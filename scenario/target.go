package scenario

import (
	"net/url"
	"strings"
)

// String names the target the way journals and messages spell it.
func (t TargetKind) String() string {
	switch t {
	case TargetEmulator:
		return "emulator"
	case TargetEndpoint:
		return "endpoint"
	case TargetLive:
		return "live"
	}
	return "unknown"
}

// IsRootArn reports whether arn is an account's root user (arn:PARTITION:iam::ACCOUNT:root),
// whose credentials the demo refuses: they cannot be restricted, and a leaked root key is
// the account.
func IsRootArn(arn string) bool {
	parts := strings.Split(arn, ":")
	return len(parts) == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[5] == "root"
}

// SameEndpoint reports whether two endpoint URLs name the same target: the scheme and the
// host are compared without regard to case, a default port (80 for http, 443 for https)
// is the same as none, and a trailing slash changes nothing.
func SameEndpoint(a, b string) bool { return normalEndpoint(a) == normalEndpoint(b) }

// normalEndpoint is an endpoint URL in the one spelling SameEndpoint compares; a string
// that does not parse as a URL is compared as it is.
func normalEndpoint(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return s
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	u.Host = host
	if strings.Contains(host, ":") {
		u.Host = "[" + host + "]"
	}
	if port != "" {
		u.Host += ":" + port
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u.String()
}
