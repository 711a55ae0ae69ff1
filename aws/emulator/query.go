package emulator

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

const (
	iamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/"
	stsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"
)

// request is one authenticated call being served.
type request struct {
	id      string
	service string
	region  string
	now     time.Time
	http    *http.Request
	body    []byte
	params  url.Values
	caller  *caller
}

// queryAction serves one IAM or STS action. It runs with Emulator.mu held and returns
// the value that becomes the <ActionResult> element, or nil for actions without one.
type queryAction func(e *Emulator, r *request) (any, *apiError)

// serveQuery answers an AWS Query-protocol request (form-encoded Action=…).
func (e *Emulator) serveQuery(w http.ResponseWriter, req *request, cred credential, actions map[string]queryAction, namespace string) {
	params, err := url.ParseQuery(string(req.body))
	if err != nil {
		writeQueryError(w, req.id, newError(http.StatusBadRequest, "MalformedQueryString", "The request body is not a valid form-encoded query string."))
		return
	}
	// Some clients put the parameters in the URL of a GET; AWS accepts both.
	for k, v := range req.http.URL.Query() {
		if _, ok := params[k]; !ok {
			params[k] = v
		}
	}
	req.params = params
	action := params.Get("Action")
	serve, ok := actions[action]
	if !ok {
		writeQueryError(w, req.id, newError(http.StatusBadRequest, "InvalidAction",
			"Could not find operation %s for version %s", action, params.Get("Version")))
		return
	}

	// The request's shape is checked against the service model before the caller's
	// permissions or any entity are looked at (validation.go).
	if aerr := validateInput(req.service, action, params); aerr != nil {
		writeQueryError(w, req.id, aerr)
		return
	}
	result, aerr := e.runQueryAction(req, cred, serve)
	if aerr != nil {
		writeQueryError(w, req.id, aerr)
		return
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString("<" + action + "Response xmlns=\"" + namespace + "\">")
	if result != nil {
		enc := xml.NewEncoder(&buf)
		if err := enc.EncodeElement(result, xml.StartElement{Name: xml.Name{Local: action + "Result"}}); err != nil {
			writeQueryError(w, req.id, &apiError{status: http.StatusInternalServerError, code: "InternalFailure", message: "response encoding failed", receiver: true})
			return
		}
	}
	buf.WriteString("<ResponseMetadata><RequestId>" + req.id + "</RequestId></ResponseMetadata></" + action + "Response>")
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("x-amzn-RequestId", req.id)
	w.WriteHeader(http.StatusOK)
	w.Write(buf.Bytes())
}

func (e *Emulator) runQueryAction(req *request, cred credential, serve queryAction) (any, *apiError) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if cred.accessKeyID == "" {
		// An unsigned action (sts_unsigned.go): there is no caller.
		return serve(e, req)
	}
	c, aerr := e.callerFor(cred, req)
	if aerr != nil {
		return nil, aerr
	}
	req.caller = c
	if aerr := refuseSessionWithoutMFA(req); aerr != nil {
		return nil, aerr
	}
	return serve(e, req)
}

// refuseSessionWithoutMFA applies AWS's limits on sessions from GetSessionToken without
// an MFA code, before any policy: no IAM call at all (IAM answers as if the token were
// invalid), and no STS call but AssumeRole and GetCallerIdentity. Federated users
// (GetFederationToken) are held likewise, and may not call AssumeRole either: "You
// cannot call any STS operations except GetCallerIdentity" (GetFederationToken API
// reference).
func refuseSessionWithoutMFA(req *request) *apiError {
	c := req.caller
	if !c.isSession() || c.role != nil || c.cred.mfa {
		return nil
	}
	switch action := req.action(); {
	case req.service == "iam":
		return errInvalidClientTokenID()
	case req.service == "sts" && action != "GetCallerIdentity" && (action != "AssumeRole" || c.cred.federated != ""):
		return newError(http.StatusForbidden, "AccessDenied", "Cannot call %s with session credentials", action)
	}
	return nil
}

// action is the API action the request calls.
func (r *request) action() string { return r.get("Action") }

// get returns a parameter's value ("" when absent).
func (r *request) get(name string) string { return r.params.Get(name) }

