// Command mfa-demo walks a trainee through the AWS multi-factor-authentication demo:
// a user, a virtual MFA device, a policy that needs MFA, and the S3 listing that fails
// without MFA and succeeds with it — against an embedded emulator by default.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/charmbracelet/x/term"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/plain"
	"github.com/mfa-demo/mfa-demo/scenario"
	"github.com/mfa-demo/mfa-demo/text"
	"github.com/mfa-demo/mfa-demo/tui"
)

// version is the tool's version, tagged on every resource it creates; release builds set it
// with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	if len(os.Args) > 1 && os.Args[1] == "emulator" {
		// The emulator has its own signal handling: there is nothing to tear down.
		words, _, _ := text.FromArgs(nil, os.Getenv)
		os.Exit(runEmulator(os.Args[2:], words))
	}
	// A write to a closed pipe (`mfa-demo --plain | head -3`) must fail with EPIPE, not
	// kill the process before its teardown: without this, SIGPIPE on stdout or stderr ends
	// the program at once (see os/signal, "SIGPIPE").
	signal.Ignore(syscall.SIGPIPE)
	ctx, cancel := context.WithCancel(context.Background())
	a := newApp(os.Stdin, os.Stdout, os.Stderr, os.Getenv("TERM"))
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go a.onSignals(signals, cancel)
	code := a.run(ctx, os.Args[1:])
	cancel()
	os.Exit(code)
}

// onSignals tears down on the first signal (cancel ends the run, and the run tears down as
// it returns) and exits at once, without teardown, on a second interrupt or SIGTERM.
//
// A hang-up never forces that exit: the terminal is gone, so nobody can be asking to skip
// the teardown, and one closed terminal can send SIGHUP twice (the shell forwards its own to
// its jobs, then the kernel signals the foreground group as the shell exits).
func (a *app) onSignals(signals <-chan os.Signal, cancel context.CancelFunc) {
	stopping := false
	for sig := range signals {
		switch {
		case !stopping:
			stopping = true
			if sig == syscall.SIGHUP {
				fmt.Fprintln(a.stderr, "\nmfa-demo: "+a.text().Command.HungUp)
			} else {
				fmt.Fprintln(a.stderr, "\nmfa-demo: "+a.text().Command.Interrupted)
			}
			cancel()
			if teardown := a.abortPlan().hangup; teardown != nil && sig == syscall.SIGHUP {
				os.Exit(teardown())
			}
		case sig != syscall.SIGHUP:
			fmt.Fprintln(a.stderr, "\nmfa-demo: "+a.text().Command.ExitNow)
			if note := a.abortPlan().note; note != "" {
				fmt.Fprintln(a.stderr, note)
			}
			os.Exit(scenario.ExitFailure)
		}
	}
}

// isTerminal reports whether f is a terminal.
func isTerminal(f *os.File) bool { return term.IsTerminal(f.Fd()) }

// newApp is the invocation on these streams. The walkthrough needs a terminal on both stdin
// and stdout that can draw (TERM=dumb cannot); plain mode asks its questions whenever a
// person types into stdin, and when stdout goes elsewhere (`mfa-demo > run.log`) it asks on
// the terminal itself, so that the trainee sees what is asked.
func newApp(stdin, stdout, stderr *os.File, termName string) *app {
	in, out := isTerminal(stdin), isTerminal(stdout)
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, interactive: in && out && termName != "dumb", asks: in}
	if in && !out {
		a.prompt = stderr
		if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
			a.prompt = tty
		}
	}
	return a
}

// app is one invocation: its streams and what a signal needs to know about the run.
type app struct {
	stdin       io.Reader
	stdout      io.Writer
	stderr      io.Writer
	interactive bool      // stdin and stdout are terminals that can draw the walkthrough
	asks        bool      // a person types into stdin: plain mode may ask
	prompt      io.Writer // where plain mode asks when stdout is not the terminal; nil: stdout
	// getenv reads the environment the language is chosen from; nil means os.Getenv.
	getenv func(string) string

	mu    sync.Mutex
	abort abortPlan
	words text.Text // the language of everything the command says, once run has chosen it
}

// abortPlan is what the signal goroutine needs to know about the running demo.
type abortPlan struct {
	// note is what a second interrupt prints as it exits without teardown: where the run's
	// leftovers are and how to remove them.
	note string
	// hangup, when set, is how a hang-up ends the run when cancelling it is not enough: it
	// tears down and returns the exit status.
	hangup func() int
}

func (a *app) setAbortPlan(p abortPlan) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.abort = p
}

func (a *app) abortPlan() abortPlan {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.abort
}

// text is the chosen language; English until run has chosen one. The signal goroutine reads
// it too.
func (a *app) text() text.Text {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.words.Steps == nil {
		return text.English
	}
	return a.words
}

// chooseLanguage sets the language from --lang, wherever it is among args, else from the
// environment (see text.FromArgs). An unknown --lang is a usage error, said in the
// environment's language with the languages there are.
func (a *app) chooseLanguage(args []string) bool {
	getenv := a.getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	t, given, known := text.FromArgs(args, getenv)
	a.mu.Lock()
	a.words = t
	a.mu.Unlock()
	if !known {
		a.usageError(t.Command.UnknownLang, given, strings.Join(text.Languages(), ", "))
	}
	return known
}

