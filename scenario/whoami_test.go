package scenario_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// TestWhoAmIKnowsTheProjectsEmulator checks that step 0 tells mfa-demo's own emulator, even
// at an endpoint URL, from another AWS-compatible endpoint (here the same emulator with its
// identity header taken off, as moto or LocalStack would answer).
func TestWhoAmIKnowsTheProjectsEmulator(t *testing.T) {
	h := newHarness(t)
	u, _ := url.Parse(h.srv.URL)
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.ModifyResponse = func(r *http.Response) error { r.Header.Del(emulator.IdentityHeader); return nil }
	other := httptest.NewServer(rp)
	defer other.Close()
	for endpoint, want := range map[string]bool{h.srv.URL: true, other.URL: false} {
		f, err := aws.New(context.Background(), aws.Options{Endpoint: endpoint, Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")})
		if err != nil {
			t.Fatal(err)
		}
		res, err := scenario.New(scenario.Env{Clients: f, Target: scenario.TargetEndpoint}).WhoAmI(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if res.Emulator != want {
			t.Errorf("%s: Emulator = %v, want %v", endpoint, res.Emulator, want)
		}
	}
}
