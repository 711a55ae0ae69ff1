package emulator

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/mfa-demo/mfa-demo/aws/emulator/policy"
)

// webIdentityAlgorithms are the signatures STS accepts: "Tokens must be signed using
// either RSA keys (RS256, RS384, or RS512) or ECDSA keys (ES256, ES384, or ES512)"
// (AssumeRoleWithWebIdentity API reference, WebIdentityToken).
var webIdentityAlgorithms = []jose.SignatureAlgorithm{jose.RS256, jose.RS384, jose.RS512, jose.ES256, jose.ES384, jose.ES512}

// builtInWebIdentityProviders need no IAM OIDC provider: "If you are using an OIDC
// identity provider from Google, Facebook, or Amazon Cognito, you don't need to create a
// separate IAM identity provider" (CreateOpenIDConnectProvider API reference). Trust
// policies name them by host, e.g. Principal {"Federated": "accounts.google.com"}.
// www.amazon.com and graph.facebook.com are the OAuth 2.0 providers of ProviderId.
var builtInWebIdentityProviders = map[string]bool{
	"accounts.google.com": true, "cognito-identity.amazonaws.com": true,
	"www.amazon.com": true, "graph.facebook.com": true,
}

func errInvalidIdentityToken(format string, args ...any) *apiError {
	return newError(http.StatusBadRequest, "InvalidIdentityToken", format, args...)
}

// webIdentityClaims are the claims STS reads: the registered ones and azp.
type webIdentityClaims struct {
	jwt.Claims
	AuthorizedParty string `json:"azp,omitempty"`
}

type assumeRoleWithWebIdentityResult struct {
	Credentials                 xmlCredentials  `xml:"Credentials"`
	SubjectFromWebIdentityToken string          `xml:"SubjectFromWebIdentityToken"`
	AssumedRoleUser             assumedRoleUser `xml:"AssumedRoleUser"`
	Provider                    string          `xml:"Provider"`
	Audience                    string          `xml:"Audience"`
	tokenSize
}

// assumeRoleWithWebIdentity is served unsigned, as AWS serves it (the STS model marks it
// smithy.api#noAuth). The token is an OpenID Connect ID token (a JWT) whose issuer is an
// IAM OIDC provider of the account, or a built-in provider. Its signature is checked
// against the issuer's keys (Options.WebIdentityKeys), then exp, nbf and iat against the
// clock, its audience against the provider's ClientIDList, and last the role's trust
// policy, with the condition keys of IAM's "Available keys for AWS OIDC federation"
// (PROVIDER:aud, PROVIDER:sub, PROVIDER:oaud, aws:FederatedProvider). The error codes are
// those of the API reference's Errors section.
//
// With ProviderId (an OAuth 2.0 provider, www.amazon.com or graph.facebook.com, whose
// opaque access tokens only that provider could check) the emulator wants a JWT issued
// by https://PROVIDERID and signed with that issuer's keys.
func assumeRoleWithWebIdentity(e *Emulator, req *request) (any, *apiError) {
	roleARN, aerr := roleARNParam(req, "RoleArn")
	if aerr != nil {
		return nil, aerr
	}
	sessionName, aerr := roleSessionName(req)
	if aerr != nil {
		return nil, aerr
	}
	token, aerr := req.required("WebIdentityToken")
	if aerr != nil {
		return nil, aerr
	}
	if len(token) < 4 || len(token) > 20000 {
		return nil, errValidation("1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length between 4 and 20000")
	}
	providerID := req.get("ProviderId")
	if req.has("ProviderId") && providerID != "www.amazon.com" && providerID != "graph.facebook.com" {
		// "Currently www.amazon.com and graph.facebook.com are the only supported
		// identity providers for OAuth 2.0 access tokens" (API reference, ProviderId).
		return nil, errInvalidIdentityToken("Unsupported ProviderId %s", providerID)
	}

	claims, provider, aerr := e.verifyWebIdentityToken(token, providerID, req)
	if aerr != nil {
		return nil, aerr
	}
	session, aerr := e.assumeFederated(req, federatedGrant{
		action: "sts:AssumeRoleWithWebIdentity", roleARN: roleARN, sessionName: sessionName,
		principal: provider.principal, context: provider.context(claims),
	})
	if aerr != nil {
		return nil, aerr
	}
	shown := claims.Issuer
	if providerID != "" {
		// "For OAuth 2.0 access tokens, this contains the value of the ProviderId
		// parameter" (API reference, Provider).
		shown = providerID
	}
	return assumeRoleWithWebIdentityResult{
		Credentials:                 session.cred.xml(),
		SubjectFromWebIdentityToken: claims.Subject,
		AssumedRoleUser:             session.user,
		Provider:                    shown,
		Audience:                    provider.audience(claims),
		tokenSize:                   sizeOf(session.cred, session.packed),
	}, nil
}

// webIdentityProvider is the provider a token was verified against.
type webIdentityProvider struct {
	principal string // the IAM provider's ARN, or a built-in provider's host
	keyPrefix string // the prefix of its condition keys: the issuer without https://
}

