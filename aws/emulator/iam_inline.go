package emulator

import "github.com/mfa-demo/mfa-demo/aws/emulator/policy"

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

func putUserPolicy(e *Emulator, req *request) (any, *apiError) {
	u, aerr := e.targetUser(req, "PutUserPolicy")
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
	u.inline[name] = inlinePolicy{doc: doc, parsed: parsed}
	e.userChanged(u, req.now)
	return nil, nil
}

type getUserPolicyResult struct {
	UserName       string `xml:"UserName"`
	PolicyName     string `xml:"PolicyName"`
	PolicyDocument string `xml:"PolicyDocument"`
}

func getUserPolicy(e *Emulator, req *request) (any, *apiError) {
	u, aerr := e.targetUser(req, "GetUserPolicy")
	if aerr != nil {
		return nil, aerr
	}
	name, aerr := req.name("PolicyName", 128)
	if aerr != nil {
		return nil, aerr
	}
	p, ok := u.inline[name]
	if !ok {
		return nil, errNoSuchEntity("The user policy with name %s cannot be found.", name)
	}
	return getUserPolicyResult{UserName: u.name, PolicyName: name, PolicyDocument: encodeDocument(p.doc)}, nil
}

type listPolicyNamesResult struct {
	PolicyNames []string `xml:"PolicyNames>member"`
	page
}

func listPolicyNames(req *request, set policySet) (any, *apiError) {
	names, more, aerr := paginate(req, set.names(), same)
	if aerr != nil {
		return nil, aerr
	}
	return listPolicyNamesResult{PolicyNames: names, page: more}, nil
}

func listUserPolicies(e *Emulator, req *request) (any, *apiError) {
	u, aerr := e.targetUser(req, "ListUserPolicies")
	if aerr != nil {
		return nil, aerr
	}
	return listPolicyNames(req, u.inline)
}

func deleteUserPolicy(e *Emulator, req *request) (any, *apiError) {
	u, aerr := e.targetUser(req, "DeleteUserPolicy")
	if aerr != nil {
		return nil, aerr
	}
	name, aerr := req.name("PolicyName", 128)
	if aerr != nil {
		return nil, aerr
	}
	if _, ok := u.inline[name]; !ok {
		return nil, errNoSuchEntity("The user policy with name %s cannot be found.", name)
	}
	delete(u.inline, name)
	e.userChanged(u, req.now)
	return nil, nil
}
