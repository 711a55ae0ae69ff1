package scenario

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/mfa-demo/mfa-demo/aws"
)

// Exit statuses of a run, as the command documents them.
const (
	ExitLesson      = 0 // the lesson was shown and teardown is complete
	ExitFailure     = 1 // a step failed; teardown was attempted and names what is left
	ExitUsage       = 2 // bad flags, refused credentials, or the trainer declined
	ExitNotEnforced = 3 // the backend let the session without MFA through; teardown is complete
)

// ErrDeclined is a live run the trainer chose not to start.
var ErrDeclined = errors.New("not confirmed: nothing was created")

// Summary is how a run ended.
type Summary struct {
	RunID       string
	Kind        Kind
	Target      TargetKind
	Outcome     Outcome // of the without-MFA step, when it ran
	Lesson      bool    // refused without MFA and listed with MFA
	Failed      StepID  // the step that failed; "" when none did
	Interrupted bool    // the run's context was cancelled (SIGINT, SIGTERM, quit)
	Teardown    TeardownReport
	Err         error // the failure, joined with the teardown's error
}

// ExitCode is the process exit status the summary calls for.
func (s Summary) ExitCode() int {
	switch {
	case errors.Is(s.Err, ErrRootCredentials), errors.Is(s.Err, ErrDeclined):
		if len(s.Teardown.Remaining) == 0 {
			return ExitUsage
		}
		return ExitFailure
	case s.Err != nil, len(s.Teardown.Remaining) > 0:
		return ExitFailure
	case s.Outcome == OutcomeNotEnforced:
		return ExitNotEnforced
	case s.Lesson:
		return ExitLesson
	}
	return ExitFailure
}

// Run is the demo: it is the only place the steps are sequenced, for every front end. It
// runs the scenario's steps in order, asks fe whenever a person must answer (a refused code
// is asked again), reports every step, progress report and AWS call to fe as it happens, and
// always tears down before it returns — after success, after a failure, and when ctx is
// cancelled — reporting the teardown through the same events.
func (d *Demo) Run(ctx context.Context, fe FrontEnd) Summary {
	// A call that waits reports it from a timer's goroutine; the front end still hears one
	// event at a time.
	fe = &serialEvents{FrontEnd: fe}
	d.mu.Lock()
	d.fe = fe
	d.mu.Unlock()
	ctx = aws.WithCallLog(ctx, &aws.CallLog{
		Notify: func(c aws.Call) { fe.Event(CallMade{Call: c}) },
		Waiting: func(w aws.Wait) {
			d.mu.Lock()
			step := d.running
			d.mu.Unlock()
			fe.Event(Progress{Step: step, Call: &w})
		},
	})
	s := Summary{RunID: d.env.RunID, Target: d.env.Target}
	if err := d.runSteps(ctx, fe, &s); err != nil {
		s.Err = err
		s.Interrupted = ctx.Err() != nil
	}
	s.Kind = d.kind()
	d.setRunning(StepTeardown)
	fe.Event(StepStarted{Step: StepTeardown})
	rep, err := d.Teardown(ctx)
	s.Teardown = rep
	if err != nil {
		err = fmt.Errorf("%s: %w", StepTeardown, err)
	}
	fe.Event(StepFinished{Step: StepTeardown, Result: rep, Err: err})
	if err != nil {
		s.Err = errors.Join(s.Err, err)
	}
	return s
}

