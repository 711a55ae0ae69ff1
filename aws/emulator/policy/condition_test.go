package policy

import (
	"testing"
)

// TestConditionOperators runs each operator against a present, absent and
// non-matching key. The condition sits in an Allow statement, so "holds" shows as Allow.
func TestConditionOperators(t *testing.T) {
	ctx := func(kv ...string) Context {
		c := Context{}
		for i := 0; i+1 < len(kv); i += 2 {
			c[kv[i]] = append(c[kv[i]], kv[i+1])
		}
		return c
	}
	tests := []struct {
		name      string
		condition string // the Condition element's JSON
		ctx       Context
		holds     bool
	}{
		// The MFA key, as AWS-BEHAVIOUR.md describes it.
		{"Bool true, MFA true", `{"Bool":{"aws:MultiFactorAuthPresent":true}}`, ctx("aws:MultiFactorAuthPresent", "true"), true},
		{"Bool true, MFA false", `{"Bool":{"aws:MultiFactorAuthPresent":true}}`, ctx("aws:MultiFactorAuthPresent", "false"), false},
		{"Bool true, MFA absent", `{"Bool":{"aws:MultiFactorAuthPresent":true}}`, ctx(), false},
		{"Bool \"true\" as a string", `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`, ctx("aws:MultiFactorAuthPresent", "true"), true},
		{"Bool false, MFA false", `{"Bool":{"aws:MultiFactorAuthPresent":false}}`, ctx("aws:MultiFactorAuthPresent", "false"), true},
		{"Bool false, MFA true", `{"Bool":{"aws:MultiFactorAuthPresent":false}}`, ctx("aws:MultiFactorAuthPresent", "true"), false},
		{"Bool false, MFA absent", `{"Bool":{"aws:MultiFactorAuthPresent":false}}`, ctx(), false},
		{"BoolIfExists true, MFA true", `{"BoolIfExists":{"aws:MultiFactorAuthPresent":true}}`, ctx("aws:MultiFactorAuthPresent", "true"), true},
		{"BoolIfExists true, MFA false", `{"BoolIfExists":{"aws:MultiFactorAuthPresent":true}}`, ctx("aws:MultiFactorAuthPresent", "false"), false},
		{"BoolIfExists true, MFA absent", `{"BoolIfExists":{"aws:MultiFactorAuthPresent":true}}`, ctx(), true},
		{"BoolIfExists false, MFA absent", `{"BoolIfExists":{"aws:MultiFactorAuthPresent":false}}`, ctx(), true},
		{"BoolIfExists false, MFA true", `{"BoolIfExists":{"aws:MultiFactorAuthPresent":false}}`, ctx("aws:MultiFactorAuthPresent", "true"), false},
		{"Bool, key compared case-insensitively", `{"Bool":{"AWS:MULTIFACTORAUTHPRESENT":true}}`, ctx("aws:MultiFactorAuthPresent", "true"), true},
		{"Bool, request value not a boolean", `{"Bool":{"aws:SecureTransport":true}}`, ctx("aws:SecureTransport", "yes"), false},

		{"StringEquals match", `{"StringEquals":{"aws:username":"alice"}}`, ctx("aws:username", "alice"), true},
		{"StringEquals case differs", `{"StringEquals":{"aws:username":"alice"}}`, ctx("aws:username", "Alice"), false},
		{"StringEquals any of the values", `{"StringEquals":{"aws:username":["bob","alice"]}}`, ctx("aws:username", "alice"), true},
		{"StringEquals star is literal", `{"StringEquals":{"aws:username":"*"}}`, ctx("aws:username", "alice"), false},
		{"StringEquals absent", `{"StringEquals":{"aws:username":"alice"}}`, ctx(), false},
		{"StringEqualsIfExists absent", `{"StringEqualsIfExists":{"aws:username":"alice"}}`, ctx(), true},
		{"StringEqualsIfExists present, differs", `{"StringEqualsIfExists":{"aws:username":"alice"}}`, ctx("aws:username", "bob"), false},
		{"StringEquals with variable", `{"StringEquals":{"aws:PrincipalTag/owner":"${aws:username}"}}`, ctx("aws:username", "alice", "aws:PrincipalTag/owner", "alice"), true},
		{"StringEquals with unresolved variable", `{"StringEquals":{"aws:PrincipalTag/owner":"${aws:username}"}}`, ctx("aws:PrincipalTag/owner", "alice"), false},
		{"StringNotEquals differs", `{"StringNotEquals":{"aws:username":"alice"}}`, ctx("aws:username", "bob"), true},
		{"StringNotEquals equal", `{"StringNotEquals":{"aws:username":["bob","alice"]}}`, ctx("aws:username", "alice"), false},
		{"StringNotEquals absent", `{"StringNotEquals":{"aws:username":"alice"}}`, ctx(), true},
		{"StringNotEqualsIfExists absent", `{"StringNotEqualsIfExists":{"aws:username":"alice"}}`, ctx(), true},
		{"StringEqualsIgnoreCase", `{"StringEqualsIgnoreCase":{"aws:username":"ALICE"}}`, ctx("aws:username", "alice"), true},
		{"StringEqualsIgnoreCase differs", `{"StringEqualsIgnoreCase":{"aws:username":"ALICE"}}`, ctx("aws:username", "alicia"), false},
		{"StringEqualsIgnoreCase absent", `{"StringEqualsIgnoreCase":{"aws:username":"ALICE"}}`, ctx(), false},
		{"StringEqualsIgnoreCaseIfExists absent", `{"StringEqualsIgnoreCaseIfExists":{"aws:username":"ALICE"}}`, ctx(), true},
		{"StringNotEqualsIgnoreCase equal", `{"StringNotEqualsIgnoreCase":{"aws:username":"ALICE"}}`, ctx("aws:username", "alice"), false},
		{"StringNotEqualsIgnoreCase absent", `{"StringNotEqualsIgnoreCase":{"aws:username":"ALICE"}}`, ctx(), true},
		{"StringLike star", `{"StringLike":{"s3:prefix":"home/*"}}`, ctx("s3:prefix", "home/alice/x"), true},
		{"StringLike question mark", `{"StringLike":{"s3:prefix":"h?me"}}`, ctx("s3:prefix", "home"), true},
		{"StringLike is case-sensitive", `{"StringLike":{"s3:prefix":"home/*"}}`, ctx("s3:prefix", "Home/alice"), false},
		{"StringLike absent", `{"StringLike":{"s3:prefix":"*"}}`, ctx(), false},
		{"StringLikeIfExists absent", `{"StringLikeIfExists":{"s3:prefix":"home/*"}}`, ctx(), true},
		{"StringLike with variable, literal value", `{"StringLike":{"s3:prefix":"home/${aws:username}/*"}}`, ctx("aws:username", "al*", "s3:prefix", "home/alice/x"), false},
		{"StringNotLike differs", `{"StringNotLike":{"s3:prefix":"home/*"}}`, ctx("s3:prefix", "tmp/x"), true},
		{"StringNotLike matches", `{"StringNotLike":{"s3:prefix":"home/*"}}`, ctx("s3:prefix", "home/x"), false},
		{"StringNotLike absent", `{"StringNotLike":{"s3:prefix":"home/*"}}`, ctx(), true},

		{"ArnEquals exact", `{"ArnEquals":{"aws:PrincipalArn":"` + userARN + `"}}`, ctx("aws:PrincipalArn", userARN), true},
		{"ArnEquals wildcard within a segment", `{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::*:user/mfa-demo/*"}}`, ctx("aws:PrincipalArn", userARN), true},
		{"ArnLike wildcard within a segment", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::123456789012:user/*"}}`, ctx("aws:PrincipalArn", userARN), true},
		{"ArnLike star does not span segments", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:*"}}`, ctx("aws:PrincipalArn", userARN), false},
		{"ArnLike all segments wild", `{"ArnLike":{"aws:PrincipalArn":"arn:*:*:*:*:*"}}`, ctx("aws:PrincipalArn", userARN), true},
		{"ArnLike other account", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::210987654321:user/*"}}`, ctx("aws:PrincipalArn", userARN), false},
		{"ArnLike request value not an ARN", `{"ArnLike":{"aws:PrincipalArn":"*"}}`, ctx("aws:PrincipalArn", "alice"), false},
		{"ArnLike absent", `{"ArnLike":{"aws:PrincipalArn":"arn:*:*:*:*:*"}}`, ctx(), false},
		{"ArnLikeIfExists absent", `{"ArnLikeIfExists":{"aws:PrincipalArn":"arn:aws:iam::1:user/*"}}`, ctx(), true},
		{"ArnLike with variable", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/*/${aws:username}"}}`, ctx("aws:username", "alice", "aws:PrincipalArn", userARN), true},
		{"ArnNotEquals differs", `{"ArnNotEquals":{"aws:PrincipalArn":"` + otherARN + `"}}`, ctx("aws:PrincipalArn", userARN), true},
		{"ArnNotEquals equal", `{"ArnNotEquals":{"aws:PrincipalArn":"` + userARN + `"}}`, ctx("aws:PrincipalArn", userARN), false},
		{"ArnNotEquals absent", `{"ArnNotEquals":{"aws:PrincipalArn":"` + userARN + `"}}`, ctx(), true},
		{"ArnNotLike matches", `{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/*"}}`, ctx("aws:PrincipalArn", userARN), false},
		{"ArnNotLike differs", `{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}}`, ctx("aws:PrincipalArn", userARN), true},
		{"ArnNotLike absent", `{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}}`, ctx(), true},

		{"NumericEquals", `{"NumericEquals":{"aws:MultiFactorAuthAge":300}}`, ctx("aws:MultiFactorAuthAge", "300"), true},
		{"NumericEquals decimal", `{"NumericEquals":{"aws:MultiFactorAuthAge":"300.0"}}`, ctx("aws:MultiFactorAuthAge", "300"), true},
		{"NumericEquals differs", `{"NumericEquals":{"aws:MultiFactorAuthAge":300}}`, ctx("aws:MultiFactorAuthAge", "301"), false},
		{"NumericEquals absent", `{"NumericEquals":{"aws:MultiFactorAuthAge":300}}`, ctx(), false},
		{"NumericEquals request not a number", `{"NumericEquals":{"aws:MultiFactorAuthAge":300}}`, ctx("aws:MultiFactorAuthAge", "soon"), false},
		{"NumericEqualsIfExists absent", `{"NumericEqualsIfExists":{"aws:MultiFactorAuthAge":300}}`, ctx(), true},
		{"NumericNotEquals differs", `{"NumericNotEquals":{"aws:MultiFactorAuthAge":300}}`, ctx("aws:MultiFactorAuthAge", "301"), true},
		{"NumericNotEquals equal", `{"NumericNotEquals":{"aws:MultiFactorAuthAge":300}}`, ctx("aws:MultiFactorAuthAge", "300"), false},
		{"NumericNotEquals absent", `{"NumericNotEquals":{"aws:MultiFactorAuthAge":300}}`, ctx(), true},
		{"NumericNotEquals request not a number", `{"NumericNotEquals":{"aws:MultiFactorAuthAge":300}}`, ctx("aws:MultiFactorAuthAge", "soon"), false},
		{"NumericLessThan below", `{"NumericLessThan":{"aws:MultiFactorAuthAge":3600}}`, ctx("aws:MultiFactorAuthAge", "120"), true},
		{"NumericLessThan equal", `{"NumericLessThan":{"aws:MultiFactorAuthAge":3600}}`, ctx("aws:MultiFactorAuthAge", "3600"), false},
		{"NumericLessThan absent", `{"NumericLessThan":{"aws:MultiFactorAuthAge":3600}}`, ctx(), false},
		{"NumericLessThanIfExists absent", `{"NumericLessThanIfExists":{"aws:MultiFactorAuthAge":3600}}`, ctx(), true},
		{"NumericLessThanEquals equal", `{"NumericLessThanEquals":{"aws:MultiFactorAuthAge":3600}}`, ctx("aws:MultiFactorAuthAge", "3600"), true},
		{"NumericLessThanEquals above", `{"NumericLessThanEquals":{"aws:MultiFactorAuthAge":3600}}`, ctx("aws:MultiFactorAuthAge", "3601"), false},
		{"NumericGreaterThan above", `{"NumericGreaterThan":{"aws:MultiFactorAuthAge":3600}}`, ctx("aws:MultiFactorAuthAge", "3601"), true},
		{"NumericGreaterThan equal", `{"NumericGreaterThan":{"aws:MultiFactorAuthAge":3600}}`, ctx("aws:MultiFactorAuthAge", "3600"), false},
		{"NumericGreaterThanEquals equal", `{"NumericGreaterThanEquals":{"aws:MultiFactorAuthAge":3600}}`, ctx("aws:MultiFactorAuthAge", "3600"), true},
		{"NumericGreaterThanEquals below", `{"NumericGreaterThanEquals":{"aws:MultiFactorAuthAge":3600}}`, ctx("aws:MultiFactorAuthAge", "-1"), false},
		{"NumericGreaterThanEqualsIfExists absent", `{"NumericGreaterThanEqualsIfExists":{"aws:MultiFactorAuthAge":3600}}`, ctx(), true},

		{"DateEquals ISO", `{"DateEquals":{"aws:CurrentTime":"2024-05-01T12:00:00Z"}}`, ctx("aws:CurrentTime", "2024-05-01T12:00:00Z"), true},
		{"DateEquals across zones", `{"DateEquals":{"aws:CurrentTime":"2024-05-01T14:00:00+02:00"}}`, ctx("aws:CurrentTime", "2024-05-01T12:00:00Z"), true},
		{"DateEquals epoch seconds", `{"DateEquals":{"aws:CurrentTime":1714564800}}`, ctx("aws:CurrentTime", "2024-05-01T12:00:00Z"), true},
		{"DateEquals differs", `{"DateEquals":{"aws:CurrentTime":"2024-05-01T12:00:01Z"}}`, ctx("aws:CurrentTime", "2024-05-01T12:00:00Z"), false},
		{"DateEquals absent", `{"DateEquals":{"aws:CurrentTime":"2024-05-01T12:00:00Z"}}`, ctx(), false},
		{"DateEqualsIfExists absent", `{"DateEqualsIfExists":{"aws:CurrentTime":"2024-05-01T12:00:00Z"}}`, ctx(), true},
		{"DateNotEquals differs", `{"DateNotEquals":{"aws:CurrentTime":"2024-05-02"}}`, ctx("aws:CurrentTime", "2024-05-01T12:00:00Z"), true},
		{"DateNotEquals absent", `{"DateNotEquals":{"aws:CurrentTime":"2024-05-02"}}`, ctx(), true},
		{"DateLessThan before", `{"DateLessThan":{"aws:CurrentTime":"2024-05-02"}}`, ctx("aws:CurrentTime", "2024-05-01T12:00:00Z"), true},
		{"DateLessThan after", `{"DateLessThan":{"aws:CurrentTime":"2024-05-01"}}`, ctx("aws:CurrentTime", "2024-05-01T12:00:00Z"), false},
		{"DateLessThan absent", `{"DateLessThan":{"aws:CurrentTime":"2024-05-02"}}`, ctx(), false},
		{"DateLessThanIfExists absent", `{"DateLessThanIfExists":{"aws:CurrentTime":"2024-05-02"}}`, ctx(), true},
		{"DateLessThan request not a date", `{"DateLessThan":{"aws:CurrentTime":"2024-05-02"}}`, ctx("aws:CurrentTime", "today"), false},
		{"DateLessThanEquals equal", `{"DateLessThanEquals":{"aws:CurrentTime":"2024-05-01T12:00:00Z"}}`, ctx("aws:CurrentTime", "2024-05-01T12:00:00Z"), true},
		{"DateGreaterThan after", `{"DateGreaterThan":{"aws:CurrentTime":"2024-05-01T11:59Z"}}`, ctx("aws:CurrentTime", "2024-05-01T12:00:00Z"), true},
		{"DateGreaterThan before", `{"DateGreaterThan":{"aws:CurrentTime":"1714564801"}}`, ctx("aws:CurrentTime", "2024-05-01T12:00:00Z"), false},
		{"DateGreaterThanEquals equal, request as epoch", `{"DateGreaterThanEquals":{"aws:CurrentTime":"2024-05-01T12:00:00Z"}}`, ctx("aws:CurrentTime", "1714564800"), true},
		{"DateGreaterThanEquals fractional seconds", `{"DateGreaterThanEquals":{"aws:CurrentTime":"2024-05-01T12:00:00.5Z"}}`, ctx("aws:CurrentTime", "2024-05-01T12:00:00Z"), false},

		{"Null true, absent", `{"Null":{"aws:MultiFactorAuthAge":"true"}}`, ctx(), true},
		{"Null true, present", `{"Null":{"aws:MultiFactorAuthAge":true}}`, ctx("aws:MultiFactorAuthAge", "30"), false},
		{"Null false, present", `{"Null":{"aws:MultiFactorAuthAge":"false"}}`, ctx("aws:MultiFactorAuthAge", "30"), true},
		{"Null false, absent", `{"Null":{"aws:MultiFactorAuthAge":false}}`, ctx(), false},
		{"Null, empty value list counts as absent", `{"Null":{"aws:TagKeys":true}}`, Context{"aws:TagKeys": {}}, true},

		{"BinaryEquals", `{"BinaryEquals":{"aws:Blob":"QmluYXJ5"}}`, ctx("aws:Blob", "QmluYXJ5"), true},
		{"BinaryEquals differs", `{"BinaryEquals":{"aws:Blob":"QmluYXJ5"}}`, ctx("aws:Blob", "QmluYXJZ"), false},
		{"IpAddress in range", `{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, ctx("aws:SourceIp", "10.1.2.3"), true},
		{"IpAddress out of range", `{"IpAddress":{"aws:SourceIp":["192.168.0.0/16","10.0.0.0/8"]}}`, ctx("aws:SourceIp", "172.16.0.1"), false},
		{"IpAddress single address", `{"IpAddress":{"aws:SourceIp":"127.0.0.1"}}`, ctx("aws:SourceIp", "127.0.0.1"), true},
		{"IpAddress IPv6", `{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}`, ctx("aws:SourceIp", "2001:db8::1"), true},
		{"NotIpAddress out of range", `{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, ctx("aws:SourceIp", "127.0.0.1"), true},
		{"NotIpAddress in range", `{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, ctx("aws:SourceIp", "10.0.0.1"), false},
		{"NotIpAddress absent", `{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, ctx(), true},

		// Set qualifiers over multi-valued keys.
		{"ForAnyValue one matches", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}}`, ctx("aws:TagKeys", "owner", "aws:TagKeys", "team"), true},
		{"ForAnyValue none matches", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}}`, ctx("aws:TagKeys", "owner"), false},
		{"ForAnyValue absent", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, ctx(), false},
		{"ForAnyValue IfExists absent", `{"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":["env"]}}`, ctx(), true},
		{"ForAnyValue negated: one value outside", `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}}`, ctx("aws:TagKeys", "env", "aws:TagKeys", "x"), true},
		{"ForAnyValue negated absent", `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}}`, ctx(), false},
		{"ForAllValues all in set", `{"ForAllValues:StringLike":{"aws:TagKeys":["env","team*"]}}`, ctx("aws:TagKeys", "env", "aws:TagKeys", "team-a"), true},
		{"ForAllValues one outside", `{"ForAllValues:StringLike":{"aws:TagKeys":["env","team*"]}}`, ctx("aws:TagKeys", "env", "aws:TagKeys", "owner"), false},
		{"ForAllValues absent holds", `{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}`, ctx(), true},
		{"ForAllValues negated", `{"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}}`, ctx("aws:TagKeys", "env", "aws:TagKeys", "team"), true},
		{"single-valued operator, several values, one matches", `{"StringEquals":{"aws:TagKeys":"env"}}`, ctx("aws:TagKeys", "x", "aws:TagKeys", "env"), true},
		{"negated operator, several values, one matches", `{"StringNotEquals":{"aws:TagKeys":"env"}}`, ctx("aws:TagKeys", "x", "aws:TagKeys", "env"), false},

		// Combination rules.
		{"operators are ANDed", `{"Bool":{"aws:MultiFactorAuthPresent":true},"NumericLessThan":{"aws:MultiFactorAuthAge":3600}}`, ctx("aws:MultiFactorAuthPresent", "true", "aws:MultiFactorAuthAge", "7200"), false},
		{"operators are ANDed, both hold", `{"Bool":{"aws:MultiFactorAuthPresent":true},"NumericLessThan":{"aws:MultiFactorAuthAge":3600}}`, ctx("aws:MultiFactorAuthPresent", "true", "aws:MultiFactorAuthAge", "60"), true},
		{"keys in one operator are ANDed", `{"StringEquals":{"aws:username":"alice","aws:PrincipalTag/team":"blue"}}`, ctx("aws:username", "alice", "aws:PrincipalTag/team", "red"), false},
		{"empty condition block holds", `{}`, ctx(), true},
		{"empty value list never matches", `{"StringEquals":{"aws:username":[]}}`, ctx("aws:username", "alice"), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*","Condition":` + tc.condition + `}}`
			p := mustParse(t, doc, Identity)
			want := NotApplicable
			if tc.holds {
				want = Allow
			}
			r := Request{Action: "s3:ListAllMyBuckets", Resource: "arn:aws:s3:::*", Principal: userARN, Account: account, Context: tc.ctx}
			if got := p.Evaluate(r); got != want {
				t.Errorf("Evaluate = %v, want %v", got, want)
			}
		})
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"", "", true},
		{"", "a", false},
		{"*", "", true},
		{"*", "anything", true},
		{"a*", "a", true},
		{"a*b", "ab", true},
		{"a*b", "axxbxxb", true},
		{"a*b", "axxbxxc", false},
		{"*a*b*c*", "xxaxxbxxcxx", true},
		{"*a*b*c*", "xxaxxcxxbxx", false},
		{"?", "é", true},
		{"??", "é", false},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"**", "x", true},
	}
	for _, tc := range tests {
		if got := globMatch(compileGlob(tc.pattern, nil), tc.s); got != tc.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tc.pattern, tc.s, got, tc.want)
		}
	}
}
