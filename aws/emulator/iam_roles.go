package emulator

import (
	"slices"
	"strconv"
	"strings"
)

type xmlRole struct {
	Path                     string   `xml:"Path"`
	RoleName                 string   `xml:"RoleName"`
	RoleID                   string   `xml:"RoleId"`
	Arn                      string   `xml:"Arn"`
	CreateDate               string   `xml:"CreateDate"`
	AssumeRolePolicyDocument string   `xml:"AssumeRolePolicyDocument"`
	Description              string   `xml:"Description,omitempty"`
	MaxSessionDuration       int32    `xml:"MaxSessionDuration"`
	Tags                     []xmlTag `xml:"Tags>member,omitempty"`
}

func (e *Emulator) xmlRole(r *role, withTags bool) *xmlRole {
	x := &xmlRole{
		Path: r.path, RoleName: r.name, RoleID: r.id, Arn: e.roleARN(r.path, r.name), CreateDate: timestamp(r.created),
		AssumeRolePolicyDocument: encodeDocument(r.trustDoc), Description: r.description, MaxSessionDuration: r.maxSession,
	}
	if withTags {
		x.Tags = xmlTags(r.tags)
	}
	return x
}

// targetRole resolves the RoleName an action is about, authorizing first as targetUser does.
func (e *Emulator) targetRole(req *request, action string) (*role, *apiError) {
	name, aerr := req.name("RoleName", 64)
	if aerr != nil {
		return nil, aerr
	}
	r, ok := e.roles[lowerName(name)]
	resource := e.roleARN("/", name)
	if ok {
		resource = e.roleARN(r.path, r.name)
	}
	if aerr := e.authorizeTarget(req, action, resource, ok, "The role with name %s cannot be found.", name); aerr != nil {
		return nil, aerr
	}
	return r, nil
}

type roleResult struct {
	Role *xmlRole `xml:"Role"`
}

func createRole(e *Emulator, req *request) (any, *apiError) {
	name, path, tags, aerr := req.newEntity("RoleName", 64)
	if aerr != nil {
		return nil, aerr
	}
	// The validation layer has held MaxSessionDuration to the model's 3600 to 43200.
	maxSession := int32(3600)
	if n, err := strconv.Atoi(req.get("MaxSessionDuration")); err == nil {
		maxSession = int32(n)
	}
	if aerr := e.authorizeCreate(req, "iam:CreateRole", "iam:TagRole", e.roleARN(path, name), tags); aerr != nil {
		return nil, aerr
	}
	doc, trust, aerr := trustPolicyDocument(req, "AssumeRolePolicyDocument")
	if aerr != nil {
		return nil, aerr
	}
	if _, exists := e.roles[lowerName(name)]; exists {
		return nil, errAlreadyExists("Role with name %s already exists.", name)
	}
	r := &role{
		name: name, path: path, id: newID("AROA"), description: req.get("Description"), maxSession: maxSession,
		created: req.now, tags: tags, trustDoc: doc, trust: trust, permissions: permissions{inline: policySet{}},
	}
	e.roles[lowerName(name)] = r
	e.policiesChanged(r, req.now)
	return roleResult{Role: e.xmlRole(r, true)}, nil
}

func getRole(e *Emulator, req *request) (any, *apiError) {
	r, aerr := e.targetRole(req, "GetRole")
	if aerr != nil {
		return nil, aerr
	}
	return roleResult{Role: e.xmlRole(r, true)}, nil
}

func updateAssumeRolePolicy(e *Emulator, req *request) (any, *apiError) {
	r, aerr := e.targetRole(req, "UpdateAssumeRolePolicy")
	if aerr != nil {
		return nil, aerr
	}
	doc, trust, aerr := trustPolicyDocument(req, "PolicyDocument")
	if aerr != nil {
		return nil, aerr
	}
	r.trustDoc, r.trust = doc, trust
	e.policiesChanged(r, req.now)
	return nil, nil
}

type listRolesResult struct {
	Roles []*xmlRole `xml:"Roles>member"`
	page
}

func listRoles(e *Emulator, req *request) (any, *apiError) {
	prefix := req.path("PathPrefix")
	if aerr := e.authorize(req, "iam:ListRoles", e.roleARN(prefix, "")); aerr != nil {
		return nil, aerr
	}
	var roles []*role
	for _, r := range e.roles {
		if strings.HasPrefix(r.path, prefix) {
			roles = append(roles, r)
		}
	}
	slices.SortFunc(roles, func(a, b *role) int { return strings.Compare(lowerName(a.name), lowerName(b.name)) })
	listed, more, aerr := paginate(req, roles, func(r *role) *xmlRole { return e.xmlRole(r, false) })
	if aerr != nil {
		return nil, aerr
	}
	return listRolesResult{Roles: listed, page: more}, nil
}

func deleteRole(e *Emulator, req *request) (any, *apiError) {
	r, aerr := e.targetRole(req, "DeleteRole")
	if aerr != nil {
		return nil, aerr
	}
	switch {
	case len(r.attached) > 0:
		return nil, errDeleteConflict("Cannot delete entity, must detach all policies first.")
	case len(r.inline) > 0:
		return nil, errDeleteConflict("Cannot delete entity, must delete policies first.")
	}
	// The role's sessions stop working with it: callerFor no longer finds the role.
	delete(e.roles, lowerName(r.name))
	return nil, nil
}
