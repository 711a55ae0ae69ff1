// Package text holds every sentence a trainee reads, for both front ends, as one typed table
// per language: English, Japanese, Brazilian Portuguese and Indonesian (Table looks one up by
// its tag). A front end looks its words up here and keeps no prose of its own, so a
// translation is one more value of Text and a new scenario is one file in scenario/ plus its
// words here.
//
// Sentences with values in them are fmt formats whose verbs (%s, %d) come in the order the
// field's comment gives; a language that needs another order numbers them (%[2]s). The
// completeness test holds every table to English's fields, verbs and spaces at both ends,
// and keeps characters of ambiguous East Asian width out of every sentence.
package text

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/smithy-go"
	"golang.org/x/text/language"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// Text is every sentence of one language.
type Text struct {
	// Tag is the language, for its plural rules (see Form).
	Tag language.Tag
	// Steps are the step titles both front ends show; KindSteps replace some of them for
	// one scenario (assume-role's "Assume the role without MFA").
	Steps     map[scenario.StepID]string
	KindSteps map[scenario.Kind]map[scenario.StepID]string
	// Kinds name the scenarios as a trainer picks one.
	Kinds map[scenario.Kind]string
	// Targets name where the calls go, in a word or two.
	Targets map[scenario.TargetKind]string
	// PolicyKinds say what kind of policy each policy step writes ("inline user policy").
	PolicyKinds map[scenario.StepID]string
	// Teardown words the teardown checklist, of a run and of cleanup.
	Teardown TeardownText
	// Lab is the condition lab's grid, and Why explains a decision, for both front ends.
	Lab LabText
	Why WhyText
	// Plain is plain mode's lines, prompts and summary.
	Plain PlainText
	// Cleanup is the report of `mfa-demo cleanup`.
	Cleanup CleanupText
	// Command is the usage text and what the command says about flags, credentials and
	// signals.
	Command CommandText
	// Reach says in one sentence why a target could not be talked to (see Describe).
	Reach ReachText
	// TUI is the walkthrough's own sentences; Role and LabScreen replace some of them in the
	// assume-role scenario and the condition lab (see ForKind).
	TUI       TUIText
	Role      RoleText
	LabScreen LabScreenText
}

// Forms are one sentence with a number in it, in CLDR's plural form "one" and in "other":
// Form picks between them by the language's rules. The four languages mfa-demo speaks need
// no other form (CLDR gives Japanese and Indonesian only "other"); a language with "few" or
// "many" gets more fields here, and Form is the one place that chooses.
type Forms struct{ One, Other string }

// Count is n in the form of f it calls for: "1 attempt", "2 attempts".
func (t Text) Count(n int, f Forms) string { return fmt.Sprintf(t.Form(n, f), n) }

// Step is a step's title in a scenario.
func (t Text) Step(kind scenario.Kind, id scenario.StepID) string {
	if s, ok := t.KindSteps[kind][id]; ok {
		return s
	}
	return t.Steps[id]
}

// TeardownText words the teardown checklist.
type TeardownText struct {
	// Ops say what a finished item did to its resource: deleted, detached, deactivated.
	Ops map[scenario.TeardownOp]string
	// Status names the states of an item that is not finished: pending, already gone, FAILED.
	Status map[scenario.ItemStatus]string
	// Items counts the checklist: "%d items".
	Items Forms
	// Nothing is the checklist of a run that created nothing.
	Nothing string
}

// ItemStatus is a teardown item's state in words: what it did once it is done
// (deactivated, detached or deleted, as its operation says), else its status.
func (t Text) ItemStatus(it scenario.TeardownItem) string {
	if it.Status == scenario.ItemDeleted {
		return t.Teardown.Ops[it.Op]
	}
	return t.Teardown.Status[it.Status]
}

// Where names a target in a sentence; endpoint is where its calls go.
func (t Text) Where(kind scenario.TargetKind, endpoint string) string {
	switch kind {
	case scenario.TargetEmulator:
		return fmt.Sprintf(t.Plain.WhereEmulator, endpoint)
	case scenario.TargetEndpoint:
		return fmt.Sprintf(t.Plain.WhereEndpoint, endpoint)
	}
	return t.Plain.WhereLive
}

