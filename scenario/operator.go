package scenario

import (
	"encoding/json"
	"slices"
)

// OperatorStatement is one statement of the operator's policy: the actions the demo needs on
// one kind of resource.
type OperatorStatement struct {
	Sid       string
	Actions   []string
	Resources []string
	// Optional statements only make the demo say more: without them it still runs.
	Optional bool
	// Why says what the demo does with these actions, for the reader of the policy.
	Why string
	// sample is the kind of resource the preflight simulates the actions on.
	sample sampleResource
}

// sampleResource names the run's resource a statement's actions are checked against.
type sampleResource int

const (
	sampleAny sampleResource = iota
	sampleUser
	sampleDevice
	sampleRole
	samplePolicy
)

// OperatorPolicy is the least-privilege IAM policy the operator's credentials need for both
// scenarios, their teardown, `mfa-demo cleanup` and the --live preflight: every action on
// the demo's path and name prefix where IAM allows that, and the listings (which IAM does not
// scope) on "*". GetCallerIdentity and GetSessionToken need no permission. The command
// `mfa-demo operator-policy` prints it, the preflight checks it, the tests run on it.
//
// Users are named twice: IAM authorizes calls on a user it cannot find by the ARN without its
// path (user/NAME), so teardown after a refused CreateUser sees NoSuchEntity, not AccessDenied,
// only if that ARN is allowed too. Roles likewise.
var OperatorPolicy = []OperatorStatement{
	{
		Sid: "DemoUsers",
		Actions: []string{
			"iam:CreateUser", "iam:TagUser", "iam:GetUser", "iam:ListUserTags", "iam:DeleteUser",
			"iam:EnableMFADevice", "iam:ListMFADevices", "iam:DeactivateMFADevice",
			"iam:CreateAccessKey", "iam:ListAccessKeys", "iam:DeleteAccessKey",
			"iam:PutUserPolicy", "iam:ListUserPolicies", "iam:DeleteUserPolicy",
		},
		Resources: []string{"arn:aws:iam::*:user" + Path + namePrefix + "*", "arn:aws:iam::*:user/" + namePrefix + "*"},
		Why:       "the demo user: create and tag it, enable its MFA device, give it a key and its policy, delete it all",
		sample:    sampleUser,
	},
	{
		Sid:       "DemoMFADevices",
		Actions:   []string{"iam:CreateVirtualMFADevice", "iam:TagMFADevice", "iam:ListMFADeviceTags", "iam:DeleteVirtualMFADevice"},
		Resources: []string{"arn:aws:iam::*:mfa" + Path + namePrefix + "*"},
		Why:       "the virtual MFA device: create and tag it, read its tags in cleanup, delete it",
		sample:    sampleDevice,
	},
	{
		Sid: "DemoRoles",
		Actions: []string{
			"iam:CreateRole", "iam:TagRole", "iam:GetRole", "iam:ListRoleTags", "iam:DeleteRole",
			"iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:ListAttachedRolePolicies",
			"iam:ListRolePolicies", "iam:DeleteRolePolicy",
		},
		Resources: []string{"arn:aws:iam::*:role" + Path + namePrefix + "*", "arn:aws:iam::*:role/" + namePrefix + "*"},
		Why:       "the assume-role scenario's role: create and tag it, attach its policy, delete it all",
		sample:    sampleRole,
	},
	{
		Sid:       "DemoManagedPolicies",
		Actions:   []string{"iam:CreatePolicy", "iam:TagPolicy", "iam:GetPolicy", "iam:ListPolicyTags", "iam:DeletePolicy"},
		Resources: []string{"arn:aws:iam::*:policy" + Path + namePrefix + "*"},
		Why:       "the assume-role scenario's managed policy: create, tag, find and delete it",
		sample:    samplePolicy,
	},
	{
		Sid:       "FindLeftovers",
		Actions:   []string{"iam:ListUsers", "iam:ListVirtualMFADevices", "iam:ListRoles", "iam:ListPolicies"},
		Resources: []string{"*"},
		Why:       "cleanup finds what crashed runs left by path and tag; IAM does not scope listings",
		sample:    sampleAny,
	},
	{
		Sid:       "ExplainDecisions",
		Actions:   []string{"iam:SimulatePrincipalPolicy"},
		Resources: []string{"*"},
		Optional:  true,
		Why:       "the --live preflight, and the explanation of the refusal without MFA; without it both say less",
		sample:    sampleAny,
	},
}

// OperatorActions lists every action of OperatorPolicy, required and optional, in order.
func OperatorActions() []string {
	var out []string
	for _, st := range OperatorPolicy {
		out = append(out, st.Actions...)
	}
	return out
}

// OperatorPolicyJSON is OperatorPolicy as an IAM policy document, indented for reading, or
// with the actions in without left out (tests build reduced policies with it).
func OperatorPolicyJSON(without ...string) string {
	type statement struct {
		Sid      string   `json:"Sid"`
		Effect   string   `json:"Effect"`
		Action   []string `json:"Action"`
		Resource []string `json:"Resource"`
	}
	doc := struct {
		Version   string      `json:"Version"`
		Statement []statement `json:"Statement"`
	}{Version: "2012-10-17"}
	for _, st := range OperatorPolicy {
		actions := slices.DeleteFunc(slices.Clone(st.Actions), func(a string) bool { return slices.Contains(without, a) })
		if len(actions) == 0 {
			continue
		}
		doc.Statement = append(doc.Statement, statement{Sid: st.Sid, Effect: "Allow", Action: actions, Resource: st.Resources})
	}
	b, _ := json.MarshalIndent(doc, "", "  ") // a struct of strings always marshals
	return string(b)
}
