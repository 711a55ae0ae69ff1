package emulator_test

import (
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// optional is nil for "": a parameter the client leaves out.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}

// queryCall sends a form-encoded Query request signed with the admin key, for the
// parameters the SDK's own client-side checks would not let through (a missing
// required member, a number that is not one). It returns the AWS error code and
// message, both "" for a success.
func queryCall(t *testing.T, e *env, service, body string) (code, message string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(signed(t, http.MethodPost, e.srv.URL+"/", service, "application/x-www-form-urlencoded", []byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode < 400 {
		return "", ""
	}
	var qe struct {
		Code    string `xml:"Error>Code"`
		Message string `xml:"Error>Message"`
	}
	if err := xml.Unmarshal(raw, &qe); err != nil || qe.Code == "" {
		t.Fatalf("status %d with a body that is not an AWS Query error: %v\n%s", resp.StatusCode, err, raw)
	}
	if qe.Code == "ValidationError" && resp.StatusCode != http.StatusBadRequest {
		t.Errorf("ValidationError with HTTP %d, want 400", resp.StatusCode)
	}
	return qe.Code, qe.Message
}

// TestValidationFromServiceModel: every parameter is checked against the constraint
// traits of botocore's IAM and STS models (botocore/data/iam/2010-05-08 and
// sts/2011-06-15 service-2.json), answered ValidationError (HTTP 400) in the words of
// AWS's replies as they are quoted in public bug reports.
func TestValidationFromServiceModel(t *testing.T) {
	e := start(t, emulator.Options{})
	tr := e.newTrainee(t, "validated")
	admin := e.admin
	long := strings.Repeat("s", 65)
	cases := []struct {
		name string
		call func() error
		want string
	}{
		// tokenCodeType: length 6..6, pattern [\d]* (the example; aws-cli
		// reports quote the max-length one).
		{"GetSessionToken five-digit code", func() error {
			_, err := tr.clients.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{SerialNumber: aws.String(tr.serial), TokenCode: aws.String("12345")})
			return err
		}, "1 validation error detected: Value '12345' at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6"},
		{"GetSessionToken fourteen-digit code", func() error {
			_, err := tr.clients.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{SerialNumber: aws.String(tr.serial), TokenCode: aws.String("11111111111111")})
			return err
		}, "1 validation error detected: Value '11111111111111' at 'tokenCode' failed to satisfy constraint: Member must have length less than or equal to 6"},
		{"GetSessionToken code with a letter", func() error {
			_, err := tr.clients.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{SerialNumber: aws.String(tr.serial), TokenCode: aws.String("12a456")})
			return err
		}, `1 validation error detected: Value '12a456' at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\d]*`},
		// One value failing two constraints is two errors, as AWS counts them.
		{"GetSessionToken short code with a letter", func() error {
			_, err := tr.clients.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{SerialNumber: aws.String(tr.serial), TokenCode: aws.String("1a")})
			return err
		}, `2 validation errors detected: Value '1a' at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6; Value '1a' at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\d]*`},
		// durationSecondsType: 900..129600.
		{"GetSessionToken 899 seconds", func() error {
			_, err := tr.clients.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{DurationSeconds: aws.Int32(899)})
			return err
		}, "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"},
		{"GetSessionToken 129601 seconds", func() error {
			_, err := tr.clients.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{DurationSeconds: aws.Int32(129601)})
			return err
		}, "1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600"},
		// serialNumberType (STS): 9..256, [\w+=/:,.@-]*.
		{"GetSessionToken short serial and a bad code", func() error {
			_, err := tr.clients.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{SerialNumber: aws.String("GAHT1"), TokenCode: aws.String("12345")})
			return err
		}, "2 validation errors detected: Value 'GAHT1' at 'serialNumber' failed to satisfy constraint: Member must have length greater than or equal to 9; Value '12345' at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6"},
		// roleSessionNameType: 2..64, [\w+=,.@-]* (moto issue 9218 and
		// zalando-stups/aws-credentials-service#7 quote AWS's replies).
		{"AssumeRole 65-character session name", func() error {
			_, err := tr.clients.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::000000000000:role/r"), RoleSessionName: aws.String(long)})
			return err
		}, "1 validation error detected: Value '" + long + "' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64"},
		{"AssumeRole session name with a slash", func() error {
			_, err := tr.clients.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::000000000000:role/r"), RoleSessionName: aws.String("PowerUser/hjacobs")})
			return err
		}, `1 validation error detected: Value 'PowerUser/hjacobs' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*`},
		{"AssumeRole empty session name", func() error {
			_, err := tr.clients.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::000000000000:role/r"), RoleSessionName: aws.String("")})
			return err
		}, "1 validation error detected: Value '' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"},
		// arnType (STS): 20..2048.
		{"AssumeRole short role ARN", func() error {
			_, err := tr.clients.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::0:r"), RoleSessionName: aws.String("s1")})
			return err
		}, "1 validation error detected: Value 'arn:aws:iam::0:r' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20"},
		{"AssumeRole role ARN with a control character", func() error {
			_, err := tr.clients.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::000000000000:role/\x01"), RoleSessionName: aws.String("s1")})
			return err
			// XML 1.0 cannot carry U+0001: the message shows U+FFFD in its place.
		}, "1 validation error detected: Value 'arn:aws:iam::000000000000:role/\uFFFD' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: " +
			`[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+`},
		// userNameType: 1..64, [\w+=,.@-]+; pathType; tag key and value patterns
		// (SWO-GS/auto-tag#90 quotes 'tags.6.member.value').
		{"CreateUser 65-character name", func() error {
			_, err := admin.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(long)})
			return err
		}, "1 validation error detected: Value '" + long + "' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64"},
		{"CreateUser name with a space", func() error {
			_, err := admin.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("a b")})
			return err
		}, `1 validation error detected: Value 'a b' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`},
		{"CreateUser path without slashes", func() error {
			_, err := admin.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("pathless"), Path: aws.String("demo")})
			return err
		}, `1 validation error detected: Value 'demo' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F)`},
		{"CreateUser bad tag key and value", func() error {
			_, err := admin.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("tagged"), Tags: []iamtypes.Tag{
				{Key: aws.String("ok"), Value: aws.String("ok")},
				{Key: aws.String("#%"), Value: aws.String("(x)")},
			}})
			return err
		}, `2 validation errors detected: Value '#%' at 'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]+; ` +
			`Value '(x)' at 'tags.2.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]*`},
		// maxItemsType: 1..1000; assignmentStatusType's enum in the model's order.
		{"ListUsers MaxItems 0", func() error {
			_, err := admin.iam.ListUsers(ctx, &iam.ListUsersInput{MaxItems: aws.Int32(0)})
			return err
		}, "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"ListVirtualMFADevices unknown status", func() error {
			_, err := admin.iam.ListVirtualMFADevices(ctx, &iam.ListVirtualMFADevicesInput{AssignmentStatus: "Bogus"})
			return err
		}, "1 validation error detected: Value 'Bogus' at 'assignmentStatus' failed to satisfy constraint: Member must satisfy enum value set: [Assigned, Unassigned, Any]"},
		// arnType (IAM): 20..2048; serialNumberType (IAM): 9..256, [\w+=/:,.@-]+;
		// authenticationCodeType: 6..6, [\d]+.
		{"AttachUserPolicy short policy ARN", func() error {
			_, err := admin.iam.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String(tr.name), PolicyArn: aws.String("arn:aws:iam::p")})
			return err
		}, "1 validation error detected: Value 'arn:aws:iam::p' at 'policyArn' failed to satisfy constraint: Member must have length greater than or equal to 20"},
		{"EnableMFADevice serial with a space and short codes", func() error {
			_, err := admin.iam.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String(tr.name), SerialNumber: aws.String("arn:aws:iam::000000000000:mfa/a b"),
				AuthenticationCode1: aws.String("12345"), AuthenticationCode2: aws.String("123456")})
			return err
		}, `2 validation errors detected: Value 'arn:aws:iam::000000000000:mfa/a b' at 'serialNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=/:,.@-]+; ` +
			`Value '12345' at 'authenticationCode1' failed to satisfy constraint: Member must have length greater than or equal to 6`},
		{"GetPolicyVersion bad version id", func() error {
			_, err := admin.iam.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String("arn:aws:iam::000000000000:policy/p"), VersionId: aws.String("1")})
			return err
		}, `1 validation error detected: Value '1' at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\.[A-Za-z0-9-]*)?`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectError(t, tc.name, tc.call(), "ValidationError", tc.want)
		})
	}
}

