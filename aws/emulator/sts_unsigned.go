package emulator

import (
	"net/http"
	"net/url"
	"time"
)

// unsignedSTSActions are the STS actions AWS serves without a signature: the STS service
// model (botocore sts/2011-06-15, aws-sdk-go-v2 service/sts) gives them
// "auth": ["smithy.api#noAuth"], and the SDKs send them unsigned. The identity token or
// SAML assertion they carry is what authenticates them. Every other unsigned request is
// still refused with MissingAuthenticationToken.
var unsignedSTSActions = map[string]queryAction{
	"AssumeRoleWithWebIdentity": assumeRoleWithWebIdentity,
	"AssumeRoleWithSAML":        assumeRoleWithSAML,
}

// serveUnsigned serves an unsigned request for one of unsignedSTSActions and reports
// whether it did.
func (e *Emulator) serveUnsigned(w http.ResponseWriter, r *http.Request, body []byte, requestID string, now time.Time) bool {
	if !looksLikeQuery(r, body) {
		return false
	}
	action := r.URL.Query().Get("Action")
	if form, err := url.ParseQuery(string(body)); err == nil && form.Has("Action") {
		action = form.Get("Action")
	}
	if _, ok := unsignedSTSActions[action]; !ok {
		return false
	}
	req := &request{id: requestID, service: "sts", region: e.region, now: now, http: r, body: body}
	e.serveQuery(w, req, credential{}, unsignedSTSActions, stsNamespace)
	return true
}
