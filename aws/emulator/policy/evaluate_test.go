package policy

import (
	"slices"
	"testing"
)

// scenarioPolicy is the demo user's inline policy from SCENARIO.md.
const scenarioPolicy = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "s3:ListAllMyBuckets",
    "Resource": "arn:aws:s3:::*",
    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": true}}
  }]
}`

const (
	account  = "123456789012"
	userARN  = "arn:aws:iam::123456789012:user/mfa-demo/alice"
	otherARN = "arn:aws:iam::123456789012:user/mfa-demo/bob"
	roleARN  = "arn:aws:iam::123456789012:role/mfa-demo/demo-role"
)

// scenarioTrustPolicy is scenario 2's role trust policy: only the demo user, only with MFA.
const scenarioTrustPolicy = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:user/mfa-demo/alice"},
    "Action": "sts:AssumeRole",
    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
  }]
}`

// mfa builds the request context for the three ways a caller can stand towards MFA.
func mfa(state string) Context {
	if state == "absent" {
		return Context{"aws:username": {"alice"}}
	}
	return Context{"aws:username": {"alice"}, "aws:MultiFactorAuthPresent": {state}}
}

func mustParse(t *testing.T, doc string, kind Kind) *Policy {
	t.Helper()
	p, err := Parse(doc, kind)
	if err != nil {
		t.Fatalf("Parse(%s): %v", doc, err)
	}
	return p
}

