package scenario

import (
	"context"
	"errors"
	"fmt"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
)

// The condition lab: after the shared first steps it makes one real call, S3 ListBuckets
// (s3:ListAllMyBuckets), with three kinds of credentials, against each of the MFA policies
// people get wrong, swapping the demo user's inline policy between them. Every cell of the
// grid is the backend's own answer; the outcomes AWS documents ride along only to say which
// cells a backend got wrong.

// Credential is a kind of credentials the lab calls with.
type Credential int

// The lab's three kinds of credentials, in the grid's column order.
const (
	// CredLongTerm is the user's access key: aws:MultiFactorAuthPresent is absent.
	CredLongTerm Credential = iota
	// CredNoMFA is a GetSessionToken session without MFA: the key is false.
	CredNoMFA
	// CredMFA is a GetSessionToken session with an MFA code: the key is true, and
	// aws:MultiFactorAuthAge counts the seconds since the code.
	CredMFA
)

// Credentials lists the grid's columns.
var Credentials = []Credential{CredLongTerm, CredNoMFA, CredMFA}

// MFAAgeLimit is the NumericLessThan limit on aws:MultiFactorAuthAge of the age rows: short
// enough to expire in a demo, long enough for the earlier rows' propagation waits.
const MFAAgeLimit = 5 * time.Minute

// Variant is one policy of the lab and what AWS documents for it.
type Variant struct {
	// ID names the row; front ends key its words (title, lesson) on it.
	ID string
	// Document is the user's inline policy for this row, pretty-printed.
	Document string
	// Later is how far the target's clock moves on before the row's calls: the previous
	// row's policy again, once the MFA session is older than its limit.
	Later time.Duration
	// Documented is what AWS documents for each credential, by Credentials: true for allowed.
	// It is never shown as an answer, only compared with the backend's.
	Documented [3]bool
}

// The rows of the grid.
const (
	RowAllowBool       = "allow-bool-true"
	RowDenyBoolFalse   = "deny-bool-false"
	RowDenyIfExists    = "deny-boolifexists-false"
	RowDenyNull        = "deny-null"
	RowTwoAllows       = "mfa-allow-beside-allow"
	RowMaxAge          = "mfa-age"
	RowMaxAgeLater     = "mfa-age-later"
	listAllMyBuckets   = "s3:ListAllMyBuckets"
	allowListStatement = `{
      "Effect": "Allow",
      "Action": "s3:ListAllMyBuckets",
      "Resource": "*"
    }`
)

// policyOf wraps statements into a policy document.
func policyOf(statements ...string) string {
	doc := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    "
	for i, s := range statements {
		if i > 0 {
			doc += ",\n    "
		}
		doc += s
	}
	return doc + "\n  ]\n}"
}

// conditioned is a statement on the listing with one condition block.
func conditioned(effect, condition string) string {
	return `{
      "Effect": "` + effect + `",
      "Action": "s3:ListAllMyBuckets",
      "Resource": "*",
      "Condition": ` + condition + `
    }`
}

var ageDocument = policyOf(conditioned("Allow", fmt.Sprintf(`{"NumericLessThan": {"aws:MultiFactorAuthAge": "%d"}}`, int(MFAAgeLimit/time.Second))))

// Variants are the grid's rows, in order.
var Variants = []Variant{
	{ID: RowAllowBool, Document: policyOf(conditioned("Allow", `{"Bool": {"aws:MultiFactorAuthPresent": "true"}}`)),
		Documented: [3]bool{false, false, true}},
	{ID: RowDenyBoolFalse, Document: policyOf(allowListStatement, conditioned("Deny", `{"Bool": {"aws:MultiFactorAuthPresent": "false"}}`)),
		Documented: [3]bool{true, false, true}},
	{ID: RowDenyIfExists, Document: policyOf(allowListStatement, conditioned("Deny", `{"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}`)),
		Documented: [3]bool{false, false, true}},
	{ID: RowDenyNull, Document: policyOf(allowListStatement, conditioned("Deny", `{"Null": {"aws:MultiFactorAuthPresent": "true"}}`)),
		Documented: [3]bool{false, true, true}},
	{ID: RowTwoAllows, Document: policyOf(conditioned("Allow", `{"Bool": {"aws:MultiFactorAuthPresent": "true"}}`), allowListStatement),
		Documented: [3]bool{true, true, true}},
	{ID: RowMaxAge, Document: ageDocument, Documented: [3]bool{false, false, true}},
	{ID: RowMaxAgeLater, Document: ageDocument, Later: MFAAgeLimit + time.Minute, Documented: [3]bool{false, false, false}},
}

