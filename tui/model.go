package tui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/mfa-demo/mfa-demo/scenario"
	"github.com/mfa-demo/mfa-demo/text"
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
	stateGrid                  // the condition lab's grid
	stateTeardown              // the deletion checklist
	stateSummary               // what happened, what is left, the exit status
)

// shared is what every screen reads: sizes, styles, text, keys and the clock. The root model
// owns it and changes it on resize and when the terminal reports its background.
type shared struct {
	text          text.Text // the table of the run's language, for its scenario
	kind          scenario.Kind
	st            styles
	keys          keys
	now           func() time.Time
	width, height int
	noColor       bool
	wide          bool // the terminal draws East Asian ambiguous-width characters double-width
}

// chromeRows is what the header and the one-line help take from every screen.
const chromeRows = 2

// Model is the root of the TUI: it shows the screen that answers the question the scenario
// has open (the welcome screen for Begin, a code screen for Codes, a result screen for
// Continue) and the progress rail while the scenario works. It never decides which step
// comes next: scenario.Run does, through the bridge.
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
	grid     gridScreen
	teardown teardownScreen
	log      apiLog
	help     help.Model

	// The questions the scenario has open; nil once answered.
	begin     *beginAsked
	codesQ    *codesAsked
	continueQ *continueAsked
	codesStep scenario.StepID // the step the code screen in front asks for

	confirmQuit bool // the quit question is open
	busyNote    bool // quit was pressed during teardown
	quitting    bool // the run was cancelled: the teardown comes next
	spinning    bool // a spinner tick loop is running
	clockID     int  // the live clock loop; older ticks are dropped

	summary  scenario.Summary
	finished bool
	detailsY int // the summary's details pane: the first line shown
}

func newModel(run *session, opts Options, st styles) Model {
	t := opts.Text.ForKind(opts.Kind)
	sh := &shared{text: t, kind: opts.Kind, st: st, keys: newKeys(t.TUI.Keys), now: run.now, noColor: st.noColor, wide: st.wide}
	h := help.New()
	h.Styles = st.help
	h.ShortSeparator, h.FullSeparator, h.Ellipsis = glyphSep, "    ", glyphEllipsis
	m := Model{
		sh:      sh,
		run:     run,
		opts:    opts,
		rail:    newRail(opts.Kind, st),
		welcome: welcomeScreen{kind: opts.Kind, pick: opts.PickKind, target: opts.Target},
		log:     newAPILog(),
		help:    h,
	}
	return m
}

// withKind switches the walkthrough to another scenario: its wording and its rail. Only the
// welcome screen does this, before the answer to Begin tells the scenario.
func (m Model) withKind(kind scenario.Kind) Model {
	m.opts.Kind = kind
	m.welcome.kind = kind
	m.sh.text = m.opts.Text.ForKind(kind)
	m.sh.kind = kind
	m.rail = m.rail.forKind(kind)
	return m
}

// Init starts the scenario and the reader of its messages, asks how the terminal looks, and
// listens for signals.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, m.run.bridge.start(m.run.ctx, m.run.demo), m.run.bridge.next, m.rail.spin.Tick}
	if m.run.parent.Done() != nil {
		cmds = append(cmds, m.run.waitStop)
	}
	return tea.Batch(cmds...)
}

// Summary is how the run ended; valid once the model reached the summary screen.
func (m Model) Summary() scenario.Summary { return m.summary }

// Finished reports whether the run reached its summary, teardown included.
func (m Model) Finished() bool { return m.finished }

