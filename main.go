// Command mfa-demo walks a trainee through the AWS multi-factor-authentication demo:
// a user, a virtual MFA device, a policy that needs MFA, and the S3 listing that fails
// without MFA and succeeds with it — against an embedded emulator by default.
package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/ec2rolecreds"
	"github.com/charmbracelet/x/term"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/scenario"
	"github.com/mfa-demo/mfa-demo/tui"
)

// version is the tool's version, tagged on every resource it creates; release builds set it
// with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

const usageText = `mfa-demo walks through the AWS MFA demo: an IAM user, a virtual MFA device, a policy
that allows s3:ListAllMyBuckets only when aws:MultiFactorAuthPresent is true, the listing
refused without MFA and allowed with it, and a teardown of everything it created.

Usage:
  mfa-demo [target] [flags]            run the demo
  mfa-demo cleanup [target] [--yes]    remove what interrupted runs left on a target
                                       (asks when run in a terminal; --yes skips the question)
  mfa-demo emulator [flags]            serve the AWS emulator on its own (--help for its flags)
  mfa-demo operator-policy             print the least-privilege IAM policy the operator's
                                       credentials need for both scenarios and cleanup
  mfa-demo version                     print the version

Targets (default: the embedded emulator):
  (no flag)             an AWS emulator started inside this process; nothing leaves the
                        machine and no AWS account is needed
  --endpoint-url URL    any AWS-compatible endpoint (mfa-demo emulator, moto, LocalStack);
                        credentials and region come from the environment (AWS_ACCESS_KEY_ID,
                        AWS_SECRET_ACCESS_KEY, AWS_PROFILE, AWS_REGION; region default us-east-1)
  --live                your real AWS account, through the default credential chain. The
                        account and caller are shown and must be confirmed before anything is
                        created (--yes skips the question). Root credentials are refused.
                        The operator's permissions are checked first (SimulatePrincipalPolicy
                        against ` + "`mfa-demo operator-policy`" + `); a missing one stops the run.

Flags:
  --plain               one line per step, codes read from stdin (also used whenever stdin
                        or stdout is not a terminal)
  --auto-mfa            answer every MFA code prompt from the device's seed, like an
                        authenticator app would
  --scenario NAME       session-token (default): list buckets with a policy that needs MFA;
                        assume-role: assume a role whose trust policy needs MFA. Without
                        this flag the TUI lets you pick one
  --yes                 do not ask before creating (--live) or deleting (cleanup). Only a
                        terminal is asked: cleanup from a script deletes without asking,
                        --live from a script refuses without --yes

Crash safety: each run journals what it creates in $MFA_DEMO_STATE_DIR (default
~/.local/state/mfa-demo). After a crash, ` + "`mfa-demo cleanup`" + ` with the same target flags removes
what is left, found from the journals and by the /mfa-demo/ path and mfa-demo:run-id tag.
The first Ctrl-C tears down and exits; a second one exits at once. Closing the terminal
(SIGHUP) tears down and exits as well.

Exit status:
  0  the lesson was shown and teardown is complete (cleanup: nothing is left)
  1  a step failed, or something is left; teardown was attempted and names what remains
  2  usage error, refused root credentials, or a live run that was not confirmed
  3  the backend did not enforce aws:MultiFactorAuthPresent (the listing without MFA
     succeeded); teardown is complete
`

func main() {
	if len(os.Args) > 1 && os.Args[1] == "emulator" {
		// The emulator has its own signal handling: there is nothing to tear down.
		os.Exit(runEmulator(os.Args[2:]))
	}
	ctx, cancel := context.WithCancel(context.Background())
	a := &app{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, interactive: isTerminal(os.Stdin) && isTerminal(os.Stdout)}
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
		if sig == syscall.SIGHUP {
			// Whatever read the output is gone too. Writes to a hung-up terminal fail with
			// EIO, which is harmless; a write to a closed pipe would raise SIGPIPE and kill
			// the process mid-teardown, so it must fail with EPIPE instead.
			signal.Ignore(syscall.SIGPIPE)
		}
		switch {
		case !stopping:
			stopping = true
			if sig == syscall.SIGHUP {
				fmt.Fprintln(a.stderr, "\nmfa-demo: the terminal hung up: tearing down")
			} else {
				fmt.Fprintln(a.stderr, "\nmfa-demo: interrupted: tearing down (interrupt again to exit at once)")
			}
			cancel()
			if teardown := a.hangupTeardown(); teardown != nil && sig == syscall.SIGHUP {
				os.Exit(teardown())
			}
		case sig != syscall.SIGHUP:
			fmt.Fprintln(a.stderr, "\nmfa-demo: exiting without teardown.")
			if note := a.abortNote(); note != "" {
				fmt.Fprintln(a.stderr, note)
			}
			os.Exit(scenario.ExitFailure)
		}
	}
}

