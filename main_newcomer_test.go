package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// refusingProxy forwards every request but those of one action, which it answers with
// AWS's AccessDenied while refuse is set, like a teardown permission taken away mid-run.
type refusingProxy struct {
	target *httputil.ReverseProxy
	action string
	refuse atomic.Bool
}

func (p *refusingProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	if p.refuse.Load() && requestAction(r, body) == p.action {
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>refused by the test</Message></Error><RequestId>1</RequestId></ErrorResponse>`)
		return
	}
	p.target.ServeHTTP(w, r)
}

// removeWith finds the cleanup command a summary names.
var removeWith = regexp.MustCompile(`(?m)^Remove it with: (mfa-demo cleanup[^\n]*?)   \(journal: `)

// TestTheCleanupHintIsTheCommandForThisTarget runs the demo against an endpoint whose
// teardown is refused, then types the cleanup command the summary names, word for word:
// it must check the run's own target and remove what was left (before, `mfa-demo cleanup`
// without the target flags checked the embedded emulator and said nothing was left).
func TestTheCleanupHintIsTheCommandForThisTarget(t *testing.T) {
	proxy := &refusingProxy{action: "DeleteUser"}
	endpoint, admin := behindProxy(t, func(rp *httputil.ReverseProxy) http.Handler {
		proxy.target = rp
		return proxy
	})
	proxy.refuse.Store(true)
	dir := t.TempDir()
	out, err := command(t, dir, "--plain", "--auto-mfa", "--endpoint-url", endpoint).CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("run with a refused DeleteUser: %v, want exit 1\n%s", err, out)
	}
	m := removeWith.FindSubmatch(out)
	if m == nil {
		t.Fatalf("the summary names no cleanup command:\n%s", out)
	}
	typed := strings.Fields(string(m[1]))
	if typed[0] != "mfa-demo" || !strings.Contains(string(m[1]), "--endpoint-url "+endpoint) {
		t.Fatalf("cleanup command %q does not name this run's target %s", m[1], endpoint)
	}
	if len(demoLeftovers(t, admin)) == 0 {
		t.Fatal("nothing was left: the refused teardown is not simulated")
	}
	proxy.refuse.Store(false)
	cleanOut, err := command(t, dir, append(typed[1:], "--yes")...).CombinedOutput()
	if err != nil {
		t.Errorf("%s: %v\n%s", m[1], err, cleanOut)
	}
	if left := demoLeftovers(t, admin); len(left) > 0 {
		t.Errorf("left after the suggested cleanup: %v\n%s", left, cleanOut)
	}
}

// TestAClosedPipeDoesNotStopTheTeardown pipes plain mode into a reader that stops after
// three lines, like `mfa-demo --plain --auto-mfa | head -3`: the run must go on to its
// teardown, leave nothing, and exit with the status of how it ended, not die of SIGPIPE.
func TestAClosedPipeDoesNotStopTheTeardown(t *testing.T) {
	proxy := &actionProxy{}
	endpoint, admin := behindProxy(t, func(rp *httputil.ReverseProxy) http.Handler {
		proxy.target = rp
		return proxy
	})
	// The third line is step 1's; hold step 2's call until the reader has gone, so every
	// later line is written to a closed pipe.
	held, _ := proxy.arm("CreateVirtualMFADevice", 1, false)
	cmd := command(t, t.TempDir(), "--plain", "--auto-mfa", "--endpoint-url", endpoint)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(stdout)
	for range 3 {
		if _, err := r.ReadString('\n'); err != nil {
			t.Fatalf("fewer than three lines: %v", err)
		}
	}
	stdout.Close()
	<-held
	proxy.answer(0)
	cmd.Wait()
	st := cmd.ProcessState
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		t.Fatalf("killed by %v after the pipe closed\n%s", ws.Signal(), stderr.String())
	}
	if left := demoLeftovers(t, admin); len(left) > 0 {
		t.Errorf("left after the pipe closed: %v\n%s", left, stderr.String())
	}
	if code := st.ExitCode(); code != scenario.ExitLesson {
		t.Errorf("exit %d, want %d: the lesson ran and teardown completed\n%s", code, scenario.ExitLesson, stderr.String())
	}
	if !strings.Contains(stderr.String(), "output was closed") {
		t.Errorf("stderr does not say the output was lost:\n%s", stderr.String())
	}
}

// TestAMalformedEndpointIsAUsageError checks --endpoint-url before anything runs: a value
// the SDK could not call is exit 2 with a sentence, for the demo and for cleanup.
func TestAMalformedEndpointIsAUsageError(t *testing.T) {
	t.Setenv(scenario.StateDirEnv, t.TempDir())
	for _, endpoint := range []string{"127.0.0.1:4566", "localhost", "http://", "ftp://127.0.0.1:4566", "http://127.0.0.1:4566?x=1", "http//127.0.0.1:4566"} {
		for _, cmd := range [][]string{{"--plain"}, {"cleanup"}} {
			args := append(cmd, "--endpoint-url", endpoint)
			code, out := runApp(t, args...)
			if code != scenario.ExitUsage || !strings.Contains(out, fmt.Sprintf("--endpoint-url %q is not a URL such as http://127.0.0.1:4566", endpoint)) {
				t.Errorf("%v: exit %d, want %d and the sentence:\n%s", args, code, scenario.ExitUsage, out)
			}
		}
	}
	if code, out := runApp(t, "--plain", "--auto-mfa", "--endpoint-url", "HTTP://127.0.0.1:1/"); code == scenario.ExitUsage {
		t.Errorf("a well-formed endpoint was refused as usage:\n%s", out)
	}
}

// TestUnreachableTargetsGetOneSentence points the demo and cleanup at a closed port and at
// HTTP servers that are not AWS: each says in one sentence what is wrong and what to do, in
// place of the SDK's chain of errors. The TUI words them with the same text.Describe.
func TestUnreachableTargetsGetOneSentence(t *testing.T) {
	t.Setenv(scenario.StateDirEnv, t.TempDir())
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	notFound := httptest.NewServer(http.NotFoundHandler())
	defer notFound.Close()
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "<html>hello</html>") }))
	defer page.Close()
	tests := []struct{ name, endpoint, want string }{
		{"closed port", closed, "nothing answers at " + closed + " (connection refused): start the endpoint"},
		{"web server, 404", notFound.URL, notFound.URL + " answers, but not as an AWS API does (HTTP 404)"},
		{"web page, 200", page.URL, page.URL + " answers, but not as an AWS API does (HTTP 200)"},
	}
	for _, tt := range tests {
		for _, cmd := range []string{"demo", "cleanup"} {
			t.Run(tt.name+"/"+cmd, func(t *testing.T) {
				args := []string{"--plain", "--auto-mfa", "--endpoint-url", tt.endpoint}
				if cmd == "cleanup" {
					args = []string{"cleanup", "--yes", "--endpoint-url", tt.endpoint}
				}
				code, out := runApp(t, args...)
				if code != scenario.ExitFailure || !strings.Contains(out, tt.want) {
					t.Errorf("exit %d, want %d and %q:\n%s", code, scenario.ExitFailure, tt.want, out)
				}
				if strings.Contains(out, "operation error") || strings.Contains(out, "StatusCode") {
					t.Errorf("the SDK's chain of errors is shown:\n%s", out)
				}
			})
		}
	}
}

// emulatorBlock starts `mfa-demo emulator` with args and returns the block it prints for
// pasting into another terminal, and the whole banner.
func emulatorBlock(t *testing.T, args ...string) (block, banner string) {
	t.Helper()
	cmd := command(t, t.TempDir(), append([]string{"emulator"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	r := bufio.NewReader(stdout)
	var all strings.Builder
	for !strings.Contains(all.String(), "Ctrl-C stops it") {
		line, err := r.ReadString('\n')
		all.WriteString(line)
		if err != nil {
			t.Fatalf("the emulator printed no banner: %v\n%s", err, all.String())
		}
	}
	_, after, ok := strings.Cut(all.String(), "(paste into bash):\n")
	if !ok {
		t.Fatalf("no block to paste:\n%s", all.String())
	}
	block, _, _ = strings.Cut(after, "\n\n")
	return block, all.String()
}

// TestEmulatorBlockPastesIntoBash pastes the block `mfa-demo emulator` prints into bash, with
// -e and -u: it must run as it is (no <placeholder> to edit), with the real key and secret
// (quoted where a shell needs it), and an address that can be called even when the emulator
// listens on every interface.
func TestEmulatorBlockPastesIntoBash(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash here")
	}
	_, awsErr := exec.LookPath("aws")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"defaults", []string{"--listen", "127.0.0.1:0"}, []string{"AWS_SECRET_ACCESS_KEY=test\n"}},
		{"a secret a shell must quote", []string{"--listen", "127.0.0.1:0", "--secret-key", "it's $ecret"}, []string{`AWS_SECRET_ACCESS_KEY='it'\''s $ecret'`}},
		{"every interface", []string{"--listen", "0.0.0.0:0"}, []string{"export AWS_ENDPOINT_URL=http://127.0.0.1:", "It listens on every interface (--listen 0.0.0.0:0)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			block, banner := emulatorBlock(t, tt.args...)
			for _, want := range tt.want {
				if !strings.Contains(banner, want) {
					t.Errorf("the banner lacks %q:\n%s", want, banner)
				}
			}
			if strings.ContainsAny(block, "<>") {
				t.Errorf("the block has a placeholder:\n%s", block)
			}
			if out, err := exec.Command("bash", "-n", "-c", block).CombinedOutput(); err != nil {
				t.Fatalf("bash -n: %v\n%s\n%s", err, out, block)
			}
			// Run it, the AWS CLI calls too when the CLI is here.
			script := "set -eu\n" + block + "\necho \"$AWS_ENDPOINT_URL $AWS_SECRET_ACCESS_KEY\"\n"
			if awsErr != nil {
				t.Logf("aws CLI missing: only the exports are run")
				script = strings.NewReplacer("  aws sts get-caller-identity\n", "", "  aws s3 ls", "  : s3 ls").Replace(script)
			}
			run := exec.Command("bash", "-c", script)
			run.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
			out, err := run.CombinedOutput()
			if err != nil {
				t.Fatalf("the pasted block failed: %v\n%s\n%s", err, out, block)
			}
			if awsErr == nil && !strings.Contains(string(out), "arn:aws:iam::000000000000:user/admin") {
				t.Errorf("aws sts get-caller-identity did not answer as the admin:\n%s", out)
			}
		})
	}
}

// TestOperatorPolicyHelp asks operator-policy for help: it prints its own help, not the
// policy (which a script redirects into a file), and refuses what it does not know.
func TestOperatorPolicyHelp(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"operator-policy", "--help"}, 0, "Usage: mfa-demo operator-policy > operator.json"},
		{[]string{"operator-policy", "-h"}, 0, "least-privilege IAM policy"},
		{[]string{"operator-policy", "--bogus"}, scenario.ExitUsage, "flag provided but not defined"},
		{[]string{"operator-policy", "extra"}, scenario.ExitUsage, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		code, out := runApp(t, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.want) || strings.Contains(out, `"Statement"`) {
			t.Errorf("%v: exit %d, want %d and %q without the policy:\n%s", tt.args, code, tt.code, tt.want, out)
		}
	}
}

