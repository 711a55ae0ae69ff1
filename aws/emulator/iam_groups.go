package emulator

import (
	"slices"
	"strings"
	"time"

	"github.com/mfa-demo/mfa-demo/aws/emulator/policy"
)

// IAM groups (IAM API reference: CreateGroup, GetGroup, ListGroups, DeleteGroup,
// AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser; group inline and attached
// policies through the handlers shared with users and roles). A member user's requests
// are evaluated against the policies of its groups too ("IAM user groups": "the users in
// the group automatically have the permissions that are assigned to the group").

// maxGroupsPerUser is IAM's quota "Groups an IAM user can be a member of: 10" (IAM and
// AWS STS quotas).
const maxGroupsPerUser = 10

// group is an IAM user group.
type group struct {
	name, path, id string
	created        time.Time
	members        []string // lower-case user names, in the order they were added
	permissions
}

func (g *group) kind() string        { return "group" }
func (g *group) entityName() string  { return g.name }
func (g *group) perms() *permissions { return &g.permissions }
func (g *group) grants() grants      { return grants{inline: g.inline, attached: g.attached} }

func (e *Emulator) groupARN(path, name string) string {
	return "arn:aws:iam::" + e.account + ":group" + path + name
}

type xmlGroup struct {
	Path       string `xml:"Path"`
	GroupName  string `xml:"GroupName"`
	GroupID    string `xml:"GroupId"`
	Arn        string `xml:"Arn"`
	CreateDate string `xml:"CreateDate"`
}

func (e *Emulator) xmlGroup(g *group) xmlGroup {
	return xmlGroup{Path: g.path, GroupName: g.name, GroupID: g.id, Arn: e.groupARN(g.path, g.name), CreateDate: timestamp(g.created)}
}

// targetGroup resolves the GroupName an action is about, authorizing first as targetUser does.
func (e *Emulator) targetGroup(req *request, action string) (*group, *apiError) {
	name, aerr := req.name("GroupName", 128)
	if aerr != nil {
		return nil, aerr
	}
	g, ok := e.groups[lowerName(name)]
	resource := e.groupARN("/", name)
	if ok {
		resource = e.groupARN(g.path, g.name)
	}
	if aerr := e.authorizeTarget(req, action, resource, ok, "The group with name %s cannot be found.", name); aerr != nil {
		return nil, aerr
	}
	return g, nil
}

type createGroupResult struct {
	Group xmlGroup `xml:"Group"`
}

func createGroup(e *Emulator, req *request) (any, *apiError) {
	name, aerr := req.name("GroupName", 128)
	if aerr != nil {
		return nil, aerr
	}
	path := req.path("Path")
	if aerr := e.authorize(req, "iam:CreateGroup", e.groupARN(path, name)); aerr != nil {
		return nil, aerr
	}
	if _, exists := e.groups[lowerName(name)]; exists {
		return nil, errAlreadyExists("Group with name %s already exists.", name)
	}
	g := &group{name: name, path: path, id: newID("AGPA"), created: req.now, permissions: permissions{inline: policySet{}}}
	e.groups[lowerName(name)] = g
	return createGroupResult{Group: e.xmlGroup(g)}, nil
}

type getGroupResult struct {
	Group xmlGroup   `xml:"Group"`
	Users []*xmlUser `xml:"Users>member"`
	page
}

// getGroup lists the group's members, paginated as GetGroup is.
func getGroup(e *Emulator, req *request) (any, *apiError) {
	g, aerr := e.targetGroup(req, "GetGroup")
	if aerr != nil {
		return nil, aerr
	}
	users, more, aerr := paginate(req, g.members, func(name string) *xmlUser { return e.xmlUser(e.users[name], false) })
	if aerr != nil {
		return nil, aerr
	}
	return getGroupResult{Group: e.xmlGroup(g), Users: users, page: more}, nil
}

type listGroupsResult struct {
	Groups []xmlGroup `xml:"Groups>member"`
	page
}

func (e *Emulator) listedGroups(req *request, groups []*group) (any, *apiError) {
	slices.SortFunc(groups, func(a, b *group) int { return strings.Compare(lowerName(a.name), lowerName(b.name)) })
	listed, more, aerr := paginate(req, groups, e.xmlGroup)
	if aerr != nil {
		return nil, aerr
	}
	return listGroupsResult{Groups: listed, page: more}, nil
}

