package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// qrScreen shows the device's QR code, drawn once when the device is created, with the
// secret as a fallback and a key to save the PNG.
type qrScreen struct {
	device     scenario.DeviceResult
	drawings   []QR     // largest first (see qrDrawings)
	blocks     []string // their lines joined once: View must not rebuild them per frame
	qr         QR       // the smallest drawing: what a window must fit
	qrErr      error
	showSecret bool
	pngPath    string
	pngErr     error
}

// newQRScreen draws the device's QR code in style, without glyphs when wide (see
// qrDrawings).
func newQRScreen(dev scenario.DeviceResult, style QRStyle, wide bool) qrScreen {
	s := qrScreen{device: dev}
	s.drawings, s.qrErr = qrDrawings(dev.URI, style, wide)
	for _, d := range s.drawings {
		s.blocks = append(s.blocks, strings.Join(d.Lines, "\n"))
	}
	if s.qrErr == nil {
		s.qr = s.drawings[len(s.drawings)-1]
	}
	return s
}

// drawing is the drawing to show in width×height: the largest that fits with the text
// beside it, else the smallest alone; ok is false when not even that fits.
func (q qrScreen) drawing(width, height int) (i int, ok bool) {
	if q.qrErr != nil {
		return 0, false
	}
	for i, d := range q.drawings {
		if d.Fits(width, height) && width-d.Width-qrGap >= besideMin {
			return i, true
		}
	}
	last := len(q.drawings) - 1
	return last, q.drawings[last].Fits(width, height)
}

// keys are the screen's bindings; toggles says whether s shows and hides the secret (see
// secretToggles).
func (q qrScreen) keys(k keys, toggles bool) []key.Binding {
	bs := []key.Binding{k.Continue}
	if toggles {
		bs = append(bs, k.Secret)
	}
	if len(q.device.QRPNG) > 0 {
		bs = append(bs, k.SavePNG)
	}
	return bs
}

// qrGap is the blank columns between the QR code and the text beside it.
const qrGap = 2

// besideMin is the narrowest the text column beside the QR may be before it moves below.
const besideMin = 24

func (q qrScreen) view(sh *shared, width, height int) string {
	t, st := sh.text.TUI.QR, sh.st
	secret := st.bold.Render(scenario.GroupSeed(q.device.Seed))

	i, ok := q.drawing(width, height)
	if !ok {
		rw := readable(width)
		var lines []string
		if q.qrErr != nil {
			lines = append(lines, st.bad.Render(wrap(q.qrErr.Error(), rw)))
		} else {
			lines = append(lines, st.warn.Render(wrap(fmt.Sprintf(t.TooSmall, q.qr.Width, q.qr.Height+chromeRows, sh.width, sh.height), rw)))
		}
		lines = append(lines, "", wrap(t.Manual, rw), "", secret, "", st.dim.Render(wrap(fmt.Sprintf(t.Serial, q.device.Serial), rw)))
		lines = append(lines, q.pngLines(sh, rw)...)
		lines = append(lines, "", st.bold.Render(wrap(t.Next, rw)))
		return fit(strings.Join(lines, "\n"), width, height)
	}

	textWidth := width - q.drawings[i].Width - qrGap
	if textWidth < besideMin {
		return fit(q.blocks[i], width, height)
	}
	tw := readable(textWidth)
	side := []string{st.title.Render(wrap(t.Heading, tw)), "", paragraphs(t.Scan, tw), "", st.dim.Render(wrap(fmt.Sprintf(t.Serial, q.device.Name), tw)), "", st.label.Render(t.SecretHdr)}
	if q.showSecret {
		side = append(side, st.bold.Render(wrap(scenario.GroupSeed(q.device.Seed), tw)))
	} else {
		side = append(side, st.dim.Render(wrap(t.Hidden, tw)))
	}
	side = append(side, q.pngLines(sh, tw)...)
	side = append(side, "", st.bold.Render(wrap(t.Next, tw)))
	text := fit(strings.Join(side, "\n"), textWidth, height)
	return lipgloss.JoinHorizontal(lipgloss.Top, q.blocks[i], strings.Repeat(" ", qrGap), text)
}

// secretToggles reports whether the secret can be shown and hidden at this size: only when the
// QR code is drawn with text beside it. Without room for the QR code the secret is always
// shown; with the QR code alone there is no room for it at all.
func (q qrScreen) secretToggles(width, height int) bool {
	i, ok := q.drawing(width, height)
	return ok && width-q.drawings[i].Width-qrGap >= besideMin
}

// fitsWithoutHeader reports whether the QR code fits only once the header row is given up.
func (q qrScreen) fitsWithoutHeader(width, height int) bool {
	return q.qrErr == nil && !q.qr.Fits(width, height) && q.qr.Fits(width, height+1)
}

func (q qrScreen) pngLines(sh *shared, width int) []string {
	t, st := sh.text.TUI.QR, sh.st
	switch {
	case q.pngErr != nil:
		return []string{"", st.bad.Render(wrap(fmt.Sprintf(t.SaveFail, q.pngErr), width))}
	case q.pngPath != "":
		return []string{"", st.dim.Render(wrap(fmt.Sprintf(t.Saved, q.pngPath), width))}
	}
	return nil
}
