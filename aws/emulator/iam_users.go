package emulator

import (
	"slices"
	"strings"
)

type xmlUser struct {
	Path       string   `xml:"Path"`
	UserName   string   `xml:"UserName"`
	UserID     string   `xml:"UserId"`
	Arn        string   `xml:"Arn"`
	CreateDate string   `xml:"CreateDate"`
	Tags       []xmlTag `xml:"Tags>member,omitempty"`
}

func (e *Emulator) xmlUser(u *user, withTags bool) *xmlUser {
	x := &xmlUser{Path: u.path, UserName: u.name, UserID: u.id, Arn: e.userARN(u.path, u.name), CreateDate: timestamp(u.created)}
	if withTags {
		x.Tags = xmlTags(u.tags)
	}
	return x
}

// targetUser resolves the UserName an action is about, authorizing the action on the
// user's ARN first (authorizeTarget). A user that does not exist is named at path "/".
func (e *Emulator) targetUser(req *request, action string) (*user, *apiError) {
	name, aerr := req.name("UserName", 64)
	if aerr != nil {
		return nil, aerr
	}
	return e.userNamed(req, action, name)
}

// targetUserOrCaller is targetUser for the actions whose UserName is optional: without
// it they are about the calling user.
func (e *Emulator) targetUserOrCaller(req *request, action string) (*user, *apiError) {
	if req.has("UserName") {
		return e.targetUser(req, action)
	}
	if req.caller.user == nil {
		return nil, errValidation("Must specify userName when calling with non-User credentials")
	}
	return e.userNamed(req, action, req.caller.user.name)
}

func (e *Emulator) userNamed(req *request, action, name string) (*user, *apiError) {
	u, ok := e.users[lowerName(name)]
	resource := e.userARN("/", name)
	if ok {
		resource = e.userARN(u.path, u.name)
	}
	if aerr := e.authorizeTarget(req, action, resource, ok, "The user with name %s cannot be found.", name); aerr != nil {
		return nil, aerr
	}
	return u, nil
}

type createUserResult struct {
	User *xmlUser `xml:"User"`
}

func createUser(e *Emulator, req *request) (any, *apiError) {
	name, path, tags, aerr := req.newEntity("UserName", 64)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := e.authorizeCreate(req, "iam:CreateUser", "iam:TagUser", e.userARN(path, name), tags); aerr != nil {
		return nil, aerr
	}
	if _, exists := e.users[lowerName(name)]; exists {
		return nil, errAlreadyExists("User with name %s already exists.", name)
	}
	u := e.addUser(name, path, tags, req.now)
	return createUserResult{User: e.xmlUser(u, true)}, nil
}

type getUserResult struct {
	User *xmlUser `xml:"User"`
}

func getUser(e *Emulator, req *request) (any, *apiError) {
	u, aerr := e.targetUserOrCaller(req, "GetUser")
	if aerr != nil {
		return nil, aerr
	}
	return getUserResult{User: e.xmlUser(u, true)}, nil
}

type listUsersResult struct {
	Users []*xmlUser `xml:"Users>member"`
	page
}

func listUsers(e *Emulator, req *request) (any, *apiError) {
	prefix := req.path("PathPrefix")
	if aerr := e.authorize(req, "iam:ListUsers", e.userARN(prefix, "")); aerr != nil {
		return nil, aerr
	}
	var users []*user
	for _, u := range e.users {
		if strings.HasPrefix(u.path, prefix) {
			users = append(users, u)
		}
	}
	slices.SortFunc(users, func(a, b *user) int { return strings.Compare(lowerName(a.name), lowerName(b.name)) })
	listed, more, aerr := paginate(req, users, func(u *user) *xmlUser { return e.xmlUser(u, false) })
	if aerr != nil {
		return nil, aerr
	}
	return listUsersResult{Users: listed, page: more}, nil
}

func deleteUser(e *Emulator, req *request) (any, *apiError) {
	u, aerr := e.targetUser(req, "DeleteUser")
	if aerr != nil {
		return nil, aerr
	}
	// One refusal per kind of dependent, checked in the order a teardown removes them.
	switch {
	case len(u.inline) > 0 || len(u.attached) > 0:
		return nil, errDeleteConflict("Cannot delete entity, must detach all policies first.")
	case len(u.keys) > 0:
		return nil, errDeleteConflict("Cannot delete entity, must delete access keys first.")
	case len(u.devices) > 0:
		return nil, errDeleteConflict("Cannot delete entity, must deactivate MFA devices first.")
	case len(u.groups) > 0:
		return nil, errDeleteConflict("Cannot delete entity, must remove users from group first.")
	}
	delete(e.users, lowerName(u.name))
	return nil, nil
}
