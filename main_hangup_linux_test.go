package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httputil"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// openTerminal opens a pseudo-terminal pair: the test holds the master side, the program
// under test gets the slave side as its controlling terminal. Closing the master is what
// closing a terminal window or losing an SSH session does: the kernel hangs the slave up
// and sends SIGHUP to the session leader.
func openTerminal(t *testing.T) (master, slave *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	raw, err := master.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	var ctlErr error
	err = raw.Control(func(fd uintptr) {
		if ctlErr = unix.IoctlSetPointerInt(int(fd), unix.TIOCSPTLCK, 0); ctlErr != nil {
			return
		}
		n, ctlErr = unix.IoctlGetInt(int(fd), unix.TIOCGPTN)
	})
	if err == nil {
		err = ctlErr
	}
	if err != nil {
		master.Close()
		t.Fatalf("unlock the pseudo-terminal: %v", err)
	}
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		t.Fatal(err)
	}
	if err := unix.IoctlSetWinsize(int(slave.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 40, Col: 120}); err != nil {
		t.Fatal(err)
	}
	return master, slave
}

// syncBuffer is a buffer the terminal's reader writes while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestTerminalClosedDuringTheWalkthrough runs the TUI in a pseudo-terminal and closes the
// terminal while a step's call is in flight: the hang-up must tear everything down and end
// the process, although nothing can be drawn or read any more.
func TestTerminalClosedDuringTheWalkthrough(t *testing.T) {
	proxy := &actionProxy{}
	endpoint, admin := behindProxy(t, func(rp *httputil.ReverseProxy) http.Handler {
		proxy.target = rp
		return proxy
	})
	tests := []struct {
		step   scenario.StepID
		action string
		nth    int
	}{
		{scenario.StepCreateDevice, "CreateVirtualMFADevice", 1},
		{scenario.StepCreateKey, "CreateAccessKey", 1},
	}
	dir := t.TempDir()
	for i, tt := range tests {
		t.Run(string(tt.step), func(t *testing.T) {
			held, _ := proxy.arm(tt.action, tt.nth, false)
			defer proxy.arm("", 0, false)
			cmd, master, screen := startInTerminal(t, command(t, dir, "--auto-mfa", "--scenario", string(scenario.SessionToken), "--endpoint-url", endpoint, "--run-id", fmt.Sprintf("tuihup%d", i)), nil)
			exited := make(chan struct{})
			go func() {
				cmd.Wait()
				close(exited)
			}()
			defer func() {
				select {
				case <-exited:
				default:
					cmd.Process.Kill()
					<-exited
				}
			}()

			// Enter starts the demo and moves on from each screen until the call is held.
			deadline := time.After(30 * time.Second)
		keys:
			for {
				select {
				case <-held:
					break keys
				case <-exited:
					t.Fatalf("exited before %s:\n%s", tt.action, screen.String())
				case <-deadline:
					t.Fatalf("%s never came:\n%s", tt.action, screen.String())
				case <-time.After(200 * time.Millisecond):
					master.Write([]byte("\r"))
				}
			}
			master.Close()
			select {
			case <-exited:
			case <-time.After(60 * time.Second):
				t.Fatalf("still running a minute after the terminal closed; left: %v", demoLeftovers(t, admin))
			}
			if left := demoLeftovers(t, admin); len(left) > 0 {
				t.Errorf("left behind: %v\n%s", left, screen.String())
			}
			if journals, _ := filepath.Glob(filepath.Join(dir, "run-*.jsonl")); len(journals) > 0 {
				t.Errorf("journals left: %v", journals)
			}
			if code := cmd.ProcessState.ExitCode(); code != scenario.ExitFailure {
				t.Errorf("exit %d, want %d", code, scenario.ExitFailure)
			}
		})
	}
}

// startInTerminal starts cmd on the slave side of a new pseudo-terminal, as its controlling
// terminal and its stdin, stderr and (unless stdout is given) stdout, and collects what it
// draws; the test holds the master side. The terminal is an xterm unless cmd.Env says.
func startInTerminal(t *testing.T, cmd *exec.Cmd, stdout *os.File) (*exec.Cmd, *os.File, *syncBuffer) {
	t.Helper()
	master, slave := openTerminal(t)
	cmd.Env = append([]string{"TERM=xterm-256color"}, cmd.Env...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	if stdout != nil {
		cmd.Stdout = stdout
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	screen := &syncBuffer{}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			screen.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	return cmd, master, screen
}

// tuiLauncher runs the walkthrough in a pseudo-terminal, pressing enter whenever a screen
// waits, as the trainee of a dry run would; the summary's enter ends it.
func tuiLauncher(t *testing.T, dir string, args ...string) (*exec.Cmd, func() string, func() error) {
	t.Helper()
	cmd, master, screen := startInTerminal(t, command(t, dir, args...), nil)
	// Enter moves the walkthrough on, until the process has ended.
	done := make(chan struct{})
	var err error
	go func() {
		err = cmd.Wait()
		close(done)
		master.Close()
	}()
	go func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(100 * time.Millisecond):
				master.Write([]byte("\r"))
			}
		}
	}()
	wait := func() error {
		select {
		case <-done:
			return err
		case <-time.After(60 * time.Second):
			cmd.Process.Kill()
			<-done
			return fmt.Errorf("still running after a minute: %w", err)
		}
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		wait()
	})
	return cmd, screen.String, wait
}

// TestTUIKilledAtEveryCallThenCleanupLeavesNothing is the kill matrix through the
// walkthrough: the TUI, driven in a pseudo-terminal, killed after each call in turn, then
// cleanup.
func TestTUIKilledAtEveryCallThenCleanupLeavesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two processes per AWS call of the scenario")
	}
	for _, kind := range scenario.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			killedAtEveryCall(t, kind, map[scenario.Kind]int64{scenario.SessionToken: 12, scenario.AssumeRole: 16, scenario.Conditions: 50}[kind], tuiLauncher)
		})
	}
}
