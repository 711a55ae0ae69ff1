package tui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/mfa-demo/mfa-demo/scenario"
	"github.com/mfa-demo/mfa-demo/text"
)

// userResult is step 1's answer.
func userResult() scenario.UserResult {
	return scenario.UserResult{UserName: "mfa-demo-user-test0001", Arn: "arn:aws:iam::123456789012:user/mfa-demo/mfa-demo-user-test0001"}
}

// keyResult is step 5's answer.
func keyResult() scenario.KeyResult {
	return scenario.KeyResult{AccessKeyID: "AKIATESTKEY", RedactedSecret: "wJal...(36 more)"}
}

// withMFAResult is step 9's answer.
func withMFAResult() scenario.WithMFAResult {
	return scenario.WithMFAResult{Identity: scenario.Identity{Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/mfa-demo/mfa-demo-user-test0001"}, Buckets: bucketsResult()}
}

// walk feeds the happy path into the model up to (and including) the arrival at target:
// the events and questions a real run sends through the bridge, in the same order, with the
// keys a trainee presses; every answer is checked.
func walk(t testing.TB, m Model, target state) Model {
	t.Helper()
	steps := []struct {
		until state
		do    func(Model) Model
	}{
		{stateWelcome, func(m Model) Model {
			m, _ = askBegin(t, m, m.opts.Target == scenario.TargetLive)
			return m
		}},
		{stateRunning, func(m Model) Model {
			reply := m.begin.reply
			m = press(t, m, "enter")
			if a := answered(t, reply); a.Kind != m.opts.Kind {
				t.Fatalf("begin answered %+v, want %s", a, m.opts.Kind)
			}
			return events(t, m, scenario.StepStarted{Step: scenario.StepCreateUser})
		}},
		{stateQR, func(m Model) Model {
			m = events(t, m, scenario.StepFinished{Step: scenario.StepCreateUser, Result: userResult()})
			m = events(t, m, scenario.StepStarted{Step: scenario.StepCreateDevice},
				scenario.CallMade{Call: testCall("iam", "CreateVirtualMFADevice")},
				scenario.StepFinished{Step: scenario.StepCreateDevice, Result: deviceResult()})
			m = step(t, m, scenario.StepShowQR, deviceResult())
			m, _ = askToGoOn(t, m, scenario.StepShowQR)
			return m
		}},
		{stateEnable, func(m Model) Model {
			reply := m.continueQ.reply
			m = press(t, m, "enter")
			answered(t, reply)
			m = events(t, m, scenario.StepStarted{Step: scenario.StepEnableDevice})
			m, _ = askFor(t, m, scenario.StepEnableDevice, 2, 1, nil)
			return m
		}},
		{statePolicy, func(m Model) Model {
			reply := m.codesQ.reply
			m = press(t, m, "111111", "enter", "222222", "enter")
			if codes := answered(t, reply); fmt.Sprint(codes) != "[111111 222222]" {
				t.Fatalf("enable answered %v", codes)
			}
			m = events(t, m, scenario.StepFinished{Step: scenario.StepEnableDevice, Result: scenario.EnableResult{}})
			m = step(t, m, scenario.StepCreateKey, keyResult())
			m = step(t, m, scenario.StepUserPolicy, policyResult())
			m, _ = askToGoOn(t, m, scenario.StepUserPolicy)
			return m
		}},
		{stateWithout, func(m Model) Model {
			reply := m.continueQ.reply
			m = press(t, m, "enter")
			answered(t, reply)
			m = step(t, m, scenario.StepWaitForKey, scenario.WaitResult{Attempts: 2})
			m = step(t, m, scenario.StepWithoutMFA, scenario.WithoutMFAResult{Outcome: scenario.OutcomeDenied, ErrorCode: "AccessDenied", Message: "no MFA"})
			m, _ = askToGoOn(t, m, scenario.StepWithoutMFA)
			return m
		}},
		{stateWithCode, func(m Model) Model {
			reply := m.continueQ.reply
			m = press(t, m, "enter")
			answered(t, reply)
			m = events(t, m, scenario.StepStarted{Step: scenario.StepWithMFA})
			m, _ = askFor(t, m, scenario.StepWithMFA, 1, 1, nil)
			return m
		}},
		{stateWith, func(m Model) Model {
			reply := m.codesQ.reply
			m = press(t, m, "333333", "enter")
			if codes := answered(t, reply); fmt.Sprint(codes) != "[333333]" {
				t.Fatalf("with MFA answered %v", codes)
			}
			m = events(t, m, scenario.StepFinished{Step: scenario.StepWithMFA, Result: withMFAResult()})
			m, _ = askToGoOn(t, m, scenario.StepWithMFA)
			return m
		}},
		{stateTeardown, func(m Model) Model {
			reply := m.continueQ.reply
			m = press(t, m, "enter")
			answered(t, reply)
			return events(t, m, scenario.StepStarted{Step: scenario.StepTeardown})
		}},
		{stateSummary, func(m Model) Model { return finishRun(t, m, teardownReport(), nil) }},
	}
	for _, s := range steps {
		m = s.do(m)
		if m.state != s.until {
			t.Fatalf("walking the happy path: state %d, want %d", m.state, s.until)
		}
		if s.until == target {
			return m
		}
	}
	t.Fatalf("state %d is not on the happy path", target)
	return m
}

// finishRun sends the teardown's result and Run's summary, as a run that showed the lesson
// (or failed with err) ends.
func finishRun(t testing.TB, m Model, rep scenario.TeardownReport, err error) Model {
	t.Helper()
	m = events(t, m, scenario.StepFinished{Step: scenario.StepTeardown, Result: rep})
	s := scenario.Summary{RunID: m.run.demo.RunID(), Kind: m.opts.Kind, Target: m.opts.Target, Teardown: rep, Err: err, Interrupted: m.quitting}
	s.Lesson = err == nil && m.with.res.Buckets != nil
	return send(t, m, runDoneMsg{summary: s})
}

// frame is what the model draws, without ANSI.
func frame(m Model) string { return ansi.Strip(m.render()) }

func TestWelcomeWaitsForIdentityThenStarts(t *testing.T) {
	tests := []struct {
		name    string
		target  scenario.TargetKind
		keys    []string
		answers bool // Begin is answered (confirmed on live AWS)
	}{
		{"emulator starts on enter", scenario.TargetEmulator, []string{"enter"}, true},
		{"live ignores enter", scenario.TargetLive, []string{"enter"}, false},
		{"live starts on y", scenario.TargetLive, []string{"y"}, true},
		{"other keys do nothing", scenario.TargetEmulator, []string{"x", "s"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newTestModel(t, Options{Target: tt.target})
			if got := press(t, m, "enter"); got.state != stateWelcome || got.rail.state(scenario.StepCreateUser) != stepPending {
				t.Fatalf("enter before WhoAmI answered moved to state %d", got.state)
			}
			live := tt.target == scenario.TargetLive
			m, reply := askBegin(t, m, live)
			if !strings.Contains(frame(m), "arn:aws:iam::123456789012:user/trainer") {
				t.Errorf("welcome does not show the caller ARN:\n%s", frame(m))
			}
			m = press(t, m, tt.keys...)
			if !tt.answers {
				unanswered(t, reply)
				if m.state != stateWelcome {
					t.Errorf("state = %d, want the welcome screen", m.state)
				}
				return
			}
			if a := answered(t, reply); a.Confirmed != live || a.Kind != scenario.SessionToken {
				t.Errorf("begin answered %+v; want %s, confirmed %v", a, scenario.SessionToken, live)
			}
			m = events(t, m, scenario.StepStarted{Step: scenario.StepCreateUser})
			if m.state != stateRunning || m.rail.state(scenario.StepCreateUser) != stepRunning {
				t.Errorf("state %d, CreateUser %d; want the rail with CreateUser running", m.state, m.rail.state(scenario.StepCreateUser))
			}
		})
	}
}

func TestShortWindowsKeepTheCallToAction(t *testing.T) {
	tests := []struct {
		name          string
		target        scenario.TargetKind
		at            state
		width, height int
		want          []string
		dropped       string // what gave way, "" when all fits
	}{
		{"welcome 80×24", scenario.TargetEmulator, stateWelcome, 80, 24, []string{"Press enter to start", "(session token)", "only be assumed with MFA"}, ""},
		{"welcome 60×16", scenario.TargetEmulator, stateWelcome, 60, 16, []string{"Press enter to start", "(session token)", "only be assumed with MFA", "Region"}, "It lists the buckets"},
		{"welcome 40×12", scenario.TargetEmulator, stateWelcome, 40, 12, []string{"Press enter to start", "A role that can only"}, "Region"},
		{"live welcome 60×16", scenario.TargetLive, stateWelcome, 60, 16, []string{"Press y", "only be assumed with MFA"}, "It lists the buckets"},
		{"with MFA 80×24", scenario.TargetEmulator, stateWith, 80, 24, []string{"Press enter to tear everything down", "mfa-demo-reports"}, ""},
		{"with MFA 60×16", scenario.TargetEmulator, stateWith, 60, 16, []string{"Press enter to tear everything down", "Buckets (2)", "mfa-demo-training-data", "mfa-demo-reports"}, ""},
		{"with MFA 40×12", scenario.TargetEmulator, stateWith, 40, 12, []string{"Press enter to tear everything down"}, "mfa-demo-training-data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newTestModel(t, Options{Target: tt.target, PickKind: true})
			m = walk(t, m, tt.at)
			m = send(t, m, tea.WindowSizeMsg{Width: tt.width, Height: tt.height})
			f := frame(m)
			for _, want := range tt.want {
				if !strings.Contains(f, want) {
					t.Errorf("no %q:\n%s", want, f)
				}
			}
			if tt.dropped != "" && strings.Contains(f, tt.dropped) {
				t.Errorf("%q still on a %d×%d screen:\n%s", tt.dropped, tt.width, tt.height, f)
			}
			if got := strings.Count(f, "\n") + 1; got != tt.height {
				t.Errorf("%d rows, want %d", got, tt.height)
			}
		})
	}
}

func TestLiveWelcomeWarns(t *testing.T) {
	m, _ := newTestModel(t, Options{Target: scenario.TargetLive})
	m, _ = askBegin(t, m, true)
	if f := frame(m); !strings.Contains(f, "real AWS account") || !strings.Contains(f, "Press y") {
		t.Errorf("live welcome lacks the warning or the confirm key:\n%s", f)
	}
}

func TestQRScreenKeys(t *testing.T) {
	m, _ := newTestModel(t, Options{})
	m = walk(t, m, stateQR)
	grouped := scenario.GroupSeed(testSeed)
	if strings.Contains(frame(m), grouped) {
		t.Fatal("the secret is on screen before s was pressed")
	}
	if !strings.Contains(frame(m), "█") {
		t.Fatalf("no QR code at 80×24:\n%s", frame(m))
	}
	m = press(t, m, "s")
	if !m.qr.showSecret || !strings.Contains(frame(m), "JBSW Y3DP") {
		t.Errorf("s did not show the secret in groups of four:\n%s", frame(m))
	}
	m = press(t, m, "s")
	if m.qr.showSecret {
		t.Error("a second s did not hide the secret")
	}

	m, cmd := sendCmd(t, m, tea.KeyPressMsg{Code: 'p', Text: "p"})
	if cmd == nil {
		t.Fatal("p returned no command")
	}
	m = send(t, m, cmd())
	info, err := os.Stat(m.qr.pngPath)
	if err != nil {
		t.Fatalf("PNG not saved: %v (pngErr %v)", err, m.qr.pngErr)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("PNG mode = %v, want 0600", info.Mode().Perm())
	}
	if !strings.Contains(frame(m), "test0001-qr.png") || filepath.Dir(m.qr.pngPath) != m.run.stateDir {
		t.Errorf("the PNG path is not shown:\n%s", frame(m))
	}

	reply := m.continueQ.reply
	m = press(t, m, "enter")
	answered(t, reply)
	if m.rail.state(scenario.StepShowQR) != stepDone {
		t.Errorf("enter on the QR: ShowQR is %d, want done", m.rail.state(scenario.StepShowQR))
	}
	m, _ = askFor(t, m, scenario.StepEnableDevice, 2, 1, nil)
	if m.state != stateEnable || len(m.codes.inputs) != 2 {
		t.Errorf("the enable question: state %d with %d fields, want the two-code entry", m.state, len(m.codes.inputs))
	}
}

// refuse is the scenario's answer to submitted codes that did not work: a *CodeError asks
// again with the reason, anything else fails the step and starts the teardown.
func refuse(t testing.TB, m Model, id scenario.StepID, n int, err error) Model {
	t.Helper()
	var ce *scenario.CodeError
	if errors.As(err, &ce) {
		m, _ = askFor(t, m, id, n, 2, ce)
		return m
	}
	m = events(t, m, scenario.StepFinished{Step: id, Err: err})
	return events(t, m, scenario.StepStarted{Step: scenario.StepTeardown})
}

func TestQRTooSmallShowsSizeAndSecret(t *testing.T) {
	m, _ := newTestModel(t, Options{})
	m = walk(t, m, stateQR)
	m = send(t, m, tea.WindowSizeMsg{Width: 60, Height: 20})
	f := frame(m)
	want := fmt.Sprintf("at least %dx%d", m.qr.qr.Width, m.qr.qr.Height+chromeRows)
	if !strings.Contains(f, want) || !strings.Contains(f, scenario.GroupSeed(testSeed)[:19]) {
		t.Errorf("a small window should name %q and show the secret:\n%s", want, f)
	}
	if strings.Contains(f, "█") {
		t.Errorf("a QR code that does not fit was drawn anyway:\n%s", f)
	}
}

func TestQRSecretKeyOnlyWhereItToggles(t *testing.T) {
	tests := []struct {
		width, height int
		want          bool
	}{
		{60, 20, false}, // no room for the QR code: the secret is always shown
		{60, 16, false}, // likewise
		{80, 24, true},  // the QR code with the text beside it
		{120, 40, true}, // beside the rail
		{200, 60, true}, // roomy
		{60, 40, false}, // the QR code alone, with no room for text beside it
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%dx%d", tt.width, tt.height), func(t *testing.T) {
			m, _ := newTestModel(t, Options{})
			m = walk(t, m, stateQR)
			m = send(t, m, tea.WindowSizeMsg{Width: tt.width, Height: tt.height})
			if got := strings.Contains(frame(m), "show/hide secret"); got != tt.want {
				t.Errorf("help offers s: %v, want %v\n%s", got, tt.want, frame(m))
			}
			if m = press(t, m, "s"); m.qr.showSecret != tt.want {
				t.Errorf("s toggled the secret: %v, want %v", m.qr.showSecret, tt.want)
			}
		})
	}
}

