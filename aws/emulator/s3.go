package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
)

// s3AccountResource is the resource S3 account-level actions (ListAllMyBuckets) are
// evaluated against: matched by "*" and by "arn:aws:s3:::*", not by any bucket ARN.
const s3AccountResource = "arn:aws:s3:::"

var bucketNamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

// serveS3 answers the path-style S3 requests the demo needs: ListBuckets, CreateBucket,
// DeleteBucket and HeadBucket. Anything else is NotImplemented.
func (e *Emulator) serveS3(w http.ResponseWriter, req *request, cred credential) {
	r := req.http
	bucket, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	subresource := len(r.URL.Query()) > 0 && bucket != ""
	var serve func(e *Emulator, req *request, bucket string) (int, any, *apiError)
	switch {
	case bucket == "" && r.Method == http.MethodGet:
		serve = listBuckets
	case bucket != "" && key == "" && !subresource && r.Method == http.MethodPut:
		serve = createBucket
	case bucket != "" && key == "" && !subresource && r.Method == http.MethodDelete:
		serve = deleteBucket
	case bucket != "" && key == "" && !subresource && r.Method == http.MethodHead:
		serve = headBucket
	default:
		writeS3Error(w, r, req.id, newError(http.StatusNotImplemented, "NotImplemented",
			"A header you provided implies functionality that is not implemented (this emulator serves ListBuckets, CreateBucket, DeleteBucket and HeadBucket)."))
		return
	}

	status, result, aerr := e.runS3(req, cred, bucket, serve)
	w.Header().Set("x-amz-request-id", req.id)
	w.Header().Set("x-amz-id-2", req.id)
	if aerr != nil {
		writeS3Error(w, r, req.id, aerr)
		return
	}
	if result == nil {
		w.WriteHeader(status)
		return
	}
	writeXML(w, status, result)
}

func (e *Emulator) runS3(req *request, cred credential, bucket string, serve func(*Emulator, *request, string) (int, any, *apiError)) (int, any, *apiError) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c, aerr := e.callerFor(cred, req)
	if aerr != nil {
		return 0, nil, aerr
	}
	req.caller = c
	return serve(e, req, bucket)
}

// authorizeS3 evaluates like authorize; its refusal names the resource as S3 does.
func (e *Emulator) authorizeS3(req *request, action, resource string) *apiError {
	d, ok := e.refusal(req, action, resource)
	if ok {
		return nil
	}
	d.resource = s3Resource(resource)
	return d.apiError()
}

type listAllMyBucketsResult struct {
	XMLName xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListAllMyBucketsResult"`
	Owner   struct {
		ID          string `xml:"ID"`
		DisplayName string `xml:"DisplayName"`
	} `xml:"Owner"`
	Buckets           []xmlBucket `xml:"Buckets>Bucket"`
	ContinuationToken string      `xml:"ContinuationToken,omitempty"`
	Prefix            string      `xml:"Prefix,omitempty"`
}

type xmlBucket struct {
	Name         string `xml:"Name"`
	CreationDate string `xml:"CreationDate"`
	BucketRegion string `xml:"BucketRegion"`
}

// listBuckets pages as the S3 API reference's ListBuckets does (s3_list_buckets.go).
func listBuckets(e *Emulator, req *request, _ string) (int, any, *apiError) {
	if aerr := e.authorizeS3(req, "s3:ListAllMyBuckets", s3AccountResource); aerr != nil {
		return 0, nil, aerr
	}
	q, aerr := readBucketListing(req.http.URL.Query())
	if aerr != nil {
		return 0, nil, aerr
	}
	names := make([]string, 0, len(e.buckets))
	for name := range e.buckets {
		if q.includes(name, e.region) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	res := listAllMyBucketsResult{Buckets: []xmlBucket{}, Prefix: q.prefix}
	res.Owner.ID = e.canonicalUserID()
	res.Owner.DisplayName = AdminUserName
	if len(names) > q.max {
		names = names[:q.max]
		res.ContinuationToken = continuationToken(names[len(names)-1])
	}
	for _, name := range names {
		res.Buckets = append(res.Buckets, xmlBucket{Name: name, CreationDate: e.buckets[name].UTC().Format("2006-01-02T15:04:05.000Z"), BucketRegion: e.region})
	}
	return http.StatusOK, res, nil
}

// canonicalUserID is the account's S3 canonical user ID: 64 hex digits, stable per account.
func (e *Emulator) canonicalUserID() string {
	sum := sha256.Sum256([]byte("mfa-demo-emulator/" + e.account))
	return hex.EncodeToString(sum[:])
}

func createBucket(e *Emulator, req *request, bucket string) (int, any, *apiError) {
	if aerr := e.authorizeS3(req, "s3:CreateBucket", "arn:aws:s3:::"+bucket); aerr != nil {
		return 0, nil, aerr
	}
	if !bucketNamePattern.MatchString(bucket) || strings.Contains(bucket, "..") {
		return 0, nil, newError(http.StatusBadRequest, "InvalidBucketName", "The specified bucket is not valid.")
	}
	if _, exists := e.buckets[bucket]; exists {
		// S3 API reference, CreateBucket: "If you create a bucket that already exists and
		// you own it in us-east-1, Amazon S3 returns 200 OK"; in other Regions it answers
		// BucketAlreadyOwnedByYou. The existing bucket keeps its creation date.
		if e.region == "us-east-1" {
			return http.StatusOK, nil, nil
		}
		return 0, nil, newError(http.StatusConflict, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.")
	}
	e.buckets[bucket] = req.now.Truncate(time.Millisecond)
	return http.StatusOK, nil, nil
}

func errNoSuchBucket() *apiError {
	return newError(http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist")
}

func deleteBucket(e *Emulator, req *request, bucket string) (int, any, *apiError) {
	if aerr := e.authorizeS3(req, "s3:DeleteBucket", "arn:aws:s3:::"+bucket); aerr != nil {
		return 0, nil, aerr
	}
	if _, exists := e.buckets[bucket]; !exists {
		return 0, nil, errNoSuchBucket()
	}
	delete(e.buckets, bucket)
	return http.StatusNoContent, nil, nil
}

func headBucket(e *Emulator, req *request, bucket string) (int, any, *apiError) {
	if aerr := e.authorizeS3(req, "s3:ListBucket", "arn:aws:s3:::"+bucket); aerr != nil {
		return 0, nil, aerr
	}
	if _, exists := e.buckets[bucket]; !exists {
		return 0, nil, errNoSuchBucket()
	}
	return http.StatusOK, nil, nil
}
