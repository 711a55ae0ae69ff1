package tui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// demo is the part of *scenario.Demo the TUI drives. The screens never see it: only the
// commands below call it, each from Bubble Tea's command goroutine, so Update stays free of I/O.
// Update tests substitute a fake.
type demo interface {
	WhoAmI(ctx context.Context) (scenario.WhoAmIResult, error)
	CreateUser(ctx context.Context) (scenario.UserResult, error)
	CreateDevice(ctx context.Context) (scenario.DeviceResult, error)
	EnableDevice(ctx context.Context, code1, code2 string) (scenario.EnableResult, error)
	CreateAccessKey(ctx context.Context) (scenario.KeyResult, error)
	WaitForKey(ctx context.Context) (scenario.WaitResult, error)
	Policy(ctx context.Context, step scenario.StepID) (scenario.PolicyResult, error)
	WithoutMFA(ctx context.Context) (scenario.WithoutMFAResult, error)
	WithMFA(ctx context.Context, code string) (scenario.WithMFAResult, error)
	Teardown(ctx context.Context) (scenario.TeardownReport, error)
	CheckCode(code string) error
	AutoCodes(n int) ([]string, time.Duration)
	CurrentCode() (string, time.Duration)
	RunID() string
	Choose(kind scenario.Kind) error
}

// One message per event a step can end with. Each carries the step's result (with its API
// calls for the log) and its error.
type (
	whoAmIMsg struct {
		res scenario.WhoAmIResult
		err error
	}
	userCreatedMsg struct {
		res scenario.UserResult
		err error
	}
	deviceCreatedMsg struct {
		res scenario.DeviceResult
		err error
	}
	deviceEnabledMsg struct {
		res scenario.EnableResult
		err error
	}
	keyCreatedMsg struct {
		res scenario.KeyResult
		err error
	}
	keyWorksMsg struct {
		res scenario.WaitResult
		err error
	}
	policyAttachedMsg struct {
		step scenario.StepID
		res  scenario.PolicyResult
		err  error
	}
	withoutMFAMsg struct {
		res scenario.WithoutMFAResult
		err error
	}
	withMFAMsg struct {
		res scenario.WithMFAResult
		err error
	}
	teardownDoneMsg struct {
		res scenario.TeardownReport
		err error
		// pngErr is set when the saved QR PNG could not be removed.
		pngErr error
	}
	// progressMsg is a scenario.Progress that arrived through the feed.
	progressMsg scenario.Progress
	// autoCodesMsg is what the built-in authenticator answered: codes, or how long to wait.
	autoCodesMsg struct {
		codes  []string
		wait   time.Duration
		submit bool
	}
	// retryAutoCodesMsg asks the authenticator again after a wait for a fresh window.
	retryAutoCodesMsg struct{ submit bool }
	// clockMsg ticks once a second while a code screen shows its countdown and the
	// authenticator panel; id tells the current loop from one a previous screen started.
	clockMsg struct {
		id   int
		now  time.Time
		code string
		left time.Duration
		used bool // this run already sent code: an app would show it, AWS would refuse it
	}
	// pngSavedMsg reports where the QR PNG went.
	pngSavedMsg struct {
		path string
		err  error
	}
	// stopMsg means the caller's context ended (a signal): tear down and leave.
	stopMsg struct{}
)

// session is what the commands need: the demo, the contexts and where files go. The model
// keeps a pointer to it; nothing in it changes after Run builds it.
type session struct {
	demo     demo
	ctx      context.Context // steps; cancelled when the trainee quits
	cancel   context.CancelFunc
	parent   context.Context // the caller's; Done means a signal arrived
	stateDir string
	feed     *ProgressFeed
	now      func() time.Time
}

// teardownTimeout bounds the teardown the TUI runs; the scenario's own retries are shorter.
const teardownTimeout = 2 * time.Minute

func (s *session) whoAmI() tea.Msg {
	res, err := s.demo.WhoAmI(s.ctx)
	return whoAmIMsg{res, err}
}

func (s *session) createUser() tea.Msg {
	res, err := s.demo.CreateUser(s.ctx)
	return userCreatedMsg{res, err}
}

func (s *session) createDevice() tea.Msg {
	res, err := s.demo.CreateDevice(s.ctx)
	return deviceCreatedMsg{res, err}
}

func (s *session) enableDevice(code1, code2 string) tea.Cmd {
	return func() tea.Msg {
		res, err := s.demo.EnableDevice(s.ctx, code1, code2)
		return deviceEnabledMsg{res, err}
	}
}

func (s *session) createKey() tea.Msg {
	res, err := s.demo.CreateAccessKey(s.ctx)
	return keyCreatedMsg{res, err}
}