func TestEnableCodeEntry(t *testing.T) {
	tests := []struct {
		name        string
		keys        []string
		wantSending bool
		wantCodes   []string
		wantProblem string
		wantFocus   int
	}{
		{"two codes sent", []string{"111111", "enter", "222222", "enter"}, true, []string{"111111", "222222"}, "", 1},
		{"letters are ignored", []string{"12ab34", "tab", "5x6"}, false, []string{"1234", "56"}, "", 1},
		{"typing past six digits moves to the second field", []string{"111111222222"}, false, []string{"111111", "222222"}, "", 1},
		{"the second field still takes six digits", []string{"1111112222223"}, false, []string{"111111", "222222"}, "", 1},
		{"a stale error clears when the field changes", []string{"12345", "tab", "222222", "enter", "6"}, false, []string{"123456", "222222"}, "", 0},
		{"enter moves to the second field", []string{"111111", "enter"}, false, []string{"111111", ""}, "", 1},
		{"short code is refused locally", []string{"12345", "tab", "222222", "enter"}, false, []string{"12345", "222222"}, "exactly 6 digits", 0},
		{"backspace edits", []string{"1234", "backspace", "backspace"}, false, []string{"12", ""}, "", 0},
		{"full-width digits from an IME", []string{"１２３４５６", "enter", "２２２　２２２", "enter"}, true, []string{"123456", "222222"}, "", 1},
		{"grouped as the app shows them", []string{"123 456", "enter", "222-222", "enter"}, true, []string{"123456", "222222"}, "", 1},
		{"full-width letters are ignored", []string{"１ａ２"}, false, []string{"12", ""}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newTestModel(t, Options{})
			m = walk(t, m, stateEnable)
			m = press(t, m, tt.keys...)
			if m.codes.sending != tt.wantSending {
				t.Errorf("sending = %v, want %v", m.codes.sending, tt.wantSending)
			}
			if got := m.codes.codes(); fmt.Sprint(got) != fmt.Sprint(tt.wantCodes) {
				t.Errorf("codes = %q, want %q", got, tt.wantCodes)
			}
			if !strings.Contains(m.codes.problem, tt.wantProblem) || (tt.wantProblem == "") != (m.codes.problem == "") {
				t.Errorf("problem = %q, want %q", m.codes.problem, tt.wantProblem)
			}
			if m.codes.focus != tt.wantFocus {
				t.Errorf("focus = %d, want %d", m.codes.focus, tt.wantFocus)
			}
			if tt.wantSending && m.rail.state(scenario.StepEnableDevice) != stepRunning {
				t.Error("EnableDevice is not running after the codes were sent")
			}
		})
	}
}

// TestCodeEntryTakesWholeCodes covers a code arriving in one message: pasted from an app
// ("123 456"), or committed by a Japanese IME as one full-width string.
func TestCodeEntryTakesWholeCodes(t *testing.T) {
	for _, msg := range []tea.Msg{
		tea.PasteMsg{Content: "123 456"},
		tea.PasteMsg{Content: "１２３－４５６"},
		tea.KeyPressMsg{Code: tea.KeyExtended, Text: "１２３４５６"},
		tea.KeyPressMsg{Code: tea.KeyExtended, Text: "123 456"},
	} {
		m, _ := newTestModel(t, Options{})
		m = walk(t, m, stateEnable)
		m = send(t, m, msg)
		if got := m.codes.codes(); fmt.Sprint(got) != "[123456 ]" {
			t.Errorf("%#v: codes = %q, want [123456 ]", msg, got)
		}
	}
}

