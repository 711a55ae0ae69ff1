package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/aws/mfa"
	"github.com/mfa-demo/mfa-demo/internal/testkit"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// binary is the mfa-demo command built once for the subprocess tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "mfa-demo-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "mfa-demo")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build mfa-demo:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// command runs the built binary with a clean environment: the emulator's credentials,
// no AWS config files, and its own state directory.
func command(t testing.TB, stateDir string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + stateDir,
		"AWS_ACCESS_KEY_ID=test",
		"AWS_SECRET_ACCESS_KEY=test",
		"AWS_CONFIG_FILE=" + filepath.Join(stateDir, "no-config"),
		"AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(stateDir, "no-credentials"),
		"AWS_EC2_METADATA_DISABLED=true",
		scenario.StateDirEnv + "=" + stateDir,
	}
	return cmd
}

func TestBinaryRunsTheLessonOnTheEmbeddedEmulator(t *testing.T) {
	tests := []struct {
		kind scenario.Kind
		want []string
	}{
		{scenario.SessionToken, []string{"AccessDenied, as expected", "3 buckets", "Lesson shown", "deleted       DeleteUser mfa-demo-user-"}},
		{scenario.AssumeRole, []string{
			"scenario assume-role",
			"Assume the role without MFA:  AccessDenied, as expected", // the column fits "Let the user assume the role:"
			":user/mfa-demo/mfa-demo-user-", " is now arn:aws:sts::000000000000:assumed-role/mfa-demo-role-",
			"3 buckets [mfa-demo-backups, mfa-demo-photos, mfa-demo-reports] with the role session",
			"detached      DetachRolePolicy arn:aws:iam::000000000000:policy/mfa-demo/mfa-demo-policy-",
			"deleted       DeleteRole mfa-demo-role-", "deleted       DeleteUser mfa-demo-user-",
			"Lesson shown: without MFA the role could not be assumed",
		}},
		{scenario.Conditions, []string{
			"scenario conditions",
			"Run the condition lab:       21 cells, every one as AWS documents it",
			"2 Deny, Bool false            allowed          denied           allowed",
			"4 Deny, Null true             denied           allowed          allowed",
			"7 the same, 6 min later       denied           denied           denied",
			"why row 2, session, no MFA: s3:ListAllMyBuckets by arn:aws:iam::000000000000:user/mfa-demo/mfa-demo-user-",
			"MFA keys: aws:MultiFactorAuthPresent=false, aws:MultiFactorAuthAge absent; IAM's policy simulator: explicitDeny (statement 2 of mfa-demo-user-policy-",
			"deleted       DeleteUserPolicy mfa-demo-user-policy-",
			"Lesson shown: every cell of the grid came out as AWS documents it.",
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			dir := t.TempDir()
			out, err := command(t, dir, "--plain", "--auto-mfa", "--scenario", string(tt.kind)).CombinedOutput()
			if err != nil {
				t.Fatalf("mfa-demo --plain --auto-mfa --scenario %s: %v\n%s", tt.kind, err, out)
			}
			for _, want := range tt.want {
				if !bytes.Contains(out, []byte(want)) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasSuffix(e.Name(), ".jsonl") {
					t.Errorf("journal %s left after a complete run", e.Name())
				}
			}
		})
	}
}

