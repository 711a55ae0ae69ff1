package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkView draws each screen at 120×40, the size of a projector session. The QR screen
// is the one to watch: its code is drawn once, when the device is created.
func BenchmarkView(b *testing.B) {
	for _, bc := range []struct {
		name  string
		state state
	}{
		{"welcome", stateWelcome},
		{"qr", stateQR},
		{"codes", stateEnable},
		{"policy", statePolicy},
		{"with", stateWith},
		{"summary", stateSummary},
	} {
		b.Run(bc.name, func(b *testing.B) {
			m, _ := newTestModel(b, Options{})
			m = walk(b, m, bc.state)
			m = send(b, m, tea.WindowSizeMsg{Width: 120, Height: 40})
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}
