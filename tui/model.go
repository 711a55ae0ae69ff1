package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// state is the screen in front. The root model delegates to one small model per state.
type state int

const (
	stateWelcome  state = iota // what will happen, the target; live asks for confirmation
	stateRunning               // steps run by themselves; the rail is the screen
	stateQR                    // scan the QR code
	stateEnable                // two codes enable the device
	statePolicy                // the MFA-conditional policy, condition highlighted
	stateWithout               // the AccessDenied without MFA
	stateWithCode              // one code for the MFA session
	stateWith                  // the bucket list with MFA
	stateTeardown              // the deletion checklist
	stateSummary               // what happened, what is left, the exit status
)

// shared is what every screen reads: sizes, styles, text, keys and the clock. The root model
// owns it and changes it on resize and when the terminal reports its background.
type shared struct {
	text          texts
	st            styles
	keys          keys
	now           func() time.Time
	width, height int
	noColor       bool
}

// chromeRows is what the header and the one-line help take from every screen.
const chromeRows = 2

// maxAutoRejections stops the built-in authenticator from retrying forever when the backend
// keeps refusing its codes; the trainee can still type codes by hand.
const maxAutoRejections = 3

// Model is the root of the TUI: a state machine over the screens of the demo.
type Model struct {
	sh   *shared
	run  *session
	opts Options

	state    state
	rail     rail
	welcome  welcomeScreen
	qr       qrScreen
	codes    codeScreen
	policy   policyScreen
	without  withoutScreen
	with     withScreen
	teardown teardownScreen
	log      apiLog
	help     help.Model

	confirmQuit bool // the quit question is open
	busyNote    bool // quit was pressed during teardown
	inflight    bool // a step's command has not answered yet
	quitting    bool // teardown is due as soon as nothing is in flight
	interrupted bool // the trainee quit, or a signal arrived, before the end
	spinning    bool // a spinner tick loop is running
	clockID     int  // the live clock loop; older ticks are dropped
	rejections  int  // consecutive rejections of the authenticator's codes

	policySteps []scenario.StepID // policy steps still to run
	failure     error
	failedStep  scenario.StepID
	withoutRes  *scenario.WithoutMFAResult
	withRes     *scenario.WithMFAResult
	summary     scenario.Summary
	finished    bool
}

func newModel(run *session, opts Options, st styles) Model {
	t := textsFor(opts.Kind)
	sh := &shared{text: t, st: st, keys: newKeys(t.keys), now: run.now, noColor: st.noColor}
	h := help.New()
	h.Styles = st.help
	m := Model{
		sh:      sh,
		run:     run,
		opts:    opts,
		rail:    newRail(opts.Kind, st),
		welcome: welcomeScreen{kind: opts.Kind, pick: opts.PickKind, target: opts.Target},
		log:     newAPILog(),
		help:    h,
	}
	m.policySteps = policySteps(opts.Kind)
	return m
}

// policySteps are the policy steps of a scenario, in order.
func policySteps(kind scenario.Kind) []scenario.StepID {
	var out []scenario.StepID
	for _, id := range scenario.Steps(kind) {
		switch id {
		case scenario.StepUserPolicy, scenario.StepCreateRole, scenario.StepRolePolicy, scenario.StepAllowAssume:
			out = append(out, id)
		}
	}
	return out
}

// withKind switches the walkthrough to another scenario: its wording, its rail and its
// policy steps. Only the welcome screen does this, before anything is created.
func (m Model) withKind(kind scenario.Kind) Model {
	m.opts.Kind = kind
	m.welcome.kind = kind
	m.sh.text = textsFor(kind)
	m.rail = m.rail.forKind(kind)
	m.policySteps = policySteps(kind)
	return m
}

// Init asks who we are, how the terminal looks, and starts listening for progress and
// signals.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, m.run.whoAmI, m.run.waitProgress, m.rail.spin.Tick}
	if m.run.parent.Done() != nil {
		cmds = append(cmds, m.run.waitStop)
	}
	return tea.Batch(cmds...)
}

// Summary is how the run ended; valid once the model reached the summary screen.
func (m Model) Summary() scenario.Summary { return m.summary }

// Finished reports whether the run reached its summary, teardown included.
func (m Model) Finished() bool { return m.finished }