// TestReadmeSaysWhatANewcomerMeets checks the README against the command: the Go version it
// is built with, the minute the first `go run .` compiles, and that --clock-offset is a flag
// of `emulator` (the demo's own is --emulator-clock-offset).
func TestReadmeSaysWhatANewcomerMeets(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	goVersion := strings.TrimPrefix(runtime.Version(), "go")
	for _, want := range []string{"Go " + goVersion, "The first `go run .` compiles for about a minute"} {
		if !strings.Contains(text, want) {
			t.Errorf("README lacks %q", want)
		}
	}
	for _, m := range regexp.MustCompile("`([^`]*)--clock-offset[^`]*`").FindAllStringSubmatch(text, -1) {
		if !strings.Contains(m[1], " emulator ") {
			t.Errorf("README shows --clock-offset outside `mfa-demo emulator`: %s", m[0])
		}
	}
	// The flag the README names exists there, and the demo refuses it.
	if code, out := runApp(t, "--clock-offset", "20m"); code != scenario.ExitUsage {
		t.Errorf("the demo accepts --clock-offset (exit %d):\n%s", code, out)
	}
	if out, _ := command(t, t.TempDir(), "emulator", "--help").CombinedOutput(); !strings.Contains(string(out), "-clock-offset") {
		t.Errorf("mfa-demo emulator has no --clock-offset:\n%s", out)
	}
}
