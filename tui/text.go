package tui

import "github.com/mfa-demo/mfa-demo/scenario"

// texts holds every sentence the TUI shows, grouped by screen, so that a translation is one
// more value of this type and no View code holds prose. Format verbs are positional-free on
// purpose (%s, %d in a fixed order) so translators keep the argument order; where a language
// needs another order, the sentence is split in two entries instead.
type texts struct {
	app      appText
	welcome  welcomeText
	rail     railText
	qr       qrText
	codes    codesText
	policy   policyText
	without  withoutText
	with     withText
	teardown teardownText
	summary  summaryText
	log      logText
	quit     quitText
	keys     keyText
}

type appText struct {
	title    string
	targets  map[scenario.TargetKind]string
	kinds    map[scenario.Kind]string
	steps    map[scenario.StepID]string
	stepOf   string // "step %d of %d"
	tooSmall string // "The window is %d×%d; mfa-demo needs at least %d×%d."
}

type welcomeText struct {
	heading     string
	intro       []string
	targetLabel string
	account     string
	caller      string
	endpoint    string
	region      string
	asking      string
	pickLabel   string
	pickHint    string // the scenario was chosen with --scenario
	pickChoose  string // the trainer may choose here
	liveWarning string
	start       string
	startLive   string
}

type railText struct {
	heading string
	elapsed string  // "%s elapsed"
	attempt string  // "attempt %d, last answer %s"
	user    string  // "user %s"
	device  string  // "device %s"
	key     string  // "access key %s (secret %s)"
	keyWait counted // "worked after %d attempts, %s"
	policy  string  // "%s %s"
	denied  string
	allowed counted // "%d buckets with MFA"
	waiting string
}

type qrText struct {
	heading   string
	scan      []string
	serial    string // "Device: %s"
	secretHdr string
	hidden    string
	saved     string // "PNG saved to %s (removed at teardown)"
	saveFail  string // "Could not save the PNG: %s"
	tooSmall  string // "The QR code needs a window of at least %d×%d (this one is %d×%d)."
	manual    string
	next      string
}

type codesText struct {
	enableHeading string
	enableIntro   string
	withHeading   string
	withIntro     string
	first         string
	second        string
	single        string
	countdown     string // "Next code in %d s"
	sending       string
	waitWindow    string // "Waiting %s for a fresh code window"
	autoFilling   string
	problems      map[scenario.CodeProblem]string
	autoRejected  string // "AWS rejected … (%s)": codes the built-in authenticator filled in, one code
	autoRejected2 string // the same for the pair that enables the device
	wait          string // after a code that must wait for the next window; the live countdown gives the seconds
	authHeading   string
	authLeft      string // "%d s left"
	authHint      string
	authUsed      string
}

type policyText struct {
	heading   string // "%s: %s"
	meaning   map[scenario.StepID][]string
	next      map[scenario.StepID]string
	moreBelow string
}

type withoutText struct {
	heading     string
	deniedTitle string
	deniedWhy   []string
	awsSaid     string // "AWS said: %s"
	warnTitle   string
	warnBody    []string
	next        string
}

type withText struct {
	heading  string
	identity string
	before   string // label of the caller before the MFA step, when it changed
	account  string
	arn      string
	userID   string
	buckets  string // "Buckets (%d)"
	noBucket string
	name     string
	created  string
	retried  counted // "The policy took %s to apply (%d retries)."
	next     string
}

type teardownText struct {
	heading   string
	afterFail string // "Tearing down after a failure: %s"
	running   string
	status    map[scenario.ItemStatus]string
	done      map[string]string // a deleted item's status by the prefix of its action
	remaining string
	pngGone   string
	pngKept   string // "Could not remove the PNG %s: %s"
}

type summaryText struct {
	heading     string
	lesson      string
	notEnforced string
	failed      string // "The demo failed: %s"
	interrupted string
	clean       string
	left        string
	exit        string // "Exit status %d"
	leave       string
}

type logText struct {
	heading string
	empty   string
	caller  string  // "as %s"
	count   counted // "%d calls"
	instant string  // a call that took under a millisecond
}

type quitText struct {
	question string
	detail   string
	busy     string
}

// counted is a sentence with a number in it, in the form for one and the form for any other
// number. A language with more plural forms than English will need more fields.
type counted struct{ one, other string }

