package aws

import (
	"context"
	"errors"
	"net"
	"net/http"
	"syscall"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go/middleware"
)

// The time limits of every call. IAM, STS and S3 answer the demo's calls in well under a
// second, so an endpoint that has not answered in ResponseTimeout is not going to; a call
// is tried at most MaxAttempts times, MaxBackoff apart at most, so the longest any call can
// take is about MaxAttempts × (ConnectTimeout + ResponseTimeout) plus the backoffs.
const (
	ConnectTimeout  = 5 * time.Second
	ResponseTimeout = 10 * time.Second
	MaxAttempts     = 3
	MaxBackoff      = 2 * time.Second
)

// waitNotice is how often a call without an answer says that it is still waiting.
const waitNotice = 2 * time.Second

// Limits are the time limits of a factory's calls; a zero field takes the constant above
// (tests shorten them).
type Limits struct {
	Connect, Response, MaxBackoff time.Duration
	MaxAttempts                   int
	// Notice is how often a call without an answer says so; waitNotice when zero.
	Notice time.Duration
}

// orDefaults fills in the zero fields.
func (l Limits) orDefaults() Limits {
	pick := func(v, def time.Duration) time.Duration {
		if v == 0 {
			return def
		}
		return v
	}
	l.Connect, l.Response = pick(l.Connect, ConnectTimeout), pick(l.Response, ResponseTimeout)
	l.MaxBackoff, l.Notice = pick(l.MaxBackoff, MaxBackoff), pick(l.Notice, waitNotice)
	if l.MaxAttempts == 0 {
		l.MaxAttempts = MaxAttempts
	}
	return l
}

// Wait is a call that is taking time: an attempt without an answer yet (Reason empty), or an
// attempt that failed and is about to be tried again (Reason says why).
type Wait struct {
	Service string // "iam"
	Action  string // "CreateUser"
	// Attempt is the attempt waited for (counting from 1) of at most MaxAttempts.
	Attempt, MaxAttempts int
	// Elapsed is how long the attempt has waited for its answer, of at most Limit.
	Elapsed, Limit time.Duration
	// Reason is the failure of the previous attempt, when Attempt is a retry.
	Reason string
}

// WaitKey tells one attempt of one call from another.
type WaitKey struct {
	Service, Action string
	Attempt         int
}

// Key is the attempt the wait belongs to.
func (w Wait) Key() WaitKey { return WaitKey{w.Service, w.Action, w.Attempt} }

// httpClient is the one HTTP client of a factory's clients, with the connect and response
// limits above: without them an endpoint that accepts a connection and never answers holds
// the first call for ever.
func (l Limits) httpClient() *awshttp.BuildableClient {
	return awshttp.NewBuildableClient().
		WithDialerOptions(func(d *net.Dialer) { d.Timeout = l.Connect }).
		WithTransportOptions(func(tr *http.Transport) {
			tr.TLSHandshakeTimeout = l.Connect
			tr.ResponseHeaderTimeout = l.Response
		})
}

// newRetryer is the SDK's standard retryer with the attempts and backoff above. A refused
// connection is not retried: nothing listens on that port, and a second attempt a moment
// later only makes the trainee wait (teardown makes its own, stated, passes).
func (l Limits) newRetryer() awssdk.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = l.MaxAttempts
		o.MaxBackoff = l.MaxBackoff
		o.Retryables = append([]retry.IsErrorRetryable{retry.IsErrorRetryableFunc(func(err error) awssdk.Ternary {
			if IsConnectionRefused(err) {
				return awssdk.FalseTernary
			}
			return awssdk.UnknownTernary
		})}, o.Retryables...)
	})
}

// IsConnectionRefused reports whether err is a connection the endpoint refused: nothing
// listens at that address.
func IsConnectionRefused(err error) bool { return errors.Is(err, syscall.ECONNREFUSED) }

// callState is what the attempts of one call share: which attempt this is and how the last
// one failed.
type callState struct {
	service, action string
	attempt         int
	lastErr         error
}

type callStateKey struct{}

// attemptWatcher is the Finalize middleware that runs once per attempt, inside the SDK's
// retry loop: it says when an attempt is a retry and why, and, while an attempt waits for its
// answer, every waitNotice how long it has waited.
func (l Limits) attemptWatcher(stack *middleware.Stack) error {
	return stack.Finalize.Insert(middleware.FinalizeMiddlewareFunc("mfa-demo/watch-attempt",
		func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
			st, _ := ctx.Value(callStateKey{}).(*callState)
			logs, _ := ctx.Value(callLogKey{}).([]*CallLog)
			if st == nil || len(logs) == 0 {
				return next.HandleFinalize(ctx, in)
			}
			st.attempt++
			w := Wait{Service: st.service, Action: st.action, Attempt: st.attempt, MaxAttempts: l.MaxAttempts, Limit: l.Response}
			if st.lastErr != nil {
				_, w.Reason = describeError(st.lastErr)
				notifyWait(logs, w)
			}
			done := make(chan struct{})
			go func() {
				start := time.Now()
				tick := time.NewTicker(l.Notice)
				defer tick.Stop()
				for {
					select {
					case <-done:
						return
					case <-ctx.Done():
						return
					case now := <-tick.C:
						w.Elapsed, w.Reason = now.Sub(start), ""
						notifyWait(logs, w)
					}
				}
			}()
			out, md, err := next.HandleFinalize(ctx, in)
			close(done)
			st.lastErr = err
			return out, md, err
		}), "Retry", middleware.After)
}

func notifyWait(logs []*CallLog, w Wait) {
	for _, l := range logs {
		if l.Waiting != nil {
			l.Waiting(w)
		}
	}
}
