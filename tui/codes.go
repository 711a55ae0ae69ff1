package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/mfa-demo/mfa-demo/aws/mfa"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// codeScreen asks for MFA codes: two to enable the device, one to sign in with MFA. It checks
// what it can locally (through the scenario's CheckCode), shows AWS's rejection in words and
// lets the trainee retry. The built-in authenticator panel sits beside the fields.
type codeScreen struct {
	enable   bool // two fields (EnableMFADevice) or one (GetSessionToken / AssumeRole)
	serial   string
	inputs   []textinput.Model
	focus    int
	sending  bool
	problem  string // why the last attempt did not go through, in words
	waiting  string // the authenticator is waiting for a fresh window
	auto     bool   // the authenticator fills and submits by itself
	showAuth bool
	authCode string
	authLeft time.Duration
	authUsed bool
	filled   []string // the codes the built-in authenticator put in last
	now      time.Time
}

// codeIntent is what a key on the code screen asks the root model to do.
type codeIntent int

const (
	codeNothing codeIntent = iota
	codeSubmit
	codeFill
)

func newCodeScreen(sh *shared, enable bool, serial string, showAuth, auto bool) codeScreen {
	n := 1
	if enable {
		n = 2
	}
	c := codeScreen{enable: enable, serial: serial, showAuth: showAuth, auto: auto, now: sh.now()}
	for range n {
		in := textinput.New()
		in.Prompt = ""
		in.Placeholder = strings.Repeat(glyphPending, mfa.Digits)
		in.CharLimit = mfa.Digits
		in.SetWidth(mfa.Digits + 1)
		in.SetStyles(sh.st.input)
		c.inputs = append(c.inputs, in)
	}
	c.inputs[0].Focus()
	return c
}

func (c codeScreen) codes() []string {
	out := make([]string, len(c.inputs))
	for i, in := range c.inputs {
		out[i] = in.Value()
	}
	return out
}

// fill puts the authenticator's codes into the fields.
func (c codeScreen) fill(codes []string) codeScreen {
	for i := range c.inputs {
		if i < len(codes) {
			c.inputs[i].SetValue(codes[i])
			c.inputs[i].CursorEnd()
		}
	}
	c.filled = c.codes()
	c.waiting = ""
	c.problem = ""
	return c.focusOn(len(c.inputs) - 1)
}

// filledIn reports whether the fields hold what the built-in authenticator put in.
func (c codeScreen) filledIn() bool {
	return c.filled != nil && slices.Equal(c.codes(), c.filled)
}

func (c codeScreen) focusOn(i int) codeScreen {
	c.focus = i
	for j := range c.inputs {
		if j == i {
			c.inputs[j].Focus()
		} else {
			c.inputs[j].Blur()
		}
	}
	return c
}

// reject shows why the codes were not accepted and puts the cursor where the fix goes.
// field counts from 1, as the scenario's CodeError does; 0 means both codes were refused.
func (c codeScreen) reject(field int, problem string) codeScreen {
	c.sending = false
	c.problem = problem
	if field < 1 || field > len(c.inputs) {
		for i := range c.inputs {
			c.inputs[i].SetValue("")
		}
		return c.focusOn(0)
	}
	c.inputs[field-1].SetValue("")
	return c.focusOn(field - 1)
}

// digitsOnly keeps the digits of pasted or typed text, once scenario.NormalizeCode has made
// full-width digits ASCII.
func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, scenario.NormalizeCode(s))
}

// update handles a key while the screen is in front. check is the scenario's local check.
func (c codeScreen) update(msg tea.Msg, k keys, check func(string) error, describe func(error) (int, string)) (codeScreen, tea.Cmd, codeIntent) {
	if c.sending {
		return c, nil, codeNothing
	}
	switch msg := msg.(type) {
	case tea.PasteMsg:
		// Two codes pasted at once ("123456 654321") fill both fields.
		digits := digitsOnly(msg.Content)
		var cmds []tea.Cmd
		for digits != "" {
			room := mfa.Digits - len(c.inputs[c.focus].Value())
			if room <= 0 && c.focus < len(c.inputs)-1 {
				c = c.focusOn(c.focus + 1)
				continue
			}
			part := digits[:min(max(room, 0), len(digits))]
			if part == "" {
				break
			}
			var cmd tea.Cmd
			c, cmd = c.typed(tea.PasteMsg{Content: part})
			cmds = append(cmds, cmd)
			digits = digits[len(part):]
		}
		return c, tea.Batch(cmds...), codeNothing
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Fill) && c.showAuth:
			return c, nil, codeFill
		case key.Matches(msg, k.NextField):
			return c.focusOn((c.focus + 1) % len(c.inputs)), nil, codeNothing
		case key.Matches(msg, k.PrevField):
			return c.focusOn((c.focus + len(c.inputs) - 1) % len(c.inputs)), nil, codeNothing
		case key.Matches(msg, k.Submit):
			for i, code := range c.codes() {
				if err := check(code); err != nil {
					if code == "" && i > c.focus {
						// Enter in the first field moves on, the way a form does.
						return c.focusOn(i), nil, codeNothing
					}
					_, why := describe(err)
					c.problem = why
					return c.focusOn(i), nil, codeNothing
				}
			}
			c.sending = true
			c.problem = ""
			return c, nil, codeSubmit
		}
		if len(msg.Text) > 0 {
			// A digit typed with an IME arrives full width, and a space or hyphen between
			// the groups of "123 456" is no character of the code: the field gets the
			// ASCII digits, and a key with anything else in it is ignored.
			code := scenario.NormalizeCode(msg.Text)
			if code == "" || digitsOnly(code) != code {
				return c, nil, codeNothing
			}
			msg.Text = code
		}
		if msg.Text != "" && len(c.inputs[c.focus].Value()) >= mfa.Digits && c.focus < len(c.inputs)-1 {
			// A seventh digit is the second code's first: the trainee typed on without tab.
			c = c.focusOn(c.focus + 1)
		}
		c, cmd := c.typed(msg)
		return c, cmd, codeNothing
	}
	return c, nil, codeNothing
}

