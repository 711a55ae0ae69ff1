package emulator_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// The seed page ../shared/seeds/001 is the AWS CLI's STS examples page (Japanese
// edition of "Examples for AWS STS using the AWS CLI"). seedWorld sets up, in an emulator
// with the page's account 123456789012, the entities its commands name, so that every
// command runs with only ids substituted: the SAML assertion and the web identity token
// (real signed ones), the MFA serial number and code, the encoded message.

// seedFederationPolicy is the page's myfile.json.
const seedFederationPolicy = `{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*" }, { "Effect": "Allow", "Action": "elasticloadbalancing:Describe*", "Resource": "*" }, { "Effect": "Allow", "Action": [ "cloudwatch:ListMetrics", "cloudwatch:GetMetricStatistics", "cloudwatch:Describe*" ], "Resource": "*" }, { "Effect": "Allow", "Action": "autoscaling:Describe*", "Resource": "*" } ] }`

// seedEncodedMessage is the head of the page's decode-authorization-message example.
const seedEncodedMessage = "EXAMPLEWodyRNrtlQARDip-eTA6i6DrlUhHhPQrLWB_lAbl5pAKxl9mPDLexYcGBreyIKQC1BGBIpBKr3dFDkwqeO7e2NMk5j_hmzAiChJN-8oy3EwiCjkUW5fdRNjcRvscGlUo_MhqHqHpR-Ojau7BMjOTWwOtHPhV_Zaz87yENdipr745EjQwRd5LaoL3vN8_5ZfA9UiBMKDgVh1gjqZJFUiQoubv78V1RbHNYnK44ElGKmUWYa020I1y6TNS9LXoNmc62GzkfGvoPGhD13br5tXEOo1rAm3vsPewRDFNkYL-4_1MWWezhRNEpqvXBDXLI9xEux7YYkRtjd45NJLFzZynBUubV8NHOevVuighd1Mvz3OiA-1_oPSe4TBtjfN9s7kjU1z70WpVbUgrLVp1xXTK1rf9Ea7t8shPd-3VzKhjS5tLrweFxNOKwV2GtT76B_fRp8HTYz-pOu3FZjwYStfvTb3GHs3-6rLribGO9jZOktkfE6vqxlFzLyeDr4P2ihC1wty9tArCvvGzIAUNmARQJ2VVWPxioqgoqCzMaDMZEO7wkku7QeakEVZdf00qlNLMmcaVZb1UPNqD-JWP5pwe_mAyqh0NLw-r1S56YC_90onj9A80sNrHlI-tIiNd7tgNTYzDuPQYD2FMDBnp82V9eVmYGtPp5NIeSpuf3fOHanFuBZgENxZQZ2dlH3xJGMTtYayzZrRXjiq_SfX9zeBbpCvrD-0AJK477RM84vmtCrsUpJgx-FaoPIb8LmmKVBLpIB0iFhU9sEHPqKHVPi6jdxXqKaZaFGvYVmVOiuQdNQKuyk0p067POFrZECLjjOtNPBOZCcuEKEXAMPLE"

type seedWorld struct {
	e          *env
	dev        trainee // DevAdmin: the page's IAM user
	assertion  string  // a signed SAML response for TestSaml via SAML-test
	webToken   string  // a JWT from www.amazon.com for FederatedWebIdentityRole
	policyFile string  // path of myfile.json
}