// labCredentials are the lab's two sessions; the long-term key is the demo's own.
type labCredentials struct {
	noMFA, mfa *ststypes.Credentials
	mfaAt      time.Time     // when STS accepted the code, by Env.Now
	moved      time.Duration // how far MoveClock has moved the target's clock
}

// CredentialsResult is the lab's first own step: the two sessions it calls with besides
// the user's key.
type CredentialsResult struct {
	NoMFAKeyID, MFAKeyID string // the sessions' access key IDs (ASIA…)
}

// Cell is one answer of the grid: the backend's, to a real ListBuckets.
type Cell struct {
	Allowed bool
	Code    string // the AWS error code when denied
	// Documented is what AWS documents for this cell; Wrong compares.
	Documented bool
	// Attempts counts the calls made until the answer agreed with IAM's simulator, while
	// the row's policy propagated; 1 when the first answer did.
	Attempts int
	// Why is IAM's simulator on the same request context; nil when it could not be asked.
	Why *Why
}

// Wrong reports whether the backend answered otherwise than AWS documents.
func (c Cell) Wrong() bool { return c.Allowed != c.Documented }

// SkipReason says why a row of the grid was not run.
type SkipReason int

// The reasons a row is skipped.
const (
	NotSkipped SkipReason = iota
	// SkipNoClock: the row needs the target's clock moved, and only the embedded emulator's
	// can be; waiting out the limit instead would stall the demo for minutes.
	SkipNoClock
)

// GridRow is one policy variant and its three answers.
type GridRow struct {
	Variant Variant
	Cells   [3]Cell // by Credentials; zero when Skipped
	Skipped SkipReason
	// Waited is how long the row waited for its policy to be in force.
	Waited time.Duration
}

// GridResult is the lab's grid: every row, in order.
type GridResult struct {
	PolicyName string
	Rows       []GridRow
}

// WrongCells counts the cells the backend answered otherwise than AWS documents.
func (g GridResult) WrongCells() int {
	n := 0
	for _, r := range g.Rows {
		if r.Skipped != NotSkipped {
			continue
		}
		for _, c := range r.Cells {
			if c.Wrong() {
				n++
			}
		}
	}
	return n
}

// Outcome is the grid as the summary judges it: OutcomeNotEnforced when any cell differs
// from what AWS documents.
func (g GridResult) Outcome() Outcome {
	if g.WrongCells() > 0 {
		return OutcomeNotEnforced
	}
	return OutcomeDenied
}

// LabCredentials is the lab's step of its own credentials: a session without MFA, then one
// proven by code (asked of auth until STS accepts one).
func (d *Demo) LabCredentials(ctx context.Context, auth Authenticator) (CredentialsResult, error) {
	var res CredentialsResult
	d.mu.Lock()
	keyID, secret, serial, enabled := d.keyID, d.secret, d.serial, d.enabled
	d.mu.Unlock()
	if err := need(keyID != "", StepCredentials, "CreateAccessKey"); err != nil {
		return res, err
	}
	if err := need(enabled, StepCredentials, "EnableDevice"); err != nil {
		return res, err
	}
	client := d.env.Clients.User(keyID, secret).STS
	plain, err := client.GetSessionToken(ctx, &sts.GetSessionTokenInput{DurationSeconds: awssdk.Int32(sessionSeconds)})
	if err != nil {
		return res, fmt.Errorf("get a session token without MFA as %s: %w", d.UserName(), err)
	}
	if plain.Credentials == nil {
		return res, errors.New("STS returned no credentials")
	}
	var mfa *sts.GetSessionTokenOutput
	err = d.askCodes(ctx, auth, StepCredentials, 1, func(codes []string) error {
		if err := d.CheckCode(codes[0]); err != nil {
			return err
		}
		var err error
		mfa, err = client.GetSessionToken(ctx, &sts.GetSessionTokenInput{
			DurationSeconds: awssdk.Int32(sessionSeconds),
			SerialNumber:    awssdk.String(serial),
			TokenCode:       awssdk.String(codes[0]),
		})
		if errorCode(err) == "AccessDenied" {
			return &CodeError{Field: 1, Problem: CodeRejected, Err: err}
		}
		if err != nil {
			return fmt.Errorf("get a session token with MFA device %s: %w", serial, err)
		}
		d.markUsed(codes[0])
		return nil
	})
	if err != nil {
		return res, err
	}
	if mfa.Credentials == nil {
		return res, errors.New("STS returned no credentials")
	}
	d.mu.Lock()
	d.lab.noMFA, d.lab.mfa, d.lab.mfaAt = plain.Credentials, mfa.Credentials, d.env.Now()
	d.mu.Unlock()
	res.NoMFAKeyID, res.MFAKeyID = awssdk.ToString(plain.Credentials.AccessKeyId), awssdk.ToString(mfa.Credentials.AccessKeyId)
	return res, nil
}

