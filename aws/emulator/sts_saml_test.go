package emulator_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// samlIdP is a test SAML identity provider: a self-signed certificate, its metadata
// document, and real signed SAML responses.
type samlIdP struct {
	entityID string
	cert     tls.Certificate
}

func newSAMLIdP(t testing.TB, entityID string) *samlIdP {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatalf("generate RSA key: %v", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test IdP"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatalf("create certificate: %v", err)
	}
	return &samlIdP{entityID: entityID, cert: tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}}
}

// metadata is the IdP's SAML 2.0 metadata document, as CreateSAMLProvider takes it.
func (p *samlIdP) metadata() string {
	return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="` + p.entityID + `">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>` +
		base64.StdEncoding.EncodeToString(p.cert.Certificate[0]) + `</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="` + p.entityID + `/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`
}

// samlClaims are what a response says; the zero value of a field means the usual.
type samlClaims struct {
	issuer, recipient, audience, subject string
	notBefore, notOnOrAfter              time.Time
	roles                                []string // Role attribute values
	sessionName                          string   // RoleSessionName; "-" leaves it out
}

// response builds a SAML response with one assertion and signs the assertion with
// signer (the IdP's own certificate unless another is given); base64, as AWS takes it.
func (p *samlIdP) response(t testing.TB, c samlClaims, signer *samlIdP, unsigned bool) string {
	t.Helper()
	attr := func(name string, values ...string) string {
		s := `<saml:Attribute Name="` + name + `">`
		for _, v := range values {
			s += `<saml:AttributeValue>` + v + `</saml:AttributeValue>`
		}
		return s + `</saml:Attribute>`
	}
	attrs := attr("https://aws.amazon.com/SAML/Attributes/Role", c.roles...)
	if c.sessionName != "-" {
		attrs += attr("https://aws.amazon.com/SAML/Attributes/RoleSessionName", c.sessionName)
	}
	ts := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }
	doc := etree.NewDocument()
	err := doc.ReadFromString(`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="` + ts(c.notBefore) + `" Destination="` + c.recipient + `">` +
		`<saml:Issuer>` + c.issuer + `</saml:Issuer>` +
		`<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
		`<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1" Version="2.0" IssueInstant="` + ts(c.notBefore) + `">` +
		`<saml:Issuer>` + c.issuer + `</saml:Issuer>` +
		`<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">` + c.subject + `</saml:NameID>` +
		`<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="` + ts(c.notOnOrAfter) + `" Recipient="` + c.recipient + `"/></saml:SubjectConfirmation></saml:Subject>` +
		`<saml:Conditions NotBefore="` + ts(c.notBefore) + `" NotOnOrAfter="` + ts(c.notOnOrAfter) + `"><saml:AudienceRestriction><saml:Audience>` + c.audience + `</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
		`<saml:AuthnStatement AuthnInstant="` + ts(c.notBefore) + `"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
		`<saml:AttributeStatement>` + attrs + `</saml:AttributeStatement>` +
		`</saml:Assertion></samlp:Response>`)
	if err != nil {
		t.Fatalf("build response: %v", err)
	}
	if !unsigned {
		assertion := doc.Root().SelectElement("Assertion")
		ctx := dsig.NewDefaultSigningContext(dsig.TLSCertKeyStore(signer.cert))
		ctx.Canonicalizer = dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("")
		signed, err := ctx.SignEnveloped(assertion)
		if err != nil {
			t.Fatalf("sign assertion: %v", err)
		}
		doc.Root().RemoveChild(assertion)
		doc.Root().AddChild(signed)
	}
	out, err := doc.WriteToString()
	if err != nil {
		t.Fatalf("write response: %v", err)
	}
	return base64.StdEncoding.EncodeToString([]byte(out))
}

