package tui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/internal/secrettap"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// TestTUIRunLeaksNoSecret runs the whole walkthrough with auto-MFA, saving the QR PNG on the
// way, and greps every byte the program drew, the API log and the state directory for the
// secrets the emulator handed out. The saved PNG is gone after teardown.
func TestTUIRunLeaksNoSecret(t *testing.T) {
	tap := secrettap.New(emulator.New(emulator.Options{}), nil)
	srv := httptest.NewServer(tap)
	defer srv.Close()
	factory, err := aws.New(context.Background(), aws.Options{Endpoint: srv.URL, Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")})
	if err != nil {
		t.Fatal(err)
	}
	stateDir := t.TempDir()
	d := scenario.New(scenario.Env{Clients: factory, RunID: "leak0001", Version: "test", Kind: scenario.SessionToken,
		Target: scenario.TargetEndpoint, Journal: scenario.NewJournal(stateDir, "leak0001"),
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }})
	m, progOpts, cancel := prepare(context.Background(), d, Options{AutoMFA: true, Target: scenario.TargetEndpoint, Kind: scenario.SessionToken,
		StateDir: stateDir, Environ: []string{"TERM=xterm-256color"}})
	defer cancel()
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40), teatest.WithProgramOptions(progOpts...))

	var files bytes.Buffer
	snapshot := func() { files.Write(secrettap.DirContents(stateDir)) }
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		savedPNG := false
		for {
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
				// Save the QR PNG when its screen shows, then walk on as a trainee would.
				if !savedPNG && bytes.Contains(files.Bytes(), []byte("mfa-device")) {
					tm.Send(tea.KeyPressMsg{Code: 'p', Text: "p"})
					savedPNG = true
				}
				snapshot()
				tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
			}
		}
	}()
	final, ok := tm.FinalModel(t, teatest.WithFinalTimeout(60*time.Second)).(Model)
	close(done)
	<-stopped
	if !ok || final.Summary().ExitCode() != scenario.ExitLesson {
		t.Fatalf("the walkthrough did not end with the lesson: %+v", final.Summary())
	}
	drawn, err := io.ReadAll(tm.FinalOutput(t))
	if err != nil {
		t.Fatal(err)
	}
	snapshot()
	var log strings.Builder
	for _, c := range final.log.calls {
		fmt.Fprintf(&log, "%+v\n", c)
	}
	all := string(drawn) + log.String() + files.String()
	t.Logf("QR PNG saved at %q", final.qr.pngPath)
	if final.qr.pngPath != "" {
		if _, err := os.Stat(final.qr.pngPath); err == nil {
			t.Errorf("the QR PNG %s is still there after teardown", final.qr.pngPath)
		}
	}

	secrets := tap.Secrets()
	if len(secrets) < 5 {
		t.Fatalf("caught only %d secrets", len(secrets))
	}
	for secret, kind := range secrets {
		if strings.Contains(all, secret) {
			t.Errorf("a %s appears in what the TUI drew, its API log or the state directory", kind)
		}
	}
	if log.Len() == 0 || !strings.Contains(files.String(), `"event":"intent"`) {
		t.Errorf("the API log (%d bytes) or the journal snapshots are missing", log.Len())
	}
}
