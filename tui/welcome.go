package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// welcomeScreen says what will happen and where: the target, the account and the caller.
// On live AWS it is also the confirmation that resources will be created there.
type welcomeScreen struct {
	kind   scenario.Kind
	pick   bool // the trainer may choose the scenario here
	target scenario.TargetKind
	who    *scenario.WhoAmIResult
}

func (w welcomeScreen) keys(k keys) []key.Binding {
	var bs []key.Binding
	switch {
	case w.who == nil:
	case w.target == scenario.TargetLive:
		bs = append(bs, k.ConfirmLive)
	default:
		bs = append(bs, k.Start)
	}
	if w.pick {
		bs = append(bs, k.Choose)
	}
	return bs
}

// choose moves the picker by delta, wrapping around.
func (w welcomeScreen) choose(delta int) welcomeScreen {
	i := slices.Index(scenario.Kinds, w.kind)
	n := len(scenario.Kinds)
	w.kind = scenario.Kinds[((i+delta)%n+n)%n]
	return w
}

// view draws the screen; when the window is short the intro goes first (its second
// paragraph, then all of it), and the scenario picker and the call to action always stay.
func (w welcomeScreen) view(sh *shared, width, height int) string {
	t, st := sh.text.TUI.Welcome, sh.st
	rw := readable(width)
	var who string
	if w.who == nil {
		who = st.dim.Render(t.Asking)
	} else {
		target := sh.text.Targets[w.target]
		rows := [][2]string{{t.TargetLabel, st.bold.Render(target)}}
		if w.who.Endpoint != "" && w.target != scenario.TargetEmulator {
			rows = append(rows, [2]string{t.Endpoint, w.who.Endpoint})
		}
		rows = append(rows,
			[2]string{t.Account, w.who.Identity.Account},
			[2]string{t.Caller, w.who.Identity.Arn},
		)
		if w.who.Region != "" {
			rows = append(rows, [2]string{t.Region, w.who.Region})
		}
		who = labelled(st, rows)
		if w := sh.text.ClockOff(w.who.ClockSkew); w != "" {
			who += "\n\n" + st.warn.Render(wrap(w, rw))
		}
	}

	var picker []string
	for _, k := range scenario.Kinds {
		name := sh.text.Kinds[k]
		if k == w.kind {
			picker = append(picker, st.running.Render(glyphFocus+" ")+st.bold.Render(name))
		} else {
			picker = append(picker, st.dim.Render("  "+name))
		}
	}
	hint := t.PickHint
	if w.pick {
		hint = t.PickChoose
	}
	foot := []string{st.label.Render(t.PickLabel) + "  " + st.dim.Render(hint) + "\n" + strings.Join(picker, "\n")}
	if w.who != nil {
		if w.target == scenario.TargetLive {
			foot = append(foot, st.warn.Render(wrap(t.LiveWarning, rw)), st.bold.Render(t.StartLive))
		} else {
			foot = append(foot, st.bold.Render(t.Start))
		}
	}

	head := func(intro []string) []string {
		parts := []string{st.title.Render(wrap(t.Heading, rw))}
		if len(intro) > 0 {
			parts = append(parts, paragraphs(intro, rw))
		}
		return append(parts, who)
	}
	for _, intro := range [][]string{t.Intro, t.Intro[:1], nil} {
		if s := strings.Join(append(head(intro), foot...), "\n\n"); lipgloss.Height(s) <= height {
			return fit(s, width, height)
		}
	}
	return fitAbove(strings.Join(head(nil), "\n\n"), strings.Join(foot, "\n\n"), width, height)
}