func TestRunInProcess(t *testing.T) {
	t.Setenv(scenario.StateDirEnv, t.TempDir())
	tests := []struct {
		name string
		args []string
		code int
		out  string // in stdout
		err  string // in stderr
	}{
		{"lesson", []string{"--plain", "--auto-mfa", "--run-id", "inproc"}, scenario.ExitLesson, "mfa-demo-user-inproc", ""},
		{"help", []string{"--help"}, 0, "Exit status:", ""},
		{"help subcommand", []string{"help"}, 0, "--endpoint-url URL", ""},
		{"help says when cleanup asks", []string{"cleanup", "--help"}, 0, "(asks when run in a terminal; --yes skips the question)", ""},
		{"version", []string{"version"}, 0, "mfa-demo " + version, ""},
		{"unknown flag", []string{"--bogus"}, scenario.ExitUsage, "", "flag provided but not defined"},
		{"two targets", []string{"--live", "--endpoint-url", "http://127.0.0.1:1"}, scenario.ExitUsage, "", "pick one"},
		{"assume-role lesson", []string{"--plain", "--auto-mfa", "--scenario", "assume-role", "--run-id", "inrole"}, scenario.ExitLesson,
			"arn:aws:sts::000000000000:assumed-role/mfa-demo-role-inrole/mfa-demo", ""},
		{"help after --lang", []string{"--lang", "en", "--help"}, 0, "--lang LANG", ""},
		{"help before --lang=", []string{"--help", "--lang=en"}, 0, "--lang LANG", ""},
		{"cleanup takes --lang", []string{"cleanup", "-lang", "en", "--yes"}, 0, "Nothing to clean up", ""},
		{"unknown language", []string{"--lang", "fr", "--plain"}, scenario.ExitUsage, "", `unknown language "fr" for --lang (one of: en`},
		{"unknown language on help", []string{"help", "--lang", "xx"}, scenario.ExitUsage, "", `unknown language "xx"`},
		{"bad --ambiguous-width", []string{"--ambiguous-width", "double"}, scenario.ExitUsage, "", "--ambiguous-width must be auto, narrow or wide"},
		{"bad --qr", []string{"--qr", "huge"}, scenario.ExitUsage, "", "--qr must be half or full"},
		{"plain mode takes the TUI's flags", []string{"--plain", "--auto-mfa", "--qr", "full", "--ambiguous-width", "wide", "--run-id", "flags"}, scenario.ExitLesson, "Lesson", ""},
		{"unknown scenario", []string{"--scenario", "nope"}, scenario.ExitUsage, "", "unknown scenario"},
		{"bad run id", []string{"--run-id", "Bad_ID"}, scenario.ExitUsage, "", "--run-id"},
		{"stray argument", []string{"--plain", "extra"}, scenario.ExitUsage, "", "unexpected argument"},
		{"cleanup of the embedded emulator", []string{"cleanup", "--yes"}, 0, "Nothing to clean up", ""},
		{"unreachable endpoint", []string{"--plain", "--auto-mfa", "--endpoint-url", "http://127.0.0.1:1"}, scenario.ExitFailure, "Who am I", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.Contains(tt.name, "endpoint") {
				t.Setenv("AWS_ACCESS_KEY_ID", "test")
				t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
				t.Setenv("AWS_MAX_ATTEMPTS", "1")
			}
			var stdout, stderr bytes.Buffer
			a := &app{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
			code := a.run(context.Background(), tt.args)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, stdout.String(), stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.out) {
				t.Errorf("stdout lacks %q:\n%s", tt.out, stdout.String())
			}
			if !strings.Contains(stderr.String(), tt.err) {
				t.Errorf("stderr lacks %q:\n%s", tt.err, stderr.String())
			}
		})
	}
}

// TestTypedCodesThroughStdin answers the prompts as a trainee would, mistakes included,
// reading the secret the program prints and computing codes like an authenticator app.
func TestTypedCodesThroughStdin(t *testing.T) {
	t.Setenv(scenario.StateDirEnv, t.TempDir())
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	var stderr bytes.Buffer
	a := &app{stdin: inR, stdout: outW, stderr: &stderr}
	done := make(chan int, 1)
	go func() {
		done <- a.run(context.Background(), []string{"--plain", "--run-id", "typed"})
		outW.Close()
	}()

	var transcript strings.Builder
	var secret string
	var enableCodes []string
	r := bufio.NewReader(outR)
	send := func(line string) {
		transcript.WriteString("<< " + line + "\n")
		if _, err := io.WriteString(inW, line+"\n"); err != nil {
			t.Errorf("write stdin: %v", err)
		}
	}
	code := func(offset int) string {
		c, err := mfa.Code(secret, time.Now().Add(time.Duration(offset)*mfa.Period))
		if err != nil {
			t.Fatalf("TOTP: %v", err)
		}
		return c
	}
	var prompts []string
	for {
		line, err := readPromptOrLine(r)
		transcript.WriteString(line)
		if err != nil {
			break
		}
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "secret:"):
			secret = strings.ReplaceAll(strings.TrimPrefix(trimmed, "secret:"), " ", "")
		case trimmed == "code 1:" || trimmed == "code 2:" || trimmed == "code:":
			prompts = append(prompts, trimmed)
			// The script: letters, 5 digits, 7 digits, then the same code twice, then a
			// good pair; for the session, the code that enabled the device, then a good one.
			switch len(prompts) {
			case 1:
				send("abcdef")
			case 2:
				send("12345")
			case 3:
				send(code(-1))
			case 4:
				send("1234567")
			case 5:
				send(code(-1)) // same as code 1
			case 6:
				enableCodes = []string{code(-1), code(0)}
				send(enableCodes[0][:3] + " " + enableCodes[0][3:]) // "123 456", as apps show it
			case 7:
				send(enableCodes[1])
			case 8:
				send(enableCodes[1]) // reused: refused before it is sent
			case 9:
				send(code(1))
			default:
				t.Errorf("unexpected prompt %d", len(prompts))
				send("000000")
			}
		}
	}
	inW.Close()
	status := <-done
	out := transcript.String()
	if status != scenario.ExitLesson {
		t.Fatalf("exit %d\n%s\nstderr:\n%s", status, out, stderr.String())
	}
	for _, want := range []string{
		"code 1 must be exactly 6 digits",
		"code 2 must be exactly 6 digits",
		"the two codes are the same",
		"\n    the code was already used in this run", // one code asked for: no "code 1"
		"Lesson shown",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("transcript lacks %q:\n%s", want, out)
		}
	}
}

