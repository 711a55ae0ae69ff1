// Package scenario is the MFA demo itself: the steps of SCENARIO.md, the outcomes each step
// expects, the MFA codes, the crash-safe journal and the teardown. Run is the only thing that
// sequences the steps; it talks to a front end (the TUI, plain mode) through the FrontEnd
// interface alone — events out, questions in — and nothing here prints or reads a terminal.
package scenario

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"

	"github.com/mfa-demo/mfa-demo/aws"
)

// Path is the IAM path every demo user, device, role and managed policy lives under; cleanup
// sweeps by it.
const Path = "/mfa-demo/"

// The tags every taggable demo resource carries; cleanup sweeps by the run id tag.
const (
	TagRunID     = "mfa-demo:run-id"
	TagCreatedAt = "mfa-demo:created-at"
	TagVersion   = "mfa-demo:version"
)

// namePrefix starts the name of everything the demo creates.
const namePrefix = "mfa-demo-"

// ClientFactory hands out AWS clients; package aws implements it. No step builds its own client.
type ClientFactory interface {
	// Operator returns the clients of whoever runs the demo.
	Operator() aws.Clients
	// User returns clients signing with the demo user's access key.
	User(keyID, secret string) aws.Clients
	// Session returns clients signing with temporary credentials.
	Session(keyID, secret, token string) aws.Clients
	// Endpoint is the base URL the clients talk to; empty for real AWS.
	Endpoint() string
	// Region is the region of the STS and S3 clients.
	Region() string
}

// Env is everything a demo depends on, injected so tests and front ends control it.
type Env struct {
	Clients ClientFactory
	Now     func() time.Time
	Sleep   func(ctx context.Context, d time.Duration) error
	// Journal records what the run creates so `cleanup` can find it after a crash; nil
	// disables journaling (tests of single steps).
	Journal *Journal
	// RunID makes the run's resource names unique; injected so tests and goldens are stable.
	RunID   string
	Version string
	Kind    Kind
	Target  TargetKind
	// MoveClock moves the target's clock d forward at once, leaving Now alone: the embedded
	// emulator's clock hook, with which the lab shows an MFA age running out without waiting
	// for it. Nil when the target's clock cannot be moved (live AWS, another endpoint): the
	// lab then skips that row and says why.
	MoveClock func(d time.Duration)
	// Preflight makes step 0 check, with SimulatePrincipalPolicy, that the operator holds
	// every permission of OperatorPolicy, and stop before anything is created if not. On
	// for live AWS; tests turn it on against the emulator.
	Preflight bool
	// CleanupCommand is the command that removes what this run leaves on its target, with
	// the target's flags ("mfa-demo cleanup --live"); empty on the embedded emulator. Every
	// hint to run cleanup, in every front end, names this command.
	CleanupCommand string
}

// Demo is one run of a scenario: the resources it created and the MFA steps it used.
// Its methods are the steps; they may be called from any goroutine, one step at a time.
type Demo struct {
	env Env

	mu        sync.Mutex
	account   string
	partition string
	userArn   string
	serial    string
	seed      string
	keyID     string
	secret    string
	enabled   bool
	roleArn   string            // assume-role
	policyArn string            // assume-role: the role's managed policy
	used      map[int64]bool    // TOTP steps sent and accepted in this run
	attempted map[string]bool   // resource kinds a create was attempted for
	who       WhoAmIResult      // step 0's answer, for the Begin question
	confirmed bool              // Begin was answered: on live AWS, with a yes
	fe        FrontEnd          // Run's front end: it hears the progress reports
	qrFile    string            // the QR PNG saved on request; teardown removes it
	documents map[string]string // inline policy name → the document as last put, compact
	lab       labCredentials    // the condition lab's sessions
	// noSimulator: SimulatePrincipalPolicy failed once in this run; explain asks no more.
	noSimulator bool
	running     StepID        // the step Run is at, for the reports of calls that wait
	skew        time.Duration // AWS's time minus the local clock's, measured at step 0
}

// Resource kinds, as the journal and teardown name them.
const (
	resUser       = "user"
	resDevice     = "mfa-device"
	resAccessKey  = "access-key"
	resUserPolicy = "user-policy"
	resRole       = "role"
	resPolicy     = "managed-policy"
)

// runIDPattern is what a run id may be: it ends up in IAM names, which allow little else.
var runIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// ValidRunID reports whether id may name a run: 1–32 lower-case letters, digits and dashes.
func ValidRunID(id string) bool { return runIDPattern.MatchString(id) }

// NewRunID is eight random hex digits: unique enough per account, short enough to read out.
func NewRunID() string {
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		return fmt.Sprintf("%08x", time.Now().UnixNano()&0xffffffff)
	}
	return hex.EncodeToString(b)
}

// New returns a demo ready for its first step. Missing clock and sleep default to real time.
func New(env Env) *Demo {
	if env.Now == nil {
		env.Now = time.Now
	}
	if env.Sleep == nil {
		env.Sleep = sleepContext
	}
	if env.Kind == "" {
		env.Kind = SessionToken
	}
	return &Demo{env: env, used: map[int64]bool{}, attempted: map[string]bool{}, documents: map[string]string{}}
}

