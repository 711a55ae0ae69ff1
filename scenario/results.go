package scenario

import (
	"strings"
	"time"

	"github.com/mfa-demo/mfa-demo/aws"
)

// Kind names one of the demos: the two SCENARIO.md describes and the condition lab.
type Kind string

// The scenarios a run can follow.
const (
	// SessionToken lists buckets with GetSessionToken credentials, without and then with MFA.
	SessionToken Kind = "session-token"
	// AssumeRole assumes a role whose trust policy requires MFA, without and then with a code.
	AssumeRole Kind = "assume-role"
	// Conditions is the condition lab: one listing made with three kinds of credentials
	// against the MFA policies people get wrong (conditions.go).
	Conditions Kind = "conditions"
)

// Kinds lists the scenarios in the order a front end offers them.
var Kinds = []Kind{SessionToken, AssumeRole, Conditions}

// StepID identifies a step; front ends key their own wording on it.
type StepID string

// The steps of both scenarios, numbered as in SCENARIO.md.
const (
	StepWhoAmI       StepID = "whoami"            // 0
	StepCreateUser   StepID = "create-user"       // 1
	StepCreateDevice StepID = "create-device"     // 2
	StepShowQR       StepID = "show-qr"           // 3
	StepEnableDevice StepID = "enable-device"     // 4
	StepCreateKey    StepID = "create-access-key" // 5
	StepWaitForKey   StepID = "wait-for-key"      // 6
	StepUserPolicy   StepID = "user-policy"       // 7 (session-token)
	StepCreateRole   StepID = "create-role"       // 7a (assume-role)
	StepRolePolicy   StepID = "role-policy"       // 7b (assume-role)
	StepAllowAssume  StepID = "allow-assume"      // 7c (assume-role)
	StepWithoutMFA   StepID = "without-mfa"       // 8
	StepWithMFA      StepID = "with-mfa"          // 9
	StepCredentials  StepID = "lab-credentials"   // the lab: a session without MFA and one with
	StepGrid         StepID = "condition-grid"    // the lab: every policy variant × credentials
	StepTeardown     StepID = "teardown"          // 10
)

// Steps returns the steps of a scenario in the order they run. The policies are put before
// the wait for the new key, as the original demo does: IAM then propagates the key and the
// policies at the same time, and one wait covers both instead of two in a row.
func Steps(k Kind) []StepID {
	head := []StepID{StepWhoAmI, StepCreateUser, StepCreateDevice, StepShowQR, StepEnableDevice, StepCreateKey}
	tail := []StepID{StepWaitForKey, StepWithoutMFA, StepWithMFA, StepTeardown}
	switch k {
	case Conditions:
		// The lab puts its policies one by one inside the grid, each with its own wait.
		return append(head, StepWaitForKey, StepCredentials, StepGrid, StepTeardown)
	case AssumeRole:
		head = append(head, StepCreateRole, StepRolePolicy, StepAllowAssume)
	default:
		head = append(head, StepUserPolicy)
	}
	return append(head, tail...)
}

// TargetKind says where the AWS calls go.
type TargetKind int

// The targets a run can have.
const (
	// TargetEmulator is the embedded emulator, started in-process.
	TargetEmulator TargetKind = iota
	// TargetEndpoint is any AWS-compatible endpoint given with --endpoint-url.
	TargetEndpoint
	// TargetLive is a real AWS account.
	TargetLive
)

// Identity is what GetCallerIdentity answers.
type Identity struct {
	Account string
	Arn     string
	UserID  string
}

// Call is one AWS API call as a front end shows it in its log: never a secret in full.
type Call = aws.Call

// Param is one request parameter, already redacted when it is secret.
type Param = aws.Param

// WhoAmIResult is step 0: who the operator is and where the calls go.
type WhoAmIResult struct {
	Identity Identity
	Target   TargetKind
	Endpoint string // empty for live AWS
	Region   string
	// Emulator says the target is mfa-demo's own emulator, embedded or standalone: its codes
	// may come from the built-in authenticator, since no trainee's phone is at stake.
	Emulator bool
	// ClockSkew is AWS's time minus the local clock's, as AWS's answer dated it (within a
	// second). Beyond ClockWarning both front ends warn; step 0 fails (ClockSkewError) only
	// when AWS refused the call.
	ClockSkew time.Duration
	// Preflight is the permission check, when Env.Preflight asked for one.
	Preflight *PreflightResult
}

// UserResult is step 1.
type UserResult struct {
	UserName string
	Arn      string
	Path     string
}

// DeviceResult is step 2 (and what step 3 shows). Seed and URI are secret: a front end shows
// them only on request and never writes them to a log.
type DeviceResult struct {
	Name   string
	Serial string
	Seed   string // base32, as Base32StringSeed
	URI    string // otpauth://totp/NAME@ACCOUNT?secret=SEED
	QRPNG  []byte // the PNG the service returned
}