// TestValidationOfRawQueries covers what the SDK's client-side checks never send: a
// required member left out ("Value null … Member must not be null", as AWS answers a
// C++ SDK that forgot RoleSessionName, aws/aws-sdk-cpp#1252) and a number that is not one.
func TestValidationOfRawQueries(t *testing.T) {
	e := start(t, emulator.Options{})
	cases := []struct {
		name, service, body, want string
	}{
		{"AssumeRole without a session name", "sts", "Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::000000000000:role/r",
			"1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null"},
		{"AssumeRole without anything", "sts", "Action=AssumeRole&Version=2011-06-15",
			"2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null"},
		{"CreateUser without a name", "iam", "Action=CreateUser&Version=2010-05-08",
			"1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null"},
		{"TagUser without tags", "iam", "Action=TagUser&Version=2010-05-08&UserName=admin",
			"1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null"},
		{"TagUser with a tag without a value", "iam", "Action=TagUser&Version=2010-05-08&UserName=admin&Tags.member.1.Key=k",
			"1 validation error detected: Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null"},
		{"GetSessionToken with a duration that is not a number", "sts", "Action=GetSessionToken&Version=2011-06-15&DurationSeconds=an-hour",
			"1 validation error detected: Value 'an-hour' at 'durationSeconds' failed to satisfy constraint: Member must be an integer"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, msg := queryCall(t, e, tc.service, tc.body)
			if code != "ValidationError" || msg != tc.want {
				t.Fatalf("%s: %q\n want ValidationError: %q", code, msg, tc.want)
			}
		})
	}
}

