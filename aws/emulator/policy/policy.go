// Package policy parses IAM policy documents and evaluates authorization requests
// against them, following the IAM policy language as AWS documents it: Effect,
// Action/NotAction, Resource/NotResource with '*' and '?' wildcards, Principal/NotPrincipal
// in role trust policies, policy variables, and Condition operators with their
// IfExists, ForAnyValue: and ForAllValues: forms.
package policy

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxDocumentSize is the largest policy document Parse reads, in bytes. AWS's own
// quotas are smaller (2 KiB inline user policies, 6 KiB managed policies); this
// bound only keeps hostile input cheap.
const MaxDocumentSize = 128 << 10

// Kind says which policy grammar a document follows.
type Kind int

const (
	// Identity is the grammar of user and role inline policies and managed policies:
	// no Principal, and every statement names its resources.
	Identity Kind = iota
	// Trust is the grammar of role trust (assume-role) policies: every statement names
	// a Principal or NotPrincipal, and none names resources.
	Trust
)

// Versions of the policy language. Only VersionCurrent expands policy variables.
const (
	VersionCurrent = "2012-10-17"
	VersionLegacy  = "2008-10-17"
)

// MalformedError is the reason Parse refuses a document. Its text is the message
// AWS puts in a MalformedPolicyDocument error, without further context, so the
// emulator can return it as is.
type MalformedError struct {
	Message string
}

func (e *MalformedError) Error() string { return e.Message }

// AWS's wording for the refusals.
const (
	msgSyntax            = "Syntax errors in policy."
	msgLegacy            = "The policy failed legacy parsing"
	msgTooLarge          = "Policy document exceeds the maximum size."
	msgIdentityPrincipal = "Policy document should not specify a principal."
	msgTrustPrincipal    = "Missing required field Principal"
	msgNoActions         = "Policy statement must contain actions."
	msgNoResources       = "Policy statement must contain resources."
	msgSidUnique         = "Statement IDs (SID) in a single policy must be unique."
	msgSidCharset        = "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*"
	msgVendor            = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
	msgOneColon          = "Actions/Condition can contain only one colon."
)

func malformed(format string, args ...any) error {
	return &MalformedError{Message: fmt.Sprintf(format, args...)}
}

// Policy is a parsed, validated policy document.
type Policy struct {
	// Version is "2012-10-17", "2008-10-17", or "" when the document has none
	// (which AWS reads as 2008-10-17).
	Version string
	// ID is the document's optional Id element.
	ID string
	// Statements are in document order; EvaluateDetail reports matches by index.
	Statements []Statement
}

// Statement is one statement of a policy.
type Statement struct {
	// Sid is the optional statement ID.
	Sid string
	// Effect is "Allow" or "Deny".
	Effect string
	// Start and End are where the statement's braces are in the document: its '{' and its
	// '}', as SimulatePrincipalPolicy's StartPosition and EndPosition report them.
	Start, End Position

	actions      []actionPattern
	notAction    bool
	resources    []resourcePattern
	notResource  bool
	hasResource  bool
	principals   *principalSet
	notPrincipal bool
	conditions   []condition
}

type actionPattern []globRune

var topElements = map[string]bool{"Version": true, "Id": true, "Statement": true}

var statementElements = map[string]bool{
	"Sid": true, "Effect": true, "Principal": true, "NotPrincipal": true,
	"Action": true, "NotAction": true, "Resource": true, "NotResource": true, "Condition": true,
}

// Position is a place in a policy document: its line and column, both counted from 1, the
// column in bytes (the IAM API reference's Position type says neither).
type Position struct{ Line, Column int }

// positionOf is the Position of a byte offset of doc.
func positionOf(doc string, offset int) Position {
	before := doc[:offset]
	return Position{Line: strings.Count(before, "\n") + 1, Column: offset - strings.LastIndex(before, "\n")}
}

