package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/go-jose/go-jose/v4"

	"github.com/mfa-demo/mfa-demo/aws"
)

func TestWebIdentityKeysFlagIsChecked(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good := write("good.json", `{"keys":[{"kty":"RSA","n":"sXch","e":"AQAB","kid":"k1"}]}`)
	tests := []struct {
		value string
		want  string // in the error; "" for none
	}{
		{"https://idp.example.com=" + good, ""},
		{"https://idp.example.com", "want ISSUER=FILE"},
		{"=" + good, "want ISSUER=FILE"},
		{"https://idp.example.com=" + filepath.Join(dir, "missing.json"), "no such file"},
		{"https://idp.example.com=" + write("bad.json", "{not json"), "is not a JSON Web Key Set"},
		{"https://idp.example.com=" + write("empty.json", `{"keys":[]}`), "holds no keys"},
	}
	for _, tt := range tests {
		w := webIdentityKeys{}
		err := w.Set(tt.value)
		if tt.want == "" {
			if err != nil || len(w) != 1 {
				t.Errorf("%s: %v, %d issuers", tt.value, err, len(w))
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.value, err, tt.want)
		}
	}
}

// The AssumeRoleWithWebIdentity command of the seed's CLI page works against the standalone
// emulator once it is given the issuer's keys: a token signed with them is accepted, one
// signed with another key is not.
func TestStandaloneEmulatorVerifiesWebIdentityTokens(t *testing.T) {
	const issuer = "https://idp.example.com"
	dir := t.TempDir()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	set, _ := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: key.Public(), KeyID: "k1", Algorithm: string(jose.RS256), Use: "sig"}}})
	jwksFile := filepath.Join(dir, "jwks.json")
	if err := os.WriteFile(jwksFile, set, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := command(t, dir, "emulator", "--listen", "127.0.0.1:0", "--web-identity-jwks", issuer+"="+jwksFile)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	endpoint := ""
	sc := bufio.NewScanner(out)
	for sc.Scan() && endpoint == "" {
		endpoint = firstMatch(`listening on (http://\S+)`, sc.Text())
	}
	if endpoint == "" {
		t.Fatal("the emulator did not say where it listens")
	}
	ctx := context.Background()
	f, err := aws.New(ctx, aws.Options{Endpoint: endpoint, Region: aws.DefaultRegion, Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")})
	if err != nil {
		t.Fatal(err)
	}
	admin := f.Operator()
	provider, err := admin.IAM.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{
		Url: awssdk.String(issuer), ClientIDList: []string{"mfa-demo"}, ThumbprintList: []string{strings.Repeat("a", 40)}})
	if err != nil {
		t.Fatal(err)
	}
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + awssdk.ToString(provider.OpenIDConnectProviderArn) +
		`"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`
	role, err := admin.IAM.CreateRole(ctx, &iam.CreateRoleInput{RoleName: awssdk.String("web"), AssumeRolePolicyDocument: awssdk.String(trust)})
	if err != nil {
		t.Fatal(err)
	}
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	for _, tt := range []struct {
		name   string
		signer *rsa.PrivateKey
		ok     bool
	}{{"the issuer's key", key, true}, {"another key", other, false}} {
		token := signToken(t, tt.signer, map[string]any{"iss": issuer, "aud": "mfa-demo", "sub": "trainee",
			"iat": time.Now().Unix(), "exp": time.Now().Add(10 * time.Minute).Unix()})
		_, err := admin.STS.AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{
			RoleArn: role.Role.Arn, RoleSessionName: awssdk.String("trainee"), WebIdentityToken: awssdk.String(token)})
		if (err == nil) != tt.ok {
			t.Errorf("%s: %v, want accepted %v", tt.name, err, tt.ok)
		}
	}
}

func firstMatch(pattern, s string) string {
	if m := regexp.MustCompile(pattern).FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

func signToken(t *testing.T, key *rsa.PrivateKey, claims map[string]any) string {
	t.Helper()
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key}, (&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", "k1"))
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := json.Marshal(claims)
	jws, err := signer.Sign(payload)
	if err != nil {
		t.Fatal(err)
	}
	token, err := jws.CompactSerialize()
	if err != nil {
		t.Fatal(err)
	}
	return token
}