func TestEnableRejectionAllowsRetry(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		wantState state
		wantField int
		wantText  string
	}{
		{
			"AWS rejects the second code",
			&scenario.CodeError{Field: 2, Problem: scenario.CodeRejected, Err: apiError{"InvalidAuthenticationCode"}},
			stateEnable, 1, "AWS rejected the code (InvalidAuthenticationCode)",
		},
		{
			"the same code twice",
			&scenario.CodeError{Field: 2, Problem: scenario.CodeSame},
			stateEnable, 1, "must differ",
		},
		{
			"a code used before",
			&scenario.CodeError{Field: 1, Problem: scenario.CodeUsed, Wait: 12e9},
			stateEnable, 0, "already used",
		},
		{
			"any other error tears down",
			fmt.Errorf("enable MFA device: %w", errors.New("ServiceFailure")),
			stateTeardown, 0, "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newTestModel(t, Options{})
			m = walk(t, m, stateEnable)
			m = press(t, m, "111111", "enter", "222222", "enter")
			m = refuse(t, m, scenario.StepEnableDevice, 2, tt.err)
			if m.state != tt.wantState {
				t.Fatalf("state = %d, want %d", m.state, tt.wantState)
			}
			if tt.wantState == stateTeardown {
				if m.teardown.cause == nil || m.rail.state(scenario.StepEnableDevice) != stepFailed {
					t.Errorf("cause = %v, EnableDevice %d; want the failure recorded", m.teardown.cause, m.rail.state(scenario.StepEnableDevice))
				}
				return
			}
			if m.codes.sending || m.codes.focus != tt.wantField || m.codes.inputs[tt.wantField].Value() != "" {
				t.Errorf("after rejection: sending %v, focus %d, field %q", m.codes.sending, m.codes.focus, m.codes.inputs[tt.wantField].Value())
			}
			if !strings.Contains(frame(m), tt.wantText) {
				t.Errorf("the reason %q is not on screen:\n%s", tt.wantText, frame(m))
			}
			if m.rail.state(scenario.StepUserPolicy) != stepPending || m.teardown.cause != nil || m.codesQ == nil {
				t.Error("a code problem must not fail the run, and the question is open again")
			}
		})
	}
}

func TestRejectedFilledCodesDoNotBlameThePhone(t *testing.T) {
	rejected := apiError{"InvalidAuthenticationCode"}
	tests := []struct {
		name     string
		target   state
		keys     []string
		err      error
		want     string
		dontWant string
	}{
		{"typed pair", stateEnable, []string{"111111", "enter", "222222", "enter"},
			&scenario.CodeError{Pair: true, Problem: scenario.CodeRejected, Err: rejected}, "phone's clock", "window"},
		// A refused pair says which code goes where: the current one first, the next one second.
		{"typed pair says which code to type", stateEnable, []string{"111111", "enter", "222222", "enter"},
			&scenario.CodeError{Pair: true, Problem: scenario.CodeRejected, Err: rejected},
			"type the code the app shows now in the first field, wait until it shows the next one and type that in the second", "type the current code"},
		{"filled pair", stateEnable, []string{"a", "enter"},
			&scenario.CodeError{Pair: true, Problem: scenario.CodeRejected, Err: rejected}, "Press a to fill in fresh ones", "clock"},
		{"filled pair, one digit changed", stateEnable, []string{"a", "backspace", "3", "enter"},
			&scenario.CodeError{Pair: true, Problem: scenario.CodeRejected, Err: rejected}, "phone's clock", "window"},
		{"filled code", stateWithCode, []string{"a", "enter"},
			&scenario.CodeError{Field: 1, Problem: scenario.CodeRejected, Err: apiError{"AccessDenied"}}, "Press a to fill in a fresh one", "clock"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newTestModel(t, Options{Target: scenario.TargetEmulator})
			m = walk(t, m, tt.target)
			if tt.keys[0] == "a" {
				// The authenticator answers the key press; its codes come back as a message.
				m = press(t, m, "a")
				m = send(t, m, autoCodesMsg{codes: []string{"111111", "222222"}[:len(m.codes.inputs)]})
				m = press(t, m, tt.keys[1:]...)
			} else {
				m = press(t, m, tt.keys...)
			}
			if !m.codes.sending {
				t.Fatalf("the codes %q were not sent", m.codes.codes())
			}
			if tt.target == stateEnable {
				m = refuse(t, m, scenario.StepEnableDevice, 2, tt.err)
			} else {
				m = refuse(t, m, scenario.StepWithMFA, 1, tt.err)
			}
			if !strings.Contains(m.codes.problem, tt.want) || strings.Contains(m.codes.problem, tt.dontWant) {
				t.Errorf("problem = %q; want %q and no %q", m.codes.problem, tt.want, tt.dontWant)
			}
		})
	}
}

func TestAutoMFAFillsAndSends(t *testing.T) {
	m, _ := newTestModel(t, Options{AutoMFA: true})
	m = walk(t, m, stateEnable)
	reply := m.codesQ.reply
	if !m.codes.auto || !m.codes.showAuth {
		t.Fatalf("auto %v, panel %v; want both with AutoMFA", m.codes.auto, m.codes.showAuth)
	}
	m = send(t, m, autoCodesMsg{wait: 7e9, submit: true})
	if m.codes.sending || !strings.Contains(m.codes.waiting, "Waiting 7 s") {
		t.Errorf("a wait from the authenticator: sending %v, waiting %q", m.codes.sending, m.codes.waiting)
	}
	m = send(t, m, autoCodesMsg{codes: []string{"111111", "222222"}, submit: true})
	if !m.codes.sending || fmt.Sprint(m.codes.codes()) != "[111111 222222]" {
		t.Errorf("codes %q, sending %v; want both filled and sent", m.codes.codes(), m.codes.sending)
	}
	if codes := answered(t, reply); fmt.Sprint(codes) != "[111111 222222]" {
		t.Errorf("answered %v", codes)
	}
}

// The built-in authenticator answers as often as the scenario's limit allows, then leaves the
// fields to the trainee: the rule is scenario.AutoAttempts, not one of the TUI's own.
func TestAutoMFAStopsAtTheScenariosLimit(t *testing.T) {
	m, _ := newTestModel(t, Options{AutoMFA: true})
	m = walk(t, m, stateEnable)
	rejected := &scenario.CodeError{Pair: true, Problem: scenario.CodeRejected, Err: apiError{"InvalidAuthenticationCode"}}
	for attempt := 2; attempt <= scenario.AutoAttempts+1; attempt++ {
		m = send(t, m, autoCodesMsg{codes: []string{"111111", "222222"}, submit: true})
		m, _ = askFor(t, m, scenario.StepEnableDevice, 2, attempt, rejected)
		if want := attempt <= scenario.AutoAttempts; m.codes.auto != want {
			t.Errorf("attempt %d: auto %v, want %v", attempt, m.codes.auto, want)
		}
	}
}

func TestAuthenticatorPanelDefaults(t *testing.T) {
	tests := []struct {
		target   scenario.TargetKind
		emulator bool // step 0 found mfa-demo's own emulator behind the target
		auto     bool
		want     bool
	}{
		{scenario.TargetEmulator, true, false, true},
		{scenario.TargetEndpoint, false, false, false},
		{scenario.TargetEndpoint, true, false, true}, // `mfa-demo emulator` through --endpoint-url
		{scenario.TargetLive, false, false, false},
		{scenario.TargetLive, false, true, true},
	}
	for _, tt := range tests {
		m, _ := newTestModel(t, Options{Target: tt.target, AutoMFA: tt.auto})
		who := whoAmIResult()
		who.Target, who.Emulator = tt.target, tt.emulator
		m = step(t, m, scenario.StepWhoAmI, who)
		m = step(t, m, scenario.StepCreateDevice, deviceResult())
		m, _ = askFor(t, m, scenario.StepEnableDevice, 2, 1, nil)
		m = send(t, m, clockMsg{id: m.clockID, now: testClock, code: "654321", left: 17e9})
		if m.codes.showAuth != tt.want || strings.Contains(frame(m), "654 321") != tt.want {
			t.Errorf("target %d auto %v: panel %v, want %v\n%s", tt.target, tt.auto, m.codes.showAuth, tt.want, frame(m))
		}
		m = press(t, m, "a")
		if tt.want == false && m.codes.inputs[0].Value() != "a" && m.codes.inputs[0].Value() != "" {
			t.Errorf("a without the panel typed %q", m.codes.inputs[0].Value())
		}
	}
}

func TestStaleClockTicksAreDropped(t *testing.T) {
	m, _ := newTestModel(t, Options{})
	m = walk(t, m, stateEnable)
	m, cmd := sendCmd(t, m, clockMsg{id: m.clockID - 1, now: testClock, code: "999999"})
	if cmd != nil || m.codes.authCode == "999999" {
		t.Error("a tick of an older clock loop was taken")
	}
}

func TestPolicyHighlightsCondition(t *testing.T) {
	st := newStyles(true, false, false)
	lines := highlightCondition(st, testPolicy)
	var marked []string
	for i, l := range lines {
		if l != strings.Split(testPolicy, "\n")[i] {
			marked = append(marked, strings.TrimSpace(ansi.Strip(l)))
		}
	}
	want := []string{`"Condition": {`, `"Bool": {`, `"aws:MultiFactorAuthPresent": "true"`, `}`, `}`}
	if fmt.Sprint(marked) != fmt.Sprint(want) {
		t.Errorf("highlighted %q, want %q", marked, want)
	}
}

