package aws

import (
	"context"
	"errors"
	"fmt"
	"net"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// Call is one API call as the recorder saw it. Nothing secret is ever in it in full.
type Call struct {
	Time     time.Time
	Duration time.Duration
	Service  string // "iam", "sts", "s3"
	Action   string // "CreateUser"
	Caller   string // CallerOperator, CallerUser or CallerSession
	// KeyID is the access key ID that signed the call, for the demo user's key and sessions
	// (a key ID is no secret: AWS names it in CloudTrail); "" for the operator.
	KeyID     string
	Params    []Param
	ErrorCode string // "" on success
	Message   string // the error message, or a one-line summary of the result
	CLI       string // the equivalent AWS CLI command
	// ServerTime is the Date of AWS's answer, zero when there was none: compared with the
	// local clock, it tells how far off that clock is.
	ServerTime time.Time
	// FromEmulator says the answer came from mfa-demo's own emulator (it names itself in a
	// header), wherever it runs: embedded, or `mfa-demo emulator` behind --endpoint-url.
	FromEmulator bool
}

// Param is one request parameter, redacted when it is secret.
type Param struct {
	Name  string
	Value string
}

// CallLog collects the calls made with a context that carries it; it is safe for concurrent use.
type CallLog struct {
	// Notify, when set, hears about each call as soon as it is recorded, so that a front
	// end's log moves while a long step (a wait, a teardown) is still running.
	Notify func(Call)
	// Waiting, when set, hears about a call that takes time: each retry and why, and every
	// few seconds an attempt still without an answer. It may be called from another
	// goroutine than the call's.
	Waiting func(Wait)

	mu    sync.Mutex
	calls []Call
}

// Calls returns the calls recorded so far, in the order they ended.
func (l *CallLog) Calls() []Call {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Call(nil), l.calls...)
}

func (l *CallLog) add(c Call) {
	l.mu.Lock()
	l.calls = append(l.calls, c)
	l.mu.Unlock()
	if l.Notify != nil {
		l.Notify(c)
	}
}

type callLogKey struct{}

// WithCallLog returns a context whose AWS calls are recorded into log, and into every log
// the context already carried: a run's streaming log and a step's own log both see a call.
func WithCallLog(ctx context.Context, log *CallLog) context.Context {
	outer, _ := ctx.Value(callLogKey{}).([]*CallLog)
	logs := append(append(make([]*CallLog, 0, len(outer)+1), outer...), log)
	return context.WithValue(ctx, callLogKey{}, logs)
}

// redacted names the request fields whose values are never shown.
var redacted = map[string]bool{
	"SecretAccessKey": true,
	"SessionToken":    true,
	"Password":        true,
	"OldPassword":     true,
	"NewPassword":     true,
	"PrivateKey":      true,
}

// recorder returns the middleware that records every call of one service's client.
func (f *Factory) recorder(service, caller, keyID string) func(*middleware.Stack) error {
	return func(stack *middleware.Stack) error {
		return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("mfa-demo/record-call",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				start := time.Now()
				ctx = context.WithValue(ctx, callStateKey{}, &callState{service: service, action: actionName(in.Parameters)})
				out, md, err := next.HandleInitialize(ctx, in)
				args := requestArgs(in.Parameters)
				c := Call{
					Time:     start,
					Duration: time.Since(start),
					Service:  service,
					Action:   actionName(in.Parameters),
					Caller:   caller,
					KeyID:    keyID,
					CLI:      cliCommand(service, actionName(in.Parameters), args, f.endpoint),
				}
				for _, a := range args {
					c.Params = append(c.Params, Param{Name: a.name, Value: strings.Join(a.values, " ")})
				}
				if t, ok := awsmiddleware.GetServerTime(md); ok {
					c.ServerTime = t
				}
				if raw, ok := awsmiddleware.GetRawResponse(md).(*smithyhttp.Response); ok && raw.Header.Get(emulator.IdentityHeader) == emulator.IdentityValue {
					c.FromEmulator = true
				}
				if err != nil {
					c.ErrorCode, c.Message = describeError(err)
				} else {
					c.Message = summarize(out.Result)
				}
				logs, _ := ctx.Value(callLogKey{}).([]*CallLog)
				for _, log := range logs {
					log.add(c)
				}
				return out, md, err
			}), middleware.Before)
	}
}

// The codes of failures that never got an AWS answer, as the call log and retries name them.
const (
	CodeConnectionRefused = "ConnectionRefused" // nothing listens at the endpoint
	CodeTimeout           = "Timeout"           // no answer within the limits
)

// describeError gives the AWS error code and message, or a code naming the kind of failure
// when the request never got an AWS answer.
func describeError(err error) (code, message string) {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode(), apiErr.ErrorMessage()
	}
	var netErr net.Error
	switch {
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return "Canceled", err.Error()
	case IsConnectionRefused(err):
		return CodeConnectionRefused, err.Error()
	case errors.As(err, &netErr) && netErr.Timeout():
		return CodeTimeout, err.Error()
	}
	return "RequestError", err.Error()
}