// isTerminal reports whether f is a terminal.
func isTerminal(f *os.File) bool { return term.IsTerminal(f.Fd()) }

// app is one invocation: its streams and what to say if it is interrupted twice.
type app struct {
	stdin       io.Reader
	stdout      io.Writer
	stderr      io.Writer
	interactive bool // stdin and stdout are terminals

	mu     sync.Mutex
	note   string
	hangup func() int
	once   sync.Once
	input  *lineReader
}

// lines is the one reader of stdin: prompts share it so no line goes to the wrong reader.
func (a *app) lines() *lineReader {
	a.once.Do(func() { a.input = newLineReader(a.stdin) })
	return a.input
}

// setAbortNote sets what a second interrupt prints as it exits without teardown: where the
// run's leftovers are and how to remove them.
func (a *app) setAbortNote(note string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.note = note
}

// abortNote is the note setAbortNote set; the signal goroutine reads it.
func (a *app) abortNote() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.note
}

// setHangup sets how a hang-up ends the run when cancelling it is not enough: it tears down
// and returns the exit status.
func (a *app) setHangup(teardown func() int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.hangup = teardown
}

// hangupTeardown is the function setHangup set, or nil.
func (a *app) hangupTeardown() func() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.hangup
}

// run dispatches the subcommands and returns the process exit status.
func (a *app) run(ctx context.Context, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "emulator":
			return runEmulator(args[1:])
		case "cleanup":
			return a.cleanup(ctx, args[1:])
		case "operator-policy":
			fmt.Fprintln(a.stdout, scenario.OperatorPolicyJSON())
			return 0
		case "version":
			fmt.Fprintf(a.stdout, "mfa-demo %s\n", version)
			return 0
		case "help":
			fmt.Fprint(a.stdout, usageText)
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

// args spells the target flags again, for the cleanup command a message suggests.
func (tf targetFlags) args() string {
	switch tf.kind() {
	case scenario.TargetLive:
		return " --live"
	case scenario.TargetEndpoint:
		return " --endpoint-url " + tf.endpoint
	}
	return ""
}

// parse parses flags, printing usage on request (status 0) or on error (status 2).
func (a *app) parse(fs *flag.FlagSet, args []string) (int, bool) {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(a.stdout, usageText)
			return 0, false
		}
		fmt.Fprintf(a.stderr, "mfa-demo: %v\n\n%s", err, usageText)
		return scenario.ExitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(a.stderr, "mfa-demo: unexpected argument %q (see mfa-demo --help)\n", fs.Arg(0))
		return scenario.ExitUsage, false
	}
	return 0, true
}

// usageError reports a usage problem and returns its status.
func (a *app) usageError(format string, args ...any) int {
	fmt.Fprintf(a.stderr, "mfa-demo: "+format+"\n", args...)
	return scenario.ExitUsage
}

var runIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// demo runs the scenario.
func (a *app) demo(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("mfa-demo", flag.ContinueOnError)
	var tf targetFlags
	tf.register(fs)
	plain := fs.Bool("plain", false, "")
	autoMFA := fs.Bool("auto-mfa", false, "")
	kind := fs.String("scenario", string(scenario.SessionToken), "")
	runID := fs.String("run-id", "", "") // hidden: tests use it for stable names
	// Hidden, for tests and rehearsals: the live preflight on any target, and the embedded
	// emulator's realism options.
	preflight := fs.Bool("preflight", false, "")
	fs.DurationVar(&tf.propagationDelay, "emulator-propagation-delay", 0, "")
	fs.DurationVar(&tf.clockOffset, "emulator-clock-offset", 0, "")
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	if tf.live && tf.endpoint != "" {
		return a.usageError("--live and --endpoint-url name two different targets; pick one")
	}
	switch scenario.Kind(*kind) {
	case scenario.SessionToken, scenario.AssumeRole:
	default:
		return a.usageError("unknown scenario %q (session-token or assume-role)", *kind)
	}
	if *runID == "" {
		*runID = newRunID()
	} else if !runIDPattern.MatchString(*runID) {
		return a.usageError("--run-id must be 1–32 lower-case letters, digits and dashes")
	}
	stateDir, err := scenario.StateDir()
	if err != nil {
		fmt.Fprintf(a.stderr, "mfa-demo: %v\n", err)
		return scenario.ExitFailure
	}

	factory, stop, err := a.connect(ctx, tf)
	if err != nil {
		fmt.Fprintf(a.stderr, "mfa-demo: %v\n", err)
		return scenario.ExitFailure
	}
	defer stop()

	journal := scenario.NewJournal(stateDir, *runID)
	if tf.kind() == scenario.TargetEmulator {
		a.setAbortNote("The embedded emulator ends with this process, so nothing is left anywhere.")
	} else {
		a.setAbortNote(fmt.Sprintf("Remove what this run left with:\n  mfa-demo cleanup%s\nJournal: %s", tf.args(), journal.Path()))
	}
	env := scenario.Env{
		Clients: factory,
		Journal: journal,
		RunID:   *runID,
		Version: version,
		Kind:    scenario.Kind(*kind),
		Target:  tf.kind(),
		// Before a live run creates anything, check that the operator may do it all.
		Preflight: tf.live || *preflight,
	}

	// The one place a front end is chosen: the walkthrough when a person is at a terminal,
	// plain lines for pipes, CI, screen readers and --plain. The TUI passes the codes itself
	// and owns the keyboard, so plain mode's stdin reader must not start in that case.
	if !*plain && a.interactive {
		feed := tui.NewProgressFeed()
		env.OnProgress = feed.Report
		d := scenario.New(env)
		// The walkthrough tears down when the context ends, then waits on its summary for a
		// key that a closed terminal never sends; so after a hang-up this goroutine tears
		// down itself (Teardown is safe alongside the walkthrough's own) and exits.
		a.setHangup(func() int {
			if _, err := d.Teardown(context.Background()); err != nil {
				fmt.Fprintf(a.stderr, "mfa-demo: %v\n%s\n", err, a.abortNote())
			}
			return scenario.ExitFailure
		})
		return runTUI(ctx, d, tui.Options{
			AutoMFA:  *autoMFA,
			Target:   env.Target,
			Kind:     env.Kind,
			PickKind: !flagGiven(fs, "scenario"),
			StateDir: stateDir,
			Progress: feed,
		})
	}

	out := &plainOutput{w: a.stdout, autoMFA: *autoMFA, kind: env.Kind, target: tf, journal: journal.Path()}
	out.confirm = func(ctx context.Context, who scenario.WhoAmIResult) (bool, error) {
		return a.confirmLive(ctx, who, env.Kind, tf.yes)
	}
	env.OnProgress = out.progress
	env.Auth = scenario.AutoMFA{}
	if !*autoMFA {
		env.Auth = &promptAuth{lines: a.lines(), out: a.stdout}
	}
	out.header(env, factory.Endpoint())
	sum := scenario.New(env).Run(ctx, out)
	out.summary(sum)
	return sum.ExitCode()
}

