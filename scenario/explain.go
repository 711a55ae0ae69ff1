package scenario

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// ConditionCheck is what IAM's policy simulator decides for the demo user's listing with
// aws:MultiFactorAuthPresent false and true, from the policies IAM has stored. The simulator
// sees a policy at once, so it tells whether a refusal comes from the MFA condition even while
// the policy is still propagating (when the refusal could also be the policy not yet in force).
type ConditionCheck struct {
	WithoutMFA string // the EvalDecision: "allowed", "implicitDeny" or "explicitDeny"
	WithMFA    string
}

// FromCondition reports whether the MFA condition alone makes the difference: denied when
// aws:MultiFactorAuthPresent is false, allowed when it is true.
func (c ConditionCheck) FromCondition() bool {
	return c.WithoutMFA != string(iamtypes.PolicyEvaluationDecisionTypeAllowed) &&
		c.WithMFA == string(iamtypes.PolicyEvaluationDecisionTypeAllowed)
}

// listingResource is the resource the seed's policy names for s3:ListAllMyBuckets.
const listingResource = "arn:aws:s3:::*"

// checkCondition asks IAM's simulator about the listing with the MFA key false (the refusal's
// own context, explained) and true. It returns nils when the operator may not simulate or
// the simulator fails.
func (d *Demo) checkCondition(ctx context.Context) (*ConditionCheck, *Why) {
	without := d.explain(ctx, "s3:ListAllMyBuckets", listingResource, contextKeys(CredNoMFA, 0))
	if without == nil {
		return nil, nil
	}
	with := d.explain(ctx, "s3:ListAllMyBuckets", listingResource, []ContextKey{{Name: keyMFAPresent, Value: "true", Present: true}})
	if with == nil {
		return nil, without
	}
	return &ConditionCheck{WithoutMFA: without.Decision, WithMFA: with.Decision}, without
}

// The MFA condition keys a request context carries (IAM User Guide, "AWS global condition
// context keys"): absent for long-term access keys, and for sessions without MFA the age.
const (
	keyMFAPresent = "aws:MultiFactorAuthPresent"
	keyMFAAge     = "aws:MultiFactorAuthAge"
)

// ContextKey is one condition key of a request context as the request carried it.
type ContextKey struct {
	Name    string
	Value   string
	Present bool // false: the request carried no such key, as with a long-term access key
}

// DecidingStatement is a statement IAM's simulator names among MatchedStatements.
type DecidingStatement struct {
	Policy     string // SourcePolicyId: the policy's name
	PolicyType string // SourcePolicyType: "user", "role", "user-managed", ...
	// Index is the statement's place in its policy, from 1, found from the StartPosition
	// the simulator gives; 0 when it gave none or the document is not one this run put.
	Index int
}

// Why explains one decision: the request context it was made on (the principal, the
// action, which MFA keys were present and their values) and what IAM's policy simulator,
// given the same context entries, decided and which statements decided it.
type Why struct {
	Principal string
	Action    string
	Resource  string
	Keys      []ContextKey
	// Decision is the simulator's EvalDecision: "allowed", "implicitDeny", "explicitDeny".
	Decision string
	// Statements are every applying Deny for explicitDeny, every applying Allow for allowed,
	// and none for implicitDeny: no statement allowed the request.
	Statements []DecidingStatement
}

// Allowed reports whether the simulator allowed the request.
func (w Why) Allowed() bool {
	return w.Decision == string(iamtypes.PolicyEvaluationDecisionTypeAllowed)
}

// contextKeys are the MFA keys of a request made with credentials of kind c; age is the
// MFA session's age (aws:MultiFactorAuthAge, in whole seconds).
func contextKeys(c Credential, age time.Duration) []ContextKey {
	switch c {
	case CredNoMFA:
		return []ContextKey{{Name: keyMFAPresent, Value: "false", Present: true}, {Name: keyMFAAge}}
	case CredMFA:
		return []ContextKey{
			{Name: keyMFAPresent, Value: "true", Present: true},
			{Name: keyMFAAge, Value: strconv.FormatInt(int64(max(age, 0)/time.Second), 10), Present: true},
		}
	}
	return []ContextKey{{Name: keyMFAPresent}, {Name: keyMFAAge}}
}

