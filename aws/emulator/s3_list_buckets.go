package emulator

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// maxBucketsPerPage is ListBuckets' page size: max-buckets may be 1..10000, and 10000 is
// the page when it is not sent (S3 API reference, ListBuckets: "Amazon S3 applies a
// default page size of 10,000 and provides a continuation token if there are more
// buckets").
const maxBucketsPerPage = 10000

// bucketListing is what a ListBuckets request asks for: prefix, bucket-region,
// max-buckets and continuation-token.
type bucketListing struct {
	prefix, region string
	after          string // the last bucket of the previous page
	max            int
}

func readBucketListing(q url.Values) (bucketListing, *apiError) {
	l := bucketListing{prefix: q.Get("prefix"), region: q.Get("bucket-region"), max: maxBucketsPerPage}
	if v := q.Get("max-buckets"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxBucketsPerPage {
			// InvalidArgument is S3's code for an out-of-range argument (S3 API reference,
			// "Error responses"), worded as it words the like of max-keys.
			return l, newError(http.StatusBadRequest, "InvalidArgument", "Argument max-buckets must be an integer between 1 and %d", maxBucketsPerPage)
		}
		l.max = n
	}
	if v := q.Get("continuation-token"); v != "" {
		after, err := base64.RawURLEncoding.DecodeString(v)
		if err != nil || len(v) > 1024 {
			return l, newError(http.StatusBadRequest, "InvalidArgument", "The continuation token provided is incorrect")
		}
		l.after = string(after)
	}
	return l, nil
}

// includes reports whether a bucket in region belongs on the page.
func (l bucketListing) includes(name, region string) bool {
	return strings.HasPrefix(name, l.prefix) && (l.region == "" || l.region == region) && name > l.after
}

// continuationToken is the opaque token that continues a listing after the bucket
// named last ("ContinuationToken is obfuscated and is not a real bucket").
func continuationToken(last string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(last))
}