func TestPolicyThenWithoutMFA(t *testing.T) {
	m, _ := newTestModel(t, Options{})
	m = walk(t, m, statePolicy)
	if f := frame(m); !strings.Contains(f, "aws:MultiFactorAuthPresent") || !strings.Contains(f, "is true only when") {
		t.Errorf("policy screen lacks the condition or its meaning:\n%s", f)
	}
	reply := m.continueQ.reply
	m = press(t, m, "enter")
	answered(t, reply)
	m = events(t, m, scenario.StepStarted{Step: scenario.StepWithoutMFA})
	if m.state != stateRunning || m.rail.state(scenario.StepWithoutMFA) != stepRunning {
		t.Errorf("enter on the policy: state %d, WithoutMFA %d", m.state, m.rail.state(scenario.StepWithoutMFA))
	}
}

func TestWithoutMFAOutcomes(t *testing.T) {
	tests := []struct {
		name    string
		res     scenario.WithoutMFAResult
		want    []string
		railWas stepState
	}{
		{"denied is the lesson", scenario.WithoutMFAResult{Outcome: scenario.OutcomeDenied, ErrorCode: "AccessDenied", Message: "not authorized"},
			[]string{"AccessDenied - this is the expected outcome", "aws:MultiFactorAuthPresent is false", "AWS said: AccessDenied: not authorized"}, stepDone},
		{"success is a warning", scenario.WithoutMFAResult{Outcome: scenario.OutcomeNotEnforced, Buckets: bucketsResult()},
			[]string{"The call succeeded without MFA", "does not enforce", "mfa-demo-reports"}, stepFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newTestModel(t, Options{})
			m = walk(t, m, statePolicy)
			m = press(t, m, "enter")
			m = step(t, m, scenario.StepWaitForKey, scenario.WaitResult{Attempts: 2})
			m = step(t, m, scenario.StepWithoutMFA, tt.res)
			m, reply := askToGoOn(t, m, scenario.StepWithoutMFA)
			f := strings.Join(strings.Fields(frame(m)), " ")
			for _, w := range tt.want {
				if !strings.Contains(f, w) {
					t.Errorf("screen lacks %q:\n%s", w, frame(m))
				}
			}
			if m.rail.state(scenario.StepWithoutMFA) != tt.railWas {
				t.Errorf("rail says %d, want %d", m.rail.state(scenario.StepWithoutMFA), tt.railWas)
			}
			m = press(t, m, "enter")
			answered(t, reply)
			m, _ = askFor(t, m, scenario.StepWithMFA, 1, 1, nil)
			if m.state != stateWithCode || len(m.codes.inputs) != 1 {
				t.Errorf("enter: state %d with %d fields, want one code", m.state, len(m.codes.inputs))
			}
		})
	}
}

func TestWithMFAShowsIdentityAndBuckets(t *testing.T) {
	m, _ := newTestModel(t, Options{})
	m = walk(t, m, stateWith)
	f := frame(m)
	for _, w := range []string{"arn:aws:iam::123456789012:user/mfa-demo/mfa-demo-user-test0001", "mfa-demo-training-data", "2026-02-03 04:05", "Buckets (2)"} {
		if !strings.Contains(f, w) {
			t.Errorf("screen lacks %q:\n%s", w, f)
		}
	}
}

func TestTeardownChecklistAndSummary(t *testing.T) {
	m, _ := newTestModel(t, Options{})
	m = walk(t, m, stateTeardown)
	item := scenario.TeardownItem{Action: "DeleteUserPolicy", Op: scenario.OpOf("DeleteUserPolicy"), Resource: "mfa-demo-user-policy-test0001", Status: scenario.ItemDeleted}
	m = events(t, m, scenario.Progress{Step: scenario.StepTeardown, Item: &item})
	if f := frame(m); !strings.Contains(f, "✓ DeleteUserPolicy  deleted  mfa-demo-user-policy-test0001") {
		t.Errorf("the deleted item is not ticked:\n%s", f)
	}
	if m = press(t, m, "q"); m.confirmQuit || !m.busyNote {
		t.Error("q during teardown should only say that teardown runs")
	}
	m = finishRun(t, m, teardownReport(), nil)
	if m.state != stateSummary || !m.Finished() || !m.teardown.complete() {
		t.Fatalf("state %d finished %v complete %v", m.state, m.Finished(), m.teardown.complete())
	}
	if s := m.Summary(); !s.Lesson || s.ExitCode() != scenario.ExitLesson || s.RunID != "test0001" {
		t.Errorf("summary = %+v (exit %d), want the lesson and exit 0", s, s.ExitCode())
	}
	f := frame(m)
	for _, want := range []string{
		"Teardown complete",
		"✓ DeleteAccessKey         deleted      AKIATESTKEY",
		"✓ DeactivateMFADevice     deactivated  mfa-demo-mfa-test0001",
		"✓ DeleteUser              deleted      mfa-demo-user-test0001",
	} {
		if !strings.Contains(f, want) {
			t.Errorf("summary has no %q:\n%s", want, f)
		}
	}
	late := scenario.TeardownItem{Action: "DeleteUser", Op: scenario.OpOf("DeleteUser"), Resource: "mfa-demo-user-test0001", Status: scenario.ItemPending}
	if m = events(t, m, scenario.Progress{Step: scenario.StepTeardown, Item: &late}); m.teardown.items[4].Status != scenario.ItemDeleted {
		t.Error("a progress report that arrived after the final report overwrote it")
	}
	next, cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if cmd == nil || fmt.Sprint(cmd()) != fmt.Sprint(tea.Quit()) {
		t.Errorf("enter on the summary should quit, got %T", next)
	}
}

func TestTeardownChecklistKeepsTheTailOfLongARNs(t *testing.T) {
	const policyArn = "arn:aws:iam::123456789012:policy/mfa-demo/mfa-demo-role-policy-test0001"
	items := []scenario.TeardownItem{
		{Action: "DetachRolePolicy", Op: scenario.OpOf("DetachRolePolicy"), Resource: policyArn, Status: scenario.ItemDeleted},
		{Action: "DeletePolicy", Op: scenario.OpOf("DeletePolicy"), Resource: policyArn, Status: scenario.ItemDeleted},
		{Action: "DeleteRole", Op: scenario.OpOf("DeleteRole"), Resource: "mfa-demo-role-test0001", Status: scenario.ItemAlreadyGone},
	}
	tests := []struct {
		width int
		want  []string
	}{
		{80, []string{
			"✓ DetachRolePolicy  detached      arn:aws:iam::12⋯/mfa-demo-role-policy-test0001",
			"✓ DeletePolicy      deleted       arn:aws:iam::12⋯/mfa-demo-role-policy-test0001",
			"◦ DeleteRole        already gone  mfa-demo-role-test0001",
		}},
		{160, []string{"✓ DetachRolePolicy  detached      " + policyArn}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.width), func(t *testing.T) {
			m, _ := newTestModel(t, Options{})
			m = walk(t, m, stateTeardown)
			m = send(t, m, tea.WindowSizeMsg{Width: tt.width, Height: 24})
			m = finishRun(t, m, scenario.TeardownReport{Items: items}, nil)
			f := frame(m)
			for _, want := range tt.want {
				if !strings.Contains(f, want) {
					t.Errorf("no %q:\n%s", want, f)
				}
			}
		})
	}
}

// TestTeardownLeftovers checks that an incomplete teardown names what is left and the exact
// cleanup command of the run's target: `mfa-demo cleanup` without the target's flags checks
// the embedded emulator and says nothing is left.
func TestTeardownLeftovers(t *testing.T) {
	tests := []struct {
		name    string
		command string
		want    []string
		not     []string
	}{
		{"endpoint", "mfa-demo cleanup --endpoint-url http://127.0.0.1:4566",
			[]string{"  mfa-demo cleanup --endpoint-url http://127.0.0.1:4566", "Journal: /state/run-test0001.jsonl"}, nil},
		{"live", "mfa-demo cleanup --live", []string{"  mfa-demo cleanup --live"}, []string{"--endpoint-url"}},
		{"embedded emulator", "", []string{"The embedded emulator ends with this process"}, []string{"mfa-demo cleanup"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newTestModel(t, Options{})
			m = walk(t, m, stateTeardown)
			rep := teardownReport()
			rep.Items[4].Status, rep.Items[4].Err = scenario.ItemFailed, errors.New("DeleteConflict: must detach")
			rep.Remaining = []string{"arn:aws:iam::123456789012:user/mfa-demo/mfa-demo-user-test0001"}
			rep.CleanupCommand = tt.command
			if tt.command != "" {
				rep.Journal = "/state/run-test0001.jsonl"
			}
			m = finishRun(t, m, rep, nil)
			m = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
			f := frame(m)
			for _, w := range append([]string{"Teardown incomplete", "✗ DeleteUser", rep.Remaining[0]}, tt.want...) {
				if !strings.Contains(f, w) {
					t.Errorf("summary lacks %q:\n%s", w, f)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(f, w) {
					t.Errorf("summary says %q:\n%s", w, f)
				}
			}
			if m.rail.state(scenario.StepTeardown) != stepFailed {
				t.Error("an incomplete teardown is ticked as done")
			}
		})
	}
}

func TestQuitConfirmsThenTearsDown(t *testing.T) {
	tests := []struct {
		name      string
		at        state
		keys      []string
		wantState state
		wantAsk   bool
	}{
		{"q asks", stateQR, []string{"q"}, stateQR, true},
		{"n keeps going", stateQR, []string{"q", "n"}, stateQR, false},
		{"esc keeps going", statePolicy, []string{"q", "esc"}, statePolicy, false},
		{"y tears down", stateQR, []string{"q", "y"}, stateTeardown, false},
		{"ctrl+c twice tears down", stateWith, []string{"ctrl+c", "ctrl+c"}, stateTeardown, false},
		{"other keys wait for an answer", stateWithout, []string{"q", "enter"}, stateWithout, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newTestModel(t, Options{})
			m = walk(t, m, tt.at)
			m = press(t, m, tt.keys...)
			if tt.wantState == stateTeardown {
				// Quitting cancels the run; the scenario then reports its teardown.
				if !m.quitting || m.run.ctx.Err() == nil {
					t.Fatalf("quitting %v, run context %v; want the run cancelled", m.quitting, m.run.ctx.Err())
				}
				m = events(t, m, scenario.StepStarted{Step: scenario.StepTeardown})
			}
			if m.state != tt.wantState || m.confirmQuit != tt.wantAsk {
				t.Errorf("state %d asking %v, want %d asking %v", m.state, m.confirmQuit, tt.wantState, tt.wantAsk)
			}
			if tt.wantAsk && !strings.Contains(frame(m), "Quit the demo?") {
				t.Errorf("the question is not on screen:\n%s", frame(m))
			}
		})
	}
}

