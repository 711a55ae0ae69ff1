package scenario

import (
	"fmt"
	"time"

	"github.com/mfa-demo/mfa-demo/aws"
)

// maxClockSkew is how far the local clock may be from AWS's before a refused request is put
// down to the clock: AWS accepts MFA codes one 30-second window either side, and requests
// signed up to 15 minutes off.
const maxClockSkew = 30 * time.Second

// ClockWarning is the skew from which step 0 warns: an authenticator whose clock is off like
// this computer's gives codes that AWS may refuse near a window's end (further than 30 s,
// always). The demo's own code checks and built-in authenticator use AWS's time (see
// awsNow), so the run goes on.
const ClockWarning = 10 * time.Second

// ClockSkewError is a request AWS refused with the local clock too far from AWS's to be a
// coincidence: AWS refuses requests signed more than 15 minutes off (the SDK corrects its
// signing time from AWS's Date header unless told not to). Only this stops the demo: a
// skewed clock that AWS's answers could be corrected for is a warning (WhoAmIResult.ClockSkew).
type ClockSkewError struct {
	// Skew is AWS's time minus the local time: positive when the local clock is behind.
	Skew time.Duration
	// Err is AWS's refusal.
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

// checkClock measures the skew and keeps it for awsNow; a call refused with a skew beyond
// maxClockSkew becomes a ClockSkewError wrapping the refusal.
func (d *Demo) checkClock(log *aws.CallLog, answeredAt time.Time, err error) (time.Duration, error) {
	skew, ok := d.clockSkew(log, answeredAt)
	if !ok {
		return 0, err
	}
	if skew.Abs() > measurable {
		d.mu.Lock()
		d.skew = skew
		d.mu.Unlock()
	}
	if err == nil || skew.Abs() <= maxClockSkew {
		return skew, err
	}
	return skew, &ClockSkewError{Skew: skew, Err: err}
}

// measurable is the skew below which the measurement (AWS's Date has whole seconds) is noise.
const measurable = 2 * time.Second

// awsNow is AWS's time as this run measured it: the TOTP windows of the code checks and of
// the built-in authenticator follow AWS's clock, not a local clock that is off.
func (d *Demo) awsNow() time.Time {
	d.mu.Lock()
	skew := d.skew
	d.mu.Unlock()
	return d.env.Now().Add(skew)
}
