package scenario_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/smithy-go/middleware"
	"github.com/google/shlex"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/aws/mfa"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// dryRun is a whole run of a scenario on the emulator, with the time of the harness clock
// at each of its calls.
type dryRun struct {
	calls []scenario.Call
	times []time.Time
	moved []time.Duration // how far the run had moved the emulator's clock at each call
	seed  string          // the device's seed
}

func newDryRun(t *testing.T, kind scenario.Kind) (*harness, dryRun) {
	t.Helper()
	h := newHarness(t)
	h.clock.Freeze()
	var mu sync.Mutex
	var times []time.Time
	var moved, movedNow []time.Duration
	clockAt := func(stack *middleware.Stack) error {
		return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("test/clock", func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			mu.Lock()
			times = append(times, h.clock.Now())
			moved = append(moved, sum(movedNow))
			mu.Unlock()
			return next.HandleInitialize(ctx, in)
		}), middleware.Before)
	}
	o := &observer{}
	env := h.envFor(kind, "cli"+string(kind)[:4], h.factory([]func(*middleware.Stack) error{clockAt}))
	// The condition lab moves the emulator's clock for its age row; the replay moves its own
	// emulator's clock alike, at the same calls.
	env.MoveClock = func(d time.Duration) {
		mu.Lock()
		movedNow = append(movedNow, d)
		mu.Unlock()
		h.srv.Emulator.MoveClock(d)
	}
	sum := scenario.New(env).Run(context.Background(), o)
	if sum.ExitCode() != scenario.ExitLesson {
		t.Fatalf("dry run: exit %d: %v", sum.ExitCode(), sum.Err)
	}
	dev, _ := o.results[scenario.StepCreateDevice].(scenario.DeviceResult)
	if len(o.calls) != len(times) || dev.Seed == "" {
		t.Fatalf("%d calls at %d times, seed %q", len(o.calls), len(times), dev.Seed)
	}
	return h, dryRun{calls: o.calls, times: times, moved: moved, seed: dev.Seed}
}

// issuedKey is the key ID of the session call i of the run (GetSessionToken or AssumeRole)
// handed out: GetSessionToken's log line names it; for AssumeRole it is the key of the next
// call a session signed that no GetSessionToken handed out.
func issuedKey(t *testing.T, run dryRun, i int) string {
	t.Helper()
	if key := sessionKey.FindString(run.calls[i].Message); run.calls[i].Action == "GetSessionToken" && key != "" {
		return key
	}
	fromTokens := map[string]bool{}
	for _, c := range run.calls {
		if c.Action == "GetSessionToken" {
			fromTokens[sessionKey.FindString(c.Message)] = true
		}
	}
	for _, c := range run.calls[i+1:] {
		if c.Caller == aws.CallerSession && c.KeyID != "" && !fromTokens[c.KeyID] {
			return c.KeyID
		}
	}
	t.Fatalf("no call used the session of call %d (%s)", i, run.calls[i].Action)
	return ""
}

// sessionKey is a temporary access key ID.
var sessionKey = regexp.MustCompile(`ASIA[A-Z0-9]{12,}`)

// sum adds durations up.
func sum(ds []time.Duration) time.Duration {
	var total time.Duration
	for _, d := range ds {
		total += d
	}
	return total
}