// TestValidationBeforeAuthorization: a caller without any permission is told what is
// wrong with its request's shape, not AccessDenied: the request is validated against
// the model before its permissions are evaluated.
func TestValidationBeforeAuthorization(t *testing.T) {
	e := start(t, emulator.Options{})
	tr := e.newTrainee(t, "powerless")
	_, err := tr.clients.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("a b")})
	expectCode(t, "CreateUser with a bad name, without permission", err, "ValidationError")
	_, err = tr.clients.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("fine")})
	expectCode(t, "CreateUser with a good name, without permission", err, "AccessDenied")
}

// TestMFASerialAndCodeGoTogether: a SerialNumber without a TokenCode, or a TokenCode
// without a SerialNumber, is refused AccessDenied on GetSessionToken and AssumeRole
// (STS API reference, AssumeRole TokenCode: "if the TokenCode value is missing … an
// "access denied" error"; the wording as AWS answers it in y13i/sgviz#9), before the
// role's trust policy is looked at.
func TestMFASerialAndCodeGoTogether(t *testing.T) {
	e := start(t, emulator.Options{})
	tr := e.newTrainee(t, "pairs")
	const both = "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code."
	code := e.clock.code(t, tr.seed, 0)
	role := "arn:aws:iam::000000000000:role/no-such-role"
	for _, tc := range []struct {
		name         string
		serial, code string
	}{
		{"serial without code", tr.serial, ""},
		{"code without serial", "", code},
	} {
		t.Run("GetSessionToken "+tc.name, func(t *testing.T) {
			_, err := tr.clients.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{SerialNumber: optional(tc.serial), TokenCode: optional(tc.code)})
			expectError(t, "GetSessionToken", err, "AccessDenied", both)
		})
		t.Run("AssumeRole "+tc.name, func(t *testing.T) {
			_, err := tr.clients.sts.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(role), RoleSessionName: aws.String("pairs"),
				SerialNumber: optional(tc.serial), TokenCode: optional(tc.code)})
			expectError(t, "AssumeRole", err, "AccessDenied", both)
		})
	}
	// The code was not spent by the refusals: it still signs in with its serial.
	_, err := tr.clients.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{SerialNumber: aws.String(tr.serial), TokenCode: aws.String(code)})
	expectCode(t, "GetSessionToken with both", err, "")
}
