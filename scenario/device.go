package scenario

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/mfa-demo/mfa-demo/aws/mfa"
)

// CreateDevice is step 2 (and the material of step 3): a virtual MFA device whose seed and
// otpauth URI an authenticator app scans.
func (d *Demo) CreateDevice(ctx context.Context) (DeviceResult, error) {
	name := d.DeviceName()
	res := DeviceResult{Name: name}
	d.mu.Lock()
	account := d.account
	d.mu.Unlock()
	// Teardown must find the device even if the create's answer is lost, which needs the
	// account to spell its serial.
	if err := need(account != "", StepCreateDevice, "WhoAmI"); err != nil {
		return res, err
	}
	if err := d.intend(resDevice, name); err != nil {
		return res, err
	}
	out, err := d.env.Clients.Operator().IAM.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{
		VirtualMFADeviceName: awssdk.String(name),
		Path:                 awssdk.String(Path),
		Tags:                 d.tags(),
	})
	if err != nil {
		return res, fmt.Errorf("create virtual MFA device %s: %w", name, err)
	}
	dev := out.VirtualMFADevice
	res.Serial = awssdk.ToString(dev.SerialNumber)
	res.Seed = string(dev.Base32StringSeed)
	res.QRPNG = dev.QRCodePNG
	// The short form AWS puts in its QR code: longer URIs do not fit a terminal as a QR.
	res.URI = mfa.URI(name, account, res.Seed)
	d.mu.Lock()
	d.serial = res.Serial
	d.seed = res.Seed
	d.mu.Unlock()
	d.created(resDevice, name, res.Serial)
	return res, nil
}

// predictedSerial is the serial AWS gives the demo's device: arn:PARTITION:iam::ACCOUNT:mfa/PATH+NAME.
func (d *Demo) predictedSerial() string { return d.predictedArn(&d.serial, "mfa", d.DeviceName()) }

// predictedArn is the ARN of a demo resource of an IAM type ("mfa", "policy"): the one AWS
// answered (*known), or the one it gives, while its answer is unknown.
func (d *Demo) predictedArn(known *string, typ, name string) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	if *known != "" {
		return *known
	}
	if d.account == "" {
		return ""
	}
	return iamArn(d.partition, d.account, typ, name)
}

// iamArn is arn:PARTITION:iam::ACCOUNT:TYPE/PATH+NAME for a resource under the demo's Path.
func iamArn(partition, account, typ, name string) string {
	return fmt.Sprintf("arn:%s:iam::%s:%s%s%s", partition, account, typ, Path, name)
}

// qrSuffix ends the name of a saved QR PNG, after the device's name; cleanup finds them by it.
const qrSuffix = "-qr.png"

// SaveQRPNG writes the device's QR code PNG into dir, readable by the trainee only (it holds
// the seed), for a trainee who scans it from an image viewer. The name carries the device
// name so two runs never share a file; teardown removes it.
func (d *Demo) SaveQRPNG(dir string, png []byte) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create %s: %w", dir, err)
	}
	path := filepath.Join(dir, d.DeviceName()+qrSuffix)
	if err := os.WriteFile(path, png, 0o600); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	// WriteFile keeps the mode of a file that already exists.
	if err := os.Chmod(path, 0o600); err != nil {
		return "", fmt.Errorf("chmod %s: %w", path, err)
	}
	d.mu.Lock()
	d.qrFile = path
	d.mu.Unlock()
	return path, nil
}

// removeQRPNG removes the PNG SaveQRPNG wrote, if any; it returns the path and the error.
func (d *Demo) removeQRPNG() (string, error) {
	d.mu.Lock()
	path := d.qrFile
	d.mu.Unlock()
	if path == "" {
		return "", nil
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return path, err
	}
	d.mu.Lock()
	d.qrFile = ""
	d.mu.Unlock()
	return path, nil
}
