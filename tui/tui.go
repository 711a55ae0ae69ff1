// Package tui is the Bubble Tea walkthrough of the MFA demo. scenario.Run drives it: a bridge
// (bridge.go) turns Run's events and questions into tea.Msgs, and the root model shows the
// screen that answers the open question, delegating to one small model per screen. All I/O
// is in tea.Cmds; the model never decides which step comes next.
package tui

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/mfa-demo/mfa-demo/scenario"
	"github.com/mfa-demo/mfa-demo/text"
)

// Options configures a run of the TUI.
type Options struct {
	// Text is the language of the walkthrough; the zero value means text.English.
	Text text.Text
	// AutoMFA lets the built-in authenticator fill in every code and send it by itself.
	AutoMFA bool
	// Target says where the calls go; the welcome screen names it and live AWS asks first.
	Target scenario.TargetKind
	// Kind is the scenario the demo was built for.
	Kind scenario.Kind
	// PickKind lets the trainer choose the scenario on the welcome screen (no --scenario
	// flag was given); the demo is switched to the choice before its first create.
	PickKind bool
	// QR is how the QR code is drawn: QRHalf (the default) or QRFull (--qr full).
	QR QRStyle
	// AmbiguousWidth is how the terminal draws East Asian ambiguous-width characters;
	// WidthAuto asks it before the walkthrough starts.
	AmbiguousWidth AmbiguousWidth
	// StateDir is where the QR PNG is saved on request (and removed at teardown).
	StateDir string
	// Input and Output replace the terminal (tests); nil means the terminal.
	Input  io.Reader
	Output io.Writer
	// Now is the clock of countdowns and elapsed times; nil means time.Now.
	Now func() time.Time
	// Environ is the environment colours are detected from (NO_COLOR, TERM); nil means
	// os.Environ().
	Environ []string
}

// Run shows the demo until the trainee leaves the summary, tearing down before it returns
// whatever happened (quit, failure, signal). The summary says how the run ended.
func Run(ctx context.Context, d *scenario.Demo, opts Options) (scenario.Summary, error) {
	if opts.AmbiguousWidth == WidthAuto && opts.Input == nil && opts.Output == nil {
		opts.AmbiguousWidth = detectAmbiguousWidth()
	}
	return run(ctx, d, opts)
}

// run is Run for any demo, and with extra program options for tests.
func run(ctx context.Context, d demo, opts Options, extra ...tea.ProgramOption) (scenario.Summary, error) {
	m, progOpts, cancel := prepare(ctx, d, opts)
	defer cancel()
	final, err := tea.NewProgram(m, append(progOpts, extra...)...).Run()
	fm, ok := final.(Model)
	if !ok {
		fm = m
	}
	summary := fm.summary
	if !fm.finished {
		// The program ended without reaching its summary (a signal, a kill, a panic): the
		// run is cancelled, and the scenario's teardown still happens before Run returns.
		fm.run.cancel()
		summary = fm.run.bridge.result()
		fm.teardown = fm.teardown.finish(summary.Teardown, nil)
	}
	out := opts.Output
	if out == nil {
		out = os.Stdout
	}
	fmt.Fprintln(out, fm.plainSummary(summary, fm.sh.width))
	if err != nil {
		return summary, fmt.Errorf("run the TUI: %w", err)
	}
	return summary, nil
}

// prepare builds the root model and the program options; tests use it to drive the model
// through teatest.
func prepare(ctx context.Context, d demo, opts Options) (Model, []tea.ProgramOption, context.CancelFunc) {
	if opts.Kind == "" {
		opts.Kind = scenario.SessionToken
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Text.Steps == nil {
		opts.Text = text.English
	}
	environ := opts.Environ
	if environ == nil {
		environ = os.Environ()
	}
	stepCtx, cancel := context.WithCancel(ctx)
	sess := &session{
		demo:     d,
		bridge:   newBridge(),
		ctx:      stepCtx,
		cancel:   cancel,
		parent:   ctx,
		stateDir: opts.StateDir,
		now:      opts.Now,
	}
	noColor := noColorSet(environ)
	m := newModel(sess, opts, newStyles(true, noColor, opts.AmbiguousWidth == WidthWide))

	progOpts := []tea.ProgramOption{tea.WithEnvironment(environ)}
	if opts.Input != nil {
		progOpts = append(progOpts, tea.WithInput(opts.Input))
	}
	if opts.Output != nil {
		progOpts = append(progOpts, tea.WithOutput(opts.Output))
	}
	if noColor {
		// The styles carry no colour under NO_COLOR, but the QR code must stay black on
		// white to be scannable, so the renderer keeps the profile the terminal has.
		var out io.Writer = os.Stdout
		if opts.Output != nil {
			out = opts.Output
		}
		progOpts = append(progOpts, tea.WithColorProfile(colorprofile.Detect(out, withoutNoColor(environ))))
	}
	return m, progOpts, cancel
}

// noColorSet follows https://no-color.org: NO_COLOR present and not empty.
func noColorSet(environ []string) bool {
	for _, kv := range environ {
		if v, ok := strings.CutPrefix(kv, "NO_COLOR="); ok && v != "" {
			return true
		}
	}
	return false
}

func withoutNoColor(environ []string) []string {
	out := make([]string, 0, len(environ))
	for _, kv := range environ {
		if !strings.HasPrefix(kv, "NO_COLOR=") {
			out = append(out, kv)
		}
	}
	return out
}

// plainSummary is the summary screen without colour or key hints, printed after the
// alternate screen is gone so that it stays in the terminal's scrollback.
func (m Model) plainSummary(s scenario.Summary, width int) string {
	sh := *m.sh
	sh.st = newStyles(true, true, sh.wide)
	sh.st.bold, sh.st.good, sh.st.bad, sh.st.warn, sh.st.title = sh.st.label, sh.st.label, sh.st.label, sh.st.label, sh.st.label
	sh.text.TUI.Summary.Leave = ""
	m.sh = &sh
	m.summary = s
	if width <= 0 {
		width = readableWidth
	}
	return strings.TrimRight(m.summaryView(width, 1000), "\n ")
}
