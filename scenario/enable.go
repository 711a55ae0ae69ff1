package scenario

import (
	"context"
	"fmt"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// EnableDevice is step 4: associate the device with the user, proven by two codes from
// consecutive windows. A refused code is a *CodeError and changes nothing: ask again.
func (d *Demo) EnableDevice(ctx context.Context, code1, code2 string) (EnableResult, error) {
	var res EnableResult
	d.mu.Lock()
	serial, userArn := d.serial, d.userArn
	d.mu.Unlock()
	if err := need(userArn != "", StepEnableDevice, "CreateUser"); err != nil {
		return res, err
	}
	if err := need(serial != "", StepEnableDevice, "CreateDevice"); err != nil {
		return res, err
	}
	for i, code := range []string{code1, code2} {
		if err := d.CheckCode(code); err != nil {
			ce := err.(*CodeError)
			ce.Field, ce.Pair = i+1, true
			return res, ce
		}
	}
	if code1 == code2 {
		return res, &CodeError{Field: 2, Pair: true, Problem: CodeSame}
	}
	_, err := d.env.Clients.Operator().IAM.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{
		UserName:            awssdk.String(d.UserName()),
		SerialNumber:        awssdk.String(serial),
		AuthenticationCode1: awssdk.String(code1),
		AuthenticationCode2: awssdk.String(code2),
	})
	if errorCode(err) == "InvalidAuthenticationCode" {
		return res, &CodeError{Pair: true, Problem: CodeRejected, Err: err}
	}
	if err != nil {
		return res, fmt.Errorf("enable MFA device %s for %s: %w", serial, d.UserName(), err)
	}
	d.markUsed(code1, code2)
	d.mu.Lock()
	d.enabled = true
	d.mu.Unlock()
	return res, nil
}
