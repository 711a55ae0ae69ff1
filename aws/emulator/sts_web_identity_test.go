package emulator_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	jose "github.com/go-jose/go-jose/v4"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// oidcIssuer is a test OpenID Connect identity provider: an RSA key published as a JWKS,
// and real signed ID tokens.
type oidcIssuer struct {
	url string
	key *rsa.PrivateKey
	kid string
}

func newOIDCIssuer(t testing.TB, issuerURL string) *oidcIssuer {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatalf("generate RSA key: %v", err)
	}
	return &oidcIssuer{url: issuerURL, key: key, kid: "test-key-1"}
}

// jwks is the issuer's JSON Web Key Set, as its jwks_uri serves it.
func (o *oidcIssuer) jwks(t testing.TB) string {
	t.Helper()
	set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: o.key.Public(), KeyID: o.kid, Algorithm: string(jose.RS256), Use: "sig"}}}
	b, err := json.Marshal(set)
	if err != nil {
		t.Fatalf("marshal JWKS: %v", err)
	}
	return string(b)
}

// sign makes a compact JWS of claims with key (the issuer's own unless another is given).
func (o *oidcIssuer) sign(t testing.TB, claims map[string]any, alg jose.SignatureAlgorithm, key any, kid string) string {
	t.Helper()
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: key}, (&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", kid))
	if err != nil {
		t.Fatalf("signer: %v", err)
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		t.Fatalf("marshal claims: %v", err)
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	out, err := jws.CompactSerialize()
	if err != nil {
		t.Fatalf("serialize: %v", err)
	}
	return out
}

// claims are an ID token's claims for the test clock: issued now, valid ten minutes.
func (o *oidcIssuer) claims(now time.Time, aud, sub string) map[string]any {
	return map[string]any{"iss": o.url, "aud": aud, "sub": sub, "iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix()}
}

func (o *oidcIssuer) token(t testing.TB, claims map[string]any) string {
	return o.sign(t, claims, jose.RS256, o.key, o.kid)
}

// authRecorder is an HTTP client that remembers whether each request was signed.
type authRecorder struct {
	mu     sync.Mutex
	signed []bool
}

func (a *authRecorder) Do(r *http.Request) (*http.Response, error) {
	a.mu.Lock()
	a.signed = append(a.signed, r.Header.Get("Authorization") != "")
	a.mu.Unlock()
	return http.DefaultClient.Do(r)
}

// anonymousSTS is an STS client with no credentials at all, as an application that
// holds only an identity token or a SAML assertion has; it records the requests it sends.
func anonymousSTS(e *env) (*sts.Client, *authRecorder) {
	rec := &authRecorder{}
	return sts.NewFromConfig(aws.Config{
		Region:       "us-east-1",
		Credentials:  aws.AnonymousCredentials{},
		BaseEndpoint: aws.String(e.srv.URL),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
		HTTPClient:   rec,
	}), rec
}

func webIdentityTrust(principal, action, conditions string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + principal + `"},"Action":"` + action + `"` + conditions + `}]}`
}

// TestOpenIDConnectProviders_APIReference covers Create/Get/List/DeleteOpenIDConnectProvider
// as their API reference pages describe them: an https URL (no query), 40-character
// thumbprints, one provider per URL, the ARN and Url without the scheme, NoSuchEntity
// once deleted.
func TestOpenIDConnectProviders_APIReference(t *testing.T) {
	e := start(t, emulator.Options{})
	admin := e.admin.iam
	create := func(u string, thumbprints ...string) (*iam.CreateOpenIDConnectProviderOutput, error) {
		return admin.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String(u), ClientIDList: []string{"app1", "app2"}, ThumbprintList: thumbprints})
	}
	thumb := strings.Repeat("9e", 20)
	out, err := create("https://idp.example.com/tenant", thumb)
	expectCode(t, "CreateOpenIDConnectProvider", err, "")
	arn := aws.ToString(out.OpenIDConnectProviderArn)
	if arn != "arn:aws:iam::000000000000:oidc-provider/idp.example.com/tenant" {
		t.Fatalf("provider ARN %q", arn)
	}
	for _, tc := range []struct {
		name, url, thumb, code string
	}{
		{"the same URL again", "https://idp.example.com/tenant", thumb, "EntityAlreadyExists"},
		{"an http URL", "http://idp.example.com", thumb, "InvalidInput"},
		{"a URL with a query", "https://idp.example.com/?a=b", thumb, "InvalidInput"},
		{"a short thumbprint", "https://other.example.com", "9e9e", "ValidationError"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := create(tc.url, tc.thumb)
			expectCode(t, "CreateOpenIDConnectProvider", err, tc.code)
		})
	}
	got, err := admin.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn)})
	expectCode(t, "GetOpenIDConnectProvider", err, "")
	if aws.ToString(got.Url) != "idp.example.com/tenant" || strings.Join(got.ClientIDList, ",") != "app1,app2" || strings.Join(got.ThumbprintList, ",") != thumb {
		t.Fatalf("GetOpenIDConnectProvider %q %v %v", aws.ToString(got.Url), got.ClientIDList, got.ThumbprintList)
	}
	list, err := admin.ListOpenIDConnectProviders(ctx, &iam.ListOpenIDConnectProvidersInput{})
	expectCode(t, "ListOpenIDConnectProviders", err, "")
	if len(list.OpenIDConnectProviderList) != 1 || aws.ToString(list.OpenIDConnectProviderList[0].Arn) != arn {
		t.Fatalf("ListOpenIDConnectProviders %+v", list.OpenIDConnectProviderList)
	}
	_, err = admin.DeleteOpenIDConnectProvider(ctx, &iam.DeleteOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn)})
	expectCode(t, "DeleteOpenIDConnectProvider", err, "")
	_, err = admin.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn)})
	expectCode(t, "GetOpenIDConnectProvider after delete", err, "NoSuchEntity")
	_, err = admin.DeleteOpenIDConnectProvider(ctx, &iam.DeleteOpenIDConnectProviderInput{OpenIDConnectProviderArn: aws.String(arn)})
	expectCode(t, "DeleteOpenIDConnectProvider again", err, "NoSuchEntity")

	tr := e.newTrainee(t, "no-oidc")
	_, err = tr.clients.iam.ListOpenIDConnectProviders(ctx, &iam.ListOpenIDConnectProvidersInput{})
	expectCode(t, "ListOpenIDConnectProviders without permission", err, "AccessDenied")
}

