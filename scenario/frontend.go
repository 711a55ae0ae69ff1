package scenario

import (
	"context"
	"errors"
)

// FrontEnd is what Run talks to, and the only thing it talks to: Run tells it what happens
// (Event) and asks it what only a person can answer (Begin, Codes, Continue). The TUI and
// plain mode are its two implementations; neither decides which step comes next.
//
// Event is never called by two goroutines at once (a call that waits reports from a timer's),
// and must not block for long. Every question must return as soon as ctx ends (with ctx's error): that is how a quit or a signal reaches a
// run that waits on the trainee.
type FrontEnd interface {
	// Event reports a step starting or finishing, progress within a step, or an AWS call.
	Event(ev Event)
	// Begin is asked once, after step 0 and before anything is created: which scenario to
	// follow and, on live AWS, whether the run may create resources in that account.
	Begin(ctx context.Context, q BeginQuestion) (BeginAnswer, error)
	// Codes asks for MFA codes; after a refusal it is asked again with the reason.
	Authenticator
	// Continue waits until the trainee has read the result of step (the QR code, a
	// policy, the outcome without and with MFA). A front end that shows everything at
	// once returns at once.
	Continue(ctx context.Context, step StepID) error
}

// BeginQuestion is what Begin is asked: who the operator is, where the calls go and which
// scenario the run was started with.
type BeginQuestion struct {
	Who  WhoAmIResult
	Kind Kind
	// Live means nothing may be created unless the answer confirms it.
	Live bool
}

// BeginAnswer is the front end's answer to Begin.
type BeginAnswer struct {
	// Kind is the scenario to follow; empty keeps the question's.
	Kind Kind
	// Confirmed says the trainer agreed to create resources in a live account. Run stops
	// with ErrDeclined when a live run is not confirmed.
	Confirmed bool
}

// ErrNotConfirmed is a create attempted on live AWS before the run was confirmed.
var ErrNotConfirmed = errors.New("live AWS: nothing may be created before the trainer confirms the run")

// Event is one thing Run reports: StepStarted, StepFinished, Progress or CallMade.
type Event interface{ isEvent() }

// StepStarted is reported before a step's first call (or its first question).
type StepStarted struct {
	Step StepID
}

// StepFinished carries a step's typed result (WhoAmIResult, UserResult, DeviceResult for
// both StepCreateDevice and StepShowQR, …, TeardownReport) and its error.
type StepFinished struct {
	Step   StepID
	Result any
	Err    error
}

// CallMade is one AWS call, reported as soon as it has its answer; secrets are redacted.
type CallMade struct {
	Call Call
}

func (StepStarted) isEvent()  {}
func (StepFinished) isEvent() {}
func (Progress) isEvent()     {}
func (CallMade) isEvent()     {}

// readAfter lists the steps whose result the trainee reads before Run goes on.
var readAfter = map[StepID]bool{
	StepShowQR:      true,
	StepUserPolicy:  true,
	StepCreateRole:  true,
	StepRolePolicy:  true,
	StepAllowAssume: true,
	StepWithoutMFA:  true,
	StepWithMFA:     true,
	StepGrid:        true,
}

// ReadAfter reports whether Run asks Continue after step: front ends that pause use it to
// know which steps have a screen of their own.
func ReadAfter(step StepID) bool { return readAfter[step] }