// TestLoggedCLICommandsAreWellFormed checks, without the AWS CLI, every "equivalent aws CLI
// command" of a whole dry run: it splits into words like a shell would, names every
// parameter of its call once as the CLI's option, with a value, and has the options the CLI
// itself requires (create-virtual-mfa-device's --outfile and --bootstrap-method); list
// parameters are the CLI's lists and shorthand (simulate-principal-policy's action names and
// context entries).
func TestLoggedCLICommandsAreWellFormed(t *testing.T) {
	for _, kind := range scenario.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			_, run := newDryRun(t, kind)
			for _, c := range run.calls {
				words, err := shlex.Split(c.CLI)
				if err != nil {
					t.Errorf("%s: %v", c.CLI, err)
					continue
				}
				options := map[string][]string{}
				var last string
				for _, w := range words[3:] {
					if strings.HasPrefix(w, "--") {
						if _, dup := options[w]; dup {
							t.Errorf("%s: %s twice", c.CLI, w)
						}
						last, options[w] = w, []string{}
						continue
					}
					options[last] = append(options[last], w)
				}
				if words[0] != "aws" || len(options["--endpoint-url"]) != 1 {
					t.Errorf("not an aws command against the endpoint: %s", c.CLI)
				}
				for _, p := range c.Params {
					if len(options["--"+kebabCase(p.Name)]) == 0 {
						t.Errorf("%s: parameter %s (%s) has no option with a value", c.CLI, p.Name, p.Value)
					}
				}
				switch c.Action {
				case "CreateVirtualMFADevice":
					if len(options["--outfile"]) != 1 || fmt.Sprint(options["--bootstrap-method"]) != "[Base32StringSeed]" {
						t.Errorf("the CLI requires --outfile and --bootstrap-method: %s", c.CLI)
					}
				case "SimulatePrincipalPolicy":
					actions, entries := options["--action-names"], options["--context-entries"]
					wellFormed := len(actions) > 0
					for _, a := range actions {
						wellFormed = wellFormed && actionName.MatchString(a)
					}
					for _, e := range entries {
						wellFormed = wellFormed && contextEntry.MatchString(e)
					}
					if !wellFormed {
						t.Errorf("the simulator's actions and context are not in the CLI's syntax: %s", c.CLI)
					}
				}
			}
		})
	}
}

// actionName is an IAM action as --action-names lists them; contextEntry is one
// --context-entries item in the CLI's shorthand syntax.
var (
	actionName   = regexp.MustCompile(`^[a-z0-9-]+:[A-Za-z0-9*]+$`)
	contextEntry = regexp.MustCompile(`^ContextKeyName=[\w:/-]+,ContextKeyType=(string|stringList|numeric|numericList|boolean|booleanList|ip|ipList|binary|binaryList|date|dateList),ContextKeyValues=[^,\s]+$`)
)

// kebabCase is how the CLI names an API parameter's option: CreateVirtualMFADevice →
// create-virtual-mfa-device, AuthenticationCode1 → authentication-code1.
func kebabCase(name string) string {
	var b strings.Builder
	for i, r := range name {
		upper := r >= 'A' && r <= 'Z'
		if i > 0 && upper {
			prev, next := rune(name[i-1]), rune(0)
			if i+1 < len(name) {
				next = rune(name[i+1])
			}
			prevUpper, nextLower := prev >= 'A' && prev <= 'Z', next >= 'a' && next <= 'z'
			if !prevUpper || nextLower {
				b.WriteByte('-')
			}
		}
		b.WriteString(strings.ToLower(string(r)))
	}
	return b.String()
}