// TestSAMLProviders_APIReference covers Create/Get/List/DeleteSAMLProvider: a metadata
// document of at least 1,000 characters with a signing certificate ("Could not parse
// metadata" otherwise), one provider per name, NoSuchEntity once deleted.
func TestSAMLProviders_APIReference(t *testing.T) {
	e := start(t, emulator.Options{})
	admin := e.admin.iam
	idp := newSAMLIdP(t, "https://integ.example.com/idp/shibboleth")
	out, err := admin.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: aws.String("SAML-test"), SAMLMetadataDocument: aws.String(idp.metadata())})
	expectCode(t, "CreateSAMLProvider", err, "")
	arn := aws.ToString(out.SAMLProviderArn)
	if arn != "arn:aws:iam::000000000000:saml-provider/SAML-test" {
		t.Fatalf("SAMLProviderArn %q", arn)
	}
	for _, tc := range []struct {
		name, provider, doc, code string
	}{
		{"the same name again", "SAML-test", idp.metadata(), "EntityAlreadyExists"},
		{"a name with a space", "SAML test", idp.metadata(), "ValidationError"},
		{"a document under 1,000 characters", "short", `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>`, "ValidationError"},
		{"a document without a certificate", "nocert", strings.Replace(idp.metadata(), "X509Certificate>", "X509Cert>", 2), "InvalidInput"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := admin.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: aws.String(tc.provider), SAMLMetadataDocument: aws.String(tc.doc)})
			expectCode(t, "CreateSAMLProvider", err, tc.code)
		})
	}
	got, err := admin.GetSAMLProvider(ctx, &iam.GetSAMLProviderInput{SAMLProviderArn: aws.String(arn)})
	expectCode(t, "GetSAMLProvider", err, "")
	if aws.ToString(got.SAMLMetadataDocument) != idp.metadata() || aws.ToString(got.SAMLProviderUUID) == "" || got.ValidUntil == nil {
		t.Fatalf("GetSAMLProvider %+v", got)
	}
	list, err := admin.ListSAMLProviders(ctx, &iam.ListSAMLProvidersInput{})
	expectCode(t, "ListSAMLProviders", err, "")
	if len(list.SAMLProviderList) != 1 || aws.ToString(list.SAMLProviderList[0].Arn) != arn {
		t.Fatalf("ListSAMLProviders %+v", list.SAMLProviderList)
	}
	_, err = admin.DeleteSAMLProvider(ctx, &iam.DeleteSAMLProviderInput{SAMLProviderArn: aws.String(arn)})
	expectCode(t, "DeleteSAMLProvider", err, "")
	_, err = admin.GetSAMLProvider(ctx, &iam.GetSAMLProviderInput{SAMLProviderArn: aws.String(arn)})
	expectCode(t, "GetSAMLProvider after delete", err, "NoSuchEntity")
}