// flagGiven reports whether name was on the command line, default value or not.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// connect builds the client factory for a target, starting the embedded emulator when that
// is the target; stop ends it.
func (a *app) connect(ctx context.Context, tf targetFlags) (*aws.Factory, func(), error) {
	switch tf.kind() {
	case scenario.TargetEmulator:
		srv, err := emulator.Start("127.0.0.1:0", emulator.Options{PropagationDelay: tf.propagationDelay, ClockOffset: tf.clockOffset})
		if err != nil {
			return nil, nil, fmt.Errorf("start the embedded emulator: %w", err)
		}
		f, err := aws.New(ctx, aws.Options{
			Endpoint:    srv.URL,
			Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
			Region:      aws.DefaultRegion,
		})
		if err != nil {
			srv.Close()
			return nil, nil, err
		}
		return f, func() { srv.Close() }, nil
	case scenario.TargetEndpoint:
		f, err := aws.New(ctx, aws.Options{Endpoint: tf.endpoint})
		return f, func() {}, err
	}
	f, err := aws.New(ctx, aws.Options{})
	if err != nil {
		return nil, nil, err
	}
	if f.Endpoint() != "" {
		return nil, nil, fmt.Errorf("--live means real AWS, but AWS_ENDPOINT_URL (or the profile) points at %s: unset it, or use --endpoint-url", f.Endpoint())
	}
	if err := retrieveOperatorCredentials(ctx, f); err != nil {
		return nil, nil, err
	}
	return f, func() {}, nil
}

// noCredentials is what a live target says when the machine has no AWS credentials at all.
const noCredentials = "no AWS credentials found: run `aws configure` or `aws sso login`, or set AWS_PROFILE / AWS_ACCESS_KEY_ID"

// badCredentials is what a live target says when credentials are configured but cannot be
// had (an expired SSO session, a failing credential_process, a role that cannot be assumed).
const badCredentials = "the configured AWS credentials could not be loaded: check AWS_PROFILE and its settings, or run `aws sso login` if it uses SSO"

// retrieveOperatorCredentials gets the operator's credentials once, before anything is
// created, so that a missing or broken setup is said in words instead of in the SDK's
// chain of errors at the first call; the clients share the cache it fills.
func retrieveOperatorCredentials(ctx context.Context, f *aws.Factory) error {
	creds := f.Operator().STS.Options().Credentials
	if _, err := creds.Retrieve(ctx); err != nil {
		// The default chain resolves to the instance role only when nothing else is
		// configured (no keys in the environment, no profile, no container endpoint); off
		// EC2, or on an instance without a role, that means there are no credentials.
		if awssdk.IsCredentialsProvider(creds, (*ec2rolecreds.Provider)(nil)) {
			return fmt.Errorf("%s\n  %w", noCredentials, err)
		}
		return fmt.Errorf("%s\n  %w", badCredentials, err)
	}
	return nil
}

// confirmLive asks before anything is created in a real account.
func (a *app) confirmLive(ctx context.Context, who scenario.WhoAmIResult, kind scenario.Kind, yes bool) (bool, error) {
	if yes {
		return true, nil
	}
	if !a.interactive {
		return false, errors.New("live AWS needs a confirmation: run in a terminal, or pass --yes")
	}
	what := "an IAM user, an MFA device and an access key"
	if kind == scenario.AssumeRole {
		what = "an IAM user, an MFA device, an access key, a role and a managed policy"
	}
	fmt.Fprintf(a.stdout, "This creates %s in account %s as %s\n"+
		"(all deleted again at the end). Continue? [y/N] ", what, who.Identity.Account, who.Identity.Arn)
	line, err := a.lines().read(ctx)
	if err != nil {
		return false, err
	}
	return saidYes(line), nil
}

// saidYes reports whether an answer to a [y/N] question is a yes.
func saidYes(line string) bool {
	line = strings.TrimSpace(line)
	return strings.EqualFold(line, "y") || strings.EqualFold(line, "yes")
}

// newRunID is eight random hex digits: unique enough per account, short enough to read out.
func newRunID() string {
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		return fmt.Sprintf("%08x", time.Now().UnixNano()&0xffffffff)
	}
	return hex.EncodeToString(b)
}

