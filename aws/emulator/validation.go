package emulator

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The table of input shapes (validation_rules.go) is generated from botocore's IAM and
// STS service models for the actions listed in actions.go; regenerate it after adding
// an action there. BOTOCORE is a botocore checkout (github.com/boto/botocore).
//go:generate go run ./internal/validationgen -actions actions.go -o validation_rules.go

// shapeKind is the type of a model shape, as far as validation tells them apart.
type shapeKind uint8

const (
	kindString shapeKind = iota
	kindInteger
	kindBoolean
	kindTimestamp
	kindList
	kindStructure
)

// inputShape is a model shape with its constraint traits: length for strings and
// lists, value range for integers, pattern and enum for strings.
type inputShape struct {
	kind        shapeKind
	hasMin      bool
	min         int64
	hasMax      bool
	max         int64
	pattern     *regexp.Regexp // patternText translated to RE2 and anchored
	patternText string         // as the model spells it, and AWS's messages quote it
	enum        []string
	sensitive   bool          // AWS leaves the value out of its message
	member      *inputShape   // of a list
	members     []inputMember // of a structure
}

// inputMember is a member of a structure; name is its name on the wire.
type inputMember struct {
	name     string
	required bool
	shape    *inputShape
}

// validateInput checks a Query request's parameters against the input shape of its
// action in the service model: required members, length, range, pattern and enum, as
// AWS's request validation does before any authorization or lookup (the Smithy
// constraint traits, smithy.io/2.0/spec/constraint-traits.html). Every violation
// counts, in the order of the model's members, and they are answered together as
// AWS words them:
//
//	1 validation error detected: Value '12345' at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6
//	2 validation errors detected: Value … ; Value …
//
// Members are named as AWS names them, lowerCamelCase with list positions:
// 'tags.1.member.key'.
func validateInput(service, action string, params url.Values) *apiError {
	var in *inputShape
	switch service {
	case "iam":
		in = iamInputs[action]
	case "sts":
		in = stsInputs[action]
	}
	if in == nil {
		return nil
	}
	var v violations
	v.structure(in, params, "")
	if len(v) == 0 {
		return nil
	}
	head := "1 validation error detected: "
	if len(v) > 1 {
		head = strconv.Itoa(len(v)) + " validation errors detected: "
	}
	return newError(http.StatusBadRequest, "ValidationError", "%s%s", head, strings.Join(v, "; "))
}

// violations are the messages of the constraints a request fails, in order.
type violations []string

// structure checks the members of a structure whose parameters start with prefix
// ("" at the top, "Tags.member.1." within a list).
func (v *violations) structure(s *inputShape, params url.Values, prefix string) {
	for _, m := range s.members {
		key := prefix + m.name
		if !present(m.shape, params, key) {
			if m.required {
				v.add(m.shape, key, "null", "Member must not be null")
			}
			continue
		}
		v.value(m.shape, params, key)
	}
}

// value checks one member that the request sent, under its parameter name key.
func (v *violations) value(s *inputShape, params url.Values, key string) {
	switch s.kind {
	case kindStructure:
		v.structure(s, params, key+".")
	case kindList:
		n := 0
		for present(s.member, params, key+".member."+strconv.Itoa(n+1)) {
			n++
		}
		v.length(s, params, key, int64(n))
		for i := 1; i <= n; i++ {
			v.value(s.member, params, key+".member."+strconv.Itoa(i))
		}
	case kindString:
		text := params.Get(key)
		v.length(s, params, key, int64(utf8.RuneCountInString(text)))
		if s.pattern != nil && !s.pattern.MatchString(text) {
			v.add(s, key, quoted(text), "Member must satisfy regular expression pattern: "+s.patternText)
		}
		if len(s.enum) > 0 && !contains(s.enum, text) {
			v.add(s, key, quoted(text), "Member must satisfy enum value set: ["+strings.Join(s.enum, ", ")+"]")
		}
	case kindInteger:
		text := params.Get(key)
		// The Query protocol's integers are Java ints; a value that is not one cannot
		// be compared with the range at all. (AWS's wording for this case is not
		// documented; this one follows the form of the others.)
		n, err := strconv.ParseInt(text, 10, 32)
		if err != nil {
			v.add(s, key, quoted(text), "Member must be an integer")
			return
		}
		if s.hasMin && n < s.min {
			v.add(s, key, quoted(text), "Member must have value greater than or equal to "+strconv.FormatInt(s.min, 10))
		}
		if s.hasMax && n > s.max {
			v.add(s, key, quoted(text), "Member must have value less than or equal to "+strconv.FormatInt(s.max, 10))
		}
	}
}

// length checks the length of a string (in code points, as Smithy's length trait
// counts) or of a list (in members).
func (v *violations) length(s *inputShape, params url.Values, key string, n int64) {
	if s.hasMin && n < s.min {
		v.add(s, key, shown(s, params, key), "Member must have length greater than or equal to "+strconv.FormatInt(s.min, 10))
	}
	if s.hasMax && n > s.max {
		v.add(s, key, shown(s, params, key), "Member must have length less than or equal to "+strconv.FormatInt(s.max, 10))
	}
}

// add records a violation of the member at parameter key, whose value is shown as
// value ("null", or quoted).
func (v *violations) add(s *inputShape, key, value, constraint string) {
	if s.sensitive && value != "null" {
		*v = append(*v, "Value at '"+memberPath(key)+"' failed to satisfy constraint: "+constraint)
		return
	}
	*v = append(*v, "Value "+value+" at '"+memberPath(key)+"' failed to satisfy constraint: "+constraint)
}

// present reports whether the request sent the member at parameter key. An empty
// list is sent as the bare name ("Tags="), as aws-sdk-go-v2's Query encoder does.
func present(s *inputShape, params url.Values, key string) bool {
	if _, ok := params[key]; ok {
		return true
	}
	switch s.kind {
	case kindList:
		return present(s.member, params, key+".member.1")
	case kindStructure:
		for _, m := range s.members {
			if present(m.shape, params, key+"."+m.name) {
				return true
			}
		}
	}
	return false
}

// shown is a value as AWS's messages show it: a string quoted, a list as Java prints
// one, '[a, b]' (a list of structures shows its members' parameter values).
func shown(s *inputShape, params url.Values, key string) string {
	if s.kind != kindList {
		return quoted(params.Get(key))
	}
	var items []string
	for i := 1; present(s.member, params, key+".member."+strconv.Itoa(i)); i++ {
		items = append(items, flat(s.member, params, key+".member."+strconv.Itoa(i)))
	}
	return quoted("[" + strings.Join(items, ", ") + "]")
}

// flat prints one member of a list for shown.
func flat(s *inputShape, params url.Values, key string) string {
	switch s.kind {
	case kindStructure:
		var parts []string
		for _, m := range s.members {
			if present(m.shape, params, key+"."+m.name) {
				parts = append(parts, lowerFirst(m.name)+"="+flat(m.shape, params, key+"."+m.name))
			}
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case kindList:
		return strings.Trim(shown(s, params, key), "'")
	}
	return params.Get(key)
}

func quoted(s string) string { return "'" + s + "'" }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// memberPath names a member as AWS's messages do: the parameter Tags.member.6.Value
// is 'tags.6.member.value'.
func memberPath(key string) string {
	parts := strings.Split(key, ".")
	for i := 0; i < len(parts); i++ {
		if parts[i] == "member" && i+1 < len(parts) {
			parts[i], parts[i+1] = parts[i+1], parts[i]
			i++
			continue
		}
		parts[i] = lowerFirst(parts[i])
	}
	return strings.Join(parts, ".")
}
