package plain

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/scenario"
	"github.com/mfa-demo/mfa-demo/text"
)

// emulatorFactory starts an emulator for one test and returns clients for it.
func emulatorFactory(t *testing.T) (*aws.Factory, string) {
	t.Helper()
	srv, err := emulator.Start("127.0.0.1:0", emulator.Options{})
	if err != nil {
		t.Fatalf("start emulator: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	f, err := aws.New(context.Background(), aws.Options{
		Endpoint:    srv.URL,
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
		Region:      aws.DefaultRegion,
	})
	if err != nil {
		t.Fatalf("client factory: %v", err)
	}
	return f, srv.URL
}

// lessonRun is a whole plain run of kind on a fresh emulator in the language of table, with
// the built-in authenticator; it fails the test unless the run shows the lesson.
func lessonRun(t *testing.T, kind scenario.Kind, runID string, table text.Text) *bytes.Buffer {
	t.Helper()
	f, url := emulatorFactory(t)
	d := scenario.New(scenario.Env{Clients: f, Journal: scenario.NewJournal(t.TempDir(), runID), RunID: runID, Version: "test", Kind: kind, Target: scenario.TargetEmulator})
	var out bytes.Buffer
	s := Run(context.Background(), d, Options{Out: &out, Text: table, AutoMFA: true, Version: "test", Kind: kind, Target: scenario.TargetEmulator, Endpoint: url})
	if code := s.ExitCode(); code != scenario.ExitLesson {
		t.Fatalf("exit %d (%v)\n%s", code, s.Err, out.String())
	}
	return &out
}

