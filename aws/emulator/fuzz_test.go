package emulator_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// serveOnce runs one request through the handler, failing on a hang, and returns the
// recorded answer. A panic fails the fuzz input by itself.
func serveOnce(t *testing.T, h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.ServeHTTP(rec, req)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("request %s %s hangs", req.Method, req.URL)
	}
	return rec
}

// checkAWSShaped fails unless an answer body is empty or well-formed XML, and unless
// every error is one of AWS's two error shapes with a code.
func checkAWSShaped(t *testing.T, rec *httptest.ResponseRecorder, method string) {
	t.Helper()
	body := rec.Body.Bytes()
	if rec.Code < 400 {
		if len(body) > 0 {
			dec := xml.NewDecoder(bytes.NewReader(body))
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("status %d with a body that is not XML: %v\n%s", rec.Code, err, body)
				}
			}
		}
		return
	}
	if method == http.MethodHead && len(body) == 0 {
		return
	}
	var we wireError
	if err := xml.Unmarshal(body, &we); err != nil || (we.XMLName.Local != "ErrorResponse" && we.XMLName.Local != "Error") || we.code() == "" {
		t.Fatalf("status %d with a body that is not an AWS error (%v):\n%s", rec.Code, err, body)
	}
}

// FuzzServeHTTP throws arbitrary unsigned or badly signed requests at the emulator:
// never a panic or a hang, always an AWS-shaped error.
func FuzzServeHTTP(f *testing.F) {
	f.Add("POST", "/", "", "application/x-www-form-urlencoded", "", []byte("Action=ListUsers&Version=2010-05-08"))
	f.Add("GET", "/", "", "", "", []byte(nil))
	f.Add("GET", "/bucket/key?acl", "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc", "", "20240101T000000Z", []byte(nil))
	f.Add("POST", "/", "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=", "application/x-www-form-urlencoded", "garbage", []byte("Action=CreateUser&UserName=x"))
	f.Add("PUT", "/%zz", "AWS4-HMAC-SHA256 Credential=AKIA/x/y/sts/aws4_request,SignedHeaders=,Signature=0", "text/xml", "", []byte("<a>"))
	f.Add("HEAD", "/b", "AWS4-HMAC-SHA256 Credential=test//////, SignedHeaders=host;;;, Signature=1", "", "", []byte{0xff, 0x00})
	f.Add("BREW", "*", "AWS4-HMAC-SHA256 ", "", "", []byte("%%%"))
	em := emulator.New(emulator.Options{})
	f.Fuzz(func(t *testing.T, method, target, authorization, contentType, amzDate string, body []byte) {
		u, err := url.ParseRequestURI(target)
		if err != nil {
			u = &url.URL{Path: "/"}
		}
		req := &http.Request{
			Method: method, URL: u, Host: "127.0.0.1:4566", RemoteAddr: "127.0.0.1:50000",
			Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)),
		}
		req.Header.Set("Authorization", authorization)
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("X-Amz-Date", amzDate)
		rec := serveOnce(t, em, req)
		if rec.Code < 400 {
			t.Fatalf("an unsigned or forged request got status %d", rec.Code)
		}
		checkAWSShaped(t, rec, method)
	})
}

// FuzzSignedRequest signs arbitrary requests with the admin key, so that the fuzzer
// reaches the action handlers and their parameter decoding.
func FuzzSignedRequest(f *testing.F) {
	f.Add("iam", "POST", "/", "Action=CreateUser&UserName=fuzz&Path=/x/&Tags.member.1.Key=k&Tags.member.1.Value=v")
	f.Add("iam", "POST", "/", "Action=CreateVirtualMFADevice&VirtualMFADeviceName=fuzz")
	f.Add("iam", "POST", "/", "Action=EnableMFADevice&UserName=fuzz&SerialNumber=arn:aws:iam::000000000000:mfa/fuzz&AuthenticationCode1=123456&AuthenticationCode2=654321")
	f.Add("iam", "POST", "/", "Action=PutUserPolicy&UserName=fuzz&PolicyName=p&PolicyDocument=%7B%22Statement%22%3A%5B%5D%7D")
	f.Add("iam", "POST", "/", "Action=CreateRole&RoleName=r&AssumeRolePolicyDocument=%7B%7D&MaxSessionDuration=99999999999999999999")
	f.Add("iam", "POST", "/", "Action=ListUsers&MaxItems=1&Marker=-1")
	f.Add("iam", "POST", "/", "Action=SimulatePrincipalPolicy&PolicySourceArn=arn:aws:iam::000000000000:user/admin&ActionNames.member.1=s3:*&ContextEntries.member.1.ContextKeyName=aws:MultiFactorAuthPresent")
	f.Add("sts", "POST", "/", "Action=AssumeRole&RoleArn=arn:aws:iam::000000000000:role/r&RoleSessionName=s&SerialNumber=x&TokenCode=123456&DurationSeconds=-1")
	f.Add("sts", "POST", "/", "Action=GetSessionToken&DurationSeconds=900&TokenCode=1")
	f.Add("s3", "PUT", "/fuzz-bucket", "")
	f.Add("s3", "GET", "/?prefix=mfa&max-buckets=1", "")
	f.Add("s3", "DELETE", "/fuzz-bucket/../x", "")
	em := emulator.New(emulator.Options{})
	f.Fuzz(func(t *testing.T, service, method, target, body string) {
		u, err := url.ParseRequestURI(target)
		if err != nil || !validMethod(method) {
			return
		}
		u.Scheme, u.Host = "http", "127.0.0.1:4566"
		req, err := http.NewRequest(method, u.String(), bytes.NewReader([]byte(body)))
		if err != nil {
			return
		}
		req.RemoteAddr = "127.0.0.1:50000"
		if service != "s3" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		sum := sha256.Sum256([]byte(body))
		hash := hex.EncodeToString(sum[:])
		req.Header.Set("X-Amz-Content-Sha256", hash)
		if err := v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: "test", SecretAccessKey: "test"}, req, hash, service, "us-east-1", time.Now(),
			func(o *v4.SignerOptions) { o.DisableURIPathEscaping = service == "s3" }); err != nil {
			return
		}
		checkAWSShaped(t, serveOnce(t, em, req), method)
	})
}