// has reports whether a parameter was sent at all.
func (r *request) has(name string) bool { return r.params.Has(name) }

// members returns the list parameter NAME.member.1, NAME.member.2, … in order.
func (r *request) members(name string) []string {
	var out []string
	for i := 1; ; i++ {
		key := name + ".member." + strconv.Itoa(i)
		if !r.params.Has(key) {
			return out
		}
		out = append(out, r.params.Get(key))
	}
}

// tags returns Tags.member.N.Key / .Value; validateInput has checked their lengths,
// patterns and number (tagListType, at most 50).
func (r *request) tags() ([]tag, *apiError) {
	var out []tag
	for i := 1; ; i++ {
		prefix := "Tags.member." + strconv.Itoa(i)
		if !r.params.Has(prefix + ".Key") {
			break
		}
		out = append(out, tag{key: r.params.Get(prefix + ".Key"), value: r.params.Get(prefix + ".Value")})
	}
	return out, nil
}

var digitsPattern = regexp.MustCompile(`^[0-9]{6}$`)

// name reads a required entity name parameter and checks it as IAM does.
func (r *request) name(param string, maxLen int) (string, *apiError) {
	v := r.get(param)
	field := lowerFirst(param)
	switch {
	case v == "":
		return "", errValidation("1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", field)
	case len(v) > maxLen:
		// Only the emulator's own limits get here (a device name's 226): the validation
		// layer has already held the name to the service model's length and pattern.
		return "", errValidation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", v, field, maxLen)
	}
	return v, nil
}

// newEntity reads what every Create action starts with: the new entity's name, its Path
// (default "/") and its Tags.
func (r *request) newEntity(nameParam string, maxLen int) (name, path string, tags []tag, aerr *apiError) {
	if name, aerr = r.name(nameParam, maxLen); aerr != nil {
		return "", "", nil, aerr
	}
	path = r.path("Path")
	if tags, aerr = r.tags(); aerr != nil {
		return "", "", nil, aerr
	}
	return name, path, tags, nil
}

// path reads an optional Path or PathPrefix parameter (default "/"); the validation layer
// has held a given one to the service model's pattern.
func (r *request) path(param string) string {
	if v := r.get(param); v != "" {
		return v
	}
	return "/"
}

// required reads a parameter that must be present.
func (r *request) required(param string) (string, *apiError) {
	v := r.get(param)
	if v == "" {
		return "", errValidation("1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", lowerFirst(param))
	}
	return v, nil
}

// page ends every paginated IAM List result: whether more items follow, and the Marker
// that asks for them.
type page struct {
	IsTruncated bool   `xml:"IsTruncated"`
	Marker      string `xml:"Marker,omitempty"`
}

// paginate applies MaxItems and Marker (an index into the full list) to items, in the
// order they are listed, and converts the items of the page for the response.
func paginate[T, X any](req *request, items []T, convert func(T) X) ([]X, page, *apiError) {
	start, end := 0, len(items)
	if m := req.get("Marker"); m != "" {
		i, err := strconv.Atoi(m)
		if err != nil || i < 0 || i > len(items) {
			return nil, page{}, errValidation("Invalid Marker.")
		}
		start = i
	}
	var more page
	// The validation layer has held MaxItems to the model's integer range of 1 to 1000.
	if max, err := strconv.Atoi(req.get("MaxItems")); err == nil {
		if start+max < len(items) {
			end = start + max
			more = page{IsTruncated: true, Marker: strconv.Itoa(end)}
		}
	}
	out := make([]X, 0, end-start)
	for _, item := range items[start:end] {
		out = append(out, convert(item))
	}
	return out, more, nil
}

// same is the conversion for items listed as they are.
func same[T any](item T) T { return item }

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// timestamp formats a time as the Query protocol's ISO 8601 timestamps.
func timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// encodeDocument URL-encodes a policy document (RFC 3986) as IAM returns them from
// GetUserPolicy, GetRole, GetPolicyVersion and the like.
func encodeDocument(doc string) string {
	return strings.ReplaceAll(url.QueryEscape(doc), "+", "%20")
}