// Update routes a message to the screen it belongs to and moves the state machine.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.resize(msg.Width, msg.Height), nil
	case tea.BackgroundColorMsg:
		return m.restyle(msg.IsDark()), nil
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.PasteMsg:
		if m.state == stateEnable || m.state == stateWithCode {
			var cmd tea.Cmd
			m.codes, cmd, _ = m.codes.update(msg, m.sh.keys, m.run.demo.CheckCode, m.describeCodeError)
			return m, cmd
		}
		return m, nil
	case spinner.TickMsg:
		if !m.rail.busy() && !(m.state == stateTeardown && m.teardown.report == nil) {
			m.spinning = false
			return m, nil
		}
		var cmd tea.Cmd
		m.rail, cmd = m.rail.update(msg)
		return m, cmd
	case progressMsg:
		m = m.progress(scenario.Progress(msg))
		return m, m.run.waitProgress
	case clockMsg:
		return m.clock(msg)
	case autoCodesMsg:
		return m.autoCodes(msg)
	case retryAutoCodesMsg:
		if (m.state == stateEnable || m.state == stateWithCode) && !m.codes.sending {
			return m, m.run.autoCodes(len(m.codes.inputs), msg.submit)
		}
		return m, nil
	case pngSavedMsg:
		m.qr.pngPath, m.qr.pngErr = msg.path, msg.err
		m.teardown.pngPath = msg.path
		return m, nil
	case stopMsg:
		m.interrupted = true
		m.confirmQuit = false
		return m.beginTeardown()
	}
	return m.stepResult(msg)
}

// stepResult handles the message a step's command returned. A step that was in flight when
// the trainee quit still reports here; its answer is what the teardown waited for, so every
// way on (start, show) begins the teardown instead.
func (m Model) stepResult(msg tea.Msg) (tea.Model, tea.Cmd) {
	now := m.sh.now()
	t := m.sh.text.rail
	switch msg := msg.(type) {
	case whoAmIMsg:
		m = m.answered(msg.res.Calls)
		if msg.err != nil {
			return m.fail(scenario.StepWhoAmI, msg.err)
		}
		m.welcome.who = &msg.res
		m.rail.set(scenario.StepWhoAmI, stepDone, now, msg.res.Identity.Arn)
		return m.show(stateWelcome)

	case userCreatedMsg:
		m = m.answered(msg.res.Calls)
		if msg.err != nil {
			return m.fail(scenario.StepCreateUser, msg.err)
		}
		m.rail.set(scenario.StepCreateUser, stepDone, now, fmt.Sprintf(t.user, msg.res.UserName))
		return m.start(scenario.StepCreateDevice, m.run.createDevice)

	case deviceCreatedMsg:
		m = m.answered(msg.res.Calls)
		if msg.err != nil {
			return m.fail(scenario.StepCreateDevice, msg.err)
		}
		m.rail.set(scenario.StepCreateDevice, stepDone, now, fmt.Sprintf(t.device, msg.res.Name))
		m.qr = newQRScreen(msg.res)
		if m.quitting {
			return m.beginTeardown()
		}
		m.rail.set(scenario.StepShowQR, stepWaiting, now, "")
		return m.show(stateQR)

	case deviceEnabledMsg:
		m = m.answered(msg.res.Calls)
		if m.quitting {
			return m.beginTeardown()
		}
		if msg.err != nil {
			return m.codeRejected(scenario.StepEnableDevice, msg.err)
		}
		m.rejections = 0
		m.rail.set(scenario.StepEnableDevice, stepDone, now, m.codes.serial)
		return m.start(scenario.StepCreateKey, m.run.createKey)

	case keyCreatedMsg:
		m = m.answered(msg.res.Calls)
		if msg.err != nil {
			return m.fail(scenario.StepCreateKey, msg.err)
		}
		m.rail.set(scenario.StepCreateKey, stepDone, now, fmt.Sprintf(t.key, msg.res.AccessKeyID, msg.res.RedactedSecret))
		return m.nextPolicy()

	case keyWorksMsg:
		m = m.answered(msg.res.Calls)
		if msg.err != nil {
			return m.fail(scenario.StepWaitForKey, msg.err)
		}
		m.rail.set(scenario.StepWaitForKey, stepDone, now, fmt.Sprintf(t.keyWait.pick(msg.res.Attempts), msg.res.Attempts, seconds(msg.res.Elapsed)))
		return m.start(scenario.StepWithoutMFA, m.run.withoutMFA)

	case policyAttachedMsg:
		m = m.answered(msg.res.Calls)
		if msg.err != nil {
			return m.fail(msg.step, msg.err)
		}
		m.rail.set(msg.step, stepDone, now, fmt.Sprintf(t.policy, msg.res.Kind, msg.res.Name))
		m.policy = newPolicyScreen(m.sh.st, msg.step, msg.res)
		return m.show(statePolicy)

	case withoutMFAMsg:
		m = m.answered(msg.res.Calls)
		if msg.err != nil {
			return m.fail(scenario.StepWithoutMFA, msg.err)
		}
		// Kept for the summary even when the trainee quit meanwhile: the outcome stands.
		m.withoutRes = &msg.res
		if msg.res.Outcome == scenario.OutcomeDenied {
			m.rail.set(scenario.StepWithoutMFA, stepDone, now, t.denied)
		} else {
			m.rail.set(scenario.StepWithoutMFA, stepFailed, now, m.sh.text.without.warnTitle)
		}
		m.without = withoutScreen{res: msg.res}
		return m.show(stateWithout)

	case withMFAMsg:
		m = m.answered(msg.res.Calls)
		if m.quitting {
			return m.beginTeardown()
		}
		if msg.err != nil {
			return m.codeRejected(scenario.StepWithMFA, msg.err)
		}
		m.rejections = 0
		m.withRes = &msg.res
		m.rail.set(scenario.StepWithMFA, stepDone, now, fmt.Sprintf(t.allowed.pick(len(msg.res.Buckets)), len(msg.res.Buckets)))
		m.with = withScreen{res: msg.res}
		return m.show(stateWith)

	case teardownDoneMsg:
		m.log = m.log.add(m.sh, msg.res.Calls)
		m.teardown = m.teardown.finish(msg)
		state := stepDone
		if !m.teardown.complete() {
			state = stepFailed
		}
		m.rail.set(scenario.StepTeardown, state, now, "")
		m.summary = m.summarize()
		m.finished = true
		m.state = stateSummary
		if m.run.feed != nil {
			m.run.feed.close()
		}
		return m, nil
	}
	return m, nil
}