// FuzzValidation sends IAM and STS actions with arbitrary parameter maps, signed with
// the admin key, through the validation layer (validation.go): never a panic or a hang,
// and a request the service model refuses is a ValidationError (HTTP 400) whose count
// matches the violations it lists, each in AWS's form.
func FuzzValidation(f *testing.F) {
	f.Add("sts", "GetSessionToken", "TokenCode", "12345", "SerialNumber", "GAHT1", "DurationSeconds", "899")
	f.Add("sts", "AssumeRole", "RoleArn", "arn:aws:iam::000000000000:role/\x00", "RoleSessionName", "a/b", "Tags.member.1.Key", "")
	f.Add("sts", "AssumeRole", "PolicyArns.member.1.arn", "short", "ProvidedContexts.member.1.ContextAssertion", "x", "DurationSeconds", "1e9")
	f.Add("iam", "CreateUser", "UserName", "", "Path", "x", "Tags.member.51.Key", "k")
	f.Add("iam", "TagUser", "UserName", "admin", "Tags", "", "Tags.member.1.Value", "(v)")
	f.Add("iam", "UntagRole", "RoleName", "r", "TagKeys.member.1", "", "TagKeys.member.2", "ok")
	f.Add("iam", "SimulatePrincipalPolicy", "PolicySourceArn", "arn", "ContextEntries.member.1.ContextKeyType", "bogus", "PolicyExclusionList.member.1.InlinePolicyIdentifier.AttachmentType", "x")
	f.Add("iam", "ListVirtualMFADevices", "AssignmentStatus", "None", "MaxItems", "-1", "Marker", "\u0100")
	f.Add("iam", "EnableMFADevice", "AuthenticationCode1", "١٢٣٤٥٦", "AuthenticationCode2", "123456", "SerialNumber", "arn:aws:iam::000000000000:mfa/é")
	f.Add("iam", "NoSuchAction", "A", "b", "C", "d", "E", "f")
	versions := map[string]string{"iam": "2010-05-08", "sts": "2011-06-15"}
	em := emulator.New(emulator.Options{})
	f.Fuzz(func(t *testing.T, service, action, k1, v1, k2, v2, k3, v3 string) {
		if service != "iam" {
			service = "sts"
		}
		params := url.Values{"Action": {action}, "Version": {versions[service]}}
		for _, kv := range [][2]string{{k1, v1}, {k2, v2}, {k3, v3}} {
			if kv[0] != "Action" && kv[0] != "Version" {
				params.Add(kv[0], kv[1])
			}
		}
		body := []byte(params.Encode())
		req := signed(t, http.MethodPost, "http://127.0.0.1:4566/", service, "application/x-www-form-urlencoded", body)
		req.RemoteAddr = "127.0.0.1:50000"
		rec := serveOnce(t, em, req)
		checkAWSShaped(t, rec, http.MethodPost)
		var qe struct {
			Code    string `xml:"Error>Code"`
			Message string `xml:"Error>Message"`
		}
		if rec.Code < 400 || xml.Unmarshal(rec.Body.Bytes(), &qe) != nil || !strings.Contains(qe.Message, " validation error") {
			return
		}
		if qe.Code != "ValidationError" || rec.Code != http.StatusBadRequest {
			t.Fatalf("a validation refusal answered %s with HTTP %d: %s", qe.Code, rec.Code, qe.Message)
		}
		if err := wellFormedValidation(qe.Message); err != nil {
			t.Fatalf("%v: %q", err, qe.Message)
		}
	})
}

// wellFormedValidation checks a ValidationError message against AWS's form: "1
// validation error detected: " or "N validation errors detected: " (N > 1), then
// violations "Value … at 'member' failed to satisfy constraint: Member must …" joined
// by "; ". A value may itself contain those words, so there are at least N of them.
func wellFormedValidation(msg string) error {
	head, rest, ok := strings.Cut(msg, " detected: ")
	if !ok || !strings.HasPrefix(rest, "Value ") {
		return errors.New("not a count followed by violations")
	}
	count, noun, _ := strings.Cut(head, " ")
	n, err := strconv.Atoi(count)
	if err != nil || n < 1 || (n == 1) != (noun == "validation error") || (n > 1 && noun != "validation errors") {
		return fmt.Errorf("count %q", head)
	}
	if got := strings.Count(rest, "' failed to satisfy constraint: Member must "); got < n {
		return fmt.Errorf("%d violations listed for a count of %d", got, n)
	}
	return nil
}

// validMethod reports whether net/http would send this method at all.
func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for _, c := range m {
		if c <= ' ' || c >= 0x7f || c == '(' || c == ')' || c == ',' || c == '/' || c == ':' || c == ';' || c == '<' || c == '=' || c == '>' || c == '?' || c == '@' || c == '[' || c == '\\' || c == ']' || c == '{' || c == '}' || c == '"' {
			return false
		}
	}
	return true
}