// explain asks IAM's simulator about the demo user doing action on resource with the given
// context keys, the present ones as ContextEntries. It returns nil when the operator may not
// simulate or the simulator fails: the explanation is a bonus, and its absence says nothing.
// After one failure it is not asked again in this run: a backend without a simulator (moto)
// fails every time, each after the SDK's retries.
func (d *Demo) explain(ctx context.Context, action, resource string, keys []ContextKey) *Why {
	d.mu.Lock()
	userArn, unavailable := d.userArn, d.noSimulator
	d.mu.Unlock()
	if userArn == "" || unavailable {
		return nil
	}
	var entries []iamtypes.ContextEntry
	for _, k := range keys {
		if !k.Present {
			continue
		}
		typ := iamtypes.ContextKeyTypeEnumBoolean
		if k.Name == keyMFAAge {
			typ = iamtypes.ContextKeyTypeEnumNumeric
		}
		entries = append(entries, iamtypes.ContextEntry{
			ContextKeyName: awssdk.String(k.Name), ContextKeyType: typ, ContextKeyValues: []string{k.Value},
		})
	}
	out, err := d.env.Clients.Operator().IAM.SimulatePrincipalPolicy(ctx, &iam.SimulatePrincipalPolicyInput{
		PolicySourceArn: awssdk.String(userArn),
		ActionNames:     []string{action},
		ResourceArns:    []string{resource},
		ContextEntries:  entries,
	})
	if err != nil || len(out.EvaluationResults) != 1 {
		d.mu.Lock()
		d.noSimulator = true
		d.mu.Unlock()
		return nil
	}
	r := out.EvaluationResults[0]
	w := &Why{Principal: userArn, Action: action, Resource: resource, Keys: keys, Decision: string(r.EvalDecision)}
	for _, m := range r.MatchedStatements {
		s := DecidingStatement{Policy: awssdk.ToString(m.SourcePolicyId), PolicyType: string(m.SourcePolicyType)}
		if p := m.StartPosition; p != nil {
			d.mu.Lock()
			doc := d.documents[s.Policy]
			d.mu.Unlock()
			s.Index = statementIndex(doc, int(p.Line), int(p.Column))
		}
		w.Statements = append(w.Statements, s)
	}
	return w
}

// statementIndex is the place (from 1) of the statement of doc that starts nearest to line
// and column, or 0 when doc has no statements. Nearest, not equal: AWS does not say whether
// its positions count from 0 or 1, and statements start far apart.
func statementIndex(doc string, line, column int) int {
	best, bestDist := 0, -1
	for i, off := range statementStarts(doc) {
		l, c := lineColumn(doc, off)
		dist := abs(l-line)*len(doc) + abs(c-column)
		if bestDist < 0 || dist < bestDist {
			best, bestDist = i+1, dist
		}
	}
	return best
}

// statementStarts are the byte offsets of the statements of a policy document: the Statement
// element's objects, or the element itself when it is a single object.
func statementStarts(doc string) []int {
	dec := json.NewDecoder(strings.NewReader(doc))
	skipTo := func() int {
		off := int(dec.InputOffset())
		for off < len(doc) && strings.ContainsRune(" \t\r\n,:", rune(doc[off])) {
			off++
		}
		return off
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil
		}
		if key != "Statement" {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return nil
			}
			continue
		}
		start := skipTo()
		if start < len(doc) && doc[start] == '{' {
			return []int{start}
		}
		if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
			return nil
		}
		var starts []int
		for dec.More() {
			starts = append(starts, skipTo())
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return nil
			}
		}
		return starts
	}
	return nil
}

// lineColumn is the line and column (both from 1, the column in bytes) of offset in doc.
func lineColumn(doc string, offset int) (int, int) {
	before := doc[:offset]
	line := strings.Count(before, "\n") + 1
	return line, offset - strings.LastIndex(before, "\n")
}

func abs(n int) int { return max(n, -n) }