func TestQuitDuringAStepWaitsForIt(t *testing.T) {
	m, _ := newTestModel(t, Options{})
	m = walk(t, m, stateRunning) // CreateUser in flight
	m = press(t, m, "q", "y")
	if m.state == stateTeardown || !m.quitting {
		t.Fatalf("teardown shown while CreateUser was in flight (state %d)", m.state)
	}
	if m.run.ctx.Err() == nil {
		t.Error("the step's context was not cancelled")
	}
	// The cancelled step ends, then the scenario tears down.
	m = events(t, m, scenario.StepFinished{Step: scenario.StepCreateUser, Err: fmt.Errorf("create user: %w", context.Canceled)},
		scenario.StepStarted{Step: scenario.StepTeardown})
	if m.state != stateTeardown || m.rail.state(scenario.StepCreateDevice) != stepPending || m.teardown.cause != nil {
		t.Errorf("after the step answered: state %d, CreateDevice %d, cause %v", m.state, m.rail.state(scenario.StepCreateDevice), m.teardown.cause)
	}
	m = finishRun(t, m, teardownReport(), fmt.Errorf("create-user: %w", context.Canceled))
	if s := m.Summary(); s.ExitCode() != scenario.ExitFailure || s.Lesson || !strings.Contains(frame(m), "You quit before the end.") {
		t.Errorf("summary = %+v (exit %d), want an interrupted run without the lesson:\n%s", s, s.ExitCode(), frame(m))
	}
}

func TestStepFailureTearsDown(t *testing.T) {
	m, _ := newTestModel(t, Options{})
	m = walk(t, m, stateRunning)
	m = events(t, m, scenario.StepFinished{Step: scenario.StepCreateUser, Err: errors.New("EntityAlreadyExists")},
		scenario.StepStarted{Step: scenario.StepTeardown})
	if m.state != stateTeardown || m.rail.state(scenario.StepCreateUser) != stepFailed {
		t.Fatalf("state %d, CreateUser %d", m.state, m.rail.state(scenario.StepCreateUser))
	}
	if f := frame(m); !strings.Contains(f, "Tearing down after a failure") || !strings.Contains(f, "EntityAlreadyExists") {
		t.Errorf("the failure is not explained:\n%s", f)
	}
	m = finishRun(t, m, teardownReport(), fmt.Errorf("create-user: %w", errors.New("EntityAlreadyExists")))
	if f := frame(m); !strings.Contains(f, "EntityAlreadyExists") || !strings.Contains(f, "Exit status 1") {
		t.Errorf("the summary does not give the failure and exit 1:\n%s", f)
	}
}

func TestFailureNamesTheStepOnce(t *testing.T) {
	tests := []struct {
		name string
		at   state
		step scenario.StepID
		err  error
		want string
	}{
		{"who am I", stateWelcome, scenario.StepWhoAmI,
			fmt.Errorf("who am I (STS GetCallerIdentity): %w", errors.New("your clock is off")),
			"The demo failed: who am I (STS GetCallerIdentity): your clock is off"},
		{"create user", stateRunning, scenario.StepCreateUser,
			fmt.Errorf("create user mfa-demo-user-x: %w", errors.New("EntityAlreadyExists")),
			"The demo failed: create user mfa-demo-user-x: EntityAlreadyExists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newTestModel(t, Options{})
			if tt.at == stateRunning {
				m = walk(t, m, stateRunning)
			}
			// Wide enough that the sentence is on one line.
			m = send(t, m, tea.WindowSizeMsg{Width: 200, Height: 40})
			m = events(t, m, scenario.StepFinished{Step: tt.step, Err: tt.err}, scenario.StepStarted{Step: scenario.StepTeardown})
			if f := frame(m); !strings.Contains(f, "Tearing down after a failure: "+tt.err.Error()[:20]) {
				t.Errorf("teardown screen does not give the failure once:\n%s", f)
			}
			m = finishRun(t, m, teardownReport(), tt.err)
			if f := frame(m); !strings.Contains(f, tt.want) {
				t.Errorf("summary does not say %q:\n%s", tt.want, f)
			}
		})
	}
}

func TestAPILogToggles(t *testing.T) {
	m, _ := newTestModel(t, Options{})
	m = walk(t, m, stateQR)
	m = press(t, m, "l")
	f := frame(m)
	if !m.log.open || !strings.Contains(f, "API log") || !strings.Contains(f, "CreateVirtualMFADevice") || !strings.Contains(f, "aws iam CreateVirtualMFADevice") {
		t.Errorf("log pane:\n%s", f)
	}
	if m = press(t, m, "enter"); m.state != stateQR {
		t.Error("enter under the log pane reached the QR screen")
	}
	m = press(t, m, "esc")
	if m.log.open {
		t.Error("esc did not close the log")
	}
}

func TestAPILogWrapsCommandsAtSpaces(t *testing.T) {
	const serial = "arn:aws:iam::123456789012:mfa/mfa-demo/mfa-demo-mfa-test0001"
	cli := "aws iam enable-mfa-device --user-name mfa-demo-user-test0001 --serial-number " + serial + " --authentication-code1 111111 --authentication-code2 222222"
	tests := []struct {
		name  string
		width int
		want  []string // each whole on one line
	}{
		{"80 columns", 80, []string{"--serial-number", serial, "--authentication-code1", "--user-name"}},
		{"100 columns", 100, []string{"--serial-number", serial, "--authentication-code2"}},
		{"narrower than the ARN", 40, []string{"--serial-number", "--authentication-code1", "--user-name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newTestModel(t, Options{})
			m = send(t, m, tea.WindowSizeMsg{Width: tt.width, Height: 40})
			call := testCall("iam", "EnableMFADevice")
			call.CLI = cli
			call.Params = []scenario.Param{{Name: "UserName", Value: "mfa-demo-user-test0001"}, {Name: "SerialNumber", Value: serial}}
			m = events(t, m, scenario.CallMade{Call: call})
			body := ansi.Strip(m.log.render(m.sh))
			lines := strings.Split(body, "\n")
			// The first line, time and action, is the pane's to cut; the rest wraps.
			for _, l := range lines[1:] {
				if w := lipgloss.Width(l); w > m.log.vp.Width() {
					t.Errorf("line of %d cells in a pane of %d: %q", w, m.log.vp.Width(), l)
				}
			}
			for _, want := range tt.want {
				if !slicesContainsToken(lines, want) {
					t.Errorf("%q is broken across lines:\n%s", want, body)
				}
			}
			if joined := strings.Join(strings.Fields(body), " "); !strings.Contains(joined, strings.Join(strings.Fields(cli), " ")) && tt.width >= 80 {
				t.Errorf("the command does not read back from the pane:\n%s", body)
			}
		})
	}
}

// slicesContainsToken reports whether a line holds tok as a whole space-separated word.
func slicesContainsToken(lines []string, tok string) bool {
	for _, l := range lines {
		for _, f := range strings.Fields(l) {
			if f == tok || strings.HasSuffix(f, "="+tok) {
				return true
			}
		}
	}
	return false
}