// typed hands msg to the field in focus; a field that changes clears the problem under it,
// which was about what the field held before.
func (c codeScreen) typed(msg tea.Msg) (codeScreen, tea.Cmd) {
	before := c.inputs[c.focus].Value()
	var cmd tea.Cmd
	c.inputs[c.focus], cmd = c.inputs[c.focus].Update(msg)
	if c.inputs[c.focus].Value() != before {
		c.problem = ""
	}
	return c, cmd
}

func (c codeScreen) keys(k keys) []key.Binding {
	bs := []key.Binding{k.Submit}
	if c.enable {
		bs = append(bs, k.NextField)
	}
	if c.showAuth {
		bs = append(bs, k.Fill)
	}
	return bs
}

func (c codeScreen) view(sh *shared, width, height int) string {
	t, st := sh.text.TUI.Codes, sh.st
	rw := readable(width)
	heading, intro := t.WithHeading, t.WithIntro
	if c.enable {
		heading, intro = t.EnableHeading, t.EnableIntro
	}
	lines := []string{st.title.Render(wrap(heading, rw)), st.dim.Render(wrap(c.serial, rw)), "", wrap(intro, rw), ""}

	labels := []string{t.Single}
	if c.enable {
		labels = []string{t.First, t.Second}
	}
	labelWidth := cellWidth(labels)
	var fields []string
	for i, in := range c.inputs {
		marker := "  "
		if i == c.focus && !c.sending {
			marker = st.running.Render(glyphFocus + " ")
		}
		pad := strings.Repeat(" ", labelWidth-lipgloss.Width(labels[i]))
		fields = append(fields, marker+st.label.Render(labels[i])+pad+"  "+in.View())
	}
	left := strings.Join(fields, "\n") + "\n\n" + st.dim.Render(fmt.Sprintf(t.Countdown, windowLeft(c.now)))
	if c.showAuth {
		hint := t.AuthHint
		if c.authUsed {
			hint = t.AuthUsed
		}
		panel := st.panel.Render(st.label.Render(t.AuthHeading) + "\n" + st.code.Render(spaced(c.authCode)) + "  " + st.dim.Render(fmt.Sprintf(t.AuthLeft, ceilSeconds(c.authLeft))) + "\n" + st.dim.Render(hint))
		if lipgloss.Width(left)+4+lipgloss.Width(panel) <= width {
			left = lipgloss.JoinHorizontal(lipgloss.Top, left, "    ", panel)
		} else {
			left += "\n" + panel
		}
	}
	lines = append(lines, left, "")

	switch {
	case c.sending:
		lines = append(lines, st.running.Render(t.Sending))
	case c.waiting != "":
		lines = append(lines, st.dim.Render(wrap(c.waiting, rw)))
	case c.auto:
		lines = append(lines, st.dim.Render(wrap(t.AutoFilling, rw)))
	}
	if c.problem != "" {
		lines = append(lines, st.bad.Render(wrap(c.problem, rw)))
	}
	return fit(strings.Join(lines, "\n"), width, height)
}

// windowLeft is how many seconds remain until the authenticator shows its next code,
// rounded up like the app's own countdown.
func windowLeft(now time.Time) int {
	return ceilSeconds(mfa.StepStart(mfa.Step(now) + 1).Sub(now))
}

// ceilSeconds is d in whole seconds, rounded up: "1 s left" until the very end.
func ceilSeconds(d time.Duration) int {
	return int((d + time.Second - 1) / time.Second)
}

// spaced writes a 6-digit code as "123 456", the way authenticator apps do.
func spaced(code string) string {
	if len(code) != mfa.Digits {
		return code
	}
	return code[:3] + " " + code[3:]
}
