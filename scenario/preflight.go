package scenario

import (
	"context"
	"errors"
	"fmt"
	"strings"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/mfa-demo/mfa-demo/aws"
)

// ErrMissingPermissions stops a run whose operator lacks permissions the demo needs, before
// anything is created.
var ErrMissingPermissions = errors.New("the operator's credentials lack permissions the demo needs")

// PreflightResult is what the preflight learned about the operator's permissions.
type PreflightResult struct {
	// Source is the principal whose policies were simulated: the operator's user, or the
	// role behind its assumed-role session.
	Source string
	// Checked says the simulation ran; when false, Unchecked says why and nothing is known.
	Checked   bool
	Unchecked string
	// Missing are the required actions the operator's policies do not allow.
	Missing []MissingPermission
	// MissingOptional are optional actions not allowed: the demo runs, and says less.
	MissingOptional []MissingPermission
}

// MissingPermission is one action the operator may not perform on one resource.
type MissingPermission struct {
	Action   string
	Resource string
}

// preflight simulates the operator's own policies for every action of OperatorPolicy, on the
// names this run will use. An operator who may not simulate is told so, and the run goes on.
func (d *Demo) preflight(ctx context.Context, callerArn string) PreflightResult {
	var res PreflightResult
	source, ok := policySource(callerArn)
	if !ok {
		res.Unchecked = fmt.Sprintf("%s is neither an IAM user nor a role session, so its permissions cannot be simulated", callerArn)
		return res
	}
	res.Source = source
	client := d.env.Clients.Operator().IAM
	for _, st := range OperatorPolicy {
		resource := d.sampleARN(st.sample)
		out, err := client.SimulatePrincipalPolicy(ctx, &iam.SimulatePrincipalPolicyInput{
			PolicySourceArn: awssdk.String(source),
			ActionNames:     st.Actions,
			ResourceArns:    []string{resource},
		})
		if err != nil {
			var perm *aws.PermissionError
			if errors.As(err, &perm) {
				res.Unchecked = "the operator may not iam:SimulatePrincipalPolicy, so its permissions were not checked: " +
					"a missing one will stop the step that needs it"
			} else {
				res.Unchecked = fmt.Sprintf("simulating the operator's policies failed, so its permissions were not checked: %v", err)
			}
			res.Missing, res.MissingOptional = nil, nil
			return res
		}
		for _, r := range out.EvaluationResults {
			if r.EvalDecision == iamtypes.PolicyEvaluationDecisionTypeAllowed {
				continue
			}
			m := MissingPermission{Action: awssdk.ToString(r.EvalActionName), Resource: resource}
			if st.Optional {
				res.MissingOptional = append(res.MissingOptional, m)
			} else {
				res.Missing = append(res.Missing, m)
			}
		}
	}
	res.Checked = true
	return res
}

// err is ErrMissingPermissions naming what is missing, or nil.
func (p PreflightResult) err() error {
	if len(p.Missing) == 0 {
		return nil
	}
	parts := make([]string, 0, len(p.Missing))
	for _, m := range p.Missing {
		parts = append(parts, m.Action+" on "+m.Resource)
	}
	return fmt.Errorf("%w: the operator may not %s; nothing was created (grant it the policy `mfa-demo operator-policy` prints)",
		ErrMissingPermissions, strings.Join(parts, ", "))
}

// policySource is the IAM principal whose policies apply to callerArn: the user itself, or
// the role of an assumed-role session (arn:aws:sts::ACCT:assumed-role/ROLE/SESSION). The
// session ARN does not say the role's path; the path-less role ARN is the best guess, and
// the simulation says NoSuchEntity when it is wrong.
func policySource(callerArn string) (string, bool) {
	parts := strings.SplitN(callerArn, ":", 6)
	if len(parts) != 6 {
		return "", false
	}
	switch {
	case parts[2] == "iam" && strings.HasPrefix(parts[5], "user/"):
		return callerArn, true
	case parts[2] == "sts" && strings.HasPrefix(parts[5], "assumed-role/"):
		role, _, _ := strings.Cut(strings.TrimPrefix(parts[5], "assumed-role/"), "/")
		return fmt.Sprintf("arn:%s:iam::%s:role/%s", parts[1], parts[4], role), true
	}
	return "", false
}

// sampleARN is this run's resource of a kind, as the preflight checks the actions on it.
func (d *Demo) sampleARN(kind sampleResource) string {
	d.mu.Lock()
	prefix := "arn:" + d.partition + ":iam::" + d.account + ":"
	d.mu.Unlock()
	switch kind {
	case sampleUser:
		return prefix + "user" + Path + d.UserName()
	case sampleDevice:
		return prefix + "mfa" + Path + d.DeviceName()
	case sampleRole:
		return prefix + "role" + Path + d.RoleName()
	case samplePolicy:
		return prefix + "policy" + Path + d.RolePolicyName()
	}
	return "*"
}
