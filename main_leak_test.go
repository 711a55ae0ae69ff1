package main

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// secretCatcher serves the emulator and keeps every secret its answers hand out (secret
// keys, session tokens, MFA seeds), and what the state directory held at each request.
type secretCatcher struct {
	em       *emulator.Emulator
	stateDir string

	mu      sync.Mutex
	secrets map[string]string // value → what it is
	files   bytes.Buffer      // every file of the state directory, as seen during the run
}

func (c *secretCatcher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.snapshot()
	rec := httptest.NewRecorder()
	c.em.ServeHTTP(rec, r)
	c.collect(rec.Body.Bytes())
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	w.Write(rec.Body.Bytes())
}

// collect reads the secret elements of an IAM/STS answer.
func (c *secretCatcher) collect(body []byte) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	var el string
	for {
		tok, err := dec.Token()
		if err != nil {
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			el = t.Name.Local
		case xml.CharData:
			v := strings.TrimSpace(string(t))
			if v == "" {
				continue
			}
			c.mu.Lock()
			switch el {
			case "SecretAccessKey", "SessionToken":
				c.secrets[v] = el
			case "Base32StringSeed":
				if seed, err := base64.StdEncoding.DecodeString(v); err == nil {
					c.secrets[string(seed)] = "MFA seed"
					c.secrets[scenario.GroupSeed(string(seed))] = "MFA seed in groups of four"
				}
			}
			c.mu.Unlock()
		case xml.EndElement:
			el = ""
		}
	}
}

// snapshot appends the content of every file in the state directory.
func (c *secretCatcher) snapshot() {
	filepath.WalkDir(c.stateDir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err == nil {
			c.mu.Lock()
			c.files.Write(b)
			c.mu.Unlock()
		}
		return nil
	})
}

// TestNoSecretInAnyOutput runs full plain demos of both scenarios and greps everything they
// wrote (stdout, stderr, the journal while it existed) for the secrets the emulator handed
// out. (Without --auto-mfa, plain mode prints the seed on purpose: it is how the trainee
// adds the device to an authenticator app when there is no QR code to scan.)
func TestNoSecretInAnyOutput(t *testing.T) {
	dir := t.TempDir()
	c := &secretCatcher{em: emulator.New(emulator.Options{}), stateDir: dir, secrets: map[string]string{}}
	srv := httptest.NewServer(c)
	defer srv.Close()

	var outputs bytes.Buffer
	for _, args := range [][]string{
		{"--plain", "--auto-mfa", "--endpoint-url", srv.URL},
		{"--plain", "--auto-mfa", "--scenario", "assume-role", "--endpoint-url", srv.URL},
	} {
		out, _ := command(t, dir, args...).CombinedOutput()
		outputs.Write(out)
	}
	c.snapshot()
	outputs.Write(c.files.Bytes())

	c.mu.Lock()
	defer c.mu.Unlock()
	kinds := map[string]int{}
	for _, kind := range c.secrets {
		kinds[kind]++
	}
	// Two keys, three sessions (without and with MFA, and the role's), two seeds.
	if kinds["SecretAccessKey"] < 5 || kinds["SessionToken"] < 3 || kinds["MFA seed"] < 2 {
		t.Fatalf("caught %v; want the secrets of both runs", kinds)
	}
	all := outputs.String()
	for secret, kind := range c.secrets {
		if strings.Contains(all, secret) {
			t.Errorf("a %s appears in the output or the journal", kind)
		}
	}
	if !strings.Contains(all, "Lesson shown") || !strings.Contains(all, `"event":"intent"`) {
		t.Errorf("the runs or the journal snapshots are missing:\n%s", all)
	}
}
