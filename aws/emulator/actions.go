package emulator

// iamActions are the IAM actions this emulator serves; any other answers InvalidAction.
// Each handler authorizes the action on the entity it is about before it looks further
// (authorizeTarget). The handlers shared by several kinds of entity are built here from
// the function that finds the entity: tags in iam_tags.go, inline policies in
// iam_inline.go, attached policies in iam_managed.go.
var iamActions = map[string]queryAction{
	// Users (iam_users.go) and their access keys (iam_keys.go).
	"CreateUser":               createUser,
	"GetUser":                  getUser,
	"ListUsers":                listUsers,
	"DeleteUser":               deleteUser,
	"TagUser":                  tagEntity((*Emulator).targetUser),
	"UntagUser":                untagEntity((*Emulator).targetUser),
	"ListUserTags":             listEntityTags((*Emulator).targetUser),
	"CreateAccessKey":          createAccessKey,
	"ListAccessKeys":           listAccessKeys,
	"DeleteAccessKey":          deleteAccessKey,
	"PutUserPolicy":            putInlinePolicy((*Emulator).targetUser),
	"GetUserPolicy":            getInlinePolicy((*Emulator).targetUser),
	"ListUserPolicies":         listInlinePolicies((*Emulator).targetUser),
	"DeleteUserPolicy":         deleteInlinePolicy((*Emulator).targetUser),
	"AttachUserPolicy":         attachPolicy((*Emulator).targetUser),
	"DetachUserPolicy":         detachPolicy((*Emulator).targetUser),
	"ListAttachedUserPolicies": listAttachedPolicies((*Emulator).targetUser),

	// Virtual MFA devices (iam_mfa.go; codes in totp.go).
	"CreateVirtualMFADevice": createVirtualMFADevice,
	"ListVirtualMFADevices":  listVirtualMFADevices,
	"EnableMFADevice":        enableMFADevice,
	"ListMFADevices":         listMFADevices,
	"GetMFADevice":           getMFADevice, // iam_mfa_get.go
	"DeactivateMFADevice":    deactivateMFADevice,
	"DeleteVirtualMFADevice": deleteVirtualMFADevice,
	"ResyncMFADevice":        resyncMFADevice,
	"TagMFADevice":           tagEntity((*Emulator).targetDevice),
	"UntagMFADevice":         untagEntity((*Emulator).targetDevice),
	"ListMFADeviceTags":      listEntityTags((*Emulator).targetDevice), // how a cleanup sweep proves a device is the demo's own

	// Groups (iam_groups.go); their policies count for their members.
	"CreateGroup":               createGroup,
	"GetGroup":                  getGroup,
	"ListGroups":                listGroups,
	"DeleteGroup":               deleteGroup,
	"AddUserToGroup":            addUserToGroup,
	"RemoveUserFromGroup":       removeUserFromGroup,
	"ListGroupsForUser":         listGroupsForUser,
	"PutGroupPolicy":            putInlinePolicy((*Emulator).targetGroup),
	"GetGroupPolicy":            getInlinePolicy((*Emulator).targetGroup),
	"DeleteGroupPolicy":         deleteInlinePolicy((*Emulator).targetGroup),
	"ListGroupPolicies":         listInlinePolicies((*Emulator).targetGroup),
	"AttachGroupPolicy":         attachPolicy((*Emulator).targetGroup),
	"DetachGroupPolicy":         detachPolicy((*Emulator).targetGroup),
	"ListAttachedGroupPolicies": listAttachedPolicies((*Emulator).targetGroup),

	// Roles (iam_roles.go).
	"CreateRole":               createRole,
	"GetRole":                  getRole,
	"ListRoles":                listRoles,
	"DeleteRole":               deleteRole,
	"UpdateAssumeRolePolicy":   updateAssumeRolePolicy,
	"PutRolePolicy":            putInlinePolicy((*Emulator).targetRole),
	"GetRolePolicy":            getInlinePolicy((*Emulator).targetRole),
	"DeleteRolePolicy":         deleteInlinePolicy((*Emulator).targetRole),
	"ListRolePolicies":         listInlinePolicies((*Emulator).targetRole),
	"AttachRolePolicy":         attachPolicy((*Emulator).targetRole),
	"DetachRolePolicy":         detachPolicy((*Emulator).targetRole),
	"ListAttachedRolePolicies": listAttachedPolicies((*Emulator).targetRole),
	"TagRole":                  tagEntity((*Emulator).targetRole),
	"UntagRole":                untagEntity((*Emulator).targetRole),
	"ListRoleTags":             listEntityTags((*Emulator).targetRole),

	// Customer managed policies (iam_managed.go) and the simulator (iam_simulate.go).
	"CreatePolicy":            createPolicy,
	"GetPolicy":               getPolicy,
	"GetPolicyVersion":        getPolicyVersion,
	"DeletePolicy":            deletePolicy,
	"ListPolicies":            listPolicies,
	"ListPolicyTags":          listEntityTags((*Emulator).targetPolicy),
	"SimulatePrincipalPolicy": simulatePrincipalPolicy,

	// Identity providers for web identity and SAML federation (iam_providers.go).
	"CreateOpenIDConnectProvider": createOpenIDConnectProvider,
	"GetOpenIDConnectProvider":    getOpenIDConnectProvider,
	"ListOpenIDConnectProviders":  listOpenIDConnectProviders,
	"DeleteOpenIDConnectProvider": deleteOpenIDConnectProvider,
	"CreateSAMLProvider":          createSAMLProvider,
	"GetSAMLProvider":             getSAMLProvider,
	"ListSAMLProviders":           listSAMLProviders,
	"DeleteSAMLProvider":          deleteSAMLProvider,
}

// stsActions are the STS actions this emulator serves (sts.go); any other answers
// InvalidAction.
var stsActions = map[string]queryAction{
	"GetCallerIdentity": getCallerIdentity,
	"GetSessionToken":   getSessionToken,
	"AssumeRole":        assumeRole,

	// sts_federation.go
	"GetFederationToken": getFederationToken,
	"GetAccessKeyInfo":   getAccessKeyInfo,

	"DecodeAuthorizationMessage": decodeAuthorizationMessage,

	// Served unsigned too (sts_unsigned.go); a signature, when sent, changes nothing.
	"AssumeRoleWithWebIdentity": assumeRoleWithWebIdentity,
	"AssumeRoleWithSAML":        assumeRoleWithSAML,
}
