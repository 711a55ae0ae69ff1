package emulator

import (
	"slices"
	"strings"
)

// maxAttachedPerEntity is IAM's default quota of managed policies per user or role.
const maxAttachedPerEntity = 10

type xmlPolicy struct {
	PolicyName                    string   `xml:"PolicyName"`
	PolicyID                      string   `xml:"PolicyId"`
	Arn                           string   `xml:"Arn"`
	Path                          string   `xml:"Path"`
	DefaultVersionID              string   `xml:"DefaultVersionId"`
	AttachmentCount               int      `xml:"AttachmentCount"`
	PermissionsBoundaryUsageCount int      `xml:"PermissionsBoundaryUsageCount"`
	IsAttachable                  bool     `xml:"IsAttachable"`
	Description                   string   `xml:"Description,omitempty"`
	CreateDate                    string   `xml:"CreateDate"`
	UpdateDate                    string   `xml:"UpdateDate"`
	Tags                          []xmlTag `xml:"Tags>member,omitempty"`
}

func xmlManagedPolicy(p *managedPolicy, withTags bool) *xmlPolicy {
	x := &xmlPolicy{
		PolicyName: p.name, PolicyID: p.id, Arn: p.arn, Path: p.path, DefaultVersionID: "v1",
		AttachmentCount: p.attachments, IsAttachable: true, Description: p.description,
		CreateDate: timestamp(p.created), UpdateDate: timestamp(p.created),
	}
	if withTags {
		x.Tags = xmlTags(p.tags)
	}
	return x
}

// targetPolicy resolves the PolicyArn an action is about, authorizing first.
func (e *Emulator) targetPolicy(req *request, action string) (*managedPolicy, *apiError) {
	arn, aerr := req.required("PolicyArn")
	if aerr != nil {
		return nil, aerr
	}
	p, ok := e.policies[arn]
	if aerr := e.authorizeTarget(req, action, arn, ok, "Policy %s does not exist or is not attachable.", arn); aerr != nil {
		return nil, aerr
	}
	return p, nil
}

type policyResult struct {
	Policy *xmlPolicy `xml:"Policy"`
}

func createPolicy(e *Emulator, req *request) (any, *apiError) {
	name, path, tags, aerr := req.newEntity("PolicyName", 128)
	if aerr != nil {
		return nil, aerr
	}
	arn := e.policyARN(path, name)
	if aerr := e.authorizeCreate(req, "iam:CreatePolicy", "iam:TagPolicy", arn, tags); aerr != nil {
		return nil, aerr
	}
	doc, parsed, aerr := managedPolicyDocument(req)
	if aerr != nil {
		return nil, aerr
	}
	for _, p := range e.policies {
		if strings.EqualFold(p.name, name) {
			return nil, errAlreadyExists("A policy called %s already exists. Duplicate names are not allowed.", name)
		}
	}
	p := &managedPolicy{
		name: name, path: path, id: newID("ANPA"), arn: arn, description: req.get("Description"),
		doc: doc, parsed: parsed, created: req.now, tags: tags,
	}
	e.policies[arn] = p
	return policyResult{Policy: xmlManagedPolicy(p, true)}, nil
}

func getPolicy(e *Emulator, req *request) (any, *apiError) {
	p, aerr := e.targetPolicy(req, "GetPolicy")
	if aerr != nil {
		return nil, aerr
	}
	return policyResult{Policy: xmlManagedPolicy(p, true)}, nil
}

type getPolicyVersionResult struct {
	PolicyVersion struct {
		Document         string `xml:"Document"`
		VersionID        string `xml:"VersionId"`
		IsDefaultVersion bool   `xml:"IsDefaultVersion"`
		CreateDate       string `xml:"CreateDate"`
	} `xml:"PolicyVersion"`
}

func getPolicyVersion(e *Emulator, req *request) (any, *apiError) {
	p, aerr := e.targetPolicy(req, "GetPolicyVersion")
	if aerr != nil {
		return nil, aerr
	}
	version, aerr := req.required("VersionId")
	if aerr != nil {
		return nil, aerr
	}
	if version != "v1" {
		return nil, errNoSuchEntity("Policy %s version %s does not exist or is not attachable.", p.arn, version)
	}
	var res getPolicyVersionResult
	res.PolicyVersion.Document = encodeDocument(p.doc)
	res.PolicyVersion.VersionID = "v1"
	res.PolicyVersion.IsDefaultVersion = true
	res.PolicyVersion.CreateDate = timestamp(p.created)
	return res, nil
}

func deletePolicy(e *Emulator, req *request) (any, *apiError) {
	p, aerr := e.targetPolicy(req, "DeletePolicy")
	if aerr != nil {
		return nil, aerr
	}
	if p.attachments > 0 {
		return nil, errDeleteConflict("Cannot delete a policy attached to entities.")
	}
	delete(e.policies, p.arn)
	return nil, nil
}

