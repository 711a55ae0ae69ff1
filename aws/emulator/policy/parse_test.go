package policy

import (
	"errors"
	"strings"
	"testing"
)

func TestParseRefusesMalformedDocuments(t *testing.T) {
	const allowAll = `{"Effect":"Allow","Action":"*","Resource":"*"}`
	deep := strings.Repeat("[", 20) + strings.Repeat("]", 20)
	tests := []struct {
		name string
		kind Kind
		doc  string
		want string
	}{
		{"not JSON", Identity, `{"Version":`, "Syntax errors in policy."},
		{"empty document", Identity, ``, "Syntax errors in policy."},
		{"top level is an array", Identity, `[` + allowAll + `]`, "Syntax errors in policy."},
		{"trailing data", Identity, `{"Statement":` + allowAll + `} {}`, "Syntax errors in policy."},
		{"invalid UTF-8", Identity, "{\"Id\":\"\xff\",\"Statement\":" + allowAll + "}", "Syntax errors in policy."},
		{"too deep", Identity, `{"Statement":` + allowAll + `,"Id":` + deep + `}`, "Syntax errors in policy."},
		{"too large", Identity, `{"Id":"` + strings.Repeat("a", MaxDocumentSize) + `","Statement":` + allowAll + `}`, "Policy document exceeds the maximum size."},
		{"unknown top-level element", Identity, `{"Version":"2012-10-17","Statment":[` + allowAll + `]}`, "Syntax errors in policy."},
		{"bad Version", Identity, `{"Version":"2012-10-18","Statement":[` + allowAll + `]}`, "Syntax errors in policy."},
		{"Version not a string", Identity, `{"Version":2012,"Statement":[` + allowAll + `]}`, "Syntax errors in policy."},
		{"Id not a string", Identity, `{"Id":1,"Statement":[` + allowAll + `]}`, "Syntax errors in policy."},
		{"no Statement", Identity, `{"Version":"2012-10-17"}`, "Syntax errors in policy."},
		{"empty Statement", Identity, `{"Version":"2012-10-17","Statement":[]}`, "Syntax errors in policy."},
		{"Statement a string", Identity, `{"Statement":"Allow"}`, "Syntax errors in policy."},
		{"statement not an object", Identity, `{"Statement":["Allow"]}`, "Syntax errors in policy."},
		{"duplicate key", Identity, `{"Statement":{"Effect":"Allow","Effect":"Deny","Action":"*","Resource":"*"}}`, "Syntax errors in policy."},
		{"unknown statement element", Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Actions":"*"}}`, "Syntax errors in policy."},
		{"missing Effect", Identity, `{"Statement":{"Action":"*","Resource":"*"}}`, "Syntax errors in policy."},
		{"Effect not Allow or Deny", Identity, `{"Statement":{"Effect":"Permit","Action":"*","Resource":"*"}}`, "Syntax errors in policy."},
		{"Effect in lower case", Identity, `{"Statement":{"Effect":"allow","Action":"*","Resource":"*"}}`, "The policy failed legacy parsing"},
		{"no Action", Identity, `{"Statement":{"Effect":"Allow","Resource":"*"}}`, "Policy statement must contain actions."},
		{"empty Action", Identity, `{"Statement":{"Effect":"Allow","Action":[],"Resource":"*"}}`, "Policy statement must contain actions."},
		{"Action and NotAction", Identity, `{"Statement":{"Effect":"Allow","Action":"*","NotAction":"iam:*","Resource":"*"}}`, "Syntax errors in policy."},
		{"Action a number", Identity, `{"Statement":{"Effect":"Allow","Action":1,"Resource":"*"}}`, "Syntax errors in policy."},
		{"Action array holds an object", Identity, `{"Statement":{"Effect":"Allow","Action":[{}],"Resource":"*"}}`, "Syntax errors in policy."},
		{"Action without vendor", Identity, `{"Statement":{"Effect":"Allow","Action":"ListAllMyBuckets","Resource":"*"}}`, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."},
		{"Action with two colons", Identity, `{"Statement":{"Effect":"Allow","Action":"s3:List:All","Resource":"*"}}`, "Actions/Condition can contain only one colon."},
		{"Action vendor with bad characters", Identity, `{"Statement":{"Effect":"Allow","Action":"s 3:List","Resource":"*"}}`, "Vendor s 3 is not valid"},
		{"no Resource", Identity, `{"Statement":{"Effect":"Allow","Action":"*"}}`, "Policy statement must contain resources."},
		{"empty Resource", Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":[]}}`, "Policy statement must contain resources."},
		{"Resource and NotResource", Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","NotResource":"*"}}`, "Syntax errors in policy."},
		{"Resource not an ARN", Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"bucket"}}`, `Resource bucket must be in ARN format or "*".`},
		{"Sid not a string", Identity, `{"Statement":{"Sid":1,"Effect":"Allow","Action":"*","Resource":"*"}}`, "Syntax errors in policy."},
		{"Sid with a space", Identity, `{"Statement":{"Sid":"a b","Effect":"Allow","Action":"*","Resource":"*"}}`, "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*"},
		{"duplicate Sid", Identity, `{"Statement":[{"Sid":"A","Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"*","Resource":"*"}]}`, "Statement IDs (SID) in a single policy must be unique."},
		{"Principal in identity policy", Identity, `{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}}`, "Policy document should not specify a principal."},
		{"NotPrincipal in identity policy", Identity, `{"Statement":{"Effect":"Allow","NotPrincipal":{"AWS":"123456789012"},"Action":"*","Resource":"*"}}`, "Policy document should not specify a principal."},
		{"no Principal in trust policy", Trust, `{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}}`, "Missing required field Principal"},
		{"Resource in trust policy", Trust, `{"Statement":{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Resource":"*"}}`, "Has prohibited field Resource"},
		{"Principal and NotPrincipal", Trust, `{"Statement":{"Effect":"Allow","Principal":"*","NotPrincipal":"*","Action":"sts:AssumeRole"}}`, "Syntax errors in policy."},
		{"Principal a bare ARN", Trust, `{"Statement":{"Effect":"Allow","Principal":"arn:aws:iam::123456789012:root","Action":"sts:AssumeRole"}}`, "Syntax errors in policy."},
		{"Principal of unknown type", Trust, `{"Statement":{"Effect":"Allow","Principal":{"User":"bob"},"Action":"sts:AssumeRole"}}`, "Syntax errors in policy."},
		{"Principal empty object", Trust, `{"Statement":{"Effect":"Allow","Principal":{},"Action":"sts:AssumeRole"}}`, "Syntax errors in policy."},
		{"AWS principal neither account nor ARN", Trust, `{"Statement":{"Effect":"Allow","Principal":{"AWS":"bob"},"Action":"sts:AssumeRole"}}`, `Invalid principal in policy: "AWS":"bob"`},
		{"Condition not an object", Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":[]}}`, "Syntax errors in policy."},
		{"unknown operator", Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqualz":{"aws:username":"bob"}}}}`, "Syntax errors in policy."},
		{"operator in wrong case", Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"bool":{"aws:MultiFactorAuthPresent":true}}}}`, "Syntax errors in policy."},
		{"unknown set qualifier", Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForSomeValues:StringLike":{"aws:TagKeys":"a"}}}}`, "Syntax errors in policy."},
		{"operator body not an object", Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":true}}}`, "Syntax errors in policy."},
		{"condition value null", Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":null}}}}`, "Syntax errors in policy."},
		{"condition value nested array", Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:username":[["a"]]}}}}`, "Syntax errors in policy."},
		{"condition key without vendor", Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"username":"a"}}}}`, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."},
		{"bad date", Identity, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"yesterday"}}}}`, "The policy failed legacy parsing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse(tc.doc, tc.kind)
			if err == nil {
				t.Fatalf("Parse accepted the document: %+v", p)
			}
			var me *MalformedError
			if !errors.As(err, &me) {
				t.Fatalf("error %T %v is not a *MalformedError", err, err)
			}
			if err.Error() != tc.want {
				t.Errorf("error = %q, want %q", err.Error(), tc.want)
			}
		})
	}
}

func TestParseAcceptsValidDocuments(t *testing.T) {
	tests := []struct {
		name       string
		kind       Kind
		doc        string
		version    string
		id         string
		statements int
		sids       []string
		effects    []string
	}{
		{
			name:       "scenario policy",
			kind:       Identity,
			doc:        scenarioPolicy,
			version:    "2012-10-17",
			statements: 1, sids: []string{""}, effects: []string{"Allow"},
		},
		{
			name:       "statement as a single object, no Version",
			kind:       Identity,
			doc:        `{"Statement":{"Effect":"Deny","NotAction":["iam:*","sts:*"],"NotResource":"arn:aws:s3:::keep"}}`,
			statements: 1, sids: []string{""}, effects: []string{"Deny"},
		},
		{
			name:       "legacy version with Id and Sids",
			kind:       Identity,
			doc:        `{"Version":"2008-10-17","Id":"doc-1","Statement":[{"Sid":"One","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"Two2","Effect":"Deny","Action":"s3:Delete*","Resource":"*"}]}`,
			version:    "2008-10-17",
			id:         "doc-1",
			statements: 2, sids: []string{"One", "Two2"}, effects: []string{"Allow", "Deny"},
		},
		{
			name:       "scenario trust policy",
			kind:       Trust,
			doc:        scenarioTrustPolicy,
			version:    "2012-10-17",
			statements: 1, sids: []string{""}, effects: []string{"Allow"},
		},
		{
			name:       "trust policy with every principal type",
			kind:       Trust,
			doc:        `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["123456789012","arn:aws:iam::123456789012:root"],"Service":"ec2.amazonaws.com","Federated":"cognito-identity.amazonaws.com","CanonicalUser":"abc"},"Action":["sts:AssumeRole","sts:TagSession"]}]}`,
			version:    "2012-10-17",
			statements: 1, sids: []string{""}, effects: []string{"Allow"},
		},
		{
			name:       "every operator form",
			kind:       Identity,
			doc:        `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["a*"]},"ForAllValues:StringEquals":{"aws:TagKeys":[]},"Null":{"aws:TokenIssueTime":"false"},"NumericLessThan":{"aws:MultiFactorAuthAge":3600},"DateGreaterThan":{"aws:CurrentTime":["2020-01-01T00:00:00Z","1577836800","2020-01-01"]},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}}`,
			version:    "2012-10-17",
			statements: 1, sids: []string{""}, effects: []string{"Allow"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse(tc.doc, tc.kind)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if p.Version != tc.version || p.ID != tc.id {
				t.Errorf("Version, ID = %q, %q; want %q, %q", p.Version, p.ID, tc.version, tc.id)
			}
			if len(p.Statements) != tc.statements {
				t.Fatalf("%d statements, want %d", len(p.Statements), tc.statements)
			}
			for i, st := range p.Statements {
				if st.Sid != tc.sids[i] || st.Effect != tc.effects[i] {
					t.Errorf("statement %d: Sid %q Effect %q, want %q %q", i, st.Sid, st.Effect, tc.sids[i], tc.effects[i])
				}
			}
		})
	}
}
