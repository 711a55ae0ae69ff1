package emulator_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/aws/mfa"
)

// TestConcurrentLessons runs several trainees' lesson paths at once against one
// emulator, with readers listing alongside; run under -race.
func TestConcurrentLessons(t *testing.T) {
	e := start(t, emulator.Options{})
	const trainees = 6
	var wg sync.WaitGroup
	errs := make(chan error, trainees*4)
	for i := range trainees {
		wg.Go(func() {
			if err := e.lesson(fmt.Sprintf("concurrent-%d", i)); err != nil {
				errs <- err
			}
		})
		wg.Go(func() {
			for range 20 {
				if _, err := e.admin.iam.ListUsers(ctx, &iam.ListUsersInput{}); err != nil {
					errs <- fmt.Errorf("ListUsers: %w", err)
					return
				}
				if _, err := e.admin.s3.ListBuckets(ctx, &s3.ListBucketsInput{}); err != nil {
					errs <- fmt.Errorf("ListBuckets: %w", err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	out, err := e.admin.iam.ListUsers(ctx, &iam.ListUsersInput{PathPrefix: aws.String("/mfa-demo/")})
	expectCode(t, "ListUsers after the lessons", err, "")
	if len(out.Users) != 0 {
		t.Fatalf("%d users left after every teardown", len(out.Users))
	}
}

// lesson is the scenario's path for one trainee, returning the first unexpected
// outcome. It runs off the test goroutine, so it reports rather than fails, and it
// leaves the shared clock alone: enabling spends steps −1 and 0, signing in step +1.
func (e *env) lesson(name string) error {
	admin := e.admin.iam
	var serial, seed, keyID string
	var user clients
	code := func(step int) string {
		c, _ := mfa.CodeAt(seed, mfa.Step(e.clock.Now())+int64(step))
		return c
	}
	steps := []struct {
		what string
		call func() error
		want string
	}{
		{"CreateUser", func() error {
			_, err := admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name), Path: aws.String("/mfa-demo/")})
			return err
		}, ""},
		{"CreateVirtualMFADevice", func() error {
			out, err := admin.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String(name)})
			if err == nil {
				serial, seed = aws.ToString(out.VirtualMFADevice.SerialNumber), string(out.VirtualMFADevice.Base32StringSeed)
			}
			return err
		}, ""},
		{"EnableMFADevice", func() error {
			_, err := admin.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String(name), SerialNumber: aws.String(serial),
				AuthenticationCode1: aws.String(code(-1)), AuthenticationCode2: aws.String(code(0))})
			return err
		}, ""},
		{"CreateAccessKey", func() error {
			out, err := admin.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(name)})
			if err == nil {
				keyID = aws.ToString(out.AccessKey.AccessKeyId)
				user = e.clientsFor(keyID, aws.ToString(out.AccessKey.SecretAccessKey), "")
			}
			return err
		}, ""},
		{"PutUserPolicy", func() error {
			_, err := admin.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(name), PolicyName: aws.String("p"), PolicyDocument: aws.String(mfaPolicy)})
			return err
		}, ""},
		{"ListBuckets without MFA", func() error { return listBuckets(user) }, "AccessDenied"},
		{"ListBuckets with MFA", func() error {
			out, err := user.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{SerialNumber: aws.String(serial), TokenCode: aws.String(code(1))})
			if err != nil {
				return err
			}
			return listBuckets(e.clientsFor(aws.ToString(out.Credentials.AccessKeyId), aws.ToString(out.Credentials.SecretAccessKey), aws.ToString(out.Credentials.SessionToken)))
		}, ""},
		{"DeleteUserPolicy", func() error {
			_, err := admin.DeleteUserPolicy(ctx, &iam.DeleteUserPolicyInput{UserName: aws.String(name), PolicyName: aws.String("p")})
			return err
		}, ""},
		{"DeleteAccessKey", func() error {
			_, err := admin.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String(name), AccessKeyId: aws.String(keyID)})
			return err
		}, ""},
		{"DeactivateMFADevice", func() error {
			_, err := admin.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{UserName: aws.String(name), SerialNumber: aws.String(serial)})
			return err
		}, ""},
		{"DeleteVirtualMFADevice", func() error {
			_, err := admin.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String(serial)})
			return err
		}, ""},
		{"DeleteUser", func() error {
			_, err := admin.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String(name)})
			return err
		}, ""},
	}
	for _, s := range steps {
		if err := s.call(); errorCode(err) != s.want {
			return fmt.Errorf("%s %s: %q (%v), want %q", name, s.what, errorCode(err), err, s.want)
		}
	}
	return nil
}