// cleanup removes what interrupted runs left on a target.
func (a *app) cleanup(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("mfa-demo cleanup", flag.ContinueOnError)
	var tf targetFlags
	tf.register(fs)
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	if tf.live && tf.endpoint != "" {
		return a.usageError("--live and --endpoint-url name two different targets; pick one")
	}
	stateDir, err := scenario.StateDir()
	if err != nil {
		fmt.Fprintf(a.stderr, "mfa-demo cleanup: %v\n", err)
		return scenario.ExitFailure
	}
	factory, stop, err := a.connect(ctx, tf)
	if err != nil {
		fmt.Fprintf(a.stderr, "mfa-demo cleanup: %v\n", err)
		return scenario.ExitFailure
	}
	defer stop()
	c := &scenario.Cleanup{Clients: factory, StateDir: stateDir, Target: tf.kind()}
	plan, err := c.Plan(ctx)
	if err != nil {
		fmt.Fprintf(a.stderr, "mfa-demo cleanup: %v\n", err)
		return scenario.ExitFailure
	}
	where := describeTarget(tf.kind(), factory.Endpoint())
	for _, j := range plan.Elsewhere {
		fmt.Fprintf(a.stdout, "Not touched (another target's journal): %s\n", j)
	}
	for _, u := range plan.Unverified {
		fmt.Fprintf(a.stdout, "Looks like the demo's but could not be checked, left alone: %s\n", u)
	}
	if plan.Empty() {
		fmt.Fprintf(a.stdout, "Nothing to clean up on %s (account %s).\n", where, plan.Account)
		return 0
	}
	if len(plan.Leftovers) > 0 {
		fmt.Fprintf(a.stdout, "Left on %s (account %s) by earlier runs:\n", where, plan.Account)
		for _, lo := range plan.Leftovers {
			fmt.Fprintf(a.stdout, "  run %s: %s\n", lo.RunID, strings.Join(lo.Resources, "; "))
		}
		if !tf.yes && a.interactive {
			fmt.Fprint(a.stdout, "Delete all of this? [y/N] ")
			line, err := a.lines().read(ctx)
			if err != nil || !saidYes(line) {
				fmt.Fprintln(a.stdout, "Nothing deleted.")
				return scenario.ExitFailure
			}
		}
	}
	if n := len(plan.Discard); n > 0 {
		fmt.Fprintf(a.stdout, "Discarding %s with nothing left on this target.\n", count(n, "journal", "journals"))
	}
	rep, err := c.Apply(ctx, plan)
	for _, it := range rep.Items {
		fmt.Fprintf(a.stdout, "  %-13s %s %s\n", itemStatus(it), it.Action, it.Resource)
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "mfa-demo cleanup: %v\n", err)
		return scenario.ExitFailure
	}
	fmt.Fprintln(a.stdout, "Nothing is left.")
	return 0
}

// describeTarget names a target in a sentence.
func describeTarget(kind scenario.TargetKind, endpoint string) string {
	switch kind {
	case scenario.TargetEmulator:
		return "the embedded emulator at " + endpoint
	case scenario.TargetEndpoint:
		return "the endpoint " + endpoint
	}
	return "live AWS"
}

// doneVerbs say what a finished teardown action did, by the action's first word.
var doneVerbs = []struct{ prefix, verb string }{
	{"Deactivate", "deactivated"},
	{"Detach", "detached"},
}

// itemStatus names a teardown item's state in plain mode's checklist: a finished item was
// deactivated, detached or deleted, as its action says.
func itemStatus(it scenario.TeardownItem) string {
	switch it.Status {
	case scenario.ItemDeleted:
		for _, d := range doneVerbs {
			if strings.HasPrefix(it.Action, d.prefix) {
				return d.verb
			}
		}
		return "deleted"
	case scenario.ItemAlreadyGone:
		return "already gone"
	case scenario.ItemFailed:
		return "FAILED"
	}
	return "pending"
}

// plainOutput is plain mode's Observer: one line per step.
type plainOutput struct {
	w       io.Writer
	autoMFA bool
	kind    scenario.Kind
	target  targetFlags
	journal string
	confirm func(context.Context, scenario.WhoAmIResult) (bool, error)
}

// stepTitles are the plain-mode names of the steps, in SCENARIO.md's words.
var stepTitles = map[scenario.StepID]string{
	scenario.StepWhoAmI:       "Who am I",
	scenario.StepCreateUser:   "Create the demo user",
	scenario.StepCreateDevice: "Create a virtual MFA device",
	scenario.StepShowQR:       "Add it to an authenticator",
	scenario.StepEnableDevice: "Enable the device",
	scenario.StepCreateKey:    "Create an access key",
	scenario.StepWaitForKey:   "Wait until the key works",
	scenario.StepUserPolicy:   "Attach the MFA policy",
	scenario.StepCreateRole:   "Create the role",
	scenario.StepRolePolicy:   "Let the role list buckets",
	scenario.StepAllowAssume:  "Allow the user to assume it",
	scenario.StepWithoutMFA:   "List buckets without MFA",
	scenario.StepWithMFA:      "List buckets with MFA",
	scenario.StepTeardown:     "Tear down",
}

