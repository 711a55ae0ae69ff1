package main

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httputil"
	"os/exec"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
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
