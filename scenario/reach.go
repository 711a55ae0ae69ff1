package scenario

import (
	"errors"
	"net"

	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/mfa-demo/mfa-demo/aws"
)

// ReachProblem says why a call got no AWS answer at all.
type ReachProblem int

// The ways a target can fail to answer as AWS does.
const (
	ReachRefused ReachProblem = iota + 1 // nothing listens at the address
	ReachSilent                          // a connection is accepted and no answer comes
	ReachNotAWS                          // something answers, but not an AWS API
)

// ReachError is a step that failed because its target could not be talked to, not because
// AWS refused it: a front end says so in one sentence (text.Text.Describe) instead of the
// SDK's chain of errors, which stays in Err.
type ReachError struct {
	Problem  ReachProblem
	Endpoint string // "" for real AWS
	Status   int    // ReachNotAWS: the HTTP status of the answer
	Err      error
}

func (e *ReachError) Error() string { return e.Err.Error() }
func (e *ReachError) Unwrap() error { return e.Err }

// reach wraps err in a *ReachError when the call behind it got no AWS answer; any other
// error is returned as it is.
func reach(err error, endpoint string) error {
	if err == nil {
		return nil
	}
	var netErr net.Error
	var resp *smithyhttp.ResponseError
	var api smithy.APIError
	var decode *smithy.DeserializationError
	switch {
	case aws.IsConnectionRefused(err):
		return &ReachError{Problem: ReachRefused, Endpoint: endpoint, Err: err}
	case errors.As(err, &netErr) && netErr.Timeout():
		return &ReachError{Problem: ReachSilent, Endpoint: endpoint, Err: err}
	case endpoint != "" && errors.As(err, &resp) && (errors.As(err, &decode) || (errors.As(err, &api) && api.ErrorCode() == "UnknownError")):
		// An answer that is not AWS's XML or JSON: a web server, another service, a wrong
		// port. Real AWS always answers in its own format, so only an endpoint is suspected.
		return &ReachError{Problem: ReachNotAWS, Endpoint: endpoint, Status: resp.HTTPStatusCode(), Err: err}
	}
	return err
}