// PlainText is plain mode: one line per step, codes read from stdin.
type PlainText struct {
	// Header is the first line: version, scenario, run ID, target (see Where*).
	Header string
	// WhereEmulator (endpoint), WhereEndpoint (endpoint) and WhereLive name a target in a
	// sentence.
	WhereEmulator, WhereEndpoint, WhereLive string
	// Failed is a step that failed: the error.
	Failed string

	// WhoAmI is step 0: the caller's ARN, the account.
	WhoAmI string
	// NotChecked (why), Checked (the principal simulated) and OptionalMissing (the action)
	// report the permission check under step 0.
	NotChecked, Checked, OptionalMissing string
	// ClockOff (how far, Behind or Ahead) warns under step 0 that the local clock is off
	// from AWS's (see Text.ClockOff); the TUI's welcome screen shows it too.
	ClockOff, Behind, Ahead string
	// User is step 1: the user's ARN.
	User string
	// AutoMFA is step 3 with --auto-mfa.
	AutoMFA string
	// AddKey is step 3, above Secret (the grouped seed) and URI (the otpauth URI).
	AddKey, Secret, URI string
	// Enabled is step 4.
	Enabled string
	// Key is step 5: the key ID, the redacted secret.
	Key string
	// KeyAtOnce (the user's ARN) and KeyAfter (Attempts counted, the time, the user's ARN)
	// are step 6.
	KeyAtOnce, KeyAfter string
	Attempts            Forms
	// Policy is a policy step: its kind (PolicyKinds), its name, its Meaning.
	Policy  string
	Meaning map[scenario.StepID]string
	// Step 8 in the session-token scenario: DeniedSession (the AWS error code), or
	// AllowedSession (Buckets counted) when the backend let it through.
	DeniedSession, AllowedSession string
	// Step 8 in the assume-role scenario: DeniedRole (the AWS error code), AllowedRole.
	DeniedRole, AllowedRole string
	// FromCondition and NotFromCondition are IAM's simulator under step 8: the decision
	// without MFA, the decision with MFA.
	FromCondition, NotFromCondition string
	// Why is the line explaining step 8's refusal: Explain's lines joined.
	Why string
	// WithSession is step 9 in the session-token scenario: Buckets counted, their names,
	// the caller's ARN, Retried or nothing.
	WithSession string
	// WithRole (the user's ARN, the role session's ARN) and RoleBuckets (Buckets counted,
	// their names, Retried or nothing) are step 9 in the assume-role scenario.
	WithRole, RoleBuckets string
	// Retried is how step 9 waited for the policy: Retries counted, the time.
	Retried string
	Retries Forms
	Buckets Forms

	// WaitWindow (the wait), KeyRetry (the AWS error code, the time) and PolicyRetry (the
	// AWS error code, the time) are the progress lines.
	WaitWindow, KeyRetry, PolicyRetry string
	// CallWaiting (the service, the action, the time waited, the attempt, the most attempts,
	// the limit of one attempt) is a call still without an answer; CallRetry (the service,
	// the action, why the last attempt failed, the attempt, the most attempts) a call tried
	// again.
	CallWaiting, CallRetry string
	// TeardownRetry (why the last pass failed, the pass, the most passes, the wait) is a
	// teardown pass about to start again; GaveUpRefused (how long) a teardown that stopped
	// because nothing accepted its connections. The TUI shows these too.
	TeardownRetry, GaveUpRefused string

	// EnterTwo and EnterOne ask for codes: the device serial. CodeLabel and CodeLabelN (which
	// of the two) prompt for one code.
	EnterTwo, EnterOne, CodeLabel, CodeLabelN string
	// Refused words a refused code (see Text.CodeRefused).
	Refused RefusalText

	// Creates says what a live run creates, by scenario; Confirm asks: Creates, the
	// account, the caller's ARN. NeedsConfirmation is a live run that cannot ask.
	Creates           map[scenario.Kind]string
	Confirm           string
	NeedsConfirmation string

	// Lesson ends a run that showed the lesson, by scenario.
	Lesson map[scenario.Kind]string
	// NotEnforced ends a run whose backend let the call without MFA through: NotEnforcedWhat
	// of the scenario.
	NotEnforced     string
	NotEnforcedWhat map[scenario.Kind]string
	// Interrupted, FailedAt (the step's title) and Error (the error) say why a run ended
	// otherwise; then Clean, or Left (what is left) and RemoveWith (the cleanup command for
	// the run's target, the journal) — on the embedded emulator Command.AbortEmulator instead.
	Interrupted, FailedAt, Error, Clean, Left, RemoveWith string
	// OutputClosed (the write error) is said on stderr when the lines could not all be
	// written: the reader of a pipe went away.
	OutputClosed string
}