// run dispatches the subcommands and returns the process exit status.
func (a *app) run(ctx context.Context, args []string) int {
	if len(args) > 0 && args[0] == "emulator" {
		return runEmulator(args[1:], a.text())
	}
	if !a.chooseLanguage(args) {
		return scenario.ExitUsage
	}
	words := a.text()
	if len(args) > 0 {
		switch args[0] {
		case "cleanup":
			return a.cleanup(ctx, args[1:])
		case "operator-policy":
			return a.operatorPolicy(args[1:])
		case "version":
			fmt.Fprintf(a.stdout, words.Command.Version+"\n", version)
			return 0
		case "help":
			fmt.Fprint(a.stdout, words.Command.Usage)
			return 0
		}
	}
	return a.demo(ctx, args)
}

// targetFlags are the flags the demo and cleanup share.
type targetFlags struct {
	endpoint string
	live     bool
	yes      bool
	// The embedded emulator's realism options (hidden flags of the demo).
	propagationDelay time.Duration
	clockOffset      time.Duration
}

func (tf *targetFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&tf.endpoint, "endpoint-url", "", "")
	fs.BoolVar(&tf.live, "live", false, "")
	fs.BoolVar(&tf.yes, "yes", false, "")
	// chooseLanguage has read --lang already.
	fs.String("lang", "", "")
}

// kind says which target the flags choose.
func (tf targetFlags) kind() scenario.TargetKind {
	switch {
	case tf.live:
		return scenario.TargetLive
	case tf.endpoint != "":
		return scenario.TargetEndpoint
	}
	return scenario.TargetEmulator
}

// cleanupCommand is the command that removes what a run left on this target, spelled with
// the target's flags as it must be typed: every "run cleanup" hint shows it, so that a
// trainee never checks the wrong target and hears that nothing is left. The embedded
// emulator ends with the process, so there is none for it.
func (tf targetFlags) cleanupCommand() string {
	switch tf.kind() {
	case scenario.TargetLive:
		return "mfa-demo cleanup --live"
	case scenario.TargetEndpoint:
		return "mfa-demo cleanup --endpoint-url " + aws.ShellQuote(tf.endpoint)
	}
	return ""
}

// parse parses flags, printing usage on request (status 0) or on error (status 2).
func (a *app) parse(fs *flag.FlagSet, tf *targetFlags, args []string) (int, bool) {
	words := a.text()
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(a.stdout, words.Command.Usage)
			return 0, false
		}
		fmt.Fprintf(a.stderr, "mfa-demo: %v\n\n%s", err, words.Command.Usage)
		return scenario.ExitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(a.stderr, "mfa-demo: "+words.Command.UnexpectedArg+"\n", fs.Arg(0))
		return scenario.ExitUsage, false
	}
	if tf.live && tf.endpoint != "" {
		return a.usageError("%s", words.Command.TwoTargets), false
	}
	if tf.endpoint != "" && !aws.ValidEndpoint(tf.endpoint) {
		return a.usageError(words.Command.BadEndpoint, tf.endpoint), false
	}
	return 0, true
}

// usageError reports a usage problem and returns its status.
func (a *app) usageError(format string, args ...any) int {
	fmt.Fprintf(a.stderr, "mfa-demo: "+format+"\n", args...)
	return scenario.ExitUsage
}

