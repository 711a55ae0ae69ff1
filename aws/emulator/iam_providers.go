package emulator

import (
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// IAM identity providers: the OpenID Connect providers that AssumeRoleWithWebIdentity
// verifies tokens against (sts_web_identity.go) and the SAML providers that
// AssumeRoleWithSAML verifies assertions against (sts_saml.go). Both are named in trust
// policies by their ARN, as Principal {"Federated": ARN}.

// oidcProvider is an IAM OpenID Connect provider.
type oidcProvider struct {
	url         string // as registered: https://host[/path]
	arn         string // arn:aws:iam::ACCOUNT:oidc-provider/host[/path]
	clientIDs   []string
	thumbprints []string
	created     time.Time
	tags        []tag
}

// samlProvider is an IAM SAML provider.
type samlProvider struct {
	name, arn  string
	uuid       string
	entityID   string              // the IdP's entity ID: the Issuer of its assertions
	doc        string              // the metadata document as uploaded
	certs      []*x509.Certificate // its signing certificates
	validUntil time.Time
	created    time.Time
	tags       []tag
}

// identityProviders holds the account's providers by ARN. Its zero value is empty.
type identityProviders struct {
	oidc map[string]*oidcProvider
	saml map[string]*samlProvider
}

// Quotas of IAM (IAM user guide, "IAM and AWS STS quotas"; CreateOpenIDConnectProvider
// API reference: up to 100 client IDs and five thumbprints).
const (
	maxOIDCClientIDs   = 100
	maxOIDCThumbprints = 5
)

var thumbprintPattern = regexp.MustCompile(`^[0-9A-Fa-f]{40}$`)

// oidcProviderARN is the ARN IAM gives a provider: its URL without the scheme.
func (e *Emulator) oidcProviderARN(providerURL string) string {
	return "arn:aws:iam::" + e.account + ":oidc-provider/" + strings.TrimPrefix(providerURL, "https://")
}

func (e *Emulator) samlProviderARN(name string) string {
	return "arn:aws:iam::" + e.account + ":saml-provider/" + name
}

func errInvalidInput(format string, args ...any) *apiError {
	return newError(http.StatusBadRequest, "InvalidInput", format, args...)
}

type createOIDCProviderResult struct {
	OpenIDConnectProviderArn string   `xml:"OpenIDConnectProviderArn"`
	Tags                     []xmlTag `xml:"Tags>member,omitempty"`
}

// createOpenIDConnectProvider follows the CreateOpenIDConnectProvider API reference: the
// URL "must begin with https://", may have a path but no query (nor, here, a port); one
// provider per URL; up to 100 client IDs of 1–255 characters and five 40-character
// thumbprints (optional: IAM fetches one itself when none is given).
func createOpenIDConnectProvider(e *Emulator, req *request) (any, *apiError) {
	raw, aerr := req.required("Url")
	if aerr != nil {
		return nil, aerr
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil || len(raw) > 255 {
		return nil, errInvalidInput("Invalid Open ID Connect Provider URL")
	}
	providerURL := "https://" + u.Host + strings.TrimSuffix(u.Path, "/")
	clientIDs := req.members("ClientIDList")
	if len(clientIDs) > maxOIDCClientIDs {
		return nil, errLimitExceeded("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: %d", maxOIDCClientIDs)
	}
	for i, id := range clientIDs {
		if id == "" || len(id) > 255 {
			return nil, errValidation("1 validation error detected: Value '%s' at 'clientIDList.%d.member' failed to satisfy constraint: Member must have length between 1 and 255", id, i+1)
		}
	}
	thumbprints := req.members("ThumbprintList")
	if len(thumbprints) > maxOIDCThumbprints {
		return nil, errLimitExceeded("Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: %d", maxOIDCThumbprints)
	}
	for i, tp := range thumbprints {
		if !thumbprintPattern.MatchString(tp) {
			return nil, errValidation("1 validation error detected: Value '%s' at 'thumbprintList.%d.member' failed to satisfy constraint: Member must have length greater than or equal to 40", tp, i+1)
		}
	}
	tags, aerr := req.tags()
	if aerr != nil {
		return nil, aerr
	}
	arn := e.oidcProviderARN(providerURL)
	if aerr := e.authorizeCreate(req, "iam:CreateOpenIDConnectProvider", "iam:TagOpenIDConnectProvider", arn, tags); aerr != nil {
		return nil, aerr
	}
	idp := e.identityProviders()
	if _, exists := idp.oidc[arn]; exists {
		return nil, errAlreadyExists("Provider with url %s already exists.", providerURL)
	}
	idp.oidc[arn] = &oidcProvider{url: providerURL, arn: arn, clientIDs: slices.Compact(clientIDs), thumbprints: thumbprints, created: req.now, tags: tags}
	return createOIDCProviderResult{OpenIDConnectProviderArn: arn, Tags: xmlTags(tags)}, nil
}

// identityProviders returns the account's providers, making the maps on first use.
func (e *Emulator) identityProviders() *identityProviders {
	if e.idp.oidc == nil {
		e.idp.oidc = map[string]*oidcProvider{}
		e.idp.saml = map[string]*samlProvider{}
	}
	return &e.idp
}

// targetOIDCProvider resolves the OpenIDConnectProviderArn an action is about,
// authorizing first.
func (e *Emulator) targetOIDCProvider(req *request, action string) (*oidcProvider, *apiError) {
	arn, aerr := req.required("OpenIDConnectProviderArn")
	if aerr != nil {
		return nil, aerr
	}
	p, ok := e.identityProviders().oidc[arn]
	if aerr := e.authorizeTarget(req, action, arn, ok, "OpenIDConnect Provider not found for arn %s", arn); aerr != nil {
		return nil, aerr
	}
	return p, nil
}

type getOIDCProviderResult struct {
	URL            string   `xml:"Url"`
	ClientIDList   []string `xml:"ClientIDList>member"`
	ThumbprintList []string `xml:"ThumbprintList>member"`
	CreateDate     string   `xml:"CreateDate"`
	Tags           []xmlTag `xml:"Tags>member"`
}

func getOpenIDConnectProvider(e *Emulator, req *request) (any, *apiError) {
	p, aerr := e.targetOIDCProvider(req, "GetOpenIDConnectProvider")
	if aerr != nil {
		return nil, aerr
	}
	// IAM answers the URL without its scheme, as in the ARN.
	return getOIDCProviderResult{URL: strings.TrimPrefix(p.url, "https://"), ClientIDList: p.clientIDs, ThumbprintList: p.thumbprints,
		CreateDate: timestamp(p.created), Tags: xmlTags(p.tags)}, nil
}

type arnEntry struct {
	Arn string `xml:"Arn"`
}

type listOIDCProvidersResult struct {
	OpenIDConnectProviderList []arnEntry `xml:"OpenIDConnectProviderList>member"`
}

// listOpenIDConnectProviders lists every provider at once: the action has no paging.
func listOpenIDConnectProviders(e *Emulator, req *request) (any, *apiError) {
	if aerr := e.authorize(req, "iam:ListOpenIDConnectProviders", "*"); aerr != nil {
		return nil, aerr
	}
	arns := slices.Sorted(maps.Keys(e.identityProviders().oidc))
	res := listOIDCProvidersResult{OpenIDConnectProviderList: []arnEntry{}}
	for _, a := range arns {
		res.OpenIDConnectProviderList = append(res.OpenIDConnectProviderList, arnEntry{Arn: a})
	}
	return res, nil
}

func deleteOpenIDConnectProvider(e *Emulator, req *request) (any, *apiError) {
	p, aerr := e.targetOIDCProvider(req, "DeleteOpenIDConnectProvider")
	if aerr != nil {
		return nil, aerr
	}
	delete(e.identityProviders().oidc, p.arn)
	return nil, nil
}

var samlProviderNamePattern = regexp.MustCompile(`^[\w._-]+$`)

// samlMetadata is what the emulator reads of a SAML 2.0 metadata document: the IdP's
// entity ID, validity and signing certificates (SAML 2.0 metadata, section 2.4.3).
type samlMetadata struct {
	XMLName    xml.Name `xml:"urn:oasis:names:tc:SAML:2.0:metadata EntityDescriptor"`
	EntityID   string   `xml:"entityID,attr"`
	ValidUntil string   `xml:"validUntil,attr"`
	IDP        []struct {
		Keys []struct {
			Use   string   `xml:"use,attr"`
			Certs []string `xml:"http://www.w3.org/2000/09/xmldsig# KeyInfo>X509Data>X509Certificate"`
		} `xml:"urn:oasis:names:tc:SAML:2.0:metadata KeyDescriptor"`
	} `xml:"urn:oasis:names:tc:SAML:2.0:metadata IDPSSODescriptor"`
}

// parseSAMLMetadata reads the signing certificates of an IdP's metadata document; IAM
// refuses a document it cannot use with "Could not parse metadata" (IAM user guide,
// "Troubleshoot SAML federation with IAM").
func parseSAMLMetadata(doc string) (*samlMetadata, []*x509.Certificate, time.Time, *apiError) {
	bad := errInvalidInput("Could not parse metadata")
	var md samlMetadata
	if err := xml.Unmarshal([]byte(doc), &md); err != nil || md.EntityID == "" {
		return nil, nil, time.Time{}, bad
	}
	var certs []*x509.Certificate
	for _, idp := range md.IDP {
		for _, k := range idp.Keys {
			if k.Use != "" && k.Use != "signing" {
				continue
			}
			for _, c := range k.Certs {
				der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(c), ""))
				if err != nil {
					return nil, nil, time.Time{}, bad
				}
				cert, err := x509.ParseCertificate(der)
				if err != nil {
					return nil, nil, time.Time{}, bad
				}
				certs = append(certs, cert)
			}
		}
	}
	if len(certs) == 0 {
		return nil, nil, time.Time{}, bad
	}
	var validUntil time.Time
	if md.ValidUntil != "" {
		t, err := time.Parse(time.RFC3339, md.ValidUntil)
		if err != nil {
			return nil, nil, time.Time{}, bad
		}
		validUntil = t
	}
	return &md, certs, validUntil, nil
}