// RefusalText words a refused MFA code. Field, FieldN (which of the two) and Fields name
// the code; the sentences start with that name.
type RefusalText struct {
	Field, FieldN, Fields string
	// NotSixDigits: the code's name.
	NotSixDigits string
	// Same has no values.
	Same string
	// Used: the code's name, the wait for the next code.
	Used string
	// Rejected: the code's name, AWS's error code.
	Rejected string
	// Other: the code's name.
	Other string
}

// CodeRefused says why a code was refused.
func (t Text) CodeRefused(e *scenario.CodeError) string {
	r := t.Plain.Refused
	field := r.Field
	switch {
	case e.Pair && e.Field > 0:
		field = fmt.Sprintf(r.FieldN, e.Field)
	case e.Pair:
		field = r.Fields
	}
	switch e.Problem {
	case scenario.CodeNotSixDigits:
		return fmt.Sprintf(r.NotSixDigits, field)
	case scenario.CodeSame:
		return r.Same
	case scenario.CodeUsed:
		return fmt.Sprintf(r.Used, field, e.Wait.Round(time.Second))
	case scenario.CodeRejected:
		var api smithy.APIError
		code := ""
		if errors.As(e.Err, &api) {
			code = api.ErrorCode()
		}
		return fmt.Sprintf(r.Rejected, field, code)
	}
	return fmt.Sprintf(r.Other, field)
}

// LabText words the condition lab's grid.
type LabText struct {
	// Columns head the grid's columns, by credential; Policy heads the rows.
	Columns map[scenario.Credential]string
	Policy  string
	// Rows name each policy variant in a few words, Lessons say in one sentence what its
	// row teaches; both by Variant.ID.
	Rows, Lessons map[string]string
	// Allowed and Denied are a cell's answer; Wrong marks one the backend got wrong.
	Allowed, Denied, Wrong string
	// Skipped says why a row was not run, by reason.
	Skipped map[scenario.SkipReason]string
	// Sessions is the credentials step: the session key without MFA, the one with.
	Sessions string
	// AsDocumented (Cells counted) heads a grid the backend answered as AWS documents it;
	// WrongCells (Cells counted, then Cells counted again: the wrong ones, all) one it did not.
	AsDocumented, WrongCells string
	Cells                    Forms
	// WrongCell lists one wrong cell: the row's number, its name, the column, the answer,
	// the documented answer.
	WrongCell string
	// Retry is the grid's progress line: the row's number, the AWS error code or Allowed,
	// the time.
	Retry string
	// Why is the line under a denied cell in plain mode: the row's number, the column,
	// then Explain's lines joined.
	Why string
}

// WhyText explains a decision from IAM's policy simulator.
type WhyText struct {
	// Request: the action, the principal.
	Request string
	// Context: the keys, each Key (name, value) or Absent (name), joined by ", ".
	Context, Key, Absent string
	// Decided: the decision, then the deciding Statements joined by ", ", or None.
	Decided string
	// Statement: its number, its policy; Unplaced: the policy, when the simulator gave no
	// position.
	Statement, Unplaced string
	// None is an implicit deny: no statement allowed the request.
	None string
	// Trust is the assume-role refusal with the user's own policy allowing: the trust
	// policy's MFA condition refused it.
	Trust string
}

// Explain is a decision explained, one sentence a line: the request, its MFA keys, and what
// IAM's simulator decided with which statements.
func (t Text) Explain(w scenario.Why) []string {
	y := t.Why
	keys := make([]string, 0, len(w.Keys))
	for _, k := range w.Keys {
		if k.Present {
			keys = append(keys, fmt.Sprintf(y.Key, k.Name, k.Value))
		} else {
			keys = append(keys, fmt.Sprintf(y.Absent, k.Name))
		}
	}
	var decided []string
	for _, s := range w.Statements {
		if s.Index > 0 {
			decided = append(decided, fmt.Sprintf(y.Statement, s.Index, s.Policy))
		} else {
			decided = append(decided, fmt.Sprintf(y.Unplaced, s.Policy))
		}
	}
	by := y.None
	if len(decided) > 0 {
		by = strings.Join(decided, ", ")
	}
	lines := []string{
		fmt.Sprintf(y.Request, w.Action, w.Principal),
		fmt.Sprintf(y.Context, strings.Join(keys, ", ")),
		fmt.Sprintf(y.Decided, w.Decision, by),
	}
	if w.Action == "sts:AssumeRole" && w.Allowed() {
		lines = append(lines, y.Trust)
	}
	return lines
}

