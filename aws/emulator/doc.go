// Package emulator is a small in-memory AWS endpoint that serves the IAM, STS and S3
// calls of the MFA demo with AWS's wire protocols, so that unmodified aws-sdk-go-v2
// clients and the AWS CLI work against it. All three services share one endpoint;
// requests are routed by the service in their SigV4 credential scope. S3 is path-style.
//
// # What it holds to
//
// Every request's SigV4 signature is recomputed with the SDK's own signer and compared
// in constant time. Unknown keys, wrong secrets, missing or wrong session tokens,
// expired sessions and request times more than 15 minutes from the clock are refused
// with AWS's codes. Every request by a principal other than the admin is evaluated
// against its identity policies (package policy) and, for a user, those of its groups,
// with the global condition keys AWS sets on a direct call (aws:ViaAWSService and
// aws:PrincipalIsAWSService false, aws:CurrentTime, aws:EpochTime, aws:SecureTransport,
// aws:SourceIp, aws:UserAgent, aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType,
// aws:PrincipalTag/*, aws:userid, aws:username for users, aws:RequestedRegion,
// aws:TokenIssueTime for sessions), notably aws:MultiFactorAuthPresent: absent for
// long-term keys, "false" or "true" for sessions according to how they were issued, with
// aws:MultiFactorAuthAge counted from the code. A role session has MFA when its
// AssumeRole carried a valid code or was called from an MFA session (GetSessionToken
// with a code, or a role session with MFA); role chaining is capped at one hour and
// DurationSeconds at the role's MaxSessionDuration, with STS's texts.
//
// Refusals are worded as AWS words them today (denial.go): "User: ARN is not authorized
// to perform: ACTION on resource: RESOURCE because no identity-based policy allows the
// ACTION action", "... with an explicit deny in an identity-based policy" (": POLICYARN"
// for a managed policy), the role trust policy's two forms for sts:AssumeRole, and S3's
// with the resource quoted (none for s3:ListAllMyBuckets).
//
// Virtual MFA devices have a random 160-bit seed and a real QR code PNG; TOTP codes
// (RFC 6238, SHA-1, 30 s, 6 digits) are accepted within ±1 step and a step is accepted
// once per device (spent by a call that succeeds: an AssumeRole its policies refuse
// leaves the code usable).
//
// # The admin
//
// The admin key (Options.AccessKeyID, default "test"/"test") belongs to the IAM user
// "admin" at path "/" (arn:aws:iam::ACCOUNT:user/admin), which may call everything
// without policy evaluation. It is an ordinary user otherwise: it shows in ListUsers
// and its key in ListAccessKeys.
//
// # Resources evaluated for each action
//
// Policies of non-admin callers are evaluated for the action "iam:NAME", "sts:NAME" or
// "s3:NAME" on these resources, following the resource types of AWS's service
// authorization reference:
//
//   - user actions (CreateUser, GetUser, DeleteUser, tags, access keys, inline and
//     attached user policies, EnableMFADevice, DeactivateMFADevice, ResyncMFADevice,
//     ListMFADevices, GetMFADevice, ListGroupsForUser): arn:aws:iam::ACCOUNT:user{path}{name};
//     a user that does not exist is named with path "/", and authorization comes before
//     NoSuchEntity;
//   - group actions (CreateGroup, GetGroup, DeleteGroup, AddUserToGroup,
//     RemoveUserFromGroup, group inline and attached policies):
//     arn:aws:iam::ACCOUNT:group{path}{name}; ListGroups: arn:aws:iam::ACCOUNT:group{prefix};
//   - CreateVirtualMFADevice, DeleteVirtualMFADevice: the device's serial number,
//     arn:aws:iam::ACCOUNT:mfa{path}{name};
//   - role actions: arn:aws:iam::ACCOUNT:role{path}{name}; policy actions: the policy ARN;
//   - ListUsers, ListRoles, ListPolicies: arn:aws:iam::ACCOUNT:user{prefix} (role…,
//     policy… likewise; "/" when no PathPrefix), as AWS names them in its refusals;
//     ListVirtualMFADevices: arn:aws:iam::ACCOUNT:mfa/;
//   - SimulatePrincipalPolicy: the PolicySourceArn;
//   - sts:AssumeRole: the role ARN, allowed by the role's trust policy and (for all but
//     the admin) by the caller's identity policies; GetCallerIdentity and
//     GetSessionToken need no permission;
//   - sts:GetFederationToken: arn:aws:sts::ACCOUNT:federated-user/NAME;
//     sts:GetAccessKeyInfo, sts:DecodeAuthorizationMessage: "*";
//   - CreateOpenIDConnectProvider and the other provider actions: the provider's ARN
//     (arn:aws:iam::ACCOUNT:oidc-provider/HOST[/PATH], …:saml-provider/NAME); the two
//     List actions: "*";
//   - s3:ListAllMyBuckets: "arn:aws:s3:::" (matched by "*" and "arn:aws:s3:::*", not by
//     a bucket ARN); s3:CreateBucket, s3:DeleteBucket, s3:ListBucket (HeadBucket):
//     arn:aws:s3:::BUCKET.
//
// Creating a user, MFA device, role or policy with tags needs the matching tag action
// (iam:TagUser, iam:TagMFADevice, iam:TagRole, iam:TagPolicy) on the same resource too.
//
// A session from GetSessionToken without an MFA code may not call IAM at all (answered
// InvalidClientTokenId) nor STS beyond AssumeRole and GetCallerIdentity (AccessDenied),
// whatever its policies say, as AWS documents for such sessions.
//
// # Validation
//
// Every IAM and STS request is checked against the input shape of its action in
// botocore's service models (iam 2010-05-08, sts 2011-06-15) after its signature and
// before its caller's permissions or any entity: required members, length, value
// range, pattern and enum, nested members of lists and structures included. The
// violations are answered together as one ValidationError (HTTP 400) in AWS's words,
// "2 validation errors detected: Value '1a' at 'tokenCode' failed to satisfy
// constraint: …; Value …", members named lowerCamelCase with list positions
// ('tags.1.member.key'). The table (validation_rules.go) is generated by
// internal/validationgen from the models for the actions of actions.go; the models'
// Java patterns are translated to RE2 (STS's arnType class ends \u10000-\u10FFFF, read
// as the supplementary planes it means, not as Java would read it).
//
// Policy documents are held to the size quotas of IAM's quotas page, counted in
// characters without white space: inline user policies 2048, role 10240, group 5120,
// managed 6144, role trust policies 2048 (LimitExceeded). Managed policies must say
// "Version": "2012-10-17", and a trust policy that is not JSON is "This policy
// contains invalid Json" (MalformedPolicyDocument); policy_quota.go.
//
// # Federation
//
// GetFederationToken (sts_federation.go) issues a federated user session
// (arn:aws:sts::ACCOUNT:federated-user/NAME) to an IAM user's long-term key. Its
// permissions are the intersection of the user's identity policies and the session
// policies passed (Policy, PolicyArns), none when none are passed; like a session
// without MFA it may call no IAM action, and no STS action but GetCallerIdentity.
// AssumeRoleWithWebIdentity and AssumeRoleWithSAML are served unsigned (sts_unsigned.go),
// as the STS model's noAuth marks them; any other unsigned request still answers
// MissingAuthenticationToken. A web identity token is a JWT checked with go-jose against
// its issuer's JSON Web Key Set, which the emulator is given in Options.WebIdentityKeys
// (it fetches nothing from the network), then its exp, nbf and iat, and, for an IAM OIDC
// provider (iam_providers.go), its audience against the ClientIDList; the built-in
// providers (accounts.google.com, cognito-identity.amazonaws.com, and the OAuth 2.0
// ProviderIds www.amazon.com and graph.facebook.com, whose tokens the emulator wants as
// JWTs from https://PROVIDERID) need no IAM provider. A SAML response is checked with
// gosaml2 and goxmldsig against the certificates of the IAM SAML provider's metadata
// document: signature, Issuer, Recipient and Audience https://signin.aws.amazon.com/saml,
// NotBefore/NotOnOrAfter, the Role and RoleSessionName attributes. Then the role's trust
// policy decides, with Principal {"Federated": provider} and the provider's condition
// keys (sts_federated_role.go). These three also take session policies. GetAccessKeyInfo
// names the emulator's account for every well-formed key ID; DecodeAuthorizationMessage
// is served, but since no IAM, STS or S3 action issues encoded messages every message
// answers InvalidAuthorizationMessageException.
//
// # Realism options
//
// Both are off by default. Options.PropagationDelay models eventual consistency: a new
// access key is unknown (InvalidClientTokenId, InvalidAccessKeyId for S3) until the delay
// has passed since its creation, and a new or changed identity or trust policy (inline,
// attached, detached, CreateRole, UpdateAssumeRolePolicy) takes effect the delay after the
// change, requests in between being evaluated against the state before it. IAM's reads and
// SimulatePrincipalPolicy see the stored state at once, as on AWS. Options.ClockOffset
// runs the emulator's clock ahead or behind: the Date header of every answer comes from
// that clock (SDKs read their clock skew from it), requests signed more than 15 minutes
// off are refused, and TOTP codes are checked against that clock. MoveClock moves that
// clock while the emulator runs, so an MFA session can outgrow an aws:MultiFactorAuthAge
// limit without anyone waiting (the condition lab's last row). SimulatePrincipalPolicy's
// MatchedStatements give each statement's StartPosition and EndPosition, line and column
// from 1, in the document as it was put.
//
// # Where things are
//
// emulator.go routes each request by the service of its credential scope, auth.go checks
// its SigV4 signature, identity.go finds the caller and evaluates its policies
// (authorize), and query.go reads Query-protocol parameters and writes the answers.
// actions.go lists every IAM and STS action with the handler that serves it, grouped by
// the file they live in: one file per kind of entity (iam_users.go, iam_keys.go,
// iam_mfa.go, iam_roles.go, iam_managed.go, iam_groups.go), while what all kinds with tags share is in
// iam_tags.go, and what users and roles share in iam_inline.go (inline policies) and
// iam_managed.go (attached policies). EnableMFADevice, for one, reads top to bottom in
// enableMFADevice in iam_mfa.go, with its code check in totp.go. sts.go and s3.go serve
// those services (sts_sessions.go: role session durations and MFA context; federation
// in sts_federation.go, sts_web_identity.go, sts_saml.go, sts_federated_role.go and
// sts_unsigned.go; s3_list_buckets.go: ListBuckets paging with max-buckets,
// continuation-token, prefix and bucket-region; CreateBucket of a bucket you own answers
// 200 in us-east-1); iam_providers.go holds the identity providers; denial.go words the
// refusals; propagation.go models Options.PropagationDelay; model.go holds the entities;
// validation.go checks requests against the generated validation_rules.go.
//
// # Not modelled
//
// Objects, login profiles, policy versions beyond v1, AWS managed policies (a session
// policy ARN naming one grants nothing), permissions boundaries, session policies of
// AssumeRole, session tags, the SAML SessionDuration attribute and encrypted assertions,
// fetching JWKS from an issuer, group policies in SimulatePrincipalPolicy, and the
// propagation of deletions of keys, users, roles and groups and of group membership
// changes (they take effect at once; group policy changes do propagate).
// Policy documents come back URL-encoded, as from IAM.
package emulator
