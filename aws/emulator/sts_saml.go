package emulator

import (
	"crypto/sha1"
	"encoding/base64"
	"errors"
	"net/http"
	"regexp"
	"strings"

	saml2 "github.com/russellhaering/gosaml2"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/mfa-demo/mfa-demo/aws/emulator/policy"
)

// samlEndpoint is AWS's SAML sign-in endpoint: the Recipient of the assertion's
// SubjectConfirmationData and its Audience (IAM user guide, "Configure SAML assertions
// for the authentication response").
const samlEndpoint = "https://signin.aws.amazon.com/saml"

// The attributes AWS reads from a SAML assertion (same guide).
const (
	samlRoleAttribute        = "https://aws.amazon.com/SAML/Attributes/Role"
	samlSessionNameAttribute = "https://aws.amazon.com/SAML/Attributes/RoleSessionName"
)

// samlSessionNamePattern is what AWS wants of RoleSessionName: "RoleSessionName in
// AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}" (IAM user guide, "Troubleshoot SAML
// federation with IAM").
var samlSessionNamePattern = regexp.MustCompile(`^[a-zA-Z_0-9+=,.@-]{2,64}$`)

type assumeRoleWithSAMLResult struct {
	Credentials     xmlCredentials  `xml:"Credentials"`
	AssumedRoleUser assumedRoleUser `xml:"AssumedRoleUser"`
	Subject         string          `xml:"Subject"`
	SubjectType     string          `xml:"SubjectType"`
	Issuer          string          `xml:"Issuer"`
	Audience        string          `xml:"Audience"`
	NameQualifier   string          `xml:"NameQualifier"`
	tokenSize
}

// assumeRoleWithSAML is served unsigned, as AWS serves it (the STS model marks it
// smithy.api#noAuth). PrincipalArn names the IAM SAML provider; the base64 SAML
// response must be signed (the response or its assertion) by a certificate of the
// provider's metadata document, be issued by the metadata's entity ID, name
// https://signin.aws.amazon.com/saml as Recipient and Audience, be within its
// NotBefore/NotOnOrAfter, and carry the Role attribute naming "RoleArn,PrincipalArn" and
// a RoleSessionName. The XML signature, the SAML conditions and the subject confirmation
// are checked by gosaml2 (with goxmldsig). Then the role's trust policy decides, with the
// SAML condition keys (SAML:aud, SAML:iss, SAML:sub, SAML:sub_type, SAML:namequalifier).
// Errors are those of the API reference's Errors section, worded as the IAM user guide's
// "Troubleshoot SAML federation with IAM" quotes them.
func assumeRoleWithSAML(e *Emulator, req *request) (any, *apiError) {
	roleARN, aerr := roleARNParam(req, "RoleArn")
	if aerr != nil {
		return nil, aerr
	}
	providerARN, aerr := roleARNParam(req, "PrincipalArn")
	if aerr != nil {
		return nil, aerr
	}
	assertion, aerr := req.required("SAMLAssertion")
	if aerr != nil {
		return nil, aerr
	}
	if len(assertion) < 4 || len(assertion) > 100000 {
		return nil, errValidation("1 validation error detected: Value at 'sAMLAssertion' failed to satisfy constraint: Member must have length between 4 and 100000")
	}
	p, ok := e.identityProviders().saml[providerARN]
	if !ok {
		return nil, errInvalidIdentityToken("Specified provider doesn't exist.")
	}
	info, aerr := verifySAMLResponse(p, assertion, req)
	if aerr != nil {
		return nil, aerr
	}

	if !samlNamesRole(info, roleARN, providerARN) {
		return nil, errFederatedDenied("sts:AssumeRoleWithSAML")
	}
	sessionName := info.Values.Get(samlSessionNameAttribute)
	switch {
	case sessionName == "":
		return nil, errInvalidIdentityToken("RoleSessionName is required in AuthnResponse")
	case !samlSessionNamePattern.MatchString(sessionName):
		return nil, errInvalidIdentityToken("RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}")
	}
	subjectType := strings.TrimPrefix(info.NameIDFormat, "urn:oasis:names:tc:SAML:2.0:nameid-format:")
	// "BASE64 ( SHA1 ( "https://example.com/saml" + "123456789012" + "/MySAMLIdP" ) )"
	// (AssumeRoleWithSAML API reference, NameQualifier).
	sum := sha1.Sum([]byte(p.entityID + e.account + "/" + p.name))
	nameQualifier := base64.StdEncoding.EncodeToString(sum[:])
	session, aerr := e.assumeFederated(req, federatedGrant{
		action: "sts:AssumeRoleWithSAML", roleARN: roleARN, sessionName: sessionName, principal: providerARN,
		context: policy.Context{
			"SAML:aud":           {samlEndpoint},
			"SAML:iss":           {p.entityID},
			"SAML:sub":           {info.NameID},
			"SAML:sub_type":      {subjectType},
			"SAML:namequalifier": {nameQualifier},
		},
	})
	if aerr != nil {
		return nil, aerr
	}
	return assumeRoleWithSAMLResult{
		Credentials:     session.cred.xml(),
		AssumedRoleUser: session.user,
		Subject:         info.NameID,
		SubjectType:     subjectType,
		Issuer:          p.entityID,
		Audience:        samlEndpoint,
		NameQualifier:   nameQualifier,
		tokenSize:       sizeOf(session.cred, session.packed),
	}, nil
}