// ReachText words a scenario.ReachError: Refused (where), Silent (where, the limit of one
// attempt, the attempts), NotAWS (where, the HTTP status). AWS names real AWS as "where".
type ReachText struct {
	Refused, Silent, NotAWS, AWS string
}

// Describe is an error as a trainee reads it: one sentence for a target that could not be
// talked to, the error's own text otherwise.
func (t Text) Describe(err error) string {
	var re *scenario.ReachError
	if !errors.As(err, &re) {
		return err.Error()
	}
	where := re.Endpoint
	if where == "" {
		where = t.Reach.AWS
	}
	switch re.Problem {
	case scenario.ReachRefused:
		return fmt.Sprintf(t.Reach.Refused, where)
	case scenario.ReachSilent:
		return fmt.Sprintf(t.Reach.Silent, where, aws.ResponseTimeout, aws.MaxAttempts)
	}
	return fmt.Sprintf(t.Reach.NotAWS, where, re.Status)
}

// ClockOff is step 0's warning about a local clock off from AWS's by skew (AWS's time minus
// the local one), or "" when the clock is close enough for codes.
func (t Text) ClockOff(skew time.Duration) string {
	if skew.Abs() <= scenario.ClockWarning {
		return ""
	}
	way := t.Plain.Behind
	if skew < 0 {
		way = t.Plain.Ahead
	}
	return fmt.Sprintf(t.Plain.ClockOff, skew.Abs().Round(time.Second), way)
}

// CleanupText is the report of `mfa-demo cleanup`.
type CleanupText struct {
	// Elsewhere (a journal) and Unverified (a resource) are what cleanup leaves alone.
	Elsewhere, Unverified string
	// Nothing (the target, the account) is a target with nothing to clean up.
	Nothing string
	// Found (the target, the account) heads the leftovers, one Run (run ID, its resources)
	// a line.
	Found, Run string
	// Ask asks before deleting; Kept is the answer no.
	Ask, Kept string
	// Discarding (Journals counted) announces journals with nothing left.
	Discarding string
	Journals   Forms
	// FileRemoved (the file's path) is a saved QR PNG an earlier run left, now removed.
	FileRemoved string
	// Done ends a cleanup that left nothing.
	Done string
}

// CommandText is what the command says outside a run.
type CommandText struct {
	// Usage is the help text.
	Usage string
	// Version: the version.
	Version string
	// OperatorPolicyHelp is the help of `mfa-demo operator-policy`.
	OperatorPolicyHelp string
	// UnexpectedArg: the argument.
	UnexpectedArg string
	// TwoTargets: --live with --endpoint-url.
	TwoTargets string
	// UnknownScenario: the name given.
	UnknownScenario string
	// BadAmbiguousWidth (the value: auto, narrow or wide) and BadQR (the value: half or
	// full) are flag values of the wrong kind.
	BadAmbiguousWidth, BadQR string
	// UnknownLang: the --lang given, the languages there are ("en, ja, pt-BR, id").
	UnknownLang string
	// BadRunID: a --run-id of the wrong shape.
	BadRunID string
	// NoCredentials, BadCredentials and LiveEndpoint (the endpoint) are a live target
	// whose credentials are missing, broken, or point elsewhere.
	NoCredentials, BadCredentials, LiveEndpoint string
	// NoEndpointCredentials is --endpoint-url with no credentials configured at all;
	// BadEndpoint (the value given) an --endpoint-url that is not a URL.
	NoEndpointCredentials, BadEndpoint string
	// EmulatorListening (the endpoint, the account, the admin's ARN), EmulatorEverywhere
	// (the --listen address), EmulatorUse, EmulatorPathStyle, EmulatorDemo and EmulatorStop
	// are what `mfa-demo emulator` prints around the block to paste (the last three as its
	// comments); EmulatorDelay and EmulatorOffset (the duration) its realism options.
	EmulatorListening, EmulatorEverywhere, EmulatorUse, EmulatorPathStyle, EmulatorDemo, EmulatorStop string
	EmulatorDelay, EmulatorOffset                                                                     string
	// HungUp, Interrupted and ExitNow are what a signal prints.
	HungUp, Interrupted, ExitNow string
	// AbortEmulator and AbortLeft (the cleanup command for the run's target, the journal)
	// say what an exit without teardown leaves.
	AbortEmulator, AbortLeft string
}