var promptPattern = regexp.MustCompile(`^\s*code( [12])?: $`)

// readPromptOrLine reads a line, or a code prompt (which waits without a newline).
func readPromptOrLine(r *bufio.Reader) (string, error) {
	var b strings.Builder
	for {
		c, err := r.ReadByte()
		if err != nil {
			return b.String(), err
		}
		b.WriteByte(c)
		if c == '\n' || promptPattern.MatchString(b.String()) {
			return b.String(), nil
		}
	}
}

// adminIAM is an IAM client with the emulator's admin credentials.
func adminIAM(t *testing.T, endpoint string) *iam.Client {
	t.Helper()
	f, err := aws.New(context.Background(), aws.Options{Endpoint: endpoint, Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")})
	if err != nil {
		t.Fatal(err)
	}
	return f.Operator().IAM
}

// demoLeftovers lists the demo's users (with keys and policies), devices, roles and managed
// policies in the account.
func demoLeftovers(t *testing.T, client *iam.Client) []string {
	t.Helper()
	left, err := testkit.Leftovers(context.Background(), client)
	if err != nil {
		t.Fatal(err)
	}
	return left
}

func TestKilledAtEveryCallThenCleanupLeavesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two processes per AWS call of the scenario")
	}
	tests := []struct {
		kind  scenario.Kind
		steps int64 // calls before teardown: from the second (CreateUser) to here, something is left
	}{
		{scenario.SessionToken, 12},
		{scenario.AssumeRole, 16},
		{scenario.Conditions, 50},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			killedAtEveryCall(t, tt.kind, tt.steps, plainLauncher)
		})
	}
}

// launcher starts the binary with args in one front end and returns the running command,
// a reader of what it showed, and a function that waits for it to end.
type launcher func(t *testing.T, dir string, args ...string) (cmd *exec.Cmd, shown func() string, wait func() error)

// plainLauncher runs plain mode (--plain), its output in a buffer.
func plainLauncher(t *testing.T, dir string, args ...string) (*exec.Cmd, func() string, func() error) {
	t.Helper()
	run := command(t, dir, append([]string{"--plain"}, args...)...)
	var out syncBuffer
	run.Stdout, run.Stderr = &out, &out
	if err := run.Start(); err != nil {
		t.Fatal(err)
	}
	return run, out.String, run.Wait
}