// TestAssumeRoleWithWebIdentity_APIReference drives AssumeRoleWithWebIdentity through
// the SDK's STS client, which sends it unsigned (the model's smithy.api#noAuth), with
// real RS256 ID tokens: the grant, then each refusal of the API reference's Errors
// section (InvalidIdentityToken, ExpiredTokenException, IDPRejectedClaim), the trust
// policy's AccessDenied and the role's MaxSessionDuration.
func TestAssumeRoleWithWebIdentity_APIReference(t *testing.T) {
	idp := newOIDCIssuer(t, "https://idp.example.com")
	stranger := newOIDCIssuer(t, "https://idp.example.com")
	other := newOIDCIssuer(t, "https://other.example.com")
	e := start(t, emulator.Options{WebIdentityKeys: map[string]string{idp.url: idp.jwks(t)}})
	admin := e.admin.iam
	prov, err := admin.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String(idp.url), ClientIDList: []string{"app1"}})
	expectCode(t, "CreateOpenIDConnectProvider", err, "")
	providerARN := aws.ToString(prov.OpenIDConnectProviderArn)
	trust := webIdentityTrust(providerARN, "sts:AssumeRoleWithWebIdentity", `,"Condition":{"StringEquals":{"idp.example.com:aud":"app1"},"StringLike":{"idp.example.com:sub":"user-*"}}`)
	role, err := admin.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("FederatedWebIdentityRole"), AssumeRolePolicyDocument: aws.String(trust)})
	expectCode(t, "CreateRole", err, "")
	roleARN := aws.ToString(role.Role.Arn)
	_, err = admin.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("FederatedWebIdentityRole"), PolicyName: aws.String("list"), PolicyDocument: aws.String(listBucketsPolicy)})
	expectCode(t, "PutRolePolicy", err, "")

	client, rec := anonymousSTS(e)
	now := e.clock.Now()
	assume := func(token string, edit ...func(*sts.AssumeRoleWithWebIdentityInput)) (*sts.AssumeRoleWithWebIdentityOutput, error) {
		in := &sts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String(roleARN), RoleSessionName: aws.String("app1"), WebIdentityToken: aws.String(token)}
		for _, f := range edit {
			f(in)
		}
		return client.AssumeRoleWithWebIdentity(ctx, in)
	}

	out, err := assume(idp.token(t, idp.claims(now, "app1", "user-42")), func(in *sts.AssumeRoleWithWebIdentityInput) { in.DurationSeconds = aws.Int32(3600) })
	expectCode(t, "AssumeRoleWithWebIdentity", err, "")
	for i, signed := range rec.signed {
		if signed {
			t.Fatalf("request %d of the SDK's AssumeRoleWithWebIdentity carried an Authorization header", i)
		}
	}
	if got := aws.ToString(out.AssumedRoleUser.Arn); got != "arn:aws:sts::000000000000:assumed-role/FederatedWebIdentityRole/app1" {
		t.Fatalf("AssumedRoleUser.Arn %q", got)
	}
	if got, want := aws.ToString(out.AssumedRoleUser.AssumedRoleId), aws.ToString(role.Role.RoleId)+":app1"; got != want {
		t.Fatalf("AssumedRoleId %q, want %q", got, want)
	}
	if aws.ToString(out.SubjectFromWebIdentityToken) != "user-42" || aws.ToString(out.Audience) != "app1" || aws.ToString(out.Provider) != idp.url {
		t.Fatalf("Subject %q Audience %q Provider %q", aws.ToString(out.SubjectFromWebIdentityToken), aws.ToString(out.Audience), aws.ToString(out.Provider))
	}
	if got, want := aws.ToTime(out.Credentials.Expiration), now.Add(time.Hour).Truncate(time.Second); !got.Equal(want) {
		t.Fatalf("Expiration %v, want %v", got, want)
	}
	session := sessionClients(e, out.Credentials)
	who, err := session.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	expectCode(t, "web identity session GetCallerIdentity", err, "")
	if aws.ToString(who.Arn) != aws.ToString(out.AssumedRoleUser.Arn) {
		t.Fatalf("session identity %q", aws.ToString(who.Arn))
	}
	_, err = session.s3.ListBuckets(ctx, &s3.ListBucketsInput{})
	expectCode(t, "web identity session ListBuckets (the role's policy)", err, "")

	// A session policy cuts the role's permissions down.
	out, err = assume(idp.token(t, idp.claims(now, "app1", "user-42")), func(in *sts.AssumeRoleWithWebIdentityInput) {
		in.Policy = aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}`)
	})
	expectCode(t, "AssumeRoleWithWebIdentity with a session policy", err, "")
	_, err = sessionClients(e, out.Credentials).s3.ListBuckets(ctx, &s3.ListBucketsInput{})
	expectCode(t, "ListBuckets outside the session policy", err, "AccessDenied")

	claims := func(edit func(map[string]any)) map[string]any {
		c := idp.claims(now, "app1", "user-42")
		edit(c)
		return c
	}
	for _, tc := range []struct {
		name    string
		token   string
		edit    func(*sts.AssumeRoleWithWebIdentityInput)
		code    string
		message string
	}{
		{name: "not a JWT", token: "Atza|IQEBLjAsAhRFiXuWpUXuRvQ9PZL3GMFcYevydwIU", code: "InvalidIdentityToken"},
		{name: "an issuer without an IAM provider", token: other.token(t, other.claims(now, "app1", "user-42")),
			code: "InvalidIdentityToken", message: "No OpenIDConnect provider found in your account for https://other.example.com"},
		{name: "an audience not in the ClientIDList", token: idp.token(t, idp.claims(now, "app2", "user-42")), code: "InvalidIdentityToken", message: "Incorrect token audience"},
		{name: "signed by another key under the same kid", token: stranger.token(t, idp.claims(now, "app1", "user-42")), code: "InvalidIdentityToken"},
		{name: "a kid the JWKS does not have", token: idp.sign(t, idp.claims(now, "app1", "user-42"), jose.RS256, idp.key, "rotated"), code: "InvalidIdentityToken"},
		{name: "an HMAC-signed token", token: idp.sign(t, idp.claims(now, "app1", "user-42"), jose.HS256, []byte("0123456789abcdef0123456789abcdef"), idp.kid), code: "InvalidIdentityToken"},
		{name: "expired", token: idp.token(t, claims(func(c map[string]any) { c["exp"] = now.Add(-time.Second).Unix() })), code: "ExpiredTokenException"},
		{name: "without exp", token: idp.token(t, claims(func(c map[string]any) { delete(c, "exp") })), code: "InvalidIdentityToken"},
		{name: "not valid before later (nbf)", token: idp.token(t, claims(func(c map[string]any) { c["nbf"] = now.Add(5 * time.Minute).Unix() })), code: "InvalidIdentityToken"},
		{name: "issued in the future (iat)", token: idp.token(t, claims(func(c map[string]any) { c["iat"] = now.Add(5 * time.Minute).Unix() })), code: "InvalidIdentityToken"},
		{name: "without a subject", token: idp.token(t, claims(func(c map[string]any) { delete(c, "sub") })), code: "IDPRejectedClaim"},
		{name: "a subject the trust policy does not allow", token: idp.token(t, idp.claims(now, "app1", "admin")),
			code: "AccessDenied", message: "Not authorized to perform sts:AssumeRoleWithWebIdentity"},
		{name: "a role that does not exist", token: idp.token(t, idp.claims(now, "app1", "user-42")),
			edit: func(in *sts.AssumeRoleWithWebIdentityInput) {
				in.RoleArn = aws.String("arn:aws:iam::000000000000:role/Missing")
			},
			code: "AccessDenied", message: "Not authorized to perform sts:AssumeRoleWithWebIdentity"},
		{name: "DurationSeconds over the role's MaxSessionDuration", token: idp.token(t, idp.claims(now, "app1", "user-42")),
			edit: func(in *sts.AssumeRoleWithWebIdentityInput) { in.DurationSeconds = aws.Int32(7200) },
			code: "ValidationError", message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."},
		{name: "ProviderId of an unsupported OAuth 2.0 provider", token: idp.token(t, idp.claims(now, "app1", "user-42")),
			edit: func(in *sts.AssumeRoleWithWebIdentityInput) { in.ProviderId = aws.String("idp.example.com") }, code: "InvalidIdentityToken"},
		{name: "a malformed session policy", token: idp.token(t, idp.claims(now, "app1", "user-42")),
			edit: func(in *sts.AssumeRoleWithWebIdentityInput) { in.Policy = aws.String("{") }, code: "MalformedPolicyDocument"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			edits := []func(*sts.AssumeRoleWithWebIdentityInput){}
			if tc.edit != nil {
				edits = append(edits, tc.edit)
			}
			_, err := assume(tc.token, edits...)
			if tc.message != "" {
				expectError(t, "AssumeRoleWithWebIdentity", err, tc.code, tc.message)
			} else {
				expectCode(t, "AssumeRoleWithWebIdentity", err, tc.code)
			}
		})
	}
}

// TestUnsignedRequests_OnlyNoAuthActions: AWS serves only the two noAuth actions of the
// STS model without a signature; any other unsigned Query request is still refused with
// MissingAuthenticationToken.
func TestUnsignedRequests_OnlyNoAuthActions(t *testing.T) {
	e := start(t, emulator.Options{})
	for _, tc := range []struct {
		action, code string
	}{
		{"GetCallerIdentity", "MissingAuthenticationToken"},
		{"GetFederationToken", "MissingAuthenticationToken"},
		{"AssumeRoleWithWebIdentity", "ValidationError"}, // served: its parameters are missing
		{"AssumeRoleWithSAML", "ValidationError"},
	} {
		t.Run(tc.action, func(t *testing.T) {
			resp, err := http.PostForm(e.srv.URL+"/", url.Values{"Action": {tc.action}, "Version": {"2011-06-15"}})
			if err != nil {
				t.Fatalf("POST: %v", err)
			}
			defer resp.Body.Close()
			var we wireError
			if err := xml.NewDecoder(resp.Body).Decode(&we); err != nil {
				t.Fatalf("decode: %v", err)
			}
			if we.code() != tc.code {
				t.Fatalf("unsigned %s answered %q (%d), want %q", tc.action, we.code(), resp.StatusCode, tc.code)
			}
		})
	}
	// A client with no credentials at all reaches the noAuth actions through the SDK.
	_, err := sts.NewFromConfig(aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(e.srv.URL), Credentials: credentials.NewStaticCredentialsProvider("", "", "")}).
		AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String("arn:aws:iam::000000000000:role/none"), RoleSessionName: aws.String("s1"), WebIdentityToken: aws.String("not-a-jwt")})
	expectCode(t, "SDK AssumeRoleWithWebIdentity without credentials", err, "InvalidIdentityToken")
}
