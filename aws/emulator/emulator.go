package emulator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// Options configure an Emulator. The zero value gives the LocalStack conventions:
// account 000000000000, admin key "test"/"test", region us-east-1, the DefaultBuckets.
type Options struct {
	AccountID       string           // default "000000000000"
	AccessKeyID     string           // admin key, default "test"
	SecretAccessKey string           // admin secret, default "test"
	Region          string           // default "us-east-1"
	Buckets         []string         // sample buckets created at start; nil → DefaultBuckets
	NoSampleBuckets bool             // start with no buckets at all
	Now             func() time.Time // clock for SigV4 skew, TOTP, expiry; default time.Now

	// PropagationDelay models IAM's eventual consistency: a new access key answers
	// InvalidClientTokenId (IAM, STS) or InvalidAccessKeyId (S3) for this long after
	// its creation, and a new or changed identity or trust policy (inline, attached,
	// detached) takes effect this long after the change; requests in between are
	// evaluated against the state before it. Zero (the default) makes everything
	// take effect at once.
	PropagationDelay time.Duration
	// ClockOffset sets the emulator's clock this far ahead of Now (behind when
	// negative), like a server whose clock disagrees with the client's: requests
	// signed more than 15 minutes off are refused, TOTP codes computed from the
	// client's clock are off by as much, and the Date header says so.
	ClockOffset time.Duration
	// WebIdentityKeys gives, for an OpenID Connect issuer URL (the "iss" of its tokens,
	// e.g. "https://idp.example.com"), its JSON Web Key Set, the document AWS fetches
	// from the issuer's jwks_uri. The emulator never fetches keys itself: a web identity
	// token from an issuer not listed here answers InvalidIdentityToken.
	WebIdentityKeys map[string]string
}

// DefaultBuckets are the sample S3 buckets an emulator starts with, so that the
// with-MFA listing of the demo has something to show.
var DefaultBuckets = []string{"mfa-demo-reports", "mfa-demo-photos", "mfa-demo-backups"}

// AdminUserName is the IAM user name of the operator identity that the admin key
// belongs to. The admin may call every action without policy evaluation.
const AdminUserName = "admin"

// IdentityHeader, with IdentityValue, is on every answer of this emulator.
const (
	IdentityHeader = "X-Mfa-Demo-Emulator"
	IdentityValue  = "mfa-demo"
)

// maxBodyBytes bounds a request body; every request this emulator understands is far smaller.
const maxBodyBytes = 1 << 20

// Emulator is an in-memory IAM, STS and S3 endpoint. It is an http.Handler and is safe
// for concurrent use.
type Emulator struct {
	account string
	region  string
	now     func() time.Time // Options.Now, plus ClockOffset and what MoveClock moved
	moved   atomic.Int64     // MoveClock's total, in nanoseconds
	delay   time.Duration    // Options.PropagationDelay
	signer  *v4.Signer

	mu       sync.Mutex
	users    map[string]*user          // by lower-case name: IAM names ignore case
	devices  map[string]*mfaDevice     // by serial number
	roles    map[string]*role          // by lower-case name
	groups   map[string]*group         // by lower-case name
	policies map[string]*managedPolicy // by ARN
	creds    map[string]*credential    // by access key ID
	buckets  map[string]time.Time      // name → creation time

	lastPrune time.Time // when expired sessions were last swept

	idp     identityProviders // OIDC and SAML providers (iam_providers.go)
	webKeys map[string]string // Options.WebIdentityKeys
}