func TestScenarioPolicy(t *testing.T) {
	p := mustParse(t, scenarioPolicy, Identity)
	tests := []struct {
		name     string
		action   string
		resource string
		mfa      string
		want     Decision
	}{
		{"long-term key: MFA key absent", "s3:ListAllMyBuckets", "arn:aws:s3:::*", "absent", NotApplicable},
		{"session without MFA", "s3:ListAllMyBuckets", "arn:aws:s3:::*", "false", NotApplicable},
		{"session with MFA", "s3:ListAllMyBuckets", "arn:aws:s3:::*", "true", Allow},
		{"session with MFA, value in other case", "s3:ListAllMyBuckets", "arn:aws:s3:::*", "TRUE", Allow},
		{"action case-insensitive", "S3:listallmybuckets", "arn:aws:s3:::*", "true", Allow},
		{"other action", "s3:CreateBucket", "arn:aws:s3:::*", "true", NotApplicable},
		{"other service's resource", "s3:ListAllMyBuckets", "arn:aws:iam::123456789012:user/alice", "true", NotApplicable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Request{Action: tc.action, Resource: tc.resource, Principal: userARN, Account: account, Context: mfa(tc.mfa)}
			if got := p.Evaluate(r); got != tc.want {
				t.Errorf("Evaluate = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestScenarioTrustPolicy(t *testing.T) {
	p := mustParse(t, scenarioTrustPolicy, Trust)
	tests := []struct {
		name      string
		principal string
		action    string
		mfa       string
		want      Decision
	}{
		{"the user with MFA", userARN, "sts:AssumeRole", "true", Allow},
		{"the user, session without MFA", userARN, "sts:AssumeRole", "false", NotApplicable},
		{"the user, long-term key", userARN, "sts:AssumeRole", "absent", NotApplicable},
		{"another user with MFA", otherARN, "sts:AssumeRole", "true", NotApplicable},
		{"another user without MFA", otherARN, "sts:AssumeRole", "absent", NotApplicable},
		{"the user with MFA, other action", userARN, "sts:TagSession", "true", NotApplicable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Request{Action: tc.action, Resource: roleARN, Principal: tc.principal, Account: account, Context: mfa(tc.mfa)}
			if got := p.Evaluate(r); got != tc.want {
				t.Errorf("Evaluate = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPrincipals(t *testing.T) {
	trust := func(principal string) string {
		return `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":` + principal + `,"Action":"sts:AssumeRole"}}`
	}
	notTrust := func(principal string) string {
		return `{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":` + principal + `,"Action":"sts:AssumeRole"}}`
	}
	session := "arn:aws:sts::123456789012:assumed-role/demo-role/s1"
	tests := []struct {
		name      string
		doc       string
		principal string
		account   string
		want      Decision
	}{
		{"anyone", trust(`"*"`), otherARN, account, Allow},
		{"AWS anyone", trust(`{"AWS":"*"}`), otherARN, account, Allow},
		{"account ID matches its users", trust(`{"AWS":"123456789012"}`), otherARN, account, Allow},
		{"account ID, other account", trust(`{"AWS":"123456789012"}`), "arn:aws:iam::210987654321:user/x", "210987654321", NotApplicable},
		{"account root ARN matches its users", trust(`{"AWS":"arn:aws:iam::123456789012:root"}`), userARN, account, Allow},
		{"account root, account taken from caller ARN", trust(`{"AWS":"arn:aws:iam::123456789012:root"}`), userARN, "", Allow},
		{"account root, other account", trust(`{"AWS":"arn:aws:iam::123456789012:root"}`), "arn:aws:iam::210987654321:user/x", "210987654321", NotApplicable},
		{"user ARN in a list", trust(`{"AWS":["arn:aws:iam::123456789012:user/x","` + userARN + `"]}`), userARN, account, Allow},
		{"user ARN, other user", trust(`{"AWS":["` + userARN + `"]}`), otherARN, account, NotApplicable},
		{"role ARN matches its sessions", trust(`{"AWS":"` + roleARN + `"}`), session, account, Allow},
		{"role ARN, other role's session", trust(`{"AWS":"` + roleARN + `"}`), "arn:aws:sts::123456789012:assumed-role/other/s1", account, NotApplicable},
		{"service", trust(`{"Service":"ec2.amazonaws.com"}`), "ec2.amazonaws.com", "", Allow},
		{"service, user caller", trust(`{"Service":"ec2.amazonaws.com"}`), userARN, account, NotApplicable},
		{"federated", trust(`{"Federated":"arn:aws:iam::123456789012:saml-provider/idp"}`), "arn:aws:iam::123456789012:saml-provider/idp", account, Allow},
		{"NotPrincipal spares the listed user", notTrust(`{"AWS":"` + userARN + `"}`), userARN, account, NotApplicable},
		{"NotPrincipal denies everyone else", notTrust(`{"AWS":"` + userARN + `"}`), otherARN, account, ExplicitDeny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := mustParse(t, tc.doc, Trust)
			r := Request{Action: "sts:AssumeRole", Resource: roleARN, Principal: tc.principal, Account: tc.account}
			if got := p.Evaluate(r); got != tc.want {
				t.Errorf("Evaluate = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestStatementMatching(t *testing.T) {
	stmt := func(body string) string {
		return `{"Version":"2012-10-17","Statement":[` + body + `]}`
	}
	tests := []struct {
		name     string
		doc      string
		action   string
		resource string
		ctx      Context
		want     Decision
	}{
		{"explicit deny wins over allow", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:ListAllMyBuckets","Resource":"*"}`), "s3:ListAllMyBuckets", "arn:aws:s3:::*", nil, ExplicitDeny},
		{"deny of other action leaves allow", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:Delete*","Resource":"*"}`), "s3:ListAllMyBuckets", "arn:aws:s3:::*", nil, Allow},
		{"default deny", stmt(`{"Effect":"Allow","Action":"iam:*","Resource":"*"}`), "s3:ListAllMyBuckets", "arn:aws:s3:::*", nil, NotApplicable},
		{"action star", stmt(`{"Effect":"Allow","Action":"*","Resource":"*"}`), "sts:AssumeRole", roleARN, nil, Allow},
		{"action prefix wildcard", stmt(`{"Effect":"Allow","Action":"s3:List*","Resource":"*"}`), "s3:ListAllMyBuckets", "arn:aws:s3:::*", nil, Allow},
		{"action wildcard is case-insensitive", stmt(`{"Effect":"Allow","Action":"S3:LIST*","Resource":"*"}`), "s3:listallmybuckets", "arn:aws:s3:::*", nil, Allow},
		{"action question mark", stmt(`{"Effect":"Allow","Action":"iam:?etUser","Resource":"*"}`), "iam:GetUser", userARN, nil, Allow},
		{"action question mark needs one character", stmt(`{"Effect":"Allow","Action":"iam:?GetUser","Resource":"*"}`), "iam:GetUser", userARN, nil, NotApplicable},
		{"action list", stmt(`{"Effect":"Allow","Action":["iam:GetUser","s3:ListAllMyBuckets"],"Resource":"*"}`), "s3:ListAllMyBuckets", "arn:aws:s3:::*", nil, Allow},
		{"service prefix must match", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`), "s3control:ListJobs", "*", nil, NotApplicable},
		{"NotAction allows the others", stmt(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), "s3:ListAllMyBuckets", "arn:aws:s3:::*", nil, Allow},
		{"NotAction excludes its own", stmt(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), "iam:CreateUser", userARN, nil, NotApplicable},
		{"NotAction deny", stmt(`{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","NotAction":["sts:GetSessionToken","iam:ListMFADevices"],"Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}`), "s3:ListAllMyBuckets", "arn:aws:s3:::*", mfa("absent"), ExplicitDeny},
		{"NotAction deny spares its actions", stmt(`{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","NotAction":["sts:GetSessionToken","iam:ListMFADevices"],"Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}`), "sts:GetSessionToken", "*", mfa("absent"), Allow},
		{"NotAction deny lifts with MFA", stmt(`{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","NotAction":["sts:GetSessionToken","iam:ListMFADevices"],"Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}`), "s3:ListAllMyBuckets", "arn:aws:s3:::*", mfa("true"), Allow},
		{"resource exact", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::demo"}`), "s3:DeleteBucket", "arn:aws:s3:::demo", nil, Allow},
		{"resource is case-sensitive", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::demo"}`), "s3:DeleteBucket", "arn:aws:s3:::Demo", nil, NotApplicable},
		{"resource star spans segments", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::*"}`), "s3:GetObject", "arn:aws:s3:::demo/a/b.txt", nil, Allow},
		{"resource question mark", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::demo-?"}`), "s3:DeleteBucket", "arn:aws:s3:::demo-1", nil, Allow},
		{"resource question mark, too long", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::demo-?"}`), "s3:DeleteBucket", "arn:aws:s3:::demo-12", nil, NotApplicable},
		{"resource inner star", stmt(`{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::*:user/mfa-demo/*"}`), "iam:GetUser", userARN, nil, Allow},
		{"resource inner star, other path", stmt(`{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::*:user/mfa-demo/*"}`), "iam:GetUser", "arn:aws:iam::123456789012:user/other/alice", nil, NotApplicable},
		{"NotResource allows the others", stmt(`{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret*"}`), "s3:DeleteBucket", "arn:aws:s3:::demo", nil, Allow},
		{"NotResource excludes its own", stmt(`{"Effect":"Allow","Action":"s3:*","NotResource":["arn:aws:s3:::a","arn:aws:s3:::secret*"]}`), "s3:DeleteBucket", "arn:aws:s3:::secret-1", nil, NotApplicable},
		{"variable in resource", stmt(`{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::*:user/mfa-demo/${aws:username}"}`), "iam:GetUser", userARN, mfa("absent"), Allow},
		{"variable in resource, other user", stmt(`{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::*:user/mfa-demo/${aws:username}"}`), "iam:GetUser", otherARN, mfa("absent"), NotApplicable},
		{"variable key is case-insensitive", stmt(`{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::*:user/mfa-demo/${AWS:UserName}"}`), "iam:GetUser", userARN, mfa("absent"), Allow},
		{"unresolved variable: statement does not match", stmt(`{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::*:user/mfa-demo/${aws:username}"}`), "iam:GetUser", userARN, Context{}, NotApplicable},
		{"unresolved variable in one entry, another matches", stmt(`{"Effect":"Allow","Action":"iam:*","Resource":["arn:aws:iam::*:user/${aws:username}","arn:aws:iam::*:user/*"]}`), "iam:GetUser", userARN, Context{}, Allow},
		{"unresolved variable in NotResource: statement does not apply", stmt(`{"Effect":"Deny","Action":"iam:*","NotResource":"arn:aws:iam::*:user/${aws:username}"},{"Effect":"Allow","Action":"*","Resource":"*"}`), "iam:GetUser", userARN, Context{}, Allow},
		{"variable default value", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home-${aws:username, 'nobody'}"}`), "s3:DeleteBucket", "arn:aws:s3:::home-nobody", Context{}, Allow},
		{"variable value is literal, not a wildcard", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home-${aws:username}"}`), "s3:DeleteBucket", "arn:aws:s3:::home-anything", Context{"aws:username": {"*"}}, NotApplicable},
		{"escaped star is literal", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::a${*}b"}`), "s3:DeleteBucket", "arn:aws:s3:::axb", nil, NotApplicable},
		{"escaped star matches a star", stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::a${*}b"}`), "s3:DeleteBucket", "arn:aws:s3:::a*b", nil, Allow},
		{"legacy version takes variables literally", `{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::*:user/mfa-demo/${aws:username}"}}`, "iam:GetUser", userARN, mfa("absent"), NotApplicable},
		{"legacy version, literal text matches", `{"Statement":{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::*:user/${aws:username}"}}`, "iam:GetUser", "arn:aws:iam::1:user/${aws:username}", mfa("absent"), Allow},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := mustParse(t, tc.doc, Identity)
			r := Request{Action: tc.action, Resource: tc.resource, Principal: userARN, Account: account, Context: tc.ctx}
			if got := p.Evaluate(r); got != tc.want {
				t.Errorf("Evaluate = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestEvaluateAcrossPolicies(t *testing.T) {
	allowS3 := mustParse(t, `{"Version":"2012-10-17","Statement":[{"Sid":"S3","Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, Identity)
	allowList := mustParse(t, `{"Version":"2012-10-17","Statement":[{"Sid":"IAM","Effect":"Allow","Action":"iam:*","Resource":"*"},{"Sid":"List","Effect":"Allow","Action":"s3:List*","Resource":"*"}]}`, Identity)
	denyNoMFA := mustParse(t, `{"Version":"2012-10-17","Statement":[{"Sid":"NoMFA","Effect":"Deny","Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}`, Identity)
	list := Request{Action: "s3:ListAllMyBuckets", Resource: "arn:aws:s3:::*", Context: mfa("true")}
	listNoMFA := Request{Action: "s3:ListAllMyBuckets", Resource: "arn:aws:s3:::*", Context: mfa("false")}
	tests := []struct {
		name     string
		r        Request
		policies []*Policy
		want     Decision
		matches  []Match
	}{
		{"no policies", list, nil, NotApplicable, nil},
		{"nil policy is skipped", list, []*Policy{nil, allowS3}, Allow, []Match{{Policy: 1, Statement: 0}}},
		{"every applying allow is reported", list, []*Policy{allowS3, allowList}, Allow, []Match{{0, 0}, {1, 1}}},
		{"deny in any policy wins", listNoMFA, []*Policy{allowS3, denyNoMFA, allowList}, ExplicitDeny, []Match{{1, 0}}},
		{"deny not applying", list, []*Policy{allowS3, denyNoMFA}, Allow, []Match{{0, 0}}},
		{"only a non-applying deny", list, []*Policy{denyNoMFA}, NotApplicable, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, matches := EvaluateDetail(tc.r, tc.policies...)
			if got != tc.want || !slices.Equal(matches, tc.matches) {
				t.Errorf("EvaluateDetail = %v %v, want %v %v", got, matches, tc.want, tc.matches)
			}
			if plain := Evaluate(tc.r, tc.policies...); plain != tc.want {
				t.Errorf("Evaluate = %v, want %v", plain, tc.want)
			}
		})
	}
}

func TestPolicyEvaluateDetail(t *testing.T) {
	p := mustParse(t, `{"Version":"2012-10-17","Statement":[
		{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},
		{"Sid":"B","Effect":"Allow","Action":"iam:*","Resource":"*"},
		{"Sid":"C","Effect":"Allow","Action":"s3:List*","Resource":"*"},
		{"Sid":"D","Effect":"Deny","Action":"s3:Delete*","Resource":"*"}]}`, Identity)
	tests := []struct {
		action string
		want   Decision
		sids   []string
	}{
		{"s3:ListAllMyBuckets", Allow, []string{"A", "C"}},
		{"s3:DeleteBucket", ExplicitDeny, []string{"D"}},
		{"sts:GetCallerIdentity", NotApplicable, nil},
	}
	for _, tc := range tests {
		t.Run(tc.action, func(t *testing.T) {
			got, idx := p.EvaluateDetail(Request{Action: tc.action, Resource: "arn:aws:s3:::x"})
			var sids []string
			for _, i := range idx {
				sids = append(sids, p.Statements[i].Sid)
			}
			if got != tc.want || !slices.Equal(sids, tc.sids) {
				t.Errorf("EvaluateDetail = %v %v, want %v %v", got, sids, tc.want, tc.sids)
			}
		})
	}
}

func TestDecisionString(t *testing.T) {
	for d, want := range map[Decision]string{Allow: "allowed", ExplicitDeny: "explicitDeny", NotApplicable: "implicitDeny"} {
		if got := d.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(d), got, want)
		}
	}
}

func BenchmarkParseScenario(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(scenarioPolicy, Identity); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluateScenario(b *testing.B) {
	p, err := Parse(scenarioPolicy, Identity)
	if err != nil {
		b.Fatal(err)
	}
	r := Request{Action: "s3:ListAllMyBuckets", Resource: "arn:aws:s3:::*", Principal: userARN, Account: account, Context: mfa("true")}
	b.ReportAllocs()
	for b.Loop() {
		if p.Evaluate(r) != Allow {
			b.Fatal("not allowed")
		}
	}
}