func TestWrapWords(t *testing.T) {
	tests := []struct {
		s     string
		width int
		want  string
	}{
		{"aws iam get-user --user-name bob", 20, "aws iam get-user\n--user-name bob"},
		{"  $ aws iam --serial-number arn:x", 16, "  $ aws iam\n--serial-number\narn:x"},
		{"a 1234567890abcdef b", 8, "a\n12345678\n90abcdef\nb"},
		{"fits", 10, "fits"},
		{"  abcdefghij k", 8, "  abcdef\nghij k"},
	}
	for _, tt := range tests {
		if got := wrapWords(tt.s, tt.width); got != tt.want {
			t.Errorf("wrapWords(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
	}
}

func TestCallDurationNeverSaysZero(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{0, "<1ms"},
		{400 * time.Microsecond, "<1ms"},
		{time.Millisecond, "1ms"},
		{1600 * time.Microsecond, "2ms"},
		{1500 * time.Millisecond, "1.5s"},
	} {
		if got := callDuration(tc.d, "<1ms"); got != tc.want {
			t.Errorf("callDuration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestHelpToggles(t *testing.T) {
	m, _ := newTestModel(t, Options{})
	m = walk(t, m, stateQR)
	short := frame(m)
	m = press(t, m, "?")
	if !m.help.ShowAll || !strings.Contains(frame(m), "save PNG") || frame(m) == short {
		t.Errorf("? did not open the full help:\n%s", frame(m))
	}
}

// TestEveryScreenFits draws every state at several sizes, in every language and QR drawing,
// and checks the frame is exactly the window: no line wider, no row more. CJK-wide text
// would fail here too, because widths are measured in cells.
func TestEveryScreenFits(t *testing.T) {
	for _, tag := range text.Tags() {
		tt, _ := text.Lookup(tag.String())
		t.Run(tag.String(), func(t *testing.T) { everyScreenFits(t, Options{Text: tt}) })
	}
	t.Run("full blocks", func(t *testing.T) { everyScreenFits(t, Options{QR: QRFull}) })
	t.Run("wide ambiguous width", func(t *testing.T) { everyScreenFits(t, Options{AmbiguousWidth: WidthWide}) })
}

// everyScreenFits is TestEveryScreenFits with one set of options.
func everyScreenFits(t *testing.T, opts Options) {
	states := []state{stateWelcome, stateRunning, stateQR, stateEnable, statePolicy, stateWithout, stateWithCode, stateWith, stateTeardown, stateSummary}
	sizes := [][2]int{{80, 24}, {120, 40}, {200, 50}, {260, 100}, {60, 16}, {40, 12}, {30, 8}}
	for _, st := range states {
		at, _ := newTestModel(t, opts)
		at = walk(t, at, st)
		for _, overlay := range []string{"", "l", "?", "q"} {
			m := at
			if overlay != "" && st != stateSummary && st != stateTeardown {
				m = press(t, m, overlay)
			}
			for _, size := range sizes {
				// The models share their sizes (shared), so each size is set right before drawing.
				m = send(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				lines := strings.Split(m.render(), "\n")
				if len(lines) != size[1] {
					t.Errorf("state %d overlay %q at %dx%d: %d rows", st, overlay, size[0], size[1], len(lines))
				}
				for i, l := range lines {
					if w := lipgloss.Width(l); w > size[0] {
						t.Errorf("state %d overlay %q at %dx%d: row %d is %d wide: %q", st, overlay, size[0], size[1], i, w, ansi.Strip(l))
					}
				}
			}
		}
	}
}

// TestTallQRGivesUpTheHeader covers a URI one QR version longer than the emulator's (a longer
// seed or an issuer): 23 rows of QR code fit 80×24 when the header row is given up.
func TestTallQRGivesUpTheHeader(t *testing.T) {
	dev := deviceResult()
	for q, _ := NewQR(dev.URI); q.Height < 23; q, _ = NewQR(dev.URI) {
		dev.URI += "A"
	}
	m, _ := newTestModel(t, Options{})
	m = step(t, m, scenario.StepCreateDevice, dev)
	m = step(t, m, scenario.StepShowQR, dev)
	m, _ = askToGoOn(t, m, scenario.StepShowQR)
	if m.qr.qr.Height != 23 {
		t.Fatalf("test URI gives a %d-row QR code, want 23", m.qr.qr.Height)
	}
	lines := strings.Split(m.render(), "\n")
	if len(lines) != 24 {
		t.Fatalf("%d rows, want 24", len(lines))
	}
	if f := frame(m); strings.Contains(f, "at least") || !strings.Contains(lines[0], "▀") && !strings.Contains(lines[1], "▀") {
		t.Errorf("the 23-row QR code was not drawn at 80×24:\n%s", f)
	}
}

// apiError stands for smithy.APIError, which the TUI must not import.
type apiError struct{ code string }

func (e apiError) Error() string     { return "api error " + e.code }
func (e apiError) ErrorCode() string { return e.code }

func TestNoColorKeepsOnlyTheQRColours(t *testing.T) {
	tests := []struct {
		environ   []string
		wantColor bool
	}{
		{[]string{"TERM=xterm-256color"}, true},
		{[]string{"TERM=xterm-256color", "NO_COLOR=1"}, false},
		{[]string{"TERM=xterm-256color", "NO_COLOR="}, true}, // no-color.org: empty means unset
	}
	for _, tt := range tests {
		m, _, cancel := prepare(t.Context(), &fakeDemo{}, Options{Environ: tt.environ, Now: func() time.Time { return testClock }})
		defer cancel()
		m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
		m = walk(t, m, stateQR)
		var ui, qr bool
		for _, l := range strings.Split(m.render(), "\n") {
			if strings.Contains(l, qrColours) {
				qr = true
				l = strings.ReplaceAll(l, qrColours, "")
			}
			if strings.Contains(l, "\x1b[38;") || strings.Contains(l, "\x1b[48;") {
				ui = true
			}
		}
		if ui != tt.wantColor || !qr {
			t.Errorf("%v: colour in the UI %v (want %v), QR black on white %v (want true)", tt.environ, ui, tt.wantColor, qr)
		}
	}
}

func TestWelcomePicksTheScenario(t *testing.T) {
	tests := []struct {
		name     string
		kind     scenario.Kind
		pick     bool
		keys     []string
		want     scenario.Kind
		wantText string // on the welcome screen after the keys
	}{
		{"down picks assume-role", scenario.SessionToken, true, []string{"down"}, scenario.AssumeRole, "assume the role without MFA"},
		{"j picks it too", scenario.SessionToken, true, []string{"j"}, scenario.AssumeRole, "(up/down to choose)"},
		{"down twice picks the lab", scenario.SessionToken, true, []string{"down", "down"}, scenario.Conditions, "▸ The condition lab"},
		{"down three times wraps around", scenario.SessionToken, true, []string{"down", "down", "down"}, scenario.SessionToken, "lists the buckets without MFA"},
		{"up wraps to the last", scenario.SessionToken, true, []string{"up"}, scenario.Conditions, "three credentials"},
		{"up from the lab", scenario.Conditions, true, []string{"up"}, scenario.AssumeRole, "▸ A role that can only be assumed with MFA"},
		{"up from assume-role", scenario.AssumeRole, true, []string{"up"}, scenario.SessionToken, "▸ List buckets only with MFA"},
		{"--scenario fixes it", scenario.SessionToken, false, []string{"down", "up", "k"}, scenario.SessionToken, "(choose another with --scenario)"},
		{"--scenario assume-role", scenario.AssumeRole, false, []string{"down"}, scenario.AssumeRole, "▸ A role that can only be assumed with MFA"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newTestModel(t, Options{Kind: tt.kind, PickKind: tt.pick})
			m, reply := askBegin(t, m, false)
			m = press(t, m, tt.keys...)
			if m.welcome.kind != tt.want || m.opts.Kind != tt.want {
				t.Errorf("picked %s (options %s), want %s", m.welcome.kind, m.opts.Kind, tt.want)
			}
			var rail []scenario.StepID
			for _, r := range m.rail.rows {
				rail = append(rail, r.id)
			}
			if fmt.Sprint(rail) != fmt.Sprint(scenario.Steps(tt.want)) {
				t.Errorf("rail = %v, want the steps of %s", rail, tt.want)
			}
			if m.rail.state(scenario.StepWhoAmI) != stepDone {
				t.Errorf("picking lost the done Who am I step")
			}
			if fr := frame(m); !strings.Contains(fr, tt.wantText) {
				t.Errorf("welcome lacks %q:\n%s", tt.wantText, fr)
			}

			m = press(t, m, "enter")
			// The answer to Begin is what switches the scenario, before anything is created.
			if a := answered(t, reply); a.Kind != tt.want {
				t.Errorf("begin answered %+v; want the demo switched to %s at enter", a, tt.want)
			}
		})
	}
}

func TestAssumeRoleScreens(t *testing.T) {
	m, _ := newTestModel(t, Options{Kind: scenario.AssumeRole})
	m = walk(t, m, stateEnable)
	m = press(t, m, "111111", "enter", "222222", "enter")
	m = step(t, m, scenario.StepEnableDevice, scenario.EnableResult{})
	m = step(t, m, scenario.StepCreateKey, keyResult())

	trust := `{
  "Statement": [{
    "Principal": {"AWS": "arn:aws:iam::123456789012:user/mfa-demo/mfa-demo-user-test0001"},
    "Action": "sts:AssumeRole",
    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": true}}
  }]
}`
	policies := []struct {
		step scenario.StepID
		res  scenario.PolicyResult
		want string
	}{
		{scenario.StepCreateRole, scenario.PolicyResult{Name: "mfa-demo-role-test0001", Document: trust}, "Press enter to give the role its permission."},
		{scenario.StepRolePolicy, policyResult(), "Press enter to let the user assume the role."},
		{scenario.StepAllowAssume, policyResult(), "Press enter to try it without MFA."},
	}
	for i, p := range policies {
		m = events(t, m, scenario.StepStarted{Step: p.step})
		if m.state != stateRunning || m.rail.state(p.step) != stepRunning {
			t.Fatalf("before %s: state %d, step %d; want it running", p.step, m.state, m.rail.state(p.step))
		}
		m = events(t, m, scenario.StepFinished{Step: p.step, Result: p.res})
		m, reply := askToGoOn(t, m, p.step)
		if m.state != statePolicy || !strings.Contains(frame(m), p.want) {
			t.Errorf("%s: state %d, screen lacks %q:\n%s", p.step, m.state, p.want, frame(m))
		}
		if i == 0 {
			// The condition of the trust policy is the highlighted line, and only it.
			var lit []string
			for _, l := range m.policy.lines {
				if l != ansi.Strip(l) {
					lit = append(lit, ansi.Strip(l))
				}
			}
			if len(lit) != 1 || !strings.Contains(lit[0], `"aws:MultiFactorAuthPresent": true`) {
				t.Errorf("highlighted lines %q, want the Condition line alone", lit)
			}
		}
		m = press(t, m, "enter")
		answered(t, reply)
	}
	m = step(t, m, scenario.StepWaitForKey, scenario.WaitResult{Attempts: 1})
	m = step(t, m, scenario.StepWithoutMFA, scenario.WithoutMFAResult{Outcome: scenario.OutcomeDenied, ErrorCode: "AccessDenied"})
	m, _ = askToGoOn(t, m, scenario.StepWithoutMFA)
	if f := frame(m); !strings.Contains(f, "AssumeRole without MFA") || !strings.Contains(f, "trust policy allows sts:AssumeRole only when") {
		t.Errorf("without-MFA screen does not explain the trust policy:\n%s", f)
	}
	m = press(t, m, "enter")
	m = events(t, m, scenario.StepStarted{Step: scenario.StepWithMFA})
	m, _ = askFor(t, m, scenario.StepWithMFA, 1, 1, nil)
	if f := frame(m); !strings.Contains(f, "AssumeRole sends it") {
		t.Errorf("code screen does not name AssumeRole:\n%s", f)
	}
	m = press(t, m, "333333", "enter")
	user := "arn:aws:iam::123456789012:user/mfa-demo/mfa-demo-user-test0001"
	role := "arn:aws:sts::123456789012:assumed-role/mfa-demo-role-test0001/mfa-demo"
	m = events(t, m, scenario.StepFinished{Step: scenario.StepWithMFA, Result: scenario.WithMFAResult{
		Before:   scenario.Identity{Account: "123456789012", Arn: user},
		Identity: scenario.Identity{Account: "123456789012", Arn: role, UserID: "AROATEST:mfa-demo"},
		Buckets:  bucketsResult(),
	}})
	m, _ = askToGoOn(t, m, scenario.StepWithMFA)
	f := frame(m)
	for _, w := range []string{"from the user to the role session", "Before   " + user, "Now      " + role, "Buckets (2)"} {
		if !strings.Contains(f, w) {
			t.Errorf("with-MFA screen lacks %q:\n%s", w, f)
		}
	}
	m = press(t, m, "enter")
	m = events(t, m, scenario.StepStarted{Step: scenario.StepTeardown})
	m = finishRun(t, m, teardownReport(), nil)
	if f := frame(m); !strings.Contains(f, "without MFA AWS refused AssumeRole") || m.Summary().Kind != scenario.AssumeRole {
		t.Errorf("summary of kind %s:\n%s", m.Summary().Kind, f)
	}
}

// TestCountsReadNaturally checks the sentences with a number in them for one and for more:
// "1 attempt", never "1 attempts".
func TestCountsReadNaturally(t *testing.T) {
	tests := []struct {
		n       int
		want    []string
		notWant []string
	}{
		{1, []string{"worked after 1 attempt, 0.0 s", "1 bucket with MFA", "(1 retry)", "1 call"}, []string{"1 attempts", "1 buckets", "1 retries", "1 calls"}},
		{2, []string{"worked after 2 attempts, 0.0 s", "2 buckets with MFA", "(2 retries)", "2 calls"}, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.n), func(t *testing.T) {
			m, _ := newTestModel(t, Options{})
			m = step(t, m, scenario.StepWaitForKey, scenario.WaitResult{Attempts: tt.n})
			got := []string{m.rail.row(scenario.StepWaitForKey).detail}
			m, _ = newTestModel(t, Options{})
			m = walk(t, m, stateWithCode)
			m = press(t, m, "333333", "enter")
			calls := make([]scenario.Call, tt.n)
			for i := range calls {
				calls[i] = testCall("s3", "ListBuckets")
			}
			m = events(t, m, scenario.StepFinished{Step: scenario.StepWithMFA, Result: scenario.WithMFAResult{Buckets: bucketsResult()[:tt.n], Retries: tt.n}})
			m, _ = askToGoOn(t, m, scenario.StepWithMFA)
			got = append(got, m.rail.row(scenario.StepWithMFA).detail, frame(m))
			m.log = newAPILog().add(m.sh, calls)
			m.log.open = true
			got = append(got, frame(m))
			all := strings.Join(got, "\n")
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("lacks %q:\n%s", w, all)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(all, w) {
					t.Errorf("says %q:\n%s", w, all)
				}
			}
		})
	}
}

// TestTheTableIsTheOptionsOne checks that the walkthrough speaks the table it is given, on
// the welcome screen and after the trainer picks the other scenario.
func TestTheTableIsTheOptionsOne(t *testing.T) {
	tt := text.English
	tt.TUI.Welcome.Heading = "Heading from the given table"
	tt.Role.Intro = []string{"Role intro from the given table"}
	m, _ := newTestModel(t, Options{Text: tt, PickKind: true})
	m, _ = askBegin(t, m, false)
	if f := frame(m); !strings.Contains(f, tt.TUI.Welcome.Heading) {
		t.Fatalf("the welcome screen is not in the given table:\n%s", f)
	}
	m = press(t, m, "down")
	if f := frame(m); m.opts.Kind != scenario.AssumeRole || !strings.Contains(f, "Role intro from the given table") || !strings.Contains(f, tt.TUI.Welcome.Heading) {
		t.Errorf("after picking assume-role the welcome screen left the given table:\n%s", f)
	}
}

// TestWaitsAreOnScreen checks that a call that takes time says what it waits for and for how
// long at most, on the screen in front: the rail while a step runs, the teardown screen
// while teardown retries; and that an answer clears it.
func TestWaitsAreOnScreen(t *testing.T) {
	wait := &scenario.CallWait{Service: "iam", Action: "CreateUser", Attempt: 1, MaxAttempts: 3, Elapsed: 4 * time.Second, Limit: 10 * time.Second}
	retry := &scenario.CallWait{Service: "iam", Action: "CreateUser", Attempt: 2, MaxAttempts: 3, Reason: "RequestError"}
	m, _ := newTestModel(t, Options{})
	m, _ = askBegin(t, m, false)
	m = press(t, m, "enter")
	m = events(t, m, scenario.StepStarted{Step: scenario.StepCreateUser}, scenario.Progress{Step: scenario.StepCreateUser, Call: wait})
	if f := frame(m); !strings.Contains(f, "waiting for IAM CreateUser: 4.0 s of at most 10.0 s") {
		t.Errorf("the rail does not say what the step waits for:\n%s", f)
	}
	m = events(t, m, scenario.Progress{Step: scenario.StepCreateUser, Call: retry})
	if f := frame(m); !strings.Contains(f, "IAM CreateUser: RequestError; attempt 2 of 3") {
		t.Errorf("the rail does not say the call is tried again:\n%s", f)
	}
	m = events(t, m, scenario.CallMade{Call: testCall("iam", "CreateUser")})
	if f := frame(m); strings.Contains(f, "attempt 2 of 3") {
		t.Errorf("the answered call still says it waits:\n%s", f)
	}

	m = events(t, m, scenario.StepFinished{Step: scenario.StepCreateUser, Err: errors.New("x")}, scenario.StepStarted{Step: scenario.StepTeardown},
		scenario.Progress{Step: scenario.StepTeardown, Attempt: 2, Code: "ConnectionRefused", Retry: 250 * time.Millisecond})
	if f := frame(m); !strings.Contains(f, "something is still left (ConnectionRefused): teardown pass 2 of 5 in 250ms") {
		t.Errorf("the teardown screen does not say it retries:\n%s", f)
	}
	m = events(t, m, scenario.Progress{Step: scenario.StepTeardown, Call: wait})
	if f := frame(m); !strings.Contains(f, "waiting for IAM CreateUser: 4.0 s of at most 10.0 s") {
		t.Errorf("the teardown screen does not say what it waits for:\n%s", f)
	}
}

// TestUnreachableTargetIsOneSentence fails step 0 because nothing listens at the endpoint:
// the teardown screen and the summary say so in the sentence plain mode uses, not in the
// SDK's chain of errors.
func TestUnreachableTargetIsOneSentence(t *testing.T) {
	err := fmt.Errorf("who-am-i: %w", &scenario.ReachError{Problem: scenario.ReachRefused, Endpoint: "http://127.0.0.1:4566",
		Err: errors.New("operation error STS: GetCallerIdentity, https response error StatusCode: 0, dial tcp: connection refused")})
	m, _ := newTestModel(t, Options{Target: scenario.TargetEndpoint})
	m = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m = events(t, m, scenario.StepStarted{Step: scenario.StepWhoAmI}, scenario.StepFinished{Step: scenario.StepWhoAmI, Err: err}, scenario.StepStarted{Step: scenario.StepTeardown})
	want := "nothing answers at http://127.0.0.1:4566 (connection refused)"
	for _, screen := range []string{"teardown", "summary"} {
		if screen == "summary" {
			m = finishRun(t, m, scenario.TeardownReport{}, err)
		}
		// The summary keeps the SDK's errors for its details pane.
		f, _, _ := strings.Cut(frame(m), "Details")
		if !strings.Contains(strings.Join(strings.Fields(f), " "), want) || strings.Contains(f, "operation error") {
			t.Errorf("the %s screen does not say %q alone:\n%s", screen, want, f)
		}
	}
}

// TestFailureSummaryFitsWithDetailsInAPane fails a run with a long error and an incomplete
// teardown: at 80×24 and 100×30 the summary shows the one-line cause first, the checklist,
// what is left with its cleanup command and the exit status, and the whole failure in a
// pane that scrolls.
func TestFailureSummaryFitsWithDetailsInAPane(t *testing.T) {
	long := errors.New("create-key: create access key for mfa-demo-user-test0001: operation error IAM: CreateAccessKey, " +
		"https response error StatusCode: 409, RequestID: 1b2c, LimitExceeded: Cannot exceed quota for AccessKeysPerUser: 2 " +
		strings.Repeat("and a very long tail of SDK detail ", 16) + "END-OF-DETAILS")
	for _, size := range [][2]int{{80, 24}, {100, 30}} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			m, _ := newTestModel(t, Options{Target: scenario.TargetEndpoint})
			m = walk(t, m, stateTeardown)
			m = send(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			rep := teardownReport()
			rep.Items[3].Status, rep.Items[3].Err = scenario.ItemFailed, errors.New("DeleteVirtualMFADevice mfa-demo-mfa-test0001: DeleteConflict: "+strings.Repeat("still held ", 10))
			rep.Items[4].Status, rep.Items[4].Err = scenario.ItemFailed, errors.New("DeleteUser mfa-demo-user-test0001: DeleteConflict: must delete the device first")
			rep.Remaining = []string{"arn:aws:iam::123456789012:mfa/mfa-demo/mfa-demo-mfa-test0001", "mfa-demo-user-test0001"}
			rep.CleanupCommand, rep.Journal = "mfa-demo cleanup --endpoint-url http://127.0.0.1:4566", "/state/run-test0001.jsonl"
			m = finishRun(t, m, rep, long)
			f := frame(m)
			lines := strings.Split(f, "\n")
			if len(lines) != size[1] {
				t.Fatalf("frame has %d lines, want %d", len(lines), size[1])
			}
			cause := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "The demo failed: create-key") })
			if cause < 0 || cause > 3 || !strings.HasSuffix(strings.TrimRight(lines[cause], " "), "…") {
				t.Errorf("the cause is not one cut line at the top (line %d):\n%s", cause, f)
			}
			for _, want := range []string{"✗ DeleteUser", "✓ DeleteAccessKey", rep.Remaining[0], "  " + rep.CleanupCommand, "Exit status 1", "Details (scroll with up/down):", "Press enter or q to leave."} {
				if !strings.Contains(f, want) {
					t.Errorf("the summary lacks %q:\n%s", want, f)
				}
			}
			if strings.Contains(f, "END-OF-DETAILS") {
				t.Fatalf("the whole failure fits: the pane is not tested\n%s", f)
			}
			for range 40 {
				m = press(t, m, "down")
			}
			if f := frame(m); !strings.Contains(f, "must delete the device first") || !strings.Contains(f, "Exit status 1") {
				t.Errorf("scrolled to the end, the pane does not show the last detail:\n%s", f)
			}
		})
	}
}