// killedAtEveryCall kills a run of one scenario after each of its calls in turn, then runs
// cleanup and checks that nothing is left.
func killedAtEveryCall(t *testing.T, kind scenario.Kind, steps int64, launch launcher) {
	proxy, endpoint, admin := startEndpoint(t)

	// A complete run through the proxy counts the calls there are to crash after.
	dir := t.TempDir()
	proxy.Arm(0)
	_, shown, wait := launch(t, dir, "--auto-mfa", "--scenario", string(kind), "--endpoint-url", endpoint)
	if err := wait(); err != nil {
		t.Fatalf("clean run: %v\n%s", err, shown())
	}
	total := proxy.Requests()
	if total < steps+5 {
		t.Fatalf("a clean run made %d calls; want at least %d", total, steps+5)
	}

	for n := int64(1); n <= total; n++ {
		t.Run(fmt.Sprintf("after call %02d", n), func(t *testing.T) {
			held := proxy.Arm(n)
			run, shown, wait := launch(t, dir, "--auto-mfa", "--scenario", string(kind), "--endpoint-url", endpoint, "--run-id", fmt.Sprintf("kill%02d", n))
			select {
			case <-held:
			case <-time.After(30 * time.Second):
				run.Process.Kill()
				t.Fatalf("call %d never came\n%s", n, shown())
			}
			run.Process.Signal(syscall.SIGKILL)
			wait()
			before := demoLeftovers(t, admin)
			// The second call is CreateUser: from then on until teardown, something is left.
			if n >= 2 && n <= steps && len(before) == 0 {
				t.Errorf("nothing left after a kill at call %d: the crash did not happen mid-run\n%s", n, shown())
			}

			proxy.Arm(0)
			clean := command(t, dir, "cleanup", "--yes", "--endpoint-url", endpoint)
			cleanOut, err := clean.CombinedOutput()
			if err != nil {
				t.Errorf("cleanup: %v\n%s", err, cleanOut)
			}
			if left := demoLeftovers(t, admin); len(left) > 0 {
				t.Errorf("left after cleanup: %v (before: %v)\n%s", left, before, cleanOut)
			}
			journals, _ := filepath.Glob(filepath.Join(dir, "run-*.jsonl"))
			if len(journals) > 0 {
				t.Errorf("journals left after cleanup: %v", journals)
			}
		})
	}
}

func TestMotoServerDoesNotEnforceTheCondition(t *testing.T) {
	moto, err := exec.LookPath("moto_server")
	if err != nil {
		t.Skip("moto_server is not installed: cannot check the exit status for a backend that does not enforce MFA")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	server := exec.Command(moto, "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	var serverLog bytes.Buffer
	server.Stdout, server.Stderr = &serverLog, &serverLog
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		server.Process.Kill()
		server.Wait()
	}()
	endpoint := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(30 * time.Second)
	for {
		conn, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			conn.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("moto_server did not listen on %d:\n%s", port, serverLog.String())
		}
		time.Sleep(100 * time.Millisecond)
	}

	// moto evaluates neither identity policies nor trust policies: the session without MFA
	// lists the buckets, and the role is assumed without a code.
	tests := []struct {
		kind scenario.Kind
		want []string
	}{
		{scenario.SessionToken, []string{"WARNING: allowed", "the listing without MFA was allowed"}},
		{scenario.AssumeRole, []string{"WARNING: the role was assumed", "the role was assumed without MFA", "deleted       DeleteRole mfa-demo-role-"}},
		// moto cannot simulate and ignores every condition: each documented denial comes back
		// allowed, and the lab names each of those cells. The age row cannot run there.
		{scenario.Conditions, []string{
			"18 cells, 8 cells NOT as AWS documents it (marked !)",
			"row 1 (Allow, Bool true), long-term key: allowed, AWS documents denied",
			"row 4 (Deny, Null true), long-term key: allowed, AWS documents denied",
			"7 the same, 6 min later       skipped: only the embedded emulator's clock can be moved",
			"some cells of the grid differ from what AWS documents",
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			dir := t.TempDir()
			run := command(t, dir, "--plain", "--auto-mfa", "--scenario", string(tt.kind), "--endpoint-url", endpoint)
			out, err := run.CombinedOutput()
			if code := run.ProcessState.ExitCode(); code != scenario.ExitNotEnforced {
				t.Fatalf("exit %d (%v), want %d\n%s", code, err, scenario.ExitNotEnforced, out)
			}
			for _, want := range append(tt.want, "did not enforce aws:MultiFactorAuthPresent", "Teardown complete", "Tear down:") {
				if !bytes.Contains(out, []byte(want)) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			if bytes.Contains(out, []byte("Lesson shown")) {
				t.Errorf("moto run claims the lesson was shown:\n%s", out)
			}
		})
	}
}

// BenchmarkPlainAutoMFA times the whole dry run from exec to exit, embedded emulator
// included: `go test -run '^$' -bench PlainAutoMFA .` (the goal is well under 1.5 s).
func BenchmarkPlainAutoMFA(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		if out, err := command(b, dir, "--plain", "--auto-mfa").CombinedOutput(); err != nil {
			b.Fatalf("run: %v\n%s", err, out)
		}
	}
}