// Update routes a message to the screen it belongs to. The scenario's messages come from the
// bridge, one at a time: after each one the model asks for the next.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.resize(msg.Width, msg.Height), nil
	case tea.BackgroundColorMsg:
		return m.restyle(msg.IsDark()), nil
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.PasteMsg:
		if m.codesOpen() {
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
	case clockMsg:
		return m.clock(msg)
	case autoCodesMsg:
		return m.autoCodes(msg)
	case retryAutoCodesMsg:
		if m.codesOpen() && !m.codes.sending {
			return m, m.run.autoCodes(len(m.codes.inputs), msg.submit)
		}
		return m, nil
	case pngSavedMsg:
		m.qr.pngPath, m.qr.pngErr = msg.path, msg.err
		return m, nil
	case stopMsg:
		m.confirmQuit = false
		return m.quit()
	case eventMsg:
		m, cmd := m.event(msg.ev)
		return m, tea.Batch(cmd, m.run.bridge.next)
	case beginAsked:
		m.begin = &msg
		return m, m.run.bridge.next
	case codesAsked:
		m, cmd := m.askCodes(msg)
		return m, tea.Batch(cmd, m.run.bridge.next)
	case continueAsked:
		m, cmd := m.askContinue(msg)
		return m, tea.Batch(cmd, m.run.bridge.next)
	case runDoneMsg:
		m.summary = msg.summary
		m.finished = true
		m.state = stateSummary
		return m, nil
	}
	return m, nil
}

// event takes one thing the scenario reports: the rail moves, the API log grows, and a
// finished step leaves its result where its screen will show it.
func (m Model) event(ev scenario.Event) (Model, tea.Cmd) {
	now := m.sh.now()
	switch ev := ev.(type) {
	case scenario.CallMade:
		m.log = m.log.add(m.sh, []scenario.Call{ev.Call})
		m.rail.answered()
	case scenario.Progress:
		m = m.progress(ev)
	case scenario.StepStarted:
		m.rail.set(ev.Step, stepRunning, now, "")
		if ev.Step == scenario.StepTeardown {
			m.state = stateTeardown
			m.confirmQuit = false
			m.log.open = false
			m.codesQ, m.continueQ, m.begin = nil, nil, nil
		} else if m.state != stateWelcome || ev.Step != scenario.StepWhoAmI {
			m.state = stateRunning
		}
		return m.withSpinner(nil)
	case scenario.StepFinished:
		return m.stepFinished(ev, now), nil
	}
	return m, nil
}

// stepFinished records a step's result: the rail's tick and detail, and the screen built from it.
func (m Model) stepFinished(ev scenario.StepFinished, now time.Time) Model {
	t := m.sh.text.TUI.Rail
	if ev.Err != nil {
		m.rail.set(ev.Step, stepFailed, now, "")
		if ev.Step == scenario.StepTeardown {
			m.teardown = m.teardown.finish(ev.Result, ev.Err)
		} else if m.teardown.cause == nil && !(m.quitting && errors.Is(ev.Err, context.Canceled)) {
			// The scenario's error already says what the step was doing, in words; the
			// rail marks which step failed.
			m.teardown.cause = ev.Err
		}
		return m
	}
	state, detail := stepDone, ""
	switch res := ev.Result.(type) {
	case scenario.WhoAmIResult:
		m.welcome.who = &res
		detail = res.Identity.Arn
	case scenario.UserResult:
		detail = fmt.Sprintf(t.User, res.UserName)
	case scenario.DeviceResult:
		if ev.Step == scenario.StepCreateDevice {
			detail = fmt.Sprintf(t.Device, res.Name)
			m.qr = newQRScreen(res, m.opts.QR, m.sh.wide)
		}
	case scenario.EnableResult:
		detail = m.codes.serial
	case scenario.KeyResult:
		detail = fmt.Sprintf(t.Key, res.AccessKeyID, res.RedactedSecret)
	case scenario.WaitResult:
		detail = fmt.Sprintf(m.sh.text.Form(res.Attempts, t.KeyWait), res.Attempts, seconds(res.Elapsed))
	case scenario.PolicyResult:
		detail = fmt.Sprintf(t.Policy, m.sh.text.PolicyKinds[ev.Step], res.Name)
		m.policy = newPolicyScreen(m.sh.st, ev.Step, res)
	case scenario.WithoutMFAResult:
		detail = t.Denied
		if res.Outcome != scenario.OutcomeDenied {
			state, detail = stepFailed, m.sh.text.TUI.Without.WarnTitle
		}
		m.without = withoutScreen{res: res}
	case scenario.WithMFAResult:
		detail = fmt.Sprintf(m.sh.text.Form(len(res.Buckets), t.Allowed), len(res.Buckets))
		m.with = withScreen{res: res}
	case scenario.CredentialsResult:
		detail = res.MFAKeyID
	case scenario.GridResult:
		detail = gridSummary(m.sh.text, res)
		if res.WrongCells() > 0 {
			state = stepFailed
		}
		m.grid = gridScreen{res: res}
	case scenario.TeardownReport:
		m.teardown = m.teardown.finish(res, nil)
		if !m.teardown.complete() {
			state = stepFailed
		}
	}
	m.rail.set(ev.Step, state, now, detail)
	return m
}

