package scenario

import "strings"

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
