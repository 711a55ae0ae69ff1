package text

import "github.com/mfa-demo/mfa-demo/scenario"

// TUIText is the Bubble Tea walkthrough's own sentences, grouped by screen: the ones plain
// mode has no use for. The step titles, target and scenario names and teardown words it
// shares with plain mode are in Text itself.
type TUIText struct {
	App      AppText
	Welcome  WelcomeText
	Rail     RailText
	QR       QRText
	Codes    CodesText
	Policy   PolicyText
	Without  WithoutText
	With     WithText
	Grid     GridText
	Why      WhyScreenText
	Teardown TeardownScreenText
	Summary  SummaryText
	Log      LogText
	Quit     QuitText
	Keys     KeyText
}

// AppText is the header and what every screen shares.
type AppText struct {
	Title    string
	StepOf   string // "step %d of %d"
	TooSmall string // "The window is %dx%d; mfa-demo needs at least %dx%d."
}

// WelcomeText is the first screen: what will happen, the target, the scenario picker.
type WelcomeText struct {
	Heading     string
	Intro       []string
	TargetLabel string
	Account     string
	Caller      string
	Endpoint    string
	Region      string
	Asking      string
	PickLabel   string
	PickHint    string // the scenario was chosen with --scenario
	PickChoose  string // the trainer may choose here
	LiveWarning string
	Start       string
	StartLive   string
}

// RailText is the progress rail beside the screens.
type RailText struct {
	Heading string
	Elapsed string // "%s elapsed"
	Attempt string // "attempt %d, last answer %s"
	User    string // "user %s"
	Device  string // "device %s"
	Key     string // "access key %s (secret %s)"
	KeyWait Forms  // "worked after %d attempts, %s"
	Policy  string // "%s %s"
	Denied  string
	Allowed Forms // "%d buckets with MFA"
	Waiting string
	// CallWaiting (the service, the action, the time waited, the limit) and CallRetry (the
	// service, the action, why, the attempt, the most attempts) are a call that takes time.
	CallWaiting string
	CallRetry   string
}

// QRText is the QR code screen.
type QRText struct {
	Heading   string
	Scan      []string
	Serial    string // "Device: %s"
	SecretHdr string
	Hidden    string
	Saved     string // "PNG saved to %s (removed at teardown)"
	SaveFail  string // "Could not save the PNG: %s"
	TooSmall  string // "The QR code needs a window of at least %dx%d (this one is %dx%d)."
	Manual    string
	Next      string
}

// CodesText is the screens that take MFA codes, and the built-in authenticator panel.
type CodesText struct {
	EnableHeading string
	EnableIntro   string
	WithHeading   string
	WithIntro     string
	First         string
	Second        string
	Single        string
	Countdown     string // "Next code in %d s"
	Sending       string
	WaitWindow    string // "Waiting %s for a fresh code window"
	AutoFilling   string
	Problems      map[scenario.CodeProblem]string
	RejectedPair  string // "AWS rejected the two codes (%s)": which code goes in which field
	AutoRejected  string // "AWS rejected ... (%s)": codes the built-in authenticator filled in, one code
	AutoRejected2 string // the same for the pair that enables the device
	Wait          string // after a code that must wait for the next window; the live countdown gives the seconds
	AuthHeading   string
	AuthLeft      string // "%d s left"
	AuthHint      string
	AuthUsed      string
}

// PolicyText is the screen of each policy, with what its condition means.
type PolicyText struct {
	Heading   string // "%s: %s"
	Meaning   map[scenario.StepID][]string
	Next      map[scenario.StepID]string
	MoreBelow string
	// MoreAbove ends a screen scrolled to its last line.
	MoreAbove string
}

// WithoutText is the outcome of the call without MFA.
type WithoutText struct {
	Heading     string
	DeniedTitle string
	DeniedWhy   []string
	AwsSaid     string // "AWS said: %s"
	WarnTitle   string
	WarnBody    []string
	Next        string
}

