package emulator_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// The benchmarks measure one SDK call end to end over loopback HTTP: signing,
// transport, SigV4 verification, the action, XML both ways.

func BenchmarkGetCallerIdentity(b *testing.B) {
	e := start(b, emulator.Options{})
	for b.Loop() {
		if _, err := e.admin.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkListBuckets(b *testing.B) {
	e := start(b, emulator.Options{})
	for b.Loop() {
		if _, err := e.admin.s3.ListBuckets(ctx, &s3.ListBucketsInput{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGetSessionToken(b *testing.B) {
	e := start(b, emulator.Options{})
	for b.Loop() {
		if _, err := e.admin.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{}); err != nil {
			b.Fatal(err)
		}
	}
}