// New returns an Emulator with the admin user, its key and the sample buckets.
func New(opts Options) *Emulator {
	if opts.AccountID == "" {
		opts.AccountID = "000000000000"
	}
	if opts.AccessKeyID == "" {
		opts.AccessKeyID = "test"
	}
	if opts.SecretAccessKey == "" {
		opts.SecretAccessKey = "test"
	}
	if opts.Region == "" {
		opts.Region = "us-east-1"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	e := &Emulator{
		account:  opts.AccountID,
		region:   opts.Region,
		delay:    max(opts.PropagationDelay, 0),
		signer:   v4.NewSigner(),
		users:    map[string]*user{},
		devices:  map[string]*mfaDevice{},
		roles:    map[string]*role{},
		groups:   map[string]*group{},
		policies: map[string]*managedPolicy{},
		creds:    map[string]*credential{},
		buckets:  map[string]time.Time{},
		webKeys:  maps.Clone(opts.WebIdentityKeys),
	}
	e.now = func() time.Time { return opts.Now().Add(opts.ClockOffset + time.Duration(e.moved.Load())) }
	created := e.now().UTC()
	admin := e.addUser(AdminUserName, "/", nil, created)
	admin.admin = true
	e.creds[opts.AccessKeyID] = &credential{
		accessKeyID: opts.AccessKeyID,
		secret:      opts.SecretAccessKey,
		userName:    admin.name,
		created:     created,
	}
	admin.keys = append(admin.keys, opts.AccessKeyID)
	if !opts.NoSampleBuckets {
		buckets := opts.Buckets
		if buckets == nil {
			buckets = DefaultBuckets
		}
		for _, b := range buckets {
			e.buckets[b] = created
		}
	}
	return e
}

// MoveClock moves the emulator's clock d forward (back when negative) from now on, as if
// that much time had passed: sessions and MFA ages grow, and codes and signatures are judged
// by the moved clock. It is the admin hook a demo shows an expiry with instead of waiting;
// beyond 15 minutes in all, clients signing with their own clock are refused for skew.
func (e *Emulator) MoveClock(d time.Duration) { e.moved.Add(int64(d)) }

// ServeHTTP answers one IAM, STS or S3 request, routed by the service named in the
// SigV4 credential scope.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := newRequestID()
	now := e.now()
	// AWS dates every answer by its own clock; SDKs measure clock skew from it.
	w.Header().Set("Date", now.UTC().Format(http.TimeFormat))
	// The demo tells its own emulator by this, wherever it runs: only there may a built-in
	// authenticator stand in for a phone without being asked.
	w.Header().Set(IdentityHeader, IdentityValue)
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		e.refuse(w, r, body, "", requestID, newError(http.StatusRequestEntityTooLarge, "RequestEntityTooLarge", "Request body is too large or could not be read."))
		return
	}
	auth, aerr := e.authenticate(r, body, now)
	if aerr != nil {
		e.refuse(w, r, body, auth.service, requestID, aerr)
		return
	}
	if auth.service == "" {
		if !e.serveUnsigned(w, r, body, requestID, now) {
			e.refuse(w, r, body, "", requestID, nil)
		}
		return
	}
	req := &request{
		id:      requestID,
		service: auth.service,
		region:  auth.region,
		now:     now,
		http:    r,
		body:    body,
	}
	switch auth.service {
	case "iam":
		e.serveQuery(w, req, auth.cred, iamActions, iamNamespace)
	case "sts":
		e.serveQuery(w, req, auth.cred, stsActions, stsNamespace)
	case "s3":
		e.serveS3(w, req, auth.cred)
	default:
		writeQueryError(w, requestID, newError(http.StatusBadRequest, "InvalidAction",
			"The service %q is not offered by this emulator (it serves iam, sts and s3).", auth.service))
	}
}

// refuse answers a request that could not be authenticated, in the protocol of the
// service it was meant for. A nil error means the request was not signed at all.
func (e *Emulator) refuse(w http.ResponseWriter, r *http.Request, body []byte, service, requestID string, aerr *apiError) {
	query := service == "iam" || service == "sts" || (service == "" && looksLikeQuery(r, body))
	if aerr == nil {
		if query {
			aerr = newError(http.StatusForbidden, "MissingAuthenticationToken", "Request is missing Authentication Token")
		} else {
			aerr = newError(http.StatusForbidden, "AccessDenied", "Access Denied")
		}
	}
	if query || (service != "" && service != "s3") {
		writeQueryError(w, requestID, aerr)
		return
	}
	writeS3Error(w, r, requestID, aerr)
}

// looksLikeQuery guesses, for a request without a readable signature, whether it was
// meant for IAM/STS (a form POST or an Action parameter) rather than S3.
func looksLikeQuery(r *http.Request, body []byte) bool {
	if r.URL.Query().Has("Action") {
		return true
	}
	return r.Method == http.MethodPost && r.URL.Path == "/" &&
		(strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") ||
			strings.Contains(string(body), "Action="))
}

// Server is an Emulator listening on a TCP address.
type Server struct {
	URL      string    // base endpoint, e.g. "http://127.0.0.1:4566"
	Emulator *Emulator // the state it serves
	http     *http.Server
	done     chan error
}

// Start listens on addr (e.g. "127.0.0.1:0") and serves a new Emulator in the background
// until Close.
func Start(addr string, opts Options) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("emulator listen on %s: %w", addr, err)
	}
	em := New(opts)
	s := &Server{
		URL:      "http://" + ln.Addr().String(),
		Emulator: em,
		http:     &http.Server{Handler: em, ReadHeaderTimeout: 10 * time.Second},
		done:     make(chan error, 1),
	}
	go func() {
		err := s.http.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		s.done <- err
	}()
	return s, nil
}

// Close stops the server, waiting briefly for requests in flight.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := s.http.Shutdown(ctx); err != nil {
		// Connections a client dialled but never used hold a graceful shutdown for
		// seconds; there is nothing in flight on them to lose.
		s.http.Close()
	}
	if err := <-s.done; err != nil {
		return fmt.Errorf("emulator serve: %w", err)
	}
	return nil
}

// lookupCredential returns a copy of the credential with this access key ID.
func (e *Emulator) lookupCredential(accessKeyID string) (credential, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.creds[accessKeyID]
	if !ok {
		return credential{}, false
	}
	return *c, true
}