// TestAssumeRoleWithSAML_APIReference drives AssumeRoleWithSAML through the SDK's STS
// client (sent unsigned, the model's smithy.api#noAuth) with real signed assertions: the
// grant with the fields of the API reference (Subject, SubjectType, Issuer, Audience,
// NameQualifier), then each refusal: the provider, the signature, Issuer, Recipient,
// Audience, NotOnOrAfter, the Role and RoleSessionName attributes, the trust policy.
func TestAssumeRoleWithSAML_APIReference(t *testing.T) {
	e := start(t, emulator.Options{AccountID: "123456789012"})
	admin := e.admin.iam
	idp := newSAMLIdP(t, "https://integ.example.com/idp/shibboleth")
	impostor := newSAMLIdP(t, "https://integ.example.com/idp/shibboleth")
	prov, err := admin.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: aws.String("SAML-test"), SAMLMetadataDocument: aws.String(idp.metadata())})
	expectCode(t, "CreateSAMLProvider", err, "")
	providerARN := aws.ToString(prov.SAMLProviderArn)
	trust := webIdentityTrust(providerARN, "sts:AssumeRoleWithSAML", `,"Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"},"StringLike":{"SAML:sub":"Saml*"}}`)
	role, err := admin.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("TestSaml"), AssumeRolePolicyDocument: aws.String(trust)})
	expectCode(t, "CreateRole", err, "")
	roleARN := aws.ToString(role.Role.Arn)

	now := e.clock.Now()
	good := func() samlClaims {
		return samlClaims{issuer: idp.entityID, recipient: "https://signin.aws.amazon.com/saml", audience: "https://signin.aws.amazon.com/saml",
			subject: "SamlExample", notBefore: now.Add(-time.Minute), notOnOrAfter: now.Add(5 * time.Minute),
			roles: []string{roleARN + "," + providerARN}, sessionName: "SamlExample"}
	}
	client, rec := anonymousSTS(e)
	assume := func(assertion string, edit ...func(*sts.AssumeRoleWithSAMLInput)) (*sts.AssumeRoleWithSAMLOutput, error) {
		in := &sts.AssumeRoleWithSAMLInput{RoleArn: aws.String(roleARN), PrincipalArn: aws.String(providerARN), SAMLAssertion: aws.String(assertion)}
		for _, f := range edit {
			f(in)
		}
		return client.AssumeRoleWithSAML(ctx, in)
	}

	out, err := assume(idp.response(t, good(), idp, false))
	expectCode(t, "AssumeRoleWithSAML", err, "")
	for i, signed := range rec.signed {
		if signed {
			t.Fatalf("request %d of the SDK's AssumeRoleWithSAML carried an Authorization header", i)
		}
	}
	if got := aws.ToString(out.AssumedRoleUser.Arn); got != "arn:aws:sts::123456789012:assumed-role/TestSaml/SamlExample" {
		t.Fatalf("AssumedRoleUser.Arn %q", got)
	}
	if aws.ToString(out.Subject) != "SamlExample" || aws.ToString(out.SubjectType) != "transient" || aws.ToString(out.Issuer) != idp.entityID ||
		aws.ToString(out.Audience) != "https://signin.aws.amazon.com/saml" {
		t.Fatalf("Subject %q SubjectType %q Issuer %q Audience %q", aws.ToString(out.Subject), aws.ToString(out.SubjectType), aws.ToString(out.Issuer), aws.ToString(out.Audience))
	}
	// "BASE64 ( SHA1 ( "https://example.com/saml" + "123456789012" + "/MySAMLIdP" ) )" (API reference).
	sum := sha1.Sum([]byte(idp.entityID + "123456789012" + "/SAML-test"))
	if got, want := aws.ToString(out.NameQualifier), base64.StdEncoding.EncodeToString(sum[:]); got != want {
		t.Fatalf("NameQualifier %q, want %q", got, want)
	}
	who, err := sessionClients(e, out.Credentials).sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	expectCode(t, "SAML session GetCallerIdentity", err, "")
	if aws.ToString(who.Arn) != aws.ToString(out.AssumedRoleUser.Arn) {
		t.Fatalf("SAML session identity %q", aws.ToString(who.Arn))
	}

	edit := func(f func(*samlClaims)) samlClaims {
		c := good()
		f(&c)
		return c
	}
	for _, tc := range []struct {
		name      string
		assertion string
		in        func(*sts.AssumeRoleWithSAMLInput)
		code, msg string
	}{
		{name: "a provider that does not exist", assertion: idp.response(t, good(), idp, false),
			in: func(in *sts.AssumeRoleWithSAMLInput) {
				in.PrincipalArn = aws.String("arn:aws:iam::123456789012:saml-provider/Other")
			},
			code: "InvalidIdentityToken", msg: "Specified provider doesn't exist."},
		{name: "signed by another certificate", assertion: idp.response(t, good(), impostor, false), code: "InvalidIdentityToken", msg: "Response signature invalid"},
		{name: "not signed", assertion: idp.response(t, good(), idp, true), code: "InvalidIdentityToken", msg: "Response signature invalid"},
		{name: "tampered after signing", assertion: tamper(t, idp.response(t, good(), idp, false), "SamlExample</saml:NameID>", "SamlAdmin</saml:NameID>"),
			code: "InvalidIdentityToken", msg: "Response signature invalid"},
		{name: "not base64", assertion: "VERYLONGENCODEDASSERTIONEXAMPLE%%", code: "InvalidIdentityToken", msg: "Invalid SAML response"},
		{name: "another issuer", assertion: idp.response(t, edit(func(c *samlClaims) { c.issuer = "https://other.example.com" }), idp, false),
			code: "InvalidIdentityToken", msg: "Issuer not present in specified provider"},
		{name: "another Recipient", assertion: idp.response(t, edit(func(c *samlClaims) { c.recipient = "https://example.com/acs" }), idp, false), code: "InvalidIdentityToken"},
		{name: "another Audience", assertion: idp.response(t, edit(func(c *samlClaims) { c.audience = "urn:example" }), idp, false),
			code: "InvalidIdentityToken", msg: "Response does not contain the required audience."},
		{name: "past its NotOnOrAfter", assertion: idp.response(t, edit(func(c *samlClaims) { c.notOnOrAfter = now.Add(-time.Second) }), idp, false), code: "ExpiredTokenException"},
		{name: "before its NotBefore", assertion: idp.response(t, edit(func(c *samlClaims) { c.notBefore = now.Add(time.Minute) }), idp, false), code: "ExpiredTokenException"},
		{name: "a Role attribute for another role", assertion: idp.response(t, edit(func(c *samlClaims) {
			c.roles = []string{"arn:aws:iam::123456789012:role/Other," + providerARN}
		}), idp, false), code: "AccessDenied", msg: "Not authorized to perform sts:AssumeRoleWithSAML"},
		{name: "no RoleSessionName", assertion: idp.response(t, edit(func(c *samlClaims) { c.sessionName = "-" }), idp, false),
			code: "InvalidIdentityToken", msg: "RoleSessionName is required in AuthnResponse"},
		{name: "a RoleSessionName with a space", assertion: idp.response(t, edit(func(c *samlClaims) { c.sessionName = "Saml Example" }), idp, false),
			code: "InvalidIdentityToken", msg: "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}"},
		{name: "a subject the trust policy does not allow", assertion: idp.response(t, edit(func(c *samlClaims) { c.subject = "Mallory" }), idp, false),
			code: "AccessDenied", msg: "Not authorized to perform sts:AssumeRoleWithSAML"},
		{name: "DurationSeconds over the role's MaxSessionDuration", assertion: idp.response(t, good(), idp, false),
			in:   func(in *sts.AssumeRoleWithSAMLInput) { in.DurationSeconds = aws.Int32(3601) },
			code: "ValidationError", msg: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var edits []func(*sts.AssumeRoleWithSAMLInput)
			if tc.in != nil {
				edits = append(edits, tc.in)
			}
			_, err := assume(tc.assertion, edits...)
			if tc.msg != "" {
				expectError(t, "AssumeRoleWithSAML", err, tc.code, tc.msg)
			} else {
				expectCode(t, "AssumeRoleWithSAML", err, tc.code)
			}
		})
	}
}

// tamper replaces text inside a base64 SAML response.
func tamper(t testing.TB, encoded, old, replacement string) string {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil || !strings.Contains(string(raw), old) {
		t.Fatalf("tamper: %q not in the response (%v)", old, err)
	}
	return base64.StdEncoding.EncodeToString([]byte(strings.Replace(string(raw), old, replacement, 1)))
}
