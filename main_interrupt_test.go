package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// actionProxy forwards requests to an endpoint and holds back the answers of the ones it
// is armed for: the nth call of an action, and optionally the call right after it. A held
// call has happened; its caller never learns the answer.
type actionProxy struct {
	target *httputil.ReverseProxy

	mu      sync.Mutex
	action  string
	nth     int
	andNext bool
	seen    map[string]int
	holding int // index of the held call in the request order, 0 when none yet
	count   int
	held    []chan struct{}
	release []chan struct{} // each closed to let a held call answer after all
}

// arm holds the nth call of action (and, with andNext, the call after it). The channels
// close as each is held.
func (p *actionProxy) arm(action string, nth int, andNext bool) (first, second <-chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.action, p.nth, p.andNext = action, nth, andNext
	p.seen, p.holding, p.count = map[string]int{}, 0, 0
	p.held = []chan struct{}{make(chan struct{}), make(chan struct{})}
	p.release = []chan struct{}{make(chan struct{}), make(chan struct{})}
	return p.held[0], p.held[1]
}

// answer lets the ith held call (0 or 1) answer: teardown does not give up a call on an
// interrupt, so a call held for ever would hold teardown until its timeout.
func (p *actionProxy) answer(i int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	close(p.release[i])
}

// requestAction names a request: the Query protocol's Action, or ListBuckets for S3's GET /.
func requestAction(r *http.Request, body []byte) string {
	if v, err := url.ParseQuery(string(body)); err == nil && v.Get("Action") != "" {
		return v.Get("Action")
	}
	if r.Method == http.MethodGet && r.URL.Path == "/" {
		return "ListBuckets"
	}
	return r.Method + " " + r.URL.Path
}

func (p *actionProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	action := requestAction(r, body)
	p.mu.Lock()
	p.count++
	p.seen[action]++
	var hold, release chan struct{}
	switch {
	case p.holding == 0 && action == p.action && p.seen[action] == p.nth:
		p.holding, hold, release = p.count, p.held[0], p.release[0]
	case p.andNext && p.holding != 0 && p.count == p.holding+1:
		hold, release = p.held[1], p.release[1]
	}
	p.mu.Unlock()
	if hold == nil {
		p.target.ServeHTTP(w, r)
		return
	}
	rec := httptest.NewRecorder()
	p.target.ServeHTTP(rec, r)
	close(hold)
	select {
	case <-r.Context().Done():
	case <-release:
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	}
}

// TestInterruptAtEveryStep interrupts a plain run while each step's call is in flight: one
// signal tears down and exits 1 with nothing left; a second one during that teardown exits at
// once, naming the cleanup command and the journal, and that cleanup leaves nothing.
//
// A hang-up (SIGHUP: the terminal closed) during a representative subset of the steps tears
// down the same way, with nobody reading the output any more, and a second hang-up (a shell
// forwards its own, then the kernel sends another) does not cut that teardown short.
func TestInterruptAtEveryStep(t *testing.T) {
	proxy := &actionProxy{}
	endpoint, admin := behindProxy(t, func(rp *httputil.ReverseProxy) http.Handler {
		proxy.target = rp
		return proxy
	})

	steps := []struct {
		step   scenario.StepID
		action string
		nth    int
		hangup bool          // also hang up at this step
		kind   scenario.Kind // "": the default scenario
	}{
		{scenario.StepWhoAmI, "GetCallerIdentity", 1, false, ""},
		{scenario.StepCreateUser, "CreateUser", 1, true, ""},
		{scenario.StepCreateDevice, "CreateVirtualMFADevice", 1, false, ""},
		{scenario.StepEnableDevice, "EnableMFADevice", 1, true, ""},
		{scenario.StepCreateKey, "CreateAccessKey", 1, false, ""},
		{scenario.StepWaitForKey, "GetCallerIdentity", 2, true, ""},
		{scenario.StepUserPolicy, "PutUserPolicy", 1, false, ""},
		{scenario.StepWithoutMFA, "ListBuckets", 1, false, ""},
		{scenario.StepWithMFA, "GetSessionToken", 2, true, ""},
		{scenario.StepTeardown, "DeleteUserPolicy", 1, true, ""},
		// The lab: its MFA session, a policy swap in the grid, a cell of the grid.
		{scenario.StepCredentials, "GetSessionToken", 2, false, scenario.Conditions},
		{scenario.StepGrid, "PutUserPolicy", 3, true, scenario.Conditions},
		{scenario.StepGrid, "ListBuckets", 10, false, scenario.Conditions},
	}
	type signals struct {
		name          string
		first, second os.Signal
	}
	interrupt := signals{"interrupt", os.Interrupt, syscall.SIGTERM}
	hangup := signals{"hangup", syscall.SIGHUP, syscall.SIGHUP}
	dir := t.TempDir()
	for i, st := range steps {
		sigs := []signals{interrupt}
		if st.hangup {
			sigs = append(sigs, hangup)
		}
		for _, sig := range sigs {
			for _, twice := range []bool{false, true} {
				// Nothing exists yet at step 0, so teardown makes no call to interrupt.
				if twice && st.step == scenario.StepWhoAmI {
					continue
				}
				name := fmt.Sprintf("%s/%s/%d/%s/once", st.step, st.action, st.nth, sig.name)
				if twice {
					name = fmt.Sprintf("%s/%s/%d/%s/twice", st.step, st.action, st.nth, sig.name)
				}
				runID := fmt.Sprintf("sig%02d-%s-%v", i, sig.name, twice)
				t.Run(name, func(t *testing.T) {
					interruptedRun(t, proxy, admin, interruptCase{
						endpoint: endpoint, dir: dir, runID: runID,
						action: st.action, nth: st.nth, twice: twice,
						first: sig.first, second: sig.second,
						teardown: st.step == scenario.StepTeardown, kind: st.kind,
					})
				})
			}
		}
	}
}