func (s *session) waitForKey() tea.Msg {
	res, err := s.demo.WaitForKey(s.ctx)
	return keyWorksMsg{res, err}
}

func (s *session) policy(step scenario.StepID) tea.Cmd {
	return func() tea.Msg {
		res, err := s.demo.Policy(s.ctx, step)
		return policyAttachedMsg{step, res, err}
	}
}

func (s *session) withoutMFA() tea.Msg {
	res, err := s.demo.WithoutMFA(s.ctx)
	return withoutMFAMsg{res, err}
}

func (s *session) withMFA(code string) tea.Cmd {
	return func() tea.Msg {
		res, err := s.demo.WithMFA(s.ctx, code)
		return withMFAMsg{res, err}
	}
}

// teardown runs on a context of its own: quitting cancels the steps, never the cleanup.
func (s *session) teardown(pngPath string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(s.parent), teardownTimeout)
		defer cancel()
		res, err := s.demo.Teardown(ctx)
		msg := teardownDoneMsg{res: res, err: err}
		if pngPath != "" {
			if rmErr := os.Remove(pngPath); rmErr != nil && !errors.Is(rmErr, os.ErrNotExist) {
				msg.pngErr = rmErr
			}
		}
		return msg
	}
}

func (s *session) autoCodes(n int, submit bool) tea.Cmd {
	return func() tea.Msg {
		codes, wait := s.demo.AutoCodes(n)
		return autoCodesMsg{codes, wait, submit}
	}
}

// savePNG writes the QR PNG the service returned, readable by the trainee only: it holds the
// seed. The name carries the device name so two runs never share a file.
func (s *session) savePNG(device string, png []byte) tea.Cmd {
	return func() tea.Msg {
		if err := os.MkdirAll(s.stateDir, 0o700); err != nil {
			return pngSavedMsg{err: fmt.Errorf("create %s: %w", s.stateDir, err)}
		}
		path := filepath.Join(s.stateDir, device+"-qr.png")
		if err := os.WriteFile(path, png, 0o600); err != nil {
			return pngSavedMsg{err: fmt.Errorf("write %s: %w", path, err)}
		}
		// WriteFile keeps the mode of a file that already exists.
		if err := os.Chmod(path, 0o600); err != nil {
			return pngSavedMsg{err: fmt.Errorf("chmod %s: %w", path, err)}
		}
		return pngSavedMsg{path: path}
	}
}

// waitProgress delivers the next progress report. The model issues it again after each one,
// so exactly one reader is waiting at any time.
func (s *session) waitProgress() tea.Msg {
	if s.feed == nil {
		return nil
	}
	select {
	case p := <-s.feed.ch:
		return progressMsg(p)
	case <-s.feed.done:
		return nil
	}
}

// waitStop turns the end of the caller's context into a message, so a signal tears down
// through the same path as `q`.
func (s *session) waitStop() tea.Msg {
	<-s.parent.Done()
	return stopMsg{}
}

// clock reads the time (and the authenticator's current code, when its panel is shown) now
// and then once a second for as long as the model asks again.
func (s *session) clock(id int, withCode bool, wait bool) tea.Cmd {
	read := func() tea.Msg {
		msg := clockMsg{id: id, now: s.now()}
		if withCode {
			msg.code, msg.left = s.demo.CurrentCode()
			var ce *scenario.CodeError
			msg.used = errors.As(s.demo.CheckCode(msg.code), &ce) && ce.Problem == scenario.CodeUsed
		}
		return msg
	}
	if !wait {
		return read
	}
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return read() })
}

// ProgressFeed carries scenario.Progress reports from the step goroutines into the TUI.
// Build it before scenario.New and set Env.OnProgress to its Report method.
type ProgressFeed struct {
	ch   chan scenario.Progress
	done chan struct{}
}

// progressBuffer is generous: a teardown reports about ten items, a key wait a few dozen
// attempts at most.
const progressBuffer = 256

// NewProgressFeed returns an open feed.
func NewProgressFeed() *ProgressFeed {
	return &ProgressFeed{ch: make(chan scenario.Progress, progressBuffer), done: make(chan struct{})}
}

// Report hands p to the TUI. It never blocks the step that reports: when the TUI is gone or
// far behind, the report is dropped, which costs a tick on screen and nothing else, because
// every step's final result carries the whole state.
func (f *ProgressFeed) Report(p scenario.Progress) {
	if p.Item != nil {
		item := *p.Item
		p.Item = &item
	}
	select {
	case f.ch <- p:
	default:
	}
}

// close ends the reader that waits on the feed.
func (f *ProgressFeed) close() {
	select {
	case <-f.done:
	default:
		close(f.done)
	}
}
