package scenario

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// StateDirEnv names the environment variable that overrides where journals are kept.
const StateDirEnv = "MFA_DEMO_STATE_DIR"

// StateDir is where journals live: $MFA_DEMO_STATE_DIR, else $XDG_STATE_HOME/mfa-demo, else
// ~/.local/state/mfa-demo.
func StateDir() (string, error) {
	if dir := os.Getenv(StateDirEnv); dir != "" {
		return dir, nil
	}
	if dir := os.Getenv("XDG_STATE_HOME"); dir != "" {
		return filepath.Join(dir, "mfa-demo"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the state directory (set %s): %w", StateDirEnv, err)
	}
	return filepath.Join(home, ".local", "state", "mfa-demo"), nil
}

// The journal's events.
const (
	eventStart      = "start"      // the run, its scenario and its target
	eventIntent     = "intent"     // a resource is about to be created
	eventCreated    = "created"    // it exists, with this id
	eventIncomplete = "incomplete" // teardown ended with resources left
)

// journalRecord is one JSON line. It never holds a secret key, session token or seed.
type journalRecord struct {
	Time      time.Time      `json:"time"`
	Event     string         `json:"event"`
	RunID     string         `json:"run_id,omitempty"`
	Kind      string         `json:"scenario,omitempty"`
	Version   string         `json:"version,omitempty"`
	Target    *journalTarget `json:"target,omitempty"`
	Resource  string         `json:"resource,omitempty"`
	Name      string         `json:"name,omitempty"`
	ID        string         `json:"id,omitempty"`
	Remaining []string       `json:"remaining,omitempty"`
}

// journalTarget says where a run's resources are, so cleanup replays a journal only there.
type journalTarget struct {
	Kind     string `json:"kind"`
	Endpoint string `json:"endpoint,omitempty"`
	Account  string `json:"account,omitempty"`
}

// Journal is one run's append-only record of what it is creating, a JSON-lines file of mode
// 0600 that exists from the first create until a complete teardown removes it.
type Journal struct {
	path string
	mu   sync.Mutex
}

// NewJournal returns the journal of run runID in dir; the file is created on first use.
func NewJournal(dir, runID string) *Journal {
	return &Journal{path: filepath.Join(dir, "run-"+runID+".jsonl")}
}

// Path is the journal file's path.
func (j *Journal) Path() string { return j.path }

// append writes rec, preceded by start when the file is new.
func (j *Journal) append(rec, start journalRecord) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(j.path), 0o700); err != nil {
		return fmt.Errorf("create journal directory: %w", err)
	}
	f, err := os.OpenFile(j.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("open journal: %w", err)
	}
	var lines []byte
	if info, err := f.Stat(); err == nil && info.Size() == 0 {
		lines, err = json.Marshal(start)
		if err != nil {
			f.Close()
			return fmt.Errorf("encode journal record: %w", err)
		}
		lines = append(lines, '\n')
	}
	line, err := json.Marshal(rec)
	if err != nil {
		f.Close()
		return fmt.Errorf("encode journal record: %w", err)
	}
	lines = append(append(lines, line...), '\n')
	if _, err := f.Write(lines); err != nil {
		f.Close()
		return fmt.Errorf("write journal %s: %w", j.path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write journal %s: %w", j.path, err)
	}
	return nil
}

// remove deletes the journal once nothing of its run is left.
func (j *Journal) remove() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if err := os.Remove(j.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove journal: %w", err)
	}
	return nil
}

// journalFile is what a journal says about its run.
type journalFile struct {
	path    string
	runID   string
	target  journalTarget
	users   []string // user names intended
	devices []string // device names intended
	serials []string // device serials created
	roles   []string // role names intended
	// policies are the managed policy names intended; policyArns the ARNs of those created.
	policies   []string
	policyArns []string
}

// readJournals parses every journal in dir; a file that cannot be parsed is reported, not skipped.
func readJournals(dir string) ([]journalFile, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "run-*.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("list journals: %w", err)
	}
	sort.Strings(paths)
	var out []journalFile
	var errs []error
	for _, p := range paths {
		jf, err := readJournal(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, jf)
	}
	return out, errors.Join(errs...)
}

func readJournal(path string) (journalFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return journalFile{}, fmt.Errorf("read journal: %w", err)
	}
	defer f.Close()
	jf := journalFile{path: path, runID: strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), "run-"), ".jsonl")}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var rec journalRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			// A crash can cut the last line short; everything before it still counts.
			continue
		}
		switch {
		case rec.Event == eventStart && rec.Target != nil:
			jf.target = *rec.Target
			if rec.RunID != "" {
				jf.runID = rec.RunID
			}
		case rec.Event == eventIntent && rec.Resource == resUser:
			jf.users = append(jf.users, rec.Name)
		case rec.Event == eventIntent && rec.Resource == resDevice:
			jf.devices = append(jf.devices, rec.Name)
		case rec.Event == eventCreated && rec.Resource == resDevice && rec.ID != "":
			jf.serials = append(jf.serials, rec.ID)
		case rec.Event == eventIntent && rec.Resource == resRole:
			jf.roles = append(jf.roles, rec.Name)
		case rec.Event == eventIntent && rec.Resource == resPolicy:
			jf.policies = append(jf.policies, rec.Name)
		case rec.Event == eventCreated && rec.Resource == resPolicy && rec.ID != "":
			jf.policyArns = append(jf.policyArns, rec.ID)
		}
	}
	if err := sc.Err(); err != nil {
		return journalFile{}, fmt.Errorf("read journal %s: %w", path, err)
	}
	return jf, nil
}