// Parse parses and validates a policy document of the given kind. A refused document
// gives a *MalformedError whose text is the message AWS would return.
func Parse(doc string, kind Kind) (*Policy, error) {
	if len(doc) > MaxDocumentSize {
		return nil, malformed(msgTooLarge)
	}
	if !utf8.ValidString(doc) {
		return nil, malformed(msgSyntax)
	}
	root, err := decodeJSON([]byte(doc))
	if err != nil || root.kind != jsonObject {
		return nil, malformed(msgSyntax)
	}
	for _, m := range root.members {
		if !topElements[m.key] {
			return nil, malformed(msgSyntax)
		}
	}

	p := &Policy{}
	if v, ok := root.member("Version"); ok {
		if v.kind != jsonString || (v.text != VersionCurrent && v.text != VersionLegacy) {
			return nil, malformed(msgSyntax)
		}
		p.Version = v.text
	}
	if v, ok := root.member("Id"); ok {
		if v.kind != jsonString {
			return nil, malformed(msgSyntax)
		}
		p.ID = v.text
	}

	stmts, ok := root.member("Statement")
	if !ok {
		return nil, malformed(msgSyntax)
	}
	var raw []jsonValue
	switch stmts.kind {
	case jsonObject:
		raw = []jsonValue{stmts}
	case jsonArray:
		raw = stmts.items
	default:
		return nil, malformed(msgSyntax)
	}
	if len(raw) == 0 {
		return nil, malformed(msgSyntax)
	}

	variables := p.Version == VersionCurrent
	// The checks run in the order AWS applies them: grammar first, then the
	// statement-level rules, so a document with several faults gets AWS's message.
	for _, s := range raw {
		if err := checkStatementSyntax(s); err != nil {
			return nil, err
		}
	}
	sids := map[string]bool{}
	for _, s := range raw {
		st, err := parseStatement(s, kind, variables)
		if err != nil {
			return nil, err
		}
		st.Start, st.End = positionOf(doc, s.start), positionOf(doc, s.end-1)
		if st.Sid != "" {
			if sids[st.Sid] {
				return nil, malformed(msgSidUnique)
			}
			sids[st.Sid] = true
		}
		p.Statements = append(p.Statements, st)
	}
	return p, nil
}

// checkStatementSyntax applies the JSON-shape rules of one statement.
func checkStatementSyntax(s jsonValue) error {
	if s.kind != jsonObject {
		return malformed(msgSyntax)
	}
	for _, m := range s.members {
		if !statementElements[m.key] {
			return malformed(msgSyntax)
		}
	}
	for _, pair := range [][2]string{{"Action", "NotAction"}, {"Resource", "NotResource"}, {"Principal", "NotPrincipal"}} {
		_, a := s.member(pair[0])
		_, b := s.member(pair[1])
		if a && b {
			return malformed(msgSyntax)
		}
	}
	effect, ok := s.member("Effect")
	if !ok || effect.kind != jsonString {
		return malformed(msgSyntax)
	}
	if !strings.EqualFold(effect.text, "Allow") && !strings.EqualFold(effect.text, "Deny") {
		return malformed(msgSyntax)
	}
	for _, name := range []string{"Action", "NotAction", "Resource", "NotResource"} {
		if v, ok := s.member(name); ok {
			if _, ok := stringList(v); !ok {
				return malformed(msgSyntax)
			}
		}
	}
	if v, ok := s.member("Sid"); ok && v.kind != jsonString {
		return malformed(msgSyntax)
	}
	if v, ok := s.member("Condition"); ok {
		if v.kind != jsonObject {
			return malformed(msgSyntax)
		}
		for _, op := range v.members {
			if op.value.kind != jsonObject {
				return malformed(msgSyntax)
			}
			if _, known := parseOperator(op.key); !known {
				return malformed(msgSyntax)
			}
			for _, kv := range op.value.members {
				if _, ok := conditionValues(kv.value); !ok {
					return malformed(msgSyntax)
				}
			}
		}
	}
	return nil
}

// stringList reads a JSON string or array of strings.
func stringList(v jsonValue) ([]string, bool) {
	switch v.kind {
	case jsonString:
		return []string{v.text}, true
	case jsonArray:
		out := make([]string, 0, len(v.items))
		for _, it := range v.items {
			if it.kind != jsonString {
				return nil, false
			}
			out = append(out, it.text)
		}
		return out, true
	}
	return nil, false
}

// conditionValues reads a condition value: a string, number or boolean, or an array of them.
func conditionValues(v jsonValue) ([]string, bool) {
	scalar := func(v jsonValue) bool {
		return v.kind == jsonString || v.kind == jsonNumber || v.kind == jsonBool
	}
	if scalar(v) {
		return []string{v.text}, true
	}
	if v.kind != jsonArray {
		return nil, false
	}
	out := make([]string, 0, len(v.items))
	for _, it := range v.items {
		if !scalar(it) {
			return nil, false
		}
		out = append(out, it.text)
	}
	return out, true
}