// Choose sets the scenario the run follows, for a front end that lets the trainer pick it
// after step 0. It refuses once the run has tried to create anything.
func (d *Demo) Choose(kind Kind) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.attempted) > 0 {
		return fmt.Errorf("choose scenario %s: this run already creates resources for %s", kind, d.env.Kind)
	}
	d.env.Kind = kind
	return nil
}

// kind is the scenario the run follows now.
func (d *Demo) kind() Kind {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.env.Kind
}

// RunID is the id in the names of everything this run creates.
func (d *Demo) RunID() string { return d.env.RunID }

// UserName is the demo user's name.
func (d *Demo) UserName() string { return namePrefix + "user-" + d.env.RunID }

// DeviceName is the virtual MFA device's name.
func (d *Demo) DeviceName() string { return namePrefix + "mfa-" + d.env.RunID }

// UserPolicyName is the name of the user's inline policy.
func (d *Demo) UserPolicyName() string { return namePrefix + "user-policy-" + d.env.RunID }

// sleepContext waits for d or until ctx ends.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// tags are the tags of every taggable resource the run creates.
func (d *Demo) tags() []iamtypes.Tag {
	return []iamtypes.Tag{
		{Key: awssdk.String(TagRunID), Value: awssdk.String(d.env.RunID)},
		{Key: awssdk.String(TagCreatedAt), Value: awssdk.String(d.env.Now().UTC().Format(time.RFC3339))},
		{Key: awssdk.String(TagVersion), Value: awssdk.String(d.env.Version)},
	}
}

// recording returns a context whose calls land in a fresh log, for one step's result.
func recording(ctx context.Context) (context.Context, *aws.CallLog) {
	log := &aws.CallLog{}
	return aws.WithCallLog(ctx, log), log
}

// errorCode is the AWS error code of err, or "" when err is not an AWS answer.
func errorCode(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode()
	}
	return ""
}

// errorMessage is AWS's message for err, or the error text when err is not an AWS answer.
func errorMessage(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorMessage()
	}
	return err.Error()
}

// ErrOutOfOrder is returned by a step called before the steps it builds on.
var ErrOutOfOrder = errors.New("step called out of order")

// need fails with ErrOutOfOrder unless ok.
func need(ok bool, step StepID, what string) error {
	if ok {
		return nil
	}
	return fmt.Errorf("%s needs %s first: %w", step, what, ErrOutOfOrder)
}

// journal appends a record when the run has a journal.
func (d *Demo) journal(rec journalRecord) error {
	if d.env.Journal == nil {
		return nil
	}
	d.mu.Lock()
	target := journalTarget{Kind: d.env.Target.String(), Endpoint: d.env.Clients.Endpoint(), Account: d.account}
	kind := d.env.Kind
	d.mu.Unlock()
	rec.Time = d.env.Now().UTC()
	return d.env.Journal.append(rec, journalRecord{
		Time: rec.Time, Event: eventStart, RunID: d.env.RunID, Kind: string(kind),
		Version: d.env.Version, Target: &target,
	})
}

// intend journals that a resource is about to be created and remembers it for teardown;
// a create whose intent cannot be written is not attempted.
func (d *Demo) intend(kind, name string) error {
	d.mu.Lock()
	blocked := d.env.Target == TargetLive && !d.confirmed
	d.mu.Unlock()
	if blocked {
		return fmt.Errorf("create %s %s: %w", kind, name, ErrNotConfirmed)
	}
	if err := d.journal(journalRecord{Event: eventIntent, Resource: kind, Name: name}); err != nil {
		return fmt.Errorf("journal the %s about to be created: %w", kind, err)
	}
	d.mu.Lock()
	d.attempted[kind] = true
	d.mu.Unlock()
	return nil
}

// created journals the id of a resource that now exists. A failure here is not fatal: the
// intent is already on disk, and cleanup finds the resource by name.
func (d *Demo) created(kind, name, id string) {
	_ = d.journal(journalRecord{Event: eventCreated, Resource: kind, Name: name, ID: id})
}

// createdAs keeps the id AWS gave a new resource in *field, then journals it.
func (d *Demo) createdAs(field *string, kind, name, id string) {
	d.mu.Lock()
	*field = id
	d.mu.Unlock()
	d.created(kind, name, id)
}

// progress reports p to Run's front end, when there is one.
func (d *Demo) progress(p Progress) {
	d.mu.Lock()
	fe := d.fe
	d.mu.Unlock()
	if fe != nil {
		if p.Item != nil {
			item := *p.Item
			p.Item = &item
		}
		fe.Event(p)
	}
}

// redactSecret shows enough of a secret to recognise it, never the whole. The dots are
// ASCII: an ellipsis is of ambiguous width, which some CJK terminals draw double.
func redactSecret(s string) string {
	if len(s) <= 4 {
		return strings.Repeat("*", len(s))
	}
	return fmt.Sprintf("%s...(%d more)", s[:4], len(s)-4)
}
