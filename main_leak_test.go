package main

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/internal/secrettap"
)

// TestNoSecretInAnyOutput runs full plain demos of both scenarios and greps everything they
// wrote (stdout, stderr, the journal while it existed) for the secrets the emulator handed
// out. (Without --auto-mfa, plain mode prints the seed on purpose: it is how the trainee
// adds the device to an authenticator app when there is no QR code to scan.)
func TestNoSecretInAnyOutput(t *testing.T) {
	dir := t.TempDir()
	var mu sync.Mutex
	var files bytes.Buffer // every file of the state directory, as seen at each request
	snapshot := func() {
		mu.Lock()
		defer mu.Unlock()
		files.Write(secrettap.DirContents(dir))
	}
	tap := secrettap.New(emulator.New(emulator.Options{}), snapshot)
	srv := httptest.NewServer(tap)
	defer srv.Close()

	var outputs bytes.Buffer
	for _, args := range [][]string{
		{"--plain", "--auto-mfa", "--endpoint-url", srv.URL},
		{"--plain", "--auto-mfa", "--scenario", "assume-role", "--endpoint-url", srv.URL},
	} {
		out, _ := command(t, dir, args...).CombinedOutput()
		outputs.Write(out)
	}
	snapshot()
	mu.Lock()
	outputs.Write(files.Bytes())
	mu.Unlock()

	secrets := tap.Secrets()
	kinds := map[string]int{}
	for _, kind := range secrets {
		kinds[kind]++
	}
	// Two keys, three sessions (without and with MFA, and the role's), two seeds.
	if kinds["SecretAccessKey"] < 5 || kinds["SessionToken"] < 3 || kinds["MFA seed"] < 2 {
		t.Fatalf("caught %v; want the secrets of both runs", kinds)
	}
	all := outputs.String()
	for secret, kind := range secrets {
		if strings.Contains(all, secret) {
			t.Errorf("a %s appears in the output or the journal", kind)
		}
	}
	if !strings.Contains(all, "Lesson shown") || !strings.Contains(all, `"event":"intent"`) {
		t.Errorf("the runs or the journal snapshots are missing:\n%s", all)
	}
}