// TestLoggedCLICommandsRunInTheAWSCLI runs every logged command of a whole dry run, in its
// order, through the AWS CLI against a standalone emulator of its own, each with the
// credentials of its call (the admin key, the demo user's new key, the session), and checks
// that each succeeds or fails exactly as the original call did. The values that belong to
// the other emulator are carried over: its endpoint, the new access key's ID, and the MFA
// codes, which are computed from the seed the CLI wrote for the same 30-second windows, with
// the emulator's clock where the run's was at that call.
func TestLoggedCLICommandsRunInTheAWSCLI(t *testing.T) {
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("the AWS CLI (aws) is not installed: TestLoggedCLICommandsAreWellFormed still checks the commands' syntax")
	}
	for _, kind := range scenario.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			h, run := newDryRun(t, kind)
			var now atomic.Pointer[time.Time]
			now.Store(&run.times[0])
			cli, err := emulator.Start("127.0.0.1:0", emulator.Options{Now: func() time.Time { return *now.Load() }})
			if err != nil {
				t.Fatal(err)
			}
			defer cli.Close()
			dir := t.TempDir()
			creds := map[string][3]string{aws.CallerOperator: {"test", "test", ""}}
			var seed, keyID string
			var moved time.Duration
			sessions := map[string][3]string{} // by the key ID of the session in the demo's run
			for i, c := range run.calls {
				now.Store(&run.times[i])
				if run.moved[i] != moved {
					cli.Emulator.MoveClock(run.moved[i] - moved)
					moved = run.moved[i]
				}
				command := strings.ReplaceAll(c.CLI, h.srv.URL, cli.URL)
				for _, p := range c.Params {
					switch p.Name {
					case "AuthenticationCode1", "AuthenticationCode2", "TokenCode":
						command = strings.Replace(command, " "+p.Value+" ", " "+sameWindowCode(t, run.seed, seed, p.Value, run.times[i])+" ", 1)
					case "AccessKeyId":
						command = strings.ReplaceAll(command, p.Value, keyID)
					}
				}
				cred, ok := creds[c.Caller]
				if c.Caller == aws.CallerSession {
					// The lab holds two sessions at once: the call names the one that signed it.
					cred, ok = sessions[c.KeyID]
				}
				if !ok {
					t.Fatalf("%s: no credentials of the %s yet", command, c.Caller)
				}
				sh := exec.Command("bash", "-c", command)
				sh.Dir = dir
				sh.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "AWS_CONFIG_FILE=" + filepath.Join(dir, "none"),
					"AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(dir, "none"), "AWS_DEFAULT_REGION=us-east-1", "AWS_DEFAULT_OUTPUT=json",
					"AWS_ACCESS_KEY_ID=" + cred[0], "AWS_SECRET_ACCESS_KEY=" + cred[1], "AWS_SESSION_TOKEN=" + cred[2], "AWS_MAX_ATTEMPTS=1"}
				var stdout, stderr bytes.Buffer
				sh.Stdout, sh.Stderr = &stdout, &stderr
				err := sh.Run()
				switch {
				case c.ErrorCode == "" && err != nil:
					t.Fatalf("%s\nfailed in the CLI (%v), succeeded in the demo:\n%s", command, err, stderr.String())
				case c.ErrorCode != "" && (err == nil || !strings.Contains(stderr.String(), c.ErrorCode)):
					t.Fatalf("call %d by the %s, clock moved %v: %s\nthe demo's call failed with %s; the CLI: %v\n%s%s", i, c.Caller, run.moved[i], command, c.ErrorCode, err, stdout.String(), stderr.String())
				case err != nil:
					continue
				}
				var out struct {
					AccessKey   struct{ AccessKeyId, SecretAccessKey string }
					Credentials struct{ AccessKeyId, SecretAccessKey, SessionToken string }
				}
				_ = json.Unmarshal(stdout.Bytes(), &out)
				switch c.Action {
				case "CreateVirtualMFADevice":
					b, err := os.ReadFile(filepath.Join(dir, param(c, "VirtualMFADeviceName")+"-seed.txt"))
					if err != nil {
						t.Fatalf("the CLI wrote no seed: %v", err)
					}
					seed = strings.TrimSpace(string(b))
				case "CreateAccessKey":
					keyID = out.AccessKey.AccessKeyId
					creds[aws.CallerUser] = [3]string{keyID, out.AccessKey.SecretAccessKey, ""}
				case "GetSessionToken", "AssumeRole":
					sessions[issuedKey(t, run, i)] = [3]string{out.Credentials.AccessKeyId, out.Credentials.SecretAccessKey, out.Credentials.SessionToken}
				}
			}
		})
	}
}

// param is the value of a call's parameter.
func param(c scenario.Call, name string) string {
	for _, p := range c.Params {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}

// sameWindowCode is the code of seed for the 30-second window whose code of runSeed is code,
// near at.
func sameWindowCode(t *testing.T, runSeed, seed, code string, at time.Time) string {
	t.Helper()
	for s := mfa.Step(at) - 2; s <= mfa.Step(at)+2; s++ {
		if c, _ := mfa.CodeAt(runSeed, s); c == code {
			other, err := mfa.CodeAt(seed, s)
			if err != nil {
				t.Fatalf("code of the CLI's seed %q: %v", seed, err)
			}
			return other
		}
	}
	t.Fatalf("code %s is of no window near %v", code, at)
	return ""
}