func newSeedWorld(t *testing.T) *seedWorld {
	t.Helper()
	amazon := newOIDCIssuer(t, "https://www.amazon.com")
	e := start(t, emulator.Options{AccountID: "123456789012", WebIdentityKeys: map[string]string{amazon.url: amazon.jwks(t)}})
	admin := e.admin.iam
	w := &seedWorld{e: e, dev: e.newTrainee(t, "DevAdmin")}
	e.putUserPolicy(t, "DevAdmin", "seed", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:*","s3:*","ec2:Describe*"],"Resource":"*"}]}`)

	saml := newSAMLIdP(t, "https://integ.example.com/idp/shibboleth")
	prov, err := admin.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: aws.String("SAML-test"), SAMLMetadataDocument: aws.String(saml.metadata())})
	expectCode(t, "CreateSAMLProvider", err, "")
	roles := map[string]string{
		"TestSaml":                 webIdentityTrust(aws.ToString(prov.SAMLProviderArn), "sts:AssumeRoleWithSAML", ""),
		"FederatedWebIdentityRole": webIdentityTrust("www.amazon.com", "sts:AssumeRoleWithWebIdentity", `,"Condition":{"StringEquals":{"www.amazon.com:app_id":"client.5498841531868486423.1548@apps.example.com"}}`),
		"xaccounts3access":         strings.Replace(trustPolicy(w.dev.arn), `,"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`, "", 1),
	}
	for name, trust := range roles {
		_, err := admin.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trust)})
		expectCode(t, "CreateRole "+name, err, "")
	}
	for _, name := range []string{"q=webidentitydemopolicy1", "webidentitydemopolicy2"} {
		_, err := admin.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String(name), PolicyDocument: aws.String(listBucketsPolicy)})
		expectCode(t, "CreatePolicy "+name, err, "")
	}
	now := e.clock.Now()
	w.assertion = saml.response(t, samlClaims{issuer: saml.entityID, recipient: "https://signin.aws.amazon.com/saml", audience: "https://signin.aws.amazon.com/saml",
		subject: "SamlExample", notBefore: now.Add(-5 * time.Minute), notOnOrAfter: now.Add(5 * time.Minute),
		roles: []string{"arn:aws:iam::123456789012:role/TestSaml,arn:aws:iam::123456789012:saml-provider/SAML-test"}, sessionName: "TestSaml"}, saml, false)
	w.webToken = amazon.token(t, amazon.claims(now, "client.5498841531868486423.1548@apps.example.com", "amzn1.account.AF6RHO7KZU5XRVQJGXK6HB56KR2A"))
	w.policyFile = filepath.Join(t.TempDir(), "myfile.json")
	if err := os.WriteFile(w.policyFile, []byte(seedFederationPolicy), 0o600); err != nil {
		t.Fatalf("write myfile.json: %v", err)
	}
	return w
}

// seedCommand is one command of the page: its AWS CLI arguments, the same call through
// the SDK, the error code it must answer ("" for success) and what the answer must say.
type seedCommand struct {
	name  string
	cli   []string
	sdk   func(c clients, anonymous *sts.Client) (any, error)
	code  string
	check func(t *testing.T, out map[string]any)
}

