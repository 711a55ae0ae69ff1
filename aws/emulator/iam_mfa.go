package emulator

import (
	"encoding/base64"
	"net/http"
	"slices"
	"strings"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/mfa-demo/mfa-demo/aws/mfa"
)

// qrModulePixels is the width of one QR module in QRCodePNG. A whole number of pixels
// keeps every module the same size, which scanners (and gozxing) need.
const qrModulePixels = 6

// maxDevicesPerUser is IAM's quota of MFA devices assigned to one user.
const maxDevicesPerUser = 8

type xmlVirtualMFADevice struct {
	SerialNumber     string   `xml:"SerialNumber"`
	Base32StringSeed string   `xml:"Base32StringSeed,omitempty"` // base64, as Query blobs are
	QRCodePNG        string   `xml:"QRCodePNG,omitempty"`        // base64
	User             *xmlUser `xml:"User,omitempty"`
	EnableDate       string   `xml:"EnableDate,omitempty"`
	Tags             []xmlTag `xml:"Tags>member,omitempty"`
}

type createVirtualMFADeviceResult struct {
	VirtualMFADevice xmlVirtualMFADevice `xml:"VirtualMFADevice"`
}

func createVirtualMFADevice(e *Emulator, req *request) (any, *apiError) {
	name, path, tags, aerr := req.newEntity("VirtualMFADeviceName", 226)
	if aerr != nil {
		return nil, aerr
	}
	serial := e.mfaARN(path, name)
	if aerr := e.authorizeCreate(req, "iam:CreateVirtualMFADevice", "iam:TagMFADevice", serial, tags); aerr != nil {
		return nil, aerr
	}
	for _, d := range e.devices {
		if strings.EqualFold(d.name, name) {
			// AWS's wording, as CloudTrail records it for CreateVirtualMFADevice.
			return nil, errAlreadyExists("MFADevice entity at the same path and name already exists.")
		}
	}
	d := &mfaDevice{serial: serial, name: name, path: path, seed: newSeed(), created: req.now, tags: tags}
	png, err := qrcode.Encode(mfa.URI(name, e.account, d.seed), qrcode.Medium, -qrModulePixels)
	if err != nil {
		return nil, &apiError{status: http.StatusInternalServerError, code: "ServiceFailure", message: "QR code generation failed", receiver: true}
	}
	e.devices[serial] = d
	return createVirtualMFADeviceResult{VirtualMFADevice: xmlVirtualMFADevice{
		SerialNumber:     serial,
		Base32StringSeed: base64.StdEncoding.EncodeToString([]byte(d.seed)),
		QRCodePNG:        base64.StdEncoding.EncodeToString(png),
		Tags:             xmlTags(tags),
	}}, nil
}

type listVirtualMFADevicesResult struct {
	VirtualMFADevices []xmlVirtualMFADevice `xml:"VirtualMFADevices>member"`
	page
}

func listVirtualMFADevices(e *Emulator, req *request) (any, *apiError) {
	// The validation layer has held AssignmentStatus to the model's enum.
	status := req.get("AssignmentStatus")
	if status == "" {
		status = "Any"
	}
	if aerr := e.authorize(req, "iam:ListVirtualMFADevices", e.mfaARN("/", "")); aerr != nil {
		return nil, aerr
	}
	var devices []*mfaDevice
	for _, d := range e.devices {
		assigned := d.userName != ""
		if status == "Any" || (status == "Assigned") == assigned {
			devices = append(devices, d)
		}
	}
	slices.SortFunc(devices, func(a, b *mfaDevice) int { return strings.Compare(a.serial, b.serial) })
	listed, more, aerr := paginate(req, devices, func(d *mfaDevice) xmlVirtualMFADevice {
		// "This operation does not return tags, even though they are an attribute of the
		// returned object" (IAM API reference, ListVirtualMFADevices): ListMFADeviceTags has them.
		x := xmlVirtualMFADevice{SerialNumber: d.serial}
		if u, ok := e.users[d.userName]; ok {
			x.User = e.xmlUser(u, false)
			x.EnableDate = timestamp(d.enabled)
		}
		return x
	})
	if aerr != nil {
		return nil, aerr
	}
	return listVirtualMFADevicesResult{VirtualMFADevices: listed, page: more}, nil
}

// codePair reads what EnableMFADevice and ResyncMFADevice send: the SerialNumber of the
// device and AuthenticationCode1 and 2, which IAM wants as six digits.
func codePair(req *request) (serial, code1, code2 string, aerr *apiError) {
	if serial, aerr = req.required("SerialNumber"); aerr != nil {
		return "", "", "", aerr
	}
	var codes [2]string
	for i, param := range []string{"AuthenticationCode1", "AuthenticationCode2"} {
		v, aerr := req.required(param)
		if aerr != nil {
			return "", "", "", aerr
		}
		if !digitsPattern.MatchString(v) {
			return "", "", "", errValidation("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have length 6 and satisfy regular expression pattern: [\\d]+", lowerFirst(param))
		}
		codes[i] = v
	}
	return serial, codes[0], codes[1], nil
}

func errInvalidAuthenticationCode() *apiError {
	return newError(http.StatusForbidden, "InvalidAuthenticationCode", "Authentication code for device is not valid.")
}