// roleTitles replace stepTitles where the assume-role scenario's step does something else.
var roleTitles = map[scenario.StepID]string{
	scenario.StepWithoutMFA: "Assume the role without MFA",
	scenario.StepWithMFA:    "Assume the role with MFA",
}

// policyLines say in one line what each policy step's document allows.
var policyLines = map[scenario.StepID]string{
	scenario.StepUserPolicy:  "Allow s3:ListAllMyBuckets only if aws:MultiFactorAuthPresent is true",
	scenario.StepCreateRole:  "the demo user may assume it only if aws:MultiFactorAuthPresent is true",
	scenario.StepRolePolicy:  "Allow s3:ListAllMyBuckets, attached to the role",
	scenario.StepAllowAssume: "Allow sts:AssumeRole on the role",
}

// title is a step's name in this run's scenario.
func (p *plainOutput) title(step scenario.StepID) string {
	if t, ok := roleTitles[step]; ok && p.kind == scenario.AssumeRole {
		return t
	}
	return stepTitles[step]
}

// header is plain mode's first line: version, scenario, run and target.
func (p *plainOutput) header(env scenario.Env, endpoint string) {
	fmt.Fprintf(p.w, "mfa-demo %s: scenario %s, run %s, target %s\n", env.Version, env.Kind, env.RunID, describeTarget(env.Target, endpoint))
}

// StepStarted prints nothing: plain mode gives a step one line, when it finishes.
func (p *plainOutput) StepStarted(scenario.StepID) {}

// line prints a step's line: its title in a column, then the text.
func (p *plainOutput) line(step scenario.StepID, format string, args ...any) {
	fmt.Fprintf(p.w, "%-28s %s\n", p.title(step)+":", fmt.Sprintf(format, args...))
}

