package emulator

import "github.com/mfa-demo/mfa-demo/aws/emulator/policy"

// Inline policies work alike on users and roles: Put/Get/List/DeleteUserPolicy and
// Put/Get/List/DeleteRolePolicy differ only in how they find the principal and in the
// word ("user", "role") of their messages.

// policyDocument reads and parses the PolicyDocument parameter.
func policyDocument(req *request, param string, kind policy.Kind) (string, *policy.Policy, *apiError) {
	doc, aerr := req.required(param)
	if aerr != nil {
		return "", nil, aerr
	}
	parsed, err := policy.Parse(doc, kind)
	if err != nil {
		return "", nil, errMalformedPolicy(err)
	}
	return doc, parsed, nil
}

// putInlinePolicy serves PutUserPolicy and PutRolePolicy; a policy of the same name is
// replaced.
func putInlinePolicy[P principal](find target[P]) queryAction {
	return func(e *Emulator, req *request) (any, *apiError) {
		holder, aerr := find(e, req, req.action())
		if aerr != nil {
			return nil, aerr
		}
		name, aerr := req.name("PolicyName", 128)
		if aerr != nil {
			return nil, aerr
		}
		doc, parsed, aerr := policyDocument(req, "PolicyDocument", policy.Identity)
		if aerr != nil {
			return nil, aerr
		}
		if aerr := inlinePolicyQuota(holder, doc); aerr != nil {
			return nil, aerr
		}
		holder.perms().inline[name] = inlinePolicy{doc: doc, parsed: parsed}
		e.policiesChanged(holder, req.now)
		return nil, nil
	}
}

// inlinePolicyNamed finds the principal and its inline policy named by PolicyName.
func inlinePolicyNamed[P principal](e *Emulator, req *request, find target[P]) (P, string, inlinePolicy, *apiError) {
	var none P
	holder, aerr := find(e, req, req.action())
	if aerr != nil {
		return none, "", inlinePolicy{}, aerr
	}
	name, aerr := req.name("PolicyName", 128)
	if aerr != nil {
		return none, "", inlinePolicy{}, aerr
	}
	p, ok := holder.perms().inline[name]
	if !ok {
		return none, "", inlinePolicy{}, errNoSuchEntity("The %s policy with name %s cannot be found.", holder.kind(), name)
	}
	return holder, name, p, nil
}

// getInlinePolicyResult answers GetUserPolicy (with UserName) and GetRolePolicy (with
// RoleName); names are never empty, so omitempty leaves out exactly the other one.
type getInlinePolicyResult struct {
	UserName       string `xml:"UserName,omitempty"`
	RoleName       string `xml:"RoleName,omitempty"`
	GroupName      string `xml:"GroupName,omitempty"`
	PolicyName     string `xml:"PolicyName"`
	PolicyDocument string `xml:"PolicyDocument"`
}

// getInlinePolicy serves GetUserPolicy and GetRolePolicy.
func getInlinePolicy[P principal](find target[P]) queryAction {
	return func(e *Emulator, req *request) (any, *apiError) {
		holder, name, p, aerr := inlinePolicyNamed(e, req, find)
		if aerr != nil {
			return nil, aerr
		}
		res := getInlinePolicyResult{PolicyName: name, PolicyDocument: encodeDocument(p.doc)}
		switch holder.kind() {
		case "role":
			res.RoleName = holder.entityName()
		case "group":
			res.GroupName = holder.entityName()
		default:
			res.UserName = holder.entityName()
		}
		return res, nil
	}
}

// deleteInlinePolicy serves DeleteUserPolicy and DeleteRolePolicy.
func deleteInlinePolicy[P principal](find target[P]) queryAction {
	return func(e *Emulator, req *request) (any, *apiError) {
		holder, name, _, aerr := inlinePolicyNamed(e, req, find)
		if aerr != nil {
			return nil, aerr
		}
		delete(holder.perms().inline, name)
		e.policiesChanged(holder, req.now)
		return nil, nil
	}
}

type listPolicyNamesResult struct {
	PolicyNames []string `xml:"PolicyNames>member"`
	page
}

// listInlinePolicies serves ListUserPolicies and ListRolePolicies.
func listInlinePolicies[P principal](find target[P]) queryAction {
	return func(e *Emulator, req *request) (any, *apiError) {
		holder, aerr := find(e, req, req.action())
		if aerr != nil {
			return nil, aerr
		}
		names, more, aerr := paginate(req, holder.perms().inline.names(), same)
		if aerr != nil {
			return nil, aerr
		}
		return listPolicyNamesResult{PolicyNames: names, page: more}, nil
	}
}