func enableMFADevice(e *Emulator, req *request) (any, *apiError) {
	u, aerr := e.targetUser(req, "EnableMFADevice")
	if aerr != nil {
		return nil, aerr
	}
	serial, code1, code2, aerr := codePair(req)
	if aerr != nil {
		return nil, aerr
	}
	d, ok := e.devices[serial]
	if !ok {
		return nil, errNoSuchEntity("VirtualMFADevice with serial number %s doesn't exist.", serial)
	}
	if d.userName != "" {
		return nil, errAlreadyExists("MFA Device is already in use.")
	}
	if len(u.devices) >= maxDevicesPerUser {
		return nil, errLimitExceeded("Cannot exceed quota for MFADevicesPerUser: %d", maxDevicesPerUser)
	}
	if !d.acceptPair(code1, code2, req.now, signInWindow) {
		return nil, errInvalidAuthenticationCode()
	}
	d.userName = lowerName(u.name)
	d.enabled = req.now
	u.devices = append(u.devices, serial)
	return nil, nil
}

// assignedDevice finds the device with this serial among the user's devices.
func (e *Emulator) assignedDevice(u *user, serial string) (*mfaDevice, bool) {
	if !slices.Contains(u.devices, serial) {
		return nil, false
	}
	d, ok := e.devices[serial]
	return d, ok
}

// deviceOf is the device the request's SerialNumber names among the user's devices.
func (e *Emulator) deviceOf(req *request, u *user) (*mfaDevice, *apiError) {
	serial, aerr := req.required("SerialNumber")
	if aerr != nil {
		return nil, aerr
	}
	d, ok := e.assignedDevice(u, serial)
	if !ok {
		return nil, errNoSuchEntity("MFA Device with serial number %s does not exist.", serial)
	}
	return d, nil
}

func deactivateMFADevice(e *Emulator, req *request) (any, *apiError) {
	u, aerr := e.targetUser(req, "DeactivateMFADevice")
	if aerr != nil {
		return nil, aerr
	}
	d, aerr := e.deviceOf(req, u)
	if aerr != nil {
		return nil, aerr
	}
	d.userName = ""
	u.devices = slices.DeleteFunc(u.devices, func(s string) bool { return s == d.serial })
	return nil, nil
}

// resyncMFADevice reads what enableMFADevice reads but stays apart from it: it is about a
// device already assigned to the user (another NoSuchEntity), accepts codes in the wider
// resyncWindow, and starts the device's replay memory afresh.
func resyncMFADevice(e *Emulator, req *request) (any, *apiError) {
	u, aerr := e.targetUser(req, "ResyncMFADevice")
	if aerr != nil {
		return nil, aerr
	}
	serial, code1, code2, aerr := codePair(req)
	if aerr != nil {
		return nil, aerr
	}
	d, ok := e.assignedDevice(u, serial)
	if !ok {
		return nil, errNoSuchEntity("MFA Device with serial number %s does not exist.", serial)
	}
	// A resync starts the replay memory afresh: the device's clock was off, so the
	// steps remembered before may not be the ones its codes now come from.
	used := d.usedSteps
	d.usedSteps = nil
	if !d.acceptPair(code1, code2, req.now, resyncWindow) {
		d.usedSteps = used
		return nil, errInvalidAuthenticationCode()
	}
	return nil, nil
}

// targetDevice finds the virtual MFA device named by SerialNumber after authorizing action on it.
func (e *Emulator) targetDevice(req *request, action string) (*mfaDevice, *apiError) {
	serial, aerr := req.required("SerialNumber")
	if aerr != nil {
		return nil, aerr
	}
	d, ok := e.devices[serial]
	if aerr := e.authorizeTarget(req, action, serial, ok, "VirtualMFADevice with serial number %s doesn't exist.", serial); aerr != nil {
		return nil, aerr
	}
	return d, nil
}

func deleteVirtualMFADevice(e *Emulator, req *request) (any, *apiError) {
	d, aerr := e.targetDevice(req, "DeleteVirtualMFADevice")
	if aerr != nil {
		return nil, aerr
	}
	if d.userName != "" {
		return nil, errDeleteConflict("You must deactivate a user's virtual MFA device before you can delete it.")
	}
	delete(e.devices, d.serial)
	return nil, nil
}

type xmlMFADevice struct {
	UserName     string `xml:"UserName"`
	SerialNumber string `xml:"SerialNumber"`
	EnableDate   string `xml:"EnableDate"`
}

type listMFADevicesResult struct {
	MFADevices []xmlMFADevice `xml:"MFADevices>member"`
	page
}

func listMFADevices(e *Emulator, req *request) (any, *apiError) {
	u, aerr := e.targetUserOrCaller(req, "ListMFADevices")
	if aerr != nil {
		return nil, aerr
	}
	// A user's devices are always in e.devices: a device cannot be deleted while assigned.
	listed, more, aerr := paginate(req, u.devices, func(serial string) xmlMFADevice {
		return xmlMFADevice{UserName: u.name, SerialNumber: serial, EnableDate: timestamp(e.devices[serial].enabled)}
	})
	if aerr != nil {
		return nil, aerr
	}
	return listMFADevicesResult{MFADevices: listed, page: more}, nil
}