// verifySAMLResponse checks the response's signature against the provider's
// certificates and its conditions against the emulator's clock.
func verifySAMLResponse(p *samlProvider, encoded string, req *request) (*saml2.AssertionInfo, *apiError) {
	invalid := errInvalidIdentityToken("Invalid SAML response")
	if _, err := base64.StdEncoding.DecodeString(encoded); err != nil {
		return nil, invalid
	}
	sp := &saml2.SAMLServiceProvider{
		IdentityProviderIssuer:      p.entityID,
		AssertionConsumerServiceURL: samlEndpoint,
		AudienceURI:                 samlEndpoint,
		IDPCertificateStore:         &dsig.MemoryX509CertificateStore{Roots: p.certs},
		Clock:                       dsig.NewFakeClockAt(req.now),
	}
	info, err := sp.RetrieveAssertionInfo(encoded)
	// gosaml2 wraps what its response validation finds without an Unwrap method.
	var wrapped saml2.ErrVerification
	if errors.As(err, &wrapped) {
		err = wrapped.Cause
	}
	var badValue saml2.ErrInvalidValue
	var missing saml2.ErrMissingElement
	var parsing saml2.ErrParsing
	switch {
	case err == nil:
	case errors.As(err, &badValue) && badValue.Reason == saml2.ReasonExpired:
		return nil, newError(http.StatusBadRequest, "ExpiredTokenException", "Unable to assume role, the SAML response is expired (NotOnOrAfter %s).", badValue.Actual)
	case errors.As(err, &badValue) && badValue.Key == saml2.IssuerTag:
		return nil, errInvalidIdentityToken("Issuer not present in specified provider")
	case errors.As(err, &badValue) && (badValue.Key == saml2.RecipientAttr || badValue.Key == saml2.DestinationAttr):
		return nil, errInvalidIdentityToken("Invalid SAML response: the Recipient must be %s", samlEndpoint)
	case errors.As(err, &badValue), errors.As(err, &missing), errors.As(err, &parsing):
		return nil, invalid
	default:
		// What is left is the XML signature: missing, not by the provider's
		// certificate, or not matching the signed content.
		return nil, errInvalidIdentityToken("Response signature invalid")
	}
	switch {
	case info.WarningInfo.InvalidTime:
		return nil, newError(http.StatusBadRequest, "ExpiredTokenException", "Unable to assume role, the SAML response is expired or not yet valid (Conditions).")
	case info.WarningInfo.NotInAudience:
		return nil, errInvalidIdentityToken("Response does not contain the required audience.")
	}
	return info, nil
}

// samlNamesRole reports whether the Role attribute has a value naming the role and the
// provider: "a comma-separated pair of strings", in either order (IAM user guide,
// "Configure SAML assertions for the authentication response").
func samlNamesRole(info *saml2.AssertionInfo, roleARN, providerARN string) bool {
	attr, ok := info.Values[samlRoleAttribute]
	if !ok {
		return false
	}
	for _, v := range attr.Values {
		a, b, found := strings.Cut(v.Value, ",")
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		if found && ((a == roleARN && b == providerARN) || (a == providerARN && b == roleARN)) {
			return true
		}
	}
	return false
}
