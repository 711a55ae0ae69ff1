package tui

import (
	"charm.land/bubbles/v2/key"

	"github.com/mfa-demo/mfa-demo/text"
)

// keys holds every binding of the TUI. Each screen exposes the ones that apply to it through
// a keyMap value, which is what the help line renders.
type keys struct {
	Quit, Help, Log                    key.Binding
	Continue, Start, ConfirmLive       key.Binding
	Choose                             key.Binding
	Secret, SavePNG                    key.Binding
	Fill, NextField, PrevField, Submit key.Binding
	Up, Down, PageUp, PageDown         key.Binding
	Left, Right, Cell, Why             key.Binding
	Yes, No                            key.Binding
	CloseLog, Leave                    key.Binding
}

func bind(help [2]string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help[0], help[1]))
}

// newKeys builds the bindings with their help text from t.
func newKeys(t text.KeyText) keys {
	return keys{
		Quit:        bind(t.Quit, "q", "ctrl+c"),
		Help:        bind(t.Help, "?"),
		Log:         bind(t.Log, "l"),
		Continue:    bind(t.Enter, "enter"),
		Start:       bind(t.Start, "enter"),
		ConfirmLive: bind(t.ConfirmLive, "y"),
		Choose:      bind(t.Choose, "up", "down", "k", "j"),
		Secret:      bind(t.Secret, "s"),
		SavePNG:     bind(t.Save, "p"),
		Fill:        bind(t.Fill, "a"),
		NextField:   bind(t.NextField, "tab", "down"),
		PrevField:   key.NewBinding(key.WithKeys("shift+tab", "up")),
		Submit:      bind(t.Submit, "enter"),
		Up:          bind(t.Scroll, "up", "k"),
		Down:        key.NewBinding(key.WithKeys("down", "j")),
		PageUp:      key.NewBinding(key.WithKeys("pgup")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", "space")),
		Left:        key.NewBinding(key.WithKeys("left", "h")),
		Right:       key.NewBinding(key.WithKeys("right")),
		Cell:        bind(t.Cell, "up", "down", "left", "right"),
		Why:         bind(t.Why, "w"),
		Yes:         bind(t.Yes, "y"),
		No:          bind(t.No, "n", "esc"),
		CloseLog:    bind(t.CloseLog, "l", "esc"),
		Leave:       bind(t.Exit, "enter", "q"),
	}
}

// keyMap is the help.KeyMap of one screen: its own bindings first, then the global ones.
type keyMap struct {
	screen []key.Binding
	global []key.Binding
}

// ShortHelp is the one-line help at the bottom of every screen.
func (k keyMap) ShortHelp() []key.Binding {
	return append(append([]key.Binding{}, k.screen...), k.global...)
}

// FullHelp is what `?` opens: the screen's keys in one column, the global ones in another.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.screen, k.global}
}
