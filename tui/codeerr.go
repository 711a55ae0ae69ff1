package tui

import (
	"errors"
	"fmt"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// codeError puts a code problem into words. isCode is false for anything that is not the
// trainee's to fix by typing another code: those end the run (and tear down).
func (m Model) codeError(err error) (field int, why string, isCode bool) {
	t := m.sh.text.codes
	var ce *scenario.CodeError
	if !errors.As(err, &ce) {
		return 0, err.Error(), false
	}
	switch ce.Problem {
	case scenario.CodeNotSixDigits:
		why = t.problems["format"]
	case scenario.CodeSame:
		why = t.problems["same"]
	case scenario.CodeReused:
		why = t.problems["reused"]
	case scenario.CodeRejected:
		why = fmt.Sprintf(t.rejected, ce.Err) + " " + t.retry
	}
	if ce.Wait > 0 {
		why += " " + fmt.Sprintf(t.problems["wait"], seconds(ce.Wait))
	}
	return ce.Field, why, true
}

// fillSummary records the outcomes of steps 8 and 9 in the summary.
func fillSummary(s *scenario.Summary, without *scenario.WithoutMFAResult, with *scenario.WithMFAResult) {
	s.Without, s.With = without, with
}
