package emulator

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

const (
	sigV4Algorithm = "AWS4-HMAC-SHA256"
	amzDateFormat  = "20060102T150405Z"
	// maxSkew is how far X-Amz-Date may be from the server clock, as on AWS.
	maxSkew = 15 * time.Minute
)

// authHeader is the parsed Authorization header of a SigV4 request.
type authHeader struct {
	accessKeyID   string
	scopeDate     string
	region        string
	service       string
	signedHeaders []string
	signature     string
}

// parseAuthorization reads "AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request,
// SignedHeaders=a;b, Signature=hex". It reports false for anything else.
func parseAuthorization(header string) (authHeader, bool) {
	rest, ok := strings.CutPrefix(header, sigV4Algorithm+" ")
	if !ok {
		return authHeader{}, false
	}
	var a authHeader
	var credential, signed string
	for part := range strings.SplitSeq(rest, ",") {
		key, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return authHeader{}, false
		}
		switch key {
		case "Credential":
			credential = value
		case "SignedHeaders":
			signed = value
		case "Signature":
			a.signature = value
		default:
			return authHeader{}, false
		}
	}
	scope := strings.Split(credential, "/")
	if len(scope) != 5 || scope[4] != "aws4_request" || scope[0] == "" || signed == "" || a.signature == "" {
		return authHeader{}, false
	}
	a.accessKeyID, a.scopeDate, a.region, a.service = scope[0], scope[1], scope[2], scope[3]
	a.signedHeaders = strings.Split(signed, ";")
	return a, true
}

// authenticated is what a verified signature establishes about a request.
type authenticated struct {
	service string
	region  string
	cred    credential
}

// authenticate verifies the request's SigV4 signature against the key store. The
// returned service is set whenever the credential scope could be read, so that even a
// refusal is answered in that service's protocol.
func (e *Emulator) authenticate(r *http.Request, body []byte, now time.Time) (authenticated, *apiError) {
	a, ok := parseAuthorization(r.Header.Get("Authorization"))
	if !ok {
		return authenticated{}, nil
	}
	auth := authenticated{service: a.service, region: a.region}
	s3 := a.service == "s3"

	cred, found := e.lookupCredential(a.accessKeyID)
	if !found || !cred.keyVisible(now) {
		if s3 {
			return auth, newError(http.StatusForbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
		}
		return auth, errInvalidClientTokenID()
	}
	token := r.Header.Get("X-Amz-Security-Token")
	if subtle.ConstantTimeCompare([]byte(token), []byte(cred.sessionToken)) != 1 {
		if s3 {
			return auth, newError(http.StatusBadRequest, "InvalidToken", "The provided token is malformed or otherwise invalid.")
		}
		return auth, errInvalidClientTokenID()
	}
	if cred.sessionToken != "" && !now.Before(cred.expires) {
		if s3 {
			return auth, newError(http.StatusBadRequest, "ExpiredToken", "The provided token has expired.")
		}
		return auth, errExpiredToken()
	}

	signedAt, err := time.Parse(amzDateFormat, r.Header.Get("X-Amz-Date"))
	if err != nil {
		if s3 {
			return auth, newError(http.StatusForbidden, "AccessDenied", "AWS authentication requires a valid Date or x-amz-date header")
		}
		return auth, newError(http.StatusBadRequest, "IncompleteSignature", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
	}
	if skew := signedAt.Sub(now); skew > maxSkew || skew < -maxSkew {
		return auth, skewError(s3, signedAt, now)
	}

	payloadHash, perr := payloadHash(r, body, s3)
	if perr != nil {
		return auth, perr
	}
	if !e.signatureMatches(r, a, cred, payloadHash, signedAt) {
		return auth, errSignatureDoesNotMatch()
	}
	auth.cred = cred
	return auth, nil
}

// skewError words a refused request time as AWS does; the IAM/STS wording is the one
// the demo turns into "check your clock".
func skewError(s3 bool, signedAt, now time.Time) *apiError {
	if s3 {
		return newError(http.StatusForbidden, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.")
	}
	if signedAt.Before(now) {
		return newError(http.StatusForbidden, "SignatureDoesNotMatch", "Signature expired: %s is now earlier than %s (%s - 15 min.)",
			signedAt.Format(amzDateFormat), now.Add(-maxSkew).UTC().Format(amzDateFormat), now.UTC().Format(amzDateFormat))
	}
	return newError(http.StatusForbidden, "SignatureDoesNotMatch", "Signature not yet current: %s is still later than %s (%s + 15 min.)",
		signedAt.Format(amzDateFormat), now.Add(maxSkew).UTC().Format(amzDateFormat), now.UTC().Format(amzDateFormat))
}

// payloadHash is the hash the client signed: S3 clients declare it in
// X-Amz-Content-Sha256 (and S3 checks the body against it), the Query services hash the body.
func payloadHash(r *http.Request, body []byte, s3 bool) (string, *apiError) {
	sum := sha256.Sum256(body)
	actual := hex.EncodeToString(sum[:])
	if !s3 {
		return actual, nil
	}
	declared := r.Header.Get("X-Amz-Content-Sha256")
	switch {
	case declared == "":
		return "", newError(http.StatusBadRequest, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256")
	case declared == "UNSIGNED-PAYLOAD" || strings.HasPrefix(declared, "STREAMING-"):
		// The signature covers the declared value; the body is not hashed as a whole.
		return declared, nil
	case declared != actual:
		return "", newError(http.StatusBadRequest, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.")
	}
	return declared, nil
}

// signatureMatches signs a copy of the request that holds only the headers the client
// said it signed, with the SDK's own signer, and compares the signatures in constant time.
func (e *Emulator) signatureMatches(r *http.Request, a authHeader, cred credential, payloadHash string, signedAt time.Time) bool {
	host := r.Host
	cp := &http.Request{
		Method: r.Method,
		URL:    &url.URL{Scheme: "http", Host: host, Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery},
		Host:   host,
		Header: make(http.Header, len(a.signedHeaders)),
	}
	creds := aws.Credentials{AccessKeyID: a.accessKeyID, SecretAccessKey: cred.secret}
	signsToken := false
	for _, name := range a.signedHeaders {
		switch name {
		case "host", "x-amz-date":
			// The signer writes these itself, from the Host and the signing time.
		case "content-length":
			cp.ContentLength = r.ContentLength
		case "x-amz-security-token":
			signsToken = true
			creds.SessionToken = r.Header.Get("X-Amz-Security-Token")
		default:
			cp.Header[http.CanonicalHeaderKey(name)] = r.Header.Values(name)
		}
	}
	err := e.signer.SignHTTP(context.Background(), creds, cp, payloadHash, a.service, a.region, signedAt,
		func(o *v4.SignerOptions) {
			// S3 signs the path as sent; the other services escape it once more.
			o.DisableURIPathEscaping = a.service == "s3"
			o.DisableSessionToken = !signsToken
		})
	if err != nil {
		return false
	}
	_, computed, found := strings.Cut(cp.Header.Get("Authorization"), "Signature=")
	return found && hmac.Equal([]byte(computed), []byte(a.signature))
}
