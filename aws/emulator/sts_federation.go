package emulator

import (
	"net/http"
	"regexp"
	"strconv"
	"unicode"

	"github.com/mfa-demo/mfa-demo/aws/emulator/policy"
)

// sessionPolicies are the session policies a session was issued with (the Policy and
// PolicyArns parameters of GetFederationToken, AssumeRoleWithWebIdentity and
// AssumeRoleWithSAML). "The session permissions are the intersection of the IAM user
// policies and the session policies that you pass" (GetFederationToken API reference):
// a request must be allowed by both, and an explicit deny in either refuses it.
type sessionPolicies struct {
	inline *policy.Policy // nil when only ARNs were passed
	arns   []string       // managed policies, looked up at each request as IAM does
}

// maxSessionPolicyARNs and maxSessionPolicyPlaintext are STS's quotas: "You can provide
// up to 10 managed policy ARNs"; "the plaintext that you use for both inline and managed
// session policies can't exceed 2,048 characters" (GetFederationToken API reference).
const (
	maxSessionPolicyARNs      = 10
	maxSessionPolicyPlaintext = 2048
)

// policyCharset is the pattern of the Policy parameter in the STS service model:
// [\u0009\u000A\u000D\u0020-\u00FF]+.
var policyCharset = regexp.MustCompile(`^[\t\n\r\x{20}-\x{FF}]+$`)

// readSessionPolicies reads Policy and PolicyArns.member.N.arn. It returns nil when
// neither was passed, and the PackedPolicySize to report.
func readSessionPolicies(req *request) (*sessionPolicies, int, *apiError) {
	var arns []string
	for i := 1; ; i++ {
		key := "PolicyArns.member." + strconv.Itoa(i) + ".arn"
		if !req.has(key) {
			break
		}
		arn := req.get(key)
		if len(arn) < 20 || len(arn) > 2048 {
			return nil, 0, errValidation("1 validation error detected: Value '%s' at 'policyArns.%d.member.arn' failed to satisfy constraint: Member must have length greater than or equal to 20", arn, i)
		}
		arns = append(arns, arn)
	}
	if len(arns) > maxSessionPolicyARNs {
		return nil, 0, errValidation("1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to %d", maxSessionPolicyARNs)
	}
	doc, hasDoc := req.get("Policy"), req.has("Policy")
	if !hasDoc && len(arns) == 0 {
		return nil, 0, nil
	}
	sp := &sessionPolicies{arns: arns}
	if hasDoc {
		if doc == "" || len(doc) > maxSessionPolicyPlaintext || !policyCharset.MatchString(doc) {
			return nil, 0, errValidation("1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+ and have length between 1 and 2048")
		}
		parsed, err := policy.Parse(doc, policy.Identity)
		if err != nil {
			return nil, 0, errMalformedPolicy(err)
		}
		sp.inline = parsed
	}
	packed := packedPolicySize(doc, arns)
	if packed > 100 {
		// "The request fails if the packed size is greater than 100 percent" (STS API
		// reference, PackedPolicySize).
		return nil, 0, newError(http.StatusBadRequest, "PackedPolicyTooLarge", "Packed size of consumed sessions policies and session tags exceeds the allowed maximum")
	}
	return sp, packed, nil
}

