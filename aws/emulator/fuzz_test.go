package emulator_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
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
