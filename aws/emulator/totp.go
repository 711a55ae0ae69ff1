package emulator

import (
	"crypto/subtle"
	"slices"
	"time"

	"github.com/mfa-demo/mfa-demo/aws/mfa"
)

// Acceptance windows, in steps around the server's current step. AWS publishes none;
// these are the model AWS-BEHAVIOUR.md prescribes.
const (
	signInWindow = 1  // GetSessionToken, AssumeRole, EnableMFADevice
	resyncWindow = 10 // ResyncMFADevice
)

// replayMemory is how many steps back accepted steps are remembered; older steps fall
// outside every window anyway.
const replayMemory = 2*resyncWindow + 2

// codeMatches reports whether code is the one a device with this seed shows during step.
// A seed the emulator issued always decodes.
func codeMatches(seed string, step int64, code string) bool {
	want, err := mfa.CodeAt(seed, step)
	return err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1
}

// acceptCode checks a single code within ±signInWindow steps and refuses a step this
// device has already spent. The step is spent only when the caller calls spend, once the
// whole request has succeeded: a call refused for another reason (AssumeRole on a trust
// policy not yet in force) leaves the code usable for another try within its window.
func (d *mfaDevice) acceptCode(code string, now time.Time) (spend func(), ok bool) {
	cur := mfa.Step(now)
	for step := cur - signInWindow; step <= cur+signInWindow; step++ {
		if !slices.Contains(d.usedSteps, step) && codeMatches(d.seed, step, code) {
			return func() { d.remember(cur, step) }, true
		}
	}
	return nil, false
}

// acceptPair checks two codes from consecutive steps s and s+1, both within ±window steps
// of now and neither used before. On success both steps are remembered.
func (d *mfaDevice) acceptPair(code1, code2 string, now time.Time, window int64) bool {
	cur := mfa.Step(now)
	for s := cur - window; s+1 <= cur+window; s++ {
		if slices.Contains(d.usedSteps, s) || slices.Contains(d.usedSteps, s+1) {
			continue
		}
		if codeMatches(d.seed, s, code1) && codeMatches(d.seed, s+1, code2) {
			d.remember(cur, s, s+1)
			return true
		}
	}
	return false
}

func (d *mfaDevice) remember(cur int64, steps ...int64) {
	d.usedSteps = slices.DeleteFunc(d.usedSteps, func(s int64) bool { return s < cur-replayMemory })
	d.usedSteps = append(d.usedSteps, steps...)
}
