package emulator

import (
	"strconv"
	"strings"

	"github.com/mfa-demo/mfa-demo/aws/emulator/policy"
)

// xmlMatchedStatement is the Statement type of the IAM API reference: "Contains a reference
// to a Statement element in a policy document that determines the result of the
// simulation" — SourcePolicyId, SourcePolicyType, and the StartPosition and EndPosition
// (Position: Line, Column) of the statement in that document.
type xmlMatchedStatement struct {
	SourcePolicyID   string      `xml:"SourcePolicyId"`
	SourcePolicyType string      `xml:"SourcePolicyType"`
	StartPosition    xmlPosition `xml:"StartPosition"`
	EndPosition      xmlPosition `xml:"EndPosition"`
}

type xmlPosition struct {
	Line   int `xml:"Line"`
	Column int `xml:"Column"`
}

type xmlEvaluationResult struct {
	EvalActionName    string                `xml:"EvalActionName"`
	EvalResourceName  string                `xml:"EvalResourceName"`
	EvalDecision      string                `xml:"EvalDecision"`
	MatchedStatements []xmlMatchedStatement `xml:"MatchedStatements>member"`
	MissingContext    []string              `xml:"MissingContextValues>member"`
}

type simulateResult struct {
	EvaluationResults []xmlEvaluationResult `xml:"EvaluationResults>member"`
	IsTruncated       bool                  `xml:"IsTruncated"`
}

// sourcedPolicy is a policy with the names SimulatePrincipalPolicy reports it by.
type sourcedPolicy struct {
	id, kind string
	parsed   *policy.Policy
}

// simulatePrincipalPolicy evaluates the identity policies of a user or role (plus any
// PolicyInputList) for each action and resource. As in IAM's simulator, the only
// condition keys are those given in ContextEntries.
func simulatePrincipalPolicy(e *Emulator, req *request) (any, *apiError) {
	source, aerr := req.required("PolicySourceArn")
	if aerr != nil {
		return nil, aerr
	}
	if aerr := e.authorize(req, "iam:SimulatePrincipalPolicy", source); aerr != nil {
		return nil, aerr
	}
	sources, aerr := e.simulationSources(source)
	if aerr != nil {
		return nil, aerr
	}
	for i, doc := range req.members("PolicyInputList") {
		parsed, err := policy.Parse(doc, policy.Identity)
		if err != nil {
			return nil, errMalformedPolicy(err)
		}
		sources = append(sources, sourcedPolicy{id: "PolicyInputList." + strconv.Itoa(i+1), kind: "none", parsed: parsed})
	}
	actions := req.members("ActionNames")
	if len(actions) == 0 {
		return nil, errValidation("1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null")
	}
	resources := req.members("ResourceArns")
	if len(resources) == 0 {
		resources = []string{"*"}
	}
	ctx := simulationContext(req)
	parsed := make([]*policy.Policy, len(sources))
	for i, s := range sources {
		parsed[i] = s.parsed
	}

	res := simulateResult{EvaluationResults: []xmlEvaluationResult{}}
	for _, action := range actions {
		for _, resource := range resources {
			decision, matches := policy.EvaluateDetail(policy.Request{
				Action: action, Resource: resource, Principal: source, Account: e.account, Context: ctx,
			}, parsed...)
			r := xmlEvaluationResult{EvalActionName: action, EvalResourceName: resource, EvalDecision: decision.String(), MatchedStatements: []xmlMatchedStatement{}, MissingContext: []string{}}
			for _, m := range matches {
				st := parsed[m.Policy].Statements[m.Statement]
				r.MatchedStatements = append(r.MatchedStatements, xmlMatchedStatement{
					SourcePolicyID: sources[m.Policy].id, SourcePolicyType: sources[m.Policy].kind,
					StartPosition: xmlPosition(st.Start), EndPosition: xmlPosition(st.End),
				})
			}
			res.EvaluationResults = append(res.EvaluationResults, r)
		}
	}
	return res, nil
}

// simulationSources are the policies of the user or role named by its ARN.
func (e *Emulator) simulationSources(arn string) ([]sourcedPolicy, *apiError) {
	var p principal
	name := arn[strings.LastIndex(arn, "/")+1:]
	if u, ok := e.users[lowerName(name)]; ok && e.userARN(u.path, u.name) == arn {
		p = u
	} else if r, ok := e.roleByARN(arn); ok {
		p = r
	} else {
		return nil, errNoSuchEntity("The principal %s cannot be found.", arn)
	}
	held := p.perms()
	var out []sourcedPolicy
	for _, n := range held.inline.names() {
		out = append(out, sourcedPolicy{id: n, kind: p.kind(), parsed: held.inline[n].parsed})
	}
	for _, a := range held.attached {
		if mp, ok := e.policies[a]; ok {
			out = append(out, sourcedPolicy{id: mp.name, kind: "user-managed", parsed: mp.parsed})
		}
	}
	return out, nil
}

// simulationContext reads ContextEntries.member.N.{ContextKeyName, ContextKeyValues}.
func simulationContext(req *request) policy.Context {
	ctx := policy.Context{}
	for i := 1; ; i++ {
		prefix := "ContextEntries.member." + strconv.Itoa(i)
		if !req.has(prefix + ".ContextKeyName") {
			return ctx
		}
		ctx[req.get(prefix+".ContextKeyName")] = req.members(prefix + ".ContextKeyValues")
	}
}
