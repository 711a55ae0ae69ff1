package scenario

import (
	"context"
	"errors"
	"fmt"
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

// Observer hears about Run's steps as they happen; plain mode prints them.
type Observer interface {
	// StepStarted is called before a step's first call.
	StepStarted(step StepID)
	// StepFinished gets the step's result (WhoAmIResult, UserResult, DeviceResult for both
	// StepCreateDevice and StepShowQR, …, TeardownReport) and its error.
	StepFinished(step StepID, result any, err error)
	// ConfirmLive asks, on live AWS only, whether to create resources in this account.
	ConfirmLive(ctx context.Context, who WhoAmIResult) (bool, error)
}

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

// Run is plain mode: every step in order with codes from the Authenticator, a refused code
// asked again, and teardown always — after success, after a failure, and when ctx is cancelled.
func (d *Demo) Run(ctx context.Context, obs Observer) Summary {
	s := Summary{RunID: d.env.RunID, Kind: d.env.Kind, Target: d.env.Target}
	if err := d.runSteps(ctx, obs, &s); err != nil {
		s.Err = err
		s.Interrupted = ctx.Err() != nil
	}
	obs.StepStarted(StepTeardown)
	rep, err := d.Teardown(ctx)
	s.Teardown = rep
	obs.StepFinished(StepTeardown, rep, err)
	if err != nil {
		s.Err = errors.Join(s.Err, err)
	}
	return s
}

// runSteps runs the scenario's steps up to 9, stopping at the first failure.
func (d *Demo) runSteps(ctx context.Context, obs Observer, s *Summary) error {
	if d.env.Auth == nil {
		return errors.New("run needs an authenticator for the MFA codes")
	}
	step := func(id StepID, fn func() (any, error)) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		obs.StepStarted(id)
		res, err := fn()
		obs.StepFinished(id, res, err)
		if err != nil {
			s.Failed = id
		}
		return err
	}
	var device DeviceResult
	var without WithoutMFAResult
	policy := func(id StepID) func() (any, error) {
		return func() (any, error) { return d.Policy(ctx, id) }
	}
	steps := map[StepID]func() (any, error){
		StepWhoAmI: func() (any, error) {
			who, err := d.WhoAmI(ctx)
			if err != nil || d.env.Target != TargetLive {
				return who, err
			}
			ok, err := obs.ConfirmLive(ctx, who)
			if err == nil && !ok {
				err = ErrDeclined
			}
			return who, err
		},
		StepCreateUser:   func() (any, error) { return d.CreateUser(ctx) },
		StepCreateDevice: func() (r any, err error) { device, err = d.CreateDevice(ctx); return device, err },
		StepShowQR:       func() (any, error) { return device, nil },
		StepEnableDevice: func() (any, error) { return d.enableWithCodes(ctx) },
		StepCreateKey:    func() (any, error) { return d.CreateAccessKey(ctx) },
		StepWaitForKey:   func() (any, error) { return d.WaitForKey(ctx) },
		StepUserPolicy:   policy(StepUserPolicy),
		StepCreateRole:   policy(StepCreateRole),
		StepRolePolicy:   policy(StepRolePolicy),
		StepAllowAssume:  policy(StepAllowAssume),
		StepWithoutMFA:   func() (r any, err error) { without, err = d.WithoutMFA(ctx); return without, err },
		StepWithMFA:      func() (any, error) { return d.withMFACode(ctx) },
	}
	for _, id := range Steps(d.env.Kind) {
		fn, ok := steps[id]
		if !ok {
			continue // teardown runs after the steps, whatever happened
		}
		if err := step(id, fn); err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		if id == StepWithoutMFA {
			s.Outcome = without.Outcome
		}
	}
	s.Lesson = without.Outcome == OutcomeDenied
	return nil
}

// enableWithCodes asks the authenticator for two codes until AWS accepts a pair.
func (d *Demo) enableWithCodes(ctx context.Context) (EnableResult, error) {
	var res EnableResult
	err := d.askCodes(ctx, StepEnableDevice, 2, func(codes []string) error {
		var err error
		res, err = d.EnableDevice(ctx, codes[0], codes[1])
		return err
	})
	return res, err
}

// withMFACode asks the authenticator for one code until STS accepts it.
func (d *Demo) withMFACode(ctx context.Context) (WithMFAResult, error) {
	var res WithMFAResult
	err := d.askCodes(ctx, StepWithMFA, 1, func(codes []string) error {
		var err error
		res, err = d.WithMFA(ctx, codes[0])
		return err
	})
	return res, err
}

// askCodes asks for codes and tries them, again after every *CodeError, until use succeeds,
// fails otherwise, or the authenticator gives up.
func (d *Demo) askCodes(ctx context.Context, step StepID, n int, use func([]string) error) error {
	d.mu.Lock()
	serial := d.serial
	d.mu.Unlock()
	var refused *CodeError
	for attempt := 1; ; attempt++ {
		codes, err := d.env.Auth.Codes(ctx, CodeRequest{Step: step, Count: n, Serial: serial, Attempt: attempt, Retry: refused, demo: d})
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
