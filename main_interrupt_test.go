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
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

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
	release chan struct{} // closed to let the first held call answer after all
}

// arm holds the nth call of action (and, with andNext, the call after it). The channels
// close as each is held.
func (p *actionProxy) arm(action string, nth int, andNext bool) (first, second <-chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.action, p.nth, p.andNext = action, nth, andNext
	p.seen, p.holding, p.count = map[string]int{}, 0, 0
	p.held = []chan struct{}{make(chan struct{}), make(chan struct{})}
	p.release = make(chan struct{})
	return p.held[0], p.held[1]
}

// answer lets the first held call answer: teardown does not give up a call on an interrupt,
// so a call held for ever would hold teardown until its timeout.
func (p *actionProxy) answer() {
	p.mu.Lock()
	defer p.mu.Unlock()
	close(p.release)
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
		p.holding, hold, release = p.count, p.held[0], p.release
	case p.andNext && p.holding != 0 && p.count == p.holding+1:
		hold = p.held[1]
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
	}{
		{scenario.StepWhoAmI, "GetCallerIdentity", 1},
		{scenario.StepCreateUser, "CreateUser", 1},
		{scenario.StepCreateDevice, "CreateVirtualMFADevice", 1},
		{scenario.StepEnableDevice, "EnableMFADevice", 1},
		{scenario.StepCreateKey, "CreateAccessKey", 1},
		{scenario.StepWaitForKey, "GetCallerIdentity", 2},
		{scenario.StepUserPolicy, "PutUserPolicy", 1},
		{scenario.StepWithoutMFA, "ListBuckets", 1},
		{scenario.StepWithMFA, "GetSessionToken", 2},
		{scenario.StepTeardown, "DeleteUserPolicy", 1},
	}
	dir := t.TempDir()
	for i, st := range steps {
		for _, twice := range []bool{false, true} {
			// Nothing exists yet at step 0, so teardown makes no call to interrupt.
			if twice && st.step == scenario.StepWhoAmI {
				continue
			}
			name := fmt.Sprintf("%s/once", st.step)
			if twice {
				name = fmt.Sprintf("%s/twice", st.step)
			}
			t.Run(name, func(t *testing.T) {
				first, second := proxy.arm(st.action, st.nth, twice)
				cmd := command(t, dir, "--plain", "--auto-mfa", "--endpoint-url", endpoint, "--run-id", fmt.Sprintf("sig%02d-%v", i, twice))
				var out bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &out
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				wait := func(c <-chan struct{}, what string) {
					select {
					case <-c:
					case <-time.After(30 * time.Second):
						cmd.Process.Kill()
						cmd.Wait()
						t.Fatalf("%s never came:\n%s", what, out.String())
					}
				}
				wait(first, st.action)
				cmd.Process.Signal(os.Interrupt)
				if st.step == scenario.StepTeardown {
					proxy.answer()
				}
				if twice {
					wait(second, "teardown's first call")
					cmd.Process.Signal(syscall.SIGTERM)
				}
				cmd.Wait()
				proxy.arm("", 0, false)
				all := out.String()
				left := demoLeftovers(t, admin)
				if twice {
					for _, want := range []string{"exiting without teardown", "mfa-demo cleanup --endpoint-url " + endpoint, "Journal: " + dir} {
						if !strings.Contains(all, want) {
							t.Errorf("output lacks %q:\n%s", want, all)
						}
					}
					if code := cmd.ProcessState.ExitCode(); code != scenario.ExitFailure {
						t.Errorf("exit %d, want %d", code, scenario.ExitFailure)
					}
					clean := command(t, dir, "cleanup", "--yes", "--endpoint-url", endpoint)
					if cout, err := clean.CombinedOutput(); err != nil {
						t.Errorf("cleanup: %v\n%s", err, cout)
					}
					left = demoLeftovers(t, admin)
				} else {
					if !strings.Contains(all, "interrupted: tearing down") {
						t.Errorf("output lacks the interrupt notice:\n%s", all)
					}
					// An interrupt during teardown lets teardown finish; the run's lesson stands.
					if code := cmd.ProcessState.ExitCode(); st.step != scenario.StepTeardown && code != scenario.ExitFailure {
						t.Errorf("exit %d, want %d\n%s", code, scenario.ExitFailure, all)
					}
				}
				if len(left) > 0 {
					t.Errorf("left behind: %v\n%s", left, all)
				}
			})
		}
	}
}