// runSteps runs the scenario's steps before the teardown, stopping at the first failure.
func (d *Demo) runSteps(ctx context.Context, fe FrontEnd, s *Summary) error {
	step := func(id StepID, fn func() (any, error)) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		d.setRunning(id)
		fe.Event(StepStarted{Step: id})
		res, err := fn()
		err = reach(err, d.env.Clients.Endpoint())
		fe.Event(StepFinished{Step: id, Result: res, Err: err})
		if err != nil {
			s.Failed = id
			return err
		}
		if readAfter[id] {
			if err := fe.Continue(ctx, id); err != nil {
				return err
			}
		}
		return nil
	}
	var device DeviceResult
	var without WithoutMFAResult
	var grid GridResult
	policy := func(id StepID) func() (any, error) {
		return func() (any, error) { return d.Policy(ctx, id) }
	}
	steps := map[StepID]func() (any, error){
		StepWhoAmI:       func() (any, error) { return d.WhoAmI(ctx) },
		StepCreateUser:   func() (any, error) { return d.CreateUser(ctx) },
		StepCreateDevice: func() (r any, err error) { device, err = d.CreateDevice(ctx); return device, err },
		StepShowQR:       func() (any, error) { return device, nil },
		StepEnableDevice: func() (any, error) { return d.enableWithCodes(ctx, fe) },
		StepCreateKey:    func() (any, error) { return d.CreateAccessKey(ctx) },
		StepWaitForKey:   func() (any, error) { return d.WaitForKey(ctx) },
		StepUserPolicy:   policy(StepUserPolicy),
		StepCreateRole:   policy(StepCreateRole),
		StepRolePolicy:   policy(StepRolePolicy),
		StepAllowAssume:  policy(StepAllowAssume),
		StepWithoutMFA:   func() (r any, err error) { without, err = d.WithoutMFA(ctx); return without, err },
		StepWithMFA:      func() (any, error) { return d.withMFACode(ctx, fe) },
		StepCredentials:  func() (any, error) { return d.LabCredentials(ctx, fe) },
		StepGrid:         func() (r any, err error) { grid, err = d.Grid(ctx); return grid, err },
	}
	if err := step(StepWhoAmI, steps[StepWhoAmI]); err != nil {
		return fmt.Errorf("%s: %w", StepWhoAmI, err)
	}
	if err := d.begin(ctx, fe); err != nil {
		return err
	}
	for _, id := range Steps(d.kind())[1:] {
		fn, ok := steps[id]
		if !ok {
			continue // teardown runs after the steps, whatever happened
		}
		if err := step(id, fn); err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		switch id {
		case StepWithoutMFA:
			s.Outcome = without.Outcome
		case StepGrid:
			// The lab's lesson is the whole grid answered as AWS documents it.
			s.Outcome = grid.Outcome()
		}
	}
	s.Lesson = s.Outcome == OutcomeDenied
	return nil
}

// setRunning notes the step whose calls are being made, for the reports of calls that wait.
func (d *Demo) setRunning(id StepID) {
	d.mu.Lock()
	d.running = id
	d.mu.Unlock()
}

// serialEvents passes a front end's events on one at a time, whichever goroutine reports them.
type serialEvents struct {
	FrontEnd
	mu sync.Mutex
}

func (s *serialEvents) Event(ev Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.FrontEnd.Event(ev)
}

// begin asks the front end which scenario to follow and, on live AWS, whether to go on; only
// a confirmed answer lets the creates through (see intend).
func (d *Demo) begin(ctx context.Context, fe FrontEnd) error {
	d.mu.Lock()
	who := d.who
	d.mu.Unlock()
	live := d.env.Target == TargetLive
	ans, err := fe.Begin(ctx, BeginQuestion{Who: who, Kind: d.kind(), Live: live})
	if err != nil {
		return err
	}
	if ans.Kind != "" {
		if err := d.Choose(ans.Kind); err != nil {
			return err
		}
	}
	if live && !ans.Confirmed {
		return ErrDeclined
	}
	d.mu.Lock()
	d.confirmed = true
	d.mu.Unlock()
	return nil
}

// enableWithCodes asks the authenticator for two codes until AWS accepts a pair.
func (d *Demo) enableWithCodes(ctx context.Context, auth Authenticator) (EnableResult, error) {
	var res EnableResult
	err := d.askCodes(ctx, auth, StepEnableDevice, 2, func(codes []string) error {
		var err error
		res, err = d.EnableDevice(ctx, codes[0], codes[1])
		return err
	})
	return res, err
}

// withMFACode asks the authenticator for one code until STS accepts it.
func (d *Demo) withMFACode(ctx context.Context, auth Authenticator) (WithMFAResult, error) {
	var res WithMFAResult
	err := d.askCodes(ctx, auth, StepWithMFA, 1, func(codes []string) error {
		var err error
		res, err = d.WithMFA(ctx, codes[0])
		return err
	})
	return res, err
}

// askCodes asks auth for codes and tries them, again after every *CodeError, until use succeeds,
// fails otherwise, or the authenticator gives up.
func (d *Demo) askCodes(ctx context.Context, auth Authenticator, step StepID, n int, use func([]string) error) error {
	d.mu.Lock()
	serial := d.serial
	d.mu.Unlock()
	var refused *CodeError
	for attempt := 1; ; attempt++ {
		codes, err := auth.Codes(ctx, CodeRequest{Step: step, Count: n, Serial: serial, Attempt: attempt, Retry: refused, demo: d})
		if err != nil {
			return fmt.Errorf("MFA codes: %w", err)
		}
		if len(codes) != n {
			return fmt.Errorf("MFA codes: the authenticator gave %d codes, %d wanted", len(codes), n)
		}
		err = use(codes)
		if !errors.As(err, &refused) {
			return err
		}
	}
}