func TestRunShowsTheLessonOnTheEmulator(t *testing.T) {
	tests := []struct {
		kind scenario.Kind
		want []string
	}{
		{scenario.SessionToken, []string{
			"mfa-demo test: scenario session-token, run plain1, target the embedded emulator at http://",
			"Show the QR code:            the built-in authenticator answers every code (--auto-mfa)\n",
			"List buckets without MFA:    AccessDenied, as expected",
			"List buckets with MFA:       3 buckets [mfa-demo-backups, mfa-demo-photos, mfa-demo-reports] as ",
			"    deleted       DeleteUser mfa-demo-user-plain1\n",
			"Lesson shown: without MFA the listing was refused, with MFA it worked. Teardown complete.\n",
		}},
		{scenario.AssumeRole, []string{
			"Give the role its permission: managed policy mfa-demo-policy-plain1: ",
			"Assume the role without MFA:  AccessDenied, as expected",
			"    detached      DetachRolePolicy arn:aws:iam::000000000000:policy/mfa-demo/mfa-demo-policy-plain1\n",
			"Lesson shown: without MFA the role could not be assumed",
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			out := lessonRun(t, tt.kind, "plain1", text.English)
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
}

func TestCleanupReport(t *testing.T) {
	tests := []struct {
		name        string
		leave       bool // a run left a user behind
		in          string
		yes         bool
		interactive bool
		code        int
		want        []string
		gone        bool
	}{
		{"nothing left", false, "", false, true, 0, []string{"Nothing to clean up on the embedded emulator at http://"}, true},
		{"from a script", true, "", false, false, 0, []string{
			"Left on the embedded emulator at http://", "by earlier runs:\n  run crash1: user mfa-demo-user-crash1",
			"  deleted       DeleteUser mfa-demo-user-crash1\n", "Nothing is left.\n"}, true},
		{"asked, yes", true, "y\n", false, true, 0, []string{"Delete all of this? [y/N] ", "  deleted       DeleteUser mfa-demo-user-crash1\n", "Nothing is left.\n"}, true},
		{"asked, no", true, "\n", false, true, scenario.ExitFailure, []string{"Delete all of this? [y/N] Nothing deleted.\n"}, false},
		{"--yes", true, "", true, true, 0, []string{"Nothing is left.\n"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, url := emulatorFactory(t)
			dir := t.TempDir()
			ctx := context.Background()
			if tt.leave {
				d := scenario.New(scenario.Env{Clients: f, Journal: scenario.NewJournal(dir, "crash1"), RunID: "crash1", Version: "test", Kind: scenario.SessionToken, Target: scenario.TargetEmulator})
				if _, err := d.WhoAmI(ctx); err != nil {
					t.Fatal(err)
				}
				if _, err := d.CreateUser(ctx); err != nil {
					t.Fatal(err)
				}
			}
			c := &scenario.Cleanup{Clients: f, StateDir: dir, Target: scenario.TargetEmulator}
			var out, errs bytes.Buffer
			code := Cleanup(ctx, c, Options{In: strings.NewReader(tt.in), Out: &out, Err: &errs, Yes: tt.yes, Interactive: tt.interactive, Target: scenario.TargetEmulator, Endpoint: url})
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.code, out.String(), errs.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			plan, err := c.Plan(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if plan.Empty() != tt.gone {
				t.Errorf("after cleanup: %+v; want everything gone: %v", plan, tt.gone)
			}
		})
	}
}

// TestRunInEveryLanguage: a whole plain run in each language titles every step in that
// language's words, keeps the AWS names, and ends with that language's lesson line.
func TestRunInEveryLanguage(t *testing.T) {
	for _, tag := range text.Tags() {
		for _, kind := range scenario.Kinds {
			t.Run(tag.String()+"/"+string(kind), func(t *testing.T) {
				table, _ := text.Lookup(tag.String())
				out := lessonRun(t, kind, "lang1", table)
				want := []string{table.Plain.Lesson[kind], "DeleteUser mfa-demo-user-lang1"}
				for _, id := range scenario.Steps(kind) {
					want = append(want, table.Step(kind, id)+":")
				}
				for _, w := range want {
					if !strings.Contains(out.String(), w) {
						t.Errorf("output lacks %q:\n%s", w, out.String())
					}
				}
				if steps := scenario.Steps(kind); tag != text.English.Tag && strings.Contains(out.String(), text.English.Step(kind, steps[len(steps)-2])) {
					t.Errorf("the English step title is in the %s output:\n%s", tag, out.String())
				}
			})
		}
	}
}

// TestCleanupRemovesSavedQRCodes kills a run after it saved its QR PNG (which holds the
// device's secret): cleanup removes the PNG with the run's resources and says so, and
// leaves alone the PNG of a run whose journal belongs to another target.
func TestCleanupRemovesSavedQRCodes(t *testing.T) {
	f, url := emulatorFactory(t)
	dir := t.TempDir()
	ctx := context.Background()
	d := scenario.New(scenario.Env{Clients: f, Journal: scenario.NewJournal(dir, "killed1"), RunID: "killed1", Version: "test", Kind: scenario.SessionToken, Target: scenario.TargetEndpoint})
	if _, err := d.WhoAmI(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := d.CreateUser(ctx); err != nil {
		t.Fatal(err)
	}
	dev, err := d.CreateDevice(ctx)
	if err != nil {
		t.Fatal(err)
	}
	png, err := d.SaveQRPNG(dir, dev.QRPNG)
	if err != nil {
		t.Fatal(err)
	}
	// A run on live AWS, still going in another terminal, with its own PNG.
	other := filepath.Join(dir, "mfa-demo-mfa-elsewhere-qr.png")
	journal := `{"time":"2025-01-01T00:00:00Z","event":"start","run_id":"elsewhere","target":{"kind":"live","account":"123456789012"}}` + "\n"
	for path, body := range map[string]string{other: "png", filepath.Join(dir, "run-elsewhere.jsonl"): journal} {
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	c := &scenario.Cleanup{Clients: f, StateDir: dir, Target: scenario.TargetEndpoint}
	var out, errs bytes.Buffer
	code := Cleanup(ctx, c, Options{Out: &out, Err: &errs, Yes: true, Target: scenario.TargetEndpoint, Endpoint: url})
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errs.String())
	}
	if want := "Removed " + png + ": a QR code an earlier run saved (it holds the device's secret).\n"; !strings.Contains(out.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, out.String())
	}
	if _, err := os.Stat(png); !os.IsNotExist(err) {
		t.Errorf("the killed run's QR PNG is still there (stat: %v)", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("the PNG of another target's run was touched: %v", err)
	}
}

// dyingBackend serves an emulator until its nth request, which it answers before it goes
// away for good: every later connection is refused, as when the backend process dies.
func dyingBackend(t *testing.T, n int64) string {
	t.Helper()
	srv, err := emulator.Start("127.0.0.1:0", emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	u, _ := url.Parse(srv.URL)
	rp := httputil.NewSingleHostReverseProxy(u)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var count atomic.Int64
	hs := &http.Server{}
	hs.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rp.ServeHTTP(w, r)
		if count.Add(1) == n {
			ln.Close()
			w.Header().Set("Connection", "close")
			go hs.Close()
		}
	})
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	return "http://" + ln.Addr().String()
}

// TestABackendThatDiesIsNotWaitedOnInSilence lets the backend die after the access key is
// created: teardown says each retry and why as it happens, stops after the stated limit for
// refused connections, and the summary names what is left.
func TestABackendThatDiesIsNotWaitedOnInSilence(t *testing.T) {
	endpoint := dyingBackend(t, 5) // GetCallerIdentity, CreateUser, CreateVirtualMFADevice, EnableMFADevice, CreateAccessKey
	f, err := aws.New(context.Background(), aws.Options{Endpoint: endpoint, Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")})
	if err != nil {
		t.Fatal(err)
	}
	var slept time.Duration
	sleep := func(ctx context.Context, d time.Duration) error { slept += d; return ctx.Err() }
	d := scenario.New(scenario.Env{Clients: f, Sleep: sleep, Journal: scenario.NewJournal(t.TempDir(), "dies1"), RunID: "dies1", Version: "test",
		Kind: scenario.SessionToken, Target: scenario.TargetEndpoint, CleanupCommand: "mfa-demo cleanup --endpoint-url " + endpoint})
	var out bytes.Buffer
	start := time.Now()
	s := Run(context.Background(), d, Options{Out: &out, AutoMFA: true, Kind: scenario.SessionToken, Target: scenario.TargetEndpoint, Endpoint: endpoint})
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("the run took %v after its backend died", took)
	}
	if s.ExitCode() != scenario.ExitFailure || len(s.Teardown.Remaining) == 0 {
		t.Fatalf("exit %d, left %v: want a failure that names what is left\n%s", s.ExitCode(), s.Teardown.Remaining, out.String())
	}
	if slept < scenario.RefusedLimit || slept > 2*scenario.RefusedLimit {
		t.Errorf("teardown waited %v between passes; the stated limit is %v", slept, scenario.RefusedLimit)
	}
	for _, want := range []string{
		"    something is still left (ConnectionRefused): teardown pass 2 of 5 in 250ms\n",
		"the endpoint refused every connection for 2s: teardown stopped retrying\n",
		"Remove it with: mfa-demo cleanup --endpoint-url " + endpoint,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
