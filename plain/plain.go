// Package plain is mfa-demo's line front end, for pipes, CI, screen readers and --plain: one
// line per step as it finishes, MFA codes and the live question read from stdin, the waits
// as progress lines, a summary of how the run ended, and the report of `mfa-demo cleanup`.
// It answers scenario.Run's questions and decides nothing about what comes next.
package plain

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/scenario"
	"github.com/mfa-demo/mfa-demo/text"
)

// Options configures plain mode.
type Options struct {
	// Text is the language; the zero value means text.English.
	Text text.Text
	// In is where codes and answers are read from, Out where the lines go, Err where
	// cleanup reports its errors.
	In       io.Reader
	Out, Err io.Writer
	// Prompt is where the questions go, with what answering them needs (the key to add to
	// an app, why a code was refused): the terminal when Out is a file (`mfa-demo > run.log`),
	// so that the trainee sees what is asked. Nil means Out.
	Prompt io.Writer
	// Interactive says a person at a terminal reads Prompt and types into In: only then is
	// a question asked.
	Interactive bool
	// Yes answers the live question (and cleanup's) with yes without asking (--yes).
	Yes bool
	// AutoMFA lets the built-in authenticator answer every code (--auto-mfa).
	AutoMFA bool
	// Version, Kind and Target are the run's, for the header line; Endpoint is where the
	// calls go ("" for live AWS).
	Version  string
	Kind     scenario.Kind
	Target   scenario.TargetKind
	Endpoint string
}

func (o Options) text() text.Text {
	if o.Text.Steps == nil {
		return text.English
	}
	return o.Text
}

// Run runs the demo in plain mode: the header, a line per step, the summary. It returns the
// summary; its ExitCode is the process's exit status.
func Run(ctx context.Context, d *scenario.Demo, opts Options) scenario.Summary {
	fe := newFrontEnd(opts)
	t := fe.t
	fe.printf(t.Plain.Header+"\n", opts.Version, opts.Kind, d.RunID(), t.Where(opts.Target, opts.Endpoint))
	s := d.Run(ctx, fe)
	fe.summary(s)
	if err := fe.out.err; err != nil && opts.Err != nil {
		fmt.Fprintf(opts.Err, t.Plain.Error+"\n", fmt.Sprintf(t.Plain.OutputClosed, err))
	}
	return s
}

// output is plain mode's stdout: it keeps the first write error and goes on, because a
// reader that went away (`| head -3`) must not stop the run before its teardown.
type output struct {
	w   io.Writer
	err error
}

func (o *output) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	if err != nil && o.err == nil {
		o.err = err
	}
	return n, err
}

// frontEnd is plain mode's scenario.FrontEnd. Run calls it from one goroutine, so it needs
// no lock.
type frontEnd struct {
	opts  Options
	t     text.Text
	out   *output
	w     io.Writer
	ask   io.Writer // where questions go: Options.Prompt, else w
	lines *lineReader
	kind  scenario.Kind
	width int // of the step-title column
	// waited is the attempt of a call whose wait was last said.
	waited aws.WaitKey
}

func newFrontEnd(opts Options) *frontEnd {
	in := opts.In
	if in == nil {
		in = strings.NewReader("")
	}
	out := &output{w: opts.Out}
	fe := &frontEnd{opts: opts, t: opts.text(), out: out, w: out, ask: opts.Prompt, lines: newLineReader(in)}
	if fe.ask == nil {
		fe.ask = out
	}
	fe.setKind(opts.Kind)
	return fe
}

// setKind sets the scenario whose step titles the lines use, and the title column's width:
// that of the scenario's longest title.
func (fe *frontEnd) setKind(kind scenario.Kind) {
	fe.kind = kind
	fe.width = 0
	for _, id := range scenario.Steps(kind) {
		fe.width = max(fe.width, ansi.StringWidth(fe.t.Step(kind, id)+":"))
	}
}

func (fe *frontEnd) printf(format string, args ...any) { fmt.Fprintf(fe.w, format, args...) }

// askf writes a question, or what answering it needs, where the person answering sees it.
func (fe *frontEnd) askf(format string, args ...any) { fmt.Fprintf(fe.ask, format, args...) }

// Event prints a finished step's line and the progress of the waits; a step's start and
// the calls print nothing.
func (fe *frontEnd) Event(ev scenario.Event) {
	switch ev := ev.(type) {
	case scenario.StepFinished:
		fe.stepFinished(ev)
	case scenario.Progress:
		fe.progress(ev)
	case scenario.CallMade:
		fe.waited = aws.WaitKey{} // the next call's waits are its own
	}
}

