package emulator_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// wireError is either error shape: Query's <ErrorResponse><Error><Code> or S3's <Error><Code>.
type wireError struct {
	XMLName    xml.Name
	Code       string `xml:"Code"`
	NestedCode string `xml:"Error>Code"`
	RequestID  string `xml:"RequestId"`
}

func (w wireError) code() string { return w.Code + w.NestedCode }

// signed signs a raw request for service with the admin key, as an SDK would.
func signed(t testing.TB, method, url, service, contentType string, body []byte) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	if service == "s3" {
		req.Header.Set("X-Amz-Content-Sha256", hash)
	}
	err = v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: "test", SecretAccessKey: "test"}, req, hash, service, "us-east-1", time.Now(),
		func(o *v4.SignerOptions) { o.DisableURIPathEscaping = service == "s3" })
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	return req
}

func unsigned(t testing.TB, method, url, contentType string, body []byte) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return req
}

// withAuth sets a hand-made Authorization header, and an X-Amz-Date of now if asked.
func withAuth(r *http.Request, authorization string, dated bool) *http.Request {
	r.Header.Set("Authorization", authorization)
	if dated {
		r.Header.Set("X-Amz-Date", time.Now().UTC().Format("20060102T150405Z"))
	}
	return r
}

const form = "application/x-www-form-urlencoded"

// TestWireErrors: whatever arrives, the answer is an AWS-shaped error in the protocol
// the client expects, with the request ID in the header and the body.
func TestWireErrors(t *testing.T) {
	e := start(t, emulator.Options{})
	u := e.srv.URL
	cases := []struct {
		name     string
		req      *http.Request
		status   int
		root     string // XML root element
		code     string
		idHeader string
	}{
		{"unsigned Query request", unsigned(t, "POST", u+"/", form, []byte("Action=ListUsers&Version=2010-05-08")), 403, "ErrorResponse", "MissingAuthenticationToken", "x-amzn-RequestId"},
		{"unsigned S3 request", unsigned(t, "GET", u+"/", "", nil), 403, "Error", "AccessDenied", "x-amz-request-id"},
		{"wrong signature, Query", withAuth(unsigned(t, "POST", u+"/", form, []byte("Action=GetCallerIdentity&Version=2011-06-15")),
			"AWS4-HMAC-SHA256 Credential=test/"+time.Now().UTC().Format("20060102")+"/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=00", true),
			403, "ErrorResponse", "SignatureDoesNotMatch", "x-amzn-RequestId"},
		{"signature without a date, Query", withAuth(unsigned(t, "POST", u+"/", form, []byte("Action=GetCallerIdentity&Version=2011-06-15")),
			"AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00", false),
			400, "ErrorResponse", "IncompleteSignature", "x-amzn-RequestId"},
		{"signature without a date, S3", withAuth(unsigned(t, "GET", u+"/", "", nil),
			"AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00", false),
			403, "Error", "AccessDenied", "x-amz-request-id"},
		{"not a SigV4 header, Query", withAuth(unsigned(t, "POST", u+"/", form, []byte("Action=ListUsers")), "Basic dGVzdDp0ZXN0", false),
			403, "ErrorResponse", "MissingAuthenticationToken", "x-amzn-RequestId"},
		{"unknown IAM action", signed(t, "POST", u+"/", "iam", form, []byte("Action=Frobnicate&Version=2010-05-08")), 400, "ErrorResponse", "InvalidAction", "x-amzn-RequestId"},
		{"unknown STS action", signed(t, "POST", u+"/", "sts", form, []byte("Action=AssumeRoot&Version=2011-06-15")), 400, "ErrorResponse", "InvalidAction", "x-amzn-RequestId"},
		{"Query request without Action", signed(t, "POST", u+"/", "iam", form, nil), 400, "ErrorResponse", "InvalidAction", "x-amzn-RequestId"},
		{"unknown service", signed(t, "POST", u+"/", "ec2", form, []byte("Action=DescribeInstances")), 400, "ErrorResponse", "InvalidAction", "x-amzn-RequestId"},
		{"S3 object operation", signed(t, "GET", u+"/mfa-demo-reports/key.txt", "s3", "", nil), 501, "Error", "NotImplemented", "x-amz-request-id"},
		{"S3 bucket subresource", signed(t, "GET", u+"/mfa-demo-reports?acl", "s3", "", nil), 501, "Error", "NotImplemented", "x-amz-request-id"},
		{"invalid bucket name", signed(t, "PUT", u+"/Bad_Bucket", "s3", "", nil), 400, "Error", "InvalidBucketName", "x-amz-request-id"},
		{"missing bucket", signed(t, "DELETE", u+"/no-such-bucket", "s3", "", nil), 404, "Error", "NoSuchBucket", "x-amz-request-id"},
		{"S3 body that does not match its hash", func() *http.Request {
			r := signed(t, "PUT", u+"/new-bucket", "s3", "", []byte("<x/>"))
			r.Body = io.NopCloser(strings.NewReader("<y/>"))
			return r
		}(), 400, "Error", "XAmzContentSHA256Mismatch", "x-amz-request-id"},
		{"body over 1 MiB", signed(t, "POST", u+"/", "iam", form, bytes.Repeat([]byte("a"), 2<<20)), 413, "ErrorResponse", "RequestEntityTooLarge", "x-amzn-RequestId"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.DefaultClient.Do(tc.req)
			if err != nil {
				t.Fatalf("do: %v", err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			var we wireError
			if err := xml.Unmarshal(body, &we); err != nil {
				t.Fatalf("body is not XML: %v\n%s", err, body)
			}
			if resp.StatusCode != tc.status || we.XMLName.Local != tc.root || we.code() != tc.code {
				t.Fatalf("got %d <%s> %s, want %d <%s> %s\n%s", resp.StatusCode, we.XMLName.Local, we.code(), tc.status, tc.root, tc.code, body)
			}
			if id := resp.Header.Get(tc.idHeader); id == "" || id != we.RequestID {
				t.Fatalf("%s header %q, body RequestId %q", tc.idHeader, id, we.RequestID)
			}
		})
	}
}

// TestS3Buckets drives the bucket operations through the SDK.
func TestS3Buckets(t *testing.T) {
	e := start(t, emulator.Options{NoSampleBuckets: true})
	s := e.admin.s3
	out, err := s.ListBuckets(ctx, &s3.ListBucketsInput{})
	expectCode(t, "ListBuckets", err, "")
	if len(out.Buckets) != 0 {
		t.Fatalf("NoSampleBuckets still lists %d buckets", len(out.Buckets))
	}
	for _, step := range []struct {
		name string
		call func() error
		want string
	}{
		{"CreateBucket", func() error {
			_, err := s.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("demo-bucket")})
			return err
		}, ""},
		{"CreateBucket again (200 in us-east-1; see s3_test.go)", func() error {
			_, err := s.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("demo-bucket")})
			return err
		}, ""},
		{"HeadBucket", func() error {
			_, err := s.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("demo-bucket")})
			return err
		}, ""},
		{"GetObject", func() error {
			_, err := s.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("demo-bucket"), Key: aws.String("k")})
			return err
		}, "NotImplemented"},
		{"DeleteBucket", func() error {
			_, err := s.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("demo-bucket")})
			return err
		}, ""},
		{"DeleteBucket again", func() error {
			_, err := s.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("demo-bucket")})
			return err
		}, "NoSuchBucket"},
		{"HeadBucket of a deleted bucket", func() error {
			_, err := s.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("demo-bucket")})
			return err
		}, "NotFound"},
	} {
		expectCode(t, step.name, step.call(), step.want)
	}
}