// answered takes what every step's answer brings: the step is no longer in flight, and its
// calls go to the API log.
func (m Model) answered(calls []scenario.Call) Model {
	m.inflight = false
	m.log = m.log.add(m.sh, calls)
	return m
}

// show puts a screen in front, unless the trainee quit while the step before it ran.
func (m Model) show(s state) (Model, tea.Cmd) {
	if m.quitting {
		return m.beginTeardown()
	}
	m.state = s
	return m, nil
}

// start runs a step that needs nothing from the trainee; the rail is the screen meanwhile.
// After a quit it begins the teardown instead.
func (m Model) start(id scenario.StepID, cmd tea.Cmd) (Model, tea.Cmd) {
	if m.quitting {
		return m.beginTeardown()
	}
	m.rail.set(id, stepRunning, m.sh.now(), "")
	m.state = stateRunning
	m.inflight = true
	return m.withSpinner(cmd)
}

// withSpinner adds a spinner tick to cmd unless a tick loop is already running.
func (m Model) withSpinner(cmd tea.Cmd) (Model, tea.Cmd) {
	if m.spinning {
		return m, cmd
	}
	m.spinning = true
	return m, tea.Batch(cmd, m.rail.spin.Tick)
}

// nextPolicy runs the next policy step, or moves on to the call without MFA.
func (m Model) nextPolicy() (Model, tea.Cmd) {
	if len(m.policySteps) == 0 {
		return m.start(scenario.StepWaitForKey, m.run.waitForKey)
	}
	id := m.policySteps[0]
	m.policySteps = m.policySteps[1:]
	return m.start(id, m.run.policy(id))
}

// askCodes opens a code screen for the step; with auto-MFA the authenticator answers at once.
func (m Model) askCodes(id scenario.StepID, enable bool) (Model, tea.Cmd) {
	n := 1
	if enable {
		n = 2
	}
	m.rail.set(id, stepWaiting, m.sh.now(), "")
	m.codes = newCodeScreen(m.sh, enable, m.qr.device.Serial, m.showAuthenticator(), m.opts.AutoMFA)
	if enable {
		m.state = stateEnable
	} else {
		m.state = stateWithCode
	}
	m.clockID++
	cmds := []tea.Cmd{m.run.clock(m.clockID, m.codes.showAuth, false)}
	if m.opts.AutoMFA {
		cmds = append(cmds, m.run.autoCodes(n, true))
	}
	return m, tea.Batch(cmds...)
}

