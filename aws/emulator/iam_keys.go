package emulator

import "slices"

// maxKeysPerUser is IAM's quota of access keys per user.
const maxKeysPerUser = 2

type xmlAccessKey struct {
	UserName        string `xml:"UserName"`
	AccessKeyID     string `xml:"AccessKeyId"`
	Status          string `xml:"Status"`
	SecretAccessKey string `xml:"SecretAccessKey,omitempty"`
	CreateDate      string `xml:"CreateDate"`
}

type createAccessKeyResult struct {
	AccessKey xmlAccessKey `xml:"AccessKey"`
}

func createAccessKey(e *Emulator, req *request) (any, *apiError) {
	u, aerr := e.targetUserOrCaller(req, "CreateAccessKey")
	if aerr != nil {
		return nil, aerr
	}
	if len(u.keys) >= maxKeysPerUser {
		return nil, errLimitExceeded("Cannot exceed quota for AccessKeysPerUser: %d", maxKeysPerUser)
	}
	cred := &credential{accessKeyID: newID("AKIA"), secret: newSecret(), created: req.now, visibleAt: req.now.Add(e.delay), userName: lowerName(u.name)}
	e.creds[cred.accessKeyID] = cred
	u.keys = append(u.keys, cred.accessKeyID)
	return createAccessKeyResult{AccessKey: xmlAccessKey{
		UserName:        u.name,
		AccessKeyID:     cred.accessKeyID,
		Status:          "Active",
		SecretAccessKey: cred.secret,
		CreateDate:      timestamp(cred.created),
	}}, nil
}

type listAccessKeysResult struct {
	AccessKeyMetadata []xmlAccessKey `xml:"AccessKeyMetadata>member"`
	page
}

func listAccessKeys(e *Emulator, req *request) (any, *apiError) {
	u, aerr := e.targetUserOrCaller(req, "ListAccessKeys")
	if aerr != nil {
		return nil, aerr
	}
	// A user's keys are always in e.creds: DeleteAccessKey removes both, and only
	// sessions are pruned.
	listed, more, aerr := paginate(req, u.keys, func(id string) xmlAccessKey {
		return xmlAccessKey{UserName: u.name, AccessKeyID: id, Status: "Active", CreateDate: timestamp(e.creds[id].created)}
	})
	if aerr != nil {
		return nil, aerr
	}
	return listAccessKeysResult{AccessKeyMetadata: listed, page: more}, nil
}

func deleteAccessKey(e *Emulator, req *request) (any, *apiError) {
	u, aerr := e.targetUserOrCaller(req, "DeleteAccessKey")
	if aerr != nil {
		return nil, aerr
	}
	id, aerr := req.required("AccessKeyId")
	if aerr != nil {
		return nil, aerr
	}
	if !slices.Contains(u.keys, id) {
		return nil, errNoSuchEntity("The Access Key with id %s cannot be found.", id)
	}
	// Sessions issued from this key stay valid until they expire, as on AWS.
	delete(e.creds, id)
	u.keys = slices.DeleteFunc(u.keys, func(k string) bool { return k == id })
	return nil, nil
}