// askContinue puts the screen of a step the trainee reads in front, until they go on.
func (m Model) askContinue(q continueAsked) (Model, tea.Cmd) {
	if m.quitting {
		return m, nil
	}
	m.continueQ = &q
	switch q.step {
	case scenario.StepShowQR:
		m.rail.set(q.step, stepWaiting, m.sh.now(), "")
		m.state = stateQR
	case scenario.StepWithoutMFA:
		m.state = stateWithout
	case scenario.StepWithMFA:
		m.state = stateWith
	case scenario.StepGrid:
		m.state = stateGrid
	default:
		m.state = statePolicy
	}
	return m, nil
}

// goOn answers the open Continue question.
func (m Model) goOn() (Model, tea.Cmd) {
	q := m.continueQ
	if q == nil {
		return m, nil
	}
	m.continueQ = nil
	if q.step == scenario.StepShowQR {
		m.rail.set(q.step, stepDone, m.sh.now(), "")
	}
	m.state = stateRunning
	return m.withSpinner(answer(q.reply, struct{}{}))
}

// codesOpen reports whether a code screen is in front.
func (m Model) codesOpen() bool { return m.state == stateEnable || m.state == stateWithCode }

// askCodes opens the code screen for the request, or shows on it why the last codes were
// refused; with auto-MFA the built-in authenticator answers, as often as the scenario allows.
func (m Model) askCodes(q codesAsked) (Model, tea.Cmd) {
	if m.quitting {
		return m, nil
	}
	m.codesQ = &q
	m.codesStep = q.req.Step
	m.rail.set(q.req.Step, stepWaiting, m.sh.now(), "")
	enable := q.req.Count == 2
	if q.req.Retry == nil || !m.codesOpen() {
		m.codes = newCodeScreen(m.sh, enable, q.req.Serial, m.showAuthenticator(), m.opts.AutoMFA)
		if enable {
			m.state = stateEnable
		} else {
			m.state = stateWithCode
		}
	}
	var cmds []tea.Cmd
	if q.req.Retry != nil {
		field, why, _ := m.codeError(q.req.Retry, m.codes.filledIn())
		m.codes = m.codes.reject(field, why)
	} else {
		m.clockID++
		cmds = append(cmds, m.run.clock(m.clockID, m.codes.showAuth, false))
	}
	if m.codes.auto && !q.req.AutoMayAnswer() {
		// The scenario's limit for the built-in authenticator: the trainee types now.
		m.codes.auto = false
	}
	if m.codes.auto {
		cmds = append(cmds, m.run.autoCodes(q.req.Count, true))
	}
	return m, tea.Batch(cmds...)
}

// showAuthenticator decides whether the built-in authenticator panel is on screen: on the
// project's emulator (embedded, or standalone behind --endpoint-url) the trainer may have no
// phone app to scan with; elsewhere only when asked for.
func (m Model) showAuthenticator() bool {
	return m.opts.AutoMFA || m.opts.Target == scenario.TargetEmulator || (m.welcome.who != nil && m.welcome.who.Emulator)
}

// submitCodes answers the open code question with the code screen's codes.
func (m Model) submitCodes() (Model, tea.Cmd) {
	q := m.codesQ
	if q == nil {
		return m, nil
	}
	m.codesQ = nil
	m.codes.sending = true
	m.rail.set(q.req.Step, stepRunning, m.sh.now(), "")
	return m.withSpinner(answer(q.reply, m.codes.codes()))
}

