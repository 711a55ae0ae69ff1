package aws

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
)

// PermissionError is a call of the operator's that AWS refused with AccessDenied: the
// operator's credentials lack a permission the demo needs.
type PermissionError struct {
	// Actions are the IAM actions the call needs, one of which is missing: the call's own
	// (iam:CreateUser), and the tag action when it tags at creation (iam:TagUser).
	Actions []string
	Err     error
}

func (e *PermissionError) Error() string {
	return fmt.Sprintf("the operator may not %s (`mfa-demo operator-policy` prints the policy it needs): %v",
		strings.Join(e.Actions, " or "), e.Err)
}

func (e *PermissionError) Unwrap() error { return e.Err }

// tagActions are the tag permissions AWS also wants when a create call carries tags.
var tagActions = map[string]string{
	"CreateUser":             "iam:TagUser",
	"CreateVirtualMFADevice": "iam:TagMFADevice",
	"CreateRole":             "iam:TagRole",
	"CreatePolicy":           "iam:TagPolicy",
}

// policyActions are the actions whose IAM name differs from the API operation's.
var policyActions = map[string]string{
	"s3:ListBuckets": "s3:ListAllMyBuckets",
	"s3:HeadBucket":  "s3:ListBucket",
}

// RequiredActions names the IAM actions an API call needs: "iam:CreateUser", plus
// "iam:TagUser" when input carries tags.
func RequiredActions(service string, input any) []string {
	op := actionName(input)
	action := service + ":" + op
	if a, ok := policyActions[action]; ok {
		action = a
	}
	out := []string{action}
	if tag, ok := tagActions[op]; ok && hasTags(input) {
		out = append(out, tag)
	}
	return out
}

// hasTags reports whether a request input has a non-empty Tags field.
func hasTags(input any) bool {
	v := reflect.ValueOf(input)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return false
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return false
	}
	tags := v.FieldByName("Tags")
	return tags.IsValid() && tags.Kind() == reflect.Slice && tags.Len() > 0
}

// permissionNamer turns the operator's AccessDenied answers into PermissionErrors, so a
// failed step says which permission is missing in the demo's words as well as AWS's.
func permissionNamer(service string) func(*middleware.Stack) error {
	return func(stack *middleware.Stack) error {
		return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("mfa-demo/name-permission",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				out, md, err := next.HandleInitialize(ctx, in)
				var apiErr smithy.APIError
				if err != nil && errors.As(err, &apiErr) && apiErr.ErrorCode() == "AccessDenied" {
					err = &PermissionError{Actions: RequiredActions(service, in.Parameters), Err: err}
				}
				return out, md, err
			}), middleware.After)
	}
}