// Grid is the lab's grid: for each variant it puts the policy (the same inline policy name,
// so the teardown stays the same), then lists the buckets with each credential.
func (d *Demo) Grid(ctx context.Context) (GridResult, error) {
	res := GridResult{PolicyName: d.UserPolicyName()}
	d.mu.Lock()
	lab := d.lab
	d.mu.Unlock()
	if err := need(lab.mfa != nil && lab.noMFA != nil, StepGrid, "the lab's sessions"); err != nil {
		return res, err
	}
	put := ""
	for i, v := range Variants {
		row := GridRow{Variant: v}
		if v.Later > 0 && d.env.MoveClock == nil {
			row.Skipped = SkipNoClock
			res.Rows = append(res.Rows, row)
			continue
		}
		if v.Document != put {
			if _, err := d.putUserPolicy(ctx, StepGrid, v.Document); err != nil {
				return res, err
			}
			put = v.Document
		}
		row, err := d.gridRow(ctx, i+1, row)
		if err != nil {
			return res, fmt.Errorf("row %s: %w", v.ID, err)
		}
		res.Rows = append(res.Rows, row)
	}
	return res, nil
}

// gridRow makes a row's calls, with the target's clock moved on by the row's Later for them
// and back again after, so the teardown and any later run meet the clock as it was.
func (d *Demo) gridRow(ctx context.Context, n int, row GridRow) (GridRow, error) {
	if later := row.Variant.Later; later > 0 {
		d.moveClock(later)
		defer d.moveClock(-later)
	}
	start := d.env.Now()
	for j, c := range Credentials {
		cell, err := d.cell(ctx, n, c, row.Variant.Documented[j])
		if err != nil {
			return row, err
		}
		row.Cells[j] = cell
	}
	row.Waited = d.env.Now().Sub(start)
	return row, nil
}

// moveClock moves the target's clock and remembers by how much, for the MFA age the
// simulator is given.
func (d *Demo) moveClock(by time.Duration) {
	d.env.MoveClock(by)
	d.mu.Lock()
	d.lab.moved += by
	d.mu.Unlock()
}

// cell makes one call of the grid. IAM's simulator sees a new policy at once, the call only
// once it has propagated; so the call is repeated, with a bounded backoff and reported as
// progress, until its answer agrees with the simulator's. Without a simulator the documented
// outcome is awaited instead on live AWS; another endpoint that cannot simulate (moto) is
// taken at its first answer, since waiting for answers it never gives would only stall.
func (d *Demo) cell(ctx context.Context, row int, c Credential, documented bool) (Cell, error) {
	cell := Cell{Documented: documented}
	d.mu.Lock()
	lab := d.lab
	d.mu.Unlock()
	age := d.env.Now().Sub(lab.mfaAt) + lab.moved
	cell.Why = d.explain(ctx, listAllMyBuckets, listingResource, contextKeys(c, age))
	want, wait := documented, d.env.Target == TargetLive
	if cell.Why != nil {
		want, wait = cell.Why.Allowed(), true
	}
	attempts, _, err := d.retryUntil(ctx, StepGrid, row, policyBackoff, func() (bool, string, error) {
		err := d.listWith(ctx, c, lab)
		code := errorCode(err)
		switch {
		case err != nil && code != "AccessDenied":
			return false, code, err
		case err == nil:
			cell.Allowed, cell.Code = true, ""
		default:
			cell.Allowed, cell.Code = false, code
		}
		return wait && cell.Allowed != want, cell.Code, nil
	})
	cell.Attempts = attempts
	if err != nil {
		return cell, fmt.Errorf("list buckets with %s: %w", credentialName[c], err)
	}
	return cell, nil
}

// credentialName names a kind of credentials in an error.
var credentialName = map[Credential]string{CredLongTerm: "the long-term key", CredNoMFA: "a session without MFA", CredMFA: "an MFA session"}

// listWith calls ListBuckets with one of the lab's credentials.
func (d *Demo) listWith(ctx context.Context, c Credential, lab labCredentials) error {
	var client *s3.Client
	switch c {
	case CredLongTerm:
		d.mu.Lock()
		keyID, secret := d.keyID, d.secret
		d.mu.Unlock()
		client = d.env.Clients.User(keyID, secret).S3
	case CredNoMFA:
		client = d.sessionClients(lab.noMFA).S3
	default:
		client = d.sessionClients(lab.mfa).S3
	}
	_, err := client.ListBuckets(ctx, &s3.ListBucketsInput{})
	return err
}