// showAuthenticator decides whether the built-in authenticator panel is on screen: on the
// emulator the trainer has no phone app to scan with, on live AWS only when asked for.
func (m Model) showAuthenticator() bool {
	return m.opts.AutoMFA || m.opts.Target == scenario.TargetEmulator
}

// submitCodes sends the codes of the code screen to AWS.
func (m Model) submitCodes() (Model, tea.Cmd) {
	codes := m.codes.codes()
	m.codes.sending = true
	m.inflight = true
	if m.state == stateEnable {
		m.rail.set(scenario.StepEnableDevice, stepRunning, m.sh.now(), "")
		return m.withSpinner(m.run.enableDevice(codes[0], codes[1]))
	}
	m.rail.set(scenario.StepWithMFA, stepRunning, m.sh.now(), "")
	return m.withSpinner(m.run.withMFA(codes[0]))
}

// codeRejected handles an error of a step that took codes: a code problem is the trainee's
// to fix and retry, anything else is a failure.
func (m Model) codeRejected(id scenario.StepID, err error) (Model, tea.Cmd) {
	field, why, isCode := m.codeError(err, m.codes.filledIn())
	if !isCode {
		return m.fail(id, err)
	}
	m.rail.set(id, stepWaiting, m.sh.now(), "")
	m.codes = m.codes.reject(field, why)
	if m.codes.auto {
		m.rejections++
		if m.rejections >= maxAutoRejections {
			m.codes.auto = false
			return m, nil
		}
		return m, m.run.autoCodes(len(m.codes.inputs), true)
	}
	return m, nil
}

// describeCodeError is codeError without the classification, for the local checks.
func (m Model) describeCodeError(err error) (int, string) {
	field, why, _ := m.codeError(err, false)
	return field, why
}

// fail marks the step failed and tears down: nothing is left behind because of an error.
func (m Model) fail(id scenario.StepID, err error) (Model, tea.Cmd) {
	m.rail.set(id, stepFailed, m.sh.now(), "")
	if m.failure == nil {
		m.failedStep = id
		// The scenario's error already says what the step was doing, in words; the rail
		// marks which step failed.
		m.failure = err
		m.teardown.cause = m.failure
	}
	return m.beginTeardown()
}

// beginTeardown starts the teardown once no step is in flight; a step in flight is cancelled
// first, so nothing it creates can appear after the teardown enumerated the account.
func (m Model) beginTeardown() (Model, tea.Cmd) {
	if m.state == stateTeardown || m.state == stateSummary {
		return m, nil
	}
	m.quitting = true
	m.confirmQuit = false
	if m.inflight {
		m.run.cancel()
		return m, nil
	}
	m.state = stateTeardown
	m.log.open = false
	m.rail.set(scenario.StepTeardown, stepRunning, m.sh.now(), "")
	return m.withSpinner(m.run.teardown(m.qr.pngPath))
}

// progress takes a report from a running step.
func (m Model) progress(p scenario.Progress) Model {
	switch {
	case p.Item != nil:
		m.teardown = m.teardown.track(*p.Item)
	case p.WaitNext > 0 && (m.state == stateEnable || m.state == stateWithCode):
		m.codes.waiting = fmt.Sprintf(m.sh.text.codes.waitWindow, waitText(p.WaitNext))
	default:
		m.rail.report(p)
	}
	return m
}

func (m Model) clock(msg clockMsg) (tea.Model, tea.Cmd) {
	if msg.id != m.clockID || (m.state != stateEnable && m.state != stateWithCode) {
		return m, nil
	}
	m.codes.now = msg.now
	m.codes.authCode, m.codes.authLeft, m.codes.authUsed = msg.code, msg.left, msg.used
	return m, m.run.clock(m.clockID, m.codes.showAuth, true)
}

func (m Model) autoCodes(msg autoCodesMsg) (tea.Model, tea.Cmd) {
	if (m.state != stateEnable && m.state != stateWithCode) || m.codes.sending {
		return m, nil
	}
	if msg.wait > 0 || len(msg.codes) < len(m.codes.inputs) {
		m.codes.waiting = fmt.Sprintf(m.sh.text.codes.waitWindow, waitText(msg.wait))
		return m, tea.Tick(max(msg.wait, time.Second), func(time.Time) tea.Msg { return retryAutoCodesMsg{msg.submit} })
	}
	m.codes = m.codes.fill(msg.codes)
	if msg.submit {
		return m.submitCodes()
	}
	return m, nil
}