func (w *seedWorld) commands(t *testing.T) []seedCommand {
	dev := w.dev
	field := func(out map[string]any, path ...string) string {
		var v any = out
		for _, p := range path {
			m, _ := v.(map[string]any)
			v = m[p]
		}
		s, _ := v.(string)
		return s
	}
	want := func(t *testing.T, out map[string]any, value string, path ...string) {
		t.Helper()
		if got := field(out, path...); got != value {
			t.Fatalf("%s = %q, want %q in %v", strings.Join(path, "."), got, value, out)
		}
	}
	code := w.e.clock.code(t, dev.seed, 0)
	return []seedCommand{
		{name: "assume-role-with-saml",
			cli: []string{"sts", "assume-role-with-saml", "--role-arn", "arn:aws:iam::123456789012:role/TestSaml",
				"--principal-arn", "arn:aws:iam::123456789012:saml-provider/SAML-test", "--saml-assertion", w.assertion},
			sdk: func(_ clients, anon *sts.Client) (any, error) {
				return anon.AssumeRoleWithSAML(ctx, &sts.AssumeRoleWithSAMLInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/TestSaml"),
					PrincipalArn: aws.String("arn:aws:iam::123456789012:saml-provider/SAML-test"), SAMLAssertion: aws.String(w.assertion)})
			},
			check: func(t *testing.T, out map[string]any) {
				want(t, out, "arn:aws:sts::123456789012:assumed-role/TestSaml/TestSaml", "AssumedRoleUser", "Arn")
				want(t, out, "https://signin.aws.amazon.com/saml", "Audience")
				want(t, out, "transient", "SubjectType")
				want(t, out, "SamlExample", "Subject")
			}},
		{name: "assume-role-with-web-identity",
			cli: []string{"sts", "assume-role-with-web-identity", "--duration-seconds", "3600", "--role-session-name", "app1", "--provider-id", "www.amazon.com",
				"--policy-arns", "arn=arn:aws:iam::123456789012:policy/q=webidentitydemopolicy1", "arn=arn:aws:iam::123456789012:policy/webidentitydemopolicy2",
				"--role-arn", "arn:aws:iam::123456789012:role/FederatedWebIdentityRole", "--web-identity-token", w.webToken},
			sdk: func(_ clients, anon *sts.Client) (any, error) {
				return anon.AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{DurationSeconds: aws.Int32(3600), RoleSessionName: aws.String("app1"),
					ProviderId: aws.String("www.amazon.com"), RoleArn: aws.String("arn:aws:iam::123456789012:role/FederatedWebIdentityRole"), WebIdentityToken: aws.String(w.webToken),
					PolicyArns: []ststypes.PolicyDescriptorType{{Arn: aws.String("arn:aws:iam::123456789012:policy/q=webidentitydemopolicy1")}, {Arn: aws.String("arn:aws:iam::123456789012:policy/webidentitydemopolicy2")}}})
			},
			check: func(t *testing.T, out map[string]any) {
				want(t, out, "arn:aws:sts::123456789012:assumed-role/FederatedWebIdentityRole/app1", "AssumedRoleUser", "Arn")
				want(t, out, "amzn1.account.AF6RHO7KZU5XRVQJGXK6HB56KR2A", "SubjectFromWebIdentityToken")
				want(t, out, "client.5498841531868486423.1548@apps.example.com", "Audience")
				want(t, out, "www.amazon.com", "Provider")
			}},
		{name: "assume-role",
			cli: []string{"sts", "assume-role", "--role-arn", "arn:aws:iam::123456789012:role/xaccounts3access", "--role-session-name", "s3-access-example"},
			sdk: func(c clients, _ *sts.Client) (any, error) {
				return c.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/xaccounts3access"), RoleSessionName: aws.String("s3-access-example")})
			},
			check: func(t *testing.T, out map[string]any) {
				want(t, out, "arn:aws:sts::123456789012:assumed-role/xaccounts3access/s3-access-example", "AssumedRoleUser", "Arn")
			}},
		{name: "decode-authorization-message",
			cli: []string{"sts", "decode-authorization-message", "--encoded-message", seedEncodedMessage},
			sdk: func(c clients, _ *sts.Client) (any, error) {
				return c.sts.DecodeAuthorizationMessage(ctx, &sts.DecodeAuthorizationMessageInput{EncodedMessage: aws.String(seedEncodedMessage)})
			},
			// The page's message is EC2's; the emulator issues none (sts_federation.go).
			code: "InvalidAuthorizationMessageException"},
		{name: "get-caller-identity",
			cli: []string{"sts", "get-caller-identity"},
			sdk: func(c clients, _ *sts.Client) (any, error) {
				return c.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			},
			check: func(t *testing.T, out map[string]any) {
				want(t, out, "123456789012", "Account")
				want(t, out, dev.arn, "Arn")
			}},
		{name: "get-federation-token",
			cli: []string{"sts", "get-federation-token", "--name", "Bob", "--policy", "file://" + w.policyFile,
				"--policy-arns", "arn=arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "--duration-seconds", "900"},
			sdk: func(c clients, _ *sts.Client) (any, error) {
				return c.sts.GetFederationToken(ctx, &sts.GetFederationTokenInput{Name: aws.String("Bob"), Policy: aws.String(seedFederationPolicy),
					PolicyArns: []ststypes.PolicyDescriptorType{{Arn: aws.String("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")}}, DurationSeconds: aws.Int32(900)})
			},
			check: func(t *testing.T, out map[string]any) {
				want(t, out, "123456789012:Bob", "FederatedUser", "FederatedUserId")
				want(t, out, "arn:aws:sts::123456789012:federated-user/Bob", "FederatedUser", "Arn")
			}},
		{name: "get-session-token",
			cli: []string{"sts", "get-session-token", "--duration-seconds", "900", "--serial-number", dev.serial, "--token-code", code},
			sdk: func(c clients, _ *sts.Client) (any, error) {
				return c.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{DurationSeconds: aws.Int32(900), SerialNumber: aws.String(dev.serial), TokenCode: aws.String(code)})
			},
			check: func(t *testing.T, out map[string]any) {
				if field(out, "Credentials", "SessionToken") == "" {
					t.Fatalf("no session token in %v", out)
				}
			}},
	}
}

