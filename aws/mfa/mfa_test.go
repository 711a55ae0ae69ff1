package mfa_test

import (
	"testing"
	"time"

	"github.com/mfa-demo/mfa-demo/aws/mfa"
)

// rfcSeed is the SHA-1 key of RFC 6238's test vectors, the ASCII "12345678901234567890", in base32.
const rfcSeed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

// TestCodeRFC6238 checks the SHA-1 vectors of RFC 6238 Appendix B, cut to 6 digits (the
// last six of the RFC's eight: both are the same HOTP value modulo a power of ten).
func TestCodeRFC6238(t *testing.T) {
	tests := []struct {
		unix int64
		step int64
		want string // the RFC's 8-digit code in the comment
	}{
		{59, 1, "287082"},                  // 94287082
		{1111111109, 37037036, "081804"},   // 07081804
		{1111111111, 37037037, "050471"},   // 14050471
		{1234567890, 41152263, "005924"},   // 89005924
		{2000000000, 66666666, "279037"},   // 69279037
		{20000000000, 666666666, "353130"}, // 65353130
	}
	for _, tt := range tests {
		at := time.Unix(tt.unix, 0)
		if got := mfa.Step(at); got != tt.step {
			t.Errorf("Step(%d) = %d, want %d", tt.unix, got, tt.step)
		}
		if got, err := mfa.Code(rfcSeed, at); err != nil || got != tt.want {
			t.Errorf("Code(RFC seed, %d) = %q, %v; want %q", tt.unix, got, err, tt.want)
		}
		if got, err := mfa.CodeAt(rfcSeed, tt.step); err != nil || got != tt.want {
			t.Errorf("CodeAt(RFC seed, %d) = %q, %v; want %q", tt.step, got, err, tt.want)
		}
	}
}

func TestCodeOfABadSeed(t *testing.T) {
	if code, err := mfa.CodeAt("not base32!", 1); err == nil || code != "" {
		t.Errorf("CodeAt(bad seed) = %q, %v; want an error", code, err)
	}
}

func TestStepBoundaries(t *testing.T) {
	tests := []struct {
		at   time.Time
		step int64
	}{
		{time.Unix(0, 0), 0},
		{time.Unix(29, 999_999_999), 0},
		{time.Unix(30, 0), 1},
		{time.Unix(59, 999_999_999), 1},
		{time.Unix(60, 0), 2},
		{time.Date(2026, 11, 2, 9, 30, 13, 0, time.UTC), 59_787_060},
	}
	for _, tt := range tests {
		if got := mfa.Step(tt.at); got != tt.step {
			t.Errorf("Step(%s) = %d, want %d", tt.at.Format(time.RFC3339Nano), got, tt.step)
		}
		start := mfa.StepStart(tt.step)
		if start.After(tt.at) || !mfa.StepStart(tt.step+1).After(tt.at) {
			t.Errorf("%s is not in [StepStart(%d), StepStart(%d)) = [%s, %s)", tt.at, tt.step, tt.step+1, start, mfa.StepStart(tt.step+1))
		}
		if got := mfa.StepStart(tt.step + 1).Sub(start); got != mfa.Period {
			t.Errorf("step %d lasts %s, want %s", tt.step, got, mfa.Period)
		}
	}
}

func TestURI(t *testing.T) {
	const seed = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	tests := []struct {
		name, device, account, want string
	}{
		{"account ID", "trainee-phone", "123456789012", "otpauth://totp/trainee-phone@123456789012?secret=" + seed},
		{"account alias", "mfa-demo-mfa-abcd1234", "my-training", "otpauth://totp/mfa-demo-mfa-abcd1234@my-training?secret=" + seed},
		{"every character IAM allows in a name", "Az_09+=,.@-", "123456789012", "otpauth://totp/Az_09+=,.@-@123456789012?secret=" + seed},
		{"characters that would break the URI", "my phone?#100%", "123456789012", "otpauth://totp/my%20phone%3F%23100%25@123456789012?secret=" + seed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mfa.URI(tt.device, tt.account, seed); got != tt.want {
				t.Errorf("URI(%q, %q) = %q, want %q", tt.device, tt.account, got, tt.want)
			}
		})
	}
}
