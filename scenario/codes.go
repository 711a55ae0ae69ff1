package scenario

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/width"

	"github.com/mfa-demo/mfa-demo/aws/mfa"
)

// CodeProblem says why an MFA code was refused.
type CodeProblem int

// The reasons a code is refused, locally or by AWS.
const (
	// CodeNotSixDigits: a code is exactly six digits.
	CodeNotSixDigits CodeProblem = iota + 1
	// CodeSame: the two codes of EnableMFADevice must come from two different windows.
	CodeSame
	// CodeUsed: this window's code was already accepted in this run; AWS refuses a replay.
	CodeUsed
	// CodeRejected: AWS said no (InvalidAuthenticationCode, or STS AccessDenied "MFA failed").
	CodeRejected
)

// CodeError is a refused MFA code. Nothing is torn down because of it: ask again.
type CodeError struct {
	Field   int  // 1 or 2 for the two enable fields; 1 for a single code; 0 when AWS refused both
	Pair    bool // the code was one of the two that enable a device, so Field names which
	Problem CodeProblem
	Wait    time.Duration // with CodeUsed: until the next window brings a fresh code
	Err     error         // with CodeRejected: AWS's error
}

func (e *CodeError) Error() string {
	field := "the code"
	switch {
	case e.Pair && e.Field > 0:
		field = fmt.Sprintf("code %d", e.Field)
	case e.Pair:
		field = "the codes"
	}
	switch e.Problem {
	case CodeNotSixDigits:
		return field + " must be exactly 6 digits"
	case CodeSame:
		return "the two codes are the same: wait for the next code (a new one every 30 s) and type that one second"
	case CodeUsed:
		return fmt.Sprintf("%s was already used in this run and AWS refuses a code twice: wait %s for the next one", field, e.Wait.Round(time.Second))
	case CodeRejected:
		return fmt.Sprintf("AWS rejected %s (%s): check the device's clock and type the current code", field, errorCode(e.Err))
	}
	return field + " refused"
}

func (e *CodeError) Unwrap() error { return e.Err }

// NormalizeCode is a typed or pasted MFA code as CheckCode wants it: full-width digits from a
// Japanese IME (１２３４５６) made ASCII, and the spaces and hyphens that authenticator
// apps show and people type ("123 456", "123-456") dropped, with the long-vowel mark ー
// (narrowed to ｰ) and the minus a Japanese IME may give for "-". Anything else is kept, so
// that CheckCode still refuses it in words.
func NormalizeCode(code string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) || r == 'ｰ' || r == '−' {
			return -1
		}
		return r
	}, width.Narrow.String(code))
}

