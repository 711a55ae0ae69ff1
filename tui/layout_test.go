package tui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
)

// TestWrapJapanese wraps sentences without spaces, as Japanese is written, with the
// identifiers a trainee must read whole: the lines break between CJK characters, never
// inside an identifier that fits the width, and never exceed the width in cells.
func TestWrapJapanese(t *testing.T) {
	const arn = "arn:aws:iam::123456789012:user/mfa-demo/mfa-demo-user-test0001"
	sentences := []string{
		"MFAなしで呼び出すとAccessDeniedが返されます。これは想定どおりの結果です。",
		"ポリシーの条件aws:MultiFactorAuthPresentがtrueのときだけ、s3:ListAllMyBucketsが許可されます。",
		"ユーザー" + arn + "に仮想MFAデバイスを割り当て、一時的な認証情報を取得します。",
		"認証アプリに表示されている連続した2つのコードを入力してください。",
	}
	idents := []string{"AccessDenied", "aws:MultiFactorAuthPresent", "s3:ListAllMyBuckets", arn}
	for _, s := range sentences {
		for _, width := range []int{16, 24, 33, 40, 64, 80} {
			got := wrap(s, width)
			lines := strings.Split(got, "\n")
			for _, l := range lines {
				if w := lipgloss.Width(l); w > width {
					t.Errorf("width %d: line %q is %d cells", width, l, w)
				}
			}
			if joined := strings.Join(lines, ""); joined != s {
				t.Errorf("width %d: the lines do not add up to the sentence:\n%s", width, got)
			}
			for _, id := range idents {
				if strings.Contains(s, id) && lipgloss.Width(id) <= width && !strings.Contains(got, id) {
					t.Errorf("width %d: %s was cut:\n%s", width, id, got)
				}
			}
			if lipgloss.Width(s) > width {
				if len(lines) < 2 {
					t.Errorf("width %d: %q was not wrapped", width, s)
				}
				cjkBreak := false
				for i, l := range lines[:len(lines)-1] {
					next := lines[i+1]
					last, _ := utf8.DecodeLastRuneInString(l)
					first, _ := utf8.DecodeRuneInString(next)
					cjkBreak = cjkBreak || !narrowRune(last) || !narrowRune(first)
					// A line ends short of the width only before an identifier, or before
					// characters UAX #14 keeps together ("す。": no break before a full stop).
					if w := lipgloss.Width(l); w < width-4 && !startsAnIdentifier(next, idents) {
						t.Errorf("width %d: line %q ends early (%d cells):\n%s", width, l, w, got)
					}
				}
				if !cjkBreak && !strings.Contains(s, arn) {
					t.Errorf("width %d: no break beside a CJK character:\n%s", width, got)
				}
			}
		}
	}
}

// startsAnIdentifier reports whether line begins with one of idents, or with the start of
// one too wide to fit.
func startsAnIdentifier(line string, idents []string) bool {
	for _, id := range idents {
		if strings.HasPrefix(line, id[:min(len(id), 8)]) {
			return true
		}
	}
	return false
}

// TestWrapBreaksAtSpacesAndKeepsIdentifiers covers Latin text: breaks at spaces, the space
// dropped at the break, an indent kept, identifiers with hyphens and slashes whole, and a
// token wider than the width cut.
func TestWrapBreaksAtSpacesAndKeepsIdentifiers(t *testing.T) {
	tests := []struct {
		s     string
		width int
		want  string
	}{
		{"AWS said: AccessDenied because no MFA", 16, "AWS said:\nAccessDenied\nbecause no MFA"},
		{"the user mfa-demo-user-test0001 is gone", 24, "the user\nmfa-demo-user-test0001\nis gone"},
		{"see user/mfa-demo/x now", 16, "see\nuser/mfa-demo/x\nnow"},
		{"  → indented line here", 12, "  → indented\nline here"},
		{"abcdefghijklmnop", 6, "abcdef\nghijkl\nmnop"},
		{"短い", 80, "短い"},
		{"日本語の文", 4, "日本\n語の\n文"},
		{"two\nparagraphs here", 9, "two\nparagraph\ns here"},
	}
	for _, tt := range tests {
		if got := wrap(tt.s, tt.width); got != tt.want {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
	}
}
