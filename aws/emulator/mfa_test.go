package emulator_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// newDevice creates a user and an unassigned device for it.
func (e *env) newDevice(t *testing.T, name string) (serial, seed string) {
	t.Helper()
	_, err := e.admin.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)})
	expectCode(t, "CreateUser", err, "")
	dev, err := e.admin.iam.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String(name)})
	expectCode(t, "CreateVirtualMFADevice", err, "")
	return aws.ToString(dev.VirtualMFADevice.SerialNumber), string(dev.VirtualMFADevice.Base32StringSeed)
}

func (e *env) enable(user, serial, code1, code2 string) error {
	_, err := e.admin.iam.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String(user), SerialNumber: aws.String(serial),
		AuthenticationCode1: aws.String(code1), AuthenticationCode2: aws.String(code2)})
	return err
}

// TestEnableMFADevice: two codes from consecutive steps s and s+1, both within ±1 step.
func TestEnableMFADevice(t *testing.T) {
	e := start(t, emulator.Options{})
	step := func(n int) func(*clock, *testing.T, string) string {
		return func(c *clock, t *testing.T, seed string) string { return c.code(t, seed, n) }
	}
	literal := func(s string) func(*clock, *testing.T, string) string {
		return func(*clock, *testing.T, string) string { return s }
	}
	wrong := func(n int) func(*clock, *testing.T, string) string {
		return func(c *clock, t *testing.T, seed string) string { return wrongCode(c.code(t, seed, n)) }
	}
	cases := []struct {
		name         string
		code1, code2 func(*clock, *testing.T, string) string
		want         string
	}{
		{"previous and current step", step(-1), step(0), ""},
		{"current and next step", step(0), step(1), ""},
		{"next and the one after (out of window)", step(1), step(2), "InvalidAuthenticationCode"},
		{"two and one steps back (out of window)", step(-2), step(-1), "InvalidAuthenticationCode"},
		{"the same code twice", step(0), step(0), "InvalidAuthenticationCode"},
		{"consecutive but in reverse order", step(0), step(-1), "InvalidAuthenticationCode"},
		{"first code wrong", wrong(-1), step(0), "InvalidAuthenticationCode"},
		{"second code wrong", step(-1), wrong(0), "InvalidAuthenticationCode"},
		{"five digits", literal("12345"), step(0), "ValidationError"},
		{"not digits", step(-1), literal("12a456"), "ValidationError"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			user := fmt.Sprintf("enable-%d", i)
			serial, seed := e.newDevice(t, user)
			err := e.enable(user, serial, tc.code1(e.clock, t, seed), tc.code2(e.clock, t, seed))
			expectCode(t, "EnableMFADevice", err, tc.want)
			if tc.want == "InvalidAuthenticationCode" && errorMessage(err) != "Authentication code for device is not valid." {
				t.Errorf("message %q", errorMessage(err))
			}
		})
	}

	t.Run("device rules", func(t *testing.T) {
		serial, seed := e.newDevice(t, "owner")
		expectCode(t, "enable", e.enable("owner", serial, e.clock.code(t, seed, -1), e.clock.code(t, seed, 0)), "")
		_, err := e.admin.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("other")})
		expectCode(t, "CreateUser", err, "")
		expectError(t, "device of another user", e.enable("other", serial, e.clock.code(t, seed, 0), e.clock.code(t, seed, 1)),
			"EntityAlreadyExists", "MFA Device is already in use.")
		expectCode(t, "unknown serial", e.enable("other", serial+"-nope", e.clock.code(t, seed, 0), e.clock.code(t, seed, 1)), "NoSuchEntity")
		expectCode(t, "unknown user", e.enable("nobody", serial, e.clock.code(t, seed, 0), e.clock.code(t, seed, 1)), "NoSuchEntity")

		// A duplicate name is refused and leaves the seed as it was.
		_, err = e.admin.iam.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("OWNER")})
		expectError(t, "duplicate device", err, "EntityAlreadyExists", "MFADevice entity at the same path and name already exists.")

		// Deactivated and enabled again: the steps already accepted stay spent.
		_, err = e.admin.iam.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{UserName: aws.String("owner"), SerialNumber: aws.String(serial)})
		expectCode(t, "DeactivateMFADevice", err, "")
		_, err = e.admin.iam.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{UserName: aws.String("owner"), SerialNumber: aws.String(serial)})
		expectCode(t, "DeactivateMFADevice again", err, "NoSuchEntity")
		expectCode(t, "re-enable with replayed codes", e.enable("owner", serial, e.clock.code(t, seed, -1), e.clock.code(t, seed, 0)), "InvalidAuthenticationCode")
		e.clock.Advance(60 * time.Second)
		expectCode(t, "re-enable with fresh codes (original seed)", e.enable("owner", serial, e.clock.code(t, seed, -1), e.clock.code(t, seed, 0)), "")
	})
}

