package emulator

import (
	"maps"
	"slices"
	"time"

	"github.com/mfa-demo/mfa-demo/aws/emulator/policy"
)

// grants are the policies that decide what a principal may do: its inline and attached
// identity policies and, for a role, its trust policy.
type grants struct {
	inline   policySet
	attached []string
	trust    *policy.Policy
}

// propagation is what requests see of a principal's policies when changes take
// Options.PropagationDelay to arrive: the state that took effect, and the changes still
// on their way, oldest first. IAM's own reads (GetUserPolicy, SimulatePrincipalPolicy, …)
// see the stored state at once, as on AWS.
type propagation struct {
	effective grants
	pending   []pendingGrants
}

type pendingGrants struct {
	at     time.Time
	grants grants
}

// snapshot copies the stored grants, so later changes to the maps and slices do not
// reach a state already recorded.
func (g grants) snapshot() grants {
	return grants{inline: maps.Clone(g.inline), attached: slices.Clone(g.attached), trust: g.trust}
}

// record notes that the stored grants changed at now; requests see the change from
// now+delay on.
func (p *propagation) record(g grants, now time.Time, delay time.Duration) {
	p.pending = append(p.pending, pendingGrants{at: now.Add(delay), grants: g})
}

// at returns the grants in effect at now, folding in the changes that have arrived.
func (p *propagation) at(now time.Time) grants {
	n := 0
	for n < len(p.pending) && !now.Before(p.pending[n].at) {
		p.effective = p.pending[n].grants
		n++
	}
	p.pending = p.pending[n:]
	return p.effective
}

// policiesChanged records a change to a user's inline or attached policies, or to a
// role's trust, inline or attached policies.
func (e *Emulator) policiesChanged(p principal, now time.Time) {
	if e.delay > 0 {
		p.perms().seen.record(p.grants().snapshot(), now, e.delay)
	}
}

// grantsAt are the user's or role's policies as a request at now sees them.
func (e *Emulator) grantsAt(p principal, now time.Time) grants {
	if e.delay == 0 {
		return p.grants()
	}
	return p.perms().seen.at(now)
}

// keyVisible reports whether a user's access key has reached the endpoints that check
// signatures: a new key is unknown there for PropagationDelay.
func (c credential) keyVisible(now time.Time) bool {
	return !now.Before(c.visibleAt)
}