// StepFinished prints a step's result, or its failure.
func (p *plainOutput) StepFinished(step scenario.StepID, result any, err error) {
	if err != nil && step != scenario.StepTeardown {
		p.line(step, "FAILED: %v", err)
		return
	}
	switch r := result.(type) {
	case scenario.WhoAmIResult:
		p.line(step, "%s (account %s)", r.Identity.Arn, r.Identity.Account)
		if pre := r.Preflight; pre != nil {
			switch {
			case !pre.Checked:
				fmt.Fprintf(p.w, "    permissions not checked: %s\n", pre.Unchecked)
			default:
				fmt.Fprintf(p.w, "    permissions checked with SimulatePrincipalPolicy on %s: all the demo needs are allowed\n", pre.Source)
			}
			for _, m := range pre.MissingOptional {
				fmt.Fprintf(p.w, "    optional, not allowed: %s (the demo explains less)\n", m.Action)
			}
		}
	case scenario.UserResult:
		p.line(step, "%s (no permissions yet)", r.Arn)
	case scenario.DeviceResult:
		if step == scenario.StepCreateDevice {
			p.line(step, "%s", r.Serial)
		} else if p.autoMFA {
			p.line(step, "the built-in authenticator answers every code (--auto-mfa)")
		} else {
			p.line(step, "add this key to your authenticator app (or make a QR code of the URI):")
			fmt.Fprintf(p.w, "    secret: %s\n    URI:    %s\n", scenario.GroupSeed(r.Seed), r.URI)
		}
	case scenario.EnableResult:
		p.line(step, "enabled with two consecutive codes")
	case scenario.KeyResult:
		p.line(step, "%s (secret %s, kept in memory only)", r.AccessKeyID, r.RedactedSecret)
	case scenario.WaitResult:
		if r.Attempts == 1 {
			p.line(step, "works at once: %s", r.Identity.Arn)
			break
		}
		p.line(step, "works after %s, %s: %s", count(r.Attempts, "attempt", "attempts"), r.Elapsed.Round(time.Millisecond), r.Identity.Arn)
	case scenario.PolicyResult:
		p.line(step, "%s %s: %s", r.Kind, r.Name, policyLines[step])
	case scenario.WithoutMFAResult:
		switch {
		case r.Outcome != scenario.OutcomeDenied && p.kind == scenario.AssumeRole:
			p.line(step, "WARNING: the role was assumed: this backend does not enforce the trust policy's aws:MultiFactorAuthPresent")
		case r.Outcome != scenario.OutcomeDenied:
			p.line(step, "WARNING: allowed (%s): this backend does not enforce aws:MultiFactorAuthPresent", count(len(r.Buckets), "bucket", "buckets"))
		case p.kind == scenario.AssumeRole:
			p.line(step, "%s, as expected: the trust policy needs aws:MultiFactorAuthPresent, which a call without MFA lacks", r.ErrorCode)
		default:
			p.line(step, "%s, as expected: aws:MultiFactorAuthPresent is false in a session without MFA", r.ErrorCode)
		}
		if c := r.Condition; c != nil && c.FromCondition() {
			fmt.Fprintf(p.w, "    IAM's policy simulator agrees: the user's policy gives %s with aws:MultiFactorAuthPresent=false and %s with true,\n"+
				"    so the refusal comes from the MFA condition (not from a policy still propagating)\n", c.WithoutMFA, c.WithMFA)
		} else if c != nil {
			fmt.Fprintf(p.w, "    IAM's policy simulator says %s with aws:MultiFactorAuthPresent=false and %s with true:\n"+
				"    the refusal does not come from the MFA condition alone\n", c.WithoutMFA, c.WithMFA)
		}
	case scenario.WithMFAResult:
		names := make([]string, 0, len(r.Buckets))
		for _, b := range r.Buckets {
			names = append(names, b.Name)
		}
		retried := ""
		if r.Retries > 0 {
			retried = fmt.Sprintf(" after %s in %s while the policy propagated", count(r.Retries, "AccessDenied retry", "AccessDenied retries"), r.RetryElapsed.Round(time.Millisecond))
		}
		if p.kind == scenario.AssumeRole {
			p.line(step, "%s is now %s", r.Before.Arn, r.Identity.Arn)
			fmt.Fprintf(p.w, "    %s [%s] with the role session%s\n", count(len(r.Buckets), "bucket", "buckets"), strings.Join(names, ", "), retried)
			break
		}
		p.line(step, "%s [%s] as %s in an MFA session%s", count(len(r.Buckets), "bucket", "buckets"), strings.Join(names, ", "), r.Identity.Arn, retried)
	case scenario.TeardownReport:
		if len(r.Items) == 0 {
			p.line(step, "nothing was created")
		} else {
			p.line(step, "%s", count(len(r.Items), "item", "items"))
		}
		for _, it := range r.Items {
			fmt.Fprintf(p.w, "    %-13s %s %s\n", itemStatus(it), it.Action, it.Resource)
			if it.Err != nil {
				fmt.Fprintf(p.w, "                  %v\n", it.Err)
			}
		}
	}
}

// ConfirmLive asks before a live run creates anything.
func (p *plainOutput) ConfirmLive(ctx context.Context, who scenario.WhoAmIResult) (bool, error) {
	return p.confirm(ctx, who)
}

// progress prints the waits plain mode would otherwise sit through silently.
func (p *plainOutput) progress(pr scenario.Progress) {
	switch {
	case pr.WaitNext > 0:
		fmt.Fprintf(p.w, "    waiting %s for the next 30-second window: each code is accepted only once\n", pr.WaitNext.Round(time.Second))
	case pr.Step == scenario.StepWaitForKey:
		fmt.Fprintf(p.w, "    %s after %s: IAM is eventually consistent, trying again\n", pr.Code, pr.Elapsed.Round(time.Millisecond))
	case pr.Step == scenario.StepWithMFA:
		fmt.Fprintf(p.w, "    %s after %s: the policy may still be propagating, trying again\n", pr.Code, pr.Elapsed.Round(time.Millisecond))
	}
}

