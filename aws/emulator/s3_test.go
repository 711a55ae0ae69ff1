package emulator_test

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// TestCreateBucketOwnedByYou_S3CreateBucketAPIReference: creating a bucket you already
// own answers 200 in us-east-1 and BucketAlreadyOwnedByYou in other Regions.
func TestCreateBucketOwnedByYou_S3CreateBucketAPIReference(t *testing.T) {
	cases := []struct {
		region, code string
	}{
		{"us-east-1", ""},
		{"eu-west-1", "BucketAlreadyOwnedByYou"},
	}
	for _, tc := range cases {
		t.Run(tc.region, func(t *testing.T) {
			e := start(t, emulator.Options{Region: tc.region, NoSampleBuckets: true})
			_, err := e.admin.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("mine")})
			expectCode(t, "first CreateBucket", err, "")
			_, err = e.admin.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("mine")})
			expectCode(t, "second CreateBucket", err, tc.code)
		})
	}
}

// TestListBucketsPaging_S3ListBucketsAPIReference: ListBuckets honours max-buckets
// (1..10000), continuation-token, prefix and bucket-region, and answers Buckets (Name,
// CreationDate, BucketRegion), Owner, ContinuationToken while more follow, and Prefix
// when one was sent.
func TestListBucketsPaging_S3ListBucketsAPIReference(t *testing.T) {
	e := start(t, emulator.Options{Buckets: []string{"logs-a", "logs-b", "logs-c", "photos"}})
	names := func(out *s3.ListBucketsOutput) []string {
		var n []string
		for _, b := range out.Buckets {
			n = append(n, aws.ToString(b.Name))
		}
		return n
	}

	first, err := e.admin.s3.ListBuckets(ctx, &s3.ListBucketsInput{MaxBuckets: aws.Int32(2)})
	expectCode(t, "ListBuckets max 2", err, "")
	if got := names(first); !slices.Equal(got, []string{"logs-a", "logs-b"}) || aws.ToString(first.ContinuationToken) == "" {
		t.Fatalf("first page %v, token %q", got, aws.ToString(first.ContinuationToken))
	}
	if b := first.Buckets[0]; aws.ToString(b.BucketRegion) != "us-east-1" || b.CreationDate == nil || first.Owner == nil || aws.ToString(first.Owner.ID) == "" {
		t.Fatalf("bucket %+v, owner %+v", b, first.Owner)
	}
	second, err := e.admin.s3.ListBuckets(ctx, &s3.ListBucketsInput{MaxBuckets: aws.Int32(2), ContinuationToken: first.ContinuationToken})
	expectCode(t, "ListBuckets page 2", err, "")
	if got := names(second); !slices.Equal(got, []string{"logs-c", "photos"}) || second.ContinuationToken != nil {
		t.Fatalf("second page %v, token %v", got, aws.ToString(second.ContinuationToken))
	}

	var all []string
	for p := s3.NewListBucketsPaginator(e.admin.s3, &s3.ListBucketsInput{MaxBuckets: aws.Int32(1)}); p.HasMorePages(); {
		out, err := p.NextPage(ctx)
		expectCode(t, "paginator", err, "")
		all = append(all, names(out)...)
	}
	if !slices.Equal(all, []string{"logs-a", "logs-b", "logs-c", "photos"}) {
		t.Fatalf("paginated %v", all)
	}

	cases := []struct {
		name   string
		in     s3.ListBucketsInput
		want   []string
		code   string
		prefix string
	}{
		{"prefix", s3.ListBucketsInput{Prefix: aws.String("logs-")}, []string{"logs-a", "logs-b", "logs-c"}, "", "logs-"},
		{"bucket-region of the buckets", s3.ListBucketsInput{BucketRegion: aws.String("us-east-1")}, []string{"logs-a", "logs-b", "logs-c", "photos"}, "", ""},
		{"bucket-region of none", s3.ListBucketsInput{BucketRegion: aws.String("eu-west-1")}, nil, "", ""},
		{"max-buckets above 10000", s3.ListBucketsInput{MaxBuckets: aws.Int32(10001)}, nil, "InvalidArgument", ""},
		{"continuation-token not ours", s3.ListBucketsInput{ContinuationToken: aws.String("not a token!")}, nil, "InvalidArgument", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, err := e.admin.s3.ListBuckets(ctx, &tc.in)
			expectCode(t, "ListBuckets", err, tc.code)
			if tc.code != "" {
				return
			}
			if got := names(out); !slices.Equal(got, tc.want) || aws.ToString(out.Prefix) != tc.prefix {
				t.Fatalf("buckets %v prefix %q, want %v %q", got, aws.ToString(out.Prefix), tc.want, tc.prefix)
			}
		})
	}
}
