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
		// Names, paths and ARNs (item 3 of issue 12): each is the model's shape.
		{"ListPolicies PathPrefix without a trailing slash", func() error {
			_, err := admin.iam.ListPolicies(ctx, &iam.ListPoliciesInput{PathPrefix: aws.String("/mfa-demo")})
			return err
		}, `1 validation error detected: Value '/mfa-demo' at 'pathPrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: ((/[A-Za-z0-9\.,\+@=_-]+)*)/`},
		{"ListRoles PathPrefix not starting with a slash", func() error {
			_, err := admin.iam.ListRoles(ctx, &iam.ListRolesInput{PathPrefix: aws.String("mfa-demo/")})
			return err
		}, `1 validation error detected: Value 'mfa-demo/' at 'pathPrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: \u002F[\u0021-\u007F]*`},
		{"CreateVirtualMFADevice name with a colon", func() error {
			_, err := admin.iam.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("a:b")})
			return err
		}, `1 validation error detected: Value 'a:b' at 'virtualMFADeviceName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`},
		{"DeactivateMFADevice short serial", func() error {
			_, err := admin.iam.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{UserName: aws.String(tr.name), SerialNumber: aws.String("arn:mfa")})
			return err
		}, "1 validation error detected: Value 'arn:mfa' at 'serialNumber' failed to satisfy constraint: Member must have length greater than or equal to 9"},
		{"SimulatePrincipalPolicy short source ARN and action name", func() error {
			_, err := admin.iam.SimulatePrincipalPolicy(ctx, &iam.SimulatePrincipalPolicyInput{PolicySourceArn: aws.String("arn:aws:iam::0:user"), ActionNames: []string{"s3"}})
			return err
		}, "2 validation errors detected: Value 'arn:aws:iam::0:user' at 'policySourceArn' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
			"Value 's3' at 'actionNames.1.member' failed to satisfy constraint: Member must have length greater than or equal to 3"},
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

// policyOfSize is an identity policy of exactly n characters without white space,
// padded with white space that the quotas do not count.
func policyOfSize(t *testing.T, n int) string {
	t.Helper()
	head := `{"Version":"2012-10-17","Statement":[{"Sid":"`
	tail := `","Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`
	pad := n - len(head) - len(tail)
	if pad < 1 {
		t.Fatalf("no policy of %d characters", n)
	}
	return head + strings.Repeat("a", pad) + tail + strings.Repeat(" \n\t", 400)
}

// trustOfSize is a trust policy of exactly n characters without white space.
func trustOfSize(t *testing.T, principal string, n int) string {
	t.Helper()
	head := `{"Version":"2012-10-17","Statement":[{"Sid":"`
	tail := `","Effect":"Allow","Principal":{"AWS":"` + principal + `"},"Action":"sts:AssumeRole"}]}`
	pad := n - len(head) - len(tail)
	if pad < 1 {
		t.Fatalf("no trust policy of %d characters", n)
	}
	return "\n  " + head + strings.Repeat("a", pad) + tail + "\n"
}