// audience is the token's audience as STS reads it: azp when present, else aud.
func (p webIdentityProvider) audience(c *webIdentityClaims) string {
	if c.AuthorizedParty != "" {
		return c.AuthorizedParty
	}
	if len(c.Audience) > 0 {
		return c.Audience[0]
	}
	return ""
}

// context gives the provider's condition keys for the trust policy.
func (p webIdentityProvider) context(c *webIdentityClaims) policy.Context {
	ctx := policy.Context{
		p.keyPrefix + ":aud": {p.audience(c)},
		p.keyPrefix + ":sub": {c.Subject},
	}
	if c.AuthorizedParty != "" {
		ctx[p.keyPrefix+":oaud"] = c.Audience
	}
	switch p.keyPrefix {
	case "www.amazon.com":
		ctx["www.amazon.com:app_id"] = []string{p.audience(c)}
		ctx["www.amazon.com:user_id"] = []string{c.Subject}
	case "graph.facebook.com":
		ctx["graph.facebook.com:app_id"] = []string{p.audience(c)}
		ctx["graph.facebook.com:id"] = []string{c.Subject}
	}
	return ctx
}

// verifyWebIdentityToken parses the JWT, finds its provider and checks the signature,
// the times and the audience.
func (e *Emulator) verifyWebIdentityToken(token, providerID string, req *request) (*webIdentityClaims, webIdentityProvider, *apiError) {
	var none webIdentityProvider
	parsed, err := jwt.ParseSigned(token, webIdentityAlgorithms)
	if err != nil {
		return nil, none, errInvalidIdentityToken("The web identity token is not a valid JWT signed with RS256, RS384, RS512, ES256, ES384 or ES512.")
	}
	var unverified webIdentityClaims
	if err := parsed.UnsafeClaimsWithoutVerification(&unverified); err != nil || unverified.Issuer == "" {
		return nil, none, errInvalidIdentityToken("The web identity token has no issuer (iss).")
	}
	issuer := strings.TrimSuffix(unverified.Issuer, "/")
	host := strings.TrimPrefix(issuer, "https://")
	var provider webIdentityProvider
	var clientIDs []string // the audiences an IAM provider accepts
	iamProvider := false
	switch {
	case providerID != "":
		if host != providerID {
			return nil, none, errInvalidIdentityToken("The web identity token was not issued by %s.", providerID)
		}
		provider = webIdentityProvider{principal: providerID, keyPrefix: providerID}
	case builtInWebIdentityProviders[host]:
		provider = webIdentityProvider{principal: host, keyPrefix: host}
	default:
		p, ok := e.identityProviders().oidc[e.oidcProviderARN(issuer)]
		if !ok || p.url != issuer {
			return nil, none, errInvalidIdentityToken("No OpenIDConnect provider found in your account for %s", unverified.Issuer)
		}
		provider = webIdentityProvider{principal: p.arn, keyPrefix: host}
		clientIDs, iamProvider = p.clientIDs, true
	}

	var claims webIdentityClaims
	if aerr := e.checkTokenSignature(parsed, issuer, &claims); aerr != nil {
		return nil, none, aerr
	}
	if claims.Expiry == nil {
		return nil, none, errInvalidIdentityToken("The web identity token has no expiration time (exp).")
	}
	switch err := claims.ValidateWithLeeway(jwt.Expected{Time: req.now}, 0); {
	case errors.Is(err, jwt.ErrExpired):
		return nil, none, newError(http.StatusBadRequest, "ExpiredTokenException",
			"Token expired: current date/time %d must be before the expiration date/time %d", req.now.Unix(), claims.Expiry.Time().Unix())
	case err != nil:
		return nil, none, errInvalidIdentityToken("The web identity token is not valid yet (nbf, iat).")
	}
	if claims.Subject == "" {
		return nil, none, newError(http.StatusForbidden, "IDPRejectedClaim", "The web identity token has no subject (sub).")
	}
	if iamProvider && !slices.Contains(clientIDs, provider.audience(&claims)) {
		return nil, none, errInvalidIdentityToken("Incorrect token audience")
	}
	return &claims, provider, nil
}

// checkTokenSignature verifies the token with the issuer's keys: the key its header
// names by kid, or any key of the set when it names none.
func (e *Emulator) checkTokenSignature(parsed *jwt.JSONWebToken, issuer string, dest *webIdentityClaims) *apiError {
	noKey := errInvalidIdentityToken("Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements")
	doc, ok := e.webKeys[issuer]
	if !ok {
		doc, ok = e.webKeys[issuer+"/"]
	}
	if !ok {
		return noKey
	}
	var set jose.JSONWebKeySet
	if err := json.Unmarshal([]byte(doc), &set); err != nil {
		return noKey
	}
	keys := set.Keys
	if len(parsed.Headers) > 0 && parsed.Headers[0].KeyID != "" {
		keys = set.Key(parsed.Headers[0].KeyID)
	}
	if len(keys) == 0 {
		return noKey
	}
	for _, k := range keys {
		if parsed.Claims(k.Public().Key, dest) == nil {
			return nil
		}
	}
	return errInvalidIdentityToken("The web identity token's signature is not valid for its issuer's keys.")
}