// TestMFACodeAtSignIn: GetSessionToken's code is accepted within ±1 step, once.
func TestMFACodeAtSignIn(t *testing.T) {
	e := start(t, emulator.Options{})
	other := e.newTrainee(t, "someone-else")
	unassigned, _ := e.newDevice(t, "spare")
	cases := []struct {
		name   string
		serial func(tr trainee) string
		code   func(tr trainee) string
		want   string
		msg    string
	}{
		{"current step", own, at(e, t, 0), "", ""},
		{"previous step", own, at(e, t, -1), "", ""},
		{"next step", own, at(e, t, 1), "", ""},
		{"two steps back", own, at(e, t, -2), "AccessDenied", invalidCode},
		{"two steps ahead", own, at(e, t, 2), "AccessDenied", invalidCode},
		{"wrong code", own, func(tr trainee) string { return wrongCode(e.clock.code(t, tr.seed, 0)) }, "AccessDenied", invalidCode},
		{"serial is the user ARN", func(tr trainee) string { return tr.arn }, at(e, t, 0), "AccessDenied", unableToValidate},
		{"another user's device", func(trainee) string { return other.serial }, func(trainee) string { return e.clock.code(t, other.seed, 0) }, "AccessDenied", unableToValidate},
		{"an unassigned device", func(trainee) string { return unassigned }, at(e, t, 0), "AccessDenied", unableToValidate},
		{"code not digits", own, func(trainee) string { return "12a456" }, "ValidationError", ""},
		{"serial without code", own, func(trainee) string { return "" }, "AccessDenied", bothNeeded},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr := e.newTrainee(t, fmt.Sprintf("signin-%d", i))
			// An empty code is left out, as a client without one sends none.
			_, err := tr.clients.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{SerialNumber: aws.String(tc.serial(tr)), TokenCode: optional(tc.code(tr))})
			expectCode(t, "GetSessionToken", err, tc.want)
			if tc.msg != "" && errorMessage(err) != tc.msg {
				t.Errorf("message %q, want %q", errorMessage(err), tc.msg)
			}
		})
	}

	t.Run("replay", func(t *testing.T) {
		tr := e.newTrainee(t, "replayer")
		for _, c := range []struct {
			step int
			want string
		}{{0, ""}, {0, "AccessDenied"}, {-1, ""}, {-1, "AccessDenied"}, {1, ""}} {
			_, err := tr.clients.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{SerialNumber: aws.String(tr.serial), TokenCode: aws.String(e.clock.code(t, tr.seed, c.step))})
			expectCode(t, fmt.Sprintf("code of step %+d", c.step), err, c.want)
		}
	})

	t.Run("resync", func(t *testing.T) {
		tr := e.newTrainee(t, "drifter")
		resync := func(a, b int) error {
			_, err := e.admin.iam.ResyncMFADevice(ctx, &iam.ResyncMFADeviceInput{UserName: aws.String(tr.name), SerialNumber: aws.String(tr.serial),
				AuthenticationCode1: aws.String(e.clock.code(t, tr.seed, a)), AuthenticationCode2: aws.String(e.clock.code(t, tr.seed, b))})
			return err
		}
		expectCode(t, "resync with a device 12 steps slow", resync(-12, -11), "InvalidAuthenticationCode")
		expectCode(t, "resync with codes out of order", resync(-5, -6), "InvalidAuthenticationCode")
		expectCode(t, "resync with a device 6 steps slow", resync(-6, -5), "")
		expectCode(t, "resync replayed", resync(-6, -5), "")
		_, err := tr.clients.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{SerialNumber: aws.String(tr.serial), TokenCode: aws.String(e.clock.code(t, tr.seed, 0))})
		expectCode(t, "sign in after resync", err, "")
	})
}

const (
	invalidCode      = "MultiFactorAuthentication failed with invalid MFA one time pass code."
	unableToValidate = "MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user."
	bothNeeded       = "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code."
)

func own(tr trainee) string { return tr.serial }

func at(e *env, t *testing.T, step int) func(trainee) string {
	return func(tr trainee) string { return e.clock.code(t, tr.seed, step) }
}

// TestListMFA covers the listings the teardown and the cleanup sweep read.
func TestListMFA(t *testing.T) {
	e := start(t, emulator.Options{})
	tr := e.newTrainee(t, "lister")
	spare, _ := e.newDevice(t, "spare")
	for _, tc := range []struct {
		status iamtypes.AssignmentStatusType
		want   []string
	}{
		{iamtypes.AssignmentStatusTypeAssigned, []string{tr.serial}},
		{iamtypes.AssignmentStatusTypeUnassigned, []string{spare}},
		{iamtypes.AssignmentStatusTypeAny, []string{tr.serial, spare}}, // by serial number
	} {
		out, err := e.admin.iam.ListVirtualMFADevices(ctx, &iam.ListVirtualMFADevicesInput{AssignmentStatus: tc.status})
		expectCode(t, "ListVirtualMFADevices", err, "")
		var got []string
		for _, d := range out.VirtualMFADevices {
			got = append(got, aws.ToString(d.SerialNumber))
			if len(d.Base32StringSeed) != 0 || len(d.QRCodePNG) != 0 {
				t.Errorf("%s: listing reveals the seed", tc.status)
			}
			if (aws.ToString(d.SerialNumber) == tr.serial) != (d.User != nil && aws.ToString(d.User.UserName) == tr.name) {
				t.Errorf("%s: device %s user %+v", tc.status, aws.ToString(d.SerialNumber), d.User)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: %v, want %v", tc.status, got, tc.want)
		}
	}
	_, err := tr.clients.iam.ListMFADevices(ctx, &iam.ListMFADevicesInput{})
	expectCode(t, "ListMFADevices as the user, without permission", err, "AccessDenied")
	out, err := e.admin.iam.ListMFADevices(ctx, &iam.ListMFADevicesInput{UserName: aws.String(tr.name)})
	expectCode(t, "ListMFADevices", err, "")
	if len(out.MFADevices) != 1 || aws.ToString(out.MFADevices[0].SerialNumber) != tr.serial || aws.ToString(out.MFADevices[0].UserName) != tr.name {
		t.Fatalf("ListMFADevices %+v", out.MFADevices)
	}
}
