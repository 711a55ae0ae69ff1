package emulator_test

import (
	"bytes"
	"encoding/base32"
	"image/png"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
)

// mfaPolicy is the inline policy of the session-token scenario.
const mfaPolicy = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "s3:ListAllMyBuckets",
    "Resource": "arn:aws:s3:::*",
    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": true}}
  }]
}`

// decodeQR reads the text of a QR code PNG.
func decodeQR(t *testing.T, pngBytes []byte) string {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(pngBytes))
	if err != nil {
		t.Fatalf("QRCodePNG is not a PNG: %v", err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatalf("QR bitmap: %v", err)
	}
	// The image is a rendered code, not a photo: PURE_BARCODE skips finder-pattern
	// detection, which misreads some rendered codes in gozxing.
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true})
	if err != nil {
		t.Fatalf("decode QR: %v", err)
	}
	return res.GetText()
}

// TestLessonPath walks the session-token scenario end to end: a user, a device found
// through its QR code, enabling it with two codes, a key, the MFA-conditional policy,
// the denied listing without MFA and the allowed one with MFA, and the teardown with
// every DeleteConflict on the way.
func TestLessonPath(t *testing.T) {
	e := start(t, emulator.Options{})
	admin := e.admin
	const acct = "000000000000"

	// 0. Who am I: the operator is an IAM user, not root.
	who, err := admin.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	expectCode(t, "admin GetCallerIdentity", err, "")
	if got := aws.ToString(who.Arn); got != "arn:aws:iam::"+acct+":user/admin" {
		t.Fatalf("admin ARN %q", got)
	}

	// 1. The user.
	cu, err := admin.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("trainee"), Path: aws.String("/mfa-demo/"),
		Tags: []iamtypes.Tag{{Key: aws.String("purpose"), Value: aws.String("mfa-demo")}}})
	expectCode(t, "CreateUser", err, "")
	userARN := "arn:aws:iam::" + acct + ":user/mfa-demo/trainee"
	if got := aws.ToString(cu.User.Arn); got != userARN {
		t.Fatalf("user ARN %q, want %q", got, userARN)
	}

	// 2–3. The device, and the URI its QR code carries.
	dev, err := admin.iam.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{
		VirtualMFADeviceName: aws.String("trainee-phone"), Path: aws.String("/mfa-demo/")})
	expectCode(t, "CreateVirtualMFADevice", err, "")
	serial := aws.ToString(dev.VirtualMFADevice.SerialNumber)
	if serial != "arn:aws:iam::"+acct+":mfa/mfa-demo/trainee-phone" {
		t.Fatalf("serial %q", serial)
	}
	seed := string(dev.VirtualMFADevice.Base32StringSeed)
	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(seed)
	if err != nil || len(raw) != 20 {
		t.Fatalf("seed %q is not 160 bits of unpadded base32 (%d bytes, %v)", seed, len(raw), err)
	}
	if got, want := decodeQR(t, dev.VirtualMFADevice.QRCodePNG), "otpauth://totp/trainee-phone@"+acct+"?secret="+seed; got != want {
		t.Fatalf("QR encodes %q, want %q", got, want)
	}

	// 4. Enable with the previous and the current code.
	_, err = admin.iam.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String("trainee"), SerialNumber: aws.String(serial),
		AuthenticationCode1: aws.String(e.clock.code(t, seed, -1)), AuthenticationCode2: aws.String(e.clock.code(t, seed, 0))})
	expectCode(t, "EnableMFADevice", err, "")

	// 5–6. The user's key works at once.
	key, err := admin.iam.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("trainee")})
	expectCode(t, "CreateAccessKey", err, "")
	keyID := aws.ToString(key.AccessKey.AccessKeyId)
	trainee := e.clientsFor(keyID, aws.ToString(key.AccessKey.SecretAccessKey), "")
	who, err = trainee.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	expectCode(t, "trainee GetCallerIdentity", err, "")
	if aws.ToString(who.Arn) != userARN || aws.ToString(who.UserId) != aws.ToString(cu.User.UserId) {
		t.Fatalf("trainee identity %q/%q", aws.ToString(who.Arn), aws.ToString(who.UserId))
	}

	// 7. The MFA-conditional policy.
	_, err = admin.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("trainee"), PolicyName: aws.String("list-buckets-with-mfa"), PolicyDocument: aws.String(mfaPolicy)})
	expectCode(t, "PutUserPolicy", err, "")

	// 8. Without MFA: the long-term key and the session without MFA are both refused.
	_, err = trainee.s3.ListBuckets(ctx, &s3.ListBucketsInput{})
	expectError(t, "ListBuckets with the long-term key", err, "AccessDenied", "User: "+userARN+" is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action")
	plain, err := trainee.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{})
	expectCode(t, "GetSessionToken without MFA", err, "")
	if id := aws.ToString(plain.Credentials.AccessKeyId); len(id) != 20 || id[:4] != "ASIA" {
		t.Fatalf("session key ID %q, want ASIA…", id)
	}
	noMFA := e.clientsFor(aws.ToString(plain.Credentials.AccessKeyId), aws.ToString(plain.Credentials.SecretAccessKey), aws.ToString(plain.Credentials.SessionToken))
	_, err = noMFA.s3.ListBuckets(ctx, &s3.ListBucketsInput{})
	expectError(t, "ListBuckets without MFA", err, "AccessDenied", "User: "+userARN+" is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action")

	// 9. With MFA, one step later (the steps used to enable are spent).
	e.clock.Advance(30e9)
	code := e.clock.code(t, seed, 0)
	withMFA, err := trainee.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{SerialNumber: aws.String(serial), TokenCode: aws.String(code)})
	expectCode(t, "GetSessionToken with MFA", err, "")
	mfa := e.clientsFor(aws.ToString(withMFA.Credentials.AccessKeyId), aws.ToString(withMFA.Credentials.SecretAccessKey), aws.ToString(withMFA.Credentials.SessionToken))
	buckets, err := mfa.s3.ListBuckets(ctx, &s3.ListBucketsInput{})
	expectCode(t, "ListBuckets with MFA", err, "")
	var names []string
	for _, b := range buckets.Buckets {
		names = append(names, aws.ToString(b.Name))
	}
	want := slices.Sorted(slices.Values(emulator.DefaultBuckets))
	if !slices.Equal(names, want) {
		t.Fatalf("buckets %v, want %v", names, want)
	}
	who, err = mfa.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	expectCode(t, "MFA session GetCallerIdentity", err, "")
	if aws.ToString(who.Arn) != userARN {
		t.Fatalf("MFA session identity %q, want %q", aws.ToString(who.Arn), userARN)
	}

	// The same code again is a replay.
	_, err = trainee.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{SerialNumber: aws.String(serial), TokenCode: aws.String(code)})
	expectError(t, "replayed code", err, "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code.")

	// 10. Teardown, meeting each dependent in turn.
	deleteUser := func() error {
		_, err := admin.iam.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("trainee")})
		return err
	}
	expectError(t, "DeleteUser with a policy", deleteUser(), "DeleteConflict", "Cannot delete entity, must detach all policies first.")
	_, err = admin.iam.DeleteUserPolicy(ctx, &iam.DeleteUserPolicyInput{UserName: aws.String("trainee"), PolicyName: aws.String("list-buckets-with-mfa")})
	expectCode(t, "DeleteUserPolicy", err, "")
	expectError(t, "DeleteUser with a key", deleteUser(), "DeleteConflict", "Cannot delete entity, must delete access keys first.")
	_, err = admin.iam.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String("trainee"), AccessKeyId: aws.String(keyID)})
	expectCode(t, "DeleteAccessKey", err, "")
	_, err = admin.iam.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String(serial)})
	expectError(t, "DeleteVirtualMFADevice while assigned", err, "DeleteConflict", "You must deactivate a user's virtual MFA device before you can delete it.")
	expectError(t, "DeleteUser with a device", deleteUser(), "DeleteConflict", "Cannot delete entity, must deactivate MFA devices first.")
	_, err = admin.iam.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{UserName: aws.String("trainee"), SerialNumber: aws.String(serial)})
	expectCode(t, "DeactivateMFADevice", err, "")
	_, err = admin.iam.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String(serial)})
	expectCode(t, "DeleteVirtualMFADevice", err, "")
	expectCode(t, "DeleteUser", deleteUser(), "")
	_, err = admin.iam.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("trainee")})
	expectError(t, "GetUser after teardown", err, "NoSuchEntity", "The user with name trainee cannot be found.")
	_, err = trainee.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	expectCode(t, "deleted key", err, "InvalidClientTokenId")
}