// asJSON turns an SDK output into the JSON the CLI would print, for the same checks.
func asJSON(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	return out
}

// TestSeed001_SDK runs the calls of every command on the seed page through the SDK.
func TestSeed001_SDK(t *testing.T) {
	w := newSeedWorld(t)
	anon, _ := anonymousSTS(w.e)
	for _, cmd := range w.commands(t) {
		t.Run(cmd.name, func(t *testing.T) {
			out, err := cmd.sdk(w.dev.clients, anon)
			expectCode(t, cmd.name, err, cmd.code)
			if cmd.check != nil {
				cmd.check(t, asJSON(t, out))
			}
		})
	}
}

// TestSeed001_AWSCLI runs every command of the seed page with the AWS CLI against the
// emulator, as a reader of the page would (AWS_ENDPOINT_URL, DevAdmin's key).
func TestSeed001_AWSCLI(t *testing.T) {
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("the AWS CLI (aws) is not on PATH; TestSeed001_SDK makes the same calls through the SDK")
	}
	w := newSeedWorld(t)
	home := t.TempDir()
	env := []string{
		"HOME=" + home, "PATH=" + os.Getenv("PATH"),
		"AWS_ENDPOINT_URL=" + w.e.srv.URL, "AWS_DEFAULT_REGION=us-east-1", "AWS_REGION=us-east-1",
		"AWS_ACCESS_KEY_ID=" + w.dev.keyID, "AWS_SECRET_ACCESS_KEY=" + w.dev.secret,
		"AWS_CONFIG_FILE=" + filepath.Join(home, "config"), "AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "credentials"),
		"AWS_PAGER=", "AWS_MAX_ATTEMPTS=1",
	}
	for _, cmd := range w.commands(t) {
		t.Run(cmd.name, func(t *testing.T) {
			c := exec.Command("aws", append(cmd.cli, "--output", "json")...)
			c.Env = env
			var stdout, stderr bytes.Buffer
			c.Stdout, c.Stderr = &stdout, &stderr
			err := c.Run()
			if cmd.code != "" {
				if err == nil || !strings.Contains(stderr.String(), "("+cmd.code+")") {
					t.Fatalf("aws %s: want error %s, got %v\n%s%s", cmd.name, cmd.code, err, stdout.String(), stderr.String())
				}
				return
			}
			if err != nil {
				t.Fatalf("aws %s: %v\n%s", cmd.name, err, stderr.String())
			}
			var out map[string]any
			if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
				t.Fatalf("aws %s printed no JSON: %v\n%s", cmd.name, err, stdout.String())
			}
			if cmd.check != nil {
				cmd.check(t, out)
			}
		})
	}
}
