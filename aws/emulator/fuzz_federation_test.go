package emulator_test

import (
	"bytes"
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// unsignedSTSRequest is an unsigned Query request for one of STS's noAuth actions.
func unsignedSTSRequest(form url.Values) *http.Request {
	body := form.Encode()
	req := &http.Request{
		Method: http.MethodPost, URL: &url.URL{Path: "/"}, Host: "127.0.0.1:4566", RemoteAddr: "127.0.0.1:50000",
		Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
		Body:   io.NopCloser(bytes.NewReader([]byte(body))), ContentLength: int64(len(body)),
	}
	return req
}

// FuzzWebIdentityToken throws arbitrary tokens at the JWT decoding of
// AssumeRoleWithWebIdentity, from an issuer the emulator knows: never a panic or a hang,
// always an AWS-shaped answer, and never credentials for a token the fuzzer forged.
func FuzzWebIdentityToken(f *testing.F) {
	idp := newOIDCIssuer(f, "https://idp.example.com")
	e := start(f, emulator.Options{WebIdentityKeys: map[string]string{idp.url: idp.jwks(f)}})
	_, err := e.admin.iam.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String(idp.url), ClientIDList: []string{"app1"}})
	if err != nil {
		f.Fatalf("CreateOpenIDConnectProvider: %v", err)
	}
	_, err = e.admin.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("web"),
		AssumeRolePolicyDocument: aws.String(webIdentityTrust("arn:aws:iam::000000000000:oidc-provider/idp.example.com", "sts:AssumeRoleWithWebIdentity", ""))})
	if err != nil {
		f.Fatalf("CreateRole: %v", err)
	}
	valid := idp.token(f, idp.claims(e.clock.Now(), "app1", "user-1"))
	header, payload, _ := strings.Cut(valid, ".")
	f.Add(valid)
	f.Add(header + "." + payload + ".")
	f.Add(header + ".." + "AAAA")
	f.Add("eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSJ9.")
	f.Add("Atza|IQEBLjAsAhRFiXuWpUXuRvQ9PZL3GMFcYevydwIU")
	f.Add("a.b.c.d.e")
	f.Add(strings.Repeat("e", 20001))
	f.Fuzz(func(t *testing.T, token string) {
		rec := serveOnce(t, e.srv.Emulator, unsignedSTSRequest(url.Values{
			"Action": {"AssumeRoleWithWebIdentity"}, "Version": {"2011-06-15"}, "RoleArn": {"arn:aws:iam::000000000000:role/web"},
			"RoleSessionName": {"fuzz"}, "WebIdentityToken": {token},
		}))
		checkAWSShaped(t, rec, http.MethodPost)
		if rec.Code < 400 && token != valid {
			t.Fatalf("a token the fuzzer made got credentials:\n%s", token)
		}
	})
}

// FuzzSAMLAssertion throws arbitrary SAML responses (base64 or not) at the XML signature
// and assertion decoding of AssumeRoleWithSAML: never a panic or a hang, always an
// AWS-shaped answer, and never credentials for an assertion the fuzzer changed.
func FuzzSAMLAssertion(f *testing.F) {
	e := start(f, emulator.Options{})
	idp := newSAMLIdP(f, "https://idp.example.com/saml")
	prov, err := e.admin.iam.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: aws.String("fuzz"), SAMLMetadataDocument: aws.String(idp.metadata())})
	if err != nil {
		f.Fatalf("CreateSAMLProvider: %v", err)
	}
	providerARN := aws.ToString(prov.SAMLProviderArn)
	_, err = e.admin.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("saml"),
		AssumeRolePolicyDocument: aws.String(webIdentityTrust(providerARN, "sts:AssumeRoleWithSAML", ""))})
	if err != nil {
		f.Fatalf("CreateRole: %v", err)
	}
	now := e.clock.Now()
	valid := idp.response(f, samlClaims{issuer: idp.entityID, recipient: "https://signin.aws.amazon.com/saml", audience: "https://signin.aws.amazon.com/saml",
		subject: "fuzz", notBefore: now.Add(-time.Minute), notOnOrAfter: now.Add(time.Hour),
		roles: []string{"arn:aws:iam::000000000000:role/saml," + providerARN}, sessionName: "fuzz"}, idp, false)
	raw, _ := base64.StdEncoding.DecodeString(valid)
	f.Add(valid)
	f.Add(base64.StdEncoding.EncodeToString(bytes.Replace(raw, []byte("fuzz</saml:NameID>"), []byte("root</saml:NameID>"), 1)))
	f.Add(base64.StdEncoding.EncodeToString([]byte(`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>`)))
	f.Add(base64.StdEncoding.EncodeToString([]byte(`<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;&a;</r>`)))
	f.Add(base64.StdEncoding.EncodeToString(raw[:len(raw)/2]))
	f.Add("VERYLONGENCODEDASSERTIONEXAMPLExzYW1sOkF1ZGllbmNlPmJsYW5rPC9zYW1sOkF1ZGllbmNlPjwvc2FtbDpBdWRpZW5jZVJlc3RyaWN0aW9uPjwvc2FtbDpDb25kaXRpb25zPjxzYW1sOlN1YmplY3Q+")
	f.Add("%%%")
	f.Fuzz(func(t *testing.T, assertion string) {
		rec := serveOnce(t, e.srv.Emulator, unsignedSTSRequest(url.Values{
			"Action": {"AssumeRoleWithSAML"}, "Version": {"2011-06-15"}, "RoleArn": {"arn:aws:iam::000000000000:role/saml"},
			"PrincipalArn": {providerARN}, "SAMLAssertion": {assertion},
		}))
		checkAWSShaped(t, rec, http.MethodPost)
		// base64 decoding skips line breaks, so compare what was decoded.
		if decoded, _ := base64.StdEncoding.DecodeString(assertion); rec.Code < 400 && !bytes.Equal(decoded, raw) {
			t.Fatalf("an assertion the fuzzer made got credentials:\n%s", assertion)
		}
	})
}