// sixDigits reports whether code is exactly six ASCII digits.
func sixDigits(code string) bool {
	if len(code) != 6 {
		return false
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// codeStep finds which step around now a typed code belongs to, if any, so a reused code is
// caught before AWS refuses it.
func (d *Demo) codeStep(code string) (int64, bool) {
	d.mu.Lock()
	seed := d.seed
	d.mu.Unlock()
	if seed == "" {
		return 0, false
	}
	now := mfa.Step(d.awsNow())
	for s := now - 1; s <= now+1; s++ {
		if c, err := mfa.CodeAt(seed, s); err == nil && c == code {
			return s, true
		}
	}
	return 0, false
}

// CheckCode runs the local checks on one code: six digits, and not a code this run already
// used. It returns nil or a *CodeError.
func (d *Demo) CheckCode(code string) error {
	if !sixDigits(code) {
		return &CodeError{Field: 1, Problem: CodeNotSixDigits}
	}
	if s, ok := d.codeStep(code); ok && d.isUsed(s) {
		return &CodeError{Field: 1, Problem: CodeUsed, Wait: d.untilFresh()}
	}
	return nil
}

func (d *Demo) isUsed(step int64) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.used[step]
}

// markUsed records that AWS accepted these codes, so they are never sent again.
func (d *Demo) markUsed(codes ...string) {
	for _, c := range codes {
		if s, ok := d.codeStep(c); ok {
			d.mu.Lock()
			d.used[s] = true
			d.mu.Unlock()
		}
	}
}

// AutoCodes is the built-in authenticator: n codes of consecutive steps within one step of
// now that this run has not used yet. AWS accepts a step s while its own step is within s±1,
// so it prefers the codes that stay valid longest: the pair (now, now+1) before (now−1, now),
// and a single code now, then now+1, then now−1 (which may expire within seconds). When there
// are none, it returns no codes and how long until the next window brings them.
func (d *Demo) AutoCodes(n int) (codes []string, wait time.Duration) {
	d.mu.Lock()
	seed := d.seed
	used := make(map[int64]bool, len(d.used))
	for s := range d.used {
		used[s] = true
	}
	d.mu.Unlock()
	if seed == "" || n < 1 || n > 3 {
		return nil, 0
	}
	now := d.awsNow()
	cur := mfa.Step(now)
	// Look a few windows ahead: after n used steps, the window around cur+n is free again.
	for center := cur; center <= cur+int64(n)+2; center++ {
		for _, first := range []int64{center, center + 1, center - 1} {
			if first < center-1 || first+int64(n)-1 > center+1 || anyUsed(used, first, n) {
				continue
			}
			if center > cur {
				return nil, mfa.StepStart(center).Sub(now)
			}
			for s := first; s < first+int64(n); s++ {
				c, err := mfa.CodeAt(seed, s)
				if err != nil {
					return nil, 0
				}
				codes = append(codes, c)
			}
			return codes, 0
		}
	}
	return nil, 0
}

func anyUsed(used map[int64]bool, first int64, n int) bool {
	for s := first; s < first+int64(n); s++ {
		if used[s] {
			return true
		}
	}
	return false
}

// untilFresh is how long until an authenticator app shows a code this run has not used:
// the start of the next unused window.
func (d *Demo) untilFresh() time.Duration {
	now := d.awsNow()
	s := mfa.Step(now) + 1
	for d.isUsed(s) {
		s++
	}
	return mfa.StepStart(s).Sub(now)
}

// CurrentCode is what an authenticator app shows now, and how long it stays.
func (d *Demo) CurrentCode() (code string, left time.Duration) {
	d.mu.Lock()
	seed := d.seed
	d.mu.Unlock()
	if seed == "" {
		return "", 0
	}
	now := d.awsNow()
	s := mfa.Step(now)
	code, err := mfa.CodeAt(seed, s)
	if err != nil {
		return "", 0
	}
	return code, mfa.StepStart(s + 1).Sub(now)
}

// Authenticator gives Run the MFA codes a person would read off their authenticator app.
type Authenticator interface {
	// Codes answers one request with req.Count codes, or an error to give up.
	Codes(ctx context.Context, req CodeRequest) ([]string, error)
}

// CodeRequest is Run asking for codes: two consecutive ones to enable the device, one to
// start an MFA session.
type CodeRequest struct {
	Step    StepID
	Count   int
	Serial  string
	Attempt int        // 1 on the first ask
	Retry   *CodeError // why the previous answer was refused; nil on the first ask
	demo    *Demo
}

// Generate answers the request from the device's seed, like the built-in authenticator: it
// waits for the next window when every code around now is used, and reports that wait.
func (r CodeRequest) Generate(ctx context.Context) ([]string, error) {
	if r.demo == nil {
		return nil, errors.New("code request has no demo to generate codes from")
	}
	for {
		codes, wait := r.demo.AutoCodes(r.Count)
		if codes != nil {
			return codes, nil
		}
		if wait <= 0 {
			return nil, errors.New("no MFA device seed to generate codes from")
		}
		r.demo.progress(Progress{Step: r.Step, WaitNext: wait})
		if err := r.demo.env.Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// AutoAttempts bounds how often the built-in authenticator answers one step's question, in
// every front end: its codes are right, so repeated refusals mean the backend or the clock
// is off, and then the trainee types codes (TUI) or the run stops (plain mode).
const AutoAttempts = 3

// AutoMayAnswer reports whether the built-in authenticator may still answer this request.
func (r CodeRequest) AutoMayAnswer() bool { return r.Attempt <= AutoAttempts }

// Check runs the local checks on one typed code (see Demo.CheckCode), so a prompt can ask
// again at once.
func (r CodeRequest) Check(code string) error {
	if r.demo == nil {
		if !sixDigits(code) {
			return &CodeError{Field: 1, Problem: CodeNotSixDigits}
		}
		return nil
	}
	return r.demo.CheckCode(code)
}

// AutoMFA is the built-in authenticator (--auto-mfa): it answers from the device's seed.
type AutoMFA struct{}

// Codes generates the requested codes, giving up when AWS refused them AutoAttempts times.
func (AutoMFA) Codes(ctx context.Context, req CodeRequest) ([]string, error) {
	if !req.AutoMayAnswer() {
		return nil, fmt.Errorf("the built-in authenticator's codes were refused %d times (is the clock right?): %w", AutoAttempts, req.Retry)
	}
	return req.Generate(ctx)
}
