// Package secrettap supports the secret-leak tests of the command and the TUI: an
// http.Handler in front of the emulator that keeps every secret its answers hand out, and a
// reader of the files a run keeps, so a test can grep all a run wrote for those secrets.
package secrettap

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// Tap passes requests to an AWS endpoint and collects the secrets in its answers: secret
// access keys, session tokens and MFA seeds (also in the grouped form front ends show).
type Tap struct {
	next   http.Handler
	before func()

	mu      sync.Mutex
	secrets map[string]string // value → what it is
}

// New returns a tap in front of next; before, when not nil, runs ahead of every request
// (a test snapshots the state directory there, since journals come and go during a run).
func New(next http.Handler, before func()) *Tap {
	return &Tap{next: next, before: before, secrets: map[string]string{}}
}

// ServeHTTP forwards the request and keeps the secrets of the answer.
func (t *Tap) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if t.before != nil {
		t.before()
	}
	rec := httptest.NewRecorder()
	t.next.ServeHTTP(rec, r)
	t.collect(rec.Body.Bytes())
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	w.Write(rec.Body.Bytes())
}

// collect reads the secret elements of an IAM or STS answer.
func (t *Tap) collect(body []byte) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	var el string
	for tok, err := dec.Token(); err == nil; tok, err = dec.Token() {
		switch tk := tok.(type) {
		case xml.StartElement:
			el = tk.Name.Local
		case xml.EndElement:
			el = ""
		case xml.CharData:
			v := strings.TrimSpace(string(tk))
			t.mu.Lock()
			switch {
			case v == "":
			case el == "SecretAccessKey" || el == "SessionToken":
				t.secrets[v] = el
			case el == "Base32StringSeed":
				if seed, err := base64.StdEncoding.DecodeString(v); err == nil {
					t.secrets[string(seed)] = "MFA seed"
					t.secrets[scenario.GroupSeed(string(seed))] = "MFA seed in groups of four"
				}
			}
			t.mu.Unlock()
		}
	}
}

// Secrets returns what the tap caught so far: each secret, and what it is.
func (t *Tap) Secrets() map[string]string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return maps.Clone(t.secrets)
}

// DirContents is the content of every file below dir, one after the other.
func DirContents(dir string) []byte {
	var b bytes.Buffer
	filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			if data, err := os.ReadFile(path); err == nil {
				b.Write(data)
			}
		}
		return nil
	})
	return b.Bytes()
}
