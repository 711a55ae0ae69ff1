package emulator

import "testing"

// TestEveryServedActionIsValidated: the generated table (validation_rules.go) has the
// input shape of every action actions.go routes; an action added there needs
// `go generate` (see validation.go) before it is served.
func TestEveryServedActionIsValidated(t *testing.T) {
	for _, s := range []struct {
		name    string
		actions map[string]queryAction
		inputs  map[string]*inputShape
	}{
		{"iam", iamActions, iamInputs},
		{"sts", stsActions, stsInputs},
	} {
		for action := range s.actions {
			if s.inputs[action] == nil {
				t.Errorf("%s:%s has no input shape in validation_rules.go (botocore %s): run go generate", s.name, action, botocoreVersion)
			}
		}
		for action := range s.inputs {
			if s.actions[action] == nil {
				t.Errorf("%s:%s is in validation_rules.go but not served: run go generate", s.name, action)
			}
		}
	}
}

// BenchmarkValidateInput is the validation layer's share of a request: an AssumeRole
// with MFA, the most parameters the demo sends at once.
func BenchmarkValidateInput(b *testing.B) {
	params := map[string][]string{
		"Action": {"AssumeRole"}, "Version": {"2011-06-15"},
		"RoleArn": {"arn:aws:iam::000000000000:role/mfa-demo/mfa-demo-role"}, "RoleSessionName": {"mfa-demo"},
		"SerialNumber": {"arn:aws:iam::000000000000:mfa/mfa-demo/trainee"}, "TokenCode": {"123456"}, "DurationSeconds": {"900"},
	}
	for b.Loop() {
		if aerr := validateInput("sts", "AssumeRole", params); aerr != nil {
			b.Fatal(aerr)
		}
	}
}
