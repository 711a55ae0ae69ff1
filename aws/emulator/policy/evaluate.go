package policy

import (
	"strings"
)

// Request is one authorization question.
type Request struct {
	// Action is "service:Action", e.g. "s3:ListAllMyBuckets"; it compares case-insensitively.
	Action string
	// Resource is the ARN acted on, e.g. "arn:aws:s3:::*" or a role ARN; it compares case-sensitively.
	Resource string
	// Principal is the caller's ARN (or service name), matched by trust policies'
	// Principal and NotPrincipal.
	Principal string
	// Account is the caller's account ID: Principal {"AWS": "123456789012"} and
	// "arn:aws:iam::123456789012:root" match every principal of that account.
	// When empty, the account field of Principal is used.
	Account string
	// Context holds the request's condition keys.
	Context Context
}

// Context holds condition keys and their values. Keys compare case-insensitively;
// a key that is not in the map, or has no values, is absent.
type Context map[string][]string

// Lookup returns the values of key, compared case-insensitively, and whether it is present.
func (c Context) Lookup(key string) ([]string, bool) {
	if v, ok := c[key]; ok {
		return v, len(v) > 0
	}
	for k, v := range c {
		if strings.EqualFold(k, key) {
			return v, len(v) > 0
		}
	}
	return nil, false
}

// Decision is the outcome of evaluating a request.
type Decision int

const (
	// NotApplicable means no statement applies: the request is implicitly (by default) denied.
	NotApplicable Decision = iota
	// Allow means an Allow statement applies and no Deny statement does.
	Allow
	// ExplicitDeny means a Deny statement applies.
	ExplicitDeny
)

// String gives the decision as SimulatePrincipalPolicy's EvalDecision names it.
func (d Decision) String() string {
	switch d {
	case Allow:
		return "allowed"
	case ExplicitDeny:
		return "explicitDeny"
	}
	return "implicitDeny"
}

// Evaluate gives the decision of this one document for the request.
func (p *Policy) Evaluate(r Request) Decision {
	d, _ := p.EvaluateDetail(r)
	return d
}

// EvaluateDetail gives the decision of this document and the indexes (into
// Statements) of the statements that decided it: every applying Deny statement for
// ExplicitDeny, every applying Allow statement for Allow, none for NotApplicable.
func (p *Policy) EvaluateDetail(r Request) (Decision, []int) {
	if p == nil {
		return NotApplicable, nil
	}
	action := strings.ToLower(r.Action)
	var allows, denies []int
	for i := range p.Statements {
		if !p.Statements[i].applies(action, r) {
			continue
		}
		if p.Statements[i].Effect == "Deny" {
			denies = append(denies, i)
		} else {
			allows = append(allows, i)
		}
	}
	return decide(allows, denies)
}

// decide applies IAM's precedence to the statements that applied: any Deny wins, then any
// Allow; with neither, the request is implicitly denied.
func decide[T any](allows, denies []T) (Decision, []T) {
	switch {
	case len(denies) > 0:
		return ExplicitDeny, denies
	case len(allows) > 0:
		return Allow, allows
	}
	return NotApplicable, nil
}

// Match names one deciding statement among several policies.
type Match struct {
	// Policy is the index of the policy among those given to EvaluateDetail.
	Policy int
	// Statement is the index of the statement in that policy's Statements.
	Statement int
}

// Evaluate combines several policies as IAM does: an explicit Deny in any of them
// wins, otherwise any Allow allows, otherwise the request is implicitly denied.
// Nil policies are skipped.
func Evaluate(r Request, policies ...*Policy) Decision {
	d, _ := EvaluateDetail(r, policies...)
	return d
}

// EvaluateDetail is Evaluate that also reports the statements that decided: every
// applying Deny for ExplicitDeny, every applying Allow for Allow, none for
// NotApplicable. The emulator's SimulatePrincipalPolicy turns them into MatchedStatements.
func EvaluateDetail(r Request, policies ...*Policy) (Decision, []Match) {
	var allows, denies []Match
	for pi, p := range policies {
		d, idx := p.EvaluateDetail(r)
		for _, si := range idx {
			m := Match{Policy: pi, Statement: si}
			if d == ExplicitDeny {
				denies = append(denies, m)
			} else {
				allows = append(allows, m)
			}
		}
	}
	return decide(allows, denies)
}

// applies reports whether the statement covers the request: principal, action,
// resource and every condition match. action is r.Action in lower case.
func (s *Statement) applies(action string, r Request) bool {
	if s.principals != nil && s.principals.matches(r) == s.notPrincipal {
		return false
	}
	if s.actionMatches(action) == s.notAction {
		return false
	}
	if s.hasResource && !s.resourceMatches(r) {
		return false
	}
	for i := range s.conditions {
		if !s.conditions[i].evaluate(r.Context) {
			return false
		}
	}
	return true
}

func (s *Statement) actionMatches(action string) bool {
	for _, a := range s.actions {
		if globMatch(a, action) {
			return true
		}
	}
	return false
}

// resourceMatches applies Resource or NotResource. An entry whose policy variable the
// request cannot supply matches nothing, and makes a NotResource statement not apply
// at all, since AWS cannot tell whether the resource is excluded.
func (s *Statement) resourceMatches(r Request) bool {
	for _, rp := range s.resources {
		matched, resolved := rp.match(r.Resource, r.Context)
		if !resolved && s.notResource {
			return false
		}
		if matched {
			return !s.notResource
		}
	}
	return s.notResource
}
