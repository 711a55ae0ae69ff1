package policy

import (
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// operator describes one base condition operator (without ForAnyValue:/ForAllValues:
// prefix or IfExists suffix).
type operator struct {
	// negated operators (StringNotEquals, ArnNotLike, ...) hold when no value matches,
	// and when the key is absent.
	negated bool
	// pattern operators read '*' and '?' in policy values as wildcards.
	pattern bool
	// variables says whether policy variables are expanded in the policy values.
	variables bool
	// compare reports whether a request value matches one policy value; valid is
	// false when the request value cannot be read as the operator's type.
	compare func(request, policy string, glob []globRune) (match, valid bool)
}

var operators = map[string]operator{
	"StringEquals":              {variables: true, compare: stringEquals},
	"StringNotEquals":           {negated: true, variables: true, compare: stringEquals},
	"StringEqualsIgnoreCase":    {variables: true, compare: stringEqualsFold},
	"StringNotEqualsIgnoreCase": {negated: true, variables: true, compare: stringEqualsFold},
	"StringLike":                {pattern: true, variables: true, compare: stringLike},
	"StringNotLike":             {negated: true, pattern: true, variables: true, compare: stringLike},
	"NumericEquals":             {compare: numeric(func(c int) bool { return c == 0 })},
	"NumericNotEquals":          {negated: true, compare: numeric(func(c int) bool { return c == 0 })},
	"NumericLessThan":           {compare: numeric(func(c int) bool { return c < 0 })},
	"NumericLessThanEquals":     {compare: numeric(func(c int) bool { return c <= 0 })},
	"NumericGreaterThan":        {compare: numeric(func(c int) bool { return c > 0 })},
	"NumericGreaterThanEquals":  {compare: numeric(func(c int) bool { return c >= 0 })},
	"DateEquals":                {compare: date(func(c int) bool { return c == 0 })},
	"DateNotEquals":             {negated: true, compare: date(func(c int) bool { return c == 0 })},
	"DateLessThan":              {compare: date(func(c int) bool { return c < 0 })},
	"DateLessThanEquals":        {compare: date(func(c int) bool { return c <= 0 })},
	"DateGreaterThan":           {compare: date(func(c int) bool { return c > 0 })},
	"DateGreaterThanEquals":     {compare: date(func(c int) bool { return c >= 0 })},
	"Bool":                      {compare: boolEquals},
	"BinaryEquals":              {compare: stringEquals},
	"IpAddress":                 {compare: ipInRange},
	"NotIpAddress":              {negated: true, compare: ipInRange},
	"ArnEquals":                 {pattern: true, variables: true, compare: arnLike},
	"ArnLike":                   {pattern: true, variables: true, compare: arnLike},
	"ArnNotEquals":              {negated: true, pattern: true, variables: true, compare: arnLike},
	"ArnNotLike":                {negated: true, pattern: true, variables: true, compare: arnLike},
}

// nullOperator is handled apart: it asks about the key's presence, not its values.
const nullOperator = "Null"

type setQualifier int

const (
	singleValued setQualifier = iota
	forAnyValue
	forAllValues
)

// condition is one key of one operator block: {"StringEquals": {"aws:username": ["a", "b"]}}.
type condition struct {
	op       operator
	null     bool
	ifExists bool
	set      setQualifier
	key      string
	values   []template
}

// parseOperator splits an operator name into qualifier, base operator and IfExists.
func parseOperator(name string) (condition, bool) {
	var c condition
	base := name
	if rest, ok := strings.CutPrefix(base, "ForAnyValue:"); ok {
		c.set, base = forAnyValue, rest
	} else if rest, ok := strings.CutPrefix(base, "ForAllValues:"); ok {
		c.set, base = forAllValues, rest
	}
	if base == nullOperator {
		c.null = true
		return c, true
	}
	if rest, ok := strings.CutSuffix(base, "IfExists"); ok {
		c.ifExists, base = true, rest
	}
	op, ok := operators[base]
	c.op = op
	return c, ok
}

// evaluate reports whether the condition holds for the request context.
func (c condition) evaluate(ctx Context) bool {
	reqVals, present := ctx.Lookup(c.key)
	if c.null {
		// {"Null": {"k": "true"}} holds when k is absent, "false" when it is present.
		for _, v := range c.values {
			want, _ := v.expand(nil)
			if (strings.EqualFold(want, "true") && !present) || (strings.EqualFold(want, "false") && present) {
				return true
			}
		}
		return false
	}
	if !present {
		// AWS: ForAllValues holds over an empty set; IfExists and the negated operators
		// hold when the key is missing; every other operator fails.
		return c.set == forAllValues || c.ifExists || (c.set == singleValued && c.op.negated)
	}

	policyVals := make([]string, len(c.values))
	globs := make([][]globRune, len(c.values))
	for i, t := range c.values {
		var ok bool
		if c.op.pattern {
			globs[i], ok = t.glob(ctx)
		} else {
			policyVals[i], ok = t.expand(ctx)
		}
		if !ok {
			// A policy variable the request cannot supply: the condition cannot be decided,
			// so it does not hold (the statement then does not apply).
			return false
		}
	}

	// perValue is the operator's verdict for one request value.
	perValue := func(rv string) bool {
		matched := false
		for i := range c.values {
			m, valid := c.op.compare(rv, policyVals[i], globs[i])
			if !valid {
				return false
			}
			if m {
				matched = true
				break
			}
		}
		return matched != c.op.negated
	}

	switch c.set {
	case forAllValues:
		for _, rv := range reqVals {
			if !perValue(rv) {
				return false
			}
		}
		return true
	case forAnyValue:
		for _, rv := range reqVals {
			if perValue(rv) {
				return true
			}
		}
		return false
	default:
		// A single-valued operator given several request values: a positive operator
		// needs one of them to match, a negated one needs all of them not to.
		if c.op.negated {
			for _, rv := range reqVals {
				if !perValue(rv) {
					return false
				}
			}
			return true
		}
		for _, rv := range reqVals {
			if perValue(rv) {
				return true
			}
		}
		return false
	}
}

func stringEquals(request, policy string, _ []globRune) (bool, bool) {
	return request == policy, true
}

func stringEqualsFold(request, policy string, _ []globRune) (bool, bool) {
	return strings.EqualFold(request, policy), true
}

func stringLike(request, _ string, glob []globRune) (bool, bool) {
	return globMatch(glob, request), true
}

func arnLike(request, _ string, glob []globRune) (bool, bool) {
	if !strings.HasPrefix(request, "arn:") || strings.Count(request, ":") < 5 {
		return false, false
	}
	return arnMatch(glob, request), true
}

func boolEquals(request, policy string, _ []globRune) (bool, bool) {
	if !strings.EqualFold(request, "true") && !strings.EqualFold(request, "false") {
		return false, false
	}
	return strings.EqualFold(request, policy), true
}

func parseNumber(s string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// numeric builds a comparison whose test receives request <=> policy as -1, 0 or 1.
func numeric(test func(int) bool) func(string, string, []globRune) (bool, bool) {
	return func(request, policy string, _ []globRune) (bool, bool) {
		r, ok := parseNumber(request)
		if !ok {
			return false, false
		}
		p, ok := parseNumber(policy)
		if !ok {
			return false, true
		}
		switch {
		case r < p:
			return test(-1), true
		case r > p:
			return test(1), true
		}
		return test(0), true
	}
}

// dateLayouts are the ISO 8601 forms IAM accepts in Date conditions, most specific first.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02",
}

// parseDate reads an ISO 8601 date/time (UTC when no zone is given) or epoch seconds.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n < 0 || n > 1<<40 {
			return time.Time{}, false
		}
		return time.Unix(n, 0).UTC(), true
	}
	up := strings.ToUpper(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, up); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func date(test func(int) bool) func(string, string, []globRune) (bool, bool) {
	return func(request, policy string, _ []globRune) (bool, bool) {
		r, ok := parseDate(request)
		if !ok {
			return false, false
		}
		p, ok := parseDate(policy)
		if !ok {
			return false, true
		}
		return test(r.Compare(p)), true
	}
}

// ipInRange reports whether the request's IP address lies in the policy's CIDR
// range (a bare address is a /32 or /128).
func ipInRange(request, policy string, _ []globRune) (bool, bool) {
	addr, err := netip.ParseAddr(strings.TrimSpace(request))
	if err != nil {
		return false, false
	}
	policy = strings.TrimSpace(policy)
	if !strings.Contains(policy, "/") {
		p, err := netip.ParseAddr(policy)
		return err == nil && p.Unmap() == addr.Unmap(), true
	}
	prefix, err := netip.ParsePrefix(policy)
	if err != nil {
		return false, true
	}
	return prefix.Masked().Contains(addr.Unmap()) || prefix.Masked().Contains(addr), true
}