// withSpinner adds a spinner tick to cmd unless a tick loop is already running.
func (m Model) withSpinner(cmd tea.Cmd) (Model, tea.Cmd) {
	if m.spinning {
		return m, cmd
	}
	m.spinning = true
	return m, tea.Batch(cmd, m.rail.spin.Tick)
}

// describeCodeError is codeError without the classification, for the local checks.
func (m Model) describeCodeError(err error) (int, string) {
	field, why, _ := m.codeError(err, false)
	return field, why
}

// quit cancels the run: a step in flight stops, an open question returns, and the scenario
// tears down, reporting it like any step. Nothing is left behind because the trainee left.
func (m Model) quit() (Model, tea.Cmd) {
	if m.quitting || m.state == stateTeardown || m.state == stateSummary {
		return m, nil
	}
	m.quitting = true
	m.confirmQuit = false
	m.begin, m.codesQ, m.continueQ = nil, nil, nil
	m.run.cancel()
	return m, nil
}

// progress takes a report from a running step.
func (m Model) progress(p scenario.Progress) Model {
	switch {
	case p.Item != nil:
		m.teardown = m.teardown.track(*p.Item)
		m.teardown.wait = nil
	case p.Step == scenario.StepTeardown:
		// The teardown screen is in front, whatever the width: the wait is said there.
		m.teardown.wait = &p
		m.rail.report(p)
	case p.WaitNext > 0 && m.codesOpen():
		m.codes.waiting = fmt.Sprintf(m.sh.text.TUI.Codes.WaitWindow, waitText(p.WaitNext))
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
		m.codes.waiting = fmt.Sprintf(m.sh.text.TUI.Codes.WaitWindow, waitText(msg.wait))
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
			return m.quit()
		case key.Matches(msg, k.No):
			m.confirmQuit = false
		}
		return m, nil
	}
	if m.state == stateSummary && !m.log.open {
		switch {
		case key.Matches(msg, k.Leave) || msg.String() == "ctrl+c":
			return m, tea.Quit
		case key.Matches(msg, k.Up):
			return m.scrollDetails(-1), nil
		case key.Matches(msg, k.Down):
			return m.scrollDetails(1), nil
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
		case m.begin == nil:
			return m, nil
		}
		live := m.begin.q.Live
		if (live && key.Matches(msg, k.ConfirmLive)) || (!live && key.Matches(msg, k.Start)) {
			q := m.begin
			m.begin = nil
			return m, answer(q.reply, scenario.BeginAnswer{Kind: m.opts.Kind, Confirmed: live})
		}
	case stateQR:
		switch {
		case key.Matches(msg, k.Secret) && m.qr.secretToggles(m.qrSize()):
			m.qr.showSecret = !m.qr.showSecret
		case key.Matches(msg, k.SavePNG) && len(m.qr.device.QRPNG) > 0:
			return m, m.run.savePNG(m.qr.device.QRPNG)
		case key.Matches(msg, k.Continue):
			return m.goOn()
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
			return m.goOn()
		}
		m.policy = m.policy.update(msg, k)
	case stateWithout, stateWith:
		switch {
		case m.state == stateWithout && key.Matches(msg, k.Why):
			m.without.showWhy = !m.without.showWhy
			m.without.offset = 0
		case key.Matches(msg, k.Continue):
			return m.goOn()
		case m.state == stateWithout && key.Matches(msg, k.Up):
			w, h := m.screenSize()
			m.without = m.without.scroll(-1, m.sh, w, h)
		case m.state == stateWithout && key.Matches(msg, k.Down):
			w, h := m.screenSize()
			m.without = m.without.scroll(1, m.sh, w, h)
		case key.Matches(msg, k.Up):
			m.with = m.with.scroll(-1)
		case key.Matches(msg, k.Down):
			if w, h := m.screenSize(); m.with.more(m.sh, w, h) {
				m.with = m.with.scroll(1)
			}
		}
	case stateGrid:
		if key.Matches(msg, k.Continue) {
			return m.goOn()
		}
		m.grid = m.grid.update(msg, k)
	}
	return m, nil
}