type createSAMLProviderResult struct {
	SAMLProviderArn string   `xml:"SAMLProviderArn"`
	Tags            []xmlTag `xml:"Tags>member,omitempty"`
}

// createSAMLProvider follows the CreateSAMLProvider API reference: Name of 1–128
// characters of [\w._-]; SAMLMetadataDocument of 1,000 to 10,000,000 characters.
func createSAMLProvider(e *Emulator, req *request) (any, *apiError) {
	name, aerr := req.required("Name")
	if aerr != nil {
		return nil, aerr
	}
	if len(name) > 128 || !samlProviderNamePattern.MatchString(name) {
		return nil, errValidation("1 validation error detected: Value '%s' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w._-]+", name)
	}
	doc, aerr := req.required("SAMLMetadataDocument")
	if aerr != nil {
		return nil, aerr
	}
	if len(doc) < 1000 || len(doc) > 10000000 {
		return nil, errValidation("1 validation error detected: Value at 'sAMLMetadataDocument' failed to satisfy constraint: Member must have length greater than or equal to 1000")
	}
	tags, aerr := req.tags()
	if aerr != nil {
		return nil, aerr
	}
	arn := e.samlProviderARN(name)
	if aerr := e.authorizeCreate(req, "iam:CreateSAMLProvider", "iam:TagSAMLProvider", arn, tags); aerr != nil {
		return nil, aerr
	}
	md, certs, validUntil, aerr := parseSAMLMetadata(doc)
	if aerr != nil {
		return nil, aerr
	}
	idp := e.identityProviders()
	if _, exists := idp.saml[arn]; exists {
		return nil, errAlreadyExists("SAMLProvider %s already exists.", name)
	}
	if validUntil.IsZero() {
		// IAM gives a provider without validUntil a hundred years.
		validUntil = req.now.AddDate(100, 0, 0)
	}
	idp.saml[arn] = &samlProvider{name: name, arn: arn, uuid: newUUID(), entityID: md.EntityID, doc: doc, certs: certs, validUntil: validUntil, created: req.now, tags: tags}
	return createSAMLProviderResult{SAMLProviderArn: arn, Tags: xmlTags(tags)}, nil
}

