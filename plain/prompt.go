package plain

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// lineReader is the one reader of stdin: every prompt shares it, so no line goes to the
// wrong reader. It reads in the background so that a cancelled context does not wait for
// the trainee to press Enter.
type lineReader struct {
	lines chan string
	err   chan error
}

// newLineReader starts reading r.
func newLineReader(r io.Reader) *lineReader {
	lr := &lineReader{lines: make(chan string), err: make(chan error, 1)}
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			lr.lines <- sc.Text()
		}
		err := sc.Err()
		if err == nil {
			err = io.EOF
		}
		lr.err <- err
	}()
	return lr
}

// read returns the next line, or the reader's error, or ctx's when it ends first.
func (lr *lineReader) read(ctx context.Context) (string, error) {
	select {
	case line := <-lr.lines:
		return line, nil
	case err := <-lr.err:
		lr.err <- err
		return "", fmt.Errorf("read from stdin: %w", err)
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// saidYes reports whether an answer to a [y/N] question is a yes.
func saidYes(line string) bool {
	line = strings.TrimSpace(line)
	return strings.EqualFold(line, "y") || strings.EqualFold(line, "yes")
}

// prompt asks the trainee for the codes a step needs, checking each one as it is typed and
// asking again after each local check that fails; after AWS refused the last answer it says
// why first.
func (fe *frontEnd) prompt(ctx context.Context, req scenario.CodeRequest) ([]string, error) {
	p := fe.t.Plain
	if req.Retry != nil {
		fe.askDetail("%s", fe.t.CodeRefused(req.Retry))
	}
	if req.Count == 2 {
		fe.askDetail(p.EnterTwo, req.Serial)
	} else {
		fe.askDetail(p.EnterOne, req.Serial)
	}
	codes := make([]string, 0, req.Count)
	for len(codes) < req.Count {
		label := p.CodeLabel
		if req.Count == 2 {
			label = fmt.Sprintf(p.CodeLabelN, len(codes)+1)
		}
		fe.askf("%s%s: ", indent, label)
		line, err := fe.lines.read(ctx)
		if err != nil {
			fe.askf("\n")
			return nil, err
		}
		// Apps show "123 456"; people type it that way, or in full width with an IME.
		code := scenario.NormalizeCode(line)
		if err := req.Check(code); err != nil {
			var ce *scenario.CodeError
			if !errors.As(err, &ce) {
				return nil, err
			}
			if req.Count == 2 {
				ce.Field, ce.Pair = len(codes)+1, true
			}
			fe.askDetail("%s", fe.t.CodeRefused(ce))
			continue
		}
		codes = append(codes, code)
	}
	return codes, nil
}
