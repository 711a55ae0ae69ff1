// Package mfa is TOTP as AWS virtual MFA devices use it (RFC 6238 with HMAC-SHA1, 30-second
// steps, 6 digits) and the otpauth URI their QR code encodes. The emulator that checks codes,
// the scenario that generates them and the front ends that count down the window all take
// these parameters from here, so they cannot drift apart. It imports neither.
package mfa

import (
	"fmt"
	"net/url"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// Period is the length of one TOTP step: a device shows a new code every Period.
const Period = 30 * time.Second

// Digits is the length of a code.
const Digits = 6

const periodSeconds = int64(Period / time.Second)

var opts = totp.ValidateOpts{Period: uint(periodSeconds), Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// Step is the number of the step t falls in: the RFC 6238 counter, Unix seconds over Period.
func Step(t time.Time) int64 { return t.Unix() / periodSeconds }

// StepStart is the moment step begins; the step ends when step+1 begins.
func StepStart(step int64) time.Time { return time.Unix(step*periodSeconds, 0) }

// CodeAt is the code a device with this base32 seed shows during step. It fails only when
// the seed is not base32.
func CodeAt(seed string, step int64) (string, error) {
	code, err := totp.GenerateCodeCustom(seed, StepStart(step), opts)
	if err != nil {
		return "", fmt.Errorf("TOTP code of step %d: %w", step, err)
	}
	return code, nil
}

// Code is the code a device with this base32 seed shows at t.
func Code(seed string, t time.Time) (string, error) { return CodeAt(seed, Step(t)) }

// URI is what the QR code of a virtual MFA device encodes, in IAM's short form:
// otpauth://totp/NAME@ACCOUNT?secret=SEED, where ACCOUNT is the account alias if set, else
// the account ID. It carries no issuer, algorithm, digits or period: a longer URI does not fit
// an 80×24 terminal as a QR code, and the defaults of authenticator apps are AWS's parameters.
// The label is escaped as a URI path, which leaves every valid IAM device name ([\w+=,.@-]+)
// and account as it is and escapes only what would break the URI (a space, '?', '#', '%').
// The seed is base32 text, which a query needs no escaping for.
func URI(deviceName, account, seed string) string {
	u := url.URL{Scheme: "otpauth", Host: "totp", Path: "/" + deviceName + "@" + account, RawQuery: "secret=" + seed}
	return u.String()
}
