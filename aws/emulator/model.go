package emulator

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"github.com/mfa-demo/mfa-demo/aws/emulator/policy"
)

// user is an IAM user.
type user struct {
	name, path, id string
	created        time.Time
	tags           []tag
	permissions
	keys    []string // access key IDs, in creation order
	devices []string // serial numbers of the MFA devices enabled for this user
	groups  []string // lower-case names of the groups the user is in, in joining order
	admin   bool     // the operator identity: no policy evaluation
}

// mfaDevice is a virtual MFA device.
type mfaDevice struct {
	serial, name, path string
	seed               string // base32, no padding
	created            time.Time
	tags               []tag
	userName           string // lower-case key into users; "" while unassigned
	enabled            time.Time
	usedSteps          []int64 // accepted TOTP steps, for replay refusal
}

// role is an IAM role.
type role struct {
	name, path, id string
	description    string
	maxSession     int32
	created        time.Time
	tags           []tag
	trustDoc       string
	trust          *policy.Policy
	permissions
}

// permissions are the identity policies a user or role holds, and what requests see of
// them while changes propagate.
type permissions struct {
	inline   policySet
	attached []string // managed policy ARNs
	seen     propagation
}

// principal is an IAM identity with policies of its own: a user or a role. The inline
// and attached policy actions, the policy simulator and the propagation of policy
// changes treat both alike.
type principal interface {
	kind() string // "user" or "role", as IAM's messages name it
	entityName() string
	perms() *permissions
	grants() grants // the policies as stored: inline, attached and, for a role, trust
}

func (u *user) kind() string        { return "user" }
func (u *user) entityName() string  { return u.name }
func (u *user) perms() *permissions { return &u.permissions }
func (u *user) grants() grants      { return grants{inline: u.inline, attached: u.attached} }
func (r *role) kind() string        { return "role" }
func (r *role) entityName() string  { return r.name }
func (r *role) perms() *permissions { return &r.permissions }
func (r *role) grants() grants      { return grants{inline: r.inline, attached: r.attached, trust: r.trust} }

// managedPolicy is a customer managed policy with a single version, v1.
type managedPolicy struct {
	name, path, id, arn string
	description         string
	doc                 string
	parsed              *policy.Policy
	created             time.Time
	tags                []tag
	attachments         int
}

// credential is an access key: a user's long-term key, or a session issued by STS.
type credential struct {
	accessKeyID string
	secret      string
	created     time.Time
	userName    string    // owner (lower-case key into users); for sessions of a user too
	visibleAt   time.Time // a new user key is unknown to signature checks until then

	// Sessions only.
	sessionToken string
	expires      time.Time
	roleName     string // set for AssumeRole sessions (lower-case key into roles)
	sessionName  string
	mfa          bool      // the session was issued with a valid MFA code
	mfaAt        time.Time // when that code was checked
	federated    string    // GetFederationToken sessions: the federated user's name
	provider     string    // AssumeRoleWithWebIdentity/SAML sessions: the provider (aws:FederatedProvider)
	session      *sessionPolicies
}

type tag struct{ key, value string }

// policySet holds inline policies by name, keeping the document as written.
type policySet map[string]inlinePolicy

type inlinePolicy struct {
	doc    string
	parsed *policy.Policy
}

// names lists the policy names in the order IAM lists them (alphabetical).
func (s policySet) names() []string {
	out := make([]string, 0, len(s))
	for n := range s {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// ARNs of the account's entities. Paths begin and end with "/".
func (e *Emulator) userARN(path, name string) string {
	return "arn:aws:iam::" + e.account + ":user" + path + name
}

func (e *Emulator) roleARN(path, name string) string {
	return "arn:aws:iam::" + e.account + ":role" + path + name
}

func (e *Emulator) policyARN(path, name string) string {
	return "arn:aws:iam::" + e.account + ":policy" + path + name
}

func (e *Emulator) mfaARN(path, name string) string {
	return "arn:aws:iam::" + e.account + ":mfa" + path + name
}

func (e *Emulator) addUser(name, path string, tags []tag, now time.Time) *user {
	u := &user{name: name, path: path, id: newID("AIDA"), created: now, tags: tags, permissions: permissions{inline: policySet{}}}
	e.users[strings.ToLower(name)] = u
	return u
}

// idAlphabet is the character set of IAM unique IDs and access key IDs.
const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

// newID returns an IAM-style unique ID: a four-letter prefix (AIDA, AROA, ANPA, AKIA,
// ASIA) followed by random characters, 21 in all as AWS makes them (20 for keys).
func newID(prefix string) string {
	n := 17
	if prefix == "AKIA" || prefix == "ASIA" {
		n = 16
	}
	b := make([]byte, n)
	rand.Read(b)
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return prefix + string(b)
}

// newSecret returns a 40-character secret access key.
func newSecret() string {
	b := make([]byte, 30)
	rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// newSessionToken returns an opaque session token.
func newSessionToken() string {
	b := make([]byte, 96)
	rand.Read(b)
	return "IQoJb3JpZ2luX2VjE" + base64.StdEncoding.EncodeToString(b)
}

// newSeed returns a 160-bit TOTP seed as unpadded base32, as IAM issues them.
func newSeed() string {
	b := make([]byte, 20)
	rand.Read(b)
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
}

func newRequestID() string {
	b := make([]byte, 16)
	rand.Read(b)
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