// newUUID returns a random (version 4) UUID, as IAM's SAMLProviderUUID.
func newUUID() string {
	b := make([]byte, 16)
	rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func (e *Emulator) targetSAMLProvider(req *request, action string) (*samlProvider, *apiError) {
	arn, aerr := req.required("SAMLProviderArn")
	if aerr != nil {
		return nil, aerr
	}
	p, ok := e.identityProviders().saml[arn]
	if aerr := e.authorizeTarget(req, action, arn, ok, "Manifest not found for arn %s", arn); aerr != nil {
		return nil, aerr
	}
	return p, nil
}

type getSAMLProviderResult struct {
	SAMLProviderUUID        string   `xml:"SAMLProviderUUID"`
	SAMLMetadataDocument    string   `xml:"SAMLMetadataDocument"`
	CreateDate              string   `xml:"CreateDate"`
	ValidUntil              string   `xml:"ValidUntil"`
	AssertionEncryptionMode string   `xml:"AssertionEncryptionMode"`
	Tags                    []xmlTag `xml:"Tags>member"`
}

func getSAMLProvider(e *Emulator, req *request) (any, *apiError) {
	p, aerr := e.targetSAMLProvider(req, "GetSAMLProvider")
	if aerr != nil {
		return nil, aerr
	}
	return getSAMLProviderResult{SAMLProviderUUID: p.uuid, SAMLMetadataDocument: p.doc, CreateDate: timestamp(p.created),
		ValidUntil: timestamp(p.validUntil), AssertionEncryptionMode: "Allowed", Tags: xmlTags(p.tags)}, nil
}

type samlProviderEntry struct {
	Arn        string `xml:"Arn"`
	ValidUntil string `xml:"ValidUntil"`
	CreateDate string `xml:"CreateDate"`
}

type listSAMLProvidersResult struct {
	SAMLProviderList []samlProviderEntry `xml:"SAMLProviderList>member"`
}

func listSAMLProviders(e *Emulator, req *request) (any, *apiError) {
	if aerr := e.authorize(req, "iam:ListSAMLProviders", "*"); aerr != nil {
		return nil, aerr
	}
	idp := e.identityProviders()
	res := listSAMLProvidersResult{SAMLProviderList: []samlProviderEntry{}}
	for _, a := range slices.Sorted(maps.Keys(idp.saml)) {
		p := idp.saml[a]
		res.SAMLProviderList = append(res.SAMLProviderList, samlProviderEntry{Arn: a, ValidUntil: timestamp(p.validUntil), CreateDate: timestamp(p.created)})
	}
	return res, nil
}

func deleteSAMLProvider(e *Emulator, req *request) (any, *apiError) {
	p, aerr := e.targetSAMLProvider(req, "DeleteSAMLProvider")
	if aerr != nil {
		return nil, aerr
	}
	delete(e.identityProviders().saml, p.arn)
	return nil, nil
}