func (m Model) resize(width, height int) Model {
	m.sh.width, m.sh.height = width, height
	m.help.SetWidth(width)
	_, bodyH := m.bodySize()
	m.log = m.log.resize(m.sh, width, bodyH)
	return m
}

func (m Model) restyle(isDark bool) Model {
	st := newStyles(isDark, m.sh.noColor, m.sh.wide)
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
		w, h := m.screenSize()
		screen = m.without.keys(k, m.sh, w, h)
	case stateWith:
		w, h := m.screenSize()
		screen = m.with.keys(k, m.sh, w, h)
	case stateGrid:
		screen = m.grid.keys(k)
	case stateTeardown:
		return keyMap{global: []key.Binding{k.Help, k.Log}}
	case stateSummary:
		screen := []key.Binding{k.Leave}
		if details, room := m.summaryPane(); len(details) > room {
			screen = append(screen, k.Up)
		}
		return keyMap{screen: screen, global: []key.Binding{k.Help, k.Log}}
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
	v.WindowTitle = m.sh.text.TUI.App.Title
	return v
}

func (m Model) render() string {
	w, h := m.sh.width, m.sh.height
	if w == 0 || h == 0 {
		return ""
	}
	if w < minWidth || h < minHeight {
		return fit(wrap(fmt.Sprintf(m.sh.text.TUI.App.TooSmall, w, h, minWidth, minHeight), w), w, h)
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
	t, st := m.sh.text.TUI.App, m.sh.st
	id := m.headerStep()
	n, of := m.stepNumber(id, width >= railMinWidth)
	left := st.header.Render(t.Title) + st.dim.Render(glyphSep+m.sh.text.Targets[m.opts.Target])
	right := st.dim.Render(fmt.Sprintf(t.StepOf, n, of)+": ") + m.sh.text.Step(m.sh.kind, id)
	gap := width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		return fit(left+"  "+right, width, 1)
	}
	return left + strings.Repeat(" ", gap) + right
}

// stepNumber is the header's "step n of": with the rail beside every screen, every step
// counts; without it, only the steps with a screen of their own, so that the count does not
// jump over the steps that pass while the trainee reads (a step without a screen counts as
// the screen it leads to).
func (m Model) stepNumber(id scenario.StepID, everyStep bool) (n, of int) {
	var counted []scenario.StepID
	for _, r := range m.rail.rows {
		if everyStep || hasScreen(r.id) || r.id == id {
			counted = append(counted, r.id)
		}
	}
	i := slices.Index(counted, id)
	if !everyStep && !hasScreen(id) {
		counted = slices.Delete(counted, i, i+1)
	}
	of = len(counted)
	if everyStep {
		return i + 1, of
	}
	return min(i+1, of), of
}

// hasScreen reports whether a step has a screen of its own in the walkthrough.
func hasScreen(id scenario.StepID) bool {
	switch id {
	case scenario.StepWhoAmI, scenario.StepEnableDevice, scenario.StepWithMFA, scenario.StepTeardown:
		return true
	}
	return scenario.ReadAfter(id)
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
	case stateWithCode:
		return m.codesStep
	case stateWith:
		return scenario.StepWithMFA
	case stateGrid:
		return scenario.StepGrid
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
	case stateGrid:
		return m.grid.view(m.sh, width, height)
	case stateTeardown:
		s := m.teardown.view(m.sh, m.rail.spin.View(), width, height)
		if m.busyNote {
			s = fit(s, width, height-1) + "\n" + m.sh.st.dim.Render(m.sh.text.TUI.Quit.Busy)
		}
		return s
	case stateSummary:
		return m.summaryView(width, height)
	}
	return fit("", width, height)
}

func (m Model) quitQuestion(width, height int) string {
	t, st := m.sh.text.TUI.Quit, m.sh.st
	box := st.overlay.Render(st.bold.Render(t.Question) + "\n\n" + wrap(t.Detail, min(width-8, 50)))
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, box)
}

