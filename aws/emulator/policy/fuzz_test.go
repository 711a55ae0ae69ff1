package policy

import (
	"errors"
	"strings"
	"testing"
)

// fuzzSeeds are good and bad documents; they run as ordinary test cases with `go test`.
var fuzzSeeds = []string{
	scenarioPolicy,
	scenarioTrustPolicy,
	``,
	`null`,
	`{}`,
	`[]`,
	`{"Statement":[]}`,
	`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`,
	`{"Version":"2008-10-17","Id":"x","Statement":[{"Sid":"A1","Effect":"Deny","NotAction":["iam:*","sts:Get*"],"NotResource":"arn:aws:s3:::k?y/*"}]}`,
	`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::${aws:username}/${*}${?}${$}${aws:userid, 'x'}${","Condition":{"StringLike":{"s3:prefix":["${aws:username}/*"]}}}}`,
	`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringNotLikeIfExists":{"aws:TagKeys":["a*",1,true]},"ForAllValues:ArnLike":{"aws:PrincipalArn":"arn:*:iam::*:user/*"},"Null":{"aws:MultiFactorAuthAge":"false"},"NumericLessThanEquals":{"aws:MultiFactorAuthAge":3600.5},"DateLessThan":{"aws:CurrentTime":["2030-01-01T00:00:00Z",1893456000]},"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","::1"]},"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}}}`,
	`{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotPrincipal":{"AWS":["123456789012","arn:aws:iam::123456789012:role/r"]},"Action":"sts:AssumeRole"}}`,
	`{"Statement":{"Effect":"Allow","Effect":"Deny","Action":"*","Resource":"*"}}`,
	`{"Statement":{"Effect":"allow","Action":"*","Resource":"*"}}`,
	`{"Statement":{"Effect":"Allow","Action":"s3:a:b","Resource":"*"}}`,
	`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqualz":{"a:b":"c"}}}}`,
	`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateEquals":{"aws:CurrentTime":"2020-13-45"}}}}`,
	`{"Statement":{"Effect":"Allow","Principal":{"AWS":"bob"},"Action":"sts:AssumeRole"}}`,
	`{"Statement":` + strings.Repeat(`[`, 50) + strings.Repeat(`]`, 50) + `}`,
	"{\"Statement\":\"\xff\"}",
}

// fuzzRequest is the fixed request FuzzEvaluate evaluates every parsed document against.
var fuzzRequest = Request{
	Action:    "s3:ListAllMyBuckets",
	Resource:  "arn:aws:s3:::*",
	Principal: "arn:aws:iam::123456789012:user/mfa-demo/alice",
	Account:   "123456789012",
	Context: Context{
		"aws:MultiFactorAuthPresent": {"true"},
		"aws:MultiFactorAuthAge":     {"30"},
		"aws:username":               {"alice"},
		"aws:CurrentTime":            {"2025-01-01T00:00:00Z"},
		"aws:SourceIp":               {"127.0.0.1"},
		"aws:TagKeys":                {"env", "team"},
		"aws:PrincipalArn":           {"arn:aws:iam::123456789012:user/mfa-demo/alice"},
	},
}

// FuzzParse checks that Parse never panics, refuses only with a *MalformedError,
// and that whatever it accepts has a valid statement list.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, doc string, trust bool) {
		kind := Identity
		if trust {
			kind = Trust
		}
		p, err := Parse(doc, kind)
		if err != nil {
			var me *MalformedError
			if !errors.As(err, &me) || me.Message == "" {
				t.Fatalf("Parse error %T %q is not a non-empty *MalformedError", err, err)
			}
			return
		}
		if len(p.Statements) == 0 {
			t.Fatalf("Parse accepted a document without statements")
		}
		for _, st := range p.Statements {
			if st.Effect != "Allow" && st.Effect != "Deny" {
				t.Fatalf("accepted Effect %q", st.Effect)
			}
		}
	})
}

// FuzzEvaluate checks that evaluating any accepted document never panics and
// agrees with itself across the single-policy and multi-policy entry points.
func FuzzEvaluate(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, false, "s3:ListAllMyBuckets", "arn:aws:s3:::*")
		f.Add(s, true, "sts:AssumeRole", "arn:aws:iam::123456789012:role/r")
	}
	f.Fuzz(func(t *testing.T, doc string, trust bool, action, resource string) {
		kind := Identity
		if trust {
			kind = Trust
		}
		p, err := Parse(doc, kind)
		if err != nil {
			return
		}
		r := fuzzRequest
		r.Action, r.Resource = action, resource
		d, idx := p.EvaluateDetail(r)
		if all := Evaluate(r, p, nil); all != d {
			t.Fatalf("Evaluate = %v, EvaluateDetail = %v", all, d)
		}
		if (d == NotApplicable) != (len(idx) == 0) {
			t.Fatalf("decision %v with matched statements %v", d, idx)
		}
		for _, i := range idx {
			wantEffect := "Allow"
			if d == ExplicitDeny {
				wantEffect = "Deny"
			}
			if i < 0 || i >= len(p.Statements) || p.Statements[i].Effect != wantEffect {
				t.Fatalf("decision %v reports statement %d", d, i)
			}
		}
	})
}
