package emulator

// iamActions are the IAM actions this emulator serves; any other answers InvalidAction.
var iamActions = map[string]queryAction{
	"CreateUser":             createUser,
	"GetUser":                getUser,
	"ListUsers":              listUsers,
	"DeleteUser":             deleteUser,
	"TagUser":                tagUser,
	"UntagUser":              untagUser,
	"ListUserTags":           listUserTags,
	"CreateVirtualMFADevice": createVirtualMFADevice,
	"ListVirtualMFADevices":  listVirtualMFADevices,
	"EnableMFADevice":        enableMFADevice,
	"ListMFADevices":         listMFADevices,
	"DeactivateMFADevice":    deactivateMFADevice,
	"DeleteVirtualMFADevice": deleteVirtualMFADevice,
	"ResyncMFADevice":        resyncMFADevice,
	"CreateAccessKey":        createAccessKey,
	"ListAccessKeys":         listAccessKeys,
	"DeleteAccessKey":        deleteAccessKey,
	"PutUserPolicy":          putUserPolicy,
	"GetUserPolicy":          getUserPolicy,
	"ListUserPolicies":       listUserPolicies,
	"DeleteUserPolicy":       deleteUserPolicy,
}

// stsActions are the STS actions this emulator serves.
var stsActions = map[string]queryAction{
	"GetCallerIdentity": getCallerIdentity,
	"GetSessionToken":   getSessionToken,
	"AssumeRole":        assumeRole,
}
