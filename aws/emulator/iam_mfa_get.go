package emulator

// getMFADeviceResult is GetMFADevice's answer (IAM API reference, GetMFADevice; botocore
// iam service model, GetMFADeviceResponse: UserName, SerialNumber, EnableDate and, for
// FIDO security keys only, Certifications).
type getMFADeviceResult struct {
	UserName     string `xml:"UserName"`
	SerialNumber string `xml:"SerialNumber"`
	EnableDate   string `xml:"EnableDate"`
}

// getMFADevice describes a device assigned to the user (the caller without UserName),
// authorized as iam:GetMFADevice on the user, like the other user MFA actions.
func getMFADevice(e *Emulator, req *request) (any, *apiError) {
	u, aerr := e.targetUserOrCaller(req, "GetMFADevice")
	if aerr != nil {
		return nil, aerr
	}
	d, aerr := e.deviceOf(req, u)
	if aerr != nil {
		return nil, aerr
	}
	return getMFADeviceResult{UserName: u.name, SerialNumber: d.serial, EnableDate: timestamp(d.enabled)}, nil
}