// TestWelcomeWarnsAboutTheClock shows step 0's measured clock skew on the welcome screen, as
// plain mode does under its first line; a clock close enough for codes gets no warning.
func TestWelcomeWarnsAboutTheClock(t *testing.T) {
	for _, tt := range []struct {
		skew time.Duration
		want string
	}{{2 * time.Minute, "your clock is off by about 2m0s (behind AWS's)"}, {-45 * time.Second, "your clock is off by about 45s (ahead of AWS's)"}, {3 * time.Second, ""}} {
		m, _ := newTestModel(t, Options{})
		who := whoAmIResult()
		who.ClockSkew = tt.skew
		m = events(t, m, scenario.StepStarted{Step: scenario.StepWhoAmI}, scenario.StepFinished{Step: scenario.StepWhoAmI, Result: who})
		f := strings.Join(strings.Fields(frame(m)), " ")
		if tt.want == "" && strings.Contains(f, "clock is off") || tt.want != "" && !strings.Contains(f, tt.want) {
			t.Errorf("skew %v: want %q on the welcome screen:\n%s", tt.skew, tt.want, frame(m))
		}
	}
}

// TestPastingTwoCodesFillsBothFields pastes the pair the way some apps copy it.
func TestPastingTwoCodesFillsBothFields(t *testing.T) {
	m, _ := newTestModel(t, Options{})
	m = walk(t, m, stateEnable)
	m = send(t, m, tea.PasteMsg{Content: "111 111  222 222"})
	if got := m.codes.codes(); fmt.Sprint(got) != "[111111 222222]" || m.codes.focus != 1 {
		t.Errorf("codes %q, focus %d; want both fields filled and the second in focus", got, m.codes.focus)
	}
}

