package scenario

import (
	"fmt"
	"time"

	"github.com/mfa-demo/mfa-demo/aws"
)

// maxClockSkew is how far the local clock may be from AWS's: further, and the codes this
// computer's clock gives are more than a 30-second window off, which AWS refuses.
const maxClockSkew = 30 * time.Second

// ClockSkewError is a local clock too far from AWS's for the demo. AWS refuses requests
// signed more than 15 minutes off (the SDK hides that by correcting its signing time from
// AWS's Date header), and refuses MFA codes computed from a clock a window or more off
// (nothing corrects that).
type ClockSkewError struct {
	// Skew is AWS's time minus the local time: positive when the local clock is behind.
	Skew time.Duration
	// Err is AWS's refusal, when the skew caused one; nil when it was seen in an answer.
	Err error
}

func (e *ClockSkewError) Error() string {
	way := "behind"
	skew := e.Skew
	if skew < 0 {
		way, skew = "ahead of", -skew
	}
	msg := fmt.Sprintf("your clock is off by about %s (%s AWS's) — fix the system time: AWS refuses requests signed more than "+
		"15 minutes off, and MFA codes depend on the clock too (an authenticator computes them from the time, so codes "+
		"from a clock this far off are refused)", skew.Round(time.Second), way)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *ClockSkewError) Unwrap() error { return e.Err }

// clockSkew measures how far the local clock is from the time of the last answer in log
// that carried one (its Date, whole seconds), and reports whether there was such an answer.
func (d *Demo) clockSkew(log *aws.CallLog, answeredAt time.Time) (time.Duration, bool) {
	entries := log.Calls()
	for i := len(entries) - 1; i >= 0; i-- {
		if t := entries[i].ServerTime; !t.IsZero() {
			// The Date header drops the fraction of a second: compare like with like.
			return t.Sub(answeredAt.Truncate(time.Second)), true
		}
	}
	return 0, false
}

// checkClock turns a skew beyond maxClockSkew into a ClockSkewError, wrapping err (the
// call's refusal, if any).
func (d *Demo) checkClock(log *aws.CallLog, answeredAt time.Time, err error) (time.Duration, error) {
	skew, ok := d.clockSkew(log, answeredAt)
	if !ok || (skew <= maxClockSkew && skew >= -maxClockSkew) {
		return skew, err
	}
	return skew, &ClockSkewError{Skew: skew, Err: err}
}
