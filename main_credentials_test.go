package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mfa-demo/mfa-demo/scenario"
	"github.com/mfa-demo/mfa-demo/text"
)

// TestLiveWithoutCredentials runs --live and cleanup --live on a machine with no usable AWS
// credentials: each must stop before its first AWS call with a sentence saying what to do,
// the SDK's error on the next line, status 1 and nothing created. AWS_EC2_METADATA_DISABLED
// makes the SDK's instance-metadata client refuse before it builds a request, so the
// instance-role fallback of the default chain never reaches the network and cannot hang.
func TestLiveWithoutCredentials(t *testing.T) {
	tests := []struct {
		name    string
		config  string // the shared config file's contents
		profile string
		target  []string
		want    string
	}{
		{"nothing configured", "", "", []string{"--live"}, text.English.Command.NoCredentials},
		// A configured source that fails is not "no credentials": it gets its own sentence.
		{"failing credential_process", "[profile broken]\ncredential_process = /bin/false\n", "broken", []string{"--live"}, text.English.Command.BadCredentials},
		// An endpoint needs credentials too, and says which ones (before: "no EC2 IMDS role found").
		{"endpoint, nothing configured", "", "", []string{"--endpoint-url", "http://127.0.0.1:1"}, text.English.Command.NoEndpointCredentials},
		{"endpoint, failing credential_process", "[profile broken]\ncredential_process = /bin/false\n", "broken", []string{"--endpoint-url", "http://127.0.0.1:1"}, text.English.Command.BadCredentials},
	}
	for _, tt := range tests {
		for _, args := range [][]string{append([]string{"--plain", "--yes"}, tt.target...), append([]string{"cleanup", "--yes"}, tt.target...)} {
			t.Run(tt.name+"/"+strings.Join(args, " "), func(t *testing.T) {
				dir := t.TempDir()
				files := map[string]string{"config": tt.config, "credentials": ""}
				for name, content := range files {
					if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
						t.Fatal(err)
					}
				}
				cmd := exec.Command(binary, args...)
				// No AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN or container
				// endpoint: only what this case configures.
				cmd.Env = []string{
					"PATH=" + os.Getenv("PATH"),
					"HOME=" + dir,
					"AWS_CONFIG_FILE=" + filepath.Join(dir, "config"),
					"AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(dir, "credentials"),
					"AWS_EC2_METADATA_DISABLED=true",
					scenario.StateDirEnv + "=" + dir,
				}
				if tt.profile != "" {
					cmd.Env = append(cmd.Env, "AWS_PROFILE="+tt.profile)
				}
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				cmd.Run()
				if code := cmd.ProcessState.ExitCode(); code != scenario.ExitFailure {
					t.Errorf("exit %d, want %d\nstderr:\n%s", code, scenario.ExitFailure, stderr.String())
				}
				lines := strings.Split(strings.TrimRight(stderr.String(), "\n"), "\n")
				if len(lines) != 2 || !strings.HasSuffix(lines[0], ": "+tt.want) || strings.TrimSpace(lines[1]) == "" {
					t.Errorf("stderr is not the sentence %q and the SDK's error on its own line:\n%s", tt.want, stderr.String())
				}
				if stdout.Len() > 0 {
					t.Errorf("stdout before the credentials were there:\n%s", stdout.String())
				}
				if journals, _ := filepath.Glob(filepath.Join(dir, "run-*.jsonl")); len(journals) > 0 {
					t.Errorf("journal written: %v", journals)
				}
			})
		}
	}
}