// TestStepCounterDoesNotJumpBelow110Columns walks the happy path at 80 columns: the header's
// counter goes up by one from each screen to the next (it counts the screens; the steps
// between them pass in a moment), and at 120 columns, with the rail beside every screen, it
// counts every step.
func TestStepCounterDoesNotJumpBelow110Columns(t *testing.T) {
	counter := regexp.MustCompile(`step (\d+) of (\d+): `)
	for _, tt := range []struct {
		width, of int
	}{{80, 7}, {120, 11}} {
		var seen []int
		for _, s := range []state{stateWelcome, stateQR, stateEnable, statePolicy, stateWithout, stateWithCode, stateWith, stateTeardown} {
			m, _ := newTestModel(t, Options{})
			m = send(t, m, tea.WindowSizeMsg{Width: tt.width, Height: 30})
			m = walk(t, m, s)
			got := counter.FindStringSubmatch(strings.SplitN(frame(m), "\n", 2)[0])
			if got == nil {
				if s == stateQR {
					continue // the QR code may take the header's row
				}
				t.Fatalf("%d columns, state %d: no step counter:\n%s", tt.width, s, frame(m))
			}
			n, _ := strconv.Atoi(got[1])
			if of, _ := strconv.Atoi(got[2]); of != tt.of {
				t.Errorf("%d columns: step %s of %d, want of %d", tt.width, got[1], of, tt.of)
			}
			if len(seen) == 0 || seen[len(seen)-1] != n {
				seen = append(seen, n)
			}
		}
		for i := 1; i < len(seen); i++ {
			if jump := seen[i] - seen[i-1]; tt.width < 110 && jump != 1 {
				t.Errorf("%d columns: the counter jumps from %d to %d (%v)", tt.width, seen[i-1], seen[i], seen)
			}
		}
	}
}

// TestSmallWindowsSayThereIsMore draws the outcome without MFA at 60×16, where it is taller
// than its window: the screen says there is more, keeps its call to action, and scrolls to
// its last line; in a big window none of that shows.
func TestSmallWindowsSayThereIsMore(t *testing.T) {
	m, _ := newTestModel(t, Options{})
	m = walk(t, m, stateWithout)
	// AWS's own refusal, as long as it is.
	m.without.res.Message = "User: arn:aws:iam::123456789012:user/mfa-demo/mfa-demo-user-test0001 is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action"
	m = send(t, m, tea.WindowSizeMsg{Width: 60, Height: 16})
	f := frame(m)
	for _, want := range []string{"more below (scroll with up/down)", "Press enter to sign in with MFA.", "up/down scroll"} {
		if !strings.Contains(f, want) {
			t.Errorf("60×16 lacks %q:\n%s", want, f)
		}
	}
	if strings.Contains(f, "identity-based policy allows the") {
		t.Fatalf("everything fits at 60×16: the test shows nothing\n%s", f)
	}
	for range 20 {
		m = press(t, m, "down")
	}
	f = frame(m)
	for _, want := range []string{"identity-based policy allows the", "(end of the screen; up scrolls back)", "Press enter to sign in with MFA."} {
		if !strings.Contains(f, want) {
			t.Errorf("scrolled to the end, 60×16 lacks %q:\n%s", want, f)
		}
	}
	m = press(t, m, "up")
	if frame(m) == f {
		t.Error("up does not scroll back")
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 40})
	if f := frame(m); strings.Contains(f, "more (scroll") || strings.Contains(f, "up/down scroll") {
		t.Errorf("a window big enough still says there is more:\n%s", f)
	}
}

// TestSmallWindowsScrollTheBuckets lists more buckets than 60×16 has rows for: the screen
// says there are more, and down scrolls to the last one, keeping the call to action.
func TestSmallWindowsScrollTheBuckets(t *testing.T) {
	m, _ := newTestModel(t, Options{})
	m = walk(t, m, stateWith)
	for i := range 6 {
		m.with.res.Buckets = append(m.with.res.Buckets, scenario.Bucket{Name: fmt.Sprintf("mfa-demo-extra-%d", i), Created: testClock})
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 60, Height: 16})
	f := frame(m)
	if !strings.Contains(f, "more below (scroll with up/down)") || strings.Contains(f, "mfa-demo-extra-5") || !strings.Contains(f, "up/down scroll") {
		t.Fatalf("60×16 does not say there are more buckets:\n%s", f)
	}
	for range 10 {
		m = press(t, m, "down")
	}
	f = frame(m)
	for _, want := range []string{"mfa-demo-extra-5", "Press enter to tear everything down."} {
		if !strings.Contains(f, want) {
			t.Errorf("scrolled down, 60×16 lacks %q:\n%s", want, f)
		}
	}
}