// summary ends plain mode with what the exit status means.
func (p *plainOutput) summary(s scenario.Summary) {
	switch s.ExitCode() {
	case scenario.ExitLesson:
		if p.kind == scenario.AssumeRole {
			fmt.Fprintln(p.w, "Lesson shown: without MFA the role could not be assumed, with MFA it could, and it listed the buckets. Teardown complete.")
		} else {
			fmt.Fprintln(p.w, "Lesson shown: without MFA the listing was refused, with MFA it worked. Teardown complete.")
		}
	case scenario.ExitNotEnforced:
		what := "the listing without MFA was allowed"
		if p.kind == scenario.AssumeRole {
			what = "the role was assumed without MFA"
		}
		fmt.Fprintf(p.w, "This backend did not enforce aws:MultiFactorAuthPresent: %s,\n"+
			"so there was no lesson to show (real AWS and the embedded emulator refuse it). Teardown complete.\n", what)
	default:
		switch {
		case s.Interrupted:
			fmt.Fprintln(p.w, "Interrupted.")
		case s.Failed != "":
			fmt.Fprintf(p.w, "Failed at %q (see above).\n", p.title(s.Failed))
		default:
			fmt.Fprintf(p.w, "mfa-demo: %v\n", s.Err)
		}
		if len(s.Teardown.Remaining) == 0 {
			fmt.Fprintln(p.w, "Nothing this run created is left.")
		} else {
			fmt.Fprintf(p.w, "Left behind: %s\nRemove it with: mfa-demo cleanup%s   (journal: %s)\n",
				strings.Join(s.Teardown.Remaining, ", "), p.target.args(), p.journal)
		}
	}
}

// count is n with a noun in the form n calls for: "1 attempt", "2 attempts".
func count(n int, one, other string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, other)
}

// lineReader reads lines from stdin in the background so a cancelled context does not wait
// for the trainee to press Enter.
type lineReader struct {
	lines chan string
	err   chan error
}

// newLineReader starts reading r.
func newLineReader(r io.Reader) *lineReader {
	lr := &lineReader{lines: make(chan string), err: make(chan error, 1)}
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			lr.lines <- sc.Text()
		}
		err := sc.Err()
		if err == nil {
			err = io.EOF
		}
		lr.err <- err
	}()
	return lr
}

// read returns the next line, or the reader's error, or ctx's when it ends first.
func (lr *lineReader) read(ctx context.Context) (string, error) {
	select {
	case line := <-lr.lines:
		return line, nil
	case err := <-lr.err:
		lr.err <- err
		return "", fmt.Errorf("read from stdin: %w", err)
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// promptAuth asks the trainee for codes on stdin, checking each one as it is typed.
type promptAuth struct {
	lines *lineReader
	out   io.Writer
}

// Codes prompts for the codes a step needs, again after each local check that fails.
func (p *promptAuth) Codes(ctx context.Context, req scenario.CodeRequest) ([]string, error) {
	if req.Retry != nil {
		fmt.Fprintf(p.out, "    %v\n", req.Retry)
	}
	if req.Count == 2 {
		fmt.Fprintf(p.out, "    Enter two consecutive codes from your authenticator app for %s\n", req.Serial)
	} else {
		fmt.Fprintf(p.out, "    Enter the current code from your authenticator app for %s\n", req.Serial)
	}
	codes := make([]string, 0, req.Count)
	for len(codes) < req.Count {
		label := "code"
		if req.Count == 2 {
			label = fmt.Sprintf("code %d", len(codes)+1)
		}
		fmt.Fprintf(p.out, "    %s: ", label)
		line, err := p.lines.read(ctx)
		if err != nil {
			fmt.Fprintln(p.out)
			return nil, err
		}
		// Apps show "123 456"; people type it that way.
		code := strings.ReplaceAll(strings.TrimSpace(line), " ", "")
		if err := req.Check(code); err != nil {
			var ce *scenario.CodeError
			if errors.As(err, &ce) && req.Count == 2 {
				ce.Field, ce.Pair = len(codes)+1, true
			}
			fmt.Fprintf(p.out, "    %v\n", err)
			continue
		}
		codes = append(codes, code)
	}
	return codes, nil
}
