package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// inTerminal starts the binary with a pseudo-terminal as its controlling terminal and stdin;
// stdout and stderr are the terminal too unless given. It returns a reader of what the
// terminal showed and a function that waits for the exit status.
func inTerminal(t *testing.T, env []string, stdout *os.File, args ...string) (*os.File, func() string, func() int) {
	t.Helper()
	cmd := command(t, t.TempDir(), args...)
	cmd.Env = append(cmd.Env, env...)
	cmd, master, screen := startInTerminal(t, cmd, stdout)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-done
		master.Close()
	})
	wait := func() int {
		select {
		case <-done:
		case <-time.After(60 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		return cmd.ProcessState.ExitCode()
	}
	return master, screen.String, wait
}

// waitFor polls what the terminal showed until it contains want.
func waitFor(t *testing.T, shown func() string, want string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(shown(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the terminal never showed %q:\n%s", want, shown())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestRedirectedOutputStillAsksOnTheTerminal is `mfa-demo > run.log` typed in a terminal: the
// lines go to the file, and the code prompts and the key they need go to the terminal, where
// the trainee sees them (before, they went into the file and the terminal stayed blank).
func TestRedirectedOutputStillAsksOnTheTerminal(t *testing.T) {
	log, err := os.CreateTemp(t.TempDir(), "run.log")
	if err != nil {
		t.Fatal(err)
	}
	master, shown, wait := inTerminal(t, []string{"TERM=xterm-256color"}, log)
	waitFor(t, shown, "code 1: ")
	for _, want := range []string{"secret: ", "Enter two consecutive codes"} {
		if !strings.Contains(shown(), want) {
			t.Errorf("the terminal does not show %q:\n%s", want, shown())
		}
	}
	master.Write([]byte{3}) // Ctrl-C: the terminal's interrupt
	if code := wait(); code != scenario.ExitFailure {
		t.Errorf("exit %d after an interrupt, want %d", code, scenario.ExitFailure)
	}
	written, _ := os.ReadFile(log.Name())
	if !bytes.Contains(written, []byte("Create a virtual MFA device: ")) || !bytes.Contains(written, []byte("Interrupted.")) {
		t.Errorf("the log lacks the run's lines:\n%s", written)
	}
	for _, secretOrPrompt := range []string{"code 1:", "secret:", "otpauth://"} {
		if bytes.Contains(written, []byte(secretOrPrompt)) {
			t.Errorf("the log holds %q:\n%s", secretOrPrompt, written)
		}
	}
}

// TestDumbTerminalGetsPlainMode runs the demo in a terminal that cannot draw (TERM=dumb): it
// must get plain lines, not the walkthrough's escape sequences.
func TestDumbTerminalGetsPlainMode(t *testing.T) {
	_, shown, wait := inTerminal(t, []string{"TERM=dumb"}, nil, "--auto-mfa")
	if code := wait(); code != scenario.ExitLesson {
		t.Fatalf("exit %d\n%s", code, shown())
	}
	out := shown()
	if !strings.Contains(out, "Who am I:                    arn:aws:iam::000000000000:user/admin") || strings.Contains(out, "\x1b[?1049h") {
		t.Errorf("TERM=dumb did not get plain mode:\n%q", out)
	}
}