// summaryView is the last screen. The one-line cause comes first, then the checklist, what
// is left with the command that removes it, and the exit status: all of it fits 80×24. The
// whole of a long failure (the SDK's errors, each failed item's) is in a pane below that
// scrolls with ↑/↓, so that it never pushes the rest off the screen.
func (m Model) summaryView(width, height int) string {
	top, details, room := m.summaryLayout(width, height)
	st, t := m.sh.st, m.sh.text.TUI.Summary
	lines := top
	if len(details) > 0 && room > 0 {
		vp := viewport.New(viewport.WithWidth(width), viewport.WithHeight(room))
		vp.SetContentLines(details)
		vp.SetYOffset(m.detailsY)
		head := t.Details
		if len(details) > room {
			head = t.DetailsMore
		}
		lines = append(lines, "", st.dim.Render(head), vp.View())
	}
	lines = append(lines, st.dim.Render(t.Leave))
	return fit(strings.Join(lines, "\n"), width, height)
}

// summaryLayout is the summary's fixed part, the lines of its details pane and the rows the
// pane may take.
func (m Model) summaryLayout(width, height int) (top, details []string, room int) {
	t, st := m.sh.text.TUI.Summary, m.sh.st
	rw := readable(width)
	top = []string{st.title.Render(t.Heading), ""}
	s := m.summary
	switch code := s.ExitCode(); {
	case code == 0:
		top = append(top, st.good.Render(wrap(glyphDone+" "+t.Lesson, rw)))
	case code == 3:
		top = append(top, st.warn.Render(wrap(glyphWarn+" "+t.NotEnforced, rw)))
	case s.Interrupted:
		top = append(top, st.warn.Render(wrap(t.Interrupted, rw)))
	case s.Err != nil:
		cause := fmt.Sprintf(t.Failed, m.sh.text.Describe(s.Err))
		top = append(top, st.bad.Render(ansi.Truncate(strings.SplitN(cause, "\n", 2)[0], width, "…")))
		details = append(details, strings.Split(wrap(cause, rw), "\n")...)
		if full := s.Err.Error(); full != m.sh.text.Describe(s.Err) {
			details = append(details, strings.Split(wrap(full, rw), "\n")...)
		}
	}
	top = append(top, "")
	if m.teardown.complete() {
		top = append(top, st.good.Render(wrap(glyphDone+" "+t.Clean, rw)))
	} else {
		top = append(top, st.bad.Render(wrap(glyphFailed+" "+t.Left, rw)))
	}
	top = append(top, m.teardown.checklistOnly(m.sh, " ", width)...)
	for _, it := range m.teardown.items {
		if it.Err != nil {
			details = append(details, strings.Split(wrap(it.Err.Error(), rw), "\n")...)
		}
	}
	top = append(top, m.teardown.leftovers(m.sh, rw)...)
	top = append(top, "", st.bold.Render(fmt.Sprintf(t.Exit, s.ExitCode())))
	// The pane's heading and the blank line above it, and the leave hint, take three rows.
	return top, details, height - len(strings.Split(strings.Join(top, "\n"), "\n")) - 3
}

// scrollDetails moves the summary's details pane by delta lines, within its content.
func (m Model) scrollDetails(delta int) Model {
	details, room := m.summaryPane()
	m.detailsY = min(max(0, m.detailsY+delta), max(0, len(details)-room))
	return m
}

// screenSize is the room of the screen in front, beside the rail when there is one, laid out
// with the one-line help.
func (m Model) screenSize() (int, int) {
	w, h := m.sh.width, max(0, m.sh.height-chromeRows)
	if w >= railMinWidth {
		_, w = m.railSide(w, h)
	}
	return w, h
}

// summaryPane is the details pane's lines and rows in the window as it is now laid out (the
// one-line help: the full help only takes rows away).
func (m Model) summaryPane() (details []string, room int) {
	w, bh := m.screenSize()
	_, details, room = m.summaryLayout(w, bh)
	return details, room
}
