package emulator

import (
	"encoding/xml"
	"fmt"
	"net/http"
)

// apiError is an error as AWS answers it: a code the SDK turns into
// smithy.APIError.ErrorCode(), a message, and an HTTP status.
type apiError struct {
	status  int
	code    string
	message string
	// receiver marks the rare faults that AWS blames on itself (Type "Receiver").
	receiver bool
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

func newError(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

// Errors shared by several IAM and STS actions, worded as AWS words them.
func errValidation(format string, args ...any) *apiError {
	return newError(http.StatusBadRequest, "ValidationError", format, args...)
}

func errNoSuchEntity(format string, args ...any) *apiError {
	return newError(http.StatusNotFound, "NoSuchEntity", format, args...)
}

func errAlreadyExists(format string, args ...any) *apiError {
	return newError(http.StatusConflict, "EntityAlreadyExists", format, args...)
}

func errDeleteConflict(format string, args ...any) *apiError {
	return newError(http.StatusConflict, "DeleteConflict", format, args...)
}

func errMalformedPolicy(err error) *apiError {
	return newError(http.StatusBadRequest, "MalformedPolicyDocument", "%s", err.Error())
}

func errInvalidClientTokenID() *apiError {
	return newError(http.StatusForbidden, "InvalidClientTokenId", "The security token included in the request is invalid.")
}

func errSignatureDoesNotMatch() *apiError {
	return newError(http.StatusForbidden, "SignatureDoesNotMatch",
		"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")
}

func errExpiredToken() *apiError {
	return newError(http.StatusForbidden, "ExpiredToken", "The security token included in the request is expired")
}

// queryError is the Query-protocol error body that aws-sdk-go-v2 parses.
type queryError struct {
	XMLName   xml.Name `xml:"ErrorResponse"`
	Type      string   `xml:"Error>Type"`
	Code      string   `xml:"Error>Code"`
	Message   string   `xml:"Error>Message"`
	RequestID string   `xml:"RequestId"`
}

func writeQueryError(w http.ResponseWriter, requestID string, e *apiError) {
	kind := "Sender"
	if e.receiver {
		kind = "Receiver"
	}
	w.Header().Set("x-amzn-RequestId", requestID)
	writeXML(w, e.status, queryError{Type: kind, Code: e.code, Message: e.message, RequestID: requestID})
}

// s3Error is the REST-XML error body of S3.
type s3Error struct {
	XMLName   xml.Name `xml:"Error"`
	Code      string   `xml:"Code"`
	Message   string   `xml:"Message"`
	Resource  string   `xml:"Resource,omitempty"`
	RequestID string   `xml:"RequestId"`
	HostID    string   `xml:"HostId"`
}

func writeS3Error(w http.ResponseWriter, r *http.Request, requestID string, e *apiError) {
	w.Header().Set("x-amz-request-id", requestID)
	w.Header().Set("x-amz-id-2", requestID)
	if r.Method == http.MethodHead {
		// HEAD answers carry no body; the SDK reads the code from the status alone.
		w.WriteHeader(e.status)
		return
	}
	writeXML(w, e.status, s3Error{Code: e.code, Message: e.message, RequestID: requestID, HostID: requestID})
}

func writeXML(w http.ResponseWriter, status int, body any) {
	out, err := xml.Marshal(body)
	if err != nil {
		// Only our own fixed response types are marshalled, so this is a programming error;
		// still answer in AWS's shape rather than with a half-written body.
		out = []byte(`<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>response encoding failed</Message></Error></ErrorResponse>`)
		status = http.StatusInternalServerError
	}
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(status)
	w.Write([]byte(xml.Header))
	w.Write(out)
}

func errLimitExceeded(format string, args ...any) *apiError {
	return newError(http.StatusConflict, "LimitExceeded", format, args...)
}