// demo runs the scenario.
func (a *app) demo(ctx context.Context, args []string) int {
	words := a.text()
	fs := flag.NewFlagSet("mfa-demo", flag.ContinueOnError)
	var tf targetFlags
	tf.register(fs)
	plainMode := fs.Bool("plain", false, "")
	autoMFA := fs.Bool("auto-mfa", false, "")
	kind := fs.String("scenario", string(scenario.SessionToken), "")
	ambiguous := fs.String("ambiguous-width", "auto", "")
	qrStyle := fs.String("qr", "half", "")
	runID := fs.String("run-id", "", "") // hidden: tests use it for stable names
	// Hidden, for tests and rehearsals: the live preflight on any target, and the embedded
	// emulator's realism options.
	preflight := fs.Bool("preflight", false, "")
	fs.DurationVar(&tf.propagationDelay, "emulator-propagation-delay", 0, "")
	fs.DurationVar(&tf.clockOffset, "emulator-clock-offset", 0, "")
	if code, ok := a.parse(fs, &tf, args); !ok {
		return code
	}
	if !slices.Contains(scenario.Kinds, scenario.Kind(*kind)) {
		return a.usageError(words.Command.UnknownScenario, *kind)
	}
	width, ok := tui.ParseAmbiguousWidth(*ambiguous)
	if !ok {
		return a.usageError(words.Command.BadAmbiguousWidth, *ambiguous)
	}
	qr, ok := tui.ParseQRStyle(*qrStyle)
	if !ok {
		return a.usageError(words.Command.BadQR, *qrStyle)
	}
	if *runID == "" {
		*runID = scenario.NewRunID()
	} else if !scenario.ValidRunID(*runID) {
		return a.usageError("%s", words.Command.BadRunID)
	}
	conn, stateDir, err := a.connect(ctx, tf)
	if err != nil {
		fmt.Fprintf(a.stderr, "mfa-demo: %v\n", err)
		return scenario.ExitFailure
	}
	defer conn.Stop()
	factory := conn.Factory

	journal := scenario.NewJournal(stateDir, *runID)
	plan := abortPlan{note: words.Command.AbortEmulator}
	if tf.kind() != scenario.TargetEmulator {
		plan.note = fmt.Sprintf(words.Command.AbortLeft, tf.cleanupCommand(), journal.Path())
	}
	a.setAbortPlan(plan)
	env := scenario.Env{
		Clients: factory,
		Journal: journal,
		RunID:   *runID,
		Version: version,
		Kind:    scenario.Kind(*kind),
		Target:  tf.kind(),
		// The embedded emulator's clock hook: the lab shows an MFA age expire with it.
		MoveClock: conn.MoveClock,
		// Before a live run creates anything, check that the operator may do it all.
		Preflight:      tf.live || *preflight,
		CleanupCommand: tf.cleanupCommand(),
	}

	// The one place a front end is chosen: the walkthrough when a person is at a terminal,
	// plain lines for pipes, CI, screen readers and --plain. The TUI owns the keyboard, so
	// plain mode's stdin reader must not start in that case.
	d := scenario.New(env)
	if !*plainMode && a.interactive {
		// The walkthrough tears down when the context ends, then waits on its summary for a
		// key that a closed terminal never sends; so after a hang-up this goroutine tears
		// down itself (Teardown is safe alongside the walkthrough's own) and exits.
		plan.hangup = func() int {
			if _, err := d.Teardown(context.Background()); err != nil {
				fmt.Fprintf(a.stderr, "mfa-demo: %v\n%s\n", err, plan.note)
			}
			return scenario.ExitFailure
		}
		a.setAbortPlan(plan)
		return a.runTUI(ctx, d, tui.Options{
			Text:           words,
			AutoMFA:        *autoMFA,
			QR:             qr,
			AmbiguousWidth: width,
			Target:         env.Target,
			Kind:           env.Kind,
			PickKind:       !flagGiven(fs, "scenario"),
			StateDir:       stateDir,
		})
	}
	return plain.Run(ctx, d, a.plainOptions(tf, factory, plain.Options{
		AutoMFA: *autoMFA,
		Version: version,
		Kind:    env.Kind,
	})).ExitCode()
}

// plainOptions fills in what plain mode's options take from the invocation and the target.
func (a *app) plainOptions(tf targetFlags, f *aws.Factory, opts plain.Options) plain.Options {
	opts.Text = a.text()
	opts.In, opts.Out, opts.Err, opts.Prompt = a.stdin, a.stdout, a.stderr, a.prompt
	opts.Interactive, opts.Yes = a.asks, tf.yes
	opts.Target, opts.Endpoint = tf.kind(), f.Endpoint()
	return opts
}

// runTUI runs the demo in the Bubble Tea walkthrough and returns the exit status of the
// scenario's summary: the TUI tears down before it returns, whatever ended the run.
func (a *app) runTUI(ctx context.Context, d *scenario.Demo, opts tui.Options) int {
	summary, err := tui.Run(ctx, d, opts)
	if err != nil {
		fmt.Fprintf(a.stderr, "mfa-demo: %v\n", err)
		if summary.ExitCode() == scenario.ExitLesson {
			return scenario.ExitFailure
		}
	}
	return summary.ExitCode()
}

// flagGiven reports whether name was on the command line, default value or not.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// connect finds the state directory and connects to the flags' target (aws.Connect), saying
// in the run's language what stands in the way.
func (a *app) connect(ctx context.Context, tf targetFlags) (aws.Connection, string, error) {
	words := a.text()
	stateDir, err := scenario.StateDir()
	if err != nil {
		return aws.Connection{}, "", err
	}
	c, err := aws.Connect(ctx, aws.Target{Endpoint: tf.endpoint, Live: tf.live, PropagationDelay: tf.propagationDelay, ClockOffset: tf.clockOffset})
	var live *aws.LiveEndpointError
	var creds *aws.CredentialsError
	switch {
	case errors.As(err, &live):
		err = fmt.Errorf(words.Command.LiveEndpoint, live.Endpoint)
	case errors.As(err, &creds) && creds.Configured:
		err = fmt.Errorf("%s\n  %w", words.Command.BadCredentials, creds.Err)
	case errors.As(err, &creds) && tf.endpoint != "":
		err = fmt.Errorf("%s\n  %w", words.Command.NoEndpointCredentials, creds.Err)
	case errors.As(err, &creds):
		err = fmt.Errorf("%s\n  %w", words.Command.NoCredentials, creds.Err)
	}
	return c, stateDir, err
}