// actionName turns *iam.CreateUserInput into "CreateUser".
func actionName(input any) string {
	t := reflect.TypeOf(input)
	if t == nil {
		return "Unknown"
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return strings.TrimSuffix(t.Name(), "Input")
}

// arg is one request field as the CLI would spell its values.
type arg struct {
	name   string
	values []string
}

// requestArgs lists the fields an input sets, in declaration order, secrets redacted.
func requestArgs(input any) []arg {
	v := reflect.ValueOf(input)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	var args []arg
	for i := range v.NumField() {
		field := v.Type().Field(i)
		if !field.IsExported() {
			continue
		}
		values := fieldValues(v.Field(i))
		if len(values) == 0 {
			continue
		}
		if redacted[field.Name] {
			values = []string{"(redacted)"}
		}
		args = append(args, arg{name: field.Name, values: values})
	}
	return args
}

// fieldValues renders the value kinds the demo's requests use; others are left out of the log.
func fieldValues(v reflect.Value) []string {
	switch {
	case v.Kind() == reflect.Pointer && v.IsNil():
		return nil
	case v.Kind() == reflect.Pointer:
		return fieldValues(v.Elem())
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Struct:
		// A list of structures, in the CLI's shorthand: one Field=value,… per element
		// (Key=k,Value=v for tags; ContextKeyName=…,ContextKeyType=…,ContextKeyValues=… for
		// the simulator's context entries).
		var out []string
		for i := range v.Len() {
			if s := shorthand(v.Index(i)); s != "" {
				out = append(out, s)
			}
		}
		return out
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.String:
		var out []string
		for i := range v.Len() {
			out = append(out, v.Index(i).String())
		}
		return out
	}
	switch v.Kind() {
	case reflect.String:
		if v.String() == "" {
			return nil
		}
		return []string{v.String()}
	case reflect.Int32, reflect.Int64, reflect.Int:
		return []string{strconv.FormatInt(v.Int(), 10)}
	case reflect.Bool:
		return []string{strconv.FormatBool(v.Bool())}
	}
	return nil
}

// shorthand spells one structure as the CLI's shorthand syntax: its set fields as
// Name=value, a list's values joined with commas.
func shorthand(v reflect.Value) string {
	var parts []string
	for i := range v.NumField() {
		if !v.Type().Field(i).IsExported() {
			continue
		}
		if values := fieldValues(v.Field(i)); len(values) > 0 {
			parts = append(parts, v.Type().Field(i).Name+"="+strings.Join(values, ","))
		}
	}
	return strings.Join(parts, ",")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// cliCommand spells a call as the AWS CLI command that makes it.
func cliCommand(service, action string, args []arg, endpoint string) string {
	if service == "s3" {
		// ListBuckets and friends are s3api commands; `aws s3` is the high-level tool.
		service = "s3api"
	}
	parts := []string{"aws", service, kebab(action)}
	name := ""
	for _, a := range args {
		parts = append(parts, "--"+kebab(a.name))
		for _, v := range a.values {
			parts = append(parts, ShellQuote(v))
		}
		if a.name == "VirtualMFADeviceName" && len(a.values) > 0 {
			name = a.values[0]
		}
	}
	if action == "CreateVirtualMFADevice" {
		// Options of the CLI's own, not of the API: the CLI refuses the command without
		// them, and writes the device's seed to the file for an authenticator app.
		parts = append(parts, "--outfile", ShellQuote(name+"-seed.txt"), "--bootstrap-method", "Base32StringSeed")
	}
	if endpoint != "" {
		parts = append(parts, "--endpoint-url", ShellQuote(endpoint))
	}
	return strings.Join(parts, " ")
}

// kebab turns CreateVirtualMFADevice into create-virtual-mfa-device, the way the CLI names
// commands and options (digits stay with their word: AuthenticationCode1 → authentication-code1).
func kebab(name string) string {
	runes := []rune(name)
	var b strings.Builder
	for i, r := range runes {
		if i > 0 && unicode.IsUpper(r) {
			prevLower := unicode.IsLower(runes[i-1]) || unicode.IsDigit(runes[i-1])
			nextLower := i+1 < len(runes) && unicode.IsLower(runes[i+1])
			if prevLower || (unicode.IsUpper(runes[i-1]) && nextLower) {
				b.WriteByte('-')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// ShellQuote quotes a value for a POSIX shell only when it needs quoting, so that a command
// built from it pastes as it is shown.
func ShellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_@%+=:,./-", r))) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// summarize says in one line what a successful call returned, never a secret.
func summarize(result any) string {
	switch r := result.(type) {
	case *sts.GetCallerIdentityOutput:
		return deref(r.Arn)
	case *sts.GetSessionTokenOutput:
		if r.Credentials != nil && r.Credentials.Expiration != nil {
			return fmt.Sprintf("temporary credentials %s, valid until %s", deref(r.Credentials.AccessKeyId), r.Credentials.Expiration.UTC().Format(time.RFC3339))
		}
	case *sts.AssumeRoleOutput:
		if r.AssumedRoleUser != nil {
			return deref(r.AssumedRoleUser.Arn)
		}
	case *iam.CreateUserOutput:
		if r.User != nil {
			return deref(r.User.Arn)
		}
	case *iam.CreateVirtualMFADeviceOutput:
		if r.VirtualMFADevice != nil {
			return deref(r.VirtualMFADevice.SerialNumber)
		}
	case *iam.CreateAccessKeyOutput:
		if r.AccessKey != nil {
			return deref(r.AccessKey.AccessKeyId)
		}
	case *iam.ListUserPoliciesOutput:
		return count(len(r.PolicyNames), "inline policy", "inline policies")
	case *iam.ListAccessKeysOutput:
		return count(len(r.AccessKeyMetadata), "access key", "access keys")
	case *iam.ListMFADevicesOutput:
		return count(len(r.MFADevices), "MFA device", "MFA devices")
	case *iam.ListVirtualMFADevicesOutput:
		return count(len(r.VirtualMFADevices), "virtual MFA device", "virtual MFA devices")
	case *iam.ListUsersOutput:
		return count(len(r.Users), "user", "users")
	case *s3.ListBucketsOutput:
		return count(len(r.Buckets), "bucket", "buckets")
	}
	return "OK"
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