func listGroups(e *Emulator, req *request) (any, *apiError) {
	prefix := req.path("PathPrefix")
	if aerr := e.authorize(req, "iam:ListGroups", e.groupARN(prefix, "")); aerr != nil {
		return nil, aerr
	}
	var groups []*group
	for _, g := range e.groups {
		if strings.HasPrefix(g.path, prefix) {
			groups = append(groups, g)
		}
	}
	return e.listedGroups(req, groups)
}

// listGroupsForUser is about the user: iam:ListGroupsForUser on the user's ARN.
func listGroupsForUser(e *Emulator, req *request) (any, *apiError) {
	u, aerr := e.targetUser(req, "ListGroupsForUser")
	if aerr != nil {
		return nil, aerr
	}
	var groups []*group
	for _, name := range u.groups {
		groups = append(groups, e.groups[name])
	}
	return e.listedGroups(req, groups)
}

// deleteGroup refuses while the group has members or policies, one DeleteConflict per
// kind of dependent, as DeleteGroup's reference says ("The group must not contain any
// users or have any attached policies").
func deleteGroup(e *Emulator, req *request) (any, *apiError) {
	g, aerr := e.targetGroup(req, "DeleteGroup")
	if aerr != nil {
		return nil, aerr
	}
	switch {
	case len(g.members) > 0:
		return nil, errDeleteConflict("Cannot delete entity, must remove users from group first.")
	case len(g.attached) > 0:
		return nil, errDeleteConflict("Cannot delete entity, must detach all policies first.")
	case len(g.inline) > 0:
		return nil, errDeleteConflict("Cannot delete entity, must delete policies first.")
	}
	delete(e.groups, lowerName(g.name))
	return nil, nil
}

// membership reads GroupName and UserName: AddUserToGroup and RemoveUserFromGroup are
// authorized on the group.
func (e *Emulator) membership(req *request) (*group, *user, *apiError) {
	g, aerr := e.targetGroup(req, req.action())
	if aerr != nil {
		return nil, nil, aerr
	}
	name, aerr := req.name("UserName", 64)
	if aerr != nil {
		return nil, nil, aerr
	}
	u, ok := e.users[lowerName(name)]
	if !ok {
		return nil, nil, errNoSuchEntity("The user with name %s cannot be found.", name)
	}
	return g, u, nil
}

// addUserToGroup adding a member twice is a no-op, as on IAM.
func addUserToGroup(e *Emulator, req *request) (any, *apiError) {
	g, u, aerr := e.membership(req)
	if aerr != nil {
		return nil, aerr
	}
	key := lowerName(g.name)
	if slices.Contains(u.groups, key) {
		return nil, nil
	}
	if len(u.groups) >= maxGroupsPerUser {
		return nil, errLimitExceeded("Cannot exceed quota for GroupsPerUser: %d", maxGroupsPerUser)
	}
	u.groups = append(u.groups, key)
	g.members = append(g.members, lowerName(u.name))
	return nil, nil
}

func removeUserFromGroup(e *Emulator, req *request) (any, *apiError) {
	g, u, aerr := e.membership(req)
	if aerr != nil {
		return nil, aerr
	}
	key := lowerName(g.name)
	if !slices.Contains(u.groups, key) {
		return nil, errNoSuchEntity("The user with name %s cannot be found.", u.name)
	}
	u.groups = slices.DeleteFunc(u.groups, func(n string) bool { return n == key })
	member := lowerName(u.name)
	g.members = slices.DeleteFunc(g.members, func(n string) bool { return n == member })
	return nil, nil
}

// groupPolicies appends the policies of the user's groups, as far as their changes have
// propagated, to those identityPolicies found.
func (e *Emulator) groupPolicies(u *user, now time.Time, policies []*policy.Policy, managed []string) ([]*policy.Policy, []string) {
	for _, name := range u.groups {
		policies, managed = e.appendGrants(e.grantsAt(e.groups[name], now), policies, managed)
	}
	return policies, managed
}