// key handles a key press: overlays first, then the global keys, then the screen's own.
func (m Model) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.sh.keys
	if m.confirmQuit {
		switch {
		case key.Matches(msg, k.Yes), msg.String() == "ctrl+c":
			m.interrupted = true
			return m.beginTeardown()
		case key.Matches(msg, k.No):
			m.confirmQuit = false
		}
		return m, nil
	}
	if m.state == stateSummary {
		if key.Matches(msg, k.Leave) || msg.String() == "ctrl+c" {
			return m, tea.Quit
		}
	}
	switch {
	case key.Matches(msg, k.Quit):
		if m.state == stateTeardown {
			m.busyNote = true
			return m, nil
		}
		m.confirmQuit = true
		return m, nil
	case key.Matches(msg, k.Help):
		m.help.ShowAll = !m.help.ShowAll
		return m.resize(m.sh.width, m.sh.height), nil
	case m.log.open && key.Matches(msg, k.CloseLog):
		m.log = m.log.toggle()
		return m, nil
	case key.Matches(msg, k.Log):
		m.log = m.log.toggle()
		return m, nil
	case m.log.open:
		var cmd tea.Cmd
		m.log, cmd = m.log.update(msg)
		return m, cmd
	}
	return m.screenKey(msg)
}

// screenKey hands a key to the screen in front.
func (m Model) screenKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.sh.keys
	switch m.state {
	case stateWelcome:
		switch {
		case m.welcome.pick && key.Matches(msg, k.Up):
			return m.withKind(m.welcome.choose(-1).kind), nil
		case m.welcome.pick && key.Matches(msg, k.Down):
			return m.withKind(m.welcome.choose(1).kind), nil
		case m.welcome.who == nil:
			return m, nil
		}
		live := m.opts.Target == scenario.TargetLive
		if (live && key.Matches(msg, k.ConfirmLive)) || (!live && key.Matches(msg, k.Start)) {
			if err := m.run.demo.Choose(m.opts.Kind); err != nil {
				return m.fail(scenario.StepCreateUser, err)
			}
			return m.start(scenario.StepCreateUser, m.run.createUser)
		}
	case stateQR:
		switch {
		case key.Matches(msg, k.Secret) && m.qr.secretToggles(m.qrSize()):
			m.qr.showSecret = !m.qr.showSecret
		case key.Matches(msg, k.SavePNG) && len(m.qr.device.QRPNG) > 0:
			return m, m.run.savePNG(m.qr.device.Name, m.qr.device.QRPNG)
		case key.Matches(msg, k.Continue):
			m.rail.set(scenario.StepShowQR, stepDone, m.sh.now(), "")
			return m.askCodes(scenario.StepEnableDevice, true)
		}
	case stateEnable, stateWithCode:
		var cmd tea.Cmd
		var intent codeIntent
		m.codes, cmd, intent = m.codes.update(msg, k, m.run.demo.CheckCode, m.describeCodeError)
		switch intent {
		case codeSubmit:
			m2, send := m.submitCodes()
			return m2, tea.Batch(cmd, send)
		case codeFill:
			return m, m.run.autoCodes(len(m.codes.inputs), false)
		}
		return m, cmd
	case statePolicy:
		if key.Matches(msg, k.Continue) {
			return m.nextPolicy()
		}
		m.policy = m.policy.update(msg, k)
	case stateWithout:
		if key.Matches(msg, k.Continue) {
			return m.askCodes(scenario.StepWithMFA, false)
		}
	case stateWith:
		if key.Matches(msg, k.Continue) {
			return m.beginTeardown()
		}
	}
	return m, nil
}

// summarize builds the scenario's summary from what the run saw.
func (m Model) summarize() scenario.Summary {
	s := scenario.Summary{
		RunID:       m.run.demo.RunID(),
		Kind:        m.opts.Kind,
		Target:      m.opts.Target,
		Failed:      m.failedStep,
		Interrupted: m.interrupted,
		Err:         m.failure,
	}
	if m.withoutRes != nil {
		s.Outcome = m.withoutRes.Outcome
		s.Lesson = m.withoutRes.Outcome == scenario.OutcomeDenied && m.withRes != nil
	}
	if m.teardown.report != nil {
		s.Teardown = *m.teardown.report
	}
	if m.teardown.err != nil {
		s.Err = errors.Join(s.Err, fmt.Errorf("%s: %w", scenario.StepTeardown, m.teardown.err))
	}
	return s
}

