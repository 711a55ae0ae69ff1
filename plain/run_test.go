package plain

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/scenario"
	"github.com/mfa-demo/mfa-demo/text"
)

// emulatorFactory starts an emulator for one test and returns clients for it.
func emulatorFactory(t *testing.T) (*aws.Factory, string) {
	t.Helper()
	srv, err := emulator.Start("127.0.0.1:0", emulator.Options{})
	if err != nil {
		t.Fatalf("start emulator: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	f, err := aws.New(context.Background(), aws.Options{
		Endpoint:    srv.URL,
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
		Region:      aws.DefaultRegion,
	})
	if err != nil {
		t.Fatalf("client factory: %v", err)
	}
	return f, srv.URL
}

func TestRunShowsTheLessonOnTheEmulator(t *testing.T) {
	tests := []struct {
		kind scenario.Kind
		want []string
	}{
		{scenario.SessionToken, []string{
			"mfa-demo test: scenario session-token, run plain1, target the embedded emulator at http://",
			"Show the QR code:            the built-in authenticator answers every code (--auto-mfa)\n",
			"List buckets without MFA:    AccessDenied, as expected",
			"List buckets with MFA:       3 buckets [mfa-demo-backups, mfa-demo-photos, mfa-demo-reports] as ",
			"    deleted       DeleteUser mfa-demo-user-plain1\n",
			"Lesson shown: without MFA the listing was refused, with MFA it worked. Teardown complete.\n",
		}},
		{scenario.AssumeRole, []string{
			"Give the role its permission: managed policy mfa-demo-policy-plain1: ",
			"Assume the role without MFA:  AccessDenied, as expected",
			"    detached      DetachRolePolicy arn:aws:iam::000000000000:policy/mfa-demo/mfa-demo-policy-plain1\n",
			"Lesson shown: without MFA the role could not be assumed",
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			f, url := emulatorFactory(t)
			d := scenario.New(scenario.Env{Clients: f, Journal: scenario.NewJournal(t.TempDir(), "plain1"), RunID: "plain1", Version: "test", Kind: tt.kind, Target: scenario.TargetEmulator})
			var out bytes.Buffer
			s := Run(context.Background(), d, Options{Out: &out, AutoMFA: true, Version: "test", Kind: tt.kind, Target: scenario.TargetEmulator, Endpoint: url})
			if code := s.ExitCode(); code != scenario.ExitLesson {
				t.Fatalf("exit %d (%v)\n%s", code, s.Err, out.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
}

func TestCleanupReport(t *testing.T) {
	tests := []struct {
		name        string
		leave       bool // a run left a user behind
		in          string
		yes         bool
		interactive bool
		code        int
		want        []string
		gone        bool
	}{
		{"nothing left", false, "", false, true, 0, []string{"Nothing to clean up on the embedded emulator at http://"}, true},
		{"from a script", true, "", false, false, 0, []string{
			"Left on the embedded emulator at http://", "by earlier runs:\n  run crash1: user mfa-demo-user-crash1",
			"  deleted       DeleteUser mfa-demo-user-crash1\n", "Nothing is left.\n"}, true},
		{"asked, yes", true, "y\n", false, true, 0, []string{"Delete all of this? [y/N] ", "  deleted       DeleteUser mfa-demo-user-crash1\n", "Nothing is left.\n"}, true},
		{"asked, no", true, "\n", false, true, scenario.ExitFailure, []string{"Delete all of this? [y/N] Nothing deleted.\n"}, false},
		{"--yes", true, "", true, true, 0, []string{"Nothing is left.\n"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, url := emulatorFactory(t)
			dir := t.TempDir()
			ctx := context.Background()
			if tt.leave {
				d := scenario.New(scenario.Env{Clients: f, Journal: scenario.NewJournal(dir, "crash1"), RunID: "crash1", Version: "test", Kind: scenario.SessionToken, Target: scenario.TargetEmulator})
				if _, err := d.WhoAmI(ctx); err != nil {
					t.Fatal(err)
				}
				if _, err := d.CreateUser(ctx); err != nil {
					t.Fatal(err)
				}
			}
			c := &scenario.Cleanup{Clients: f, StateDir: dir, Target: scenario.TargetEmulator}
			var out, errs bytes.Buffer
			code := Cleanup(ctx, c, Options{In: strings.NewReader(tt.in), Out: &out, Err: &errs, Yes: tt.yes, Interactive: tt.interactive, Target: scenario.TargetEmulator, Endpoint: url})
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.code, out.String(), errs.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			plan, err := c.Plan(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if plan.Empty() != tt.gone {
				t.Errorf("after cleanup: %+v; want everything gone: %v", plan, tt.gone)
			}
		})
	}
}

// TestRunInEveryLanguage: a whole plain run in each language titles every step in that
// language's words, keeps the AWS names, and ends with that language's lesson line.
func TestRunInEveryLanguage(t *testing.T) {
	for _, tag := range text.Tags() {
		for _, kind := range scenario.Kinds {
			t.Run(tag.String()+"/"+string(kind), func(t *testing.T) {
				table, _ := text.Lookup(tag.String())
				f, url := emulatorFactory(t)
				d := scenario.New(scenario.Env{Clients: f, Journal: scenario.NewJournal(t.TempDir(), "lang1"), RunID: "lang1", Version: "test", Kind: kind, Target: scenario.TargetEmulator})
				var out bytes.Buffer
				s := Run(context.Background(), d, Options{Out: &out, Text: table, AutoMFA: true, Version: "test", Kind: kind, Target: scenario.TargetEmulator, Endpoint: url})
				if code := s.ExitCode(); code != scenario.ExitLesson {
					t.Fatalf("exit %d (%v)\n%s", code, s.Err, out.String())
				}
				want := []string{table.Plain.Lesson[kind], "DeleteUser mfa-demo-user-lang1"}
				for _, id := range scenario.Steps(kind) {
					want = append(want, table.Step(kind, id)+":")
				}
				for _, w := range want {
					if !strings.Contains(out.String(), w) {
						t.Errorf("output lacks %q:\n%s", w, out.String())
					}
				}
				if steps := scenario.Steps(kind); tag != text.English.Tag && strings.Contains(out.String(), text.English.Step(kind, steps[len(steps)-2])) {
					t.Errorf("the English step title is in the %s output:\n%s", tag, out.String())
				}
			})
		}
	}
}