// Begin keeps the scenario the run was started with and, on live AWS, asks before anything
// is created: --yes answers yes, and without a terminal nobody can answer.
func (fe *frontEnd) Begin(ctx context.Context, q scenario.BeginQuestion) (scenario.BeginAnswer, error) {
	fe.setKind(q.Kind)
	ans := scenario.BeginAnswer{Kind: q.Kind}
	if !q.Live {
		return ans, nil
	}
	if fe.opts.Yes {
		ans.Confirmed = true
		return ans, nil
	}
	if !fe.opts.Interactive {
		return ans, errors.New(fe.t.Plain.NeedsConfirmation)
	}
	fe.askf(fe.t.Plain.Confirm, fe.t.Plain.Creates[q.Kind], q.Who.Identity.Account, q.Who.Identity.Arn)
	line, err := fe.lines.read(ctx)
	if err != nil {
		return ans, err
	}
	ans.Confirmed = saidYes(line)
	return ans, nil
}

// Continue returns at once: plain mode has printed everything there is to read.
func (fe *frontEnd) Continue(context.Context, scenario.StepID) error { return nil }

// Codes asks the built-in authenticator with --auto-mfa, the trainee on stdin otherwise.
func (fe *frontEnd) Codes(ctx context.Context, req scenario.CodeRequest) ([]string, error) {
	if fe.opts.AutoMFA {
		return scenario.AutoMFA{}.Codes(ctx, req)
	}
	return fe.prompt(ctx, req)
}

// progress prints the waits plain mode would otherwise sit through silently.
func (fe *frontEnd) progress(pr scenario.Progress) {
	p := fe.t.Plain
	switch {
	case pr.WaitNext > 0:
		fe.detail(p.WaitWindow, pr.WaitNext.Round(time.Second))
	case pr.Call != nil && pr.Call.Reason != "":
		c := pr.Call
		fe.detail(p.CallRetry, strings.ToUpper(c.Service), c.Action, c.Reason, c.Attempt, c.MaxAttempts)
	case pr.Call != nil:
		c := pr.Call
		if fe.waited == c.Key() {
			return // said once per attempt: the line says how long it may take
		}
		fe.waited = c.Key()
		fe.detail(p.CallWaiting, strings.ToUpper(c.Service), c.Action, c.Elapsed.Round(time.Second), c.Attempt, c.MaxAttempts, c.Limit)
	case pr.Retry > 0:
		fe.detail(p.TeardownRetry, pr.Code, pr.Attempt, scenario.TeardownPasses, pr.Retry)
	case pr.Step == scenario.StepWaitForKey:
		fe.detail(p.KeyRetry, pr.Code, pr.Elapsed.Round(time.Millisecond))
	case pr.Step == scenario.StepWithMFA:
		fe.detail(p.PolicyRetry, pr.Code, pr.Elapsed.Round(time.Millisecond))
	case pr.Step == scenario.StepGrid:
		code := pr.Code
		if code == "" {
			code = fe.t.Lab.Allowed
		}
		fe.detail(fe.t.Lab.Retry, pr.Row, code, pr.Elapsed.Round(time.Millisecond))
	}
}

// summary ends plain mode with what the exit status means.
func (fe *frontEnd) summary(s scenario.Summary) {
	p := fe.t.Plain
	switch s.ExitCode() {
	case scenario.ExitLesson:
		fe.printf("%s\n", p.Lesson[fe.kind])
	case scenario.ExitNotEnforced:
		fe.printf(p.NotEnforced+"\n", p.NotEnforcedWhat[fe.kind])
	default:
		switch {
		case s.Interrupted:
			fe.printf("%s\n", p.Interrupted)
		case s.Failed != "":
			fe.printf(p.FailedAt+"\n", fe.t.Step(fe.kind, s.Failed))
		default:
			fe.printf(p.Error+"\n", fe.t.Describe(s.Err))
		}
		if d := s.Teardown.GaveUpRefused; d > 0 {
			fe.printf(p.GaveUpRefused+"\n", d.Round(time.Second))
		}
		if len(s.Teardown.Remaining) == 0 {
			fe.printf("%s\n", p.Clean)
		} else {
			fe.printf(p.Left+"\n", strings.Join(s.Teardown.Remaining, ", "))
			if cmd := s.Teardown.CleanupCommand; cmd != "" {
				fe.printf(p.RemoveWith+"\n", cmd, s.Teardown.Journal)
			} else {
				fe.printf("%s\n", fe.t.Command.AbortEmulator)
			}
		}
	}
}