// pick is the form of the sentence for n.
func (c counted) pick(n int) string {
	if n == 1 {
		return c.one
	}
	return c.other
}

type keyText struct {
	quit, help, log, enter, start, confirmLive, choose, secret, save, fill, nextField, submit, scroll, yes, no, closeLog, exit [2]string
}

// textsFor is the text table of a scenario: the session-token wording, with the sentences
// that differ for the assume-role scenario replaced.
func textsFor(kind scenario.Kind) texts {
	t := english()
	if kind != scenario.AssumeRole {
		return t
	}
	t.welcome.intro = []string{
		"This demo creates an IAM user with a virtual MFA device, and a role whose trust policy lets that user assume it only when signed in with MFA. The role may list S3 buckets.",
		"The user tries to assume the role without MFA (AWS says AccessDenied), then with MFA, and lists the buckets as the role. All it creates is deleted at the end, also when you quit early.",
	}
	t.welcome.liveWarning = "This is a real AWS account: the demo will create and then delete an IAM user, an MFA device, an access key, a role and a managed policy in it."
	t.codes.withIntro = "Type the code the app shows now. AssumeRole sends it with the device serial."
	t.without = withoutText{
		heading:     "AssumeRole without MFA",
		deniedTitle: t.without.deniedTitle,
		deniedWhy: []string{
			"The user called AssumeRole with its long-term access key and no MFA code, so for this call aws:MultiFactorAuthPresent is not there at all.",
			"The role's trust policy allows sts:AssumeRole only when it is true: AWS refuses to hand out the role's credentials.",
		},
		awsSaid:   t.without.awsSaid,
		warnTitle: "⚠ The role was assumed without MFA",
		warnBody: []string{
			"This backend does not enforce the aws:MultiFactorAuthPresent condition of the trust policy: it handed out the role's credentials without MFA.",
			"Real AWS would have answered AccessDenied. The lesson cannot be shown here; the run will exit with status 3.",
		},
		next: "Press enter to assume the role with MFA.",
	}
	t.with.heading = "AssumeRole with MFA"
	t.with.identity = "Caller identity: from the user to the role session"
	t.with.arn = "Now"
	t.summary.lesson = "Lesson shown: without MFA AWS refused AssumeRole; with MFA the user became the role and listed the buckets."
	t.summary.notEnforced = "The backend did not enforce the trust policy's aws:MultiFactorAuthPresent: no lesson, but no harm."
	return t
}