// startEndpoint starts an emulator behind a holding proxy and returns the proxy's URL.
func startEndpoint(t *testing.T) (*testkit.HoldingProxy, string, *iam.Client) {
	t.Helper()
	proxy := &testkit.HoldingProxy{}
	endpoint, admin := behindProxy(t, func(rp *httputil.ReverseProxy) http.Handler {
		proxy.Target = rp
		return proxy
	})
	proxy.Arm(0)
	return proxy, endpoint, admin
}

// behindProxy starts an emulator and serves it through the handler front builds around a
// reverse proxy to it. It returns the handler's URL, for the run under test, and an admin
// IAM client that talks to the emulator directly, for checking what is left.
func behindProxy(t *testing.T, front func(*httputil.ReverseProxy) http.Handler) (string, *iam.Client) {
	t.Helper()
	srv, err := emulator.Start("127.0.0.1:0", emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	u, _ := url.Parse(srv.URL)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: front(httputil.NewSingleHostReverseProxy(u))}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	return "http://" + ln.Addr().String(), adminIAM(t, srv.URL)
}

func TestInterruptTearsDownAndASecondOneExitsAtOnce(t *testing.T) {
	tests := []struct {
		name    string
		twice   bool
		want    []string
		leftNow bool // resources are left when the process exits
	}{
		{"once", false, []string{"interrupted: tearing down", "deleted       DeleteVirtualMFADevice", "deleted       DeleteUser", "Interrupted."}, false},
		{"twice", true, []string{"exiting without teardown", "mfa-demo cleanup --endpoint-url http://", "Journal: "}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			proxy, endpoint, admin := startEndpoint(t)
			dir := t.TempDir()
			// Without --auto-mfa the run waits at the first code prompt, after three calls:
			// GetCallerIdentity, CreateUser, CreateVirtualMFADevice.
			var held <-chan struct{}
			if tt.twice {
				held = proxy.Arm(4) // hold teardown's first call, so the second signal lands mid-teardown
			}
			cmd := command(t, dir, "--plain", "--endpoint-url", endpoint)
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			defer stdin.Close()
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			r := bufio.NewReader(stdout)
			for {
				line, err := readPromptOrLine(r)
				out.WriteString(line)
				if err != nil {
					t.Fatalf("no code prompt:\n%s\n%s", out.String(), stderr.String())
				}
				if promptPattern.MatchString(line) {
					break
				}
			}
			cmd.Process.Signal(os.Interrupt)
			if tt.twice {
				select {
				case <-held:
				case <-time.After(30 * time.Second):
					t.Fatalf("teardown never started:\n%s", out.String())
				}
				cmd.Process.Signal(syscall.SIGTERM)
			}
			rest, _ := io.ReadAll(r)
			out.Write(rest)
			cmd.Wait()
			all := out.String() + stderr.String()
			if code := cmd.ProcessState.ExitCode(); code != scenario.ExitFailure {
				t.Errorf("exit %d, want %d\n%s", code, scenario.ExitFailure, all)
			}
			for _, want := range tt.want {
				if !strings.Contains(all, want) {
					t.Errorf("output lacks %q:\n%s", want, all)
				}
			}
			if left := demoLeftovers(t, admin); (len(left) > 0) != tt.leftNow {
				t.Errorf("left after exit: %v; want something left: %v", left, tt.leftNow)
			}
			if tt.leftNow {
				proxy.Arm(0)
				if out, err := command(t, dir, "cleanup", "--yes", "--endpoint-url", endpoint).CombinedOutput(); err != nil {
					t.Errorf("cleanup: %v\n%s", err, out)
				}
				if left := demoLeftovers(t, admin); len(left) > 0 {
					t.Errorf("left after cleanup: %v", left)
				}
			}
		})
	}
}