// packedPolicySize is the PackedPolicySize percentage. AWS does not publish its packed
// format, only that it is a percentage of an upper limit; the emulator counts the
// plaintext without whitespace (as IAM counts policy sizes) against the 2,048-character
// plaintext quota.
func packedPolicySize(doc string, arns []string) int {
	n := 0
	for _, r := range doc {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	for _, a := range arns {
		n += len(a)
	}
	return (n*100 + maxSessionPolicyPlaintext - 1) / maxSessionPolicyPlaintext
}

// sessionDecision evaluates a request against a session's policies. Managed policies
// that no longer exist, or that the emulator does not hold, grant nothing.
func (e *Emulator) sessionDecision(sp *sessionPolicies, r policy.Request) policy.Decision {
	docs := make([]*policy.Policy, 0, len(sp.arns)+1)
	if sp.inline != nil {
		docs = append(docs, sp.inline)
	}
	for _, arn := range sp.arns {
		if mp, ok := e.policies[arn]; ok {
			docs = append(docs, mp.parsed)
		}
	}
	return policy.Evaluate(r, docs...)
}

func (e *Emulator) federatedUserARN(name string) string {
	return "arn:aws:sts::" + e.account + ":federated-user/" + name
}

var federatedNamePattern = regexp.MustCompile(`^[\w+=,.@-]*$`)

type getFederationTokenResult struct {
	Credentials   xmlCredentials `xml:"Credentials"`
	FederatedUser struct {
		FederatedUserID string `xml:"FederatedUserId"`
		Arn             string `xml:"Arn"`
	} `xml:"FederatedUser"`
	tokenSize
}

// tokenSize ends the results that issue session policies: PackedPolicySize, and the
// fields the current STS model (aws-sdk-go-v2 service/sts) replaces it with, the session
// token's size in bytes and the percentage of the allowed size it uses. The emulator's
// tokens are of one size, so the percentage is the session policies' packed size.
type tokenSize struct {
	PackedPolicySize        int `xml:"PackedPolicySize"`
	SessionTokenSize        int `xml:"SessionTokenSize"`
	SessionTokenUtilization int `xml:"SessionTokenUtilization"`
}

func sizeOf(s *credential, packed int) tokenSize {
	return tokenSize{PackedPolicySize: packed, SessionTokenSize: len(s.sessionToken), SessionTokenUtilization: packed}
}

// getFederationToken issues a federated user session for an IAM user. "You must call
// the GetFederationToken operation using the long-term security credentials of an IAM
// user"; its duration is 900 to 129,600 seconds, 43,200 by default; without a session
// policy "the resulting federated user session has no permissions" (GetFederationToken
// API reference). The call itself is authorized as sts:GetFederationToken on the
// federated user's ARN (service authorization reference, resource type federated-user).
func getFederationToken(e *Emulator, req *request) (any, *apiError) {
	c := req.caller
	if c.isSession() {
		return nil, newError(http.StatusForbidden, "AccessDenied", "Cannot call GetFederationToken with session credentials")
	}
	name, aerr := req.required("Name")
	if aerr != nil {
		return nil, aerr
	}
	switch {
	case len(name) < 2:
		return nil, errValidation("1 validation error detected: Value '%s' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 2", name)
	case len(name) > 32:
		return nil, errValidation("1 validation error detected: Value '%s' at 'name' failed to satisfy constraint: Member must have length less than or equal to 32", name)
	case !federatedNamePattern.MatchString(name):
		return nil, errValidation("1 validation error detected: Value '%s' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*", name)
	}
	ttl, aerr := durationSeconds(req, 43200, 129600)
	if aerr != nil {
		return nil, aerr
	}
	sp, packed, aerr := readSessionPolicies(req)
	if aerr != nil {
		return nil, aerr
	}
	arn := e.federatedUserARN(name)
	if aerr := e.authorize(req, "sts:GetFederationToken", arn); aerr != nil {
		return nil, aerr
	}
	if sp == nil {
		sp = &sessionPolicies{} // no session policy: no permissions
	}
	s := e.issueSession(credential{userName: c.cred.userName}, req.now, ttl, false)
	s.federated, s.session = name, sp
	res := getFederationTokenResult{Credentials: s.xml(), tokenSize: sizeOf(s, packed)}
	res.FederatedUser.FederatedUserID = e.account + ":" + name
	res.FederatedUser.Arn = arn
	return res, nil
}

type getAccessKeyInfoResult struct {
	Account string `xml:"Account"`
}

var accessKeyIDPattern = regexp.MustCompile(`^\w*$`)

// getAccessKeyInfo names the account of an access key ID. "This operation does not
// indicate the state of the access key. The key might be active, inactive, or deleted"
// (GetAccessKeyInfo API reference): the emulator holds one account, so every access key
// ID that satisfies the model's constraints (16 to 128 characters of [\w]) belongs to
// it, issued or not. The caller needs sts:GetAccessKeyInfo (resource "*": the action has
// no resource type in the service authorization reference).
func getAccessKeyInfo(e *Emulator, req *request) (any, *apiError) {
	id, aerr := req.required("AccessKeyId")
	if aerr != nil {
		return nil, aerr
	}
	switch {
	case len(id) < 16:
		return nil, errValidation("1 validation error detected: Value '%s' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16", id)
	case len(id) > 128:
		return nil, errValidation("1 validation error detected: Value '%s' at 'accessKeyId' failed to satisfy constraint: Member must have length less than or equal to 128", id)
	case !accessKeyIDPattern.MatchString(id):
		return nil, errValidation("1 validation error detected: Value '%s' at 'accessKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]*", id)
	}
	if aerr := e.authorize(req, "sts:GetAccessKeyInfo", "*"); aerr != nil {
		return nil, aerr
	}
	return getAccessKeyInfoResult{Account: e.account}, nil
}

// decodeAuthorizationMessage decodes the encoded message some AWS refusals carry. "Only
// certain Amazon Web Services operations return an encoded authorization message"
// (DecodeAuthorizationMessage API reference): EC2's and a few others', none of the IAM,
// STS and S3 actions this emulator serves, whose refusals are plain AccessDenied. So no
// message the emulator could be given is one it issued, and every one, once the caller
// holds sts:DecodeAuthorizationMessage (resource "*"), answers
// InvalidAuthorizationMessageException, the action's one modelled error.
func decodeAuthorizationMessage(e *Emulator, req *request) (any, *apiError) {
	msg, aerr := req.required("EncodedMessage")
	if aerr != nil {
		return nil, aerr
	}
	if len(msg) > 10240 {
		return nil, errValidation("1 validation error detected: Value at 'encodedMessage' failed to satisfy constraint: Member must have length less than or equal to 10240")
	}
	if aerr := e.authorize(req, "sts:DecodeAuthorizationMessage", "*"); aerr != nil {
		return nil, aerr
	}
	return nil, newError(http.StatusBadRequest, "InvalidAuthorizationMessageException", "The authorization message is invalid or has expired.")
}
