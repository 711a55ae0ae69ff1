package tui

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/scenario"
	"github.com/mfa-demo/mfa-demo/text"
)

// dryRunID is the run id of the dry runs; with it, every resource name is the same each run.
const dryRunID = "dryrun01"

// emulatorDemo starts the embedded emulator and builds a real Demo on it, with the same
// frozen clock for the emulator, the scenario and the TUI: TOTP codes, elapsed times and
// tags come out the same every run. The clock is frozen near the real time because the SDK
// signs with the real one and the emulator checks the skew.
func emulatorDemo(t testing.TB) (*scenario.Demo, func() time.Time) {
	t.Helper()
	frozen := time.Now().UTC().Truncate(time.Second)
	now := func() time.Time { return frozen }
	srv, err := emulator.Start("127.0.0.1:0", emulator.Options{AccountID: "123456789012", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })

	// The operator's credentials come from the default chain, as in a real run: the emulator's
	// admin key, and no shared files of the machine the tests run on.
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/config")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/credentials")
	factory, err := aws.New(context.Background(), aws.Options{Endpoint: srv.URL, Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	d := scenario.New(scenario.Env{
		Clients: factory,
		Now:     now,
		Sleep:   func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
		RunID:   dryRunID,
		Version: "test",
		Kind:    scenario.SessionToken,
		Target:  scenario.TargetEmulator,
	})
	return d, now
}

// runIDs are the parts of a frame that differ from run to run even with a fixed run id and
// clock: the access key the emulator makes up, and the start of its redacted secret.
var runIDs = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`AKIA[A-Z0-9]{16}`), "AKIAXXXXXXXXXXXXXXXX"},
	{regexp.MustCompile(`\S{4}\.\.\.\(\d+ more\)`), "xxxx...(N more)"},
}

func normalize(frame string) string {
	for _, r := range runIDs {
		frame = r.re.ReplaceAllString(frame, r.with)
	}
	return frame
}

// TestDryRun runs the whole demo on the embedded emulator through a real Bubble Tea program
// with auto-MFA, pressing enter wherever a trainee would, and checks the final model and the
// final frame against a golden file. The assume-role run is picked on the welcome screen.
func TestDryRun(t *testing.T) {
	tests := []struct {
		kind   scenario.Kind
		width  int
		height int
		calls  int    // at least this many in the API log
		lang   string // "" for English
	}{
		{scenario.SessionToken, 80, 24, 12, ""},
		{scenario.SessionToken, 120, 40, 12, ""},
		{scenario.AssumeRole, 80, 24, 15, ""},
		{scenario.SessionToken, 80, 24, 12, "ja"},
		{scenario.SessionToken, 80, 24, 12, "pt-BR"},
		{scenario.SessionToken, 80, 24, 12, "id"},
		{scenario.AssumeRole, 80, 24, 15, "ja"},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%dx%d", tt.width, tt.height)
		if tt.kind != scenario.SessionToken {
			name = string(tt.kind) + "-" + name
		}
		table := text.English
		if tt.lang != "" {
			name = tt.lang + "-" + name
			var ok bool
			if table, ok = text.Lookup(tt.lang); !ok {
				t.Fatalf("no table for %s", tt.lang)
			}
		}
		t.Run(name, func(t *testing.T) {
			d, now := emulatorDemo(t)
			m, progOpts, cancel := prepare(context.Background(), d, Options{
				Text:     table,
				AutoMFA:  true,
				Target:   scenario.TargetEmulator,
				Kind:     scenario.SessionToken,
				PickKind: tt.kind != scenario.SessionToken,
				StateDir: t.TempDir(),
				Now:      now,
				Environ:  []string{"TERM=xterm-256color"},
			})
			defer cancel()
			tm := teatest.NewTestModel(t, m,
				teatest.WithInitialTermSize(tt.width, tt.height),
				teatest.WithProgramOptions(progOpts...))
			if tt.kind == scenario.AssumeRole {
				tm.Send(tea.KeyPressMsg{Code: tea.KeyDown})
			}

			final, ok := pressEnterToTheEnd(t, tm, 20*time.Millisecond)
			if !ok {
				t.Fatal("the program did not end with the root model")
			}

			s := final.Summary()
			if !final.Finished() || s.ExitCode() != scenario.ExitLesson || !s.Lesson || s.Err != nil || s.Kind != tt.kind {
				t.Fatalf("summary %+v (exit %d), want the lesson and exit 0", s, s.ExitCode())
			}
			if len(s.Teardown.Remaining) != 0 || !final.teardown.complete() {
				t.Errorf("teardown left %v", s.Teardown.Remaining)
			}
			if final.without.res.ErrorCode != "AccessDenied" {
				t.Errorf("without MFA: %+v, want AccessDenied", final.without.res)
			}
			if len(final.with.res.Buckets) != len(emulator.DefaultBuckets) {
				t.Errorf("with MFA: %+v, want the sample buckets", final.with.res)
			}
			for _, row := range final.rail.rows {
				if row.state != stepDone {
					t.Errorf("step %s ended %d, want done", row.id, row.state)
				}
			}
			if tt.kind == scenario.AssumeRole && !strings.Contains(final.with.res.Identity.Arn, ":assumed-role/mfa-demo-role-"+dryRunID+"/") {
				t.Errorf("with MFA: caller %q, want the assumed role", final.with.res.Identity.Arn)
			}
			if len(final.log.calls) < tt.calls {
				t.Errorf("the API log holds %d calls", len(final.log.calls))
			}

			f := normalize(ansi.Strip(final.render()))
			if strings.Contains(f, final.qr.device.Seed) {
				t.Fatal("the final frame holds the MFA seed")
			}
			teatest.RequireEqualOutput(t, []byte(f))
		})
	}
}

// pressEnterToTheEnd is a trainee who presses enter every so often, whatever the screen
// (enter on a busy screen does nothing), until the program ends; it returns the final model.
func pressEnterToTheEnd(t *testing.T, tm *teatest.TestModel, every time.Duration) (Model, bool) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(every):
				tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
			}
		}
	}()
	final, ok := tm.FinalModel(t, teatest.WithFinalTimeout(60*time.Second)).(Model)
	close(done)
	return final, ok
}