// parseStatement builds a statement whose JSON shape checkStatementSyntax accepted.
func parseStatement(s jsonValue, kind Kind, variables bool) (Statement, error) {
	var st Statement
	effect, _ := s.member("Effect")
	if effect.text != "Allow" && effect.text != "Deny" {
		return st, malformed(msgLegacy)
	}
	st.Effect = effect.text

	if v, ok := s.member("Sid"); ok {
		for _, r := range v.text {
			if (r < '0' || r > '9') && (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') {
				return st, malformed(msgSidCharset)
			}
		}
		st.Sid = v.text
	}

	if err := parseConditions(s, &st, variables); err != nil {
		return st, err
	}

	principal, hasPrincipal := s.member("Principal")
	if notPrincipal, ok := s.member("NotPrincipal"); ok {
		principal, hasPrincipal, st.notPrincipal = notPrincipal, true, true
	}
	switch {
	case kind == Identity && hasPrincipal:
		return st, malformed(msgIdentityPrincipal)
	case kind == Trust && !hasPrincipal:
		return st, malformed(msgTrustPrincipal)
	case hasPrincipal:
		ps, err := parsePrincipal(principal)
		if err != nil {
			return st, err
		}
		st.principals = ps
	}

	actionsVal, ok := s.member("Action")
	if notActions, isNot := s.member("NotAction"); isNot {
		actionsVal, ok, st.notAction = notActions, true, true
	}
	actions, _ := stringList(actionsVal)
	if !ok || len(actions) == 0 {
		return st, malformed(msgNoActions)
	}

	resVal, hasRes := s.member("Resource")
	resName := "Resource"
	if notRes, isNot := s.member("NotResource"); isNot {
		resVal, hasRes, st.notResource, resName = notRes, true, true, "NotResource"
	}
	resources, _ := stringList(resVal)
	switch {
	case kind == Trust && hasRes:
		return st, malformed("Has prohibited field %s", resName)
	case kind == Identity && (!hasRes || len(resources) == 0):
		return st, malformed(msgNoResources)
	}
	st.hasResource = hasRes
	for _, r := range resources {
		if r != "*" && !strings.Contains(r, ":") {
			return st, malformed("Resource %s must be in ARN format or \"*\".", r)
		}
		st.resources = append(st.resources, newResourcePattern(r, variables))
	}

	for _, a := range actions {
		ap, err := parseAction(a)
		if err != nil {
			return st, err
		}
		st.actions = append(st.actions, ap)
	}
	return st, nil
}

// parseAction checks the vendor:action form and compiles the pattern in lower case,
// since actions compare case-insensitively.
func parseAction(a string) (actionPattern, error) {
	if a == "*" {
		return compileGlob("*", nil), nil
	}
	vendor, _, found := strings.Cut(a, ":")
	if !found {
		return nil, malformed(msgVendor)
	}
	if strings.Count(a, ":") > 1 {
		return nil, malformed(msgOneColon)
	}
	for _, r := range vendor {
		if (r < '0' || r > '9') && (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') && r != '-' && r != '.' && r != '*' {
			return nil, malformed("Vendor %s is not valid", vendor)
		}
	}
	return compileGlob(strings.ToLower(a), nil), nil
}

func parseConditions(s jsonValue, st *Statement, variables bool) error {
	block, ok := s.member("Condition")
	if !ok {
		return nil
	}
	for _, op := range block.members {
		base, _ := parseOperator(op.key)
		for _, kv := range op.value.members {
			if !strings.Contains(kv.key, ":") {
				return malformed(msgVendor)
			}
			values, _ := conditionValues(kv.value)
			c := base
			c.key = kv.key
			for _, v := range values {
				if c.op.compare != nil && isDateOperator(op.key) {
					if _, ok := parseDate(v); !ok {
						return malformed(msgLegacy)
					}
				}
				c.values = append(c.values, parseTemplate(v, variables && c.op.variables))
			}
			st.conditions = append(st.conditions, c)
		}
	}
	return nil
}

func isDateOperator(name string) bool {
	name = strings.TrimPrefix(strings.TrimPrefix(name, "ForAnyValue:"), "ForAllValues:")
	return strings.HasPrefix(name, "Date")
}
