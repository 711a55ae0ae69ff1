package tui

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// demo is the part of *scenario.Demo the TUI uses: Run, which drives the whole walkthrough
// through the bridge, and the read-only helpers of the code screen (the local check, the
// built-in authenticator, the current code). Only commands call it, each from Bubble Tea's
// command goroutine, so Update stays free of I/O. Update tests substitute a fake.
type demo interface {
	Run(ctx context.Context, fe scenario.FrontEnd) scenario.Summary
	CheckCode(code string) error
	AutoCodes(n int) ([]string, time.Duration)
	CurrentCode() (string, time.Duration)
	SaveQRPNG(dir string, png []byte) (string, error)
	RunID() string
}

// The messages of the TUI's own commands; the scenario's arrive through the bridge.
type (
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

// session is what the commands need: the demo, the contexts, the bridge and where files go.
// The model keeps a pointer to it; nothing in it changes after Run builds it.
type session struct {
	demo     demo
	bridge   *bridge
	ctx      context.Context // the run's; cancelled when the trainee quits
	cancel   context.CancelFunc
	parent   context.Context // the caller's; Done means a signal arrived
	stateDir string
	now      func() time.Time
}

func (s *session) autoCodes(n int, submit bool) tea.Cmd {
	return func() tea.Msg {
		codes, wait := s.demo.AutoCodes(n)
		return autoCodesMsg{codes, wait, submit}
	}
}

// savePNG saves the QR PNG the service returned; the scenario's teardown removes it.
func (s *session) savePNG(png []byte) tea.Cmd {
	return func() tea.Msg {
		path, err := s.demo.SaveQRPNG(s.stateDir, png)
		return pngSavedMsg{path: path, err: err}
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