// WithText is the outcome of the call with MFA.
type WithText struct {
	Heading  string
	Identity string
	Before   string // label of the caller before the MFA step, when it changed
	Account  string
	Arn      string
	UserID   string
	Buckets  string // "Buckets (%d)"
	NoBucket string
	Name     string
	Created  string
	Retried  Forms // "The policy took %s to apply (%d retries)."
	Next     string
}

// GridText is the condition lab's grid screen; the grid's own words are Text.Lab.
type GridText struct {
	Heading string
	// Summary heads the grid: Text.Lab.AsDocumented or WrongCells, filled in.
	Hint string // how to move and ask why
	Next string
}

// WhyScreenText is the panel that explains a decision (Text.Explain gives its lines).
type WhyScreenText struct {
	Heading string // "Why? %s with %s" — the row or step, the credentials
	None    string // no explanation: the operator may not simulate
}

// TeardownScreenText is the teardown checklist screen.
type TeardownScreenText struct {
	Heading   string
	AfterFail string // "Tearing down after a failure: %s"
	Running   string
	Remaining string
	// RemoveWith heads the cleanup command of the run's target, on a line of its own so
	// that it copies whole; Journal: the run's journal. On the embedded emulator
	// Command.AbortEmulator replaces both.
	RemoveWith string
	Journal    string // "Journal: %s"
	PngGone    string
	PngKept    string // "Could not remove the PNG %s: %s"
}

// SummaryText is the last screen, also printed after the walkthrough ends.
type SummaryText struct {
	Heading     string
	Lesson      string
	NotEnforced string
	Failed      string // "The demo failed: %s"
	Interrupted string
	Clean       string
	Left        string
	Exit        string // "Exit status %d"
	// Details heads the pane with the whole failure; DetailsMore when it scrolls.
	Details     string
	DetailsMore string
	Leave       string
}

// LogText is the API log pane.
type LogText struct {
	Heading string
	Empty   string
	Caller  string // "as %s"
	Count   Forms  // "%d calls"
	Instant string // a call that took under a millisecond
}

// QuitText is the quit question.
type QuitText struct {
	Question string
	Detail   string
	Busy     string
}

// KeyText is each key binding's key and help text.
type KeyText struct {
	Quit, Help, Log, Enter, Start, ConfirmLive, Choose, Secret, Save, Fill, NextField, Submit, Scroll, Yes, No, CloseLog, Exit [2]string
	// Why opens the explanation of a decision; Cell moves over the grid.
	Why, Cell [2]string
}

// RoleText is what the assume-role scenario's walkthrough says where the session-token
// wording does not fit; ForKind puts it in place.
type RoleText struct {
	Intro       []string
	LiveWarning string
	WithIntro   string
	Without     WithoutText
	WithHeading string
	Identity    string
	Arn         string
	Lesson      string
	NotEnforced string
}

// LabScreenText is what the condition lab's walkthrough says where the session-token
// wording does not fit; ForKind puts it in place.
type LabScreenText struct {
	Intro       []string
	LiveWarning string
	WithHeading string
	WithIntro   string
	Lesson      string
	NotEnforced string
}

// ForKind is the table with the walkthrough's sentences of one scenario in place.
func (t Text) ForKind(kind scenario.Kind) Text {
	if kind == scenario.Conditions {
		l := t.LabScreen
		tui := t.TUI
		tui.Welcome.Intro = l.Intro
		tui.Welcome.LiveWarning = l.LiveWarning
		tui.Codes.WithHeading = l.WithHeading
		tui.Codes.WithIntro = l.WithIntro
		tui.Summary.Lesson = l.Lesson
		tui.Summary.NotEnforced = l.NotEnforced
		t.TUI = tui
		return t
	}
	if kind != scenario.AssumeRole {
		return t
	}
	r := t.Role
	tui := t.TUI
	tui.Welcome.Intro = r.Intro
	tui.Welcome.LiveWarning = r.LiveWarning
	tui.Codes.WithIntro = r.WithIntro
	tui.Without = r.Without
	tui.With.Heading = r.WithHeading
	tui.With.Identity = r.Identity
	tui.With.Arn = r.Arn
	tui.Summary.Lesson = r.Lesson
	tui.Summary.NotEnforced = r.NotEnforced
	t.TUI = tui
	return t
}
