package tui

import (
	"errors"
	"fmt"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// codeError puts a code problem into words. filled says the codes were the built-in
// authenticator's, so a rejection is the window moving on, not the phone's clock. isCode is
// false for anything that is not the trainee's to fix by typing another code: those end the
// run (and tear down).
func (m Model) codeError(err error, filled bool) (field int, why string, isCode bool) {
	t := m.sh.text.TUI.Codes
	var ce *scenario.CodeError
	if !errors.As(err, &ce) {
		return 0, err.Error(), false
	}
	why = t.Problems[ce.Problem]
	if ce.Problem == scenario.CodeRejected {
		switch {
		case filled && ce.Pair:
			why = t.AutoRejected2
		case filled:
			why = t.AutoRejected
		case ce.Pair:
			why = t.RejectedPair
		}
		why = fmt.Sprintf(why, awsCode(ce.Err))
	}
	if why == "" {
		why = ce.Error()
	}
	if ce.Wait > 0 {
		// No number here: this sentence stays on screen while the countdown beside it moves.
		why += " " + t.Wait
	}
	return ce.Field, why, true
}

// awsCode is the AWS error code in err, for the rejection sentence; the TUI does not import
// the SDK, so it asks the error for the code the way smithy.APIError exposes it.
func awsCode(err error) string {
	var coded interface{ ErrorCode() string }
	if errors.As(err, &coded) {
		return coded.ErrorCode()
	}
	if err == nil {
		return "?"
	}
	return err.Error()
}