func (m Model) resize(width, height int) Model {
	m.sh.width, m.sh.height = width, height
	m.help.SetWidth(width)
	_, bodyH := m.bodySize()
	m.log = m.log.resize(m.sh, width, bodyH)
	return m
}

func (m Model) restyle(isDark bool) Model {
	st := newStyles(isDark, m.sh.noColor)
	m.sh.st = st
	m.help.Styles = st.help
	m.rail.spin.Style = st.running
	for i := range m.codes.inputs {
		m.codes.inputs[i].SetStyles(st.input)
	}
	if m.policy.res.Document != "" {
		m.policy.lines = highlightCondition(st, m.policy.res.Document)
	}
	m.log.vp.SetContent(m.log.render(m.sh))
	return m
}

// keyMap is the help of the screen in front.
func (m Model) keyMap() keyMap {
	k := m.sh.keys
	global := []key.Binding{k.Quit, k.Help, k.Log}
	if m.confirmQuit {
		return keyMap{screen: []key.Binding{k.Yes, k.No}}
	}
	if m.log.open {
		return keyMap{screen: []key.Binding{k.CloseLog, k.Up}, global: []key.Binding{k.Quit, k.Help}}
	}
	var screen []key.Binding
	switch m.state {
	case stateWelcome:
		screen = m.welcome.keys(k)
	case stateQR:
		screen = m.qr.keys(k, m.qr.secretToggles(m.qrSize()))
	case stateEnable, stateWithCode:
		screen = m.codes.keys(k)
	case statePolicy:
		screen = m.policy.keys(k)
	case stateWithout:
		screen = m.without.keys(k)
	case stateWith:
		screen = m.with.keys(k)
	case stateTeardown:
		return keyMap{global: []key.Binding{k.Help, k.Log}}
	case stateSummary:
		return keyMap{screen: []key.Binding{k.Leave}, global: []key.Binding{k.Help, k.Log}}
	}
	return keyMap{screen: screen, global: global}
}

// bodySize is the room between the header and the help.
func (m Model) bodySize() (int, int) {
	helpRows := 1
	if m.help.ShowAll {
		helpRows = lipgloss.Height(m.help.View(m.keyMap()))
	}
	return m.sh.width, max(0, m.sh.height-1-helpRows)
}

// View draws the header, the screen in front (or an overlay) and the help.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = m.sh.text.app.title
	return v
}

func (m Model) render() string {
	w, h := m.sh.width, m.sh.height
	if w == 0 || h == 0 {
		return ""
	}
	if w < minWidth || h < minHeight {
		return fit(wrap(fmt.Sprintf(m.sh.text.app.tooSmall, w, h, minWidth, minHeight), w), w, h)
	}
	bw, bh := m.bodySize()
	helpView := m.help.View(m.keyMap())
	// help.Model cuts the short help at its width only when an ellipsis still fits.
	helpView = fit(helpView, w, lipgloss.Height(helpView))
	if m.state == stateQR && !m.confirmQuit && !m.log.open && m.qr.fitsWithoutHeader(bw, bh) {
		// A 64-character AWS seed makes a QR code one row too tall for 80×24 with the
		// header; the code matters more than the header.
		return m.qr.view(m.sh, bw, bh+1) + "\n" + helpView
	}
	return m.header(w) + "\n" + m.body(bw, bh) + "\n" + helpView
}

func (m Model) header(width int) string {
	t, st := m.sh.text.app, m.sh.st
	id := m.headerStep()
	i := slices.IndexFunc(m.rail.rows, func(r railRow) bool { return r.id == id })
	left := st.header.Render(t.title) + st.dim.Render(" · "+t.targets[m.opts.Target])
	right := st.dim.Render(fmt.Sprintf(t.stepOf, i+1, len(m.rail.rows))+": ") + t.steps[id]
	gap := width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		return fit(left+"  "+right, width, 1)
	}
	return left + strings.Repeat(" ", gap) + right
}

