package aws

import (
	"testing"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

func TestKebabSpellsNamesLikeTheCLI(t *testing.T) {
	tests := map[string]string{
		"CreateVirtualMFADevice": "create-virtual-mfa-device",
		"ListMFADevices":         "list-mfa-devices",
		"GetSessionToken":        "get-session-token",
		"AuthenticationCode1":    "authentication-code1",
		"VirtualMFADeviceName":   "virtual-mfa-device-name",
		"AccessKeyId":            "access-key-id",
		"RoleArn":                "role-arn",
		"ListBuckets":            "list-buckets",
	}
	for in, want := range tests {
		if got := kebab(in); got != want {
			t.Errorf("kebab(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestShellQuoteOnlyWhenNeeded(t *testing.T) {
	tests := map[string]string{
		"/mfa-demo/":                  "/mfa-demo/",
		"Key=mfa-demo:run-id,Value=x": "Key=mfa-demo:run-id,Value=x",
		`{"Version":"2012-10-17"}`:    `'{"Version":"2012-10-17"}'`,
		"it's":                        `'it'\''s'`,
		"":                            "''",
	}
	for in, want := range tests {
		if got := ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestRequestArgsAndCLI(t *testing.T) {
	tests := []struct {
		name     string
		service  string
		input    any
		endpoint string
		want     string
	}{
		{
			name:    "create user with tags",
			service: "iam",
			input: &iam.CreateUserInput{UserName: awssdk.String("mfa-demo-user-x"), Path: awssdk.String("/mfa-demo/"),
				Tags: []iamtypes.Tag{{Key: awssdk.String("mfa-demo:run-id"), Value: awssdk.String("x")}}},
			endpoint: "http://127.0.0.1:4566",
			want:     "aws iam create-user --user-name mfa-demo-user-x --path /mfa-demo/ --tags Key=mfa-demo:run-id,Value=x --endpoint-url http://127.0.0.1:4566",
		},
		{
			name:    "session with MFA on live AWS",
			service: "sts",
			input: &sts.GetSessionTokenInput{DurationSeconds: awssdk.Int32(900), SerialNumber: awssdk.String("arn:aws:iam::1:mfa/d"),
				TokenCode: awssdk.String("123456")},
			want: "aws sts get-session-token --duration-seconds 900 --serial-number arn:aws:iam::1:mfa/d --token-code 123456",
		},
		{
			name:    "list devices by status",
			service: "iam",
			input:   &iam.ListVirtualMFADevicesInput{AssignmentStatus: iamtypes.AssignmentStatusTypeAny},
			want:    "aws iam list-virtual-mfa-devices --assignment-status Any",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cliCommand(tt.service, actionName(tt.input), requestArgs(tt.input), tt.endpoint)
			if got != tt.want {
				t.Errorf("CLI:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestSecretParametersAreRedacted(t *testing.T) {
	type input struct {
		UserName        *string
		SecretAccessKey *string
		SessionToken    *string
		NewPassword     *string
	}
	args := requestArgs(&input{
		UserName:        awssdk.String("u"),
		SecretAccessKey: awssdk.String("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
		SessionToken:    awssdk.String("FwoGZXIvYXdzEXAMPLE"),
		NewPassword:     awssdk.String("hunter2"),
	})
	want := map[string]string{"UserName": "u", "SecretAccessKey": "(redacted)", "SessionToken": "(redacted)", "NewPassword": "(redacted)"}
	if len(args) != len(want) {
		t.Fatalf("args = %v, want %d of them", args, len(want))
	}
	for _, a := range args {
		if len(a.values) != 1 || a.values[0] != want[a.name] {
			t.Errorf("%s = %v, want %s", a.name, a.values, want[a.name])
		}
	}
}