// TestPolicyQuotas: the policy size quotas of the IAM user guide's "IAM and AWS STS
// quotas" page (user inline 2048, role inline 10240, managed 6144, role trust policy
// 2048 characters, white space not counted), each refused LimitExceeded in AWS's words.
func TestPolicyQuotas(t *testing.T) {
	e := start(t, emulator.Options{})
	admin := e.admin
	_, err := admin.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("quota-user")})
	expectCode(t, "CreateUser", err, "")
	_, err = admin.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("quota-role"), AssumeRolePolicyDocument: aws.String(trustOfSize(t, "arn:aws:iam::000000000000:root", 200))})
	expectCode(t, "CreateRole", err, "")
	putUser := func(n int) error {
		_, err := admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("quota-user"), PolicyName: aws.String("p"), PolicyDocument: aws.String(policyOfSize(t, n))})
		return err
	}
	putRole := func(n int) error {
		_, err := admin.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("quota-role"), PolicyName: aws.String("p"), PolicyDocument: aws.String(policyOfSize(t, n))})
		return err
	}
	createPolicy := func(name string, n int) error {
		_, err := admin.iam.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String(name), PolicyDocument: aws.String(policyOfSize(t, n))})
		return err
	}
	createRole := func(name string, n int) error {
		_, err := admin.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trustOfSize(t, "arn:aws:iam::000000000000:root", n))})
		return err
	}
	updateTrust := func(n int) error {
		_, err := admin.iam.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("quota-role"), PolicyDocument: aws.String(trustOfSize(t, "arn:aws:iam::000000000000:root", n))})
		return err
	}
	for _, tc := range []struct {
		name      string
		call      func() error
		code, msg string
	}{
		{"user inline at 2048", func() error { return putUser(2048) }, "", ""},
		{"user inline at 2049", func() error { return putUser(2049) }, "LimitExceeded", "Maximum policy size of 2048 bytes exceeded for user quota-user"},
		{"role inline at 10240", func() error { return putRole(10240) }, "", ""},
		{"role inline at 10241", func() error { return putRole(10241) }, "LimitExceeded", "Maximum policy size of 10240 bytes exceeded for role quota-role"},
		{"managed at 6144", func() error { return createPolicy("at-quota", 6144) }, "", ""},
		{"managed at 6145", func() error { return createPolicy("over-quota", 6145) }, "LimitExceeded", "Cannot exceed quota for PolicySize: 6144"},
		{"trust at 2048 (CreateRole)", func() error { return createRole("trust-at-quota", 2048) }, "", ""},
		{"trust at 2049 (CreateRole)", func() error { return createRole("trust-over-quota", 2049) }, "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048"},
		{"trust at 2049 (UpdateAssumeRolePolicy)", func() error { return updateTrust(2049) }, "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			expectCode(t, tc.name, err, tc.code)
			if tc.msg != "" && errorMessage(err) != tc.msg {
				t.Errorf("message %q, want %q", errorMessage(err), tc.msg)
			}
		})
	}
}

// TestPolicyDocumentRefusals: managed policies require Version 2012-10-17 (a missing
// or 2008-10-17 version is MalformedPolicyDocument "Policy document must be version
// 2012-10-17 or greater.", as moto's test_iam_policies.py reproduces AWS), while
// inline policies may still say 2008-10-17; a trust policy that is not JSON is
// MalformedPolicyDocument "This policy contains invalid Json".
func TestPolicyDocumentRefusals(t *testing.T) {
	e := start(t, emulator.Options{})
	admin := e.admin
	const statement = `"Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]`
	_, err := admin.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("doc-user")})
	expectCode(t, "CreateUser", err, "")
	_, err = admin.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("doc-role"), AssumeRolePolicyDocument: aws.String(trustOfSize(t, "arn:aws:iam::000000000000:root", 200))})
	expectCode(t, "CreateRole", err, "")
	const version = "Policy document must be version 2012-10-17 or greater."
	const invalidJSON = "This policy contains invalid Json"
	for _, tc := range []struct {
		name      string
		call      func() error
		code, msg string
	}{
		{"managed without Version", func() error {
			_, err := admin.iam.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("no-version"), PolicyDocument: aws.String(`{` + statement + `}`)})
			return err
		}, "MalformedPolicyDocument", version},
		{"managed with 2008-10-17", func() error {
			_, err := admin.iam.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("old-version"), PolicyDocument: aws.String(`{"Version":"2008-10-17",` + statement + `}`)})
			return err
		}, "MalformedPolicyDocument", version},
		{"managed with 2012-10-17", func() error {
			_, err := admin.iam.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("current"), PolicyDocument: aws.String(`{"Version":"2012-10-17",` + statement + `}`)})
			return err
		}, "", ""},
		{"inline with 2008-10-17", func() error {
			_, err := admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("doc-user"), PolicyName: aws.String("old"), PolicyDocument: aws.String(`{"Version":"2008-10-17",` + statement + `}`)})
			return err
		}, "", ""},
		{"CreateRole trust not JSON", func() error {
			_, err := admin.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("bad-trust"), AssumeRolePolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[`)})
			return err
		}, "MalformedPolicyDocument", invalidJSON},
		{"UpdateAssumeRolePolicy trust not JSON", func() error {
			_, err := admin.iam.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("doc-role"), PolicyDocument: aws.String(`Version: 2012-10-17`)})
			return err
		}, "MalformedPolicyDocument", invalidJSON},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			expectCode(t, tc.name, err, tc.code)
			if tc.msg != "" && errorMessage(err) != tc.msg {
				t.Errorf("message %q, want %q", errorMessage(err), tc.msg)
			}
		})
	}
}