type listPoliciesResult struct {
	Policies []*xmlPolicy `xml:"Policies>member"`
	page
}

// listPolicies lists the customer managed policies; AWS managed policies are not
// modelled, so Scope=AWS lists none.
func listPolicies(e *Emulator, req *request) (any, *apiError) {
	prefix := req.path("PathPrefix")
	// The validation layer has held Scope to the model's enum.
	scope := req.get("Scope")
	if scope == "" {
		scope = "All"
	}
	onlyAttached := req.get("OnlyAttached") == "true"
	if aerr := e.authorize(req, "iam:ListPolicies", e.policyARN(prefix, "")); aerr != nil {
		return nil, aerr
	}
	var policies []*managedPolicy
	if scope != "AWS" {
		for _, p := range e.policies {
			if strings.HasPrefix(p.path, prefix) && (!onlyAttached || p.attachments > 0) {
				policies = append(policies, p)
			}
		}
	}
	slices.SortFunc(policies, func(a, b *managedPolicy) int { return strings.Compare(lowerName(a.name), lowerName(b.name)) })
	listed, more, aerr := paginate(req, policies, func(p *managedPolicy) *xmlPolicy { return xmlManagedPolicy(p, false) })
	if aerr != nil {
		return nil, aerr
	}
	return listPoliciesResult{Policies: listed, page: more}, nil
}

// attachmentTarget finds the principal an attach or detach is about, then reads PolicyArn.
func attachmentTarget[P principal](e *Emulator, req *request, find target[P]) (P, string, *apiError) {
	var none P
	holder, aerr := find(e, req, req.action())
	if aerr != nil {
		return none, "", aerr
	}
	arn, aerr := req.required("PolicyArn")
	if aerr != nil {
		return none, "", aerr
	}
	return holder, arn, nil
}

// attachPolicy serves AttachUserPolicy and AttachRolePolicy; attaching twice is a no-op.
func attachPolicy[P principal](find target[P]) queryAction {
	return func(e *Emulator, req *request) (any, *apiError) {
		holder, arn, aerr := attachmentTarget(e, req, find)
		if aerr != nil {
			return nil, aerr
		}
		p, ok := e.policies[arn]
		if !ok {
			return nil, errNoSuchEntity("Policy %s does not exist or is not attachable.", arn)
		}
		held := holder.perms()
		if slices.Contains(held.attached, arn) {
			return nil, nil
		}
		if len(held.attached) >= maxAttachedPerEntity {
			return nil, errLimitExceeded("Cannot exceed quota for PoliciesPerRole: %d", maxAttachedPerEntity)
		}
		held.attached = append(held.attached, arn)
		p.attachments++
		e.policiesChanged(holder, req.now)
		return nil, nil
	}
}

// detachPolicy serves DetachUserPolicy and DetachRolePolicy.
func detachPolicy[P principal](find target[P]) queryAction {
	return func(e *Emulator, req *request) (any, *apiError) {
		holder, arn, aerr := attachmentTarget(e, req, find)
		if aerr != nil {
			return nil, aerr
		}
		held := holder.perms()
		if !slices.Contains(held.attached, arn) {
			return nil, errNoSuchEntity("Policy %s was not found.", arn)
		}
		held.attached = slices.DeleteFunc(held.attached, func(a string) bool { return a == arn })
		if p, ok := e.policies[arn]; ok {
			p.attachments--
		}
		e.policiesChanged(holder, req.now)
		return nil, nil
	}
}

type xmlAttachedPolicy struct {
	PolicyName string `xml:"PolicyName"`
	PolicyArn  string `xml:"PolicyArn"`
}

type listAttachedResult struct {
	AttachedPolicies []xmlAttachedPolicy `xml:"AttachedPolicies>member"`
	page
}

// listAttachedPolicies serves ListAttachedUserPolicies and ListAttachedRolePolicies.
func listAttachedPolicies[P principal](find target[P]) queryAction {
	return func(e *Emulator, req *request) (any, *apiError) {
		holder, aerr := find(e, req, req.action())
		if aerr != nil {
			return nil, aerr
		}
		prefix := req.path("PathPrefix")
		var list []xmlAttachedPolicy
		for _, arn := range holder.perms().attached {
			if p, ok := e.policies[arn]; ok && strings.HasPrefix(p.path, prefix) {
				list = append(list, xmlAttachedPolicy{PolicyName: p.name, PolicyArn: arn})
			}
		}
		listed, more, aerr := paginate(req, list, same)
		if aerr != nil {
			return nil, aerr
		}
		return listAttachedResult{AttachedPolicies: listed, page: more}, nil
	}
}