// interruptCase is one run of TestInterruptAtEveryStep.
type interruptCase struct {
	endpoint, dir, runID string
	action               string // the call in flight when the first signal comes
	nth                  int
	twice                bool      // signal again during teardown's first call
	first, second        os.Signal // the two signals
	teardown             bool      // the call is teardown's own
	kind                 scenario.Kind
}

// interruptedRun starts a plain run, signals it while the case's call is in flight (and
// again during teardown), and checks what it said and what it left.
func interruptedRun(t *testing.T, proxy *actionProxy, admin *iam.Client, c interruptCase) {
	first, second := proxy.arm(c.action, c.nth, c.twice)
	defer proxy.arm("", 0, false)
	hangup := c.first == syscall.SIGHUP
	args := []string{"--plain", "--auto-mfa", "--endpoint-url", c.endpoint, "--run-id", c.runID}
	if c.kind != "" {
		args = append(args, "--scenario", string(c.kind))
	}
	cmd := command(t, c.dir, args...)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	// After a hang-up nobody reads the output: the reader goes away once the notice is out,
	// so every later write fails (and a SIGPIPE would kill the run mid-teardown).
	var out bytes.Buffer
	read := make(chan struct{})
	go func() {
		defer close(read)
		defer r.Close()
		buf := make([]byte, 4096)
		for {
			n, err := r.Read(buf)
			out.Write(buf[:n])
			if err != nil || hangup && bytes.Contains(out.Bytes(), []byte("the terminal hung up: tearing down")) {
				return
			}
		}
	}()
	wait := func(ch <-chan struct{}, what string) {
		select {
		case <-ch:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			cmd.Wait()
			<-read
			t.Fatalf("%s never came:\n%s", what, out.String())
		}
	}
	wait(first, c.action)
	cmd.Process.Signal(c.first)
	if c.teardown {
		proxy.answer(0)
	}
	if c.twice {
		wait(second, "teardown's first call")
		cmd.Process.Signal(c.second)
		if hangup {
			proxy.answer(1)
		}
	}
	cmd.Wait()
	<-read
	all := out.String()
	code := cmd.ProcessState.ExitCode()
	left := demoLeftovers(t, admin)
	switch {
	case c.twice && !hangup:
		for _, want := range []string{"exiting without teardown", "mfa-demo cleanup --endpoint-url " + c.endpoint, "Journal: " + c.dir} {
			if !strings.Contains(all, want) {
				t.Errorf("output lacks %q:\n%s", want, all)
			}
		}
		if code != scenario.ExitFailure {
			t.Errorf("exit %d, want %d", code, scenario.ExitFailure)
		}
		proxy.arm("", 0, false)
		clean := command(t, c.dir, "cleanup", "--yes", "--endpoint-url", c.endpoint)
		if cout, err := clean.CombinedOutput(); err != nil {
			t.Errorf("cleanup: %v\n%s", err, cout)
		}
		left = demoLeftovers(t, admin)
	default:
		notice := "interrupted: tearing down"
		if hangup {
			notice = "the terminal hung up: tearing down"
		}
		if !strings.Contains(all, notice) {
			t.Errorf("output lacks %q:\n%s", notice, all)
		}
		// A signal during teardown lets teardown finish; the run's lesson stands.
		if !c.teardown && code != scenario.ExitFailure {
			t.Errorf("exit %d, want %d\n%s", code, scenario.ExitFailure, all)
		}
	}
	if len(left) > 0 {
		t.Errorf("left behind: %v\n%s", left, all)
	}
	if journals, _ := filepath.Glob(filepath.Join(c.dir, "run-"+c.runID+".jsonl")); len(journals) > 0 {
		t.Errorf("journal left: %v\n%s", journals, all)
	}
}