// GroupSeed spaces a base32 MFA seed in groups of four, the way authenticator apps show it
// and people type it in; front ends show the seed only this way.
func GroupSeed(seed string) string {
	var b strings.Builder
	for i, r := range seed {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// EnableResult is step 4.
type EnableResult struct {
}

// KeyResult is step 5: the secret access key stays inside the scenario.
type KeyResult struct {
	AccessKeyID    string
	RedactedSecret string // e.g. "wJal...(36 more)"
}

// WaitResult is step 6: how long the new key took to work.
type WaitResult struct {
	Attempts int
	Elapsed  time.Duration
	Identity Identity // the demo user, as seen with its own key
}

// PolicyResult is steps 7, 7a, 7b and 7c: a policy document the front end shows with its
// Condition block highlighted.
type PolicyResult struct {
	Name     string // policy or role name
	Arn      string // role or managed policy ARN, when there is one
	Document string // pretty-printed JSON
}

// Outcome is how the without-MFA step ended.
type Outcome int

// The outcomes of the without-MFA step.
const (
	// OutcomeDenied is the lesson: AccessDenied because aws:MultiFactorAuthPresent was false.
	OutcomeDenied Outcome = iota
	// OutcomeNotEnforced means the call succeeded: the backend does not enforce the condition.
	OutcomeNotEnforced
)

// Bucket is one S3 bucket of the listing.
type Bucket struct {
	Name    string
	Created time.Time
}

// WithoutMFAResult is step 8.
type WithoutMFAResult struct {
	Outcome   Outcome
	ErrorCode string   // "AccessDenied" when denied
	Message   string   // AWS's message
	Buckets   []Bucket // only when the backend let the call through
	// Condition is IAM's simulator on the user's stored policy (session-token scenario, when
	// the operator may simulate): whether the refusal comes from the MFA condition.
	Condition *ConditionCheck
	// Why is the refusal explained: the request context it was decided on and the statements
	// IAM's simulator says decided it; nil when the operator may not simulate.
	Why *Why
}

// WithMFAResult is step 9.
type WithMFAResult struct {
	Identity     Identity // caller identity of the MFA session (the user, or the assumed role)
	Before       Identity // assume-role: the demo user, as it was before assuming the role
	Buckets      []Bucket
	Retries      int           // AccessDenied retries while the policy propagated
	RetryElapsed time.Duration // time spent in those retries
}

// ItemStatus is the state of one teardown item.
type ItemStatus int

// The states a teardown item goes through.
const (
	ItemPending ItemStatus = iota
	ItemDeleted
	ItemAlreadyGone // NoSuchEntity: somebody (or an earlier run) removed it
	ItemFailed
)

// TeardownOp is what a teardown item does to its resource; front ends word it ("deleted",
// "detached", "deactivated") in their own language.
type TeardownOp int

// The operations of the teardown checklist.
const (
	OpDelete TeardownOp = iota
	OpDetach
	OpDeactivate
)

// OpOf is the operation of an IAM action of the teardown, by the verb its name starts with.
func OpOf(action string) TeardownOp {
	switch {
	case strings.HasPrefix(action, "Detach"), strings.HasPrefix(action, "RemoveUserFrom"):
		return OpDetach
	case strings.HasPrefix(action, "Deactivate"):
		return OpDeactivate
	}
	return OpDelete
}

// TeardownItem is one deletion of the teardown checklist.
type TeardownItem struct {
	Action   string // the API action, e.g. "DeleteUserPolicy"
	Op       TeardownOp
	Resource string // what it deletes, e.g. the policy name or the key ID
	Status   ItemStatus
	Err      error
}

// TeardownReport is step 10: every item, and what could not be removed.
type TeardownReport struct {
	Items     []TeardownItem
	Remaining []string // ARNs or IDs still in the account; empty when teardown is complete
	// QRFile is the QR PNG saved on request and removed by the teardown; QRFileErr says why
	// it could not be removed.
	QRFile    string
	QRFileErr error
	// CleanupCommand is the command that removes what is Remaining from this run's target,
	// exactly as it must be typed ("mfa-demo cleanup --endpoint-url URL"); empty on the
	// embedded emulator, which ends with the process. Journal is the run's journal.
	CleanupCommand string
	Journal        string
	// GaveUpRefused is how long the endpoint had refused every connection when teardown
	// stopped retrying (RefusedLimit or a little more); zero when it did not give up so.
	GaveUpRefused time.Duration
}

// Progress is reported while a step waits or works through a list, so a front end can show
// a spinner with the elapsed time or tick a checklist.
type Progress struct {
	Step     StepID
	Attempt  int
	Elapsed  time.Duration
	Code     string        // the AWS error code of the last attempt, if any
	Item     *TeardownItem // set during teardown when an item changes state
	WaitNext time.Duration // set when a code must wait for the next 30 s window
	Row      int           // the lab: the grid row (from 1) whose answer is awaited
	// Retry is set during teardown when a pass left something and pass Attempt (of
	// TeardownPasses) starts after this wait; Code is why the last one failed.
	Retry time.Duration
	// Call is set while one AWS call of the step waits for its answer or is about to be
	// tried again.
	Call *CallWait
}

// CallWait is an AWS call that takes time (see aws.Wait).
type CallWait = aws.Wait
