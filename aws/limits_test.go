package aws

import (
	"context"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// silentEndpoint accepts connections and never answers, like a wrong port on a firewall
// or a hung server; it returns its URL and how many connections it accepted.
func silentEndpoint(t *testing.T) (string, func() int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return "http://" + ln.Addr().String(), func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(conns)
	}
}

// closedPort is an address where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

// TestEveryCallHasATimeLimit calls endpoints that never answer and that refuse connections:
// each call ends within its limits, a silent attempt says every Notice what it waits for and
// for how long at most, a retry says why, and a refused connection is not retried.
func TestEveryCallHasATimeLimit(t *testing.T) {
	limits := Limits{Response: 300 * time.Millisecond, MaxBackoff: 10 * time.Millisecond, Notice: 100 * time.Millisecond}
	silent, accepted := silentEndpoint(t)
	tests := []struct {
		name     string
		endpoint string
		attempts int // connections the endpoint sees; -1 when it cannot count them
		retries  int // waits with a reason
		waiting  bool
	}{
		{"never answers", silent, MaxAttempts, MaxAttempts - 1, true},
		{"connection refused", closedPort(t), -1, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := New(context.Background(), Options{Endpoint: tt.endpoint, Credentials: credentials.NewStaticCredentialsProvider("k", "s", ""), Limits: limits})
			if err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			var waits []Wait
			ctx := WithCallLog(context.Background(), &CallLog{Waiting: func(w Wait) {
				mu.Lock()
				waits = append(waits, w)
				mu.Unlock()
			}})
			start := time.Now()
			_, err = f.Operator().STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			took := time.Since(start)
			if err == nil {
				t.Fatal("the call succeeded")
			}
			if most := time.Duration(MaxAttempts) * (limits.Response + limits.MaxBackoff + 200*time.Millisecond); took > most {
				t.Errorf("the call took %v; its limits allow at most %v", took, most)
			}
			if tt.attempts >= 0 && accepted() != tt.attempts {
				t.Errorf("%d attempts reached the endpoint, want %d", accepted(), tt.attempts)
			}
			mu.Lock()
			defer mu.Unlock()
			retries, waiting := 0, false
			for _, w := range waits {
				if w.Service != "sts" || w.Action != "GetCallerIdentity" || w.MaxAttempts != MaxAttempts || w.Limit != limits.Response {
					t.Errorf("wait %+v does not say what it waits for", w)
				}
				if w.Reason != "" {
					retries++
				} else {
					waiting = waiting || w.Elapsed >= limits.Notice
				}
			}
			if retries != tt.retries || waiting != tt.waiting {
				t.Errorf("%d retries said, still-waiting said %v; want %d and %v: %+v", retries, waiting, tt.retries, tt.waiting, waits)
			}
			if !tt.waiting && !IsConnectionRefused(err) {
				t.Errorf("error %v is not a refused connection", err)
			}
		})
	}
}