// headerStep is the step the screen in front belongs to.
func (m Model) headerStep() scenario.StepID {
	switch m.state {
	case stateWelcome:
		return scenario.StepWhoAmI
	case stateQR:
		return scenario.StepShowQR
	case stateEnable:
		return scenario.StepEnableDevice
	case statePolicy:
		return m.policy.step
	case stateWithout:
		return scenario.StepWithoutMFA
	case stateWithCode, stateWith:
		return scenario.StepWithMFA
	case stateTeardown, stateSummary:
		return scenario.StepTeardown
	}
	_, id := m.rail.current()
	return id
}

func (m Model) body(width, height int) string {
	if m.confirmQuit {
		return m.quitQuestion(width, height)
	}
	if m.log.open {
		return m.log.view(m.sh, width, height)
	}
	if m.state == stateRunning {
		return m.rail.view(m.sh, width, height)
	}
	side, screenW := m.railSide(width, height)
	screen := m.screen(screenW, height)
	if side == "" {
		return screen
	}
	return fit(lipgloss.JoinHorizontal(lipgloss.Top, side, "  ", screen), width, height)
}

// railSide is the progress rail beside the screen in front, when the body is wide enough
// for one, and the width left for the screen.
func (m Model) railSide(width, height int) (side string, screenW int) {
	if width < railMinWidth {
		return "", width
	}
	side = m.sh.st.rail.Render(m.rail.view(m.sh, railWidth, height))
	return side, width - lipgloss.Width(side) - 2
}

// qrSize is the room the QR screen is drawn in, laid out as render and body do with the
// short help (the full help only takes rows away, so it never makes the QR fit).
func (m Model) qrSize() (int, int) {
	bw, bh := m.sh.width, max(0, m.sh.height-2)
	if m.qr.fitsWithoutHeader(bw, bh) {
		return bw, bh + 1
	}
	_, w := m.railSide(bw, bh)
	return w, bh
}

func (m Model) screen(width, height int) string {
	switch m.state {
	case stateWelcome:
		return m.welcome.view(m.sh, width, height)
	case stateQR:
		return fit(m.qr.view(m.sh, width, height), width, height)
	case stateEnable, stateWithCode:
		return m.codes.view(m.sh, width, height)
	case statePolicy:
		return m.policy.view(m.sh, width, height)
	case stateWithout:
		return m.without.view(m.sh, width, height)
	case stateWith:
		return m.with.view(m.sh, width, height)
	case stateTeardown:
		s := m.teardown.view(m.sh, m.rail.spin.View(), width, height)
		if m.busyNote {
			s = fit(s, width, height-1) + "\n" + m.sh.st.dim.Render(m.sh.text.quit.busy)
		}
		return s
	case stateSummary:
		return m.summaryView(width, height)
	}
	return fit("", width, height)
}

func (m Model) quitQuestion(width, height int) string {
	t, st := m.sh.text.quit, m.sh.st
	box := st.overlay.Render(st.bold.Render(t.question) + "\n\n" + wrap(t.detail, min(width-8, 50)))
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, box)
}

func (m Model) summaryView(width, height int) string {
	t, st := m.sh.text.summary, m.sh.st
	rw := readable(width)
	lines := []string{st.title.Render(t.heading), ""}
	s := m.summary
	switch code := s.ExitCode(); {
	case code == 0:
		lines = append(lines, st.good.Render(wrap("✓ "+t.lesson, rw)))
	case code == 3:
		lines = append(lines, st.warn.Render(wrap("⚠ "+t.notEnforced, rw)))
	case s.Err == nil && s.Interrupted:
		lines = append(lines, st.warn.Render(wrap(t.interrupted, rw)))
	default:
		lines = append(lines, st.bad.Render(wrap(fmt.Sprintf(t.failed, s.Err), rw)))
	}
	lines = append(lines, "")
	if m.teardown.complete() {
		lines = append(lines, st.good.Render(wrap("✓ "+t.clean, rw)))
	} else {
		lines = append(lines, st.bad.Render(wrap("✗ "+t.left, rw)))
	}
	lines = append(lines, m.teardown.checklist(m.sh, " ", width)...)
	if rem := m.teardown.remaining(m.sh, rw); rem != nil {
		lines = append(append(lines, ""), rem...)
	}
	lines = append(lines, "", st.bold.Render(fmt.Sprintf(t.exit, s.ExitCode())), st.dim.Render(t.leave))
	return fit(strings.Join(lines, "\n"), width, height)
}
