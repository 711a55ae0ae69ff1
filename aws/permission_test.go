package aws_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

func TestRequiredActions(t *testing.T) {
	tags := []iamtypes.Tag{{Key: awssdk.String("k"), Value: awssdk.String("v")}}
	tests := []struct {
		service string
		input   any
		want    []string
	}{
		{"iam", &iam.CreateUserInput{}, []string{"iam:CreateUser"}},
		{"iam", &iam.CreateUserInput{Tags: tags}, []string{"iam:CreateUser", "iam:TagUser"}},
		{"iam", &iam.CreateVirtualMFADeviceInput{Tags: tags}, []string{"iam:CreateVirtualMFADevice", "iam:TagMFADevice"}},
		{"iam", &iam.CreateRoleInput{Tags: tags}, []string{"iam:CreateRole", "iam:TagRole"}},
		{"iam", &iam.CreatePolicyInput{Tags: tags}, []string{"iam:CreatePolicy", "iam:TagPolicy"}},
		{"iam", &iam.TagUserInput{Tags: tags}, []string{"iam:TagUser"}},
		{"iam", &iam.DeleteAccessKeyInput{}, []string{"iam:DeleteAccessKey"}},
		{"s3", &s3.ListBucketsInput{}, []string{"s3:ListAllMyBuckets"}},
	}
	for _, tt := range tests {
		if got := aws.RequiredActions(tt.service, tt.input); !slices.Equal(got, tt.want) {
			t.Errorf("RequiredActions(%s, %T) = %v, want %v", tt.service, tt.input, got, tt.want)
		}
	}
}

// TestOperatorAccessDeniedNamesThePermission: the operator's refusals become a
// PermissionError that still carries AWS's code; other callers' refusals stay as they are.
func TestOperatorAccessDeniedNamesThePermission(t *testing.T) {
	ctx := context.Background()
	srv, err := emulator.Start("127.0.0.1:0", emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	admin, err := aws.New(ctx, aws.Options{Endpoint: srv.URL, Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")})
	if err != nil {
		t.Fatal(err)
	}
	a := admin.Operator().IAM
	if _, err := a.CreateUser(ctx, &iam.CreateUserInput{UserName: awssdk.String("op")}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: awssdk.String("op"), PolicyName: awssdk.String("p"),
		PolicyDocument: awssdk.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateUser","Resource":"*"}]}`)}); err != nil {
		t.Fatal(err)
	}
	key, err := a.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: awssdk.String("op")})
	if err != nil {
		t.Fatal(err)
	}
	op, err := aws.New(ctx, aws.Options{Endpoint: srv.URL,
		Credentials: credentials.NewStaticCredentialsProvider(awssdk.ToString(key.AccessKey.AccessKeyId), awssdk.ToString(key.AccessKey.SecretAccessKey), "")})
	if err != nil {
		t.Fatal(err)
	}

	_, err = op.Operator().IAM.CreateUser(ctx, &iam.CreateUserInput{UserName: awssdk.String("tagged"),
		Tags: []iamtypes.Tag{{Key: awssdk.String("k"), Value: awssdk.String("v")}}})
	var perm *aws.PermissionError
	if !errors.As(err, &perm) {
		t.Fatalf("CreateUser with tags: %v, want a PermissionError", err)
	}
	if want := []string{"iam:CreateUser", "iam:TagUser"}; !slices.Equal(perm.Actions, want) {
		t.Errorf("actions %v, want %v", perm.Actions, want)
	}
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "AccessDenied" {
		t.Errorf("the AWS code is lost: %v", err)
	}
	if !strings.Contains(err.Error(), "the operator may not iam:CreateUser or iam:TagUser") || !strings.Contains(err.Error(), "iam:TagUser on resource") {
		t.Errorf("message %q names neither the demo's nor AWS's view of the missing permission", err)
	}

	// The same refusal for the demo user is the lesson's business, not a missing permission.
	_, err = op.User(awssdk.ToString(key.AccessKey.AccessKeyId), awssdk.ToString(key.AccessKey.SecretAccessKey)).IAM.ListUsers(ctx, &iam.ListUsersInput{})
	if errors.As(err, &perm) || !errors.As(err, &apiErr) || apiErr.ErrorCode() != "AccessDenied" {
		t.Errorf("user ListUsers: %v, want a plain AccessDenied", err)
	}
}