// english is the text table the TUI ships with; the others will be built the same way.
func english() texts {
	return texts{
		app: appText{
			title: "mfa-demo",
			targets: map[scenario.TargetKind]string{
				scenario.TargetEmulator: "embedded emulator",
				scenario.TargetEndpoint: "endpoint",
				scenario.TargetLive:     "live AWS",
			},
			kinds: map[scenario.Kind]string{
				scenario.SessionToken: "List buckets only with MFA (session token)",
				scenario.AssumeRole:   "A role that can only be assumed with MFA",
			},
			steps: map[scenario.StepID]string{
				scenario.StepWhoAmI:       "Who am I",
				scenario.StepCreateUser:   "Create the demo user",
				scenario.StepCreateDevice: "Create a virtual MFA device",
				scenario.StepShowQR:       "Show the QR code",
				scenario.StepEnableDevice: "Enable the device",
				scenario.StepCreateKey:    "Create an access key",
				scenario.StepWaitForKey:   "Wait until the key works",
				scenario.StepUserPolicy:   "Attach the MFA policy",
				scenario.StepCreateRole:   "Create the role",
				scenario.StepRolePolicy:   "Give the role its permission",
				scenario.StepAllowAssume:  "Let the user assume the role",
				scenario.StepWithoutMFA:   "Try without MFA",
				scenario.StepWithMFA:      "Try with MFA",
				scenario.StepTeardown:     "Tear down",
			},
			stepOf:   "step %d of %d",
			tooSmall: "The window is %d×%d; mfa-demo needs at least %d×%d.",
		},
		welcome: welcomeText{
			heading: "Multi-factor authentication, step by step",
			intro: []string{
				"This demo creates an IAM user with a virtual MFA device, and a policy that lets the user list S3 buckets only when signed in with MFA.",
				"It lists the buckets without MFA (AWS says AccessDenied), then with MFA. All it creates is deleted at the end, also when you quit early.",
			},
			targetLabel: "Target",
			account:     "Account",
			caller:      "Caller",
			endpoint:    "Endpoint",
			region:      "Region",
			asking:      "Asking AWS who we are…",
			pickLabel:   "Scenario",
			pickHint:    "(choose another with --scenario)",
			pickChoose:  "(↑/↓ to choose)",
			liveWarning: "This is a real AWS account: the demo will create and then delete an IAM user, an MFA device and an access key in it.",
			start:       "Press enter to start.",
			startLive:   "Press y to create the resources in this account.",
		},
		rail: railText{
			heading: "Steps",
			elapsed: "%s elapsed",
			attempt: "attempt %d, last answer %s",
			user:    "user %s",
			device:  "device %s",
			key:     "key %s (secret %s)",
			keyWait: counted{"worked after %d attempt, %s", "worked after %d attempts, %s"},
			policy:  "%s %s",
			denied:  "AccessDenied, as expected",
			allowed: counted{"%d bucket with MFA", "%d buckets with MFA"},
			waiting: "waiting for you",
		},
		qr: qrText{
			heading: "Scan the QR code with your authenticator app",
			scan: []string{
				"Add an account in Google Authenticator, 1Password or any TOTP app and scan the code: it shows a new 6-digit code every 30 s.",
			},
			serial:    "Device: %s",
			secretHdr: "Secret for manual entry:",
			hidden:    "(hidden; press s to show it)",
			saved:     "PNG saved (removed at teardown):\n%s",
			saveFail:  "Could not save the PNG: %s",
			tooSmall:  "The QR code needs a window of at least %d×%d (this one is %d×%d). Enlarge the window or make the font smaller.",
			manual:    "Or add the account by hand with this secret (time-based, 6 digits, 30 s):",
			next:      "Press enter when the app shows codes.",
		},
		codes: codesText{
			enableHeading: "Enable the MFA device",
			enableIntro:   "Type two consecutive codes from the app: the one it shows now, then wait for the next one.",
			withHeading:   "Sign in with MFA",
			withIntro:     "Type the code the app shows now. GetSessionToken sends it with the device serial.",
			first:         "First code ",
			second:        "Second code",
			single:        "Code",
			countdown:     "Next code in %d s",
			sending:       "Sending to AWS…",
			waitWindow:    "Waiting %s for a fresh code window (a code is used only once)",
			autoFilling:   "The built-in authenticator is filling in the codes…",
			problems: map[scenario.CodeProblem]string{
				scenario.CodeNotSixDigits: "A code is exactly 6 digits.",
				scenario.CodeSame:         "The two codes must differ: wait for the app to show the next one.",
				scenario.CodeUsed:         "This code was already used in this run, and AWS refuses a code twice.",
				scenario.CodeRejected:     "AWS rejected the code (%s). Check that the phone's clock is right and type the current code; nothing was lost.",
			},
			autoRejected:  "AWS rejected the filled-in code (%s): its 30 s window moved on before AWS checked it. Press a to fill in a fresh one; nothing was lost.",
			autoRejected2: "AWS rejected the filled-in codes (%s): their 30 s windows moved on before AWS checked them. Press a to fill in fresh ones; nothing was lost.",
			wait:          "Wait for the next one: the countdown says when.",
			authHeading:   "Built-in authenticator",
			authLeft:      "%d s left",
			authHint:      "press a to fill in",
			authUsed:      "used; a fills the next",
		},
		policy: policyText{
			heading: "%s: %s",
			meaning: map[scenario.StepID][]string{
				scenario.StepUserPolicy: {
					"aws:MultiFactorAuthPresent is true only when the credentials of the call came from a sign-in with an MFA code.",
					"The Allow applies only then; without MFA nothing allows the action, so AWS denies it.",
				},
				scenario.StepCreateRole: {
					"The trust policy says who may assume the role: the demo user, and only when aws:MultiFactorAuthPresent is true, that is, when the call carries an MFA code.",
				},
				scenario.StepRolePolicy: {
					"The role's permission: list the buckets. It needs no condition of its own, because only a caller with MFA can become the role.",
				},
				scenario.StepAllowAssume: {
					"The user's own policy lets it call sts:AssumeRole on this role; the role's trust policy still decides, and it wants MFA.",
				},
			},
			next: map[scenario.StepID]string{
				scenario.StepUserPolicy:  "Press enter to try it without MFA.",
				scenario.StepCreateRole:  "Press enter to give the role its permission.",
				scenario.StepRolePolicy:  "Press enter to let the user assume the role.",
				scenario.StepAllowAssume: "Press enter to try it without MFA.",
			},
			moreBelow: "↓ more (scroll with ↑/↓)",
		},
		without: withoutText{
			heading:     "ListBuckets without MFA",
			deniedTitle: "✓ AccessDenied — this is the expected outcome.",
			deniedWhy: []string{
				"The session token came from GetSessionToken without an MFA code, so for this session aws:MultiFactorAuthPresent is false.",
				"The policy allows s3:ListAllMyBuckets only when it is true, and nothing else allows it: AWS denies the call.",
			},
			awsSaid:   "AWS said: %s",
			warnTitle: "⚠ The call succeeded without MFA",
			warnBody: []string{
				"This backend does not enforce the aws:MultiFactorAuthPresent condition: it let a session without MFA list the buckets.",
				"Real AWS would have answered AccessDenied. The lesson cannot be shown here; the run will exit with status 3.",
			},
			next: "Press enter to sign in with MFA.",
		},
		with: withText{
			heading:  "ListBuckets with MFA",
			identity: "Caller identity of the MFA session",
			before:   "Before",
			account:  "Account",
			arn:      "ARN",
			userID:   "User ID",
			buckets:  "Buckets (%d)",
			noBucket: "The account has no buckets; the call itself was allowed.",
			name:     "Name",
			created:  "Created",
			retried:  counted{"The policy took %s to apply (%d retry).", "The policy took %s to apply (%d retries)."},
			next:     "Press enter to tear everything down.",
		},
		teardown: teardownText{
			heading:   "Tearing down",
			afterFail: "Tearing down after a failure: %s",
			running:   "Deleting what this run created…",
			status: map[scenario.ItemStatus]string{
				scenario.ItemPending:     "pending",
				scenario.ItemDeleted:     "deleted",
				scenario.ItemAlreadyGone: "already gone",
				scenario.ItemFailed:      "FAILED",
			},
			done: map[string]string{
				"Deactivate": "deactivated",
				"Detach":     "detached",
				"Delete":     "deleted",
			},
			remaining: "Still in the account — remove with `mfa-demo cleanup`:",
			pngGone:   "QR PNG removed",
			pngKept:   "Could not remove the PNG %s: %s",
		},
		summary: summaryText{
			heading:     "Summary",
			lesson:      "Lesson shown: without MFA AWS denied ListBuckets; with MFA it allowed it.",
			notEnforced: "The backend did not enforce aws:MultiFactorAuthPresent: no lesson, but no harm.",
			failed:      "The demo failed: %s",
			interrupted: "You quit before the end.",
			clean:       "Teardown complete: nothing of this run is left.",
			left:        "Teardown incomplete; still in the account:",
			exit:        "Exit status %d",
			leave:       "Press enter or q to leave.",
		},
		log: logText{
			heading: "API log — every call this run made",
			empty:   "No calls yet.",
			caller:  "as %s",
			count:   counted{"%d call", "%d calls"},
			instant: "<1ms",
		},
		quit: quitText{
			question: "Quit the demo?",
			detail:   "Everything created so far will be deleted first.",
			busy:     "Teardown is running; the program ends when it is done.",
		},
		keys: keyText{
			quit:        [2]string{"q", "quit"},
			help:        [2]string{"?", "more keys"},
			log:         [2]string{"l", "API log"},
			enter:       [2]string{"enter", "continue"},
			start:       [2]string{"enter", "start"},
			confirmLive: [2]string{"y", "yes, use this account"},
			choose:      [2]string{"↑/↓", "choose scenario"},
			secret:      [2]string{"s", "show/hide secret"},
			save:        [2]string{"p", "save PNG"},
			fill:        [2]string{"a", "fill from authenticator"},
			nextField:   [2]string{"tab", "next field"},
			submit:      [2]string{"enter", "send"},
			scroll:      [2]string{"↑/↓", "scroll"},
			yes:         [2]string{"y", "yes, tear down and quit"},
			no:          [2]string{"n/esc", "no, go on"},
			closeLog:    [2]string{"l/esc", "close log"},
			exit:        [2]string{"enter/q", "leave"},
		},
	}
}
