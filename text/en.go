package text

import (
	"golang.org/x/text/language"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// English is the text table mfa-demo ships with; the other languages are built the same way.
var English = Text{
	Tag:       language.English,
	TUI:       englishTUI,
	Role:      englishRole,
	LabScreen: englishLab,
	Steps: map[scenario.StepID]string{
		scenario.StepWhoAmI:       "Who am I",
		scenario.StepCreateUser:   "Create the demo user",
		scenario.StepCreateDevice: "Create a virtual MFA device",
		scenario.StepShowQR:       "Show the QR code",
		scenario.StepEnableDevice: "Enable the device",
		scenario.StepCreateKey:    "Create an access key",
		scenario.StepWaitForKey:   "Wait until the key works",
		scenario.StepUserPolicy:   "Attach the MFA policy",
		scenario.StepCreateRole:   "Create the role",
		scenario.StepRolePolicy:   "Give the role its permission",
		scenario.StepAllowAssume:  "Let the user assume the role",
		scenario.StepWithoutMFA:   "List buckets without MFA",
		scenario.StepWithMFA:      "List buckets with MFA",
		scenario.StepCredentials:  "Get the lab's sessions",
		scenario.StepGrid:         "Run the condition lab",
		scenario.StepTeardown:     "Tear down",
	},
	KindSteps: map[scenario.Kind]map[scenario.StepID]string{
		scenario.AssumeRole: {
			scenario.StepWithoutMFA: "Assume the role without MFA",
			scenario.StepWithMFA:    "Assume the role with MFA",
		},
	},
	Kinds: map[scenario.Kind]string{
		scenario.SessionToken: "List buckets only with MFA (session token)",
		scenario.AssumeRole:   "A role that can only be assumed with MFA",
		scenario.Conditions:   "The condition lab: one call, three credentials, seven policies",
	},
	Targets: map[scenario.TargetKind]string{
		scenario.TargetEmulator: "embedded emulator",
		scenario.TargetEndpoint: "endpoint",
		scenario.TargetLive:     "live AWS",
	},
	PolicyKinds: map[scenario.StepID]string{
		scenario.StepUserPolicy:  "inline user policy",
		scenario.StepCreateRole:  "role trust policy",
		scenario.StepRolePolicy:  "managed policy",
		scenario.StepAllowAssume: "inline user policy",
	},
	Teardown: TeardownText{
		Ops: map[scenario.TeardownOp]string{
			scenario.OpDelete:     "deleted",
			scenario.OpDetach:     "detached",
			scenario.OpDeactivate: "deactivated",
		},
		Status: map[scenario.ItemStatus]string{
			scenario.ItemPending:     "pending",
			scenario.ItemAlreadyGone: "already gone",
			scenario.ItemFailed:      "FAILED",
		},
		Items:   Forms{"%d item", "%d items"},
		Nothing: "nothing was created",
	},
	Lab: LabText{
		Columns: map[scenario.Credential]string{
			scenario.CredLongTerm: "long-term key",
			scenario.CredNoMFA:    "session, no MFA",
			scenario.CredMFA:      "MFA session",
		},
		Policy: "policy",
		Rows: map[string]string{
			scenario.RowAllowBool:     "Allow, Bool true",
			scenario.RowDenyBoolFalse: "Deny, Bool false",
			scenario.RowDenyIfExists:  "Deny, BoolIfExists false",
			scenario.RowDenyNull:      "Deny, Null true",
			scenario.RowTwoAllows:     "MFA Allow + plain Allow",
			scenario.RowMaxAge:        "Allow, MFA age < 300 s",
			scenario.RowMaxAgeLater:   "the same, 6 min later",
		},
		Lessons: map[string]string{
			scenario.RowAllowBool:     "Bool true fails when the key is false or absent: only the MFA session may list.",
			scenario.RowDenyBoolFalse: "A long-term key has no MFA key at all, so a Deny on Bool false never matches it and the Allow lets it through.",
			scenario.RowDenyIfExists:  "BoolIfExists also matches an absent key: the Deny now catches the long-term key too.",
			scenario.RowDenyNull:      "Null true only asks whether the key is missing: a session without MFA has it (false) and gets through.",
			scenario.RowTwoAllows:     "Any Allow is enough: an unconditioned Allow beside the MFA Allow makes the condition useless.",
			scenario.RowMaxAge:        "aws:MultiFactorAuthAge exists only in an MFA session, and counts the seconds since the code.",
			scenario.RowMaxAgeLater:   "Once the MFA session is older than the limit, the same policy refuses it: sign in with a new code.",
		},
		Allowed: "allowed",
		Denied:  "denied",
		Wrong:   "!",
		Skipped: map[scenario.SkipReason]string{
			scenario.SkipNoClock: "skipped: only the embedded emulator's clock can be moved, and waiting 6 minutes would stall the demo",
		},
		Sessions:     "a session without MFA (%s) and one with MFA (%s), besides the user's long-term key",
		AsDocumented: "%s, every one as AWS documents it",
		WrongCells:   "%s, %s NOT as AWS documents it (marked !)",
		Cells:        Forms{"%d cell", "%d cells"},
		WrongCell:    "row %d (%s), %s: %s, AWS documents %s",
		Retry:        "row %d: %s after %s: the policy may still be propagating, trying again",
		Why:          "why row %d, %s: %s",
	},
	Why: WhyText{
		Request:   "%s by %s",
		Context:   "MFA keys: %s",
		Key:       "%s=%s",
		Absent:    "%s absent",
		Decided:   "IAM's policy simulator: %s (%s)",
		Statement: "statement %d of %s",
		Unplaced:  "a statement of %s",
		None:      "no statement allowed it",
		Trust:     "The user's own policy allows it, so the refusal came from the role's trust policy: its Bool condition needs aws:MultiFactorAuthPresent true.",
	},
	Plain: PlainText{
		Header:          "mfa-demo %s: scenario %s, run %s, target %s",
		WhereEmulator:   "the embedded emulator at %s",
		WhereEndpoint:   "the endpoint %s",
		WhereLive:       "live AWS",
		Failed:          "FAILED: %s",
		WhoAmI:          "%s (account %s)",
		NotChecked:      "permissions not checked: %s",
		Checked:         "permissions checked with SimulatePrincipalPolicy on %s: all the demo needs are allowed",
		OptionalMissing: "optional, not allowed: %s (the demo explains less)",
		ClockOff: "WARNING: your clock is off by about %s (%s AWS's). The demo allows for it, but an authenticator app " +
			"on a device whose clock is off too gives codes AWS refuses: fix the system time (timedatectl set-ntp true)",
		Behind:    "behind",
		Ahead:     "ahead of",
		User:      "%s (no permissions yet)",
		AutoMFA:   "the built-in authenticator answers every code (--auto-mfa)",
		AddKey:    "add this key to your authenticator app (or make a QR code of the URI):",
		Secret:    "secret: %s",
		URI:       "URI:    %s",
		Enabled:   "enabled with two consecutive codes",
		Key:       "%s (secret %s, kept in memory only)",
		KeyAtOnce: "works at once: %s",
		KeyAfter:  "works after %s, %s: %s",
		Attempts:  Forms{"%d attempt", "%d attempts"},
		Policy:    "%s %s: %s",
		Meaning: map[scenario.StepID]string{
			scenario.StepUserPolicy:  "Allow s3:ListAllMyBuckets only if aws:MultiFactorAuthPresent is true",
			scenario.StepCreateRole:  "the demo user may assume it only if aws:MultiFactorAuthPresent is true",
			scenario.StepRolePolicy:  "Allow s3:ListAllMyBuckets, attached to the role",
			scenario.StepAllowAssume: "Allow sts:AssumeRole on the role",
		},
		DeniedSession:  "%s, as expected: aws:MultiFactorAuthPresent is false in a session without MFA",
		AllowedSession: "WARNING: allowed (%s): this backend does not enforce aws:MultiFactorAuthPresent",
		DeniedRole:     "%s, as expected: the trust policy needs aws:MultiFactorAuthPresent, which a call without MFA lacks",
		AllowedRole:    "WARNING: the role was assumed: this backend does not enforce the trust policy's aws:MultiFactorAuthPresent",
		FromCondition: "IAM's policy simulator agrees: the user's policy gives %s with aws:MultiFactorAuthPresent=false and %s with true,\n" +
			"so the refusal comes from the MFA condition (not from a policy still propagating)",
		NotFromCondition: "IAM's policy simulator says %s with aws:MultiFactorAuthPresent=false and %s with true:\n" +
			"the refusal does not come from the MFA condition alone",
		Why:           "Why? %s",
		WithSession:   "%s [%s] as %s in an MFA session%s",
		WithRole:      "%s is now %s",
		RoleBuckets:   "%s [%s] with the role session%s",
		Retried:       " after %s in %s while the policy propagated",
		Retries:       Forms{"%d AccessDenied retry", "%d AccessDenied retries"},
		Buckets:       Forms{"%d bucket", "%d buckets"},
		WaitWindow:    "waiting %s for the next 30-second window: each code is accepted only once",
		KeyRetry:      "%s after %s: IAM is eventually consistent, trying again",
		PolicyRetry:   "%s after %s: the policy may still be propagating, trying again",
		CallWaiting:   "waiting for %s %s: no answer for %s (attempt %d of %d; each attempt waits at most %s)",
		CallRetry:     "%s %s failed (%s): trying again, attempt %d of %d",
		TeardownRetry: "something is still left (%s): teardown pass %d of %d in %s",
		GaveUpRefused: "the endpoint refused every connection for %s: teardown stopped retrying",
		EnterTwo:      "Enter two consecutive codes from your authenticator app for %s",
		EnterOne:      "Enter the current code from your authenticator app for %s",
		CodeLabel:     "code",
		CodeLabelN:    "code %d",
		Refused: RefusalText{
			Field:        "the code",
			FieldN:       "code %d",
			Fields:       "the codes",
			NotSixDigits: "%s must be exactly 6 digits",
			Same:         "the two codes are the same: wait for the next code (a new one every 30 s) and type that one second",
			Used:         "%s was already used in this run and AWS refuses a code twice: wait %s for the next one",
			Rejected:     "AWS rejected %s (%s): check the device's clock and type the current code",
			Other:        "%s refused",
		},
		Creates: map[scenario.Kind]string{
			scenario.SessionToken: "an IAM user, an MFA device and an access key",
			scenario.AssumeRole:   "an IAM user, an MFA device, an access key, a role and a managed policy",
			scenario.Conditions:   "an IAM user, an MFA device, an access key and an inline policy swapped seven times",
		},
		Confirm:           "This creates %s in account %s as %s\n(all deleted again at the end). Continue? [y/N] ",
		NeedsConfirmation: "live AWS needs a confirmation: run in a terminal, or pass --yes",
		Lesson: map[scenario.Kind]string{
			scenario.SessionToken: "Lesson shown: without MFA the listing was refused, with MFA it worked. Teardown complete.",
			scenario.AssumeRole:   "Lesson shown: without MFA the role could not be assumed, with MFA it could, and it listed the buckets. Teardown complete.",
			scenario.Conditions:   "Lesson shown: every cell of the grid came out as AWS documents it. Teardown complete.",
		},
		NotEnforced: "This backend did not enforce aws:MultiFactorAuthPresent: %s,\n" +
			"so there was no lesson to show (real AWS and the embedded emulator refuse it). Teardown complete.",
		NotEnforcedWhat: map[scenario.Kind]string{
			scenario.SessionToken: "the listing without MFA was allowed",
			scenario.AssumeRole:   "the role was assumed without MFA",
			scenario.Conditions:   "some cells of the grid differ from what AWS documents (listed above)",
		},
		Interrupted: "Interrupted.",
		FailedAt:    "Failed at %q (see above).",
		Error:       "mfa-demo: %s",
		Clean:       "Nothing this run created is left.",
		OutputClosed: "the output was closed before the end (%s); the run went on and tore down, " +
			"and the exit status says how it ended",
		Left:       "Left behind: %s",
		RemoveWith: "Remove it with: %s   (journal: %s)",
	},
	Cleanup: CleanupText{
		Elsewhere:   "Not touched (another target's journal): %s",
		Unverified:  "Looks like the demo's but could not be checked, left alone: %s",
		Nothing:     "Nothing to clean up on %s (account %s).",
		Found:       "Left on %s (account %s) by earlier runs:",
		Run:         "run %s: %s",
		Ask:         "Delete all of this? [y/N] ",
		Kept:        "Nothing deleted.",
		Discarding:  "Discarding %s with nothing left on this target.",
		Journals:    Forms{"%d journal", "%d journals"},
		FileRemoved: "Removed %s: a QR code an earlier run saved (it holds the device's secret).",
		Done:        "Nothing is left.",
	},
	Reach: ReachText{
		Refused: "nothing answers at %s (connection refused): start the endpoint (for example `mfa-demo emulator` in another terminal) or correct --endpoint-url",
		Silent:  "%s accepts connections but never answers (no answer within %s, %d attempts): check that --endpoint-url names a running AWS-compatible endpoint",
		NotAWS:  "%s answers, but not as an AWS API does (HTTP %d): --endpoint-url must name an AWS-compatible endpoint such as `mfa-demo emulator` (http://127.0.0.1:4566)",
		AWS:     "AWS",
	},
	Command: CommandText{
		Usage:                 usage,
		Version:               "mfa-demo %s",
		OperatorPolicyHelp:    operatorPolicyHelp,
		UnexpectedArg:         "unexpected argument %q (see mfa-demo --help)",
		TwoTargets:            "--live and --endpoint-url name two different targets; pick one",
		UnknownScenario:       "unknown scenario %q (session-token, assume-role or conditions)",
		BadAmbiguousWidth:     "--ambiguous-width must be auto, narrow or wide, not %q",
		BadQR:                 "--qr must be half or full, not %q",
		UnknownLang:           "unknown language %q for --lang (one of: %s)",
		BadRunID:              "--run-id must be 1-32 lower-case letters, digits and dashes",
		NoCredentials:         "no AWS credentials found: run `aws configure` or `aws sso login`, or set AWS_PROFILE / AWS_ACCESS_KEY_ID",
		NoEndpointCredentials: "no AWS credentials for --endpoint-url: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (`mfa-demo emulator` accepts test and test) or AWS_PROFILE",
		BadEndpoint:           "--endpoint-url %q is not a URL such as http://127.0.0.1:4566: it needs http:// or https:// and a host",
		BadCredentials:        "the configured AWS credentials could not be loaded: check AWS_PROFILE and its settings, or run `aws sso login` if it uses SSO",
		LiveEndpoint:          "--live means real AWS, but AWS_ENDPOINT_URL (or the profile) points at %s: unset it, or use --endpoint-url",
		EmulatorListening:     "AWS emulator (IAM, STS, S3) listening on %s\naccount %s, admin user %s",
		EmulatorEverywhere:    "It listens on every interface (--listen %s): from another machine, use this machine's address instead of 127.0.0.1.",
		EmulatorUse:           "Use it from another terminal (paste into bash):",
		EmulatorPathStyle:     "S3 is path-style; the AWS CLI and the SDKs pick that up from the endpoint",
		EmulatorDemo:          "The demo against it:",
		EmulatorStop:          "Ctrl-C stops it; all state is in memory and goes with it.",
		EmulatorDelay:         "New access keys and policy changes take %s to apply (--propagation-delay).",
		EmulatorOffset:        "The emulator's clock is %s off this machine's (--clock-offset).",
		HungUp:                "the terminal hung up: tearing down",
		Interrupted:           "interrupted: tearing down (interrupt again to exit at once)",
		ExitNow:               "exiting without teardown.",
		AbortEmulator:         "The embedded emulator ends with this process, so nothing is left anywhere.",
		AbortLeft:             "Remove what this run left with:\n  %s\nJournal: %s",
	},
}

// usage is the help text of the command.
const usage = `mfa-demo walks through the AWS MFA demo: an IAM user, a virtual MFA device, a policy
that allows s3:ListAllMyBuckets only when aws:MultiFactorAuthPresent is true, the listing
refused without MFA and allowed with it, and a teardown of everything it created.

Usage:
  mfa-demo [target] [flags]            run the demo
  mfa-demo cleanup [target] [--yes]    remove what interrupted runs left on a target
                                       (asks when run in a terminal; --yes skips the question)
  mfa-demo emulator [flags]            serve the AWS emulator on its own (--help for its flags)
  mfa-demo operator-policy             print the least-privilege IAM policy the operator's
                                       credentials need for both scenarios and cleanup
  mfa-demo version                     print the version

Targets (default: the embedded emulator):
  (no flag)             an AWS emulator started inside this process; nothing leaves the
                        machine and no AWS account is needed
  --endpoint-url URL    any AWS-compatible endpoint (mfa-demo emulator, moto, LocalStack);
                        credentials and region come from the environment (AWS_ACCESS_KEY_ID,
                        AWS_SECRET_ACCESS_KEY, AWS_PROFILE, AWS_REGION; region default us-east-1)
  --live                your real AWS account, through the default credential chain. The
                        account and caller are shown and must be confirmed before anything is
                        created (--yes skips the question). Root credentials are refused.
                        The operator's permissions are checked first (SimulatePrincipalPolicy
                        against ` + "`mfa-demo operator-policy`" + `); a missing one stops the run.

Flags:
  --plain               one line per step, codes read from stdin (also used whenever stdin
                        or stdout is not a terminal)
  --auto-mfa            answer every MFA code prompt from the device's seed, like an
                        authenticator app would
  --scenario NAME       session-token (default): list buckets with a policy that needs MFA;
                        assume-role: assume a role whose trust policy needs MFA. Without
                        this flag the TUI lets you pick one; conditions: the condition lab,
                        one listing made with the user's key, a session without MFA and
                        one with MFA, against seven MFA policies, as a grid
  --yes                 do not ask before creating (--live) or deleting (cleanup). Only a
                        terminal is asked: cleanup from a script deletes without asking,
                        --live from a script refuses without --yes
  --lang LANG           en, ja, pt-BR or id (default: MFA_DEMO_LANG, then the locale:
                        LANGUAGE, LC_ALL, LC_MESSAGES, LANG)
  --ambiguous-width W   auto (default), narrow or wide: how the terminal draws characters
                        of East Asian ambiguous width such as the QR code's half blocks;
                        auto asks the terminal
  --qr STYLE            half (default): two module rows per line; full: one module row per
                        line, for terminals that leave gaps between lines

Crash safety: each run journals what it creates in $MFA_DEMO_STATE_DIR (default
~/.local/state/mfa-demo). After a crash, ` + "`mfa-demo cleanup`" + ` with the same target flags removes
what is left, found from the journals and by the /mfa-demo/ path and mfa-demo:run-id tag.
The first Ctrl-C tears down and exits; a second one exits at once. Closing the terminal
(SIGHUP) tears down and exits as well.

Exit status:
  0  the lesson was shown and teardown is complete (cleanup: nothing is left)
  1  a step failed, or something is left; teardown was attempted and names what remains
  2  usage error, refused root credentials, or a live run that was not confirmed
  3  the backend did not enforce aws:MultiFactorAuthPresent (the listing without MFA
     succeeded, or a cell of the lab's grid differs from what AWS documents); teardown
     is complete
`

// operatorPolicyHelp is the help of `mfa-demo operator-policy`.
const operatorPolicyHelp = `Usage: mfa-demo operator-policy > operator.json

Prints the least-privilege IAM policy (JSON) that the credentials you run mfa-demo with need
for both scenarios and for cleanup: only what the demo does on the /mfa-demo/ path and the
mfa-demo- names, plus the listings cleanup uses to find leftovers. Attach it, for example:

  aws iam put-user-policy --user-name YOU --policy-name mfa-demo-operator --policy-document file://operator.json
`
